"""Bad input: one located error on stderr, exit code 2, no traceback, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)

CASES = {
    "broken-yaml": (
        "services:\n  a:\n    image: x\n   bad: [\n",
        "{f}:4:4: yaml: line 4: did not find expected key",
    ),
    "unknown-key": (
        "services:\n  a:\n    imagee: x\n",
        "{f}:3:5: validating {f}: services.a additional properties 'imagee' not allowed",
    ),
    "wrong-type": (
        "services:\n  a:\n    image: x\n    ports: 80\n",
        "{f}:4:12: validating {f}: services.a.ports must be a array",
    ),
    "missing-file": (
        "services:\n  a:\n    image: x\n    env_file: missing.env\n",
        "{f}:4:15: env file {d}/missing.env not found: stat {d}/missing.env: "
        "no such file or directory",
    ),
    "cycle": (
        "services:\n  a:\n    image: x\n    depends_on: [b]\n"
        "  b:\n    image: x\n    depends_on: [a]\n",
        "{f}:7:18: dependency cycle detected: a -> b -> a",
    ),
    "alias-bomb": (BOMB, "{f}:6:1: yaml: document contains excessive aliasing"),
    "deep-nesting": ("a: " + "[" * 5000 + "]" * 5000 + "\n", "{f}:1:"),
    "duplicate-key": (
        "services:\n  a:\n    image: x\n    image: y\n",
        '{f}:4:5: failed to parse {f}: line 4: mapping key "image" already defined at line 3',
    ),
    # The key as go-yaml's %#v writes it (the reference's own text, v2.40.3).
    "duplicate-key-escaped": (
        'services:\n  a:\n    image: x\n    labels:\n      "a\\tb\\u00a0c": 1\n'
        '      "a\\tb\\u00a0c": 2\n',
        '{f}:6:7: failed to parse {f}: line 6: mapping key "a\\tb\\u00a0c" already defined '
        "at line 5",
    ),
    "missing-variable": (
        "services:\n  a:\n    image: ${TAG:?set TAG}\n",
        "{f}:3:12: error while interpolating services.a.image: required variable TAG is "
        "missing a value: set TAG",
    ),
}


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        [sys.executable, "-m", "composecheck", "render", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_located_error(tmp_path: Path, name: str) -> None:
    text, want = CASES[name]
    compose = tmp_path / "compose.yaml"
    compose.write_text(text)
    out = tmp_path / "out.yaml"
    result = _run(tmp_path, "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(want.format(f=compose, d=tmp_path))
    assert result.stdout == ""
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["compose.yaml"]


def test_missing_compose_file(tmp_path: Path) -> None:
    result = _run(tmp_path, "-f", "nope.yaml")
    assert result.returncode == 2
    assert result.stderr == f"open {tmp_path}/nope.yaml: no such file or directory\n"


def test_no_compose_file_found(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "no configuration file provided: not found"


def test_output_file_replaced_atomically(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x\n")
    out = tmp_path / "out.json"
    out.write_text("old")
    result = _run(tmp_path, "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert '"image": "x"' in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["compose.yaml", "out.json"]


def test_unknown_environment_lists_known_ones(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x\n")
    (tmp_path / "compose.dev.yaml").write_text("services:\n  a:\n    image: y\n")
    (tmp_path / "compose.prod.yaml").write_text("services:\n  a:\n    image: z\n")
    result = _run(tmp_path, "--env", "qa")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f'unknown environment "qa": no compose.qa.yaml in {tmp_path}',
        "  hint: known environments: dev, prod",
    ]
