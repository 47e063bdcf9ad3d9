"""The README's configuration examples are valid configuration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from composecheck.settings import load_settings

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", README.read_text(), flags=re.S)


def test_readme_has_toml_examples() -> None:
    assert len(BLOCKS) == 2


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.splitlines()[0])
def test_readme_toml_is_valid_configuration(tmp_path: Path, block: str) -> None:
    (tmp_path / "pyproject.toml").write_text(block)
    settings = load_settings(str(tmp_path))
    assert settings.path == str(tmp_path / "pyproject.toml")
