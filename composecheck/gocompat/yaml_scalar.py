"""How go-yaml v3 writes one scalar: the style it picks for a string (plain, single-
or double-quoted, literal block), its escapes, and keys. The block layout around the
scalars is :mod:`composecheck.gocompat.yaml_emit`.
"""

from __future__ import annotations

import re
import string
from typing import Any

from composecheck.gocompat.numbers import go_yaml_float
from composecheck.gocompat.yaml_resolve import encoder_wants_plain as _encoder_wants_plain


class Verbatim(str):
    """A scalar go-yaml writes plain whatever it would read back as: a ``time.Time``
    (``2001-01-01T00:00:00Z``), which a string of the same text would have quoted."""

    __slots__ = ()


INDENT = 2
# go-yaml writes keys longer than this as explicit ``? key`` entries.
MAX_SIMPLE_KEY = 128

BREAKS = "\r\n\x85\u2028\u2029"
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")

# Characters double quotes write as a backslash escape.
_ESCAPES = {
    "\0": "0",
    "\a": "a",
    "\b": "b",
    "\t": "t",
    "\n": "n",
    "\v": "v",
    "\f": "f",
    "\r": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}
# Printable ASCII that no emitter rule rejects for a plain scalar: no indicator first,
# no ": ", " #", leading or trailing space, trailing ":", "---" or "..." start.
# Checked with string methods, not one regular expression: Python's ``re`` keeps state
# for every repetition of a group, some 120 bytes a character (1.2 GB for a 10 MB value).
_PLAIN_FIRST = frozenset("$()+./0123456789;<=\\^_~" + string.ascii_letters)


def _plain_safe(text: str) -> bool:
    if not (text.isascii() and text.isprintable()) or text.startswith(("---", "...")):
        return False
    first = text[:1]
    if first in ("-", "?", ":"):
        if len(text) < 2 or text[1] == " ":
            return False
    elif first not in _PLAIN_FIRST:
        return False
    return not (text.endswith((":", " ")) or ": " in text or "  " in text or " #" in text)


def _printable(ch: str) -> bool:
    """go-yaml's ``is_printable``: it leaves out everything beyond the BMP, too."""
    o = ord(ch)
    return (
        o == 0x0A
        or 0x20 <= o <= 0x7E
        or 0xA0 <= o <= 0xD7FF
        or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)
    )


class _Analysis:
    """The emitter's verdict on a scalar (libyaml's ``yaml_emitter_analyze_scalar``)."""

    __slots__ = ("block", "multiline", "plain", "single")

    def __init__(self, text: str) -> None:
        self.multiline = False
        if not text:
            self.plain, self.single, self.block = False, True, False
            return
        # Only block context matters: Compose's output has no flow collections of
        # scalars, so the flow indicators (",", "[", ...) never force quotes.
        block_indicators = text.startswith(("---", "..."))
        line_breaks = special = tabs = False
        leading_space = leading_break = trailing_space = trailing_break = False
        break_space = space_break = previous_space = previous_break = False
        preceded_by_whitespace = True
        last = len(text) - 1
        for i, ch in enumerate(text):
            followed_by_whitespace = i == last or text[i + 1] in " \t"
            if i == 0:
                if ch in _FIRST_INDICATORS or (ch in "?:-" and followed_by_whitespace):
                    block_indicators = True
            elif (ch == ":" and followed_by_whitespace) or (ch == "#" and preceded_by_whitespace):
                block_indicators = True
            if ch == "\t":
                tabs = True
            elif not _printable(ch):
                special = True
            if ch in BREAKS:
                line_breaks = True
            if ch == " ":
                if i == 0:
                    leading_space = True
                if i == last:
                    trailing_space = True
                if previous_break:
                    break_space = True
                previous_space, previous_break = True, False
            elif ch in BREAKS:
                if i == 0:
                    leading_break = True
                if i == last:
                    trailing_break = True
                if previous_space:
                    space_break = True
                previous_space, previous_break = False, True
            else:
                previous_space = previous_break = False
            preceded_by_whitespace = ch in " \t" or ch in BREAKS
        self.multiline = line_breaks
        plain = single = block = True
        if leading_space or leading_break or trailing_space or trailing_break:
            plain = False
        if trailing_space:
            block = False
        if break_space:
            plain = single = False
        if space_break or special:
            plain = single = block = False
        if tabs:
            plain = single = False
        if line_breaks:
            plain = False
        if block_indicators:
            plain = False
        self.plain, self.single, self.block = plain, single, block


