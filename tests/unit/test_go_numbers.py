"""Numbers follow Go's types and ranges, with Compose's messages at the value (issue 16).

One case per class of the numbers sweep (``tests/fuzz/numbers.py``): the smallest input,
and the exact message and position, or the exact output. No reference binary needed;
``tests/conformance/test_numbers.py`` compares the same classes with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from composecheck.gocompat.gotypes import GoTypeError, cast_string, decode_field, go_type

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}
HEAD = "services:\n  web:\n    image: nginx:1\n"
DECODING = "decoding failed due to the following error(s):\n\n"


def _load(folder: Path, service: str, env: str | None = None, top: str = "") -> Any:
    (folder / "compose.yaml").write_text(HEAD + "    " + service + "\n" + top)
    if env is not None:
        (folder / ".env").write_text(env)
    return load(LoadOptions(environ=ENV, cwd=str(folder)))


def web(folder: Path, service: str, env: str | None = None, top: str = "") -> Any:
    loaded = _load(folder, service, env, top)
    return json.loads(render_loaded(loaded, "json"))["services"]["web"]


def refused(
    folder: Path, service: str, env: str | None = None, top: str = ""
) -> tuple[str, tuple[int, int]]:
    with pytest.raises(InputError) as info:
        _load(folder, service, env, top)
    loc = info.value.loc
    assert loc is not None
    return info.value.message, (loc.line, loc.col)


# -- no internal error, no Python text ---------------------------------------------------


def test_throttle_rate_out_of_float64_range_is_a_located_decoding_error(tmp_path: Path) -> None:
    message, where = refused(
        tmp_path, "blkio_config: {device_read_bps: [{path: /dev/sda, rate: 1e400}]}"
    )
    assert message == (
        DECODING + "'services[web].blkio_config.device_read_bps[0].Rate' "
        'strconv.ParseFloat: parsing "1e400": value out of range'
    )
    assert where == (4, 61)


@pytest.mark.parametrize(("value", "kind"), [("1.5", "float64"), ("9223372036854775808", "uint64")])
def test_secret_mode_of_a_non_int_type_is_refused_by_type(
    tmp_path: Path, value: str, kind: str
) -> None:
    message, where = refused(
        tmp_path,
        f"secrets: [{{source: s, mode: {value}}}]",
        top="secrets: {s: {file: ./s}}\n",
    )
    assert (
        message
        == DECODING + f"'services[web].secrets[0].mode' unexpected value type {kind} for mode"
    )
    assert where == (4, 33)


def test_tmpfs_size_error_names_the_volume_index(tmp_path: Path) -> None:
    message, _ = refused(tmp_path, "volumes: [{type: tmpfs, target: /y, tmpfs: {size: '1e400'}}]")
    assert message == (
        DECODING + "'services[web].volumes[0].tmpfs.size' "
        'strconv.ParseFloat: parsing "1e400": value out of range'
    )


# -- interpolation casts: strconv's function and range ---------------------------------


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("cpu_shares", 'strconv.ParseInt: parsing "1e400": invalid syntax'),
        ("scale", 'strconv.Atoi: parsing "1e400": invalid syntax'),
        ("cpus", 'strconv.ParseFloat: parsing "1e400": value out of range'),
        ("cpu_percent", 'strconv.ParseFloat: parsing "1e400": value out of range'),
    ],
)
def test_cast_names_the_strconv_function_compose_uses(
    tmp_path: Path, field: str, text: str
) -> None:
    message, where = refused(tmp_path, f"{field}: '1e400'")
    assert message == (
        f"error while interpolating services.web.{field}: failed to cast to expected type: {text}"
    )
    assert where == (4, 7 + len(field))


def test_cast_from_env_out_of_int64_range(tmp_path: Path) -> None:
    message, where = refused(tmp_path, "cpu_shares: ${X}", env="X=9223372036854775808\n")
    assert message == (
        "error while interpolating services.web.cpu_shares: failed to cast to expected type: "
        'strconv.ParseInt: parsing "9223372036854775808": value out of range'
    )
    assert where == (4, 17)


# -- the model itself -----------------------------------------------------------------


def test_go_type_follows_go_yaml() -> None:
    assert go_type(9223372036854775807) == "int"
    assert go_type(9223372036854775808) == "uint64"
    assert go_type(18446744073709551616) == "float64"
    assert go_type(1.5) == "float64"


def test_decode_field_conversions() -> None:
    assert decode_field(1e23, "int64") == -9223372036854775808
    assert decode_field(9223372036854775808, "int64") == -9223372036854775808
    assert decode_field(1e23, "uint64") == 9223372036854775808
    assert decode_field(float("nan"), "uint64") == 9223372036854775808
    assert decode_field(9223372036854775807, "uint16") == 65535
    assert decode_field(1.5, "uint64") == 1
    assert decode_field(4294967296, "float32") == 4294967300.0
    assert decode_field(511, "string") == "511"
    with pytest.raises(GoTypeError, match="-1 overflows uint"):
        decode_field(-1, "uint32")
    with pytest.raises(GoTypeError, match=r"-Inf overflows uint"):
        decode_field(float("-inf"), "uint64")
    with pytest.raises(GoTypeError, match="unconvertible type 'float64'"):
        decode_field(1.5, "string")
    with pytest.raises(GoTypeError, match="unconvertible type 'string'"):
        decode_field("7", "uint16")
    assert cast_string("7", "int") == 7
