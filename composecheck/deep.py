"""Room for deep documents: Compose loads YAML nested as deep as go-yaml parses it
(10,000 levels of flow and as many of block indentation), and Go's stacks grow as
needed. The stages that walk the tree recurse, so :func:`deep` runs them on a thread with
a large stack and a recursion limit to match; the stack is address space, touched only as
deep as a document goes.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

#: Python frames allowed: several per level of the deepest tree go-yaml hands over.
RECURSION_LIMIT = 250_000
#: The worker thread's stack (bytes). Python's frames live on the heap: 16 MiB carried
#: render and validate through 20,000 levels; this leaves room for C code that recurses.
STACK_SIZE = 256 << 20

_local = threading.local()
_lock = threading.Lock()
_running = 0
_saved_limit = 0


def deep(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` run on a thread with room for deep recursion (directly when already on
    one, or when no such thread can be made)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        if getattr(_local, "inside", False):
            return fn(*args, **kwargs)
        outcome: list[T] = []
        failure: list[BaseException] = []

        def work() -> None:
            _local.inside = True
            try:
                outcome.append(fn(*args, **kwargs))
            except BaseException as exc:  # handed to the caller's thread
                failure.append(exc)

        try:
            previous = threading.stack_size(STACK_SIZE)
        except (ValueError, RuntimeError):  # pragma: no cover - platform refuses
            return fn(*args, **kwargs)
        worker = threading.Thread(target=work, name="composecheck-deep", daemon=True)
        _raise_limit()
        try:
            try:
                worker.start()
            finally:
                threading.stack_size(previous)
        except RuntimeError:  # pragma: no cover - no memory for such a stack
            _restore_limit()
            return fn(*args, **kwargs)
        try:
            worker.join()
        finally:
            _restore_limit()
        if failure:
            raise failure[0].with_traceback(failure[0].__traceback__)
        return outcome[0]

    return wrapper


def _raise_limit() -> None:
    global _running, _saved_limit
    with _lock:
        if _running == 0:
            _saved_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_saved_limit, RECURSION_LIMIT))
        _running += 1


def _restore_limit() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0:
            sys.setrecursionlimit(_saved_limit)


__all__ = ["RECURSION_LIMIT", "deep"]
