"""`composecheck baseline`, `validate --baseline` / `--no-baseline` in every format, and
`validate --changed-since` in a git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from composecheck.cli import main
from composecheck.findings import Finding, Severity
from composecheck.identity import fingerprints

REPO = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = (
    Path(__file__).resolve().parents[3] / "shared/reference/sarif/sarif-schema-2.1.0.json"
)
BASELINE = ".composecheck-baseline.json"
# Git must not read the machine's configuration nor find a repository above tmp_path;
# its messages must be in English.
ENV: dict[str, str | None] = {
    "HOME": "/home/test",
    "GITHUB_ACTIONS": None,
    "LC_ALL": "C",
    "LANGUAGE": None,
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}

STACK = (
    "services:\n"
    "  web:\n"
    "    image: nginx:latest\n"
    "    depends_on: [db]\n"
    "  api:\n"
    "    image: nginx:latest\n"
)
UNDEFINED_DB = 'service "web" refers to undefined service "db" in depends_on'


def latest_message(service: str) -> str:
    return (
        f'service "{service}" uses image "nginx:latest": the latest tag changes whenever a '
        "new version is pushed"
    )


def latest_line(file: str, line: int, service: str) -> list[str]:
    """The two lines of the text report for a CC403 finding on ``nginx:latest``."""
    return [
        f"{file}:{line}:12: CC403 warning {latest_message(service)} [default]",
        "  hint: pin a version: nginx:<version>, or a digest: nginx:<version>@sha256:<digest>",
    ]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=ENV, catch_exceptions=False)


def write(folder: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def finding(code: str, file: Path, service: str, message: str) -> Finding:
    """A finding with what a fingerprint is made of (the rest does not count)."""
    return Finding(code, "", Severity.ERROR, message, "", str(file), 1, 1, service=service)


def entry(fingerprint: str, code: str, name: str, file: str, service: str) -> dict[str, str]:
    return {
        "fingerprint": fingerprint,
        "code": code,
        "name": name,
        "file": file,
        "service": service,
    }


def expected_baseline(root: Path, compose: Path) -> dict[str, Any]:
    """The baseline of STACK at ``compose``, written into ``root``."""
    file = compose.relative_to(root).as_posix()
    undefined, web, api = fingerprints(
        [
            finding("CC201", compose, "web", UNDEFINED_DB),
            finding("CC403", compose, "web", latest_message("web")),
            finding("CC403", compose, "api", latest_message("api")),
        ],
        str(root),
    )
    return {
        "version": 1,
        "tool": "composecheck",
        "findings": [
            entry(undefined, "CC201", "undefined-service", file, "web"),
            entry(api, "CC403", "unpinned-image", file, "api"),
            entry(web, "CC403", "unpinned-image", file, "web"),
        ],
    }


@pytest.fixture
def baselined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """STACK in tmp_path (the working directory), its baseline written."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"compose.yaml": STACK})
    result = invoke("baseline")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"3 findings written to {BASELINE}\n",
        "",
    )
    return tmp_path


# -- composecheck baseline --------------------------------------------------------------


def test_baseline_writes_fingerprints_without_lines(baselined: Path) -> None:
    text = (baselined / BASELINE).read_text()
    expected = expected_baseline(baselined, baselined / "compose.yaml")
    assert json.loads(text) == expected
    assert text == json.dumps(expected, indent=2) + "\n"
    assert '"line"' not in text
    assert "nginx" not in text


def test_baseline_to_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: nginx:latest\n"})
    result = invoke("baseline", "-o", "known.json")
    assert (result.exit_code, result.stdout) == (0, "1 finding written to known.json\n")
    assert not (tmp_path / BASELINE).exists()
    assert [e["code"] for e in json.loads((tmp_path / "known.json").read_text())["findings"]] == [
        "CC403"
    ]


def test_baseline_of_a_clean_stack_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n"})
    result = invoke("baseline")
    assert (result.exit_code, result.stdout) == (0, f"0 findings written to {BASELINE}\n")
    assert json.loads((tmp_path / BASELINE).read_text()) == {
        "version": 1,
        "tool": "composecheck",
        "findings": [],
    }


def test_baseline_leaves_out_inline_ignored_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {"compose.yaml": STACK.replace("[db]", "[db]  # composecheck: ignore[CC201] external")},
    )
    result = invoke("baseline")
    assert (result.exit_code, result.stdout) == (0, f"2 findings written to {BASELINE}\n")
    doc = json.loads((tmp_path / BASELINE).read_text())
    assert [(e["code"], e["service"]) for e in doc["findings"]] == [
        ("CC403", "api"),
        ("CC403", "web"),
    ]


