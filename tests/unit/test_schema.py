"""Our compose schema against the official one, and our messages against the reference.

The official JSON Schema (shared/reference/compose-spec/compose-spec.json) is only test
data here: a second opinion on which documents are acceptable.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composecheck.load import schema as sch
from composecheck.load.schema import SchemaViolation, check
from composecheck.load.tree import Timestamp

SHARED = Path(__file__).resolve().parents[3] / "shared"
OFFICIAL_FILE = SHARED / "reference" / "compose-spec" / "compose-spec.json"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


# -- helpers -------------------------------------------------------------------------


_RESET = object()


def _to_tree(value: Any) -> Any:
    """ruamel's plain objects as the loader hands them to check() (dates -> Timestamp).

    ``!reset`` entries are dropped: what they reset lives in another file.
    """
    if isinstance(value, dict):
        return {str(k): _to_tree(v) for k, v in value.items() if v is not _RESET}
    if isinstance(value, list):
        return [_to_tree(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return Timestamp(str(value))
    return value


def _yaml_docs(text: str) -> list[Any]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    constructor = yaml.constructor
    constructor.add_constructor("!reset", lambda _c, _n: _RESET)
    constructor.add_constructor("!override", _construct_override)
    return [_to_tree(d) for d in yaml.load_all(text)]


def _construct_override(constructor: Any, node: Any) -> Any:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode):
        return constructor.construct_mapping(node, deep=True)
    if isinstance(node, SequenceNode):
        return constructor.construct_sequence(node, deep=True)
    return constructor.construct_scalar(node)


def _load_yaml(text: str) -> Any:
    docs = _yaml_docs(text)
    return docs[0] if docs else None


@pytest.fixture(scope="module")
def official() -> Any:
    if not OFFICIAL_FILE.is_file():
        pytest.skip("shared reference material is absent")
    import jsonschema

    doc = json.loads(OFFICIAL_FILE.read_text("utf-8"))
    # Its "$schema" (https, no "#") is unknown to python-jsonschema, which would fall back
    # to the newest draft; the reference treats it as draft 7.
    base = jsonschema.Draft7Validator
    # The reference refuses YAML timestamps wherever a type is checked; so must the oracle.
    checker = base.TYPE_CHECKER.redefine(
        "string", lambda _c, v: isinstance(v, str) and not isinstance(v, Timestamp)
    )
    return jsonschema.validators.extend(base, type_checker=checker)(doc)


def _reference_binary() -> Path | None:
    try:
        import compose
    except ImportError:
        return None
    binary = Path(compose.__file__).parent / "docker-compose"
    return binary if binary.is_file() else None


def _known_difference(doc: Any) -> bool:
    """Documents on which the official copy and Compose v2.40.3 disagree.

    The copy in shared/ is newer than the schema compose-go v2.9.1 embeds: there a
    service's ``models.<name>`` may be null; the newer copy requires a mapping. We follow
    the reference.
    """
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict):
        return False
    for body in services.values():
        models = body.get("models") if isinstance(body, dict) else None
        if isinstance(models, dict) and any(v is None for v in models.values()):
            return True
    return False


def _agree(official: Any, doc: Any) -> tuple[bool, bool, bool]:
    """(official accepts, we accept, our jsonschema run and fast check agree)."""
    ours = check(doc)
    jsonschema_ok = sch._validator().is_valid(doc)
    fast_ok = sch._predicate()(doc)
    return official.is_valid(doc), not ours, jsonschema_ok == fast_ok == (not ours)


# -- 1. real files -------------------------------------------------------------------


def _compose_files() -> Iterator[Path]:
    roots = []
    if CORPUS.is_dir():
        roots += sorted(p for p in CORPUS.iterdir() if p.is_dir())
    if FIXTURES.is_dir():
        roots += sorted(p for p in FIXTURES.rglob("*") if p.is_dir())
    seen: set[Path] = set()
    for case in roots:
        listed: set[str] = set()
        args = case / "args"
        if args.is_file():
            words = args.read_text("utf-8").split()
            listed = {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-f", "--file")}
        for f in sorted(case.rglob("*.y*ml")):
            if f in seen or f.suffix not in (".yml", ".yaml"):
                continue
            seen.add(f)
            if f.name in listed or "services:" in f.read_text("utf-8", errors="replace"):
                yield f


def _rendered_outputs() -> Iterator[Path]:
    if CORPUS.is_dir():
        yield from sorted(CORPUS.glob("*/expected.json"))


def test_real_files_agree_with_official(official: Any) -> None:
    files = list(_compose_files())
    if not files:
        pytest.skip("no corpus or fixtures")
    checked = 0
    failures = []
    for f in files:
        try:
            docs = _yaml_docs(f.read_text("utf-8"))
        except Exception:  # unreadable YAML is the reader's concern, not the schema's
            continue
        for doc in docs:
            if not isinstance(doc, dict) or _known_difference(doc):
                continue
            want, got, consistent = _agree(official, doc)
            checked += 1
            if want != got or not consistent:
                failures.append(f"{f}: official={want} ours={got} consistent={consistent}")
    assert checked > 50
    assert not failures, "\n".join(failures)


def test_rendered_outputs_agree_with_official(official: Any) -> None:
    outputs = list(_rendered_outputs())
    if not outputs:
        pytest.skip("no corpus")
    failures = []
    for f in outputs:
        doc = json.loads(f.read_text("utf-8"))
        want, got, consistent = _agree(official, doc)
        if want != got or not consistent:
            failures.append(f"{f}: official={want} ours={got}")
    assert not failures, "\n".join(failures)


# -- 2. mutations --------------------------------------------------------------------

_SAMPLE_KEYS = {"^[a-zA-Z0-9._-]+$": "s", "^.+$": "k", ".+": "k", "^[a-z]+$": "nofile"}

_BATTERY: list[Any] = [
    None, True, 0, 1, -1, 1.5, -2000, 101, "x", "", "a b!", "every_1d", "all", "Z",
    ["x"], ["x", "x"], [1], [1, 1], [None], [True], [{"a": "b"}], [["x"]],
    {}, {"a": "b"}, {"a": 1}, {"a": None}, {"a": True}, {"a": ["b"]}, {"a": {"b": 1}},
    {"x-a": 1}, {"bogus_key": 1}, Timestamp("2001-12-14"), [Timestamp("2001-12-14")],
]  # fmt: skip


class _Official:
    """Walks the official schema to find every place a value can be written."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc

    def resolve(self, s: Any) -> Any:
        while isinstance(s, dict) and "$ref" in s:
            s = self.doc["definitions"][s["$ref"].rsplit("/", 1)[1]]
        return s

    def branches(self, s: Any) -> list[Any]:
        s = self.resolve(s)
        if not isinstance(s, dict):
            return []
        out = [s]
        for k in ("oneOf", "anyOf"):
            out += [self.resolve(b) for b in s.get(k, [])]
        return [b for b in out if isinstance(b, dict)]

    def sample(self, s: Any, depth: int = 0) -> Any:
        s = self.resolve(s)
        if not isinstance(s, dict) or depth > 6:
            return "x"
        for k in ("oneOf", "anyOf"):
            if k in s:
                return self.sample(s[k][0], depth + 1)
        if "enum" in s:
            return s["enum"][0]
        ty = s.get("type", "string")
        ty = ty[0] if isinstance(ty, list) else ty
        if ty == "object":
            props = s.get("properties", {})
            return {r: self.sample(props.get(r, {}), depth + 1) for r in s.get("required", [])}
        return {"string": "x", "integer": 1, "number": 1, "boolean": True, "null": None}.get(ty, [])

    def object_sample(self, s: Any) -> Any:
        for b in self.branches(s):
            t = b.get("type")
            if t == "object" or (isinstance(t, list) and "object" in t) or "properties" in b:
                return self.sample(dict(b, type="object"))
        return {}

    def child(self, s: Any, comp: str | int) -> Any:
        for b in self.branches(s):
            if isinstance(comp, int):
                if isinstance(b.get("items"), dict):
                    return b["items"]
                continue
            if comp in b.get("properties", {}):
                return b["properties"][comp]
            for pat, sub in b.get("patternProperties", {}).items():
                if _SAMPLE_KEYS.get(pat) == comp:
                    return sub
            if isinstance(b.get("additionalProperties"), dict):
                return b["additionalProperties"]
        return {}

    def locations(self) -> dict[tuple[str | int, ...], Any]:
        out: dict[tuple[str | int, ...], Any] = {}

        def walk(s: Any, path: tuple[str | int, ...]) -> None:
            s = self.resolve(s)
            if not isinstance(s, dict) or len(path) > 9 or path in out:
                return
            out[path] = s
            for b in self.branches(s):
                for name, sub in b.get("properties", {}).items():
                    walk(sub, (*path, name))
                for pat, sub in b.get("patternProperties", {}).items():
                    if pat != "^x-":
                        walk(sub, (*path, _SAMPLE_KEYS.get(pat, "k")))
                if isinstance(b.get("additionalProperties"), dict):
                    walk(b["additionalProperties"], (*path, "k"))
                if isinstance(b.get("items"), dict):
                    walk(b["items"], (*path, 0))

        walk(self.doc, ())
        return out

    def put(self, doc: Any, path: tuple[str | int, ...], value: Any) -> Any:
        cur, s = doc, self.doc
        for i, comp in enumerate(path):
            s = self.child(s, comp)
            last = i == len(path) - 1
            if isinstance(comp, int):
                if not isinstance(cur, list):
                    return None
                if not last and (not cur or not isinstance(cur[0], (dict, list))):
                    fresh = [] if isinstance(path[i + 1], int) else self.object_sample(s)
                    cur[:1] = [fresh]
                if last:
                    cur[:1] = [value]
                    return doc
                cur = cur[0]
            else:
                if not isinstance(cur, dict):
                    return None
                if last:
                    cur[comp] = value
                    return doc
                if not isinstance(cur.get(comp), (dict, list)):
                    fresh = [] if isinstance(path[i + 1], int) else self.object_sample(s)
                    cur[comp] = fresh
                cur = cur[comp]
        return doc


