"""The exact text of ``composecheck render``: key order, JSON and YAML byte for byte.

- golden: each case of ../shared/corpus renders to its ``expected.json`` exactly;
- live: where the reference binary is installed, our YAML and JSON equal ``docker
  compose config`` for each case, the quoting table below and the probe files still
  match the reference;
- unit: the emitter's style decisions, the key order and Go's number formats, with
  the text the reference printed when each was checked.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.gocompat import yaml_scalar
from composecheck.gocompat.gojson import dumps_json
from composecheck.gocompat.numbers import go_json_float, go_yaml_float
from composecheck.gocompat.yaml_emit import dump
from composecheck.render import project_output, render
from tests.conformance.corpus import CORPUS, case_args, option_fields
from tests.reference import reference_binary

REFERENCE = reference_binary() or Path("docker-compose-not-installed")
ENVIRON = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}


def _cases() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.parent.name for p in CORPUS.glob("*/expected.json"))


def _options(case_dir: Path) -> tuple[list[str], LoadOptions]:
    """The case's ``args`` as LoadOptions (the options the corpus uses)."""
    args = case_args(case_dir)
    options = LoadOptions(**option_fields(args), environ=dict(ENVIRON), cwd=str(case_dir))
    return args, options


def _reference(args: list[str], cwd: Path, fmt: str = "yaml") -> str:
    result = subprocess.run(
        [str(REFERENCE), *args, "config", "--format", fmt],
        cwd=cwd,
        env=ENVIRON,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(), reason="the reference docker-compose binary is absent"
)


# --- golden: the corpus -------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("case", _cases())
def test_json_equals_expected(case: str) -> None:
    case_dir = CORPUS / case
    _, options = _options(case_dir)
    expected = (case_dir / "expected.json").read_text().replace("@CASEDIR@", str(case_dir))
    assert render_loaded(load(options), "json") == expected


@needs_corpus
@needs_reference
@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("case", _cases())
def test_output_equals_live_reference(case: str, fmt: str) -> None:
    case_dir = CORPUS / case
    args, options = _options(case_dir)
    assert render_loaded(load(options), fmt) == _reference(args, case_dir, fmt)


# --- the emitter's styles -------------------------------------------------------------

