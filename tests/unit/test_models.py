"""Typed models of the Compose Specification (composecheck.model)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from composecheck.errors import InputError
from composecheck.model import (
    Build,
    ComposeFile,
    Deploy,
    Healthcheck,
    ModelError,
    Problem,
    Project,
    Service,
    ServicePort,
    ServiceVolume,
    parse_compose_file,
    parse_project,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
SCHEMA = SHARED / "reference" / "compose-spec" / "compose-spec.json"

EXPECTED = sorted(CORPUS.glob("*/expected.json")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not EXPECTED, reason="shared corpus not available")


def service(**attrs: Any) -> Service:
    project = parse_project({"name": "p", "services": {"s": attrs}})
    return project.services["s"]


def problems(data: dict[str, Any], *, project: bool = False) -> list[Problem]:
    with pytest.raises(ModelError) as info:
        (parse_project if project else parse_compose_file)(data)
    return list(info.value.problems)


def sa(*rest: str | int) -> tuple[str | int, ...]:
    """A path under service ``a``."""
    return ("services", "a", *rest)


def by_path(found: list[Problem]) -> dict[tuple[str | int, ...], Problem]:
    return {p.path: p for p in found}


# --------------------------------------------------------------------------------------
# The corpus: what the reference printed parses, and prints back identically
# --------------------------------------------------------------------------------------


def _diff(a: Any, b: Any, path: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'input' if key in b else 'output'}"
            found = _diff(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _diff(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    same = a == b and (type(a) is type(b) or not isinstance(a, bool))
    return None if same else f"{path}: {a!r} != {b!r}"


@needs_corpus
@pytest.mark.parametrize("expected", EXPECTED, ids=[p.parent.name for p in EXPECTED])
def test_corpus_expected_round_trips(expected: Path) -> None:
    doc = json.loads(expected.read_text())
    project = parse_project(doc)
    out = project.to_dict(extensions="top")
    assert out["services"] == doc["services"], _diff(out["services"], doc["services"])
    assert out == doc, _diff(out, doc)
    # JSON text round trip too (what a renderer would print)
    assert json.loads(json.dumps(out)) == doc


@needs_corpus
def test_corpus_round_trip_count() -> None:
    exact = 0
    for expected in EXPECTED:
        doc = json.loads(expected.read_text())
        if parse_project(doc).to_dict(extensions="top") == doc:
            exact += 1
    assert exact == len(EXPECTED), f"{exact} of {len(EXPECTED)} round-trip exactly"


class _Reset:
    """``!reset`` (consumed by the merge stage, before the model sees the file)."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)

    def reset(constructor: Any, node: Any) -> _Reset:
        return _Reset()

    def override(constructor: Any, node: Any) -> Any:
        if node.id == "mapping":
            return constructor.construct_mapping(node, deep=True)
        if node.id == "sequence":
            return constructor.construct_sequence(node, deep=True)
        return constructor.construct_scalar(node)

    yaml.constructor.add_constructor("!reset", reset)
    yaml.constructor.add_constructor("!override", override)
    return yaml


def _drop_resets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_resets(v) for k, v in value.items() if not isinstance(v, _Reset)}
    if isinstance(value, list):
        return [_drop_resets(v) for v in value if not isinstance(v, _Reset)]
    return value


def _compose_files() -> Iterator[Path]:
    if not CORPUS.is_dir():
        return
    for case in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for path in sorted(case.rglob("*")):
            if path.suffix not in (".yml", ".yaml") or not path.is_file():
                continue
            text = path.read_text(errors="replace")
            if "services:" in text or "include:" in text:
                yield path


COMPOSE_FILES = list(_compose_files())


def _node_at(data: Any, path: tuple[str | int, ...]) -> Any:
    node = data
    for part in path:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if not (in_dict or in_list):
            break
        node = node[part]
    return node


@needs_corpus
@pytest.mark.parametrize(
    "path", COMPOSE_FILES, ids=[str(p.relative_to(CORPUS)) for p in COMPOSE_FILES]
)
def test_corpus_compose_files_fit_except_templates(path: Path) -> None:
    """Authored files are validated after interpolation; uninterpolated, the only
    problems allowed are at values that still hold a ``$`` template."""
    for doc in _yaml().load_all(path.read_text()):
        if doc is None:
            continue
        doc = _drop_resets(doc)
        try:
            parsed = parse_compose_file(doc)
        except ModelError as exc:
            for problem in exc.problems:
                node = _node_at(doc, problem.path)
                assert "$" in json.dumps(node, default=str), str(problem)
        else:  # the normalised (long) form is accepted as it is
            canonical = parsed.to_dict()
            assert parse_compose_file(canonical).to_dict() == canonical


