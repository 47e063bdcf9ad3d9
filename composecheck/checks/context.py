"""What a check sees: one environment of one stack, resolved, with positions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composecheck.errors import InputError
from composecheck.findings import Finding, Related, Severity
from composecheck.load.tree import Path, YMap, locate
from composecheck.location import Loc

if TYPE_CHECKING:
    from composecheck.checks.base import Check
    from composecheck.load.environment import Notice
    from composecheck.load.project import LoadedProject
    from composecheck.settings import Settings


@dataclass(eq=False, repr=False)
class Context:
    """One environment of one stack, as every check sees it.

    A new piece of what checks see is one more field here (with a default, so that
    callers that do not know it keep working). No generated repr: it would print the
    whole model, secret values included.
    """

    loaded: LoadedProject
    environment: str
    production: bool
    cwd: str
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    #: composecheck's own configuration for this stack (None: no configuration).
    settings: Settings | None = None
    #: The resolved model (``loaded.model``).
    model: YMap = field(init=False)
    #: Work several checks share for this load (e.g. the secrets scan), by name.
    memo: dict[str, Any] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.model = self.loaded.model

    # -- the project ------------------------------------------------------------------

    def services(self) -> dict[str, YMap]:
        """The services the active profiles enable."""
        services = self.model.get("services")
        if not isinstance(services, YMap):
            return {}
        return {n: s for n, s in services.items() if isinstance(s, YMap)}

    def disabled_services(self) -> dict[str, YMap]:
        """Services that exist but that the active profiles leave out."""
        return {n: s for n, s in self.loaded.disabled.items() if isinstance(s, YMap)}

    def resources(self, section: str) -> YMap:
        value = self.model.get(section)
        return value if isinstance(value, YMap) else YMap()

    @property
    def notices(self) -> list[Notice]:
        return list(self.loaded.environment.notices)

    def option(self, check: Check, key: str) -> Any:
        """A check's option: the configuration's value, else the check's default."""
        configured = self.settings.options(check.code) if self.settings is not None else {}
        if key in configured:
            return configured[key]
        return check.options_spec[key][1]

    def locate(self, path: Path) -> Loc | None:
        return locate(self.model, path)

    # -- findings ---------------------------------------------------------------------

    def from_problem(self, check: Check, problem: InputError) -> Finding:
        """A finding for a problem one of Compose's rules (composecheck.semantics) found:
        in the rule's own words for people, where Compose's name a Go type or a path."""
        return self.finding(
            check,
            problem.detail or problem.message,
            problem.hint or "Docker Compose refuses this project until it is fixed",
            loc=problem.loc,
            service=problem.service,
            related=problem.related,
        )

    def finding(
        self,
        check: Check,
        message: str,
        hint: str,
        *,
        path: Path | None = None,
        loc: Loc | None = None,
        service: str | None = None,
        related: Iterable[tuple[Loc | None, str]] = (),
        severity: Severity | None = None,
    ) -> Finding:
        where = loc if loc is not None else (self.locate(path) if path is not None else None)
        extra: list[Related] = []
        if where is not None and where.origin is not None:
            origin = where.origin
            if origin.entire:
                # The env file line wrote the whole value: the fix is made there.
                extra.append(Related(where.file, where.line, where.col, "used here"))
                where = origin
            else:
                extra.append(
                    Related(origin.file, origin.line, origin.col, "the value comes from here")
                )
        for other, text in related:
            if other is not None:
                extra.append(Related(other.file, other.line, other.col, text))
        level = (
            severity
            or self.severity_overrides.get(check.code)
            or check.default_severity(self.production)
        )
        return Finding(
            code=check.code,
            name=check.name,
            severity=level,
            message=message,
            hint=hint,
            file=where.file if where else None,
            line=where.line if where else None,
            column=where.col if where else None,
            service=service,
            related=tuple(extra),
        )
