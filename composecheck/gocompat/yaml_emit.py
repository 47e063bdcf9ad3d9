"""YAML text exactly as ``docker compose config`` prints it (go-yaml v3's emitter).

Compose encodes its project with go-yaml v3 (two-space indent, no line width), whose
emitter is a port of libyaml's. Only the block layout Compose produces is needed:
mappings and sequences in block style, ``{}`` / ``[]`` for empty ones, and scalars in
plain, single-quoted, double-quoted or literal style. Each rule below was checked
against the reference binary (see ``tests/unit/test_render_text.py``).

Choosing a string's style takes two steps, as in go-yaml:

1. the encoder asks for a literal block when the string holds a newline, for plain
   style when the plain text would read back as the same string, and for double
   quotes otherwise (numbers, booleans, null, YAML 1.1 booleans such as ``yes``/``on``,
   base-60 numbers such as ``1:20``, timestamps such as ``2001-12-14``);
2. the emitter's analysis of the characters may refuse that style: plain falls back to
   single quotes, single quotes and literal blocks fall back to double quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from composecheck.gocompat.yaml_scalar import (
    BREAKS,
    INDENT,
    MAX_SIMPLE_KEY,
    Verbatim,
    key_cache,
    key_text,
    scalar,
    string_cache,
    string_style,
)

__all__ = ["Verbatim", "dump"]


def _emit_mapping(mapping: Mapping[str, Any], indent: int, out: list[str], first: str) -> None:
    """Write a non-empty mapping whose keys sit at column ``indent``.

    ``first`` is what precedes the first key on its line (``"- "`` prefixes of sequence
    items); the other keys start on fresh lines.
    """
    pad = " " * indent
    lead = first
    child = indent + INDENT
    strings = string_cache
    keys = key_cache
    for key, value in mapping.items():
        k = keys.get(key) if key.__class__ is str else None
        if k is None:
            if isinstance(key, str) and (len(key.encode()) > MAX_SIMPLE_KEY or _has_break(key)):
                _emit_explicit_entry(key, value, indent, out, lead)
                lead = pad
                continue
            else:
                k = key_text(key) if isinstance(key, str) else scalar(key, indent)
        if value.__class__ is str:
            text = strings.get(value) or string_style(value, child)
            if text[-1] == "\n":
                out.append(f"{lead}{k}: {text}")
            else:
                out.append(f"{lead}{k}: {text}\n")
        elif isinstance(value, dict):
            if value:
                mark = len(out)
                out.append(f"{lead}{k}:\n")
                _emit_mapping(value, child, out, " " * child)
                if indent == INDENT:
                    # Join each service (network, volume...) once written: a million
                    # small pieces cost far more memory than the text they make.
                    out[mark:] = ["".join(out[mark:])]
            else:
                out.append(f"{lead}{k}: {{}}\n")
        elif isinstance(value, list):
            if value:
                out.append(f"{lead}{k}:\n")
                _emit_sequence(value, child, out, " " * child)
            else:
                out.append(f"{lead}{k}: []\n")
        else:
            text = scalar(value, child)
            if text[-1] == "\n":
                out.append(f"{lead}{k}: {text}")
            else:
                out.append(f"{lead}{k}: {text}\n")
        lead = pad


def _has_break(text: str) -> bool:
    """Whether libyaml counts ``text`` as multi-line (any of YAML's line breaks)."""
    return any(ch in text for ch in BREAKS)


def _emit_explicit_entry(key: str, value: Any, indent: int, out: list[str], lead: str) -> None:
    """A key too long or multi-line for a simple key: ``? key`` then ``: value``, the
    value laid out as a sequence item is (its first line after the ``: ``)."""
    pad = " " * indent
    child = indent + INDENT
    text = string_style(key, child)
    out.append(f"{lead}? {text}" if text[-1] == "\n" else f"{lead}? {text}\n")
    if isinstance(value, dict) and value:
        _emit_mapping(value, child, out, pad + ": ")
    elif isinstance(value, list) and value:
        _emit_sequence(value, child, out, pad + ": ")
    else:
        if isinstance(value, dict):
            text = "{}"
        elif isinstance(value, list):
            text = "[]"
        else:
            text = scalar(value, child)
        out.append(f"{pad}: {text}" if text[-1] == "\n" else f"{pad}: {text}\n")


def _emit_sequence(items: list[Any], indent: int, out: list[str], first: str) -> None:
    """Write a non-empty sequence whose dashes sit at column ``indent``."""
    pad = " " * indent
    lead = first
    child = indent + INDENT
    strings = string_cache
    for item in items:
        if item.__class__ is str:
            text = strings.get(item) or string_style(item, child)
            if text[-1] == "\n":
                out.append(f"{lead}- {text}")
            else:
                out.append(f"{lead}- {text}\n")
        elif isinstance(item, dict):
            if item:
                _emit_mapping(item, child, out, lead + "- ")
            else:
                out.append(f"{lead}- {{}}\n")
        elif isinstance(item, list):
            if item:
                _emit_sequence(item, child, out, lead + "- ")
            else:
                out.append(f"{lead}- []\n")
        else:
            text = scalar(item, child)
            if text[-1] == "\n":
                out.append(f"{lead}- {text}")
            else:
                out.append(f"{lead}- {text}\n")
        lead = pad


def dump(doc: Any) -> str:
    """The document as go-yaml v3 writes it with an indent of 2 (ends with a newline)."""
    out: list[str] = []
    if isinstance(doc, dict):
        if doc:
            _emit_mapping(doc, 0, out, "")
        else:
            out.append("{}\n")
    elif isinstance(doc, list):
        if doc:
            _emit_sequence(doc, 0, out, "")
        else:
            out.append("[]\n")
    else:
        text = scalar(doc, 0)
        out.append(text if text.endswith("\n") else text + "\n")
    return "".join(out)
