"""CC107 missing-file: reported by the loader, at the line naming the file."""

from __future__ import annotations

from pathlib import Path

from composecheck.checks import find
from tests.checks.helpers import lines

DOC = find("CC107").doc  # type: ignore[union-attr]


def test_doc_example(tmp_path: Path) -> None:
    missing = tmp_path / ".env.production"
    assert lines(tmp_path, {"compose.yaml": DOC.example}) == [
        f"compose.yaml:4:15: CC107 error env file {missing} not found: stat {missing}: "
        "no such file or directory [default]"
    ]
    assert lines(tmp_path / "fixed", {"compose.yaml": DOC.use_instead}, select=("CC1",)) == []


def test_env_file_missing_in_an_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n    env_file: common.env\n",
        "common.env": "LOG_LEVEL=info\n",
        "compose.prod.yaml": "services:\n  web:\n    env_file:\n      - secrets.env\n",
    }
    missing = tmp_path / "secrets.env"
    assert lines(tmp_path, files, select=("CC1",)) == [
        f"compose.prod.yaml:4:9: CC107 error env file {missing} not found: stat {missing}: "
        "no such file or directory [prod]"
    ]


def test_env_file_relative_to_the_extends_source(tmp_path: Path) -> None:
    # env_file in an extends source is relative to that file's folder, not the project's.
    files = {
        "compose.yaml": (
            "services:\n  web:\n    extends:\n      file: shared/common.yaml\n      service: base\n"
        ),
        "shared/common.yaml": (
            "services:\n  base:\n    image: nginx:1.27.3\n    env_file: base.env\n"
        ),
        "base.env": "LOG_LEVEL=info\n",
    }
    missing = tmp_path / "shared" / "base.env"
    assert lines(tmp_path, files) == [
        f"shared/common.yaml:4:15: CC107 error env file {missing} not found: stat {missing}: "
        "no such file or directory [default]"
    ]
