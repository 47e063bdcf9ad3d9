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

from composecheck.errors import InputError
from composecheck.gocompat.yaml_resolve import (
    Timestamp,
    is_merge_key,
    resolve_plain,
    resolve_tagged,
)
from composecheck.load import limits
from composecheck.load import yaml_errors as errors
from composecheck.load.tree import Document, Override, Reset, YList, YMap, clone, height
from composecheck.load.yaml_errors import Pending
from composecheck.load.yaml_events import c_events, pure_events
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
        "flow",
        "is_map",
        "key",
        "kloc",
        "loc",
        "merges",
        "pending",
        "replaces",
        "resets",
        "size",
        "tag",
    )

    def __init__(
        self, container: Any, loc: Loc, anchor: str | None, tag: str | None, flow: bool
    ) -> None:
        self.container = container
        self.flow = flow
        self.loc = loc
        self.anchor = anchor
        self.tag = tag
        self.size = 1
        self.chars = 0
        self.key: Any = None  # None: the next scalar is a key
        self.kloc: Loc | None = None
        self.merges: list[tuple[Any, Loc]] = []
        self.replaces = False  # a `<<` value tagged !reset or !override
        self.pending: InputError | None = None  # what decoding refuses of the key
        self.is_map = isinstance(container, YMap)
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
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, nodes, characters
        self.heights: dict[str, tuple[Any, int]] = {}  # levels of nesting, once aliased
        self.spelled = 0
        self.expanded = 0
        self.expanded_chars = 0
        self.max_chars = limits.MAX_ALIAS_CHARS + limits.PER_SPELLED_NODE * len(data)
        # Open flow and block collections, each bounded as go-yaml bounds them.
        self.flow_depth = 0
        self.block_depth = 0
        # Open collections tagged !reset: Compose drops them before decoding, so what
        # only decoding refuses (tags, keys, merges) passes inside them.
        self.dropped = 0
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
                top = stack[-1] if stack else None
                value = self.scalar(event, top is not None and top.key is None and top.is_map)
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
                here = self.loc(event.start_mark)
                flow = bool(event.flow_style)
                depth = self.flow_depth if flow else self.block_depth
                if depth >= limits.MAX_DEPTH:
                    raise errors.too_deep(limits.MAX_DEPTH, here)
                if flow:
                    self.flow_depth += 1
                else:
                    self.block_depth += 1
                if kind is SequenceStartEvent:
                    container: YMap | YList = YList(here)
                else:
                    # The root mapping carries the document's layouts (see Document).
                    container = YMap(here) if stack else Document(here)
                tag = event.tag if event.tag not in (None, "!") else None
                if tag == "!reset":
                    self.dropped += 1
                stack.append(_Frame(container, here, event.anchor, tag, flow))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame.flow:
                    self.flow_depth -= 1
                else:
                    self.block_depth -= 1
                value = self.finish(frame) if kind is MappingEndEvent else frame.container
                if frame.tag == "!reset":
                    self.dropped -= 1
                    value = Reset(frame.loc)
                elif frame.tag == "!override" or (frame.replaces and stack):
                    value = Override(value, frame.loc)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, frame.size, frame.chars)
                self.emit(stack, root, value, frame.loc, None, frame.size, frame.chars)
            elif kind is AliasEvent:
                here = self.loc(event.start_mark)
                try:
                    value, size, chars = self.anchors[event.anchor]
                except KeyError:
                    raise errors.unknown_anchor(event.anchor, here) from None
                self.expanded += size
                known = self.heights.get(event.anchor)
                if known is None or known[0] is not value:
                    known = self.heights[event.anchor] = (value, height(value))
                if len(stack) + known[1] > limits.MAX_TREE_DEPTH:
                    # Written shallow, but later stages see the expanded tree.
                    raise errors.aliases_too_deep(limits.MAX_TREE_DEPTH, here)
                self.expanded_chars += chars
                if (
                    self.expanded > limits.MAX_ALIAS_NODES + limits.PER_SPELLED_NODE * self.spelled
                    or self.expanded_chars > self.max_chars
                ):
                    raise errors.alias_bomb(self.entry or here)
                self.emit(stack, root, clone(value), here, event, size, chars)
            elif kind is DocumentStartEvent:
                if event.version is not None and tuple(event.version) != (1, 1):
                    raise errors.incompatible(self.file, event, first=not docs)
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

    def scalar(self, event: Any, is_key: bool) -> Any:
        tag = event.tag
        text = event.value
        if tag is None or tag == "!":
            if event.implicit[0] and not event.style:
                return resolve_plain(text)
            return text
        # Compose reads !reset and !override on values only: on a key they are just tags.
        if tag == "!reset" and not is_key:
            return Reset(self.loc(event.start_mark))
        if tag == "!override" and not is_key:
            # go-yaml decodes a scalar with a tag of its own as its text, a string
            # (`!override -1` is "-1", refused as a size); the casts after interpolation
            # then type it where Compose does (`!override true` under privileged).
            # An empty one is nothing to override with.
            return Override(text if text else resolve_plain(text), self.loc(event.start_mark))
        try:
            return resolve_tagged(tag, text)
        except ValueError as exc:
            if self.dropped:
                return text
            error = errors.decode_error(self.file, str(exc), self.loc(event.start_mark))
            if is_key:
                return Pending(error)
            raise error from None

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
            # Compose drops a !reset item and reads an !override one as written (what
            # it records for either has no effect on sequences).
            if not isinstance(value, Reset):
                container.push(value.value if isinstance(value, Override) else value, here)
            return
        if frame.key is None:
            self.key(frame, stack, value, here, event)
            return
        key = frame.key
        frame.key = None
        if frame.pending is not None:
            error, frame.pending = frame.pending, None
            if isinstance(value, Reset):
                return
            raise error
        if key is _MERGE:
            frame.merges.append((value, here))
        elif isinstance(value, Reset):
            frame.resets.append((key, value))
        else:
            container.put(key, value, here, frame.kloc)

    def key(self, frame: _Frame, stack: list[_Frame], value: Any, here: Loc, event: Any) -> None:
        # A key is a scalar, or an alias of one (go-yaml checks repeats of an alias key
        # by the anchor's name); a mapping or a sequence is no key.
        alias = event is not None and not hasattr(event, "value")
        raw = event.anchor if alias else getattr(event, "value", None)
        if raw is not None and raw in frame.first_line and not self.dropped:
            raise errors.duplicate_key(self.file, raw, here, frame.first_line[raw])
        if raw is not None:
            frame.first_line[raw] = here.line
        if len(stack) == 1:
            self.entry = here
        if raw == "<<" and not alias and is_merge_key(event.tag, plain=not event.style):
            frame.key = _MERGE
            return
        # What decoding refuses of a key waits for its value: Compose drops a key whose
        # value is !reset before decoding it (and anything inside a !reset collection).
        if isinstance(value, Pending):
            pending: InputError | None = value.error
        elif event is None or (alias and isinstance(value, (YMap, YList, Reset, Override))):
            pending = errors.invalid_map_key(self.file, here)
        elif not isinstance(value, str) or isinstance(value, Timestamp):
            pending = errors.non_string_key(self.path(stack[:-1]), value, here)
        else:
            pending = None
        if pending is not None:
            if self.dropped:
                pending = None
            frame.pending = pending
            value = f"\0{len(frame.container)}"
        frame.key = value
        frame.kloc = here

    def finish(self, frame: _Frame) -> YMap:
        out: YMap = frame.container
        # Explicit keys win over merged ones, and earlier merge sources over later ones.
        for value, here in frame.merges:
            # Compose sees a `!reset` or `!override` merge value at the mapping's own
            # path (it drops the `<<`): what earlier files set there is replaced, and
            # an `!override` value is merged all the same.
            if isinstance(value, (Reset, Override)):
                frame.replaces = True
                if isinstance(value, Reset):
                    continue
                value = value.value
            sources = value if isinstance(value, YList) else [value]
            for source in sources:
                if isinstance(source, Reset):
                    continue  # dropped from the sequence
                if isinstance(source, Override):
                    source = source.value
                if not isinstance(source, YMap):
                    if self.dropped:
                        continue
                    raise errors.merge_error(self.file, here)
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


def parse_documents(data: bytes, file: str, roots: list[Loc | None] | None = None) -> list[Any]:
    """Every YAML document of ``data`` as a tree (``roots`` gets each root's place)."""
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        builder = _Builder(file, data)
        try:
            docs = builder.documents(c_events(data))
        except (ImportError, MarkedYAMLError) as exc:  # (ImportError: no ruamel.yaml.clib)
            # libyaml refuses `a:b` inside [...]; go-yaml, like ruamel's own parser,
            # reads it as a plain scalar.
            if isinstance(exc, MarkedYAMLError) and "unexpected ':'" not in str(exc.problem):
                raise
            builder = _Builder(file, data)
            docs = builder.documents(pure_events(data))
        if roots is not None:
            roots.extend(builder.roots)
        return docs
    except MarkedYAMLError as exc:
        raise errors.syntax_error(exc, file) from None
    except ReaderError as exc:
        raise errors.reader_error(exc, data, file) from None
