"""Merge triples: (base, override, expected) for each kind of attribute.

The expected service is what ``docker compose config`` prints for ``-f base -f
override``; each triple is also checked live against the reference when it is installed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from tests.reference import reference_binary, run_reference

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}

# (id, base service YAML, override service YAML, expected attributes of the service)
TRIPLES: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "scalar-replaced",
        "platform: linux/amd64",
        "platform: linux/arm64",
        {"platform": "linux/arm64"},
    ),
    ("command-replaced", "command: [a, b]", "command: c d", {"command": ["c", "d"]}),
    ("command-empty", "command: [a]", "command: []", {"command": []}),
    ("entrypoint-replaced", "entrypoint: a b", "entrypoint: [c]", {"entrypoint": ["c"]}),
    (
        "healthcheck-test-replaced",
        "healthcheck: {test: [CMD, a], retries: 3}",
        "healthcheck: {test: b}",
        {"healthcheck": {"test": ["CMD-SHELL", "b"], "retries": 3}},
    ),
    (
        "environment-list-and-map",
        "environment: [A=1, B=2]",
        "environment: {B: 3, C: null}",
        {"environment": {"A": "1", "B": "3", "C": None}},
    ),
    (
        "labels-map-and-list",
        "labels: {a: '1'}",
        "labels: [b=2, a=3]",
        {"labels": {"a": "3", "b": "2"}},
    ),
    (
        "ports-keyed",
        "ports: ['8080:80', '9090:90']",
        "ports: [{target: 80, published: '8080', protocol: tcp}, '7070:70']",
        {
            "ports": [
                {"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"},
                {"mode": "ingress", "target": 90, "published": "9090", "protocol": "tcp"},
                {"mode": "ingress", "target": 70, "published": "7070", "protocol": "tcp"},
            ]
        },
    ),
    (
        "ports-host-ip-distinct",
        "ports: ['127.0.0.1:5000:5000/udp']",
        "ports: ['5000:5000/udp']",
        {
            "ports": [
                {
                    "mode": "ingress",
                    "host_ip": "127.0.0.1",
                    "target": 5000,
                    "published": "5000",
                    "protocol": "udp",
                },
                {"mode": "ingress", "target": 5000, "published": "5000", "protocol": "udp"},
            ]
        },
    ),
    (
        "volumes-by-target",
        "volumes: ['data:/data', '/a:/b']",
        "volumes: ['/c:/data:ro']",
        {
            "volumes": [
                {
                    "type": "bind",
                    "source": "/c",
                    "target": "/data",
                    "read_only": True,
                    "bind": {"create_host_path": True},
                },
                {
                    "type": "bind",
                    "source": "/a",
                    "target": "/b",
                    "bind": {"create_host_path": True},
                },
            ]
        },
    ),
    (
        "depends-on-merged",
        "depends_on: [db]",
        "depends_on: {db: {condition: service_healthy}, cache: {condition: service_started}}",
        {
            "depends_on": {
                "db": {"condition": "service_healthy", "required": True},
                "cache": {"condition": "service_started", "required": True},
            }
        },
    ),
    (
        "networks-merged-aliases-appended",
        "networks: {front: {aliases: [a]}}",
        "networks: {front: {aliases: [b, a]}, back: null}",
        {"networks": {"front": {"aliases": ["a", "b"]}, "back": None}},
    ),
    (
        "dns-string-and-list-deduplicated",
        "dns: 1.1.1.1",
        "dns: [8.8.8.8, 1.1.1.1]",
        {"dns": ["1.1.1.1", "8.8.8.8"]},
    ),
    (
        "cap-add-deduplicated",
        "cap_add: [NET_ADMIN]",
        "cap_add: [NET_ADMIN, SYS_TIME]",
        {"cap_add": ["NET_ADMIN", "SYS_TIME"]},
    ),
    (
        "security-opt-appended",
        "security_opt: [a]",
        "security_opt: [b]",
        {"security_opt": ["a", "b"]},
    ),
    (
        "logging-same-driver-merged",
        "logging: {driver: json-file, options: {max-size: 1m}}",
        "logging: {options: {max-file: '3'}}",
        {"logging": {"driver": "json-file", "options": {"max-size": "1m", "max-file": "3"}}},
    ),
    (
        "logging-other-driver-replaced",
        "logging: {driver: json-file, options: {max-size: 1m}}",
        "logging: {driver: syslog}",
        {"logging": {"driver": "syslog"}},
    ),
    (
        "build-string-then-map",
        "build: ./app",
        "build: {target: prod}",
        {"build": {"context": "/P/app", "dockerfile": "Dockerfile", "target": "prod"}},
    ),
    (
        "ulimits-entry-replaced",
        "ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}",
        "ulimits: {nofile: 3}",
        {"ulimits": {"nofile": 3, "nproc": 5}},
    ),
    (
        "extra-hosts-textual-duplicates",
        "extra_hosts: ['db:10.0.0.1']",
        "extra_hosts: {db: 10.0.0.1}",
        {"extra_hosts": ["db=10.0.0.1", "db=10.0.0.1"]},
    ),
    ("reset-removes", "ports: ['80:80']", "ports: !reset []", {}),
    (
        "override-replaces",
        "environment: {A: '1', B: '2'}",
        "environment: !override {C: '3'}",
        {"environment": {"C": "3"}},
    ),
    # The model so far is canonical, the override raw: one value in two shapes.
    (
        "depends-on-list-over-map",
        "depends_on: {db: {condition: service_healthy}}",
        "depends_on: [cache]",
        {
            "depends_on": {
                "db": {"condition": "service_healthy", "required": True},
                "cache": {"condition": "service_started", "required": True},
            }
        },
    ),
    (
        "deploy-labels-list-over-map",
        "deploy: {labels: {a: '1'}}",
        "deploy: {labels: [b=2, a=3]}",
        {"deploy": {"labels": {"a": "3", "b": "2"}, "resources": {}, "placement": {}}},
    ),
    (
        "build-args-list-over-map",
        "build: {context: ., args: {A: '1'}}",
        "build: {args: [B=2, C]}",
        {"build": {"context": "/P", "dockerfile": "Dockerfile", "args": {"A": "1", "B": "2"}}},
    ),
    (
        "secrets-by-target",
        "secrets: [s]",
        "secrets: [{source: s, mode: 0440}]",
        {"secrets": [{"source": "s", "target": "/run/secrets/s", "mode": "0440"}]},
    ),
    # A `K=V` list repeating an item is de-duplicated by key before the structural check
    # (whose uniqueItems would refuse it), in the base file and in the override alike.
    (
        "environment-repeated-items",
        "environment: [A=1, A=1]",
        "environment: [B=2, B=2, A=3]",
        {"environment": {"A": "3", "B": "2"}},
    ),
    (
        "labels-repeated-items",
        "labels: [a=1, a=1]",
        "labels: [b=2, b=2]",
        {"labels": {"a": "1", "b": "2"}},
    ),
    (
        "annotations-repeated-items",
        "annotations: [a=1, a=1]",
        "annotations: [a=1]",
        {"annotations": {"a": "1"}},
    ),
    (
        "sysctls-repeated-items",
        "sysctls: [a=1, a=1]",
        "sysctls: [b=2, b=2]",
        {"sysctls": {"a": "1", "b": "2"}},
    ),
    (
        "deploy-labels-repeated-items",
        "deploy: {labels: [a=1, a=1]}",
        "deploy: {labels: [a=2, a=2]}",
        {"deploy": {"labels": {"a": "2"}, "resources": {}, "placement": {}}},
    ),
]

IGNORED = {"command", "entrypoint", "networks"}


def _write(folder: Path, base: str, override: str) -> None:
    def service(body: str) -> str:
        return "\n".join("    " + line for line in body.splitlines())

    extra = "\n".join(
        [
            "networks: {front: {}, back: {}}",
            "secrets: {s: {file: ./s.txt}}",
            "volumes: {data: {}}",
        ]
    )
    others = "  db:\n    image: x\n  cache:\n    image: x\n"
    (folder / "base.yaml").write_text(
        f"services:\n  app:\n    image: x\n{service(base)}\n{others}{extra}\n"
    )
    (folder / "override.yaml").write_text(f"services:\n  app:\n{service(override)}\n")
    (folder / "s.txt").write_text("secret\n")


def _service(doc: dict[str, Any], folder: Path, keys: set[str]) -> dict[str, Any]:
    service = json.loads(json.dumps(doc["services"]["app"]).replace(str(folder), "/P"))
    return {k: v for k, v in service.items() if k in keys}


@pytest.mark.parametrize(
    ("base", "override", "want"), [t[1:] for t in TRIPLES], ids=[t[0] for t in TRIPLES]
)
def test_merge(tmp_path: Path, base: str, override: str, want: dict[str, Any]) -> None:
    _write(tmp_path, base, override)
    options = LoadOptions(files=["base.yaml", "override.yaml"], environ=ENV, cwd=str(tmp_path))
    doc = json.loads(render_loaded(load(options), "json"))
    attribute = want or {_attribute(base): None}
    keys = set(attribute) | ({k for k in want if k in IGNORED})
    assert _service(doc, tmp_path, keys) == want
    if reference_binary() is not None:
        code, ref, err = run_reference(["-f", "base.yaml", "-f", "override.yaml"], tmp_path, ENV)
        assert code == 0, err
        assert _service(ref, tmp_path, keys) == want


def _attribute(yaml_text: str) -> str:
    return yaml_text.split(":", 1)[0]


def test_mapping_over_scalar_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "healthcheck: {test: [CMD, a]}", "healthcheck: nope")
    options = LoadOptions(files=["base.yaml", "override.yaml"], environ=ENV, cwd=str(tmp_path))
    with pytest.raises(InputError, match=r"^cannot override services\.app\.healthcheck$"):
        load(options)


# --- what !reset and !override took away ------------------------------------------------


def test_the_merge_records_what_reset_and_override_removed(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  web:\n"
        "    image: nginx:1.27.3\n"
        "    deploy:\n"
        "      resources:\n"
        "        limits: {memory: 512M}\n"
        "    labels: {a: b}\n"
    )
    (tmp_path / "compose.prod.yaml").write_text(
        "services:\n"
        "  web:\n"
        "    deploy: !reset {}\n"  # 3: removes what the base set
        "    healthcheck: !reset {}\n"  # 4: the base set none: nothing removed
        "    labels: !override {c: d}\n"  # 5: replaces the base's labels
    )
    loaded = load(
        LoadOptions(
            files=["compose.yaml", "compose.prod.yaml"], environ=dict(ENV), cwd=str(tmp_path)
        )
    )
    records = sorted(
        (r.path, r.loc.line if r.loc else 0, r.kind, json.dumps(_plain(r.removed)))
        for r in loaded.removals
    )
    assert records == [
        (
            ("services", "web", "deploy"),
            3,
            "reset",
            '{"resources": {"limits": {"memory": "512M"}}}',
        ),
        (("services", "web", "labels"), 5, "override", '{"a": "b"}'),
    ]


def _plain(value: Any) -> Any:
    from composecheck.load.tree import plain

    return plain(value)
