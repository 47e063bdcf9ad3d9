"""Our own configuration: ``[tool.composecheck]`` in pyproject.toml or ``.composecheck.toml``.

Only what the loader needs lives here for now: the named environments. The file is
found from the working directory upward, the way ruff finds its configuration.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import InputError
from composecheck.location import Loc

CONFIG_NAMES = (".composecheck.toml", "pyproject.toml")
_ENV_KEYS = {"files", "env_files", "profiles", "project_name", "project_directory", "production"}


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


@dataclass(frozen=True)
class Settings:
    path: str | None = None
    environments: dict[str, EnvironmentConfig] = field(default_factory=dict)
    #: ``[tool.composecheck.secrets]``: keys whose values a team accepts, and sha256
    #: hashes of accepted values (hashes, never the values, live in the repository).
    secret_keys: frozenset[str] = frozenset()
    secret_hashes: frozenset[str] = frozenset()


def _load_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", Loc(path, 1, 1)) from None


def _line_of(path: str, needle: str) -> Loc:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                column = line.find(needle)
                if column >= 0:
                    return Loc(path, number, column + 1)
    except OSError:
        pass
    return Loc(path, 1, 1)


def _strings(value: Any, key: str, path: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(f"{where}.{key} must be a string or a list of strings", _line_of(path, key))


def _environment(name: str, table: Any, path: str) -> EnvironmentConfig:
    where = f"tool.composecheck.environments.{name}"
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table", _line_of(path, name))
    unknown = sorted(set(table) - _ENV_KEYS)
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], sorted(_ENV_KEYS), n=1)
        raise InputError(
            f"{where}: unknown key '{unknown[0]}'",
            _line_of(path, unknown[0]),
            hint=f"did you mean '{close[0]}'?"
            if close
            else "known keys: " + ", ".join(sorted(_ENV_KEYS)),
        )
    base = os.path.dirname(path)

    def paths(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        return tuple(os.path.join(base, p) for p in _strings(table[key], key, path, where))

    production = table.get("production")
    if production is not None and not isinstance(production, bool):
        raise InputError(f"{where}.production must be true or false", _line_of(path, "production"))
    project_name = table.get("project_name")
    if project_name is not None and not isinstance(project_name, str):
        raise InputError(f"{where}.project_name must be a string", _line_of(path, "project_name"))
    project_dir = table.get("project_directory")
    return EnvironmentConfig(
        name=name,
        files=paths("files") or (),
        env_files=paths("env_files"),
        profiles=_strings(table["profiles"], "profiles", path, where)
        if "profiles" in table
        else None,
        project_name=project_name,
        project_directory=os.path.join(base, project_dir) if isinstance(project_dir, str) else None,
        production=production,
    )


def find_config(start: str) -> str | None:
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                if name == "pyproject.toml":
                    with open(candidate, "rb") as handle:
                        if b"[tool.composecheck" not in handle.read():
                            continue
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_settings(start: str, explicit: str | None = None) -> Settings:
    """The configuration that applies to ``start`` (or the file named by ``--config``)."""
    path = explicit or find_config(start)
    if path is None:
        return Settings()
    data = _load_toml(path)
    section = (
        data.get("tool", {}).get("composecheck", {}) if path.endswith("pyproject.toml") else data
    )
    environments = section.get("environments", {})
    if not isinstance(environments, dict):
        raise InputError("environments must be a table", _line_of(path, "environments"))
    keys, hashes = _secrets(section.get("secrets", {}), path)
    return Settings(
        path=path,
        environments={n: _environment(n, t, path) for n, t in environments.items()},
        secret_keys=keys,
        secret_hashes=hashes,
    )


_SHA256 = frozenset("0123456789abcdef")


def _secrets(table: Any, path: str) -> tuple[frozenset[str], frozenset[str]]:
    """The secrets allow-list: ``keys = [...]`` and ``sha256 = [...]``."""
    where = "tool.composecheck.secrets"
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table", _line_of(path, "secrets"))
    unknown = sorted(set(table) - {"keys", "sha256"})
    if unknown:
        raise InputError(
            f"{where}: unknown key '{unknown[0]}'",
            _line_of(path, unknown[0]),
            hint="known keys: keys (names whose values are accepted), sha256 (hashes of "
            "accepted values)",
        )
    keys = _strings(table.get("keys", []), "keys", path, where)
    hashes = _strings(table.get("sha256", []), "sha256", path, where)
    for digest in hashes:
        if len(digest) != 64 or not set(digest.lower()) <= _SHA256:
            raise InputError(
                f"{where}.sha256: {digest[:12]}... is not a sha256 hex digest",
                _line_of(path, digest[:12]),
                hint="printf %s 'the-value' | sha256sum",
            )
    return frozenset(keys), frozenset(d.lower() for d in hashes)
