"""One stack, every report format, exactly.

tests/golden/formats/stack holds an error, warnings, an inline ignore that silences a
finding, one that silences nothing (CC001), and a baseline (configured in
.composecheck.toml) with two findings still present and one fixed. Each
``expected.FORMAT`` is the report byte for byte, with composecheck's version as
``@VERSION@``. Regenerate with ``--update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from composecheck import __version__
from composecheck.cli import main

HERE = Path(__file__).parent / "formats"
STACK = HERE / "stack"
FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/golden"}


def report(fmt: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(STACK)
    for name in ("GITHUB_ACTIONS", "DB_PASSWORD", "COMPOSE_FILE", "COMPOSE_PROFILES"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["validate", "--format", fmt], env=ENV)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_golden(
    fmt: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    code, out = report(fmt, monkeypatch)
    golden = HERE / f"expected.{fmt}"
    if request.config.getoption("--update-golden"):
        golden.write_text(out.replace(__version__, "@VERSION@"))
    assert out == golden.read_text().replace("@VERSION@", __version__)
    assert code == 1  # an error is reported: CC201


def test_golden_covers_every_kind_of_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stack keeps what the goldens are meant to show."""
    _, out = report("sarif", monkeypatch)
    results = json.loads(out)["runs"][0]["results"]
    states = sorted(
        (
            r["level"],
            r["suppressions"][0]["kind"] if "suppressions" in r else "",
            r["baselineState"],
        )
        for r in results
    )
    assert states == [
        ("error", "", "new"),
        ("error", "external", "unchanged"),
        ("error", "external", "unchanged"),
        ("warning", "", "new"),
        ("warning", "", "new"),
        ("warning", "", "new"),
        ("warning", "inSource", "new"),
    ]
    _, text = report("text", monkeypatch)
    assert text.endswith(
        "Found 4 problems (1 error, 3 warnings, 0 info).\n"
        "Not reported: 1 suppressed inline, 2 in the baseline, 1 baseline entry fixed.\n"
    )


def test_json_report_follows_its_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parents[2] / "schemas" / "report.schema.json").read_text())
    _, out = report("json", monkeypatch)
    jsonschema.validate(json.loads(out), schema)
    assert [f["suppression"]["kind"] for f in json.loads(out)["suppressed"]] == [
        "inline",
        "baseline",
        "baseline",
    ]
