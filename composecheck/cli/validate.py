"""``composecheck validate`` and ``composecheck baseline``: the checks, on every stack and
environment; a report in the chosen format, or today's findings recorded as a baseline."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from composecheck.cli.common import cannot_write, fail, finish, project_options
from composecheck.formatters import FORMATS

if TYPE_CHECKING:
    from composecheck.validate import Outcome, ValidateOptions

F = TypeVar("F", bound=Callable[..., Any])

#: The ``--format`` besides the registered ones: github inside GitHub Actions, else text.
AUTO = "auto"


def policy_options(func: F) -> F:
    """What `validate` and `baseline` share: stacks, environments and the check policy."""
    options = [
        click.argument("paths", nargs=-1, metavar="[PATH]..."),
        click.option(
            "--select",
            multiple=True,
            metavar="CODE|NAME",
            help="Run only these checks (codes, names or code prefixes; repeatable; "
            "replaces the configuration's select).",
        ),
        click.option(
            "--ignore",
            "ignore_",
            multiple=True,
            metavar="CODE|NAME",
            help="Skip these checks (repeatable; replaces the configuration's ignore).",
        ),
        click.option(
            "--severity",
            "severity",
            multiple=True,
            metavar="CODE=LEVEL",
            help="Report a check at another severity: error, warning or info (repeatable).",
        ),
        click.option(
            "--stacks-of-files",
            is_flag=True,
            help="PATHs are changed files (as pre-commit passes them): check the stack each "
            "belongs to, once; files outside any stack are skipped.",
        ),
    ]
    func = project_options(func, many_environments=True)
    for option in reversed(options):
        func = option(func)
    return func


def _severity_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    from composecheck.checks import registry
    from composecheck.checks.match import match_rule

    out: dict[str, str] = {}
    for pair in pairs:
        code, sep, level = pair.partition("=")
        level = level.strip().lower()
        if not sep or level not in ("error", "warning", "info"):
            raise click.BadParameter(
                f"{pair!r}: write CODE=LEVEL, LEVEL one of error, warning, info",
                param_hint="--severity",
            )
        if not any(match_rule(code.strip(), c.code, c.name) for c in registry().values()):
            raise click.BadParameter(f"no check is called {code!r}", param_hint="--severity")
        out[code.strip()] = level
    return out


def _options(
    paths: tuple[str, ...],
    files: tuple[str, ...],
    env_files: tuple[str, ...],
    project_name: str | None,
    project_directory: str | None,
    profiles: tuple[str, ...],
    environment: tuple[str, ...],
    config: str | None,
    select: tuple[str, ...],
    ignore_: tuple[str, ...],
    severity: tuple[str, ...],
    stacks_of_files: bool,
) -> ValidateOptions:
    from composecheck.validate import ValidateOptions

    # Files named on the command line are the user's to fix before anything can be
    # checked: a usage error, as with `docker compose -f`.
    for name in files:
        if name != "-" and not os.path.exists(name):
            raise click.BadParameter(f"open {name}: no such file or directory", param_hint="-f")
    for name in env_files:
        if not os.path.exists(name):
            raise click.BadParameter(f"couldn't find env file: {name}", param_hint="--env-file")
    return ValidateOptions(
        paths=paths,
        files=files,
        env_files=env_files or None,
        project_name=project_name,
        project_directory=project_directory,
        profiles=profiles or None,
        environments=environment,
        config=config,
        select=select,
        ignore=ignore_,
        severity=_severity_pairs(severity),
        stacks_of_files=stacks_of_files,
    )


@click.command()
@policy_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice([AUTO, *FORMATS]),
    default=AUTO,
    show_default=True,
    help="Report format; auto: github inside GitHub Actions, text elsewhere.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write the report to FILE (atomically); a summary line still goes to the terminal.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the run fail (exit 1). [default: error, or the "
    "configuration's fail-on]",
)
@click.option(
    "--baseline",
    metavar="FILE",
    help="Report only findings not in this baseline (default: the configuration's).",
)
@click.option("--no-baseline", is_flag=True, help="Ignore the configured baseline.")
@click.option(
    "--changed-since",
    metavar="REF",
    help="Check only stacks that read a file changed since REF's merge base with HEAD.",
)
def validate(
    fmt: str,
    output: str | None,
    fail_on: str | None,
    baseline: str | None,
    no_baseline: bool,
    changed_since: str | None,
    **kwargs: Any,
) -> None:
    """Check stacks in every environment; report each problem at the line that caused it.

    PATH is a compose file or a folder; several make a monorepo run, each its own
    project. Exit 0: nothing at or above --fail-on; 1: findings; 2: nothing could be
    checked (usage or input error).
    """
    import os

    from composecheck.errors import InputError
    from composecheck.validate import evaluate

    try:
        options = _options(**kwargs)
        options.fail_on = fail_on
        options.baseline = baseline
        options.use_baseline = not no_baseline
        if changed_since:
            from composecheck.changes import changed_files

            options.changed = changed_files(changed_since, os.getcwd())
        outcome = evaluate(options)
    except InputError as exc:
        fail(exc, every=True)
        return
    except click.ClickException:
        raise
    except Exception as exc:  # a bug of ours: report it without a traceback
        fail(exc)
        return
    cwd = os.getcwd()
    if fmt == AUTO:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if outcome.unchanged:
        stacks = "stack" if outcome.unchanged == 1 else "stacks"
        click.echo(
            f"composecheck: {outcome.unchanged} {stacks} unchanged since {changed_since}, "
            "not checked",
            err=True,
        )
    from composecheck.secrets.scrub import Scrubber

    # Compose's messages quote the values they refuse: secrets among them are masked in
    # every format, as findings show values.
    scrub = Scrubber(outcome.secrets)
    report = scrub(_report(fmt, outcome, cwd, colour=output is None and sys.stdout.isatty()))
    if output:
        from composecheck.atomic import write_atomic
        from composecheck.findings import Report

        try:
            write_atomic(output, report)
        except OSError as exc:
            fail(cannot_write(output, exc))
        findings = outcome.findings
        summary = Report(list(findings)).counts_text()
        total = len(findings)
        noun = "finding" if total == 1 else "findings"
        note = outcome.held().note()
        note = f"; not reported: {note}" if note else ""
        sys.stdout.write(scrub(f"{total} {noun} ({summary}){note}; report written to {output}\n"))
    else:
        sys.stdout.write(report)
    finish(1 if outcome.failed() else 0)


def _report(fmt: str, outcome: Outcome, cwd: str, *, colour: bool) -> str:
    from composecheck.formatters import formatter
    from composecheck.formatters.base import ReportInput

    report = ReportInput(
        outcome.findings, cwd, held=outcome.held(), stacks=outcome.stacks, colour=colour
    )
    return formatter(fmt).render(report)


@click.command()
@policy_options
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Where to write it [default: the configuration's baseline, else "
    ".composecheck-baseline.json].",
)
def baseline(output: str | None, **kwargs: Any) -> None:
    """Record today's findings, so that `validate` reports only new ones.

    Entries hold a fingerprint of each finding (check, file, service, message: no line
    numbers, no values), so they survive edits elsewhere in the file. Commit the file;
    `validate` then counts how many entries are fixed, and `baseline` again drops them.
    """
    import os

    from composecheck.atomic import write_atomic
    from composecheck.errors import InputError
    from composecheck.settings import load_settings
    from composecheck.suppress import BASELINE_NAME, baseline_document
    from composecheck.validate import evaluate

    try:
        options = _options(**kwargs)
        options.use_baseline = False
        outcome = evaluate(options)
        configured = load_settings(os.getcwd(), options.config).baseline
        target = output or configured or BASELINE_NAME
        root = os.path.dirname(os.path.abspath(target))
        os.makedirs(root, exist_ok=True)
        write_atomic(target, baseline_document(outcome.findings, root))
    except InputError as exc:
        fail(exc, every=True)
        return
    except OSError as exc:
        fail(cannot_write(target, exc))
        return
    from composecheck.identity import display_path

    total = len(outcome.findings)
    shown = output or display_path(os.path.abspath(target), os.getcwd())
    click.echo(f"{total} finding{'s' if total != 1 else ''} written to {shown}")
    finish(0)
