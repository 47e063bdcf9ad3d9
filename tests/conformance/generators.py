"""Hypothesis generators of whole Compose projects that reach every attribute of the schema.

A project is a handful of files in a temporary folder:

- ``compose.yaml`` (the base file, service ``web`` and the shared top-level resources),
- ``ov/override.yaml`` (a second ``-f`` file in another folder),
- ``ext/common.yaml`` (the source of ``web``'s ``extends``),
- ``inc/compose.yaml`` (an ``include``d project, service ``inc``),

plus the files their relative paths name (env files, secrets, build contexts), written
in every folder so a path resolved against the wrong folder shows in the output rather
than as a missing file.

Each attribute is drawn from ``SERVICE_ATTRIBUTES`` or ``RESOURCE_ATTRIBUTES``: a table
of (short or long) syntax samples per attribute, and a few values that Compose refuses,
so both sides of accept/reject are exercised.  Values are Python data, written as JSON
flow values (JSON is YAML), so the table stays readable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from hypothesis import strategies as st

# -- the attribute table -------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """A sample Compose refuses: drawn now and then, so most projects load."""

    value: Any


#: service attribute -> samples.  Every key of the schema's ``service`` definition
#: except ``extends`` (the generator draws it itself) has at least one row.
SERVICE_ATTRIBUTES: dict[str, list[Any]] = {
    "annotations": [{"a": "1", "b": 2}, ["a=1", "b"]],
    "attach": [True, False],
    "blkio_config": [
        {
            "weight": 300,
            "weight_device": [{"path": "/dev/sda", "weight": 400}],
            "device_read_bps": [{"path": "/dev/sda", "rate": "12mb"}],
            "device_write_iops": [{"path": "/dev/sda", "rate": 30}],
            "device_read_iops": [{"path": "/dev/sdb", "rate": "1k"}],
            "device_write_bps": [{"path": "/dev/sdb", "rate": 1024}],
        }
    ],
    "build": [
        ".",
        "ctx",
        "./ctx",
        "https://github.com/a/b.git#main",
        {"context": "ctx", "dockerfile": "Dockerfile.dev", "args": {"A": "1", "B": None}},
        {"context": ".", "args": ["A=1", "B"], "target": "t", "network": "host"},
        {"context": "ctx", "secrets": ["s1"]},
        {"context": "ctx", "secrets": ["s1", "s2"]},
        {"context": "ctx", "secrets": [{"source": "s1", "target": "t", "mode": 288}]},
        {"context": "ctx", "ssh": ["default"]},
        Refused({"context": "ctx", "ssh": ["default", "default"]}),
        {"context": "ctx", "ssh": {"default": ""}},
        {"context": "ctx", "dockerfile_inline": "FROM x", "no_cache": True, "pull": True},
        {
            "context": "ctx",
            "additional_contexts": {"a": "./more", "b": "docker-image://x", "c": "/abs"},
        },
        {"context": "ctx", "additional_contexts": ["a=./more", "b=../up"]},
        {"context": "ctx", "cache_from": ["x", "y"], "cache_to": ["type=local,dest=p"]},
        {"context": "ctx", "entitlements": ["network.host"], "privileged": True},
        {"context": "ctx", "extra_hosts": ["h:1.2.3.4", "g=::1"], "isolation": "hyperv"},
        {"context": "ctx", "extra_hosts": {"h": "1.2.3.4", "g": ["1.1.1.1", "2.2.2.2"]}},
        {"context": "ctx", "labels": {"a": "1"}, "platforms": ["linux/amd64"]},
        {"context": "ctx", "labels": ["a=1", "b"], "provenance": True, "sbom": "true"},
        {"context": "ctx", "shm_size": "1g", "tags": ["a:1", "a:1"], "ulimits": {"nproc": 5}},
        {"context": "ctx", "shm_size": 1024, "ulimits": {"nofile": {"soft": 1, "hard": 2}}},
        {"context": "ctx", "dockerfile": "/abs/Dockerfile"},
        {"dockerfile": "Dockerfile"},
    ],
    "cap_add": [["NET_ADMIN"], ["NET_ADMIN", "SYS_TIME"], ["A", "A"]],
    "cap_drop": [["ALL"], ["ALL", "ALL"]],
    "cgroup": ["host", "private"],
    "cgroup_parent": ["p"],
    "command": ["a b", ["a", "b"], [], None, 'sh -c "echo hi"'],
    "configs": [
        ["c1"],
        [{"source": "c1", "target": "/c", "mode": 292, "uid": "1", "gid": "2"}],
        [{"source": "c1", "target": "rel"}],
        ["c1", "c1"],
        Refused(["nope"]),
    ],
    "container_name": ["c-1", Refused("bad name")],
    "cpu_count": [2],
    "cpu_percent": [50],
    "cpu_period": [1000, "1000"],
    "cpu_quota": ["1000", 500],
    "cpu_rt_period": [Refused("1s"), 1000, "1000"],
    "cpu_rt_runtime": [Refused("10ms"), 950, "950"],
    "cpu_shares": [512, "512"],
    "cpus": [0.5, "1.5", 2],
    "cpuset": ["0-1"],
    "credential_spec": [{"file": "x.json"}, {"registry": "r"}, {"config": "c1"}],
    "depends_on": [
        ["db"],
        {"db": {"condition": "service_healthy", "restart": True, "required": False}},
        {"db": {"condition": "service_started"}},
        Refused(["db", "db"]),
        Refused(["ghost"]),
    ],
    "deploy": [
        {"mode": "replicated", "replicas": 2, "endpoint_mode": "vip"},
        {"resources": {"limits": {"cpus": "0.5", "memory": "512M", "pids": 10}}},
        {
            "resources": {
                "reservations": {
                    "cpus": 1,
                    "memory": "1g",
                    "devices": [{"capabilities": ["gpu"], "driver": "nvidia"}],
                    "generic_resources": [{"discrete_resource_spec": {"kind": "g", "value": 2}}],
                }
            }
        },
        {"restart_policy": {"condition": "on-failure", "delay": "5s", "max_attempts": 3}},
        {"placement": {"constraints": ["a==b"], "preferences": [{"spread": "x"}]}},
        {"update_config": {"parallelism": 2, "delay": "10s", "order": "start-first"}},
        {"rollback_config": {"parallelism": 1, "failure_action": "pause", "monitor": "1m"}},
        {"labels": ["a=1"]},
    ],
    "develop": [
        {"watch": [{"path": "./src", "action": "sync", "target": "/app", "ignore": ["x"]}]},
        {"watch": [{"path": "src", "action": "rebuild", "include": ["*.py"]}]},
        {
            "watch": [
                {"path": "/abs", "action": "sync+exec", "target": "/a", "exec": {"command": "x"}}
            ]
        },
    ],
    "device_cgroup_rules": [["c 1:3 mr"], Refused(["a", "a"])],
    "devices": [
        ["/dev/sda:/dev/xvda:rwm", "/dev/sdb"],
        [{"source": "/dev/sda", "target": "/dev/x", "permissions": "r"}],
        ["./dev:/d"],
        ["vendor.com/dev=all"],
    ],
    "dns": ["8.8.8.8", ["8.8.8.8", "1.1.1.1"]],
    "dns_opt": [["use-vc"]],
    "dns_search": ["example.com", ["a.com"]],
    "domainname": ["example.com"],
    "entrypoint": ["a b", ["a"], [], None],
    "env_file": [
        "a.env",
        ["a.env", {"path": "b.env", "required": False}],
        Refused({"path": "missing.env", "required": False}),
        [{"path": "a.env", "format": "raw"}],
        Refused(["missing.env"]),
    ],
    "environment": [
        {"A": "1", "B": None, "C": 1, "D": True},
        ["A=1", "B", "C="],
        {"FROM": "${TAG:-x}"},
    ],
    "expose": [[80, "90-91", "8080/udp"]],
    "external_links": [["db:alias"], Refused(["x", "x"])],
    "extra_hosts": [
        ["h:1.2.3.4", "g=::1", "k:::1"],
        {"h": "1.2.3.4", "g": ["1.1.1.1", "2.2.2.2"]},
        Refused(["nocolon"]),
        ["h:[::1]"],
    ],
    "gpus": ["all", [{"driver": "nvidia", "count": 1, "capabilities": ["gpu"]}]],
    "group_add": [["a", 100], ["100"]],
    "healthcheck": [
        {"test": ["CMD", "x"], "interval": "10s", "timeout": "1m", "retries": 3},
        {"test": "curl x", "start_period": "5s", "start_interval": "1s"},
        {"disable": True},
        {"test": ["NONE"]},
        Refused({"test": ["BAD"]}),
        Refused({"interval": "10x"}),
    ],
    "hostname": ["h"],
    "image": ["nginx:1", "redis"],
    "init": [True, False],
    "ipc": ["host", "service:db"],
    "isolation": ["default"],
    "label_file": ["l.txt", ["l.txt"]],
    "labels": [{"a": "1", "b": None}, ["a=1", "b"], {"c.d": "$${X}"}],
    "links": [["db", "db:alias"]],
    "logging": [{"driver": "json-file", "options": {"max-size": "1m", "n": 3}}],
    "mac_address": ["02:42:ac:11:00:02"],
    "mem_limit": ["1g", 1024, "512M", Refused("potatoes")],
    "mem_reservation": ["1m"],
    "mem_swappiness": [10],
    "memswap_limit": [-1, "2g"],
    "models": [["m1"], {"m1": {"endpoint_var": "X", "model_var": "Y"}}],
    "network_mode": ["host", "none", "service:db"],
    "networks": [
        ["front"],
        {
            "front": {
                "aliases": ["a", "a"],
                "ipv4_address": "10.0.0.2",
                "priority": 5,
                "gw_priority": 1,
                "driver_opts": {"a": "b"},
                "link_local_ips": ["169.254.0.1"],
                "interface_name": "eth0",
                "mac_address": "02:42:ac:11:00:02",
            }
        },
        {"front": None, "back": {"ipv6_address": "::2"}},
        Refused(["nope"]),
    ],
    "oom_kill_disable": [True],
    "oom_score_adj": [100],
    "pid": ["host"],
    "pids_limit": [10, "10"],
    "platform": ["linux/amd64"],
    "ports": [
        ["80", "8080:80", "127.0.0.1:80:80/udp", "[::1]:81:81"],
        [80, "3000-3001:3000-3001"],
        [
            {
                "target": 80,
                "published": "8080",
                "host_ip": "127.0.0.1",
                "protocol": "tcp",
                "mode": "host",
                "name": "web",
                "app_protocol": "http",
            }
        ],
        [{"target": 80, "published": 8080}],
        [{"target": 80, "host_ip": "::1"}, {"target": 81, "host_ip": "0.0.0.0"}],
        Refused([{"target": 80, "host_ip": "[::1]"}]),
        Refused([{"target": 80, "host_ip": ""}]),
        Refused([{"target": 80, "host_ip": "not-an-ip"}]),
        Refused(["not-an-ip:80:80"]),
        ["80", "80"],
    ],
    "post_start": [
        [{"command": ["a"], "user": "root", "privileged": True, "working_dir": "/x"}],
        [{"command": "a b", "environment": {"A": "1"}}],
    ],
    "pre_stop": [[{"command": ["a"], "environment": ["A=1"]}]],
    "privileged": [True, False],
    "profiles": [["debug"], [""], ["a", "a"], ["debug", "tools"]],
    "provider": [{"type": "x", "options": {"a": "b", "c": ["1", "2"], "n": 1}}],
    "pull_policy": [
        "always",
        "never",
        "missing",
        "build",
        "if_not_present",
        "refresh",
        "daily",
        "weekly",
        "every_12h",
        Refused("sometimes"),
    ],
    "pull_refresh_after": ["1h"],
    "read_only": [True],
    "restart": ["no", "always", "on-failure:3", "sometimes"],
    "runtime": ["runc"],
    "scale": [2, 0],
    "secrets": [
        ["s1"],
        [{"source": "s1", "target": "t", "uid": "1", "gid": "1", "mode": 256}],
        [{"source": "s1", "target": "/abs/t", "mode": "0400"}],
        ["s1", "s1"],
        Refused(["nope"]),
    ],
    "security_opt": [["no-new-privileges"], Refused(["a", "a"])],
    "shm_size": ["64m", 1024],
    "stdin_open": [True],
    "stop_grace_period": ["1m", "1m30s"],
    "stop_signal": ["SIGTERM"],
    "storage_opt": [{"size": "1G"}],
    "sysctls": [{"net.core.somaxconn": 1024}, ["a.b=1", "c.d"]],
    "tmpfs": ["/run", ["/run", "/tmp:size=1m"]],
    "tty": [True],
    "ulimits": [{"nofile": {"soft": 1, "hard": 2}, "nproc": 65535}],
    "use_api_socket": [True],
    "user": ["1000", "root:root"],
    "userns_mode": ["host"],
    "uts": ["host"],
    "volumes": [
        ["data:/data", "./src:/app:ro", "/tmp/", "data:/x/"],
        ["./a:/b/c/", "~/x:/x", "../up:/up", ".:/cur"],
        ["/var/run/docker.sock:/var/run/docker.sock:z", "data:/d:nocopy"],
        [
            {
                "type": "bind",
                "source": "./src",
                "target": "/app/",
                "read_only": True,
                "bind": {"propagation": "rslave", "create_host_path": True, "selinux": "z"},
            }
        ],
        [{"type": "volume", "source": "data", "target": "/v//w/", "volume": {"nocopy": True}}],
        [{"type": "volume", "target": "/anon/"}],
        [{"type": "tmpfs", "target": "/t/", "tmpfs": {"size": "1m", "mode": 1023}}],
        [{"type": "image", "source": "img", "target": "/i", "image": {"subpath": "a"}}],
        [{"type": "bind", "source": ".", "target": "."}],
        ["data:/same", "./other:/same"],
        Refused(["data:relative"]),
        Refused(["nope:/n"]),
    ],
    "volumes_from": [["db", "container:x:ro"], Refused(["db", "db"])],
    "working_dir": ["/app", "rel"],
}

#: top-level section -> attribute -> samples.
RESOURCE_ATTRIBUTES: dict[str, dict[str, list[Any]]] = {
    "networks": {
        "attachable": [True],
        "driver": ["bridge", "overlay"],
        "driver_opts": [{"a": "b", "n": 1}],
        "enable_ipv4": [False, True],
        "enable_ipv6": [True, False],
        "external": [True, {"name": "ext"}],
        "internal": [True],
        "ipam": [
            {"driver": "default", "options": {"a": "b"}},
            {"config": [{"subnet": "10.0.0.0/24", "gateway": "10.0.0.1"}]},
            {"config": [{"subnet": "10.0.0.0/24", "ip_range": "10.0.0.0/25"}]},
            {"config": [{"subnet": "10.1.0.0/24", "aux_addresses": {"a": "10.1.0.5"}}]},
            {
                "config": [
                    {"subnet": "10.0.0.0/24", "gateway": "10.0.0.254"},
                    {"subnet": "10.2.0.0/24"},
                ]
            },
            {"config": [{"gateway": "10.3.0.1"}]},
            {
                "config": [
                    {"subnet": "10.2.0.0/24", "gateway": "10.2.0.1"},
                    {"subnet": "10.0.0.0/24"},
                ]
            },
            {
                "config": [
                    {"subnet": "10.0.0.0/24"},
                    {"subnet": "10.0.0.0/24", "gateway": "10.0.0.9"},
                ]
            },
        ],
        "labels": [{"a": "1"}, ["a=1", "b"]],
        "name": ["custom"],
    },
    "volumes": {
        "driver": ["local", "other"],
        "driver_opts": [
            {"device": "./data", "o": "bind", "type": "none"},
            {"device": "data", "o": "bind"},
            {"device": "./data", "o": "bind,ro"},
            {"device": "/abs", "o": "bind"},
            {"device": "~/home", "o": "bind"},
            {"device": ":/nfs", "type": "nfs"},
            {"size": 10},
        ],
        "external": [True],
        # Merged as written, never de-duplicated: a repeated entry across files is refused.
        "labels": [{"a": "1"}, ["a=1"], ["a=2", "b"], {"b": "2", "x-c": "3"}],
        "name": ["custom"],
    },
    "secrets": {
        "file": ["./s.txt", "s.txt", "/abs/s.txt"],
        "environment": ["SECRET_ENV"],
        "external": [True],
        "driver": ["d"],
        "driver_opts": [{"a": "b"}],
        # Two lists append; a list and a mapping cannot merge.
        "labels": [{"a": "1"}, ["a=1"], ["b=2"]],
        "name": ["custom"],
        "template_driver": ["golang"],
    },
    "configs": {
        "file": ["./s.txt", "s.txt"],
        "content": ["hello $$HOME"],
        "environment": ["SECRET_ENV"],
        "external": [True],
        "labels": [{"a": "1"}, ["a=1"], ["b=2"]],
        "name": ["custom"],
        "template_driver": ["golang"],
    },
    "models": {
        "model": ["ai/smollm2"],
        "context_size": [1024],
        "runtime_flags": [["--a", "b"]],
        "name": ["custom"],
    },
}

#: the minimum a top-level resource needs before extra attributes are drawn.
RESOURCE_BASE: dict[str, dict[str, Any]] = {
    "networks": {},
    "volumes": {},
    "secrets": {"file": "./s.txt"},
    "configs": {"file": "./s.txt"},
    "models": {"model": "ai/smollm2"},
}

PLACES = ("base", "override", "extends", "include")
MODES = ((), ("--no-path-resolution",), ("--no-normalize",))
FOLDERS = ("", "ov", "ext", "inc")

#: files every folder gets, so a relative path resolves wherever it points.
SUPPORT_FILES = {
    "a.env": "FROM_A=1\n",
    "b.env": "FROM_B=2\n",
    "l.txt": "label.from.file=1\n",
    "s.txt": "secret\n",
    "ctx/Dockerfile": "FROM scratch\n",
    "ctx/Dockerfile.dev": "FROM scratch\n",
    "Dockerfile": "FROM scratch\n",
    "src/.keep": "",
    "more/.keep": "",
    "data/.keep": "",
}


@dataclass
class Project:
    """Files of one generated project, and the ``-f`` arguments that load it."""

    files: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    #: a folder under the working directory the project lives in ("" or "proj/"): with
    #: --no-path-resolution Compose opens a relative env_file from the working directory.
    root: str = ""

    def write(self, folder: Path) -> None:
        for top in {"", self.root}:
            for sub in FOLDERS:
                for name, text in SUPPORT_FILES.items():
                    path = folder / top / sub / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    # A value says which folder it was read from.
                    path.write_text(text.replace("=", f"={top}{sub or '.'}-", 1))
        (folder / self.root / ".env").write_text("TAG=t1\nSECRET_ENV=s\n")
        for name, text in self.files.items():
            path = folder / self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    @property
    def cli_args(self) -> list[str]:
        """``args`` as given from the working directory."""
        return [self.root + a if a.endswith(".yaml") else a for a in self.args]

    def describe(self) -> str:
        parts = [f"args: {' '.join(self.cli_args)}"]
        for name, text in self.files.items():
            parts.append(f"--- {name}\n{text}")
        return "\n".join(parts)


@dataclass(frozen=True)
class Tagged:
    """A value written with a YAML tag: ``!reset`` or ``!override``."""

    tag: str
    value: Any


def _value(value: Any) -> str:
    if isinstance(value, Tagged):
        return f"!{value.tag} {json.dumps(value.value)}"
    return json.dumps(value)


def _mapping(indent: int, items: dict[str, Any]) -> list[str]:
    pad = " " * indent
    return [f"{pad}{key}: {_value(value)}" for key, value in items.items()]


def _split(samples: list[Any]) -> tuple[list[Any], list[Any]]:
    return (
        [v for v in samples if not isinstance(v, Refused)],
        [v.value for v in samples if isinstance(v, Refused)],
    )


def service_attributes(rnd: Random, max_size: int = 8) -> dict[str, Any]:
    """Some attributes, each a valid sample; one in eight times, one refused sample."""
    keys = rnd.sample(sorted(SERVICE_ATTRIBUTES), rnd.randint(0, max_size))
    out = {key: rnd.choice(_split(SERVICE_ATTRIBUTES[key])[0]) for key in keys}
    if rnd.randrange(8) == 0:
        key = rnd.choice(_REFUSABLE)
        out[key] = rnd.choice(_split(SERVICE_ATTRIBUTES[key])[1])
    return out


def resource(rnd: Random, section: str) -> dict[str, Any]:
    table = RESOURCE_ATTRIBUTES[section]
    out = dict(RESOURCE_BASE[section])
    for key in rnd.sample(sorted(table), rnd.randint(0, 3)):
        out[key] = rnd.choice(table[key])
        if key in ("external", "content", "environment") and "file" in out:
            del out["file"]
    return out


def resources(rnd: Random, names: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for section in rnd.sample(sorted(RESOURCE_ATTRIBUTES), rnd.randint(0, 3)):
        chosen = rnd.sample(names, rnd.randint(1, len(names)))
        out[section] = {name: resource(rnd, section) for name in chosen}
    return out


#: what every service may refer to, declared in the base file.
BASE_RESOURCES = [
    "networks:",
    "  front: {}",
    "  back: {}",
    "volumes:",
    "  data: {}",
    "secrets:",
    "  s1: {file: ./s.txt}",
    "  s2: {environment: SECRET_ENV}",
    "configs:",
    "  c1: {file: ./s.txt}",
    "models:",
    "  m1: {model: ai/smollm2}",
]


def _file(
    services: dict[str, dict[str, Any]],
    tops: dict[str, dict[str, dict[str, Any]]],
    head: list[str] | None = None,
    base_resources: bool = False,
) -> str:
    lines = list(head or [])
    lines.append("services:" + ("" if services else " {}"))
    for name, attrs in services.items():
        lines.append(f"  {name}:" + ("" if attrs else " {}"))
        lines += _mapping(4, attrs)
    resource_lines = list(BASE_RESOURCES) if base_resources else []
    for section, entries in tops.items():
        if section + ":" in resource_lines:
            at = resource_lines.index(section + ":") + 1
            resource_lines[at:at] = [f"  {name}: {_value(body)}" for name, body in entries.items()]
        else:
            resource_lines.append(section + ":")
            resource_lines += [f"  {name}: {_value(body)}" for name, body in entries.items()]
    return "\n".join(lines + resource_lines) + "\n"


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """A project with attributes drawn for some of the places, in short or long syntax.

    Choices come from one seeded ``Random`` (reproducible, derandomized in the suite):
    hypothesis' own choices favour the first items of a list, which left the attributes
    late in the alphabet nearly untried.
    """
    return build_project(draw(st.randoms(use_true_random=False)))


def build_project(rnd: Random) -> Project:
    places = rnd.sample(PLACES, rnd.randint(1, len(PLACES)))
    project = Project(args=["-f", "compose.yaml"])
    web: dict[str, Any] = {"image": "nginx"}
    db: dict[str, Any] = {"image": "postgres"}
    head: list[str] = []
    if rnd.random() < 0.5:
        head.append('version: "3.8"')
    base_tops: dict[str, dict[str, dict[str, Any]]] = {}
    if "base" in places:
        web.update(service_attributes(rnd))
        base_tops = resources(rnd, ["r1", "r2"])
    if "extends" in places:
        web["extends"] = rnd.choice(
            [
                {"file": "ext/common.yaml", "service": "base"},
                {"service": "base", "file": "./ext/common.yaml"},
            ]
        )
        source = {"image": "busybox", **service_attributes(rnd)}
        ext_head = ['version: "3"'] if rnd.random() < 0.5 else []
        chain = rnd.random() < 0.5
        ext_services: dict[str, dict[str, Any]] = {"base": source}
        if chain:
            source["extends"] = "root"
            ext_services["root"] = service_attributes(rnd, max_size=2)
        project.files["ext/common.yaml"] = _file(ext_services, {}, ext_head)
    if "include" in places:
        inc_attrs = {"image": "alpine", **service_attributes(rnd)}
        inc_tops = resources(rnd, ["i1", "i2"])
        inc_services = {"inc": inc_attrs}
        inc_all: dict[str, dict[str, dict[str, Any]]] = {
            "networks": {"front": {}, "back": {}},
            "volumes": {"data": {}},
            "secrets": {"s1": {"file": "./s.txt"}, "s2": {"environment": "SECRET_ENV"}},
            "configs": {"c1": {"file": "./s.txt"}},
            "models": {"m1": {"model": "ai/smollm2"}},
        }
        for section, entries in inc_tops.items():
            inc_all[section].update(entries)
        inc_head = ['version: "3.9"'] if rnd.random() < 0.5 else []
        project.files["inc/compose.yaml"] = _file(inc_services, inc_all, inc_head)
        item = rnd.choice(
            [
                "inc/compose.yaml",
                {"path": "inc/compose.yaml"},
                {"path": ["./inc/compose.yaml"]},
                {"path": "inc/compose.yaml", "project_directory": "inc"},
                {"path": "inc/compose.yaml", "project_directory": "inc/ctx"},
                {"path": "inc/compose.yaml", "env_file": "inc/a.env"},
            ]
        )
        head.append("include:")
        head.append(f"  - {_value(item)}")
    project.files["compose.yaml"] = _file(
        {"web": web, "db": db}, base_tops, head, base_resources="include" not in places
    )
    if "override" in places:
        folder = rnd.choice(["", "ov/"])
        ov_attrs = service_attributes(rnd)
        if "extends" not in places and rnd.random() < 0.5:
            # extends written in an override file: its `file` is relative to the project
            ov_attrs["extends"] = {"file": "ext/common.yaml", "service": "base"}
            project.files["ext/common.yaml"] = _file(
                {"base": {"image": "busybox", **service_attributes(rnd, max_size=2)}}, {}
            )
        for key in [k for k in ov_attrs if k != "extends"]:
            if rnd.random() < 0.15:
                tag = rnd.choice(["reset", "override"])
                ov_attrs[key] = Tagged(tag, None if tag == "reset" else ov_attrs[key])
        ov_tops = resources(rnd, ["r1", "r2"])
        name = f"{folder}override.yaml"
        ov_head = ['version: "2"'] if rnd.random() < 0.5 else []
        project.files[name] = _file({"web": ov_attrs}, ov_tops, ov_head)
        project.args += ["-f", name]
    project.root = rnd.choice(["", "", "proj/"])
    return project


_REFUSABLE = [key for key, samples in SERVICE_ATTRIBUTES.items() if _split(samples)[1]]
