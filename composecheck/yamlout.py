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

import calendar
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

_INDENT = 2
# go-yaml writes keys longer than this as explicit ``? key`` entries.
_MAX_SIMPLE_KEY = 128

_BREAKS = "\r\n\x85\u2028\u2029"
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")

# Strings the YAML resolver reads as something else than a string.
_RESOLVE_MAP = frozenset(
    {
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        ".nan",
        ".NaN",
        ".NAN",
        ".inf",
        ".Inf",
        ".INF",
        "+.inf",
        "+.Inf",
        "+.INF",
        "-.inf",
        "-.Inf",
        "-.INF",
    }
)
# YAML 1.1 booleans: go-yaml quotes them so that YAML 1.1 readers keep them strings.
_OLD_BOOLS = frozenset(
    {
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "on",
        "On",
        "ON",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "off",
        "Off",
        "OFF",
    }
)
_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")
_YAML_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DOT_FLOAT = re.compile(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_GO_INT = re.compile(
    r"([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))\Z"
)
_BIN = re.compile(r"-?0b([01]+)\Z")
_OCT = re.compile(r"-?0o([0-7]+)\Z")
_DATE = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
_CLOCK = r"([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?"
_TIMESTAMPS = (
    re.compile(_DATE + r"\Z"),
    re.compile(_DATE + " " + _CLOCK + r"\Z"),
    re.compile(_DATE + "[Tt]" + _CLOCK + r"(?:Z|[-+]([0-9]{2}):([0-9]{2}))\Z"),
)

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
_PLAIN_SAFE = re.compile(
    r"(?!---|\.\.\.)(?:[-?:](?=[!-~])|[^-?:#,\[\]{}&*!|>'\"%@` \x00-\x1f\x7f-\U0010ffff])"
    r"(?:[!-9;-~]|:(?=[!-~])| (?=[!-\"$-~]))*\Z"
)


def _printable(ch: str) -> bool:
    """go-yaml's ``is_printable``: it leaves out everything beyond the BMP, too."""
    o = ord(ch)
    return (
        o == 0x0A
        or 0x20 <= o <= 0x7E
        or 0xA0 <= o <= 0xD7FF
        or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)
    )


def _go_int(text: str) -> bool:
    """Whether Go's ``strconv.ParseInt``/``ParseUint`` with base 0 accepts ``text``."""
    m = _GO_INT.match(text)
    if m is None:
        return False
    sign, hexa, octal, binary, legacy_octal, decimal = m.groups()
    if hexa is not None:
        value = int(hexa, 16)
    elif octal is not None:
        value = int(octal, 8)
    elif binary is not None:
        value = int(binary, 2)
    elif legacy_octal is not None:
        value = int(legacy_octal, 8)
    else:
        value = int(decimal)
    if sign == "-":
        return value <= 2**63
    return value < 2**64


def _valid_timestamp(m: re.Match[str]) -> bool:
    groups = m.groups()
    year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    if len(groups) > 3:
        hour, minute, second = int(groups[3]), int(groups[4]), int(groups[5])
        if hour > 23 or minute > 59 or second > 59:
            return False
    return not (
        len(groups) > 6 and groups[6] is not None and (int(groups[6]) > 23 or int(groups[7]) > 59)
    )


def _resolves_to_string(text: str) -> bool:
    """Whether go-yaml v3 reads the plain scalar ``text`` back as this string."""
    if text in _RESOLVE_MAP:
        return False
    first = text[0]
    if first == ".":
        return _DOT_FLOAT.match(text) is None
    if not (first.isascii() and (first.isdigit() or first in "+-")):
        return True
    if text[:4].isdigit() and text[4:5] == "-":
        for pattern in _TIMESTAMPS:
            m = pattern.match(text)
            if m is not None and _valid_timestamp(m):
                return False
    plain = text.replace("_", "")
    if _go_int(plain) or _YAML_FLOAT.match(plain):
        return False
    return not (_BIN.match(plain) or _OCT.match(plain))


