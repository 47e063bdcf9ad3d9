"""``fmt.Sprint`` of YAML values: how Compose turns a label, an environment value, a
build arg or a sysctl written as a number or a boolean into a string."""

from __future__ import annotations

from composecheck.gocompat.numbers import format_go_float, go_yaml_int

__all__ = ["go_string", "go_time_gostring"]


def _go_sprint(value: object) -> str:
    # fmt.Sprint of values nested in lists/maps (nil prints as <nil> there).
    if value is None:
        return "<nil>"
    if isinstance(value, list):
        return "[" + " ".join(_go_sprint(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted((go_string(k), _go_sprint(v)) for k, v in value.items())
        return "map[" + " ".join(f"{k}:{v}" for k, v in items) + "]"
    if not isinstance(value, (str, int, float)):
        return str(value)  # not a YAML value (a loader marker): never recurse
    return go_string(value)


def go_string(value: object) -> str:
    """Stringify a YAML scalar the way compose does for labels, env, args, sysctls."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        # ruamel's round-trip loader returns an anchored boolean as ScalarBoolean, an
        # int subclass; checked by name to keep this module free of ruamel.
        if type(value).__name__ == "ScalarBoolean":
            return "true" if value else "false"
        value = go_yaml_int(int(value))
        if isinstance(value, str):
            return value
        if isinstance(value, int):
            return int.__repr__(value)
    if isinstance(value, float):
        return format_go_float(value)
    if isinstance(value, (list, dict)):
        return _go_sprint(value)
    return str(value)  # no YAML value: never loop back through _go_sprint


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def go_time_gostring(text: str) -> str:
    """``%#v`` of the ``time.Time`` go-yaml reads a timestamp as (``time.Date(2001,
    time.January, 1, 0, 0, 0, 0, time.UTC)``): no zone or ``Z`` is UTC, a zero offset the
    local zone (UTC where the reference runs), another offset an unnamed zone."""
    import re

    m = re.match(
        r"(\d+)-(\d+)-(\d+)(?:[Tt ](\d+):(\d+):(\d+)(?:[.,](\d+))?\s*(Z|[-+]\d+:?\d*)?)?",
        text,
    )
    if m is None:
        return text
    year, month, day, hour, minute, second, fraction, zone = m.groups()
    nanos = int((fraction or "0")[:9].ljust(9, "0"))
    if zone in (None, "Z"):
        where = "time.UTC"
    elif int(zone[1:].replace(":", "") or "0") == 0:
        where = "time.Local"
    else:
        where = 'time.Location("")'
    fields = [int(day), int(hour or 0), int(minute or 0), int(second or 0), nanos]
    shown = ", ".join(str(f) for f in fields)
    return f"time.Date({int(year)}, time.{_MONTHS[int(month) - 1]}, {shown}, {where})"
