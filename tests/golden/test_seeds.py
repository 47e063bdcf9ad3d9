"""Golden reports over ../shared/seed-examples: what composecheck finds in the compose files
our first users learn from. Each seed is copied into a temporary folder as compose.yaml
(so paths in the report are stable); the development and production variants of seed 000
are checked as one stack with two environments.

Regenerate with ``--update-golden`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from composecheck.formatters import text
from composecheck.validate import ValidateOptions, run

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO.parent / "shared" / "seed-examples").resolve()
GOLDEN = Path(__file__).parent / "seeds"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/seed"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seed-examples is absent")


def _seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.yaml")) if SEEDS.is_dir() else []


def _report(folder: Path) -> str:
    findings = run(ValidateOptions(environ=dict(ENV), cwd=str(folder)))
    return text(findings, str(folder))


def _compare(name: str, report: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-golden"):
        golden.write_text(report)
    assert report == golden.read_text()


@pytest.mark.parametrize("seed", _seeds(), ids=lambda p: p.stem)
def test_seed(tmp_path: Path, seed: Path, request: pytest.FixtureRequest) -> None:
    shutil.copy(seed, tmp_path / "compose.yaml")
    _compare(seed.stem, _report(tmp_path), request)


def test_seed_development_and_production_as_one_stack(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    shutil.copy(SEEDS / "000-development.compose.yaml", tmp_path / "development.yaml")
    shutil.copy(SEEDS / "000-production.compose.yaml", tmp_path / "production.yaml")
    shutil.copy(SEEDS / "000-web-db.compose.yaml", tmp_path / "compose.yaml")
    (tmp_path / ".composecheck.toml").write_text(
        '[environments.dev]\nfiles = ["development.yaml"]\n\n'
        '[environments.prod]\nfiles = ["production.yaml"]\nproduction = true\n'
    )
    _compare("000-dev-and-prod", _report(tmp_path), request)
