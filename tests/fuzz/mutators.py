"""Mutations of real compose projects, for the fuzzers in this folder.

A mutant is a copy of a corpus project (its compose and env files, its ``args``) with
one or a few changes. Three families, drawn from what broke composecheck before:

- **structural** (``tree``): the compose file parsed, one node changed, written back:
  a value swapped for one of another type, a key dropped, an unknown key added, a
  scalar wrapped in a list, a list unwrapped, deep nesting, a YAML tag or an alias;
- **text** (``text``): bytes flipped, control characters, a BOM, CRLF, tabs, a
  truncation, non-UTF-8 bytes, a second document, a ``%TAG`` directive;
- **files** (``files``): an env file or a compose file replaced by a folder, an empty
  file, a missing file, or an odd ``.env`` line.

``mild`` mutants (one structural or type change) feed the differential fuzzer, where
both tools must agree; ``hostile`` ones (any family, several changes, bombs) feed the
crash fuzzer, where only "no internal error, located, bounded" is asked.
"""

from __future__ import annotations

import io
import random
import shutil
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conformance.corpus import case_args, cases

#: Raw YAML spliced in where a structural mutation wants a tag, an alias or a form that
#: plain data cannot express. ``@@RAWn@@`` placeholders are replaced after dumping.
RAW_VALUES = [
    "!!str 1",
    "!!int '3'",
    "!!bool 'true'",
    "!!null ''",
    "!!float '1.5'",
    "!!str",
    "!!binary aGVsbG8=",
    "!!map {a: 1}",
    "!!seq [a]",
    "!reset null",
    "!reset []",
    "!override [x]",
    "!override 1",
    "!custom x",
    "&anchor1 value",
    "&anchor2 [1, 2]",
    "{<<: {a: 1}, b: 2}",
    "{<<: [{a: 1}, {b: 2}]}",
    "!!timestamp 2001-12-14",
    "'multi\n  line'",
    "|\n  block\n  scalar\n",
    ">-\n  folded\n",
    "maybe",
    "yes",
    "on",
    "Off",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    ".nan",
    "-.inf",
    "1e400",
    "99999999999999999999999",
    "-9223372036854775809",
    "9223372036854775807",
    "18446744073709551616",
    "2.5",
    "80.5",
    "'80:80.5'",
    "':80'",
    "'80:'",
    "'127.0.0.1::'",
    "'1-2:3-4/udp'",
    "'${UNSET_VAR}'",
    "'${UNSET_VAR:?must be set}'",
    "'${A:-${B:-${C}}}'",
    "'$${ESCAPED}'",
    "'${'",
    "'$'",
    "'\u202e\u200bodd'",
    "'\U0001f600'",
    "''",
    "'   '",
    "~",
    "[]",
    "{}",
    "[[]]",
    "[{}]",
    "[null]",
    "[1, 1]",
    "{a: [b, {c: d}]}",
    "-1",
    "0",
    "'0'",
    "'-1'",
    "'1g'",
    "'1.5GB'",
    "'10s'",
    "'1h2m3s'",
    "'-1s'",
    "'invalid'",
    "'a=b'",
    "[a=b, a=c]",
    "['X=1', {Y: 2}]",
]
PLAIN_VALUES: list[Any] = [None, True, False, 0, 1, -1, 1.5, "", "x", [], {}, ["x"], {"k": "v"}]
UNKNOWN_KEYS = ["restrat", "x-extension", "imagee", "dependson", "labels2", "bogus"]


@dataclass
class Mutant:
    """A project folder and the arguments the reference is given for it."""

    folder: Path
    args: list[str]
    source: str
    steps: list[str] = field(default_factory=list)


def sources() -> list[Path]:
    """Corpus projects, largest files left out so that a mutant stays quick to check."""
    out = []
    for case in cases():
        if sum(p.stat().st_size for p in case.iterdir() if p.is_file()) < 120_000:
            out.append(case)
    return out


