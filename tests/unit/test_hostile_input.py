"""Hostile and broken input gets Compose's message at the place to fix (issue 16).

Each case is the minimal reproduction of a class the crash fuzzer (tests/fuzz/crash.py)
found raising an internal error or an error without a location.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from composecheck.api import LoadOptions, load
from composecheck.cli import main
from composecheck.errors import InputError


def nested_defaults(levels: int) -> str:
    return "${A:-" * levels + "x" + "}" * levels


CASES: dict[str, tuple[dict[str, bytes], str]] = {
    "control character": (
        {"compose.yaml": b"services:\n  web:\n    image: ng\x01inx\n"},
        "compose.yaml:3:14: yaml: control characters are not allowed",
    ),
    "invalid UTF-8": (
        {"compose.yaml": b"services:\n  web:\n    image: ng\xffinx\n"},
        "compose.yaml:3:14: yaml: invalid leading UTF-8 octet",
    ),
    "extends service not a string": (
        {"compose.yaml": b"services:\n  web:\n    image: nginx\n    extends: {service: 1}\n"},
        "compose.yaml:4:24: extends.web.service is required",
    ),
    "extends file not a string": (
        {
            "compose.yaml": b"services:\n  base:\n    image: nginx\n"
            b"  web:\n    extends: {file: [a], service: base}\n"
        },
        "compose.yaml:5:21: services.web.extends.file must be a string",
    ),
    "extends a list": (
        {"compose.yaml": b"services:\n  web:\n    image: nginx\n    extends: [base]\n"},
        'compose.yaml:4:14: cannot extend service "web" in {dir}/compose.yaml: '
        'service "" not found',
    ),
    ".env is a folder": (
        {"compose.yaml": b"services:\n  web:\n    image: nginx\n", ".env/x": b""},
        ".env:1:1: {dir}/.env is a directory",
    ),
    "COMPOSE_FILE names a missing file": (
        {
            ".env": b"A=1\nCOMPOSE_FILE=nope.yaml\n",
            "compose.yaml": b"services:\n  web:\n    image: nginx\n",
        },
        ".env:2:1: stat {dir}/nope.yaml: no such file or directory",
    ),
    "defaults nested past the limit": (
        {
            "compose.yaml": b"services:\n  web:\n    image: nginx\n    environment:\n      A: "
            + nested_defaults(101).encode()
            + b"\n"
        },
        "compose.yaml:5:10: invalid interpolation format for services.web.environment.A: "
        "variable defaults nest deeper than 100 levels",
    ),
    "defaults nested past the limit in .env": (
        {
            "compose.yaml": b"services:\n  web:\n    image: nginx\n",
            ".env": b"A=1\nB=" + nested_defaults(101).encode() + b"\n",
        },
        ".env:2:1: failed to read {dir}/.env: variable defaults nest deeper than 100 levels",
    ),
    "aliases nesting past the depth limit": (
        {
            "compose.yaml": (
                "x-a: &a " + "[" * 250 + "1" + "]" * 250 + "\n"
                "x-b: " + "[" * 200 + "*a" + "]" * 200 + "\n"
                "services:\n  web:\n    image: nginx\n"
            ).encode()
        },
        "compose.yaml:2:206: yaml: exceeded max depth of 400",
    ),
}


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.mark.parametrize("name", list(CASES))
def test_located_error(tmp_path: Path, name: str) -> None:
    files, expected = CASES[name]
    write(tmp_path, files)
    with pytest.raises(InputError) as caught:
        load(LoadOptions(cwd=str(tmp_path), environ={}))
    error = caught.value
    assert error.loc is not None
    where = f"{os.path.relpath(error.loc.file, tmp_path)}:{error.loc.line}:{error.loc.col}"
    assert f"{where}: {error.message}" == expected.replace("{dir}", str(tmp_path))


def test_defaults_nested_to_the_limit_load(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": b"services:\n  web:\n    image: nginx\n    environment:\n      A: "
            + nested_defaults(100).encode()
            + b"\n"
        },
    )
    loaded = load(LoadOptions(cwd=str(tmp_path), environ={}))
    assert loaded.to_dict()["services"]["web"]["environment"] == {"A": "x"}


def test_validate_reports_a_nesting_bomb_and_goes_on(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": b"services:\n  web:\n    image: nginx:1.27\n    environment:\n"
            b"      A: " + nested_defaults(5000).encode() + b"\n"
            b"      PASSWORD: hunter2-Hunter2\n"
        },
    )
    result = CliRunner().invoke(
        main, ["validate", str(tmp_path), "--select", "CC106"], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{tmp_path}/compose.yaml:5:10: CC106 error invalid interpolation format for "
        "services.web.environment.A: variable defaults nest deeper than 100 levels [default]"
    )


CONFIG = """\
[tool.composecheck.environments.prod]
files = ["deploy/compose.prod.yaml"]
env_files = ["nope/.env.prod"]
"""


def test_files_a_configuration_names_are_reported_where_it_names_them(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": b"services:\n  web:\n    image: nginx:1.27\n",
            "pyproject.toml": CONFIG.encode(),
        },
    )
    result = CliRunner().invoke(
        main, ["validate", str(tmp_path), "--env", "prod", "--select", "CC107"]
    )
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "CC107" in line]
    assert lines == [
        f"{tmp_path}/pyproject.toml:2:1: CC107 error open {tmp_path}/deploy/compose.prod.yaml: "
        "no such file or directory [prod]",
        f"{tmp_path}/pyproject.toml:3:1: CC107 error couldn't find env file: "
        f"{tmp_path}/nope/.env.prod [prod]",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--env-file", "missing.env"], "Invalid value for --env-file: couldn't find env file: "),
        (["-f", "missing.yaml"], "Invalid value for -f: open "),
    ],
)
def test_a_missing_file_on_the_command_line_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    write(tmp_path, {"compose.yaml": b"services:\n  web:\n    image: nginx:1.27\n"})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exit_code == 2
    name = args[1]
    suffix = name if "env" in args[0] else f"{name}: no such file or directory"
    assert result.output.splitlines()[-1] == f"Error: {message}{suffix}"
