"""Unit and live differential tests for composecheck.load.dotenv (Compose's .env dialect)."""

from __future__ import annotations

import io
import json
import pathlib
import re
import subprocess
import sys
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from composecheck.load.dotenv import DotenvError, EnvEntry, parse_dotenv
from composecheck.load.interpolate import Ref


def values(text: str, env: Mapping[str, str] | None = None, *, raw: bool = False) -> dict[str, str]:
    """Last-wins mapping of a parse, as the caller builds it."""
    return {e.key: e.value for e in parse_dotenv(text, (env or {}).get, raw=raw)}


def error(text: str, env: Mapping[str, str] | None = None, *, raw: bool = False) -> DotenvError:
    with pytest.raises(DotenvError) as info:
        parse_dotenv(text, (env or {}).get, raw=raw)
    return info.value


# ---------------------------------------------------------------------------
# Syntax (checklist section 2).


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("\n\n  \n", {}),
        ("\ufeffA=1\n", {"A": "1"}),
        ("# comment\n  # indented comment\nA=1", {"A": "1"}),
        ("#only a comment", {}),
        ("export A=1\n", {"A": "1"}),
        ("export\tA=1\n", {"A": "1"}),
        ("exportA=1\n", {"exportA": "1"}),
        ("export=1\n", {"export": "1"}),
        ("A: v\n", {"A": "v"}),
        ("A:v\n", {"A": "v"}),
        ("A:B=c\n", {"A": "B=c"}),
        ("A=b:c\n", {"A": "b:c"}),
        ("  A  =  v  \n", {"A": "v"}),
        ("dotted.key=1\ndash-key=2\nbr[0]=3\n", {"dotted.key": "1", "dash-key": "2", "br[0]": "3"}),
        ("1A=b\n", {"1A": "b"}),
        ("é=1\n\u0663=2\n", {"é": "1", "\u0663": "2"}),
        # a tab (not a space) inside a key is accepted
        ("A\tB=1\n", {"A\tB": "1"}),
        # unquoted values
        ("A=v # c\n", {"A": "v"}),
        ("A= #x\n", {"A": "#x"}),
        ("A=v#x\n", {"A": "v#x"}),
        ("A=a\t#c\n", {"A": "a\t#c"}),
        ("A=a  b  \n", {"A": "a  b"}),
        ("A=v\r\nB=w\r\n", {"A": "v", "B": "w"}),
        ("A=1\rB=2\n", {"A": "1\rB=2"}),
        ("A=a\\nb\n", {"A": "a\\nb"}),
        ("A=\nB=2\n", {"A": "", "B": "2"}),
        ("A=", {"A": ""}),
        ("A=x'\n", {"A": "x'"}),
        ('A=x"y"\n', {"A": 'x"y"'}),
        # single quotes: literal, only \' is an escape, may span lines
        ("A='$SET ${SET} $$'\n", {"A": "$SET ${SET} $$"}),
        ("A='a\\'b'\n", {"A": "a'b"}),
        ("A='a\\\\b'\n", {"A": "a\\\\b"}),
        ("A='a\\nb'\n", {"A": "a\\nb"}),
        ("A='x\ny'\n", {"A": "x\ny"}),
        ("A=' x ' # c\n", {"A": " x "}),
        ("A='a\"b'\n", {"A": 'a"b'}),
        # double quotes: escapes, then expansion
        ('A="a\\nb\\tc\\rd"\n', {"A": "a\nb\tc\rd"}),
        ('A="\\a\\b\\f\\v"\n', {"A": "\a\b\f\v"}),
        ('A="\\"q\\" \\\\"\n', {"A": '"q" \\'}),
        ('A="\\$SET $SET"\n', {"A": "$SET x"}),
        ('A="$$SET"\n', {"A": "$SET"}),
        ('A="\\0101\\0102C"\n', {"A": "ABC"}),
        ('A="\\01011"\n', {"A": "A1"}),
        ('A="\\0351"\n', {"A": "é"}),
        # an invalid \0 escape loses its 0
        ('A="\\0 \\01 \\012 \\0777 \\0089"\n', {"A": "\\ \\1 \\12 \\777 \\089"}),
        ('A="\\x41\\u0041\\101\\c\\q\\\'"\n', {"A": "\\x41\\u0041\\101\\c\\q\\'"}),
        ('A="x\ny"\n', {"A": "x\ny"}),
        ('A="a" # c\n', {"A": "a"}),
        ('A="a"#c\n', {"A": "a"}),
        # after a closing quote the rest of the line is a new statement
        ('A="v" B=2\n', {"A": "v", "B": "2"}),
        ('A="v"SET\n', {"A": "v", "SET": "x"}),
        ('A="v"junk\n', {"A": "v"}),
        # a statement without separator nor newline before EOF is a value of key ""
        ('A="v"junk', {"A": "v", "": "junk"}),
        ("NOPE", {"": "NOPE"}),
        ("A='v'=x\n", {"A": "v", "": "x"}),
        ("=x\n", {"": "x"}),
        # bare keys take the value from the lookup, else are absent
        ("SET\n", {"SET": "x"}),
        ("EMPTY\n", {"EMPTY": ""}),
        ("NOPE\n", {}),
        ("export SET\n", {"SET": "x"}),
        ("A=1\nA\n", {"A": "1"}),
        ("export\nA=1\n", {"A": "1"}),
        # expansion: lookup first, then keys defined earlier
        ("A=$SET ${SET} ${EMPTY:-d} ${NOPE-d} ${SET:+alt}\n", {"A": "x x d d alt"}),
        ("A=1\nB=${A}$A\n", {"A": "1", "B": "11"}),
        ("SET=file\nB=$SET\n", {"SET": "file", "B": "x"}),
        ("B=$LATER\nLATER=1\n", {"B": "", "LATER": "1"}),
        ("A=1\nA=2\nB=$A\n", {"A": "2", "B": "2"}),
        ("A=$$SET\n", {"A": "$SET"}),
        ("A=${NOPE:-a} #c\n", {"A": "a"}),
        ("A=1\nB=\"${A}\" C='${A}'\n", {"A": "1", "B": "1", "C": "${A}"}),
    ],
)
def test_values(text: str, expected: dict[str, str]) -> None:
    assert values(text, {"SET": "x", "EMPTY": ""}) == expected


