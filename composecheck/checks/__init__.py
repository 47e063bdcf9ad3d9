"""The checks: one module per check, ``ccNNN_name.py``, each declaring one :class:`Check`.

A check declares its code, kebab-case name, default severity and documentation (under
ruff's headings), and yields findings from a :class:`Context`: the resolved project of
one environment, with positions. Codes are part of the interface and never reused:
1xx syntax and schema, 2xx references and graph, 3xx runtime, 4xx security,
5xx environment and interpolation.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from composecheck.findings import Finding, Related, Severity
from composecheck.load.tree import Path, YList, YMap, locate
from composecheck.location import Loc

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


class Context:
    """What a check sees: one environment of one stack, resolved, with positions."""

    def __init__(
        self,
        loaded: Any,
        environment: str,
        production: bool,
        cwd: str,
        severity_overrides: dict[str, Severity] | None = None,
        settings: Any = None,
    ) -> None:
        self.loaded = loaded
        self.model: YMap = loaded.model
        self.environment = environment
        self.production = production
        self.cwd = cwd
        self.severity_overrides = severity_overrides or {}
        #: composecheck's own configuration for this stack (``settings.Settings``).
        self.settings = settings
        #: Work several checks share for this load (e.g. the secrets scan), by name.
        self.memo: dict[str, Any] = {}

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
    def notices(self) -> list[Any]:
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


def _discover() -> dict[str, Check]:
    found: dict[str, Check] = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("cc"):
            continue
        imported = importlib.import_module(f"{__name__}.{module.name}")
        for value in vars(imported).values():
            if (
                isinstance(value, type)
                and issubclass(value, Check)
                and value is not Check
                and value.__module__ == imported.__name__
            ):
                check = value()
                if check.code in found:
                    raise RuntimeError(f"duplicate check code {check.code}")
                found[check.code] = check
    return dict(sorted(found.items()))


_REGISTRY: dict[str, Check] | None = None


def registry() -> dict[str, Check]:
    """Every check, by code (imported on first use: `render` never pays for them)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _discover()
    return _REGISTRY


def find(code_or_name: str) -> Check | None:
    wanted = code_or_name.strip()
    for check in registry().values():
        if wanted.upper() == check.code or wanted.lower() == check.name:
            return check
    return None


def iter_list(value: Any) -> Iterator[tuple[int, Any]]:
    """(index, item) of a positioned list, or nothing when ``value`` is not a list."""
    if isinstance(value, YList):
        yield from enumerate(value)


__all__ = [
    "DOC_SECTIONS",
    "Check",
    "CheckDoc",
    "Context",
    "OptionSpec",
    "find",
    "iter_list",
    "registry",
]