# (string, how the reference printed it as the value of key "k"), taken from the labels
# of a compose file (test_quoting_table_matches_reference re-checks them live).
QUOTING = [
    ("", 'k: ""\n'),
    (" ", "k: ' '\n"),
    ("a", "k: a\n"),
    ("a b", "k: a b\n"),
    (" a", "k: ' a'\n"),
    ("a ", "k: 'a '\n"),
    ("yes", 'k: "yes"\n'),
    ("Yes", 'k: "Yes"\n'),
    ("YES", 'k: "YES"\n'),
    ("no", 'k: "no"\n'),
    ("on", 'k: "on"\n'),
    ("off", 'k: "off"\n'),
    ("y", 'k: "y"\n'),
    ("Y", 'k: "Y"\n'),
    ("n", 'k: "n"\n'),
    ("N", 'k: "N"\n'),
    ("true", 'k: "true"\n'),
    ("True", 'k: "True"\n'),
    ("TRUE", 'k: "TRUE"\n'),
    ("tRue", "k: tRue\n"),
    ("false", 'k: "false"\n'),
    ("null", 'k: "null"\n'),
    ("Null", 'k: "Null"\n'),
    ("NULL", 'k: "NULL"\n'),
    ("~", 'k: "~"\n'),
    ("nULL", "k: nULL\n"),
    ("1", 'k: "1"\n'),
    ("-1", 'k: "-1"\n'),
    ("+1", 'k: "+1"\n'),
    ("01", 'k: "01"\n'),
    ("0x1F", 'k: "0x1F"\n'),
    ("0o17", 'k: "0o17"\n'),
    ("0b101", 'k: "0b101"\n'),
    ("1_000", 'k: "1_000"\n'),
    ("1.5", 'k: "1.5"\n'),
    (".5", 'k: ".5"\n'),
    ("5.", 'k: "5."\n'),
    ("1e3", 'k: "1e3"\n'),
    ("1E3", 'k: "1E3"\n'),
    ("1e+3", 'k: "1e+3"\n'),
    ("+.inf", 'k: "+.inf"\n'),
    (".inf", 'k: ".inf"\n'),
    (".Inf", 'k: ".Inf"\n'),
    ("-.inf", 'k: "-.inf"\n'),
    (".nan", 'k: ".nan"\n'),
    (".NaN", 'k: ".NaN"\n'),
    ("inf", "k: inf\n"),
    ("nan", "k: nan\n"),
    ("NaN", "k: NaN\n"),
    ("1:20", 'k: "1:20"\n'),
    ("1:20:30", 'k: "1:20:30"\n'),
    ("-1:20", 'k: "-1:20"\n'),
    ("1:70", "k: 1:70\n"),
    ("190:20:30.15", 'k: "190:20:30.15"\n'),
    ("12:30", 'k: "12:30"\n'),
    ("12:3", 'k: "12:3"\n'),
    ("2001-12-14", 'k: "2001-12-14"\n'),
    ("2001-12-14t21:59:43.10-05:00", 'k: "2001-12-14t21:59:43.10-05:00"\n'),
    ("2001-12-14 21:59:43.10 -5", "k: 2001-12-14 21:59:43.10 -5\n"),
    ("2002-12-14", 'k: "2002-12-14"\n'),
    ("2001-1-1", 'k: "2001-1-1"\n'),
    ("20011214", 'k: "20011214"\n'),
    ("<<", "k: <<\n"),
    ("=", "k: =\n"),
    ("-", "k: '-'\n"),
    ("--", "k: --\n"),
    ("---", "k: '---'\n"),
    ("...", "k: '...'\n"),
    ("a---", "k: a---\n"),
    ("- a", "k: '- a'\n"),
    ("-a", "k: -a\n"),
    ("?", "k: '?'\n"),
    ("? a", "k: '? a'\n"),
    ("?a", "k: ?a\n"),
    (":", "k: ':'\n"),
    (": a", "k: ': a'\n"),
    (":a", "k: :a\n"),
    ("a:", "k: 'a:'\n"),
    ("a: b", "k: 'a: b'\n"),
    ("a:b", "k: a:b\n"),
    ("a #b", "k: 'a #b'\n"),
    ("a#b", "k: a#b\n"),
    ("#a", "k: '#a'\n"),
    ("a,b", "k: a,b\n"),
    ("[a", "k: '[a'\n"),
    ("a[", "k: a[\n"),
    ("]a", "k: ']a'\n"),
    ("{a", "k: '{a'\n"),
    ("a}", "k: a}\n"),
    ("&a", "k: '&a'\n"),
    ("*a", "k: '*a'\n"),
    ("!a", "k: '!a'\n"),
    ("|a", "k: '|a'\n"),
    (">a", "k: '>a'\n"),
    ("'a", "k: '''a'\n"),
    ('"a', "k: '\"a'\n"),
    ("%a", "k: '%a'\n"),
    ("@a", "k: '@a'\n"),
    ("`a", "k: '`a'\n"),
    ("a'b", "k: a'b\n"),
    ('a"b', 'k: a"b\n'),
    ("a\\b", "k: a\\b\n"),
    ("a\tb", 'k: "a\\tb"\n'),
    ("\ta", 'k: "\\ta"\n'),
    ("a\n", "k: |\n  a\n"),
    ("a\nb", "k: |-\n  a\n  b\n"),
    ("a\nb\n", "k: |\n  a\n  b\n"),
    ("a\nb\n\n", "k: |+\n  a\n  b\n\n"),
    ("\na", "k: |2-\n\n  a\n"),
    (" a\nb", "k: |2-\n   a\n  b\n"),
    ("a \nb", 'k: "a \\nb"\n'),
    ("a\n b", "k: |-\n  a\n   b\n"),
    ("a\n\nb", "k: |-\n  a\n\n  b\n"),
    ("\n", "k: |2+\n\n"),
    ("\n\n", "k: |2+\n\n\n"),
    ("a\r\nb", 'k: "a\\r\\nb"\n'),
    ("é", "k: é\n"),
    ("日本", "k: 日本\n"),
    ("a\x85b", 'k: "a\\Nb"\n'),
    ("\xa0a", "k: \xa0a\n"),
    ("a\xa0", "k: a\xa0\n"),
    ("\x01", 'k: "\\x01"\n'),
    ("a\x7fb", 'k: "a\\x7Fb"\n'),
    ("\ufeffa", 'k: "\\uFEFF\\x61"\n'),
    ("a b c", "k: a b c\n"),
    ("x" * 130, "k: " + "x" * 130 + "\n"),
    (" ".join(["word"] * 30), "k: " + " ".join(["word"] * 30) + "\n"),
    ("a  b", "k: a  b\n"),
    ("0", 'k: "0"\n'),
    ("00", 'k: "00"\n'),
    ("0.0", 'k: "0.0"\n'),
    ("-0", 'k: "-0"\n'),
    ("1e", "k: 1e\n"),
    ("e1", "k: e1\n"),
    ("0x", "k: 0x\n"),
    ("0xG", "k: 0xG\n"),
    ("1__0", 'k: "1__0"\n'),
    ("_1", "k: _1\n"),
    ("1_", 'k: "1_"\n'),
    ("+", "k: +\n"),
    (".", "k: .\n"),
    ("..", "k: ..\n"),
    ("1.2.3", "k: 1.2.3\n"),
    ("1:2:3:4", 'k: "1:2:3:4"\n'),
    ("3:59", 'k: "3:59"\n'),
    ("0:0", 'k: "0:0"\n'),
    ("1:2.5", 'k: "1:2.5"\n'),
    ("+1:20", 'k: "+1:20"\n'),
    ("1.", 'k: "1."\n'),
    ("-.5", 'k: "-.5"\n'),
    ("+0.5e-3", 'k: "+0.5e-3"\n'),
    ("a/b:c", "k: a/b:c\n"),
    ("http://x", "k: http://x\n"),
    ("x=y", "k: x=y\n"),
    ("a|b", "k: a|b\n"),
    ("a>b", "k: a>b\n"),
    ("a&b", "k: a&b\n"),
    ("a*b", "k: a*b\n"),
    ("a!b", "k: a!b\n"),
    ("a%b", "k: a%b\n"),
    ("a@b", "k: a@b\n"),
    ("a`b", "k: a`b\n"),
    ("a?b", "k: a?b\n"),
    ("a,b", "k: a,b\n"),
    ("foo?", "k: foo?\n"),
    ("foo:", "k: 'foo:'\n"),
    ("foo:\tbar", 'k: "foo:\\tbar"\n'),
    ("~a", "k: ~a\n"),
    ("a~", "k: a~\n"),
    ("😀", 'k: "\\U0001F600"\n'),
    ("a😀b", 'k: "a\\U0001F600b"\n'),
    ("\ufeffa", 'k: "\\uFEFF\\x61"\n'),
    ("a\ufeff", 'k: "a\\uFEFF"\n'),
    ("08", 'k: "08"\n'),
    ("0x", "k: 0x\n"),
    ("-0x1F", 'k: "-0x1F"\n'),
    ("0xFFFFFFFFFFFFFFFFF", "k: 0xFFFFFFFFFFFFFFFFF\n"),
    ("-0b11", 'k: "-0b11"\n'),
    ("0B11", 'k: "0B11"\n'),
    ("0X1f", 'k: "0X1f"\n'),
    ("1e5", 'k: "1e5"\n'),
    ("-1_0", 'k: "-1_0"\n'),
    ("+0o7", 'k: "+0o7"\n'),
    ("0O7", 'k: "0O7"\n'),
    ("2001-12-14T21:59:43.10Z", 'k: "2001-12-14T21:59:43.10Z"\n'),
    ("2001-12-14 21:59:43", 'k: "2001-12-14 21:59:43"\n'),
    ("2001-13-14", "k: 2001-13-14\n"),
    ("2001-02-30", "k: 2001-02-30\n"),
    ("2001-12-14T21:59:43+05:00", 'k: "2001-12-14T21:59:43+05:00"\n'),
    ("2001-12-14 1:2:3", 'k: "2001-12-14 1:2:3"\n'),
    ("2001-12-14T21:59:43.10", "k: 2001-12-14T21:59:43.10\n"),
    (" \n", 'k: " \\n"\n'),
    ("a\n ", 'k: "a\\n "\n'),
    ("a\n\tb", "k: |-\n  a\n  \tb\n"),
    ("\ta\nb", "k: |-\n  \ta\n  b\n"),
    ("a\n#b", "k: |-\n  a\n  #b\n"),
    ("é\nb", "k: |-\n  é\n  b\n"),
    ("a  \nb", 'k: "a  \\nb"\n'),
    ("a\xa0\nb", "k: |-\n  a\xa0\n  b\n"),
    ("..a", "k: ..a\n"),
    ("...a", "k: '...a'\n"),
    ("---a", "k: '---a'\n"),
    ("--- a", "k: '--- a'\n"),
    ("\x80", 'k: "\\x80"\n'),
]


