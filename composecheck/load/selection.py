"""Choosing a project before anything is read: variables, files, folder, then its name.

``.env`` is read twice, as Compose does: once before the files are chosen (it may set
``COMPOSE_FILE``) and once from the project folder. The project name is settled before
any file is interpolated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from composecheck.errors import MISSING_FILE, InputError, Problems
from composecheck.load import files as filesel
from composecheck.load.environment import (
    Environment,
    is_env_file,
    load_env_file,
    parse_bool,
    shell_environment,
)
from composecheck.load.options import LoadOptions
from composecheck.load.tree import YMap
from composecheck.location import Loc


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass
class Selection:
    """What a project is made of before anything is read: files, folder, variables."""

    cwd: str
    env: Environment
    files: list[str]
    working_dir: str


def select(options: LoadOptions) -> Selection:
    """The environment and the compose files, chosen as Docker Compose chooses them."""
    cwd = os.path.abspath(options.cwd or os.getcwd())
    shell = shell_environment(options.environ, cwd)
    from composecheck.load.provenance import Provenance

    env = Environment(
        shell,
        problems=Problems(options.keep_going),
        provenance=Provenance(enabled=options.record_provenance or options.keep_going),
    )
    warnings = env.warnings
    if options.readings is not None:
        options.readings.add_variables(env.shell)
        options.readings.add_variables(env.files)

    explicit = [f if f == "-" else os.path.normpath(os.path.join(cwd, f)) for f in options.files]
    project_dir_opt = (
        os.path.normpath(os.path.join(cwd, options.project_directory))
        if options.project_directory
        else None
    )

    # The first pass of `.env` (before the files are chosen) can set COMPOSE_FILE & co.
    if options.env_files:
        for env_file in options.env_files:
            path = os.path.normpath(os.path.join(cwd, env_file))
            load_env_file(env, path, options.named_at.get(path))
    elif shell.get("COMPOSE_ENV_FILES"):
        for env_file in split_list(shell["COMPOSE_ENV_FILES"]):
            load_env_file(env, os.path.normpath(os.path.join(cwd, env_file)))
    else:
        disabled = shell.get("COMPOSE_DISABLE_ENV_FILE")
        if not (disabled and parse_bool(disabled)):
            first_dir = project_dir_opt or (
                os.path.dirname(explicit[0]) if explicit and explicit[0] != "-" else cwd
            )
            dotenv = os.path.join(first_dir, ".env")
            if is_env_file(dotenv):
                load_env_file(env, dotenv)
            elif os.path.isdir(dotenv):
                env.problems.report(
                    InputError(f"{dotenv} is a directory", Loc(dotenv, 1, 1), code=MISSING_FILE)
                )

    if explicit:
        chosen = explicit
    elif env.get("COMPOSE_FILE") is not None:
        try:
            chosen = filesel.from_compose_file_variable(
                env.get("COMPOSE_FILE") or "", env.get("COMPOSE_PATH_SEPARATOR") or os.pathsep, cwd
            )
        except InputError as exc:
            # COMPOSE_FILE set in a .env file: the fix is made at that line.
            exc.loc = exc.loc or env.origin("COMPOSE_FILE")
            raise
    else:
        chosen = filesel.discover(project_dir_opt or cwd, warnings)

    if project_dir_opt:
        working_dir = project_dir_opt
    elif chosen[0] == "-":
        working_dir = cwd
    else:
        working_dir = os.path.dirname(chosen[0])

    # The second pass: the project folder's `.env`, below what the first pass set.
    if not options.env_files and not shell.get("COMPOSE_ENV_FILES"):
        disabled = shell.get("COMPOSE_DISABLE_ENV_FILE")
        dotenv = os.path.join(working_dir, ".env")
        if not (disabled and parse_bool(disabled)) and is_env_file(dotenv):
            second = Environment(shell, {}, {}, warnings, env.notices, env.problems)
            load_env_file(second, dotenv)
            for key, value in second.files.items():
                if key not in env.files:
                    env.files[key] = value
                    env.origins[key] = second.origins[key]
    return Selection(cwd, env, chosen, working_dir)


def project_name(
    options: LoadOptions, env: Environment, model: YMap | None, working_dir: str
) -> str:
    """``-p``, else ``COMPOSE_PROJECT_NAME``, else the files' ``name:``, else the folder."""
    if options.project_name:
        return filesel.check_name(options.project_name)
    from_env = env.get("COMPOSE_PROJECT_NAME")
    if from_env:
        return filesel.check_name(from_env)
    declared = model.get("name") if model is not None else None
    if isinstance(declared, str):
        name = filesel.normalize_name(declared)
    else:
        name = filesel.normalize_name(os.path.basename(working_dir))
    if not name:
        error = InputError(
            "project name must not be empty",
            model.vlocs.get("name") if model else None,
            hint="name the project with `name:`, -p or COMPOSE_PROJECT_NAME",
        )
        folder = filesel.normalize_name(os.path.basename(working_dir))
        if not env.problems.keep_going or not folder:
            raise error
        # Validating: one problem, and the checks go on under the folder's name.
        env.problems.report(error)
        name = folder
    return name


__all__ = ["Selection", "project_name", "select", "split_list"]
