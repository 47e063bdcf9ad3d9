"""`composecheck rules` and `composecheck explain`."""

from __future__ import annotations

from click.testing import CliRunner

from composecheck.checks import registry
from composecheck.cli import main


def test_rules_lists_every_check_once() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.output.splitlines()]
    assert codes == list(registry())
    first = result.output.splitlines()[0]
    assert first == (
        "CC001  unused-ignore                      warning          "
        "a `# composecheck: ignore[...]` comment silences no finding"
    )


def test_explain_by_code_and_by_name() -> None:
    by_code = CliRunner().invoke(main, ["explain", "CC201"])
    by_name = CliRunner().invoke(main, ["explain", "undefined-service"])
    assert by_code.exit_code == by_name.exit_code == 0
    assert by_code.output == by_name.output
    sections = ["What it does", "Why it matters", "Example", "Use instead", "Options"]
    output = by_code.output.splitlines()
    assert [line for line in output if line in sections] == sections
    assert output[0] == "CC201 undefined-service (error)"


def test_explain_unknown_check() -> None:
    result = CliRunner().invoke(main, ["explain", "CC999"])
    assert result.exit_code == 2
    assert "unknown check 'CC999'" in result.output
