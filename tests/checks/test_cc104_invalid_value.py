"""CC104 invalid-value: reported by the loader, at the value."""

from __future__ import annotations

from pathlib import Path

from composecheck.checks import find
from tests.checks.helpers import lines, validate

DOC = find("CC104").doc  # type: ignore[union-attr]


def test_doc_example(tmp_path: Path) -> None:
    [finding] = validate(tmp_path, {"compose.yaml": DOC.example})
    assert (finding.code, finding.file, finding.line, finding.column) == (
        "CC104",
        str(tmp_path / "compose.yaml"),
        6,
        17,
    )
    assert finding.message.splitlines()[-1] == (
        '\'services[web].healthcheck.interval\' time: unknown unit " sec" in duration "30 sec"'
    )
    assert lines(tmp_path / "fixed", {"compose.yaml": DOC.use_instead}, select=("CC1",)) == []


def test_bad_port_in_an_override_file(tmp_path: Path) -> None:
    files = {
        "compose.yaml": DOC.use_instead,
        "compose.prod.yaml": 'services:\n  web:\n    ports:\n      - "443:https"\n',
    }
    assert lines(tmp_path, files, select=("CC1",)) == [
        "compose.prod.yaml:4:9: CC104 error invalid containerPort: https [prod]"
    ]
