"""CC202 dependency-cycle: services that, through depends_on, end up waiting for themselves."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class DependencyCycle(Check):
    code = "CC202"
    name = "dependency-cycle"
    summary = "services depend on each other in a cycle (depends_on, links, volumes_from, modes)"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds cycles among service dependencies: `depends_on`, and the dependencies "
            "Compose adds for `links`, `volumes_from` and `service:NAME` in `network_mode`, "
            "`ipc`, `pid`, `uts` and `cgroup`. Each cycle is reported once, named from its "
            "alphabetically first service, at the dependency that closes it; the other "
            "links of the cycle are listed under it. Services the active profiles leave out "
            "take part too: enabling their profile would bring the cycle back."
        ),
        why=(
            "Docker Compose refuses the whole project (`dependency cycle detected`): no "
            "service can start first when each waits for another."
        ),
        example=(
            "services:\n"
            "  api:\n"
            "    image: example/api:1.4\n"
            "    depends_on: [worker]\n"
            "  worker:\n"
            "    image: example/worker:1.4\n"
            "    depends_on: [api]\n"
        ),
        use_instead=(
            "services:\n"
            "  api:\n"
            "    image: example/api:1.4\n"
            "    depends_on: [worker]\n"
            "  worker:\n"
            "    image: example/worker:1.4\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        # Compose's rule (composecheck.semantics), every cycle rather than the first, over
        # the services the active profiles disable too.
        services = {**ctx.disabled_services(), **ctx.services()}
        for problem in semantics.dependency_cycles(services, ctx.loaded.implicit):
            yield ctx.from_problem(self, problem)
