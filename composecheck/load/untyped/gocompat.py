"""What Go does to the untyped model, reproduced: printing (``fmt``), paths, timestamps.

Compose's intermediate model is ``map[string]any``; how Go prints, joins and compares
those values decides the output byte for byte. Also the path patterns the stage tables
are keyed by (``services.*.ports``).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from composecheck.load.tree import Timestamp

Path = tuple[str, ...]


class NilList(list[Any]):
    """A Go ``[]any(nil)``: JSON writes ``null`` for it, YAML ``[]``."""

    __slots__ = ()


def go_sprint(value: Any) -> str:
    """``fmt.Sprint``/``%v`` of a decoded YAML value."""
    from composecheck.gocompat.fmt import go_string

    if value is None:
        return "<nil>"
    if isinstance(value, Timestamp):
        moment = go_time(value)
        return moment[1] if moment else str(value)
    if isinstance(value, dict):
        inner = " ".join(f"{k}:{go_sprint(value[k])}" for k in sorted(value))
        return f"map[{inner}]"
    if isinstance(value, list):
        return "[" + " ".join(go_sprint(v) for v in value) + "]"
    return go_string(value)


def go_join(*parts: str) -> str:
    """``filepath.Join``: empty parts skipped, the result cleaned."""
    kept = [p for p in parts if p]
    if not kept:
        return ""
    return go_clean("/".join(kept))


def go_clean(path: str) -> str:
    """``path.Clean`` (POSIX ``normpath`` keeps a leading ``//``; Go does not)."""
    if not path:
        return "."
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    return cleaned


def matches(path: Path, pattern: Path) -> bool:
    if len(path) != len(pattern):
        return False
    return all(q == "*" or p == q for p, q in zip(path, pattern, strict=True))


def pattern_table(*patterns: str) -> list[Path]:
    return [tuple(p.split(".")) for p in patterns]


_TIME_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt ](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?"
    r"(?: *(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$"
)


def go_time(text: str) -> tuple[str, str] | None:
    """A timestamp as Go prints a time.Time: (RFC 3339 with nanoseconds, ``String()``)."""
    import datetime

    m = _TIME_RE.match(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, frac, zone = m.groups()
    try:
        moment = datetime.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    nanos = (frac or "").ljust(9, "0")[:9]
    fraction = ("." + nanos.rstrip("0")) if nanos.strip("0") else ""
    if zone in (None, "Z"):
        offset, name = "Z", "+0000 UTC"
    else:
        sign, rest = zone[0], zone[1:].replace(":", "")
        hours, minutes = (rest[:-2], rest[-2:]) if len(rest) > 2 else (rest, "00")
        offset = f"{sign}{int(hours):02d}:{minutes}"
        name = f"{sign}{int(hours):02d}{minutes} {sign}{int(hours):02d}{minutes}"
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S")
    nanos_text = ("." + nanos.rstrip("0")) if nanos.strip("0") else ""
    shown = moment.strftime("%Y-%m-%d %H:%M:%S") + nanos_text + " " + name
    return stamp + fraction + offset, shown


def go_fmt_s(value: Any) -> str:
    if isinstance(value, str):
        return value
    return f"%!s({go_type(value)}={go_sprint(value)})" if value is not None else "%!s(<nil>)"


def go_fmt_d(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"%!d({go_type(value)}={go_sprint(value)})"


def go_type(value: Any) -> str:
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        from composecheck.gocompat.gotypes import go_type as go_number_type

        return go_number_type(value)
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "map[string]interface {}"
    return "[]interface {}"


__all__ = [
    "NilList",
    "Path",
    "go_clean",
    "go_fmt_d",
    "go_fmt_s",
    "go_join",
    "go_sprint",
    "go_time",
    "go_type",
    "matches",
    "pattern_table",
]
