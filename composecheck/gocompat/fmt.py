"""``fmt.Sprint`` of YAML values: how Compose turns a label, an environment value, a
build arg or a sysctl written as a number or a boolean into a string."""

from __future__ import annotations

from composecheck.gocompat.numbers import format_go_float, go_yaml_int

__all__ = ["go_string"]


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
    return _go_sprint(value)
