"""Tests for the value syntaxes (composecheck.syntax) and the Go helpers they use.

Every expected value in the tables below was produced by the reference
(``docker compose config --format json``, v2.40.3) and pasted verbatim; nothing
is derived by reasoning.  ``Err(text)`` means the reference rejects the value
with exactly ``text`` (after stripping the ``decoding failed ... 'services[x].f' ``
or ``error while interpolating ...: failed to cast to expected type: `` wrapper
that the caller adds).  The live tests at the end re-check fixed and
hypothesis-generated values against the binary when it is installed.
"""

from __future__ import annotations

import json
import math
import pathlib
import random
import re
import string
import subprocess
import tempfile
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from composecheck.gocompat.fmt import go_string
from composecheck.gocompat.numbers import format_go_float
from composecheck.gocompat.paths import clean_path
from composecheck.syntax.cpus import parse_cpus
from composecheck.syntax.device import parse_device, parse_device_count
from composecheck.syntax.duration import format_duration, parse_duration
from composecheck.syntax.extra_hosts import parse_extra_host, render_extra_hosts
from composecheck.syntax.filemode import format_file_mode, parse_file_mode
from composecheck.syntax.port import parse_port
from composecheck.syntax.shellwords import shell_split
from composecheck.syntax.size import parse_bytes
from composecheck.syntax.volume import parse_volume


class Err(NamedTuple):
    message: str


def _outcome(fn: Callable[[Any], object], arg: Any) -> object:
    try:
        return fn(arg)
    except ValueError as exc:
        return Err(str(exc))


def _assert_same(got: object, expected: object) -> None:
    assert isinstance(got, Err) == isinstance(expected, Err), (got, expected)
    # json.dumps keeps dict key order, which the reference output also fixes
    assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


# ---------------------------------------------------------------------------
# tables (reference output)

PORT_CASES: list[tuple[str | int, object]] = [
    (
        "8-10:8-10",
        [
            {"mode": "ingress", "target": 10, "published": "10", "protocol": "tcp"},
            {"mode": "ingress", "target": 8, "published": "8", "protocol": "tcp"},
            {"mode": "ingress", "target": 9, "published": "9", "protocol": "tcp"},
        ],
    ),
    (
        "[::1]:6001:6001",
        [
            {
                "mode": "ingress",
                "host_ip": "::1",
                "target": 6001,
                "published": "6001",
                "protocol": "tcp",
            }
        ],
    ),
    (
        "127.0.0.1::80",
        [{"mode": "ingress", "host_ip": "127.0.0.1", "target": 80, "protocol": "tcp"}],
    ),
    ("80/udp", [{"mode": "ingress", "target": 80, "protocol": "udp"}]),
    (
        "3000-3005",
        [
            {"mode": "ingress", "target": 3000, "protocol": "tcp"},
            {"mode": "ingress", "target": 3001, "protocol": "tcp"},
            {"mode": "ingress", "target": 3002, "protocol": "tcp"},
            {"mode": "ingress", "target": 3003, "protocol": "tcp"},
            {"mode": "ingress", "target": 3004, "protocol": "tcp"},
            {"mode": "ingress", "target": 3005, "protocol": "tcp"},
        ],
    ),
    (
        "9090-9091:8080-8081",
        [
            {"mode": "ingress", "target": 8080, "published": "9090", "protocol": "tcp"},
            {"mode": "ingress", "target": 8081, "published": "9091", "protocol": "tcp"},
        ],
    ),
    (
        "0.0.0.0:8000:8000",
        [
            {
                "mode": "ingress",
                "host_ip": "0.0.0.0",
                "target": 8000,
                "published": "8000",
                "protocol": "tcp",
            }
        ],
    ),
    (
        "8000-9000:80",
        [{"mode": "ingress", "target": 80, "published": "8000-9000", "protocol": "tcp"}],
    ),
    (
        "::1:6000:6000",
        [
            {
                "mode": "ingress",
                "host_ip": "::1",
                "target": 6000,
                "published": "6000",
                "protocol": "tcp",
            }
        ],
    ),
    ("80/UDP", [{"mode": "ingress", "target": 80, "protocol": "udp"}]),
    (80, [{"mode": "ingress", "target": 80, "protocol": "tcp"}]),
    (
        "1-2-3",
        [
            {"mode": "ingress", "target": 1, "protocol": "tcp"},
            {"mode": "ingress", "target": 2, "protocol": "tcp"},
        ],
    ),
    ("080:0080", [{"mode": "ingress", "target": 80, "published": "80", "protocol": "tcp"}]),
    (
        "99-101",
        [
            {"mode": "ingress", "target": 100, "protocol": "tcp"},
            {"mode": "ingress", "target": 101, "protocol": "tcp"},
            {"mode": "ingress", "target": 99, "protocol": "tcp"},
        ],
    ),
    ("7/sctp", [{"mode": "ingress", "target": 7, "protocol": "sctp"}]),
    (
        "1.2.3.4:0:80",
        [
            {
                "mode": "ingress",
                "host_ip": "1.2.3.4",
                "target": 80,
                "published": "0",
                "protocol": "tcp",
            }
        ],
    ),
    (
        "::ffff:1.2.3.4:5:6",
        [
            {
                "mode": "ingress",
                "host_ip": "::ffff:1.2.3.4",
                "target": 6,
                "published": "5",
                "protocol": "tcp",
            }
        ],
    ),
    ("49100:22", [{"mode": "ingress", "target": 22, "published": "49100", "protocol": "tcp"}]),
    (
        "127.0.0.1:5000-5010:5000-5010",
        [
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5000,
                "published": "5000",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5001,
                "published": "5001",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5002,
                "published": "5002",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5003,
                "published": "5003",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5004,
                "published": "5004",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5005,
                "published": "5005",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5006,
                "published": "5006",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5007,
                "published": "5007",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5008,
                "published": "5008",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5009,
                "published": "5009",
                "protocol": "tcp",
            },
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5010,
                "published": "5010",
                "protocol": "tcp",
            },
        ],
    ),
    (
        "6060:6060/udp",
        [{"mode": "ingress", "target": 6060, "published": "6060", "protocol": "udp"}],
    ),
    ("3000", [{"mode": "ingress", "target": 3000, "protocol": "tcp"}]),
    ("8000:8000", [{"mode": "ingress", "target": 8000, "published": "8000", "protocol": "tcp"}]),
    (
        "95-105",
        [
            {"mode": "ingress", "target": 100, "protocol": "tcp"},
            {"mode": "ingress", "target": 101, "protocol": "tcp"},
            {"mode": "ingress", "target": 102, "protocol": "tcp"},
            {"mode": "ingress", "target": 103, "protocol": "tcp"},
            {"mode": "ingress", "target": 104, "protocol": "tcp"},
            {"mode": "ingress", "target": 105, "protocol": "tcp"},
            {"mode": "ingress", "target": 95, "protocol": "tcp"},
            {"mode": "ingress", "target": 96, "protocol": "tcp"},
            {"mode": "ingress", "target": 97, "protocol": "tcp"},
            {"mode": "ingress", "target": 98, "protocol": "tcp"},
            {"mode": "ingress", "target": 99, "protocol": "tcp"},
        ],
    ),
    ("1-3:4", [{"mode": "ingress", "target": 4, "published": "1-3", "protocol": "tcp"}]),
    ("80/", [{"mode": "ingress", "target": 80, "protocol": "tcp"}]),
    (":80", [{"mode": "ingress", "target": 80, "protocol": "tcp"}]),
    ("::1", [{"mode": "ingress", "target": 1, "protocol": "tcp"}]),
    ("[]:80:80", [{"mode": "ingress", "target": 80, "published": "80", "protocol": "tcp"}]),
    (
        "[1.2.3.4]:80:80",
        [
            {
                "mode": "ingress",
                "host_ip": "1.2.3.4",
                "target": 80,
                "published": "80",
                "protocol": "tcp",
            }
        ],
    ),
    (
        "1.2.3.4:80-81:90-91/udp",
        [
            {
                "mode": "ingress",
                "host_ip": "1.2.3.4",
                "target": 90,
                "published": "80",
                "protocol": "udp",
            },
            {
                "mode": "ingress",
                "host_ip": "1.2.3.4",
                "target": 91,
                "published": "81",
                "protocol": "udp",
            },
        ],
    ),
    ("65535", [{"mode": "ingress", "target": 65535, "protocol": "tcp"}]),
    ("80/Tcp", [{"mode": "ingress", "target": 80, "protocol": "tcp"}]),
    (
        "[fe80::1]:1:2",
        [
            {
                "mode": "ingress",
                "host_ip": "fe80::1",
                "target": 2,
                "published": "1",
                "protocol": "tcp",
            }
        ],
    ),
    (
        "1:2:3:4:5:6:7:8:9:10",
        [
            {
                "mode": "ingress",
                "host_ip": "1:2:3:4:5:6:7:8",
                "target": 10,
                "published": "9",
                "protocol": "tcp",
            }
        ],
    ),
    ("abc", Err("invalid containerPort: abc")),
    ("abc:80", Err("invalid hostPort: abc")),
    ("80:abc", Err("invalid containerPort: abc")),
    ("1.2.3:80:80", Err("invalid IP address: 1.2.3")),
    ("not-an-ip:80:80", Err("invalid IP address: not-an-ip")),
    ("[::1]:80", Err("invalid IP address [:: address [::: missing ']' in address")),
    ("[::1:80:80", Err("invalid IP address [::1: address [::1:: missing ']' in address")),
    ("[::1]x:80:80", Err("invalid IP address [::1]x: address [::1]x:: missing port in address")),
    ("[::1]]:80:80", Err("invalid IP address [::1]]: address [::1]]:: missing port in address")),
    ("[[::1]:80:80", Err("invalid IP address [[::1]: address [[::1]:: unexpected '[' in address")),
    ("80/xyz", Err("invalid proto: xyz")),
    ("", Err("invalid proto: ")),
    ("80:", Err("invalid proto: ")),
    ("1:2:3:4", Err("invalid IP address: 1:2")),
    ("70000", Err("invalid containerPort: 70000")),
    ("5-3", Err("invalid containerPort: 5-3")),
    ("1-2:3-5", Err("invalid ranges specified for container and host Ports: 3-5 and 1-2")),
    ("-1", Err("invalid containerPort: -1")),
    (-1, Err("invalid containerPort: -1")),
    ("/udp", Err("invalid proto: ")),
    ("80/tcp/x", Err("invalid proto: tcp/x")),
    ("fe80::1%eth0:80:80", Err("invalid IP address: fe80::1%eth0")),
    ("01.2.3.4:80:80", Err("invalid IP address: 01.2.3.4")),
    (" 80", Err("invalid containerPort:  80")),
    ("+80", Err("invalid containerPort: +80")),
    ("1_0", Err("invalid containerPort: 1_0")),
    ("[::1]", Err("invalid IP address [: address [:: missing ']' in address")),
    ("80-", Err("invalid containerPort: 80-")),
    ("-80", Err("invalid containerPort: -80")),
    ("1-70000", Err("invalid containerPort: 1-70000")),
    ("abc-1:1", Err("invalid hostPort: abc-1")),
    ("[a]:1:1", Err("invalid IP address: a")),
    ("[::1]]x:1:1", Err("invalid IP address [::1]]x: address [::1]]x:: missing port in address")),
    ("[x[:1:1", Err("invalid IP address [x[: address [x[:: missing ']' in address")),
    ("1.2.3.4.5:1:1", Err("invalid IP address: 1.2.3.4.5")),
    ("::gg:1:1", Err("invalid IP address: ::gg")),
    ("1:2/udp:3", Err("invalid IP address: 1")),
]

