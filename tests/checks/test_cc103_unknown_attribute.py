"""CC103 unknown-attribute: reported by the loader's schema stage, at the key."""

from __future__ import annotations

from pathlib import Path

from composecheck.checks import find
from tests.checks.helpers import lines, validate

DOC = find("CC103").doc  # type: ignore[union-attr]


def test_doc_example_with_did_you_mean(tmp_path: Path) -> None:
    assert lines(tmp_path, {"compose.yaml": DOC.example}) == [
        "compose.yaml:4:5: CC103 error services.web additional properties 'enviroment' "
        "not allowed [default]"
    ]
    [finding] = validate(tmp_path, {"compose.yaml": DOC.example})
    assert finding.hint == "did you mean 'environment'?"
    assert lines(tmp_path / "fixed", {"compose.yaml": DOC.use_instead}, select=("CC1",)) == []


def test_unknown_key_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n"
        ),
        "common.yaml": "services:\n  base:\n    image: nginx:1.27.3\n    restart_policy: always\n",
    }
    # Compose validates the service after extends, so its message names the extending
    # file and service; the finding points at the line that wrote the key.
    assert lines(tmp_path, files) == [
        f"common.yaml:4:5: CC103 error validating {tmp_path}/compose.yaml: services.web "
        "additional properties 'restart_policy' not allowed [default]"
    ]