def _mutations(official_doc: dict[str, Any]) -> list[tuple[str, Any]]:
    walker = _Official(official_doc)
    cases: list[tuple[str, Any]] = []
    for path, s in sorted(walker.locations().items(), key=lambda kv: [str(p) for p in kv[0]]):
        if not path:
            continue
        # A deterministic slice of the battery per location keeps the run short while
        # every value still lands on many different locations.
        seed = zlib.crc32(repr(path).encode())
        values = [v for n, v in enumerate(_BATTERY) if (n + seed) % 3 == 0]
        for b in walker.branches(s):
            values += list(b.get("enum", []))
            if b.get("pattern"):
                values += ["always", "every_2w", "-", "??"]
        obj = walker.object_sample(s)
        if isinstance(obj, dict):
            values += [obj, {**obj, "x-ext": {"any": [1]}}, {**obj, "not_a_key": 1}]
            for b in walker.branches(s):
                for name, sub in list(b.get("properties", {}).items())[:40]:
                    values.append({**obj, name: walker.sample(sub)})
        for v in values:
            doc = {"services": {"s": {"image": "x"}}}
            if walker.put(doc, path, copy.deepcopy(v)) is not None:
                cases.append((".".join(map(str, path)), doc))
    return cases


@pytest.fixture(scope="module")
def mutations(official: Any) -> list[tuple[str, Any]]:
    return _mutations(official.schema)


