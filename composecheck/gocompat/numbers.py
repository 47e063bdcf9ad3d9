"""Go's numbers: ``strconv`` parsing, ``%v`` formatting, and the float forms of
go-yaml and encoding/json.

Python's ``repr`` and Go both produce the shortest digits that read back as the same
float; only the layout differs, so every formatter here re-lays out the digits of
``float.__repr__``.
"""

from __future__ import annotations

import math
import re
import struct

__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "UINT64_MAX",
    "format_go_float",
    "go_int64",
    "go_json_float",
    "go_yaml_float",
    "go_yaml_int",
    "parse_go_float",
    "parse_go_int",
    "shortest_float32",
    "to_float32",
]

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1

_DIGITS = frozenset("0123456789")
_BASE_DIGITS = {16: "0123456789abcdefABCDEF", 8: "01234567", 2: "01", 10: "0123456789"}


# -- integers ---------------------------------------------------------------------------


def parse_go_int(text: str) -> int | None:
    """``strconv.ParseInt(text, 0, 64)`` then ``ParseUint``: None when neither accepts it."""
    body = text
    sign = 1
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    base = 10
    lower = body[:2].lower()
    if lower in ("0x", "0o", "0b"):
        base = {"0x": 16, "0o": 8, "0b": 2}[lower]
        body = body[2:]
    elif len(body) > 1 and body[0] == "0":
        base = 8
        body = body[1:]
    if not body or body.strip(_BASE_DIGITS[base]):
        return None
    value = sign * int(body, base)
    if INT64_MIN <= value <= INT64_MAX:
        return value
    # ParseUint takes no sign.
    if text[0] != "-" and text[0] != "+" and value <= UINT64_MAX:
        return value
    return None


def go_yaml_int(value: int) -> int | float | str:
    """The value go-yaml gives an integer literal.

    One that fits neither int64 nor uint64 becomes a float64, and one that overflows
    float64 stays a plain string.
    """
    if INT64_MIN <= value <= UINT64_MAX:
        return value
    try:
        return float(value)
    except OverflowError:
        return str(value)


def go_int64(value: float) -> int:
    """Go's ``int64(value)`` on amd64: an out-of-range conversion gives MinInt64."""
    if value != value or not (-9.223372036854775808e18 <= value < 9.223372036854775808e18):
        return INT64_MIN
    return int(value)


# -- parsing floats ---------------------------------------------------------------------

# Syntax accepted by Go's strconv.ParseFloat for finite numbers; underscores are
# validated separately (Go allows them between digits, as Python's float() does).
_GO_DEC_FLOAT = re.compile(r"[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?", re.ASCII)
_GO_HEX_FLOAT = re.compile(
    r"([+-]?)0[xX]((?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9_]+)",
    re.ASCII,
)
_GO_SPECIAL = re.compile(r"([+-]?)(?:inf|infinity)|nan", re.IGNORECASE)
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _go_underscores_ok(text: str, hex_prefix: bool) -> bool:
    # Go: an underscore must sit between two digits (a base prefix counts as a digit).
    body = text.lstrip("+-")
    saw = "^"
    i = 0
    if hex_prefix:
        i = 2
        saw = "0"
    for ch in body[i:]:
        if ch in _DIGITS or (hex_prefix and ch in _HEX_DIGITS):
            saw = "0"
        elif ch == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def parse_go_float(text: str, bits: int = 64) -> float:
    """Go ``strconv.ParseFloat(text, bits)``; ValueError carries Go's message."""
    syntax = f'strconv.ParseFloat: parsing "{text}": invalid syntax'
    if _GO_SPECIAL.fullmatch(text):
        if text[-1] in "nN":
            return math.nan
        return -math.inf if text[0] == "-" else math.inf
    if _GO_DEC_FLOAT.fullmatch(text):
        if "_" in text and not _go_underscores_ok(text, False):
            raise ValueError(syntax)
        value = float(text.replace("_", ""))
    else:
        m = _GO_HEX_FLOAT.fullmatch(text)
        if m is None or not any(ch in _HEX_DIGITS for ch in m.group(2)):
            raise ValueError(syntax)
        if "_" in text and not _go_underscores_ok(text, True):
            raise ValueError(syntax)
        try:
            value = float.fromhex(
                f"{m.group(1)}0x{m.group(2).replace('_', '')}p{m.group(3).replace('_', '')}"
            )
        except OverflowError:
            value = math.inf
    if bits == 32:
        value = to_float32(value)
    if math.isinf(value):
        raise ValueError(f'strconv.ParseFloat: parsing "{text}": value out of range')
    return value


def to_float32(value: float) -> float:
    """Go's ``float32(value)``, as a Python float (infinite when it overflows)."""
    try:
        return float(struct.unpack("<f", struct.pack("<f", value))[0])
    except OverflowError:
        return math.copysign(math.inf, value)


def shortest_float32(value: float) -> float:
    """The float64 holding the shortest digits that read back as the float32 ``value``.

    Go marshals a float32 with those digits; returning them as a float64 makes the
    JSON output match.
    """
    if value == 0 or math.isinf(value) or value != value:
        return value
    for precision in range(1, 10):
        candidate = float(f"{value:.{precision - 1}e}")
        if to_float32(candidate) == value:
            return candidate
    return value


# -- formatting floats ------------------------------------------------------------------


def _shortest(value: float) -> tuple[str, str, int]:
    """Sign, shortest round-trip digits (no leading or trailing zeros; empty for zero)
    and the position of the decimal point of a finite float."""
    # float.__repr__ rather than repr(): subclasses (ruamel's ScalarFloat) may override it
    text = float.__repr__(value)
    sign = ""
    if text[0] == "-":
        sign = "-"
        text = text[1:]
    mantissa, _, exp_text = text.partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    point = len(whole) + (int(exp_text) if exp_text else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return sign, stripped.rstrip("0"), point


def _exponent_form(sign: str, digits: str, point: int) -> str:
    head = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    exponent = point - 1
    return f"{sign}{head}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


def _positional_form(sign: str, digits: str, point: int) -> str:
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def _g_form(value: float) -> str:
    """``strconv.FormatFloat(value, 'g', -1, 64)`` of a finite float."""
    sign, digits, point = _shortest(value)
    if not digits:
        return sign + "0"
    # The shortest %g switches to the exponent form below 1e-4 and from 1e+06 on.
    if point - 1 < -4 or point - 1 >= 6:
        return _exponent_form(sign, digits, point)
    return _positional_form(sign, digits, point)


def format_go_float(value: float) -> str:
    """Go ``strconv.FormatFloat(value, 'g', -1, 64)`` (what ``fmt.Sprint`` prints)."""
    if value != value:
        return "NaN"
    if value == math.inf:
        return "+Inf"
    if value == -math.inf:
        return "-Inf"
    return _g_form(value)


def go_yaml_float(value: float) -> str:
    """A float as go-yaml writes it: ``%g`` with YAML's names for the infinities."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return _g_form(value)


def go_json_float(value: float) -> str:
    """A finite float as Go's encoding/json writes it."""
    sign, digits, point = _shortest(value)
    if not digits:
        return sign + "0"
    if abs(value) < 1e-6 or abs(value) >= 1e21:
        text = _exponent_form(sign, digits, point)
        # encoding/json trims the exponent's leading zero: 1e-07 becomes 1e-7.
        return re.sub(r"e([-+])0(\d)$", r"e\1\2", text)
    return _positional_form(sign, digits, point)
