"""Reading one compose file: its bytes (or stdin), parsed into positioned documents.

The first stage of every file, whether named with ``-f``, by ``include`` or by
``extends.file``.
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

from composecheck.errors import MISSING_FILE, YAML_SYNTAX, InputError
from composecheck.load.limits import MAX_FILE_BYTES
from composecheck.load.reader import parse_documents
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc


def read_bytes(path: str, stdin: bytes | None, display: str | None = None) -> bytes:
    """A file's bytes; ``-`` is standard input (or ``stdin`` when given). A file larger
    than :data:`~.limits.MAX_FILE_BYTES` is refused before it is read."""
    if path == "-":
        if stdin is not None:
            check_size(len(stdin), display or path)
            return stdin
        return read_capped(sys.stdin.buffer, display or path)
    try:
        with open(path, "rb") as handle:
            check_size(os.fstat(handle.fileno()).st_size, display or path)
            return read_capped(handle, display or path)
    except FileNotFoundError:
        raise InputError(f"open {path}: no such file or directory", code=MISSING_FILE) from None
    except IsADirectoryError:
        raise InputError(f"read {path}: is a directory", code=MISSING_FILE) from None
    except OSError as exc:
        raise InputError(f"open {path}: {exc.strerror}", code=MISSING_FILE) from None


def read_capped(handle: BinaryIO, display: str) -> bytes:
    """Everything ``handle`` holds, refused once it passes the size limit. Read a block
    at a time: ``read(limit + 1)`` would reserve the whole limit (64 MiB) for each file,
    however small."""
    chunks: list[bytes] = []
    total = 0
    while chunk := handle.read(1 << 20):
        total += len(chunk)
        check_size(total, display)
        chunks.append(chunk)
    return b"".join(chunks)


def check_size(size: int, display: str) -> None:
    """Refuse a file over the size limit, at the file."""
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"read {display}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
            Loc(display, 1, 1),
            hint="composecheck reads files up to this size; split the project into "
            "several files (include, extends or -f)",
            code=YAML_SYNTAX,
        )


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


__all__ = ["check_size", "display_name", "read_bytes", "read_documents"]
