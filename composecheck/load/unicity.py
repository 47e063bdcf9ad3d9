"""De-duplicating keyed sequences as Compose's ``EnforceUnicity`` does: a later entry
with the same key replaces the earlier one at the earlier position, and an entry Compose
cannot index is refused. The key functions are a table keyed by path pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composecheck.errors import Problems
from composecheck.load.tree import Path, YList, YMap


def _port_key(item: Any) -> Any:
    if not isinstance(item, dict):
        return ("raw", repr(item))
    return (
        item.get("host_ip") or "0.0.0.0",
        str(item.get("published") or ""),
        item.get("target"),
        item.get("protocol") or "tcp",
    )


def _target_key(item: Any) -> Any:
    return item.get("target") if isinstance(item, dict) else ("raw", repr(item))


def _secret_key(item: Any) -> Any:
    if not isinstance(item, dict):
        return ("raw", repr(item))
    return item.get("target") or f"/run/secrets/{item.get('source')}"


def _config_key(item: Any) -> Any:
    if not isinstance(item, dict):
        return ("raw", repr(item))
    return item.get("target") or f"/{item.get('source')}"


def _value_key(item: Any) -> Any:
    return repr(item) if isinstance(item, (dict, list)) else item


def _kv_key(item: Any) -> Any:
    """A string item is keyed by what precedes its first ``=`` (a later ``K`` replaces it):
    Compose keys every plain list it de-duplicates so, DNS servers and tags included."""
    return item.split("=", 1)[0] if isinstance(item, str) else _value_key(item)


def _env_file_key(item: Any) -> Any:
    if isinstance(item, dict):
        return item.get("path")
    return item


# Keyed sequences: the key function; other sequences append.
KEYED: dict[tuple[str, ...], Callable[[Any], Any]] = {
    ("services", "*", "ports"): _port_key,
    ("services", "*", "volumes"): _target_key,
    ("services", "*", "secrets"): _secret_key,
    ("services", "*", "configs"): _config_key,
    ("services", "*", "devices"): _target_key,
    ("services", "*", "dns"): _kv_key,
    ("services", "*", "dns_opt"): _kv_key,
    ("services", "*", "dns_search"): _kv_key,
    ("services", "*", "tmpfs"): _kv_key,
    ("services", "*", "cap_add"): _kv_key,
    ("services", "*", "cap_drop"): _kv_key,
    ("services", "*", "expose"): _value_key,
    ("services", "*", "profiles"): _kv_key,
    ("services", "*", "links"): _kv_key,
    ("services", "*", "build", "tags"): _kv_key,
    ("services", "*", "networks", "*", "aliases"): _kv_key,
    ("services", "*", "networks", "*", "link_local_ips"): _kv_key,
    ("services", "*", "env_file"): _env_file_key,
    # `K=V` lists as a file writes them, before the canonical form makes them mappings:
    # Compose de-duplicates them by key before the structural check (uniqueItems).
    ("services", "*", "environment"): _kv_key,
    ("services", "*", "labels"): _kv_key,
    ("services", "*", "annotations"): _kv_key,
    ("services", "*", "sysctls"): _kv_key,
    ("services", "*", "label_file"): _value_key,
}


def path_pattern(path: Path) -> tuple[str, ...]:
    """The table key for ``path``: names of services/resources become ``*``."""
    parts: list[str] = []
    for index, part in enumerate(path):
        if isinstance(part, int):
            parts.append("[]")
        elif (
            index == 1 and path[0] in ("services", "networks", "volumes", "secrets", "configs")
        ) or (
            len(parts) >= 3
            and parts[0] == "services"
            and parts[2] in ("networks", "ulimits")
            and index == 3
        ):
            parts.append("*")
        else:
            parts.append(part)
    return tuple(parts)


def dedupe(seq: YList, key: Callable[[Any], Any]) -> YList:
    """Later entries replace earlier ones with the same key, at the earlier position."""
    seen: dict[Any, int] = {}
    out = YList(seq.loc)
    for index, item in enumerate(seq):
        k = key(item)
        try:
            hash(k)
        except TypeError:  # a wrong-shaped entry: the structural check will refuse it
            k = ("unhashable", repr(k))
        where = seq.vloc(index)
        if k in seen:
            slot = seen[k]
            out[slot] = item
            out.vlocs[slot] = where
        else:
            seen[k] = len(out)
            out.push(item, where)
    return out


def enforce_unicity(tree: YMap, problems: Problems | None = None) -> YMap:
    """De-duplicate every keyed sequence of a canonical tree, in place.

    An entry Compose cannot index (an ``environment`` item that is a number, a long
    port without ``target``...) is refused with Compose's words, at the entry; when
    validating (``problems`` keeps going), it is reported and left out.
    """
    from composecheck.load.untyped.unicity import unicity_errors

    refused = list(unicity_errors(tree))
    for seq, index, error in refused:
        if error.loc is None and isinstance(seq, YList):
            error.loc = seq.vloc(index) or seq.loc
        if problems is None:
            raise error
        problems.report(error)
    for seq, index, _ in reversed(refused):
        if isinstance(seq, YList):
            seq.remove_at(index)
    services = tree.get("services")
    if not isinstance(services, YMap):
        return tree
    for service in services.values():
        if not isinstance(service, YMap):
            continue
        for key, value in list(service.items()):
            if isinstance(value, YList):
                fn = KEYED.get(("services", "*", key))
                if fn is not None:
                    service[key] = dedupe(value, fn)
        networks = service.get("networks")
        if isinstance(networks, YMap):
            for net in networks.values():
                if isinstance(net, YMap):
                    for key in ("aliases", "link_local_ips"):
                        if isinstance(net.get(key), YList):
                            net[key] = dedupe(net[key], _value_key)
        build = service.get("build")
        if isinstance(build, YMap) and isinstance(build.get("tags"), YList):
            build["tags"] = dedupe(build["tags"], _value_key)
        for holder, key in ((build, "args"), (build, "labels"), (service.get("deploy"), "labels")):
            if isinstance(holder, YMap) and isinstance(holder.get(key), YList):
                holder[key] = dedupe(holder[key], _kv_key)
    return tree


__all__ = ["KEYED", "dedupe", "enforce_unicity", "path_pattern"]
