"""The public Python API: load a project (with positions) and render it.

>>> from composecheck import LoadOptions, load_project, render_project
>>> project = load_project(LoadOptions(files=["compose.yaml"], environment_name="prod"))
>>> project.locate("services.db.environment.POSTGRES_PASSWORD")   # doctest: +SKIP
Loc(file='/srv/app/compose.yaml', line=14, col=26, origin=None)
>>> print(render_project(project, "json"))                        # doctest: +SKIP

Everything else in the package is private and may change.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from composecheck.deep import deep
from composecheck.errors import InputError
from composecheck.load.project import LoadedProject
from composecheck.load.project import LoadOptions as _StageOptions
from composecheck.load.readings import Readings
from composecheck.load.tree import Path, YMap, locate
from composecheck.location import Loc

__all__ = ["InputError", "LoadOptions", "Loc", "Project", "load_project", "render_project"]


@dataclass
class LoadOptions(_StageOptions):
    """The options of ``docker compose`` (the loader's own, see load/options.py), plus
    composecheck's ``--env`` and configuration file."""

    environment_name: str | None = None
    config: str | None = None


ENV_FILE_PATTERNS = (
    "compose.{}.yaml",
    "compose.{}.yml",
    "docker-compose.{}.yaml",
    "docker-compose.{}.yml",
)


def _environment_files(
    options: LoadOptions,
) -> tuple[list[str], list[str] | None, LoadOptions]:
    """Files and env files for ``--env NAME``: the configuration's, else the convention's."""
    from composecheck.load.files import discover
    from composecheck.settings import load_settings

    name = options.environment_name
    assert name is not None
    cwd = os.path.abspath(options.cwd or os.getcwd())
    settings = load_settings(cwd, options.config, checks=False)
    configured = settings.environments.get(name)
    if configured is not None:
        files = list(configured.files) or [os.path.join(cwd, f) for f in options.files]
        env_files = (
            list(configured.env_files) if configured.env_files is not None else options.env_files
        )
        updated = replace(
            options,
            named_at={**configured.named_at, **options.named_at},
            profiles=options.profiles or configured.profiles,
            project_name=options.project_name or configured.project_name,
            project_directory=options.project_directory or configured.project_directory,
        )
        return files, list(env_files) if env_files else None, updated
    if options.files:
        files = [os.path.join(cwd, f) for f in options.files]
    else:
        start = os.path.join(cwd, options.project_directory or ".")
        files = [f for f in discover(start, []) if ".override." not in os.path.basename(f)]
    folder = os.path.dirname(files[0])
    extra = next(
        (
            os.path.join(folder, pattern.format(name))
            for pattern in ENV_FILE_PATTERNS
            if os.path.isfile(os.path.join(folder, pattern.format(name)))
        ),
        None,
    )
    if extra is None:
        known = sorted(_known_environments(folder) | set(settings.environments))
        raise InputError(
            f'unknown environment "{name}": no compose.{name}.yaml in {folder}'
            + (
                f" and no [tool.composecheck.environments.{name}] in {settings.path}"
                if settings.path
                else ""
            ),
            hint=("known environments: " + ", ".join(known))
            if known
            else "this stack has no compose.NAME.yaml files",
        )
    env_files = options.env_files
    if env_files is None:
        candidates = [os.path.join(folder, ".env"), os.path.join(folder, f".env.{name}")]
        env_files = [c for c in candidates if os.path.isfile(c)] or None
    # A file the project already lists (with -f or COMPOSE_FILE) is not merged twice.
    listed = {os.path.normpath(f) for f in files}
    chosen = files if os.path.normpath(extra) in listed else [*files, extra]
    return chosen, list(env_files) if env_files else None, options


def _known_environments(folder: str) -> set[str]:
    names: set[str] = set()
    for entry in os.listdir(folder):
        for prefix in ("compose.", "docker-compose."):
            for suffix in (".yaml", ".yml"):
                if entry.startswith(prefix) and entry.endswith(suffix):
                    middle = entry[len(prefix) : -len(suffix)]
                    if middle and "." not in middle and middle != "override":
                        names.add(middle)
    return names


class Project:
    """A resolved project: the model Compose would run, and where each value was written."""

    def __init__(self, loaded: LoadedProject) -> None:
        self._loaded = loaded

    @property
    def name(self) -> str:
        return self._loaded.name

    @property
    def working_dir(self) -> str:
        return self._loaded.working_dir

    @property
    def files(self) -> list[str]:
        return list(self._loaded.files)

    @property
    def warnings(self) -> list[str]:
        return list(self._loaded.warnings)

    def to_dict(self) -> dict[str, Any]:
        """The canonical model as plain dicts and lists."""
        return self._loaded.to_dict()

    def locate(self, path: str | Path) -> Loc | None:
        """Where the value at ``path`` (``"services.db.image"`` or a tuple) was written."""
        if isinstance(path, str):
            parts: list[str | int] = []
            for part in path.split("."):
                parts.append(int(part) if part.isdigit() else part)
            path = tuple(parts)
        return locate(self._loaded.model, path)

    def model(self) -> Any:
        """The typed pydantic model of the resolved project."""
        from composecheck.model import parse_project

        return parse_project(self.to_dict())


def _stage_options(options: LoadOptions) -> _StageOptions:
    files: Sequence[str] = options.files
    env_files = options.env_files
    if options.environment_name:
        files, env_files, options = _environment_files(options)
    # The loader's own options, as given, with the environment's files chosen.
    stage = {f.name: getattr(options, f.name) for f in fields(_StageOptions)}
    return _StageOptions(**{**stage, "files": files, "env_files": env_files})


@deep
def load(options: LoadOptions) -> LoadedProject:
    """Load with the stage options (internal: the CLI wants the positioned tree)."""
    from composecheck.load.project import load_project as run

    return run(_stage_options(options))


@deep
def render_uninterpolated(options: LoadOptions, fmt: str = "yaml") -> tuple[str, list[str]]:
    """``config --no-interpolate``: Compose's untyped intermediate model, and warnings."""
    from composecheck.load.pipeline import load_untyped
    from composecheck.render_untyped import render_untyped

    trees: list[YMap] = []
    model, warnings = load_untyped(_stage_options(options), trees)
    return render_untyped(model, fmt, trees), warnings


def load_project(options: LoadOptions | None = None, **kwargs: Any) -> Project:
    """Load a project as ``docker compose`` would; raises :class:`InputError`."""
    return Project(load(options or LoadOptions(**kwargs)))


@deep
def render_loaded(loaded: LoadedProject, fmt: str = "yaml") -> str:
    from composecheck.render import render

    return render(loaded.model, fmt)


@deep
def render_redacted(
    loaded: LoadedProject, fmt: str = "yaml", readings: Readings | None = None
) -> str:
    """``render --redact``: secret values replaced with ``<redacted>``, in the model and,
    for what CC401 finds anywhere, in the text too, so that --redact never shows a secret
    that validate would report; so are the secrets among what the load read
    (``readings``: a token interpolated into ``image``) and provider formats anywhere."""
    from composecheck.redact import REDACTED, redact, scrub_text, secret_values
    from composecheck.secrets.scrub import Scrubber
    from composecheck.secrets.scrub import secret_values as read_secrets

    values = secret_values(loaded)
    read = read_secrets(readings, loaded.model)
    redact(loaded.model)
    text = scrub_text(render_loaded(loaded, fmt), values)
    # What is left: those values lowercased (a project name) or in part, the others.
    return Scrubber({*values, *read}, REDACTED)(text)


def list_names(
    loaded: LoadedProject, *, services: bool, volumes: bool, profiles: bool, images: bool
) -> str:
    """``render --services/--volumes/--profiles/--images``: one name a line, each list
    sorted, in that order."""
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


def render_project(project: Project, fmt: str = "yaml") -> str:
    """``docker compose config`` output: ``"yaml"`` or ``"json"``."""
    return render_loaded(project._loaded, fmt)