def test_entries_keep_order_duplicates_and_positions() -> None:
    text = "\ufeffA=1\n  export B='x\ny'\n# c\nA=2\n\tC\n"
    assert parse_dotenv(text, {"C": "c"}.get) == [
        EnvEntry("A", "1", 1, 1),
        EnvEntry("B", "x\ny", 2, 10),
        EnvEntry("A", "2", 5, 1),
        EnvEntry("C", "c", 6, 2),
    ]


def test_entries_refs_carry_unset_warnings() -> None:
    entries = parse_dotenv("A=$NOPE ${SET:-$ALSO}\nB=${A}\n", {"SET": "x"}.get)
    assert entries[0].refs == (
        Ref("NOPE", None, True),
        Ref("ALSO", None, True),
        Ref("SET", "x", False),
    )
    assert entries[1].refs == (Ref("A", " x", False),)


def test_lookup_comes_before_earlier_keys() -> None:
    seen: list[str] = []

    def lookup(name: str) -> str | None:
        seen.append(name)
        return "outer" if name == "A" else None

    assert values("A=file\nB=$A\nC=$B\n", {"A": "outer"}) == {
        "A": "file",
        "B": "outer",
        "C": "outer",
    }
    parse_dotenv("A=file\nB=$A\n", lookup)
    assert seen == ["A"]