def test_mutations_agree_with_official(official: Any, mutations: list[tuple[str, Any]]) -> None:
    assert len(mutations) > 1000
    failures = []
    verdicts: set[bool] = set()
    for where, doc in mutations:
        if _known_difference(doc):
            continue
        want, got, consistent = _agree(official, doc)
        verdicts.add(got)
        if want != got or not consistent:
            failures.append(f"{where}: official={want} ours={got} {json.dumps(doc, default=str)}")
    assert not failures, f"{len(failures)} disagreements:\n" + "\n".join(failures[:30])
    assert verdicts == {True, False}


def _json_values() -> st.SearchStrategy[Any]:
    keys = st.sampled_from(["a", "x-e", "name", "path", "target", "soft", "bogus", "1"])
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-3000, 3000)
        | st.floats(allow_nan=False, allow_infinity=False, width=32)
        | st.sampled_from(["", "x", "all", "Z", "host", "sync", "every_5m", "a b"])
        | st.just(Timestamp("2001-12-14"))
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=6,
    )


def test_random_values_agree_with_official(official: Any) -> None:
    walker = _Official(official.schema)
    locations = sorted(walker.locations(), key=lambda p: [str(c) for c in p])[1:]

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(st.sampled_from(locations), _json_values())
    def agree(path: tuple[str | int, ...], value: Any) -> None:
        doc: dict[str, Any] = {"services": {"s": {"image": "x"}}}
        if walker.put(doc, path, value) is None or _known_difference(doc):
            return
        want, got, consistent = _agree(official, doc)
        assert (want, consistent) == (got, True), json.dumps(doc, default=str)

    agree()


