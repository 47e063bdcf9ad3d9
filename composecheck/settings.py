"""Our own configuration: ``[tool.composecheck]`` in pyproject.toml or ``.composecheck.toml``.

The file is found from the working directory upward, the way ruff finds its
configuration, and validated by the pydantic models of :mod:`composecheck.settings_model`
(imported only when a file exists). Every error names the file and the line of the key
at fault. What the rest of composecheck sees is :class:`Settings`: plain, frozen, with
paths made absolute against the file's folder.
"""

from __future__ import annotations

import json
import os
import re
import sys
import types
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import InputError
from composecheck.location import Loc

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


_PARSED: dict[tuple[str, float], dict[str, Any]] = {}


def _load_toml(path: str) -> dict[str, Any]:
    try:
        stamp = (path, os.path.getmtime(path))
    except OSError:
        stamp = (path, -1.0)
    if stamp not in _PARSED:
        _PARSED[stamp] = _parse_toml(path)
    return _PARSED[stamp]


def _parse_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as exc:
        # tomllib says where only in its message: "Invalid value (at line 3, column 10)".
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        if "(at end of document)" in str(exc):
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines() or [""]
            line, col = len(lines), len(lines[-1]) + 1
        message = str(exc).split(" (at ")[0]
        raise InputError(f"invalid TOML: {message}", Loc(path, line, col)) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", Loc(path, 1, 1)) from None


# -- where a key was written ----------------------------------------------------------

_KEY_PART = r'(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def key_positions(path: str) -> dict[tuple[str, ...], Loc]:
    """Every table header and ``key =`` of a TOML file, by full key path.

    tomllib keeps no positions; this reads them off the lines instead. Multi-line
    strings and arrays cannot start a key line, so a line scan is enough to point an
    error at its key.
    """
    out: dict[tuple[str, ...], Loc] = {}
    table: tuple[str, ...] = ()
    in_string = False
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return out
    for number, line in enumerate(lines, 1):
        if in_string:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_string = False
            continue
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            out.setdefault(table, Loc(path, number, line.index("[") + 1))
            continue
        assign = _ASSIGN.match(line)
        if assign:
            key = table + _split_key(assign.group(2))
            out.setdefault(key, Loc(path, number, len(assign.group(1)) + 1))
            rest = line[assign.end() :]
            if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
                in_string = True
    return out


def _locate(path: str, keys: tuple[str, ...]) -> Loc:
    """The line of ``keys`` (or of the nearest enclosing key written in the file)."""
    positions = key_positions(path)
    wanted = tuple(keys)
    while wanted:
        for spelling in (wanted, tuple(k.replace("_", "-") for k in wanted)):
            if spelling in positions:
                return positions[spelling]
        wanted = wanted[:-1]
    return Loc(path, 1, 1)


# -- validation -----------------------------------------------------------------------


def _prefix(path: str) -> tuple[str, ...]:
    return ("tool", "composecheck") if _is_pyproject(path) else ()


def _is_pyproject(path: str) -> bool:
    """pyproject.toml, or another file in its shape (``--config``): ``[tool.composecheck]``."""
    return os.path.basename(path) == "pyproject.toml" or _names_our_table(_load_toml(path))


