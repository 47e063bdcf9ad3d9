"""Live differential tests of ``config --no-interpolate``: the dictionary model.

Every corpus case, the example fixture and a few hand-written projects (merges,
``extends``, ``include``, ``!reset``/``!override``, short syntax that does not parse
before interpolation) are rendered by us and by the reference binary, in JSON and in
YAML, and must match byte for byte.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from composecheck.errors import InputError
from composecheck.load.pipeline import load_untyped
from composecheck.load.project import LoadOptions
from composecheck.render_untyped import render_untyped
from tests.conformance.corpus import cases, option_fields
from tests.reference import require_reference

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "fixtures" / "example"
CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}
FORMATS = ["json", "yaml"]
# `config` flags: they go after `config` on the reference's command line.


# `config` flags: they go after the `config` command for the reference.
CONFIG_FLAGS = frozenset({"--no-path-resolution", "--no-normalize"})


def _options(args: list[str], cwd: Path) -> LoadOptions:
    fields = {"interpolate": False, **option_fields(args)}
    return LoadOptions(**fields, environ=dict(CLEAN), cwd=str(cwd))


def _reference(args: list[str], cwd: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    binary = require_reference()
    config_flags = [a for a in args if a in CONFIG_FLAGS]
    global_args = [a for a in args if a not in CONFIG_FLAGS]
    return subprocess.run(
        [str(binary), *global_args, "config", "--no-interpolate", *config_flags, "--format", fmt],
        cwd=cwd,
        env=dict(CLEAN),
        capture_output=True,
        text=True,
        timeout=60,
    )


def compare(args: list[str], cwd: Path, fmt: str) -> None:
    ref = _reference(args, cwd, fmt)
    try:
        model, _warnings = load_untyped(_options(args, cwd))
        text = render_untyped(model, fmt)
    except InputError as exc:
        assert ref.returncode != 0, f"we refused ({exc.message}), the reference accepted"
        return
    assert ref.returncode == 0, f"reference refused ({ref.stderr.strip()}), we accepted"
    assert text == ref.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_corpus(case: Path, fmt: str) -> None:
    compare(shlex.split((case / "args").read_text()), case, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args",
    [
        [],
        ["-f", "compose.yaml", "-f", "compose.dev.yaml"],
        [
            "-f",
            "compose.yaml",
            "-f",
            "compose.prod.yaml",
            "--env-file",
            ".env",
            "--env-file",
            ".env.prod",
        ],
    ],
    ids=["base", "dev", "prod"],
)
def test_fixture_example(args: list[str], fmt: str) -> None:
    compare(args, EXAMPLE, fmt)


# -- hand-written projects ---------------------------------------------------------------

SHORT_SYNTAX = {
    "compose.yaml": """\
services:
  a:
    image: x
    ports: ["8080:80", 9000, "127.0.0.1:5000-5001:5000-5001/udp"]
    volumes: ["./data:/data:ro", "vol:/v", "/abs:/abs2:rw,z", "${X}:/y"]
    devices: ["/dev/a:/dev/b"]
    secrets: [s1]
    configs: [c1]
    env_file: .env.a
    labels: [a=b, c]
    environment: [A=1, B, COMPOSE_PROJECT_NAME]
    command: echo hi
    dns: ""
    expose: [80, "90"]
    extra_hosts: {h: 1.2.3.4}
    ulimits: {nofile: 100}
    gpus: all
    depends_on: [b]
    links: ["b:bb"]
    build: ./ctx
    tmpfs: /t
  b:
    image: y
    network_mode: "service:a"
    volumes_from: [a]
    ports: ["${P}:80", "81"]
    environment: {HOME: null, K: v}
secrets:
  s1: {file: ./s1}
configs:
  c1: {file: ./c1, name: foo}
volumes:
  vol:
  ext: {external: {name: e}}
networks:
  n:
""",
    ".env.a": "",
    ".env": "HOME_FROM_DOTENV=1\n",
}

MERGES = {
    "compose.yaml": """\
name: My_Proj
include:
  - inc/compose.yaml
x-env: &env
  A: 1
  B: true
  C: 1.5
  D:
services:
  a:
    image: x
    command: []
    entrypoint: ["sh", "-c"]
    environment: *env
    labels: {l1: a, l2: "2"}
    volumes: ["./data:/data/", "${V:-x}:/v"]
    healthcheck:
      test: "curl x"
    dns: ["", "8.8.8.8"]
    extra_hosts: ["a:1.1.1.1"]
    ulimits:
      nproc: 10
      nofile: {soft: 1, hard: 2}
    logging: {driver: json-file, options: {max-size: 1m}}
    pull_policy: if_not_present
    tmpfs: [/a]
    secrets:
      - source: s
        target: /x
  b:
    extends: a
    environment: {E: e}
    ports: ["80"]
  c:
    extends:
      file: sub/base.yaml
      service: base
    environment: [F=f]
  d:
    image: d
    networks: [n1]
    profiles: [p]
networks:
  n1:
    external: true
secrets:
  s:
    environment: HOME
""",
    "sub/base.yaml": """\
services:
  base:
    image: b
    volumes: [./x:/x]
    env_file: [a.env, {path: b.env, required: false}]
    build: .
    environment:
      G: g
""",
    "inc/compose.yaml": """\
services:
  i:
    image: i
    build: ./ctx
    volumes: [./y:/y]
    environment: [INC, HOME]
