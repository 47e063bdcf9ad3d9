"""Typed models of the whole Compose Specification (pydantic v2), for the Python API.

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

The models live in submodules (``types``, ``base``, ``service``, ``build``,
``deploy``, ``mounts``, ``resources``, ``project``, ``errors``); their public names are
re-exported here on first use, so that importing :mod:`composecheck.model` does not
import pydantic: ``render`` and ``validate`` never pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composecheck.model.base import ComposeModel
    from composecheck.model.build import Build, BuildSecret
    from composecheck.model.deploy import (
        BlkioConfig,
        BlkioIopsLimit,
        BlkioLimit,
        BlkioWeight,
        Deploy,
        DeviceRequest,
        DiscreteResourceSpec,
        GenericResource,
        Placement,
        PlacementPreference,
        Resource,
        Resources,
        RestartPolicy,
        Ulimit,
        UpdateConfig,
    )
    from composecheck.model.errors import ModelError, Problem
    from composecheck.model.mounts import (
        ServiceConfigRef,
        ServiceFileRef,
        ServiceSecretRef,
        ServiceVolume,
        VolumeBind,
        VolumeImage,
        VolumeOptions,
        VolumeTmpfs,
    )
    from composecheck.model.project import (
        ComposeFile,
        Include,
        Project,
        parse_compose_file,
        parse_project,
    )
    from composecheck.model.resources import (
        IPAM,
        Config,
        ExternalName,
        IPAMPool,
        Model,
        Network,
        Secret,
        Volume,
    )
    from composecheck.model.service import (
        CredentialSpec,
        Develop,
        DeviceMapping,
        EnvFile,
        Extends,
        Healthcheck,
        Logging,
        PreStartHook,
        Provider,
        Service,
        ServiceDependency,
        ServiceHook,
        ServiceModel,
        ServiceNetwork,
        ServicePort,
        Watch,
    )
    from composecheck.model.types import ByteSize, Cpus, Duration, FileMode, MicroDuration

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

# Which submodule defines each public name.
_WHERE = {
    "IPAM": "resources",
    "BlkioConfig": "deploy",
    "BlkioIopsLimit": "deploy",
    "BlkioLimit": "deploy",
    "BlkioWeight": "deploy",
    "Build": "build",
    "BuildSecret": "build",
    "ByteSize": "types",
    "ComposeFile": "project",
    "ComposeModel": "base",
    "Config": "resources",
    "Cpus": "types",
    "CredentialSpec": "service",
    "Deploy": "deploy",
    "Develop": "service",
    "DeviceMapping": "service",
    "DeviceRequest": "deploy",
    "DiscreteResourceSpec": "deploy",
    "Duration": "types",
    "EnvFile": "service",
    "Extends": "service",
    "ExternalName": "resources",
    "FileMode": "types",
    "GenericResource": "deploy",
    "Healthcheck": "service",
    "IPAMPool": "resources",
    "Include": "project",
    "Logging": "service",
    "MicroDuration": "types",
    "Model": "resources",
    "ModelError": "errors",
    "Network": "resources",
    "Placement": "deploy",
    "PlacementPreference": "deploy",
    "PreStartHook": "service",
    "Problem": "errors",
    "Project": "project",
    "Provider": "service",
    "Resource": "deploy",
    "Resources": "deploy",
    "RestartPolicy": "deploy",
    "Secret": "resources",
    "Service": "service",
    "ServiceConfigRef": "mounts",
    "ServiceDependency": "service",
    "ServiceFileRef": "mounts",
    "ServiceHook": "service",
    "ServiceModel": "service",
    "ServiceNetwork": "service",
    "ServicePort": "service",
    "ServiceSecretRef": "mounts",
    "ServiceVolume": "mounts",
    "Ulimit": "deploy",
    "UpdateConfig": "deploy",
    "Volume": "resources",
    "VolumeBind": "mounts",
    "VolumeImage": "mounts",
    "VolumeOptions": "mounts",
    "VolumeTmpfs": "mounts",
    "Watch": "service",
    "parse_compose_file": "project",
    "parse_project": "project",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value
