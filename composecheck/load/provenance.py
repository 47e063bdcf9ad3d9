"""What the loader records about how a value was written, beyond its position.

A :class:`~composecheck.location.Loc` says where a value starts. Some checks need more
of the written form: the ``${VAR:-default}`` templates interpolation consumed, and where
each line of a scalar written over several lines is. The stages that see the written
form record it here once (the reader, interpolation, the ``env_file`` reader), keyed by
the value's position, so that no check ever reads a source file again.

The record holds written values, which may be secrets: it lives in memory only, and
nothing here prints it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from composecheck.location import Loc

if TYPE_CHECKING:
    from composecheck.load.interpolate import Ref

#: A value's position without its origin: (file, line, col).
Key = tuple[str, int, int]

# A variable reference as written: $NAME or ${NAME...}; `$$` is an escaped dollar.
_REFERENCE_NAME = re.compile(r"(?<!\$)\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def key_of(loc: Loc) -> Key:
    return (loc.file, loc.line, loc.col)


@dataclass(frozen=True, slots=True)
class Default:
    """One ``${NAME:-text}`` / ``${NAME-text}`` written in a value (nested ones too)."""

    name: str
    text: str  # as written, before its own substitution (may hold a nested ${...})
    used: bool  # NAME was unset (or empty, with ``:-``): the default became the value

    @property
    def literal(self) -> bool:
        """Written as plain text: no nested reference and no brace."""
        return bool(self.text) and not any(c in self.text for c in "${}")


@dataclass(frozen=True, slots=True)
class Template:
    """A value as written before interpolation."""

    #: The text as written; None where only the defaults are known (an ``env_file`` line).
    text: str | None
    defaults: tuple[Default, ...] = ()

    @property
    def names(self) -> list[str]:
        """The variables written in the text, in written order (nested ones too)."""
        return _REFERENCE_NAME.findall(self.text) if self.text else []


def template(text: str | None, refs: Iterable[Ref]) -> Template:
    """The template of ``text``, with the defaults interpolation met (its ``Ref``s)."""
    defaults = tuple(
        Default(ref.name, ref.default, ref.used) for ref in refs if ref.default is not None
    )
    return Template(text, defaults)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the text of a scalar written over several lines is (block scalars ``|`` and
    ``>``, and flow scalars, quoted or plain, that continue on the next lines).

    ``segments`` are (offset in ``text``, length, line, col): the characters
    ``text[offset:offset + length]`` are written from (line, col) on, one line each. An
    offset in no segment (a folded line break, an escape sequence, what follows an escape
    the reader could not follow) has no exact position: callers fall back to the scalar's.
    """

    text: str  # the scalar as YAML read it, before interpolation
    segments: tuple[tuple[int, int, int, int], ...]

    def position(self, index: int) -> tuple[int, int] | None:
        """The (line, col) where ``text[index]`` is written, or None."""
        at = bisect_right(self.segments, index, key=_offset) - 1
        if at < 0:
            return None
        offset, length, line, col = self.segments[at]
        if index >= offset + length:
            return None
        return line, col + index - offset

    def line_text(self, index: int) -> str:
        """The part of ``text`` written on the same line as ``text[index]``."""
        at = bisect_right(self.segments, index, key=_offset) - 1
        if at < 0:
            return ""
        offset, length, _, _ = self.segments[at]
        return self.text[offset : offset + length] if index < offset + length else ""


def _offset(segment: tuple[int, int, int, int]) -> int:
    return segment[0]


@dataclass
class Provenance:
    """The record of one load, shared by all its environments (see
    :attr:`composecheck.load.environment.Environment.provenance`)."""

    templates: dict[Key, Template] = field(default_factory=dict)
    layouts: dict[Key, Layout] = field(default_factory=dict)
    #: False when nobody will read the record (a plain render): it is not kept, which on
    #: a stack of thousands of interpolated values is memory worth saving.
    enabled: bool = True

    def template(self, loc: Loc | None) -> Template | None:
        return None if loc is None else self.templates.get(key_of(loc))

    def layout(self, loc: Loc | None) -> Layout | None:
        return None if loc is None else self.layouts.get(key_of(loc))


def scalar_layout(text: str, style: str, lines: list[str], start: Loc, end: Loc) -> Layout | None:
    """The layout of a scalar that YAML read as ``text`` (``style``: ``|``, ``>``, a
    quote, or ``""`` for plain) from the source ``lines``, written from ``start`` (its
    indicator or opening quote) to ``end`` (just after it).

    Only what matches the source exactly is mapped.
    """
    end_line = end.line
    first = start.line  # 0-based index of the line after the indicator's
    segments: list[tuple[int, int, int, int]] = []
    if style == "|":
        # Literal: line k of the value is written on source line first + k, after the
        # block's indentation; trailing and more-indented spaces are kept as written.
        offset = 0
        indent: int | None = None
        for k, part in enumerate(text.split("\n")):
            number = first + k
            if part and number < len(lines):
                source = lines[number]
                if indent is None:
                    indent = len(source) - len(part)
                if indent >= 0 and source[indent:] == part:
                    segments.append((offset, len(part), number + 1, indent + 1))
            offset += len(part) + 1
    else:
        # Folded and flow scalars: each source line's content appears in order,
        # joined by a space or line breaks. Follow it until an escape breaks the match.
        quoted = style in ("'", '"')
        rows: list[tuple[int, int, str]]  # (0-based line, column where the row starts, row)
        if style == ">":
            rows = [(n, 0, lines[n]) for n in range(first, min(end_line, len(lines)))]
        else:
            top = start.line - 1
            rows = []
            for n in range(top, min(end_line, len(lines))):
                begin = start.col - 1 + (1 if quoted else 0) if n == top else 0
                stop = end.col - 1 if n == end_line - 1 else len(lines[n])
                rows.append((n, begin, lines[n][begin:stop]))
        cursor = 0
        for n, begin, row in rows:
            content = row.strip(" \t")
            if quoted and n == end_line - 1 and content.endswith(style):
                content = content[:-1].rstrip(" \t")
            if not content:
                continue
            while (
                cursor < len(text)
                and text[cursor] in " \n"
                and not text.startswith(content, cursor)
            ):
                cursor += 1
            if not text.startswith(content, cursor):
                break
            col = begin + len(row) - len(row.lstrip(" \t")) + 1
            segments.append((cursor, len(content), n + 1, col))
            cursor += len(content)
    if not segments:
        return None
    return Layout(text, tuple(segments))
