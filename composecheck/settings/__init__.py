"""Our own configuration: ``[tool.composecheck]`` in pyproject.toml or ``.composecheck.toml``.

The file is found from the working directory upward, the way ruff finds its
configuration, and validated by the pydantic models of :mod:`composecheck.settings.model`
(imported only when a file exists). Every error names the file and the line of the key
at fault. What the rest of composecheck sees is :class:`Settings`: plain, frozen, with
paths made absolute against the file's folder.

- :mod:`~composecheck.settings.toml`: reading TOML with key positions, writing it back;
- :mod:`~composecheck.settings.model`: the pydantic models and the JSON Schema;
- :mod:`~composecheck.settings.validation`: model errors located at their key;
- :mod:`~composecheck.settings.policy`: the checks a configuration names, their options.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composecheck.errors import InputError
from composecheck.location import Loc
from composecheck.settings.policy import check_options, effective
from composecheck.settings.toml import (
    key_positions,
    load_toml,
    locate,
    names_our_table,
    table_prefix,
    to_toml,
)
from composecheck.settings.validation import validate_table

if TYPE_CHECKING:
    from composecheck.settings.model import EnvironmentTable

CONFIG_NAMES = (".composecheck.toml", "pyproject.toml")
SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True)
class EnvironmentConfig:
    """``[tool.composecheck.environments.NAME]``: what ``--env NAME`` loads."""

    name: str
    files: tuple[str, ...] = ()
    env_files: tuple[str, ...] | None = None
    profiles: tuple[str, ...] | None = None
    project_name: str | None = None
    project_directory: str | None = None
    production: bool | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    #: Where this table names each of ``files`` and ``env_files`` (absolute path →
    #: the line of its key): a missing file is reported there.
    named_at: dict[str, Loc] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Settings:
    path: str | None = None
    environments: dict[str, EnvironmentConfig] = field(default_factory=dict)
    #: ``[secrets]``: keys whose values a team accepts, and sha256 hashes of accepted
    #: values (hashes, never the values, live in the repository).
    secret_keys: frozenset[str] = frozenset()
    secret_hashes: frozenset[str] = frozenset()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    #: Check code, name or code prefix → severity name.
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    baseline: str | None = None  # absolute
    #: Options per check code, validated against what the check declares.
    check_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The validated table, by kebab-case key, for ``composecheck config``.
    table: dict[str, Any] = field(default_factory=dict)

    def options(self, code: str) -> dict[str, Any]:
        return self.check_options.get(code, {})


def _environment(name: str, table: EnvironmentTable, path: str) -> EnvironmentConfig:
    base = os.path.dirname(path)

    def paths(values: list[str] | None) -> tuple[str, ...] | None:
        return None if values is None else tuple(os.path.join(base, p) for p in values)

    named_at: dict[str, Loc] = {}
    for key, values in (("files", table.files), ("env_files", table.env_files)):
        if values:
            where = locate(path, (*table_prefix(path), "environments", name, key))
            named_at.update((os.path.normpath(p), where) for p in paths(values) or ())
    return EnvironmentConfig(
        name=name,
        files=paths(table.files) or (),
        env_files=paths(table.env_files),
        profiles=tuple(table.profiles) if table.profiles is not None else None,
        project_name=table.project_name,
        project_directory=os.path.join(base, table.project_directory)
        if table.project_directory is not None
        else None,
        production=table.production,
        select=tuple(table.select) if table.select is not None else None,
        ignore=tuple(table.ignore),
        severity=dict(table.severity),
        named_at=named_at,
    )


def _has_our_table(path: str) -> bool:
    """Whether a pyproject.toml has a ``tool.composecheck`` table, however spelt."""
    with open(path, "rb") as handle:
        if b"composecheck" not in handle.read():
            return False  # the common case, without parsing
    return names_our_table(load_toml(path))


def find_config(start: str) -> str | None:
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                if name == "pyproject.toml" and not _has_our_table(candidate):
                    continue
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


_CACHE: dict[tuple[str, bool, float], Settings] = {}


def load_settings(start: str, explicit: str | None = None, *, checks: bool = True) -> Settings:
    """The configuration that applies to ``start`` (or the file named by ``--config``).

    ``checks=False`` skips what needs the check registry (codes, per-check options):
    ``render`` has no use for it and does not pay for importing the checks.
    """
    path = os.path.abspath(explicit) if explicit else find_config(start)
    if path is None:
        return Settings()
    if explicit and not os.path.isfile(path):
        raise InputError(f"open {path}: no such file or directory", hint="check --config")
    stamp = (path, checks, os.path.getmtime(path))
    if stamp in _CACHE:
        return _CACHE[stamp]
    data = load_toml(path)
    if table_prefix(path):
        section = data.get("tool", {}).get("composecheck", {})
        if not isinstance(section, dict):
            raise InputError("tool.composecheck must be a table", locate(path, table_prefix(path)))
    else:
        section = data
    table = validate_table(path, section)
    options = check_options(path, table) if checks else {}
    base = os.path.dirname(path)
    settings = Settings(
        path=path,
        environments={n: _environment(n, t, path) for n, t in table.environments.items()},
        secret_keys=frozenset(table.secrets.keys),
        secret_hashes=frozenset(table.secrets.sha256),
        select=tuple(table.select) if table.select is not None else None,
        ignore=tuple(table.ignore),
        severity=dict(table.severity),
        fail_on=table.fail_on,
        baseline=os.path.join(base, table.baseline) if table.baseline else None,
        check_options=options,
        table=table.model_dump(by_alias=True, exclude_none=True),
    )
    _CACHE[stamp] = settings
    return settings


__all__ = [
    "CONFIG_NAMES",
    "SEVERITY_NAMES",
    "EnvironmentConfig",
    "Settings",
    "effective",
    "find_config",
    "key_positions",
    "load_settings",
    "to_toml",
]