def _names_our_table(data: dict[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "composecheck" in tool


def _field_names(model: Any, keys: tuple[str | int, ...]) -> list[str]:
    """The keys the table at ``keys`` accepts (for "did you mean")."""
    import typing

    from pydantic import BaseModel

    current: Any = model
    for key in keys:
        # Optional[X] → X; dict[str, X] consumes a key of its own.
        while typing.get_origin(current) in (typing.Union, types.UnionType):
            current = next(a for a in typing.get_args(current) if a is not type(None))
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {(f.alias or n): f for n, f in current.model_fields.items()}
            info = fields.get(str(key)) or current.model_fields.get(str(key))
            current = info.annotation if info else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        elif typing.get_origin(current) is not list:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _config_error(path: str, error: Any, model: Any, base: tuple[str, ...]) -> InputError:
    import difflib

    loc = tuple(error["loc"])
    keys = tuple(str(k) for k in loc if not isinstance(k, int))
    where = ".".join((*_prefix(path), *base, *keys))
    at = _locate(path, (*_prefix(path), *base, *keys))
    if error["type"] == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(keys[-1].replace("_", "-"), known, n=1)
        parent = ".".join((*_prefix(path), *base, *keys[:-1])) or os.path.basename(path)
        hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
        return InputError(f"unknown key '{keys[-1]}' in {parent}", at, hint=hint)
    message = str(error["msg"])
    message = message[0].lower() + message[1:]
    given = error.get("input")
    shown = "" if isinstance(given, dict | list) else f", got {given!r}"
    if error["type"] == "value_error":
        message = message.removeprefix("value error, ")
        shown = ""
    return InputError(
        f"{where}: {message}{shown}",
        at,
        hint="`composecheck config --schema` prints what each key accepts",
    )


def _validate(path: str, section: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    from composecheck.settings_model import ConfigTable

    try:
        return ConfigTable.model_validate(section)
    except ValidationError as exc:
        errors = [_config_error(path, e, ConfigTable, ()) for e in exc.errors()]
        first = errors[0]
        first.others = errors[1:]
        raise first from None


def _check_codes(path: str, table: Any) -> dict[str, dict[str, Any]]:
    """Codes and names must name checks; per-check options must be the check's own."""
    import difflib

    from pydantic import ValidationError

    from composecheck.checks import find, registry
    from composecheck.checks.match import match_rule
    from composecheck.settings_model import options_model

    checks = list(registry().values())
    names = [c.code for c in checks] + [c.name for c in checks]

    def known(item: str, keys: tuple[str, ...]) -> None:
        if any(match_rule(item, c.code, c.name) for c in checks):
            return
        close = difflib.get_close_matches(item.lower(), [n.lower() for n in names], n=1)
        raise InputError(
            f"{'.'.join((*_prefix(path), *keys))}: no check is called {item!r}",
            _locate(path, (*_prefix(path), *keys)),
            hint=f"did you mean '{close[0].upper() if close[0].startswith('cc') else close[0]}'?"
            if close
            else "`composecheck rules` lists the checks",
        )

    scopes: list[tuple[tuple[str, ...], Any]] = [((), table)]
    scopes += [(("environments", n), e) for n, e in table.environments.items()]
    for keys, scope in scopes:
        for item in scope.select or ():
            known(item, (*keys, "select"))
        for item in scope.ignore:
            known(item, (*keys, "ignore"))
        for item in scope.severity:
            known(item, (*keys, "severity", item))
    options: dict[str, dict[str, Any]] = {}
    for key, values in table.checks.items():
        check = find(key)
        if check is None:
            known(key, ("checks", key))
            raise InputError(  # a code prefix names no single check
                f"{'.'.join((*_prefix(path), 'checks', key))}: name one check, not a prefix",
                _locate(path, (*_prefix(path), "checks", key)),
            )
        if not check.options_spec:
            raise InputError(
                f"{check.code} {check.name} has no options",
                _locate(path, (*_prefix(path), "checks", key)),
                hint="`composecheck explain CODE` lists a check's options",
            )
        model = options_model(check.code, check.options_spec)
        try:
            parsed = model.model_validate(values)
        except ValidationError as exc:
            errors = [_config_error(path, e, model, ("checks", key)) for e in exc.errors()]
            errors[0].others = errors[1:]
            raise errors[0] from None
        options.setdefault(check.code, {}).update(parsed.model_dump())
    return options


def _environment(name: str, table: Any, base: str) -> EnvironmentConfig:
    def paths(values: list[str] | None) -> tuple[str, ...] | None:
        return None if values is None else tuple(os.path.join(base, p) for p in values)

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
    )


def _has_our_table(path: str) -> bool:
    """Whether a pyproject.toml has a ``tool.composecheck`` table, however spelt."""
    with open(path, "rb") as handle:
        if b"composecheck" not in handle.read():
            return False  # the common case, without parsing
    return _names_our_table(_load_toml(path))


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
    data = _load_toml(path)
    if _prefix(path):
        section = data.get("tool", {}).get("composecheck", {})
        if not isinstance(section, dict):
            raise InputError("tool.composecheck must be a table", _locate(path, _prefix(path)))
    else:
        section = data
    table = _validate(path, section)
    options = _check_codes(path, table) if checks else {}
    base = os.path.dirname(path)
    settings = Settings(
        path=path,
        environments={n: _environment(n, t, base) for n, t in table.environments.items()},
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


def effective(settings: Settings) -> dict[str, Any]:
    """The configuration in force: every key, defaults filled in, per-check options of
    every check that has any."""
    from composecheck.checks import registry
    from composecheck.settings_model import ConfigTable, options_model

    table = ConfigTable.model_validate(settings.table).model_dump(by_alias=True)
    table["fail-on"] = table["fail-on"] or "error"
    checks: dict[str, Any] = {}
    for check in registry().values():
        if check.options_spec:
            model = options_model(check.code, check.options_spec)
            checks[check.code] = model.model_validate(settings.options(check.code)).model_dump(
                by_alias=True
            )
    table["checks"] = checks
    out: dict[str, Any] = _drop_none(table)
    return out


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value


_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + (f" {inner} " if inner else "") + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def to_toml(table: dict[str, Any], prefix: tuple[str, ...] = ()) -> str:
    """A table as TOML: its keys, then each sub-table under its own header."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    out = "\n".join(lines) + ("\n" if lines else "")
    for key, value in tables:
        header = ".".join(_toml_key(k) for k in (*prefix, key))
        body = to_toml(value, (*prefix, key))
        out += f"\n[{header}]\n{body}"
    return out
