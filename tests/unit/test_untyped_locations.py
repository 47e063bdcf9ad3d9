"""``render --no-interpolate`` (the untyped stages) locates its errors too: the path its
message names is looked up in the documents read (issue 16: every error located)."""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.api import LoadOptions, render_uninterpolated
from composecheck.errors import InputError


def refusal(tmp_path: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    options = LoadOptions(cwd=str(tmp_path), environ={}, files=list(files), interpolate=False)
    with pytest.raises(InputError) as caught:
        render_uninterpolated(options, "json")
    loc = caught.value.loc
    assert loc is not None
    return f"{Path(loc.file).name}:{loc.line}:{loc.col}: {caught.value.message}"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"a.yaml": "services:\n  web: [1]\n"},
            "a.yaml:2:8: services.web must be a mapping",
        ),
        (
            {"a.yaml": "services:\n  web:\n    image: x\n    ports:\n      - {published: 80}\n"},
            "a.yaml:5:9: service ports services.web.ports.[0] is missing a target port",
        ),
        (
            {"a.yaml": "services:\n  web.v2:\n    image: x\n    expose: [{a: 1, b: [1, ~]}]\n"},
            "a.yaml:4:14: services.web.v2.expose.[0]: unsupported expose value "
            "map[a:%!s(int=1) b:[%!s(int=1) <nil>]]",
        ),
        (
            {
                "a.yaml": "services:\n  web:\n    image: x\n",
                "b.yaml": "services:\n  web:\n    gpus: [{count: 1, device_ids: ['0']}]\n",
            },
            'b.yaml:3:11: services.web.gpus.[]: "count" and "device_ids" attributes are exclusive',
        ),
        ({"a.yaml": ""}, "a.yaml:1:1: empty compose file"),
        (
            {"a.yaml": "services:\n  web:\n    image: x\n    environment:\n      A: -.inf\n"},
            "a.yaml:5:10: json: unsupported value: -Inf",
        ),
    ],
)
def test_untyped_errors_are_located(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    assert refusal(tmp_path, files) == expected


@pytest.mark.parametrize(
    ("include", "message"),
    [
        ("[1]", "'[0]' expected a map or struct, got \"int\""),
        ("[[1]]", "'[0]' expected a map or struct, got \"slice\""),
        ("[{path: 1}]", "'[0].path' invalid type int for string list"),
        ("[{path: c.yaml, env_file: 3}]", "'[0].env_file' invalid type int for string list"),
        (
            "[{path: c.yaml, project_directory: [1]}]",
            "'[0].project_directory' expected type 'string', got unconvertible type "
            "'[]interface {}'",
        ),
    ],
)
@pytest.mark.parametrize("interpolate", [True, False])
def test_include_entries_are_decoded_alike_in_both_modes(
    tmp_path: Path, include: str, message: str, interpolate: bool
) -> None:
    from composecheck.api import load

    (tmp_path / "c.yaml").write_text("services:\n  c:\n    image: x\n")
    (tmp_path / "compose.yaml").write_text(f"include: {include}\nservices:\n  a:\n    image: x\n")
    options = LoadOptions(cwd=str(tmp_path), environ={}, interpolate=interpolate)
    with pytest.raises(InputError) as caught:
        if interpolate:
            load(options)
        else:
            render_uninterpolated(options, "json")
    assert caught.value.loc is not None
    assert caught.value.message == f"decoding failed due to the following error(s):\n\n{message}"
