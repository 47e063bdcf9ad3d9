"""CC102 duplicate-key: reported by the loader, at the second occurrence."""

from __future__ import annotations

from pathlib import Path

from composecheck.checks import find
from tests.checks.helpers import lines

DOC = find("CC102").doc  # type: ignore[union-attr]


def test_doc_example(tmp_path: Path) -> None:
    assert lines(tmp_path, {"compose.yaml": DOC.example}) == [
        'compose.yaml:6:5: CC102 error line 6: mapping key "image" already defined at line 3 '
        "[default]"
    ]
    assert lines(tmp_path / "fixed", {"compose.yaml": DOC.use_instead}, select=("CC1",)) == []


def test_duplicate_in_an_override_file(tmp_path: Path) -> None:
    files = {
        "compose.yaml": DOC.use_instead,
        "compose.prod.yaml": (
            "services:\n  web:\n    environment:\n      LOG_LEVEL: info\n      LOG_LEVEL: warn\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC1",)) == [
        'compose.prod.yaml:5:7: CC102 error line 5: mapping key "LOG_LEVEL" already defined at '
        "line 4 [prod]"
    ]
