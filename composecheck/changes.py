"""``--changed-since REF``: which files a branch changed, as git sees them."""

from __future__ import annotations

import os
import subprocess

from composecheck.errors import InputError


def _git(args: list[str], cwd: str, hint: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError("--changed-since needs git, and git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise InputError(
            f"git {' '.join(args[:2])}: {message[0] if message else 'failed'}",
            hint=hint
            or "--changed-since takes a git ref (a branch, tag or commit) of this repository",
        )
    return done.stdout


def changed_files(ref: str, cwd: str) -> set[str]:
    """Absolute paths of the files changed since ``ref``'s merge base with HEAD (what a
    pull request changes), uncommitted and untracked files included."""
    top = _git(
        ["rev-parse", "--show-toplevel"],
        cwd,
        hint="--changed-since works inside a git repository: run composecheck from one",
    ).strip()
    base = _git(["merge-base", ref, "HEAD"], cwd).strip()
    listed = _git(["diff", "--name-only", "-z", base, "--"], cwd)
    listed += _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    return {os.path.realpath(os.path.join(top, p)) for p in listed.split("\0") if p}
