"""Time one `composecheck validate` over every corpus stack against the reference
checking them one by one (`docker-compose ARGS config -q` in a loop), in the same run.

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


def time_ours(
    command: list[str], corpus: Path, cases: list[Path], extra: tuple[str, ...] = ()
) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [*command, "validate", *(c.name for c in cases), *extra],
        cwd=corpus,
        env={**CLEAN, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start, proc.returncode


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
    refs, ours = [], []
    code = 0
    for _ in range(options.repeat):
        refs.append(time_reference(ref, cases))
        elapsed, code = time_ours(command, options.corpus, cases)
        ours.append(elapsed)
    ref_median, our_median = statistics.median(refs), statistics.median(ours)
    print(f"stacks: {len(cases)}; runs: {options.repeat}; composecheck exit code {code}")
    print(f"reference, one by one (config -q): {ref_median:.2f} s")
    print(f"composecheck validate, one run:   {our_median:.2f} s")
    print(f"ratio: {our_median / ref_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
