"""``load_project``: the loader's public entry point.

The stages and their order live in :mod:`.pipeline`; the option and result types in
:mod:`.options`; choosing files and variables in :mod:`.selection`. This module keeps the
names callers have always imported from here.
"""

from __future__ import annotations

from composecheck.load.options import LoadedProject, LoadOptions
from composecheck.load.pipeline import load_project
from composecheck.load.selection import Selection, select

__all__ = ["LoadOptions", "LoadedProject", "Selection", "load_project", "select"]
