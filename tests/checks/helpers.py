"""Run `composecheck validate` on a stack written into a temporary folder."""

from __future__ import annotations

from pathlib import Path

from composecheck.findings import Finding
from composecheck.formatters import text
from composecheck.validate import ValidateOptions, run

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}


def write(folder: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def validate(
    folder: Path,
    files: dict[str, str],
    *,
    environments: tuple[str, ...] = (),
    select: tuple[str, ...] = (),
    production: tuple[str, ...] = (),
) -> list[Finding]:
    """Findings for the stack ``files`` (name → text) written into ``folder``."""
    write(folder, files)
    return run(
        ValidateOptions(
            environments=environments,
            select=select,
            environ=dict(ENV),
            cwd=str(folder),
            production=production,
        )
    )


def lines(folder: Path, files: dict[str, str], **kwargs: object) -> list[str]:
    """The text report's finding lines (``file:line:col: CODE severity message [envs]``)."""
    findings = validate(folder, files, **kwargs)  # type: ignore[arg-type]
    report = text(findings, str(folder))
    return [
        line
        for line in report.splitlines()
        if line and not line.startswith(("  ", "Found", "No problems"))
    ]
