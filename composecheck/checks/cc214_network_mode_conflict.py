"""CC214 network-mode-conflict: network_mode with networks, or with published ports."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc


class NetworkModeConflict(Check):
    code = "CC214"
    name = "network-mode-conflict"
    summary = "network_mode together with networks, or published ports that network_mode voids"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds services that set `network_mode` and also list `networks`, and services "
            "that publish `ports` while `network_mode` is `host` (the ports are discarded) "
            "or `service:NAME` / `container:NAME` (Docker refuses to publish ports on a "
            "network namespace it does not own)."
        ),
        why=(
            "`network_mode` replaces the service's networking entirely: Compose refuses a "
            "service that also joins `networks`, and with `network_mode: host` the `ports` "
            "section does nothing, so the stack does not listen where its file says it does. "
            "With a shared namespace, publish the ports on the service that owns it."
        ),
        example=(
            "services:\n"
            "  monitor:\n"
            "    image: prom/node-exporter:v1.8.2\n"
            "    network_mode: host\n"
            '    ports: ["9100:9100"]\n'
        ),
        use_instead=(
            "services:\n  monitor:\n    image: prom/node-exporter:v1.8.2\n    network_mode: host\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            mode = service.get("network_mode")
            if not isinstance(mode, str) or not mode:
                continue
            mode_loc = ctx.locate(("services", name, "network_mode"))
            # Compose's rule (composecheck.semantics).
            for problem in semantics.network_mode_conflict(name, service):
                yield ctx.from_problem(self, problem)
            if mode == "host":
                effect = "Docker discards it, as the container listens on the host directly"
                hint = "remove ports; with network_mode: host the service is reachable on "
                hint += "the host at the port it listens on"
            elif mode.startswith(("service:", "container:")):
                effect = "Docker refuses to publish ports on a network namespace it shares"
                hint = f"publish these ports on {mode.split(':', 1)[1]}, which owns the network"
            else:
                continue
            yield from self._ports(ctx, name, service, mode, effect, hint, mode_loc)

    def _ports(
        self,
        ctx: Context,
        name: str,
        service: YMap,
        mode: str,
        effect: str,
        hint: str,
        mode_loc: Loc | None,
    ) -> Iterator[Finding]:
        # One finding per entry as written: a range expands into several canonical ports.
        groups: dict[Loc | None, list[str]] = {}
        ports = service.get("ports")
        if not isinstance(ports, YList):
            return
        for index, port in enumerate(ports):
            if not isinstance(port, YMap):
                continue
            where = ports.vloc(index)
            published = port.get("published")
            target = port.get("target")
            groups.setdefault(where, []).append(
                f"{published}:{target}" if published else str(target)
            )
        for where, specs in groups.items():
            shown = specs[0] if len(specs) == 1 else f"{specs[0]} to {specs[-1]}"
            yield ctx.finding(
                self,
                f'service "{name}" publishes port {shown} with network_mode "{mode}": {effect}',
                hint,
                loc=where,
                service=name,
                related=[(mode_loc, "network_mode is set here")],
            )
