"""`composecheck validate`: environments, exit codes, formats, monorepos."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
BAD = "services:\n  web:\n    image: nginx\n    depends_on: [databse]\n  database:\n    image: x\n"
PROD = "services:\n  web:\n    depends_on: [cache]\n"


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        [sys.executable, "-m", "composecheck", "validate", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_text_report_names_environments_once(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(BAD)
    (tmp_path / "compose.prod.yaml").write_text(PROD)
    result = cli(tmp_path, "--select", "CC201")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'compose.prod.yaml:3:18: CC201 error service "web" refers to undefined service '
        '"cache" in depends_on [prod]',
        "  hint: define a service named 'cache' or remove the reference",
        "",
        'compose.yaml:4:18: CC201 error service "web" refers to undefined service "databse" '
        "in depends_on [default, prod]",
        "  hint: did you mean 'database'? Otherwise define a service named 'databse'",
        "",
        "Found 2 problems (2 errors, 0 warnings, 0 info).",
    ]


def test_json_report_matches_its_schema(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(BAD)
    result = cli(tmp_path, "--format", "json", "--select", "CC201")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(doc, schema)
    assert doc["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert doc["findings"][0] | {"message": None, "hint": None} == {
        "code": "CC201",
        "name": "undefined-service",
        "severity": "error",
        "message": None,
        "hint": None,
        "file": "compose.yaml",
        "line": 4,
        "column": 18,
        "service": "web",
        "environments": ["default"],
        "related": [],
    }


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_threshold(tmp_path: Path, fail_on: str, code: int) -> None:
    # `version` is only a warning (CC105).
    (tmp_path / "compose.yaml").write_text("version: '3'\nservices:\n  a:\n    image: x:1\n")
    result = cli(tmp_path, "--fail-on", fail_on, "--select", "CC105", "--format", "text")
    assert "CC105 warning" in result.stdout
    assert result.returncode == code


def test_clean_stack_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x:1\n")
    result = cli(tmp_path, "--select", "CC201")
    assert (result.returncode, result.stdout) == (0, "No problems found.\n")


def test_input_error_exits_two(tmp_path: Path) -> None:
    result = cli(tmp_path, "nope")
    assert result.returncode == 2
    assert result.stderr == f"open {tmp_path}/nope: no such file or directory\n"


def test_monorepo_paths_are_separate_projects(tmp_path: Path) -> None:
    for name in ("shop", "blog"):
        (tmp_path / name).mkdir()
    (tmp_path / "shop" / "compose.yaml").write_text(BAD)
    (tmp_path / "blog" / "compose.yaml").write_text(BAD.replace("databse", "dtabase"))
    result = cli(tmp_path, "shop", "blog", "--select", "CC201")
    assert result.returncode == 1
    firsts = [line.split(":")[0] for line in result.stdout.splitlines() if "CC201" in line]
    assert firsts == ["blog/compose.yaml", "shop/compose.yaml"]


def test_every_bad_value_of_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a:\n    image: ${X:?X is needed}\n"
        '    labels: {a: "${ BAD }", b: "${Y:?Y too}"}\n    read_only: maybe\n'
    )
    result = cli(tmp_path, "--format", "json")
    assert result.returncode == 1
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("CC106", 3, 12), ("CC106", 4, 17), ("CC106", 4, 32), ("CC104", 5, 16)]


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "gitlab"])
def test_ci_formats_and_output_file(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "compose.yaml").write_text(BAD)
    out = tmp_path / f"report.{fmt}"
    result = cli(tmp_path, "--format", fmt, "--select", "CC201", "-o", str(out))
    assert result.returncode == 1
    assert result.stdout == (f"1 finding (1 error, 0 warnings, 0 info); report written to {out}\n")
    assert "CC201" in out.read_text()


def test_auto_format_is_github_inside_github_actions(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(BAD)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "GITHUB_ACTIONS": "true",
    }
    result = subprocess.run(
        [sys.executable, "-m", "composecheck", "validate", "--select", "CC201"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith("::error file=compose.yaml,line=4,col=18,title=CC201")
