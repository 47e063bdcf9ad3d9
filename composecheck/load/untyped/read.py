"""Reading for the untyped mode: each document as plain values, and what it resets.

The positioned trees of :mod:`..reader` are decoded into ``dict``/``list`` values the way
go-yaml decodes into ``map[string]any``; ``!reset`` and ``!override`` become the paths
they remove from what was merged before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import InputError
from composecheck.load.source import read_bytes, read_documents
from composecheck.load.tree import Override, Reset, Timestamp, YList, YMap
from composecheck.load.untyped.gocompat import Path, go_time, matches


@dataclass
class Doc:
    """One YAML document as Compose decodes it, and the keys it resets or overrides."""

    data: dict[str, Any]
    resets: list[Path] = field(default_factory=list)
    #: The positioned tree it was decoded from, to locate errors in.
    tree: YMap | None = None


def _decode(value: Any, path: Path, resets: list[Path]) -> Any:
    """Plain values from the positioned tree; ``!reset``/``!override`` recorded."""
    if isinstance(value, YMap):
        out: dict[str, Any] = {}
        for key, item in value.items():
            sub = (*path, key)
            if isinstance(item, Reset):
                resets.append(sub)
                continue
            if isinstance(item, Override):
                resets.append(sub)
                item = item.value
            out[str(key)] = _decode(item, sub, resets)
        return out
    if isinstance(value, YList):
        items: list[Any] = []
        for index, item in enumerate(value):
            sub = (*path, str(index))
            if isinstance(item, Reset):
                continue
            if isinstance(item, Override):
                item = item.value
            items.append(_decode(item, sub, resets))
        return items
    if isinstance(value, Override):
        return _decode(value.value, path, resets)
    if isinstance(value, Reset):
        return None
    if isinstance(value, str) and value.__class__ is not str:
        # go-yaml decodes a timestamp-like plain scalar into a time.Time.
        return value if isinstance(value, Timestamp) and go_time(value) else str(value)
    return value


def read_docs(path: str, data: bytes | None = None) -> list[Doc | InputError]:
    """The documents of a file (``data``: its bytes when already read, as for stdin); a
    document that is not a mapping is the error Compose reports when it reaches it,
    after the documents before it."""
    if data is None:
        data = read_bytes(path, None)
    out: list[Doc | InputError] = []
    for doc in read_documents(data, path):
        if isinstance(doc, InputError):
            out.append(doc)
            continue
        resets: list[Path] = []
        out.append(Doc(_decode(doc, (), resets), resets, doc))
    return out


def apply_resets(target: Any, resets: Sequence[Path], path: Path = ()) -> None:
    """Remove from what was merged so far every key a document resets or overrides."""
    if not resets or not isinstance(target, dict):
        return
    for key in list(target):
        sub = (*path, key)
        if any(matches(sub, r) for r in resets):
            del target[key]
            continue
        apply_resets(target[key], resets, sub)


def declared_name(paths: Sequence[str], stdin: bytes | None) -> str | None:
    """The last non-empty ``name:`` of the files, as written (no interpolation)."""
    name: str | None = None
    for path in paths:
        try:
            docs = read_docs(path, stdin if path == "-" else None)
        except InputError:
            break
        for doc in docs:
            if isinstance(doc, InputError):
                continue
            raw = doc.data.get("name")
            if isinstance(raw, str) and raw:
                name = raw
    return name


__all__ = ["Doc", "apply_resets", "declared_name", "read_docs"]
