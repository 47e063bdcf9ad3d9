"""Report formatters: one :class:`~composecheck.formatters.base.Formatter` interface, one
module per format, and the registry of formats below.

The registry imports a format's module only when it is asked for: the command line
lists the names without paying for the formatters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composecheck.formatters.base import Formatter, ReportInput
    from composecheck.formatters.json_format import as_json, finding_json
    from composecheck.formatters.text_format import text
    from composecheck.identity import display_path


def _text() -> Formatter:
    from composecheck.formatters.text_format import TextFormatter

    return TextFormatter()


def _json() -> Formatter:
    from composecheck.formatters.json_format import JsonFormatter

    return JsonFormatter()


def _sarif() -> Formatter:
    from composecheck.formatters.sarif import SarifFormatter

    return SarifFormatter()


def _github() -> Formatter:
    from composecheck.formatters.github import GithubFormatter

    return GithubFormatter()


def _junit() -> Formatter:
    from composecheck.formatters.junit import JunitFormatter

    return JunitFormatter()


def _gitlab() -> Formatter:
    from composecheck.formatters.gitlab import GitlabFormatter

    return GitlabFormatter()


#: Every report format, by the name ``--format`` takes, in the order ``--help`` lists them.
FORMATS: dict[str, Callable[[], Formatter]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
    "gitlab": _gitlab,
}


def formatter(name: str) -> Formatter:
    """The formatter called ``name`` (one of :data:`FORMATS`)."""
    found = FORMATS[name]()
    if found.name != name:  # pragma: no cover - a registry mistake
        raise RuntimeError(f"format {name!r} is registered with formatter {found.name!r}")
    return found


_LAZY = {
    "Formatter": "composecheck.formatters.base",
    "ReportInput": "composecheck.formatters.base",
    "display_path": "composecheck.identity",
    "as_json": "composecheck.formatters.json_format",
    "finding_json": "composecheck.formatters.json_format",
    "text": "composecheck.formatters.text_format",
}


def __getattr__(name: str) -> Any:
    # The text and JSON reports' functions, importable from here as before.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "FORMATS",
    "Formatter",
    "ReportInput",
    "as_json",
    "display_path",
    "finding_json",
    "formatter",
    "text",
]
