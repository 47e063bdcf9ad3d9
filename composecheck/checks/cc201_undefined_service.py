"""CC201 undefined-service: a reference to a service the stack does not define."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class UndefinedService(Check):
    code = "CC201"
    name = "undefined-service"
    summary = (
        "depends_on, links, volumes_from or a service: mode names a service that does not exist"
    )
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds references to services the stack does not define: `depends_on` entries, "
            "`links`, `volumes_from`, and `service:NAME` in `network_mode`, `ipc`, `pid`, "
            "`uts` and `cgroup`. References to services that exist but that the active "
            "profiles leave out are CC204's business."
        ),
        why=(
            "Docker Compose refuses the whole project (`depends on undefined service`), so "
            "nothing starts; the usual cause is a renamed service or a typo."
        ),
        example=(
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [databse]\n"
            "  database:\n    image: postgres:16\n"
        ),
        use_instead=(
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [database]\n"
            "  database:\n    image: postgres:16\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        # Compose's rule (composecheck.semantics), over the services the active profiles
        # disable too: their profile would bring the error back.
        disabled = ctx.disabled_services()
        services = {**disabled, **ctx.services()}
        rule = semantics.dependencies(services, ctx.services(), disabled, ctx.loaded.implicit)
        for problem in rule:
            if problem.code == self.code:
                yield ctx.from_problem(self, problem)