def test_fallback_comes_after_keys_of_this_text() -> None:
    earlier = {"A": "from-file1", "B": "from-file1"}
    entries = parse_dotenv("A=2\nX=$A $B\nB\n", {"SET": "x"}.get, fallback=earlier.get)
    assert {e.key: e.value for e in entries} == {"A": "2", "X": "2 from-file1", "B": "from-file1"}
    entries = parse_dotenv("X=$A\n", {"A": "process"}.get, fallback=earlier.get)
    assert entries[0].value == "process"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("A=1\nMY KEY=v\n", "line 2: key cannot contain a space", 2),
        ("MY KEY\n", "line 1: key cannot contain a space", 1),
        (
            'A=1\n\n\nB="never closed\nC=3\n\n',
            'line 7: unterminated quoted value "never closed',
            7,
        ),
        ("A='x", "line 1: unterminated quoted value 'x", 1),
        ("A='x\\'", "line 1: unterminated quoted value 'x\\'", 1),
        ("A*B=c\n", 'line 1: unexpected character "*" in variable name "A*B=c"', 1),
        ("\n\nexport A*B=c\nD=1", 'line 3: unexpected character "*" in variable name "A*B=c"', 3),
        ("'A'=1\n", 'line 1: unexpected character "\'" in variable name "\'A\'=1"', 1),
        ('"A"=1\n', 'line 1: unexpected character "\\"" in variable name "\\"A\\"=1"', 1),
        ("\x1cA=1\n", 'line 1: unexpected character "\\x1c" in variable name "\\x1cA=1"', 1),
        ("A$=1\n", 'line 1: unexpected character "$" in variable name "A$=1"', 1),
        ("export ", "zero length string", None),
        (
            "DB_HOST=${DB_HOST:?DB_HOST required}\n",
            "required variable DB_HOST is missing a value: DB_HOST required",
            1,
        ),
        # Compose's text names no line for a template error; ours locates its value.
        ("A=${NOPE?}\n", "required variable NOPE is missing a value", 1),
        ('A="${NOPE:?in quotes}"\n', "required variable NOPE is missing a value: in quotes", 1),
        ("A=${ BAD }\n", 'Invalid template: "${ BAD }"', 1),
        ("\nA=1\nB=${NOPE:-${ BAD }}\n", 'Invalid template: "${ BAD }"', 3),
        ('A="${NOPE:-a\\nb}"\n', 'Invalid template: "${NOPE:-a\\nb}"', 1),
    ],
)
def test_errors(text: str, message: str, line: int | None) -> None:
    exc = error(text)
    assert str(exc) == message
    assert exc.line == line
    assert exc.format("/p/.env") == f"failed to read /p/.env: {message}"


def test_single_quoted_values_are_not_expanded() -> None:
    assert values("A='${NOPE:?never checked}'\n") == {"A": "${NOPE:?never checked}"}


# ---------------------------------------------------------------------------
# env_file format: raw (docker run --env-file syntax, verified against the reference).


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A=1\n", {"A": "1"}),
        ('B="x" # c\n', {"B": '"x" # c'}),
        ("F='q'\n", {"F": "'q'"}),
        ("C=$SET ${SET} $$\n", {"C": "$SET ${SET} $$"}),
        ("D= e \n", {"D": " e "}),
        ("  D=e\n", {"D": "e"}),
        ("\u3000\xa0D=e\n", {"D": "e"}),
        ("E==x\r\n", {"E": "=x"}),
        ("A=x\r\r\n", {"A": "x\r"}),
        ("G=a\\nb\n", {"G": "a\\nb"}),
        ("#c\n \t# c2\n\n", {}),
        ("SET\nEMPTY\nNOPE\n", {"SET": "x", "EMPTY": ""}),
        ("K:v\n", {}),
        ("A.b-c=1\n", {"A.b-c": "1"}),
        ("\ufeffA=1", {"A": "1"}),
        ("A\vB=1\n", {"A\vB": "1"}),
        ("\x1cJ=3\n", {"\x1cJ": "3"}),
    ],
)
def test_raw_values(text: str, expected: dict[str, str]) -> None:
    assert values(text, {"SET": "x", "EMPTY": ""}, raw=True) == expected


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("A=1\n=x\n", "no variable name on line '=x'", 2),
        ("  D = e\n", "variable 'D ' contains whitespaces", 1),
        ("A B=1\n", "variable 'A B' contains whitespaces", 1),
        ("A\tB=1\n", "variable 'A\tB' contains whitespaces", 1),
        ("export A=1\n", "variable 'export A' contains whitespaces", 1),
    ],
)
def test_raw_errors(text: str, message: str, line: int) -> None:
    exc = error(text, raw=True)
    assert str(exc) == message
    assert exc.line == line
    assert exc.format("/p/x.env") == f"failed to parse env_file /p/x.env: {message}"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("A=" + "x" * 65533 + "\nB=1\n", True),
        ("A=" + "x" * 65534 + "\nB=1\n", False),
        ("A=" + "x" * 65533, True),
        ("A=" + "x" * 65534, False),
        ("A=" + "é" * 32766 + "\n", True),
        ("A=" + "é" * 32767 + "\n", False),
    ],
)
def test_raw_line_length_limit(text: str, ok: bool) -> None:
    if ok:
        assert values(text, raw=True)["A"] == text[2:].split("\n")[0]
    else:
        assert str(error(text, raw=True)) == "bufio.Scanner: token too long"


