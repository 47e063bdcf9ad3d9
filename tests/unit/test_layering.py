"""The loader's dependencies point one way: stages never import the pipeline that runs them.

Read from the source with ``ast`` (imports under ``TYPE_CHECKING`` and inside functions
count too: a cycle hidden from the interpreter is still a cycle for the reader).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LOAD = Path(__file__).resolve().parents[2] / "composecheck" / "load"
# Who may sequence stages: the pipeline itself and the facade that re-exports it.
RUNNERS = {"pipeline.py", "project.py"}
FORBIDDEN = ("composecheck.load.pipeline", "composecheck.load.project")
# Modules already past the size we aim for; a new module must not join them.
OVERSIZED: set[str] = set()
MAX_LINES = 400


def _stages() -> list[Path]:
    return sorted(p for p in LOAD.rglob("*.py") if p.name not in RUNNERS or p.parent != LOAD)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", _stages(), ids=lambda p: str(p.relative_to(LOAD)))
def test_stage_does_not_import_the_pipeline(path: Path) -> None:
    bad = sorted(m for m in _imports(path) if m.startswith(FORBIDDEN))
    assert not bad, f"{path.name} imports {bad}: pass what it needs in (see load/context.py)"


PACKAGE = LOAD.parent


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_module_size(path: Path) -> None:
    if path.name in OVERSIZED and path.parent == LOAD:
        pytest.skip("known to be too large; split it by stage")
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by stage"


# What loading must never depend on: it is used by all of them.
OUTER = tuple(
    f"composecheck.{name}"
    for name in (
        "api",
        "checks",
        "cli",
        "findings",
        "formatters",
        "redact",
        "render",
        "settings",
        "suppress",
        "validate",
    )
)


@pytest.mark.parametrize("path", sorted(LOAD.rglob("*.py")), ids=lambda p: str(p.relative_to(LOAD)))
def test_loading_does_not_import_outer_layers(path: Path) -> None:
    bad = sorted(m for m in _imports(path) if m.startswith(OUTER))
    assert not bad, f"{path.name} imports {bad}: loading must not depend on them"