@pytest.mark.parametrize(("text", "expected"), QUOTING)
def test_string_style(text: str, expected: str) -> None:
    assert dump({"k": text}) == expected


@needs_reference
def test_quoting_table_matches_reference(tmp_path: Path) -> None:
    labels = {f"k{i:03d}": text for i, (text, _) in enumerate(QUOTING)}
    compose = {"services": {"s": {"image": "x", "labels": labels}}}
    # The reader refuses raw control characters, and astral characters written as
    # escaped surrogate pairs: escape the former only.
    text = re.sub(
        "[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", json.dumps(compose, ensure_ascii=False)
    )
    (tmp_path / "compose.json").write_text(text)
    out = _reference(["-f", "compose.json"], tmp_path)
    section = out.split("    labels:\n", 1)[1].split("\n    networks:", 1)[0] + "\n"
    # Each label is one `kNNN: ...` entry at column 6, followed by its block lines.
    entries = re.split(r"^      (?=k\d{3}: )", section, flags=re.M)[1:]
    assert len(entries) == len(QUOTING)
    for entry, (text, expected) in zip(entries, QUOTING, strict=True):
        dedented = re.sub(r"^ {6}", "", entry[6:], flags=re.M)
        assert "k: " + dedented == expected, text


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("1", '"1": v\n'),
        ("yes", '"yes": v\n'),
        ("n", '"n": v\n'),
        ("a b", "a b: v\n"),
        ("a: b", "'a: b': v\n"),
        ("a #", "'a #': v\n"),
        ("a#", "a#: v\n"),
        ("-a", "-a: v\n"),
        ("null", '"null": v\n'),
        ("1:20", '"1:20": v\n'),
        ("é", "é: v\n"),
        ("x" * 130, "? " + "x" * 130 + "\n: v\n"),
        ("k\nk", "? |-\n  k\n  k\n: v\n"),
    ],
)
def test_key_style(key: str, expected: str) -> None:
    assert dump({key: "v"}) == expected


