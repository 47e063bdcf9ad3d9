"""CC106 interpolation-error: reported by the loader, at the value holding the template."""

from __future__ import annotations

from pathlib import Path

from composecheck.checks import find
from tests.checks.helpers import lines, validate

DOC = find("CC106").doc  # type: ignore[union-attr]


def test_doc_example(tmp_path: Path) -> None:
    [finding] = validate(tmp_path, {"compose.yaml": DOC.example})
    assert (finding.code, finding.file, finding.line, finding.column) == (
        "CC106",
        str(tmp_path / "compose.yaml"),
        3,
        12,
    )
    assert finding.message == (
        "invalid interpolation format for services.web.image. "
        "You may need to escape any $ with another $. nginx:${NGINX_VERSION"
    )
    assert lines(tmp_path / "fixed", {"compose.yaml": DOC.use_instead}, select=("CC1",)) == []


def test_required_variable_missing_only_in_production(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n",
        "compose.prod.yaml": (
            "services:\n  web:\n    environment:\n"
            "      SENTRY_DSN: ${SENTRY_DSN:?set SENTRY_DSN in .env.prod}\n"
        ),
        ".env.prod": "# the DSN is still missing\n",
    }
    assert lines(tmp_path, files, select=("CC1",)) == [
        "compose.prod.yaml:4:19: CC106 error error while interpolating "
        "services.web.environment.SENTRY_DSN: required variable SENTRY_DSN is missing a "
        "value: set SENTRY_DSN in .env.prod [prod]"
    ]
    # Set in .env.prod, it loads.
    files[".env.prod"] = "SENTRY_DSN=https://key@sentry.example.com/1\n"
    assert lines(tmp_path / "set", files, select=("CC1",)) == []
