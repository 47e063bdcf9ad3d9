"""extends, include, profiles, project names and positions, on small projects.

Each scenario asserts exact values, and is compared with the reference when installed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from composecheck.api import LoadOptions, load, load_project, render_loaded
from composecheck.errors import InputError
from composecheck.location import Loc
from tests.conformance.corpus import diff
from tests.reference import reference_binary, run_reference

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}


def make(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def render(folder: Path, args: list[str], environ: dict[str, str] | None = None) -> Any:
    """Our JSON for ``args``, checked against the reference's when it is installed."""
    environ = environ or ENV
    options: dict[str, Any] = {"files": [], "profiles": []}
    it = iter(args)
    for arg in it:
        if arg == "-f":
            options["files"].append(next(it))
        elif arg == "--profile":
            options["profiles"].append(next(it))
        elif arg == "-p":
            options["project_name"] = next(it)
    options["profiles"] = options["profiles"] or None
    try:
        ours = json.loads(
            render_loaded(load(LoadOptions(**options, environ=environ, cwd=str(folder))), "json")
        )
        error = None
    except InputError as exc:
        ours, error = None, exc
    if reference_binary() is not None:
        code, ref, err = run_reference(args, folder, environ)
        if code != 0:
            assert error is not None, f"the reference refused: {err}"
            assert error.message.replace(str(folder), "@") in err.replace(str(folder), "@")
        else:
            assert error is None, f"we refused: {error}"
            assert diff(ours, ref) == []
    if error is not None:
        raise error
    return ours


def test_extends_same_file_and_other_file_nested(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  base:\n    image: app\n    environment: {A: '1'}\n    ports: ['80']\n"
                "  web:\n    extends: base\n    environment: {B: '2'}\n"
                "  worker:\n    extends: {file: lib/common.yaml, service: job}\n"
            ),
            "lib/common.yaml": (
                "services:\n  root:\n    image: tool\n    volumes: ['./data:/data']\n"
                "  job:\n    extends: {file: ../shared/root.yaml, service: r}\n"
                "    command: run\n"
            ),
            "shared/root.yaml": "services:\n  r:\n    image: r\n    env_file: [r.env]\n",
            "shared/r.env": "FROM_ROOT=yes\n",
        },
    )
    doc = render(tmp_path, ["-f", "compose.yaml"])
    web = doc["services"]["web"]
    assert web["environment"] == {"A": "1", "B": "2"}
    assert web["ports"] == [{"mode": "ingress", "target": 80, "protocol": "tcp"}]
    worker = doc["services"]["worker"]
    assert worker["image"] == "r"
    assert worker["command"] == ["run"]
    assert worker["environment"] == {"FROM_ROOT": "yes"}


def test_extends_cycle_and_missing_base(tmp_path: Path) -> None:
    make(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n    extends: ghost\n"})
    with pytest.raises(
        InputError, match=r'cannot extend service "a" in .*: service "ghost" not found'
    ):
        render(tmp_path, ["-f", "compose.yaml"])


def test_include_with_own_project_directory_and_env(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "compose.yaml": (
                "include:\n  - sub/compose.yaml\n"
                "services:\n  web:\n    image: web\n    depends_on: [db]\n"
            ),
            "sub/compose.yaml": (
                "services:\n  db:\n    image: postgres:${PG:-13}\n    volumes: ['./init:/init']\n"
            ),
            "sub/.env": "PG=16\n",
        },
    )
    doc = render(tmp_path, ["-f", "compose.yaml"])
    db = doc["services"]["db"]
    assert db["image"] == "postgres:16"
    assert db["volumes"][0]["source"] == str(tmp_path / "sub" / "init")


def test_include_cycle(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "compose.yaml": "include: [sub/compose.yaml]\nservices:\n  a:\n    image: x\n",
            "sub/compose.yaml": "include: [../compose.yaml]\nservices:\n  b:\n    image: x\n",
        },
    )
    with pytest.raises(InputError, match="include cycle detected"):
        render(tmp_path, ["-f", "compose.yaml"])


PROFILES = (
    "services:\n"
    "  app:\n    image: app\n"
    "  debug:\n    image: dbg\n    profiles: [debug]\n    volumes: [dbgdata:/d]\n"
    "  tool:\n    image: tool\n    profiles: [tools]\n    depends_on: [debug]\n"
    "volumes:\n  dbgdata: {}\n"
)


