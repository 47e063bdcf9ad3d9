"""Unit and live differential tests for composecheck.load.interpolate."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from composecheck.load.interpolate import (
    InterpolationSyntaxError,
    MissingVariableError,
    Ref,
    go_quote,
    interpolate,
    unset_warning,
)

ENV = {"V": "x", "SET": "x", "EMPTY": "", "DOLLAR": "$SET ${SET}", "TAG": "1.0"}


def run(template: str, env: Mapping[str, str] = ENV) -> str:
    return interpolate(template, env.get)[0]


# ---------------------------------------------------------------------------
# The operator table: form -> (V set to "x", V empty, V unset).
OPERATOR_TABLE = [
    ("${V}", "x", "", ""),
    ("$V", "x", "", ""),
    ("${V:-d}", "x", "d", "d"),
    ("${V-d}", "x", "", "d"),
    ("${V:+a}", "a", "", ""),
    ("${V+a}", "a", "a", ""),
    ("${V:?msg}", "x", MissingVariableError, MissingVariableError),
    ("${V?msg}", "x", "", MissingVariableError),
]


def _cases() -> list[tuple[str, dict[str, str], object]]:
    cases: list[tuple[str, dict[str, str], object]] = []
    for form, when_set, when_empty, when_unset in OPERATOR_TABLE:
        cases.append((form, {"V": "x"}, when_set))
        cases.append((form, {"V": ""}, when_empty))
        cases.append((form, {}, when_unset))
    return cases


@pytest.mark.parametrize(("template", "env", "expected"), _cases())
def test_operator_table(template: str, env: dict[str, str], expected: object) -> None:
    if expected is MissingVariableError:
        with pytest.raises(MissingVariableError) as info:
            interpolate(template, env.get)
        assert str(info.value) == "required variable V is missing a value: msg"
        assert info.value.name == "V"
        assert info.value.message == "msg"
    else:
        assert interpolate(template, env.get)[0] == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # names: greedy, case-insensitive, [_a-z][_a-z0-9]*
        ("$V_tail", ""),
        ("$V.suffix", "x.suffix"),
        ("$V-x", "x-x"),
        ("${bad-name}", "name"),
        ("$set", ""),
        ("$_", ""),
        # earliest operator wins; the rest is the argument text
        ("${NOPE-x:-y}", "x:-y"),
        ("${NOPE:+x:-y}", ""),
        ("${SET:+x:-y}", "x:-y"),
        ("${SET?-x}", "x"),
        ("${NOPE-a?b}", "a?b"),
        # brace counting
        ("${NOPE:-{json}}", "{json}"),
        ("${NOPE-a}}", "a}"),
        ("${SET:-a}b}", "xb}"),
        ("{$V}", "{x}"),
        ("{${V}}", "{x}"),
        # Compose skips the character after each "{" while counting braces
        ("${NOPE:-{}}x}", "{}}x"),
        ("${SET:-{}}x}", "x"),
        ("${SET:-{{a}}}", "x}"),
        ("${NOPE:-{{a}}}", "{{a}}"),
        ("a${SET:-{}}x}", "ax"),
        # the argument of an operator runs to the last "}" of its line
        ("${NOPE-${SET}}${NOPE-z}}", "xz}"),
        ("${NOPE:-a}\n${NOPE:-b}}", "a\nb}"),
        ("${NOPE-x} and ${SET}", "x and x"),
        # nesting at any depth
        ("${A:-${B:-${C:-bottom}}}", "bottom"),
        ("${A:-${B:-${SET:-bottom}}}", "x"),
        ("${NOPE:-${EMPTY:-${EMPTY-kept}}}", ""),
        ("${V?$SET}", "x"),
        # escapes and literal dollars
        ("$$", "$"),
        ("$$V", "$V"),
        ("$${V}", "${V}"),
        ("$$$V", "$x"),
        ("${NOPE:-$$lit}", "$lit"),
        ("$1", "$1"),
        ("$ ", "$ "),
        ("$", "$"),
        ("a$", "a$"),
        ("$-", "$-"),
        ("$.x", "$.x"),
        ("$é", "$é"),
        # substituted values are never re-interpolated
        ("$DOLLAR", "$SET ${SET}"),
        ("${NOPE:-$DOLLAR}", "$SET ${SET}"),
        # Go's (?i)[a-z] also matches the Kelvin sign and the long s
        ("$\u212a", ""),
        ("${\u017f:-d}", "d"),
        ("no dollar at all", "no dollar at all"),
        ("", ""),
    ],
)
def test_template(template: str, expected: str) -> None:
    assert run(template) == expected


@pytest.mark.parametrize(
    ("template", "shown"),
    [
        ("${}", "${}"),
        ("${VAR", "${VAR"),
        ("pre ${ SPACED } post", "pre ${ SPACED } post"),
        ("${ X }", "${ X }"),
        ("${1A}", "${1A}"),
        ("${A.B}", "${A.B}"),
        ("${V:x}", "${V:x}"),
        ("${V:}", "${V:}"),
        ("${V:-x", "${V:-x"),
        ("$${V}${", "$${V}${"),
        # an operator's argument cannot span lines
        ("${NOPE:-a\nb}", "${NOPE:-a\nb}"),
        # Compose shows only the nested text it was working on
        ("x ${NOPE:-${ BAD }} y", "${ BAD }"),
        ("x ${NOPE-a} ${ BAD } y", " ${ BAD }"),
        ("x ${NOPE-a} ${NOPE-b} ${ BAD } y", " ${ BAD }"),
        ("${NOPE-a} $$ ${NOPE:-${}} }\n${ BAD }", "${}} "),
        ("${NOPE-a}}\n${ BAD }", "${NOPE-a}}\n${ BAD }"),
    ],
)
def test_syntax_errors(template: str, shown: str) -> None:
    with pytest.raises(InterpolationSyntaxError) as info:
        interpolate(template, ENV.get)
    assert info.value.template == shown
    assert str(info.value) == f"Invalid template: {go_quote(shown)}"
    assert info.value.format("services.app.environment.BROKEN") == (
        "invalid interpolation format for services.app.environment.BROKEN.\n"
        f"You may need to escape any $ with another $.\n{shown}"
    )


@pytest.mark.parametrize(
    ("template", "env", "text"),
    [
        (
            "${APP_VERSION:?APP_VERSION must be set for release}",
            {},
            "required variable APP_VERSION is missing a value: APP_VERSION must be set for release",
        ),
        ("${EMPTY_VAR:?}", {"EMPTY_VAR": ""}, "required variable EMPTY_VAR is missing a value"),
        ("${EMPTY_VAR?}", {}, "required variable EMPTY_VAR is missing a value"),
        (
            "${OWNER:?owner missing for $PLATFORM}",
            {"PLATFORM": "platform"},
            "required variable OWNER is missing a value: owner missing for platform",
        ),
        # eager evaluation of unused arguments
        (
            "${TAG:-${FALLBACK:?inner required}}",
            {"TAG": "1"},
            "required variable FALLBACK is missing a value: inner required",
        ),
        ("${SET:+${UNSET:?x}}", {"SET": "1"}, "required variable UNSET is missing a value: x"),
        (
            "${SET:?${UNSET:?inner}}",
            {"SET": "1"},
            "required variable UNSET is missing a value: inner",
        ),
        # the first error in reading order wins
        ("${A:?first} ${B:?second}", {}, "required variable A is missing a value: first"),
    ],
)
def test_missing_variable(template: str, env: dict[str, str], text: str) -> None:
    with pytest.raises(MissingVariableError) as info:
        interpolate(template, env.get)
    assert str(info.value) == text


def test_syntax_error_before_missing_in_reading_order() -> None:
    with pytest.raises(InterpolationSyntaxError):
        interpolate("${} ${A:?x}", ENV.get)
    with pytest.raises(MissingVariableError):
        interpolate("${A:?x} ${}", ENV.get)


@pytest.mark.parametrize(
    ("template", "env", "refs"),
    [
        ("plain", {}, []),
        ("$$NOPE", {}, []),
        ("$NOPE", {}, [Ref("NOPE", None, True)]),
        ("${NOPE}", {}, [Ref("NOPE", None, True)]),
        ("${SET}", {"SET": "1"}, [Ref("SET", "1", False)]),
        ("${EMPTY}", {"EMPTY": ""}, [Ref("EMPTY", "", False)]),
        ("${NOPE:-d}", {}, [Ref("NOPE", None, False)]),
        ("${NOPE-d}", {}, [Ref("NOPE", None, False)]),
        ("${NOPE:+d}", {}, [Ref("NOPE", None, False)]),
        ("${NOPE+d}", {}, [Ref("NOPE", None, False)]),
        ("${NOPE?d}", {"NOPE": "v"}, [Ref("NOPE", "v", False)]),
        # arguments are evaluated (and warn) first, even when unused
        (
            "${SET:-$OTHER}",
            {"SET": "1"},
            [Ref("OTHER", None, True), Ref("SET", "1", False)],
        ),
        (
            "$A ${B:-${C}} $A",
            {},
            [
                Ref("A", None, True),
                Ref("C", None, True),
                Ref("B", None, False),
                Ref("A", None, True),
            ],
        ),
    ],
)
def test_refs(template: str, env: dict[str, str], refs: list[Ref]) -> None:
    assert interpolate(template, env.get)[1] == refs


def test_unset_warning() -> None:
    assert unset_warning("NOT_DEFINED") == (
        'The "NOT_DEFINED" variable is not set. Defaulting to a blank string.'
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("abc", '"abc"'),
        ('a"b\\c', '"a\\"b\\\\c"'),
        ("\n\t\r\a\b\f\v", '"\\n\\t\\r\\a\\b\\f\\v"'),
        ("\x00\x7f", '"\\x00\\x7f"'),
        ("\xa0é\u200b", '"\\u00a0é\\u200b"'),
        ("\U0001f600\U000e0001", '"\U0001f600\\U000e0001"'),
    ],
)
def test_go_quote(text: str, quoted: str) -> None:
    assert go_quote(text) == quoted


def test_lookup_not_called_without_dollar() -> None:
    def boom(name: str) -> str | None:
        raise AssertionError(name)

    assert interpolate("x" * 1000, boom) == ("x" * 1000, [])


def test_long_line_of_operators_does_not_recurse() -> None:
    template = "${NOPE:-a}" * 5000 + "}"
    assert run(template) == "a" * 5000 + "}"


# ---------------------------------------------------------------------------
# Live differential tests against the reference binary.


def _reference() -> pathlib.Path:
    try:
        import compose
    except ImportError:
        pytest.skip("reference docker-compose not installed")
    binary = pathlib.Path(compose.__file__).parent / "docker-compose"
    if not binary.is_file():
        pytest.skip("reference docker-compose not found")
    return binary


_WARNING = re.compile(r'The \\"(.+?)\\" variable is not set')


def reference_labels(
    tmp: pathlib.Path, templates: list[str], env: Mapping[str, str]
) -> tuple[dict[str, str] | str, set[str]]:
    """Labels l0..lN rendered by the reference (or its error text), and the warned names."""
    binary = _reference()
    tmp.mkdir(parents=True, exist_ok=True)
    labels = {f"l{i}": t for i, t in enumerate(templates)}
    doc = {"services": {"app": {"image": "busybox", "labels": labels}}}
    (tmp / "compose.json").write_text(json.dumps(doc))
    proc = subprocess.run(
        [str(binary), "-f", "compose.json", "config", "--format", "json"],
        cwd=tmp,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    warned = set(_WARNING.findall(proc.stderr))
    if proc.returncode != 0:
        # The reference ends its message with one newline; the value may end with more.
        text = proc.stderr[:-1] if proc.stderr.endswith("\n") else proc.stderr
        lines = text.split("\n")
        return "\n".join(x for x in lines if not x.startswith("time=")), warned
    rendered = json.loads(proc.stdout)["services"]["app"].get("labels", {})
    return {k: v.replace("$$", "$") for k, v in rendered.items()}, warned


def ours_or_error(template: str, env: Mapping[str, str], path: str) -> tuple[str, set[str]]:
    """Our result, or the reference's full error text for this label."""
    try:
        value, refs = interpolate(template, env.get)
    except InterpolationSyntaxError as exc:
        return exc.format(path), set()
    except MissingVariableError as exc:
        return f"error while interpolating {path}: {exc}", set()
    return value, {r.name for r in refs if r.warn}


