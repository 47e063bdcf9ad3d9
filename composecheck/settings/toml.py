"""TOML in and out: files read once per modification, the line of every key (tomllib
keeps no positions), and a table written back as TOML for ``composecheck config``."""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any

from composecheck.errors import InputError
from composecheck.location import Loc

_PARSED: dict[tuple[str, float], dict[str, Any]] = {}


def load_toml(path: str) -> dict[str, Any]:
    """The parsed file, from a cache keyed by its modification time."""
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


def locate(path: str, keys: tuple[str, ...]) -> Loc:
    """The line of ``keys`` (or of the nearest enclosing key written in the file)."""
    positions = key_positions(path)
    wanted = tuple(keys)
    while wanted:
        for spelling in (wanted, tuple(k.replace("_", "-") for k in wanted)):
            if spelling in positions:
                return positions[spelling]
        wanted = wanted[:-1]
    return Loc(path, 1, 1)


# -- our table ------------------------------------------------------------------------


def table_prefix(path: str) -> tuple[str, ...]:
    """Where our table sits in the file: ``tool.composecheck`` in a pyproject.toml."""
    return ("tool", "composecheck") if is_pyproject(path) else ()


def is_pyproject(path: str) -> bool:
    """pyproject.toml, or another file in its shape (``--config``): ``[tool.composecheck]``."""
    return os.path.basename(path) == "pyproject.toml" or names_our_table(load_toml(path))


def names_our_table(data: dict[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "composecheck" in tool


# -- writing --------------------------------------------------------------------------

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