def test_known_difference_follows_reference() -> None:
    doc = {
        "services": {"a": {"image": "x", "models": {"m": None}}},
        "models": {"m": {"model": "x"}},
    }
    assert check(doc) == []


def test_extensions_are_free_everywhere() -> None:
    doc: dict[str, Any] = {
        "x-top": {"anything": [Timestamp("2001-12-14")]},
        "services": {
            "a": {
                "image": "x",
                "x-svc": 1,
                "build": {"context": ".", "x-b": None},
                "deploy": {"x-d": 1, "resources": {"x-r": 1, "limits": {"x-l": 1}}},
                "develop": {"x-w": 1, "watch": [{"path": ".", "action": "sync", "x-i": 1}]},
                "networks": {"n": {"x-n": 1}},
            }
        },
        "networks": {"n": {"x-n": 1, "ipam": {"x-i": 1, "config": [{"subnet": "10.0.0.0/8"}]}}},
        "volumes": {"v": {"x-v": 1}},
        "secrets": {"s": {"file": "f", "x-s": 1}},
        "configs": {"c": {"file": "f", "x-c": 1}},
        "models": {"m": {"model": "x", "x-m": 1}},
    }
    assert check(doc) == []


# -- 3. exact messages ---------------------------------------------------------------

# Every expected message below was printed by the reference after "validating <file>: ".
S = "services:\n  a:\n    image: x\n"
MESSAGES: list[tuple[str, str, str]] = [
    (
        "unknown-key",
        "services:\n  a:\n    imagee: x\n",
        "services.a additional properties 'imagee' not allowed",
    ),
    ("unknown-top", S + "foo: 1\n", " additional properties 'foo' not allowed"),
    ("ports-type", S + "    ports: 1\n", "services.a.ports must be a array"),
    ("user-type", S + "    user: 1\n", "services.a.user must be a string"),
    (
        "depends-enum",
        S + "    depends_on:\n      b:\n        condition: x\n  b:\n    image: x\n",
        "services.a.depends_on.b.condition value must be one of 'service_started', "
        "'service_healthy', 'service_completed_successfully'",
    ),
    (
        "container-name",
        S + "    container_name: c\n",
        "services.a.container_name 'c' does not match pattern '[a-zA-Z0-9][a-zA-Z0-9_.-]+'",
    ),
    (
        "security-opt-dup",
        S + "    security_opt: [a, a]\n",
        "services.a.security_opt items at 0 and 1 are equal",
    ),
    (
        "label-timestamp",
        S + "    labels:\n      released: 2001-12-14\n",
        "services.a.labels.released invalid jsonType time.Time",
    ),
    (
        "pull-policy",
        S + "    pull_policy: x\n",
        "services.a.pull_policy 'x' does not match pattern "
        "'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+'",
    ),
    ("build-int", S + "    build: 5\n", "services.a.build must be a string"),
    (
        "bad-service-name",
        "services:\n  bad name!:\n    image: x\n",
        "services additional properties 'bad name!' not allowed",
    ),
    ("null-service", "services:\n  a:\n", "services.a must be a mapping"),
    ("cpus-list", S + "    cpus: [1]\n", "services.a.cpus must be a number or string"),
    (
        "ulimits-soft-only",
        S + "    ulimits:\n      nofile:\n        soft: 1\n",
        "services.a.ulimits.nofile must be a integer or string",
    ),
    (
        "depends-missing-condition",
        S + "    depends_on:\n      b:\n        required: true\n  b:\n    image: x\n",
        "services.a.depends_on.b missing property 'condition'",
    ),
    (
        "watch-missing-two",
        S + "    develop:\n      watch:\n        - target: /x\n",
        "services.a.develop.watch.0 missing properties 'path', 'action'",
    ),
    ("gpus-enum", S + "    gpus: some\n", "services.a.gpus value must be 'all'"),
    (
        "oom-score-range",
        S + "    oom_score_adj: -5000\n",
        "services.a.oom_score_adj must be a string",
    ),
    ("cpu-percent-range", S + "    cpu_percent: 200\n", "services.a.cpu_percent must be a string"),
    (
        "limits-cpus",
        S + "    deploy:\n      resources:\n        limits:\n          cpus: []\n",
        "services.a.deploy.resources.limits.cpus must be a number or string",
    ),
    (
        "ipam-unknown",
        S
        + "networks:\n  n:\n    ipam:\n      config:\n"
        + "        - subnet: 10.0.0.0/24\n          bogus: 1\n",
        "networks.n.ipam.config.0 additional properties 'bogus' not allowed",
    ),
    (
        "deeper-wins",
        S + "    user: 1\n    healthcheck:\n      retries: []\n",
        "services.a.healthcheck.retries must be a number or string",
    ),
    (
        "nested-unknown-wins",
        "services:\n  a:\n    imagee: x\n    build:\n      context: .\n      foo: 1\n",
        "services.a.build additional properties 'foo' not allowed",
    ),
    (
        "property-before-unknown",
        "services:\n  a:\n    imagee: x\n    user: 1\n",
        "services.a.user must be a string",
    ),
    (
        "unique-first-later",
        S + "    security_opt: [a, b, b, a]\n",
        "services.a.security_opt items at 1 and 2 are equal",
    ),
    ("name-type", S + "name: 1\n", "name must be a string"),
    (
        "entrypoint-timestamp",
        S + "    entrypoint: [2001-12-14]\n",
        "services.a.entrypoint.0 invalid jsonType time.Time",
    ),
    (
        "external-types",
        S + "volumes:\n  v:\n    external: 5\n",
        "volumes.v.external must be a boolean, mapping or string",
    ),
    ("version-type", "version: 3\n" + S, "version must be a string"),
    (
        "swappiness-float",
        S + "    mem_swappiness: 1.5\n",
        "services.a.mem_swappiness must be a integer or string",
    ),
    (
        "secret-unknown",
        S + "secrets:\n  s:\n    file: ./x\n    bogus: 1\n",
        "secrets.s additional properties 'bogus' not allowed",
    ),
    ("model-required", S + "models:\n  m: {}\n", "models.m missing property 'model'"),
    (
        "volume-type-enum",
        S + "    volumes:\n      - type: nope\n        target: /x\n",
        "services.a.volumes.0.type value must be one of "
        "'bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'",
    ),
    (
        "volume-missing-type",
        S + "    volumes:\n      - target: /x\n",
        "services.a.volumes.0 must be a string",
    ),
    (
        "tmpfs-size-negative",
        S
        + "    volumes:\n      - type: tmpfs\n        target: /x\n"
        + "        tmpfs:\n          size: -1\n",
        "services.a.volumes.0.tmpfs.size must be greater than or equal to 0",
    ),
    (
        "cgroup-enum",
        S + "    cgroup: x\n",
        "services.a.cgroup value must be one of 'host', 'private'",
    ),
    (
        "healthcheck-test",
        S + "    healthcheck:\n      test: 1\n",
        "services.a.healthcheck.test must be a string",
    ),
    (
        "top-services-null-ok-other",
        S + "networks:\n  n:\n    driver_opts:\n      a: [1]\n",
        "networks.n.driver_opts.a must be a number or string",
    ),
    (
        "logging-options",
        S + "    logging:\n      options:\n        a: []\n",
        "services.a.logging.options.a must be a null, number or string",
    ),
    (
        "quote-escape",
        S + '    container_name: "a\'"\n',
        "services.a.container_name 'a\\'' does not match pattern '[a-zA-Z0-9][a-zA-Z0-9_.-]+'",
    ),
    (
        "quote-control",
        S + '    container_name: "\\ta"\n',
        "services.a.container_name '\\ta' does not match pattern '[a-zA-Z0-9][a-zA-Z0-9_.-]+'",
    ),
    (
        "group-add-dup",
        S + '    group_add: [1, "1", 1.0]\n',
        "services.a.group_add items at 0 and 2 are equal",
    ),
    (
        "blkio-unknown",
        S + "    blkio_config:\n      x-a: 1\n",
        "services.a.blkio_config additional properties 'x-a' not allowed",
    ),
    (
        "deploy-null-ok-bad-mode",
        S + "    deploy:\n      update_config:\n        order: x\n",
        "services.a.deploy.update_config.order value must be one of 'start-first', 'stop-first'",
    ),
    (
        "provider-required",
        "services:\n  a:\n    provider:\n      options: {}\n",
        "services.a.provider missing property 'type'",
    ),
    (
        "service-models-bad",
        S + "    models:\n      m: 1\nmodels:\n  m:\n    model: x\n",
        "services.a.models.m must be a mapping",
    ),
]


