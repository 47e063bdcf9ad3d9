"""Inline ignores applied: the findings they silence, and the ignores that silenced
nothing where their check ran (CC001)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from composecheck.checks.match import match_rule
from composecheck.findings import Finding, Severity, Suppression
from composecheck.suppress.directives import Directive, scan


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
