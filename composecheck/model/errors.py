"""Validation errors made readable: every problem as a path, a message and, for
unknown keys, a "did you mean" hint.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, Union

from pydantic import BaseModel, ValidationError

from composecheck.errors import InputError
from composecheck.location import Loc
from composecheck.model.base import ComposeModel

__all__ = ["ModelError", "Path", "Problem", "parse_as"]


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where, what, and how to fix it if we can tell."""

    path: Path
    message: str
    hint: str | None = None
    loc: Loc | None = None

    @property
    def dotted(self) -> str:
        """``services.web.ports[0].target``."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def __str__(self) -> str:
        text = f"{self.dotted}: {self.message}" if self.path else self.message
        if self.hint:
            text += f" ({self.hint})"
        return f"{self.loc}: {text}" if self.loc else text


class ModelError(InputError):
    """A document does not fit the model; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(
            "\n".join(str(p) for p in self.problems) or "invalid compose model",
            first.loc if first else None,
            first.hint if first else None,
        )

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)


_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "a boolean",
    "bool_parsing": "a boolean",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
}


def _unwrap(tp: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the type that gives the structure."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _pick_member(members: Sequence[Any], tag: str) -> Any:
    """The member of a union that pydantic's loc ``tag`` names."""
    for member in members:
        inner = _unwrap(member)
        if _is_model(inner) and inner.__name__ == tag:
            return member
    head = tag.split("[", 1)[0]
    for member in members:
        inner = _unwrap(member)
        origin = typing.get_origin(inner)
        name = getattr(origin or inner, "__name__", "")
        if name == head or (origin is Literal and head == "literal"):
            return member
    return members[0] if members else None


def _walk(root: type[BaseModel], loc: Sequence[str | int]) -> tuple[Path, Any, Path | None]:
    """Follow pydantic's ``loc`` through the models: the user's path (union tags dropped),
    the model holding the last key (for hints) and where the first union was met."""
    union_at: Path | None = None
    path: list[str | int] = []
    tp: Any = root
    parent: Any = None
    for part in loc:
        tp = _unwrap(tp) if tp is not None else None
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):  # a union member's tag, not a key
            tp = _pick_member([a for a in typing.get_args(tp) if a is not type(None)], str(part))
            if union_at is None:
                union_at = tuple(path)
            continue
        path.append(part)
        if _is_model(tp):
            parent = tp
            field = next(
                (
                    f
                    for n, f in tp.model_fields.items()
                    if (f.alias or n) == part and n != "extensions"
                ),
                None,
            )
            tp = field.annotation if field is not None else None
        elif origin in (list, tuple):
            args = typing.get_args(tp)
            tp = args[0] if args else None
        elif origin is dict:
            args = typing.get_args(tp)
            tp = args[1] if len(args) == 2 else None
        else:
            tp = None
    return tuple(path), parent, union_at


def _locate(data: Any, path: Path) -> Loc | None:
    """Where ``path`` was written, when ``data`` is a positioned tree (YMap/YList)."""
    found: Loc | None = getattr(data, "loc", None)
    node = data
    for part in path:
        vlocs = getattr(node, "vlocs", None)
        try:
            if isinstance(node, Mapping):
                if vlocs is not None and part in vlocs:
                    found = vlocs[part]
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int):
                if isinstance(vlocs, list) and part < len(vlocs) and vlocs[part] is not None:
                    found = vlocs[part]
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return found


def _message(kind: str, err: Any, path: Path, parent: Any) -> tuple[str, str | None]:
    if kind == "extra_forbidden" and path:
        key = str(path[-1])
        hint = None
        if _is_model(parent) and issubclass(parent, ComposeModel):
            close = difflib.get_close_matches(key, parent.keys(), n=1, cutoff=0.6)
            if close:
                hint = f"did you mean '{close[0]}'?"
        return f"additional property '{key}' not allowed", hint
    if kind == "missing":
        return "is required", None
    if kind in _TYPE_WORDS:
        return f"must be {_TYPE_WORDS[kind]}", None
    message = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message, None


def _problems(root: type[BaseModel], exc: ValidationError, data: Any) -> list[Problem]:
    found: list[tuple[Path, str, str | None, Path | None]] = []
    for err in exc.errors(include_url=False):
        path, parent, union_at = _walk(root, err["loc"])
        message, hint = _message(err["type"], err, path, parent)
        found.append((path, message, hint, union_at))
    # When one member of a union matched the value's shape (its errors lie deeper), the
    # other members' "must be a boolean" at the union itself is noise.
    deeper = {u for path, _, _, u in found if u is not None and len(path) > len(u)}
    grouped: dict[Path, list[str]] = {}
    hints: dict[Path, str | None] = {}
    for path, message, hint, union_at in found:
        if union_at is not None and union_at in deeper and path == union_at:
            continue
        messages = grouped.setdefault(path, [])
        if message not in messages:
            messages.append(message)
        if hint and not hints.get(path):
            hints[path] = hint
    out = []
    for path, messages in grouped.items():
        types_ = [m[len("must be ") :] for m in messages if m.startswith("must be ")]
        if len(types_) > 1:  # a union's members failed one by one
            others = [m for m in messages if not m.startswith("must be ")]
            messages = ["must be " + " or ".join(types_), *others]
        out.append(Problem(path, "; ".join(messages), hints.get(path), _locate(data, path)))
    return out


_M = TypeVar("_M", bound=ComposeModel)


def parse_as(cls: type[_M], data: Any) -> _M:
    """``data`` validated as ``cls``; every problem found is in the :class:`ModelError`."""
    if not isinstance(data, Mapping):
        raise ModelError([Problem((), "a Compose document must be a mapping")])
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise ModelError(_problems(cls, exc, data)) from None
