"""Canonical form for the untyped mode: the short syntaxes that parse without variables.

A table of transforms keyed by path; what does not parse before interpolation (a
``${PORT}:80`` port) stays as written, as Compose leaves it.
"""

from __future__ import annotations

import contextvars
import copy
from collections.abc import Callable
from typing import Any

from composecheck.errors import InputError
from composecheck.gocompat.gotypes import is_go_int
from composecheck.load.untyped.gocompat import (
    NilList,
    Path,
    go_sprint,
    go_type,
    matches,
    pattern_table,
)

Transform = Callable[[Any, Path], Any]


def _string_or_list(value: Any, path: Path) -> Any:
    return [value] if isinstance(value, str) else value


def _string_or_x(value: Any, path: Path) -> Any:
    return value if isinstance(value, str) else go_sprint(value)


def _key_value(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        mapping: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, str) or "=" not in item:
                return value
            key, _, rest = item.partition("=")
            mapping[key] = rest
        return mapping
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)}")


def _file_mount(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return {"source": value}
    raise InputError(f"{'.'.join(path)}: unsupported type {go_type(value)}")


def _depends_on(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        for name, entry in value.items():
            if not isinstance(entry, dict):
                raise InputError(f"{'.'.join(path)}.{name}: unsupported value {go_sprint(value)}")
            entry.setdefault("condition", "service_started")
            entry.setdefault("required", True)
        return value
    if isinstance(value, list):
        return {str(n): {"condition": "service_started", "required": True} for n in value}
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for depend_on")


def _env_file(value: Any, path: Path) -> Any:
    def one(item: Any) -> Any:
        if isinstance(item, str):
            return {"path": item, "required": True}
        if isinstance(item, dict):
            item.setdefault("required", True)
            return item
        return None

    if isinstance(value, str):
        return [one(value)]
    if isinstance(value, list):
        return [one(item) for item in value]
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for env_file")


def _extends(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return canonical_mapping(value, path)
    if isinstance(value, str):
        return {"service": value}
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for extends")


def _gpus(value: Any, path: Path) -> Any:
    if isinstance(value, list):
        return _canonical_sequence(value, path)
    if isinstance(value, str):
        return [{"count": "all"}]
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for gpus")


def _device_request(value: Any, path: Path) -> Any:
    if isinstance(value, dict) and "count" in value and "device_ids" in value:
        where = ".".join(path)
        raise InputError(f'{where}: "count" and "device_ids" attributes are exclusive')
    return _canonical_mapping_or(value, path)


def _canonical_mapping_or(value: Any, path: Path) -> Any:
    return canonical_mapping(value, path) if isinstance(value, dict) else value


def _slice_to_map(value: Any, path: Path) -> Any:
    if isinstance(value, list):
        return {str(name): None for name in value}
    return value


def _volume_mount(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        from composecheck.syntax.volume import parse_volume

        try:
            volume = parse_volume(value)
        except ValueError:
            # Compose keeps what does not parse before interpolation as written.
            return value
        return copy.deepcopy(volume)
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for service volume mount")


def _device(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        parts = value.split(":")
        source = target = ""
        permissions = "rwm"
        if len(parts) <= 3:
            source = parts[0]
            if len(parts) >= 2:
                target = parts[1]
            if len(parts) == 3:
                permissions = parts[2]
        return {"source": source, "target": target or source, "permissions": permissions}
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for service volume mount")


def _ports(value: Any, path: Path) -> Any:
    from composecheck.syntax.port import parse_port

    if not isinstance(value, list):
        raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for port")
    ports: list[Any] = []
    for entry in value:
        if isinstance(entry, dict):
            ports.append(entry)
        elif isinstance(entry, str) or is_go_int(entry):
            try:
                parsed = parse_port(entry)
            except ValueError as exc:
                if isinstance(entry, str):
                    return value
                raise InputError(str(exc)) from None
            ports.extend(dict(p) for p in parsed)
        else:
            raise InputError(f"{'.'.join(path)}: invalid type {go_type(entry)} for port")
    return ports if ports else NilList()


def _build(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return canonical_mapping(value, path)
    if isinstance(value, str):
        return {"context": value}
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for build")


def _ssh(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        out: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, str):
                raise InputError(f"invalid ssh key type {go_type(item)}")
            key, sep, rest = item.partition("=")
            if not sep:
                if key != "default":
                    raise InputError(f'invalid ssh key "{item}"')
                out[key] = None
                continue
            out[key] = rest
        return out
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for ssh")


def _ulimits(value: Any, path: Path) -> Any:
    if isinstance(value, dict) or is_go_int(value):
        return value
    raise InputError(f"{'.'.join(path)}: invalid type {go_type(value)} for external")


def _service(value: Any, path: Path) -> Any:
    return canonical_mapping(value, path) if isinstance(value, dict) else value


# The canonical pass is a table of plain functions; the one that warns (a deprecated
# `external.name`) reports to the load in progress through this variable.
CANONICAL_WARNINGS: contextvars.ContextVar[list[str]] = contextvars.ContextVar(
    "composecheck_dictmodel_warnings"
)


def _maybe_external(value: Any, path: Path) -> Any:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{'.'.join(path)} must be a mapping")
    resource = canonical_mapping(value, path)
    external = resource.get("external")
    if isinstance(external, dict):
        resource["external"] = True
        if "name" in external:
            where = ".".join(path)
            CANONICAL_WARNINGS.get([]).append(
                f"{where}: external.name is deprecated. Please set name and external: true"
            )
            if "name" in resource and external["name"] != resource["name"]:
                raise InputError(f"{where}: name and external.name conflict; only use name")
            if "name" not in resource:
                resource["name"] = external["name"]
    return resource


def _include(value: Any, path: Path) -> Any:
    return {"path": value} if isinstance(value, str) else value


_TRANSFORMERS: list[tuple[Path, Transform]] = [
    (p, fn)
    for patterns, fn in (
        (("services.*",), _service),
        (
            ("services.*.build.secrets.*", "services.*.secrets.*", "services.*.configs.*"),
            _file_mount,
        ),
        (("services.*.build.provenance", "services.*.build.sbom"), _string_or_x),
        (("services.*.build.additional_contexts",), _key_value),
        (("services.*.depends_on",), _depends_on),
        (("services.*.env_file",), _env_file),
        (
            (
                "services.*.label_file",
                "services.*.dns",
                "services.*.develop.watch.*.ignore",
                "services.*.develop.watch.*.include",
            ),
            _string_or_list,
        ),
        (("services.*.extends",), _extends),
        (("services.*.gpus",), _gpus),
        (
            ("services.*.gpus.*", "services.*.deploy.resources.reservations.devices.*"),
            _device_request,
        ),
        (("services.*.networks", "services.*.models"), _slice_to_map),
        (("services.*.volumes.*",), _volume_mount),
        (("services.*.devices.*",), _device),
        (("services.*.ports",), _ports),
        (("services.*.build",), _build),
        (("services.*.build.ssh",), _ssh),
        (("services.*.ulimits.*", "services.*.build.ulimits.*"), _ulimits),
        (("volumes.*", "networks.*", "secrets.*", "configs.*"), _maybe_external),
        (("include.*",), _include),
    )
    for p in pattern_table(*patterns)
]


def _canonical(value: Any, path: Path) -> Any:
    for pattern, transformer in _TRANSFORMERS:
        if matches(path, pattern):
            return transformer(value, path)
    if isinstance(value, dict):
        return canonical_mapping(value, path)
    if isinstance(value, list):
        return _canonical_sequence(value, path)
    return value


def canonical_mapping(value: dict[str, Any], path: Path) -> dict[str, Any]:
    for key in list(value):
        value[key] = _canonical(value[key], (*path, key))
    return value


def _canonical_sequence(value: list[Any], path: Path) -> list[Any]:
    for index, item in enumerate(value):
        value[index] = _canonical(item, (*path, "[]"))
    return value


def omit_empty(value: Any, path: Path = ()) -> Any:
    """Drop empty ``dns`` entries; every empty sequence becomes a Go nil slice."""
    omit = matches(path, ("services", "*", "dns"))
    if isinstance(value, dict):
        for key in list(value):
            item = value[key]
            if omit and (item is None or item == ""):
                del value[key]
                continue
            value[key] = omit_empty(item, (*path, key))
        return value
    if isinstance(value, list):
        kept = [
            omit_empty(item, (*path, "[]"))
            for item in value
            if not (omit and (item is None or item == ""))
        ]
        return kept if kept else NilList()
    return value


__all__ = ["CANONICAL_WARNINGS", "Transform", "canonical_mapping", "omit_empty"]