def test_baseline_input_error_exits_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("baseline", "nope")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"open {tmp_path}/nope: no such file or directory\n"
    assert not (tmp_path / BASELINE).exists()


# -- validate --baseline ----------------------------------------------------------------


def test_validate_reports_nothing_the_baseline_knows(baselined: Path) -> None:
    result = invoke("validate", "--baseline", BASELINE)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
        "",
    )


def test_baselined_findings_survive_a_line_shift(baselined: Path) -> None:
    compose = baselined / "compose.yaml"
    compose.write_text("x-owner: platform\nx-tier: 2\n# moved down three lines\n" + STACK)
    result = invoke("validate", "--baseline", BASELINE)
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )


def test_only_a_new_finding_is_reported(baselined: Path) -> None:
    (baselined / "compose.yaml").write_text(
        STACK + "  worker:\n    image: nginx:1.27.3\n    depends_on: [cache]\n"
    )
    result = invoke("validate", "--baseline", BASELINE)
    assert result.exit_code == 1
    assert result.stdout == "\n".join(
        [
            'compose.yaml:9:18: CC201 error service "worker" refers to undefined service '
            '"cache" in depends_on [default]',
            "  hint: define a service named 'cache' or remove the reference",
            "",
            "Found 1 problem (1 error, 0 warnings, 0 info).",
            "Not reported: 3 in the baseline.",
            "",
        ]
    )


def test_the_same_finding_in_another_service_is_new(baselined: Path) -> None:
    (baselined / "compose.yaml").write_text(STACK + "  admin:\n    image: nginx:latest\n")
    result = invoke("validate", "--baseline", BASELINE, "--fail-on", "warning")
    assert result.exit_code == 1
    assert result.stdout == "\n".join(
        [
            *latest_line("compose.yaml", 8, "admin"),
            "",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
            "Not reported: 3 in the baseline.",
            "",
        ]
    )


def test_fixed_baseline_entries_are_counted(baselined: Path) -> None:
    compose = baselined / "compose.yaml"
    compose.write_text(STACK.replace("    depends_on: [db]\n", ""))
    result = invoke("validate", "--baseline", BASELINE)
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 2 in the baseline, 1 baseline entry fixed.\n",
    )
    compose.write_text(STACK.replace("nginx:latest", "nginx:1.27.3"))
    result = invoke("validate", "--baseline", BASELINE)
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 1 in the baseline, 2 baseline entries fixed.\n",
    )
    # Writing the baseline again drops the fixed entries.
    assert invoke("baseline").stdout == f"1 finding written to {BASELINE}\n"
    result = invoke("validate", "--baseline", BASELINE)
    assert result.stdout == "No problems found.\nNot reported: 1 in the baseline.\n"


def test_no_baseline_reports_everything(baselined: Path) -> None:
    result = invoke("validate", "--baseline", BASELINE, "--no-baseline")
    assert result.exit_code == 1
    assert result.stdout == "\n".join(
        [
            *latest_line("compose.yaml", 3, "web"),
            f"compose.yaml:4:18: CC201 error {UNDEFINED_DB} [default]",
            "  hint: define a service named 'db' or remove the reference",
            *latest_line("compose.yaml", 6, "api"),
            "",
            "Found 3 problems (1 error, 2 warnings, 0 info).",
            "",
        ]
    )


def test_the_baseline_never_holds_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    values = ["s3cr3t-Pa55word!x", "Zq8vL2mNp4rTx7Kw9BjH", "Hx7-Qm2_Rt9!Lp4Vz"]
    write(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  db:\n"
                "    image: postgres:16.4\n"
                "    environment:\n"
                f"      POSTGRES_PASSWORD: {values[0]}\n"
                f"      API_TOKEN: {values[1]}\n"
                "      SECRET_KEY: ${SECRET_KEY}\n"
            ),
            ".env": f"SECRET_KEY={values[2]}\n",
        },
    )
    # The values are what CC401 reports...
    shown = invoke("validate", "--select", "CC401", "--format", "json")
    assert [(f["code"], f["file"], f["line"]) for f in json.loads(shown.stdout)["findings"]] == [
        ("CC401", ".env", 1),
        ("CC401", "compose.yaml", 5),
        ("CC401", "compose.yaml", 6),
    ]
    result = invoke("baseline")
    assert (result.exit_code, result.stdout) == (0, f"3 findings written to {BASELINE}\n")
    text = (tmp_path / BASELINE).read_text()
    assert [e["code"] for e in json.loads(text)["findings"]] == ["CC401"] * 3
    # ...and no part of them is in the baseline.
    leaked = {
        value[i:j]
        for value in values
        for i in range(len(value))
        for j in range(i + 6, len(value) + 1)
        if value[i:j] in text
    }
    assert leaked == set()
    # The baseline holds them back all the same.
    result = invoke("validate", "--baseline", BASELINE)
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )


