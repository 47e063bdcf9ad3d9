"""CC213 host-port-conflict: two publishers of one host address, port and protocol."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks._runtime import written_order
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc

# Network modes under which a service's ports are not published (CC214 reports them).
_NOT_PUBLISHED = ("host", "service:", "container:")


@dataclass(frozen=True)
class _Binding:
    service: str
    ip: str
    first: int
    last: int
    protocol: str
    target: object
    loc: Loc | None

    def shown(self) -> str:
        ports = str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        where = f"{self.ip}:" if self.ip else ""
        return f"{where}{ports}/{self.protocol}"


class HostPortConflict(Check):
    code = "CC213"
    name = "host-port-conflict"
    summary = "two enabled services publish the same host address, port and protocol"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds host ports published twice among the enabled services: the same port "
            "(or overlapping ranges) with the same protocol on the same address, where an "
            "empty `host_ip` collides with every address, `0.0.0.0` with every IPv4 address "
            "and `::` with every IPv6 address. `8080/tcp` and "
            "`8080/udp` do not collide, nor do `127.0.0.1:8080` and `10.0.0.5:8080`. Ports "
            "of services with `network_mode: host` or a shared namespace are not published "
            "(CC214). The finding sits on the publisher written last (an override after its "
            "base file, a later line after an earlier one) and points at the other."
        ),
        why=(
            "Only one container can listen on a host address and port. Compose starts the "
            "first and fails on the second with `port is already allocated`, half-way "
            "through `up`."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.2\n"
            '    ports: ["8080:80"]\n'
            "  admin:\n"
            "    image: adminer:4.8.1\n"
            '    ports: ["8080:8080"]\n'
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.2\n"
            '    ports: ["8080:80"]\n'
            "  admin:\n"
            "    image: adminer:4.8.1\n"
            '    ports: ["127.0.0.1:8081:8080"]\n'
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        bindings: list[_Binding] = []
        for name, service in sorted(ctx.services().items()):
            mode = service.get("network_mode")
            if isinstance(mode, str) and (mode == "host" or mode.startswith(_NOT_PUBLISHED[1:])):
                continue
            bindings.extend(_bindings(name, service))
        # The publisher written last (in load order: base, then overrides) is the one that
        # made the conflict, so the finding goes there and points back at the first.
        bindings.sort(key=lambda b: written_order(ctx, b.service, b.loc))
        reported: set[tuple[Loc | None, int, int]] = set()
        for later_index, later in enumerate(bindings):
            for earlier in bindings[:later_index]:
                if not _collide(earlier, later):
                    continue
                first = max(earlier.first, later.first)
                last = min(earlier.last, later.last)
                # Once per written entry and port: a third publisher adds nothing new.
                if (later.loc, first, last) in reported:
                    continue
                reported.add((later.loc, first, last))
                port = str(first) if first == last else f"{first}-{last}"
                other = (
                    f'service "{earlier.service}"'
                    if earlier.service != later.service
                    else "another of its ports"
                )
                yield ctx.finding(
                    self,
                    f"host port {port}/{later.protocol} is published twice: by service "
                    f'"{later.service}" ({later.shown()}) and by {other} ({earlier.shown()})',
                    "publish one of them on another host port, or bind them to different "
                    'addresses (host_ip, e.g. "127.0.0.1:8081:80")',
                    loc=later.loc,
                    service=later.service,
                    related=[(earlier.loc, f"{other} publishes {earlier.shown()} here")],
                )


def _bindings(name: str, service: YMap) -> Iterator[_Binding]:
    ports = service.get("ports")
    if not isinstance(ports, YList):
        return
    for index, port in enumerate(ports):
        if not isinstance(port, YMap):
            continue
        span = _span(port.get("published"))
        if span is None:
            continue
        ip = str(port.get("host_ip") or "")
        protocol = str(port.get("protocol") or "tcp").lower()
        yield _Binding(name, ip, span[0], span[1], protocol, port.get("target"), ports.vloc(index))


def _span(published: object) -> tuple[int, int] | None:
    """``"8080"`` → (8080, 8080), ``"8000-8010"`` → (8000, 8010); None when unpublished."""
    if isinstance(published, bool) or published in (None, ""):
        return None
    text = str(published)
    low, _, high = text.partition("-")
    try:
        first = int(low)
        last = int(high) if high else first
    except ValueError:
        return None
    # Port 0 asks Docker for any free port: it cannot collide.
    if first == 0:
        return None
    return first, last


def _collide(a: _Binding, b: _Binding) -> bool:
    if a.protocol != b.protocol or a.first > b.last or b.first > a.last:
        return False
    if not _same_address(a.ip, b.ip):
        return False
    # The same mapping written twice (a base file and an override) is one binding.
    return not (a.service == b.service and a.target == b.target and a.first == b.first)


def _same_address(a: str, b: str) -> bool:
    """Whether two host_ip values can claim the same socket: an empty host_ip binds every
    address; 0.0.0.0 every IPv4 one and :: every IPv6 one, so the common pair
    ``0.0.0.0:80:80`` + ``[::]:80:80`` is two bindings, not a conflict."""
    a, b = a.strip("[]"), b.strip("[]")
    if not a or not b or a == b:
        return True
    v6_a, v6_b = ":" in a, ":" in b
    if v6_a != v6_b:
        return False
    wildcard = "::" if v6_a else "0.0.0.0"
    return wildcard in (a, b)
