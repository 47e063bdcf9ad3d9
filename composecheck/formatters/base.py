"""The one interface every report format implements, and what it is given."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from composecheck.findings import Finding, Held


@dataclass(frozen=True)
class ReportInput:
    """What a run has to report: the findings, what was held back, and how to show them."""

    findings: Sequence[Finding]
    #: Paths are shown relative to this folder.
    cwd: str
    #: Findings inline ignores and the baseline held back (None: no such pass ran).
    held: Held | None = None
    #: The stacks checked, in order.
    stacks: Sequence[str] = ()
    #: Terminal colours (the text format only).
    colour: bool = False


class Formatter(ABC):
    """A report format: its name on the command line and how it renders a report."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, report: ReportInput) -> str:
        """The whole report, as written to stdout or ``--output``."""