# --------------------------------------------------------------------------------------
# Unknown keys, wrong types
# --------------------------------------------------------------------------------------


def test_unknown_service_key_has_hint() -> None:
    found = problems({"services": {"web": {"imagee": "nginx"}}})
    assert len(found) == 1
    problem = found[0]
    assert problem.path == ("services", "web", "imagee")
    assert problem.message == "additional property 'imagee' not allowed"
    assert problem.hint == "did you mean 'image'?"
    assert "services.web.imagee" in str(problem)


def test_unknown_keys_everywhere_are_all_listed_with_hints() -> None:
    found = by_path(
        problems(
            {
                "servces": {},
                "services": {
                    "a": {
                        "image": "x",
                        "deploy": {"resources": {"limits": {"cpuz": 1}}},
                        "healthcheck": {"intervall": "1s"},
                        "build": {"contxt": "."},
                        "ports": [{"target": 80, "publised": 8080}],
                        "volumes": [{"type": "bind", "source": ".", "target": "/a", "bnd": {}}],
                        "totally_unrelated_key": 1,
                    }
                },
                "networks": {"n": {"drivers": "bridge"}},
            }
        )
    )
    assert found[("servces",)].hint == "did you mean 'services'?"
    assert found[sa("deploy", "resources", "limits", "cpuz")].hint == "did you mean 'cpus'?"
    assert found[sa("healthcheck", "intervall")].hint == "did you mean 'interval'?"
    assert found[sa("build", "contxt")].hint == "did you mean 'context'?"
    assert found[sa("ports", 0, "publised")].hint == "did you mean 'published'?"
    assert found[sa("volumes", 0, "bnd")].hint == "did you mean 'bind'?"
    assert found[sa("totally_unrelated_key")].hint is None
    assert found[("networks", "n", "drivers")].hint == "did you mean 'driver'?"


def test_extensions_are_kept_not_refused() -> None:
    data = {
        "x-common": {"a": 1},
        "services": {"web": {"image": "x", "x-meta": [1], "deploy": {"x-d": True}}},
        "networks": {"n": {"x-n": "v"}},
    }
    cf = parse_compose_file(data)
    assert cf.extensions == {"x-common": {"a": 1}}
    assert cf.services is not None
    web = cf.services["web"]
    assert web.extensions == {"x-meta": [1]}
    assert web.deploy is not None and web.deploy.extensions == {"x-d": True}
    assert cf.to_dict() == data
    top = cf.to_dict(extensions="top")
    assert top["x-common"] == {"a": 1}
    assert top["services"]["web"] == {"image": "x", "deploy": {}}
    assert "x-common" not in cf.to_dict(extensions="none")


def test_extensions_refused_where_the_spec_refuses_them() -> None:
    found = problems({"services": {"a": {"extends": {"service": "b", "x-no": 1}}}})
    assert found[0].path == ("services", "a", "extends", "x-no")


def test_the_extensions_attribute_is_not_a_key() -> None:
    found = problems({"services": {"a": {"extensions": {}}}})
    assert found[0].path == ("services", "a", "extensions")


def test_wrong_types_have_paths() -> None:
    found = by_path(
        problems(
            {
                "services": {
                    "a": {
                        "user": 1000,
                        "ports": {"80": 80},
                        "healthcheck": {"retries": "many", "interval": "10x"},
                        "depends_on": {"b": {"condition": "service_ready"}},
                        "privileged": "perhaps",
                        "ulimits": {"nofile": "lots"},
                        "mem_limit": "12potatoes",
                        "volumes": [{"source": "x", "target": "/y"}],
                    }
                }
            }
        )
    )
    assert found[sa("user")].message == "must be a string"
    assert found[sa("ports")].message == "must be a list"
    assert found[sa("healthcheck", "retries")].message == "must be an integer"
    assert "unknown unit" in found[sa("healthcheck", "interval")].message
    assert "service_healthy" in found[sa("depends_on", "b", "condition")].message
    assert found[sa("privileged")].message == "must be a boolean"
    assert found[sa("ulimits", "nofile")].message == "must be an integer or a mapping"
    assert "invalid suffix" in found[sa("mem_limit")].message
    assert found[sa("volumes", 0, "type")].message == "is required"
    assert not [p for p in found if p[-1] in ("int", "Ulimit")]  # no pydantic union tags


