"""CC203 healthcheck-required: waiting for a service to be healthy that has no healthcheck."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc


class HealthcheckRequired(Check):
    code = "CC203"
    name = "healthcheck-required"
    summary = "depends_on waits for service_healthy on a service without an enabled healthcheck"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds `depends_on` entries with `condition: service_healthy` whose target has "
            'no `healthcheck`, or a disabled one (`disable: true` or `test: ["NONE"]`). '
            "A healthcheck that only tunes timings (no `test`) counts as present: it runs "
            "the image's own test. The image's own `HEALTHCHECK` is invisible from the "
            "compose file, so the hint says when it could make the finding moot."
        ),
        why=(
            "A container without a healthcheck never becomes healthy: `docker compose up` "
            "fails with `dependency failed to start: container ... has no healthcheck "
            "configured`, and the dependent service never starts. A disabled healthcheck "
            "also switches off the image's own."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: example/web:1.4\n"
            "    depends_on:\n"
            "      db:\n"
            "        condition: service_healthy\n"
            "  db:\n"
            "    image: postgres:16\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: example/web:1.4\n"
            "    depends_on:\n"
            "      db:\n"
            "        condition: service_healthy\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    healthcheck:\n"
            '      test: ["CMD-SHELL", "pg_isready -U postgres"]\n'
            "      interval: 5s\n"
            "      retries: 10\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        services = {**ctx.disabled_services(), **ctx.services()}
        for name in sorted(services):
            deps = services[name].get("depends_on")
            if not isinstance(deps, YMap):
                continue
            for dep in sorted(deps):
                entry = deps[dep]
                if not isinstance(entry, YMap) or entry.get("condition") != "service_healthy":
                    continue
                target = services.get(dep)
                if target is None:  # undefined: CC201's business
                    continue
                problem = _missing_healthcheck(target)
                if problem is None:
                    continue
                text, where = problem
                related: list[tuple[Loc | None, str]] = []
                if where is not None:
                    related.append((where, f'the healthcheck of "{dep}" is disabled here'))
                yield ctx.finding(
                    self,
                    f'service "{name}" waits for "{dep}" to be healthy, but "{dep}" {text}',
                    _hint(dep, target, disabled=where is not None),
                    loc=entry.vloc("condition"),
                    service=name,
                    related=related,
                )


def _missing_healthcheck(service: YMap) -> tuple[str, Loc | None] | None:
    """What is wrong with the service's healthcheck (and where it is switched off), if any."""
    health = service.get("healthcheck")
    if not isinstance(health, YMap):
        return "has no healthcheck", None
    if health.get("disable") is True:
        return "has its healthcheck disabled", health.kloc("disable")
    test = health.get("test")
    if isinstance(test, YList) and test and test[0] == "NONE":
        return "has its healthcheck disabled", health.vloc("test")
    if isinstance(test, str) and test.strip() == "NONE":
        return "has its healthcheck disabled", health.vloc("test")
    return None


def _hint(dep: str, target: YMap, *, disabled: bool) -> str:
    fallback = "or wait with `condition: service_started`"
    if disabled:
        # A disabled healthcheck overrides the image's HEALTHCHECK too, so no maybe here.
        return (
            f'enable the healthcheck of "{dep}" (disabling it also turns off the image\'s own '
            f"HEALTHCHECK), {fallback}"
        )
    if "build" in target or "image" not in target:
        origin = f'the image built for "{dep}"'
    else:
        origin = f"image {target['image']}"
    return (
        f'add a `healthcheck:` with a `test` to "{dep}", {fallback}; if {origin} declares '
        "a HEALTHCHECK of its own this works already, but write it in the compose file "
        "so readers (and this check) can see it"
    )
