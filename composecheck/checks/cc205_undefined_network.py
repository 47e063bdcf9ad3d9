"""CC205 undefined-network: a service joins a network the stack does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class UndefinedNetwork(Check):
    code = "CC205"
    name = "undefined-network"
    summary = "a service joins a network that is not declared under top-level networks"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds entries of a service's `networks` that the top-level `networks` section "
            "does not declare. `default` needs no declaration: Compose creates it whenever "
            "a service uses it. Services the active profiles leave out are checked too: "
            "their profile would bring the error back."
        ),
        why=(
            "Docker Compose refuses the whole project (`refers to undefined network`). "
            "Networks are never created on the fly, so a typo in a network name stops "
            "every service, not just the one that has it."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27\n"
            "    networks: [frontend]\n"
            "  api:\n"
            "    image: example/api:1.4\n"
            "    networks: [frontend, backend]\n"
            "networks:\n"
            "  frontend:\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27\n"
            "    networks: [frontend]\n"
            "  api:\n"
            "    image: example/api:1.4\n"
            "    networks: [frontend, backend]\n"
            "networks:\n"
            "  frontend:\n"
            "  backend:\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        # The rule is Compose's (composecheck.semantics), over the services the active
        # profiles disable too: their profile would bring the error back.
        services = {**ctx.disabled_services(), **ctx.services()}
        for problem in semantics.undefined_networks(services, ctx.model):
            yield ctx.from_problem(self, problem)