def test_model_error_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        parse_compose_file({"services": {"a": {"imagee": "x"}}})
    assert isinstance(info.value, ModelError)
    assert info.value.hint == "did you mean 'image'?"
    assert "services.a.imagee: additional property 'imagee' not allowed" in str(info.value)


def test_not_a_mapping() -> None:
    assert problems(["a"])[0].path == ()  # type: ignore[arg-type]


def test_project_requires_a_name() -> None:
    found = problems({"services": {}}, project=True)
    assert found[0].path == ("name",)
    assert found[0].message == "is required"


def test_positions_come_from_the_tree() -> None:
    from composecheck.load.tree import YMap
    from composecheck.location import Loc

    root = YMap(Loc("f.yml", 1, 1))
    services = YMap(Loc("f.yml", 2, 3))
    web = YMap(Loc("f.yml", 3, 5))
    web.put("imagee", "x", Loc("f.yml", 4, 15), Loc("f.yml", 4, 7))
    services.put("web", web, Loc("f.yml", 3, 5))
    root.put("services", services, Loc("f.yml", 2, 3))
    with pytest.raises(ModelError) as info:
        parse_compose_file(root)
    assert info.value.problems[0].loc == Loc("f.yml", 4, 15)
    assert str(info.value).startswith("f.yml:4:15: services.web.imagee")


# --------------------------------------------------------------------------------------
# Short and long syntax, typed units
# --------------------------------------------------------------------------------------


def test_ports_short_syntax() -> None:
    ports = service(ports=["8080:80/udp", "127.0.0.1:5000-5001:5000-5001", 3000, "[::1]:6001:6001"])
    assert ports.ports == [
        ServicePort.model_validate(
            {"mode": "ingress", "target": 80, "published": "8080", "protocol": "udp"}
        ),
        ServicePort.model_validate(
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5000,
                "published": "5000",
                "protocol": "tcp",
            }
        ),
        ServicePort.model_validate(
            {
                "mode": "ingress",
                "host_ip": "127.0.0.1",
                "target": 5001,
                "published": "5001",
                "protocol": "tcp",
            }
        ),
        ServicePort.model_validate({"mode": "ingress", "target": 3000, "protocol": "tcp"}),
        ServicePort.model_validate(
            {
                "mode": "ingress",
                "host_ip": "::1",
                "target": 6001,
                "published": "6001",
                "protocol": "tcp",
            }
        ),
    ]
    first = ports.ports[0] if ports.ports else None
    assert first is not None and first.target == 80 and first.published == "8080"


def test_ports_long_syntax() -> None:
    s = service(
        ports=[
            {
                "name": "web",
                "target": "80",
                "published": 8080,
                "host_ip": "127.0.0.1",
                "protocol": "tcp",
                "app_protocol": "http",
                "mode": "host",
            },
            {"target": 443, "published": "8083-9000"},
        ]
    )
    assert s.ports is not None
    assert s.ports[0].target == 80
    assert s.ports[0].published == "8080"
    assert s.ports[1].published == "8083-9000"
    assert s.to_dict()["ports"][0] == {
        "name": "web",
        "target": 80,
        "published": "8080",
        "host_ip": "127.0.0.1",
        "protocol": "tcp",
        "app_protocol": "http",
        "mode": "host",
    }


def test_bad_short_port_is_reported_at_ports() -> None:
    found = problems({"services": {"a": {"ports": ["abc:80"]}}})
    assert found[0].path == ("services", "a", "ports")
    assert found[0].message == "invalid hostPort: abc"


def test_volumes_short_syntax() -> None:
    s = service(volumes=["./src:/app:ro", "data:/var/lib/data:nocopy", "/anon", "/h:/c:z"])
    assert s.volumes is not None
    bind, named, anon, selinux = s.volumes
    assert bind.type == "bind" and bind.source == "./src" and bind.target == "/app"
    assert bind.read_only is True
    assert bind.bind is not None and bind.bind.create_host_path is True
    assert named.type == "volume" and named.source == "data"
    assert named.volume is not None and named.volume.nocopy is True
    assert anon.type == "volume" and anon.source is None and anon.target == "/anon"
    assert selinux.bind is not None and selinux.bind.selinux == "z"
    assert s.to_dict()["volumes"][0] == {
        "type": "bind",
        "source": "./src",
        "target": "/app",
        "read_only": True,
        "bind": {"create_host_path": True},
    }


