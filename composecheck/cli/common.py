"""What the commands share: exit codes, error reporting, the options naming a project."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from composecheck.errors import InputError

EXIT_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


def fail(exc: Exception, *, every: bool = False, scrub: Callable[[str], str] | None = None) -> None:
    """Report ``exc`` on stderr and exit 2; ``every``: its further problems too.

    What is printed passes through ``scrub`` (Compose's messages quote the values they
    refuse, which may be secrets); without one, provider formats are masked all the same.
    """
    from composecheck.errors import InputError

    if scrub is None:
        from composecheck.secrets.scrub import Scrubber

        scrub = Scrubber()
    if isinstance(exc, InputError):
        for error in (exc, *exc.others) if every else (exc,):
            click.echo(scrub(error.located()), err=True)
            if error.hint:
                click.echo(scrub(f"  hint: {error.hint}"), err=True)
    else:  # pragma: no cover - a bug of ours: still no traceback for the user
        click.echo(scrub(f"composecheck: internal error: {type(exc).__name__}: {exc}"), err=True)
        click.echo("  hint: please report this with the compose files that caused it", err=True)
    sys.exit(EXIT_INPUT)


def cannot_write(path: str, exc: OSError) -> InputError:
    """``-o FILE`` failed: the file as the user named it (and where a link led), and why."""
    from composecheck.errors import InputError

    where = f"{path} (a link to {exc.filename2})" if exc.filename2 else path
    return InputError(f"composecheck: cannot write {where}: {exc.strerror or exc}")


def finish(code: int) -> None:
    """Exit without tearing down the loaded project object by object: on a large stack
    that teardown costs more than the rendering did."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    if sys.stdout is not sys.__stdout__:  # in-process (tests, embedding): exit politely
        sys.exit(code)
    os._exit(code)


def project_options(func: F, *, many_environments: bool = False) -> F:
    """The options of ``docker compose`` that name a project, plus ``--env`` and ``--config``."""
    env_help = (
        "Check only this environment (repeatable; default: the stack as Docker Compose "
        "loads it, plus every compose.NAME.yaml and configured environment)."
        if many_environments
        else "Environment: the base files plus compose.NAME.yaml and .env.NAME."
    )
    options = [
        click.option(
            "-f",
            "--file",
            "files",
            multiple=True,
            metavar="FILE",
            help="Compose configuration file (repeatable; - for stdin).",
        ),
        click.option(
            "--env-file",
            "env_files",
            multiple=True,
            metavar="FILE",
            help="Alternate environment file (repeatable).",
        ),
        click.option("-p", "--project-name", "project_name", metavar="NAME", help="Project name."),
        click.option(
            "--project-directory",
            "project_directory",
            metavar="DIR",
            help="Alternate working directory (default: the first file's folder).",
        ),
        click.option(
            "--profile",
            "profiles",
            multiple=True,
            metavar="PROFILE",
            help="Profile to enable (repeatable).",
        ),
        click.option(
            "--env",
            "environment",
            metavar="NAME",
            multiple=many_environments,
            help=env_help,
        ),
        click.option(
            "--config",
            "config",
            metavar="FILE",
            help="composecheck configuration file (default: .composecheck.toml or "
            "pyproject.toml, from here upward).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
