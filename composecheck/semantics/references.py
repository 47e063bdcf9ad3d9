"""Rules on references: dependencies, networks, volumes, secrets and configs a service
names, and what a service must have (an image or a build) or must not combine."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping, Set
from typing import Any

from composecheck.errors import (
    INACTIVE_DEPENDENCY,
    MISSING_IMAGE,
    NETWORK_MODE_CONFLICT,
    UNDEFINED_NETWORK,
    UNDEFINED_SECRET_OR_CONFIG,
    UNDEFINED_SERVICE,
    UNDEFINED_VOLUME,
    InputError,
)
from composecheck.load.tree import YList, YMap
from composecheck.semantics._common import declared, did_you_mean, services_of
from composecheck.semantics.graph import dependency_cycles
from composecheck.semantics.values import _service_values, distinct_values, mounts

#: (service, dependency) -> the attribute that made an implicit dependency.
Implicit = Mapping[tuple[str, str], str]


def references(
    model: YMap,
    incomplete: Set[str] = frozenset(),
    disabled: Mapping[str, Any] | None = None,
    implicit: Implicit | None = None,
) -> Iterator[InputError]:
    """Compose's consistency rules, in its order: dependencies, settings written twice,
    then per service its image, network mode, networks, volumes, secrets and configs;
    then dependency cycles. ``incomplete`` services (a problem already reported left
    them without what they would have had) are not blamed for a missing image;
    ``disabled`` are the services the active profiles leave out."""
    services = services_of(model)
    yield from dependencies(services, services, disabled or {}, implicit or {})
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
        yield from network_mode_conflict(name, service)
        yield from _networks(name, service, declared(model, "networks"), False)
        yield from _volumes(name, service, declared(model, "volumes"), "")
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
    yield from dependency_cycles(services, implicit or {})


def dependencies(
    sources: Mapping[str, YMap],
    enabled: Collection[str],
    disabled: Mapping[str, Any],
    implicit: Implicit,
    active: Collection[str] = (),
) -> Iterator[InputError]:
    """The dependencies of ``sources`` that Compose refuses: on a service that does not
    exist (CC201, even with ``required: false``), and a required one on a service the
    active profiles leave out (CC204). An implicit dependency (links, volumes_from, a
    ``service:`` mode) is located where it was written."""
    known = {*enabled, *disabled}
    for name in sorted(sources):
        deps = sources[name].get("depends_on")
        if not isinstance(deps, YMap):
            continue
        for dep in list(deps):
            if dep in enabled:
                continue
            entry = deps[dep]
            required = entry.get("required", True) if isinstance(entry, YMap) else True
            if dep in disabled and not required:
                continue  # Compose keeps an optional dependency on a disabled service
            problem = InputError(
                f'service "{name}" depends on undefined service "{dep}": invalid compose project',
                deps.kloc(dep),
                code=UNDEFINED_SERVICE,
            )
            problem.service = name
            if dep not in disabled:
                via = implicit.get((name, dep), "depends_on")
                problem.detail = f'service "{name}" refers to undefined service "{dep}" in {via}'
                problem.hint = did_you_mean(dep, known, f"define a service named '{dep}'")
                if not problem.hint.startswith("did you mean"):
                    problem.hint += " or remove the reference"
            else:
                problem.code = INACTIVE_DEPENDENCY
                target = disabled[dep]
                profiles = target.get("profiles") if isinstance(target, YMap) else None
                wanted = [str(p) for p in profiles] if isinstance(profiles, YList) else []
                problem.detail = (
                    f'service "{name}" depends on "{dep}", which the active profiles leave out '
                    f"({_profiles_text(wanted, sorted(active))})"
                )
                first = wanted[0] if wanted else "PROFILE"
                problem.hint = (
                    f"activate it (--profile {first} or COMPOSE_PROFILES={first}), drop the "
                    f'profiles of "{dep}", or make the dependency optional with `required: false`'
                )
                where = target.vloc("profiles") if isinstance(target, YMap) else None
                if where is not None:
                    problem.related.append((where, f'"{dep}" is enabled only by these profiles'))
            yield problem


def _profiles_text(wanted: list[str], active: list[str]) -> str:
    needs = ", ".join(f'"{p}"' for p in wanted)
    now = ", ".join(f'"{p}"' for p in active) if active else "none"
    which = "one of the profiles" if len(wanted) > 1 else "profile"
    return f"it needs {which} {needs}; active profiles: {now}"


def network_mode_conflict(name: str, service: YMap) -> Iterator[InputError]:
    """``network_mode`` and ``networks`` together (an empty one of them is none)."""
    if not service.get("network_mode") or not service.get("networks"):
        return
    problem = InputError(
        f"service {name} declares mutually exclusive `network_mode` and `networks`: "
        "invalid compose project",
        service.kloc("networks"),
        hint="remove networks, or remove network_mode and attach the service to networks",
        code=NETWORK_MODE_CONFLICT,
    )
    networks = service.get("networks")
    listed = ", ".join(sorted(networks)) if isinstance(networks, YMap) else ""
    problem.detail = (
        f'service "{name}" sets network_mode "{service.get("network_mode")}" and also joins '
        f"networks ({listed}); Compose refuses the two together"
    )
    problem.service = name
    mode = service.vloc("network_mode")
    if mode is not None:
        problem.related.append((mode, "network_mode is set here"))
    yield problem


def undefined_networks(services: Mapping[str, YMap], model: YMap) -> Iterator[InputError]:
    """Networks a service joins that the model does not declare (CC205). ``default`` is
    left out: normalisation declares it whenever an enabled service uses it, and a
    service the profiles disable would have it declared too once enabled."""
    for name in sorted(services):
        yield from _networks(name, services[name], declared(model, "networks"), True)


def _networks(
    name: str, service: YMap, known: YMap, implicit_default: bool
) -> Iterator[InputError]:
    nets = service.get("networks")
    if not isinstance(nets, YMap):
        return
    for net in nets:
        if net in known or (implicit_default and net == "default"):
            continue
        problem = InputError(
            f'service "{name}" refers to undefined network {net}: invalid compose project',
            nets.kloc(net),
            hint=did_you_mean(
                net,
                (d for d in known if d != "default"),
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
        yield from _volumes(name, services[name], declared(model, "volumes"), working_dir)


def _volumes(name: str, service: YMap, known: YMap, working_dir: str) -> Iterator[InputError]:
    volumes = service.get("volumes")
    if not isinstance(volumes, YList):
        return
    for index, volume in enumerate(volumes):
        if not isinstance(volume, YMap) or volume.get("type") != "volume":
            continue
        source = volume.get("source")
        if not source or source in known:
            continue
        declare = f"declare it under top-level `volumes:` (`{source}:`)"
        hint = did_you_mean(str(source), known, declare)
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
        names = declared(model, section)
        for index, ref in enumerate(items):
            raw = ref.get("source") if isinstance(ref, YMap) else ref
            if raw is None and not isinstance(ref, YMap):
                continue
            # A long form without `source` names the secret "" (undefined, unless
            # declared so), as Compose reads it.
            source = "" if raw is None else str(raw)
            if source in names:
                continue
            where = ref.vlocs.get("source") if isinstance(ref, YMap) else None
            problem = InputError(
                f'service "{name}" refers to undefined {kind} {source}: invalid compose project',
                where or items.vloc(index),
                hint=did_you_mean(
                    source,
                    names,
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
