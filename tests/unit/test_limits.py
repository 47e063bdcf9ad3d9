"""Bounded cost (issue 16): linear work up to documented limits, a located error beyond.

Every limit of composecheck/load/limits.py is tested at the limit (loads) and just over
it (refused, with the exact message and position). Linearity is checked by counting
work, not by timing it; the few timings here are generous sanity guards only.
"""

from __future__ import annotations

import os
import random
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from composecheck.gocompat.yaml_resolve import Timestamp
from composecheck.load import limits, schema_predicate
from composecheck.load.repeats import first_repeat
from composecheck.load.schema_predicate import first_duplicate
from composecheck.load.tree import YList

# -- helpers ------------------------------------------------------------------------


def _load(folder: Path, text: str, *args: str, environ: dict[str, str] | None = None) -> Any:
    (folder / "compose.yaml").write_text(text)
    return load(
        LoadOptions(
            files=["compose.yaml", *args],
            environ={"PATH": "/usr/bin:/bin", **(environ or {})},
            cwd=str(folder),
        )
    )


def _refused(folder: Path, text: str, environ: dict[str, str] | None = None) -> str:
    """``FILE:LINE:COL: message`` of the error the load stops at (FILE made relative)."""
    with pytest.raises(InputError) as info:
        _load(folder, text, environ=environ)
    exc = info.value
    assert exc.loc is not None, f"unlocated: {exc.message}"
    where = f"{os.path.relpath(exc.loc.file, folder)}:{exc.loc.line}:{exc.loc.col}"
    return f"{where}: {exc.message.replace(str(folder) + os.sep, '')}"


@pytest.fixture
def bounded() -> Iterator[None]:
    """Whatever runs inside must answer within a minute and allocate under 100 MB (Python's
    allocations, as tracemalloc sees them): a sanity guard, not a benchmark."""
    tracemalloc.start()
    start = time.monotonic()
    yield
    seconds = time.monotonic() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, f"peak {peak >> 20} MiB"
    assert seconds < 60, f"{seconds:.1f} s"


# -- uniqueItems in linear time ------------------------------------------------------

_VALUES: list[Any] = [
    1,
    1.0,
    True,
    False,
    0,
    0.0,
    None,
    "1",
    "a",
    Timestamp("2001-12-14"),
    "2001-12-14",
    {"a": 1},
    {"a": True},
    {"a": 1.0},
    {"b": 1, "a": 2},
    {"a": 2, "b": 1},
    [1, 2],
    [True, 2],
    [1.0, 2],
    float("nan"),
    [],
    {},
]


def test_first_duplicate_agrees_with_comparing_every_pair() -> None:
    rng = random.Random(16)
    for _ in range(5000):
        items = [rng.choice(_VALUES) for _ in range(rng.randint(0, 7))]
        assert first_duplicate(items) == schema_predicate._first_duplicate_pairwise(items), items


@pytest.mark.parametrize(
    ("items", "found"),
    [
        ([1, True], None),  # JSON: true is not 1
        ([0, False], None),
        ([1, 1.0], (0, 1)),  # 1 and 1.0 are the same number
        ([True, 1, True], (0, 2)),
        (["2001-12-14", Timestamp("2001-12-14")], None),
        ([{"a": 1, "b": 2}, {"b": 2, "a": 1}], (0, 1)),
        ([[1, True], [1, 1]], None),
        ([float("nan"), float("nan")], None),  # NaN equals nothing
        (["a", "b", "c", "b", "a"], (1, 3)),  # the first later item, its earliest twin
    ],
)
def test_first_duplicate_is_json_equality(items: list[Any], found: Any) -> None:
    assert first_duplicate(items) == found


def test_first_duplicate_of_50000_items_compares_no_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = 0
    pairwise = schema_predicate._json_equal

    def counting(a: Any, b: Any) -> bool:
        nonlocal compared
        compared += 1
        return pairwise(a, b)

    monkeypatch.setattr(schema_predicate, "_json_equal", counting)
    items: list[Any] = [f"CAP_{i}" for i in range(50_000)]
    items += [{"target": i, "published": str(i)} for i in range(50_000)]
    assert first_duplicate(items) is None
    assert first_duplicate([*items, {"published": "7", "target": 7}]) == (50_007, 100_000)
    assert compared == 0


def _ylist(items: Any) -> YList:
    out = YList()
    for item in items:
        out.push(item, None)
    return out


def test_merge_repeats_keep_python_equality_and_first_pair() -> None:
    assert first_repeat(_ylist([1, True])) is None  # different types
    assert first_repeat(_ylist(["a", "b", "a", "b"])) == (0, 2)
    assert first_repeat(_ylist([{"a": 1}, {"a": True}])) == (0, 1)  # Python's == inside
    assert first_repeat(_ylist([float("nan"), float("nan")])) is None
    assert first_repeat(_ylist([*(f"x{i}" for i in range(50_000)), "x49999"])) == (
        49_999,
        50_000,
    )