def test_raw_entries_positions() -> None:
    assert parse_dotenv("A=1\n\n  B\n", {"B": "b"}.get, raw=True) == [
        EnvEntry("A", "1", 1, 1),
        EnvEntry("B", "b", 3, 3),
    ]


# ---------------------------------------------------------------------------
# python-dotenv disagrees with Compose on each of these, so it is not used.
# Each row: text, what python-dotenv's parse_stream yields as (key, value,
# error) bindings, and what Compose (and composecheck) yields.

DOTENV_DIFFERENCES = [
    pytest.param("K: v\n", [(None, None, True)], {"K": "v"}, id="colon-separator"),
    pytest.param("a:b=1\n", [("a:b", "1", False)], {"a": "b=1"}, id="colon-ends-key"),
    pytest.param("K=a\t#c\n", [("K", "a", False)], {"K": "a\t#c"}, id="tab-hash-not-comment"),
    pytest.param("K= #x\n", [("K", "", False)], {"K": "#x"}, id="space-hash-after-equals"),
    pytest.param("K='a\\\\b'\n", [("K", "a\\b", False)], {"K": "a\\\\b"}, id="single-quote-bs"),
    pytest.param('K="\\$x"\n', [("K", "\\$x", False)], {"K": "$x"}, id="dq-escaped-dollar"),
    pytest.param('K="\\0101"\n', [("K", "\\0101", False)], {"K": "A"}, id="dq-octal"),
    pytest.param('K="\\\'"\n', [("K", "'", False)], {"K": "\\'"}, id="dq-escaped-squote"),
    pytest.param('A="v"junk\n', [(None, None, True)], {"A": "v"}, id="junk-after-quote"),
    pytest.param("A=1\rB=2\n", [("A", "1", False), ("B", "2", False)], {"A": "1\rB=2"}, id="cr"),
    pytest.param("=x\n", [(None, None, True)], {"": "x"}, id="empty-key"),
    pytest.param("FOO", [("FOO", None, False)], {"": "FOO"}, id="bare-key-at-eof"),
    pytest.param("FOO\n", [("FOO", None, False)], {}, id="bare-key-unset"),
    pytest.param("K=$$x\n", [("K", "$$x", False)], {"K": "$x"}, id="double-dollar"),
    pytest.param("A=1\nB=$A\n", [("A", "1", False), ("B", "$A", False)], {"A": "1", "B": "1"},
                 id="unbraced-expansion"),
    pytest.param("K=${NOPE-d}\n", [("K", "${NOPE-d}", False)], {"K": "d"}, id="dash-default"),
    pytest.param("K=${NOPE:+a}\n", [("K", "${NOPE:+a}", False)], {"K": ""}, id="alternate"),
    pytest.param("A=1\nK=${NOPE:-${A}}\n", [("A", "1", False), ("K", "${NOPE:-${A}}", False)],
                 {"A": "1", "K": "1"}, id="nested-default"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "python_dotenv", "compose"), DOTENV_DIFFERENCES)
def test_python_dotenv_differs(
    text: str, python_dotenv: list[tuple[str | None, str | None, bool]], compose: dict[str, str]
) -> None:
    from dotenv.parser import parse_stream

    assert [(b.key, b.value, b.error) for b in parse_stream(io.StringIO(text))] == python_dotenv
    assert values(text) == compose


# Where python-dotenv's own expansion (dotenv_values) gives something else.
DOTENV_EXPANSION_DIFFERENCES = [
    pytest.param("ZZ_A=1\nB=$ZZ_A\n", {"ZZ_A": "1", "B": "$ZZ_A"}, {"ZZ_A": "1", "B": "1"},
                 id="unbraced"),
    pytest.param("K=$$x\n", {"K": "$$x"}, {"K": "$x"}, id="double-dollar"),
    pytest.param("K=${ZZ_NOPE-d}\n", {"K": ""}, {"K": "d"}, id="dash-default"),
    pytest.param("K=${ZZ_NOPE:+a}\n", {"K": "${ZZ_NOPE:+a}"}, {"K": ""}, id="alternate"),
    pytest.param("ZZ_A=1\nK=${ZZ_NOPE:-${ZZ_A}}\n", {"ZZ_A": "1", "K": "${ZZ_A}"},
                 {"ZZ_A": "1", "K": "1"}, id="nested"),
    pytest.param("ZZ_BARE\n", {"ZZ_BARE": None}, {}, id="bare-key"),
    pytest.param('K="\\$x"\n', {"K": "\\$x"}, {"K": "$x"}, id="escaped-dollar"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "python_dotenv", "compose"), DOTENV_EXPANSION_DIFFERENCES)
