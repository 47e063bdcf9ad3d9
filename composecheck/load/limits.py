"""What composecheck refuses to load, so that time and memory stay bounded.

Within these limits the loader's time and memory grow linearly with the size of its input;
beyond them it stops at once with a located error instead of running out of memory.
Docker Compose has no limits of its own besides go-yaml's (10,000 levels of nesting, and
its "excessive aliasing" ratio); every value here is far above what a compose file needs,
so that we never refuse what Compose loads in practice. README.md ("Limits") lists them.
"""

from __future__ import annotations

import sys

__all__ = [
    "MAX_ALIAS_CHARS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_EXTENDS_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INCLUDE_DEPTH",
    "MAX_INTERPOLATED_CHARS",
    "MAX_INTERPOLATION_DEPTH",
    "PER_SPELLED_NODE",
    "RECURSION_LIMIT",
    "deep_enough",
]

#: A compose file, an env file or standard input: larger ones are refused before reading.
#: (The largest real stacks are a few hundred kilobytes; a 10 MB scalar or a million-line
#: file loads.)
MAX_FILE_BYTES = 64 * 1024 * 1024

#: Nesting of mappings and sequences, the root mapping included. Later stages walk the
#: tree recursively; go-yaml's own limit is 10,000, compose files nest some ten levels.
MAX_DEPTH = 400

#: Aliases may expand to this many nodes, plus PER_SPELLED_NODE per node the document
#: spells out (a stack of 5,000 services merging an anchored block into each expands to
#: some 500,000 nodes; a billion-laughs document of nine levels to a billion).
MAX_ALIAS_NODES = 200_000
PER_SPELLED_NODE = 20

#: Aliases may also repeat this many characters of scalars, plus PER_SPELLED_NODE times
#: the size of the file: a 1 MB value aliased a hundred times is refused, not printed.
MAX_ALIAS_CHARS = 64 * 1024 * 1024

#: Files including one another in a chain (``include`` inside an included file), each
#: loaded recursively; Compose has no limit, real projects include two or three deep.
MAX_INCLUDE_DEPTH = 50

#: Services extending one another in a chain (``a`` extends ``b`` extends ``c``...), each
#: resolved recursively; Compose has no limit, real files chain two or three.
MAX_EXTENDS_DEPTH = 100

#: ``${A:-${B:-${C}}}``: defaults nested this deep. Compose re-reads the rest of the value
#: at each level (quadratic time); real files nest two or three.
MAX_INTERPOLATION_DEPTH = 100

#: The text that substituted variables may add, to one value and to one document
#: together (``${BIG}`` repeated, an env file's large value used a thousand times): an
#: interpolation cannot multiply the input into gigabytes.
MAX_INTERPOLATED_CHARS = 32 * 1024 * 1024

#: Python's recursion limit while loading and rendering: the stages walk the tree
#: recursively, a few frames per level, so the limits above need more than the default
#: 1,000 (pure Python frames, which do not grow the C stack from Python 3.11 on).
RECURSION_LIMIT = 5_000


def deep_enough() -> None:
    """Raise the recursion limit to :data:`RECURSION_LIMIT` (never lower it)."""
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
