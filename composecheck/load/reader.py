"""Read YAML into the positioned tree, as Docker Compose's YAML library reads it.

We build the tree straight from the parser's events (ruamel's C parser, libyaml): no
intermediate node graph, no recursion, positions taken from each event's mark. Scalars
are resolved here, because Compose reads YAML 1.2 through go-yaml with its own quirks
(``yes`` is a string, ``0755`` is octal, ``2001-12-14`` is a timestamp) that neither of
ruamel's resolvers reproduces.

Aliases are expanded into fresh copies so later stages can mutate freely; the size of
every anchored value is known when it is defined, so an alias bomb is refused before
anything is expanded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from composecheck.errors import DUPLICATE_KEY, YAML_SYNTAX, InputError
from composecheck.gocompat.quote import go_quote
from composecheck.gocompat.yaml_resolve import Timestamp, resolve_plain, resolve_tagged
from composecheck.load.limits import MAX_ALIAS_CHARS, MAX_ALIAS_NODES, MAX_DEPTH, PER_SPELLED_NODE
from composecheck.load.tree import Document, Override, Reset, YList, YMap, clone
from composecheck.location import Loc

if TYPE_CHECKING:
    from composecheck.load.provenance import Key, Layout


_MERGE = object()


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = (
        "anchor",
        "chars",
        "container",
        "first_line",
        "key",
        "kloc",
        "loc",
        "merges",
        "resets",
        "size",
        "tag",
    )

    def __init__(self, container: Any, loc: Loc, anchor: str | None, tag: str | None) -> None:
        self.container = container
        self.loc = loc
        self.anchor = anchor
        self.tag = tag
        self.size = 1
        self.chars = 0
        self.key: Any = None  # None: the next scalar is a key
        self.kloc: Loc | None = None
        self.merges: list[tuple[Any, Loc]] = []
        self.resets: list[tuple[str, Reset]] = []
        self.first_line: dict[str, int] = {}


class _Builder:
    """Turns one stream of parser events into documents."""

    def __init__(self, file: str, data: bytes = b"") -> None:
        self.file = file
        self.data = data
        #: The source's lines, split only when a scalar spans lines (see layout()).
        self.lines: list[str] | None = None
        #: Where the lines of each multi-line scalar of the current document are.
        self.layouts: dict[Key, Layout] = {}
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.heights: dict[str, tuple[Any, int]] = {}
        self.spelled = 0
        self.expanded = 0
        self.expanded_chars = 0
        self.max_chars = MAX_ALIAS_CHARS + PER_SPELLED_NODE * len(data)
        # The top-level entry being built: where an alias bomb is reported.
        self.entry: Loc | None = None
        self.roots: list[Loc | None] = []  # where each document's root value was written
        self.root: Loc | None = None

    def loc(self, mark: Any) -> Loc:
        return Loc(self.file, mark.line + 1, mark.column + 1)

    def path(self, stack: list[_Frame]) -> str:
        parts = []
        for frame in stack:
            if (
                isinstance(frame.container, YMap)
                and frame.key is not None
                and frame.key is not _MERGE
            ):
                parts.append(str(frame.key))
        return ".".join(parts)

    def documents(self, events: Any) -> list[Any]:
        from ruamel.yaml.events import (
            AliasEvent,
            DocumentEndEvent,
            DocumentStartEvent,
            MappingEndEvent,
            MappingStartEvent,
            ScalarEvent,
            SequenceEndEvent,
            SequenceStartEvent,
        )

        docs: list[Any] = []
        stack: list[_Frame] = []
        root: list[Any] = []
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                self.spelled += 1
                value = self.scalar(event)
                chars = len(event.value)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, chars)
                here = self.loc(event.start_mark)
                if isinstance(value, str) and (
                    event.style in ("|", ">") or event.end_mark.line != event.start_mark.line
                ):
                    self.layout(event, here)
                self.emit(stack, root, value, here, event, 1, chars)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.spelled += 1
                if len(stack) >= MAX_DEPTH:
                    raise InputError(
                        f"yaml: exceeded max depth of {MAX_DEPTH}",
                        self.loc(event.start_mark),
                        hint="the document nests deeper than any compose file needs",
                        code=YAML_SYNTAX,
                    )
                here = self.loc(event.start_mark)
                if kind is SequenceStartEvent:
                    container: YMap | YList = YList(here)
                else:
                    # The root mapping carries the document's layouts (see Document).
                    container = YMap(here) if stack else Document(here)
                tag = event.tag if event.tag not in (None, "!") else None
                stack.append(_Frame(container, here, event.anchor, tag))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = self.finish(frame) if kind is MappingEndEvent else frame.container
                if frame.tag == "!reset":
                    value = Reset(frame.loc)
                elif frame.tag == "!override":
                    value = Override(value, frame.loc)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, frame.size, frame.chars)
                self.emit(stack, root, value, frame.loc, None, frame.size, frame.chars)
            elif kind is AliasEvent:
                here = self.loc(event.start_mark)
                try:
                    value, size, chars = self.anchors[event.anchor]
                except KeyError:
                    raise InputError(
                        f"yaml: unknown anchor '{event.anchor}' referenced", here, code=YAML_SYNTAX
                    ) from None
                self.expanded += size
                if len(stack) + self.height(event.anchor, value) > MAX_DEPTH:
                    # Written shallow, but later stages see the expanded tree.
                    raise InputError(
                        f"yaml: exceeded max depth of {MAX_DEPTH}",
                        here,
                        hint="the aliases here nest deeper than any compose file needs",
                        code=YAML_SYNTAX,
                    )
                self.expanded_chars += chars
                if (
                    self.expanded > MAX_ALIAS_NODES + PER_SPELLED_NODE * self.spelled
                    or self.expanded_chars > self.max_chars
                ):
                    raise InputError(
                        "yaml: document contains excessive aliasing",
                        self.entry or here,
                        hint="aliases here expand to millions of values or characters (an "
                        "'alias bomb'); write the values out or use fewer nested aliases",
                        code=YAML_SYNTAX,
                    )
                self.emit(stack, root, clone(value), here, None, size, chars)
            elif kind is DocumentStartEvent:
                root = []
                self.root = None
                self.anchors = {}
                self.layouts = {}
            elif kind is DocumentEndEvent:
                if root and isinstance(root[0], Document):
                    root[0].layouts = self.layouts
                docs.append(root[0] if root else None)
                self.roots.append(self.root)
        return docs

    def height(self, anchor: str, value: Any) -> int:
        """How many mappings and sequences deep the anchored ``value`` goes."""
        known = self.heights.get(anchor)
        if known is not None and known[0] is value:
            return known[1]
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
        self.heights[anchor] = (value, deepest)
        return deepest

    def layout(self, event: Any, here: Loc) -> None:
        """Record where the lines of a scalar written over several lines are, while the
        source is at hand: checks then locate a part of it without reading the file."""
        from composecheck.load.provenance import key_of, scalar_layout

        if self.lines is None:
            text = self.data.decode("utf-8", "replace")
            self.lines = _LINE_BREAK.split(text[1:] if text.startswith("\ufeff") else text)
        style = event.style or ""
        found = scalar_layout(event.value, style, self.lines, here, self.loc(event.end_mark))
        if found is not None:
            self.layouts[key_of(here)] = found

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        text = event.value
        if tag is None or tag == "!":
            if event.implicit[0] and not event.style:
                return resolve_plain(text)
            return text
        if tag == "!reset":
            return Reset(self.loc(event.start_mark))
        if tag == "!override":
            # go-yaml decodes a scalar with a tag of its own as its text, a string
            # (`!override -1` is "-1", refused as a size); the casts after interpolation
            # then type it where Compose does (`!override true` under privileged).
            # An empty one is nothing to override with.
            return Override(text if text else resolve_plain(text), self.loc(event.start_mark))
        try:  # an explicit tag, quoted or not, as go-yaml resolves it
            return resolve_tagged(str(tag), text)
        except ValueError as exc:
            message = f"failed to parse {self.file}: yaml: {exc}"
            raise InputError(message, self.loc(event.start_mark), code=YAML_SYNTAX) from None

    def emit(
        self,
        stack: list[_Frame],
        root: list[Any],
        value: Any,
        here: Loc,
        event: Any,
        size: int,
        chars: int,
    ) -> None:
        if not stack:
            root.append(value)
            self.root = here
            return
        frame = stack[-1]
        frame.size += size
        frame.chars += chars
        container = frame.container
        if isinstance(container, YList):
            container.push(value, here)
            return
        if frame.key is None:
            self.key(frame, stack, value, here, event)
            return
        key = frame.key
        frame.key = None
        if key is _MERGE:
            frame.merges.append((value, here))
        elif isinstance(value, Reset):
            frame.resets.append((key, value))
        else:
            container.put(key, value, here, frame.kloc)

    def key(self, frame: _Frame, stack: list[_Frame], value: Any, here: Loc, event: Any) -> None:
        if event is None:
            raise InputError(
                f"failed to parse {self.file}: yaml: invalid map key", here, code=YAML_SYNTAX
            )
        raw = event.value
        if raw in frame.first_line:
            raise InputError(
                f"failed to parse {self.file}: line {here.line}: mapping key "
                f"{go_quote(raw)} already defined at line {frame.first_line[raw]}",
                here,
                code=DUPLICATE_KEY,
            )
        frame.first_line[raw] = here.line
        if len(stack) == 1:
            self.entry = here
        if raw == "<<" and event.implicit[0] and not event.style and event.tag is None:
            frame.key = _MERGE
            return
        if not isinstance(value, str) or isinstance(value, Timestamp):
            from composecheck.gocompat.fmt import go_string

            shown = "<nil>" if value is None else go_string(value)
            path = self.path(stack[:-1])
            where = f"in {path}" if path else "at top level"
            raise InputError(f"non-string key {where}: {shown}", here, code=YAML_SYNTAX)
        frame.key = value
        frame.kloc = here

    def finish(self, frame: _Frame) -> YMap:
        out: YMap = frame.container
        # Explicit keys win over merged ones, and earlier merge sources over later ones.
        for value, here in frame.merges:
            sources = value if isinstance(value, YList) else [value]
            for source in sources:
                if not isinstance(source, YMap):
                    raise InputError(
                        "map merge requires map or sequence of maps as the value",
                        here,
                        code=YAML_SYNTAX,
                    )
                for key, item in source.items():
                    if key not in out:
                        out.put(key, item, source.vlocs.get(key), source.klocs.get(key))
        for key, reset in frame.resets:
            # Compose drops a `!reset` key before the `<<` merge is applied, so a value
            # merged from an anchor survives; what it resets is the earlier files' value.
            if key in out:
                out[key] = Override(out[key], reset.loc)
            else:
                out.put(key, reset, reset.loc)
        return out


# The line breaks YAML counts (libyaml's, YAML 1.1: NEL, LS and PS too).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _c_events(data: bytes) -> Any:
    from _ruamel_yaml import CParser

    parser = CParser(data)
    while parser.check_event():
        yield parser.get_event()


def _pure_events(data: bytes) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(data)


def parse_documents(data: bytes, file: str, roots: list[Loc | None] | None = None) -> list[Any]:
    """Every YAML document of ``data`` as a tree (``roots`` gets each root's place)."""
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        builder = _Builder(file, data)
        try:
            docs = builder.documents(_c_events(data))
        except (ImportError, MarkedYAMLError) as exc:  # (ImportError: no ruamel.yaml.clib)
            # libyaml refuses `a:b` inside [...]; go-yaml, like ruamel's own parser,
            # reads it as a plain scalar.
            if isinstance(exc, MarkedYAMLError) and "unexpected ':'" not in str(exc.problem):
                raise
            builder = _Builder(file, data)
            docs = builder.documents(_pure_events(data))
        if roots is not None:
            roots.extend(builder.roots)
        return docs
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            f"yaml: line {line}: {problem}",
            Loc(file, line, col),
            hint="fix the YAML syntax at this position (indentation, quotes or brackets)",
            code=YAML_SYNTAX,
        ) from None
    except ReaderError as exc:
        # Bytes YAML refuses (control characters, malformed UTF-8): go-yaml's wording,
        # at the offending byte.
        line, col = _byte_position(data, exc.position)
        raise InputError(
            f"yaml: {exc.reason}",
            Loc(file, line, col),
            hint="remove the control character or re-save the file as UTF-8",
            code=YAML_SYNTAX,
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of byte ``offset``, the column counted in characters."""
    offset = max(0, min(offset, len(data)))
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1