def test_python_dotenv_expansion_differs(
    text: str, python_dotenv: dict[str, str | None], compose: dict[str, str]
) -> None:
    from dotenv import dotenv_values

    assert dict(dotenv_values(stream=io.StringIO(text))) == python_dotenv
    assert values(text) == compose


def test_python_dotenv_required_is_literal() -> None:
    from dotenv import dotenv_values

    text = "K=${ZZ_NOPE:?msg}\n"
    assert dict(dotenv_values(stream=io.StringIO(text))) == {"K": "${ZZ_NOPE:?msg}"}
    assert str(error(text)) == "required variable ZZ_NOPE is missing a value: msg"


@pytest.mark.parametrize(
    ("text", "compose_error"),
    [
        ('A="never\n', 'line 2: unterminated quoted value "never'),
        ("A B=c\n", "line 1: key cannot contain a space"),
    ],
)
def test_python_dotenv_skips_what_compose_rejects(text: str, compose_error: str) -> None:
    from dotenv.parser import parse_stream

    assert [(b.key, b.value, b.error) for b in parse_stream(io.StringIO(text))] == [
        (None, None, True)
    ]
    assert str(error(text)) == compose_error


@pytest.mark.parametrize(
    ("text", "python_dotenv"),
    [("A*B=c\n", ("A*B", "c", False)), ("'A'=1\n", ("A", "1", False))],
)
def test_python_dotenv_accepts_what_compose_rejects(
    text: str, python_dotenv: tuple[str, str, bool]
) -> None:
    from dotenv.parser import parse_stream

    assert [(b.key, b.value, b.error) for b in parse_stream(io.StringIO(text))] == [python_dotenv]
    assert str(error(text)).startswith("line 1: unexpected character")


def test_python_dotenv_lets_the_file_override_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dotenv import dotenv_values

    monkeypatch.setenv("ZZ_PRECEDENCE", "process")
    text = "ZZ_PRECEDENCE=file\nK=${ZZ_PRECEDENCE}\n"
    assert dotenv_values(stream=io.StringIO(text))["K"] == "file"
    assert values(text, {"ZZ_PRECEDENCE": "process"})["K"] == "process"


def test_python_dotenv_not_imported_at_runtime() -> None:
    code = (
        "import sys, composecheck.load.dotenv as d; "
        "d.parse_dotenv('A=1', {}.get); print('dotenv' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=pathlib.Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Live differential tests: the reference's `config --environment` output for an
# --env-file is compared, as text, with the same rendering of our parse.

BASE_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "COMPOSE_PROJECT_NAME": "proj"}
PROCESS_ENV = {**BASE_ENV, "SET": "x", "EMPTY": "", "DOLLAR": "$SET"}
_WARNING = re.compile(r'The \\"(.+?)\\" variable is not set')


def _reference() -> pathlib.Path:
    try:
        import compose
    except ImportError:
        pytest.skip("reference docker-compose not installed")
    binary = pathlib.Path(compose.__file__).parent / "docker-compose"
    if not binary.is_file():
        pytest.skip("reference docker-compose not found")
    return binary


def _run(tmp: pathlib.Path, args: list[str], env: Mapping[str, str]) -> tuple[str, str, int]:
    proc = subprocess.run(
        [str(_reference()), *args],
        cwd=tmp,
        env=dict(env),
        capture_output=True,
        timeout=60,
        check=False,
    )
    return proc.stdout.decode(), proc.stderr.decode(), proc.returncode


def _error_text(stderr: str) -> str:
    lines = stderr.rstrip("\n").split("\n")
    return "\n".join(x for x in lines if not x.startswith("time="))


def reference_environment(tmp: pathlib.Path, text: str) -> tuple[str, set[str]]:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "compose.yaml").write_text("services:\n  app:\n    image: busybox\n")
    (tmp / "t.env").write_bytes(text.encode())
    args = ["-f", "compose.yaml", "--env-file", "t.env", "config", "--environment"]
    out, err, rc = _run(tmp, args, PROCESS_ENV)
    if rc != 0:
        return _error_text(err), set()
    return out, set(_WARNING.findall(err))


