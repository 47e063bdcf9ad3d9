"""The leak fuzzer (``tests/fuzz/leak.py``) on a small fixed-seed budget: no output of
render (with and without ``--redact``) or validate (every format) may show a secret."""

from __future__ import annotations

import random
import time

import pytest

from tests.fuzz.leak import SECRETS, Secret, fuzz, leaks_in

BUDGET = 30
SEED = 16


def test_no_secret_leaks_on_a_fixed_seed() -> None:
    started = time.monotonic()
    stats = fuzz(BUDGET, SEED)
    assert stats.inputs == BUDGET
    assert stats.runs == BUDGET * 9
    shown = [f"{leak.where}: {leak.operation} shows {leak.needle!r}" for leak in stats.leaks]
    assert shown == []
    assert stats.errors == []
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("kind", sorted(SECRETS))
def test_the_oracle_finds_the_secret_and_its_parts(kind: str) -> None:
    secret: Secret = SECRETS[kind](random.Random(1))
    assert leaks_in(secret, f'parsing "{secret.value}"') is not None
    assert leaks_in(secret, f"invalid proto: {secret.body[-14:].lower()}") is not None
    assert leaks_in(secret, 'parsing "gh…(40 chars)"') is None