def test_explicit_key_entries() -> None:
    long_key = "k" * 130
    doc = {
        "x-l": {
            "a\nb": {"c": "d\ne"},
            long_key: {"a": 1},
            long_key + "2": [1, 2],
            long_key + "3": {},
            long_key + "4": [],
            "z": 1,
        }
    }
    # As the reference printed this extension.
    assert dump(doc) == (
        "x-l:\n"
        "  ? |-\n"
        "    a\n"
        "    b\n"
        "  : c: |-\n"
        "      d\n"
        "      e\n"
        f"  ? {long_key}\n"
        "  : a: 1\n"
        f"  ? {long_key}2\n"
        "  : - 1\n"
        "    - 2\n"
        f"  ? {long_key}3\n"
        "  : {}\n"
        f"  ? {long_key}4\n"
        "  : []\n"
        "  z: 1\n"
    )


def test_block_layout() -> None:
    doc = {
        "a": {"b": [1, "x", None, True, 1.5], "c": {}, "d": []},
        "e": [["a", "b"], [], {}, [{"a": 1, "b": [1, 2]}], [["x"]], {"k": [[]]}],
        "f": [{"g": "h\ni\n", "j": "k"}],
    }
    assert dump(doc) == (
        "a:\n"
        "  b:\n"
        "    - 1\n"
        "    - x\n"
        "    - null\n"
        "    - true\n"
        "    - 1.5\n"
        "  c: {}\n"
        "  d: []\n"
        "e:\n"
        "  - - a\n"
        "    - b\n"
        "  - []\n"
        "  - {}\n"
        "  - - a: 1\n"
        "      b:\n"
        "        - 1\n"
        "        - 2\n"
        "  - - - x\n"
        "  - k:\n"
        "      - []\n"
        "f:\n"
        "  - g: |\n"
        "      h\n"
        "      i\n"
        "    j: k\n"
    )