def test_profiles_disable_services_and_prune_resources(tmp_path: Path) -> None:
    make(tmp_path, {"compose.yaml": PROFILES})
    doc = render(tmp_path, ["-f", "compose.yaml"])
    assert sorted(doc["services"]) == ["app"]
    assert "volumes" not in doc
    doc = render(tmp_path, ["-f", "compose.yaml", "--profile", "debug"])
    assert sorted(doc["services"]) == ["app", "debug"]
    assert doc["volumes"] == {"dbgdata": {"name": f"{tmp_path.name.lower()}_dbgdata"}}
    doc = render(tmp_path, ["-f", "compose.yaml", "--profile", "*"])
    assert sorted(doc["services"]) == ["app", "debug", "tool"]


def test_required_dependency_on_disabled_profile(tmp_path: Path) -> None:
    make(tmp_path, {"compose.yaml": PROFILES})
    with pytest.raises(
        InputError,
        match='service "tool" depends on undefined service "debug": invalid compose project',
    ):
        render(tmp_path, ["-f", "compose.yaml", "--profile", "tools"])


@pytest.mark.parametrize(
    ("folder", "declared", "args", "want"),
    [
        ("My.Project_Dir", None, [], "myproject_dir"),
        ("x", "Stack.One", [], "stackone"),
        ("x", "stack", ["-p", "given"], "given"),
    ],
)
def test_project_names(
    tmp_path: Path, folder: str, declared: str | None, args: list[str], want: str
) -> None:
    root = tmp_path / folder
    make(
        root,
        {
            "compose.yaml": (f"name: {declared}\n" if declared else "")
            + "services:\n  a:\n    image: x\n"
        },
    )
    assert render(root, ["-f", "compose.yaml", *args])["name"] == want


def test_invalid_project_name(tmp_path: Path) -> None:
    make(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n"})
    with pytest.raises(InputError, match=r'invalid project name "My\.Project"'):
        render(tmp_path, ["-f", "compose.yaml", "-p", "My.Project"])


def test_positions_through_anchors_overrides_extends_and_env(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "compose.yaml": (
                "x-db-env: &db-env\n"  # 1
                "  POSTGRES_PASSWORD: ${DB_PASSWORD}\n"  # 2
                "  POSTGRES_USER: app\n"  # 3
                "services:\n"  # 4
                "  db:\n"  # 5
                "    image: postgres\n"  # 6
                "    environment:\n"  # 7
                "      <<: *db-env\n"  # 8
                "  web:\n"  # 9
                "    extends: db\n"  # 10
                "    image: web\n"  # 11
            ),
            "compose.prod.yaml": "services:\n  db:\n    environment:\n      POSTGRES_USER: prod\n",
            ".env": "# secrets\nDB_PASSWORD=hunter2\n",
        },
    )
    project = load_project(
        LoadOptions(files=["compose.yaml", "compose.prod.yaml"], environ=ENV, cwd=str(tmp_path))
    )
    compose = str(tmp_path / "compose.yaml")
    where = project.locate("services.db.environment.POSTGRES_PASSWORD")
    # The .env line wrote the whole value (``entire``): findings about it belong there.
    assert where == Loc(compose, 2, 22, Loc(str(tmp_path / ".env"), 2, 1, entire=True))
    assert project.locate("services.db.environment.POSTGRES_USER") == Loc(
        str(tmp_path / "compose.prod.yaml"), 4, 22
    )
    assert project.locate("services.web.environment.POSTGRES_USER") == Loc(compose, 3, 18)
    assert project.locate("services.web.image") == Loc(compose, 11, 12)
    assert project.locate(("services", "db", "image")) == Loc(compose, 6, 12)


def test_explicit_default_network(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n  a:\n    image: x\n    networks: [default, front]\n"
                "networks:\n  front: {}\n"
            )
        },
    )
    doc = render(tmp_path, ["-f", "compose.yaml"])
    assert doc["networks"]["default"] == {"name": f"{tmp_path.name.lower()}_default", "ipam": {}}


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("path: 1", "int"),
        ("path: 1.5", "float64"),
        ("path: true", "bool"),
        ("path: [a.yaml, 2]", "[]interface {}"),
        ("path: {a: 1}", "map[string]interface {}"),
        ("path: a.yaml\n    env_file: 1", "int"),
    ],
)
def test_include_entry_of_the_wrong_type_is_refused_as_compose_does(
    tmp_path: Path, written: str, kind: str
) -> None:
    (tmp_path / "compose.yaml").write_text(
        f"include:\n  - {written}\nservices:\n  foo:\n    image: alpine\n"
    )
    key = "env_file" if "env_file" in written else "path"
    with pytest.raises(InputError) as caught:
        load_project(LoadOptions(environ=ENV, cwd=str(tmp_path)))
    assert caught.value.message == (
        f"decoding failed due to the following error(s):\n\n'[0].{key}' invalid type {kind} "
        "for string list"
    )
    assert caught.value.loc is not None and caught.value.loc.line == (3 if key == "env_file" else 2)