@pytest.mark.parametrize(
    ("yaml_text", "expected"), [c[1:] for c in MESSAGES], ids=[c[0] for c in MESSAGES]
)
def test_message(yaml_text: str, expected: str) -> None:
    found = check(_load_yaml(yaml_text))
    assert found, "expected a violation"
    assert found[0].message == expected


def test_unknown_keys_listed_in_document_order() -> None:
    # The reference lists them in a random rotation of this order.
    doc = {"services": {"a": {"zz": 1, "image": "x", "yy": 2}}}
    (v,) = check(doc)
    assert v.message == "services.a additional properties 'zz', 'yy' not allowed"
    assert v.path == ("services", "a")
    assert v.key == "zz"


def test_all_violations_reported_deepest_first() -> None:
    doc = {
        "foo": 1,
        "services": {"a": {"image": 1, "build": {"context": ".", "bogus": 1}, "ports": 5}},
    }
    messages = [v.message for v in check(doc)]
    assert messages == [
        "services.a.build additional properties 'bogus' not allowed",
        "services.a.image must be a string",
        "services.a.ports must be a array",
        " additional properties 'foo' not allowed",
    ]


def test_one_violation_per_failure() -> None:
    doc = {"services": {"a": {"image": "x", "cgroup": 5, "develop": {"watch": [{"target": "/x"}]}}}}
    assert [v.message for v in check(doc)] == [
        "services.a.develop.watch.0 missing properties 'path', 'action'",
        "services.a.cgroup must be a string",
    ]


