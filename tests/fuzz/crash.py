"""The crash fuzzer: hostile mutants of the corpus through render and validate.

Each mutant runs in a forked child (so that a hang or a memory blow-up is measured
and stopped without taking the fuzzer down) through three operations: ``render``
(stop at the first problem), ``render --no-interpolate`` and ``validate`` (keep going).
An outcome is one of:

- ``ok``: loaded (render) or checked (validate);
- ``refused``: an ``InputError`` with a location (render), or findings that all name a
  file (validate);
- ``unlocated``: an ``InputError`` without a location, or a finding without a file;
- ``internal``: any other exception, a bug of ours;
- ``timeout`` (over ``--timeout`` seconds) or ``memory`` (peak RSS over ``--max-rss``).

Everything but ``ok``/``refused`` is a failure; each failing mutant is saved as a
reproduction folder under ``--save``; the ones worth keeping go to ``tests/fuzz/cases``,
which ``test_crash.py`` replays as regression tests.

By default mutants run in this process, under an alarm and an address-space limit
(cheap: about 20 inputs a second); ``--isolate`` forks a child per mutant and measures
its peak resident memory instead.

Long runs: ``python -m tests.fuzz.crash --budget 100000 --seed 1``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.mutators import Mutant, keep, stream

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}
FAILURES = ("unlocated", "internal", "timeout", "memory")


@dataclass
class Result:
    operation: str
    outcome: str
    detail: str = ""


def _options_args(args: list[str]) -> dict[str, object]:
    from tests.conformance.corpus import option_fields

    return option_fields(args)


def check_render(folder: Path, args: list[str], *, interpolate: bool = True) -> Result:
    from composecheck.api import LoadOptions, load, render_loaded, render_uninterpolated
    from composecheck.errors import InputError

    operation = "render" if interpolate else "render --no-interpolate"
    fields = _options_args(args)
    if not interpolate:
        fields["interpolate"] = False
    try:
        options = LoadOptions(**fields, environ=dict(CLEAN), cwd=str(folder))  # type: ignore[arg-type]
        if not interpolate:
            # as the command does: Compose's untyped model (load/untyped/)
            render_uninterpolated(options, "yaml")
            render_uninterpolated(options, "json")
            return Result(operation, "ok")
        loaded = load(options)
        render_loaded(loaded, "yaml")
        render_loaded(loaded, "json")
    except InputError as exc:
        if exc.loc is None and not _names_a_file(exc.message):
            return Result(operation, "unlocated", exc.message[:300])
        return Result(operation, "refused")
    except MemoryError:
        raise  # over the fuzzer's limit: counted as "memory" by the runner
    except Exception as exc:
        return Result(operation, "internal", _describe(exc))
    return Result(operation, "ok")


def _names_a_file(message: str) -> bool:
    """A problem with a file itself (missing, unreadable: an `--env-file` the command
    line names) may name it instead of a line."""
    return "/" in message or ".y" in message or ".env" in message


def check_validate(folder: Path, args: list[str]) -> Result:
    from composecheck.errors import InputError
    from composecheck.validate import ValidateOptions, run

    fields = _options_args(args)
    fields.pop("interpolate", None)
    fields.pop("normalize", None)
    fields.pop("resolve_paths", None)
    options = ValidateOptions(
        files=fields.get("files") or (),  # type: ignore[arg-type]
        env_files=fields.get("env_files"),  # type: ignore[arg-type]
        profiles=fields.get("profiles"),  # type: ignore[arg-type]
        project_name=fields.get("project_name"),  # type: ignore[arg-type]
        project_directory=fields.get("project_directory"),  # type: ignore[arg-type]
        environ=dict(CLEAN),
        cwd=str(folder),
    )
    named = [*options.files, *(options.env_files or ())]
    if any(name != "-" and not (folder / name).exists() for name in named):
        # The command line refuses these before checking (a usage error, exit 2).
        return Result("validate", "refused")
    try:
        findings = run(options)
    except InputError as exc:
        if exc.loc is None and not _names_a_file(exc.message):
            return Result("validate", "unlocated", exc.message[:300])
        return Result("validate", "refused")
    except MemoryError:
        raise  # over the fuzzer's limit: counted as "memory" by the runner
    except Exception as exc:
        return Result("validate", "internal", _describe(exc))
    loose = [f for f in findings if f.file is None]
    if loose:
        return Result("validate", "unlocated", f"{loose[0].code} {loose[0].message[:300]}")
    return Result("validate", "refused" if findings else "ok")


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "composecheck" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:200]}"


def run_all(folder: Path, args: list[str]) -> list[Result]:
    # Python's default recursion limit, as the command line has it.
    results = [check_render(folder, args), check_validate(folder, args)]
    if "--no-interpolate" not in args:
        results.append(check_render(folder, args, interpolate=False))
    return results


class _Timeout(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _vm_size() -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def in_process(folder: Path, args: list[str], timeout: float, max_rss: int) -> list[Result]:
    """Run :func:`run_all` here, under an alarm and an address-space limit.

    Over the limit an allocation fails with MemoryError; the address space is a bound
    above the resident set, so a pass here is a pass of the RSS bound too.
    """
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_vm_size() + max_rss, hard))
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return run_all(folder, args)
    except _Timeout:
        return [Result("any", "timeout", f"over {timeout:g} s")]
    except MemoryError:
        return [Result("any", "memory", f"over {max_rss // 2**20} MB more")]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def in_child(folder: Path, args: list[str], timeout: float, max_rss: int) -> list[Result]:
    """Run :func:`run_all` in a forked child; time and peak RSS measured by the parent."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        try:
            payload = json.dumps([r.__dict__ for r in run_all(folder, args)])
        except BaseException as exc:
            payload = json.dumps([Result("child", "internal", _describe(exc)).__dict__])
        with os.fdopen(write_end, "w") as handle:
            handle.write(payload)
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    os.set_blocking(read_end, False)
    status = None
    usage = None
    while True:
        try:
            chunk = os.read(read_end, 65536)
            if chunk:
                chunks.append(chunk)
        except BlockingIOError:
            pass
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            os.close(read_end)
            return [Result("any", "timeout", f"over {timeout:g} s")]
        time.sleep(0.002)
    while True:
        try:
            chunk = os.read(read_end, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    peak = usage.ru_maxrss * 1024 if usage else 0
    if peak > max_rss:
        return [Result("any", "memory", f"peak {peak // 2**20} MB")]
    try:
        return [Result(**r) for r in json.loads(b"".join(chunks))]
    except ValueError:
        return [Result("any", "internal", f"child died with status {status}")]


def save(mutant: Mutant, failure: Result, where: Path) -> Path:
    """Keep a failing mutant as a reproduction folder (its files, args and what failed)."""
    return keep(
        mutant, where, f"failure: {failure.operation}: {failure.outcome}: {failure.detail}\n"
    )


def fuzz(
    budget: int,
    seed: int,
    *,
    timeout: float = 10.0,
    max_rss: int = 500 * 2**20,
    save_to: Path | None = None,
    progress: bool = False,
    isolate: bool = False,
) -> tuple[Counter[str], list[tuple[Mutant, Result]]]:
    runner = in_child if isolate else in_process
    counts: Counter[str] = Counter()
    failures: list[tuple[Mutant, Result]] = []
    with tempfile.TemporaryDirectory(prefix="cc-fuzz-") as tmp:
        for index, mutant in enumerate(stream(budget, seed, Path(tmp), hostile=True)):
            for result in runner(mutant.folder, mutant.args, timeout, max_rss):
                counts[result.outcome] += 1
                if result.outcome in FAILURES:
                    if save_to is not None:
                        save(mutant, result, save_to)
                    failures.append((mutant, result))
            if progress and (index + 1) % 500 == 0:
                print(f"{index + 1} inputs: {dict(counts)}", file=sys.stderr, flush=True)
    return counts, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=1000, help="mutants to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per mutant")
    parser.add_argument("--max-rss", type=int, default=500, help="MB per mutant")
    parser.add_argument("--save", type=Path, default=None, help="folder for reproductions")
    parser.add_argument(
        "--isolate", action="store_true", help="one forked child per mutant (peak RSS measured)"
    )
    ns = parser.parse_args(argv)
    started = time.monotonic()
    counts, failures = fuzz(
        ns.budget,
        ns.seed,
        timeout=ns.timeout,
        max_rss=ns.max_rss * 2**20,
        save_to=ns.save,
        progress=True,
        isolate=ns.isolate,
    )
    kinds = Counter(f"{r.operation}: {r.outcome}: {r.detail.split(':')[0]}" for _, r in failures)
    print(f"{ns.budget} inputs, seed {ns.seed}, {time.monotonic() - started:.0f} s")
    print("outcomes:", dict(sorted(counts.items())))
    for kind, n in kinds.most_common():
        print(f"  {n:6d}  {kind}")
    for mutant, result in failures[:20]:
        print(
            f"- {mutant.source} {mutant.steps}: {result.operation} {result.outcome} {result.detail}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
