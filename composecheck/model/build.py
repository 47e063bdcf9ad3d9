"""``build``: the build of a service image."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator

from composecheck.model.base import ComposeModel
from composecheck.model.deploy import Ulimits
from composecheck.model.types import (
    ByteSize,
    EnvMapping,
    ExtraHosts,
    FileMode,
    StrMapping,
    Text,
    scalar_text,
)

__all__ = ["Build", "BuildSecret", "build_long"]


class BuildSecret(ComposeModel):
    """A secret granted to a build (short syntax ``- name`` → ``{source: name}``)."""

    source: str
    target: str | None = None
    uid: Text | None = None
    gid: Text | None = None
    mode: FileMode | None = None


def _build_secrets(value: Any) -> Any:
    if isinstance(value, list):
        return [{"source": v} if isinstance(v, str) else v for v in value]
    return value


def _ssh_list(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [k if v is None else f"{k}={scalar_text(v)}" for k, v in value.items()]
    return value


class Build(ComposeModel):
    """``build``: a string is the context (``build: ./dir`` → ``{context: ./dir}``)."""

    context: str | None = None
    dockerfile: str | None = None
    dockerfile_inline: str | None = None
    args: EnvMapping | None = None
    ssh: Annotated[list[str], BeforeValidator(_ssh_list)] | None = None
    labels: StrMapping | None = None
    cache_from: list[str] | None = None
    cache_to: list[str] | None = None
    no_cache: bool | None = None
    additional_contexts: StrMapping | None = None
    network: str | None = None
    provenance: bool | str | None = None
    sbom: bool | str | None = None
    pull: bool | None = None
    target: str | None = None
    shm_size: ByteSize | None = None
    extra_hosts: ExtraHosts | None = None
    isolation: str | None = None
    privileged: bool | None = None
    secrets: Annotated[list[BuildSecret], BeforeValidator(_build_secrets)] | None = None
    tags: list[str] | None = None
    ulimits: Ulimits | None = None
    platforms: list[str] | None = None
    entitlements: list[str] | None = None


def build_long(value: Any) -> Any:
    """``build: ./dir`` is ``build: {context: ./dir}``."""
    return {"context": value} if isinstance(value, str) else value
