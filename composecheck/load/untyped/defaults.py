"""Default values of the untyped model (build context, secret targets, port modes)."""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError
from composecheck.load.untyped.canonical import Transform
from composecheck.load.untyped.gocompat import Path, go_fmt_s, go_type, matches, pattern_table


def _default_build(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        value.setdefault("context", ".")
    return value


def _default_secret(value: Any, path: Path) -> Any:
    if not isinstance(value, dict):
        raise InputError(f"{'.'.join(path)}: unsupported type {go_type(value)}")
    if "target" not in value:
        value["target"] = f"/run/secrets/{go_fmt_s(value.get('source'))}"
    return value


def _default_port(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        value.setdefault("protocol", "tcp")
        value.setdefault("mode", "ingress")
    return value


def _default_device_request(value: Any, path: Path) -> Any:
    if not isinstance(value, dict):
        raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for device request")
    if "count" not in value and "device_ids" not in value:
        value["count"] = "all"
    return value


_DEFAULTS: list[tuple[Path, Transform]] = [
    (p, fn)
    for patterns, fn in (
        (("services.*.build",), _default_build),
        (("services.*.secrets.*",), _default_secret),
        (("services.*.ports.*",), _default_port),
        (
            ("services.*.deploy.resources.reservations.devices.*", "services.*.gpus.*"),
            _default_device_request,
        ),
    )
    for p in pattern_table(*patterns)
]


def set_defaults(value: Any, path: Path = ()) -> Any:
    for pattern, fn in _DEFAULTS:
        if matches(path, pattern):
            return fn(value, path)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = set_defaults(value[key], (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = set_defaults(item, (*path, "[]"))
    return value


__all__ = ["set_defaults"]
