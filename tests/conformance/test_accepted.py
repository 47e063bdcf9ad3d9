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

import subprocess
from pathlib import Path

import pytest

from composecheck.api import LoadOptions, load, render_loaded
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
