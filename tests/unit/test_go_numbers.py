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


# -- every class, refused: the exact message at the value ------------------------------

U16 = "cannot parse value as 'uint16'"
REFUSED = [
    (
        "unsigned-refuses-negative-int",
        "blkio_config: {weight: -1}",
        DECODING + f"'services[web].blkio_config.weight' {U16}: -1 overflows uint",
        (4, 28),
    ),
    (
        "unsigned-refuses-negative-float",
        "healthcheck: {test: x, retries: -.inf}",
        DECODING
        + "'services[web].healthcheck.retries' cannot parse value as 'uint64': -Inf overflows uint",
        (4, 37),
    ),
    (
        "unsigned-refuses-string",
        "blkio_config: {weight: '7'}",
        DECODING
        + "'services[web].blkio_config.weight' expected type 'uint16', got unconvertible type "
        "'string'",
        (4, 28),
    ),
    ("float32-overflow", "cpus: 1e39", "json: unsupported value: +Inf", (4, 11)),
    (
        "deploy-cpus-nan",
        "deploy: {resources: {limits: {cpus: .nan}}}",
        "json: unsupported value: NaN",
        (4, 41),
    ),
    (
        "scale-as-go-int",
        "scale: 1e23",
        "services.web.scale: must be greater than or equal to 0",
        (4, 12),
    ),
    (
        "replicas-as-go-int",
        "deploy: {replicas: 9223372036854775808}",
        "services.web.deploy.replicas: must be greater than or equal to 0",
        (4, 24),
    ),
    (
        "string-field-refuses-float",
        "storage_opt: {size: 1.5}",
        DECODING
        + "'services[web].storage_opt[size]' expected type 'string', got unconvertible type "
        "'float64'",
        (4, 25),
    ),
    (
        "string-field-refuses-uint64",
        "ports: [{target: 80, published: 9223372036854775808}]",
        DECODING
        + "'services[web].ports[0].published' expected type 'string', got unconvertible type "
        "'uint64'",
        (4, 37),
    ),
    (
        "short-port-float",
        "ports: [1e23]",
        "services.web.ports: invalid type float64 for port",
        (4, 13),
    ),
    (
        "expose-float",
        "expose: [1.5]",
        "services.web.expose.[0]: unsupported expose value %!s(float64=1.5)",
        (4, 14),
    ),
    (
        "ulimit-single-float",
        "ulimits: {nofile: 1e23}",
        "services.web.ulimits.nofile: invalid type float64 for external",
        (4, 23),
    ),
    (
        "ulimit-soft-float",  # Compose itself crashes here
        "ulimits: {nofile: {soft: 1e23, hard: 10}}",
        DECODING
        + "'services[web].ulimits[nofile].soft' interface conversion: interface {} is float64, "
        "not int",
        (4, 30),
    ),
    (
        "device-count-float",
        "gpus: [{count: 1e23}]",
        DECODING + "'services[web].gpus[0].count' invalid type float64 for device count",
        (4, 20),
    ),
    (
        "device-count-string",
        "deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: '1e4'}]}}}",
        DECODING + "'services[web].deploy.resources.reservations.devices[0].count' invalid value "
        "\"1e4\", the only value allowed is 'all' or a number",
        (4, 80),
    ),
    (
        "deploy-cpus-uint64",
        "deploy: {resources: {limits: {cpus: 9223372036854775808}}}",
        DECODING
        + "'services[web].deploy.resources.limits.cpus' unexpected value type uint64 for cpus",
        (4, 41),
    ),
    (
        "deploy-cpus-string",
        "deploy: {resources: {limits: {cpus: abc}}}",
        DECODING + "'services[web].deploy.resources.limits.cpus' "
        'strconv.ParseFloat: parsing "abc": invalid syntax',
        (4, 41),
    ),
    (
        "errors-in-decoding-order",
        "deploy: {resources: {limits: {pids: x, memory: 1y, cpus: z}}}",
        DECODING + "'services[web].deploy.resources.limits.cpus' "
        'strconv.ParseFloat: parsing "z": invalid syntax\n'
        "'services[web].deploy.resources.limits.memory' invalid suffix: 'y'\n"
        "'services[web].deploy.resources.limits.pids' "
        'strconv.ParseInt: parsing "x": invalid syntax',
        (4, 62),
    ),
]


