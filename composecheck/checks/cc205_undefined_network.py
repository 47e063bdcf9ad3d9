"""CC205 undefined-network: a service joins a network the stack does not declare."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap


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
        declared = sorted(ctx.resources("networks"))
        services = {**ctx.disabled_services(), **ctx.services()}
        for name in sorted(services):
            nets = services[name].get("networks")
            if not isinstance(nets, YMap):
                continue
            for net in nets:
                # `default` is implicit (Compose declares it when a service uses it).
                if net == "default" or net in declared:
                    continue
                yield ctx.finding(
                    self,
                    f'service "{name}" joins undefined network "{net}"',
                    _hint(net, declared),
                    loc=nets.kloc(net),
                    service=name,
                )


def _hint(net: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(net, [d for d in declared if d != "default"], n=1)
    declare = f"declare it under top-level `networks:` (`{net}:`, or `external: true` for one "
    declare += "created outside this stack)"
    if close:
        return f"did you mean '{close[0]}'? Otherwise {declare}"
    return declare