VOLUME_CASES: list[tuple[str, object]] = [
    (
        "./a:/b",
        {"type": "bind", "source": "./a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "/a:/b:ro",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    ),
    (
        "/a:/b:rw",
        {"type": "bind", "source": "/a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "/a:/b:ro,rw",
        {"type": "bind", "source": "/a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "/a:/b:z",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "bind": {"selinux": "z", "create_host_path": True},
        },
    ),
    (
        "/a:/b:Z",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "bind": {"selinux": "Z", "create_host_path": True},
        },
    ),
    (
        "/a:/b:rprivate",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "bind": {"propagation": "rprivate", "create_host_path": True},
        },
    ),
    (
        "/a:/b:ro,Z,rshared",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"selinux": "Z", "propagation": "rshared", "create_host_path": True},
        },
    ),
    ("data:/data", {"type": "volume", "source": "data", "target": "/data", "volume": {}}),
    (
        "data:/data:nocopy",
        {"type": "volume", "source": "data", "target": "/data", "volume": {"nocopy": True}},
    ),
    (
        "data:/data:ro,nocopy",
        {
            "type": "volume",
            "source": "data",
            "target": "/data",
            "read_only": True,
            "volume": {"nocopy": True},
        },
    ),
    ("/x", {"type": "volume", "target": "/x"}),
    ("/x/", {"type": "volume", "target": "/x", "volume": {}}),
    ("/x//y/../z/.", {"type": "volume", "target": "/x/z", "volume": {}}),
    ("c:/x", {"type": "volume", "target": "c:/x", "volume": {}}),
    (
        "c:/x:/y",
        {"type": "bind", "source": "c:/x", "target": "/y", "bind": {"create_host_path": True}},
    ),
    (
        "a:b:c:d",
        {"type": "bind", "source": "a:b", "target": "c:d", "bind": {"create_host_path": True}},
    ),
    ("v:/data", {"type": "volume", "target": "v:/data", "volume": {}}),
    (
        "~/a:/b",
        {"type": "bind", "source": "~/a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "../a:/b",
        {"type": "bind", "source": "../a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (".:/b", {"type": "bind", "source": ".", "target": "/b", "bind": {"create_host_path": True}}),
    ("ab", {"type": "volume", "target": "ab"}),
    ("é", {"type": "volume", "target": "é"}),
    (
        "data:/data:z",
        {
            "type": "volume",
            "source": "data",
            "target": "/data",
            "bind": {"selinux": "z"},
            "volume": {},
        },
    ),
    (
        "./a:/b:nocopy",
        {
            "type": "bind",
            "source": "./a",
            "target": "/b",
            "bind": {"create_host_path": True},
            "volume": {"nocopy": True},
        },
    ),
    (
        "/a:/b:foo",
        {"type": "bind", "source": "/a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "/a:/b:ro,bogus",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    ),
    ("data:b/../c", {"type": "volume", "source": "data", "target": "c", "volume": {}}),
    ("data:rel", {"type": "volume", "source": "data", "target": "rel", "volume": {}}),
    (
        "\\\\pipe\\x:/y",
        {
            "type": "bind",
            "source": "\\\\pipe\\x",
            "target": "/y",
            "bind": {"create_host_path": True},
        },
    ),
    ("x", {"type": "volume", "target": "x"}),
    (
        "C:\\x:C:\\y",
        {"type": "bind", "source": "C:\\x", "target": "C:\\y", "bind": {"create_host_path": True}},
    ),
    (
        "data:/d:slave,private",
        {
            "type": "volume",
            "source": "data",
            "target": "/d",
            "bind": {"propagation": "private"},
            "volume": {},
        },
    ),
    (
        "/a:/b:rw,ro",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    ),
    (
        "data:/d:Z,z",
        {
            "type": "volume",
            "source": "data",
            "target": "/d",
            "bind": {"selinux": "z"},
            "volume": {},
        },
    ),
    (
        "/a:/b:ro,",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    ),
    (
        "./${X:-a:b}:/b${Y:-c:d}:ro",
        {
            "type": "bind",
            "source": "./${X:-a:b}",
            "target": "/b${Y:-c:d}",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    ),
    (
        "/a:/b:nocopy,ro",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"create_host_path": True},
            "volume": {"nocopy": True},
        },
    ),
    (
        "data:/d:nocopy,z",
        {
            "type": "volume",
            "source": "data",
            "target": "/d",
            "bind": {"selinux": "z"},
            "volume": {"nocopy": True},
        },
    ),
    ("", Err("invalid empty volume spec")),
    (":", {"type": "volume", "target": ":"}),
    ("::", {"type": "volume", "target": "::"}),
    ("/a::/b", Err("invalid spec: /a::/b: empty section between colons")),
    ("/a:/b:", Err("invalid spec: /a:/b:: empty section between colons")),
    ("/a:/b:ro:x", Err("invalid spec: /a:/b:ro:x: too many colons")),
    (":/b", Err("invalid spec: :/b: empty section between colons")),
    ("data:", Err("invalid spec: data:: empty section between colons")),
    (
        "/a:/b:ro,nocopy,rslave,z",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"selinux": "z", "propagation": "rslave", "create_host_path": True},
            "volume": {"nocopy": True},
        },
    ),
    ("é:/y", {"type": "volume", "target": "é:/y", "volume": {}}),
    ("a:", {"type": "volume", "target": "a:"}),
    (".a:/b", {"type": "bind", "source": ".a", "target": "/b", "bind": {"create_host_path": True}}),
    ("~:/b", {"type": "bind", "source": "~", "target": "/b", "bind": {"create_host_path": True}}),
    ("data:.", {"type": "volume", "source": "data", "target": ".", "volume": {}}),
    ("data:..", {"type": "volume", "source": "data", "target": "..", "volume": {}}),
    ("data:/..", {"type": "volume", "source": "data", "target": "/", "volume": {}}),
    ("data:a//b/", {"type": "volume", "source": "data", "target": "a/b", "volume": {}}),
    (
        "/a:/b\\c/..",
        {"type": "bind", "source": "/a", "target": "/", "bind": {"create_host_path": True}},
    ),
    ("/.", {"type": "volume", "target": "/"}),
    ("a/", {"type": "volume", "target": "a"}),
    ("..", {"type": "volume", "target": ".."}),
    ("//", {"type": "volume", "target": "/"}),
    (".", {"type": "volume", "target": "."}),
    ("./", {"type": "volume", "target": "."}),
    (
        "/a:/b:rshared,Z",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "bind": {"selinux": "Z", "propagation": "rshared", "create_host_path": True},
        },
    ),
    (
        "./a:/b:${x",
        {"type": "bind", "source": "./a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "data:/d:shared,slave,rw",
        {
            "type": "volume",
            "source": "data",
            "target": "/d",
            "bind": {"propagation": "slave"},
            "volume": {},
        },
    ),
    ("/abc", {"type": "volume", "target": "/abc", "volume": {}}),
    ("abc", {"type": "volume", "target": "abc", "volume": {}}),
    (
        "/a:/b/../../..",
        {"type": "bind", "source": "/a", "target": "/", "bind": {"create_host_path": True}},
    ),
    (
        "/a:b:/c",
        {"type": "bind", "source": "/a", "target": "b:/c", "bind": {"create_host_path": True}},
    ),
    (
        "x:y:/z:ro",
        {
            "type": "bind",
            "source": "x:y",
            "target": "/z",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    ),
    (
        "/a:/b:ro,,z",
        {
            "type": "bind",
            "source": "/a",
            "target": "/b",
            "read_only": True,
            "bind": {"selinux": "z", "create_host_path": True},
        },
    ),
    (
        "./a:/b:RO",
        {"type": "bind", "source": "./a", "target": "/b", "bind": {"create_host_path": True}},
    ),
    (
        "data:/d:nocopy,nocopy",
        {"type": "volume", "source": "data", "target": "/d", "volume": {"nocopy": True}},
    ),
]

DEVICE_CASES: list[tuple[str, object]] = [
    ("/dev/a:/dev/b:rwm", {"source": "/dev/a", "target": "/dev/b", "permissions": "rwm"}),
    ("/dev/a", {"source": "/dev/a", "target": "/dev/a", "permissions": "rwm"}),
    ("/dev/a:/dev/b", {"source": "/dev/a", "target": "/dev/b", "permissions": "rwm"}),
    ("/dev/a:/dev/b:r", {"source": "/dev/a", "target": "/dev/b", "permissions": "r"}),
    ("/dev/a::r", {"source": "/dev/a", "target": "/dev/a", "permissions": "r"}),
    (
        "vendor.com/gpu=all",
        {"source": "vendor.com/gpu=all", "target": "vendor.com/gpu=all", "permissions": "rwm"},
    ),
    ("/a:/b:c:d", Err("confusing device mapping, please use long syntax: /a:/b:c:d")),
    ("", {"permissions": "rwm"}),
    (":", {"permissions": "rwm"}),
    ("/dev/a:", {"source": "/dev/a", "target": "/dev/a", "permissions": "rwm"}),
    ("/dev/a:/dev/b:", {"source": "/dev/a", "target": "/dev/b"}),
    ("::r", {"permissions": "r"}),
    (":/dev/b", {"target": "/dev/b", "permissions": "rwm"}),
]

EXTRA_HOSTS_CASES: list[tuple[list[object] | dict[str, object], object]] = [
    (["h:1.2.3.4"], ["h=1.2.3.4"]),
    (["h=1.2.3.4"], ["h=1.2.3.4"]),
    (["h=[::1]"], ["h=::1"]),
    (["h:::1"], ["h=::1"]),
    (["h=1.1.1.1,2.2.2.2"], ["h=1.1.1.1", "h=2.2.2.2"]),
    (["nocolon"], Err("invalid additional host, missing IP: nocolon")),
    (["=1.2.3.4"], Err("bad host name ''")),
    (["a:b=c"], Err("bad host name 'a:b'")),
    (["h=[]"], ["h=[]"]),
    (["h=[a"], ["h=[a"]),
    (["h="], ["h="]),
    (["h:[::1],[::2]"], ["h=::1", "h=::2"]),
    (["h==x"], ["h==x"]),
    ({"h": "[::1]"}, ["h=::1"]),
    ({"b": "1", "a": ["2", "[::3]"]}, ["a=2", "a=::3", "b=1"]),
    ({"h": "1,2"}, ["h=1,2"]),
    ({"a:b": "1"}, Err("bad host name 'a:b'")),
    (["ok=1", "nocolon", "=x"], Err("invalid additional host, missing IP: nocolon")),
    (["=x", "nocolon"], Err("invalid additional host, missing IP: nocolon")),
    (["h=[::1]x"], ["h=[::1]x"]),
    (["x:y:z"], ["x=y:z"]),
]

DURATION_CASES: list[tuple[str, object]] = [
    ("10s", "10s"),
    ("1m", "1m0s"),
    ("90s", "1m30s"),
    ("120s", "2m0s"),
    ("500ms", "500ms"),
    ("1h2m3s", "1h2m3s"),
    ("0", "0s"),
    ("0s", "0s"),
    ("1.5s", "1.5s"),
    ("2us", "2µs"),
    ("2µs", "2µs"),
    ("2μs", "2µs"),
    ("1d", "24h0m0s"),
    ("1w", "168h0m0s"),
    ("1w2d3h", "219h0m0s"),
    ("1.5h", "1h30m0s"),
    ("-1s", "-1s"),
    ("+5s", "5s"),
    (".5s", "500ms"),
    ("5.s", "5s"),
    ("1h30m0.5s", "1h30m0.5s"),
    ("100ns", "100ns"),
    ("1ns", "1ns"),
    ("1000ns", "1µs"),
    ("1500us", "1.5ms"),
    ("0.000000001s", "1ns"),
    ("2562047h47m16.854775807s", "2562047h47m16.854775807s"),
    ("1.23456789s", "1.23456789s"),
    ("3h0m0s", "3h0m0s"),
    ("-0", "0s"),
    ("+0", "0s"),
    ("9223372036854775807ns", "2562047h47m16.854775807s"),
    ("1.0000000001h", "1h0m0.00000036s"),
    ("0.1s", "100ms"),
    ("0.3s", "300ms"),
    ("0.7ms", "700µs"),
    ("1.9999999999999999999s", "2s"),
    ("106751d", "2562024h0m0s"),
    ("15250w", "2562000h0m0s"),
    ("1.5d", "36h0m0s"),
    ("-1.5h", "-1h30m0s"),
    ("1m1m", "2m0s"),
    ("1ns1ns", "2ns"),
    ("59.999999999s", "59.999999999s"),
    ("3599.9999999999s", "59m59.999999999s"),
    ("1.1111111111111111111111111h", "1h6m40s"),
    ("0.5ns", "0s"),
    ("1e3s", Err('time: unknown unit "e" in duration "1e3s"')),
    ("  1s", Err('time: invalid duration "  1s"')),
    ("1s ", Err('time: unknown unit "s " in duration "1s "')),
    ("10x", Err('time: unknown unit "x" in duration "10x"')),
    ("abc", Err('time: invalid duration "abc"')),
    ("10", Err('time: missing unit in duration "10"')),
    ("", Err('time: invalid duration ""')),
    (".s", Err('time: invalid duration ".s"')),
    ("1h 30m", Err('time: unknown unit "h " in duration "1h 30m"')),
    ("9223372036854775808ns", Err('time: invalid duration "9223372036854775808ns"')),
    ("15251w", Err('time: invalid duration "15251w"')),
    ("18446744073709551616ns", Err('time: invalid duration "18446744073709551616ns"')),
    ("-", Err('time: invalid duration "-"')),
    ("+", Err('time: invalid duration "+"')),
    ("1s-1s", Err('time: unknown unit "s-" in duration "1s-1s"')),
    ("1.s.5", Err('time: missing unit in duration "1.s.5"')),
    ("1h..5m", Err('time: invalid duration "1h..5m"')),
    ("5 s", Err('time: unknown unit " s" in duration "5 s"')),
    ("1S", Err('time: unknown unit "S" in duration "1S"')),
    ("1H", Err('time: unknown unit "H" in duration "1H"')),
    ("1Ms", Err('time: unknown unit "Ms" in duration "1Ms"')),
    ("2562048h", Err('time: invalid duration "2562048h"')),
    ("0.0000000001s", "0s"),
    ("-2562047h47m16.854775807s", "-2562047h47m16.854775807s"),
    ("106752d", Err('time: invalid duration "106752d"')),
    ("1.5.5s", Err('time: missing unit in duration "1.5.5s"')),
]

BYTES_CASES: list[tuple[str | int | float, object]] = [
    ("512M", 536870912),
    ("1gb", 1073741824),
    ("1.5g", 1610612736),
    ("-1", Err("invalid size: '-1'")),
    (-1, -1),
    (0, 0),
    ("0", 0),
    (1024, 1024),
    ("1024", 1024),
    ("1k", 1024),
    ("1K", 1024),
    ("1kb", 1024),
    ("1KB", 1024),
    ("1kib", 1024),
    ("1KiB", 1024),
    ("1kibb", Err("invalid suffix: 'kibb'")),
    ("1m", 1048576),
    ("1t", 1099511627776),
    ("1p", 1125899906842624),
    ("1e", Err("invalid suffix: 'e'")),
    ("1b", 1),
    ("1B", 1),
    ("1bb", Err("invalid suffix: 'bb'")),
    ("potatoes", Err("invalid size: 'potatoes'")),
    ("1 GB", 1073741824),
    ("1  GB", Err('strconv.ParseFloat: parsing "1 ": invalid syntax')),
    (" 1", Err('strconv.ParseFloat: parsing " 1": invalid syntax')),
    ("1 ", 1),
    ("1.5", 1),
    ("1.5b", 1),
    ("0.5k", 512),
    ("1e3", 1000),
    ("1e3k", 1024000),
    ("0x10", Err('strconv.ParseFloat: parsing "0x10": invalid syntax')),
    ("0x1p4", 16),
    ("1_000", 1000),
    ("inf", Err("invalid size: 'inf'")),
    ("1e400", Err('strconv.ParseFloat: parsing "1e400": value out of range')),
    ("1e19", -9223372036854775808),
    ("9e18", 9000000000000000000),
    ("10000000p", -9223372036854775808),
    (".5k", 512),
    ("5.k", 5120),
    (".", Err('strconv.ParseFloat: parsing ".": invalid syntax')),
    ("1..5", Err('strconv.ParseFloat: parsing "1..5": invalid syntax')),
    ("+5", 5),
    ("+5k", 5120),
    ("1kk", Err("invalid suffix: 'kk'")),
    ("1gib", 1073741824),
    ("1GiB", 1073741824),
    ("1mbb", Err("invalid suffix: 'mbb'")),
    ("12345678901234567890", -9223372036854775808),
    (1.5, 0),
    (1000.0, 0),
    ("k", Err("invalid size: 'k'")),
    ("1ki", Err("invalid suffix: 'ki'")),
    ("1k b", Err('strconv.ParseFloat: parsing "1k": invalid syntax')),
    ("1-2", Err('strconv.ParseFloat: parsing "1-2": invalid syntax')),
    ("--1", Err('strconv.ParseFloat: parsing "--1": invalid syntax')),
    ("-0", 0),
    ("1e-3k", 1),
    ("Inf1", Err('strconv.ParseFloat: parsing "Inf1": invalid syntax')),
    (12345678901234567890, 0),
    (9223372036854775807, 9223372036854775807),
    (-9223372036854775808, -9223372036854775808),
    (123456789012345678901234567890, 0),
    ("1KIBB", Err("invalid suffix: 'KIBB'")),
    ("1_", Err("invalid suffix: '_'")),
    ("_1", Err('strconv.ParseFloat: parsing "_1": invalid syntax')),
    ("1__0", Err('strconv.ParseFloat: parsing "1__0": invalid syntax')),
    ("1e1_0", 10000000000),
    ("0x_1p4", 16),
    ("0x1p4k", 16384),
    ("0x1.8p1", 3),
    ("0X1P4", 16),
    ("0x1p", Err('strconv.ParseFloat: parsing "0x1": invalid syntax')),
    ("0xp1", Err('strconv.ParseFloat: parsing "0xp1": invalid syntax')),
    ("1.5MB", 1572864),
    ("1.5MiB", 1572864),
    ("2gB", 2147483648),
    ("1 ", 1),
    (" ", Err('strconv.ParseFloat: parsing "": invalid syntax')),
    ("1E3", 1000),
    ("-1k", Err("invalid size: '-1k'")),
    ("1tb", 1099511627776),
    ("3 b", 3),
]

CPUS_CASES: list[tuple[str | int | float, object]] = [
    (0.5, 0.5),
    ("0.5", 0.5),
    (1, 1),
    ("1_0", 10),
    ("0x1p-2", 0.25),
    (0.1, 0.1),
    (0.333333333333, 0.33333334),
    ("1e-7", 1e-07),
    (1e-07, 1e-07),
    (16777217, 16777216),
    ("2.5e38", 2.5e38),
    (1e21, 1e21),
    (1e20, 100000000000000000000),
    (0, 0),
    (-1, -1),
    (" 1", Err('strconv.ParseFloat: parsing " 1": invalid syntax')),
    ("abc", Err('strconv.ParseFloat: parsing "abc": invalid syntax')),
    ("1e39", Err('strconv.ParseFloat: parsing "1e39": value out of range')),
    (".5", 0.5),
    ("inf", Err("json: unsupported value: +Inf")),
    ("0.1", 0.1),
    ("3.14159265358979", 3.1415927),
    (1.1, 1.1),
    ("1e-46", 0),
    (1e-45, 1e-45),
    (123456.789, 123456.79),
    ("NaN", Err("json: unsupported value: NaN")),
    ("1__0", Err('strconv.ParseFloat: parsing "1__0": invalid syntax')),
]

COMMAND_CASES: list[tuple[str, object]] = [
    ('echo \'a b\' "c\\"d" e\\ f', ["echo", "a b", 'c"d', "e f"]),
    ("", []),
    ("   ", []),
    ("a  b\tc\nd", ["a", "b", "c", "d"]),
    ("echo a; rm -rf /", ["echo", "a"]),
    ("echo a|b", ["echo", "a"]),
    ("echo a&&b", ["echo", "a"]),
    ("echo 2>/dev/null", ["echo"]),
    ("echo a2>x", ["echo", "a2"]),
    ("echo 1a>x", ["echo"]),
    ("echo >x", ["echo"]),
    ("echo <x", ["echo"]),
    ("echo $(ls -l) x", ["echo", "$(ls -l)", "x"]),
    ("echo $(a $(b))", Err("invalid command line string")),
    ("echo (a)", Err("invalid command line string")),
    ("echo a)b)", ["echo", "a)b)"]),
    ("echo a)", Err("invalid command line string")),
    ("echo `ls -l` x", ["echo", "`ls -l`", "x"]),
    ("echo ''", ["echo", ""]),
    ('echo ""', ["echo", ""]),
    ('echo "a\\nb"', ["echo", "anb"]),
    ("echo 'a\\nb'", ["echo", "a\\nb"]),
    ('echo "unterminated', Err("invalid command line string")),
    ("echo 'x", Err("invalid command line string")),
    ("echo x\\", Err("invalid command line string")),
    ('a"b c"d', ["ab cd"]),
    ('echo "$(a)"', ["echo", "$(a)"]),
    ('echo "a;b"', ["echo", "a;b"]),
    ('x $("a b") y', ["x", '$("a b")', "y"]),
    ("x $(a;b) y", ["x", "$(a;b)", "y"]),
    ("x=$((1+2))", Err("invalid command line string")),
    ("echo \\\\", ["echo", "\\"]),
    ("é ü", ["é", "ü"]),
    ("echo a\rb", ["echo", "a", "b"]),
    ('sh -c "echo $HOME"', ["sh", "-c", "echo $HOME"]),
    ('a \\"b', ["a", '"b']),
    ("echo 12 >x", ["echo", "12"]),
    ("echo 3>&1 y", ["echo"]),
    ("a`b c`d e", ["a`b c`d", "e"]),
    ("echo `unterminated", Err("invalid command line string")),
    ("echo $(", Err("invalid command line string")),
    ("a '\"' b", ["a", '"', "b"]),
    ('a "\'" b', ["a", "'", "b"]),
    ("a\\\tb", ["a\tb"]),
    ("' '", [" "]),
    ('"" ""', ["", ""]),
    ("x $(a 'b) y", ["x", "$(a 'b)", "y"]),
    ("echo ')' x", ["echo", ")", "x"]),
    ("a)b(", Err("invalid command line string")),
    ("a$(b)c d", ["a$(b)c", "d"]),
    ("a\x0bb", ["a\x0bb"]),
    ("a\xa0b", ["a\xa0b"]),
    ("a\x0cb", ["a\x0cb"]),
    ("'a'\"b\"c", ["abc"]),
]

FILE_MODE_CASES: list[tuple[str | int, object]] = [
    (288, "0440"),
    ("0440", "0440"),
    (0, "00"),
    (511, "0777"),
    ("777", "0777"),
    (288, "0440"),
    ("0", "00"),
    ("8", Err('strconv.ParseInt: parsing "8": invalid syntax')),
    ("abc", Err('strconv.ParseInt: parsing "abc": invalid syntax')),
    ("-1", "0-1"),
    (2541, "04755"),
]

GO_STRING_CASES: list[tuple[object, str]] = [
    (12, "12"),
    (-12, "-12"),
    (12345678901234567890, "12345678901234567890"),
    (123456789012345678901234567890, "1.2345678901234568e+29"),
    (-123456789012345678901234567890, "-1.2345678901234568e+29"),
    (1.0, "1"),
    (1.5, "1.5"),
    (999999.0, "999999"),
    (1000000.0, "1e+06"),
    (1234567.5, "1.2345675e+06"),
    (0.0001, "0.0001"),
    (1e-05, "1e-05"),
    (1e25, "1e+25"),
    (-1.5e-07, "-1.5e-07"),
    (math.inf, "+Inf"),
    (-math.inf, "-Inf"),
    (math.nan, "NaN"),
    (-0.0, "-0"),
    (123456.789, "123456.789"),
    (100000000.0, "1e+08"),
    (1e-320, "1e-320"),
    (1.7976931348623157e308, "1.7976931348623157e+308"),
    (5e-324, "5e-324"),
    (0.1, "0.1"),
    (1e21, "1e+21"),
    (123456789012.0, "1.23456789012e+11"),
    (True, "true"),
    (False, "false"),
    (None, ""),
    ("x", "x"),
    (-9223372036854775808, "-9223372036854775808"),
    (-9223372036854775809, "-9.223372036854776e+18"),
    (18446744073709551615, "18446744073709551615"),
    (18446744073709551616, "1.8446744073709552e+19"),
    (0.30000000000000004, "0.30000000000000004"),
    (2.5e-05, "2.5e-05"),
    (0.0001, "0.0001"),
    (999999.5, "999999.5"),
    (100000.0, "100000"),
    (100000.0, "100000"),
    (123456.0, "123456"),
    (1234567.0, "1.234567e+06"),
]

CLEAN_PATH_CASES: list[tuple[str, str]] = [
    ("/a/b/../c", "/a/c"),
    ("a/./b", "a/b"),
    ("a/../..", ".."),
    ("../../a", "../../a"),
    ("/../a", "/a"),
    ("/a/b/", "/a/b"),
    ("a//b", "a/b"),
    ("///a//", "/a"),
    ("a/b/c/../../..", "."),
    ("abc/.", "abc"),
    ("/./", "/"),
    (".../a", ".../a"),
    ("a/...", "a/..."),
    ("/a/./../b/.", "/b"),
    ("a/b/../../../c/..", ".."),
    ("..a/b", "..a/b"),
    ("é//ü/", "é/ü"),
]

# Values the parsers accept but that the reference rejects in a later validation
# step (owned by the caller): the parser output shows why.
DOWNSTREAM_CASES: list[tuple[Callable[[Any], object], object, object, str]] = [
    (parse_port, 0, [{"mode": "ingress", "protocol": "tcp"}], "is missing a target port"),
    (
        parse_port,
        "0:0",
        [{"mode": "ingress", "published": "0", "protocol": "tcp"}],
        "is missing a target port",
    ),
    (
        parse_volume,
        "./a:${x",
        {"type": "bind", "source": "./a", "bind": {"create_host_path": True}},
        "is missing a mount target",
    ),
]


# ---------------------------------------------------------------------------
# table-driven tests


@pytest.mark.parametrize(("spec", "expected"), PORT_CASES)
def test_parse_port(spec: str | int, expected: object) -> None:
    _assert_same(_outcome(parse_port, spec), expected)


@pytest.mark.parametrize(("spec", "expected"), VOLUME_CASES)
def test_parse_volume(spec: str, expected: object) -> None:
    _assert_same(_outcome(parse_volume, spec), expected)


@pytest.mark.parametrize(("spec", "expected"), DEVICE_CASES)
def test_parse_device(spec: str, expected: object) -> None:
    _assert_same(_outcome(parse_device, spec), expected)


@pytest.mark.parametrize(("value", "expected"), EXTRA_HOSTS_CASES)
def test_render_extra_hosts(value: list[object] | dict[str, object], expected: object) -> None:
    _assert_same(_outcome(render_extra_hosts, value), expected)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("h:1.2.3.4", ("h", "1.2.3.4")),
        ("h=[::1]", ("h", "::1")),
        ("h:::1", ("h", "::1")),
        ("h:[::1],[::2]", ("h", "::1,::2")),
        ("h==x", ("h", "=x")),
        ("x:y:z", ("x", "y:z")),
        ("nocolon", Err("invalid additional host, missing IP: nocolon")),
        ("=1.2.3.4", Err("bad host name ''")),
        ("a:b=c", Err("bad host name 'a:b'")),
    ],
)
def test_parse_extra_host(entry: str, expected: object) -> None:
    got = _outcome(parse_extra_host, entry)
    assert got == expected
    assert isinstance(got, Err) == isinstance(expected, Err)


