"""De-duplicating keyed sequences (ports, volumes, ``K=V`` lists) in the untyped model.

Each sequence has an index function; a later entry with the same index replaces the
earlier one in place, as Compose's ``EnforceUnicity`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from composecheck.errors import InputError
from composecheck.gocompat.gotypes import go_percent_s, is_go_int
from composecheck.load.tree import Override, Reset, Timestamp
from composecheck.load.untyped.gocompat import (
    Path,
    go_fmt_d,
    go_fmt_s,
    go_sprint,
    go_type,
    matches,
    pattern_table,
)

Indexer = Callable[[Any, str], Any]


def _key_value_index(item: Any, where: str) -> Any:
    if not isinstance(item, str) or isinstance(item, Timestamp):
        kind = "time.Time" if isinstance(item, Timestamp) else go_type(item)
        raise InputError(f"{where}: unexpected type {kind}")
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
    if not isinstance(item, str) and not is_go_int(item):
        raise InputError(f"{where}: unsupported expose value {go_percent_s(item)}")
    return str(item)


def _mount_index(default: str) -> Indexer:
    def index(item: Any, where: str) -> Any:
        if isinstance(item, str):
            return f"{default}/{item}"
        if isinstance(item, dict):
            if "target" in item:
                return ("target", go_sprint(item["target"]))
            return f"{default}/{go_sprint(item.get('source'))}"
        raise InputError(f"{where}: unsupported expose value {go_percent_s(item)}")

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
            go_fmt_s(item.get("host_ip", "0.0.0.0")),
            go_fmt_s(published),
            go_fmt_d(item["target"]),
            go_fmt_s(item.get("protocol", "tcp")),
        )
    if isinstance(item, str):
        return item
    return ""


def _env_file_index(item: Any, where: str) -> Any:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if "path" in item:
            return go_sprint(item["path"])
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
    for p in pattern_table(*patterns)
]


def enforce_unicity(value: Any, path: Path = ()) -> Any:
    if isinstance(value, dict):
        for key in list(value):
            value[key] = enforce_unicity(value[key], (*path, key))
        return value
    if isinstance(value, list):
        for pattern, indexer in _UNIQUE:
            if matches(path, pattern):
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


def unicity_errors(value: Any, path: Path = ()) -> Iterator[tuple[list[Any], int, InputError]]:
    """What Compose's ``EnforceUnicity`` refuses in ``value``, without changing it: the
    sequence, the index of the refused entry and the error, for each keyed sequence.

    The typed pipeline de-duplicates positioned trees itself; it asks this for the
    refusals, so that both modes refuse the same entries with the same words.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                yield from unicity_errors(item, (*path, key))
        return
    if isinstance(value, list):
        for pattern, indexer in _UNIQUE:
            if matches(path, pattern):
                for index, entry in enumerate(value):
                    if isinstance(entry, (Reset, Override)):
                        continue  # what a !reset or !override item does is the merge's
                    try:
                        indexer(entry, ".".join((*path, f"[{index}]")))
                    except InputError as exc:
                        yield value, index, exc
                return


__all__ = ["enforce_unicity", "unicity_errors"]
