"""The project as ``docker compose config --no-interpolate`` prints it.

Without interpolation Compose cannot decode the project into its typed model, so it
prints its intermediate dictionary instead: each file merged into the previous ones by
the generic rules (``environment`` maps become ``K=V`` lists when two files both set
one), only the short syntaxes that parse without variables made long, default values,
paths, then the names and default networks of normalisation. Nothing is pruned and no
``$`` is doubled. Go prints that dictionary with every map's keys sorted.

The stages follow the reference's own order, on plain ``dict``/``list`` values; the
positioned trees of :mod:`.reader` are only the way in.
"""

from __future__ import annotations

import contextvars
import copy
import math
import os
import posixpath
import re
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import InputError
from composecheck.load import files as filesel
from composecheck.load.environment import (
    Environment,
    load_env_file,
)
from composecheck.load.project import LoadOptions
from composecheck.load.reader import parse_documents
from composecheck.load.tree import Override, Reset, Timestamp, YList, YMap

Path = tuple[str, ...]
Indexer = Callable[[Any, str], Any]


class NilList(list[Any]):
    """A Go ``[]any(nil)``: JSON writes ``null`` for it, YAML ``[]``."""

    __slots__ = ()


# -- small Go look-alikes --------------------------------------------------------------


def _go_sprint(value: Any) -> str:
    """``fmt.Sprint``/``%v`` of a decoded YAML value."""
    from composecheck.gocompat.fmt import go_string

    if value is None:
        return "<nil>"
    if isinstance(value, Timestamp):
        moment = _go_time(value)
        return moment[1] if moment else str(value)
    if isinstance(value, dict):
        inner = " ".join(f"{k}:{_go_sprint(value[k])}" for k in sorted(value))
        return f"map[{inner}]"
    if isinstance(value, list):
        return "[" + " ".join(_go_sprint(v) for v in value) + "]"
    return go_string(value)


def _go_join(*parts: str) -> str:
    """``filepath.Join``: empty parts skipped, the result cleaned."""
    kept = [p for p in parts if p]
    if not kept:
        return ""
    return _go_clean("/".join(kept))


def _go_clean(path: str) -> str:
    """``path.Clean`` (POSIX ``normpath`` keeps a leading ``//``; Go does not)."""
    if not path:
        return "."
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    return cleaned


def _matches(path: Path, pattern: Path) -> bool:
    if len(path) != len(pattern):
        return False
    return all(q == "*" or p == q for p, q in zip(path, pattern, strict=True))


def _pattern_table(*patterns: str) -> list[Path]:
    return [tuple(p.split(".")) for p in patterns]


# -- reading ---------------------------------------------------------------------------


@dataclass
class _Doc:
    """One YAML document as Compose decodes it, and the keys it resets or overrides."""

    data: dict[str, Any]
    resets: list[Path] = field(default_factory=list)


def _decode(value: Any, path: Path, resets: list[Path]) -> Any:
    """Plain values from the positioned tree; ``!reset``/``!override`` recorded."""
    if isinstance(value, YMap):
        out: dict[str, Any] = {}
        for key, item in value.items():
            sub = (*path, key)
            if isinstance(item, Reset):
                resets.append(sub)
                continue
            if isinstance(item, Override):
                resets.append(sub)
                item = item.value
            out[str(key)] = _decode(item, sub, resets)
        return out
    if isinstance(value, YList):
        items: list[Any] = []
        for index, item in enumerate(value):
            sub = (*path, str(index))
            if isinstance(item, Reset):
                continue
            if isinstance(item, Override):
                item = item.value
            items.append(_decode(item, sub, resets))
        return items
    if isinstance(value, Override):
        return _decode(value.value, path, resets)
    if isinstance(value, Reset):
        return None
    if isinstance(value, str) and value.__class__ is not str:
        # go-yaml decodes a timestamp-like plain scalar into a time.Time.
        return value if isinstance(value, Timestamp) and _go_time(value) else str(value)
    return value


_TIME_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt ](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?"
    r"(?: *(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$"
)


def _go_time(text: str) -> tuple[str, str] | None:
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


def _read_docs(path: str, data: bytes | None = None) -> list[_Doc]:
    """The documents of a file (``data``: its bytes when already read, as for stdin)."""
    if data is None:
        data = _read_bytes(path)
    out: list[_Doc] = []
    for doc in parse_documents(data, path):
        if doc is None:
            continue
        if not isinstance(doc, YMap):
            raise InputError("top-level object must be a mapping")
        resets: list[Path] = []
        out.append(_Doc(_decode(doc, (), resets), resets))
    return out


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"open {path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"read {path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"open {path}: {exc.strerror}") from None


def _apply_resets(target: Any, resets: Sequence[Path], path: Path = ()) -> None:
    """Remove from what was merged so far every key a document resets or overrides."""
    if not resets or not isinstance(target, dict):
        return
    for key in list(target):
        sub = (*path, key)
        if any(_matches(sub, r) for r in resets):
            del target[key]
            continue
        _apply_resets(target[key], resets, sub)