@pytest.mark.parametrize(("text", "expected"), DURATION_CASES)
def test_duration_round_trip(text: str, expected: object) -> None:
    got = _outcome(lambda t: format_duration(parse_duration(t)), text)
    _assert_same(got, expected)
    if not isinstance(expected, Err):
        # the rendering is itself a valid duration with the same value
        assert parse_duration(str(expected)) == parse_duration(text)


@pytest.mark.parametrize(
    ("ns", "text"),
    [
        (0, "0s"),
        (1, "1ns"),
        (999, "999ns"),
        (1_000, "1\u00b5s"),
        (1_500, "1.5\u00b5s"),
        (700_000, "700\u00b5s"),
        (1_500_000, "1.5ms"),
        (500_000_000, "500ms"),
        (1_000_000_000, "1s"),
        (60_000_000_000, "1m0s"),
        (90_000_000_000, "1m30s"),
        (3_723_000_000_000, "1h2m3s"),
        (3_600_000_000_360, "1h0m0.00000036s"),
        (-5_400_000_000_000, "-1h30m0s"),
        (86_400_000_000_000, "24h0m0s"),
        ((1 << 63) - 1, "2562047h47m16.854775807s"),
        (-((1 << 63) - 1), "-2562047h47m16.854775807s"),
        (-(1 << 63), "-2562047h47m16.854775808s"),
    ],
)
def test_format_duration(ns: int, text: str) -> None:
    assert format_duration(ns) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10x", 'time: unknown unit "x" in duration "10x"'),
        ("abc", 'time: invalid duration "abc"'),
        ("10", 'time: missing unit in duration "10"'),
    ],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_duration(text)


