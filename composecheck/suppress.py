"""Inline ignores and the baseline: findings a team has decided about.

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
names no known check, silences nothing and is reported (CC002). An ignore that
silenced nothing where its check ran is reported too (CC001).

The baseline (``composecheck baseline``) stores, per finding, a fingerprint that leaves
out line numbers (:func:`composecheck.formatters.sarif.fingerprints`), with paths
relative to the baseline's own folder so that it matches from any working directory.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from composecheck.checks.match import match_rule
from composecheck.errors import InputError
from composecheck.findings import Finding, Severity, Suppression
from composecheck.location import Loc

KINDS = ("ignore", "ignore-next-block", "ignore-file")
_DIRECTIVE = re.compile(r"#\s*composecheck\s*:\s*(?P<body>.*)$")
_BLOCK_SCALAR = re.compile(r"(?:^|[:\s-])[|>][-+0-9]*\s*(?:#.*)?$")
_BODY = re.compile(r"(?P<kind>[a-z-]+)\s*(?:\[(?P<codes>[^\]]*)\])?\s*(?P<reason>.*)$")
BASELINE_NAME = ".composecheck-baseline.json"
BASELINE_VERSION = 1


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
    out = Scan()
    try:
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


@dataclass
class Applied:
    kept: list[Finding]
    suppressed: list[Finding]
    problems: list[Finding]  # CC001 and CC002


def apply_ignores(
    findings: Sequence[Finding],
    files: Iterable[str],
    ran: dict[str, set[str]],
) -> Applied:
    """Split ``findings`` into kept and inline-suppressed ones.

    ``files``: every file the stacks were read from, plus those findings name.
    ``ran``: per file, the codes of the checks that ran on a project read from it
    (a directive is judged unused only where its check had the chance to fire).
    """
    from composecheck.checks import registry

    checks = registry()
    scans = {path: scan(path) for path in sorted(set(files))}
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        hit: tuple[Directive, str] | None = None
        if finding.file is not None and finding.file in scans:
            for directive in scans[finding.file].directives:
                code = directive.covers(finding)
                if code is not None:
                    hit = (directive, code)
                    break
        if hit is None:
            kept.append(finding)
            continue
        directive, code = hit
        directive.used.add(code)
        suppressed.append(
            replace(
                finding,
                suppression=Suppression("inSource", directive.reason, directive.loc),
            )
        )
    problems: list[Finding] = []
    for path, found in scans.items():
        problems.extend(found.problems)
        for directive in found.directives:
            judged = ran.get(path, set())
            unused = [
                c
                for c in directive.codes
                if c not in directive.used
                and any(
                    code in checks and match_rule(c, code, checks[code].name) for code in judged
                )
            ]
            if unused:
                problems.append(_unused(directive, unused))
    return Applied(kept, suppressed, problems)


def _unused(directive: Directive, codes: list[str]) -> Finding:
    listed = ",".join(codes)
    where = {
        "ignore": "on this line or the next",
        "ignore-next-block": "in the block below",
        "ignore-file": "in this file",
    }[directive.kind]
    return Finding(
        code="CC001",
        name="unused-ignore",
        severity=Severity.WARNING,
        message=f"{directive.kind}[{listed}] silences nothing: no {listed} finding {where}",
        hint="remove it (or the codes that no longer fire), or move it next to the finding",
        file=directive.loc.file,
        line=directive.loc.line,
        column=directive.loc.col,
    )


# -- baseline -------------------------------------------------------------------------


@dataclass
class Baseline:
    path: str
    entries: dict[str, dict[str, str]]  # fingerprint → what it was

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def read_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            doc = json.load(handle)
    except FileNotFoundError:
        raise InputError(
            f"open {path}: no such file or directory",
            hint="write one with `composecheck baseline`",
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid baseline: {exc.msg}",
            Loc(path, exc.lineno, exc.colno),
            hint="write it again with `composecheck baseline`",
        ) from None
    entries = doc.get("findings") if isinstance(doc, dict) else None
    if (
        not isinstance(doc, dict)
        or doc.get("version") != BASELINE_VERSION
        or not isinstance(entries, list)
        or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries)
    ):
        raise InputError(
            f"{path} is not a composecheck baseline (version {BASELINE_VERSION})",
            Loc(path, 1, 1),
            hint="write it again with `composecheck baseline`",
        )
    return Baseline(path, {e["fingerprint"]: e for e in entries})


def baseline_document(findings: Sequence[Finding], root: str) -> str:
    """The baseline file's text: one entry per finding, no line numbers, no values."""
    from composecheck.formatters.sarif import fingerprints, relative_up

    entries = [
        {
            "fingerprint": fingerprint,
            "code": finding.code,
            "name": finding.name,
            "file": relative_up(finding.file, root) if finding.file else "",
            "service": finding.service or "",
        }
        for finding, fingerprint in zip(
            findings, fingerprints(findings, root, climb=True), strict=True
        )
    ]
    entries.sort(key=lambda e: (e["file"], e["code"], e["service"], e["fingerprint"]))
    doc = {"version": BASELINE_VERSION, "tool": "composecheck", "findings": entries}
    return json.dumps(doc, indent=2) + "\n"


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline, scope: set[str] | None = None
) -> tuple[list[Finding], list[Finding], int]:
    """(new findings, baselined findings, baseline entries no longer found).

    ``scope``: the files that were checked; entries about other files are not counted
    as fixed (None: every file was checked).
    """
    from composecheck.formatters.sarif import fingerprints

    kept: list[Finding] = []
    known: list[Finding] = []
    seen: set[str] = set()
    shown = os.path.basename(baseline.path)
    prints = fingerprints(findings, baseline.root, climb=True)
    for finding, fingerprint in zip(findings, prints, strict=True):
        if fingerprint in baseline.entries:
            seen.add(fingerprint)
            known.append(
                replace(finding, suppression=Suppression("external", f"in the baseline {shown}"))
            )
        else:
            kept.append(finding)
    missing = set(baseline.entries) - seen
    if scope is not None:
        checked = {os.path.normpath(f) for f in scope}
        missing = {
            key
            for key in missing
            if os.path.normpath(os.path.join(baseline.root, baseline.entries[key].get("file", "")))
            in checked
        }
    return kept, known, len(missing)
