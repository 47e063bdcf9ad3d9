"""GitLab Code Quality report (a JSON list), shown in merge request widgets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from composecheck.findings import Finding, Severity
from composecheck.formatters.base import Formatter, ReportInput
from composecheck.formatters.sarif import full_message
from composecheck.identity import fingerprints, relative_file

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def as_gitlab(findings: Sequence[Finding], cwd: str) -> str:
    """One Code Quality issue per finding, fingerprinted without its line number."""
    issues: list[dict[str, Any]] = []
    for finding, fingerprint in zip(findings, fingerprints(findings, cwd), strict=True):
        description = finding.message
        if finding.environments:
            description += f" [{', '.join(finding.environments)}]"
        issues.append(
            {
                "description": description,
                "check_name": finding.code,
                "fingerprint": fingerprint,
                "severity": SEVERITIES[finding.severity],
                "location": {
                    # GitLab requires a path; a finding about no file names none.
                    "path": relative_file(finding.file, cwd) if finding.file else "",
                    "lines": {"begin": finding.line or 1},
                },
                "content": {"body": f"{finding.code} {finding.name}: {full_message(finding)}"},
            }
        )
    return json.dumps(issues, indent=2) + "\n"


class GitlabFormatter(Formatter):
    name = "gitlab"

    def render(self, report: ReportInput) -> str:
        return as_gitlab(report.findings, report.cwd)
