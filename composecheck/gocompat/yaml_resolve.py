"""go-yaml v3's resolver: what an untagged plain scalar means (YAML 1.2 core schema,
with go-yaml's quirks).

Both directions live here. Reading (:func:`resolve_plain`): ``yes`` is a string,
``0755`` octal, ``2001-12-14`` a timestamp. Writing (:func:`encoder_wants_plain`):
the encoder writes a string plain only when it would read back as the same string, and
quotes YAML 1.1 booleans and base-60 numbers so that YAML 1.1 readers agree.

The two directions still disagree on two corner cases, each kept as it was (see
``_emitter_int`` and ``_valid_timestamp``): integers beyond uint64 spelled with a
``+`` or in binary, and timestamps whose fields are out of range. Go's resolver is one
function; bringing the two in line is a change of behaviour, to be checked against the
reference on its own.
"""

from __future__ import annotations

import calendar
import math
import re
from typing import Any

from composecheck.gocompat.numbers import parse_go_int

__all__ = ["Timestamp", "encoder_wants_plain", "resolve_plain"]


class Timestamp(str):
    """A plain scalar YAML 1.2 reads as a timestamp (``2001-12-14``); Compose rejects it."""

    __slots__ = ()


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INFS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
# Strings the resolver reads as something else than a string, whatever follows.
_RESOLVE_MAP = _NULLS | _TRUES | _FALSES | frozenset(_INFS)

# go-yaml's float syntax (checked after integer parsing fails).
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


# -- reading ----------------------------------------------------------------------------

_TIMESTAMP_RE = re.compile(
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))"
    r"|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$"
)


def resolve_plain(text: str) -> Any:
    """The value go-yaml (YAML 1.2 core schema) gives an untagged plain scalar."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    first = text[0]
    if first in "0123456789+-.":
        special = _INFS.get(text)
        if special is not None:
            return special
        if first.isdigit() and _TIMESTAMP_RE.match(text):
            return Timestamp(text)
        bare = text.replace("_", "")
        if bare:
            number = parse_go_int(bare)
            if number is not None:
                return number
            if _FLOAT_RE.match(bare):
                return float(bare)
    return text


# -- writing ----------------------------------------------------------------------------

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


def _emitter_int(text: str) -> bool:
    """Whether ``text`` reads as an integer, as the emitter has always decided it.

    Unlike :func:`parse_go_int` (the reader's), it takes ``+`` followed by a number
    beyond int64 as an integer.
    """
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
    """Go's ``time.Parse`` also checks the ranges (the reader's regular expression does not)."""
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
    if _emitter_int(plain) or _FLOAT_RE.match(plain):
        return False
    return not (_BIN.match(plain) or _OCT.match(plain))


def encoder_wants_plain(text: str) -> bool:
    """Whether go-yaml's encoder asks for plain style (the emitter may still refuse it)."""
    return (
        text != ""
        and _resolves_to_string(text)
        and text not in _OLD_BOOLS
        and _BASE60.match(text) is None
    )
