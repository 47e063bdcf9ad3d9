"""What ``extends`` and ``include`` may ask of the load in progress.

Both stages need to read further files and, for ``include``, to load a whole
sub-project; the pipeline provides that through this protocol, so the stages import
only this interface and never the pipeline that calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from composecheck.errors import InputError
from composecheck.load.environment import Environment
from composecheck.load.merge import Merger
from composecheck.load.options import LoadOptions
from composecheck.load.tree import YMap
from composecheck.location import Loc


class Loader(Protocol):
    """One project's load: its options, variables, folder and merge bookkeeping."""

    options: LoadOptions
    env: Environment
    working_dir: str
    merger: Merger
    #: The files whose ``include`` led here, outermost first, to refuse a cycle.
    include_stack: list[str]
    #: Where files of this load were named (an ``include`` entry), for read errors.
    named_at: dict[str, Loc]

    def read(self, path: str) -> list[YMap | InputError]:
        """The documents of a file, as positioned trees (a document that is not a
        mapping as the error Compose reports when it reaches it)."""
        ...

    def prepare(self, doc: YMap, path: str, env: Environment) -> YMap:
        """A freshly read document, interpolated (or not, by mode)."""
        ...

    def spawn(self, env: Environment, working_dir: str) -> Loader:
        """A load of an included project: its own variables and folder."""
        ...

    def load_files(self, paths: Sequence[str]) -> YMap:
        """Run the per-file stages over ``paths`` and return the merged model."""
        ...

    def resolve_all_paths(self, model: YMap) -> None:
        """Make the model's relative paths absolute against the working folder."""
        ...


__all__ = ["Loader"]
