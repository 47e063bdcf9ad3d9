"""Findings a team has decided about: inline ignores and the baseline.

- :mod:`~composecheck.suppress.directives`: the ``# composecheck: ignore[...]`` comments
  of a file and what each covers (CC002 for a malformed one);
- :mod:`~composecheck.suppress.inline`: findings silenced by them (CC001 for an unused one);
- :mod:`~composecheck.suppress.baseline`: the baseline file, written and applied.
"""

from __future__ import annotations

from composecheck.suppress.baseline import (
    BASELINE_NAME,
    BASELINE_VERSION,
    Baseline,
    apply_baseline,
    baseline_document,
    read_baseline,
)
from composecheck.suppress.directives import KINDS, Directive, Scan, scan
from composecheck.suppress.inline import Applied, apply_ignores

__all__ = [
    "BASELINE_NAME",
    "BASELINE_VERSION",
    "KINDS",
    "Applied",
    "Baseline",
    "Directive",
    "Scan",
    "apply_baseline",
    "apply_ignores",
    "baseline_document",
    "read_baseline",
    "scan",
]