LIVE_TEMPLATES = [
    "${V}",
    "$V",
    "${V:-d}",
    "${V-d}",
    "${V:+a}",
    "${V+a}",
    "${V?msg}",
    "${E}",
    "${E:-d}",
    "${E-d}",
    "${E:+a}",
    "${E+a}",
    "${E?m}",
    "${U:-d}",
    "${U-d}",
    "${U:+a}",
    "${U+a}",
    "$U_WARNED",
    "${U_BRACED_WARNED}",
    "$V_tail",
    "$V.suffix",
    "${bad-name}",
    "${U-x:-y}",
    "${U:+x:-y}",
    "${U:-{json}}",
    "${U-a}}",
    "${V:-a}b}",
    "{$V}",
    "${U:-{}}x}",
    "${V:-{}}x}",
    "${V:-{{a}}}",
    "${U:-{{a}}}",
    "${U-${V}}${U-z}}",
    "${U:-a}\n${U:-b}}",
    "${A:-${B:-${C:-bottom}}}",
    "${V:-$UNUSED_WARNS}",
    "${U:-$$lit}",
    "$$ $$V $${V} $$$V",
    "$1 $ $- $.x $é $",
    "$D",
    "${U:-$D}",
    "$\u212a ${\u017f:-longs}",
    "${V?}",
    "${E?}",
    "a}b{c${V}d}",
]
LIVE_ENV = {"V": "x", "E": "", "D": "$V ${V} $$", "K": "kelvin"}

