"""Masking secrets in whatever is printed: messages, warnings, reports.

Compose's messages quote the value they refuse (``parsing "ghp_…": invalid syntax``), so
a token interpolated into ``cpus`` or pasted as a ``depends_on`` name would be printed
whole. Rather than patching each message, what is printed passes through one
:class:`Scrubber` at the output boundary (the command line's stderr, each report):

* every value the detector judges a secret anywhere in what the load read (the shell,
  ``.env`` and ``--env-file`` variables, every scalar of the compose files, judged with
  the key it is written under) is replaced wherever it appears, as written or in the
  escaped forms messages and reports give it (Go's ``%q``, JSON, XML, GitHub's
  workflow commands, ``$$``);
* provider formats (GitHub, AWS, Slack, Stripe, Google keys, JWTs, PEM private keys...)
  are masked wherever they appear, whether or not the load saw them.

The replacement is :func:`~composecheck.secrets.masking.mask`'s, as findings show values
(``gh…(40 chars)``), or a fixed text (``<redacted>`` for ``render --redact``). Weak
defaults (``postgres``, ``admin``) are left alone: they are public knowledge, and masking
them would hide ordinary words (an image called ``postgres``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from composecheck.gocompat.quote import go_quote
from composecheck.secrets.extract import command_pairs, split_assignment, text_pairs
from composecheck.secrets.judge import classify, shannon
from composecheck.secrets.keys import key_info
from composecheck.secrets.literals import is_reference
from composecheck.secrets.masking import mask
from composecheck.secrets.patterns import format_spans, value_format

if TYPE_CHECKING:
    from composecheck.load.readings import Readings

#: Shorter values are never replaced: they would hide unrelated text.
MIN_LENGTH = 4
#: Values shorter than this are replaced only as whole words.
WORD_LENGTH = 8

_WORD_CHAR = r"[A-Za-z0-9_]"


def _judge(key: str | None, value: str, out: set[str]) -> None:
    text = value.strip()
    if len(text) < MIN_LENGTH:
        return
    verdict = classify(key, text)
    if verdict is not None and verdict.kind == "secret" and not verdict.weak:
        out.add(text)
    elif (
        verdict is None
        and key is not None
        and key_info(key).credential
        and not is_reference(text)
        and _distinctive(text)
    ):
        # Random-looking under a credential's name but not reported (it may pass for a
        # path: an AWS secret key starting with "/"): masking it hides nothing a reader
        # needs, where a finding would have to be sure.
        out.add(text)


def _scalar(key: str | None, value: str, out: set[str]) -> None:
    _judge(key, value, out)
    if "\n" in value or "=" in value or ":" in value:
        for k, found in text_pairs(value):
            if found != value:
                _judge(k, found, out)
    if " " in value:
        for k, found in command_pairs(value):
            if found != value:
                _judge(k, found, out)


def _walk(node: Any, key: str | None, out: set[str]) -> None:
    stack: list[tuple[Any, str | None]] = [(node, key)]
    while stack:
        value, key = stack.pop()
        if isinstance(value, str):
            _scalar(key, value, out)
        elif isinstance(value, Mapping):
            for k, v in value.items():
                stack.append((v, k if isinstance(k, str) else key))
        elif isinstance(value, (list, tuple)):
            for item in value:
                pair = split_assignment(item) if isinstance(item, str) else None
                if pair is not None:
                    _judge(pair[0], pair[1], out)
                stack.append((item, key))
            if value and all(isinstance(v, str) for v in value):
                for k, found in command_pairs(list(value)):
                    _judge(k, found, out)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            _judge(key, str(value), out)


def secret_values(readings: Readings | None, *models: Any, within: str | None = None) -> set[str]:
    """Every value the detector judges a secret among what a load read, and in
    ``models`` (resolved projects: their values folded from ``env_file`` too).

    ``within``: only the values that this (short) text may show, whole or in part: a
    message printed once is checked without judging every value of a large stack.
    """
    out: set[str] = set()
    lower = within.lower() if within is not None else None

    def judge(key: str | None, value: str) -> None:
        if lower is None or _shown(value, lower):
            _judge(key, value, out)

    if readings is not None:
        for variables in readings.variables:
            for name, variable in list(variables.items()):
                judge(name, variable)
        for written_under, scalar in readings.scalars:
            if lower is None or _shown(scalar, lower):
                _scalar(written_under, scalar, out)
        for sequence in readings.sequences:
            if lower is not None and not any(_shown(item, lower) for item in sequence):
                continue
            for item in sequence:
                pair = split_assignment(item)
                if pair is not None:
                    judge(pair[0], pair[1])
            for k, found in command_pairs(sequence):
                judge(k, found)
    for model in models:
        _walk(model, None, out)
    if readings is not None:
        out = {value for value in out if not readings.public(value)}
    return out


def _shown(value: str, lower: str) -> bool:
    """Whether ``lower`` (a text in lower case) may show ``value`` or a part of it that
    :class:`Scrubber` would mask."""
    value = value.lower()
    if len(value) < RUN + RUN_STEP:
        return value in lower or go_quote(value)[1:-1] in lower
    return any(value[i : i + RUN] in lower for i in range(0, len(value) - RUN + 1, RUN_STEP))


def _xml_text(text: str) -> str:
    """As ElementTree writes element text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attribute(text: str) -> str:
    """As ElementTree writes an attribute value."""
    return (
        _xml_text(text)
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _github(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github(text).replace(":", "%3A").replace(",", "%2C")


# How a value may be written in a message (as is, Go-quoted, $-escaped), then in a
# report (as is, JSON, XML, a GitHub workflow command).
_WRITTEN: tuple[Callable[[str], str], ...] = (
    lambda v: v,
    lambda v: go_quote(v)[1:-1],
    lambda v: go_quote(v, "'")[1:-1],
    lambda v: v.replace("$", "$$"),
)
_REPORTED: tuple[Callable[[str], str], ...] = (
    lambda v: v,
    lambda v: json.dumps(v)[1:-1],
    lambda v: json.dumps(v, ensure_ascii=False)[1:-1],
    _xml_text,
    _xml_attribute,
    _github,
    _github_property,
)


def _replace_words(text: str, form: str, shown: str) -> str:
    pattern = re.compile(f"(?<!{_WORD_CHAR}){re.escape(form)}(?!{_WORD_CHAR})")
    return pattern.sub(lambda _match: shown, text)


class Scrubber:
    """Replaces the given secret values, and provider formats, in any text."""

    def __init__(self, values: Iterable[str] = (), replacement: str | None = None) -> None:
        self.replacement = replacement
        forms: dict[str, tuple[str, bool]] = {}
        for value in sorted({v for v in values if len(v) >= MIN_LENGTH}, key=len, reverse=True):
            shown = replacement if replacement is not None else mask(value)
            whole_word = len(value) < WORD_LENGTH
            variants = [value]
            if len(value) >= WORD_LENGTH and value.lower() != value:
                variants.append(value.lower())  # project names are lowercased
            for variant in variants:
                for written in _WRITTEN:
                    for reported in _REPORTED:
                        form = reported(written(variant))
                        if form not in forms:
                            forms[form] = (reported(written(shown)), whole_word)
        # Longest first, so that a value inside a longer one is not replaced first.
        self._forms = sorted(forms.items(), key=lambda f: len(f[0]), reverse=True)
        # Random-looking secrets, and the random-looking lines of others (a PEM key's),
        # in lower case: their parts are looked for in any case (messages lowercase
        # what they quote: a port's protocol, a project name).
        self._distinctive = sorted(
            {piece.lower() for v in values for piece in v.split() if _distinctive(piece)}
        )

    def __call__(self, text: str) -> str:
        # Provider formats first: a whole PEM block, before a line of it is replaced.
        for start, end in reversed(format_spans(text)):
            found = text[start:end]
            shown = self.replacement if self.replacement is not None else mask(found)
            text = text[:start] + shown + text[end:]
        for form, (shown, whole_word) in self._forms:
            if form in text:
                text = (
                    _replace_words(text, form, shown) if whole_word else text.replace(form, shown)
                )
        # What is left: part of a secret (Compose's unit parsers quote what precedes the
        # last digit: parsing "AIzaSyA1b2C3d4": invalid syntax).
        if self._distinctive:
            lower = text.lower()
            if len(lower) != len(text):  # a letter whose lower case is longer: keep it
                lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
            spans = _merge([s for v in self._distinctive for s in _runs(lower, v)])
            for start, end in reversed(spans):
                found = text[start:end]
                shown = self.replacement if self.replacement is not None else mask(found)
                text = text[:start] + shown + text[end:]
        return text


#: Parts of a distinctive secret are looked for by their pieces of ``RUN`` characters
#: every ``RUN_STEP``: any part of ``PART`` characters or more holds one. Shorter parts
#: are left: a password with a word in it ("abcdPassword1234") must not hide the word.
RUN = 8
RUN_STEP = 4
PART = RUN + RUN_STEP - 1


@functools.lru_cache(maxsize=4096)
def _distinctive(value: str) -> bool:
    """A random-looking secret: no part of it is ordinary text (not a URL, not words).
    A provider format is one whatever its letters (an AWS key id may repeat a few).
    Cached: the same values are judged for every environment and every output."""
    if len(value) < 16 or "://" in value or _SPACE.search(value):
        return False
    return shannon(value) >= 3.5 or value_format(value) is not None


# What str.isspace() calls whitespace (the same Unicode table), found at C speed.
_SPACE = re.compile(r"\s")


#: A part is looked for from the first ``SEARCHED`` characters of a secret only, then
#: followed as far as it goes: a hostile 10 MB token costs a few finds, not millions.
SEARCHED = 4096


def _runs(text: str, value: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of ``text`` that are parts of ``value`` (``PART`` or longer)."""
    spans: list[tuple[int, int]] = []
    # Per alignment (text position minus value position), where its match ends: a
    # match already followed is not followed again from each of its pieces.
    followed: dict[int, int] = {}
    for offset in range(0, min(len(value), SEARCHED) - RUN + 1, RUN_STEP):
        part = value[offset : offset + RUN]
        start = text.find(part)
        while start >= 0:
            end = followed.get(start - offset, -1)
            if end > start:
                # Inside a match already followed: go on after it (parts that start
                # inside it and run past its end still overlap its last piece).
                start = text.find(part, max(start + 1, end - RUN + 1))
                continue
            a, va = start, offset
            while a > 0 and va > 0 and text[a - 1] == value[va - 1]:
                a, va = a - 1, va - 1
            b = _follow(text, value, start + RUN, offset + RUN)
            followed[start - offset] = b
            if b - a >= PART:
                spans.append((a, b))
            start = text.find(part, start + 1)
    return _merge(spans)


def _follow(text: str, value: str, b: int, vb: int) -> int:
    """Where the match of ``value[vb:]`` at ``text[b:]`` ends (compared a block at a time)."""
    block = 64
    while b < len(text) and vb < len(value):
        if text[b : b + block] == value[vb : vb + block]:
            b, vb = b + block, vb + block
            block = min(block * 2, 1 << 20)
            continue
        if block > 1:
            block //= 2
            continue
        break
    return min(b, len(text))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


__all__ = ["MIN_LENGTH", "Scrubber", "secret_values"]
