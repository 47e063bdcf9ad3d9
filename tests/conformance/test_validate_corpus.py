"""`composecheck validate` copes with what people actually write: every corpus stack is
checked, in every environment it has, without an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.validate import ValidateOptions, run
from tests.conformance.corpus import CORPUS, case_args, cases, option_fields

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def _options(case: Path) -> ValidateOptions:
    return ValidateOptions(
        **option_fields(case_args(case)),
        environ={"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"},
        cwd=str(case),
    )


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_validate_finishes(case: Path) -> None:
    findings = run(_options(case))
    for finding in findings:
        assert finding.code.startswith("CC")
        assert "internal error" not in finding.message
        if finding.file is not None:
            assert Path(finding.file).is_absolute()
            assert finding.line is not None and finding.line >= 1