# -- the configured baseline ------------------------------------------------------------


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """STACK with `baseline = "ci/baseline.json"` in .composecheck.toml."""
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "compose.yaml": STACK,
            ".composecheck.toml": 'baseline = "ci/baseline.json"\n',
            "ci/README": "CI files\n",
        },
    )
    return tmp_path


def test_configured_baseline_is_written_and_used(configured: Path) -> None:
    result = invoke("baseline")
    # Printed relative to the working directory, like the default name.
    assert (result.exit_code, result.stdout) == (0, "3 findings written to ci/baseline.json\n")
    assert not (configured / BASELINE).exists()
    doc = json.loads((configured / "ci/baseline.json").read_text())
    assert [(e["code"], e["service"]) for e in doc["findings"]] == [
        ("CC201", "web"),
        ("CC403", "api"),
        ("CC403", "web"),
    ]
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )
    result = invoke("validate", "--no-baseline")
    assert result.exit_code == 1
    assert result.stdout.endswith("\nFound 3 problems (1 error, 2 warnings, 0 info).\n")


def test_baseline_option_replaces_the_configured_one(configured: Path) -> None:
    assert invoke("baseline", "-o", "mine.json").exit_code == 0
    assert not (configured / "ci/baseline.json").exists()
    result = invoke("validate", "--baseline", "mine.json")
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )


def test_configured_baseline_is_used_from_a_subfolder(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("baseline").exit_code == 0
    monkeypatch.chdir(configured / "ci")
    result = invoke("validate", "..")
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )


def test_missing_configured_baseline_exits_two(configured: Path) -> None:
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"open {configured}/ci/baseline.json: no such file or directory\n"
        "  hint: write one with `composecheck baseline`\n"
    )


def test_missing_baseline_option_file_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"compose.yaml": STACK})
    result = invoke("validate", "--baseline", "nope.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"open {tmp_path}/nope.json: no such file or directory\n"
        "  hint: write one with `composecheck baseline`\n"
    )


def test_baseline_into_a_missing_folder_creates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"compose.yaml": STACK, ".composecheck.toml": 'baseline = "ci/b.json"\n'})
    result = invoke("baseline")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "3 findings written to ci/b.json\n",
        "",
    )
    assert (tmp_path / "ci" / "b.json").is_file()


def test_baseline_that_cannot_be_written_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"compose.yaml": STACK, "ci": "a file, not a folder\n"})
    result = invoke("baseline", "-o", "ci/b.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "composecheck: cannot write ci/b.json: File exists\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("not json\n", "{path}:1:1: invalid baseline: Expecting value", id="not JSON"),
        pytest.param(
            '{"version": 1, "findings": [\n',
            "{path}:2:1: invalid baseline: Expecting value",
            id="truncated",
        ),
        pytest.param(
            '{"version": 2, "tool": "composecheck", "findings": []}\n',
            "{path}:1:1: {path} is not a composecheck baseline (version 1)",
            id="wrong version",
        ),
        pytest.param(
            '{"tool": "composecheck", "findings": []}\n',
            "{path}:1:1: {path} is not a composecheck baseline (version 1)",
            id="no version",
        ),
        pytest.param(
            '{"version": 1, "findings": [{"code": "CC403"}]}\n',
            "{path}:1:1: {path} is not a composecheck baseline (version 1)",
            id="entry without fingerprint",
        ),
        pytest.param(
            "[]\n",
            "{path}:1:1: {path} is not a composecheck baseline (version 1)",
            id="a list",
        ),
    ],
)
def test_corrupt_baseline_exits_two(configured: Path, content: str, message: str) -> None:
    path = configured / "ci/baseline.json"
    path.write_text(content)
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        message.format(path=path) + "\n  hint: write it again with `composecheck baseline`\n"
    )


