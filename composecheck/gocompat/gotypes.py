"""Go's numeric types as Compose's loader meets them.

A number written in a compose file reaches a typed field in three steps, each with its
own rules, modelled here once:

1. go-yaml gives a plain integer the dynamic type ``int`` (64 bits) when it fits,
   ``uint64`` when it fits that, else ``float64``; a float is a ``float64``
   (:func:`go_type`, :func:`go_value`). The tree keeps Python values; their Go type
   follows from their range.
2. Interpolation casts the strings of some fields with ``strconv`` (``Atoi``,
   ``ParseInt``, ``ParseFloat`` at 64 or 32 bits): :func:`cast_string`.
3. mapstructure (without weak typing) converts the dynamic value into the field's Go
   type, after Compose's hook has cast the strings of signed, float and bool fields:
   :func:`decode_field`. Conversions are Go's on amd64: a float out of ``int64``'s range
   becomes MinInt64, a negative number is refused by an unsigned field, a wider
   integer is truncated to the field's bits, a ``float32`` field rounds.

Every refusal is a :class:`GoTypeError` carrying Go's text without the field's name.
"""

from __future__ import annotations

import math
from typing import Any

from composecheck.gocompat.numbers import (
    INT64_MAX,
    INT64_MIN,
    UINT64_MAX,
    format_go_float,
    go_int64,
    go_yaml_int,
    parse_go_float,
    shortest_float32,
    to_float32,
)
from composecheck.gocompat.yaml_resolve import Timestamp

__all__ = [
    "GoTypeError",
    "cast_string",
    "decode_field",
    "go_percent_s",
    "go_type",
    "go_uint64",
    "go_value",
    "is_go_int",
]

_SIGNED = {"int": 64, "int64": 64}
_UNSIGNED = {"uint16": 16, "uint32": 32, "uint64": 64}
_FLOATS = {"float32": 32, "float64": 64}
_TWO63 = float(1 << 63)


class GoTypeError(ValueError):
    """A value Go refuses for a type; the message is Go's, without the field's name."""


def go_value(value: Any) -> Any:
    """The value as go-yaml holds it: an integer beyond uint64 is a float64 (or, past
    float64's range, the string it was written as)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return go_yaml_int(int(value))
    return value


def go_type(value: Any) -> str:
    """Go's ``%T`` of a value as go-yaml (or an interpolation cast) made it."""
    value = go_value(value)
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if value <= INT64_MAX else "uint64"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, Timestamp):
        return "time.Time"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    return type(value).__name__


def is_go_int(value: Any) -> bool:
    """Whether Go sees an ``int`` (what Compose's type switches accept as a number)."""
    return go_type(value) == "int"


def go_percent_s(value: Any) -> str:
    """``fmt.Sprintf("%s", value)`` of a number: Go's complaint, e.g. ``%!s(float64=1.5)``."""
    return _percent_s(value, nested=False)


def _percent_s(value: Any, *, nested: bool) -> str:
    value = go_value(value)
    if isinstance(value, dict):
        # fmt applies the verb to each key and value, keys sorted
        items = sorted(value.items(), key=lambda pair: str(pair[0]))
        inner = " ".join(
            f"{_percent_s(k, nested=True)}:{_percent_s(v, nested=True)}" for k, v in items
        )
        return f"map[{inner}]"
    if isinstance(value, list):
        return "[" + " ".join(_percent_s(item, nested=True) for item in value) + "]"
    if value is None:
        return "<nil>" if nested else "%!s(<nil>)"
    kind = go_type(value)
    if kind == "string":
        return str(value)
    if isinstance(value, float):
        return f"%!s(float64={format_go_float(value)})"
    if isinstance(value, bool):
        return f"%!s(bool={'true' if value else 'false'})"
    return f"%!s({kind}={value})"


def go_uint64(value: float) -> int:
    """Go's ``uint64(value)`` of a float64 on amd64 (values from 2^63 on, and NaN, take
    the high path: ``int64(value - 2^63)`` with the top bit set)."""
    if value < _TWO63:
        return go_int64(value) & UINT64_MAX
    return (go_int64(value - _TWO63) & UINT64_MAX) | (1 << 63)


def _percent_f(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value != value:
        return "NaN"
    return f"{value:f}"


def _wrap_signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


# -- strconv, as Compose's casts use it ------------------------------------------------


def _parse_int(text: str, func: str) -> int:
    """``strconv.ParseInt(text, 10, 64)``; ``func`` names the caller in the message."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        raise GoTypeError(f'strconv.{func}: parsing "{text}": invalid syntax')
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        raise GoTypeError(f'strconv.{func}: parsing "{text}": value out of range')
    return value


def _parse_float(text: str, bits: int) -> float:
    try:
        value = parse_go_float(text, bits)
    except ValueError as exc:
        raise GoTypeError(str(exc)) from None
    return to_float32(value) if bits == 32 else value


def cast_string(text: str, go: str) -> Any:
    """Compose's cast of a string into Go type ``go`` (``int``: ``strconv.Atoi``;
    ``int64``: ``ParseInt``; ``float32``/``float64``: ``ParseFloat``)."""
    if go == "int":
        return _parse_int(text, "Atoi")
    if go == "int64":
        return _parse_int(text, "ParseInt")
    if go in _FLOATS:
        return _parse_float(text, _FLOATS[go])
    raise GoTypeError(f"expected type '{go}', got unconvertible type 'string'")


# -- mapstructure ---------------------------------------------------------------------


def _unconvertible(go: str, value: Any) -> GoTypeError:
    return GoTypeError(f"expected type '{go}', got unconvertible type '{go_type(value)}'")


def decode_field(value: Any, go: str) -> Any:
    """mapstructure's decoding of ``value`` into a field of Go type ``go`` (``int``,
    ``int64``, ``uint16``, ``uint32``, ``uint64``, ``float32``, ``float64``, ``string``).

    Returns the field's value as a Python int, float (a float32 as the float64 of its
    shortest digits, which is how Go prints it) or str.
    """
    value = go_value(value)
    kind = go_type(value)
    if kind == "string":
        # Compose's hook casts strings into signed and float fields (not unsigned ones).
        return value if go == "string" else decode_field(cast_string(value, go), go)
    if kind not in ("int", "uint64", "float64"):
        raise _unconvertible(go, value)
    if go == "string":
        if kind == "int":
            return str(value)  # Compose's hook: strconv.FormatInt
        raise _unconvertible(go, value)
    if go in _SIGNED:
        number = go_int64(value) if kind == "float64" else _wrap_signed(value, 64)
        return _wrap_signed(number, _SIGNED[go])
    if go in _UNSIGNED:
        if value < 0:
            shown = _percent_f(value) if kind == "float64" else str(value)
            raise GoTypeError(f"cannot parse value as '{go}': {shown} overflows uint")
        number = go_uint64(value) if kind == "float64" else value
        return number & ((1 << _UNSIGNED[go]) - 1)
    if go in _FLOATS:
        real = float(value)
        return shortest_float32(to_float32(real)) if go == "float32" else real
    raise _unconvertible(go, value)