@pytest.mark.parametrize(
    ("value", "yaml_text", "json_text"),
    [
        (1.0, "1", "1"),
        (1e6, "1e+06", "1000000"),
        (0.00001, "1e-05", "0.00001"),
        (123456.7, "123456.7", "123456.7"),
        (1234567.0, "1.234567e+06", "1234567"),
        (1e21, "1e+21", "1e+21"),
        (0.1, "0.1", "0.1"),
        (2.5e-7, "2.5e-07", "2.5e-7"),
        (-3.0, "-3", "-3"),
        (100000.0, "100000", "100000"),
        (1e100, "1e+100", "1e+100"),
    ],
)
def test_go_floats(value: float, yaml_text: str, json_text: str) -> None:
    assert go_yaml_float(value) == yaml_text
    assert go_json_float(value) == json_text


# --- key order ------------------------------------------------------------------------


def test_yaml_map_order_is_go_yaml_natural_order() -> None:
    keys = ["x001", "x01", "x1_", "x1y", "x1", "a10", "a9", "AB", "A_", "_x", "é", "z", "b"]
    model = {"name": "p", "services": {}, "x-mix": dict.fromkeys(keys, 1)}
    text = render(model, "yaml")
    printed = re.findall(r"^  (\S+): 1$", text, flags=re.M)
    # As the reference printed them.
    assert printed == [
        "_x",
        "A_",
        "AB",
        "a9",
        "a10",
        "b",
        "x1",
        "x1y",
        "x1_",
        "x01",
        "x001",
        "z",
        "é",
    ]
    assert list(json.loads(render(model, "json"))["x-mix"]) == sorted(keys)


def _service_model() -> dict[str, Any]:
    return {
        "name": "p",
        "services": {
            "web": {
                "image": "nginx",
                "healthcheck": {
                    "start_period": "1s",
                    "retries": 3,
                    "interval": "5s",
                    "timeout": "2s",
                    "test": ["CMD", "true"],
                },
                "ports": [
                    {
                        "protocol": "tcp",
                        "published": "80",
                        "target": 80,
                        "host_ip": "0.0.0.0",
                        "mode": "ingress",
                    }
                ],
                "environment": {"b": "1", "B": "2", "_a": "3"},
                "build": {"args": {"X": "1"}, "dockerfile": "Dockerfile", "context": "/src"},
                "profiles": ["web"],
                "x-ext": {"b": 1, "a": 2},
                "deploy": {"resources": {"limits": {"memory": "1024", "cpus": 1.0}}},
                "networks": {"default": None},
            }
        },
        "networks": {"default": {"name": "p_default"}},
        "x-top": 1,
    }


