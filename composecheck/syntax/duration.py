"""Compose durations (``healthcheck.interval``, ``stop_grace_period``...): Go's
``time.ParseDuration`` plus days and weeks, printed as ``time.Duration.String()``."""

from __future__ import annotations

from functools import lru_cache

from composecheck.gocompat.numbers import INT64_MAX

__all__ = ["format_duration", "parse_duration"]

_NS_PER_UNIT: dict[str, int] = {
    "ns": 1,
    "us": 1_000,
    "\u00b5s": 1_000,  # micro sign
    "\u03bcs": 1_000,  # Greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
    # compose decodes durations with xhit/go-str2duration, which adds days and weeks
    "d": 86_400_000_000_000,
    "w": 604_800_000_000_000,
}
_DIGITS = frozenset("0123456789")
_DIGITS_DOT = frozenset("0123456789.")


@lru_cache(maxsize=4096)
def parse_duration(text: str) -> int:
    """Parse a Compose duration (Go ``time.ParseDuration`` plus ``d``/``w``) to nanoseconds."""
    invalid = f'time: invalid duration "{text}"'
    s = text
    neg = False
    if s and s[0] in "+-":
        neg = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if not s:
        raise ValueError(invalid)
    total = 0
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c != "." and c not in _DIGITS:
            raise ValueError(invalid)
        start = i
        whole = 0
        while i < n and s[i] in _DIGITS:
            whole = whole * 10 + ord(s[i]) - 48
            if whole > INT64_MAX:
                raise ValueError(invalid)
            i += 1
        had_whole = i > start
        frac = 0
        scale = 1.0
        had_frac = False
        if i < n and s[i] == ".":
            i += 1
            fstart = i
            overflow = False
            while i < n and s[i] in _DIGITS:
                if not overflow:
                    nxt = frac * 10 + ord(s[i]) - 48
                    # Go keeps the digits that fit in an int64 and silently drops the rest.
                    if nxt > INT64_MAX:
                        overflow = True
                    else:
                        frac = nxt
                        scale *= 10
                i += 1
            had_frac = i > fstart
        if not had_whole and not had_frac:
            raise ValueError(invalid)
        ustart = i
        while i < n and s[i] not in _DIGITS_DOT:
            i += 1
        if i == ustart:
            raise ValueError(f'time: missing unit in duration "{text}"')
        unit_name = s[ustart:i]
        unit = _NS_PER_UNIT.get(unit_name)
        if unit is None:
            raise ValueError(f'time: unknown unit "{unit_name}" in duration "{text}"')
        if whole > INT64_MAX // unit:
            raise ValueError(invalid)
        value = whole * unit
        if frac > 0:
            # Same float64 arithmetic as Go so that rounding of fractions matches.
            value += int(float(frac) * (float(unit) / scale))
            if value > INT64_MAX:
                raise ValueError(invalid)
        total += value
        if total > INT64_MAX:
            raise ValueError(invalid)
    return -total if neg else total


def _trim_fraction(digits: str) -> str:
    digits = digits.rstrip("0")
    return "." + digits if digits else ""


@lru_cache(maxsize=4096)
def format_duration(ns: int) -> str:
    """Render nanoseconds like Go's ``time.Duration.String()``."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    u = -ns if ns < 0 else ns
    if u < 1_000_000_000:
        if u < 1_000:
            return f"{sign}{u}ns"
        if u < 1_000_000:
            return f"{sign}{u // 1_000}{_trim_fraction(f'{u % 1_000:03d}')}\u00b5s"
        return f"{sign}{u // 1_000_000}{_trim_fraction(f'{u % 1_000_000:06d}')}ms"
    secs, frac_ns = divmod(u, 1_000_000_000)
    sec_text = f"{secs % 60}{_trim_fraction(f'{frac_ns:09d}')}s"
    minutes = secs // 60
    if minutes == 0:
        return sign + sec_text
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return f"{sign}{minutes}m{sec_text}"
    return f"{sign}{hours}h{minutes}m{sec_text}"