def test_volumes_long_syntax() -> None:
    s = service(
        volumes=[
            {"type": "tmpfs", "target": "/t", "tmpfs": {"size": "10m", "mode": 1777}},
            {
                "type": "volume",
                "source": "db",
                "target": "/d",
                "volume": {"nocopy": True, "subpath": "sub"},
            },
            {"type": "image", "source": "alpine", "target": "/i", "image": {"subpath": "etc"}},
            {
                "type": "bind",
                "source": "/h",
                "target": "/c",
                "bind": {"create_host_path": False, "propagation": "rshared"},
            },
        ]
    )
    assert s.volumes is not None
    tmpfs = s.volumes[0]
    assert isinstance(tmpfs, ServiceVolume)
    assert tmpfs.tmpfs is not None and tmpfs.tmpfs.size == 10 * 1024 * 1024
    assert s.to_dict()["volumes"][0]["tmpfs"] == {"size": "10485760", "mode": 1777}
    found = problems({"services": {"a": {"volumes": [{"type": "disk", "target": "/x"}]}}})
    assert found[0].path == ("services", "a", "volumes", 0, "type")


@pytest.mark.parametrize(
    ("text", "ns", "canonical"),
    [
        ("1m30s", 90_000_000_000, "1m30s"),
        ("90s", 90_000_000_000, "1m30s"),
        ("1m", 60_000_000_000, "1m0s"),
        ("500ms", 500_000_000, "500ms"),
        ("1h2m3s", 3_723_000_000_000, "1h2m3s"),
        ("10s", 10_000_000_000, "10s"),
    ],
)
def test_durations(text: str, ns: int, canonical: str) -> None:
    hc = Healthcheck.model_validate({"interval": text, "timeout": text})
    assert hc.interval == ns
    assert hc.to_dict() == {"interval": canonical, "timeout": canonical}
    s = service(stop_grace_period=text)
    assert s.stop_grace_period == ns


def test_durations_in_deploy() -> None:
    d = Deploy.model_validate(
        {
            "restart_policy": {"condition": "on-failure", "delay": "5s", "window": "120s"},
            "update_config": {"delay": "10s", "monitor": "1m", "order": "stop-first"},
        }
    )
    assert d.restart_policy is not None and d.restart_policy.window == 120_000_000_000
    assert d.to_dict()["restart_policy"]["window"] == "2m0s"
    assert d.to_dict()["update_config"]["monitor"] == "1m0s"


@pytest.mark.parametrize(
    ("value", "size"),
    [("512m", 536870912), ("512M", 536870912), ("1gb", 1073741824), (1073741824, 1073741824)],
)
def test_byte_sizes(value: Any, size: int) -> None:
    s = service(mem_limit=value, shm_size=value, memswap_limit=value)
    assert s.mem_limit == size and s.shm_size == size and s.memswap_limit == size
    assert s.to_dict()["mem_limit"] == str(size)
    d = Deploy.model_validate({"resources": {"limits": {"memory": value}}})
    assert d.resources is not None and d.resources.limits is not None
    assert d.resources.limits.memory == size
    b = Build.model_validate({"shm_size": value})
    assert b.to_dict() == {"shm_size": str(size)}


def test_cpus() -> None:
    assert service(cpus="0.5").cpus == 0.5
    assert service(cpus=2).to_dict()["cpus"] == 2
    d = Deploy.model_validate({"resources": {"limits": {"cpus": "0.50"}}})
    assert d.to_dict()["resources"]["limits"]["cpus"] == 0.5


def test_file_modes_uid_gid() -> None:
    s = service(
        secrets=["pw", {"source": "cert", "target": "c", "uid": 103, "gid": "103", "mode": 0o440}],
        configs=["cfg", {"source": "c2", "mode": "0755"}],
    )
    assert s.secrets is not None and s.configs is not None
    assert s.secrets[0].source == "pw" and s.secrets[0].target == "/run/secrets/pw"
    assert s.secrets[1].mode == 0o440 and s.secrets[1].uid == "103"
    assert s.configs[0].target is None
    assert s.configs[1].mode == 0o755
    out = s.to_dict()
    assert out["secrets"][1] == {
        "source": "cert",
        "target": "c",
        "uid": "103",
        "gid": "103",
        "mode": "0440",
    }
    assert out["configs"] == [{"source": "cfg"}, {"source": "c2", "mode": "0755"}]


