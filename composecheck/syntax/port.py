"""Short port syntax (docker/go-connections ``nat.ParsePortSpec`` plus Compose's conversion
to the long syntax)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

__all__ = ["parse_port"]


_PROTOCOLS = frozenset(("tcp", "udp", "sctp"))


@lru_cache(maxsize=1024)
def go_ip(text: str) -> bool:
    """Whether Go's ``net.ParseIP`` accepts ``text``."""
    return _go_parse_ip(text)


def _go_parse_ip(text: str) -> bool:
    # net.ParseIP: plain IPv4/IPv6, no zone; Python's ipaddress agrees otherwise.
    if "%" in text:
        return False
    try:
        if ":" in text:
            ipaddress.IPv6Address(text)
        else:
            ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def _strip_ip_brackets(ip: str) -> str:
    # Mirrors net.SplitHostPort(ip + ":") as used by nat, including its messages.
    hostport = ip + ":"
    last_colon = len(hostport) - 1

    def fail(why: str) -> ValueError:
        return ValueError(f"invalid IP address {ip}: address {hostport}: {why}")

    end = hostport.find("]")
    if end < 0:
        raise fail("missing ']' in address")
    if end + 1 != last_colon:
        if hostport[end + 1] == ":":
            raise fail("too many colons in address")
        raise fail("missing port in address")
    if "[" in hostport[1:]:
        raise fail("unexpected '[' in address")
    if "]" in hostport[end + 1 :]:
        raise fail("unexpected ']' in address")
    return hostport[1:end]


def _parse_port_number(text: str) -> int:
    # strconv.ParseUint(text, 10, 16)
    if not text or not text.isascii() or not text.isdigit():
        raise ValueError
    number = int(text)
    if number > 65535:
        raise ValueError
    return number


def _parse_port_range(text: str) -> tuple[int, int]:
    if "-" not in text:
        number = _parse_port_number(text)
        return number, number
    # Only the first two dash-separated fields count: "1-2-3" is the range 1-2.
    parts = text.split("-")
    start = _parse_port_number(parts[0])
    end = _parse_port_number(parts[1])
    if end < start:
        raise ValueError
    return start, end


def parse_port(spec: str | int) -> list[dict[str, object]]:
    """Short port syntax -> long-syntax dicts in the reference's order and key order.

    Keys: ``mode``, ``host_ip`` (if any), ``target`` (omitted when 0: the reference
    then fails with ``is missing a target port``, which is the caller's check),
    ``published`` (if any), ``protocol``.  A range expands in *string* order of the
    container port ("8-10:8-10" gives 10, 8, 9).
    """
    raw = str(spec)
    parts = raw.split(":")
    count = len(parts)
    if count == 1:
        ip, host_port, container = "", "", parts[0]
    elif count == 2:
        ip, host_port, container = "", parts[0], parts[1]
    elif count == 3:
        ip, host_port, container = parts
    else:
        ip, host_port, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    container, _, proto = container.partition("/")
    if not container:
        proto = ""
    elif not proto:
        proto = "tcp"
    proto = proto.lower()
    if proto not in _PROTOCOLS:
        raise ValueError(f"invalid proto: {proto}")
    if ip and ip[0] == "[":
        ip = _strip_ip_brackets(ip)
    if ip and not _go_parse_ip(ip):
        raise ValueError(f"invalid IP address: {ip}")
    try:
        start, end = _parse_port_range(container)
    except ValueError:
        raise ValueError(f"invalid containerPort: {container}") from None
    host_start = host_end = 0
    if host_port:
        try:
            host_start, host_end = _parse_port_range(host_port)
        except ValueError:
            raise ValueError(f"invalid hostPort: {host_port}") from None
        if end - start != host_end - host_start and end != start:
            raise ValueError(
                "invalid ranges specified for container and host Ports: "
                f"{container} and {host_port}"
            )
    span = end - start + 1
    mappings: list[tuple[str, dict[str, object]]] = []
    for offset in range(span):
        target = start + offset
        entry: dict[str, object] = {"mode": "ingress"}
        if ip:
            entry["host_ip"] = ip
        if target:
            entry["target"] = target
        if host_port:
            published = str(host_start + offset)
            if span == 1 and host_start != host_end:
                published += f"-{host_end}"
            entry["published"] = published
        entry["protocol"] = proto
        mappings.append((f"{target}/{proto}", entry))
    if span > 1:
        # compose sorts the parsed ports by their "port/proto" text
        mappings.sort(key=lambda item: item[0])
    return [entry for _, entry in mappings]
