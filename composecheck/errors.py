"""Errors that stop processing. The CLI turns each into a message on stderr and exit 2."""

from __future__ import annotations

from composecheck.location import Loc


class InputError(Exception):
    """A problem with the user's input that stops loading.

    ``message`` is the reference's own wording where Docker Compose has one, so that
    users can search for it; ``loc`` says where, when we know; ``hint`` how to fix it.
    """

    def __init__(self, message: str, loc: Loc | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.hint = hint
        #: Further problems found at the same stage (every schema violation of a file).
        self.others: list[InputError] = []

    def __str__(self) -> str:
        return self.message

    def located(self) -> str:
        """``FILE:LINE:COL: message`` (or just the message when there is no location)."""
        return f"{self.loc}: {self.message}" if self.loc else self.message
