"""What the untyped mode's ``extends`` and ``include`` work with and call back into.

``Context`` is one ``loadYamlModel`` call of Compose's (its folder, variables and which
stages it skips); ``Loader`` is what the pipeline offers them, so they never import it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from composecheck.errors import InputError
from composecheck.load.untyped.gocompat import Path


class Tracker:
    """The chain of ``extends`` being followed, to refuse a cycle."""

    def __init__(self, chain: tuple[tuple[str, str], ...] = ()) -> None:
        self.chain = chain

    def add(self, filename: str, service: str) -> Tracker:
        if (filename, service) in self.chain:
            (first_file, first), *rest = self.chain
            lines = [f"  {first} in {first_file}"]
            lines += [f"  extends {s} in {f}" for f, s in (*rest, (filename, service))]
            raise InputError("Circular reference:\n" + "\n".join(lines))
        return Tracker((*self.chain, (filename, service)))


@dataclass
class Context:
    """What one ``loadYamlModel`` call works with."""

    working_dir: str  # as Compose holds it: relative inside includes
    resolve_root: str  # the absolute folder relative file names are read from
    environment: dict[str, str]
    resolve_paths: bool = True
    skip_extends: bool = False
    skip_include: bool = False
    skip_validation: bool = False
    included: list[str] = field(default_factory=list)


class Loader(Protocol):
    """The untyped mode's load in progress, as ``extends`` and ``include`` see it."""

    home: str | None
    warnings: list[str]

    def load_file(
        self, filename: str, ctx: Context, model: dict[str, Any], tracker: Tracker
    ) -> tuple[dict[str, Any], list[Path]]:
        """Run the per-document stages of one file into ``model``; its last resets too."""
        ...

    def load_model(self, filenames: Sequence[str], ctx: Context) -> dict[str, Any]:
        """Load files as one project (merged, defaults, paths, environment)."""
        ...


__all__ = ["Context", "Loader", "Tracker"]
