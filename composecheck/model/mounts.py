"""What a service mounts: volumes, binds, tmpfs, and its secrets and configs."""

from __future__ import annotations

from typing import Any, Literal

from composecheck.model.base import ComposeModel
from composecheck.model.types import ByteSize, FileMode, StrMapping, Text, unit
from composecheck.syntax.volume import parse_volume

__all__ = [
    "ServiceConfigRef",
    "ServiceFileRef",
    "ServiceSecretRef",
    "ServiceVolume",
    "VolumeBind",
    "VolumeImage",
    "VolumeOptions",
    "VolumeTmpfs",
    "config_refs_long",
    "secret_refs_long",
    "volumes_long",
]


class ServiceFileRef(ComposeModel):
    """A service's grant of a secret or config (long syntax)."""

    source: str
    target: str | None = None
    uid: Text | None = None
    gid: Text | None = None
    mode: FileMode | None = None


class ServiceSecretRef(ServiceFileRef):
    """Service ``secrets`` entry; ``- name`` → ``{source: name, target: /run/secrets/name}``."""


class ServiceConfigRef(ServiceFileRef):
    """Service ``configs`` entry; ``- name`` → ``{source: name}``."""


def secret_refs_long(value: Any) -> Any:
    if isinstance(value, list):
        return [
            {"source": v, "target": f"/run/secrets/{v}"} if isinstance(v, str) else v for v in value
        ]
    return value


def config_refs_long(value: Any) -> Any:
    if isinstance(value, list):
        return [{"source": v} if isinstance(v, str) else v for v in value]
    return value


class VolumeBind(ComposeModel):
    propagation: str | None = None
    create_host_path: bool | None = None
    selinux: Literal["z", "Z"] | None = None
    recursive: Literal["enabled", "disabled", "writable", "readonly"] | None = None


class VolumeOptions(ComposeModel):
    labels: StrMapping | None = None
    nocopy: bool | None = None
    subpath: str | None = None


class VolumeTmpfs(ComposeModel):
    size: ByteSize | None = None
    mode: int | None = None


class VolumeImage(ComposeModel):
    subpath: str | None = None


class ServiceVolume(ComposeModel):
    """One mount. ``"./src:/app:ro"`` → ``{type: bind, source, target, read_only, bind}``."""

    type: Literal["bind", "volume", "tmpfs", "cluster", "npipe", "image"]
    source: str | None = None
    target: str | None = None
    read_only: bool | None = None
    consistency: str | None = None
    bind: VolumeBind | None = None
    volume: VolumeOptions | None = None
    tmpfs: VolumeTmpfs | None = None
    image: VolumeImage | None = None


def volumes_long(value: Any) -> Any:
    if isinstance(value, list):
        return [unit(parse_volume, v) if isinstance(v, str) else v for v in value]
    return value
