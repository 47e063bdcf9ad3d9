"""Devices: the short ``devices`` syntax and ``deploy.resources.reservations.devices[].count``."""

from __future__ import annotations

from composecheck.gocompat.gotypes import go_type, is_go_int
from composecheck.gocompat.numbers import INT64_MAX, INT64_MIN
from composecheck.gocompat.quote import go_quote

__all__ = ["parse_device", "parse_device_count"]


def parse_device(spec: str) -> dict[str, object]:
    """Short device syntax ``src[:dst[:perms]]``; empty members are omitted like the reference."""
    parts = spec.split(":")
    if len(parts) > 3:
        raise ValueError(f"confusing device mapping, please use long syntax: {spec}")
    source = parts[0]
    target = parts[1] if len(parts) > 1 and parts[1] else source
    permissions = parts[2] if len(parts) > 2 else "rwm"
    result: dict[str, object] = {}
    if source:
        result["source"] = source
    if target:
        result["target"] = target
    if permissions:
        result["permissions"] = permissions
    return result


def parse_device_count(value: object) -> int:
    """``deploy.resources.reservations.devices[].count``: ``all`` (any case) is -1.

    0 means the reference omits ``count``.
    """
    if isinstance(value, int) and is_go_int(value):
        return int(value)
    if not isinstance(value, str):
        raise TypeError(f"invalid type {go_type(value)} for device count")
    if value.lower() == "all":
        return -1
    body = value[1:] if value[:1] in "+-" else value
    if body and body.isascii() and body.isdigit():
        number = int(value)
        if INT64_MIN <= number <= INT64_MAX:
            return number
    raise ValueError(
        f"invalid value {go_quote(value)}, the only value allowed is 'all' or a number"
    )
