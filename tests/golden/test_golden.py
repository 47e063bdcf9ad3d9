"""Golden stacks: rarely used attributes, rendered exactly as the reference printed them.

``expected.yaml`` in each folder is the reference's ``config`` output with the folder's
path replaced by ``@CASEDIR@``. Regenerate with ``--update-golden`` (needs the reference)
and review the diff.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from tests.reference import require_reference

HERE = Path(__file__).parent
CASES = sorted(p for p in HERE.iterdir() if (p / "compose.yaml").is_file())
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/golden"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_yaml(case: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        binary = require_reference()
        out = subprocess.run(
            [str(binary), "config"], cwd=case, env=ENV, capture_output=True, text=True, check=True
        ).stdout
        (case / "expected.yaml").write_text(out.replace(str(case), "@CASEDIR@"))
    want = (case / "expected.yaml").read_text().replace("@CASEDIR@", str(case))
    loaded = load(LoadOptions(environ=ENV, cwd=str(case)))
    assert render_loaded(loaded, "yaml") == want
