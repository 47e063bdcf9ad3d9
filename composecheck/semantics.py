"""Compose's semantic and consistency rules, written once.

Each rule is a function of the (merged, normalised) model that yields a problem per
violation, carrying the code of the check that reports it. ``render`` raises the first
(as Docker Compose stops there); ``validate`` reports them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any

from composecheck.errors import (
    DEPENDENCY_CYCLE,
    DUPLICATE_CONTAINER_NAME,
    INVALID_RESOURCE_LIMIT,
    INVALID_VALUE,
    MISSING_IMAGE,
    NETWORK_MODE_CONFLICT,
    UNDEFINED_NETWORK,
    UNDEFINED_SECRET_OR_CONFIG,
    UNDEFINED_SERVICE,
    UNDEFINED_VOLUME,
    InputError,
)
from composecheck.load.tree import YList, YMap
from composecheck.syntax.port import go_ip

# Consistency rules that checks CC201, CC202, CC205, CC207, CC209, CC212, CC214 and CC303
# also apply themselves (with the services profiles disable, links, volumes_from...).
MIRRORED = frozenset(
    {
        UNDEFINED_SERVICE,
        DEPENDENCY_CYCLE,
        UNDEFINED_NETWORK,
        UNDEFINED_VOLUME,
        UNDEFINED_SECRET_OR_CONFIG,
        DUPLICATE_CONTAINER_NAME,
        NETWORK_MODE_CONFLICT,
        INVALID_RESOURCE_LIMIT,
    }
)


def _services(model: YMap) -> YMap:
    services = model.get("services")
    return services if isinstance(services, YMap) else YMap()


def _as_go_int(value: object) -> int | None:
    """A number as Compose's ``int`` field holds it (a float64 out of range is
    MinInt64, a uint64 wraps); None for anything else."""
    from composecheck.gocompat.gotypes import decode_field, go_type

    if go_type(value) not in ("int", "uint64", "float64"):
        return None
    result: int = decode_field(value, "int")
    return result


def resource_rules(model: YMap) -> Iterator[InputError]:
    """What Compose refuses in a resource or service on its own (before names and
    paths are settled): a secret or config without a source, a healthcheck test
    without its kind, negative replicas, an external volume with settings."""
    for section in ("secrets", "configs"):
        resources = model.get(section)
        if not isinstance(resources, YMap):
            continue
        # As Compose: two sources are refused even next to `external`; none is fine
        # with a `driver` or an `external` key (whatever its value).
        keys = ("file", "environment", "content")[: 3 if section == "configs" else 2]
        for name, resource in resources.items():
            if not isinstance(resource, YMap):
                continue
            sources = [k for k in keys if k in resource]
            if len(sources) > 1:
                yield InputError(
                    f"{section}.{name}: {'|'.join(keys)} attributes are mutually exclusive",
                    resources.vloc(name),
                )
            if not sources and "driver" not in resource and "external" not in resource:
                yield InputError(
                    f"{section}.{name}: one of {'|'.join(keys)} must be set",
                    resources.kloc(name),
                )
    for name, service in _services(model).items():
        for port in service.get("ports") or []:
            # Compose checks every host_ip of the merged model, long syntax included.
            ip = port.get("host_ip") if isinstance(port, YMap) else None
            if isinstance(ip, str) and not go_ip(ip):
                yield InputError(
                    f"services.{name}.ports.[]: invalid ip address: {ip}", port.vloc("host_ip")
                )
    # Only volumes refuse settings next to `external` (networks, secrets and configs
    # accept and ignore them).
    volumes = model.get("volumes")
    if isinstance(volumes, YMap):
        for name, volume in volumes.items():
            if not isinstance(volume, YMap) or not volume.get("external"):
                continue
            for key in ("driver", "driver_opts", "labels"):
                if key in volume:
                    yield InputError(
                        f'volumes.{name}: conflicting parameters "external" and "{key}" specified',
                        volume.kloc(key),
                        hint="an external volume is created outside Compose: drop "
                        f"`{key}` or `external`",
                    )


def _service_values(name: str, service: YMap) -> Iterator[InputError]:
    """Values Compose checks only on the services a run enables (consistency rules):
    the healthcheck's first word, and a scale or replica count below zero."""
    health = service.get("healthcheck")
    test = health.get("test") if isinstance(health, YMap) else None
    if isinstance(test, YList) and test and test[0] not in ("CMD", "CMD-SHELL", "NONE"):
        yield InputError(
            'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
            test.vloc(0),
            hint='write ["CMD", "prog", "arg"], ["CMD-SHELL", "a shell command"] or ["NONE"]',
        )
    scale = _as_go_int(service.get("scale"))
    if scale is not None and scale < 0:
        yield InputError(
            f"services.{name}.scale: must be greater than or equal to 0",
            service.vloc("scale"),
        )
    deploy = service.get("deploy")
    replicas = _as_go_int(deploy.get("replicas")) if isinstance(deploy, YMap) else None
    if isinstance(deploy, YMap) and replicas is not None and replicas < 0:
        yield InputError(
            f"services.{name}.deploy.replicas: must be greater than or equal to 0",
            deploy.vloc("replicas"),
        )


