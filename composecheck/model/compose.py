"""Typed models of the whole Compose Specification (pydantic v2).

Two roots share every other model:

* :class:`ComposeFile` -- one file as authored (``version``, ``include``, short syntax
  everywhere). Validate it on **interpolated** data: a typed field such as ``ports`` or
  ``replicas`` cannot hold a ``${VAR}`` template, so interpolation comes first, exactly
  as in Docker Compose, where typing follows interpolation.
* :class:`Project` -- the resolved project, as ``docker compose config --format json``
  prints it (long syntax everywhere; ``name`` required; no ``version``/``include``).

Short and long syntaxes are accepted everywhere and normalised, while validating, to
the one long form Docker Compose itself builds (a short port string becomes one
:class:`ServicePort` per port of its range, ``"./src:/app:ro"`` a
:class:`ServiceVolume`, ``environment: [K=V]`` a mapping, ``command: "a b"`` a list, and
so on). Units are typed: durations are ``int`` nanoseconds, byte sizes ``int`` bytes,
``cpus`` a ``float``, file modes ``int``. Dumping with :meth:`ComposeModel.to_dict`
prints them back in the canonical text form (Go durations, decimal byte strings, octal
modes), so ``parse_project(doc).to_dict() == doc`` for a document ``config`` printed.

Only syntax is normalised here: nothing depends on the environment or the file system
(paths stay as written, resource names are not computed, defaults such as
``dockerfile: Dockerfile`` are not filled in). That is the renderer's job.

Keys outside the specification are refused, except ``x-*`` extensions, kept in the
``extensions`` attribute of the model that holds them (and printed back in place).
:func:`parse_project` and :func:`parse_compose_file` turn pydantic's errors into a
:class:`ModelError` listing every problem as a path, a message and, for unknown keys, a
"did you mean" hint.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
    model_validator,
)

from composecheck.errors import InputError
from composecheck.location import Loc
from composecheck import syntax as units

__all__ = [
    "IPAM",
    "BlkioConfig",
    "BlkioIopsLimit",
    "BlkioLimit",
    "BlkioWeight",
    "Build",
    "BuildSecret",
    "ByteSize",
    "ComposeFile",
    "ComposeModel",
    "Config",
    "Cpus",
    "CredentialSpec",
    "Deploy",
    "Develop",
    "DeviceMapping",
    "DeviceRequest",
    "DiscreteResourceSpec",
    "Duration",
    "EnvFile",
    "Extends",
    "ExternalName",
    "FileMode",
    "GenericResource",
    "Healthcheck",
    "IPAMPool",
    "Include",
    "Logging",
    "MicroDuration",
    "Model",
    "ModelError",
    "Network",
    "Placement",
    "PlacementPreference",
    "PreStartHook",
    "Problem",
    "Project",
    "Provider",
    "Resource",
    "Resources",
    "RestartPolicy",
    "Secret",
    "Service",
    "ServiceConfigRef",
    "ServiceDependency",
    "ServiceFileRef",
    "ServiceHook",
    "ServiceModel",
    "ServiceNetwork",
    "ServicePort",
    "ServiceSecretRef",
    "ServiceVolume",
    "Ulimit",
    "UpdateConfig",
    "Volume",
    "VolumeBind",
    "VolumeImage",
    "VolumeOptions",
    "VolumeTmpfs",
    "Watch",
    "parse_compose_file",
    "parse_project",
]

_EXTENSIONS_KEY = "\x00x-extensions"  # never a key of a YAML document
_T = TypeVar("_T")


# --------------------------------------------------------------------------------------
# Scalar conversions
# --------------------------------------------------------------------------------------


def _unit(fn: Callable[[Any], _T], value: Any) -> _T:
    """Call a :mod:`units` parser; whatever it raises becomes a ``ValueError``."""
    try:
        return fn(value)
    except ValueError:
        raise
    except Exception as exc:  # InputError, TypeError, ...: pydantic only collects ValueError
        raise ValueError(str(exc)) from exc


def _scalar_text(value: Any) -> Any:
    """A YAML scalar as the string Docker Compose makes of it (other values unchanged)."""
    if isinstance(value, (bool, int, float)):
        return units.go_string(value)
    return value


def _to_duration(value: Any) -> Any:
    if isinstance(value, str):
        return _unit(units.parse_duration, value)
    raise ValueError(f"must be a duration string such as '1m30s', not {value!r}")


def _to_micro_duration(value: Any) -> Any:
    """An integer of microseconds, or a duration string (``cpu_rt_runtime: 400ms``)."""
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
        return _unit(units.parse_duration, text) // 1000
    return value


def _to_bytes(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"must be a byte value such as '512m', not {value!r}")
    if isinstance(value, (int, float, str)):
        return _unit(units.parse_bytes, value)
    return value


def _to_cpus(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return _unit(units.parse_cpus, value)
    return value


def _cpus_out(value: float) -> float | int:
    """``1.0`` prints as ``1`` (Go's encoding), fractional values unchanged."""
    return int(value) if value.is_integer() else value


def _to_mode(value: Any) -> Any:
    if isinstance(value, (str, int)):
        return _unit(units.parse_file_mode, value)
    return value


def _to_str(value: Any) -> Any:
    """Numbers and booleans become strings (``published: 8080``, ``uid: 103``)."""
    return _scalar_text(value)


def _str_or_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _str_items(value: Any) -> Any:
    """A string or a list whose numeric items become strings (``expose: [3306]``)."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        value = [value]
    if isinstance(value, list):
        return [_scalar_text(v) for v in value]
    return value


def _shell_command(value: Any) -> Any:
    if isinstance(value, str):
        return _unit(units.shell_split, value)
    return value


def _split_assignment(entry: str) -> tuple[str, str | None]:
    key, sep, val = entry.partition("=")
    return key, (val if sep else None)


def _env_mapping(value: Any) -> Any:
    """``[K=V, K]`` or ``{K: V}`` → ``{K: "V" | None}`` (numbers and booleans as text)."""
    if isinstance(value, list):
        out: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"list items must be strings 'KEY=VALUE', not {item!r}")
            key, val = _split_assignment(item)
            out[key] = val
        return out
    if isinstance(value, Mapping):
        return {k: _scalar_text(v) for k, v in value.items()}
    return value


def _str_mapping(value: Any) -> Any:
    """Labels-like: ``[k=v, k]`` or ``{k: v}`` → ``{k: "v"}``; a missing value is ``""``."""
    value = _env_mapping(value)
    if isinstance(value, dict):
        return {k: "" if v is None else v for k, v in value.items()}
    return value


def _extra_hosts(value: Any) -> Any:
    """List of ``host=ip`` / ``host:ip``, or a mapping host → ip(s): → sorted ``["host=ip"]``."""
    if isinstance(value, (list, Mapping)):
        return _unit(units.render_extra_hosts, dict(value) if isinstance(value, Mapping) else value)
    return value


def _none_as_empty(value: Any) -> Any:
    """Top-level resources may be declared with no body (``volumes: {data: }``)."""
    if isinstance(value, Mapping):
        return {k: ({} if v is None else v) for k, v in value.items()}
    return value


def _names_as_mapping(value: Any) -> Any:
    """``[a, b]`` → ``{a: None, b: None}`` (service ``networks``, ``models``)."""
    if isinstance(value, list):
        out: dict[str, None] = {}
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"list items must be names, not {item!r}")
            out[item] = None
        return out
    return value


# --------------------------------------------------------------------------------------
# Typed units
# --------------------------------------------------------------------------------------

#: A Go duration (``"1m30s"``) held as integer nanoseconds, printed back Go-style.
Duration = Annotated[
    int,
    BeforeValidator(_to_duration),
    PlainSerializer(lambda ns: units.format_duration(ns), return_type=str),
]
#: Microseconds given as an integer or as a duration (``cpu_rt_runtime``), held as int.
MicroDuration = Annotated[int, BeforeValidator(_to_micro_duration)]
#: A byte value (``"512m"``, ``1073741824``) held as int bytes, printed as a decimal string.
ByteSize = Annotated[int, BeforeValidator(_to_bytes), PlainSerializer(str, return_type=str)]
#: A number of CPUs (number or numeric string), held as float, printed as a number.
Cpus = Annotated[float, BeforeValidator(_to_cpus), PlainSerializer(_cpus_out)]
#: A file mode (``0440``, ``"0440"``), held as int, printed as an octal string.
FileMode = Annotated[
    int, BeforeValidator(_to_mode), PlainSerializer(units.format_file_mode, return_type=str)
]
#: A string written as a number, a boolean or a string.
Text = Annotated[str, BeforeValidator(_to_str)]

StrList = Annotated[list[str], BeforeValidator(_str_or_list)]
TextList = Annotated[list[str], BeforeValidator(_str_items)]
ShellCommand = Annotated[list[str], BeforeValidator(_shell_command)]
EnvMapping = Annotated[dict[str, str | None], BeforeValidator(_env_mapping)]
StrMapping = Annotated[dict[str, str], BeforeValidator(_str_mapping)]
ExtraHosts = Annotated[list[str], BeforeValidator(_extra_hosts)]


# --------------------------------------------------------------------------------------
# Base model
# --------------------------------------------------------------------------------------


class ComposeModel(BaseModel):
    """Base of every model: unknown keys refused, ``x-*`` keys kept in ``extensions``."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    #: ``x-*`` keys found in this mapping (printed back in place by :meth:`to_dict`).
    extensions: dict[str, Any] = Field(
        default_factory=dict, validation_alias=_EXTENSIONS_KEY, exclude=True, repr=False
    )

    #: Whether this mapping may hold ``x-*`` keys (a few spec objects may not).
    allows_extensions: ClassVar[bool] = True
    #: Whether this model is a document root (its extensions are kept by ``"top"``).
    is_root: ClassVar[bool] = False

    @model_validator(mode="before")
    @classmethod
    def _split_extensions(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or not cls.allows_extensions:
            return data
        ext = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith("x-")}
        if not ext:
            return data
        rest = {k: v for k, v in data.items() if k not in ext}
        rest[_EXTENSIONS_KEY] = ext
        return rest

    @model_serializer(mode="wrap")
    def _join_extensions(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        out = handler(self)
        if self.extensions and isinstance(out, dict):
            context = info.context if isinstance(info.context, Mapping) else {}
            which = context.get("extensions", "all")
            if which == "all" or (which == "top" and self.is_root):
                out.update(self.extensions)
        return out

    @classmethod
    def keys(cls) -> list[str]:
        """The keys this mapping accepts, spelled as in the specification."""
        return [
            info.alias or name for name, info in cls.model_fields.items() if name != "extensions"
        ]

    def to_dict(self, *, extensions: Literal["all", "top", "none"] = "all") -> dict[str, Any]:
        """The canonical JSON-compatible form: what was set, units printed as text.

        ``extensions="top"`` keeps only the document's top-level ``x-*`` keys, as
        ``docker compose config --format json`` does.
        """
        result: dict[str, Any] = self.model_dump(
            mode="json", by_alias=True, exclude_unset=True, context={"extensions": extensions}
        )
        return result


class _Closed(ComposeModel):
    """A spec object that does not accept ``x-*`` keys."""

    allows_extensions: ClassVar[bool] = False


# --------------------------------------------------------------------------------------
# Service sub-objects
# --------------------------------------------------------------------------------------


class BlkioLimit(_Closed):
    path: str
    rate: ByteSize


class BlkioIopsLimit(_Closed):
    path: str
    rate: int


class BlkioWeight(_Closed):
    path: str
    weight: int = Field(ge=10, le=1000)


class BlkioConfig(_Closed):
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
        return [k if v is None else f"{k}={_scalar_text(v)}" for k, v in value.items()]
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


def _build(value: Any) -> Any:
    return {"context": value} if isinstance(value, str) else value


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
        return [_unit(units.parse_device, v) if isinstance(v, str) else v for v in value]
    return value


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


class EnvFile(_Closed):
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


class Extends(_Closed):
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
            out.extend(_unit(units.parse_port, str(item)))
        else:
            out.append(item)
    return out


class Provider(ComposeModel):
    """``provider``: a service whose lifecycle is delegated to an external component."""

    type: str
    options: dict[str, Text | list[Text]] | None = None


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


def _secret_refs(value: Any) -> Any:
    if isinstance(value, list):
        return [
            {"source": v, "target": f"/run/secrets/{v}"} if isinstance(v, str) else v for v in value
        ]
    return value


def _config_refs(value: Any) -> Any:
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


def _volumes(value: Any) -> Any:
    if isinstance(value, list):
        return [_unit(units.parse_volume, v) if isinstance(v, str) else v for v in value]
    return value


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
    build: Annotated[Build, BeforeValidator(_build)] | None = None
    cap_add: list[str] | None = None
    cap_drop: list[str] | None = None
    cgroup: Literal["host", "private"] | None = None
    cgroup_parent: str | None = None
    command: ShellCommand | None = None
    configs: Annotated[list[ServiceConfigRef], BeforeValidator(_config_refs)] | None = None
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
    models: Annotated[dict[str, ServiceModel | None], BeforeValidator(_names_as_mapping)] | None = (
        None
    )
    network_mode: str | None = None
    networks: (
        Annotated[dict[str, ServiceNetwork | None], BeforeValidator(_names_as_mapping)] | None
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
    secrets: Annotated[list[ServiceSecretRef], BeforeValidator(_secret_refs)] | None = None
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
    volumes: Annotated[list[ServiceVolume], BeforeValidator(_volumes)] | None = None
    volumes_from: list[str] | None = None
    working_dir: str | None = None


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


class Include(_Closed):
    """One ``include`` entry (a string is ``{path: [string]}``)."""

    path: StrList
    project_directory: str | None = None
    env_file: StrList | None = None


def _includes(value: Any) -> Any:
    if isinstance(value, list):
        return [{"path": v} if isinstance(v, str) else v for v in value]
    return value


def _version(value: Any) -> Any:
    return _scalar_text(value) if isinstance(value, (int, float)) else value


Services = Annotated[dict[str, Service], BeforeValidator(_none_as_empty)]
Networks = Annotated[dict[str, Network], BeforeValidator(_none_as_empty)]
Volumes = Annotated[dict[str, Volume], BeforeValidator(_none_as_empty)]
Secrets = Annotated[dict[str, Secret], BeforeValidator(_none_as_empty)]
Configs = Annotated[dict[str, Config], BeforeValidator(_none_as_empty)]
Models = Annotated[dict[str, Model], BeforeValidator(_none_as_empty)]


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


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where, what, and how to fix it if we can tell."""

    path: Path
    message: str
    hint: str | None = None
    loc: Loc | None = None

    @property
    def dotted(self) -> str:
        """``services.web.ports[0].target``."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def __str__(self) -> str:
        text = f"{self.dotted}: {self.message}" if self.path else self.message
        if self.hint:
            text += f" ({self.hint})"
        return f"{self.loc}: {text}" if self.loc else text


class ModelError(InputError):
    """A document does not fit the model; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(
            "\n".join(str(p) for p in self.problems) or "invalid compose model",
            first.loc if first else None,
            first.hint if first else None,
        )

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)


_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "a boolean",
    "bool_parsing": "a boolean",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
}


def _unwrap(tp: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the type that gives the structure."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _pick_member(members: Sequence[Any], tag: str) -> Any:
    """The member of a union that pydantic's loc ``tag`` names."""
    for member in members:
        inner = _unwrap(member)
        if _is_model(inner) and inner.__name__ == tag:
            return member
    head = tag.split("[", 1)[0]
    for member in members:
        inner = _unwrap(member)
        origin = typing.get_origin(inner)
        name = getattr(origin or inner, "__name__", "")
        if name == head or (origin is Literal and head == "literal"):
            return member
    return members[0] if members else None


def _walk(root: type[BaseModel], loc: Sequence[str | int]) -> tuple[Path, Any, Path | None]:
    """Follow pydantic's ``loc`` through the models: the user's path (union tags dropped),
    the model holding the last key (for hints) and where the first union was met."""
    union_at: Path | None = None
    path: list[str | int] = []
    tp: Any = root
    parent: Any = None
    for part in loc:
        tp = _unwrap(tp) if tp is not None else None
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):  # a union member's tag, not a key
            tp = _pick_member([a for a in typing.get_args(tp) if a is not type(None)], str(part))
            if union_at is None:
                union_at = tuple(path)
            continue
        path.append(part)
        if _is_model(tp):
            parent = tp
            field = next(
                (
                    f
                    for n, f in tp.model_fields.items()
                    if (f.alias or n) == part and n != "extensions"
                ),
                None,
            )
            tp = field.annotation if field is not None else None
        elif origin in (list, tuple):
            args = typing.get_args(tp)
            tp = args[0] if args else None
        elif origin is dict:
            args = typing.get_args(tp)
            tp = args[1] if len(args) == 2 else None
        else:
            tp = None
    return tuple(path), parent, union_at


def _locate(data: Any, path: Path) -> Loc | None:
    """Where ``path`` was written, when ``data`` is a positioned tree (YMap/YList)."""
    found: Loc | None = getattr(data, "loc", None)
    node = data
    for part in path:
        vlocs = getattr(node, "vlocs", None)
        try:
            if isinstance(node, Mapping):
                if vlocs is not None and part in vlocs:
                    found = vlocs[part]
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int):
                if isinstance(vlocs, list) and part < len(vlocs) and vlocs[part] is not None:
                    found = vlocs[part]
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return found


def _message(kind: str, err: Any, path: Path, parent: Any) -> tuple[str, str | None]:
    if kind == "extra_forbidden" and path:
        key = str(path[-1])
        hint = None
        if _is_model(parent) and issubclass(parent, ComposeModel):
            close = difflib.get_close_matches(key, parent.keys(), n=1, cutoff=0.6)
            if close:
                hint = f"did you mean '{close[0]}'?"
        return f"additional property '{key}' not allowed", hint
    if kind == "missing":
        return "is required", None
    if kind in _TYPE_WORDS:
        return f"must be {_TYPE_WORDS[kind]}", None
    message = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message, None


def _problems(root: type[BaseModel], exc: ValidationError, data: Any) -> list[Problem]:
    found: list[tuple[Path, str, str | None, Path | None]] = []
    for err in exc.errors(include_url=False):
        path, parent, union_at = _walk(root, err["loc"])
        message, hint = _message(err["type"], err, path, parent)
        found.append((path, message, hint, union_at))
    # When one member of a union matched the value's shape (its errors lie deeper), the
    # other members' "must be a boolean" at the union itself is noise.
    deeper = {u for path, _, _, u in found if u is not None and len(path) > len(u)}
    grouped: dict[Path, list[str]] = {}
    hints: dict[Path, str | None] = {}
    for path, message, hint, union_at in found:
        if union_at is not None and union_at in deeper and path == union_at:
            continue
        messages = grouped.setdefault(path, [])
        if message not in messages:
            messages.append(message)
        if hint and not hints.get(path):
            hints[path] = hint
    out = []
    for path, messages in grouped.items():
        types_ = [m[len("must be ") :] for m in messages if m.startswith("must be ")]
        if len(types_) > 1:  # a union's members failed one by one
            others = [m for m in messages if not m.startswith("must be ")]
            messages = ["must be " + " or ".join(types_), *others]
        out.append(Problem(path, "; ".join(messages), hints.get(path), _locate(data, path)))
    return out


_M = TypeVar("_M", bound=ComposeModel)


def _parse(cls: type[_M], data: Any) -> _M:
    if not isinstance(data, Mapping):
        raise ModelError([Problem((), "a Compose document must be a mapping")])
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise ModelError(_problems(cls, exc, data)) from None


def parse_project(data: Mapping[str, Any]) -> Project:
    """Validate a resolved project (``config --format json`` form) into a :class:`Project`."""
    return _parse(Project, data)


def parse_compose_file(data: Mapping[str, Any]) -> ComposeFile:
    """Validate one interpolated Compose file into a :class:`ComposeFile`."""
    return _parse(ComposeFile, data)
