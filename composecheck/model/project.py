"""The two document roots: a resolved :class:`Project` and an authored :class:`ComposeFile`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from composecheck.model.base import ClosedModel, ComposeModel
from composecheck.model.errors import parse_as
from composecheck.model.resources import Config, Model, Network, Secret, Volume
from composecheck.model.service import Service
from composecheck.model.types import StrList, none_as_empty, scalar_text

__all__ = [
    "ComposeFile",
    "Configs",
    "Include",
    "Models",
    "Networks",
    "Project",
    "Secrets",
    "Services",
    "Volumes",
    "parse_compose_file",
    "parse_project",
]


class Include(ClosedModel):
    """One ``include`` entry (a string is ``{path: [string]}``)."""

    path: StrList
    project_directory: str | None = None
    env_file: StrList | None = None


def _includes(value: Any) -> Any:
    if isinstance(value, list):
        return [{"path": v} if isinstance(v, str) else v for v in value]
    return value


def _version(value: Any) -> Any:
    return scalar_text(value) if isinstance(value, (int, float)) else value


Services = Annotated[dict[str, Service], BeforeValidator(none_as_empty)]
Networks = Annotated[dict[str, Network], BeforeValidator(none_as_empty)]
Volumes = Annotated[dict[str, Volume], BeforeValidator(none_as_empty)]
Secrets = Annotated[dict[str, Secret], BeforeValidator(none_as_empty)]
Configs = Annotated[dict[str, Config], BeforeValidator(none_as_empty)]
Models = Annotated[dict[str, Model], BeforeValidator(none_as_empty)]


class Project(ComposeModel):
    """The resolved project, as ``docker compose config --format json`` prints it."""

    is_root: ClassVar[bool] = True

    name: str
    services: Services = Field(default_factory=dict)
    networks: Networks | None = None
    volumes: Volumes | None = None
    secrets: Secrets | None = None
    configs: Configs | None = None
    models: Models | None = None


class ComposeFile(ComposeModel):
    """One Compose file as authored (validate it after interpolation)."""

    is_root: ClassVar[bool] = True

    version: Annotated[str, BeforeValidator(_version)] | None = None
    name: str | None = None
    include: Annotated[list[Include], BeforeValidator(_includes)] | None = None
    services: Services | None = None
    networks: Networks | None = None
    volumes: Volumes | None = None
    secrets: Secrets | None = None
    configs: Configs | None = None
    models: Models | None = None


def parse_project(data: Mapping[str, Any]) -> Project:
    """Validate a resolved project (``config --format json`` form) into a :class:`Project`."""
    return parse_as(Project, data)


def parse_compose_file(data: Mapping[str, Any]) -> ComposeFile:
    """Validate one interpolated Compose file into a :class:`ComposeFile`."""
    return parse_as(ComposeFile, data)