def references(model: YMap, incomplete: Set[str] = frozenset()) -> Iterator[InputError]:
    """Compose's consistency rules, in its order: dependencies, settings written twice,
    then per service its image, network mode, networks, volumes, secrets and configs;
    then dependency cycles. ``incomplete`` services (a problem already reported left
    them without what they would have had) are not blamed for a missing image."""
    services = _services(model)
    for name in sorted(services):
        service = services[name]
        deps = service.get("depends_on")
        if isinstance(deps, YMap):
            for dep in list(deps):
                entry = deps[dep]
                required = entry.get("required", True) if isinstance(entry, YMap) else True
                if dep not in services and required:
                    yield InputError(
                        f'service "{name}" depends on undefined service "{dep}": '
                        "invalid compose project",
                        deps.kloc(dep),
                        code=UNDEFINED_SERVICE,
                    )
    for name in sorted(services):
        yield from distinct_values(name, services[name])
    for name in sorted(services):
        service = services[name]
        if (
            # Compose tests the image's text: empty (`image: ${UNSET}`) is none.
            service.get("image") in (None, "")
            and "build" not in service
            and "provider" not in service
            and name not in incomplete
        ):
            yield InputError(
                f'service "{name}" has neither an image nor a build context specified: '
                "invalid compose project",
                services.kloc(name),
                hint="set `image:` to pull one, or `build:` to build it; if this file only "
                "adjusts a service, check its name against the base file",
                code=MISSING_IMAGE,
            )
        if "network_mode" in service and "networks" in service:
            yield InputError(
                f"service {name} declares mutually exclusive `network_mode` and "
                "`networks`: invalid compose project",
                service.kloc("network_mode"),
                code=NETWORK_MODE_CONFLICT,
            )
        yield from _networks(name, service, _declared(model, "networks"), False)
        yield from _volumes(name, service, _declared(model, "volumes"), "")
        yield from _secrets_and_configs(name, service, model)
        yield from _service_values(name, service)
    for name in sorted(services):
        yield from mounts(name, services[name])
    secrets = model.get("secrets")
    for key, secret in secrets.items() if isinstance(secrets, YMap) else ():
        # A `driver` passes the structural check, not this one.
        if (
            isinstance(secret, YMap)
            and not secret.get("external")
            and not secret.get("file")
            and not secret.get("environment")
        ):
            yield InputError(
                f'secret "{key}" must declare either `file` or `environment`: '
                "invalid compose project",
                secret.loc,
            )
    yield from cycles(model)


def mounts(name: str, service: YMap) -> Iterator[InputError]:
    """Compose refuses a tmpfs or volume target mounted twice, and a watch rule that
    needs a target without one."""
    develop = service.get("develop")
    for rule in develop.get("watch") or [] if isinstance(develop, YMap) else []:
        if (
            isinstance(rule, YMap)
            and not rule.get("target")
            and rule.get("action") not in ("rebuild", "restart")
        ):
            yield InputError(
                f"services.{name}.develop.watch: target is required for non-rebuild "
                "actions: invalid compose project",
                rule.loc,
            )
    seen: dict[str, str] = {}
    targets = [
        (f"tmpfs[{i}]", str(item).split(":", 1)[0], service["tmpfs"].vloc(i))
        for i, item in enumerate(service.get("tmpfs") or [])
    ] + [
        (f"volumes[{i}]", str(item.get("target")), service["volumes"].vloc(i))
        for i, item in enumerate(service.get("volumes") or [])
        if isinstance(item, YMap)
    ]
    for where, target, loc in targets:
        here = f"services.{name}.{where}"
        if target in seen:
            yield InputError(f"{here}: target {target} already mounted as {seen[target]}", loc)
        seen[target] = here


