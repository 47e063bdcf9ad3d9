"""Top-level resources: networks, volumes, secrets, configs and models."""

from __future__ import annotations

from composecheck.model.base import ComposeModel
from composecheck.model.types import StrMapping

__all__ = [
    "IPAM",
    "Config",
    "External",
    "ExternalName",
    "IPAMPool",
    "Model",
    "Network",
    "Secret",
    "Volume",
]


# --------------------------------------------------------------------------------------
# top-level resources
# --------------------------------------------------------------------------------------


class ExternalName(ComposeModel):
    """The deprecated ``external: {name: x}`` form."""

    name: str | None = None


External = bool | ExternalName


class IPAMPool(ComposeModel):
    subnet: str | None = None
    ip_range: str | None = None
    gateway: str | None = None
    aux_addresses: StrMapping | None = None


class IPAM(ComposeModel):
    driver: str | None = None
    config: list[IPAMPool] | None = None
    options: StrMapping | None = None


class Network(ComposeModel):
    name: str | None = None
    driver: str | None = None
    driver_opts: StrMapping | None = None
    ipam: IPAM | None = None
    external: External | None = None
    internal: bool | None = None
    attachable: bool | None = None
    enable_ipv4: bool | None = None
    enable_ipv6: bool | None = None
    labels: StrMapping | None = None


class Volume(ComposeModel):
    name: str | None = None
    driver: str | None = None
    driver_opts: StrMapping | None = None
    external: External | None = None
    labels: StrMapping | None = None


class Secret(ComposeModel):
    name: str | None = None
    file: str | None = None
    environment: str | None = None
    external: External | None = None
    labels: StrMapping | None = None
    driver: str | None = None
    driver_opts: StrMapping | None = None
    template_driver: str | None = None


class Config(ComposeModel):
    name: str | None = None
    file: str | None = None
    environment: str | None = None
    content: str | None = None
    external: External | None = None
    labels: StrMapping | None = None
    template_driver: str | None = None


class Model(ComposeModel):
    """A top-level AI model (``models``)."""

    name: str | None = None
    model: str | None = None
    context_size: int | None = None
    runtime_flags: list[str] | None = None
