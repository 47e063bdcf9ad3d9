"""composecheck as a pre-commit hook (.pre-commit-hooks.yaml) and a GitHub Action (action.yml)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"
ACTION_FILE = REPO / "action.yml"

FILES_PATTERN = r"(^|/)((docker-)?compose(\.[A-Za-z0-9_-]+)?\.ya?ml|\.env(\.[A-Za-z0-9_-]+)?)$"

# `web` depends on a service that does not exist: CC201, an error, exit 1.
BROKEN = "services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n"
FIXED = BROKEN + "  db:\n    image: postgres:16\n"
CC201_TEXT = (
    'compose.yaml:4:18: CC201 error service "web" refers to undefined service "db" '
    "in depends_on [default]"
)


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# --- .pre-commit-hooks.yaml -------------------------------------------------------------


def test_hook_manifest_is_exactly_one_composecheck_hook() -> None:
    assert load_yaml(HOOKS_FILE) == [
        {
            "id": "composecheck",
            "name": "composecheck",
            "description": (
                "Check the Docker Compose stack of every folder whose compose or .env "
                "files changed."
            ),
            "entry": "composecheck validate --stacks-of-files",
            "language": "python",
            "pass_filenames": True,
            "require_serial": True,
            "files": FILES_PATTERN,
        }
    ]


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("compose.yaml", True),
        ("compose.yml", True),
        ("sub/docker-compose.prod.yml", True),
        ("docker-compose.yaml", True),
        (".env", True),
        ("deploy/.env.prod", True),
        ("compose.json", False),
        ("README.md", False),
        ("notcompose.yaml", False),
        ("x/.envrc", False),
        ("compose.yaml.bak", False),
        ("sub/my.env", False),
    ],
)
def test_hook_files_pattern(path: str, matches: bool) -> None:
    # pre-commit filters the file list with re.search on paths relative to the repo root.
    (hook,) = load_yaml(HOOKS_FILE)
    assert (re.search(hook["files"], path) is not None) is matches


def _git_toplevel(path: Path) -> Path | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip()).resolve()


def _require_try_repo() -> None:
    """Skip when pre-commit or a git checkout is missing; in CI, fail instead of skipping."""
    reason = None
    if importlib.util.find_spec("pre_commit") is None:
        reason = "pre-commit is not installed (pip install '.[test]')"
    elif _git_toplevel(REPO) != REPO:
        reason = f"{REPO} is not the root of a git repository (pre-commit try-repo needs one)"
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"must not skip in CI: {reason}")
    pytest.skip(reason)


def test_pre_commit_try_repo_end_to_end(tmp_path: Path) -> None:
    # try-repo clones this repository (with its uncommitted changes to tracked files),
    # builds the hook's virtualenv and pip-installs composecheck into it: this needs PyPI
    # and takes a while. try-repo keeps each run's clone and virtualenv in a temporary
    # store of its own, so the two runs below install twice; PRE_COMMIT_HOME only keeps
    # anything else pre-commit would write out of the user's cache.
    _require_try_repo()
    project = tmp_path / "project"
    project.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_") and k not in {"GITHUB_ACTIONS", "SKIP", "PRE_COMMIT_HOME"}
    }
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", *args],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(REPO),
                "composecheck",
                "--all-files",
                "--color=never",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    git("init", "-q")
    (project / "compose.yaml").write_text(BROKEN, encoding="utf-8")
    (project / "README.md").write_text("not a compose file\n", encoding="utf-8")
    git("add", "compose.yaml", "README.md")

    failed = try_repo()
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    lines = output.splitlines()
    assert re.search(r"^composecheck\.+Failed$", output, re.MULTILINE), output
    assert "- hook id: composecheck" in lines
    assert "- exit code: 1" in lines
    assert CC201_TEXT in lines
    assert "Found 1 problem (1 error, 0 warnings, 0 info)." in lines

    (project / "compose.yaml").write_text(FIXED, encoding="utf-8")
    git("add", "compose.yaml")

    passed = try_repo()
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"^composecheck\.+Passed$", output, re.MULTILINE), output
    assert "CC201" not in output


# --- action.yml -------------------------------------------------------------------------

ACTION_INPUT_DEFAULTS = {
    "paths": ".",
    "args": "",
    "sarif": "false",
    "sarif-file": "composecheck.sarif",
    "python-version": "3.12",
}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def action() -> dict[str, Any]:
    doc = load_yaml(ACTION_FILE)
    assert isinstance(doc, dict)
    return doc


def test_action_is_composite_with_the_documented_inputs() -> None:
    doc = action()
    assert doc["runs"]["using"] == "composite"
    assert {name: spec["default"] for name, spec in doc["inputs"].items()} == (
        ACTION_INPUT_DEFAULTS
    )
    assert all(spec["required"] is False for spec in doc["inputs"].values())


def test_action_steps() -> None:
    steps: list[dict[str, Any]] = action()["runs"]["steps"]
    assert [step.get("uses") for step in steps] == [
        "actions/setup-python@v5",
        None,
        None,
        "github/codeql-action/upload-sarif@v3",
    ]
    assert steps[0]["with"] == {"python-version": "${{ inputs.python-version }}"}
    runs = [step for step in steps if "run" in step]
    assert len(runs) == 2
    for step in runs:
        assert step["shell"] == "bash"
        # Script injection guard: inputs reach scripts only through `env:`.
        assert "${{" not in step["run"]
    assert runs[0]["env"] == {"COMPOSECHECK_ACTION_PATH": "${{ github.action_path }}"}
    assert "pip install" in runs[0]["run"]
    upload = steps[3]
    assert upload["if"] == "always() && inputs.sarif == 'true'"
    assert "always()" in upload["if"]
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}"}


def resolve(value: str, inputs: Mapping[str, str]) -> str:
    """Substitute the `${{ }}` expressions an `env:` value may hold, as the runner does."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression == "github.action_path":
            return str(REPO)
        name = expression.removeprefix("inputs.")
        assert name != expression, f"unexpected expression {expression!r}"
        return inputs[name]

    return EXPRESSION.sub(one, value)