@pytest.mark.parametrize(("value", "expected"), BYTES_CASES)
def test_parse_bytes(value: str | int | float, expected: object) -> None:
    # 0 means the reference omits the field
    _assert_same(_outcome(parse_bytes, value), expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1KIBB", Err("invalid suffix: 'KIBB'")),
        ("1kibb", Err("invalid suffix: 'kibb'")),
        ("1KI", Err("invalid suffix: 'ki'")),
        # byte length counts (go-units), so two 2-byte letters are "too long" and keep case
        ("1\u00c9\u00c9", Err("invalid suffix: '\u00c9\u00c9'")),
        ("1\u00c9", Err("invalid suffix: '\u00e9'")),
    ],
)
def test_parse_bytes_suffix_messages(value: str, expected: object) -> None:
    assert _outcome(parse_bytes, value) == expected


@pytest.mark.parametrize(("value", "expected"), CPUS_CASES)
def test_parse_cpus(value: str | int | float, expected: object) -> None:
    got = _outcome(parse_cpus, value)
    if isinstance(expected, Err):
        assert got == expected
    else:
        # the reference prints a JSON number; 0 means the field is omitted
        assert isinstance(got, float)
        assert got == expected
        assert json.dumps(got) == json.dumps(float(expected))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1e39", Err("json: unsupported value: +Inf")),
        ("abc", Err('strconv.ParseFloat: parsing "abc": invalid syntax')),
        ("0.333333333333", 0.33333334),
        ("1_0", 10.0),
        ("0x1p-2", 0.25),
    ],
)
def test_parse_cpus_deploy_limits(value: str, expected: object) -> None:
    assert _outcome(lambda v: parse_cpus(v, string_bits=64), value) == expected


