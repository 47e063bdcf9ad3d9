"""Read YAML into the positioned tree, as Docker Compose's YAML library reads it.

ruamel's C parser builds the node graph (with line and column marks) far faster than
its round-trip loader; we then resolve scalars ourselves, because Compose reads YAML
1.2 through go-yaml with its own quirks (``yes`` is a string, ``0755`` is octal,
``2001-12-14`` is a timestamp) that neither of ruamel's resolvers reproduces.

Aliases are expanded into fresh subtrees so later stages can mutate freely; the
expansion is bounded so that an alias bomb is refused instead of eating the machine.
"""

from __future__ import annotations

import math
import re
from typing import Any

from composecheck.errors import InputError
from composecheck.load.tree import Override, Reset, Timestamp, YList, YMap
from composecheck.location import Loc

# The resolver hands back these shared tags: comparing by identity is cheap, whereas
# reading a ruamel Tag's text decodes it on every access.
_PLAIN: Any = None
_QUOTED: Any = None
_COLLECTION: Any = None


def _tags() -> None:
    global _PLAIN, _QUOTED, _COLLECTION
    if _PLAIN is None:
        from ruamel.yaml.tag import Tag

        _PLAIN, _QUOTED, _COLLECTION = Tag(suffix="?plain"), Tag(suffix="?quoted"), Tag(suffix="?")

# go-yaml's float syntax (checked after integer parsing fails).
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_TIMESTAMP_RE = re.compile(
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))"
    r"|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INFS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_INT64_MIN, _INT64_MAX, _UINT64_MAX = -(2**63), 2**63 - 1, 2**64 - 1
_DIGITS = {16: "0123456789abcdefABCDEF", 8: "01234567", 2: "01", 10: "0123456789"}

#: Nesting deeper than this is refused (Python's recursion would fail first).
MAX_DEPTH = 400
#: Aliases may expand to this many nodes, plus 20 per node the document spells out.
MAX_ALIAS_EXPANSION = 200_000


def _go_int(text: str) -> int | None:
    """``strconv.ParseInt(text, 0, 64)`` then ``ParseUint``: None when neither accepts it."""
    body = text
    sign = 1
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    base = 10
    lower = body[:2].lower()
    if lower in ("0x", "0o", "0b"):
        base = {"0x": 16, "0o": 8, "0b": 2}[lower]
        body = body[2:]
    elif len(body) > 1 and body[0] == "0":
        base = 8
        body = body[1:]
    if not body or any(c not in _DIGITS[base] for c in body):
        return None
    value = sign * int(body, base)
    if _INT64_MIN <= value <= _INT64_MAX:
        return value
    if text[0] != "-" and text[0] != "+" and value <= _UINT64_MAX:
        return value
    return None


