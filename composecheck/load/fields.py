"""Compose's plain typed fields: the Go type of each, and the names mapstructure gives
the values it decodes (for :mod:`.decode`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from composecheck.load.tree import YList, YMap

#: The Go type of each plain numeric (and number-fed string) field of Compose's service
#: types, below ``services.<name>``: "[]" is each item of a list, "*" each value of a
#: mapping, and "key:Name" a field mapstructure names ``Name`` (no field tag).
TYPED_FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("cpu_count",), "int64"),
    (("cpu_percent",), "float32"),
    (("cpu_period",), "int64"),
    (("cpu_quota",), "int64"),
    (("cpu_rt_period",), "int64"),
    (("cpu_rt_runtime",), "int64"),
    (("cpus",), "float32"),
    (("cpu_shares",), "int64"),
    (("oom_score_adj",), "int64"),
    (("pids_limit",), "int64"),
    (("scale",), "int"),
    (("storage_opt", "*"), "string"),
    (("blkio_config", "weight"), "uint16"),
    (("blkio_config", "weight_device", "[]", "weight:Weight"), "uint16"),
    (("deploy", "replicas"), "int"),
    (("deploy", "update_config", "parallelism"), "uint64"),
    (("deploy", "update_config", "max_failure_ratio"), "float32"),
    (("deploy", "rollback_config", "parallelism"), "uint64"),
    (("deploy", "rollback_config", "max_failure_ratio"), "float32"),
    (("deploy", "resources", "limits", "pids"), "int64"),
    (("deploy", "resources", "reservations", "pids"), "int64"),
    (
        (
            "deploy",
            "resources",
            "reservations",
            "generic_resources",
            "[]",
            "discrete_resource_spec",
            "value:Value",
        ),
        "int64",
    ),
    (("deploy", "restart_policy", "max_attempts"), "uint64"),
    (("deploy", "placement", "max_replicas_per_node"), "uint64"),
    (("healthcheck", "retries"), "uint64"),
    (("ports", "[]", "target"), "uint32"),
    (("ports", "[]", "published"), "string"),
    (("volumes", "[]", "tmpfs", "mode"), "uint32"),
    (("networks", "*", "priority"), "int"),
    (("networks", "*", "gw_priority"), "int"),
)


def dig(node: Any, *keys: str) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, YMap) else None
    return node


def fields(node: Any, spec: tuple[str, ...], name: str) -> Iterator[tuple[YMap, str, str]]:
    """(mapping, key, mapstructure's name) of each value ``spec`` reaches from ``node``."""
    part, rest = spec[0], spec[1:]
    if part == "[]":
        if isinstance(node, YList):
            for index, item in enumerate(node):
                yield from fields(item, rest, f"{name}[{index}]")
        return
    if not isinstance(node, YMap):
        return
    if part == "*":
        for key, item in node.items():
            if not rest:
                if item is not None:
                    yield node, key, f"{name}[{key}]"
            else:
                yield from fields(item, rest, f"{name}[{key}]")
        return
    key, _, shown = part.partition(":")
    if key not in node or node[key] is None:
        return
    if rest:
        yield from fields(node[key], rest, f"{name}.{key}")
    else:
        yield node, key, f"{name}.{shown or key}"


_NAME_PART = re.compile(r"\.?([^.\[\]]+)|\[([^\]]*)\]")


def struct_order(message: str, services: list[str]) -> tuple[int, ...]:
    """Where mapstructure meets the value a decoding message names: services in the
    order loaded, and each structure's fields in their order in Compose's Go type
    (``keyorder.STRUCTS``); list items by index."""
    from composecheck.keyorder import PATHS, STRUCTS

    name = message[1 : message.find("'", 1)]
    pattern, rank = "", []
    for field, key in _NAME_PART.findall(name):
        if field:
            order = STRUCTS.get(PATHS.get(pattern, ""), ())
            lowered = field.lower()
            rank.append(order.index(lowered) if lowered in order else len(order))
            pattern = f"{pattern}.{field}" if pattern else field
        elif pattern == "services":
            rank.append(services.index(key) if key in services else len(services))
            pattern += ".*"
        elif key.isdigit():
            rank.append(int(key))
            pattern += "[]"
        else:
            rank.append(0)
            pattern += ".*"
    return tuple(rank)
