"""GitHub Actions workflow commands: one annotation per finding on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from composecheck.findings import Finding, Severity
from composecheck.formatters.base import Formatter, ReportInput
from composecheck.identity import relative_file

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message of a workflow command, escaped as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, cwd: str) -> str:
    properties: list[tuple[str, str]] = []
    if finding.file:
        properties.append(("file", relative_file(finding.file, cwd)))
        if finding.line:
            properties.append(("line", str(finding.line)))
            if finding.column:
                properties.append(("col", str(finding.column)))
    properties.append(("title", f"{finding.code} {finding.name}"))
    message = finding.message
    if finding.environments:
        message += f" [{', '.join(finding.environments)}]"
    if finding.hint:
        message += f"\nhint: {finding.hint}"
    for related in finding.related:
        where = f"{relative_file(related.file, cwd)}:{related.line}:{related.column}"
        message += f"\n{where}: {related.message}"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def as_github(findings: Sequence[Finding], cwd: str) -> str:
    """``::error file=F,line=L,col=C,title=CODE name::message``, one line per finding."""
    return "".join(_annotation(finding, cwd) + "\n" for finding in findings)


class GithubFormatter(Formatter):
    name = "github"

    def render(self, report: ReportInput) -> str:
        return as_github(report.findings, report.cwd)
