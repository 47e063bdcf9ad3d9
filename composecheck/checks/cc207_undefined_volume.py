"""CC207 undefined-volume: a service mounts a named volume the stack does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class UndefinedVolume(Check):
    code = "CC207"
    name = "undefined-volume"
    summary = "a service mounts a named volume that is not declared under top-level volumes"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds mounts of type `volume` with a source (in short syntax, `NAME:/path` where "
            "NAME is not a path) whose source the top-level `volumes` section does not "
            "declare. Anonymous volumes (`/path` alone) and bind mounts are not concerned. "
            "Services the active profiles leave out are checked too."
        ),
        why=(
            "Docker Compose refuses the whole project (`refers to undefined volume`). A "
            "frequent cause is a bind mount written without `./`: `data:/var/lib/data` is "
            "a named volume called `data`, not the folder next to the compose file."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pgdata:/var/lib/postgresql/data\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pgdata:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  pgdata:\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        # The rule is Compose's (composecheck.semantics), over the services the active
        # profiles disable too.
        services = {**ctx.disabled_services(), **ctx.services()}
        for problem in semantics.undefined_volumes(services, ctx.model, ctx.loaded.working_dir):
            yield ctx.from_problem(self, problem)
