"""Problems with the user's input, and where the loader puts them.

Each problem carries the code of the check that reports it, set where it is raised
(never worked out afterwards from its wording). ``render`` stops at the first problem,
as Docker Compose does; ``validate`` records every one and goes on with the best model
it can build (:class:`Problems`).
"""

from __future__ import annotations

from composecheck.location import Loc

# The checks that report loader problems (see composecheck/checks/). Kept here, not
# imported from the checks: loading never depends on them.
YAML_SYNTAX = "CC101"
DUPLICATE_KEY = "CC102"
UNKNOWN_ATTRIBUTE = "CC103"
INVALID_VALUE = "CC104"
INTERPOLATION = "CC106"
MISSING_FILE = "CC107"
UNDEFINED_SERVICE = "CC201"
DEPENDENCY_CYCLE = "CC202"
INACTIVE_DEPENDENCY = "CC204"
UNDEFINED_NETWORK = "CC205"
UNDEFINED_VOLUME = "CC207"
UNDEFINED_SECRET_OR_CONFIG = "CC209"
DUPLICATE_CONTAINER_NAME = "CC212"
NETWORK_MODE_CONFLICT = "CC214"
INVALID_RESOURCE_LIMIT = "CC303"
MISSING_IMAGE = "CC215"


class InputError(Exception):
    """A problem with the user's input: what Docker Compose refuses.

    ``message`` is the reference's own wording where Docker Compose has one, so that
    users can search for it; ``loc`` says where, when we know; ``hint`` how to fix it;
    ``code`` which check reports it when validating.
    """

    def __init__(
        self,
        message: str,
        loc: Loc | None = None,
        hint: str | None = None,
        code: str = INVALID_VALUE,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.hint = hint
        self.code = code
        #: Further problems found at the same stage (every schema violation of a file).
        self.others: list[InputError] = []
        #: Other places worth showing: the template read in place of a missing file...
        self.related: list[tuple[Loc, str]] = []
        #: A check applies the same rule with more context (validate lets it report).
        self.mirrored = False
        #: The rule's own wording for validate (``message`` stays Compose's, for render),
        #: and the service concerned.
        self.detail: str | None = None
        self.service: str | None = None

    def __str__(self) -> str:
        return self.message

    def located(self) -> str:
        """``FILE:LINE:COL: message`` (or just the message when there is no location)."""
        return f"{self.loc}: {self.message}" if self.loc else self.message


class Problems:
    """Where the loader reports what Compose refuses.

    Rendering (``keep_going`` false) raises the first problem, as Compose stops there.
    Validating records each one; the stage that reported it then recovers (drops the
    value, reads the file as empty...) so that one run shows every problem of a stack.
    """

    def __init__(self, keep_going: bool = False) -> None:
        self.keep_going = keep_going
        self.items: list[InputError] = []
        #: Services a problem left incomplete (an `extends` that failed, an `image` of
        #: the wrong type): the consistency rules do not blame them for what is missing.
        self.incomplete: set[str] = set()

    def report(self, error: InputError) -> None:
        if not self.keep_going:
            raise error
        self.items.append(error)
        self.items.extend(error.others)
        error.others = []
