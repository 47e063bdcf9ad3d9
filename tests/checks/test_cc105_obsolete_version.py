"""CC105 obsolete-version: from the loader's obsolete-version notices, at the key."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines

WEB = "services:\n  web:\n    image: nginx:1.27.3\n"
MESSAGE = 'CC105 warning the top-level "version" is obsolete: Docker Compose v2 ignores it'


def test_version_in_every_file_of_every_environment(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "# the shared stack\nversion: '3.8'\n\n" + WEB,
        "compose.dev.yaml": "version: \"3.8\"\nservices:\n  web:\n    ports: ['8080:80']\n",
        "compose.prod.yaml": "services:\n  web:\n    restart: always\n",
    }
    assert lines(tmp_path, files, select=("CC105",)) == [
        f"compose.dev.yaml:1:1: {MESSAGE} [dev]",
        # Shared by every environment: reported once, naming them all.
        f"compose.yaml:2:1: {MESSAGE} [default, dev, prod]",
    ]


def test_version_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n    extends: {file: common.yaml, service: base}\n"
            "  worker:\n    extends: {file: common.yaml, service: base}\n"
        ),
        "common.yaml": "version: '2.4'\nservices:\n  base:\n    image: nginx:1.27.3\n",
    }
    # Read once per service that extends it, reported once.
    assert lines(tmp_path, files, select=("CC105",)) == [f"common.yaml:1:1: {MESSAGE} [default]"]


def test_no_version(tmp_path: Path) -> None:
    files = {"compose.yaml": WEB, "compose.prod.yaml": "services:\n  web:\n    restart: always\n"}
    assert lines(tmp_path, files, select=("CC105",)) == []
