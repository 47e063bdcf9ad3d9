"""A service and its parts (build, deploy and mounts have their own modules)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from composecheck.model.base import ClosedModel, ComposeModel
from composecheck.model.build import Build, build_long
from composecheck.model.deploy import BlkioConfig, Deploy, DeviceRequest, Ulimits
from composecheck.model.mounts import (
    ServiceConfigRef,
    ServiceSecretRef,
    ServiceVolume,
    config_refs_long,
    secret_refs_long,
    volumes_long,
)
from composecheck.model.types import (
    ByteSize,
    Cpus,
    Duration,
    EnvMapping,
    ExtraHosts,
    MicroDuration,
    ShellCommand,
    StrList,
    StrMapping,
    Text,
    TextList,
    names_as_mapping,
    unit,
)
from composecheck.syntax.device import parse_device
from composecheck.syntax.port import parse_port

__all__ = [
    "CredentialSpec",
    "Develop",
    "DeviceMapping",
    "EnvFile",
    "Extends",
    "Healthcheck",
    "Logging",
    "PreStartHook",
    "Provider",
    "Service",
    "ServiceDependency",
    "ServiceHook",
    "ServiceModel",
    "ServiceNetwork",
    "ServicePort",
    "Watch",
]


class CredentialSpec(ComposeModel):
    config: str | None = None
    file: str | None = None
    registry: str | None = None


class ServiceDependency(ComposeModel):
    """One entry of ``depends_on``; the short syntax gives ``service_started``, required."""

    condition: (
        Literal["service_started", "service_healthy", "service_completed_successfully"] | None
    ) = None
    restart: bool | None = None
    required: bool | None = None


def _depends_on(value: Any) -> Any:
    if isinstance(value, list):
        out: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"list items must be service names, not {item!r}")
            out[item] = {"condition": "service_started", "required": True}
        return out
    return value


class DeviceMapping(ComposeModel):
    """``devices``: ``"/dev/a:/dev/b:rwm"`` → ``{source, target, permissions}``."""

    source: str | None = None
    target: str | None = None
    permissions: str | None = None


def _devices(value: Any) -> Any:
    if isinstance(value, list):
        return [unit(parse_device, v) if isinstance(v, str) else v for v in value]
    return value


class EnvFile(ClosedModel):
    """One ``env_file`` entry (a string is ``{path: ...}``)."""

    path: str
    required: bool | None = None
    format: str | None = None


def _env_files(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        return [{"path": v} if isinstance(v, str) else v for v in value]
    return value


class Extends(ClosedModel):
    """``extends`` (a string is ``{service: ...}``)."""

    service: str
    file: str | None = None


def _extends(value: Any) -> Any:
    return {"service": value} if isinstance(value, str) else value


def _healthcheck_test(value: Any) -> Any:
    return ["CMD-SHELL", value] if isinstance(value, str) else value


class Healthcheck(ComposeModel):
    """``healthcheck`` (a string ``test`` is ``["CMD-SHELL", test]``)."""

    test: Annotated[list[str], BeforeValidator(_healthcheck_test)] | None = None
    interval: Duration | None = None
    timeout: Duration | None = None
    retries: int | None = None
    start_period: Duration | None = None
    start_interval: Duration | None = None
    disable: bool | None = None


class ServiceHook(ComposeModel):
    """``post_start`` / ``pre_stop`` entries and ``develop.watch[].exec``."""

    command: ShellCommand | None = None
    user: str | None = None
    privileged: bool | None = None
    working_dir: str | None = None
    environment: EnvMapping | None = None


class PreStartHook(ServiceHook):
    """``pre_start`` entries: a hook run in its own container."""

    image: str | None = None
    per_replica: bool | None = None


class Logging(ComposeModel):
    driver: str | None = None
    options: StrMapping | None = None


class ServiceModel(ComposeModel):
    """A service's use of a top-level model (long syntax of service ``models``)."""

    endpoint_var: str | None = None
    model_var: str | None = None


class ServiceNetwork(ComposeModel):
    """How a service joins one network (values of the service's ``networks`` mapping)."""

    aliases: list[str] | None = None
    interface_name: str | None = None
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    link_local_ips: list[str] | None = None
    mac_address: str | None = None
    driver_opts: StrMapping | None = None
    gw_priority: int | None = None
    priority: int | None = None


class ServicePort(ComposeModel):
    """One published port. A short string expands to one entry per port of its range.

    ``published`` is text (it may be a range such as ``"8000-8010"``).
    """

    name: str | None = None
    mode: str | None = None
    host_ip: str | None = None
    target: int | None = None
    published: Text | None = None
    protocol: str | None = None
    app_protocol: str | None = None


