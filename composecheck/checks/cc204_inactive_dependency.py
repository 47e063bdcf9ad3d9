"""CC204 inactive-dependency: a required dependency that the active profiles leave out."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class InactiveDependency(Check):
    code = "CC204"
    name = "inactive-dependency"
    summary = "a required depends_on target exists but the active profiles leave it out"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds enabled services whose required dependency (`depends_on` with "
            "`required: true`, the default, or an implicit one from `links`, "
            "`volumes_from` or a `service:` mode) is a service the active profiles leave "
            "out. Dependencies marked `required: false` are skipped: Compose ignores them "
            "when the target is not there."
        ),
        why=(
            "`docker compose up` refuses the project (`depends on undefined service`) "
            "unless the dependency's profile is active, which is easy to miss when the "
            "profile comes from `COMPOSE_PROFILES` in one shell and not in another."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: example/web:1.4\n"
            "    depends_on: [mailcatcher]\n"
            "  mailcatcher:\n"
            "    image: schickling/mailcatcher:0.10\n"
            "    profiles: [debug]\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: example/web:1.4\n"
            "    depends_on:\n"
            "      mailcatcher:\n"
            "        condition: service_started\n"
            "        required: false\n"
            "  mailcatcher:\n"
            "    image: schickling/mailcatcher:0.10\n"
            "    profiles: [debug]\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        # Compose's rule (composecheck.semantics): a required dependency on a service the
        # active profiles disable is a dependency on an undefined service there.
        services = ctx.services()
        disabled = ctx.disabled_services()
        implicit = ctx.loaded.implicit
        active = ctx.loaded.profiles
        for problem in semantics.dependencies(services, services, disabled, implicit, active):
            if problem.code == self.code:
                yield ctx.from_problem(self, problem)