def test_ties_settled_by_document_order() -> None:
    # The reference picks either at random (Go map order); we pick the first written.
    first = check({"services": {"a": {"user": 1, "ports": 1}}})[0]
    second = check({"services": {"a": {"ports": 1, "user": 1}}})[0]
    assert first.message == "services.a.user must be a string"
    assert second.message == "services.a.ports must be a array"


def test_paths_are_tuples_with_indexes() -> None:
    (v,) = check({"services": {"a": {"image": "x", "entrypoint": ["ok", 5]}}})
    assert v.path == ("services", "a", "entrypoint", 1)
    assert v.message == "services.a.entrypoint.1 must be a string"


def test_valid_document_has_no_violation() -> None:
    assert check({"services": {"a": {"image": "x"}}}) == []
    assert check({}) == []


@pytest.mark.skipif(_reference_binary() is None, reason="reference binary not installed")
@pytest.mark.parametrize(
    "case_id",
    [
        "unknown-key",
        "unknown-top",
        "label-timestamp",
        "ulimits-soft-only",
        "watch-missing-two",
        "nested-unknown-wins",
        "property-before-unknown",
        "unique-first-later",
        "quote-escape",
        "external-types",
    ],
)
def test_message_matches_live_reference(case_id: str) -> None:
    binary = _reference_binary()
    assert binary is not None
    yaml_text = next(c[1] for c in MESSAGES if c[0] == case_id)
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "compose.yaml"
        f.write_text(yaml_text, "utf-8")
        proc = subprocess.run(
            [str(binary), "config", "-q"],
            cwd=d,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "HOME": d},
            timeout=60,
            check=False,
        )
        prefix = f"validating {os.path.realpath(f)}: "
        err = proc.stderr.strip()
        assert proc.returncode == 1
        assert err.startswith(prefix), err
        reference = err[len(prefix) :]
    ours = check(_load_yaml(yaml_text))
    assert ours and ours[0].message == reference


