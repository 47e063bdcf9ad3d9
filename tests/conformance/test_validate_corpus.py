"""`composecheck validate` copes with what people actually write: every corpus stack is
checked, in every environment it has, without an internal error."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from composecheck.validate import ValidateOptions, run
from tests.conformance.corpus import CORPUS, cases

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def _options(case: Path) -> ValidateOptions:
    args = shlex.split((case / "args").read_text())
    files: list[str] = []
    env_files: list[str] = []
    profiles: list[str] = []
    project_name = None
    project_directory = None
    it = iter(args)
    for arg in it:
        if arg in ("-f", "--file"):
            files.append(next(it))
        elif arg == "--env-file":
            env_files.append(next(it))
        elif arg == "--profile":
            profiles.append(next(it))
        elif arg in ("-p", "--project-name"):
            project_name = next(it)
        elif arg == "--project-directory":
            project_directory = next(it)
    return ValidateOptions(
        files=files,
        env_files=env_files or None,
        profiles=profiles or None,
        project_name=project_name,
        project_directory=project_directory,
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
