"""Compose's ``.env`` parser (compose-go's dotenv dialect) and the ``raw`` env_file format.

python-dotenv is not used: its grammar disagrees with Compose's on separators,
comments, escapes, quoting, errors and expansion (tests/unit/test_dotenv.py
pins each difference).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from composecheck.load.interpolate import (
    InterpolationLimitError,
    InterpolationSyntaxError,
    Lookup,
    MissingVariableError,
    Ref,
    go_quote,
    interpolate,
)

__all__ = ["DotenvError", "EnvEntry", "parse_dotenv"]


@dataclass(frozen=True, slots=True)
class EnvEntry:
    key: str
    value: str
    line: int  # 1-based line where the key is written
    column: int  # 1-based column of the key (characters, after a leading BOM is dropped)
    # Every variable lookup made while expanding the value; refs with warn=True
    # are those Compose reports with the "variable is not set" warning.
    refs: tuple[Ref, ...] = ()


class DotenvError(ValueError):
    """A .env parse error.

    ``str()`` is Compose's text after ``failed to read <abs path>: `` (or, for
    ``raw``, after ``failed to parse env_file <abs path>: ``); ``format()`` adds
    that prefix. ``line`` is None for errors Compose reports without one.
    """

    def __init__(self, message: str, line: int | None = None, *, raw: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.raw = raw

    def format(self, abs_path: str) -> str:
        """Compose's full message for the file at ``abs_path``."""
        prefix = "failed to parse env_file" if self.raw else "failed to read"
        return f"{prefix} {abs_path}: {self}"


# compose-go's own notion of blank inside a line: never "\n", but also NEL and NBSP.
_INLINE_SPACE = frozenset("\t\v\f\r \x85\xa0")
# Go's unicode.IsSpace (Python's str.isspace() also accepts \x1c-\x1f).
_GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_GO_SPACE_STR = "".join(sorted(_GO_SPACE))
_ASCII_KEY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-[]")
# Go's regexp \s is ASCII [\t\n\f\r ] (no \v).
_EXPORT = re.compile("export[\t\n\f\r ]+")
_ESCAPE = re.compile(r'\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})')
_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "\\": "\\",
}


