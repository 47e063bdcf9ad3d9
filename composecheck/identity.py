"""How a finding is named across runs and reports: its file as reports show it, and a
fingerprint that leaves out line numbers.

Shared by the formatters (SARIF ``partialFingerprints``, GitLab ``fingerprint``) and the
baseline, which must agree on it without the baseline depending on an output format.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from composecheck.findings import Finding


def display_path(path: str | None, cwd: str) -> str:
    """Paths relative to the working directory when inside it."""
    if path is None:
        return "-"
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def relative_file(path: str, cwd: str) -> str:
    """The path as reports show it: relative to ``cwd`` when inside it, with ``/``."""
    return display_path(path, cwd).replace(os.sep, "/")


def relative_up(path: str, root: str) -> str:
    """``path`` relative to ``root`` with ``/``, climbing out of it with ``..`` if need be."""
    try:
        return os.path.relpath(path, root).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): nothing relative exists
        return path.replace(os.sep, "/")


def fingerprints(findings: Sequence[Finding], cwd: str, *, climb: bool = False) -> list[str]:
    """A stable identity per finding: sha256 of code, relative file, service and message.

    Line and column are left out so that a finding survives edits above it. Findings
    that share all four get ``:2``, ``:3``... in the order given (sorted by position).
    ``climb``: paths outside ``cwd`` are relative too (``../x``), as a baseline kept in
    a subfolder needs them to match after the repository moves.
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for finding in findings:
        file = ""
        if finding.file:
            file = relative_up(finding.file, cwd) if climb else relative_file(finding.file, cwd)
        parts = (finding.code, file, finding.service or "", finding.message)
        digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        out.append(digest if seen[digest] == 1 else f"{digest}:{seen[digest]}")
    return out
