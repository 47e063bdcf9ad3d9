"""Live differential tests: ours against the reference binary, on the same input.

The fixtures, every corpus case with ``--no-path-resolution``, and generated stacks
(services, overrides, env files and interpolation strings drawn by hypothesis).
"""

from __future__ import annotations

import json
import shlex
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from tests.conformance.corpus import cases, diff, option_fields
from tests.reference import require_reference, run_reference

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "fixtures" / "example"
CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}


def ours(args: list[str], cwd: Path, environ: dict[str, str]) -> tuple[int, Any, str]:
    try:
        loaded = load(LoadOptions(**option_fields(args), environ=environ, cwd=str(cwd)))
        return 0, json.loads(render_loaded(loaded, "json")), ""
    except InputError as exc:
        return 2, None, exc.message


def compare(args: list[str], cwd: Path, environ: dict[str, str]) -> None:
    config_flags = [a for a in args if a in ("--no-path-resolution", "--no-normalize")]
    global_args = [a for a in args if a not in config_flags]
    ref_code, ref_doc, ref_err = run_reference(global_args, cwd, environ, config_flags)
    our_code, our_doc, our_err = ours(args, cwd, environ)
    if ref_code != 0:
        assert our_code == 2, f"reference refused ({ref_err.strip()}), we accepted"
        return
    assert our_code == 0, f"we refused ({our_err}), the reference accepted"
    assert diff(our_doc, ref_doc) == []


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "compose.yaml"],
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
def test_fixture_example(args: list[str]) -> None:
    require_reference()
    compare(args, EXAMPLE, dict(CLEAN))


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_corpus_without_path_resolution(case: Path) -> None:
    require_reference()
    args = [*shlex.split((case / "args").read_text()), "--no-path-resolution"]
    compare(args, case, dict(CLEAN))


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_corpus_without_normalization(case: Path) -> None:
    require_reference()
    args = [*shlex.split((case / "args").read_text()), "--no-normalize"]
    compare(args, case, dict(CLEAN))


# -- generated stacks ---------------------------------------------------------------

NAMES = st.sampled_from(["web", "db", "cache", "worker", "proxy", "api"])
VARS = st.sampled_from(["TAG", "PORT", "HOST", "EMPTY", "UNSET", "DB_NAME"])
COMMANDS = ["run --flag", 'sh -c "echo hi"', "a b  c", "echo 'a b' c\\ d"]
WORD = st.text(alphabet=string.ascii_lowercase + string.digits + "-_./", min_size=1, max_size=8)


