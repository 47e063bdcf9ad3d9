"""The text report: ``file:line:col: CODE severity message``, for people at a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from composecheck.findings import Finding, Held, Report, Severity
from composecheck.formatters.base import Formatter, ReportInput
from composecheck.identity import display_path

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


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


class TextFormatter(Formatter):
    name = "text"

    def render(self, report: ReportInput) -> str:
        return text(report.findings, report.cwd, colour=report.colour, held=report.held)
