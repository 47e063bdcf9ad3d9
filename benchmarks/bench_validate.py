"""Time `composecheck validate` over every corpus stack against the reference checking
them one by one (`docker-compose ARGS config -q` in a loop), in the same run.

Stacks that Compose finds by itself in their folder (no ``args``, or ``-f`` naming the
file it would find anyway) are checked in one monorepo run (``validate A/ B/ ...``); the
others, with their own ``-f``/``--profile`` arguments, one run each. A run that exits 2
(nothing could be checked) makes the benchmark fail rather than time an aborted run.

    python benchmarks/bench_validate.py [--repeat N] [--corpus DIR] [--cmd CMD]

Prints both medians and their ratio (ours / reference). A ratio, not a threshold:
the two are measured on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}


def reference_binary() -> Path:
    import compose  # type: ignore[import-untyped]

    return Path(compose.__file__).parent / "docker-compose"


def ours_command(cmd: str | None) -> list[str]:
    if cmd:
        return shlex.split(cmd)
    script = Path(sys.executable).parent / "composecheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "composecheck"]


def time_reference(ref: Path, cases: list[Path]) -> float:
    start = time.perf_counter()
    for case in cases:
        args = shlex.split((case / "args").read_text())
        subprocess.run(
            [str(ref), *args, "config", "-q"],
            cwd=case,
            env=CLEAN,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    return time.perf_counter() - start


MAIN_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDES = tuple(n.replace(".y", ".override.y") for n in MAIN_NAMES)


def found_by_folder(case: Path) -> bool:
    """Whether ``validate CASE/`` loads what the case's ``args`` name."""
    args = shlex.split((case / "args").read_text())
    if any((case / name).is_file() for name in OVERRIDES):
        return not args
    default = next((n for n in MAIN_NAMES if (case / n).is_file()), None)
    return not args or (default is not None and args == ["-f", default])


def _run(command: list[str], cwd: Path) -> int:
    proc = subprocess.run(
        command,
        cwd=cwd,
        env={**CLEAN, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if proc.returncode == 2:
        raise SystemExit(f"composecheck exited 2 in {cwd}: {proc.stderr.strip()}")
    return proc.returncode


def time_ours(
    command: list[str], corpus: Path, cases: list[Path], extra: tuple[str, ...] = ()
) -> tuple[float, int]:
    batch = [c for c in cases if found_by_folder(c)]
    alone = [c for c in cases if not found_by_folder(c)]
    start = time.perf_counter()
    code = _run([*command, "validate", *(c.name for c in batch), *extra], corpus) if batch else 0
    for case in alone:
        args = shlex.split((case / "args").read_text())
        code = max(code, _run([*command, "validate", *args, *extra], case))
    return time.perf_counter() - start, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--cmd", help="how to start composecheck (default: the script)")
    parser.add_argument(
        "--secrets-cost",
        action="store_true",
        help="instead: one validate with and one without CC401/CC402, and the difference",
    )
    options = parser.parse_args()
    cases = sorted(p for p in options.corpus.iterdir() if (p / "args").is_file())
    ref = reference_binary()
    command = ours_command(options.cmd)
    if shutil.which(command[0]) is None and not Path(command[0]).exists():
        print(f"cannot start {command[0]}", file=sys.stderr)
        return 2
    if options.secrets_cost:
        skip = ("--ignore", "CC401", "--ignore", "CC402")
        without = [
            time_ours(command, options.corpus, cases, skip)[0] for _ in range(options.repeat)
        ]
        with_ = [time_ours(command, options.corpus, cases)[0] for _ in range(options.repeat)]
        a, b = statistics.median(without), statistics.median(with_)
        print(
            f"validate over {len(cases)} stacks: without secrets checks {a:.2f} s, "
            f"with {b:.2f} s: {(b / a - 1) * 100:+.1f}%"
        )
        return 0
    batch = [c for c in cases if found_by_folder(c)]
    alone = [c for c in cases if not found_by_folder(c)]
    rows: list[tuple[str, list[Path]]] = [("monorepo run", batch), ("one run per stack", alone)]
    code = 0
    totals = [0.0, 0.0]
    for label, subset in rows:
        refs, ours = [], []
        for _ in range(options.repeat):
            refs.append(time_reference(ref, subset))
            elapsed, subset_code = time_ours(command, options.corpus, subset)
            ours.append(elapsed)
            code = max(code, subset_code)
        ref_median, our_median = statistics.median(refs), statistics.median(ours)
        totals[0] += ref_median
        totals[1] += our_median
        print(
            f"{label:<18} {len(subset):>3} stacks: reference {ref_median:.2f} s, "
            f"composecheck {our_median:.2f} s, ratio {our_median / ref_median:.2f}"
        )
    print(
        f"{'all':<18} {len(cases):>3} stacks: reference {totals[0]:.2f} s, composecheck "
        f"{totals[1]:.2f} s, ratio {totals[1] / totals[0]:.2f} (runs: {options.repeat}; "
        f"exit code {code})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
