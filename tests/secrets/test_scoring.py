"""Score CC401 hardcoded-secret and CC402 placeholder-secret on the labelled corpus.

Every stack of tests/secrets_corpus is validated in all its environments with only the
two checks selected. A finding is matched to a label by (file, line): a CC401 finding on a
``secret`` line is a true positive, on any other line (clean, placeholder or unlabelled) a
false positive; a ``secret`` label without a CC401 finding is a false negative. CC402 is
scored the same way against ``placeholder`` labels. ``pytest -s`` prints the scores; the
test fails when CC401's precision or recall is below 0.95.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.secrets import environments, read_labels, stacks

THRESHOLD = 0.95
WANTED = {"CC401": "secret", "CC402": "placeholder"}
ENVIRON = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}

Where = tuple[str, str, int]  # (stack, file relative to the stack, line)


@dataclass
class Score:
    code: str
    tp: set[Where] = field(default_factory=set)
    fp: set[Where] = field(default_factory=set)
    fn: set[Where] = field(default_factory=set)

    @property
    def precision(self) -> float:
        found = len(self.tp) + len(self.fp)
        return len(self.tp) / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = len(self.tp) + len(self.fn)
        return len(self.tp) / expected if expected else 0.0

    def line(self) -> str:
        return (
            f"{self.code}: precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(TP {len(self.tp)}, FP {len(self.fp)}, FN {len(self.fn)})"
        )

    def details(self, limit: int = 40) -> str:
        out: list[str] = []
        for kind, items in (("FP", self.fp), ("FN", self.fn)):
            for stack, file, line in sorted(items)[:limit]:
                out.append(f"  {self.code} {kind} {stack}/{file}:{line}")
        return "\n".join(out)


def _detector_missing() -> str | None:
    from composecheck.checks import registry

    codes = set(registry())
    missing = [code for code in ("CC401",) if code not in codes]
    if missing:
        return f"the secrets detector is not there yet: no check {', '.join(missing)} registered"
    return None


def _relative(file: str, stack: Path) -> str:
    path = file if os.path.isabs(file) else os.path.join(stack, file)
    return os.path.relpath(os.path.realpath(path), os.path.realpath(stack))


def findings_of(stack: Path) -> set[tuple[str, int, str]]:
    """(file relative to the stack, line, code) of every CC401/CC402 finding, all
    environments."""
    from composecheck.validate import ValidateOptions, run

    options = ValidateOptions(
        paths=[str(stack)],
        environ=dict(ENVIRON),
        cwd=str(stack),
        select=tuple(WANTED),
        environments=tuple(environments(stack)),
    )
    found: set[tuple[str, int, str]] = set()
    for finding in run(options):
        if finding.code in WANTED and finding.file is not None and finding.line is not None:
            found.add((_relative(finding.file, stack), finding.line, finding.code))
    return found


def score(folders: Iterable[Path]) -> dict[str, Score]:
    scores = {code: Score(code) for code in WANTED}
    for stack in folders:
        labels = {(label.file, label.line): label.label for label in read_labels(stack)}
        found = findings_of(stack)
        for code, wanted in WANTED.items():
            hits = {(file, line) for file, line, c in found if c == code}
            expected = {where for where, label in labels.items() if label == wanted}
            for file, line in hits:
                target = scores[code].tp if (file, line) in expected else scores[code].fp
                target.add((stack.name, file, line))
            for file, line in expected - hits:
                scores[code].fn.add((stack.name, file, line))
    return scores


def test_corpus_is_big_enough() -> None:
    folders = stacks()
    labels = [label for stack in folders for label in read_labels(stack)]
    assert len(folders) >= 40
    assert len(labels) >= 300
    assert {label.label for label in labels} == {"secret", "placeholder", "clean"}


def test_labels_point_at_their_key() -> None:
    """Every label names a key written on its line: a stale line number fails here."""
    stale: list[str] = []
    for stack in stacks():
        for label in read_labels(stack):
            lines = (stack / label.file).read_text(encoding="utf-8").splitlines()
            if label.line > len(lines) or label.key not in lines[label.line - 1]:
                stale.append(f"{stack.name}/{label.file}:{label.line} {label.key}")
    assert not stale, "labels whose key is not on their line:\n" + "\n".join(stale)


def test_precision_and_recall() -> None:
    reason = _detector_missing()
    if reason:
        pytest.skip(reason)
    scores = score(stacks())
    report = "\n".join(s.line() for s in scores.values())
    print("\n" + report)
    cc401 = scores["CC401"]
    assert cc401.precision >= THRESHOLD and cc401.recall >= THRESHOLD, (
        f"CC401 below {THRESHOLD}:\n{report}\n{cc401.details()}\n{scores['CC402'].details()}"
    )
