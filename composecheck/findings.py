"""Findings are data: what a check found, where, why it matters and how to fix it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from composecheck.location import Loc


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True)
class Related:
    """A second place that matters to a finding (the other publisher of a port, the
    ``.env`` line a value came from)."""

    file: str
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Suppression:
    """Why a finding is not reported: an inline ignore (SARIF ``inSource``) or the
    baseline (``external``)."""

    kind: str
    justification: str
    loc: Loc | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    hint: str
    file: str | None
    line: int | None
    column: int | None
    service: str | None = None
    environments: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    suppression: Suppression | None = None
    #: The stack (folder or first compose file) whose check found it.
    stack: str | None = None

    def key(self) -> tuple[object, ...]:
        """What makes two findings the same finding, whichever environment found it."""
        # Severity belongs to the key: a warning in one environment and an error in
        # production are two findings, each naming its environments.
        return (
            self.code,
            self.severity,
            self.file,
            self.line,
            self.column,
            self.message,
            self.service,
        )

    def sort_key(self) -> tuple[object, ...]:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.message)

    def in_environments(self, names: tuple[str, ...]) -> Finding:
        return replace(self, environments=names)


@dataclass(frozen=True)
class Held:
    """What a run held back from its report, for the formatters to account for."""

    suppressed: tuple[Finding, ...] = ()
    baselined: tuple[Finding, ...] = ()
    fixed: int = 0  # baseline entries no finding matches any more
    baseline: str | None = None

    def note(self) -> str:
        """``2 suppressed inline, 3 in the baseline, 1 baseline entry fixed`` (or "")."""
        parts: list[str] = []
        if self.suppressed:
            parts.append(f"{len(self.suppressed)} suppressed inline")
        if self.baseline is not None:
            parts.append(f"{len(self.baselined)} in the baseline")
            if self.fixed:
                entries = "entry" if self.fixed == 1 else "entries"
                parts.append(f"{self.fixed} baseline {entries} fixed")
        return ", ".join(parts)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts

    def counts_text(self) -> str:
        """``1 error, 2 warnings, 0 info``."""
        return ", ".join(
            f"{n} {label}{'s' if n != 1 and label != 'info' else ''}"
            for label, n in self.summary().items()
        )

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


def merge_environments(per_environment: list[tuple[str, list[Finding]]]) -> list[Finding]:
    """One finding per place and message, naming every environment it occurs in."""
    merged: dict[tuple[object, ...], tuple[Finding, list[str]]] = {}
    for environment, findings in per_environment:
        for finding in findings:
            key = finding.key()
            if key in merged:
                names = merged[key][1]
                if environment not in names:
                    names.append(environment)
            else:
                merged[key] = (finding, [environment])
    out = [finding.in_environments(tuple(names)) for finding, names in merged.values()]
    return sorted(out, key=Finding.sort_key)
