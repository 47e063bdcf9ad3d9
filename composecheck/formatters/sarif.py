"""SARIF 2.1.0 for code scanning: one run, one rule per registered check.

Results carry ``partialFingerprints`` that do not depend on line numbers, so a finding
keeps its identity when lines above it move (:func:`composecheck.identity.fingerprints`,
which the GitLab report and the baseline use too).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from composecheck.findings import Finding, Held, Related, Severity
from composecheck.formatters.base import Formatter, ReportInput
from composecheck.identity import fingerprints, relative_file

if TYPE_CHECKING:
    from composecheck.checks import Check

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/composecheck/composecheck"
RULES_URI = "https://github.com/composecheck/composecheck/blob/main/docs/rules.md"
FINGERPRINT_KEY = "composecheck/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: GitHub code scanning ranks security alerts by this score (0.0 to 10.0).
SECURITY_SEVERITY = {"CC401": "8.0", "CC402": "5.0", "CC403": "4.0", "CC404": "4.0"}
_CATEGORIES = {
    "0": "composecheck",
    "1": "syntax",
    "2": "references",
    "3": "runtime",
    "4": "security",
    "5": "environment",
}


def full_message(finding: Finding) -> str:
    """The message, then the hint on its own line."""
    return f"{finding.message}\nhint: {finding.hint}" if finding.hint else finding.message


def rule_anchor(code: str, name: str) -> str:
    """The docs/rules.md URL of a check (GitHub's anchor for ``## CODE name``)."""
    return f"{RULES_URI}#{code.lower()}-{name.lower()}"


def as_sarif(findings: Sequence[Finding], cwd: str, held: Held | None = None) -> str:
    """The SARIF 2.1.0 log of ``findings`` (paths relative to ``cwd``, as ``%SRCROOT%``).

    Findings ``held`` back are results too, marked with their suppression: inline
    ignores as ``inSource`` with the reason, baselined findings as ``external``. With a
    baseline in use, every result says whether it is new or was already known.
    """
    if held is not None:
        findings = sorted([*findings, *held.suppressed, *held.baselined], key=Finding.sort_key)
    baseline_state = held is not None and held.baseline is not None
    from composecheck import __version__
    from composecheck.checks import registry

    rules = [_rule(check) for check in registry().values()]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    for finding in findings:  # a code no check declares still gets a rule
        if finding.code not in index:
            index[finding.code] = len(rules)
            rules.append(_bare_rule(finding))
    prints = fingerprints(findings, cwd)
    results = [
        _result(finding, index[finding.code], fingerprint, cwd, baseline_state=baseline_state)
        for finding, fingerprint in zip(findings, prints, strict=True)
    ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "composecheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


def _tags(code: str) -> list[str]:
    category = _CATEGORIES.get(code[2:3], "composecheck")
    return ["security", "compose"] if category == "security" else [category, "compose"]


def _rule(check: Check) -> dict[str, Any]:
    doc = check.doc
    sections = [
        ("What it does", doc.what, False),
        ("Why it matters", doc.why, False),
        ("Example", doc.example, True),
        ("Use instead", doc.use_instead, True),
        ("Options", doc.options, False),
    ]
    text = "\n\n".join(
        f"{title}:\n{body.strip(chr(10))}" if is_yaml else f"{title}: {body}"
        for title, body, is_yaml in sections
    )
    markdown = "\n\n".join(
        f"### {title}\n\n" + (f"```yaml\n{body.strip(chr(10))}\n```" if is_yaml else body)
        for title, body, is_yaml in sections
    )
    properties: dict[str, Any] = {"tags": _tags(check.code)}
    if check.code in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[check.code]
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": doc.what},
        "help": {"text": text, "markdown": markdown},
        "helpUri": rule_anchor(check.code, check.name),
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": properties,
    }


def _bare_rule(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": _tags(finding.code)},
    }


def _artifact(path: str, cwd: str) -> dict[str, str]:
    shown = relative_file(path, cwd)
    if os.path.isabs(shown):  # outside the working directory: an absolute file URI
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}


def _physical(path: str, line: int | None, column: int | None, cwd: str) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": _artifact(path, cwd)}
    if line:
        region: dict[str, int] = {"startLine": line}
        if column:
            region["startColumn"] = column
        location["region"] = region
    return location


def _related(i: int, related: Related, cwd: str) -> dict[str, Any]:
    return {
        "id": i,
        "physicalLocation": _physical(related.file, related.line, related.column, cwd),
        "message": {"text": related.message},
    }


def _result(
    finding: Finding, rule_index: int, fingerprint: str, cwd: str, *, baseline_state: bool
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": full_message(finding)},
    }
    if finding.file:
        result["locations"] = [
            {"physicalLocation": _physical(finding.file, finding.line, finding.column, cwd)}
        ]
    if finding.related:
        result["relatedLocations"] = [
            _related(i, related, cwd) for i, related in enumerate(finding.related)
        ]
    if finding.suppression is not None:
        suppression: dict[str, Any] = {
            "kind": finding.suppression.kind,
            "status": "accepted",
            "justification": finding.suppression.justification,
        }
        if finding.suppression.loc is not None:
            loc = finding.suppression.loc
            suppression["location"] = {
                "physicalLocation": _physical(loc.file, loc.line, loc.col, cwd)
            }
        result["suppressions"] = [suppression]
    if baseline_state:
        known = finding.suppression is not None and finding.suppression.kind == "external"
        result["baselineState"] = "unchanged" if known else "new"
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    properties: dict[str, Any] = {"environments": list(finding.environments)}
    if finding.service:
        properties["service"] = finding.service
    result["properties"] = properties
    return result


class SarifFormatter(Formatter):
    name = "sarif"

    def render(self, report: ReportInput) -> str:
        return as_sarif(report.findings, report.cwd, report.held)
