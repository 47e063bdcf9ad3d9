"""Which stacks and environments ``composecheck validate`` checks, and with what options.

A stack is a folder (or the files given); its environments are the default stack Docker
Compose would load, each ``compose.NAME.yaml`` and each configured environment.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import InputError

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
    #: Command-line policy: each replaces the configuration's value when given.
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: dict[str, str] = field(default_factory=dict)
    production: Sequence[str] = field(default_factory=tuple)
    fail_on: str | None = None
    #: A baseline file (None: the configuration's, if any).
    baseline: str | None = None
    #: False to report baselined findings too (``composecheck baseline`` itself).
    use_baseline: bool = True
    #: Only stacks that read one of these files (absolute paths): ``--changed-since``.
    changed: set[str] | None = None
    #: PATHs are changed files (as pre-commit passes them): check the stack of each
    #: one's folder, once; folders with no compose file are skipped.
    stacks_of_files: bool = False


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
    if options.stacks_of_files:
        stacks.extend(_stacks_of_files(options.paths, cwd))
    elif options.paths:
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
        # ``[environments.default]`` configures the default environment, not a second one.
        wanted = list(options.environments) or [
            DEFAULT_ENVIRONMENT,
            *sorted(names - {DEFAULT_ENVIRONMENT}),
        ]
        for env in wanted:
            configured = settings.environments.get(env)
            production = _is_production(
                env, configured.production if configured else None, options.production
            )
            out.append(Target(stack, env, production, files, project_dir, where, settings))
    return out


def _stacks_of_files(
    paths: Sequence[str], cwd: str
) -> list[tuple[str, tuple[str, ...], str | None, str]]:
    """The stacks that changed files belong to, once each; files no compose file
    governs are left out."""
    from composecheck.load.files import discover

    out: list[tuple[str, tuple[str, ...], str | None, str]] = []
    seen: set[str] = set()
    for raw in paths:
        path = os.path.normpath(os.path.join(cwd, raw))
        start = path if os.path.isdir(path) else os.path.dirname(path)
        try:
            # From the file's folder upward, as Compose finds the file it would load.
            folder = os.path.dirname(discover(start, [])[0])
        except InputError:
            continue
        if folder not in seen:
            seen.add(folder)
            out.append((folder, (), None, folder))
    return out