def _encoder_wants_plain(text: str) -> bool:
    return (
        text != ""
        and _resolves_to_string(text)
        and text not in _OLD_BOOLS
        and _BASE60.match(text) is None
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
            if ch in _BREAKS:
                line_breaks = True
            if ch == " ":
                if i == 0:
                    leading_space = True
                if i == last:
                    trailing_space = True
                if previous_break:
                    break_space = True
                previous_space, previous_break = True, False
            elif ch in _BREAKS:
                if i == 0:
                    leading_break = True
                if i == last:
                    trailing_break = True
                if previous_space:
                    space_break = True
                previous_space, previous_break = False, True
            else:
                previous_space = previous_break = False
            preceded_by_whitespace = ch in " \t" or ch in _BREAKS
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
    if text[0] == " " or text[0] in _BREAKS:
        hints = str(_INDENT)
    if text[-1] not in _BREAKS:
        hints += "-"
    elif len(text) == 1 or text[-2] in _BREAKS:
        hints += "+"
    pad = " " * indent
    if "\u2028" in text or "\u2029" in text:
        body = _literal_with_separators(text, pad)
    else:
        body = "\n".join(pad + line if line else "" for line in text.split("\n"))
    if text[-1] not in _BREAKS:
        body += "\n"
    return "|" + hints + "\n" + body


def _literal_with_separators(text: str, pad: str) -> str:
    out: list[str] = []
    at_line_start = True
    for ch in text:
        if ch in _BREAKS:
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
_string_cache: dict[str, str] = {}
_key_cache: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def _plain_at_once(text: str) -> bool:
    """A quick yes for the common case: nothing in ``text`` worries the emitter."""
    return _PLAIN_SAFE.match(text) is not None and _encoder_wants_plain(text)


def _string(text: str, indent: int) -> str:
    """A string in value position; literal blocks end with their newline."""
    result = _string_cache.get(text)
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
    if cacheable and len(_string_cache) < _CACHE_LIMIT:
        _string_cache[text] = result
    return result


def _key(text: str) -> str:
    """A mapping key in simple-key position (callers handle long and multi-line keys)."""
    cached = _key_cache.get(text)
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
    if len(_key_cache) < _CACHE_LIMIT:
        _key_cache[text] = result
    return result


def _shortest(value: float) -> tuple[str, str, int]:
    """Sign, shortest round-trip digits and decimal-point position of a finite float."""
    sign, digits_t, exponent = Decimal(repr(value)).as_tuple()
    assert isinstance(exponent, int)
    all_digits = "".join(map(str, digits_t))
    digits = all_digits.rstrip("0") or "0"
    exponent += len(all_digits) - len(digits)
    return ("-" if sign else ""), digits, len(digits) + exponent


def _exponent_form(neg: str, digits: str, dp: int) -> str:
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    exp10 = dp - 1
    return f"{neg}{mantissa}e{'-' if exp10 < 0 else '+'}{abs(exp10):02d}"


def _positional_form(neg: str, digits: str, dp: int) -> str:
    if dp <= 0:
        return f"{neg}0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return f"{neg}{digits}{'0' * (dp - len(digits))}"
    return f"{neg}{digits[:dp]}.{digits[dp:]}"


def go_float(value: float) -> str:
    """``strconv.FormatFloat(v, 'g', -1, 64)`` with YAML's names for the infinities."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    neg, digits, dp = _shortest(value)
    # The shortest %g switches to the exponent form from an exponent of 6 on.
    if dp - 1 < -4 or dp - 1 >= 6:
        return _exponent_form(neg, digits, dp)
    return _positional_form(neg, digits, dp)


def go_json_float(value: float) -> str:
    """A finite float as Go's encoding/json writes it."""
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    neg, digits, dp = _shortest(value)
    if abs(value) < 1e-6 or abs(value) >= 1e21:
        text = _exponent_form(neg, digits, dp)
        # encoding/json trims the exponent's leading zero: 1e-07 becomes 1e-7.
        return re.sub(r"e([-+])0(\d)$", r"e\1\2", text)
    return _positional_form(neg, digits, dp)


def _scalar(value: Any, indent: int) -> str:
    if isinstance(value, str):
        return _string(value, indent)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_float(value)
    return _string(str(value), indent)


def _emit_mapping(mapping: Mapping[str, Any], indent: int, out: list[str], first: str) -> None:
    """Write a non-empty mapping whose keys sit at column ``indent``.

    ``first`` is what precedes the first key on its line (``"- "`` prefixes of sequence
    items); the other keys start on fresh lines.
    """
    pad = " " * indent
    lead = first
    child = indent + _INDENT
    strings = _string_cache
    keys = _key_cache
    for key, value in mapping.items():
        k = keys.get(key) if key.__class__ is str else None
        if k is None:
            if isinstance(key, str) and (
                len(key.encode()) > _MAX_SIMPLE_KEY or "\n" in key or "\u2028" in key
            ):
                _emit_explicit_entry(key, value, indent, out, lead)
                lead = pad
                continue
            else:
                k = _key(key) if isinstance(key, str) else _scalar(key, indent)
        if value.__class__ is str:
            text = strings.get(value) or _string(value, child)
            if text[-1] == "\n":
                out.append(f"{lead}{k}: {text}")
            else:
                out.append(f"{lead}{k}: {text}\n")
        elif isinstance(value, dict):
            if value:
                mark = len(out)
                out.append(f"{lead}{k}:\n")
                _emit_mapping(value, child, out, " " * child)
                if indent == _INDENT:
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
            text = _scalar(value, child)
            if text[-1] == "\n":
                out.append(f"{lead}{k}: {text}")
            else:
                out.append(f"{lead}{k}: {text}\n")
        lead = pad


def _emit_explicit_entry(key: str, value: Any, indent: int, out: list[str], lead: str) -> None:
    """A key too long or multi-line for a simple key: ``? key`` then ``: value``, the
    value laid out as a sequence item is (its first line after the ``: ``)."""
    pad = " " * indent
    child = indent + _INDENT
    text = _string(key, child)
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
            text = _scalar(value, child)
        out.append(f"{pad}: {text}" if text[-1] == "\n" else f"{pad}: {text}\n")


def _emit_sequence(items: list[Any], indent: int, out: list[str], first: str) -> None:
    """Write a non-empty sequence whose dashes sit at column ``indent``."""
    pad = " " * indent
    lead = first
    child = indent + _INDENT
    strings = _string_cache
    for item in items:
        if item.__class__ is str:
            text = strings.get(item) or _string(item, child)
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
            text = _scalar(item, child)
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
        text = _scalar(doc, 0)
        out.append(text if text.endswith("\n") else text + "\n")
    return "".join(out)
