"""``!reset`` and ``!override`` markers: where a document wrote them, and the value
without them once there is nothing left for them to act on.
"""

from __future__ import annotations

from typing import Any

from composecheck.load.tree import Override, Path, Reset, YList, YMap


def resets_under_extends(doc: YMap) -> list[tuple[Path, Reset]]:
    """The ``!reset`` markers written in services that ``extends`` another."""
    found: list[tuple[Path, Reset]] = []
    services = doc.get("services")
    for name, service in services.items() if isinstance(services, YMap) else ():
        if not isinstance(service, YMap) or "extends" not in service:
            continue
        pending: list[tuple[Path, YMap]] = [(("services", name), service)]
        while pending:
            path, node = pending.pop()
            for key, value in node.items():
                if isinstance(value, Reset):
                    found.append(((*path, key), value))
                elif isinstance(value, YMap):
                    pending.append(((*path, key), value))
    return found


def holds_reset(doc: YMap, path: Path) -> bool:
    node: Any = doc
    for key in path:
        node = node.get(str(key)) if isinstance(node, YMap) else None
    return isinstance(node, Reset)


def strip_markers(value: Any) -> Any:
    """The value with ``!reset`` keys removed and ``!override`` unwrapped (no base to act on)."""
    if isinstance(value, Override):
        return strip_markers(value.value)
    if isinstance(value, YMap):
        for key in [k for k, v in value.items() if isinstance(v, (Reset, Override))]:
            item = value[key]
            if isinstance(item, Reset):
                value.drop(key)
            else:
                value[key] = strip_markers(item)
        for item in value.values():
            if isinstance(item, (YMap, YList)):
                strip_markers(item)
        return value
    if isinstance(value, YList):
        for index, item in enumerate(value):
            if isinstance(item, (YMap, YList, Override)):
                value[index] = strip_markers(item)
        return value
    return value
