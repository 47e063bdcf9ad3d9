"""Scalar conversions and typed units shared by the models.

Durations are ``int`` nanoseconds, byte sizes ``int`` bytes, ``cpus`` a ``float``,
file modes ``int``; each is parsed by :mod:`composecheck.syntax` and printed back in
Compose's text form when a model is dumped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, PlainSerializer

from composecheck.gocompat.fmt import go_string
from composecheck.syntax.cpus import parse_cpus
from composecheck.syntax.duration import format_duration, parse_duration
from composecheck.syntax.extra_hosts import render_extra_hosts
from composecheck.syntax.filemode import format_file_mode, parse_file_mode
from composecheck.syntax.shellwords import shell_split
from composecheck.syntax.size import parse_bytes

_T = TypeVar("_T")

__all__ = [
    "ByteSize",
    "Cpus",
    "Duration",
    "EnvMapping",
    "ExtraHosts",
    "FileMode",
    "MicroDuration",
    "ShellCommand",
    "StrList",
    "StrMapping",
    "Text",
    "TextList",
    "names_as_mapping",
    "none_as_empty",
    "scalar_text",
    "unit",
]


# --------------------------------------------------------------------------------------
# Scalar conversions
# --------------------------------------------------------------------------------------


def unit(fn: Callable[[Any], _T], value: Any) -> _T:
    """Call a parser of :mod:`composecheck.syntax`; whatever it raises becomes a ``ValueError``."""
    try:
        return fn(value)
    except ValueError:
        raise
    except Exception as exc:  # InputError, TypeError, ...: pydantic only collects ValueError
        raise ValueError(str(exc)) from exc


def scalar_text(value: Any) -> Any:
    """A YAML scalar as the string Docker Compose makes of it (other values unchanged)."""
    if isinstance(value, (bool, int, float)):
        return go_string(value)
    return value


def _to_duration(value: Any) -> Any:
    if isinstance(value, str):
        return unit(parse_duration, value)
    raise ValueError(f"must be a duration string such as '1m30s', not {value!r}")


def _to_micro_duration(value: Any) -> Any:
    """An integer of microseconds, or a duration string (``cpu_rt_runtime: 400ms``)."""
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
        return unit(parse_duration, text) // 1000
    return value


def _to_bytes(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"must be a byte value such as '512m', not {value!r}")
    if isinstance(value, (int, float, str)):
        return unit(parse_bytes, value)
    return value


def _to_cpus(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return unit(parse_cpus, value)
    return value


def _cpus_out(value: float) -> float | int:
    """``1.0`` prints as ``1`` (Go's encoding), fractional values unchanged."""
    return int(value) if value.is_integer() else value


def _to_mode(value: Any) -> Any:
    if isinstance(value, (str, int)):
        return unit(parse_file_mode, value)
    return value


def _to_str(value: Any) -> Any:
    """Numbers and booleans become strings (``published: 8080``, ``uid: 103``)."""
    return scalar_text(value)


def _str_or_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _str_items(value: Any) -> Any:
    """A string or a list whose numeric items become strings (``expose: [3306]``)."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        value = [value]
    if isinstance(value, list):
        return [scalar_text(v) for v in value]
    return value


def _shell_command(value: Any) -> Any:
    if isinstance(value, str):
        return unit(shell_split, value)
    return value


def _split_assignment(entry: str) -> tuple[str, str | None]:
    key, sep, val = entry.partition("=")
    return key, (val if sep else None)


def _env_mapping(value: Any) -> Any:
    """``[K=V, K]`` or ``{K: V}`` → ``{K: "V" | None}`` (numbers and booleans as text)."""
    if isinstance(value, list):
        out: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"list items must be strings 'KEY=VALUE', not {item!r}")
            key, val = _split_assignment(item)
            out[key] = val
        return out
    if isinstance(value, Mapping):
        return {k: scalar_text(v) for k, v in value.items()}
    return value


def _str_mapping(value: Any) -> Any:
    """Labels-like: ``[k=v, k]`` or ``{k: v}`` → ``{k: "v"}``; a missing value is ``""``."""
    value = _env_mapping(value)
    if isinstance(value, dict):
        return {k: "" if v is None else v for k, v in value.items()}
    return value


def _extra_hosts(value: Any) -> Any:
    """List of ``host=ip`` / ``host:ip``, or a mapping host → ip(s): → sorted ``["host=ip"]``."""
    if isinstance(value, (list, Mapping)):
        return unit(render_extra_hosts, dict(value) if isinstance(value, Mapping) else value)
    return value


def none_as_empty(value: Any) -> Any:
    """Top-level resources may be declared with no body (``volumes: {data: }``)."""
    if isinstance(value, Mapping):
        return {k: ({} if v is None else v) for k, v in value.items()}
    return value


def names_as_mapping(value: Any) -> Any:
    """``[a, b]`` → ``{a: None, b: None}`` (service ``networks``, ``models``)."""
    if isinstance(value, list):
        out: dict[str, None] = {}
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"list items must be names, not {item!r}")
            out[item] = None
        return out
    return value


# --------------------------------------------------------------------------------------
# Typed units
# --------------------------------------------------------------------------------------

#: A Go duration (``"1m30s"``) held as integer nanoseconds, printed back Go-style.
Duration = Annotated[
    int,
    BeforeValidator(_to_duration),
    PlainSerializer(lambda ns: format_duration(ns), return_type=str),
]
#: Microseconds given as an integer or as a duration (``cpu_rt_runtime``), held as int.
MicroDuration = Annotated[int, BeforeValidator(_to_micro_duration)]
#: A byte value (``"512m"``, ``1073741824``) held as int bytes, printed as a decimal string.
ByteSize = Annotated[int, BeforeValidator(_to_bytes), PlainSerializer(str, return_type=str)]
#: A number of CPUs (number or numeric string), held as float, printed as a number.
Cpus = Annotated[float, BeforeValidator(_to_cpus), PlainSerializer(_cpus_out)]
#: A file mode (``0440``, ``"0440"``), held as int, printed as an octal string.
FileMode = Annotated[
    int, BeforeValidator(_to_mode), PlainSerializer(format_file_mode, return_type=str)
]
#: A string written as a number, a boolean or a string.
Text = Annotated[str, BeforeValidator(_to_str)]

StrList = Annotated[list[str], BeforeValidator(_str_or_list)]
TextList = Annotated[list[str], BeforeValidator(_str_items)]
ShellCommand = Annotated[list[str], BeforeValidator(_shell_command)]
EnvMapping = Annotated[dict[str, str | None], BeforeValidator(_env_mapping)]
StrMapping = Annotated[dict[str, str], BeforeValidator(_str_mapping)]
ExtraHosts = Annotated[list[str], BeforeValidator(_extra_hosts)]
