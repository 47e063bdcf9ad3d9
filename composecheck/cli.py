"""The ``composecheck`` command line: options in, exit codes out, nothing else.

Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage or input
error. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from composecheck import __version__

EXIT_INPUT = 2


def _fail(exc: Exception, *, every: bool = False) -> None:
    """Report ``exc`` on stderr and exit 2; ``every``: its further problems too."""
    from composecheck.errors import InputError

    if isinstance(exc, InputError):
        for error in (exc, *exc.others) if every else (exc,):
            click.echo(error.located(), err=True)
            if error.hint:
                click.echo(f"  hint: {error.hint}", err=True)
    else:  # pragma: no cover - a bug of ours: still no traceback for the user
        click.echo(f"composecheck: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("  hint: please report this with the compose files that caused it", err=True)
    sys.exit(EXIT_INPUT)


def _project_options(func: Any, *, many_environments: bool = False) -> Any:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="composecheck")
def main() -> None:
    """Check Docker Compose stacks and render them per environment."""


@main.command()
@_project_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically).")
@click.option("--no-interpolate", is_flag=True, help="Don't interpolate environment variables.")
@click.option("--no-normalize", is_flag=True, help="Don't normalize the compose model.")
@click.option("--no-path-resolution", is_flag=True, help="Don't resolve file paths.")
@click.option("--no-consistency", is_flag=True, help="Don't check model consistency.")
@click.option("--services", "list_services", is_flag=True, help="Print the service names.")
@click.option("--volumes", "list_volumes", is_flag=True, help="Print the volume names.")
@click.option("--profiles", "list_profiles", is_flag=True, help="Print the profile names.")
@click.option("--images", "list_images", is_flag=True, help="Print the image names.")
@click.option(
    "--redact",
    is_flag=True,
    help="Replace secret values (passwords, tokens, keys) with <redacted>.",
)
def render(
    files: tuple[str, ...],
    env_files: tuple[str, ...],
    project_name: str | None,
    project_directory: str | None,
    profiles: tuple[str, ...],
    environment: str | None,
    config: str | None,
    fmt: str,
    output: str | None,
    no_interpolate: bool,
    no_normalize: bool,
    no_path_resolution: bool,
    no_consistency: bool,
    list_services: bool,
    list_volumes: bool,
    list_profiles: bool,
    list_images: bool,
    redact: bool,
) -> None:
    """Print the resolved project, exactly as `docker compose config` does."""
    import gc

    from composecheck.errors import InputError

    # Loading builds many small containers that all live to the end: collecting them
    # while they are built only costs time (superlinearly on large stacks).
    gc.disable()
    try:
        from composecheck.api import LoadOptions, load, render_loaded

        options = LoadOptions(
            files=files,
            env_files=env_files or None,
            project_name=project_name,
            project_directory=project_directory,
            profiles=profiles or None,
            interpolate=not no_interpolate,
            resolve_paths=not no_path_resolution,
            normalize=not no_normalize,
            consistency=not no_consistency,
            environment_name=environment,
            config=config,
        )
        listing = list_services or list_volumes or list_profiles or list_images
        if no_interpolate and redact:
            raise click.UsageError(
                "--redact works on the resolved project, not with --no-interpolate"
            )
        if no_interpolate and not listing:
            # Compose prints its untyped intermediate model in this mode.
            from composecheck.api import render_uninterpolated

            text, warnings = render_uninterpolated(options, fmt)
        else:
            loaded = load(options)
            warnings = loaded.warnings
            if listing:
                text = _listing(loaded, list_services, list_volumes, list_profiles, list_images)
            else:
                if redact:
                    from composecheck.redact import redact as redact_model
                    from composecheck.redact import scrub_text, secret_values

                    # What CC401 finds anywhere is scrubbed from the text too, so that
                    # --redact never shows a secret that validate would report.
                    values = secret_values(loaded)
                    redact_model(loaded.model)
                    text = scrub_text(render_loaded(loaded, fmt), values)
                else:
                    text = render_loaded(loaded, fmt)
        for warning in warnings:
            click.echo(f'level=warning msg="{_go_quote(warning)}"', err=True)
    except InputError as exc:
        _fail(exc)
        return
    except RecursionError:
        _fail(InputError("the project nests too deeply to load"))
        return
    except Exception as exc:  # a bug of ours: report it without a traceback
        _fail(exc)
        return
    if output:
        from composecheck.atomic import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            _fail(InputError(f"cannot write {output}: {exc.strerror}"))
    else:
        sys.stdout.write(text)
    _finish(0)


def _finish(code: int) -> None:
    """Exit without tearing down the loaded project object by object: on a large stack
    that teardown costs more than the rendering did."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    if sys.stdout is not sys.__stdout__:  # in-process (tests, embedding): exit politely
        sys.exit(code)
    os._exit(code)


