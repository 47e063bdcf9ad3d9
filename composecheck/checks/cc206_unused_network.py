"""CC206 unused-network: a declared network that no service joins."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap


class UnusedNetwork(Check):
    code = "CC206"
    name = "unused-network"
    summary = "a network is declared under top-level networks but no service joins it"
    severity = Severity.WARNING
    doc = CheckDoc(
        what=(
            "Finds networks declared under the top-level `networks` that no service joins, "
            "counting services the active profiles leave out as users. `default` is never "
            "reported: Compose manages it, and declaring it only configures it for the "
            "services that fall back on it."
        ),
        why=(
            "An unused network is usually a leftover of a renamed or removed one, and then "
            "the services meant to share it are on different networks and cannot reach "
            "each other by name. Compose silently drops it from the project."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27\n"
            "    networks: [frontend]\n"
            "networks:\n"
            "  frontend:\n"
            "  backend:\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27\n"
            "    networks: [frontend]\n"
            "networks:\n"
            "  frontend:\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        declared = ctx.resources("networks")
        used: set[str] = set()
        for service in (*ctx.services().values(), *ctx.disabled_services().values()):
            nets = service.get("networks")
            if isinstance(nets, YMap):
                used.update(nets)
        undeclared = sorted(used - set(declared) - {"default"})
        for net in sorted(declared):
            if net == "default" or net in used:
                continue
            yield ctx.finding(
                self,
                f'network "{net}" is declared but no service joins it',
                _hint(net, undeclared),
                loc=declared.kloc(net),
            )


def _hint(net: str, undeclared: list[str]) -> str:
    close = difflib.get_close_matches(net, undeclared, n=1)
    if close:
        return (
            f"a service joins '{close[0]}', which is not declared: did you mean '{net}' "
            "there? Otherwise remove this declaration"
        )
    return f"remove the declaration, or add '{net}' to the `networks` of the services that need it"
