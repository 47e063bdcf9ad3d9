"""The order in which Go's encoders print the keys of a map.

Go sorts map keys before printing: encoding/json in the bytes' order, go-yaml v3 in a
"natural" order of its own (see :func:`_yaml_key_less`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["sorted_keys"]


def _yaml_key_less(a: str, b: str) -> bool:
    """go-yaml's order of map keys: a "natural" order, not the bytes' order.

    Letters sort after other characters (so ``_A`` before ``A`` and ``A_`` before
    ``AB``), except right after a digit, and runs of digits compare as numbers
    (``a9`` before ``a10``).
    """
    after_digit = False
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            after_digit = ca.isdecimal()
            continue
        letter_a, letter_b = ca.isalpha(), cb.isalpha()
        if letter_a and letter_b:
            return ca < cb
        if letter_a or letter_b:
            return letter_a if after_digit else letter_b
        num_a = num_b = 0
        if ca == "0" or cb == "0":
            # A zero inside a number that already started is an ordinary digit.
            j = i - 1
            while j >= 0 and a[j].isdecimal():
                if a[j] != "0":
                    num_a = num_b = 1
                    break
                j -= 1
        end_a = i
        while end_a < len(a) and a[end_a].isdecimal():
            num_a = num_a * 10 + ord(a[end_a]) - 48
            end_a += 1
        end_b = i
        while end_b < len(b) and b[end_b].isdecimal():
            num_b = num_b * 10 + ord(b[end_b]) - 48
            end_b += 1
        if num_a != num_b:
            return num_a < num_b
        if end_a != end_b:
            return end_a < end_b
        return ca < cb
    return len(a) < len(b)


def _yaml_key_cmp(a: str, b: str) -> int:
    if _yaml_key_less(a, b):
        return -1
    return 1 if _yaml_key_less(b, a) else 0


_YAML_KEY = functools.cmp_to_key(_yaml_key_cmp)
# Without digits, non-ASCII characters and the ASCII signs that sort after "A",
# go-yaml's order is the bytes' order. (Non-ASCII is tested with str.isascii: a
# character class up to U+10FFFF costs some 20 ms to compile, on every run.)
_NATURAL_DIFFERS = re.compile("[0-9\\[\\\\\\]^_`{|}~]")
# Services of one stack share their key sets (environment from a common anchor, ...).
_natural_cache: dict[str, list[str]] = {}
_NATURAL_CACHE_SIZE = 10_000


def sorted_keys(mapping: dict[str, Any], json_form: bool) -> list[str]:
    """Map keys in print order: bytes' order in JSON (encoding/json), go-yaml's in YAML."""
    keys = sorted(mapping)
    if json_form or len(keys) < 2:
        return keys
    joined = "\0".join(keys)
    if joined.isascii() and _NATURAL_DIFFERS.search(joined) is None:
        return keys
    cached = _natural_cache.get(joined)
    if cached is None:
        cached = sorted(keys, key=_YAML_KEY)
        if len(_natural_cache) < _NATURAL_CACHE_SIZE:
            _natural_cache[joined] = cached
    return list(cached)