# --------------------------------------------------------------------------------------
# Other normalisations
# --------------------------------------------------------------------------------------


def test_environment_labels_and_friends() -> None:
    s = service(
        environment=["A=1", "B", "C=", "D=x=y"],
        labels=["l1=v", "l2"],
        annotations={"a": 1},
        sysctls=["net.core.somaxconn=1024"],
        storage_opt={"size": "1G"},
    )
    assert s.environment == {"A": "1", "B": None, "C": "", "D": "x=y"}
    assert s.labels == {"l1": "v", "l2": ""}
    assert s.annotations == {"a": "1"}
    assert s.sysctls == {"net.core.somaxconn": "1024"}
    mapped = service(environment={"N": 5, "T": True, "F": 1.5, "U": None})
    assert mapped.environment == {"N": "5", "T": "true", "F": "1.5", "U": None}


def test_command_entrypoint_healthcheck_test() -> None:
    s = service(
        command='echo \'a b\' "c\\"d"',
        entrypoint=["/bin/sh", "-c"],
        healthcheck={"test": "curl -f http://localhost || exit 1"},
    )
    assert s.command == ["echo", "a b", 'c"d']
    assert s.entrypoint == ["/bin/sh", "-c"]
    assert s.healthcheck is not None
    assert s.healthcheck.test == ["CMD-SHELL", "curl -f http://localhost || exit 1"]
    assert service(command="").command == []
    nulls = service(command=None, entrypoint=None)
    assert nulls.to_dict() == {"command": None, "entrypoint": None}


def test_build_depends_on_networks() -> None:
    s = service(
        build="./dir",
        depends_on=["db"],
        networks=["front", "back"],
    )
    assert s.build is not None and s.build.context == "./dir"
    assert s.to_dict()["depends_on"] == {"db": {"condition": "service_started", "required": True}}
    assert s.networks == {"front": None, "back": None}
    long = service(
        build={
            "context": ".",
            "args": ["A=1", "B"],
            "secrets": ["s", {"source": "t", "target": "id"}],
            "ssh": ["default"],
            "additional_contexts": ["base=service:base"],
            "provenance": "mode=max",
            "sbom": True,
            "ulimits": {"nofile": {"soft": 1, "hard": 2}},
            "extra_hosts": ["h:1.2.3.4"],
            "platforms": ["linux/amd64"],
            "entitlements": ["network.host"],
        },
        depends_on={"db": {"condition": "service_healthy", "restart": True}},
        networks={"front": {"aliases": ["a"], "ipv4_address": "10.0.0.2", "gw_priority": 1}},
    )
    assert long.build is not None
    assert long.build.args == {"A": "1", "B": None}
    assert long.build.secrets is not None and long.build.secrets[0].source == "s"
    assert long.build.additional_contexts == {"base": "service:base"}
    assert long.build.provenance == "mode=max" and long.build.sbom is True
    assert long.build.extra_hosts == ["h=1.2.3.4"]
    assert long.depends_on is not None
    assert long.depends_on["db"].condition == "service_healthy"
    assert long.networks is not None and long.networks["front"] is not None


def test_extra_hosts_devices_ulimits_tmpfs_dns() -> None:
    s = service(
        extra_hosts=["somehost=162.242.195.82", "myhostv6=[::1]", "other:50.31.209.229"],
        devices=["/dev/ttyUSB0:/dev/ttyUSB0", {"source": "/dev/sda", "target": "/dev/xvda"}],
        ulimits={"nproc": 65535, "nofile": {"soft": 20000, "hard": 40000}},
        tmpfs="/run",
        dns="8.8.8.8",
        dns_search=["a.example"],
        expose=[3306, "8000-8010/udp"],
        group_add=["mail", 42],
    )
    assert s.extra_hosts == [
        "myhostv6=::1",
        "other=50.31.209.229",
        "somehost=162.242.195.82",
    ]
    assert service(extra_hosts={"h": "1.1.1.1"}).extra_hosts == ["h=1.1.1.1"]
    assert s.devices is not None
    assert s.devices[0].permissions == "rwm" and s.devices[1].target == "/dev/xvda"
    assert s.ulimits is not None and s.ulimits["nproc"] == 65535
    assert s.to_dict()["ulimits"]["nofile"] == {"soft": 20000, "hard": 40000}
    assert s.tmpfs == ["/run"] and s.dns == ["8.8.8.8"]
    assert s.expose == ["3306", "8000-8010/udp"] and s.group_add == ["mail", "42"]


