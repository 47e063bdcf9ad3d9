"""The ``composecheck`` command line: options in, exit codes out, nothing else.

Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage or input
error. One module per command group; heavy modules are imported inside the commands
that need them.
"""

from __future__ import annotations

import click

from composecheck import __version__
from composecheck.cli import config, render, rules, validate
from composecheck.cli.common import EXIT_INPUT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="composecheck")
def main() -> None:
    """Check Docker Compose stacks and render them per environment."""


for _command in (
    render.render,
    validate.validate,
    validate.baseline,
    config.config_command,
    rules.rules,
    rules.explain,
):
    main.add_command(_command)

__all__ = ["EXIT_INPUT", "main"]
