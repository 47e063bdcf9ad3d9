"""The table validated by the pydantic models, each error at the line of its key.

Imports pydantic: used only when a configuration file exists.
"""

from __future__ import annotations

import os
import types
from typing import TYPE_CHECKING, Any

from composecheck.errors import InputError
from composecheck.settings.toml import locate, table_prefix

if TYPE_CHECKING:
    from composecheck.settings.model import ConfigTable


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


def config_error(path: str, error: Any, model: Any, base: tuple[str, ...]) -> InputError:
    """One pydantic error as an :class:`InputError` at the line of the key at fault."""
    import difflib

    loc = tuple(error["loc"])
    keys = tuple(str(k) for k in loc if not isinstance(k, int))
    where = ".".join((*table_prefix(path), *base, *keys))
    at = locate(path, (*table_prefix(path), *base, *keys))
    if error["type"] == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(keys[-1].replace("_", "-"), known, n=1)
        parent = ".".join((*table_prefix(path), *base, *keys[:-1])) or os.path.basename(path)
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


def validate_table(path: str, section: dict[str, Any]) -> ConfigTable:
    """Our table of the file at ``path``, validated; every error located."""
    from pydantic import ValidationError

    from composecheck.settings.model import ConfigTable

    try:
        return ConfigTable.model_validate(section)
    except ValidationError as exc:
        errors = [config_error(path, e, ConfigTable, ()) for e in exc.errors()]
        first = errors[0]
        first.others = errors[1:]
        raise first from None
