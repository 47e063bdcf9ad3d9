"""The plain tree every stage works on, with the position of each value.

A compose file becomes ``YMap`` / ``YList`` containers holding plain scalars
(``str``, ``int``, ``float``, ``bool``, ``None``). Each container knows where it
starts (``loc``) and where each of its items was written (``vlocs``; for mappings
also ``klocs``, where each key was written). Positions live in the container, not in
the scalar, so moving an item from one container to another (merge, ``extends``,
canonical form) is one assignment of the value and one of its position.

``!reset`` and ``!override`` survive reading as the markers :class:`Reset` and
:class:`Override`, consumed by the merge stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from composecheck.gocompat.yaml_resolve import Timestamp
from composecheck.location import Loc

# Timestamp is go-yaml's (it lives with the resolver that makes it); the stages know it
# as a scalar of the tree.
__all__ = [
    "Override",
    "Path",
    "Reset",
    "Timestamp",
    "YList",
    "YMap",
    "clone",
    "dotted",
    "height",
    "locate",
    "plain",
    "walk",
    "ymap",
]

if TYPE_CHECKING:
    from composecheck.load.provenance import Key, Layout

Path = tuple[str | int, ...]


class YMap(dict[str, Any]):
    """A mapping with positions: ``loc`` (the mapping), ``klocs`` (keys), ``vlocs`` (values)."""

    __slots__ = ("klocs", "loc", "vlocs")

    def __init__(self, loc: Loc | None = None) -> None:
        super().__init__()
        self.loc = loc
        self.klocs: dict[str, Loc] = {}
        self.vlocs: dict[str, Loc] = {}

    def put(self, key: str, value: Any, vloc: Loc | None, kloc: Loc | None = None) -> None:
        self[key] = value
        if vloc is not None:
            self.vlocs[key] = vloc
        if kloc is not None:
            self.klocs[key] = kloc
        elif vloc is not None and key not in self.klocs:
            self.klocs[key] = vloc

    def drop(self, key: str) -> None:
        self.pop(key, None)
        self.vlocs.pop(key, None)
        self.klocs.pop(key, None)

    def copy_from(self, other: YMap, key: str, as_key: str | None = None) -> None:
        """Copy ``other[key]`` into this mapping, keeping where it was written."""
        dest = key if as_key is None else as_key
        self[dest] = other[key]
        if key in other.vlocs:
            self.vlocs[dest] = other.vlocs[key]
        if key in other.klocs:
            self.klocs[dest] = other.klocs[key]

    def vloc(self, key: str) -> Loc | None:
        return self.vlocs.get(key, self.loc)

    def kloc(self, key: str) -> Loc | None:
        return self.klocs.get(key) or self.vlocs.get(key, self.loc)


class Document(YMap):
    """The root mapping of a document as read, with what the reader recorded about how
    its scalars are laid out (lines of multi-line scalars), until interpolation moves
    that record into the load's provenance (see :mod:`composecheck.load.provenance`)."""

    __slots__ = ("layouts",)

    def __init__(self, loc: Loc | None = None) -> None:
        super().__init__(loc)
        self.layouts: dict[Key, Layout] = {}


class YList(list[Any]):
    """A sequence with positions: ``loc`` (the sequence) and ``vlocs`` (one per item)."""

    __slots__ = ("loc", "vlocs")

    def __init__(self, loc: Loc | None = None) -> None:
        super().__init__()
        self.loc = loc
        self.vlocs: list[Loc | None] = []

    def push(self, value: Any, vloc: Loc | None) -> None:
        self.append(value)
        self.vlocs.append(vloc)

    def remove_at(self, index: int) -> None:
        del self[index]
        del self.vlocs[index]

    def vloc(self, index: int) -> Loc | None:
        if 0 <= index < len(self.vlocs):
            return self.vlocs[index] or self.loc
        return self.loc


class Reset:
    """``!reset``: remove what earlier files set at this key."""

    __slots__ = ("loc",)

    def __init__(self, loc: Loc | None) -> None:
        self.loc = loc

    def __repr__(self) -> str:
        return "Reset()"


class Override:
    """``!override VALUE``: replace what earlier files set at this key instead of merging."""

    __slots__ = ("loc", "value")

    def __init__(self, value: Any, loc: Loc | None) -> None:
        self.value = value
        self.loc = loc

    def __repr__(self) -> str:
        return f"Override({self.value!r})"


def ymap(items: dict[str, Any], loc: Loc | None) -> YMap:
    """A ``YMap`` whose items were all written at ``loc`` (used for synthesised values)."""
    m = YMap(loc)
    for k, v in items.items():
        m.put(k, v, loc)
    return m


def ymap_deep(value: Any, loc: Loc | None) -> Any:
    """Wrap plain dicts/lists from the unit parsers as positioned containers."""
    if isinstance(value, dict) and not isinstance(value, YMap):
        out = YMap(loc)
        for key, item in value.items():
            out.put(key, ymap_deep(item, loc), loc)
        return out
    if isinstance(value, list) and not isinstance(value, YList):
        seq = YList(loc)
        for item in value:
            seq.push(ymap_deep(item, loc), loc)
        return seq
    return value


def plain(value: Any) -> Any:
    """A deep copy as built-in dicts and lists (what JSON rendering and jsonschema want)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def height(value: Any) -> int:
    """How many mappings and sequences deep ``value`` goes (without recursion)."""
    deepest = 0
    todo = [(value, 1)]
    while todo:
        node, level = todo.pop()
        if isinstance(node, Override):
            node = node.value
        if isinstance(node, YMap | YList):
            deepest = max(deepest, level)
            children = node.values() if isinstance(node, YMap) else node
            todo.extend((child, level + 1) for child in children)
    return deepest


def clone(value: Any) -> Any:
    """A deep copy that keeps positions (containers are mutated by later stages)."""
    if isinstance(value, YMap):
        m = YMap(value.loc)
        for k, v in value.items():
            dict.__setitem__(m, k, clone(v))
        m.vlocs = dict(value.vlocs)
        m.klocs = dict(value.klocs)
        return m
    if isinstance(value, YList):
        out = YList(value.loc)
        out.extend(clone(v) for v in value)
        out.vlocs = list(value.vlocs)
        return out
    if isinstance(value, Override):
        return Override(clone(value.value), value.loc)
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value


def locate(tree: Any, path: Path) -> Loc | None:
    """Where the value at ``path`` was written, or the nearest enclosing position."""
    node = tree
    best: Loc | None = getattr(tree, "loc", None)
    for part in path:
        # Two branches, not one `or`: each narrows the container and key types.
        if isinstance(node, YMap) and isinstance(part, str) and part in node:  # noqa: SIM114
            best = node.vloc(part) or best
            node = node[part]
        elif isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node):
            best = node.vloc(part) or best
            node = node[part]
        else:
            break
    return best


def walk(tree: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every (path, value) pair below ``tree``, parents before children."""
    yield path, tree
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from walk(v, (*path, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from walk(v, (*path, i))


def dotted(path: Path) -> str:
    """A path the way Compose prints it: ``services.app.command.[]``."""
    return ".".join("[]" if isinstance(p, int) else p for p in path)
