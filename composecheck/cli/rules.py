"""``composecheck rules`` and ``composecheck explain``: the checks and their documentation."""

from __future__ import annotations

import sys

import click

from composecheck.cli.common import EXIT_INPUT


@click.command()
def rules() -> None:
    """List every check: code, name, default severity, what it finds."""
    from composecheck.checks import registry

    for check in registry().values():
        severity = check.severity.label
        if check.production_only:
            severity = f"prod: {(check.production_severity or check.severity).label}"
        elif check.production_severity is not None:
            severity = f"{severity} (prod: {check.production_severity.label})"
        click.echo(f"{check.code}  {check.name:<34} {severity:<16} {check.summary}")


@click.command()
@click.argument("rule", metavar="CODE|NAME")
def explain(rule: str) -> None:
    """Print a check's documentation."""
    from composecheck.checks import find
    from composecheck.docs import explain_text

    check = find(rule)
    if check is None:
        click.echo(f"unknown check {rule!r}; `composecheck rules` lists them", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(explain_text(check), nl=False)
