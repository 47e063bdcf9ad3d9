"""[tool.composecheck.secrets]: keys and sha256 hashes of values a team accepts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from composecheck.errors import InputError
from tests.checks.helpers import lines

STACK = (
    "services:\n  db:\n    image: postgres:16\n    environment:\n"
    "      POSTGRES_PASSWORD: s3cret-for-ci-only\n      API_TOKEN: tok-9f8e7d6c5b4a\n"
)


def test_without_allow_list_both_are_reported(tmp_path: Path) -> None:
    found = lines(tmp_path, {"compose.yaml": STACK}, select=("CC401",))
    assert [line.split(" ")[0] for line in found] == ["compose.yaml:5:26:", "compose.yaml:6:18:"]


def test_allowed_by_key(tmp_path: Path) -> None:
    config = '[secrets]\nkeys = ["POSTGRES_PASSWORD"]\n'
    found = lines(
        tmp_path, {"compose.yaml": STACK, ".composecheck.toml": config}, select=("CC401",)
    )
    assert [line.split(" ")[0] for line in found] == ["compose.yaml:6:18:"]


def test_allowed_by_value_hash(tmp_path: Path) -> None:
    digest = hashlib.sha256(b"tok-9f8e7d6c5b4a").hexdigest()
    config = f'[tool.composecheck.secrets]\nsha256 = ["{digest}"]\n'
    found = lines(tmp_path, {"compose.yaml": STACK, "pyproject.toml": config}, select=("CC401",))
    assert [line.split(" ")[0] for line in found] == ["compose.yaml:5:26:"]


def test_bad_allow_list(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        lines(tmp_path, {"compose.yaml": STACK, ".composecheck.toml": "[secrets]\nvalues = []\n"})
    assert caught.value.located() == (
        f"{tmp_path / '.composecheck.toml'}:2:1: unknown key 'values' in secrets"
    )
    assert caught.value.hint == "known keys: keys, sha256"