@pytest.mark.parametrize(("text", "expected"), COMMAND_CASES)
def test_shell_split(text: str, expected: object) -> None:
    _assert_same(_outcome(shell_split, text), expected)


@pytest.mark.parametrize(("value", "expected"), FILE_MODE_CASES)
def test_file_mode(value: str | int, expected: object) -> None:
    got = _outcome(lambda v: format_file_mode(parse_file_mode(v)), value)
    _assert_same(got, expected)


@pytest.mark.parametrize(("value", "expected"), GO_STRING_CASES)
def test_go_string(value: object, expected: str) -> None:
    assert go_string(value) == expected


def test_go_string_ruamel_scalars() -> None:
    # the project loads YAML with ruamel's round-trip loader, whose scalars are
    # subclasses (an anchored boolean is even an int subclass)
    from ruamel.yaml import YAML

    doc = YAML().load("a: 1.50\nb: 1e6\nc: &x true\nd: *x\ne: 0x1F\nf: &y false\n")
    assert {k: go_string(v) for k, v in doc.items()} == {
        "a": "1.5",
        "b": "1e+06",
        "c": "true",
        "d": "true",
        "e": "31",
        "f": "false",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [(v, e) for v, e in GO_STRING_CASES if isinstance(v, float)],
)
def test_format_go_float(value: float, expected: str) -> None:
    assert format_go_float(value) == expected


