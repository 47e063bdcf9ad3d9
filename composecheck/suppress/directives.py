"""Inline ignore directives: the ``# composecheck:`` comments of one file, the lines each
covers, and what is wrong with any of them (CC002).

Inline, in any YAML or env file of a stack::

    services:
      worker:  # composecheck: ignore[CC305] runs under systemd, which restarts it
      # composecheck: ignore-next-block[CC301,CC302] sized by the platform team
      batch:
        ...
    # composecheck: ignore-file[CC105] the legacy deploy tool still reads version

``ignore`` covers its own line when it follows code, else the next line of code;
``ignore-next-block`` the next line of code and every line indented under it;
``ignore-file`` the whole file. A reason is required: an ignore without one, or that
names no known check, silences nothing and is reported (CC002).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from composecheck.checks.match import match_rule
from composecheck.findings import Finding, Severity
from composecheck.location import Loc

KINDS = ("ignore", "ignore-next-block", "ignore-file")
_DIRECTIVE = re.compile(r"#\s*composecheck\s*:\s*(?P<body>.*)$")
_BLOCK_SCALAR = re.compile(r"(?:^|[:\s-])[|>][-+0-9]*\s*(?:#.*)?$")
_BODY = re.compile(r"(?P<kind>[a-z-]+)\s*(?:\[(?P<codes>[^\]]*)\])?\s*(?P<reason>.*)$")


@dataclass
class Directive:
    kind: str
    codes: tuple[str, ...]
    reason: str
    loc: Loc
    first: int  # lines it covers, inclusive (1-based)
    last: int
    #: Codes this directive silenced at least one finding of.
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> str | None:
        """The code of this directive that silences ``finding``, if any."""
        if finding.line is None or not self.first <= finding.line <= self.last:
            return None
        return next((c for c in self.codes if match_rule(c, finding.code, finding.name)), None)


@dataclass
class Scan:
    directives: list[Directive] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # CC002


def _is_code(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _block_end(lines: list[str], start: int) -> int:
    """The last line of the block that begins at line ``start`` (0-based index)."""
    base = _indent(lines[start])
    # YAML lets a key's sequence sit at the key's own indentation (`key:` / `- item`).
    opens_list = lines[start].split("#")[0].rstrip().endswith(":")
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not _is_code(line):
            continue
        indent = _indent(line)
        if indent < base or (
            indent == base and not (opens_list and line.lstrip().startswith("- "))
        ):
            break
        last = index
    return last


def _comment_start(line: str) -> int | None:
    """Where a YAML comment starts on ``line``: a ``#`` after whitespace, outside quotes."""
    quote: str | None = None
    index = 0
    while index < len(line):
        char = line[index]
        before = line[index - 1] if index else " "
        if quote == "'":
            if char == "'":
                if line[index + 1 : index + 2] == "'":
                    index += 1  # '' is an escaped quote
                else:
                    quote = None
        elif quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = None
        elif char in "'\"" and before in " \t[{,:-":
            quote = char
        elif char == "#" and before in " \t":
            return index
        index += 1
    return None


def _directives(lines: list[str], yaml: bool) -> list[tuple[int, int]]:
    """(line index, column index) of every ``# composecheck:`` comment.

    In YAML, a comment is a ``#`` outside quotes and block scalars (a script in
    ``command: |`` may hold anything). In env files a ``#`` after ``KEY=`` can be part of
    the value, so only a line of its own is a comment there.
    """
    out: list[tuple[int, int]] = []
    block: int | None = None  # indentation of the key that opened a block scalar
    for index, line in enumerate(lines):
        if block is not None:
            if not line.strip() or _indent(line) > block:
                continue
            block = None
        if yaml:
            start = _comment_start(line)
            code = line if start is None else line[:start]
            if _BLOCK_SCALAR.search(code.rstrip()) and ":" in code:
                block = _indent(line)
        else:
            start = line.index("#") if line.lstrip().startswith("#") else None
        if start is not None and _DIRECTIVE.match(line, start):
            out.append((index, start))
    return out


def _next_code(lines: list[str], index: int) -> int | None:
    return next((i for i in range(index + 1, len(lines)) if _is_code(lines[i])), None)


def _known(code: str) -> bool:
    from composecheck.checks import registry

    return any(match_rule(code, c.code, c.name) for c in registry().values())


def scan(path: str) -> Scan:
    """The ignore directives of one file, and what is wrong with any of them."""
    from composecheck.load.limits import MAX_FILE_BYTES

    out = Scan()
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return out  # refused by the loader, unread: there is nothing to ignore in it
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return out
    if "composecheck" not in text:
        return out
    lines = text.splitlines()
    yaml = path.endswith((".yaml", ".yml"))
    for index, column in _directives(lines, yaml):
        line = lines[index]
        found = _DIRECTIVE.match(line, column)
        assert found is not None
        loc = Loc(path, index + 1, column + 1)
        body = _BODY.match(found.group("body").strip())
        kind = body.group("kind") if body else ""
        if body is None or kind not in KINDS:
            out.problems.append(
                _invalid(loc, f"unknown directive '# composecheck: {found.group('body')[:40]}'")
            )
            continue
        raw_codes = body.group("codes")
        codes = tuple(c.strip() for c in (raw_codes or "").split(",") if c.strip())
        reason = body.group("reason").strip().lstrip(":-— ").strip()
        if not codes:
            out.problems.append(
                _invalid(loc, f"{kind} names no check, so it silences nothing", bracket=kind)
            )
            continue
        unknown = [c for c in codes if not _known(c)]
        if unknown:
            out.problems.append(
                _invalid(loc, f"{kind}[{', '.join(unknown)}] names no known check", unknown=True)
            )
            continue
        if not reason:
            out.problems.append(
                _invalid(
                    loc,
                    f"{kind}[{','.join(codes)}] gives no reason, so it silences nothing",
                    reason=True,
                )
            )
            continue
        own_line = not line[: found.start()].strip()
        if kind == "ignore-file":
            first, last = 1, len(lines)
        else:
            start: int | None = index if not own_line else _next_code(lines, index)
            if start is None:
                first = last = index + 1
            elif kind == "ignore":
                first = last = start + 1
            else:
                first, last = start + 1, _block_end(lines, start) + 1
        out.directives.append(Directive(kind, codes, reason, loc, first, last))
    return out


def _invalid(
    loc: Loc, message: str, *, bracket: str = "", unknown: bool = False, reason: bool = False
) -> Finding:
    if bracket:
        hint = f"name what it silences: # composecheck: {bracket}[CC301] the reason"
    elif unknown:
        hint = "`composecheck rules` lists the codes and names"
    elif reason:
        hint = (
            "say why after the brackets, e.g. # composecheck: ignore[CC301] sized by the platform"
        )
    else:
        hint = "write ignore[CODE], ignore-next-block[CODE] or ignore-file[CODE], then a reason"
    return Finding(
        code="CC002",
        name="invalid-ignore",
        severity=Severity.ERROR,
        message=message,
        hint=hint,
        file=loc.file,
        line=loc.line,
        column=loc.col,
    )