# -- merging ---------------------------------------------------------------------------


def _to_sequence(value: Any) -> list[Any]:
    """A mapping as sorted ``K=V`` strings; what Go leaves nil is a :class:`NilList`."""
    if isinstance(value, dict):
        seq: list[Any] = NilList()
        for key, item in value.items():
            if item is None:
                seq.append(key)
            elif isinstance(item, list):
                seq.extend(f"{key}={_go_sprint(v)}" for v in item)
            else:
                seq.append(f"{key}={_go_sprint(item)}")
        seq.sort(key=lambda s: s.encode("utf-8", "surrogatepass"))
        return seq if not seq else list(seq)
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value]
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
    return _merge_mappings(
        _to_mapping(base, _DEPENDS_DEFAULT) or {}, _to_mapping(other, _DEPENDS_DEFAULT) or {}, path
    )


def _merge_named(base: Any, other: Any, path: Path) -> Any:
    return _merge_mappings(_to_mapping(base, None) or {}, _to_mapping(other, None) or {}, path)


def _merge_build(base: Any, other: Any, path: Path) -> Any:
    def as_build(value: Any) -> dict[str, Any]:
        if isinstance(value, str):
            return {"context": value}
        return value if isinstance(value, dict) else {}

    return _merge_mappings(as_build(base), as_build(other), path)


def _merge_logging(base: Any, other: Any, path: Path) -> Any:
    if not isinstance(base, dict) or not isinstance(other, dict):
        return other
    if "driver" in other and "driver" in base and other["driver"] != base["driver"]:
        return other
    return _merge_mappings(base, other, path)


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
            merged = _merge_mappings(right, left, path)
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
    for p in _pattern_table(*patterns)
]


def _merge(base: Any, other: Any, path: Path) -> Any:
    for pattern, merger in _MERGE_SPECIALS:
        if _matches(path, pattern):
            return merger(base, other, path)
    if other is None:
        return base
    if isinstance(base, dict):
        if not isinstance(other, dict):
            raise InputError(f"cannot override {'.'.join(path)}")
        return _merge_mappings(base, other, path)
    if isinstance(base, list):
        if not isinstance(other, list):
            raise InputError(f"cannot override {'.'.join(path)}")
        return [*base, *other]
    return other


def _merge_mappings(base: dict[str, Any], other: dict[str, Any], path: Path) -> dict[str, Any]:
    for key, value in other.items():
        if key not in base:
            base[key] = value
        else:
            base[key] = _merge(base[key], value, (*path, key))
    return base


# -- unicity ---------------------------------------------------------------------------


def _key_value_index(item: Any, where: str) -> Any:
    if not isinstance(item, str):
        raise InputError(f"{where}: unexpected type {_go_type(item)}")
    return item.partition("=")[0]


def _volume_index(item: Any, where: str) -> Any:
    if isinstance(item, dict):
        target = item.get("target")
        if not isinstance(target, str):
            raise InputError(f"service volume {where} is missing a mount target")
        return target
    if isinstance(item, str):
        from composecheck.syntax.volume import parse_volume

        try:
            return parse_volume(item).get("target")
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return ""


def _device_index(item: Any, where: str) -> Any:
    if isinstance(item, dict):
        target = item.get("target")
        if not isinstance(target, str):
            raise InputError(f"service device {where} is missing a mount target")
        return target
    if isinstance(item, str):
        parts = item.split(":")
        return parts[0] if len(parts) == 1 else parts[1]
    return ""


def _expose_index(item: Any, where: str) -> Any:
    if isinstance(item, bool) or not isinstance(item, (str, int)):
        raise InputError(f"{where}: unsupported expose value {_go_sprint(item)}")
    return str(item)


def _mount_index(default: str) -> Indexer:
    def index(item: Any, where: str) -> Any:
        if isinstance(item, str):
            return f"{default}/{item}"
        if isinstance(item, dict):
            if "target" in item:
                return ("target", _go_sprint(item["target"]))
            return f"{default}/{_go_sprint(item.get('source'))}"
        raise InputError(f"{where}: unsupported expose value {_go_sprint(item)}")

    return index


def _port_index(item: Any, where: str) -> Any:
    if isinstance(item, int) and not isinstance(item, bool):
        return str(item)
    if isinstance(item, dict):
        if "target" not in item:
            raise InputError(f"service ports {where} is missing a target port")
        published = item.get("published") if "published" in item else None
        return (
            "map",
            _go_fmt_s(item.get("host_ip", "0.0.0.0")),
            _go_fmt_s(published),
            _go_fmt_d(item["target"]),
            _go_fmt_s(item.get("protocol", "tcp")),
        )
    if isinstance(item, str):
        return item
    return ""


def _go_fmt_s(value: Any) -> str:
    if isinstance(value, str):
        return value
    return f"%!s({_go_type(value)}={_go_sprint(value)})" if value is not None else "%!s(<nil>)"


