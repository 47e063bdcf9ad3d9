"""What a load read, kept so that whoever prints messages about it can mask secrets.

Compose's messages quote the values they refuse, and a refused value may be a token
that landed in the wrong place (``cpus: ${TOKEN}``). The loader records here, as it
reads them, the variables (shell, ``.env``, ``--env-file``, an included project's) and
the scalars of every compose document. Nothing is judged here: the caller asks
:mod:`composecheck.secrets.scrub` which of these values are secrets only when it has
something to print, and the record is filled even when loading stops at a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Readings:
    """The variables (by reference) and the scalars of the documents one load read."""

    variables: list[Mapping[str, str]] = field(default_factory=list)
    #: Every scalar of every compose document as read, before interpolation or any stage
    #: changed it (stages rewrite and drop values in place): the key it is written
    #: under (None at the top or in a list of lists), and its text.
    scalars: list[tuple[str | None, str]] = field(default_factory=list)
    #: The lists of strings as read (command lines: a flag names the value after it).
    sequences: list[list[str]] = field(default_factory=list)

    def add_variables(self, variables: Mapping[str, str]) -> None:
        if not any(v is variables for v in self.variables):
            self.variables.append(variables)

    def add_documents(self, documents: list[Any]) -> None:
        """Record the scalars of ``documents`` (positioned trees or plain values)."""
        stack: list[tuple[Any, str | None]] = [(doc, None) for doc in documents]
        scalars = self.scalars
        while stack:
            value, key = stack.pop()
            if isinstance(value, str):
                scalars.append((key, value))
            elif isinstance(value, dict):
                for k, v in value.items():
                    stack.append((v, k if isinstance(k, str) else key))
            elif isinstance(value, list):
                if value and all(isinstance(v, str) for v in value):
                    self.sequences.append(list(value))
                stack.extend((item, key) for item in value)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                scalars.append((key, str(value)))


__all__ = ["Readings"]
