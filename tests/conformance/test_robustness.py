"""Hostile and broken input: whatever the bytes, loading either succeeds or raises one
InputError (a located message and exit code 2) — never another exception.

Real compose files from ../shared/corpus are mutated line by line (values swapped for
values of other types, lines dropped, doubled or re-indented).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from tests.conformance.corpus import CORPUS

SOURCES = (
    sorted(p for p in CORPUS.glob("*/*.y*ml") if p.stat().st_size < 20_000)
    if CORPUS.is_dir()
    else []
)
VALUES = [
    "",
    "null",
    "~",
    "[]",
    "{}",
    "1",
    "-1",
    "1.5",
    "true",
    "yes",
    '"x"',
    "[1, 2]",
    "{a: 1}",
    "${X}",
    "${X:?boom}",
    "$$",
    "!reset",
    "!override 1",
    "0x10",
    "2001-01-01",
    '"a:b:c"',
    "- x",
    '"80:80:80:80"',
    "[a:b]",
    "{k: [1, {x: y}]}",
    "'''",
    "&a [*a]",
    "x" * 300,
]

pytestmark = pytest.mark.skipif(not SOURCES, reason="../shared/corpus is absent")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(SOURCES))
    lines = source.read_text().splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        op = draw(st.sampled_from(["value", "drop", "double", "indent", "unlist"]))
        if op == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + draw(st.sampled_from(VALUES))
        elif op == "drop":
            del lines[index]
        elif op == "double":
            lines.insert(index, line)
        elif op == "indent":
            lines[index] = " " + line
        else:
            lines[index] = line.replace("- ", "", 1)
    return "\n".join(lines) + "\n"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated())
def test_mutated_files_load_or_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("mutant")
    (folder / "compose.yaml").write_text(text)
    try:
        loaded = load(LoadOptions(environ={"PATH": "/usr/bin", "HOME": "/tmp"}, cwd=str(folder)))
    except InputError as exc:
        assert exc.message
        return
    render_loaded(loaded, "json")
    render_loaded(loaded, "yaml")


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  a:\n    image: x\n    ports: [{target: [1]}]\n",
        "services:\n  a:\n    image: x\n    volumes: [{type: bind, source: ., target: {a: 1}}]\n",
        "services:\n  a:\n    image: x\n    environment: [A=1, {b: c}]\n",
        "services:\n  a:\n    image: x\n    environment: [A=1, " + "[" * 300 + "]" * 300 + "]\n",
    ],
    ids=["port-target-list", "volume-target-map", "environment-map-item", "deep-item"],
)
def test_wrong_shapes_found_by_fuzzing(tmp_path: Path, text: str) -> None:
    (tmp_path / "compose.yaml").write_text(text)
    with pytest.raises(InputError):
        load(LoadOptions(environ={"PATH": "/usr/bin", "HOME": "/tmp"}, cwd=str(tmp_path)))