LIVE_ERRORS = [
    ("${}", {}),
    ("${VAR", {}),
    ("pre ${ SPACED } post", {}),
    ("${1A}", {}),
    ("${A.B}", {}),
    ("${V:x}", {}),
    ("${V:}", {}),
    ("${U:-a\nb}", {}),
    ("x ${U:-${ BAD }} y", {}),
    ("x ${U-a} ${ BAD } y", {}),
    ("x ${U-a} ${U-b} ${ BAD } y", {}),
    ("${U-a} $$ ${U:-${}} }\n${ BAD }", {}),
    ("${U-a}}\n${ BAD }", {}),
    ("${U:?must be set for $V}", {"V": "release"}),
    ("${U:?}", {}),
    ("${E:?}", {"E": ""}),
    ("${TAG:-${FALLBACK:?inner required}}", {"TAG": "1"}),
    ("${SET:+${UNSET:?x}}", {"SET": "1"}),
]


def test_live_table(tmp_path: pathlib.Path) -> None:
    reference, warned = reference_labels(tmp_path, LIVE_TEMPLATES, LIVE_ENV)
    assert isinstance(reference, dict), reference
    ours_warned: set[str] = set()
    for i, template in enumerate(LIVE_TEMPLATES):
        value, names = ours_or_error(template, LIVE_ENV, f"services.app.labels.l{i}")
        ours_warned |= names
        assert reference[f"l{i}"] == value, template
    assert warned == ours_warned


