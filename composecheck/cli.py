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


def _fail(exc: Exception) -> None:
    from composecheck.errors import InputError

    if isinstance(exc, InputError):
        click.echo(exc.located(), err=True)
        if exc.hint:
            click.echo(f"  hint: {exc.hint}", err=True)
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
        from composecheck.render import write_atomic

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


def _validate_options(func: Any) -> Any:
    return _project_options(func, many_environments=True)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@_validate_options
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
    default="error",
    show_default=True,
    help="Lowest severity that makes the run fail (exit 1).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE|NAME",
    help="Run only these checks (codes, names or code prefixes; repeatable).",
)
@click.option(
    "--ignore",
    "ignore_",
    multiple=True,
    metavar="CODE|NAME",
    help="Skip these checks (repeatable).",
)
def validate(
    paths: tuple[str, ...],
    files: tuple[str, ...],
    env_files: tuple[str, ...],
    project_name: str | None,
    project_directory: str | None,
    profiles: tuple[str, ...],
    environment: tuple[str, ...],
    config: str | None,
    fmt: str,
    output: str | None,
    fail_on: str,
    select: tuple[str, ...],
    ignore_: tuple[str, ...],
) -> None:
    """Check stacks in every environment; report each problem at the line that caused it.

    PATH is a compose file or a folder; several make a monorepo run, each its own
    project. Exit 0: nothing at or above --fail-on; 1: findings; 2: nothing could be
    checked (usage or input error).
    """
    import os

    from composecheck.errors import InputError
    from composecheck.findings import Severity
    from composecheck.validate import ValidateOptions, run

    options = ValidateOptions(
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
    )
    try:
        findings = run(options)
    except InputError as exc:
        _fail(exc)
        return
    cwd = os.getcwd()
    import os as _os

    if fmt == "auto":
        fmt = "github" if _os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    report = _report(fmt, findings, cwd, colour=output is None and sys.stdout.isatty())
    if output:
        from composecheck.findings import Report
        from composecheck.render import write_atomic

        try:
            write_atomic(output, report)
        except OSError as exc:
            _fail(InputError(f"cannot write {output}: {exc.strerror}"))
        counts = Report(list(findings)).summary()
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        total = len(findings)
        noun = "finding" if total == 1 else "findings"
        sys.stdout.write(f"{total} {noun} ({summary}); report written to {output}\n")
    else:
        sys.stdout.write(report)
    threshold = Severity.parse(fail_on)
    _finish(1 if any(f.severity >= threshold for f in findings) else 0)


def _report(fmt: str, findings: Any, cwd: str, *, colour: bool) -> str:
    from composecheck.formatters import as_json, text

    if fmt == "json":
        return as_json(findings, cwd)
    if fmt == "sarif":
        from composecheck.formatters.sarif import as_sarif

        return as_sarif(findings, cwd)
    if fmt == "github":
        from composecheck.formatters.github import as_github

        return as_github(findings, cwd)
    if fmt == "junit":
        from composecheck.checks import registry
        from composecheck.formatters.junit import as_junit

        return as_junit(findings, cwd, list(registry().values()))
    if fmt == "gitlab":
        from composecheck.formatters.gitlab import as_gitlab

        return as_gitlab(findings, cwd)
    return text(findings, cwd, colour=colour)


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
