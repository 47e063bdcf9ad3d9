"""Dependencies point one way (../shared/STYLE.md, "A layout that shows the architecture"):
loading never imports checks, formatters or the command line; the secret detector is no
check; only the command line knows the command line. Every import counts, including
those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "composecheck"

#: Package (or module) → what it must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "load": ("checks", "formatters", "cli", "suppress", "validate", "settings", "api"),
    "secrets": ("checks", "formatters", "cli", "suppress", "validate", "settings", "api"),
    "settings": ("formatters", "cli", "suppress", "validate", "api"),
    "checks": ("formatters", "cli", "suppress", "validate", "api"),
    "formatters": ("cli", "suppress", "validate", "settings", "api"),
    "suppress": ("cli", "formatters", "validate", "api"),
    "identity.py": ("checks", "formatters", "cli", "suppress", "validate", "settings", "api"),
    "validate.py": ("cli",),
    "api.py": ("cli", "checks", "formatters", "suppress", "validate"),
}


def _imports(path: Path) -> set[str]:
    """Every ``composecheck.X`` module a file imports, as ``X`` (its first part)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "composecheck":
                names += [f"composecheck.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "composecheck" and len(parts) > 1:
                found.add(parts[1])
    return found


def _files(part: str) -> list[Path]:
    target = PACKAGE / part
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_dependencies_point_one_way(part: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports composecheck.{name}"
        for path in _files(part)
        for name in sorted(_imports(path) & set(FORBIDDEN[part]))
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_command_line_imports_the_command_line() -> None:
    outside = [
        path.relative_to(PACKAGE)
        for path in sorted(PACKAGE.rglob("*.py"))
        if "cli" not in path.relative_to(PACKAGE).parts[:1]
        and path.name != "__main__.py"
        and "cli" in _imports(path)
    ]
    assert not outside


def test_the_command_line_starts_without_the_heavy_modules() -> None:
    """Importing the CLI loads the CLI and the names of the report formats, nothing else
    of ours, and none of the heavy libraries: commands import what they need."""
    import subprocess
    import sys

    code = (
        "import sys, composecheck.cli; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('composecheck', 'pydantic', 'ruamel', 'jsonschema', 'dotenv'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert {m for m in loaded if m.split(".")[0] != "composecheck"} == set()
    ours = {m for m in loaded if not m.startswith("composecheck.cli")}
    assert ours == {"composecheck", "composecheck.formatters"}