def _declared(model: YMap, section: str) -> YMap:
    declared = model.get(section)
    return declared if isinstance(declared, YMap) else YMap()


def _did_you_mean(name: str, declared: Iterable[str], otherwise: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(declared), n=1)
    return f"did you mean '{close[0]}'? Otherwise {otherwise}" if close else otherwise


def undefined_networks(services: Mapping[str, YMap], model: YMap) -> Iterator[InputError]:
    """Networks a service joins that the model does not declare (CC205). ``default`` is
    left out: normalisation declares it whenever an enabled service uses it, and a
    service the profiles disable would have it declared too once enabled."""
    for name in sorted(services):
        yield from _networks(name, services[name], _declared(model, "networks"), True)


def _networks(
    name: str, service: YMap, declared: YMap, implicit_default: bool
) -> Iterator[InputError]:
    nets = service.get("networks")
    if not isinstance(nets, YMap):
        return
    for net in nets:
        if net in declared or (implicit_default and net == "default"):
            continue
        problem = InputError(
            f'service "{name}" refers to undefined network {net}: invalid compose project',
            nets.kloc(net),
            hint=_did_you_mean(
                net,
                (d for d in declared if d != "default"),
                f"declare it under top-level `networks:` (`{net}:`, or `external: true` "
                "for one created outside this stack)",
            ),
            code=UNDEFINED_NETWORK,
        )
        problem.detail = f'service "{name}" joins undefined network "{net}"'
        problem.service = name
        yield problem


def undefined_volumes(
    services: Mapping[str, YMap], model: YMap, working_dir: str = ""
) -> Iterator[InputError]:
    """Named volumes a service mounts that the model does not declare (CC207)."""
    for name in sorted(services):
        yield from _volumes(name, services[name], _declared(model, "volumes"), working_dir)


def _volumes(name: str, service: YMap, declared: YMap, working_dir: str) -> Iterator[InputError]:
    volumes = service.get("volumes")
    if not isinstance(volumes, YList):
        return
    for index, volume in enumerate(volumes):
        if not isinstance(volume, YMap) or volume.get("type") != "volume":
            continue
        source = volume.get("source")
        if not source or source in declared:
            continue
        declare = f"declare it under top-level `volumes:` (`{source}:`)"
        hint = _did_you_mean(str(source), declared, declare)
        if hint == declare and working_dir and os.path.exists(os.path.join(working_dir, source)):
            hint = f"to mount the folder next to the compose file, write `./{source}`; or {declare}"
        problem = InputError(
            f'service "{name}" refers to undefined volume {source}: invalid compose project',
            # The source itself: in long syntax its own line, in short the string.
            volume.vlocs.get("source") or volumes.vloc(index),
            hint=hint,
            code=UNDEFINED_VOLUME,
        )
        problem.detail = f'service "{name}" mounts undefined volume "{source}"'
        problem.service = name
        yield problem


def undefined_secrets_and_configs(
    services: Mapping[str, YMap], model: YMap
) -> Iterator[InputError]:
    """Secrets, configs and build secrets a service uses that the model does not
    declare (CC209)."""
    for name in sorted(services):
        yield from _secrets_and_configs(name, services[name], model)