@st.composite
def templates(draw: st.DrawFn, depth: int = 0) -> str:
    """Interpolation strings: literals, $$, $VAR, ${VAR} and every operator, nested."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["lit", "dollar", "plain", "brace", "op"]))
        name = draw(VARS)
        if kind == "lit":
            parts.append(draw(WORD))
        elif kind == "dollar":
            parts.append("$$" + name)
        elif kind == "plain":
            parts.append("$" + name)
        elif kind == "brace":
            parts.append("${" + name + "}")
        else:
            op = draw(st.sampled_from([":-", "-", ":+", "+"]))
            inner = draw(templates(depth + 1)) if depth < 2 and draw(st.booleans()) else draw(WORD)
            parts.append("${" + name + op + inner + "}")
    return "".join(parts)


def _quote(value: str) -> str:
    return json.dumps(value)


@st.composite
def service_yaml(draw: st.DrawFn, name: str, others: list[str], override: bool) -> list[str]:
    lines = [f"  {name}:"]
    if not override or draw(st.booleans()):
        lines.append(f"    image: {_quote('nginx:' + draw(templates()))}")
    if draw(st.booleans()):
        env_items = draw(st.lists(st.tuples(VARS, templates()), max_size=3))
        if draw(st.booleans()):
            lines.append("    environment:")
            lines += [f"      - {_quote(k + '=' + v)}" for k, v in env_items]
            if not env_items:
                lines[-1] += " []"
        else:
            lines.append("    environment:" + ("" if env_items else " {}"))
            lines += [f"      {k}: {_quote(v)}" for k, v in env_items]
    if draw(st.booleans()):
        ports = draw(
            st.lists(
                st.sampled_from(
                    [
                        "80",
                        "8080:80",
                        "127.0.0.1:9000:9000/udp",
                        "3000-3001:3000-3001",
                        "${PORT:-81}:81",
                    ]
                ),
                max_size=3,
            )
        )
        lines.append("    ports: [" + ", ".join(_quote(p) for p in ports) + "]")
    if draw(st.booleans()):
        vols = draw(
            st.lists(
                st.sampled_from(
                    [
                        "data:/data",
                        "./src:/app:ro",
                        "/etc/hosts:/etc/hosts",
                        "cache:/cache:nocopy",
                        "/tmp",
                    ]
                ),
                max_size=3,
            )
        )
        lines.append("    volumes: [" + ", ".join(_quote(v) for v in vols) + "]")
    if others and draw(st.booleans()) is True:
        deps = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
        lines.append("    depends_on: [" + ", ".join(deps) + "]")
    if draw(st.booleans()):
        command = draw(st.sampled_from(COMMANDS))
        lines.append(f"    command: {_quote(command)}")
    if draw(st.booleans()):
        lines.append("    labels:")
        for key in draw(st.lists(st.sampled_from(["a", "b", "c.d"]), max_size=3, unique=True)):
            lines.append(f"      {key}: {_quote(draw(templates()))}")
    if draw(st.booleans()):
        lines.append(f"    restart: {draw(st.sampled_from(['always', 'no', 'unless-stopped']))}")
    if not override and draw(st.booleans()):
        lines.append(f"    profiles: [{draw(st.sampled_from(['debug', 'tools']))}]")
    if draw(st.booleans()):
        lines.append("    networks:")
        for net in draw(st.lists(st.sampled_from(["front", "back"]), min_size=1, unique=True)):
            aliases = draw(st.lists(st.sampled_from(["a1", "a2"]), max_size=2, unique=True))
            lines.append(f"      {net}: {{aliases: [{', '.join(aliases)}]}}")
    if draw(st.booleans()):
        lines.append(f"    secrets: [{draw(st.sampled_from(['s1', '{source: s1, target: t}']))}]")
    if draw(st.booleans()):
        lines.append("    env_file: [svc.env]")
    if override and draw(st.booleans()):
        key = draw(st.sampled_from(["ports", "environment", "labels", "volumes"]))
        value = draw(st.sampled_from(["!reset []", "!reset {}", "!override []"]))
        if key in ("environment", "labels") and value.endswith("[]"):
            value = value[:-2] + "{}"
        lines.append(f"    {key}: {value}")
    if draw(st.booleans()):
        lines += [
            "    deploy:",
            "      resources:",
            "        limits:",
            f"          memory: {draw(st.sampled_from(['512M', '1g', '1024']))}",
            f"          cpus: {_quote(draw(st.sampled_from(['0.5', '1', '2.25'])))}",
        ]
    if draw(st.booleans()):
        lines += [
            "    healthcheck:",
            f"      test: {_quote(draw(st.sampled_from(['curl -f http://x', 'true'])))}",
            f"      interval: {draw(st.sampled_from(['10s', '1m30s', '90s', '500ms']))}",
        ]
    return lines


@st.composite
def stacks(draw: st.DrawFn) -> tuple[str, str | None, str]:
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    base = ["x-common: &common", "  restart: always", "  labels: {from-anchor: 'yes'}", "services:"]
    for index, name in enumerate(names):
        base += draw(service_yaml(name, names[:index], override=False))
    if len(names) > 1 and draw(st.booleans()):
        base += ["  child:", f"    extends: {names[0]}", "    environment: {CHILD: '1'}"]
    if draw(st.booleans()):
        base += ["  extra:", "    <<: *common", "    image: extra"]
    base += [
        "volumes:",
        "  data: {}",
        "  cache: {}",
        "networks:",
        "  front: {}",
        "  back: {}",
        "secrets:",
        "  s1: {file: ./s1.txt}",
    ]
    override = None
    if draw(st.booleans()):
        lines = ["services:"]
        for name in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)):
            lines += draw(service_yaml(name, [], override=True))
        override = "\n".join(lines) + "\n" if len(lines) > 1 else None
    env_lines = [
        f"{k}={draw(st.sampled_from(['v1', '', '8080', 'x y', 'a$$b']))}"
        for k in draw(st.lists(VARS, max_size=4, unique=True))
        if k != "UNSET"
    ]
    return "\n".join(base) + "\n", override, "\n".join(env_lines) + "\n"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stack=stacks())
def test_generated_stacks(
    tmp_path_factory: pytest.TempPathFactory, stack: tuple[str, str | None, str]
) -> None:
    require_reference()
    base, override, env_text = stack
    folder = tmp_path_factory.mktemp("stack")
    (folder / "compose.yaml").write_text(base)
    args = ["-f", "compose.yaml"]
    if override:
        (folder / "compose.override.yaml").write_text(override)
        args += ["-f", "compose.override.yaml"]
    (folder / ".env").write_text(env_text)
    (folder / "svc.env").write_text("FROM_FILE=1\nTAG=${TAG:-t}\n")
    (folder / "s1.txt").write_text("secret")
    compare(args, folder, dict(CLEAN))
    compare([*args, "--profile", "debug"], folder, dict(CLEAN))
