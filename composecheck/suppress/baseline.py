"""The baseline (``composecheck baseline``): findings a team has recorded, so that
``validate`` reports only new ones.

Per finding it stores a fingerprint that leaves out line numbers
(:func:`composecheck.identity.fingerprints`), with paths relative to the
baseline's own folder so that it matches from any working directory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

from composecheck.errors import InputError
from composecheck.findings import Finding, Suppression
from composecheck.identity import fingerprints, relative_up
from composecheck.location import Loc

BASELINE_NAME = ".composecheck-baseline.json"
BASELINE_VERSION = 1


@dataclass
class Baseline:
    path: str
    entries: dict[str, dict[str, str]]  # fingerprint → what it was

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def read_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            doc = json.load(handle)
    except FileNotFoundError:
        raise InputError(
            f"open {path}: no such file or directory",
            hint="write one with `composecheck baseline`",
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid baseline: {exc.msg}",
            Loc(path, exc.lineno, exc.colno),
            hint="write it again with `composecheck baseline`",
        ) from None
    entries = doc.get("findings") if isinstance(doc, dict) else None
    if (
        not isinstance(doc, dict)
        or doc.get("version") != BASELINE_VERSION
        or not isinstance(entries, list)
        or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries)
    ):
        raise InputError(
            f"{path} is not a composecheck baseline (version {BASELINE_VERSION})",
            Loc(path, 1, 1),
            hint="write it again with `composecheck baseline`",
        )
    return Baseline(path, {e["fingerprint"]: e for e in entries})


def baseline_document(findings: Sequence[Finding], root: str) -> str:
    """The baseline file's text: one entry per finding, no line numbers, no values."""
    entries = [
        {
            "fingerprint": fingerprint,
            "code": finding.code,
            "name": finding.name,
            "file": relative_up(finding.file, root) if finding.file else "",
            "service": finding.service or "",
        }
        for finding, fingerprint in zip(
            findings, fingerprints(findings, root, climb=True), strict=True
        )
    ]
    entries.sort(key=lambda e: (e["file"], e["code"], e["service"], e["fingerprint"]))
    doc = {"version": BASELINE_VERSION, "tool": "composecheck", "findings": entries}
    return json.dumps(doc, indent=2) + "\n"


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline, scope: set[str] | None = None
) -> tuple[list[Finding], list[Finding], int]:
    """(new findings, baselined findings, baseline entries no longer found).

    ``scope``: the files that were checked; entries about other files are not counted
    as fixed (None: every file was checked).
    """
    kept: list[Finding] = []
    known: list[Finding] = []
    seen: set[str] = set()
    shown = os.path.basename(baseline.path)
    prints = fingerprints(findings, baseline.root, climb=True)
    for finding, fingerprint in zip(findings, prints, strict=True):
        if fingerprint in baseline.entries:
            seen.add(fingerprint)
            known.append(
                replace(finding, suppression=Suppression("external", f"in the baseline {shown}"))
            )
        else:
            kept.append(finding)
    missing = set(baseline.entries) - seen
    if scope is not None:
        checked = {os.path.normpath(f) for f in scope}
        missing = {
            key
            for key in missing
            if os.path.normpath(os.path.join(baseline.root, baseline.entries[key].get("file", "")))
            in checked
        }
    return kept, known, len(missing)
