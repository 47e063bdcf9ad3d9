"""Resource limits and ``deploy``: blkio, ulimits, device requests, placement, policies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from composecheck.model.base import ClosedModel, ComposeModel
from composecheck.model.types import ByteSize, Cpus, Duration, StrMapping

__all__ = [
    "BlkioConfig",
    "BlkioIopsLimit",
    "BlkioLimit",
    "BlkioWeight",
    "Deploy",
    "DeviceRequest",
    "DiscreteResourceSpec",
    "GenericResource",
    "Placement",
    "PlacementPreference",
    "Resource",
    "Resources",
    "RestartPolicy",
    "Ulimit",
    "Ulimits",
    "UpdateConfig",
]


class BlkioLimit(ClosedModel):
    path: str
    rate: ByteSize


class BlkioIopsLimit(ClosedModel):
    path: str
    rate: int


class BlkioWeight(ClosedModel):
    path: str
    weight: int = Field(ge=10, le=1000)


class BlkioConfig(ClosedModel):
    weight: int | None = Field(default=None, ge=10, le=1000)
    weight_device: list[BlkioWeight] | None = None
    device_read_bps: list[BlkioLimit] | None = None
    device_read_iops: list[BlkioIopsLimit] | None = None
    device_write_bps: list[BlkioLimit] | None = None
    device_write_iops: list[BlkioIopsLimit] | None = None


class Ulimit(ComposeModel):
    soft: int
    hard: int


Ulimits = dict[str, int | Ulimit]


def _device_count(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == "all":
        return -1
    return value


class DeviceRequest(ComposeModel):
    """A device reservation (``deploy.resources.reservations.devices``, ``gpus``).

    ``count: all`` is held as ``-1``, as Docker Compose prints it.
    """

    capabilities: list[str] | None = None
    driver: str | None = None
    count: Annotated[int, BeforeValidator(_device_count)] | None = None
    device_ids: list[str] | None = None
    options: StrMapping | None = None


# --------------------------------------------------------------------------------------
# deploy
# --------------------------------------------------------------------------------------


class DiscreteResourceSpec(ComposeModel):
    kind: str | None = None
    value: int | None = None


class GenericResource(ComposeModel):
    discrete_resource_spec: DiscreteResourceSpec | None = None


class Resource(ComposeModel):
    """``limits`` / ``reservations`` (only reservations may hold devices)."""

    cpus: Cpus | None = None
    memory: ByteSize | None = None
    pids: int | None = None
    devices: list[DeviceRequest] | None = None
    generic_resources: list[GenericResource] | None = None


class Resources(ComposeModel):
    limits: Resource | None = None
    reservations: Resource | None = None


class PlacementPreference(ComposeModel):
    spread: str | None = None


class Placement(ComposeModel):
    constraints: list[str] | None = None
    preferences: list[PlacementPreference] | None = None
    max_replicas_per_node: int | None = None


class RestartPolicy(ComposeModel):
    condition: str | None = None
    delay: Duration | None = None
    max_attempts: int | None = None
    window: Duration | None = None


class UpdateConfig(ComposeModel):
    """``update_config`` and ``rollback_config``."""

    parallelism: int | None = None
    delay: Duration | None = None
    failure_action: str | None = None
    monitor: Duration | None = None
    max_failure_ratio: float | None = None
    order: Literal["start-first", "stop-first"] | None = None


class Deploy(ComposeModel):
    mode: str | None = None
    replicas: int | None = None
    labels: StrMapping | None = None
    endpoint_mode: str | None = None
    placement: Placement | None = None
    resources: Resources | None = None
    restart_policy: RestartPolicy | None = None
    rollback_config: UpdateConfig | None = None
    update_config: UpdateConfig | None = None
