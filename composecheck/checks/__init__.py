"""The checks: one module per check, ``ccNNN_name.py``, each declaring one :class:`Check`,
listed in :mod:`composecheck.checks.catalog`.

A check declares its code, kebab-case name, default severity and documentation (under
ruff's headings), and yields findings from a :class:`Context`: the resolved project of
one environment, with positions. Codes are part of the interface and never reused:
1xx syntax and schema, 2xx references and graph, 3xx runtime, 4xx security,
5xx environment and interpolation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from composecheck.checks.base import DOC_SECTIONS, Check, CheckDoc, OptionSpec
from composecheck.checks.context import Context
from composecheck.load.tree import YList


def _build() -> dict[str, Check]:
    from composecheck.checks.catalog import CHECKS

    found: dict[str, Check] = {}
    for cls in CHECKS:
        check = cls()
        if check.code in found:
            raise RuntimeError(f"duplicate check code {check.code}")
        found[check.code] = check
    return dict(sorted(found.items()))


_REGISTRY: dict[str, Check] | None = None


def registry() -> dict[str, Check]:
    """Every check, by code (imported on first use: `render` never pays for them)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _build()
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
