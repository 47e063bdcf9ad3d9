"""Report formatters: pure functions from findings to text."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from composecheck.findings import Finding, Held, Report, Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


def display_path(path: str | None, cwd: str) -> str:
    """Paths relative to the working directory when inside it."""
    if path is None:
        return "-"
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def text(
    findings: Sequence[Finding], cwd: str, *, colour: bool = False, held: Held | None = None
) -> str:
    """``file:line:col: CODE severity message``, the hint under it, grouped by file."""
    lines: list[str] = []
    current: str | None = None
    for finding in findings:
        file = display_path(finding.file, cwd)
        if file != current:
            if current is not None:
                lines.append("")
            current = file
        where = f"{file}:{finding.line or 1}:{finding.column or 1}"
        severity = finding.severity.label
        if colour:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
            where = f"{_BOLD}{where}{_RESET}"
        envs = f" [{', '.join(finding.environments)}]" if finding.environments else ""
        lines.append(f"{where}: {finding.code} {severity} {finding.message}{envs}")
        lines.append(f"  hint: {finding.hint}")
        for related in finding.related:
            rel = display_path(related.file, cwd)
            lines.append(f"  {rel}:{related.line}:{related.column}: {related.message}")
    report = Report(list(findings))
    total = len(findings)
    if total:
        parts = report.counts_text()
        lines.append("")
        lines.append(f"Found {total} problem{'s' if total != 1 else ''} ({parts}).")
    else:
        lines.append("No problems found.")
    note = held.note() if held is not None else ""
    if note:
        lines.append(f"Not reported: {note}.")
    return "\n".join(lines) + "\n"


def finding_json(f: Finding, cwd: str) -> dict[str, Any]:
    """One finding as the JSON report writes it."""
    doc: dict[str, Any] = {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "hint": f.hint,
        "file": display_path(f.file, cwd) if f.file else None,
        "line": f.line,
        "column": f.column,
        "service": f.service,
        "environments": list(f.environments),
        "related": [
            {
                "file": display_path(r.file, cwd),
                "line": r.line,
                "column": r.column,
                "message": r.message,
            }
            for r in f.related
        ],
    }
    if f.suppression is not None:
        doc["suppression"] = {
            "kind": "inline" if f.suppression.kind == "inSource" else "baseline",
            "reason": f.suppression.justification,
        }
    return doc


def as_json(findings: Sequence[Finding], cwd: str, held: Held | None = None) -> str:
    """The JSON report (schemas/report.schema.json)."""
    doc: dict[str, Any] = {
        "version": 1,
        "findings": [finding_json(f, cwd) for f in findings],
        "summary": Report(list(findings)).summary(),
    }
    if held is not None and (held.suppressed or held.baseline is not None):
        doc["suppressed"] = [finding_json(f, cwd) for f in (*held.suppressed, *held.baselined)]
        doc["summary"]["suppressed"] = len(held.suppressed)
        if held.baseline is not None:
            doc["summary"]["baselined"] = len(held.baselined)
            doc["summary"]["fixed"] = held.fixed
    return json.dumps(doc, indent=2) + "\n"