def _secrets_and_configs(name: str, service: YMap, model: YMap) -> Iterator[InputError]:
    build = service.get("build")
    refs: list[tuple[Any, str, str]] = [
        (service.get("secrets"), "secret", "secrets"),
        (service.get("configs"), "config", "configs"),
        (build.get("secrets") if isinstance(build, YMap) else None, "build secret", "secrets"),
    ]
    for items, kind, section in refs:
        if not isinstance(items, YList):
            continue
        declared = _declared(model, section)
        for index, ref in enumerate(items):
            raw = ref.get("source") if isinstance(ref, YMap) else ref
            if raw is None and not isinstance(ref, YMap):
                continue
            # A long form without `source` names the secret "" (undefined, unless
            # declared so), as Compose reads it.
            source = "" if raw is None else str(raw)
            if source in declared:
                continue
            where = ref.vlocs.get("source") if isinstance(ref, YMap) else None
            problem = InputError(
                f'service "{name}" refers to undefined {kind} {source}: invalid compose project',
                where or items.vloc(index),
                hint=_did_you_mean(
                    source,
                    declared,
                    f"declare it under top-level `{section}:` (`{source}:` with `file:` or "
                    "`environment:`)",
                )
                if source
                else f"add `source:`, naming one of the top-level `{section}:`",
                code=UNDEFINED_SECRET_OR_CONFIG,
            )
            problem.detail = f'service "{name}" uses undefined {kind} "{source}"'
            problem.service = name
            yield problem


def distinct_values(name: str, service: YMap) -> Iterator[InputError]:
    """A setting written both the old way and under ``deploy`` must agree."""
    deploy = service.get("deploy")
    if not isinstance(deploy, YMap):
        return
    resources = deploy.get("resources")
    limits = resources.get("limits") if isinstance(resources, YMap) else None
    reservations = resources.get("reservations") if isinstance(resources, YMap) else None
    pairs = (
        ("cpus", limits, "cpus", "deploy.resources.limits.cpus"),
        ("mem_limit", limits, "memory", "deploy.resources.limits.memory"),
        ("mem_reservation", reservations, "memory", "deploy.resources.reservations.memory"),
        ("pids_limit", limits, "pids", "deploy.resources.limits.pids"),
        ("scale", deploy, "replicas", "deploy.replicas"),
    )
    for key, section, other, label in pairs:
        if not isinstance(section, YMap):
            continue
        mine, theirs = service.get(key), section.get(other)
        if mine is None or theirs is None:
            continue
        if key == "cpus":
            mine, theirs = float(mine), float(theirs)
        if mine != theirs:
            yield InputError(
                f"services.{name}: can't set distinct values on '{key}' and '{label}': "
                "invalid compose project",
                service.vloc(key),
                hint=f"keep one of them: `{label}` is the current way to write it",
                code=INVALID_VALUE if key == "scale" else INVALID_RESOURCE_LIMIT,
            )


def cycles(model: YMap) -> Iterator[InputError]:
    """Dependency cycles, services visited in sorted order so that the message is
    stable (Compose reports the first it meets). Iterative: a hostile chain of
    thousands of services cannot exhaust the stack."""
    services = _services(model)
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def deps_of(name: str) -> YMap:
        deps = services[name].get("depends_on")
        return deps if isinstance(deps, YMap) else YMap()

    for root in sorted(services):
        if root in state:
            continue
        state[root] = 1
        path = [root]
        pending = [iter(sorted(deps_of(root)))]
        while pending:
            dep = next(pending[-1], None)
            if dep is None:
                state[path.pop()] = 2
                pending.pop()
                continue
            if dep not in services:
                continue
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep) :], dep]
                yield InputError(
                    "dependency cycle detected: " + " -> ".join(cycle),
                    deps_of(path[-1]).kloc(dep),
                    code=DEPENDENCY_CYCLE,
                )
            elif dep not in state:
                state[dep] = 1
                path.append(dep)
                pending.append(iter(sorted(deps_of(dep))))


def container_names(model: YMap) -> Iterator[InputError]:
    """Container names used twice, or with more than one replica."""
    seen: dict[str, str] = {}
    for name in sorted(_services(model)):
        service = _services(model)[name]
        container = service.get("container_name")
        if not container:
            continue
        if container in seen:
            yield InputError(
                f'services.{name}: container name "{container}" is already in use by '
                f'service {seen[container]}"',
                service.vloc("container_name"),
                code=DUPLICATE_CONTAINER_NAME,
            )
        seen[container] = name
        deploy = service.get("deploy")
        replicas = deploy.get("replicas") if isinstance(deploy, YMap) else None
        scale = service.get("scale")
        for label, count in (("scale", scale), ("deploy.replicas", replicas)):
            if isinstance(count, int) and count > 1:
                yield InputError(
                    f"services.{label}: can't set container_name and {name} as container "
                    "name must be unique: invalid compose project",
                    service.vloc("container_name"),
                    code=DUPLICATE_CONTAINER_NAME,
                )