def test_rare_service_attributes() -> None:
    s = service(
        blkio_config={
            "weight": 300,
            "weight_device": [{"path": "/dev/sda", "weight": 400}],
            "device_read_bps": [{"path": "/dev/sdb", "rate": "12mb"}],
            "device_read_iops": [{"path": "/dev/sdb", "rate": 120}],
        },
        cpu_rt_runtime="400ms",
        cpu_rt_period=11000,
        credential_spec={"registry": "my-credential-spec"},
        gpus="all",
        provider={"type": "awesomecloud", "options": {"type": "mysql", "n": 1}},
        models={"llm": {"endpoint_var": "URL", "model_var": "MODEL"}},
        post_start=[{"command": "./hook.sh", "user": "root", "environment": ["A=B"]}],
        pre_stop=[{"command": ["./bye.sh"]}],
        pre_start=[{"image": "busybox", "command": "chown -R 1:1 /d", "per_replica": True}],
        develop={
            "watch": [
                {
                    "path": "./src",
                    "action": "sync+exec",
                    "target": "/app",
                    "exec": {"command": "r"},
                },
                {"path": "./pkg", "action": "rebuild", "include": "*.go", "initial_sync": True},
            ]
        },
        logging={"driver": "syslog", "options": {"syslog-address": "tcp://1.2.3.4:123"}},
        env_file=["a.env", {"path": "b.env", "required": False, "format": "raw"}],
        label_file="app.labels",
        extends="base",
        cgroup="host",
        use_api_socket=True,
        pull_policy="every_12h",
        mem_swappiness=60,
        oom_score_adj=-500,
    )
    assert s.blkio_config is not None and s.blkio_config.device_read_bps is not None
    assert s.blkio_config.device_read_bps[0].rate == 12 * 1024 * 1024
    assert s.cpu_rt_runtime == 400_000 and s.cpu_rt_period == 11000
    assert s.gpus == "all"
    assert s.provider is not None and s.provider.options == {"type": "mysql", "n": "1"}
    assert s.models is not None and s.models["llm"] is not None
    assert s.post_start is not None and s.post_start[0].command == ["./hook.sh"]
    assert s.pre_start is not None and s.pre_start[0].per_replica is True
    assert s.develop is not None and s.develop.watch is not None
    assert s.develop.watch[1].include == ["*.go"]
    assert s.env_file is not None and s.env_file[0].path == "a.env"
    assert s.env_file[1].required is False and s.env_file[1].format == "raw"
    assert s.label_file == ["app.labels"]
    assert s.extends is not None and s.extends.service == "base"
    gpus = service(gpus=[{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}])
    assert isinstance(gpus.gpus, list) and gpus.gpus[0].count == -1
    found = by_path(problems({"services": {"a": {"cgroup": "shared", "oom_score_adj": 5000}}}))
    assert ("services", "a", "cgroup") in found
    assert ("services", "a", "oom_score_adj") in found


def test_deploy_everything() -> None:
    d = Deploy.model_validate(
        {
            "mode": "replicated",
            "replicas": "2",
            "endpoint_mode": "vip",
            "labels": ["a=b"],
            "placement": {
                "constraints": ["disktype=ssd"],
                "preferences": [{"spread": "node.labels.zone"}],
                "max_replicas_per_node": 1,
            },
            "resources": {
                "limits": {"cpus": "0.50", "memory": "50M", "pids": 1},
                "reservations": {
                    "cpus": 0.25,
                    "memory": "20M",
                    "devices": [{"capabilities": ["gpu"], "device_ids": ["0"]}],
                    "generic_resources": [{"discrete_resource_spec": {"kind": "gpu", "value": 2}}],
                },
            },
            "rollback_config": {"parallelism": 0, "failure_action": "pause"},
        }
    )
    assert d.replicas == 2
    assert d.labels == {"a": "b"}
    assert d.resources is not None and d.resources.reservations is not None
    assert d.resources.reservations.memory == 20 * 1024 * 1024