def parse_dotenv(
    text: str, lookup: Lookup, *, raw: bool = False, fallback: Lookup | None = None
) -> list[EnvEntry]:
    """Parse ``text`` into entries, in file order (duplicates kept; last one wins).

    Variables (in values and bare ``KEY`` lines) resolve through ``lookup``,
    then keys defined earlier in ``text``, then ``fallback``. For exact results
    across several files, ``lookup`` should hold what outranks the file (the
    process environment; for a service env_file, also the service's
    ``environment``) and ``fallback`` the keys read from earlier files: Compose
    lets a key redefined in this file shadow an earlier file's value.
    ``raw=True`` is ``env_file: {format: raw}`` (docker run --env-file syntax).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if raw:
        return _parse_raw(text, lookup)
    return _Parser(text, lookup, fallback).parse()


class _Parser:
    def __init__(self, src: str, lookup: Lookup, fallback: Lookup | None) -> None:
        self.src = src
        self.outer = lookup
        self.fallback = fallback
        self.line = 1
        #: Where the value being read starts (a template error names no line).
        self.value_line = 1
        self.defined: dict[str, str] = {}
        self.entries: list[EnvEntry] = []

    def lookup(self, name: str) -> str | None:
        value = self.outer(name)
        if value is None:
            value = self.defined.get(name)
            if value is None and self.fallback is not None:
                value = self.fallback(name)
        return value

    def add(self, key: str, value: str, line: int, pos: int, refs: list[Ref]) -> None:
        column = pos - self.src.rfind("\n", 0, pos)
        self.entries.append(EnvEntry(key, value, line, column, tuple(refs)))
        self.defined[key] = value

    def parse(self) -> list[EnvEntry]:
        src = self.src
        n = len(src)
        pos = 0
        while True:
            pos = self._statement_start(pos)
            if pos >= n:
                return self.entries
            key_line = self.line
            if _EXPORT.match(src, pos):
                pos += 6
                while pos < n and src[pos] in _INLINE_SPACE:
                    pos += 1
            key_pos = pos
            key, value_pos, inherited = self._key(pos)
            if " " in key:
                raise DotenvError(f"line {self.line}: key cannot contain a space", self.line)
            if inherited:
                found = self.lookup(key)
                if found is not None:
                    self.add(key, found, key_line, key_pos, [])
                pos = value_pos
                continue
            value, refs, pos = self._value(value_pos)
            self.add(key, value, key_line, key_pos, refs)

    def _statement_start(self, pos: int) -> int:
        src = self.src
        n = len(src)
        while True:
            while pos < n and src[pos] in _GO_SPACE:
                if src[pos] == "\n":
                    self.line += 1
                pos += 1
            if pos >= n or src[pos] != "#":
                return pos
            nl = src.find("\n", pos)
            if nl < 0:
                return n
            pos = nl

    def _key(self, pos: int) -> tuple[str, int, bool]:
        """Return (key, position after the separator and blanks, is a bare key)."""
        src = self.src
        n = len(src)
        if pos >= n:
            # Only reachable through a trailing "export " statement.
            raise DotenvError("zero length string")
        key = ""
        offset = pos
        inherited = False
        for i in range(pos, n):
            c = src[i]
            if c in _ASCII_KEY or c in _INLINE_SPACE:
                continue
            if c in "=:\n":
                key = src[pos:i]
                offset = i + 1
                inherited = c == "\n"
                break
            if c > "\x7f" and unicodedata.category(c)[0] in "LN":
                continue
            first_line = src[pos:].split("\n", 1)[0]
            raise DotenvError(
                f"line {self.line}: unexpected character {go_quote(c)} "
                f"in variable name {go_quote(first_line)}",
                self.line,
            )
        # Without separator nor newline before EOF, Compose leaves the key empty
        # and reads the whole text as the value of key "" (kept on purpose).
        if inherited and " " not in key:
            self.line += 1
        key = key.rstrip(_GO_SPACE_STR)
        while offset < n and src[offset] in _INLINE_SPACE:
            offset += 1
        return key, offset, inherited

    def _value(self, pos: int) -> tuple[str, list[Ref], int]:
        src = self.src
        n = len(src)
        self.value_line = self.line
        quote = src[pos] if pos < n else ""
        if quote not in ("'", '"'):
            nl = src.find("\n", pos)
            end = n if nl < 0 else nl
            self.line += 1
            value = src[pos:end].split(" #", 1)[0].rstrip(_GO_SPACE_STR)
            expanded, refs = self._expand(value)
            return expanded, refs, n if nl < 0 else nl + 1

        chars: list[str] = []
        escaped = False
        for i in range(pos + 1, n):
            c = src[i]
            if c == "\n":
                self.line += 1
            if c != quote:
                if not escaped and c == "\\":
                    escaped = True
                    continue
                if escaped:
                    escaped = False
                    chars.append("\\")
                chars.append(c)
                continue
            if escaped:
                # The backslash of an escaped quote is dropped, whatever the quote.
                escaped = False
                chars.append(c)
                continue
            value = "".join(chars)
            if quote == "'":
                return value, [], i + 1
            expanded, refs = self._expand(_ESCAPE.sub(_unescape, value))
            return expanded, refs, i + 1

        first_line = src[pos:].split("\n", 1)[0]
        raise DotenvError(f"line {self.line}: unterminated quoted value {first_line}", self.line)

    def _expand(self, value: str) -> tuple[str, list[Ref]]:
        try:
            return interpolate(value, self.lookup)
        except (InterpolationSyntaxError, MissingVariableError, InterpolationLimitError) as exc:
            # Compose's text names no line; the location does.
            raise DotenvError(str(exc), self.value_line) from exc


def _unescape(m: re.Match[str]) -> str:
    seq = m.group()
    if seq == "\\$":
        # Kept as "$$" so that the expansion that follows yields a literal "$".
        return "$$"
    if seq[1] == "0":
        digits = seq[2:]
        # Compose rewrites \0NNN as Go's \NNN (exactly three octal digits, <= 0o377)
        # and, when that is not a valid escape, leaves the rewritten text: the 0 is lost.
        if len(digits) == 3 and all(d in "01234567" for d in digits):
            code = int(digits, 8)
            if code <= 0o377:
                return chr(code)
        return "\\" + digits
    return _SIMPLE_ESCAPES.get(seq[1], seq)


_MAX_LINE = 64 * 1024


def _parse_raw(text: str, lookup: Lookup) -> list[EnvEntry]:
    # docker/cli's kvfile: one KEY[=VALUE] per line, value verbatim.
    entries: list[EnvEntry] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, full in enumerate(lines, start=1):
        # bufio.Scanner's default limit: a line (without its "\n") of 64 KiB or more.
        if len(full) >= _MAX_LINE // 4 and len(full.encode("utf-8", "surrogatepass")) >= _MAX_LINE:
            raise DotenvError("bufio.Scanner: token too long", number, raw=True)
        if full.endswith("\r"):
            full = full[:-1]
        line = full.lstrip(_GO_SPACE_STR)
        if not line or line[0] == "#":
            continue
        column = len(full) - len(line) + 1
        key, sep, value = line.partition("=")
        if not key:
            raise DotenvError(f"no variable name on line '{line}'", number, raw=True)
        if " " in key or "\t" in key:
            raise DotenvError(f"variable '{key}' contains whitespaces", number, raw=True)
        if sep:
            entries.append(EnvEntry(key, value, number, column))
            continue
        found = lookup(line)
        if found is not None:
            entries.append(EnvEntry(key, found, number, column))
    return entries
