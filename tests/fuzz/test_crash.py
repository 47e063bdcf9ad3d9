"""The crash fuzzer in the test suite: a small fixed-seed budget, and every saved
reproduction (``tests/fuzz/cases/*``) replayed.

Long runs are on demand: ``python -m tests.fuzz.crash --budget 100000 --seed N``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.corpus import CORPUS
from tests.fuzz.crash import CASES, FAILURES, fuzz, in_process

#: Mutants per run in CI: enough to touch every mutation family, a few seconds.
BUDGET = 200
SEED = 20261206


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_fixed_seed_budget_has_no_internal_error_timeout_or_unlocated_error() -> None:
    counts, failures = fuzz(BUDGET, SEED, timeout=10.0, max_rss=500 * 2**20)
    described = [f"{m.source} {m.steps}: {r.operation} {r.outcome} {r.detail}" for m, r in failures]
    assert described == []
    # The budget reached every operation: loads that succeed and loads that fail.
    assert counts["ok"] > 0
    assert counts["refused"] > 0


def saved_cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "FUZZ.md").is_file())


@pytest.mark.parametrize("case", saved_cases(), ids=lambda p: p.name)
def test_saved_reproduction(case: Path) -> None:
    args = (case / "args").read_text().split()
    results = in_process(case, args, timeout=10.0, max_rss=500 * 2**20)
    assert [r for r in results if r.outcome in FAILURES] == []
