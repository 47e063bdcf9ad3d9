"""What a load read, kept so that whoever prints messages about it can mask secrets.

Compose's messages quote the values they refuse, and a refused value may be a token
that landed in the wrong place (``cpus: ${TOKEN}``). The loader records here, as it
reads them, the variables (shell, ``.env``, ``--env-file``, an included project's) and
the documents of every compose file. Nothing is judged here: the caller asks
:mod:`composecheck.secrets.scrub` which of these values are secrets only when it has
something to print, and the record is filled even when loading stops at a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Readings:
    """The variables and documents one load read (by reference: they are not copied)."""

    variables: list[Mapping[str, str]] = field(default_factory=list)
    #: Compose documents as read (positioned trees, or plain values in the untyped
    #: mode); interpolation rewrites them in place, which is fine: both forms are read.
    documents: list[Any] = field(default_factory=list)

    def add_variables(self, variables: Mapping[str, str]) -> None:
        if not any(v is variables for v in self.variables):
            self.variables.append(variables)

    def add_documents(self, documents: list[Any]) -> None:
        self.documents.extend(documents)


__all__ = ["Readings"]