def _double_quoted(text: str) -> str:
    out = ['"']
    # go-yaml looks for a byte order mark at the start of the string, not at each
    # character: after a leading BOM every character comes out escaped.
    escape_all = text.startswith("\ufeff")
    for ch in text:
        if ch in _ESCAPES:
            out.append("\\" + _ESCAPES[ch])
        elif escape_all or not _printable(ch):
            o = ord(ch)
            if o <= 0xFF:
                out.append(f"\\x{o:02X}")
            elif o <= 0xFFFF:
                out.append(f"\\u{o:04X}")
            else:
                out.append(f"\\U{o:08X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _single_quoted(text: str, indent: int) -> str:
    body = text.replace("'", "''")
    if "\u2028" in body or "\u2029" in body:
        # A line separator ends the output line: the emitter indents what follows.
        body = re.sub("([\u2028\u2029]+)(?=.)", lambda m: m.group(1) + " " * indent, body)
    return "'" + body + "'"


def _literal(text: str, indent: int) -> str:
    """A ``|`` block; ``indent`` is the column of its lines."""
    hints = ""
    if text[0] == " " or text[0] in BREAKS:
        hints = str(INDENT)
    if text[-1] not in BREAKS:
        hints += "-"
    elif len(text) == 1 or text[-2] in BREAKS:
        hints += "+"
    pad = " " * indent
    if "\u2028" in text or "\u2029" in text:
        body = _literal_with_separators(text, pad)
    else:
        body = "\n".join(pad + line if line else "" for line in text.split("\n"))
    if text[-1] not in BREAKS:
        body += "\n"
    return "|" + hints + "\n" + body


def _literal_with_separators(text: str, pad: str) -> str:
    out: list[str] = []
    at_line_start = True
    for ch in text:
        if ch in BREAKS:
            out.append(ch)
            at_line_start = True
        else:
            if at_line_start:
                out.append(pad)
            out.append(ch)
            at_line_start = False
    return "".join(out)


# Styles depend on the text only, except literal blocks and line separators in single
# quotes, which carry the indentation: those are not cached.
string_cache: dict[str, str] = {}
key_cache: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def _plain_at_once(text: str) -> bool:
    """A quick yes for the common case: nothing in ``text`` worries the emitter."""
    return _plain_safe(text) and _encoder_wants_plain(text)


def string_style(text: str, indent: int) -> str:
    """A string in value position; literal blocks end with their newline."""
    result = string_cache.get(text)
    if result is not None:
        return result
    cacheable = True
    if _plain_at_once(text):
        result = text
    elif "\n" in text:
        if _Analysis(text).block:
            result = _literal(text, indent)
            cacheable = False
        else:
            result = _double_quoted(text)
    elif _encoder_wants_plain(text):
        analysis = _Analysis(text)
        if analysis.plain:
            result = text
        elif analysis.single:
            result = _single_quoted(text, indent)
            cacheable = "\u2028" not in text and "\u2029" not in text
        else:
            result = _double_quoted(text)
    else:
        result = _double_quoted(text)
    if cacheable and len(string_cache) < _CACHE_LIMIT:
        string_cache[text] = result
    return result


def key_text(text: str) -> str:
    """A mapping key in simple-key position (callers handle long and multi-line keys)."""
    cached = key_cache.get(text)
    if cached is not None:
        return cached
    if _plain_at_once(text):
        result = text
    elif _encoder_wants_plain(text) and "\n" not in text:
        analysis = _Analysis(text)
        if analysis.multiline:
            result = _double_quoted(text)
        elif analysis.plain:
            result = text
        elif analysis.single:
            result = _single_quoted(text, 0)
        else:
            result = _double_quoted(text)
    else:
        result = _double_quoted(text)
    if len(key_cache) < _CACHE_LIMIT:
        key_cache[text] = result
    return result


def scalar(value: Any, indent: int) -> str:
    if value.__class__ is Verbatim:
        return str(value)
    if isinstance(value, str):
        return string_style(value, indent)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_yaml_float(value)
    return string_style(str(value), indent)
