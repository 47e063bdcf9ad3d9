"""``K=V`` entries: how Compose turns a mapping into a sequence of strings when it merges
(``convertIntoSequence`` / ``mergeToSequence``), and back.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError
from composecheck.gocompat.gotypes import go_type
from composecheck.load.keyvalue import Extensions, entry_name
from composecheck.load.tree import Override, Path, YList, YMap, dotted
from composecheck.location import Loc

# Mappings Compose merges as `K=V` sequences (``mergeToSequence``): a value the override
# writes as a list is one entry per item (the last wins; none for an empty list), and a
# mapping value is printed as Go prints it.
TO_SEQUENCE: frozenset[tuple[str, ...]] = frozenset(
    {
        ("services", "*", "environment"),
        ("services", "*", "labels"),
        ("services", "*", "annotations"),
        ("services", "*", "sysctls"),
        ("services", "*", "build", "args"),
        ("services", "*", "build", "labels"),
        ("services", "*", "build", "additional_contexts"),
        ("services", "*", "deploy", "labels"),
        ("networks", "*", "labels"),
    }
)


def refuse_entries(items: YList, path: Path, before: int) -> None:
    """Compose appends the override's ``K=V`` items to the entries before it and then
    refuses an item that is not a string, by its place in that sequence."""
    from composecheck.load.untyped.unicity import unicity_errors

    for _, index, error in unicity_errors(items, tuple(str(p) for p in path)):
        where = f"{dotted(path)}.[{before + index}]"
        raise InputError(
            f"{where}: {error.message.split(': ', 1)[1]}", items.vloc(index) or items.loc
        )


def sequence_values(value: YMap) -> YMap:
    """An override's mapping as Compose's ``convertIntoSequence`` turns it into entries."""
    from composecheck.gocompat.fmt import go_string

    out = YMap(value.loc)
    for key, item in value.items():
        if isinstance(item, Override):
            item = item.value  # an entry has nothing to override: its value is what counts
        if isinstance(item, YList):
            if not item:
                continue
            # One entry per item; Compose sorts the entries, so the greatest wins.
            item = max(go_string(element) for element in item)
        elif isinstance(item, YMap):
            item = go_string(item)
        out.put(entry_name(key), item, value.vlocs.get(key), value.klocs.get(key))
    return out


def mapping_entries(value: YMap) -> YList:
    """A mapping written where Compose merges a list of strings, as the entries it makes
    of it (``convertIntoSequence``): ``K=V`` (``K`` alone for a null), one per item of a
    list value, sorted."""
    from composecheck.gocompat.fmt import go_string

    entries: list[tuple[str, Loc | None]] = []
    for key, item in value.items():
        where = value.vlocs.get(key)
        if item is None:
            entries.append((key, where))
        elif isinstance(item, YList):
            entries.extend((f"{key}={go_string(element)}", where) for element in item)
        else:
            entries.append((f"{key}={go_string(item)}", where))
    out = YList(value.loc)
    for text, where in sorted(entries, key=lambda entry: entry[0].encode()):
        out.push(text, where)
    return out


def go_string_value(value: Any) -> bool:
    """A string for Compose's merge (a YAML timestamp is a time.Time there)."""
    return isinstance(value, str) and go_type(value) == "string"


def as_entries(mapping: YMap) -> YMap:
    """A canonical mapping as the ``K=V`` entries Compose turns it into when it merges
    (``convertIntoSequence``): the x-* keys it had set aside are entries again."""
    extensions = mapping.get("#extensions")
    if not isinstance(extensions, Extensions):
        return mapping
    mapping.drop("#extensions")
    for key, item in sequence_values(extensions.extras).items():
        if key not in mapping:
            mapping.put(
                key, item, extensions.extras.vlocs.get(key), extensions.extras.klocs.get(key)
            )
    return mapping