def test_a_baseline_in_a_sibling_folder_matches_in_another_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first"
    write(first, {"compose.yaml": STACK, ".composecheck.toml": 'baseline = "ci/b.json"\n'})
    (first / "ci").mkdir()
    monkeypatch.chdir(first)
    assert invoke("baseline").exit_code == 0
    doc = json.loads((first / "ci/b.json").read_text())
    # Actual: "file" is f"{first}/compose.yaml".
    assert {e["file"] for e in doc["findings"]} == {"../compose.yaml"}
    second = tmp_path / "second"
    shutil.copytree(first, second)
    monkeypatch.chdir(second)
    result = invoke("validate")
    # Actual: all 3 findings reported, and "0 in the baseline, 3 baseline entries fixed".
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )


# -- paths relative to the baseline's folder --------------------------------------------


@pytest.fixture
def monorepo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """STACK in tmp_path/app, its baseline written from tmp_path (`baseline app`)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app/compose.yaml": STACK, "tools/README": "scripts\n"})
    result = invoke("baseline", "app")
    assert (result.exit_code, result.stdout) == (0, f"3 findings written to {BASELINE}\n")
    return tmp_path


def test_baseline_paths_are_relative_to_its_folder(monorepo: Path) -> None:
    doc = json.loads((monorepo / BASELINE).read_text())
    assert doc == expected_baseline(monorepo, monorepo / "app/compose.yaml")
    assert {e["file"] for e in doc["findings"]} == {"app/compose.yaml"}


@pytest.mark.parametrize(("where", "path"), [("tools", "../app"), ("app", "."), (".", "app")])
def test_baseline_matches_from_any_working_directory(
    monorepo: Path, where: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(monorepo / where)
    baseline = os.path.relpath(monorepo / BASELINE)
    result = invoke("validate", "--baseline", baseline, path)
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 3 in the baseline.\n",
    )


def test_baseline_written_from_a_subfolder_matches_from_the_top(
    monorepo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(monorepo / "app")
    result = invoke("baseline", "-o", "../from-app.json")
    assert (result.exit_code, result.stdout) == (0, "3 findings written to ../from-app.json\n")
    assert json.loads((monorepo / "from-app.json").read_text()) == json.loads(
        (monorepo / BASELINE).read_text()
    )
    monkeypatch.chdir(monorepo)
    result = invoke("validate", "--baseline", "from-app.json", "app")
    assert result.stdout == "No problems found.\nNot reported: 3 in the baseline.\n"


# -- every format with a baseline -------------------------------------------------------

# After the baseline of STACK: web's CC201 is fixed, a new CC201 in worker, an inline
# ignore in quiet, the two CC403 of the baseline still there.
MIXED = (
    "services:\n"
    "  web:\n"
    "    image: nginx:latest\n"
    "  api:\n"
    "    image: nginx:latest\n"
    "  worker:\n"
    "    image: nginx:1.27.3\n"
    "    depends_on: [cache]\n"
    "  quiet:\n"
    "    image: nginx:latest  # composecheck: ignore[CC403] a scratch container\n"
)
NEW_CC201 = 'service "worker" refers to undefined service "cache" in depends_on'


@pytest.fixture
def mixed(baselined: Path) -> Path:
    (baselined / "compose.yaml").write_text(MIXED)
    return baselined


def test_text_report_with_everything_held(mixed: Path) -> None:
    result = invoke("validate", "--baseline", BASELINE, "--format", "text")
    assert result.exit_code == 1
    assert result.stdout == "\n".join(
        [
            f"compose.yaml:8:18: CC201 error {NEW_CC201} [default]",
            "  hint: define a service named 'cache' or remove the reference",
            "",
            "Found 1 problem (1 error, 0 warnings, 0 info).",
            "Not reported: 1 suppressed inline, 2 in the baseline, 1 baseline entry fixed.",
            "",
        ]
    )


def test_json_report_with_a_baseline(mixed: Path) -> None:
    result = invoke("validate", "--baseline", BASELINE, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(doc, schema)
    assert [(f["code"], f["service"], f["line"]) for f in doc["findings"]] == [
        ("CC201", "worker", 8)
    ]
    assert doc["summary"] == {
        "error": 1,
        "warning": 0,
        "info": 0,
        "suppressed": 1,
        "baselined": 2,
        "fixed": 1,
    }
    assert [(f["code"], f["service"], f["line"], f["suppression"]) for f in doc["suppressed"]] == [
        ("CC403", "quiet", 10, {"kind": "inline", "reason": "a scratch container"}),
        ("CC403", "web", 3, {"kind": "baseline", "reason": f"in the baseline {BASELINE}"}),
        ("CC403", "api", 5, {"kind": "baseline", "reason": f"in the baseline {BASELINE}"}),
    ]
    assert "suppression" not in doc["findings"][0]


def test_json_report_without_a_baseline_has_no_baseline_counts(mixed: Path) -> None:
    result = invoke("validate", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["summary"] == {"error": 1, "warning": 2, "info": 0, "suppressed": 1}
    assert [f["service"] for f in doc["suppressed"]] == ["quiet"]


def test_sarif_report_with_a_baseline(mixed: Path) -> None:
    result = invoke("validate", "--baseline", BASELINE, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    results = log["runs"][0]["results"]
    external = {
        "kind": "external",
        "status": "accepted",
        "justification": f"in the baseline {BASELINE}",
    }
    inline = {
        "kind": "inSource",
        "status": "accepted",
        "justification": "a scratch container",
        "location": {
            "physicalLocation": {
                "artifactLocation": {"uri": "compose.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 10, "startColumn": 26},
            }
        },
    }
    assert [
        (
            r["ruleId"],
            r["properties"]["service"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["baselineState"],
            r.get("suppressions"),
        )
        for r in results
    ] == [
        ("CC403", "web", 3, "unchanged", [external]),
        ("CC403", "api", 5, "unchanged", [external]),
        ("CC201", "worker", 8, "new", None),
        ("CC403", "quiet", 10, "new", [inline]),
    ]
    # The baseline stores the fingerprints SARIF reports.
    stored = {e["fingerprint"] for e in json.loads((mixed / BASELINE).read_text())["findings"]}
    prints = [r["partialFingerprints"]["composecheck/v1"] for r in results]
    assert [p in stored for p in prints] == [True, True, False, False]
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)
    assert [e.message for e in validator(schema).iter_errors(log)] == []


def test_junit_report_with_a_baseline(mixed: Path) -> None:
    result = invoke("validate", "--baseline", BASELINE, "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    suites = root.findall("testsuite")
    assert len(suites) == 1
    properties = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert properties == {
        "composecheck.suppressed": "1",
        "composecheck.baselined": "2",
        "composecheck.baseline-fixed": "1",
    }
    failed = [case.get("name") for case in suites[0].iter("testcase") if len(case)]
    assert failed == ["CC201 undefined-service"]
    failure = suites[0].find("testcase/failure")
    assert failure is not None
    assert failure.text == (
        f"compose.yaml:8:18: {NEW_CC201} [default]\n"
        "  hint: define a service named 'cache' or remove the reference\n"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_output_file_summary_line(mixed: Path, fmt: str) -> None:
    result = invoke("validate", "--baseline", BASELINE, "--format", fmt, "-o", "report.out")
    assert result.exit_code == 1
    assert result.stdout == (
        "1 finding (1 error, 0 warnings, 0 info); not reported: 1 suppressed inline, "
        "2 in the baseline, 1 baseline entry fixed; report written to report.out\n"
    )
    assert "CC201" in (mixed / "report.out").read_text()


def test_output_file_summary_line_without_held_findings(baselined: Path) -> None:
    result = invoke("validate", "--no-baseline", "-o", "report.txt")
    assert result.exit_code == 1
    assert result.stdout == (
        "3 findings (1 error, 2 warnings, 0 info); report written to report.txt\n"
    )


# -- --changed-since --------------------------------------------------------------------

SMALL = "services:\n  web:\n    image: nginx:latest\n    environment:\n      MODE: ${MODE}\n"


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=t@e", "-c", "user.name=t", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        env={**os.environ, **{k: v for k, v in ENV.items() if v is not None}},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two committed stacks, a/ and b/, each with one CC403 finding and a .env file."""
    monkeypatch.chdir(tmp_path)
    for stack in ("a", "b"):
        write(tmp_path, {f"{stack}/compose.yaml": SMALL, f"{stack}/.env": "MODE=dev\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two stacks")
    return tmp_path


def only(stack: str) -> str:
    """The text report of one stack's finding."""
    return "\n".join(
        [
            *latest_line(f"{stack}/compose.yaml", 3, "web"),
            "",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
            "",
        ]
    )


ONE_UNCHANGED = "composecheck: 1 stack unchanged since HEAD, not checked\n"


def test_changed_compose_file(repo: Path) -> None:
    with (repo / "a/compose.yaml").open("a") as handle:
        handle.write("# reviewed\n")
    result = invoke("validate", "--changed-since", "HEAD", "a", "b")
    assert (result.exit_code, result.stdout, result.stderr) == (0, only("a"), ONE_UNCHANGED)


def test_changed_env_file(repo: Path) -> None:
    (repo / "a/.env").write_text("MODE=test\n")
    result = invoke("validate", "--changed-since", "HEAD", "a", "b")
    assert (result.exit_code, result.stdout, result.stderr) == (0, only("a"), ONE_UNCHANGED)


def test_committed_change_on_a_branch(repo: Path) -> None:
    git(repo, "branch", "-q", "base")
    (repo / "b/.env").write_text("MODE=test\n")
    git(repo, "commit", "-q", "-am", "b changed")
    result = invoke("validate", "--changed-since", "base", "a", "b")
    assert (result.exit_code, result.stdout) == (0, only("b"))
    assert result.stderr == "composecheck: 1 stack unchanged since base, not checked\n"


def test_changes_on_the_ref_s_side_do_not_count(repo: Path) -> None:
    # Since the merge base: what `base` changed after the branch point is not ours.
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "a/.env").write_text("MODE=feature\n")
    git(repo, "commit", "-q", "-am", "a changed on feature")
    git(repo, "checkout", "-q", "-b", "base", "HEAD~1")
    (repo / "b/.env").write_text("MODE=base\n")
    git(repo, "commit", "-q", "-am", "b changed on base")
    git(repo, "checkout", "-q", "feature")
    result = invoke("validate", "--changed-since", "base", "a", "b")
    assert (result.exit_code, result.stdout) == (0, only("a"))


