"""go-yaml v3's resolver: what an untagged plain scalar means (YAML 1.2 core schema,
with go-yaml's quirks), written once for both directions.

Reading (:func:`resolve_plain`): ``yes`` is a string, ``0755`` octal, ``2001-12-14``
a timestamp. Writing (:func:`encoder_wants_plain`): the encoder writes a string plain
only when this same resolver reads it back as that string, and also quotes YAML 1.1
booleans and base-60 numbers so that YAML 1.1 readers agree.

The code follows go-yaml's ``resolve`` step by step (``resolve.go``), with Go's
``strconv`` and ``time.Parse`` rules where it calls them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from composecheck.gocompat.numbers import (
    INT64_MAX,
    INT64_MIN,
    UINT64_MAX,
    parse_go_float,
    parse_go_int,
)

__all__ = ["Timestamp", "encoder_wants_plain", "resolve_plain", "resolve_tagged"]


class Timestamp(str):
    """A plain scalar YAML 1.2 reads as a timestamp (``2001-12-14``); Compose rejects it."""

    __slots__ = ()


# go-yaml's resolveMap: these texts are looked up before anything else.
_MAP: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
}

# go-yaml's yamlStyleFloat, tried after the integers.
_YAML_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")

# time.Parse with go-yaml's allowedTimestampFormats: "2006-1-2T15:4:5.999999999Z07:00"
# (T or t), "2006-1-2 15:4:5.999999999" and "2006-1-2". Go takes one or two digits for
# each short field, a fraction after "." or ",", and a zone as Z or +hh:mm.
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?"
    r"(Z|[-+]([0-9]{2}):([0-9]{2}))?)?\Z"
)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_timestamp(text: str) -> bool:
    """go-yaml's ``parseTimestamp``: one of its formats, every field in Go's ranges."""
    # go-yaml's quick check first: every format starts with YYYY-.
    if text[4:5] != "-" or not text[:4].isdigit():
        return False
    m = _TIMESTAMP.match(text)
    if m is None:
        return False
    year, month, day, sep, hour, minute, second, zone, zone_h, zone_m = m.groups()
    # The T formats need a zone; the space format has none.
    if sep is not None and (zone is None) != (sep == " "):
        return False
    y, mo, d = int(year), int(month), int(day)
    if not 1 <= mo <= 12:
        return False
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= d <= _DAYS[mo - 1] + (1 if mo == 2 and leap else 0):
        return False
    if sep is not None and (int(hour) > 23 or int(minute) > 59 or int(second) > 59):
        return False
    # Go accepts zone offsets up to 24 hours and 60 minutes ("some people do write them").
    return zone_h is None or (int(zone_h) <= 24 and int(zone_m) <= 60)


def _parse_int(text: str, base: int, signed: bool) -> int | None:
    """``strconv.ParseInt(text, base, 64)`` (``signed``) or ``ParseUint`` for base 2 or 8."""
    body = text
    negative = False
    if signed and body[:1] in ("+", "-"):
        negative = body[0] == "-"
        body = body[1:]
    digits = "01" if base == 2 else "01234567"
    if not body or any(c not in digits for c in body):
        return None
    value = -int(body, base) if negative else int(body, base)
    if signed:
        return value if INT64_MIN <= value <= INT64_MAX else None
    return value if value <= UINT64_MAX else None


def _prefixed_int(plain: str) -> int | None:
    """go-yaml's own reading of ``0b``/``0o`` numbers once ``ParseInt`` gave up: the
    digits after the prefix go to ``ParseInt`` (a sign included) then ``ParseUint``."""
    for prefix, base in (("0b", 2), ("0o", 8)):
        if plain.startswith(prefix):
            value = _parse_int(plain[2:], base, True)
            return value if value is not None else _parse_int(plain[2:], base, False)
        if plain.startswith("-" + prefix):
            return _parse_int("-" + plain[3:], base, True)
    return None


def _resolve(text: str) -> tuple[bool, Any]:
    """(whether ``text`` reads as a string, the value it reads as)."""
    if text in _MAP:
        return False, _MAP[text]
    first = text[0]
    if first == ".":
        try:
            return False, parse_go_float(text)
        except ValueError:
            return True, text
    if not (first.isascii() and (first.isdigit() or first in "+-")):
        return True, text
    if _is_timestamp(text):
        return False, Timestamp(text)
    plain = text.replace("_", "")
    if plain:
        number = parse_go_int(plain)
        if number is not None:
            return False, number
        if _YAML_FLOAT.match(plain):
            value = float(plain)
            # ParseFloat fails on overflow, and go-yaml then reads on.
            if not math.isinf(value):
                return False, value
        number = _prefixed_int(plain)
        if number is not None:
            return False, number
    return True, text


def resolve_plain(text: str) -> Any:
    """The value go-yaml (YAML 1.2 core schema) gives an untagged plain scalar."""
    return _resolve(text)[1]


#: The standard tags go-yaml resolves (``resolvableTag``), by their short names.
_RESOLVABLE = frozenset({"bool", "int", "float", "null", "timestamp"})


def resolve_tagged(tag: str, text: str) -> Any:
    """The value go-yaml gives a scalar with an explicit tag, quoted or not.

    ``!!str`` and local tags (``!custom``) keep the text; ``!!binary`` is decoded. For
    the resolvable tags the text is resolved as if plain (no timestamp unless the tag
    asks for one) and must resolve to the tag's kind, an integer being a ``!!float``
    too; otherwise ValueError with go-yaml's ``cannot decode !!str `abc` as a !!int``.
    """
    name = tag.rsplit(":", 1)[-1]
    if name == "str" or (tag.startswith("!") and not tag.startswith("!!")):
        return text
    if name == "binary":
        import base64

        try:
            return base64.b64decode("".join(text.split())).decode("utf-8", "replace")
        except ValueError:
            return text
    if name not in _RESOLVABLE or not tag.startswith(("tag:yaml.org,2002:", "!!")):
        return text
    value = resolve_plain(text)
    if isinstance(value, Timestamp):
        kind = "timestamp" if name == "timestamp" else "str"
    elif value is None:
        kind = "null"
    elif isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, int):
        kind = "int"
    elif isinstance(value, float):
        kind = "float"
    else:
        kind = "str"
    if kind == name:
        return value
    if name == "float" and kind == "int":
        return float(value)
    raise ValueError(f"cannot decode !!{kind} `{text}` as a !!{name}")


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
# YAML 1.1's sexagesimal numbers, [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?, checked
# without repeating a group in a regular expression: re keeps state per repetition
# (600 MB for a 10 MB "1:5:5:..."); these patterns only repeat character classes.
_BASE60_HEAD = re.compile(r"[-+]?[0-9][0-9_]*")
_BASE60_BAD = re.compile(r"::|[0-9]{3}|:[6-9][0-9]|[^0-9:]")
_FRACTION = re.compile(r"[0-9_]*")


def _base60(text: str) -> bool:
    whole, dot, fraction = text.partition(".")
    if dot and _FRACTION.fullmatch(fraction) is None:
        return False
    head = _BASE60_HEAD.match(whole)
    if head is None:
        return False
    rest = whole[head.end() :]
    return rest.startswith(":") and not rest.endswith(":") and _BASE60_BAD.search(rest) is None


def encoder_wants_plain(text: str) -> bool:
    """Whether go-yaml's encoder asks for plain style (the emitter may still refuse it)."""
    return text != "" and _resolve(text)[0] and text not in _OLD_BOOLS and not _base60(text)
