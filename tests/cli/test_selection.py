"""Which files and variables a project is made of: -f, COMPOSE_FILE, discovery, env files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from tests.reference import reference_binary, run_reference

BASE = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}


def project(tmp: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text)


def ours(cwd: Path, environ: dict[str, str], **options: Any) -> Any:
    loaded = load(LoadOptions(environ=environ, cwd=str(cwd), **options))
    return json.loads(render_loaded(loaded, "json"))


def both(cwd: Path, environ: dict[str, str], args: list[str], **options: Any) -> Any:
    """Ours, and the reference's when installed (they must agree)."""
    doc = ours(cwd, environ, **options)
    if reference_binary() is not None:
        code, ref, err = run_reference(args, cwd, environ)
        assert code == 0, err
        assert ref == doc
    return doc


def label(doc: Any, service: str = "a", key: str = "v") -> Any:
    return doc["services"][service]["labels"][key]


SERVICE = "services:\n  a:\n    image: x\n    labels: {{v: '{}'}}\n"


def test_discovery_from_a_subfolder_with_override(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "compose.yaml": SERVICE.format("base"),
            "compose.override.yaml": SERVICE.format("override"),
            "sub/deeper/readme.txt": "",
        },
    )
    cwd = tmp_path / "sub" / "deeper"
    doc = both(cwd, dict(BASE), [])
    assert label(doc) == "override"
    assert doc["name"] == tmp_path.name.lower()


def test_discovery_prefers_compose_yaml_and_warns(tmp_path: Path) -> None:
    project(
        tmp_path, {"compose.yaml": SERVICE.format("a"), "docker-compose.yml": SERVICE.format("b")}
    )
    loaded = load(LoadOptions(environ=dict(BASE), cwd=str(tmp_path)))
    assert loaded.warnings[:2] == [
        "Found multiple config files with supported names: compose.yaml, docker-compose.yml",
        "Using compose.yaml",
    ]


def test_compose_file_variable_with_separator(tmp_path: Path) -> None:
    project(tmp_path, {"one.yaml": SERVICE.format("1"), "two.yaml": SERVICE.format("2")})
    environ = {**BASE, "COMPOSE_FILE": "one.yaml;two.yaml", "COMPOSE_PATH_SEPARATOR": ";"}
    assert label(both(tmp_path, environ, [])) == "2"


def test_compose_file_from_dotenv(tmp_path: Path) -> None:
    project(tmp_path, {"one.yaml": SERVICE.format("1"), ".env": "COMPOSE_FILE=one.yaml\n"})
    assert label(both(tmp_path, dict(BASE), [])) == "1"


def test_empty_compose_file_variable(tmp_path: Path) -> None:
    project(tmp_path, {"compose.yaml": SERVICE.format("x")})
    with pytest.raises(InputError, match=f"^read {tmp_path}: is a directory$"):
        ours(tmp_path, {**BASE, "COMPOSE_FILE": ""})


def test_stdin(tmp_path: Path) -> None:
    doc = ours(tmp_path, dict(BASE), files=["-"], stdin=SERVICE.format("in").encode())
    assert label(doc) == "in"


VARS = "services:\n  a:\n    image: x\n    labels: {v: '${V}', w: '${W:-none}'}\n"


def test_shell_over_env_file_over_dotenv(tmp_path: Path) -> None:
    project(
        tmp_path, {"compose.yaml": VARS, ".env": "V=dotenv\nW=dotenv\n", "prod.env": "V=prod\n"}
    )
    doc = both(tmp_path, dict(BASE), [])
    assert (label(doc), label(doc, key="w")) == ("dotenv", "dotenv")
    # --env-file replaces .env entirely
    doc = both(tmp_path, dict(BASE), ["--env-file", "prod.env"], env_files=["prod.env"])
    assert (label(doc), label(doc, key="w")) == ("prod", "none")
    doc = both(tmp_path, {**BASE, "V": "shell"}, ["--env-file", "prod.env"], env_files=["prod.env"])
    assert label(doc) == "shell"


def test_compose_env_files_and_disable(tmp_path: Path) -> None:
    project(
        tmp_path, {"compose.yaml": VARS, ".env": "V=dotenv\n", "a.env": "V=a\n", "b.env": "V=b\n"}
    )
    assert label(both(tmp_path, {**BASE, "COMPOSE_ENV_FILES": "a.env,b.env"}, [])) == "b"
    assert label(both(tmp_path, {**BASE, "COMPOSE_DISABLE_ENV_FILE": "true"}, [])) == ""
    with pytest.raises(InputError, match=r'strconv\.ParseBool: parsing "maybe"'):
        ours(tmp_path, {**BASE, "COMPOSE_DISABLE_ENV_FILE": "maybe"})


def test_compose_profiles_variable(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n  a:\n    image: x\n  b:\n    image: x\n    profiles: [extra]\n"
            )
        },
    )
    doc = both(tmp_path, {**BASE, "COMPOSE_PROFILES": " extra , other"}, [])
    assert sorted(doc["services"]) == ["a", "b"]
    doc = both(
        tmp_path, {**BASE, "COMPOSE_PROFILES": "extra"}, ["--profile", "other"], profiles=["other"]
    )
    assert sorted(doc["services"]) == ["a"]


def test_missing_env_file(tmp_path: Path) -> None:
    project(tmp_path, {"compose.yaml": VARS})
    with pytest.raises(InputError, match=f"^couldn't find env file: {tmp_path}/nope.env$"):
        ours(tmp_path, dict(BASE), env_files=["nope.env"])


def test_environment_convention_and_config(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "compose.yaml": VARS,
            "compose.prod.yaml": "services:\n  a:\n    image: prod\n",
            ".env": "V=base\n",
            ".env.prod": "V=prod\n",
            "deploy/staging.yaml": "services:\n  a:\n    image: staging\n",
            "pyproject.toml": (
                "[tool.composecheck.environments.staging]\n"
                'files = ["compose.yaml", "deploy/staging.yaml"]\n'
                'project_name = "shop-staging"\n'
            ),
        },
    )
    doc = ours(tmp_path, dict(BASE), environment_name="prod")
    assert (doc["services"]["a"]["image"], label(doc)) == ("prod", "prod")
    doc = ours(tmp_path, dict(BASE), environment_name="staging")
    assert (doc["name"], doc["services"]["a"]["image"], label(doc)) == (
        "shop-staging",
        "staging",
        "base",
    )
    with pytest.raises(InputError, match='unknown environment "qa"') as info:
        ours(tmp_path, dict(BASE), environment_name="qa")
    assert info.value.hint == "known environments: prod, staging"
