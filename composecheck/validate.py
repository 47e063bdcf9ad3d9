"""``composecheck validate``: every stack, every environment, every check, one report.

A stack is loaded once per environment (the default stack Docker Compose would load,
plus each ``compose.NAME.yaml`` and configured environment). What stops loading becomes
a finding of its own (CC1xx, or the reference check it corresponds to); otherwise
every check runs on the resolved project. Findings that several environments share
are reported once, naming them all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import InputError
from composecheck.findings import Finding, Severity, merge_environments

PRODUCTION_NAMES = frozenset({"prod", "production", "staging"})
DEFAULT_ENVIRONMENT = "default"


@dataclass
class ValidateOptions:
    paths: Sequence[str] = ()
    files: Sequence[str] = ()
    env_files: Sequence[str] | None = None
    project_name: str | None = None
    project_directory: str | None = None
    profiles: Sequence[str] | None = None
    environments: Sequence[str] = ()
    config: str | None = None
    environ: dict[str, str] | None = None
    cwd: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    production: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Target:
    """One stack in one environment."""

    stack: str  # the folder (or first file) that names the stack
    environment: str
    production: bool
    files: tuple[str, ...]
    project_directory: str | None
    #: Where the stack is loaded from: a PATH folder is loaded as if run inside it.
    cwd: str
    settings: Any = None


# Loader errors, by the words Compose uses, to the check that reports them.
_ERROR_CODES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"mapping key .* already defined"), "CC102", "duplicate-key"),
    (
        re.compile(
            r"^(failed to parse .*: )?yaml: |^yaml: |cannot unmarshal|empty compose file"
            r"|top-level object must be a mapping|non-string key|map merge requires"
        ),
        "CC101",
        "yaml-syntax",
    ),
    (re.compile(r"^validating .*additional properties"), "CC103", "unknown-attribute"),
    (
        re.compile(
            r"^validating |^decoding failed|invalid hostPort|invalid (IP|ip) address"
            r"|must be greater than|healthcheck.test must start|can't set distinct"
            r"|conflicting parameters|must be set$|mutually exclusive$|cannot override"
            r"|invalid proto|invalid containerPort|invalid mount|failed to cast to expected type"
        ),
        "CC104",
        "invalid-value",
    ),
    (re.compile(r"interpolat|required variable"), "CC106", "interpolation-error"),
    (
        re.compile(
            r"no such file or directory|couldn't find env file|not found: stat"
            r"|is a directory|no configuration file provided"
        ),
        "CC107",
        "missing-file",
    ),
    (
        re.compile(r"depends on undefined service|cannot extend service|service \".*\" not found"),
        "CC201",
        "undefined-service",
    ),
    (re.compile(r"dependency cycle|Circular reference|include cycle"), "CC202", "dependency-cycle"),
    (re.compile(r"undefined network"), "CC205", "undefined-network"),
    (re.compile(r"undefined volume"), "CC207", "undefined-volume"),
    (
        re.compile(r"undefined (build )?secret|undefined config"),
        "CC209",
        "undefined-secret-or-config",
    ),
    (
        re.compile(r"container name .* already in use|can't set container_name"),
        "CC212",
        "duplicate-container-name",
    ),
]


def finding_from_error(exc: InputError) -> Finding:
    """A loader error as a finding, under the check whose subject it is."""
    code, name = "CC104", "invalid-value"
    for pattern, this_code, this_name in _ERROR_CODES:
        if pattern.search(exc.message):
            code, name = this_code, this_name
            break
    loc = exc.loc
    message = _one_line(exc.message, loc.file if loc else None)
    return Finding(
        code=code,
        name=name,
        severity=Severity.ERROR,
        message=message,
        hint=exc.hint or "Docker Compose refuses this project until it is fixed",
        file=loc.file if loc else None,
        line=loc.line if loc else None,
        column=loc.col if loc else None,
    )


def _one_line(message: str, file: str | None) -> str:
    """Compose's message on one line, without what the finding's location already says."""
    if file is not None:
        for prefix in (f"validating {file}: ", f"failed to parse {file}: "):
            if message.startswith(prefix):
                message = message[len(prefix) :]
    message = message.removeprefix("decoding failed due to the following error(s):")
    return " ".join(line.strip() for line in message.splitlines() if line.strip())


def _is_production(name: str, configured: bool | None, extra: Sequence[str]) -> bool:
    if configured is not None:
        return configured
    return name in PRODUCTION_NAMES or name in extra


def targets(options: ValidateOptions) -> list[Target]:
    """Every (stack, environment) pair to check."""
    from composecheck.api import _known_environments
    from composecheck.load.files import discover
    from composecheck.settings import load_settings

    cwd = os.path.abspath(options.cwd or os.getcwd())
    # (stack name, files, --project-directory, folder it is loaded from)
    stacks: list[tuple[str, tuple[str, ...], str | None, str]] = []
    if options.paths:
        for raw in options.paths:
            path = os.path.normpath(os.path.join(cwd, raw))
            if os.path.isdir(path):
                stacks.append((path, (), None, path))
            elif os.path.isfile(path):
                stacks.append((path, (path,), None, os.path.dirname(path)))
            else:
                raise InputError(f"open {path}: no such file or directory")
    else:
        project_dir = (
            os.path.normpath(os.path.join(cwd, options.project_directory))
            if options.project_directory
            else None
        )
        files = tuple(os.path.join(cwd, f) for f in options.files)
        stacks.append((cwd, files, project_dir, cwd))
    out: list[Target] = []
    for stack, files, project_dir, where in stacks:
        folder = project_dir or (os.path.dirname(files[0]) if files else where)
        settings = load_settings(folder, options.config)
        names = set(settings.environments)
        if files or os.path.isdir(folder):
            try:
                first = files[0] if files else discover(folder, [])[0]
                names |= _known_environments(os.path.dirname(first))
            except InputError:
                pass
        wanted = list(options.environments) or [DEFAULT_ENVIRONMENT, *sorted(names)]
        for env in wanted:
            configured = settings.environments.get(env)
            production = _is_production(
                env, configured.production if configured else None, options.production
            )
            out.append(Target(stack, env, production, files, project_dir, where, settings))
    return out


def check_target(target: Target, options: ValidateOptions) -> list[Finding]:
    """Load one environment of one stack and run every selected check on it."""
    from composecheck.api import LoadOptions, load
    from composecheck.checks import Context, registry

    load_options = LoadOptions(
        files=target.files,
        env_files=options.env_files,
        project_name=options.project_name,
        project_directory=target.project_directory,
        profiles=options.profiles,
        environ=options.environ,
        cwd=target.cwd,
        consistency=False,
        prune=False,
        environment_name=None if target.environment == DEFAULT_ENVIRONMENT else target.environment,
        config=options.config,
    )
    try:
        loaded = load(load_options)
    except InputError as exc:
        return [finding_from_error(error) for error in (exc, *exc.others)]
    ctx = Context(
        loaded,
        target.environment,
        target.production,
        os.path.abspath(options.cwd or os.getcwd()),
        settings=target.settings,
    )
    findings: list[Finding] = []
    for check in registry().values():
        if not _selected(check.code, check.name, options):
            continue
        if check.production_only and not target.production:
            continue
        findings.extend(check.run(ctx))
    return findings


def _selected(code: str, name: str, options: ValidateOptions) -> bool:
    def matches(items: Sequence[str]) -> bool:
        return any(
            i.upper() == code or i.lower() == name or code.startswith(i.upper()) for i in items
        )

    if options.select and not matches(options.select):
        return False
    return not (options.ignore and matches(options.ignore))


def run(options: ValidateOptions) -> list[Finding]:
    """All findings of every stack and environment, merged across environments."""
    per_stack: dict[str, list[tuple[str, list[Finding]]]] = {}
    for target in targets(options):
        findings = check_target(target, options)
        if (
            len(findings) == 1
            and findings[0].file is None
            and findings[0].message.startswith("no configuration file provided")
        ):
            # Nothing to check at all is a usage error (exit 2), not a finding.
            raise InputError(
                f"{findings[0].message} in {target.cwd}",
                hint="run in a folder with compose.yaml, or name files with -f",
            )
        per_stack.setdefault(target.stack, []).append((target.environment, findings))
    out: list[Finding] = []
    for results in per_stack.values():
        out.extend(merge_environments(results))
    return sorted(out, key=Finding.sort_key)