def _policy_options(func: Any) -> Any:
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
    func = _project_options(func, many_environments=True)
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
) -> Any:
    from composecheck.validate import ValidateOptions

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


@main.command()
@_policy_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "json", "sarif", "github", "junit", "gitlab"]),
    default="auto",
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
        _fail(exc, every=True)
        return
    except click.ClickException:
        raise
    except Exception as exc:  # a bug of ours: report it without a traceback
        _fail(exc)
        return
    cwd = os.getcwd()
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if outcome.unchanged:
        stacks = "stack" if outcome.unchanged == 1 else "stacks"
        click.echo(
            f"composecheck: {outcome.unchanged} {stacks} unchanged since {changed_since}, "
            "not checked",
            err=True,
        )
    report = _report(fmt, outcome, cwd, colour=output is None and sys.stdout.isatty())
    if output:
        from composecheck.atomic import write_atomic
        from composecheck.findings import Report

        try:
            write_atomic(output, report)
        except OSError as exc:
            _fail(InputError(f"cannot write {output}: {exc.strerror}"))
        findings = outcome.findings
        summary = Report(list(findings)).counts_text()
        total = len(findings)
        noun = "finding" if total == 1 else "findings"
        note = outcome.held().note()
        note = f"; not reported: {note}" if note else ""
        sys.stdout.write(f"{total} {noun} ({summary}){note}; report written to {output}\n")
    else:
        sys.stdout.write(report)
    _finish(1 if outcome.failed() else 0)


def _report(fmt: str, outcome: Any, cwd: str, *, colour: bool) -> str:
    from composecheck.formatters import as_json, text

    findings, held = outcome.findings, outcome.held()
    if fmt == "json":
        return as_json(findings, cwd, held)
    if fmt == "sarif":
        from composecheck.formatters.sarif import as_sarif

        return as_sarif(findings, cwd, held)
    if fmt == "github":
        from composecheck.formatters.github import as_github

        return as_github(findings, cwd)
    if fmt == "junit":
        from composecheck.checks import registry
        from composecheck.formatters.junit import as_junit

        return as_junit(findings, cwd, list(registry().values()), held, outcome.stacks)
    if fmt == "gitlab":
        from composecheck.formatters.gitlab import as_gitlab

        return as_gitlab(findings, cwd)
    return text(findings, cwd, colour=colour, held=held)


@main.command()
@_policy_options
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
        _fail(exc, every=True)
        return
    except OSError as exc:
        _fail(InputError(f"cannot write {target}: {exc.strerror}"))
        return
    from composecheck.formatters import display_path

    total = len(outcome.findings)
    shown = output or display_path(os.path.abspath(target), os.getcwd())
    click.echo(f"{total} finding{'s' if total != 1 else ''} written to {shown}")
    _finish(0)


@main.command("config")
@click.option(
    "--config",
    "config",
    metavar="FILE",
    help="composecheck configuration file (default: found from here upward).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "json"]),
    default="toml",
    show_default=True,
)
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the configuration.")
def config_command(config: str | None, fmt: str, schema: bool) -> None:
    """Print the effective configuration (every key, defaults filled in)."""
    import json
    import os

    from composecheck.errors import InputError

    if schema:
        from composecheck.settings_model import json_schema

        click.echo(json.dumps(json_schema(), indent=2))
        return
    try:
        from composecheck.settings import effective, load_settings

        settings = load_settings(os.getcwd(), config)
        table = effective(settings)
    except InputError as exc:
        _fail(exc, every=True)
        return
    if fmt == "json":
        click.echo(json.dumps({"file": settings.path, "config": table}, indent=2))
        return
    from composecheck.settings import to_toml

    source = settings.path or "none found: defaults"
    click.echo(f"# composecheck configuration ({source})\n{to_toml(table)}", nl=False)


@main.command()
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


@main.command()
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


def _go_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _listing(loaded: Any, services: bool, volumes: bool, profiles: bool, images: bool) -> str:
    model = loaded.model
    lines: list[str] = []
    if services:
        lines += sorted(model.get("services") or {})
    if volumes:
        lines += sorted(model.get("volumes") or {})
    if profiles:
        seen: set[str] = set()
        for service in list((model.get("services") or {}).values()) + list(
            loaded.disabled.values()
        ):
            seen.update(service.get("profiles") or [])
        lines += sorted(seen)
    if images:
        for name, service in sorted((model.get("services") or {}).items()):
            image = service.get("image") or f"{loaded.name}-{name}"
            lines.append(image)
    return "".join(line + "\n" for line in lines)


if __name__ == "__main__":  # pragma: no cover
    main()
