"""Byte sizes (``mem_limit``, ``shm_size``, ``tmpfs`` size...): docker/go-units ``RAMInBytes``."""

from __future__ import annotations

from functools import lru_cache

from composecheck.gocompat.numbers import (
    INT64_MAX,
    INT64_MIN,
    go_int64,
    go_yaml_int,
    parse_go_float,
)

__all__ = ["human_bytes", "parse_bytes"]

_SIZE_SPLIT_CHARS = "0123456789. "
_BINARY_MULTIPLIER: dict[str, int] = {
    "k": 1 << 10,
    "m": 1 << 20,
    "g": 1 << 30,
    "t": 1 << 40,
    "p": 1 << 50,
}


@lru_cache(maxsize=4096)
def _parse_size_text(text: str) -> int:
    sep = max(text.rfind(ch) for ch in _SIZE_SPLIT_CHARS)
    if sep == -1:
        raise ValueError(f"invalid size: '{text}'")
    if text[sep] == " ":
        num, suffix = text[:sep], text[sep + 1 :]
    else:
        num, suffix = text[: sep + 1], text[sep + 1 :]
    size = parse_go_float(num)
    if size < 0:
        raise ValueError(f"invalid size: '{text}'")
    if not suffix:
        return go_int64(size)
    # go-units measures the suffix in bytes and lower-cases it only after that check
    if (len(suffix) if suffix.isascii() else len(suffix.encode())) > 3:
        raise ValueError(f"invalid suffix: '{suffix}'")
    low = suffix.lower()
    bad = ValueError(f"invalid suffix: '{low}'")
    if low[0] == "b":
        if len(low) > 1:
            raise bad
        return go_int64(size)
    mult = _BINARY_MULTIPLIER.get(low[0])
    if mult is None:
        raise bad
    if (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise bad
    return go_int64(size * mult)


def parse_bytes(value: str | int | float) -> int:
    """Byte size for mem_limit, shm_size, memswap_limit, memory, tmpfs size, ...

    Strings follow docker/go-units ``RAMInBytes``; YAML ints are taken as-is.  The
    reference silently ignores YAML floats and integers outside int64 (the field is
    left at 0, i.e. omitted from the output), so those return 0.
    """
    if isinstance(value, bool):
        raise TypeError("byte value must be a number or string")
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return int(value)  # plain int even for ruamel's ScalarInt
        as_go = go_yaml_int(value)
        if not isinstance(as_go, str):
            return 0
        value = as_go
    if isinstance(value, float):
        return 0
    return _parse_size_text(value)


_UNITS = (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10))


def human_bytes(value: int) -> str:
    """``536870912`` → ``512 MiB``: the canonical model keeps sizes as plain bytes."""
    for unit, size in _UNITS:
        if value and value % size == 0:
            return f"{value // size} {unit}"
    return f"{value} bytes"
