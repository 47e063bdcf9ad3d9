"""``cpus``: a float32 in Compose's types, printed with float32-shortest digits."""

from __future__ import annotations

import math

from composecheck.gocompat.numbers import (
    format_go_float,
    go_yaml_int,
    parse_go_float,
    shortest_float32,
    to_float32,
)

__all__ = ["parse_cpus"]


def parse_cpus(value: str | int | float, *, string_bits: int = 32) -> float:
    """``cpus`` as compose stores it: a float32, rendered with float32-shortest digits.

    Service ``cpus`` strings are cast during interpolation with
    ``strconv.ParseFloat(s, 32)`` (compose prefixes errors with ``error while
    interpolating services.<s>.cpus: failed to cast to expected type: ``); strings in
    ``deploy.resources.*.cpus`` are parsed at 64 bits (pass ``string_bits=64``) and
    errors are decoding errors.  A value that overflows float32 makes the reference
    fail with ``json: unsupported value: +Inf``.
    """
    if isinstance(value, bool):
        raise TypeError("cpus must be a number or string")
    if isinstance(value, int):
        value = go_yaml_int(value)
    if isinstance(value, str):
        number = to_float32(parse_go_float(value, string_bits))
    else:
        number = to_float32(float(value))
    if math.isinf(number):
        raise ValueError(f"json: unsupported value: {format_go_float(number)}")
    if number != number:
        raise ValueError("json: unsupported value: NaN")
    return shortest_float32(number)