def test_struct_order_yaml() -> None:
    assert render(_service_model(), "yaml") == (
        "name: p\n"
        "services:\n"
        "  web:\n"
        "    profiles:\n"
        "      - web\n"
        "    build:\n"
        "      context: /src\n"
        "      dockerfile: Dockerfile\n"
        "      args:\n"
        '        X: "1"\n'
        "    deploy:\n"
        "      resources:\n"
        "        limits:\n"
        "          cpus: 1\n"
        '          memory: "1024"\n'
        "    environment:\n"
        '      _a: "3"\n'
        '      B: "2"\n'
        '      b: "1"\n'
        "    healthcheck:\n"
        "      test:\n"
        "        - CMD\n"
        '        - "true"\n'
        "      timeout: 2s\n"
        "      interval: 5s\n"
        "      retries: 3\n"
        "      start_period: 1s\n"
        "    image: nginx\n"
        "    networks:\n"
        "      default: null\n"
        "    ports:\n"
        "      - mode: ingress\n"
        "        host_ip: 0.0.0.0\n"
        "        target: 80\n"
        '        published: "80"\n'
        "        protocol: tcp\n"
        "    x-ext:\n"
        "      a: 2\n"
        "      b: 1\n"
        "networks:\n"
        "  default:\n"
        "    name: p_default\n"
        "x-top: 1\n"
    )


def test_struct_order_json() -> None:
    doc = project_output(_service_model(), json_form=True)
    assert list(doc) == ["name", "networks", "services", "x-top"]
    web = doc["services"]["web"]
    assert list(web) == [
        "profiles", "build", "command", "deploy", "entrypoint", "environment",
        "healthcheck", "image", "networks", "ports",
    ]  # fmt: skip
    assert list(web["environment"]) == ["B", "_a", "b"]
    assert list(web["deploy"]) == ["resources", "placement"]
    assert list(doc["networks"]["default"]) == ["name", "ipam"]
    text = dumps_json(doc)
    assert '"cpus": 1,' in text
    assert not text.endswith("\n")


def test_escapes_as_the_reference() -> None:
    text = 'x\bx\fx\x01x\x1fx<>&\u2028\u2029\x7f\u00e9\U0001f600"\\'
    assert dumps_json({"a": text}) == (
        '{\n  "a": "x\\bx\\fx\\u0001x\\u001fx\\u003c\\u003e\\u0026\\u2028\\u2029'
        '\x7f\u00e9\U0001f600\\"\\\\"\n}'
    )
    assert dump({"a": text}) == (
        'a: "x\\bx\\fx\\x01x\\x1Fx<>&\\L\\P\\x7F\u00e9\\U0001F600\\"\\\\"\n'
    )


def test_blkio_entries_keep_go_field_names_in_json() -> None:
    # BlkioConfig's entries carry no json tags: encoding/json prints the Go names.
    model = {
        "name": "p",
        "services": {
            "s": {
                "image": "x",
                "blkio_config": {
                    "weight_device": [{"path": "/dev/a", "weight": 400}],
                    "device_read_bps": [{"path": "/dev/a", "rate": "1048576"}],
                },
            }
        },
    }
    blkio = json.loads(render(model, "json"))["services"]["s"]["blkio_config"]
    assert blkio == {
        "weight_device": [{"Path": "/dev/a", "Weight": 400}],
        "device_read_bps": [{"Path": "/dev/a", "Rate": "1048576"}],
    }
    assert "- path: /dev/a\n" in render(model, "yaml")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12))
def test_fast_plain_check_agrees_with_the_analysis(text: str) -> None:
    # The quick check that skips the character analysis must never say "plain" where
    # the analysis would not.
    if yaml_scalar._plain_safe(text):
        assert yaml_scalar._Analysis(text).plain, text


