"""composecheck: check Docker Compose stacks and render them per environment.

The public API is small and lives in :mod:`composecheck.api`; it is re-exported here
lazily so that ``import composecheck`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["LoadOptions", "Project", "__version__", "load_project", "render_project"]

if TYPE_CHECKING:
    from composecheck.api import LoadOptions, Project, load_project, render_project


def __getattr__(name: str) -> Any:
    if name in {"LoadOptions", "Project", "load_project", "render_project"}:
        from composecheck import api

        return getattr(api, name)
    raise AttributeError(name)
