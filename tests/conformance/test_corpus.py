"""Conformance: ``composecheck render`` equals ``docker compose config`` on real projects.

Each case of ../shared/corpus was recorded with Docker Compose v2.40.3 inside its
folder, with a clean environment. We run our CLI the same way and compare the JSON
document, the warnings (sorted, as recorded) and, for the refused case, the error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conformance.corpus import CORPUS, cases, diff, expected, run_case

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def _params() -> list[object]:
    return [pytest.param(case, id=case.name) for case in cases()]


def _warnings(text: str, case: Path) -> list[str]:
    lines = [line for line in text.splitlines() if line.startswith("level=warning")]
    return sorted(line.replace(str(case), "@CASEDIR@") for line in lines)


@pytest.mark.parametrize("case", _params())
def test_render_matches_reference(case: Path) -> None:
    result = run_case(case)
    err_file = case / "expected.err"
    if err_file.exists():
        want = err_file.read_text().replace("@CASEDIR@", str(case)).strip()
        assert result.returncode == 2, result.stderr
        assert want in result.stderr
        assert result.stdout == ""
        return
    assert result.returncode == 0, result.stderr
    differences = diff(json.loads(result.stdout), expected(case))
    assert differences == []
    stderr_file = case / "expected.stderr"
    want_warnings = sorted(stderr_file.read_text().splitlines()) if stderr_file.exists() else []
    assert _warnings(result.stderr, case) == want_warnings
