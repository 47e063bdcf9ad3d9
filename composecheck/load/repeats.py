"""Lists with a repeated item, which Compose refuses before it converts them.

The schema's ``uniqueItems`` is checked on the raw list (``depends_on: [db, db]``); once
converted to a mapping the repeat would merge away silently, so the converters of
:mod:`.longform` leave such a list as written for the structural check to refuse. The
source of an ``extends`` in another file is converted without that check, and drops them.
"""

from __future__ import annotations

from typing import Any

from composecheck.load.tree import YList, YMap


def repeats(value: Any) -> bool:
    """Whether a list has equal strings in it. Compose checks the schema's ``uniqueItems``
    before it turns such a list into a mapping (where they would merge silently), so the
    converters below leave it as written, for the structural check to refuse."""
    if not isinstance(value, YList):
        return False
    texts = [item for item in value if isinstance(item, str)]
    return len(set(texts)) != len(texts)


def drop_repeats(service: Any) -> Any:
    """Drop the repeated items `repeats` would keep, for a service Compose converts without
    checking its structure first (the source of an ``extends`` in another file)."""
    if not isinstance(service, YMap):
        return service
    build = service.get("build")
    for node, key in (
        (service, "depends_on"),
        (service, "networks"),
        (service, "models"),
        (build, "ssh"),
    ):
        value = node.get(key) if isinstance(node, YMap) else None
        if isinstance(node, YMap) and isinstance(value, YList) and repeats(value):
            out = YList(value.loc)
            seen: set[str] = set()
            for index, item in enumerate(value):
                if isinstance(item, str):
                    if item in seen:
                        continue
                    seen.add(item)
                elif item in out:
                    continue
                out.push(item, value.vloc(index))
            node[key] = out
    return service


def first_repeat(seq: YList) -> tuple[int, int] | None:
    """The first item equal (of the same type) to an earlier one, with the earliest such
    earlier item: one pass with a table, not a comparison of every pair."""
    first: dict[Any, int] = {}
    for later, item in enumerate(seq):
        try:
            # NaN equals nothing, itself included.
            key = (type(item), object() if item != item else _frozen(item))
        except TypeError:  # nothing hashable to compare by: the few such lists pairwise
            return next(
                (
                    (earlier, later)
                    for later in range(1, len(seq))
                    for earlier in range(later)
                    if seq[later] == seq[earlier] and type(seq[later]) is type(seq[earlier])
                ),
                None,
            )
        earlier = first.setdefault(key, later)
        if earlier != later:
            return (earlier, later)
    return None


def _frozen(value: Any) -> Any:
    """A hashable value equal to another's exactly when the two values are (``==``)."""
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    hash(value)
    return value