def test_repeat_in_a_50000_item_list_is_located(tmp_path: Path, bounded: None) -> None:
    items = "".join(f"      - label:x{i}\n" for i in range(50_000))
    text = f"services:\n  a:\n    image: x\n    security_opt:\n{items}      - label:x7\n"
    assert _refused(tmp_path, text) == (
        "compose.yaml:5:7: validating compose.yaml: services.a.security_opt items at 7 "
        "and 50,000 are equal"  # the reference's grouping of digits
    )


def test_50000_unique_items_load(tmp_path: Path) -> None:
    items = "".join(f"      - label:x{i}\n" for i in range(50_000))
    loaded = _load(tmp_path, f"services:\n  a:\n    image: x\n    security_opt:\n{items}")
    assert len(loaded.model["services"]["a"]["security_opt"]) == 50_000


# -- the reader ------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, bounded: None) -> None:
    with (tmp_path / "compose.yaml").open("wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(InputError) as info:
        load(LoadOptions(files=["compose.yaml"], environ={}, cwd=str(tmp_path)))
    path = str(tmp_path / "compose.yaml")
    assert info.value.message == f"read {path}: file is larger than 64 MiB"
    assert str(info.value.loc) == f"{path}:1:1"


def test_stdin_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    data = b"#" * (limits.MAX_FILE_BYTES + 1)
    with pytest.raises(InputError) as info:
        load(LoadOptions(files=["-"], environ={}, cwd=str(tmp_path), stdin=data))
    assert info.value.message == f"read {tmp_path}/-: file is larger than 64 MiB"


def test_env_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    with (tmp_path / ".env").open("wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    message = _refused(tmp_path, "services:\n  a:\n    image: x\n")
    assert message == ".env:1:1: read .env: file is larger than 64 MiB"


def _flow(depth: int) -> str:
    # The root mapping, services and a count: `depth` sequences make depth + 3 levels.
    return "services:\n  a:\n    image: x\n    x-deep: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    lines = [f"{'  ' * (i + 1)}k{i}:" for i in range(depth)]
    return "services:\n  a:\n    image: x\nx-deep:\n" + "\n".join(lines) + " v\n"


def test_nesting_at_the_limit_loads(tmp_path: Path) -> None:
    _load(tmp_path, _flow(limits.MAX_DEPTH - 3))
    # The root and the mappings of x-deep and k0..k397: the innermost holds a scalar.
    _load(tmp_path, _block(limits.MAX_DEPTH - 1))


def test_nesting_over_the_limit_is_located(tmp_path: Path, bounded: None) -> None:
    refused = "yaml: exceeded max depth of 400"
    assert _refused(tmp_path, _flow(limits.MAX_DEPTH - 2)) == f"compose.yaml:4:410: {refused}"
    assert _refused(tmp_path, _flow(100_000)) == f"compose.yaml:4:410: {refused}"
    assert _refused(tmp_path, _block(limits.MAX_DEPTH)) == f"compose.yaml:404:801: {refused}"


def _laughs(levels: int) -> str:
    lines = ["x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x-l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    lines.append(f"services:\n  a:\n    image: x\n    x-bomb: *l{levels - 1}")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_its_entry(tmp_path: Path, bounded: None) -> None:
    # 9**5 values load (the reference takes seconds there); 9**6 do not (the reference
    # grinds for minutes): refused while the anchor of the sixth level is defined.
    _load(tmp_path, _laughs(5))
    for levels in (6, 9, 30):
        message = _refused(tmp_path, _laughs(levels))
        assert message == "compose.yaml:6:1: yaml: document contains excessive aliasing"


def test_aliased_characters_are_bounded(tmp_path: Path, bounded: None) -> None:
    big = "b" * 1_000_000
    entries = "".join(f"      V{i}: *big\n" for i in range(100))
    text = f"x-big: &big {big}\nservices:\n  a:\n    image: x\n    environment:\n"
    # 100 MB of aliased text from a 1 MB file: over 64 MiB + 20 times the file.
    assert _refused(tmp_path, text + entries) == (
        "compose.yaml:2:1: yaml: document contains excessive aliasing"
    )
    # Ten copies load.
    _load(tmp_path, text + "".join(f"      V{i}: *big\n" for i in range(10)))


def test_alias_expansion_is_one_copy_per_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    # The budget is counted once per alias, from the size recorded with its anchor, and
    # each alias costs one copy: n aliases, n copies, however large each one is.
    from composecheck.load import reader

    copies = 0
    clone = reader.clone

    def counting(value: Any) -> Any:
        nonlocal copies
        copies += 1
        return clone(value)

    monkeypatch.setattr(reader, "clone", counting)
    text = "x-a: &a {k: [1, 2, 3]}\nx-list:\n" + "".join("  - *a\n" for _ in range(20_000))
    (doc,) = reader.parse_documents(text.encode(), "f.yaml")
    assert len(doc["x-list"]) == 20_000
    assert copies == 20_000


# -- interpolation ------------------------------------------------------------------------


def _nested(depth: int) -> str:
    value = "${A:-" * depth + "x" + "}" * depth
    return f"services:\n  a:\n    image: x\n    environment:\n      V: {value}\n"


def test_nested_defaults_at_the_limit_load(tmp_path: Path) -> None:
    loaded = _load(tmp_path, _nested(limits.MAX_INTERPOLATION_DEPTH))
    assert loaded.model["services"]["a"]["environment"]["V"] == "x"


def test_nested_defaults_over_the_limit_are_located(tmp_path: Path, bounded: None) -> None:
    # 10,000 levels are refused before any level re-reads the value (Compose takes a
    # minute there, re-reading it at each level).
    for depth in (limits.MAX_INTERPOLATION_DEPTH + 1, 10_000):
        assert _refused(tmp_path, _nested(depth)) == (
            "compose.yaml:5:10: invalid interpolation format for services.a.environment.V: "
            "variable defaults nest deeper than 100 levels"
        )


def test_long_variable_name_costs_linear_memory(tmp_path: Path, bounded: None) -> None:
    name = "A" * 3_000_000
    text = f"services:\n  a:\n    image: x\n    environment:\n      V: ${{{name}:-d}}\n"
    assert _load(tmp_path, text).model["services"]["a"]["environment"]["V"] == "d"


def test_interpolating_into_gigabytes_is_refused(tmp_path: Path, bounded: None) -> None:
    big = {"BIG": "c" * 1_000_000}
    text = "services:\n  a:\n    image: x\n    environment:\n      V: {refs}\n"
    assert _refused(tmp_path, text.format(refs="${BIG}" * 40), environ=big) == (
        "compose.yaml:5:10: error while interpolating services.a.environment.V: "
        "variables add more than 33554432 characters to the value"
    )
    # Spread over many values, the document's total is bounded the same way.
    many = "".join(f"      V{i}: ${{BIG}}\n" for i in range(40))
    assert _refused(tmp_path, text.replace("      V: {refs}\n", many), environ=big) == (
        "compose.yaml:38:12: error while interpolating services.a.environment.V33: "
        "variables add more than 33554432 characters to the document"
    )


def test_interpolating_up_to_the_limit_loads(tmp_path: Path) -> None:
    big = {"BIG": "c" * 1_000_000}
    text = "services:\n  a:\n    image: x\n    environment:\n      V: {refs}\n"
    assert _load(tmp_path, text.format(refs="${BIG}" * 30), environ=big)


# -- chains ------------------------------------------------------------------------------


def _extends_chain(length: int) -> str:
    links = "".join(f"  s{i}:\n    extends: s{i + 1}\n" for i in range(length))
    return f"services:\n{links}  s{length}:\n    image: x\n"


def test_extends_chain(tmp_path: Path, bounded: None) -> None:
    _load(tmp_path, _extends_chain(limits.MAX_EXTENDS_DEPTH))
    assert _refused(tmp_path, _extends_chain(limits.MAX_EXTENDS_DEPTH + 1)) == (
        "compose.yaml:203:14: services.s100.extends: more than 100 services extend one "
        "another in a chain, from s0 in compose.yaml"
    )


def _include_chain(folder: Path, length: int) -> None:
    for i in range(length):
        (folder / f"f{i}.yaml").write_text(
            f"include:\n  - f{i + 1}.yaml\nservices:\n  s{i}:\n    image: x\n"
        )
    (folder / f"f{length}.yaml").write_text(f"services:\n  s{length}:\n    image: x\n")


def test_include_chain(tmp_path: Path, bounded: None) -> None:
    # compose.yaml includes f0.yaml, which includes f1.yaml...
    _include_chain(tmp_path, limits.MAX_INCLUDE_DEPTH - 1)
    _load(tmp_path, "include: [f0.yaml]\n")
    _include_chain(tmp_path, limits.MAX_INCLUDE_DEPTH)
    message = _refused(tmp_path, "include: [f0.yaml]\n")
    assert message == (
        "f49.yaml:2:5: include: more than 50 files include one another in a chain, "
        "from compose.yaml"
    )


def test_limits_compose_deep_block_under_a_deep_include(tmp_path: Path) -> None:
    # The recursion limit leaves room for the deepest block at the deepest include.
    depth = limits.MAX_INCLUDE_DEPTH - 1
    _include_chain(tmp_path, depth)
    keys = [f"{'  ' * (i + 3)}k{i}:" for i in range(limits.MAX_DEPTH - 3)]
    (tmp_path / f"f{depth}.yaml").write_text(
        f"services:\n  s{depth}:\n    image: x\n    x-deep:\n" + "\n".join(keys) + " v\n"
    )
    loaded = _load(tmp_path, "include: [f0.yaml]\n")
    assert "x-deep" in loaded.model["services"][f"s{depth}"]
    render_loaded(loaded, "yaml")
    render_loaded(loaded, "json")


# -- rendering ----------------------------------------------------------------------------


def test_ten_megabyte_scalar_renders_in_linear_memory(tmp_path: Path, bounded: None) -> None:
    big = "a" * 10_000_000
    loaded = _load(tmp_path, f"services:\n  a:\n    image: x\n    environment:\n      BIG: {big}\n")
    assert big in render_loaded(loaded, "yaml")