@pytest.mark.parametrize(("path", "expected"), CLEAN_PATH_CASES)
def test_clean_path(path: str, expected: str) -> None:
    assert clean_path(path) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [("", "."), ("/", "/"), ("a", "a"), ("/a", "/a"), ("..", ".."), ("/..", "/"), ("a/", "a")],
)
def test_clean_path_basics(path: str, expected: str) -> None:
    # Go's documented path.Clean results; the reference cannot print an empty target
    assert clean_path(path) == expected


@pytest.mark.parametrize(("fn", "value", "parsed", "reference_error"), DOWNSTREAM_CASES)
def test_values_rejected_downstream(
    fn: Callable[[Any], object], value: object, parsed: object, reference_error: str
) -> None:
    _assert_same(fn(value), parsed)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("all", -1),
        ("ALL", -1),
        ("All", -1),
        ("3", 3),
        (2, 2),
        ("-2", -2),
        ("+3", 3),
        ("03", 3),
        (0, 0),
        ("0", 0),
        (-1, -1),
        ("x", Err("invalid value \"x\", the only value allowed is 'all' or a number")),
        (" 3", Err("invalid value \" 3\", the only value allowed is 'all' or a number")),
        ("1_0", Err("invalid value \"1_0\", the only value allowed is 'all' or a number")),
        (
            "9223372036854775808",
            Err(
                "invalid value \"9223372036854775808\", the only value allowed is 'all' or a number"
            ),
        ),
    ],
)
def test_parse_device_count(value: str | int, expected: object) -> None:
    assert _outcome(parse_device_count, value) == expected


