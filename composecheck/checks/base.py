"""What a check is: its declaration (code, name, severity, options) and documentation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from composecheck.findings import Finding, Severity

if TYPE_CHECKING:
    from composecheck.checks.context import Context

#: A check's options: name (snake_case; kebab-case in the file) → (type, default, text).
OptionSpec = dict[str, tuple[Any, Any, str]]

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Options")


@dataclass(frozen=True)
class CheckDoc:
    what: str
    why: str
    example: str  # a compose file (YAML) that triggers the check
    use_instead: str  # the same file, fixed: triggers nothing of this check
    options: str = "None."


class Check:
    """Base class: subclasses set the class attributes and implement :meth:`run`."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]  # one line, for `composecheck rules`
    severity: ClassVar[Severity]
    #: Severity in production environments, where it differs (None: same as ``severity``).
    production_severity: ClassVar[Severity | None] = None
    #: Runs only in production environments unless configuration enables it elsewhere.
    production_only: ClassVar[bool] = False
    doc: ClassVar[CheckDoc]
    #: Options users can set in ``[checks.CODE]``: kebab-case key (written with
    #: underscores) → (type, default, description). Validated by pydantic on load.
    options_spec: ClassVar[OptionSpec] = {}
    #: For the doc examples: run them as a production environment.
    example_production: ClassVar[bool] = False

    def run(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def default_severity(self, production: bool) -> Severity:
        if production and self.production_severity is not None:
            return self.production_severity
        return self.severity
