"""Merging for the untyped mode: Compose's merge rules on plain values, keyed by path.

Unlike the typed merge, mappings that Compose keeps as lists (``environment``,
``labels``...) are merged as sorted ``K=V`` sequences, as its override package does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composecheck.errors import InputError
from composecheck.load.tree import Timestamp
from composecheck.load.untyped.gocompat import NilList, Path, go_sprint, matches, pattern_table


def _to_sequence(value: Any) -> list[Any]:
    """A mapping as sorted ``K=V`` strings; what Go leaves nil is a :class:`NilList`."""
    if isinstance(value, dict):
        seq: list[Any] = NilList()
        for key, item in value.items():
            if item is None:
                seq.append(key)
            elif isinstance(item, list):
                seq.extend(f"{key}={go_sprint(v)}" for v in item)
            else:
                seq.append(f"{key}={go_sprint(item)}")
        seq.sort(key=lambda s: s.encode("utf-8", "surrogatepass"))
        return seq if not seq else list(seq)
    if isinstance(value, list):
        return value
    if isinstance(value, str) and not isinstance(value, Timestamp):
        return [value]  # (a Timestamp left by the reader is a time.Time: no entry)
    return NilList()


def _append(right: list[Any], left: list[Any]) -> list[Any]:
    """Go's ``append(right, left...)``: nil stays nil when nothing is added."""
    if not left:
        return right
    return [*right, *left]


def _merge_to_sequence(base: Any, other: Any, path: Path) -> Any:
    return _append(_to_sequence(base), _to_sequence(other))


def _merge_extra_hosts(base: Any, other: Any, path: Path) -> Any:
    right, left = _to_sequence(base), _to_sequence(other)
    return _append(right, [v for v in left if v not in right])


def _to_mapping(value: Any, default: dict[str, Any] | None) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {str(s): (None if default is None else dict(default)) for s in value}
    return None


_DEPENDS_DEFAULT = {"condition": "service_started", "required": True}


def _merge_depends_on(base: Any, other: Any, path: Path) -> Any:
    return merge_mappings(
        _to_mapping(base, _DEPENDS_DEFAULT) or {}, _to_mapping(other, _DEPENDS_DEFAULT) or {}, path
    )


def _merge_named(base: Any, other: Any, path: Path) -> Any:
    return merge_mappings(_to_mapping(base, None) or {}, _to_mapping(other, None) or {}, path)


def _merge_build(base: Any, other: Any, path: Path) -> Any:
    def as_build(value: Any) -> dict[str, Any]:
        if isinstance(value, str) and not isinstance(value, Timestamp):
            return {"context": value}
        return value if isinstance(value, dict) else {}

    return merge_mappings(as_build(base), as_build(other), path)


def _merge_logging(base: Any, other: Any, path: Path) -> Any:
    if not isinstance(base, dict) or not isinstance(other, dict):
        return other
    if "driver" in other and "driver" in base and other["driver"] != base["driver"]:
        return other
    return merge_mappings(base, other, path)


def _replace(base: Any, other: Any, path: Path) -> Any:
    return other


def _merge_ipam_config(base: Any, other: Any, path: Path) -> Any:
    if not isinstance(base, list) or not isinstance(other, list):
        raise InputError(f"{'.'.join(path)}: unexpected type")
    configs: list[Any] = []

    def subnet_index(subnet: Any) -> int:
        for i, item in enumerate(configs):
            if isinstance(item, dict) and item.get("subnet") == subnet:
                return i
        return -1

    for original in base:
        right = _to_mapping(original, None) or {}
        for over in other:
            left = _to_mapping(over, None) or {}
            if left.get("subnet") != right.get("subnet") and subnet_index(left.get("subnet")) < 0:
                configs.append(left)
                continue
            merged = merge_mappings(right, left, path)
            at = subnet_index(merged.get("subnet"))
            if at >= 0:
                configs[at] = merged
            else:
                configs.append(merged)
    return configs if configs else NilList()


_MERGE_SPECIALS: list[tuple[Path, Callable[[Any, Any, Path], Any]]] = [
    (p, fn)
    for patterns, fn in (
        (("networks.*.ipam.config",), _merge_ipam_config),
        (
            (
                "networks.*.labels",
                "volumes.*.labels",
                "services.*.annotations",
                "services.*.build.args",
                "services.*.build.additional_contexts",
                "services.*.build.labels",
                "services.*.deploy.labels",
                "services.*.dns",
                "services.*.dns_opt",
                "services.*.dns_search",
                "services.*.env_file",
                "services.*.label_file",
                "services.*.environment",
                "services.*.labels",
                "services.*.volumes.*.volume.labels",
                "services.*.sysctls",
                "services.*.tmpfs",
            ),
            _merge_to_sequence,
        ),
        (("services.*.build",), _merge_build),
        (("services.*.build.extra_hosts", "services.*.extra_hosts"), _merge_extra_hosts),
        (
            ("services.*.command", "services.*.entrypoint", "services.*.healthcheck.test"),
            _replace,
        ),
        (("services.*.depends_on",), _merge_depends_on),
        (("services.*.logging",), _merge_logging),
        (("services.*.models", "services.*.networks"), _merge_named),
        (("services.*.ulimits.*",), _replace),
    )
    for p in pattern_table(*patterns)
]


def merge(base: Any, other: Any, path: Path) -> Any:
    for pattern, merger in _MERGE_SPECIALS:
        if matches(path, pattern):
            return merger(base, other, path)
    if other is None:
        return base
    if isinstance(base, dict):
        if not isinstance(other, dict):
            raise InputError(f"cannot override {'.'.join(path)}")
        return merge_mappings(base, other, path)
    if isinstance(base, list):
        if not isinstance(other, list):
            raise InputError(f"cannot override {'.'.join(path)}")
        return [*base, *other]
    return other


def merge_mappings(base: dict[str, Any], other: dict[str, Any], path: Path) -> dict[str, Any]:
    for key, value in other.items():
        if key not in base:
            base[key] = value
        else:
            base[key] = merge(base[key], value, (*path, key))
    return base


__all__ = ["merge", "merge_mappings"]
