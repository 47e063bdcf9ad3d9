"""Reading one compose file: its bytes (or stdin), parsed into positioned documents.

The first stage of every file, whether named with ``-f``, by ``include`` or by
``extends.file``.
"""

from __future__ import annotations

import os
import sys

from composecheck.errors import MISSING_FILE, YAML_SYNTAX, InputError
from composecheck.load.reader import parse_documents
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc


def read_bytes(path: str, stdin: bytes | None) -> bytes:
    """A file's bytes; ``-`` is standard input (or ``stdin`` when given)."""
    if path == "-":
        return stdin if stdin is not None else sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"open {path}: no such file or directory", code=MISSING_FILE) from None
    except IsADirectoryError:
        raise InputError(f"read {path}: is a directory", code=MISSING_FILE) from None
    except OSError as exc:
        raise InputError(f"open {path}: {exc.strerror}", code=MISSING_FILE) from None


def display_name(path: str, working_dir: str) -> str:
    """How a file is named in messages and positions (stdin as ``<folder>/-``)."""
    return os.path.join(working_dir, "-") if path == "-" else path


def read_documents(data: bytes, display: str) -> list[YMap | InputError]:
    """The documents of a file; each must be a mapping, as Compose insists.

    Compose reads the first document alone for the project name, so a first document
    that is neither a mapping nor null fails at once (go-yaml's ``cli.named`` error);
    any other document that is not a mapping (a null or empty one included) fails only
    when its turn comes, after the documents before it: it is returned as the error.
    """
    roots: list[Loc | None] = []
    docs = parse_documents(data, display, roots)
    out: list[YMap | InputError] = []
    for index, doc in enumerate(docs):
        if isinstance(doc, YMap):
            out.append(doc)
            continue
        loc = (roots[index] if index < len(roots) else None) or Loc(display, 1, 1)
        if index == 0 and doc is not None:
            kind = "!!seq" if isinstance(doc, YList) else "!!str"
            raise InputError(
                f"yaml: unmarshal errors:\n  line {loc.line}: cannot unmarshal {kind} "
                "into cli.named",
                loc,
                code=YAML_SYNTAX,
            )
        out.append(
            InputError(
                "top-level object must be a mapping",
                loc,
                hint="each YAML document (between --- lines) of a compose file must be a "
                "mapping of top-level keys; remove the empty or stray document",
                code=YAML_SYNTAX,
            )
        )
    return out


__all__ = ["display_name", "read_bytes", "read_documents"]
