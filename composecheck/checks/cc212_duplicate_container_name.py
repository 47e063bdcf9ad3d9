"""CC212 duplicate-container-name: two containers that would share one name."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks._runtime import written_order
from composecheck.findings import Finding, Severity


class DuplicateContainerName(Check):
    code = "CC212"
    name = "duplicate-container-name"
    summary = "two services set the same container_name, or a named service runs several replicas"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds enabled services that set the same `container_name` (the finding sits on "
            "the one written last, an override after its base file, and points at the "
            "first), and services that "
            "set a `container_name` while asking for more than one container with `scale` "
            "or `deploy.replicas`. Services the active profiles leave out are not compared: "
            "profiles often hold alternatives that never run together."
        ),
        why=(
            "Container names are unique on a Docker host. Compose refuses the project, and "
            "a service that copies another (through `extends` or an anchor) together with "
            "its `container_name` is the usual cause."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.2\n"
            "    container_name: web\n"
            "  web-canary:\n"
            "    image: nginx:1.27.3\n"
            "    container_name: web\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.2\n"
            "    container_name: web\n"
            "  web-canary:\n"
            "    image: nginx:1.27.3\n"
            "    container_name: web-canary\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        # Compose's rule (composecheck.semantics); of two services that share a name, the
        # one written last made the clash: the finding goes there.
        order = functools.partial(written_order, ctx)
        for problem in semantics.container_names(ctx.services(), order):
            yield ctx.from_problem(self, problem)
