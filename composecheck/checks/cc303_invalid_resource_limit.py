"""CC303 invalid-resource-limit: limits that Docker rejects or that cannot all hold."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks._runtime import as_float, as_int, locate_value
from composecheck.findings import Finding, Severity
from composecheck.load.tree import Path, YMap
from composecheck.semantics import show_limit as _show
from composecheck.syntax.size import human_bytes

_EXAMPLE = {"memory": "size, for example 512M", "cpus": "number of cores, for example 0.5"}


class InvalidResourceLimit(Check):
    code = "CC303"
    name = "invalid-resource-limit"
    summary = "a reservation above its limit, a zero or negative limit, or two disagreeing limits"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds resource settings that cannot all hold: a memory or CPU reservation above "
            "the matching limit (`deploy.resources.reservations` against "
            "`deploy.resources.limits`, or `mem_reservation` against `mem_limit`), memory "
            "and CPU values of zero or below, a `memswap_limit` below the memory limit, and "
            "a service-level setting (`mem_limit`, `mem_reservation`, `cpus`, `pids_limit`) "
            "that disagrees with its `deploy.resources` counterpart."
        ),
        why=(
            "Docker refuses to create a container whose reservation exceeds its limit or "
            "whose swap limit is below its memory limit, and Compose refuses a project that "
            'sets one limit twice with two values. A zero means "no limit" to Docker, '
            "which is rarely what someone who wrote a limit wanted."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            "          memory: 1G\n"
            "        reservations:\n"
            "          memory: 2G\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            "          memory: 2G\n"
            "        reservations:\n"
            "          memory: 1G\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            yield from self._service(ctx, name, service)

    def _service(self, ctx: Context, name: str, service: YMap) -> Iterator[Finding]:
        base: Path = ("services", name)
        resources_path: Path = (*base, "deploy", "resources")
        resources = locate_value(service, ("deploy", "resources"))
        section: dict[str, YMap] = {}
        if isinstance(resources, YMap):
            for key in ("limits", "reservations"):
                value = resources.get(key)
                if isinstance(value, YMap):
                    section[key] = value

        # Zero and negative values, wherever they are written.
        candidates: list[tuple[Path, object, str]] = []
        for key in ("mem_limit", "mem_reservation"):
            candidates.append(((*base, key), service.get(key), "memory"))
        candidates.append(((*base, "cpus"), service.get("cpus"), "cpus"))
        for key, values in section.items():
            for kind in ("memory", "cpus"):
                candidates.append(((*resources_path, key, kind), values.get(kind), kind))
        for path, value, kind in candidates:
            number = as_int(value) if kind == "memory" else as_float(value)
            if number is None or number > 0:
                continue
            label = ".".join(str(p) for p in path[2:])
            yield ctx.finding(
                self,
                f'service "{name}" sets {label} to {_show(value, kind)}: Docker reads a '
                "value of zero or below as no limit at all",
                f"set a positive {_EXAMPLE[kind]}, or remove {label} to run without one",
                path=path,
                service=name,
            )

        # The same setting written twice: Compose's rule (composecheck.semantics).
        for problem in semantics.distinct_values(name, service):
            if problem.code == self.code:
                yield ctx.from_problem(self, problem)

        # A reservation above its limit.
        for kind, old_limit, old_reservation in (
            ("memory", "mem_limit", "mem_reservation"),
            ("cpus", "cpus", None),
        ):
            limit_path = _first(service, section, ("limits", kind), old_limit, resources_path)
            reserve_path = _first(
                service, section, ("reservations", kind), old_reservation, resources_path
            )
            if limit_path is None or reserve_path is None:
                continue
            limit = _number(service, limit_path, kind)
            reserve = _number(service, reserve_path, kind)
            if limit is None or reserve is None or limit <= 0 or reserve <= limit:
                continue
            limit_label = ".".join(str(p) for p in limit_path[2:])
            reserve_label = ".".join(str(p) for p in reserve_path[2:])
            yield ctx.finding(
                self,
                f'service "{name}" reserves {_show(reserve, kind)} with {reserve_label}, '
                f"more than its limit of {_show(limit, kind)} ({limit_label})",
                f"lower {reserve_label} to at most {_show(limit, kind)}, or raise the limit",
                path=reserve_path,
                service=name,
                related=[(ctx.locate(limit_path), "the limit is set here")],
            )

        # Swap plus memory cannot be below memory alone (-1 means unlimited, 0 unset).
        swap = as_int(service.get("memswap_limit"))
        limit_path = _first(service, section, ("limits", "memory"), "mem_limit", resources_path)
        if swap is not None and swap > 0 and limit_path is not None:
            limit = _number(service, limit_path, "memory")
            if limit is not None and 0 < swap < limit:
                yield ctx.finding(
                    self,
                    f'service "{name}" sets memswap_limit to {human_bytes(swap)}, below its '
                    f"memory limit of {human_bytes(int(limit))}",
                    "memswap_limit counts memory plus swap: set it to at least the memory "
                    "limit, or to -1 for unlimited swap",
                    path=(*base, "memswap_limit"),
                    service=name,
                    related=[(ctx.locate(limit_path), "the memory limit is set here")],
                )


def _first(
    service: YMap,
    section: dict[str, YMap],
    deploy_key: tuple[str, str],
    old_key: str | None,
    resources_path: Path,
) -> Path | None:
    """Where the effective value is written: deploy.resources first, then the old key."""
    where, field = deploy_key
    values = section.get(where)
    if values is not None and values.get(field) is not None:
        return (*resources_path, where, field)
    if old_key is not None and service.get(old_key) is not None:
        return (*resources_path[:2], old_key)
    return None


def _number(service: YMap, path: Path, kind: str) -> float | None:
    node = locate_value(service, path[2:])
    value = as_int(node) if kind == "memory" else as_float(node)
    return None if value is None else float(value)
