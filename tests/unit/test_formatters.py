"""The CI formats of ``validate``: SARIF, GitHub workflow commands, JUnit XML, GitLab.

Exact outputs for three findings (an error with a related location, a warning in two
environments, an info about no file); every SARIF document is validated against the
official SARIF 2.1.0 schema; fingerprints survive line shifts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from composecheck import __version__
from composecheck.checks import registry
from composecheck.findings import Finding, Related, Severity
from composecheck.formatters.github import as_github, escape_data, escape_property
from composecheck.formatters.gitlab import as_gitlab
from composecheck.formatters.junit import as_junit
from composecheck.formatters.sarif import as_sarif
from tests.conftest import SARIF_SCHEMA

REPO = Path(__file__).resolve().parents[2]
CWD = "/project"
COMPOSE = "/project/stack/compose.yaml"

ERROR = Finding(
    code="CC213",
    name="host-port-conflict",
    severity=Severity.ERROR,
    message="host port 8080 is published by web and db",
    hint="publish a different host port",
    file=COMPOSE,
    line=5,
    column=9,
    service="web",
    environments=("default",),
    related=(Related(COMPOSE, 12, 9, "also published by db"),),
)
WARNING = Finding(
    code="CC403",
    name="unpinned-image",
    severity=Severity.WARNING,
    message="image nginx:latest is not pinned, 100% mutable",
    hint="pin a digest: nginx@sha256:...",
    file=COMPOSE,
    line=8,
    column=12,
    service="web",
    environments=("dev", "prod"),
)
INFO = Finding(
    code="CC501",
    name="unset-variable",
    severity=Severity.INFO,
    message="variable TAG is not set",
    hint="set TAG in .env",
    file=None,
    line=None,
    column=None,
)
FINDINGS = [ERROR, WARNING, INFO]


def sha(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


FP_ERROR = sha("CC213", "stack/compose.yaml", "web", ERROR.message)
FP_WARNING = sha("CC403", "stack/compose.yaml", "web", WARNING.message)
FP_INFO = sha("CC501", "", "", INFO.message)


def shifted(finding: Finding, lines: int) -> Finding:
    return dataclasses.replace(finding, line=(finding.line or 0) + lines, column=1)


# -- SARIF ---------------------------------------------------------------------------------


def _validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        return None
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


VALIDATOR = _validator()


def sarif(findings: list[Finding], cwd: str = CWD) -> dict[str, Any]:
    """as_sarif, parsed, and checked against the official schema when it is present."""
    log: dict[str, Any] = json.loads(as_sarif(findings, cwd))
    if VALIDATOR is not None:
        errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    return log


def _rule_index(code: str) -> int:
    return list(registry()).index(code)


def test_sarif_results_exactly() -> None:
    run = sarif(FINDINGS)["runs"][0]
    located = {
        "physicalLocation": {
            "artifactLocation": {"uri": "stack/compose.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 5, "startColumn": 9},
        }
    }
    assert run["results"] == [
        {
            "ruleId": "CC213",
            "ruleIndex": _rule_index("CC213"),
            "level": "error",
            "message": {
                "text": "host port 8080 is published by web and db\n"
                "hint: publish a different host port"
            },
            "locations": [located],
            "relatedLocations": [
                {
                    "id": 0,
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "stack/compose.yaml",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": 12, "startColumn": 9},
                    },
                    "message": {"text": "also published by db"},
                }
            ],
            "partialFingerprints": {"composecheck/v1": FP_ERROR},
            "properties": {"environments": ["default"], "service": "web"},
        },
        {
            "ruleId": "CC403",
            "ruleIndex": _rule_index("CC403"),
            "level": "warning",
            "message": {
                "text": "image nginx:latest is not pinned, 100% mutable\n"
                "hint: pin a digest: nginx@sha256:..."
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "stack/compose.yaml",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": 8, "startColumn": 12},
                    }
                }
            ],
            "partialFingerprints": {"composecheck/v1": FP_WARNING},
            "properties": {"environments": ["dev", "prod"], "service": "web"},
        },
        {
            "ruleId": "CC501",
            "ruleIndex": _rule_index("CC501"),
            "level": "note",
            "message": {"text": "variable TAG is not set\nhint: set TAG in .env"},
            "partialFingerprints": {"composecheck/v1": FP_INFO},
            "properties": {"environments": []},
        },
    ]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_log_and_driver() -> None:
    log = sarif(FINDINGS)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "composecheck"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(registry())


def test_sarif_one_rule_per_check_with_its_docs() -> None:
    rules = sarif([])["runs"][0]["tool"]["driver"]["rules"]
    headings = set(re.findall(r"^## (CC\d+ \S+)$", (REPO / "docs" / "rules.md").read_text(), re.M))
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for rule, check in zip(rules, registry().values(), strict=True):
        assert rule["id"] == check.code
        assert rule["name"] == check.name
        assert rule["shortDescription"] == {"text": check.summary}
        assert rule["fullDescription"] == {"text": check.doc.what}
        assert rule["defaultConfiguration"] == {"level": levels[check.severity]}
        for section in ("What it does", "Why it matters", "Example", "Use instead", "Options"):
            assert f"{section}:" in rule["help"]["text"]
            assert f"### {section}\n" in rule["help"]["markdown"]
        assert check.doc.example.strip() in rule["help"]["markdown"]
        # The help URI points at the heading docs/rules.md has for this check.
        assert f"{check.code} {check.name}" in headings
        assert rule["helpUri"] == (
            "https://github.com/composecheck/composecheck/blob/main/docs/rules.md"
            f"#{check.code.lower()}-{check.name}"
        )
        assert "compose" in rule["properties"]["tags"]


def test_sarif_security_severity_for_cc4xx_only() -> None:
    rules = {r["id"]: r for r in sarif([])["runs"][0]["tool"]["driver"]["rules"]}
    scores = {
        code: rule["properties"]["security-severity"]
        for code, rule in rules.items()
        if "security-severity" in rule["properties"]
    }
    assert scores == {"CC401": "8.0", "CC402": "5.0", "CC403": "4.0", "CC404": "4.0"}
    for code in scores:
        assert "security" in rules[code]["properties"]["tags"]


def test_sarif_unknown_code_gets_a_rule() -> None:
    odd = dataclasses.replace(INFO, code="CC009", name="future-check", severity=Severity.WARNING)
    run = sarif([odd])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    index = run["results"][0]["ruleIndex"]
    assert index == len(registry())
    assert rules[index]["id"] == "CC009"
    assert rules[index]["name"] == "future-check"


def test_sarif_uris() -> None:
    spaced = dataclasses.replace(ERROR, file="/project/my stack/compose #1.yaml", related=())
    outside = dataclasses.replace(WARNING, file="/elsewhere/compose.yaml")
    results = sarif([spaced, outside])["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "my%20stack/compose%20%231.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///elsewhere/compose.yaml"
    }


def test_sarif_region_only_when_known() -> None:
    no_line = dataclasses.replace(WARNING, line=None, column=None)
    no_column = dataclasses.replace(WARNING, column=None)
    results = sarif([no_line, no_column])["runs"][0]["results"]
    assert "region" not in results[0]["locations"][0]["physicalLocation"]
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 8}


def test_sarif_every_document_matches_the_official_schema() -> None:
    if VALIDATOR is None:
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    # sarif() validates; this also proves the validator rejects a broken log.
    log = sarif(FINDINGS)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(VALIDATOR.iter_errors(log))


# -- fingerprints ----------------------------------------------------------------------------


def _sarif_prints(findings: list[Finding]) -> list[str]:
    results = sarif(findings)["runs"][0]["results"]
    return [r["partialFingerprints"]["composecheck/v1"] for r in results]


def _gitlab_prints(findings: list[Finding]) -> list[str]:
    return [issue["fingerprint"] for issue in json.loads(as_gitlab(findings, CWD))]


@pytest.mark.parametrize("prints", [_sarif_prints, _gitlab_prints])
def test_fingerprints_survive_line_shifts(prints: Any) -> None:
    before = prints(FINDINGS)
    after = prints([shifted(f, 7) for f in FINDINGS])
    assert before == after == [FP_ERROR, FP_WARNING, FP_INFO]
    # ...but not a change of what was found.
    assert prints([dataclasses.replace(ERROR, message="host port 8081 ...")]) != [FP_ERROR]
    assert prints([dataclasses.replace(ERROR, service="db")]) != [FP_ERROR]
    assert prints([dataclasses.replace(ERROR, file="/project/other.yaml")]) != [FP_ERROR]


@pytest.mark.parametrize("prints", [_sarif_prints, _gitlab_prints])
def test_fingerprints_of_identical_findings_differ(prints: Any) -> None:
    twice = [WARNING, shifted(WARNING, 10)]
    assert prints(twice) == [FP_WARNING, f"{FP_WARNING}:2"]


def test_fingerprints_do_not_depend_on_cwd_spelling() -> None:
    moved = [dataclasses.replace(ERROR, file="/elsewhere/stack/compose.yaml", related=())]
    assert _sarif_prints([ERROR]) == [
        json.loads(as_sarif(moved, "/elsewhere"))["runs"][0]["results"][0]["partialFingerprints"][
            "composecheck/v1"
        ]
    ]


# -- GitHub ----------------------------------------------------------------------------------


def test_github_exactly() -> None:
    assert as_github(FINDINGS, CWD) == (
        "::error file=stack/compose.yaml,line=5,col=9,title=CC213 host-port-conflict::"
        "host port 8080 is published by web and db [default]"
        "%0Ahint: publish a different host port"
        "%0Astack/compose.yaml:12:9: also published by db\n"
        "::warning file=stack/compose.yaml,line=8,col=12,title=CC403 unpinned-image::"
        "image nginx:latest is not pinned, 100%25 mutable [dev, prod]"
        "%0Ahint: pin a digest: nginx@sha256:...\n"
        "::notice title=CC501 unset-variable::variable TAG is not set%0Ahint: set TAG in .env\n"
    )


def test_github_empty() -> None:
    assert as_github([], CWD) == ""


def test_github_escapes_data() -> None:
    assert escape_data("50%\r\nnext: a,b") == "50%25%0D%0Anext: a,b"
    # % first: an escape already in the text is not unescaped by the runner.
    assert escape_data("%0A") == "%250A"


def test_github_escapes_properties() -> None:
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github_escapes_file_and_message_in_annotations() -> None:
    odd = Finding(
        code="CC104",
        name="invalid-value",
        severity=Severity.ERROR,
        message="bad value 'a::b'\nsecond line 100%",
        hint="",
        file="/project/a,b:c.yaml",
        line=3,
        column=None,
    )
    assert as_github([odd], CWD) == (
        "::error file=a%2Cb%3Ac.yaml,line=3,title=CC104 invalid-value::"
        "bad value 'a::b'%0Asecond line 100%25\n"
    )
    # Exactly one line per finding, whatever the message holds.
    assert as_github([odd, ERROR], CWD).count("\n") == 2


def test_github_paths_outside_cwd_stay_absolute() -> None:
    outside = dataclasses.replace(WARNING, file="/elsewhere/compose.yaml")
    assert as_github([outside], CWD).startswith(
        "::warning file=/elsewhere/compose.yaml,line=8,col=12,"
    )


# -- JUnit -----------------------------------------------------------------------------------


def test_junit_exactly() -> None:
    checks = [registry()[code] for code in ("CC213", "CC301", "CC403")]
    assert as_junit(FINDINGS, CWD, checks) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="composecheck" tests="4" failures="3" errors="0">\n'
        '  <testsuite name="composecheck" tests="4" failures="3" errors="0" skipped="0">\n'
        '    <testcase classname="composecheck.CC213" name="CC213 host-port-conflict">\n'
        '      <failure type="error" message="CC213 host-port-conflict: 1 finding">'
        "stack/compose.yaml:5:9: host port 8080 is published by web and db [default]\n"
        "  hint: publish a different host port\n"
        "</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="composecheck.CC301" name="CC301 missing-memory-limit" />\n'
        '    <testcase classname="composecheck.CC403" name="CC403 unpinned-image">\n'
        '      <failure type="warning" message="CC403 unpinned-image: 1 finding">'
        "stack/compose.yaml:8:12: image nginx:latest is not pinned, 100% mutable [dev, prod]\n"
        "  hint: pin a digest: nginx@sha256:...\n"
        "</failure>\n"
        "    </testcase>\n"
        # CC501 is not among the checks given: its finding still gets a test case.
        '    <testcase classname="composecheck.CC501" name="CC501 unset-variable">\n'
        '      <failure type="info" message="CC501 unset-variable: 1 finding">'
        "-:1:1: variable TAG is not set\n"
        "  hint: set TAG in .env\n"
        "</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_one_case_per_registered_check() -> None:
    two = [WARNING, shifted(dataclasses.replace(WARNING, severity=Severity.ERROR), 3)]
    root = ET.fromstring(as_junit(two, CWD, registry().values()).encode("utf-8"))
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == [f"composecheck.{c}" for c in registry()]
    assert suite.get("tests") == str(len(registry()))
    assert suite.get("failures") == "1"
    (failure,) = suite.findall("testcase/failure")
    assert failure.get("type") == "error"  # the worst of its findings
    assert failure.get("message") == "CC403 unpinned-image: 2 findings"
    assert (failure.text or "").count("stack/compose.yaml:") == 2


def test_junit_no_findings_no_failures() -> None:
    root = ET.fromstring(as_junit([], CWD, registry().values()).encode("utf-8"))
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []


def test_junit_is_well_formed_whatever_the_message() -> None:
    nasty = dataclasses.replace(
        ERROR, message='<b> & "q" \x1b[31m\x00 ]]> é', hint="a\x0bb", related=()
    )
    out = as_junit([nasty], CWD, [])
    root = ET.fromstring(out.encode("utf-8"))
    text = root.find(".//failure").text  # type: ignore[union-attr]
    assert text is not None
    assert '<b> & "q" \ufffd[31m\ufffd ]]> é' in text
    assert "a\ufffdb" in text


# -- GitLab ----------------------------------------------------------------------------------


def test_gitlab_exactly() -> None:
    assert json.loads(as_gitlab(FINDINGS, CWD)) == [
        {
            "description": "host port 8080 is published by web and db [default]",
            "check_name": "CC213",
            "fingerprint": FP_ERROR,
            "severity": "major",
            "location": {"path": "stack/compose.yaml", "lines": {"begin": 5}},
            "content": {
                "body": "CC213 host-port-conflict: host port 8080 is published by web and db\n"
                "hint: publish a different host port"
            },
        },
        {
            "description": "image nginx:latest is not pinned, 100% mutable [dev, prod]",
            "check_name": "CC403",
            "fingerprint": FP_WARNING,
            "severity": "minor",
            "location": {"path": "stack/compose.yaml", "lines": {"begin": 8}},
            "content": {
                "body": "CC403 unpinned-image: image nginx:latest is not pinned, 100% mutable\n"
                "hint: pin a digest: nginx@sha256:..."
            },
        },
        {
            "description": "variable TAG is not set",
            "check_name": "CC501",
            "fingerprint": FP_INFO,
            "severity": "info",
            "location": {"path": "", "lines": {"begin": 1}},
            "content": {
                "body": "CC501 unset-variable: variable TAG is not set\nhint: set TAG in .env"
            },
        },
    ]


def test_gitlab_empty_is_an_empty_list() -> None:
    assert as_gitlab([], CWD) == "[]\n"


def test_every_format_is_registered_under_its_own_name() -> None:
    """The registry lists each format once; each renders what its function renders."""
    from composecheck.formatters import FORMATS, formatter
    from composecheck.formatters.base import Formatter, ReportInput

    assert list(FORMATS) == ["text", "json", "sarif", "github", "junit", "gitlab"]
    report = ReportInput((ERROR, WARNING, INFO), CWD, stacks=("/project/stack",))
    for name in FORMATS:
        found = formatter(name)
        assert isinstance(found, Formatter)
        assert found.name == name
        assert found.render(report).endswith("\n")
    assert formatter("sarif").render(report) == as_sarif(report.findings, CWD)
    assert formatter("github").render(report) == as_github(report.findings, CWD)
    assert formatter("gitlab").render(report) == as_gitlab(report.findings, CWD)
    checks = list(registry().values())
    assert formatter("junit").render(report) == as_junit(
        report.findings, CWD, checks, None, report.stacks
    )
    registered = {type(formatter(name)) for name in FORMATS}
    assert set(_subclasses(Formatter)) == registered


def _subclasses(cls: type) -> list[type]:
    out: list[type] = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out
