"""go-yaml's and Compose's wording for YAML they refuse, at the position where it is
refused: what the parser refuses, then what decoding the parsed nodes refuses.

The reader parses with libyaml (ruamel's C parser); where libyaml's message or its
acceptance differs from go-yaml's, the difference is made up here.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import DUPLICATE_KEY, YAML_SYNTAX, InputError
from composecheck.gocompat.quote import go_quote
from composecheck.location import Loc


def syntax_error(exc: Any, file: str) -> InputError:
    """A ``MarkedYAMLError`` (bad indentation, quotes, brackets) as ``yaml: line N: …``."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    problem = exc.problem or exc.context or "invalid YAML"
    return InputError(
        f"yaml: line {line}: {problem}",
        Loc(file, line, col),
        hint="fix the YAML syntax at this position (indentation, quotes or brackets)",
        code=YAML_SYNTAX,
    )


def reader_error(exc: Any, data: bytes, file: str) -> InputError:
    """Bytes YAML refuses (control characters, malformed UTF-8): go-yaml's wording, at
    the offending byte."""
    line, col = _byte_position(data, exc.position)
    return InputError(
        f"yaml: {exc.reason}",
        Loc(file, line, col),
        hint="remove the control character or re-save the file as UTF-8",
        code=YAML_SYNTAX,
    )


def incompatible(file: str, event: Any, first: bool) -> InputError:
    """A ``%YAML`` directive other than 1.1: go-yaml reads no other version (libyaml
    takes 1.2 too). go-yaml's parser errors count lines from 0 and name none on the
    first; Compose names the file for a document after the first."""
    mark = event.start_mark
    where = f"line {mark.line}: " if mark.line else ""
    prefix = "" if first else f"failed to parse {file}: "
    return InputError(
        f"{prefix}yaml: {where}found incompatible YAML document",
        Loc(file, mark.line + 1, mark.column + 1),
        hint="go-yaml reads YAML 1.1 documents only: write %YAML 1.1 or no directive",
        code=YAML_SYNTAX,
    )


class Pending:
    """A key go-yaml would refuse to decode, unless its value is dropped first."""

    __slots__ = ("error",)

    def __init__(self, error: InputError) -> None:
        self.error = error


def aliases_too_deep(limit: int, here: Loc) -> InputError:
    return InputError(
        f"yaml: exceeded max depth of {limit}",
        here,
        hint="the aliases here nest deeper than any compose file needs",
        code=YAML_SYNTAX,
    )


def too_deep(limit: int, here: Loc) -> InputError:
    return InputError(
        f"yaml: line {here.line}: exceeded max depth of {limit}",
        here,
        hint="the document nests deeper than any compose file needs",
        code=YAML_SYNTAX,
    )


def unknown_anchor(anchor: str, here: Loc) -> InputError:
    return InputError(f"yaml: unknown anchor '{anchor}' referenced", here, code=YAML_SYNTAX)


def alias_bomb(here: Loc) -> InputError:
    return InputError(
        "yaml: document contains excessive aliasing",
        here,
        hint="aliases here expand to millions of values or characters (an "
        "'alias bomb'); write the values out or use fewer nested aliases",
        code=YAML_SYNTAX,
    )


def decode_error(file: str, problem: str, here: Loc) -> InputError:
    """A tagged scalar go-yaml will not decode (``!!int abc``, bad ``!!binary``)."""
    return InputError(
        f"failed to parse {file}: yaml: {problem}",
        here,
        hint="remove the tag or write a value of the type it names",
        code=YAML_SYNTAX,
    )


def duplicate_key(file: str, key: str, here: Loc, first: int) -> InputError:
    return InputError(
        f"failed to parse {file}: line {here.line}: mapping key "
        f"{go_quote(key)} already defined at line {first}",
        here,
        code=DUPLICATE_KEY,
    )


def invalid_map_key(file: str, here: Loc) -> InputError:
    """A mapping or a sequence written as a key."""
    return InputError(f"failed to parse {file}: yaml: invalid map key", here, code=YAML_SYNTAX)


def non_string_key(path: str, key: Any, here: Loc) -> InputError:
    """Compose's refusal of a key that decodes to no string (``3:``, ``true:``)."""
    from composecheck.gocompat.fmt import go_string, go_time_gostring
    from composecheck.gocompat.yaml_resolve import Timestamp

    if isinstance(key, Timestamp):
        shown = go_time_gostring(key)
    else:
        shown = "<nil>" if key is None else go_string(key)
    where = f"in {path}" if path else "at top level"
    return InputError(f"non-string key {where}: {shown}", here, code=YAML_SYNTAX)


def merge_error(file: str, here: Loc) -> InputError:
    """A ``<<`` value that is neither a mapping nor a sequence of mappings."""
    return InputError(
        f"failed to parse {file}: yaml: map merge requires map or sequence of maps as the value",
        here,
        code=YAML_SYNTAX,
    )


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of byte ``offset``, the column counted in characters."""
    offset = max(0, min(offset, len(data)))
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1
