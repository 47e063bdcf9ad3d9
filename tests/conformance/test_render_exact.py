"""Minimal cases of the classes the generated projects found (issue 9, "Render stays exact").

Each case is the smallest input that showed a difference, with what the reference printed
for it (a value at a path of ``config --format json``, the warnings, or a refusal). They
run without the reference; when it is installed, each is also compared live.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conformance.test_generated_projects import disagreement, ours
from tests.reference import reference_binary

OK = object()


def _at(doc: Any, path: str) -> Any:
    for part in path.split("/"):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


# name -> (files, extra args, {json path: expected value} | "refused: message part")
CASES: dict[str, tuple[dict[str, str], list[str], Any]] = {
    "blkio_iops_rate_is_a_size": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n    blkio_config:\n"
            "      device_read_iops: [{path: /dev/a, rate: 1k}]\n"
            "      device_write_iops: [{path: /dev/a, rate: 30}]\n"
        },
        [],
        {
            "services/a/blkio_config/device_read_iops/0/Rate": "1024",
            "services/a/blkio_config/device_write_iops/0/Rate": "30",
        },
    ),
    "models_list_is_a_mapping": (
        {"compose.yaml": "services:\n  a: {image: x, models: [m]}\nmodels:\n  m: {model: ai/x}\n"},
        [],
        {"services/a/models": {"m": None}},
    ),
    "build_labels_bare_key_and_string_attestations": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n    build:\n"
            "      context: .\n      labels: [a=1, b]\n      provenance: true\n"
            "      sbom: false\n"
        },
        [],
        {
            "services/a/build/labels": {"a": "1", "b": ""},
            "services/a/build/provenance": "true",
            "services/a/build/sbom": "false",
        },
    ),
    "develop_exec_command_is_split": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n    develop:\n      watch:\n"
            "        - {path: ., action: sync+exec, target: /a, exec: {command: \"a b 'c d'\"}}\n"
        },
        [],
        {"services/a/develop/watch/0/exec/command": ["a", "b", "c d"]},
    ),
    "logging_options_are_strings": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n"
            "    logging: {driver: x, options: {n: 3, f: 1.5}}\n"
        },
        [],
        {"services/a/logging/options": {"n": "3", "f": "1.5"}},
    ),
    "long_volume_target_cleaned_when_normalizing": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n    volumes:\n"
            "      - {type: tmpfs, target: /t/}\n"
            "      - {type: volume, source: v, target: /v//w/./}\n"
            "volumes:\n  v: {}\n"
        },
        [],
        {"services/a/volumes/0/target": "/t", "services/a/volumes/1/target": "/v/w"},
    ),
    "long_volume_target_kept_without_normalization": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n"
            "    volumes: [{type: tmpfs, target: /t/}]\n"
        },
        ["--no-normalize"],
        {"services/a/volumes/0/target": "/t/"},
    ),
    "include_paths_rebased_without_path_resolution": (
        {
            "compose.yaml": "include: [inc/compose.yaml]\nservices: {}\n",
            "inc/compose.yaml": "services:\n  i:\n    image: x\n"
            "    build: {context: ctx, additional_contexts: {a: ./more}}\n"
            '    volumes: ["./src:/src"]\n'
            "    develop: {watch: [{path: ./src, action: sync, target: /app}]}\n"
            "    secrets: [s]\n"
            "secrets:\n  s: {file: ./s.txt}\n",
        },
        ["--no-path-resolution"],
        {
            "services/i/build/context": "inc/ctx",
            "services/i/build/additional_contexts/a": "inc/more",
            "services/i/volumes/0/source": "inc/src",
            "services/i/develop/watch/0/path": "inc/src",
            "secrets/s/file": "inc/s.txt",
        },
    ),
    "include_default_build_context_is_its_folder": (
        {
            "compose.yaml": "include: [inc/compose.yaml]\nservices: {}\n",
            "inc/compose.yaml": "services:\n  i:\n    build: {dockerfile: D}\n",
        },
        ["--no-path-resolution"],
        {"services/i/build/context": "inc"},
    ),
    "extends_home_expanded_without_path_resolution": (
        {
            "compose.yaml": "services:\n  w:\n    extends: {file: ext/c.yaml, service: b}\n"
            '    volumes: ["~/y:/y"]\n',
            "ext/c.yaml": 'services:\n  b:\n    image: x\n    volumes: ["~/x:/x"]\n',
        },
        ["--no-path-resolution"],
        {"services/w/volumes/0/source": "/home/corpus/x", "services/w/volumes/1/source": "~/y"},
    ),
    "volume_device_resolved_for_a_local_bind": (
        {
            "compose.yaml": "services:\n  a: {image: x, volumes: ['v1:/a', 'v2:/b']}\n"
            "volumes:\n  v1: {driver: local, driver_opts: {device: ./data, o: bind}}\n"
            "  v2: {driver_opts: {device: ./data, o: bind}}\n"
        },
        [],
        {"volumes/v1/driver_opts/device": "{dir}/data", "volumes/v2/driver_opts/device": "./data"},
    ),
    "ssh_default_key_in_json": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n"
            "    build: {context: ., ssh: [default]}\n"
        },
        [],
        {"services/a/build/ssh": ["default"]},
    ),
    "ssh_key_with_a_path_cannot_be_json": (
        {"compose.yaml": "services:\n  a:\n    image: x\n    build: {context: ., ssh: [k=./id]}\n"},
        [],
        "refused: json: error calling MarshalJSON for type types.SSHKey",
    ),
    "ssh_repeated_key_refused": (
        {
            "compose.yaml": "services:\n  a:\n    image: x\n"
            "    build: {context: ., ssh: [default, default]}\n"
        },
        [],
        "refused: services.a.build.ssh must be a mapping",
    ),
    "depends_on_repeated_item_refused": (
        {"compose.yaml": "services:\n  a: {image: x, depends_on: [b, b]}\n  b: {image: x}\n"},
        [],
        "refused: services.a.depends_on items at 0 and 1 are equal",
    ),
    "top_level_labels_repeated_item_refused": (
        {"compose.yaml": "services:\n  a: {image: x}\nvolumes:\n  v: {labels: [a=1, a=1]}\n"},
        [],
        "refused: volumes.v.labels must be a mapping",
    ),
    "volumes_from_repeated_after_merge_refused": (
        {
            "compose.yaml": "services:\n  a: {image: x, volumes_from: [b]}\n  b: {image: x}\n",
            "override.yaml": "services:\n  a: {volumes_from: [c, b]}\n  c: {image: x}\n",
        },
        ["-f", "override.yaml"],
        "refused: services.a.volumes_from items at 0 and 2 are equal",
    ),
    "config_two_sources_refused_next_to_external": (
        {
            "compose.yaml": "services:\n  a: {image: x}\n"
            "configs:\n  c: {external: true, file: ./f, content: x}\n"
        },
        [],
        "refused: configs.c: file|environment|content attributes are mutually exclusive",
    ),
    "secret_with_only_a_driver_refused_after_loading": (
        {"compose.yaml": "services:\n  a: {image: x, secrets: [s]}\nsecrets:\n  s: {driver: d}\n"},
        [],
        'refused: secret "s" must declare either `file` or `environment`',
    ),
    "external_name_rewritten_without_normalization": (
        {
            "compose.yaml": "services:\n  a: {image: x, networks: [n]}\n"
            "networks:\n  n: {external: {name: ext}}\n"
        },
        ["--no-normalize"],
        {
            "networks/n": {"name": "ext", "ipam": {}, "external": True},
            "WARNINGS": [
                "networks.n: external.name is deprecated. Please set name and external: true"
            ],
        },
    ),
    "included_config_from_a_set_variable_refused": (
        {
            "compose.yaml": "include: [inc/compose.yaml]\nservices: {}\n",
            ".env": "V=1\n",
            "inc/compose.yaml": "services:\n  i: {image: x, configs: [c]}\n"
            "configs:\n  c: {environment: V}\n",
        },
        [],
        "refused: configs.c: file|environment|content attributes are mutually exclusive",
    ),
    "empty_profile_active_by_default": (
        {"compose.yaml": "services:\n  a:\n    image: x\n    profiles: ['']\n"},
        [],
        {"services/a/profiles": [""]},
    ),
    "no_version_warning_for_an_extends_source": (
        {
            "compose.yaml": "services:\n  w:\n    extends: {file: ext/c.yaml, service: b}\n",
            "ext/c.yaml": "version: '3'\nservices:\n  b: {image: x}\n",
        },
        [],
        {"services/w/image": "x", "WARNINGS": []},
    ),
}


CASES["external_name_conflicting_with_name_refused"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, networks: [n]}\n"
        "networks:\n  n: {name: other, external: {name: ext}}\n"
    },
    [],
    "refused: networks.n: name and external.name conflict; only use name",
)
CASES["external_mapping_without_name_warns_nothing"] = (
    {"compose.yaml": "services:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {external: {}}\n"},
    [],
    {"networks/n": {"name": "n", "ipam": {}, "external": True}, "WARNINGS": []},
)

_IPAM = "services:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {ipam: {config: %s}}\n"
CASES["ipam_config_merge_keeps_compose_pairwise_walk"] = (
    {
        "compose.yaml": _IPAM % "[{subnet: 10.0.0.0/24}, {subnet: 10.2.0.0/24}]",
        "override.yaml": "networks:\n  n: {ipam: {config: "
        "[{subnet: 10.2.0.0/24, gateway: 10.2.0.1}, {subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}\n",
    },
    ["-f", "override.yaml"],
    {
        "networks/n/ipam/config": [
            {"subnet": "10.0.0.0/24", "gateway": "10.0.0.1"},
            {"subnet": "10.0.0.0/24", "gateway": "10.0.0.1"},
        ]
    },
)
CASES["ipam_config_merge_override_repeating_a_subnet"] = (
    {
        "compose.yaml": _IPAM % "[{subnet: 10.0.0.0/24}]",
        "override.yaml": "networks:\n  n: {ipam: {config: "
        "[{subnet: 10.0.0.0/24}, {subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}\n",
    },
    ["-f", "override.yaml"],
    {"networks/n/ipam/config": [{"subnet": "10.0.0.0/24", "gateway": "10.0.0.1"}]},
)
CASES["ipam_config_merge_new_subnets_pick_up_merged_entries"] = (
    {
        "compose.yaml": _IPAM % "[{gateway: 10.0.0.1}, {subnet: 10.0.0.0/24}]",
        "override.yaml": "networks:\n  n: {ipam: {config: "
        "[{gateway: 10.0.0.2}, {subnet: 10.5.0.0/24}]}}\n",
    },
    ["-f", "override.yaml"],
    {
        "networks/n/ipam/config": [
            {"gateway": "10.0.0.2"},
            {"subnet": "10.5.0.0/24", "gateway": "10.0.0.2"},
            {"subnet": "10.5.0.0/24", "gateway": "10.0.0.2"},
        ]
    },
)

CASES["build_secrets_short_syntax_is_a_mapping"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, build: {context: ., secrets: [s]}}\n"
        "secrets:\n  s: {environment: X}\n",
        "override.yaml": "services:\n  a: {build: {secrets: [s, {source: s, target: t}]}}\n",
    },
    ["-f", "override.yaml"],
    {
        "services/a/build/secrets": [
            {"source": "s"},
            {"source": "s"},
            {"source": "s", "target": "t"},
        ]
    },
)

CASES["extends_source_repeats_are_merged_not_refused"] = (
    {
        "compose.yaml": "services:\n  w:\n    extends: {file: ext/c.yaml, service: b}\n"
        "  d: {image: x}\nnetworks: {n: {}}\n",
        "ext/c.yaml": "services:\n  b:\n    image: x\n"
        "    build: {context: ., ssh: [default, default]}\n"
        "    depends_on: [d, d]\n    networks: [n, n]\n",
    },
    [],
    {
        "services/w/build/ssh": ["default"],
        "services/w/depends_on": {"d": {"condition": "service_started", "required": True}},
        "services/w/networks": {"n": None},
    },
)

CASES["pull_policy_if_not_present_is_missing"] = (
    {"compose.yaml": "services:\n  a: {image: x, pull_policy: if_not_present}\n"},
    [],
    {"services/a/pull_policy": "missing"},
)
CASES["pull_policy_if_not_present_kept_without_normalization"] = (
    {"compose.yaml": "services:\n  a: {image: x, pull_policy: if_not_present}\n"},
    ["--no-normalize"],
    {"services/a/pull_policy": "if_not_present"},
)

CASES["long_syntax_host_ip_checked"] = (
    {"compose.yaml": "services:\n  a: {image: x, ports: [{target: 80, host_ip: '[::1]'}]}\n"},
    ["--no-normalize"],
    "refused: services.a.ports.[]: invalid ip address: [::1]",
)
CASES["long_syntax_empty_host_ip_refused"] = (
    {"compose.yaml": "services:\n  a: {image: x, ports: [{target: 80, host_ip: ''}]}\n"},
    [],
    "refused: services.a.ports.[]: invalid ip address: ",
)

CASES["group_add_repeated_after_merge_refused"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, group_add: [a, 100]}\n",
        "override.yaml": "services:\n  a: {group_add: [a]}\n",
    },
    ["-f", "override.yaml"],
    "refused: services.a.group_add items at 0 and 2 are equal",
)

CASES["override_tag_on_null_is_the_string"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, command: run}\n",
        "override.yaml": "services:\n  a:\n    command: !override null\n"
        "    working_dir: !override ~\n",
    },
    ["-f", "override.yaml"],
    {"services/a/command": ["null"], "services/a/working_dir": "~"},
)

CASES["tmpfs_and_volume_on_one_target_refused"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, tmpfs: /run, volumes: ['data:/run/']}\n"
        "volumes: {data: {}}\n"
    },
    ["--no-normalize"],
    "refused: services.a.volumes[0]: target /run already mounted as services.a.tmpfs[0]",
)
CASES["ssh_list_in_an_override_cannot_merge"] = (
    # Compose merges an override's raw build.ssh list into the canonical mapping so far,
    # which it cannot do (the pipeline merges raw files into the canonical model too).
    {
        "compose.yaml": "services:\n  a:\n    image: x\n    build: {context: ., ssh: [default]}\n",
        "override.yaml": "services:\n  a:\n    build: {ssh: [default]}\n",
    },
    ["-f", "override.yaml"],
    "refused: cannot override services.a.build.ssh",
)
CASES["override_tag_beside_extends_in_an_override_is_a_string"] = (
    # A scalar tagged !override is its text, a string, as go-yaml decodes it; the casts
    # after interpolation type it only where Compose does (not use_api_socket).
    {
        "compose.yaml": "services:\n  web: {image: nginx}\n",
        "override.yaml": "services:\n  web:\n    extends: {file: ext.yaml, service: b}\n"
        "    use_api_socket: !override true\n",
        "ext.yaml": "services:\n  b: {image: x}\n",
    },
    ["-f", "override.yaml"],
    "refused: services.web.use_api_socket must be a boolean",
)
CASES["override_tag_on_a_negative_size_is_a_string"] = (
    {
        "compose.yaml": "services:\n  web: {image: nginx}\n",
        "override.yaml": "services:\n  web:\n    memswap_limit: !override -1\n",
    },
    ["-f", "override.yaml"],
    "refused: decoding failed due to the following error(s):\n\n"
    "'services[web].memswap_limit' invalid size: '-1'",
)
CASES["watch_rule_without_target_refused"] = (
    {"compose.yaml": "services:\n  a: {image: x, develop: {watch: [{path: ., action: sync}]}}\n"},
    [],
    "refused: services.a.develop.watch: target is required for non-rebuild actions",
)

CASES["optional_dependency_on_an_undefined_service_refused"] = (
    {
        "compose.yaml": "services:\n  a:\n    image: x\n    depends_on:\n"
        "      ghost: {condition: service_started, required: false}\n"
    },
    [],
    'refused: service "a" depends on undefined service "ghost": invalid compose project',
)
CASES["optional_dependency_on_a_disabled_service_kept"] = (
    {
        "compose.yaml": "services:\n  a:\n    image: x\n    depends_on:\n"
        "      b: {condition: service_started, required: false}\n"
        "  b: {image: y, profiles: [p]}\n"
    },
    [],
    {"services/a/depends_on/b": {"condition": "service_started", "required": False}},
)

# Compose merges the labels of volumes, secrets and configs as written and checks the
# structure of the merged model: an entry two files both write is refused.
CASES["resource_labels_list_repeated_by_an_override_refused"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, volumes: ['vol:/v']}\n"
        "volumes:\n  vol: {labels: [a=1]}\n",
        "override.yaml": "volumes:\n  vol: {labels: [a=1]}\n",
    },
    ["-f", "override.yaml"],
    "refused: volumes.vol.labels must be a mapping",
)
CASES["volume_labels_mapping_repeated_by_an_override_refused"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, volumes: ['vol:/v']}\n"
        "volumes:\n  vol: {labels: {a: 1}}\n",
        "override.yaml": "volumes:\n  vol: {labels: {a: 1}}\n",
    },
    ["-f", "override.yaml"],
    "refused: volumes.vol.labels must be a mapping",
)
CASES["secret_labels_list_and_mapping_cannot_merge"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, secrets: [s]}\n"
        "secrets:\n  s: {file: ./f, labels: {b: 1}}\n",
        "override.yaml": "secrets:\n  s: {labels: [b=2]}\n",
    },
    ["-f", "override.yaml"],
    "refused: cannot override secrets.s.labels",
)
CASES["config_labels_lists_append_and_the_last_wins"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, configs: [c]}\n"
        "configs:\n  c: {file: ./f, labels: [b=1, c=1]}\n",
        "override.yaml": "configs:\n  c: {labels: [b=2]}\n",
    },
    ["-f", "override.yaml"],
    {"configs/c/labels": {"b": "2", "c": "1"}},
)
CASES["volume_labels_mapping_and_list_merge_as_entries"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, volumes: ['vol:/v']}\n"
        "volumes:\n  vol: {labels: [a=1, b=2]}\n",
        "override.yaml": "volumes:\n  vol: {labels: {b: 3}}\n",
    },
    ["-f", "override.yaml"],
    {"volumes/vol/labels": {"a": "1", "b": "3"}},
)

CASES["volume_label_reset_and_override_in_an_override"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, volumes: ['vol:/v']}\n"
        "volumes:\n  vol: {labels: {a: 1, b: 2, c: 3}}\n",
        "override.yaml": "volumes:\n  vol: {labels: {a: !reset null, b: !override 5}}\n",
    },
    ["-f", "override.yaml"],
    {"volumes/vol/labels": {"b": "5", "c": "3"}},
)
CASES["volume_label_reset_finds_no_key_in_a_list"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, volumes: ['vol:/v']}\n"
        "volumes:\n  vol: {labels: [a=1, b=2]}\n",
        "override.yaml": "volumes:\n  vol: {labels: {a: !reset null, c: 3}}\n",
    },
    ["-f", "override.yaml"],
    {"volumes/vol/labels": {"a": "1", "b": "2", "c": "3"}},
)
# Compose rewrites `external: {name: x}` while making each file canonical: a later
# `external: true` merges onto it.
CASES["external_mapping_then_boolean_across_files"] = (
    {
        "compose.yaml": "services:\n  web: {image: x, networks: [n]}\n"
        "networks:\n  n: {external: {name: e}}\n",
        "override.yaml": "networks:\n  n: {external: true}\n",
    },
    ["-f", "override.yaml"],
    {"networks/n": {"name": "e", "ipam": {}, "external": True}},
)

# Compose compares group_add items as written (100 is not "100") and makes them strings
# only when it decodes the merged project.
CASES["group_add_number_and_string_are_distinct_items"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, group_add: [100]}\n",
        "override.yaml": "services:\n  a: {group_add: ['100']}\n",
    },
    ["-f", "override.yaml"],
    {"services/a/group_add": ["100", "100"]},
)

# Compose refuses network_mode with networks only when both are non-empty, and never
# prints an empty networks mapping.
CASES["network_mode_with_empty_networks_accepted"] = (
    {"compose.yaml": "services:\n  a: {image: x, network_mode: host, networks: []}\n"},
    [],
    {"services/a/network_mode": "host", "ABSENT": "services/a/networks"},
)
CASES["empty_network_mode_with_networks_accepted"] = (
    {
        "compose.yaml": "services:\n  a: {image: x, network_mode: '', networks: [n]}\n"
        "networks:\n  n: {}\n"
    },
    [],
    {"services/a/networks": {"n": None}},
)
CASES["empty_networks_omitted_without_normalization"] = (
    {"compose.yaml": "services:\n  a: {image: x, networks: []}\n"},
    ["--no-normalize"],
    {"ABSENT": "services/a/networks"},
)

# Compose records an override's `!reset` paths as it parses the file and removes them
# from the model so far once the file's own `extends` are resolved (which would
# otherwise have consumed the marker).
CASES["reset_next_to_extends_in_an_override_reaches_the_base_file"] = (
    {
        "compose.yaml": "services:\n  web: {image: nginx, cpu_shares: 512}\n",
        "override.yaml": "services:\n  web:\n    extends: {file: ext.yaml, service: b}\n"
        "    cpu_shares: !reset null\n",
        "ext.yaml": "services:\n  b: {image: x}\n",
    },
    ["-f", "override.yaml"],
    {"services/web/image": "x", "ABSENT": "services/web/cpu_shares"},
)
CASES["reset_next_to_extends_removes_what_the_extended_service_sets_too"] = (
    {
        "compose.yaml": "services:\n  web: {image: nginx, cpu_shares: 512}\n",
        "override.yaml": "services:\n  web:\n    extends: {file: ext.yaml, service: b}\n"
        "    cpu_shares: !reset null\n",
        "ext.yaml": "services:\n  b: {image: x, cpu_shares: 7}\n",
    },
    ["-f", "override.yaml"],
    {"services/web/image": "x", "ABSENT": "services/web/cpu_shares"},
)


def _write(folder: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return ["-f", "compose.yaml"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_render_exact(tmp_path: Path, name: str) -> None:
    _check(tmp_path, *CASES[name])


def _check(tmp_path: Path, files: dict[str, str], extra: list[str], expected: Any) -> None:
    args = [*_write(tmp_path, files), *extra]
    code, doc, message, warnings = ours(args, tmp_path)
    if isinstance(expected, str):
        assert code == 2
        assert expected.removeprefix("refused: ") in message
    else:
        assert code == 0, message
        for path, value in expected.items():
            if path == "WARNINGS":
                assert warnings == value
            elif path == "ABSENT":
                parent, _, key = value.rpartition("/")
                assert key not in _at(doc, parent)
            elif isinstance(value, str):
                assert _at(doc, path) == value.replace("{dir}", str(tmp_path))
            else:
                assert _at(doc, path) == value
    if reference_binary() is not None:
        assert disagreement(args, tmp_path) is None


@pytest.mark.parametrize("interpolate", [True, False], ids=["typed", "untyped"])
def test_external_name_warning_comes_between_the_files(tmp_path: Path, interpolate: bool) -> None:
    # Compose warns while making the first file canonical, before it reads the second.
    from composecheck.api import LoadOptions, load, render_uninterpolated

    _write(
        tmp_path,
        {
            "compose.yaml": "version: '3'\nservices:\n  web: {image: x, networks: [n]}\n"
            "networks:\n  n: {external: {name: e}}\n",
            "o2.yaml": "version: '3'\nnetworks:\n  n: {}\n",
        },
    )
    options = LoadOptions(
        files=["compose.yaml", "o2.yaml"], cwd=str(tmp_path), environ={"PATH": "/usr/bin"}
    )
    warnings = load(options).warnings if interpolate else render_uninterpolated(options)[1]
    obsolete = "the attribute `version` is obsolete, it will be ignored, please remove it to "
    obsolete += "avoid potential confusion"
    assert warnings == [
        f"{tmp_path}/compose.yaml: {obsolete}",
        "networks.n: external.name is deprecated. Please set name and external: true",
        f"{tmp_path}/o2.yaml: {obsolete}",
    ]
