"""Classes the long differential-fuzzer run (issue 16) found after the merges, each
pinned with its minimal input and what Docker Compose v2.40.3 prints for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from composecheck.api import LoadOptions, load, render_loaded, render_uninterpolated
from composecheck.errors import InputError


def render(tmp_path: Path, text: str, fmt: str = "json") -> str:
    (tmp_path / "compose.yaml").write_text(text)
    return render_loaded(load(LoadOptions(cwd=str(tmp_path), environ={})), fmt)


def refusal(tmp_path: Path, text: str, fmt: str = "json") -> str:
    with pytest.raises(InputError) as caught:
        render(tmp_path, text, fmt)
    loc = caught.value.loc
    assert loc is not None
    return f"{Path(loc.file).name}:{loc.line}:{loc.col}: {caught.value.message}"


@pytest.mark.parametrize(
    ("dns", "expected"),
    [('""', None), ('[""]', None), ('["", a, ""]', ["a"]), ('["${UNSET}", b]', ["b"])],
)
def test_dns_drops_empty_servers(tmp_path: Path, dns: str, expected: list[str] | None) -> None:
    out = json.loads(render(tmp_path, f"services:\n  web:\n    image: nginx\n    dns: {dns}\n"))
    assert out["services"]["web"].get("dns") == expected


def test_dns_search_keeps_empty_entries(tmp_path: Path) -> None:
    out = json.loads(
        render(tmp_path, 'services:\n  web:\n    image: nginx\n    dns_search: [a, ""]\n')
    )
    assert out["services"]["web"]["dns_search"] == ["a", ""]


def test_a_device_count_of_zero_is_not_printed(tmp_path: Path) -> None:
    text = "services:\n  web:\n    image: nginx\n    gpus:\n      - count: 0\n        driver: x\n"
    assert json.loads(render(tmp_path, text))["services"]["web"]["gpus"] == [{"driver": "x"}]
    assert "count:" not in render(tmp_path, text, "yaml")


def test_json_refuses_an_infinite_extension_value_at_the_value(tmp_path: Path) -> None:
    text = "x-a: -.inf\nservices:\n  web:\n    image: nginx\n"
    assert refusal(tmp_path, text) == "compose.yaml:1:6: json: unsupported value: -Inf"
    assert render(tmp_path, text, "yaml").endswith("x-a: -.inf\n")


@pytest.mark.parametrize("kind", ["secret", "config"])
def test_a_long_form_without_source_is_an_undefined_reference(tmp_path: Path, kind: str) -> None:
    text = f"services:\n  web:\n    image: nginx\n    {kind}s:\n      - target: /x\n"
    assert refusal(tmp_path, text) == (
        f'compose.yaml:5:9: service "web" refers to undefined {kind} : invalid compose project'
    )


def test_an_empty_item_of_an_override_list_is_an_empty_key(tmp_path: Path) -> None:
    (tmp_path / "compose.override.yaml").write_text('services:\n  web:\n    labels: ["c=d", ""]\n')
    out = json.loads(render(tmp_path, 'services:\n  web:\n    image: nginx\n    labels: ["a=b"]\n'))
    assert out["services"]["web"]["labels"] == {"": "", "a": "b", "c": "d"}


def test_an_empty_key_an_override_writes_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "compose.override.yaml").write_text('services:\n  web:\n    sysctls: {"": x}\n')
    assert refusal(tmp_path, "services:\n  web:\n    image: nginx\n") == (
        f"compose.override.yaml:3:15: validating {tmp_path}/compose.override.yaml: "
        "services.web.sysctls additional properties '' not allowed"
    )


def test_an_env_file_required_flag_is_decoded_as_a_boolean(tmp_path: Path) -> None:
    (tmp_path / "a.env").write_text("")
    text = "services:\n  web:\n    image: nginx\n    env_file:\n      - path: a.env\n"
    assert refusal(tmp_path, text + "        required: maybe\n") == (
        "compose.yaml:6:19: decoding failed due to the following error(s):\n\n"
        "'services[web].env_file[0].required' invalid boolean: maybe"
    )
    assert "web" in json.loads(render(tmp_path, text + '        required: "False"\n'))["services"]


@pytest.mark.parametrize(
    ("base", "override", "expected"),
    [
        # Compose merges these as K=V entries: the base's x-* keys are variables again.
        ("{A: b, x-e: x}", "{B: c}", {"A": "b", "B": "c", "x-e": "x"}),
        ("{A: b, x-e: x}", "", {"A": "b", "x-e": "x"}),
        ("{A: b, x-e: x}", '"B=c"', {"A": "b", "B": "c", "x-e": "x"}),
        # and the override's, whatever their value
        (
            "[A=b]",
            "{x-e: [1, 2], x-f: ~, x-g: {a: 1}}",
            {"A": "b", "x-e": "2", "x-f": None, "x-g": "map[a:1]"},
        ),
        # an x-* entry of a list is a variable in every later pass
        ("[x-e=1, A=2]", None, {"A": "2", "x-e": "1"}),
    ],
)
def test_x_keys_merged_as_entries_are_variables(
    tmp_path: Path, base: str, override: str | None, expected: dict[str, object]
) -> None:
    if override is not None:
        text = f"services:\n  web:\n    environment: {override}\n"
    else:
        text = "services:\n  web:\n    image: other\n"
    (tmp_path / "compose.override.yaml").write_text(text)
    out = json.loads(
        render(tmp_path, f"services:\n  web:\n    image: nginx\n    environment: {base}\n")
    )
    assert out["services"]["web"]["environment"] == expected


def test_x_keys_of_a_single_mapping_stay_extensions(tmp_path: Path) -> None:
    out = json.loads(
        render(tmp_path, "services:\n  web:\n    image: nginx\n    environment: {A: b, x-e: x}\n")
    )
    assert out["services"]["web"]["environment"] == {"#extensions": "map[x-e:x]", "A": "b"}


def test_x_keys_merged_through_extends_are_variables(tmp_path: Path) -> None:
    text = (
        "services:\n  base:\n    image: x\n    environment: {A: b, x-e: x}\n"
        "  web:\n    extends: base\n    environment: {B: c, x-f: y}\n"
    )
    out = json.loads(render(tmp_path, text))
    assert out["services"]["web"]["environment"] == {"A": "b", "B": "c", "x-e": "x", "x-f": "y"}


@pytest.mark.parametrize("key", ["deploy", "develop"])
@pytest.mark.parametrize("where", ["file", "override"])
def test_a_null_deploy_or_develop_is_left_out(tmp_path: Path, key: str, where: str) -> None:
    text = "services:\n  web:\n    image: nginx\n"
    if where == "file":
        text += f"    {key}: null\n"
    else:
        (tmp_path / "compose.override.yaml").write_text(f"services:\n  web:\n    {key}: null\n")
    assert json.loads(render(tmp_path, text))["services"]["web"] == {
        "command": None,
        "entrypoint": None,
        "image": "nginx",
        "networks": {"default": None},
    }


def test_a_lone_build_arg_ending_in_a_space_is_dropped_unset(tmp_path: Path) -> None:
    text = "services:\n  web:\n    image: nginx\n    build:\n      context: .\n"
    out = json.loads(render(tmp_path, text + "      args: ['a ', '   ', b=1]\n"))
    assert out["services"]["web"]["build"]["args"] == {"b": "1"}


@pytest.mark.parametrize("where", ["file", "override"])
def test_a_build_arg_key_ending_in_a_space_is_refused(tmp_path: Path, where: str) -> None:
    text = "services:\n  web:\n    image: nginx\n    build:\n      context: .\n"
    if where == "file":
        text += "      args: ['a =1']\n"
        at = "compose.yaml:6:14"
    else:
        text += "      args: {b: 1}\n"
        override = "services:\n  web:\n    build:\n      args: ['a =1']\n"
        (tmp_path / "compose.override.yaml").write_text(override)
        at = "compose.override.yaml:4:14"
    assert refusal(tmp_path, text) == (
        f"{at}: decoding failed due to the following error(s):\n\n"
        "'services[web].build.args' environment variable a  is declared with a trailing space"
    )


@pytest.mark.parametrize(
    "key", ["dns", "dns_opt", "dns_search", "tmpfs", "cap_add", "cap_drop", "profiles"]
)
def test_plain_lists_are_de_duplicated_by_the_text_before_equals(tmp_path: Path, key: str) -> None:
    (tmp_path / "compose.override.yaml").write_text(f"services:\n  web:\n    {key}: [b, a=2]\n")
    text = f"services:\n  web:\n    image: nginx\n    {key}: [a=1, c]\n"
    (tmp_path / "compose.yaml").write_text(text)
    options = LoadOptions(cwd=str(tmp_path), environ={}, profiles=["*"])
    out = json.loads(render_loaded(load(options), "json"))
    assert out["services"]["web"][key] == ["a=2", "c", "b"]


@pytest.mark.parametrize("key", ["dns", "dns_search", "tmpfs"])
def test_a_mapping_merged_onto_a_string_list_is_its_sorted_entries(
    tmp_path: Path, key: str
) -> None:
    override = f"services:\n  web:\n    {key}: {{z: 1, a: [1, 2], n: ~, m: {{q: 1}}}}\n"
    (tmp_path / "compose.override.yaml").write_text(override)
    out = json.loads(render(tmp_path, f"services:\n  web:\n    image: nginx\n    {key}: [x]\n"))
    assert out["services"]["web"][key] == ["x", "a=2", "m=map[q:1]", "n", "z=1"]


@pytest.mark.parametrize("how", ["override", "extends"])
def test_an_override_tag_inside_entries_merged_as_k_v_is_its_value(
    tmp_path: Path, how: str
) -> None:
    entries = "    environment:\n      A: !override [x]\n      B: !override [y, z]\n"
    if how == "override":
        (tmp_path / "compose.override.yaml").write_text("services:\n  web:\n" + entries)
        text = "services:\n  web:\n    image: nginx\n    environment: {A: 1}\n"
    else:
        text = (
            "services:\n  base:\n    image: nginx\n    environment: {A: 1}\n"
            "  web:\n    extends: base\n" + entries
        )
    out = json.loads(render(tmp_path, text))
    assert out["services"]["web"]["environment"] == {"A": "x", "B": "z"}


@pytest.mark.parametrize("key", ["labels", "sysctls", "environment"])
def test_an_empty_key_merged_as_an_entry_is_accepted(tmp_path: Path, key: str) -> None:
    (tmp_path / "compose.override.yaml").write_text(f'services:\n  web:\n    {key}: {{"": x}}\n')
    out = json.loads(
        render(tmp_path, f"services:\n  web:\n    image: nginx\n    {key}: {{a: 1}}\n")
    )
    assert out["services"]["web"][key] == {"": "x", "a": "1"}


@pytest.mark.parametrize("key", ["depends_on", "networks"])
def test_a_name_an_override_list_repeats_is_one_key(tmp_path: Path, key: str) -> None:
    (tmp_path / "compose.override.yaml").write_text(f"services:\n  web:\n    {key}: [c, c]\n")
    text = (
        f"services:\n  web:\n    image: nginx\n    {key}: [b]\n"
        "  b:\n    image: nginx\n  c:\n    image: nginx\n"
        "networks:\n  b: {}\n  c: {}\n"
    )
    out = json.loads(render(tmp_path, text))["services"]["web"][key]
    if key == "networks":
        assert out == {"b": None, "c": None}
    else:
        started = {"condition": "service_started", "required": True}
        assert out == {"b": started, "c": started}


@pytest.mark.parametrize(
    ("files", "services"),
    [
        (["networks:\n  n: {}\nservices: !reset null\n"], {}),
        (["services:\n  web:\n    image: nginx\n", "networks:\n  n: {}\nservices: !reset\n"], {}),
        (["services: !override {}\n"], {}),
        (
            ["services:\n  web:\n    image: nginx\n", "services: !override {a: {image: x}}\n"],
            {
                "a": {
                    "command": None,
                    "entrypoint": None,
                    "image": "x",
                    "networks": {"default": None},
                }
            },
        ),
    ],
)
def test_services_reset_or_overridden_at_the_top(
    tmp_path: Path, files: list[str], services: dict[str, object]
) -> None:
    names = []
    for index, text in enumerate(files):
        (tmp_path / f"f{index}.yaml").write_text(text)
        names.append(f"f{index}.yaml")
    options = LoadOptions(cwd=str(tmp_path), environ={}, files=names)
    assert json.loads(render_loaded(load(options), "json"))["services"] == services


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("{}", {"condition": "service_healthy", "required": True}),
        ("", {"condition": "service_healthy", "required": True}),
        ("{required: false}", {"condition": "service_healthy", "required": False}),
        ("{condition: service_started}", {"condition": "service_started", "required": True}),
    ],
)
def test_an_extends_child_dependency_keeps_the_base_condition(
    tmp_path: Path, entry: str, expected: dict[str, object]
) -> None:
    text = (
        "services:\n  base:\n    image: x\n    depends_on:\n      db:\n"
        "        condition: service_healthy\n"
        f"  web:\n    extends: base\n    depends_on:\n      db: {entry}\n"
        "  db:\n    image: y\n"
    )
    assert json.loads(render(tmp_path, text))["services"]["web"]["depends_on"] == {"db": expected}


@pytest.mark.parametrize("name", ["''", "${UNSET}", "!!str"])
def test_an_empty_network_name_is_not_defaulted(tmp_path: Path, name: str) -> None:
    text = "services:\n  web:\n    image: nginx\n    networks: [n]\n"
    text += f"networks:\n  n:\n    name: {name}\n"
    assert "name" not in json.loads(render(tmp_path, text))["networks"]["n"]


def test_x_keys_of_logging_options_ulimits_and_volume_labels(tmp_path: Path) -> None:
    text = (
        "services:\n  web:\n    image: nginx\n"
        "    logging:\n      options: {x-y: z, a: b}\n"
        "    ulimits:\n      x-u: {soft: 1, hard: 2}\n      nofile: {soft: 0, hard: 5}\n"
        "    volumes:\n      - type: volume\n        source: v\n        target: /x\n"
        "        volume:\n          labels: {x-l: 1, a: 2}\nvolumes:\n  v: {}\n"
    )
    web = json.loads(render(tmp_path, text))["services"]["web"]
    assert web["logging"] == {"options": {"#extensions": "map[x-y:z]", "a": "b"}}
    assert web["ulimits"] == {"#extensions": {}, "nofile": {"hard": 5}}
    assert web["volumes"][0]["volume"] == {"labels": {"#extensions": "map[x-l:1]", "a": "2"}}
    assert "      '#extensions':\n        soft: 0\n        hard: 0\n" in render(
        tmp_path, text, "yaml"
    )


def test_x_keys_of_logging_options_in_two_files_are_one_extension(tmp_path: Path) -> None:
    override = "services:\n  web:\n    logging:\n      options: {x-w: 1, b: 2}\n"
    (tmp_path / "compose.override.yaml").write_text(override)
    text = "services:\n  web:\n    image: nginx\n    logging:\n      options: {x-y: z}\n"
    options = json.loads(render(tmp_path, text))["services"]["web"]["logging"]["options"]
    assert options == {"#extensions": "map[x-w:1 x-y:z]", "b": "2"}


@pytest.mark.parametrize(
    ("gpus", "expected"),
    [
        ("[{}]", [{"count": -1}]),
        ("[{driver: nvidia}]", [{"count": -1, "driver": "nvidia"}]),
        ("[{device_ids: []}]", [{}]),
        ("[{count: 2}]", [{"count": 2}]),
    ],
)
def test_a_gpu_request_without_count_or_ids_asks_for_all(
    tmp_path: Path, gpus: str, expected: list[dict[str, object]]
) -> None:
    text = f"services:\n  web:\n    image: nginx\n    gpus: {gpus}\n"
    assert json.loads(render(tmp_path, text))["services"]["web"]["gpus"] == expected


@pytest.mark.parametrize(
    ("where", "text", "at"),
    [
        ("gpus", "    gpus: [{device_ids: ['0'], count: 1}]\n", "compose.yaml:4:12"),
        (
            "deploy.resources.reservations.devices",
            "    deploy:\n      resources:\n        reservations:\n"
            "          devices: [{capabilities: [gpu], device_ids: ['0'], count: 1}]\n",
            "compose.yaml:7:21",
        ),
    ],
)
def test_count_and_device_ids_are_exclusive(tmp_path: Path, where: str, text: str, at: str) -> None:
    assert refusal(tmp_path, "services:\n  web:\n    image: nginx\n" + text) == (
        f'{at}: services.web.{where}.[]: "count" and "device_ids" attributes are exclusive'
    )


@pytest.mark.parametrize(
    ("key", "base", "typed", "untyped"),
    [
        ("environment", "{E: 1}", {"E": "1"}, ["E=1"]),
        ("labels", "{l: 1}", {"l": "1"}, ["l=1"]),
        ("tmpfs", "[/t]", ["/t"], ["/t"]),
    ],
)
def test_a_timestamp_merged_where_compose_wants_a_string_adds_nothing(
    tmp_path: Path, key: str, base: str, typed: object, untyped: object
) -> None:
    text = f"services:\n  web:\n    image: nginx\n    {key}: {base}\n"
    (tmp_path / "compose.yaml").write_text(text)
    override = f"services:\n  web:\n    {key}: !!timestamp 2001-12-14\n"
    (tmp_path / "compose.override.yaml").write_text(override)
    options = LoadOptions(cwd=str(tmp_path), environ={})
    assert json.loads(render_loaded(load(options), "json"))["services"]["web"][key] == typed
    options = LoadOptions(cwd=str(tmp_path), environ={}, interpolate=False)
    out = json.loads(render_uninterpolated(options, "json")[0])
    assert out["services"]["web"][key] == untyped


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("0", ["h=1.2.3.4"]),
        ("'h3:2.2.2.2'", ["h3=2.2.2.2", "h=1.2.3.4"]),
        ("{h2: 1.1.1.1}", ["h2=1.1.1.1", "h=1.2.3.4"]),
    ],
)
def test_extra_hosts_merge_a_scalar_as_compose_does(
    tmp_path: Path, override: str, expected: list[str]
) -> None:
    (tmp_path / "compose.override.yaml").write_text(
        f"services:\n  web:\n    extra_hosts: {override}\n"
    )
    text = "services:\n  web:\n    image: nginx\n    extra_hosts: ['h:1.2.3.4']\n"
    assert json.loads(render(tmp_path, text))["services"]["web"]["extra_hosts"] == expected


def test_extra_hosts_items_of_the_wrong_type_are_refused_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "compose.override.yaml").write_text("services:\n  web:\n    extra_hosts: [[]]\n")
    text = "services:\n  web:\n    image: nginx\n    extra_hosts: ['h:1.2.3.4']\n"
    assert refusal(tmp_path, text) == (
        f"compose.override.yaml:3:19: validating {tmp_path}/compose.override.yaml: "
        "services.web.extra_hosts.1 must be a string"
    )


@pytest.mark.parametrize(("key", "bare"), [("environment", None), ("labels", "")])
def test_an_extends_child_string_merged_as_an_empty_entry_is_accepted(
    tmp_path: Path, key: str, bare: str | None
) -> None:
    text = (
        f"services:\n  base:\n    image: nginx\n    {key}: {{a: 1}}\n"
        f"  web:\n    extends: base\n    {key}: ''\n"
    )
    assert json.loads(render(tmp_path, text))["services"]["web"][key] == {"": bare, "a": "1"}


def test_an_extends_child_date_is_no_build_context(tmp_path: Path) -> None:
    text = (
        "services:\n  base:\n    image: nginx\n    build: {context: .}\n"
        "  web:\n    extends: base\n    build: !!timestamp 2001-12-14\n"
    )
    build = json.loads(render(tmp_path, text))["services"]["web"]["build"]
    assert build == {"context": str(tmp_path), "dockerfile": "Dockerfile"}


@pytest.mark.parametrize(("key", "col"), [("command", 14), ("entrypoint", 17)])
def test_an_extends_child_date_command_is_refused_as_written(
    tmp_path: Path, key: str, col: int
) -> None:
    text = (
        "services:\n  base:\n    image: nginx\n    command: [a]\n    entrypoint: [b]\n"
        f"  web:\n    extends: base\n    {key}: !!timestamp 2001-12-14\n"
    )
    assert refusal(tmp_path, text) == (
        f"compose.yaml:8:{col}: validating {tmp_path}/compose.yaml: "
        f"services.web.{key} invalid jsonType time.Time"
    )


@pytest.mark.parametrize("key", ["dns", "tmpfs"])
def test_an_extends_child_date_adds_no_entry(tmp_path: Path, key: str) -> None:
    text = (
        f"services:\n  base:\n    image: nginx\n    {key}: [x]\n"
        f"  web:\n    extends: base\n    {key}: !!timestamp 2001-12-14\n"
    )
    assert json.loads(render(tmp_path, text))["services"]["web"][key] == ["x"]


def test_a_null_exposed_port_is_refused_where_the_merged_list_has_it(tmp_path: Path) -> None:
    text = (
        "services:\n  base:\n    image: nginx\n    expose: ['81']\n"
        "  web:\n    extends: base\n    expose: [null]\n"
    )
    assert refusal(tmp_path, text) == (
        "compose.yaml:7:14: services.web.expose.[1]: unsupported expose value %!s(<nil>)"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "healthcheck: {test: [x]}",
            '7:26: healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
        ),
        ("scale: -1", "7:12: services.web.scale: must be greater than or equal to 0"),
        (
            "deploy: {replicas: -1}",
            "7:24: services.web.deploy.replicas: must be greater than or equal to 0",
        ),
    ],
)
def test_values_checked_only_on_enabled_services(
    tmp_path: Path, setting: str, message: str
) -> None:
    text = (
        f"services:\n  a:\n    image: x\n  web:\n    image: x\n    profiles: [p]\n    {setting}\n"
    )
    assert "web" not in json.loads(render(tmp_path, text))["services"]
    (tmp_path / "compose.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        load(LoadOptions(cwd=str(tmp_path), environ={}, profiles=["p"]))
    loc = caught.value.loc
    assert loc is not None
    assert f"{loc.line}:{loc.col}: {caught.value.message}" == message


@pytest.mark.parametrize("name", ["${UNSET}", "${A:-}", "'!!!'"])
def test_a_name_written_but_empty_is_refused(tmp_path: Path, name: str) -> None:
    text = f"name: {name}\nservices:\n  web:\n    image: nginx\n"
    assert refusal(tmp_path, text) == "compose.yaml:1:7: project name must not be empty"


def test_a_name_written_empty_is_no_name(tmp_path: Path) -> None:
    text = "name: ''\nservices:\n  web:\n    image: nginx\n"
    assert json.loads(render(tmp_path, text))["name"] == tmp_path.name.lower()


def test_validate_goes_on_after_an_empty_name(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from composecheck.cli import main

    (tmp_path / "compose.yaml").write_text("name: ${UNSET}\nservices:\n  web:\n    image: nginx\n")
    args = ["validate", str(tmp_path), "--select", "CC104", "--select", "CC403"]
    result = CliRunner().invoke(main, args)
    assert [line.split(" [")[0] for line in result.output.splitlines() if " CC" in line] == [
        f"{tmp_path}/compose.yaml:1:7: CC104 error project name must not be empty",
        f'{tmp_path}/compose.yaml:4:12: CC403 warning service "web" uses image "nginx" with no '
        'tag: Docker pulls "nginx:latest", which changes whenever a new version is pushed',
    ]


@pytest.mark.parametrize(
    ("entry", "col", "message"),
    [
        ("{}", 11, "services.web.depends_on.db missing property 'condition'"),
        ("{required: false}", 11, "services.web.depends_on.db missing property 'condition'"),
        ("", 10, "services.web.depends_on.db must be a mapping"),
    ],
)
def test_an_extends_child_dependency_the_base_lacks_is_checked_as_written(
    tmp_path: Path, entry: str, col: int, message: str
) -> None:
    text = (
        "services:\n  base:\n    image: x\n    depends_on: [t]\n"
        f"  web:\n    extends: base\n    depends_on:\n      db: {entry}\n"
        "  db:\n    image: y\n  t:\n    image: y\n"
    )
    assert refusal(tmp_path, text) == (
        f"compose.yaml:8:{col}: validating {tmp_path}/compose.yaml: {message}"
    )


def test_a_null_include_is_no_include(tmp_path: Path) -> None:
    text = "include: null\nservices:\n  web:\n    image: nginx\n"
    assert list(json.loads(render(tmp_path, text))["services"]) == ["web"]