def our_environment(tmp: pathlib.Path, text: str) -> tuple[str, set[str]]:
    try:
        entries = parse_dotenv(text, PROCESS_ENV.get)
    except DotenvError as exc:
        return exc.format(str(tmp / "t.env")), set()
    merged = {e.key: e.value for e in entries}
    merged.update(PROCESS_ENV)
    merged.setdefault("PWD", str(tmp))
    warned = {r.name for e in entries for r in e.refs if r.warn}
    # The reference sorts the KEY=VALUE lines, not the keys ("K2=..." < "K=...").
    return "".join(line + "\n" for line in sorted(f"{k}={v}" for k, v in merged.items())), warned


LIVE_TEXTS = [
    'A=1\nB="x\\ny $$ ${A}"\nexport SET\nd.e-f=3\nFOO',
    "K: v\n K2 = v # c\nK3= #x\nK4=v#x\nK5=a\t#c\r\n",
    "K='a\\'b' # c\nK2='a\\\\b'\nK3='$SET'\nK4='x\ny'\n",
    'K="\\0101\\x41\\u0041\\101\\$x\\a\\c\\0351\\0777"\n',
    'A="v"junk\nB="w" C=3\nD="v"SET\n',
    'A="v"junk',
    "A B=c\nX=1\n",
    'A=1\n\n\nB="never closed\nC=3\n\n',
    "A*B=c\n",
    "X=${DB:?DB required}\n",
    "X=${NOPE?}\n",
    "X=${ BAD }\n",
    'X="${NOPE:-a\\nb}"\n',
    "X=$SET $EMPTY ${LATER} $NOPE ${NOPE2:-$NOPE3}\nLATER=1\n",
    "1A=b\né=1\n",
    "export\nFOO=bar\n",
    "export ",
    "A=\nB=2\nC=",
    "A\tB=1\n",
    'A="\\0 \\01 \\012 \\0089 \\0400 \\0377"\n',
    "\ufeffA=1\n",
    "A='x' B=2\nC='v'=x\n",
    "A:B=c\n",
    "SET=fromfile\nY=$SET\nZ=$DOLLAR\n",
    "A=1\rB=2\n",
    "A=1\nA=2\nB=$A\nA\nEMPTY\nNOPE\n",
    "A=${NOPE-x:-y} ${SET:-{}}x} ${NOPE:-{json}}\n",
    "\x1cJ=3\n",
    "'A'=1\n",
    "export\vA=1\n",
    "export  \n\nA=1\n",
    'A="x"# c\nB=\u2028x\n\u2028C=1\nD\xa0=1\nE=\xa0 x\n',
    "A\u2028=1\n",
    'A="a\nb" C\n',
    'A="x\\"\n',
    "A=${SET:-\n",
    'A=$\nB="$"\nC=x \\# y\n[x]=1\nD:\nE: \nF=2',
    "A=1 #",
    'A=""\nB=\'\'\nC="\\\n"\n',
    'A="${SET}}"\nB=${SET:-a}b}\nC="x" "y"\nK==v\nL=:\n:=1\n',
    "  =1\n",
    "A B\n",
]


@pytest.mark.parametrize("text", LIVE_TEXTS)
def test_live_dotenv(tmp_path: pathlib.Path, text: str) -> None:
    assert reference_environment(tmp_path, text) == our_environment(tmp_path, text)


MULTI_FILE_TEXTS = [
    ("A=1\nB=1\nSET=file1\n", "A=2\nX=$A $B $SET\nB\nNOPE\n"),
    ("A=1\n", "X=${A:+alt} ${B:-$A}\nA=3\nY=$A\n"),
]


@pytest.mark.parametrize(("first", "second"), MULTI_FILE_TEXTS)
def test_live_two_env_files(tmp_path: pathlib.Path, first: str, second: str) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    image: busybox\n")
    (tmp_path / "1.env").write_text(first)
    (tmp_path / "2.env").write_text(second)
    args = ["-f", "compose.yaml", "--env-file", "1.env", "--env-file", "2.env"]
    out, err, rc = _run(tmp_path, [*args, "config", "--environment"], PROCESS_ENV)
    assert rc == 0, err
    merged: dict[str, str] = {}
    for text in (first, second):
        for entry in parse_dotenv(text, PROCESS_ENV.get, fallback=dict(merged).get):
            merged[entry.key] = entry.value
    merged.update(PROCESS_ENV)
    merged.setdefault("PWD", str(tmp_path))
    assert out == "".join(line + "\n" for line in sorted(f"{k}={v}" for k, v in merged.items()))


