"""JUnit XML: each check is a test case that fails when it found something."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from composecheck.findings import Finding, Held
from composecheck.formatters.base import Formatter, ReportInput
from composecheck.identity import relative_file

if TYPE_CHECKING:
    from composecheck.checks import Check

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(finding: Finding, cwd: str) -> str:
    where = relative_file(finding.file, cwd) if finding.file else "-"
    text = f"{where}:{finding.line or 1}:{finding.column or 1}: {finding.message}"
    if finding.environments:
        text += f" [{', '.join(finding.environments)}]"
    if finding.hint:
        text += f"\n  hint: {finding.hint}"
    return text


def as_junit(
    findings: Sequence[Finding],
    cwd: str,
    checks: Iterable[Check],
    held: Held | None = None,
    stacks: Sequence[str] = (),
) -> str:
    """One ``<testsuite>`` per stack (named by its path), one ``<testcase>`` per check in
    ``checks`` (``registry().values()``) in each; a check with findings fails, listing
    them. Without ``stacks``, one suite named ``composecheck`` holds every finding."""
    checks = list(checks)
    names = [relative_file(stack, cwd) for stack in stacks] or ["composecheck"]
    per_suite: dict[str, list[Finding]] = {name: [] for name in names}
    for finding in findings:
        suite_name = relative_file(finding.stack, cwd) if finding.stack and stacks else names[0]
        per_suite.setdefault(suite_name, []).append(finding)
    suites: list[ET.Element] = []
    total_tests = total_failures = 0
    for suite_name, found in per_suite.items():
        suite = _suite(suite_name, found, cwd, checks)
        total_tests += int(suite.get("tests", "0"))
        total_failures += int(suite.get("failures", "0"))
        suites.append(suite)
    root = ET.Element(
        "testsuites",
        {
            "name": "composecheck",
            "tests": str(total_tests),
            "failures": str(total_failures),
            "errors": "0",
        },
    )
    if held is not None and (held.suppressed or held.baseline is not None):
        # Held-back findings pass; the counts say how many there were.
        properties = ET.Element("properties")
        values = [("composecheck.suppressed", len(held.suppressed))]
        if held.baseline is not None:
            values += [
                ("composecheck.baselined", len(held.baselined)),
                ("composecheck.baseline-fixed", held.fixed),
            ]
        for name, value in values:
            ET.SubElement(properties, "property", {"name": name, "value": str(value)})
        suites[0].insert(0, properties)
    root.extend(suites)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suite(name: str, findings: Sequence[Finding], cwd: str, checks: list[Check]) -> ET.Element:
    cases: dict[str, tuple[str, list[Finding]]] = {check.code: (check.name, []) for check in checks}
    for finding in findings:  # a code no check declares still gets its test case
        cases.setdefault(finding.code, (finding.name, []))[1].append(finding)
    failures = sum(1 for _, found in cases.values() if found)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    suite = ET.Element("testsuite", {"name": name, **counts, "skipped": "0"})
    for code, (check_name, found) in cases.items():
        case = ET.SubElement(
            suite, "testcase", {"classname": f"composecheck.{code}", "name": f"{code} {check_name}"}
        )
        if not found:
            continue
        worst = max(f.severity for f in found)
        many = f"{len(found)} finding{'s' if len(found) != 1 else ''}"
        failure = ET.SubElement(
            case,
            "failure",
            {"type": worst.label, "message": _xml_text(f"{code} {check_name}: {many}")},
        )
        failure.text = _xml_text("\n".join(_line(f, cwd) for f in found) + "\n")
    return suite


class JunitFormatter(Formatter):
    name = "junit"

    def render(self, report: ReportInput) -> str:
        from composecheck.checks import registry

        checks = list(registry().values())
        return as_junit(report.findings, report.cwd, checks, report.held, report.stacks)
