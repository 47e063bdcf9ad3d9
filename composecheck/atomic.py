"""Files written atomically: readers see either the old file or the new one."""

from __future__ import annotations

import os

__all__ = ["write_atomic"]


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see either the old file or the new one."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    import contextlib
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".composecheck-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