def _go_fmt_d(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"%!d({_go_type(value)}={_go_sprint(value)})"


def _env_file_index(item: Any, where: str) -> Any:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if "path" in item:
            return _go_sprint(item["path"])
        raise InputError(f"environment path attribute {where} is missing")
    return ""


_UNIQUE: list[tuple[Path, Indexer]] = [
    (p, fn)
    for patterns, fn in (
        (
            (
                "networks.*.labels",
                "networks.*.ipam.options",
                "services.*.annotations",
                "services.*.build.args",
                "services.*.build.additional_contexts",
                "services.*.build.platform",
                "services.*.build.tags",
                "services.*.build.labels",
                "services.*.cap_add",
                "services.*.cap_drop",
                "services.*.deploy.labels",
                "services.*.dns",
                "services.*.dns_opt",
                "services.*.dns_search",
                "services.*.environment",
                "services.*.labels",
                "services.*.links",
                "services.*.networks.*.aliases",
                "services.*.networks.*.link_local_ips",
                "services.*.profiles",
                "services.*.sysctls",
                "services.*.tmpfs",
            ),
            _key_value_index,
        ),
        (("services.*.devices",), _device_index),
        (("services.*.configs",), _mount_index("")),
        (("services.*.secrets",), _mount_index("/run/secrets")),
        (("services.*.env_file",), _env_file_index),
        (("services.*.expose",), _expose_index),
        (("services.*.ports",), _port_index),
        (("services.*.volumes",), _volume_index),
    )
    for p in _pattern_table(*patterns)
]


def _enforce_unicity(value: Any, path: Path = ()) -> Any:
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _enforce_unicity(value[key], (*path, key))
        return value
    if isinstance(value, list):
        for pattern, indexer in _UNIQUE:
            if _matches(path, pattern):
                seq: list[Any] = []
                seen: dict[Any, int] = {}
                for index, entry in enumerate(value):
                    key = indexer(entry, ".".join((*path, f"[{index}]")))
                    if key in seen:
                        seq[seen[key]] = entry
                    else:
                        seen[key] = len(seq)
                        seq.append(entry)
                return seq
    return value


# -- canonical form --------------------------------------------------------------------


def _go_type(value: Any) -> str:
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "map[string]interface {}"
    return "[]interface {}"


Transform = Callable[[Any, Path], Any]


def _string_or_list(value: Any, path: Path) -> Any:
    return [value] if isinstance(value, str) else value


def _string_or_x(value: Any, path: Path) -> Any:
    return value if isinstance(value, str) else _go_sprint(value)


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
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)}")


