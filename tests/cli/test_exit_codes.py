"""Exit codes, for every format: 0 nothing at or above the failing severity, 1 findings,
2 usage or input error (and then nothing on stdout, no report file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from composecheck.cli import main

FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test", "GITHUB_ACTIONS": ""}

CLEAN = "services:\n  web:\n    image: nginx:1.27.3\n"
WARNING = "services:\n  web:\n    image: nginx:latest\n"
ERROR = "services:\n  web:\n    image: nginx:1.27.3\n    depends_on: [db]\n"
SUPPRESSED = (
    "services:\n  web:\n    image: nginx:1.27.3\n"
    "    depends_on: [db]  # composecheck: ignore[CC201] db comes from the platform stack\n"
)
BROKEN = "services:\n  web:\n    image: [nginx\n"

# (name, files, extra arguments, exit code)
CASES: list[tuple[str, dict[str, str], list[str], int]] = [
    ("clean", {"compose.yaml": CLEAN}, [], 0),
    ("warning below fail-on", {"compose.yaml": WARNING}, [], 0),
    ("warning at --fail-on warning", {"compose.yaml": WARNING}, ["--fail-on", "warning"], 1),
    (
        "warning at configured fail-on",
        {"compose.yaml": WARNING, ".composecheck.toml": 'fail-on = "warning"\n'},
        [],
        1,
    ),
    (
        "--fail-on wins over the configuration",
        {"compose.yaml": WARNING, ".composecheck.toml": 'fail-on = "warning"\n'},
        ["--fail-on", "error"],
        0,
    ),
    ("error", {"compose.yaml": ERROR}, [], 1),
    ("error lowered by --severity", {"compose.yaml": ERROR}, ["--severity", "CC201=warning"], 0),
    ("error suppressed inline", {"compose.yaml": SUPPRESSED}, [], 0),
    ("broken YAML is a finding", {"compose.yaml": BROKEN}, [], 1),
    ("no compose file", {"README.md": "nothing here\n"}, [], 2),
    ("missing PATH", {"compose.yaml": CLEAN}, ["nowhere"], 2),
    (
        "unknown key in the configuration",
        {"compose.yaml": CLEAN, ".composecheck.toml": "sellect = []\n"},
        [],
        2,
    ),
    ("missing baseline", {"compose.yaml": CLEAN}, ["--baseline", "missing.json"], 2),
    ("unknown check in --select", {"compose.yaml": CLEAN}, ["--severity", "CC999=info"], 2),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "files", "args", "code"), CASES, ids=[c[0] for c in CASES])
def test_exit_code(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    name: str,
    files: dict[str, str],
    args: list[str],
    code: int,
) -> None:
    for file, text in files.items():
        (tmp_path / file).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", fmt, *args], env=ENV)
    assert result.exit_code == code, result.output
    if code == 2:
        assert result.stdout == ""
        assert result.stderr.strip()
    else:
        assert result.stderr == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_input_error_writes_no_report_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", fmt, "-o", "report.out"], env=ENV)
    assert result.exit_code == 2
    assert result.stderr == (
        f"no configuration file provided: not found in {tmp_path}\n"
        "  hint: run in a folder with compose.yaml, or name files with -f\n"
    )
    assert not (tmp_path / "report.out").exists()
