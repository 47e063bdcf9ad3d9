"""Input Docker Compose accepts that composecheck used to refuse (issue 16): YAML tags and
``%TAG`` directives, tagged merge keys, deep nesting, special files as env files...

Each folder of ``accepted/`` holds the smallest input of one class (``compose.yaml``, a
``name:`` of its own so that the output does not depend on the folder) and what the
reference printed for it: ``expected.yaml`` (``config``) and ``expected.json``
(``config --format json``), with the folder's path as ``@CASEDIR@``; or, for a variant
the reference refuses, ``expected.error``: our located error, whose message (after the
position) is the reference's. Regenerate the outputs with ``--update-golden`` (needs the
reference) and review the diff; with the reference installed, each case is also compared
live, byte for byte.

``validate`` must not report a loader problem (CC1xx) for an accepted case either.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.deep import deep
from composecheck.errors import InputError
from composecheck.validate import ValidateOptions, run
from tests.reference import reference_binary, require_reference

HERE = Path(__file__).parent / "accepted"
CASES = sorted(p for p in HERE.iterdir() if (p / "compose.yaml").is_file())
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/accepted"}


def _reference(case: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    binary = require_reference()
    return subprocess.run(
        [str(binary), "config", "--format", fmt],
        cwd=case,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _ours(case: Path, fmt: str) -> str:
    return render_loaded(load(LoadOptions(environ=dict(ENV), cwd=str(case))), fmt)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_accepted(case: Path, request: pytest.FixtureRequest) -> None:
    error = case / "expected.error"
    if error.is_file():
        _refused(case, error.read_text().rstrip("\n").replace("@CASEDIR@", str(case)))
        return
    for fmt in ("yaml", "json"):
        expected = case / f"expected.{fmt}"
        if request.config.getoption("--update-golden"):
            out = _reference(case, fmt)
            assert out.returncode == 0, out.stderr
            expected.write_text(out.stdout.replace(str(case), "@CASEDIR@"))
        want = expected.read_text().replace("@CASEDIR@", str(case))
        assert _ours(case, fmt) == want
        if reference_binary() is not None:
            assert _reference(case, fmt).stdout == want
    findings = run(ValidateOptions(paths=[str(case)], environ=dict(ENV), cwd=str(case)))
    assert [f for f in findings if f.code.startswith("CC1") and f.code != "CC105"] == []


def _refused(case: Path, located: str) -> None:
    with pytest.raises(InputError) as caught:
        _ours(case, "json")
    assert caught.value.located() == located
    if reference_binary() is not None:
        out = _reference(case, "json")
        assert out.returncode != 0
        assert located.split(": ", 1)[1] in out.stderr


def test_env_file_fifo_is_read(tmp_path: Path) -> None:
    """A FIFO named as env file (``<(…)`` in a script) is read like a file, as Compose
    reads it; a writer feeds it each time it is opened."""
    fifo = tmp_path / "vars.env"
    os.mkfifo(fifo)
    (tmp_path / "compose.yaml").write_text(
        "name: t\nservices:\n  a:\n    image: nginx\n    env_file: vars.env\n"
    )
    done = threading.Event()

    def feed() -> None:
        while not done.is_set():
            with contextlib.suppress(BrokenPipeError), open(fifo, "w") as handle:
                handle.write("A=1\nB=${A}2\n")

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        doc = json.loads(_ours(tmp_path, "json"))
        assert doc["services"]["a"]["environment"] == {"A": "1", "B": "12"}
        if reference_binary() is not None:
            out = _reference(tmp_path, "json")
            assert out.returncode == 0, out.stderr
            assert json.loads(out.stdout) == doc
    finally:
        done.set()
        # Release a writer waiting for a reader.
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=10)


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


DEEP = {
    # Beyond Python's default recursion limit in every stage that walks the tree.
    "flow": "x-a: " + _nested(1200) + "\n",
    "block": "x-a:\n" + "".join(" " * i + "k:\n" for i in range(1, 1100)) + " " * 1100 + "v\n",
    # An alias nests its anchor's depth inside its own.
    "alias": f"x-a: &a {_nested(700)}\nx-b: " + "[" * 700 + "*a" + "]" * 700 + "\n",
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_go_yaml_parses(tmp_path: Path, kind: str) -> None:
    """Compose loads what go-yaml parses: flow collections nested up to 10,000 deep,
    block ones indented as deep; the old limit of 400 refused them."""
    (tmp_path / "compose.yaml").write_text(
        "name: t\nservices:\n  a:\n    image: nginx\n" + DEEP[kind]
    )
    ours = {fmt: _ours(tmp_path, fmt) for fmt in ("yaml", "json")}
    value = deep(json.loads)(ours["json"])["x-a"]
    depth = 0
    while isinstance(value, (list, dict)):
        value = value[0] if isinstance(value, list) else value["k"]
        depth += 1
    assert (depth, value) == {"flow": (1200, 1), "block": (1099, "v"), "alias": (700, 1)}[kind]
    if reference_binary() is not None:
        for fmt, text in ours.items():
            assert _reference(tmp_path, fmt).stdout == text
    findings = run(ValidateOptions(paths=[str(tmp_path)], environ=dict(ENV), cwd=str(tmp_path)))
    assert [f.code for f in findings if f.code.startswith("CC1")] == []


def test_nesting_beyond_go_yaml_limit_refused(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "name: t\nservices:\n  a:\n    image: nginx\nx-a: " + _nested(10_001) + "\n"
    )
    located = f"{tmp_path}/compose.yaml:5:10006: yaml: line 5: exceeded max depth of 10000"
    _refused(tmp_path, located)