def run_action_locally(workspace: Path, inputs: Mapping[str, str]) -> int:
    """Run the validate steps' scripts with bash as the runner would; return the last status.

    setup-python and the pip install step are skipped: composecheck is installed in this
    interpreter's environment, whose scripts folder goes first on PATH.
    """
    given = {**ACTION_INPUT_DEFAULTS, **inputs}
    steps = [
        step
        for step in action()["runs"]["steps"]
        if "run" in step and "composecheck validate" in step["run"]
    ]
    assert [step["name"] for step in steps] == ["Validate"]
    status = 0
    for number, step in enumerate(steps):
        script = workspace.parent / f"step{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = {
            "PATH": os.pathsep.join(
                [str(Path(sys.executable).parent), os.environ.get("PATH", "/usr/bin:/bin")]
            ),
            "HOME": str(workspace.parent),
            "GITHUB_ACTIONS": "true",
        }
        env |= {name: resolve(str(value), given) for name, value in step["env"].items()}
        # `shell: bash` runs `bash --noprofile --norc -eo pipefail {0}`.
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            timeout=120,
        )
        status = result.returncode
        if status != 0:
            break
    return status


def annotation(path: str, service: str, missing: str) -> str:
    return (
        f"::error file={path},line=4,col=18,title=CC201 undefined-service::service "
        f'"{service}" refers to undefined service "{missing}" in depends_on [default]'
        f"%0Ahint: define a service named '{missing}' or remove the reference"
    )


@pytest.mark.parametrize("sarif", ["true", "false"])
def test_action_scripts_annotate_and_write_sarif(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], sarif: str
) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "one").mkdir(parents=True)
    (workspace / "two").mkdir()
    (workspace / "one" / "compose.yaml").write_text(BROKEN, encoding="utf-8")
    (workspace / "two" / "compose.yaml").write_text(
        "services:\n  api:\n    image: nginx:1.27\n    depends_on: [cache]\n", encoding="utf-8"
    )
    inputs = {
        # Word-split on purpose: two stacks, and two options with their values.
        "paths": "one\ntwo",
        "args": "--select CC201 --fail-on error",
        "sarif": sarif,
        "sarif-file": "reports/cc.sarif",
    }
    status = run_action_locally(workspace, inputs)
    out = capfd.readouterr().out
    assert status == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        annotation("one/compose.yaml", "web", "db"),
        annotation("two/compose.yaml", "api", "cache"),
    ]
    report = workspace / "reports" / "cc.sarif"
    if sarif == "false":
        assert not report.exists()
        return
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0"
    assert [
        (
            result["ruleId"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        )
        for run in doc["runs"]
        for result in run["results"]
    ] == [("CC201", "one/compose.yaml"), ("CC201", "two/compose.yaml")]


def test_action_scripts_pass_a_clean_stack_with_default_inputs(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "compose.yaml").write_text(FIXED, encoding="utf-8")
    status = run_action_locally(workspace, {"args": "--select CC201", "sarif": "true"})
    out = capfd.readouterr().out
    assert status == 0
    assert [line for line in out.splitlines() if line.startswith("::")] == []
    doc = json.loads((workspace / "composecheck.sarif").read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0"
    assert [result for run in doc["runs"] for result in run["results"]] == []


def test_action_sarif_run_does_not_hide_the_gate(tmp_path: Path) -> None:
    # An input error (a path that does not exist) fails the gate with exit 2, and the
    # SARIF run's own failure (`|| true`) must not turn that into success.
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    status = run_action_locally(workspace, {"paths": "missing", "sarif": "true"})
    assert status == 2