_HUGE = 10**400  # overflows float64: go-yaml keeps it as the string of digits


@pytest.mark.parametrize(
    ("fn", "value", "expected"),
    [
        (go_string, _HUGE, str(_HUGE)),
        (go_string, -_HUGE, str(-_HUGE)),
        (parse_bytes, _HUGE, Err(f'strconv.ParseFloat: parsing "{_HUGE}": value out of range')),
        (parse_bytes, -_HUGE, Err(f'strconv.ParseFloat: parsing "{-_HUGE}": value out of range')),
        (parse_cpus, _HUGE, Err(f'strconv.ParseFloat: parsing "{_HUGE}": value out of range')),
        (parse_cpus, 12345678901234567890, 12345679000000000000.0),
        (parse_cpus, 123456789012345678901234567890, 1.2345679e29),
    ],
)
def test_integers_beyond_float64(fn: Callable[[Any], object], value: int, expected: object) -> None:
    assert _outcome(fn, value) == expected


def test_results_are_fresh_objects() -> None:
    # callers mutate the returned dicts while building the model
    first = parse_port("80")
    first[0]["mode"] = "host"
    assert parse_port("80")[0]["mode"] == "ingress"
    vol = parse_volume("data:/d")
    vol["volume"] = {"nocopy": True}
    assert parse_volume("data:/d")["volume"] == {}


# ---------------------------------------------------------------------------
# live differential tests against the reference binary


def _reference() -> pathlib.Path:
    try:
        import compose  # type: ignore[import-untyped]
    except ImportError:
        pytest.skip("reference docker-compose not installed")
    binary = pathlib.Path(compose.__file__).parent / "docker-compose"
    if not binary.is_file():
        pytest.skip("reference docker-compose not found")
    return binary


_WRAPPERS = re.compile(
    r"^(?:decoding failed due to the following error\(s\):\n\n'services\[[^\]]*\]\.[^']*' "
    r"|error while interpolating services\.[^:]*: failed to cast to expected type: )"
)


_NO_PATH = "--no-path-resolution"  # volume sources stay as written


def _run(services: dict[str, dict[str, Any]], volumes: dict[str, Any] | None = None) -> Any:
    """One reference run; returns the services mapping or Err(normalised message)."""
    doc: dict[str, Any] = {"services": services}
    if volumes:
        doc["volumes"] = volumes
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp, "compose.json")
        path.write_text(json.dumps(doc))
        proc = subprocess.run(
            [str(_reference()), "-f", str(path), "-p", "p", "config", "--format", "json", _NO_PATH],
            capture_output=True,
            text=True,
            cwd=tmp,
            env={"PATH": "/usr/bin:/bin", "HOME": tmp},  # like env -i
            check=False,
        )
    if proc.returncode:
        return Err(_WRAPPERS.sub("", proc.stderr.rstrip("\n")))
    return json.loads(proc.stdout)["services"]


def _undollar(value: Any) -> Any:
    # config prints every "$" doubled
    if isinstance(value, str):
        return value.replace("$$", "$")
    if isinstance(value, list):
        return [_undollar(v) for v in value]
    if isinstance(value, dict):
        return {k: _undollar(v) for k, v in value.items()}
    return value


class _Kind(NamedTuple):
    service: Callable[[Any], dict[str, Any]]  # value -> service body fragment
    extract: Callable[[dict[str, Any]], object]  # rendered service -> comparable
    ours: Callable[[Any], object]  # value -> comparable


def _bytes_ours(value: str | int) -> object:
    n = parse_bytes(value)
    return None if n == 0 else str(n)


def _as_float(value: object) -> object:
    # JSON prints a whole float32 without a fraction; the value is what matters
    return float(value) if isinstance(value, (int, float)) else value


def _cpus_ours(value: str | int | float) -> object:
    n = parse_cpus(value)
    return None if n == 0 else n


_KINDS: dict[str, _Kind] = {
    "port": _Kind(lambda v: {"ports": [v]}, lambda s: s["ports"], parse_port),
    "volume": _Kind(
        lambda v: {"volumes": [v.replace("$", "$$")]},
        lambda s: _undollar(s["volumes"][0]),
        parse_volume,
    ),
    "duration": _Kind(
        lambda v: {"healthcheck": {"interval": v}},
        lambda s: s["healthcheck"]["interval"],
        lambda v: format_duration(parse_duration(v)),
    ),
    "bytes": _Kind(lambda v: {"mem_limit": v}, lambda s: s.get("mem_limit"), _bytes_ours),
    "cpus": _Kind(lambda v: {"cpus": v}, lambda s: _as_float(s.get("cpus")), _cpus_ours),
    "command": _Kind(
        lambda v: {"command": v.replace("$", "$$")},
        lambda s: _undollar(s["command"]),
        shell_split,
    ),
    "device": _Kind(lambda v: {"devices": [v]}, lambda s: s["devices"][0], parse_device),
    "extra_hosts": _Kind(
        lambda v: {"extra_hosts": v}, lambda s: s.get("extra_hosts"), render_extra_hosts
    ),
    "label": _Kind(lambda v: {"labels": {"x": v}}, lambda s: s["labels"]["x"], go_string),
}

_VOLUME_NAME = re.compile(r"[a-zA-Z0-9._-]+")