def _file_mount(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return {"source": value}
    raise InputError(f"{'.'.join(path)}: unsupported type {_go_type(value)}")


def _depends_on(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        for name, entry in value.items():
            if not isinstance(entry, dict):
                raise InputError(f"{'.'.join(path)}.{name}: unsupported value {_go_sprint(value)}")
            entry.setdefault("condition", "service_started")
            entry.setdefault("required", True)
        return value
    if isinstance(value, list):
        return {str(n): {"condition": "service_started", "required": True} for n in value}
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for depend_on")


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
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for env_file")


def _extends(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return _canonical_mapping(value, path)
    if isinstance(value, str):
        return {"service": value}
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for extends")


def _gpus(value: Any, path: Path) -> Any:
    if isinstance(value, list):
        return _canonical_sequence(value, path)
    if isinstance(value, str):
        return [{"count": "all"}]
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for gpus")


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
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for service volume mount")


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
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for service volume mount")


def _ports(value: Any, path: Path) -> Any:
    from composecheck.syntax.port import parse_port

    if not isinstance(value, list):
        raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for port")
    ports: list[Any] = []
    for entry in value:
        if isinstance(entry, dict):
            ports.append(entry)
        elif isinstance(entry, (int, str)) and not isinstance(entry, bool):
            try:
                parsed = parse_port(entry)
            except ValueError as exc:
                if isinstance(entry, str):
                    return value
                raise InputError(str(exc)) from None
            ports.extend(dict(p) for p in parsed)
        else:
            raise InputError(f"{'.'.join(path)}: invalid type {_go_type(entry)} for port")
    return ports if ports else NilList()


def _build(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return _canonical_mapping(value, path)
    if isinstance(value, str):
        return {"context": value}
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for build")


def _ssh(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        out: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, str):
                raise InputError(f"invalid ssh key type {_go_type(item)}")
            key, sep, rest = item.partition("=")
            if not sep:
                if key != "default":
                    raise InputError(f'invalid ssh key "{item}"')
                out[key] = None
                continue
            out[key] = rest
        return out
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for ssh")


def _ulimits(value: Any, path: Path) -> Any:
    if isinstance(value, dict) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for external")


def _service(value: Any, path: Path) -> Any:
    return _canonical_mapping(value, path) if isinstance(value, dict) else value


# The canonical pass is a table of plain functions; the one that warns (a deprecated
# `external.name`) reports to the load in progress through this variable.
_CANONICAL_WARNINGS: contextvars.ContextVar[list[str]] = contextvars.ContextVar(
    "composecheck_dictmodel_warnings"
)


def _maybe_external(value: Any, path: Path) -> Any:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{'.'.join(path)} must be a mapping")
    resource = _canonical_mapping(value, path)
    external = resource.get("external")
    if isinstance(external, dict):
        resource["external"] = True
        if "name" in external:
            where = ".".join(path)
            _CANONICAL_WARNINGS.get([]).append(
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
    for p in _pattern_table(*patterns)
]


def _canonical(value: Any, path: Path) -> Any:
    for pattern, transformer in _TRANSFORMERS:
        if _matches(path, pattern):
            return transformer(value, path)
    if isinstance(value, dict):
        return _canonical_mapping(value, path)
    if isinstance(value, list):
        return _canonical_sequence(value, path)
    return value


def _canonical_mapping(value: dict[str, Any], path: Path) -> dict[str, Any]:
    for key in list(value):
        value[key] = _canonical(value[key], (*path, key))
    return value


def _canonical_sequence(value: list[Any], path: Path) -> list[Any]:
    for index, item in enumerate(value):
        value[index] = _canonical(item, (*path, "[]"))
    return value


def _omit_empty(value: Any, path: Path = ()) -> Any:
    """Drop empty ``dns`` entries; every empty sequence becomes a Go nil slice."""
    omit = _matches(path, ("services", "*", "dns"))
    if isinstance(value, dict):
        for key in list(value):
            item = value[key]
            if omit and (item is None or item == ""):
                del value[key]
                continue
            value[key] = _omit_empty(item, (*path, key))
        return value
    if isinstance(value, list):
        kept = [
            _omit_empty(item, (*path, "[]"))
            for item in value
            if not (omit and (item is None or item == ""))
        ]
        return kept if kept else NilList()
    return value


# -- defaults --------------------------------------------------------------------------


def _default_build(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        value.setdefault("context", ".")
    return value


def _default_secret(value: Any, path: Path) -> Any:
    if not isinstance(value, dict):
        raise InputError(f"{'.'.join(path)}: unsupported type {_go_type(value)}")
    if "target" not in value:
        value["target"] = f"/run/secrets/{_go_fmt_s(value.get('source'))}"
    return value


def _default_port(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        value.setdefault("protocol", "tcp")
        value.setdefault("mode", "ingress")
    return value


def _default_device_request(value: Any, path: Path) -> Any:
    if not isinstance(value, dict):
        raise InputError(f"{'.'.join(path)}: invalid type {_go_type(value)} for device request")
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
    for p in _pattern_table(*patterns)
]


def _set_defaults(value: Any, path: Path = ()) -> Any:
    for pattern, fn in _DEFAULTS:
        if _matches(path, pattern):
            return fn(value, path)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _set_defaults(value[key], (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _set_defaults(item, (*path, "[]"))
    return value


# -- paths -----------------------------------------------------------------------------

_WINDOWS_ABS = re.compile(r"^(?:[a-zA-Z]:[\\/]|\\\\)")


class _PathResolver:
    def __init__(self, base: str, home: str | None, warnings: list[str]) -> None:
        self.base = base
        self.home = home
        self.warnings = warnings
        self.rules: list[tuple[Path, Callable[[Any], Any]]] = [
            (p, fn)
            for patterns, fn in (
                (
                    ("services.*.build.context", "services.*.build.additional_contexts.*"),
                    self.context,
                ),
                (("services.*.build.ssh.*", "configs.*.file", "secrets.*.file"), self.unix),
                (
                    (
                        "services.*.env_file.*.path",
                        "services.*.label_file.*",
                        "services.*.extends.file",
                        "include.path",
                        "include.project_directory",
                        "include.env_file",
                    ),
                    self.absolute,
                ),
                (("services.*.develop.watch.*.path",), self.link),
                (("services.*.volumes.*",), self.volume),
                (("volumes.*",), self.driver_opts),
            )
            for p in _pattern_table(*patterns)
        ]

    def expand_user(self, path: str) -> str:
        if path.startswith("~"):
            if not self.home:
                self.warnings.append("cannot expand '~', because the environment lacks HOME")
                return path
            return _go_join(self.home, path[1:])
        return path

    def absolute(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.absolute(v) for v in value]
        if isinstance(value, str):
            path = self.expand_user(value)
            if path.startswith("/") or not path:
                return path
            return _go_join(self.base, path)
        raise InputError(f"unexpected type {_go_type(value)}")

    def unix(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        path = self.expand_user(value)
        if path.startswith("/") or _WINDOWS_ABS.match(path):
            return path
        return _go_join(self.base, path)

    def context(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if "://" in value or value.startswith("service:"):
            return value
        if value.startswith(("https://", "http://", "git://", "ssh://", "github.com/", "git@")):
            return value
        return self.absolute(value)

    def link(self, value: Any) -> Any:
        path = self.absolute(value)
        if isinstance(path, str) and os.path.islink(path):
            return os.path.realpath(path)
        return path

    def volume(self, value: Any) -> Any:
        if not isinstance(value, dict) or value.get("type") != "bind":
            return value
        if "source" not in value:
            raise InputError('invalid mount config for type "bind": field Source must not be empty')
        value["source"] = self.unix(value["source"])
        return value

    def driver_opts(self, value: Any) -> Any:
        if not isinstance(value, dict) or value.get("driver") != "local":
            return value
        opts = value.get("driver_opts")
        if isinstance(opts, dict) and opts.get("o") == "bind" and "device" in opts:
            opts["device"] = self.unix(opts["device"])
        return value

    def resolve(self, value: Any, path: Path = ()) -> Any:
        for pattern, fn in self.rules:
            if _matches(path, pattern):
                return fn(value)
        if isinstance(value, dict):
            for key in list(value):
                value[key] = self.resolve(value[key], (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = self.resolve(item, (*path, "[]"))
        return value


# -- environment and normalisation -----------------------------------------------------


def _resolve_environment(model: dict[str, Any], env: dict[str, str]) -> None:
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict) or not isinstance(service.get("environment"), list):
                continue
            resolved: list[Any] = []
            for item in service["environment"]:
                if not isinstance(item, str):
                    continue
                resolved.append(f"{item}={env[item]}" if item in env else item)
            service["environment"] = resolved
    for section, target in (("secrets", "x-#value"), ("configs", "content")):
        resources = model.get(section)
        if not isinstance(resources, dict):
            continue
        for resource in resources.values():
            if isinstance(resource, dict) and isinstance(resource.get("environment"), str):
                name = resource["environment"]
                if name in env:
                    resource[target] = env[name]


def _resolve_values(value: Any, env: dict[str, str], keep_empty: bool) -> tuple[Any, bool]:
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            resolved, ok = _resolve_values(item, env, keep_empty)
            if ok:
                out.append(resolved)
        return (out if out else NilList()), True
    if isinstance(value, dict):
        mapping: dict[str, Any] = {}
        for key, item in value.items():
            if item is not None:
                mapping[key] = item
            elif key in env:
                mapping[key] = env[key]
            elif keep_empty:
                mapping[key] = None
        return mapping, True
    if isinstance(value, str):
        if "=" not in value:
            if value in env:
                return f"{value}={env[value]}", True
            return (value, True) if keep_empty else ("", False)
        return value, True
    return value, False


def _dependency(restart: bool) -> dict[str, Any]:
    return {"condition": "service_started", "restart": restart, "required": True}


def _normalize(model: dict[str, Any], env: dict[str, str]) -> None:
    _normalize_networks(model)
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict):
                continue
            if service.get("pull_policy") == "if_not_present":
                service["pull_policy"] = "missing"
            build = service.get("build")
            if isinstance(build, dict):
                if build.get("context") is None:
                    build["context"] = "."
                if build.get("dockerfile") is None and build.get("dockerfile_inline") is None:
                    build["dockerfile"] = "Dockerfile"
                if "args" in build:
                    build["args"] = _resolve_values(build["args"], env, False)[0]
            if "environment" in service:
                service["environment"] = _resolve_values(service["environment"], env, True)[0]
            depends = service.get("depends_on")
            depends_on: dict[str, Any] = depends if isinstance(depends, dict) else {}
            for link in service.get("links") or []:
                parts = str(link).split(":")
                name = parts[0] if len(parts) == 2 else str(link)
                if name not in depends_on:
                    depends_on[name] = _dependency(True)
            for namespace in ("network_mode", "ipc", "pid", "uts", "cgroup"):
                ref = service.get(namespace)
                if isinstance(ref, str) and ref.startswith("service:"):
                    shared = ref[len("service:") :]
                    if shared not in depends_on:
                        depends_on[shared] = _dependency(True)
            volumes = service.get("volumes")
            if isinstance(volumes, list):
                for volume in volumes:
                    if isinstance(volume, dict) and isinstance(volume.get("target"), str):
                        volume["target"] = _go_clean(volume["target"])
            for spec in service.get("volumes_from") or []:
                spec = str(spec)
                if not spec.startswith("container:"):
                    name = spec.split(":")[0]
                    if name not in depends_on:
                        depends_on[name] = _dependency(False)
            if depends_on:
                service["depends_on"] = depends_on
    for section in ("networks", "volumes", "configs", "secrets"):
        resources = model.get(section)
        if not isinstance(resources, dict):
            continue
        for key in list(resources):
            resource = resources[key]
            if resource is None:
                resource = resources[key] = {}
            if not isinstance(resource, dict):
                continue
            if resource.get("name") is None:
                external = resource.get("external")
                if "external" in resource and _go_sprint(external) in (
                    "1",
                    "t",
                    "T",
                    "TRUE",
                    "true",
                    "True",
                ):
                    resource["name"] = key
                else:
                    resource["name"] = f"{_go_fmt_s(model.get('name'))}_{key}"


def _normalize_networks(model: dict[str, Any]) -> None:
    networks = model.get("networks")
    if not isinstance(networks, dict):
        networks = {}
    uses_default = False
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict):
                continue
            if "provider" in service or "network_mode" in service:
                continue
            attached = service.get("networks")
            if "networks" not in service or (isinstance(attached, dict) and not attached):
                service["networks"] = {"default": None}
                uses_default = True
            elif isinstance(attached, dict) and "default" in attached:
                uses_default = True
    if "default" not in networks and uses_default:
        networks["default"] = None
    if networks:
        model["networks"] = networks


# -- loading ---------------------------------------------------------------------------


class _Tracker:
    """The chain of ``extends`` being followed, to refuse a cycle."""

    def __init__(self, chain: tuple[tuple[str, str], ...] = ()) -> None:
        self.chain = chain

    def add(self, filename: str, service: str) -> _Tracker:
        if (filename, service) in self.chain:
            (first_file, first), *rest = self.chain
            lines = [f"  {first} in {first_file}"]
            lines += [f"  extends {s} in {f}" for f, s in (*rest, (filename, service))]
            raise InputError("Circular reference:\n" + "\n".join(lines))
        return _Tracker((*self.chain, (filename, service)))


@dataclass
class _Context:
    """What one ``loadYamlModel`` call works with."""

    working_dir: str  # as Compose holds it: relative inside includes
    resolve_root: str  # the absolute folder relative file names are read from
    environment: dict[str, str]
    resolve_paths: bool = True
    skip_extends: bool = False
    skip_include: bool = False
    skip_validation: bool = False
    included: list[str] = field(default_factory=list)


class _Loader:
    def __init__(self, home: str | None, stdin: bytes | None) -> None:
        self.home = home
        self.stdin = stdin
        self.warnings: list[str] = []
        self._versions_warned: set[str] = set()

    def abs_path(self, root: str, path: str) -> str:
        return path if os.path.isabs(path) else _go_join(root, path)

    def rel_dir(self, root: str, path: str) -> str:
        """``localResourceLoader.Dir``: a file's folder, relative to ``root`` if possible."""
        full = self.abs_path(root, path)
        if not os.path.isdir(full):
            full = self.abs_path(root, os.path.dirname(path) or ".")
        try:
            return os.path.relpath(full, root)
        except ValueError:
            return full

    # -- one file --------------------------------------------------------------------

    def load_file(
        self, filename: str, ctx: _Context, model: dict[str, Any], tracker: _Tracker
    ) -> tuple[dict[str, Any], list[Path]]:
        resets: list[Path] = []
        # The chain of includes grows with each document of this file, but the next
        # file of the project starts again from the caller's chain.
        chain = ctx.included
        try:
            for doc in _read_docs(filename, self.stdin if filename == "-" else None):
                resets = doc.resets
                model = self.process(doc, filename, ctx, model, tracker)
        finally:
            ctx.included = chain
        return model, resets

    def process(
        self,
        doc: _Doc,
        filename: str,
        ctx: _Context,
        model: dict[str, Any],
        tracker: _Tracker,
    ) -> dict[str, Any]:
        cfg = doc.data
        if not ctx.skip_extends:
            self.apply_extends(cfg, filename, ctx, tracker, [doc.resets])
        _apply_resets(model, doc.resets)
        if not ctx.skip_include:
            ctx.included = [*ctx.included, filename]
            self.apply_include(cfg, ctx)
        model = _merge_mappings(model, cfg, ())
        model = _enforce_unicity(model)
        if not ctx.skip_validation:
            self.validate(model, filename)
            if "version" in model:
                if filename not in self._versions_warned:
                    self.warnings.append(
                        f"{filename}: the attribute `version` is obsolete, it will be ignored, "
                        "please remove it to avoid potential confusion"
                    )
                    self._versions_warned.add(filename)
                del model["version"]
        model = _canonical_mapping(model, ())
        model = _omit_empty(model)
        return _enforce_unicity(model)  # type: ignore[no-any-return]

    @staticmethod
    def validate(model: dict[str, Any], filename: str) -> None:
        from composecheck.load.schema import check

        violations = check(model)
        if violations:
            raise InputError(f"validating {filename}: {violations[0].message}")

    # -- extends -----------------------------------------------------------------------

    def apply_extends(
        self,
        cfg: dict[str, Any],
        filename: str,
        ctx: _Context,
        tracker: _Tracker,
        post: list[list[Path]],
    ) -> None:
        if "services" not in cfg:
            return
        services = cfg["services"]
        if not isinstance(services, dict):
            raise InputError("services must be a mapping")
        for name in list(services):
            services[name] = self.extend_service(name, services, filename, ctx, tracker, post)

    def extend_service(
        self,
        name: str,
        services: dict[str, Any],
        filename: str,
        ctx: _Context,
        tracker: _Tracker,
        post: list[list[Path]],
    ) -> Any:
        service = services.get(name)
        if service is None:
            return None
        if not isinstance(service, dict):
            raise InputError(f"services.{name} must be a mapping")
        if "extends" not in service:
            return service
        spec = service["extends"]
        file: Any = None
        if isinstance(spec, dict):
            ref = spec.get("service")
            if not isinstance(ref, str):
                raise InputError(f"extends.{name}.service is required")
            file = spec.get("file")
        elif isinstance(spec, str):
            ref = spec
        else:
            ref = ""
        resets: list[list[Path]] = []
        if file is not None:
            ref_file = str(file)
            services, base_resets = self.extends_base(name, ref, filename, ref_file, ctx, tracker)
            resets = [base_resets]
            filename = ref_file
        elif ref not in services:
            raise InputError(
                f'cannot extend service "{name}" in {filename}: service "{ref}" not found'
            )
        tracker = tracker.add(filename, name)
        base = self.extend_service(ref, services, filename, ctx, tracker, resets)
        if base is None:
            return service
        source = copy.deepcopy(base)
        for paths in post:
            _apply_resets({"services": {name: source}}, paths)
        merged = _merge(source, service, ("services", "x"))
        merged.pop("extends", None)
        services[name] = merged
        return merged

    def extends_base(
        self,
        name: str,
        ref: str,
        filename: str,
        ref_file: str,
        ctx: _Context,
        tracker: _Tracker,
    ) -> tuple[dict[str, Any], list[Path]]:
        local = self.abs_path(ctx.resolve_root, ref_file)
        rel = self.rel_dir(ctx.resolve_root, ref_file)
        sub = _Context(
            working_dir=rel,
            resolve_root=os.path.dirname(local),
            environment=ctx.environment,
            resolve_paths=False,
            skip_extends=True,
            skip_include=True,
            skip_validation=True,
        )
        source, resets = self.load_file(local, sub, {}, tracker)
        services = source.get("services")
        if "services" not in source:
            raise InputError(f'cannot extend service "{name}" in {local}: no services section')
        if not isinstance(services, dict):
            raise InputError(
                f'cannot extend service "{name}" in {local}: services must be a mapping'
            )
        if ref not in services:
            raise InputError(
                f'cannot extend service "{name}" in {filename}: service "{ref}" not found in '
                f"{ref_file}"
            )
        _PathResolver(rel, self.home, self.warnings).resolve(source)
        return services, resets

    # -- include -----------------------------------------------------------------------

    def apply_include(self, cfg: dict[str, Any], ctx: _Context) -> None:
        if "include" not in cfg:
            return
        items = cfg["include"]
        if items is None:
            del cfg["include"]
            return
        if not isinstance(items, list):
            raise InputError(f"`include` must be a list, got {_go_sprint(items)}")
        for item in items:
            spec = {"path": item} if isinstance(item, str) else item
            if not isinstance(spec, dict):
                raise InputError("include entries must be strings or mappings")
            raw_paths = spec.get("path")
            paths = [raw_paths] if isinstance(raw_paths, str) else list(raw_paths or [])
            project_dir = spec.get("project_directory") or ""
            raw_env = spec.get("env_file")
            env_files = [raw_env] if isinstance(raw_env, str) else list(raw_env or [])
            rel_dir = ""
            resolved: list[str] = []
            for index, path in enumerate(paths):
                full = self.abs_path(ctx.resolve_root, str(path))
                if index == 0:
                    if not project_dir:
                        rel_dir = self.rel_dir(ctx.resolve_root, full)
                        project_dir = os.path.dirname(full)
                    elif not os.path.isabs(project_dir):
                        rel_dir = self.rel_dir(ctx.resolve_root, project_dir)
                        project_dir = _go_join(ctx.resolve_root, project_dir)
                    else:
                        rel_dir = project_dir
                    if full in ctx.included:
                        chain = [*ctx.included, full]
                        raise InputError(
                            "include cycle detected:\n"
                            + chain[0]
                            + "\n include "
                            + "\n include ".join(chain[1:])
                        )
                resolved.append(full)
            if not env_files:
                dotenv = os.path.join(project_dir, ".env")
                if os.path.isfile(dotenv):
                    env_files = [dotenv]
            else:
                env_files = [self.abs_path(ctx.resolve_root, str(f)) for f in env_files]
            sub_env = Environment(dict(ctx.environment), {}, {}, [], [])
            for env_file in env_files:
                load_env_file(sub_env, env_file)
            environment = dict(ctx.environment)
            for key, value in sub_env.files.items():
                environment.setdefault(key, value)
            sub = _Context(
                working_dir=rel_dir,
                resolve_root=project_dir,
                environment=environment,
                resolve_paths=True,
                included=list(ctx.included),
            )
            imported = self.load_model(resolved, sub)
            _import_resources(imported, cfg)
        del cfg["include"]

    # -- a project ---------------------------------------------------------------------

    def load_model(self, filenames: Sequence[str], ctx: _Context) -> dict[str, Any]:
        model: dict[str, Any] = {}
        for filename in filenames:
            model, _ = self.load_file(filename, ctx, model, _Tracker())
        model = _set_defaults(model)
        if ctx.resolve_paths:
            _PathResolver(ctx.working_dir, self.home, self.warnings).resolve(model)
        _resolve_environment(model, ctx.environment)
        return model


def _import_resources(source: dict[str, Any], target: dict[str, Any]) -> None:
    for key in ("services", "volumes", "networks", "secrets", "configs", "models"):
        imported = source.get(key)
        if imported is None:
            continue
        into = target.get(key) if key in target else {}
        if not isinstance(into, dict) or not isinstance(imported, dict):
            raise InputError(f"{key} must be a mapping")
        for name, value in imported.items():
            if name in into:
                if _plain_equal(value, into[name]):
                    continue
                raise InputError(f"{key}.{name} conflicts with imported resource")
            into[name] = value
        target[key] = into


def _plain_equal(a: Any, b: Any) -> bool:
    if isinstance(a, NilList) != isinstance(b, NilList):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_plain_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_plain_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _declared_name(paths: Sequence[str], stdin: bytes | None) -> str | None:
    """The last non-empty ``name:`` of the files, as written (no interpolation)."""
    name: str | None = None
    for path in paths:
        try:
            docs = _read_docs(path, stdin if path == "-" else None)
        except InputError:
            break
        for doc in docs:
            raw = doc.data.get("name")
            if isinstance(raw, str) and raw:
                name = raw
    return name


def load_dict_model(options: LoadOptions) -> tuple[dict[str, Any], list[str]]:
    """Compose's uninterpolated model of the project, and the warnings on the way."""
    from composecheck.load.project import select

    selection = select(options)
    env, chosen, working_dir = selection.env, selection.files, selection.working_dir
    shell, warnings = env.shell, env.warnings
    stdin: bytes | None = None
    if "-" in chosen:
        stdin = options.stdin if options.stdin is not None else sys.stdin.buffer.read()

    if options.project_name:
        name = filesel.check_name(options.project_name)
    elif env.get("COMPOSE_PROJECT_NAME"):
        name = filesel.check_name(env.get("COMPOSE_PROJECT_NAME") or "")
    else:
        declared = _declared_name(chosen, stdin)
        if declared is not None:
            name = filesel.normalize_name(declared)
        else:
            name = filesel.normalize_name(os.path.basename(working_dir))
    # The model is resolved against the project name alone: the shell and `.env`
    # only feed file selection and naming here.
    environment = {"COMPOSE_PROJECT_NAME": name}

    loader = _Loader(shell.get("HOME"), stdin)
    canonical_warnings: list[str] = []
    token = _CANONICAL_WARNINGS.set(canonical_warnings)
    ctx = _Context(
        working_dir=working_dir,
        resolve_root=working_dir,
        environment=environment,
        resolve_paths=options.resolve_paths,
    )
    try:
        model = loader.load_model(chosen, ctx)
    finally:
        _CANONICAL_WARNINGS.reset(token)
    if not model:
        raise InputError("empty compose file")
    if not name:
        raise InputError("project name must not be empty")
    if options.normalize:
        model["name"] = name
        _normalize(model, environment)
    warnings.extend(loader.warnings)
    # The canonical pass runs once per document over everything merged so far.
    for message in canonical_warnings:
        if message not in warnings:
            warnings.append(message)
    return model, warnings


# -- printing --------------------------------------------------------------------------


def _sorted_tree(value: Any, yaml_order: bool, times: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if yaml_order:
            from composecheck.gocompat.maporder import sorted_keys

            keys = sorted_keys(value, False)
        else:
            keys = sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass"))
        return {k: _sorted_tree(value[k], yaml_order, times) for k in keys}
    if isinstance(value, NilList):
        return [] if yaml_order else None
    if isinstance(value, list):
        return [_sorted_tree(v, yaml_order, times) for v in value]
    if not yaml_order and isinstance(value, float) and not math.isfinite(value):
        shown = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
        raise InputError(f"json: unsupported value: {shown}")
    if isinstance(value, Timestamp):
        moment = _go_time(value)
        if moment is None:
            return str(value)
        if not yaml_order:
            return moment[0]
        # go-yaml writes a time.Time plain, where a string with the same text would be
        # quoted: a placeholder the emitter leaves plain is swapped for it afterwards.
        token = f"composecheck-time-{uuid.uuid4().hex}"
        times[token] = moment[0]
        return token
    return value


def render_dict_model(model: dict[str, Any], fmt: str) -> str:
    """The model as ``config --no-interpolate`` prints it: ``json`` or ``yaml``.

    Raises :class:`InputError` where Go's encoder refuses (NaN or infinities in JSON).
    """
    times: dict[str, str] = {}
    if fmt == "json":
        from composecheck.gocompat.gojson import dumps_json

        return dumps_json(_sorted_tree(model, False, times))
    from composecheck.gocompat.yaml_emit import dump

    text = dump(_sorted_tree(model, True, times))
    for token, moment in times.items():
        text = text.replace(token, moment)
    return text


__all__ = ["NilList", "load_dict_model", "render_dict_model"]
