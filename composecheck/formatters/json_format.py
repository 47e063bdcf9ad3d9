"""The JSON report (schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from composecheck.findings import Finding, Held, Report
from composecheck.formatters.base import Formatter, ReportInput
from composecheck.identity import display_path


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


class JsonFormatter(Formatter):
    name = "json"

    def render(self, report: ReportInput) -> str:
        return as_json(report.findings, report.cwd, report.held)
