from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must mean a change broke
# something); developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the reference binary",
    )


SARIF_SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "reference"
    / "sarif"
    / "sarif-schema-2.1.0.json"
)


@pytest.fixture(autouse=True, scope="session")
def every_sarif_report_is_valid() -> Iterator[None]:
    """Every SARIF log the suite makes through ``as_sarif`` (the CLI looks it up at call
    time) is checked against the official SARIF 2.1.0 schema, when ../shared has it."""
    if not SARIF_SCHEMA.is_file():
        yield
        return
    import jsonschema

    from composecheck.formatters import sarif

    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    original = sarif.as_sarif

    def checked(*args: Any, **kwargs: Any) -> str:
        log = original(*args, **kwargs)
        errors = [
            f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(log))
        ]
        assert not errors, "invalid SARIF:\n" + "\n".join(errors)
        return log

    sarif.as_sarif = checked
    try:
        yield
    finally:
        sarif.as_sarif = original