def copy_case(case: Path, into: Path) -> Path:
    folder = into / case.name
    shutil.copytree(case, folder, ignore=shutil.ignore_patterns("expected*", "CORPUS.md"))
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def compose_files(folder: Path, args: list[str]) -> list[Path]:
    named = [args[i + 1] for i, a in enumerate(args) if a in ("-f", "--file")]
    if named:
        return [folder / n for n in named if (folder / n).is_file()]
    for name in ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"):
        if (folder / name).is_file():
            return [folder / name]
    return []


# --- structural -----------------------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    # The C loader and dumper: a round trip of comments is not needed, speed is.
    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = True
    yaml.width = 4096
    yaml.default_flow_style = False
    return yaml


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, Any, tuple[Any, ...]]]:
    """(container, key, path) for every value below ``data``."""
    out: list[tuple[Any, Any, tuple[Any, ...]]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            items: list[tuple[Any, Any]] = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            continue
        for key, value in items:
            out.append((node, key, (*where, key)))
            stack.append((value, (*where, key)))
    return out


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def mutate_tree(text: str, rng: random.Random, hostile: bool) -> tuple[str, str] | None:
    """One structural or type change; None when the file does not parse as YAML."""
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except Exception:
        return None
    if not isinstance(data, dict):
        return None
    nodes = _nodes(data)
    if not nodes:
        return None
    container, key, path = rng.choice(nodes)
    raws: list[str] = []
    value = container[key]

    def raw(text: str) -> str:
        raws.append(text)
        return f"@@RAW{len(raws) - 1}@@"

    ops: list[tuple[str, Callable[[], Any]]] = [
        ("raw", lambda: raw(rng.choice(RAW_VALUES))),
        ("plain", lambda: rng.choice(PLAIN_VALUES)),
        ("wrap", lambda: [value]),
        ("stringify", lambda: str(value)),
        ("mapify", lambda: {"x": value}),
    ]
    if isinstance(value, list) and value:
        ops.append(("unwrap", lambda: value[0]))
        ops.append(("double", lambda: [*value, value[-1]]))
    if hostile:
        ops.append(("nest", lambda: _nest(value, rng.choice([50, 399, 401, 3000]))))
        ops.append(("huge", lambda: "x" * rng.choice([10_000, 1_000_000])))
    name, make = rng.choice(ops)
    step = f"{name} at {'.'.join(map(str, path))}"
    out = io.StringIO()
    try:  # ruamel's merge-key bookkeeping refuses some edits: skip those mutants
        if isinstance(container, dict) and rng.random() < 0.15:
            if rng.random() < 0.5:
                del container[key]
                step = f"drop {'.'.join(map(str, path))}"
            else:
                container[rng.choice(UNKNOWN_KEYS)] = "x"
                step = f"unknown key beside {'.'.join(map(str, path))}"
        else:
            container[key] = make()
        yaml.dump(data, out)
    except Exception:
        return None
    dumped = out.getvalue()
    for index, text_value in enumerate(raws):
        dumped = dumped.replace(f"'@@RAW{index}@@'", text_value).replace(
            f"@@RAW{index}@@", text_value
        )
    return dumped, step


# --- text -----------------------------------------------------------------------

_CONTROL = ["\x00", "\x01", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe", "\t"]


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    choice = rng.randrange(10)
    at = rng.randrange(len(data) + 1)
    if choice == 0:
        return data[:at], f"truncate at {at}"
    if choice == 1 and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :], "flip"
    if choice == 2:
        char = rng.choice(_CONTROL).encode()
        return data[:at] + char + data[at:], f"control {char!r}"
    if choice == 3:
        return b"\xef\xbb\xbf" + data, "bom"
    if choice == 4:
        return data.replace(b"\n", b"\r\n"), "crlf"
    if choice == 5:
        return data[:at] + b"\xff\xfe\xc3(" + data[at:], "invalid utf-8"
    if choice == 6:
        return data + b"\n---\n" + rng.choice([b"[]\n", b"x\n", b"services: {}\n", b"~\n"]), "doc"
    if choice == 7:
        return b"%TAG !e! tag:example.com,2000:\n---\n" + data, "%TAG"
    if choice == 8:
        return data.replace(b"  ", b"\t", 1), "tab"
    line_start = data.rfind(b"\n", 0, at) + 1
    return data[:line_start] + data[line_start:].replace(b" ", b"", 1), "dedent"


# --- files ----------------------------------------------------------------------


def mutate_files(folder: Path, rng: random.Random) -> str:
    envs = [p for p in folder.rglob("*") if p.is_file() and ".env" in p.name]
    choice = rng.randrange(4)
    if choice == 0 and envs:
        target = rng.choice(envs)
        target.unlink()
        target.mkdir()
        return f"{target.name} is a folder"
    if choice == 1 and envs:
        target = rng.choice(envs)
        with target.open("a") as handle:
            handle.write(
                rng.choice(
                    ["\nBAD LINE\n", "\nexport\n", "\nA='unterminated\n", "\n=x\n", "\nA=\x00\n"]
                )
            )
        return f"odd line in {target.name}"
    if choice == 2 and envs:
        target = rng.choice(envs)
        target.unlink()
        return f"{target.name} missing"
    if (folder / ".env").is_dir():
        return "nothing"
    (folder / ".env").write_text(
        rng.choice(["X=${X}\n", "A=${B}\nB=${A}\n", "COMPOSE_FILE=nope.yaml\n", "Y=" + "z" * 5000])
    )
    return "new .env"


# --- mutants --------------------------------------------------------------------


def make_mutant(case: Path, into: Path, rng: random.Random, *, hostile: bool) -> Mutant | None:
    folder = copy_case(case, into)
    args = case_args(case)
    files = compose_files(folder, args)
    if not files:
        return None
    mutant = Mutant(folder, args, case.name)
    for _ in range(rng.choice([1, 1, 1, 2, 3]) if hostile else rng.choice([1, 1, 2])):
        target = rng.choice(files)
        family = rng.random()
        if not hostile or family < 0.6:
            result = mutate_tree(target.read_text(errors="replace"), rng, hostile)
            if result is None:
                continue
            text, step = result
            target.write_text(text)
        elif family < 0.9:
            data, step = mutate_bytes(target.read_bytes(), rng)
            target.write_bytes(data)
        else:
            step = mutate_files(folder, rng)
        mutant.steps.append(f"{target.name}: {step}")
    return mutant if mutant.steps else None


def stream(budget: int, seed: int, work: Path, *, hostile: bool) -> Iterator[Mutant]:
    """``budget`` mutants of random corpus projects, each in its own folder under
    ``work`` while it is in use (removed after)."""
    rng = random.Random(seed)
    pool = sources()
    made = 0
    while made < budget:
        into = work / f"m{made}"
        into.mkdir()
        mutant = make_mutant(rng.choice(pool), into, rng, hostile=hostile)
        if mutant is None:
            shutil.rmtree(into)
            continue
        made += 1
        yield mutant
        shutil.rmtree(into, ignore_errors=True)


def keep(mutant: Mutant, where: Path, verdict: str) -> Path:
    """Save a mutant as a reproduction folder: its files, ``args``, and ``FUZZ.md`` with
    its source, its mutations and ``verdict`` (what went wrong)."""
    where.mkdir(parents=True, exist_ok=True)
    name = f"{mutant.source}-{zlib.crc32(repr((mutant.source, mutant.steps)).encode()):08x}"
    target = where / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(mutant.folder, target, symlinks=True)
    (target / "args").write_text(" ".join(mutant.args) + "\n")
    (target / "FUZZ.md").write_text(
        f"source: {mutant.source}\nsteps:\n" + "".join(f"- {s}\n" for s in mutant.steps) + verdict
    )
    return target
