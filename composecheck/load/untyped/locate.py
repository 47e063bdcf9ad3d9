"""Where an error of the untyped mode was written.

The untyped stages work on plain values, as Compose's do, and their messages name the
offending attribute by its path (``services.web.ports.[0]``) rather than by position.
The positioned trees of the documents read are kept, and the path in the message is
looked up there: the deepest match wins, the latest document on a tie (an override
writes over the files before it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from composecheck.load.tree import Override, YList, YMap
from composecheck.location import Loc

# A dotted path that starts at a top-level attribute, not inside a file name.
_PATH = re.compile(
    r"(?<![\w./-])((?:services|networks|volumes|secrets|configs|models|include|x-[\w-]*)"
    r"(?:\.[^\s:'\"]+)*)"
)
_VALIDATING = re.compile(r"^validating (.+?): ")
_INDEX = re.compile(r"^\[?(\d+)\]?$")


def message_path(message: str) -> list[str]:
    """The first attribute path a message names, split at its dots ([] if none)."""
    found = _PATH.search(message)
    return found.group(1).rstrip(".").split(".") if found else []


def _walk(tree: YMap, parts: Sequence[str]) -> tuple[int, Loc | None]:
    """How many parts of the path ``tree`` holds, and where the deepest was written."""
    node: Any = tree
    best, depth, index = tree.loc, 0, 0
    while index < len(parts):
        if isinstance(node, Override):
            node = node.value
        if isinstance(node, YMap):
            # A name may hold dots itself (a service "web.v2"): try the longest first.
            for end in range(len(parts), index, -1):
                key = ".".join(parts[index:end])
                if key in node:
                    best = node.vloc(key) or best
                    node, index = node[key], end
                    depth += 1
                    break
            else:
                break
        elif isinstance(node, YList):
            matched = _INDEX.match(parts[index])
            if matched is None or int(matched.group(1)) >= len(node):
                break
            position = int(matched.group(1))
            best = node.vloc(position) or best
            node, index = node[position], index + 1
            depth += 1
        else:
            break
    return depth, best


def locate_message(message: str, trees: Sequence[YMap]) -> Loc | None:
    """Where the attribute ``message`` names was written, or the start of the last
    document read when it names none of theirs. A structural error names the file it
    was checking: that file's documents are searched first."""
    named = _VALIDATING.match(message)
    if named is not None:
        own = [tree for tree in trees if tree.loc is not None and tree.loc.file == named[1]]
        trees = own or trees
    return locate_path(message_path(message.split(": ", 1)[-1] if named else message), trees)


def locate_path(parts: Sequence[str], trees: Sequence[YMap]) -> Loc | None:
    """Where the attribute at ``parts`` was written (see :func:`locate_message`)."""
    best: tuple[int, Loc | None] = (-1, None)
    for tree in trees:
        depth, loc = _walk(tree, parts) if parts else (0, tree.loc)
        if depth >= best[0] and loc is not None:
            best = (depth, loc)
    return best[1]


__all__ = ["locate_message", "locate_path", "message_path"]
