"""CC101 yaml-syntax: reported by the loader, at the position the parser gave up."""

from __future__ import annotations

from pathlib import Path

from composecheck.api import LoadOptions, load
from composecheck.checks import Context, find
from tests.checks.helpers import ENV, lines, write

DOC = find("CC101").doc  # type: ignore[union-attr]


def test_doc_example(tmp_path: Path) -> None:
    assert lines(tmp_path, {"compose.yaml": DOC.example}) == [
        "compose.yaml:6:6: CC101 error yaml: line 6: did not find expected key [default]"
    ]
    assert lines(tmp_path / "fixed", {"compose.yaml": DOC.use_instead}, select=("CC1",)) == []


def test_broken_override_fails_only_its_environment(tmp_path: Path) -> None:
    files = {
        "compose.yaml": DOC.use_instead,
        "compose.prod.yaml": "services:\n  web:\n    restart: always\n   mem_limit: 512m\n",
    }
    assert lines(tmp_path, files, select=("CC1",)) == [
        "compose.prod.yaml:4:4: CC101 error yaml: line 4: did not find expected key [prod]"
    ]


def test_loader_checks_run_no_rule_of_their_own(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": DOC.use_instead})
    loaded = load(LoadOptions(cwd=str(tmp_path), environ=dict(ENV), consistency=False))
    ctx = Context(loaded, "default", False, str(tmp_path))
    for code in ("CC101", "CC102", "CC103", "CC104", "CC106", "CC107"):
        check = find(code)
        assert check is not None
        assert list(check.run(ctx)) == []