_KEYS = st.sampled_from(["A", "B", "C", "SET", "EMPTY", "d.e", "x-y", "1A", "é", "A B"])
_SEP = st.sampled_from(["=", ":", " = ", "= ", "=\t"])
_PLAIN = st.text(alphabet="ab #$:{}-=\\'\"\t", max_size=6)
_REFS = st.sampled_from(["$A", "${B}", "${SET:-d}", "${NOPE-x}", "$$", "${EMPTY:+alt}", "$SET"])
_UNQUOTED = st.lists(st.one_of(_PLAIN, _REFS), max_size=3).map("".join)
_SQ_BODY = st.text(alphabet="ab $\\'\n#", max_size=6).map(lambda s: s.replace("'", "\\'"))
_DQ_BODY = st.lists(
    st.one_of(
        st.text(alphabet="ab #\n'", max_size=4),
        st.sampled_from(["\\n", "\\t", "\\$", '\\"', "\\\\", "\\0101", "\\x41", "\\q"]),
        _REFS,
    ),
    max_size=4,
).map("".join)
_VALUE = st.one_of(
    _UNQUOTED,
    _SQ_BODY.map(lambda s: "'" + s + "'"),
    _DQ_BODY.map(lambda s: '"' + s + '"'),
)
_STATEMENT = st.one_of(
    st.builds(
        lambda pre, exp, key, sep, value, tail: pre + exp + key + sep + value + tail,
        st.sampled_from(["", " ", "\t"]),
        st.sampled_from(["", "", "export "]),
        _KEYS,
        _SEP,
        _VALUE,
        st.sampled_from(["", "", " # c", "\t", " "]),
    ),
    _KEYS,
    st.sampled_from(["# comment", "", "  "]),
)
_TEXT = st.builds(
    lambda lines, eol, final: eol.join(lines) + final,
    st.lists(_STATEMENT, min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\n"]),
)


@settings(
    max_examples=40,
    deadline=None,
    # Shrinking would rerun the reference many times; an unshrunk text is short anyway.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=_TEXT)
def test_live_generated_dotenv(tmp_path: pathlib.Path, text: str) -> None:
    _reference()
    assert reference_environment(tmp_path, text) == our_environment(tmp_path, text)


def reference_raw(tmp: pathlib.Path, text: str) -> dict[str, str | None] | str:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "compose.yaml").write_text(
        "services:\n  app:\n    image: busybox\n    env_file:\n"
        "      - path: t.env\n        format: raw\n"
    )
    (tmp / "t.env").write_bytes(text.encode())
    out, err, rc = _run(tmp, ["-f", "compose.yaml", "config", "--format", "json"], PROCESS_ENV)
    if rc != 0:
        return _error_text(err)
    env = json.loads(out)["services"]["app"].get("environment", {})
    return {k: v if v is None else v.replace("$$", "$") for k, v in env.items()}


def our_raw(tmp: pathlib.Path, text: str) -> dict[str, str | None] | str:
    try:
        entries = parse_dotenv(text, PROCESS_ENV.get, raw=True)
    except DotenvError as exc:
        return exc.format(str(tmp / "t.env"))
    return {e.key: e.value for e in entries}


LIVE_RAW_TEXTS = [
    "A=1\nB=\"x\" # c\nC=$SET ${SET}\n  D= e \nSET\nEMPTY\nNOPE\n#c\n \t# c2\nE==x\r\nF='q'\n",
    "G=a\\nb\n\xa0H=1\n\u3000I=2\n\x1cJ=3\nK=\x85\r",
    "\ufeffA=1",
    "A=x\r\r",
    "=x\n",
    "A B=1\n",
    "A\tB=1\n",
    " K\nA\vB=1\nK:v\n",
    "A=" + "x" * 65533 + "\nB=1\n",
    "A=" + "x" * 65534 + "\nB=1\n",
    "A=" + "é" * 32767,
]


@pytest.mark.parametrize("text", LIVE_RAW_TEXTS)
def test_live_raw(tmp_path: pathlib.Path, text: str) -> None:
    assert reference_raw(tmp_path, text) == our_raw(tmp_path, text)