def _ports(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    out: list[Any] = []
    for item in value:
        if isinstance(item, (str, int)) and not isinstance(item, bool):
            out.extend(unit(parse_port, str(item)))
        else:
            out.append(item)
    return out


class Provider(ComposeModel):
    """``provider``: a service whose lifecycle is delegated to an external component."""

    type: str
    options: dict[str, Text | list[Text]] | None = None


# --------------------------------------------------------------------------------------
# develop
# --------------------------------------------------------------------------------------


class Watch(ComposeModel):
    """One ``develop.watch`` rule."""

    path: str
    action: Literal["rebuild", "sync", "restart", "sync+restart", "sync+exec"]
    target: str | None = None
    exec: ServiceHook | None = None
    ignore: StrList | None = None
    include: StrList | None = None
    initial_sync: bool | None = None


class Develop(ComposeModel):
    watch: list[Watch] | None = None


# --------------------------------------------------------------------------------------
# service
# --------------------------------------------------------------------------------------


class Service(ComposeModel):
    """One service definition (every attribute of the Compose Specification)."""

    annotations: StrMapping | None = None
    attach: bool | None = None
    blkio_config: BlkioConfig | None = None
    build: Annotated[Build, BeforeValidator(build_long)] | None = None
    cap_add: list[str] | None = None
    cap_drop: list[str] | None = None
    cgroup: Literal["host", "private"] | None = None
    cgroup_parent: str | None = None
    command: ShellCommand | None = None
    configs: Annotated[list[ServiceConfigRef], BeforeValidator(config_refs_long)] | None = None
    container_name: str | None = None
    cpu_count: int | None = None
    cpu_percent: int | None = Field(default=None, ge=0, le=100)
    cpu_period: int | None = None
    cpu_quota: int | None = None
    cpu_rt_period: MicroDuration | None = None
    cpu_rt_runtime: MicroDuration | None = None
    cpu_shares: int | None = None
    cpus: Cpus | None = None
    cpuset: str | None = None
    credential_spec: CredentialSpec | None = None
    depends_on: Annotated[dict[str, ServiceDependency], BeforeValidator(_depends_on)] | None = None
    deploy: Deploy | None = None
    develop: Develop | None = None
    device_cgroup_rules: list[str] | None = None
    devices: Annotated[list[DeviceMapping], BeforeValidator(_devices)] | None = None
    dns: StrList | None = None
    dns_opt: list[str] | None = None
    dns_search: StrList | None = None
    domainname: str | None = None
    entrypoint: ShellCommand | None = None
    env_file: Annotated[list[EnvFile], BeforeValidator(_env_files)] | None = None
    environment: EnvMapping | None = None
    expose: TextList | None = None
    extends: Annotated[Extends, BeforeValidator(_extends)] | None = None
    external_links: list[str] | None = None
    extra_hosts: ExtraHosts | None = None
    gpus: Literal["all"] | list[DeviceRequest] | None = None
    group_add: TextList | None = None
    healthcheck: Healthcheck | None = None
    hostname: str | None = None
    image: str | None = None
    init: bool | None = None
    ipc: str | None = None
    isolation: str | None = None
    label_file: StrList | None = None
    labels: StrMapping | None = None
    links: list[str] | None = None
    logging: Logging | None = None
    mac_address: str | None = None
    mem_limit: ByteSize | None = None
    mem_reservation: ByteSize | None = None
    mem_swappiness: int | None = Field(default=None, ge=0, le=100)
    memswap_limit: ByteSize | None = None
    models: Annotated[dict[str, ServiceModel | None], BeforeValidator(names_as_mapping)] | None = (
        None
    )
    network_mode: str | None = None
    networks: (
        Annotated[dict[str, ServiceNetwork | None], BeforeValidator(names_as_mapping)] | None
    ) = None
    oom_kill_disable: bool | None = None
    oom_score_adj: int | None = Field(default=None, ge=-1000, le=1000)
    pid: str | None = None
    pids_limit: int | None = None
    platform: str | None = None
    ports: Annotated[list[ServicePort], BeforeValidator(_ports)] | None = None
    post_start: list[ServiceHook] | None = None
    pre_start: list[PreStartHook] | None = None
    pre_stop: list[ServiceHook] | None = None
    privileged: bool | None = None
    profiles: list[str] | None = None
    provider: Provider | None = None
    pull_policy: str | None = None
    pull_refresh_after: str | None = None
    read_only: bool | None = None
    restart: str | None = None
    runtime: str | None = None
    scale: int | None = None
    secrets: Annotated[list[ServiceSecretRef], BeforeValidator(secret_refs_long)] | None = None
    security_opt: list[str] | None = None
    shm_size: ByteSize | None = None
    stdin_open: bool | None = None
    stop_grace_period: Duration | None = None
    stop_signal: str | None = None
    storage_opt: StrMapping | None = None
    sysctls: StrMapping | None = None
    tmpfs: StrList | None = None
    tty: bool | None = None
    ulimits: Ulimits | None = None
    use_api_socket: bool | None = None
    user: str | None = None
    userns_mode: str | None = None
    uts: str | None = None
    volumes: Annotated[list[ServiceVolume], BeforeValidator(volumes_long)] | None = None
    volumes_from: list[str] | None = None
    working_dir: str | None = None
