"""go-yaml's wording for YAML the parser refuses, at the position where it is refused.

The reader parses with libyaml (ruamel's C parser); where libyaml's message or its
acceptance differs from go-yaml's, the difference is made up here.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import YAML_SYNTAX, InputError
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


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of byte ``offset``, the column counted in characters."""
    offset = max(0, min(offset, len(data)))
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1