""",
    "inc/.env": "INC=1\n",
    "compose.override.yaml": """\
services:
  a:
    environment:
      Z: z
      A: 2
    labels: [l3=c]
    command: echo
    extra_hosts: {b: 2.2.2.2}
    ports: !reset []
    volumes: !override ["/o:/o"]
    dns: 1.1.1.1
    logging: {driver: syslog}
    ulimits:
      nproc: {soft: 3, hard: 4}
  d:
    networks: {n2: {aliases: [x]}}
networks:
  n2: {}
""",
}

SCALARS = {
    "compose.yaml": """\
name: "${PROJ:-Foo Bar}"
version: "3"
x-values:
  float: 1e3
  octal: 0o17
  legacy-octal: 017
  big: 12345678901234567890
  half: .5
  zero: -0.0
  html: "<&>"
  underscores: 1_000
  hex: 0x1F
  binary: !!binary aGVsbG8=
  yaml11: [yes, no, "on", ~]
  dates: [2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10, 2001-13-14]
services:
  a:
    image: x
    cpus: 0.5
    ports: ["${P:-80}:80", {target: 81, published: 8081}]
    environment: ["A=$$B", "C=${D}"]
---
services:
  b:
    image: y
""",
}

EMPTIES = {
    "compose.yaml": """\
services:
  a:
    image: x
    environment: []
    command: ""
    entrypoint: []
    labels: []
    env_file: []
    expose: []
    dns: []
    volumes: []
    ports: []
    healthcheck: {test: []}
    extra_hosts: []
  b:
    image: x
    build: {context: ., args: []}
""",
    "compose.override.yaml": """\
services:
  a:
    labels: {}
    environment: {}
    extra_hosts: {}
""",
}

NESTED = {
    "compose.yaml": """\
include:
  - path: [a/compose.yaml, a/over.yaml]
    env_file: [c/x.env]
  - path: c/compose.yaml
    project_directory: c
services:
  main:
    extends: {file: a/b/base.yaml, service: mid}
    volumes: [./m:/m]
""",
    "a/compose.yaml": """\
services:
  ia:
    image: ia
    environment: [X, Y]
    volumes: [./data:/data]
    env_file: e.env
""",
    "a/over.yaml": """\
services:
  ia:
    environment: [Z=1]
    labels: {a: b}
""",
    "c/x.env": "X=fromx\n",
    "c/compose.yaml": """\
services:
  ic:
    image: ic
    build: .
    secrets: [s]
secrets:
  s:
    file: ./secret.txt
""",
    "a/b/base.yaml": """\
services:
  mid:
    extends: {file: ../leaf.yaml, service: leaf}
    volumes: [./mid:/mid]
    ports: ["80:80"]
""",
    "a/leaf.yaml": """\
services:
  leaf:
    image: leaf
    volumes: [./leaf:/leaf]
    build: ./lb
    env_file: [./l.env]
""",
}

# @ROOT@ stands for the project's folder (an absolute project_directory).
INCLUDES = {
    "compose.yaml": """\
include:
  - x/compose.yaml
  - path: z/compose.yaml
    project_directory: @ROOT@/x
services:
  m:
    image: m
    networks: [shared]
networks:
  shared: {driver: bridge}
""",
    "x/compose.yaml": """\
include:
  - y/compose.yaml
services:
  xs:
    image: xs
    build: ./b
    environment: [XV]
    networks: [shared]
networks:
  shared: {driver: bridge}
""",
    "x/.env": "XV=x-env\n",
    "x/y/compose.yaml": """\
services:
  ys:
    image: ys
    volumes: [./v:/v, ~/h:/h]
    env_file: e.env
    environment: {XV: null, YV: null}
""",
    "z/compose.yaml": """\
services:
  zs:
    image: zs
    build: .
    environment: [XV]
    configs: [c]
configs:
  c: {file: ./c.txt}
""",
}

# JSON has no NaN nor infinities: Go's encoder refuses the model, YAML prints it.
NOT_JSON = {"compose.yaml": "x-a: [.nan, .inf, -.inf]\nservices:\n  a: {image: x}\n"}

PROJECTS = {
    "not-json": NOT_JSON,
    "short-syntax": SHORT_SYNTAX,
    "merges": MERGES,
    "includes": INCLUDES,
    "scalars": SCALARS,
    "empties": EMPTIES,
    "nested": NESTED,
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "flags", [[], ["--no-path-resolution"], ["--no-normalize"]], ids=["", "nopaths", "nonorm"]
)
@pytest.mark.parametrize("project", sorted(PROJECTS))
def test_projects(project: str, flags: list[str], fmt: str, tmp_path: Path) -> None:
    require_reference()
    root = tmp_path / project
    for name, text in PROJECTS[project].items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text.replace("@ROOT@", str(root)))
    compare(flags, root, fmt)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_cli_no_interpolate_on_the_example(fmt: str) -> None:
    """`composecheck render --no-interpolate` goes through this mode, end to end."""
    import sys

    binary = require_reference()
    example = Path(__file__).resolve().parents[2] / "fixtures" / "example"
    env = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}
    ours = subprocess.run(
        [sys.executable, "-m", "composecheck", "render", "--no-interpolate", "--format", fmt],
        cwd=example,
        env={**env, "PYTHONPATH": str(example.parents[1])},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ref = subprocess.run(
        [str(binary), "config", "--no-interpolate", "--format", fmt],
        cwd=example,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ours == ref