def test_untracked_file_the_stack_reads(repo: Path) -> None:
    write(repo, {"b/compose.override.yaml": "services:\n  web:\n    restart: always\n"})
    assert git(repo, "status", "--porcelain") == "?? b/compose.override.yaml\n"
    result = invoke("validate", "--changed-since", "HEAD", "a", "b")
    assert (result.exit_code, result.stdout, result.stderr) == (0, only("b"), ONE_UNCHANGED)


def test_untracked_file_the_stack_does_not_read(repo: Path) -> None:
    write(repo, {"b/notes.txt": "nothing compose reads\n"})
    result = invoke("validate", "--changed-since", "HEAD", "a", "b")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No problems found.\n",
        "composecheck: 2 stacks unchanged since HEAD, not checked\n",
    )


def test_deleted_override_counts_as_a_change(repo: Path) -> None:
    write(repo, {"a/compose.override.yaml": "services:\n  web:\n    image: nginx:1.27.3\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a pins its image in an override")
    git(repo, "rm", "-q", "a/compose.override.yaml")
    result = invoke("validate", "--changed-since", "HEAD", "a", "b")
    # Actual: "No problems found." and "2 stacks unchanged".
    assert (result.exit_code, result.stdout, result.stderr) == (0, only("a"), ONE_UNCHANGED)


def test_changed_since_with_a_baseline_fixes_nothing_unchecked(repo: Path) -> None:
    assert invoke("baseline", "a", "b").stdout == f"2 findings written to {BASELINE}\n"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "baseline")
    (repo / "a/.env").write_text("MODE=test\n")
    result = invoke("validate", "--changed-since", "HEAD", "--baseline", BASELINE, "a", "b")
    assert result.stderr == ONE_UNCHANGED
    # Actual: "Not reported: 1 in the baseline, 1 baseline entry fixed."
    assert (result.exit_code, result.stdout) == (
        0,
        "No problems found.\nNot reported: 1 in the baseline.\n",
    )


def test_unknown_ref_exits_two(repo: Path) -> None:
    result = invoke("validate", "--changed-since", "no-such-ref", "a", "b")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "git merge-base no-such-ref: fatal: Not a valid object name no-such-ref",
        "  hint: --changed-since takes a git ref (a branch, tag or commit) of this repository",
    ]


def test_outside_a_git_repository_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    write(tmp_path, {"compose.yaml": SMALL})
    result = invoke("validate", "--changed-since", "HEAD")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "git rev-parse --show-toplevel: fatal: not a git repository (or any of the parent "
        "directories): .git",
        "  hint: --changed-since works inside a git repository: run composecheck from one",
    ]