@pytest.mark.parametrize(("template", "env"), LIVE_ERRORS)
def test_live_errors(tmp_path: pathlib.Path, template: str, env: dict[str, str]) -> None:
    reference, _ = reference_labels(tmp_path, [template], env)
    ours, _ = ours_or_error(template, env, "services.app.labels.l0")
    assert reference == ours


# Grammar for generated templates: literal text (with stray braces, operator
# characters and newlines), $$, $NAME, ${NAME} and ${NAME<op>nested}.
_NAMES = st.sampled_from(["A", "B", "C", "a", "_x", "A1", "AB", "U"])
_OPS = st.sampled_from([":-", "-", ":+", "+", ":?", "?"])
_LITERAL = st.text(alphabet="ab -+:?{}.1é\n", min_size=1, max_size=4)
_LEAF = st.one_of(
    _LITERAL,
    st.just("$$"),
    st.just("$"),
    st.just("$1"),
    _NAMES.map(lambda n: "$" + n),
    _NAMES.map(lambda n: "${" + n + "}"),
)


def _braced(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    body = st.lists(inner, max_size=3).map("".join)
    return st.builds(lambda n, op, b: "${" + n + op + b + "}", _NAMES, _OPS, body)


_TEMPLATE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(_braced(inner), st.lists(inner, min_size=2, max_size=4).map("".join)),
    max_leaves=10,
)
_VALUE = st.sampled_from(["x", "", "$A", "}", "{", "a b", "${B}"])
_ENV = st.dictionaries(st.sampled_from(["A", "B", "C", "a", "_x", "A1", "AB"]), _VALUE)


@settings(
    max_examples=6,
    deadline=None,
    # Shrinking would rerun the reference hundreds of times; the report of an
    # unshrunk batch is readable enough.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(templates=st.lists(_TEMPLATE, min_size=60, max_size=60), env=_ENV)
def test_live_generated(tmp_path: pathlib.Path, templates: list[str], env: dict[str, str]) -> None:
    _reference()
    ok: list[str] = []
    failing: list[str] = []
    for template in templates:
        try:
            interpolate(template, env.get)
        except (InterpolationSyntaxError, MissingVariableError):
            failing.append(template)
        else:
            ok.append(template)
    run_dir = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    reference, warned = reference_labels(run_dir, ok, env)
    assert isinstance(reference, dict), (reference, ok)
    ours_warned: set[str] = set()
    for i, template in enumerate(ok):
        value, names = ours_or_error(template, env, f"services.app.labels.l{i}")
        ours_warned |= names
        assert reference[f"l{i}"] == value, template
    assert warned == ours_warned
    # Each failing template needs a run of its own (the reference stops at one
    # error, picked in random order); check a few.
    for template in failing[:2]:
        reference_error, _ = reference_labels(run_dir, [template], env)
        assert reference_error == ours_or_error(template, env, "services.app.labels.l0")[0]
