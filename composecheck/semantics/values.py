"""Rules on values: what Compose refuses in a resource or a service on its own, and
settings written twice (the old way and under ``deploy``) that disagree."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.errors import INVALID_RESOURCE_LIMIT, INVALID_VALUE, InputError
from composecheck.load.tree import YList, YMap
from composecheck.semantics._common import services_of
from composecheck.syntax.port import go_ip
from composecheck.syntax.size import human_bytes


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
    for name, service in services_of(model).items():
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


# Settings written the old way (service level) and their place under ``deploy``.
_PAIRS: tuple[tuple[str, str | None, str], ...] = (
    ("cpus", "limits", "cpus"),
    ("mem_limit", "limits", "memory"),
    ("mem_reservation", "reservations", "memory"),
    ("pids_limit", "limits", "pids"),
    ("scale", None, "replicas"),
)


def distinct_values(name: str, service: YMap) -> Iterator[InputError]:
    """A setting written both the old way and under ``deploy`` must agree."""
    deploy = service.get("deploy")
    if not isinstance(deploy, YMap):
        return
    resources = deploy.get("resources")
    for key, where, field in _PAIRS:
        holder: object
        if where is None:
            holder, label = deploy, f"deploy.{field}"
        else:
            holder = resources.get(where) if isinstance(resources, YMap) else None
            label = f"deploy.resources.{where}.{field}"
        if not isinstance(holder, YMap):
            continue
        mine, theirs = service.get(key), holder.get(field)
        if mine is None or theirs is None:
            continue
        if (float(mine) == float(theirs)) if key == "cpus" else mine == theirs:
            continue
        problem = InputError(
            f"services.{name}: can't set distinct values on '{key}' and '{label}': "
            "invalid compose project",
            service.vloc(key),
            hint=f"keep only {label} (the current way to write it) and remove {key}",
            code=INVALID_VALUE if key == "scale" else INVALID_RESOURCE_LIMIT,
        )
        problem.detail = (
            f'service "{name}" sets {key} to {show_limit(mine, field)} but {label} to '
            f"{show_limit(theirs, field)}; Compose refuses two distinct values"
        )
        problem.service = name
        there = holder.vloc(field)
        if there is not None:
            problem.related.append((there, f"{label} is set here"))
        yield problem


def show_limit(value: object, kind: str) -> str:
    """A limit for people: bytes in binary units, CPUs with their unit."""
    if isinstance(value, bool):
        return str(value)
    if kind == "memory" and isinstance(value, (int, float, str)):
        try:
            number = int(value)
        except ValueError:
            return str(value)
        return human_bytes(number) if number > 0 else str(number)
    if kind == "cpus" and isinstance(value, (int, float, str)):
        try:
            cores = float(value)
        except ValueError:
            return str(value)
        return f"{cores:g} CPU" + ("" if cores == 1 else "s")
    return str(value)