# A file setting most attributes whose order our loader reproduces today (the probes
# that fixed the order table were larger; their leftovers are loader matters).
KITCHEN_SINK = """\
services:
  a:
    image: a
    x-svc: {b: 2, a: 1}
    build:
      context: .
      dockerfile_inline: |
        FROM x
        RUN y
      x-b: 1
    networks: [n2]
    volumes: ["v2:/x", "./s.txt:/y:ro", {type: npipe, source: a, target: b}]
    secrets: [s2, s3]
    configs: [c2, c3, c4]
    depends_on: [b]
    healthcheck: {test: "curl x", interval: 1m30s, x-h: 1}
    logging: {driver: syslog, x-l: 1}
    deploy: {x-d: 1, resources: {x-r: 1}}
    ports: ["80", "127.0.0.1:81:82/udp", "[::1]:83:84"]
    command: []
    entrypoint: ""
    stop_grace_period: 90s
    environment: [A, B=, C=c, _D=1, a10=1, a9=2]
  b:
    image: b
    command: "a b 'c d'"
    networks:
      n2: {x-n: 1}
    tmpfs: /run
    dns: 1.1.1.1
networks:
  n2: {external: true, name: ext, x-net: 1}
volumes:
  v2: {external: true, x-vol: 1}
secrets:
  s2: {environment: HOME, x-s: 1}
  s3: {external: true, name: e}
configs:
  c2: {content: "hello", x-c: 1}
  c3: {environment: HOME}
  c4: {external: true, name: e}
x-top: {a: 1, b: [], c: {}}
x-a: 1
"""


# Empty, zero and unset values: what each format omits (edge cases of the probes).
EMPTY_AND_ZERO = """\
services:
  a:
    image: a
    credential_spec: {}
    blkio_config: {}
    secrets: [s]
    configs: [c]
    volumes: [v:/x]
    post_start: []
    devices: []
    cap_add: []
    stop_signal: ""
    user: ""
    working_dir: ""
    hostname: ""
    restart: ""
    mem_limit: 0
    shm_size: 0
    pids_limit: 0
    cpu_shares: 0
    cpu_count: 0
    oom_score_adj: 0
    mem_swappiness: 0
    ulimits: {nofile: 0}
    logging: {driver: "", options: {}}
    healthcheck: {test: [], retries: 0, interval: 0s}
    expose: []
    labels: {a: ""}
    annotations: {}
    environment: {A: ""}
    x-h: {a: [], b: {}}
networks:
  default: {x-n: [], x-m: {}}
volumes:
  v: {x-v: null, labels: {}, driver_opts: {}}
secrets:
  s: {file: ./s.txt, x-s: ""}
configs:
  c: {file: ./s.txt, labels: {}}
x-z: null
x-y: ""
"""

ZEROS = """\
services:
  a:
    image: a
    cpu_percent: 0
    cpu_period: 0
    cpu_quota: 0
    cpu_rt_period: 0
    cpu_rt_runtime: 0
    mem_reservation: 0
    memswap_limit: 0
    stop_grace_period: 0s
    build: {context: ., shm_size: 0, ulimits: {nproc: 0}}
    deploy:
      replicas: 0
      resources: {limits: {cpus: "0", memory: "0", pids: 0}}
      update_config: {parallelism: 0, max_failure_ratio: 0}
      restart_policy: {max_attempts: 0}
      placement: {max_replicas_per_node: 0}
    ports: [{target: 80, published: "0"}]
    healthcheck: {test: [CMD, x], timeout: 0s, start_period: 0s}
    tmpfs: []
    volumes: [{type: tmpfs, target: /t, tmpfs: {size: 0, mode: 0}}]
"""

PROBES = {"kitchen-sink": KITCHEN_SINK, "empty-and-zero": EMPTY_AND_ZERO, "zeros": ZEROS}


@needs_reference
@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("probe", sorted(PROBES))
def test_probe_matches_reference(tmp_path: Path, probe: str, fmt: str) -> None:
    (tmp_path / "compose.yaml").write_text(PROBES[probe])
    (tmp_path / "s.txt").write_text("s\n")
    options = LoadOptions(environ=dict(ENVIRON), cwd=str(tmp_path), project_name="ks")
    expected = subprocess.run(
        [str(REFERENCE), "-p", "ks", "config", "--format", fmt],
        cwd=tmp_path,
        env=ENVIRON,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert render_loaded(load(options), fmt) == expected
