"""The README's configuration examples are valid configuration."""

from __future__ import annotations

import re
from pathlib import Path

from composecheck.settings import Settings, load_settings

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", README.read_text(), flags=re.S)


def test_readme_has_toml_examples() -> None:
    assert len(BLOCKS) == 2


def load_block(tmp_path: Path, index: int) -> Settings:
    (tmp_path / "pyproject.toml").write_text(BLOCKS[index])
    settings = load_settings(str(tmp_path))
    assert settings.path == str(tmp_path / "pyproject.toml")
    return settings


def test_readme_configuration_example(tmp_path: Path) -> None:
    settings = load_block(tmp_path, 0)
    assert (settings.select, settings.ignore, settings.fail_on) == (("CC",), ("CC208",), "warning")
    assert settings.severity == {"CC403": "error", "unused-volume": "info"}
    staging = settings.environments["staging"]
    assert (staging.production, staging.select, staging.ignore, staging.severity) == (
        True,
        ("CC2", "CC3", "CC4"),
        ("CC404",),
        {"CC306": "warning"},
    )
    assert staging.env_files == (str(tmp_path / ".env"), str(tmp_path / "deploy/staging.env"))
    assert settings.options("CC305") == {"one_shot_services": ["migrate", "seed"]}
    assert settings.baseline == str(tmp_path / ".composecheck-baseline.json")


def test_readme_secrets_example(tmp_path: Path) -> None:
    settings = load_block(tmp_path, 1)
    assert settings.secret_keys == frozenset({"POSTGRES_PASSWORD"})
    assert settings.secret_hashes == frozenset(
        {"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}
    )