def _differential(cases: list[tuple[str, Any]], max_error_runs: int) -> None:
    """Batch every value we accept into one run; re-run a few rejected ones alone."""
    services: dict[str, dict[str, Any]] = {}
    volumes: dict[str, Any] = {}
    expected: dict[str, tuple[str, Any, object]] = {}
    rejected: list[tuple[str, Any, Err]] = []
    for kind_name, value in cases:
        kind = _KINDS[kind_name]
        ours = _outcome(kind.ours, value)
        if isinstance(ours, Err):
            rejected.append((kind_name, value, ours))
            continue
        if kind_name == "volume":
            assert isinstance(ours, dict)
            source = ours.get("source")
            if "target" not in ours:
                continue  # rejected later by the caller's validation
            if ours["type"] == "volume" and isinstance(source, str):
                if not _VOLUME_NAME.fullmatch(source):
                    continue  # not declarable as a top-level volume
                volumes[source] = {}
        if isinstance(ours, list) and kind_name == "port" and any("target" not in p for p in ours):
            continue  # "is missing a target port", the caller's validation
        name = f"s{len(services)}"
        services[name] = {"image": "busybox", **kind.service(value)}
        expected[name] = (kind_name, value, ours)
    if services:
        rendered = _run(services, volumes)
        assert not isinstance(rendered, Err), f"reference rejected a batch we accept: {rendered}"
        for name, (kind_name, value, ours) in expected.items():
            theirs = _KINDS[kind_name].extract(rendered[name])
            assert json.dumps(ours) == json.dumps(theirs), (kind_name, value, ours, theirs)
    # one rejected value per kind, kinds in an order that varies between examples
    first_per_kind = list({kind: (kind, v, err) for kind, v, err in reversed(rejected)}.values())
    random.Random(len(cases)).shuffle(first_per_kind)
    for kind_name, value, ours in first_per_kind[:max_error_runs]:
        theirs = _run({"s0": {"image": "busybox", **_KINDS[kind_name].service(value)}})
        assert theirs == ours, (kind_name, value)


def test_live_fixed_batch() -> None:
    _reference()
    cases: list[tuple[str, Any]] = []
    cases += [("port", s) for s in ("8-10:8-10", "[::1]:6001:6001", "127.0.0.1::80", "80/udp")]
    cases += [("port", s) for s in ("3000-3005", "9090-9091:8080-8081", "8000-9000:80", 8080)]
    cases += [("volume", s) for s in ("./a:/b:ro,z", "data:/d:nocopy", "a:b:c:d", "v:/data")]
    cases += [("volume", s) for s in ("/x//y/../z/.", "C:\\x:C:\\y", "./${X:-a:b}:/b")]
    cases += [("duration", s) for s in ("1m", "90s", "1h2m3s", "1.5d", ".5s", "1w2d3h4m5.6s")]
    cases += [("bytes", s) for s in ("512M", "1gb", "1.5g", -1, "0x1p4k", "1_000", "1e19")]
    cases += [("cpus", s) for s in (0.5, "0.333333333333", 16777217, "1e-7")]
    cases += [("command", s) for s in ('echo \'a b\' "c\\"d" e\\ f', "a; b", "x $(a b) `c d`")]
    cases += [("device", s) for s in ("/dev/a:/dev/b:rwm", "/dev/a", "/dev/a::r")]
    cases += [
        ("extra_hosts", ["b:[::1]", "a=1.1.1.1,2.2.2.2"]),
        ("extra_hosts", {"h": ["1", "[::2]"]}),
    ]
    cases += [("label", v) for v in (1e6, 1234567.5, 0.00001, -1.5e-7, 12345678901234567890, True)]
    _differential(cases, max_error_runs=0)


def test_live_fixed_errors() -> None:
    _reference()
    cases: list[tuple[str, Any]] = [
        ("port", "abc:80"),
        ("duration", "10x"),
        ("bytes", "potatoes"),
        ("command", "echo 'x"),
        ("extra_hosts", ["nocolon"]),
        ("volume", "/a:/b:ro:x"),
    ]
    _differential(cases, max_error_runs=len(cases))


_UNITS = ("ns", "us", "\u00b5s", "ms", "s", "m", "h", "d", "w")
_durations = st.one_of(
    st.builds(
        lambda sign, parts: sign + "".join(parts),
        st.sampled_from(("", "-", "+")),
        st.lists(
            st.builds(
                lambda whole, frac, unit: whole + frac + unit,
                st.integers(0, 10**6).map(str),
                st.sampled_from(("", ".", ".5", ".25", ".000001", ".999999999999")),
                st.sampled_from(_UNITS),
            ),
            min_size=1,
            max_size=4,
        ),
    ),
    st.text(alphabet="0123456789.+-smhdwnu ", min_size=1, max_size=8),
)
_sizes = st.one_of(
    st.builds(
        lambda num, sep, unit: num + sep + unit,
        st.sampled_from(("0", "1", "1.5", ".5", "512", "1e3", "0x1p4", "1_0", "7.")),
        st.sampled_from(("", "", " ")),
        st.sampled_from(("", "b", "k", "KB", "m", "MiB", "g", "gb", "t", "P", "kib", "x")),
    ),
    st.text(alphabet="0123456789.kmgtpbKMGiB -_x", min_size=1, max_size=7),
    st.integers(-(2**63), 2**63 - 1),
)
_port_numbers = st.integers(1, 65535).map(str)
_port_ranges = st.builds(lambda a, n: f"{a}-{a + n}", st.integers(1, 200), st.integers(0, 4))
_ports = st.one_of(
    st.builds(
        lambda ip, host, cont, proto: ip + host + cont + proto,
        st.sampled_from(("", "127.0.0.1:", "[::1]:", "::1:", "0.0.0.0:")),
        st.one_of(st.just(""), st.just(":"), (_port_numbers | _port_ranges).map(lambda s: s + ":")),
        _port_numbers | _port_ranges,
        st.sampled_from(("", "/udp", "/tcp", "/SCTP")),
    ),
    st.text(alphabet="0123456789:-/[].", min_size=1, max_size=9),
)
_commands = st.text(alphabet=" \tab12'\"\\;|&<>()$`", max_size=14)
_volumes = st.one_of(
    st.builds(
        lambda src, tgt, opt: src + tgt + opt,
        st.sampled_from(("", "./x:", "/x:", "~/x:", "data:", "c:", "d:/x:", "${A:-b:c}:")),
        st.sampled_from(("/t", "/a/../b/", "t", "c:d", "/${B:-x:y}")),
        st.sampled_from(("", ":ro", ":rw,z", ":nocopy", ":Z,rslave", ":ro,nocopy,shared")),
    ),
    st.text(alphabet=string.ascii_lowercase[:4] + "/.:~,${}", min_size=1, max_size=10),
)
_KIND_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "duration": _durations,
    "bytes": _sizes,
    "port": _ports,
    "command": _commands,
    "volume": _volumes,
}
# a fixed share per kind so that every example exercises every parser
_live = st.tuples(
    *(
        st.lists(strategy, min_size=15, max_size=30).map(
            lambda values, kind=kind: [(kind, v) for v in values]
        )
        for kind, strategy in _KIND_STRATEGIES.items()
    )
).map(lambda groups: [case for group in groups for case in group])


@settings(
    max_examples=4,
    deadline=None,
    phases=[Phase.generate],  # no shrinking: every example costs reference runs
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(_live)
def test_live_hypothesis(cases: list[tuple[str, Any]]) -> None:
    _reference()
    # 4 examples x (1 batch + 2 error runs) keeps the reference runs for this test at 12
    _differential(cases, max_error_runs=2)
