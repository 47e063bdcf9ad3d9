"""Where a value was written: file, line and column (1-based), plus an optional origin.

A ``Loc`` is attached to every value of the tree by the reader and carried through
interpolation, merges, ``extends`` and ``include`` (see :mod:`composecheck.load.tree`).
When a value came from an environment variable defined in a ``.env`` file, ``origin``
points at that line: the second location of a finding.
"""

from __future__ import annotations

from typing import NamedTuple


class Loc(NamedTuple):
    file: str
    line: int
    col: int
    origin: Loc | None = None
    #: On an origin: it supplied the entire value (``${TAG}`` rather than
    #: ``nginx:${TAG}``), so that a finding about the value belongs there.
    entire: bool = False

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def with_origin(self, origin: Loc | None) -> Loc:
        return self if origin is None else self._replace(origin=origin)