# -- 4. hints ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "key", "hint"),
    [
        ({"services": {"a": {"imagee": "x"}}}, "imagee", "did you mean 'image'?"),
        ({"services": {"a": {"image": "x", "enviroment": {}}}}, "enviroment",
         "did you mean 'environment'?"),
        ({"services": {"a": {"image": "x", "depend_on": []}}}, "depend_on",
         "did you mean 'depends_on'?"),
        ({"servics": {}}, "servics", "did you mean 'services'?"),
        ({"services": {"a": {"image": "x", "build": {"dockefile": "D"}}}}, "dockefile",
         "did you mean 'dockerfile'?"),
        ({"networks": {"n": {"drivr": "bridge"}}}, "drivr", "did you mean 'driver'?"),
    ],
)  # fmt: skip
def test_did_you_mean(doc: dict[str, Any], key: str, hint: str) -> None:
    v = check(doc)[0]
    assert v.key == key
    assert v.hint == hint


def test_hint_for_bad_name() -> None:
    (v,) = check({"services": {"bad name!": {"image": "x"}}})
    assert v.key == "bad name!"
    assert v.hint == "names may only contain letters, digits, '.', '_' and '-'"


def test_no_hint_for_unrelated_key() -> None:
    v = check({"services": {"a": {"image": "x", "qqqqqqq": 1}}})[0]
    assert v.hint is None


def test_type_hint_and_timestamp_hint() -> None:
    (v,) = check({"services": {"a": {"image": "x", "ports": "80"}}})
    assert v.hint == "expected a list"
    (w,) = check({"services": {"a": {"image": "x", "cpus": []}}})
    assert w.hint == "expected a number or a string"
    (t,) = check({"services": {"a": {"image": Timestamp("2001-12-14")}}})
    assert t.message == "services.a.image invalid jsonType time.Time"
    assert t.hint is not None and '"2001-12-14"' in t.hint


# -- speed ---------------------------------------------------------------------------


def _big(n: int) -> dict[str, Any]:
    services = {}
    for i in range(n):
        services[f"svc{i}"] = {
            "image": f"registry.example.com/app{i}:1.{i}",
            "environment": {"A": f"v{i}", "PORT": str(8000 + i % 1000)},
            "ports": [f"{8000 + i % 1000}:80", {"target": 443, "published": "9443"}],
            "volumes": [f"data{i}:/data", {"type": "bind", "source": "./c", "target": "/c"}],
            "deploy": {"resources": {"limits": {"cpus": "0.5", "memory": "256M"}}},
            "healthcheck": {"test": ["CMD", "true"], "interval": "30s", "retries": 3},
            "depends_on": {f"svc{i - 1}": {"condition": "service_started"}} if i else [],
        }
    return {"services": services, "volumes": {f"data{i}": {} for i in range(n)}}


def test_large_document_is_fast() -> None:
    import time

    doc = _big(5000)
    check({"services": {}})  # compile outside the measurement
    start = time.perf_counter()
    assert check(doc) == []
    valid_time = time.perf_counter() - start
    doc["services"]["svc2500"]["ports"] = 1
    start = time.perf_counter()
    found = check(doc)
    invalid_time = time.perf_counter() - start
    assert [v.message for v in found] == ["services.svc2500.ports must be a array"]
    # About 0.35 s each on a 2-CPU machine (plain jsonschema: 5-11 s); the bound leaves
    # room for a loaded machine while still catching a fall back to plain jsonschema.
    assert valid_time < 2.0
    assert invalid_time < 2.0


def test_schema_is_valid_draft7() -> None:
    import jsonschema

    jsonschema.Draft7Validator.check_schema(sch.load_schema())


def test_violation_is_frozen() -> None:
    v = SchemaViolation(path=("a",), key=None, message="m", hint=None)
    with pytest.raises(AttributeError):
        v.message = "x"  # type: ignore[misc]
