"""``extra_hosts``: ``host=ip`` / ``host:ip`` entries, or a mapping of hosts."""

from __future__ import annotations

from composecheck.gocompat.fmt import go_string

__all__ = ["parse_extra_host", "render_extra_hosts"]


def _strip_brackets(ip: str) -> str:
    if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]":
        return ip[1:-1]
    return ip


def _check_host_name(host: str) -> None:
    if not host or ":" in host or "=" in host:
        raise ValueError(f"bad host name '{host}'")


def _split_extra_host(entry: str) -> tuple[str, list[str]]:
    host, sep, ips = entry.partition("=")
    if not sep:
        host, sep, ips = entry.partition(":")
        if not sep:
            raise ValueError(f"invalid additional host, missing IP: {entry}")
    return host, ips.split(",")


def parse_extra_host(entry: str) -> tuple[str, str]:
    """One list entry ``host=ip`` / ``host:ip`` -> (host, ip) with ``[...]`` stripped.

    An entry may carry several comma-separated IPs (``h=1.1.1.1,2.2.2.2``); they are
    returned comma-joined, each stripped.  Use :func:`render_extra_hosts` for the
    rendered list.
    """
    host, ips = _split_extra_host(entry)
    _check_host_name(host)
    return host, ",".join(_strip_brackets(ip) for ip in ips)


def render_extra_hosts(value: list[object] | dict[str, object]) -> list[str]:
    """Whole ``extra_hosts`` value (list or mapping) -> sorted ``host=ip`` list as printed."""
    hosts: dict[str, list[str]] = {}
    if isinstance(value, dict):
        for host, item in value.items():
            if item is None:
                hosts[host] = [""]
            elif isinstance(item, str):
                hosts[host] = [item]
            elif isinstance(item, list):
                hosts[host] = [go_string(v) for v in item]
            else:
                raise ValueError(
                    "unexpected value type map[string]interface {} for extra_hosts entry"
                )
    else:
        for entry in value:
            host, ips = _split_extra_host(go_string(entry))
            hosts.setdefault(host, []).extend(ips)
    for host in hosts:
        _check_host_name(host)
    return sorted(f"{host}={_strip_brackets(ip)}" for host, ips in hosts.items() for ip in ips)