@pytest.mark.parametrize(
    ("service", "message", "where"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_refused_with_composes_message_at_the_value(
    tmp_path: Path, service: str, message: str, where: tuple[int, int]
) -> None:
    assert refused(tmp_path, service) == (message, where)


# -- every class, accepted: Go's value ---------------------------------------------------

ACCEPTED = [
    ("int64-from-float-out-of-range", "cpu_shares: 1e23", {"cpu_shares": -9223372036854775808}),
    ("int64-from-nan", "pids_limit: .nan", {"pids_limit": -9223372036854775808}),
    (
        "int64-from-uint64-wraps",
        "cpu_quota: 9223372036854775808",
        {"cpu_quota": -9223372036854775808},
    ),
    ("int64-truncates-float", "cpu_period: 1.5", {"cpu_period": 1}),
    (
        "uint16-truncates",
        "blkio_config: {weight: 9223372036854775807}",
        {"blkio_config": {"weight": 65535}},
    ),
    ("uint16-zero-is-omitted", "blkio_config: {weight: 4294967296}", {"blkio_config": {}}),
    (
        "uint64-from-float-out-of-range",
        "healthcheck: {test: x, retries: 1e23}",
        {"healthcheck": {"test": ["CMD-SHELL", "x"], "retries": 9223372036854775808}},
    ),
    ("float32-rounds", "cpus: 4294967296", {"cpus": 4294967300}),
    ("float32-shortest-digits", "cpus: 0.3333333333", {"cpus": 0.33333334}),
    ("float32-from-string", "cpus: '0.3333333333'", {"cpus": 0.33333334}),
    ("string-field-takes-int", "storage_opt: {size: 0o777}", {"storage_opt": {"size": "511"}}),
    ("device-count-string", "gpus: [{count: '3'}]", {"gpus": [{"count": 3}]}),
]


@pytest.mark.parametrize(
    ("service", "expected"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED]
)
def test_accepted_as_go_holds_it(tmp_path: Path, service: str, expected: dict[str, Any]) -> None:
    got = web(tmp_path, service)
    assert {key: got.get(key) for key in expected} == expected


def test_from_env_the_same_field_types(tmp_path: Path) -> None:
    got = web(tmp_path, "storage_opt: {size: '${X}'}\n    cpus: ${Y}", env="X=511\nY=4294967296\n")
    assert got["storage_opt"] == {"size": "511"}
    assert got["cpus"] == 4294967300


def test_build_ulimit_refuses_what_compose_does_not_cast(tmp_path: Path) -> None:
    # Compose casts the strings of service ulimits, not of build ulimits.
    message, where = refused(tmp_path, "build: {context: ., ulimits: {nofile: '5'}}")
    assert message == "services.web.build.ulimits.nofile: invalid type string for external"
    assert where == (4, 43)


def test_service_network_priority_zero_is_omitted(tmp_path: Path) -> None:
    got = web(tmp_path, "networks: {default: {priority: 1e-400, gw_priority: 0.5}}")
    assert got["networks"] == {"default": {}}


def test_options_print_any_number_and_plain_string_maps_refuse_floats(tmp_path: Path) -> None:
    top = "networks: {n: {driver_opts: {a: 0o17, b: 1.5, c: 9223372036854775808}}}\n"
    (tmp_path / "compose.yaml").write_text(HEAD + "    networks: [n]\n" + top)
    loaded = load(LoadOptions(environ=ENV, cwd=str(tmp_path)))
    networks = json.loads(render_loaded(loaded, "json"))["networks"]
    assert networks["n"]["driver_opts"] == {"a": "15", "b": "1.5", "c": "9223372036854775808"}
    message, where = refused(
        tmp_path, "init: true", top="secrets: {s: {file: ./s, driver_opts: {a: 1.5}}}\n"
    )
    assert message == (
        DECODING + "'secrets[s].driver_opts[a]' expected type 'string', got unconvertible type "
        "'float64'"
    )
    assert where == (5, 43)


@pytest.mark.parametrize(
    ("service", "message"),
    [
        ("ports: [9223372036854775808]", "services.web.ports: invalid type uint64 for port"),
        (
            "expose: [9223372036854775808]",
            "services.web.expose.[0]: unsupported expose value %!s(uint64=9223372036854775808)",
        ),
        (
            "ulimits: {nofile: 9223372036854775808}",
            "services.web.ulimits.nofile: invalid type uint64 for external",
        ),
    ],
)
def test_no_interpolate_model_knows_uint64(tmp_path: Path, service: str, message: str) -> None:
    from composecheck.load.pipeline import load_untyped

    (tmp_path / "compose.yaml").write_text(HEAD + "    " + service + "\n")
    with pytest.raises(InputError) as info:
        load_untyped(LoadOptions(interpolate=False, environ=ENV, cwd=str(tmp_path)))
    assert info.value.message == message


def test_a_timestamp_is_a_go_time_in_a_string_field(tmp_path: Path) -> None:
    message, where = refused(tmp_path, "storage_opt: {a: 2001-12-14}")
    assert message == (
        DECODING + "'services[web].storage_opt[a]' expected type 'string', got unconvertible "
        "type 'time.Time'"
    )
    assert where == (4, 22)