def test_top_level_elements() -> None:
    cf = parse_compose_file(
        {
            "version": 3.8,
            "name": "demo",
            "include": [
                "../commons/compose.yaml",
                {"path": "b.yaml", "project_directory": "..", "env_file": "../.env"},
            ],
            "services": {"a": {"image": "x"}},
            "networks": {
                "front": None,
                "n": {
                    "driver": "bridge",
                    "driver_opts": {"baz": 1},
                    "ipam": {
                        "driver": "default",
                        "config": [
                            {
                                "subnet": "172.28.0.0/16",
                                "ip_range": "172.28.5.0/24",
                                "gateway": "172.28.5.254",
                                "aux_addresses": {"host1": "172.28.1.5"},
                            }
                        ],
                        "options": {"foo": "bar"},
                    },
                    "attachable": True,
                    "enable_ipv4": False,
                    "enable_ipv6": True,
                    "internal": True,
                    "labels": ["k=v"],
                },
                "ext": {"external": True, "name": "outside"},
                "old": {"external": {"name": "legacy"}},
            },
            "volumes": {"data": None, "v": {"driver": "local", "driver_opts": {"o": "bind"}}},
            "secrets": {"s": {"file": "./s.txt"}, "e": {"environment": "TOKEN"}},
            "configs": {"c": {"content": "debug=1"}, "x": {"external": True}},
            "models": {"llm": {"model": "ai/smollm2", "context_size": 1024}},
        }
    )
    assert cf.version == "3.8"
    assert cf.include is not None and cf.include[0].path == ["../commons/compose.yaml"]
    assert cf.include[1].env_file == ["../.env"]
    assert cf.networks is not None and cf.networks["front"].to_dict() == {}
    assert cf.networks["n"].driver_opts == {"baz": "1"}
    assert cf.networks["ext"].external is True
    old = cf.networks["old"].external
    assert not isinstance(old, bool) and old is not None and old.name == "legacy"
    assert cf.volumes is not None and cf.volumes["data"].to_dict() == {}
    assert cf.models is not None and cf.models["llm"].context_size == 1024


def test_project_minimal_and_to_dict() -> None:
    project = Project.model_validate({"name": "p", "services": {}})
    assert project.to_dict() == {"name": "p", "services": {}}
    assert isinstance(parse_compose_file({}), ComposeFile)


def _schema_objects(schema: dict[str, Any], node: Any, seen: set[str]) -> Iterator[Any]:
    """Object schemas reachable from ``node`` without entering ``properties``."""
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        if ref in seen:
            return
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target[part]
        yield from _schema_objects(schema, target, seen | {ref})
    if isinstance(node.get("properties"), dict):
        yield node
    for key in ("oneOf", "anyOf", "allOf"):
        for alt in node.get(key, []):
            yield from _schema_objects(schema, alt, seen)
    for key in ("items", "additionalProperties"):
        yield from _schema_objects(schema, node.get(key), seen)
    for value in (node.get("patternProperties") or {}).values():
        yield from _schema_objects(schema, value, seen)


def _models_in(annotation: Any) -> Iterator[type[Any]]:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def test_every_spec_key_is_modelled() -> None:
    """Names only: every property the published schema lists, at every depth, has a
    field in the matching model."""
    if not SCHEMA.is_file():
        pytest.skip("compose-spec.json not available")
    schema = json.loads(SCHEMA.read_text())
    missing: list[str] = []
    checked: set[tuple[int, type[Any]]] = set()

    def check(node: Any, cls: type[Any], where: str) -> None:
        if (id(node), cls) in checked:
            return
        checked.add((id(node), cls))
        props: dict[str, Any] = {}
        for obj in _schema_objects(schema, node, set()):
            props.update(obj["properties"])
        fields = {(f.alias or n): f for n, f in cls.model_fields.items()}
        for name, sub in props.items():
            if name not in fields:
                missing.append(f"{where}.{name}")
                continue
            if any(True for _ in _schema_objects(schema, sub, set())):
                for model in _models_in(fields[name].annotation):
                    check(sub, model, f"{where}.{name}")

    check(schema, ComposeFile, "")
    assert not missing
    assert len(checked) > 40


def test_importing_the_package_does_not_import_pydantic() -> None:
    code = "import sys, composecheck.model; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