def resolve_plain(text: str) -> Any:
    """The value go-yaml (YAML 1.2 core schema) gives an untagged plain scalar."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    first = text[0]
    if first in "0123456789+-.":
        special = _INFS.get(text)
        if special is not None:
            return special
        if first.isdigit() and _TIMESTAMP_RE.match(text):
            return Timestamp(text)
        bare = text.replace("_", "")
        if bare:
            number = _go_int(bare)
            if number is not None:
                return number
            if _FLOAT_RE.match(bare):
                return float(bare)
    return text


def _tagged(tag: str, text: str) -> Any:
    """A scalar with an explicit standard tag (``!!int 0x10``)."""
    name = tag.rsplit(":", 1)[-1]
    if name == "str" or tag.startswith("!") and not tag.startswith("!!"):
        return text
    if name == "binary":
        import base64

        try:
            return base64.b64decode("".join(text.split())).decode("utf-8", "replace")
        except ValueError:
            return text
    value = resolve_plain(text)
    return value if name in ("int", "float", "bool", "null") else text


class _Loader:
    """Builds the tree from ruamel's node graph for one document."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.budget = MAX_ALIAS_EXPANSION
        self.seen: set[int] = set()
        # The top-level entry being built: where an alias bomb is reported, since the
        # alias tokens themselves leave no mark in the node graph.
        self.entry: Loc | None = None

    def loc(self, node: Any) -> Loc:
        mark = node.start_mark
        return Loc(self.file, mark.line + 1, mark.column + 1)

    def spend(self, node: Any) -> None:
        # Each node is built once for free; building it again (through an alias) costs,
        # and a document may not expand to much more than it spells out.
        key = id(node)
        if key in self.seen:
            self.budget -= 1
            if self.budget < 0 and -self.budget > 20 * len(self.seen):
                raise InputError(
                    "yaml: document contains excessive aliasing", self.entry or self.loc(node),
                    hint="an alias expands to millions of values (an 'alias bomb'); "
                    "write the values out or use fewer nested aliases",
                )
        else:
            self.seen.add(key)

    def build(self, node: Any, path: tuple[Any, ...], depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise InputError(
                f"yaml: exceeded max depth of {MAX_DEPTH}", self.loc(node),
                hint="the document nests deeper than any compose file needs",
            )
        self.spend(node)
        tag = node.ctag
        if tag is not _PLAIN and tag is not _QUOTED and tag is not _COLLECTION:
            text = str(tag)
            if text == "!reset":
                return Reset(self.loc(node))
            if text == "!override":
                return Override(self.value(node, path, depth, _PLAIN), self.loc(node))
            tag = text
        return self.value(node, path, depth, tag)

    def value(self, node: Any, path: tuple[Any, ...], depth: int, tag: Any) -> Any:
        kind = node.id
        if kind == "scalar":
            if tag is _PLAIN:
                # An explicit tag skips the resolver; the node's style still says plain.
                return node.value if node.style else resolve_plain(node.value)
            if tag is _QUOTED:
                return node.value
            return _tagged(str(tag), node.value)
        if kind == "sequence":
            seq = YList(self.loc(node))
            for i, item in enumerate(node.value):
                seq.push(self.build(item, (*path, i), depth + 1), self.loc(item))
            return seq
        return self.mapping(node, path, depth)

    def key(self, node: Any, path: tuple[Any, ...]) -> str:
        tag = node.ctag
        if tag is _QUOTED:
            return node.value  # type: ignore[no-any-return]
        if tag is _PLAIN:
            value = resolve_plain(node.value)
            if type(value) is str:
                return value
        if node.id != "scalar":
            raise InputError(
                f"failed to parse {self.file}: yaml: invalid map key", self.loc(node)
            )
        value = self.build(node, path)
        if isinstance(value, str) and not isinstance(value, Timestamp):
            return value
        from composecheck.model.units import go_string

        shown = "<nil>" if value is None else go_string(value)
        where = f"in {'.'.join(map(str, path))}" if path else "at top level"
        raise InputError(f"non-string key {where}: {shown}", self.loc(node))

    def mapping(self, node: Any, path: tuple[Any, ...], depth: int) -> YMap:
        out = YMap(self.loc(node))
        merges: list[Any] = []
        resets: list[tuple[str, Reset]] = []
        first_line: dict[tuple[str, str], int] = {}
        for knode, vnode in node.value:
            if knode.id == "scalar":
                ident = ("s", knode.value)
                if ident in first_line:
                    raise InputError(
                        f"failed to parse {self.file}: line {knode.start_mark.line + 1}: "
                        f"mapping key {_go_quote(knode.value)} already defined at line "
                        f"{first_line[ident]}",
                        self.loc(knode),
                    )
                first_line[ident] = knode.start_mark.line + 1
                if knode.value == "<<" and knode.ctag is _PLAIN:
                    merges.append(vnode)
                    continue
            key = self.key(knode, path)
            if not path:
                self.entry = self.loc(knode)
            value = self.build(vnode, (*path, key), depth + 1)
            if isinstance(value, Reset):
                resets.append((key, value))
                continue
            out.put(key, value, self.loc(vnode), self.loc(knode))
        for merge in merges:
            self.merge_into(out, merge, path, depth)
        for key, reset in resets:
            # Compose drops a `!reset` key before the `<<` merge is applied, so a value
            # merged from an anchor survives; what it resets is the earlier files' value.
            if key in out:
                out[key] = Override(out[key], reset.loc)
            else:
                out.put(key, reset, reset.loc)
        return out

    def merge_into(self, out: YMap, merge: Any, path: tuple[Any, ...], depth: int) -> None:
        sources = merge.value if merge.id == "sequence" else [merge]
        for source in sources:
            if source.id != "mapping":
                raise InputError(
                    "map merge requires map or sequence of maps as the value", self.loc(source)
                )
        # Explicit keys win over merged ones, and earlier merge sources over later ones.
        for source in sources:
            merged = self.mapping(source, path, depth + 1)
            for key, value in merged.items():
                if key not in out:
                    out.put(key, value, merged.vlocs.get(key), merged.klocs.get(key))


def _go_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _make_parser(data: bytes) -> Any:
    from _ruamel_yaml import CParser
    from ruamel.yaml.nodes import ScalarNode

    class Parser(CParser):  # type: ignore[misc]
        def descend_resolver(self, *args: Any) -> None:
            return None

        def ascend_resolver(self, *args: Any) -> None:
            return None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                return _PLAIN if implicit[0] else _QUOTED
            return _COLLECTION

    _tags()
    return Parser(data)


def _may_nest_deeply(data: bytes) -> bool:
    # Every nesting level needs one of these characters; the C composer recurses per
    # level and overflows the C stack somewhere past 20,000, so only documents that
    # could possibly get there pay for an event scan first.
    return sum(data.count(c) for c in (b"[", b"{", b"-", b"?", b":")) > 10_000


def _check_depth(parser: Any, file: str) -> None:
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    while parser.check_event():
        event = parser.get_event()
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise InputError(
                    f"yaml: exceeded max depth of {MAX_DEPTH}",
                    Loc(file, mark.line + 1, mark.column + 1),
                    hint="the document nests deeper than any compose file needs",
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def parse_documents(data: bytes, file: str) -> list[Any]:
    """Every YAML document of ``data`` as a tree; ``file`` names it in positions and errors."""
    from ruamel.yaml.error import MarkedYAMLError

    try:
        parser = _make_parser(data)
    except ImportError:  # pragma: no cover - only without ruamel.yaml.clib
        parser = None
    docs: list[Any] = []
    try:
        if parser is None:
            nodes = _pure_nodes(data)
        else:
            if _may_nest_deeply(data):
                _check_depth(_make_parser(data), file)
            nodes = []
            try:
                while parser.check_node():
                    nodes.append(parser.get_node())
            except MarkedYAMLError as exc:
                if "unexpected ':'" not in str(exc.problem):
                    raise
                nodes = _pure_nodes(data)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            f"yaml: line {line}: {problem}", Loc(file, line, col),
            hint="fix the YAML syntax at this position (indentation, quotes or brackets)",
        ) from None
    except RecursionError:
        raise InputError(
            f"yaml: exceeded max depth of {MAX_DEPTH}", Loc(file, 1, 1),
            hint="the document nests deeper than any compose file needs",
        ) from None
    loader = _Loader(file)
    for node in nodes:
        try:
            docs.append(loader.build(node, ()))
        except RecursionError:
            raise InputError(
                f"yaml: exceeded max depth of {MAX_DEPTH}", loader.loc(node)
            ) from None
    return docs


def _pure_nodes(data: bytes) -> list[Any]:
    """ruamel's pure-Python parser: slower, but it reads ``[a:b]`` in flow context the
    YAML 1.2 way (as go-yaml does), which the C parser refuses."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    _tags()

    class Resolver(VersionedResolver):  # type: ignore[misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                return _PLAIN if implicit[0] else _QUOTED
            return _COLLECTION

    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = Resolver
    return list(yaml.compose_all(data))
