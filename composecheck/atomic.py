"""``-o FILE`` as a shell's ``>`` writes it, but atomically.

- A device, FIFO or socket is opened and written to: it has no content to replace,
  and replacing it would swap ``/dev/null`` for a regular file.
- A symlink is followed to its final target; the target is replaced and the link
  stays. ``/dev/stdout`` and the other links into ``/proc`` name open files, not
  paths, so they are opened and written to as ``>`` does.
- A regular file is replaced by a complete new one (readers see the old content or
  the new, never a half-written file) with the old one's mode and, where we may,
  owner; like ``>``, a file we may not write to is refused. A new file gets the
  mode the kernel gives ``>`` (0666 less the umask, or the folder's default ACL).
- No temporary file outlives the write: on Linux the content is written to an
  unnamed file (``O_TMPFILE``) that only gets a name once complete; elsewhere the
  named ``.composecheck-*`` file is removed on any exception, SIGINT and SIGTERM
  included (the signal is then delivered again, so the process ends as it would
  have).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import stat
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

__all__ = ["TEMP_PREFIX", "write_atomic"]

TEMP_PREFIX = ".composecheck-"

# Linux's MAXSYMLINKS: a longer chain is a loop, as open() would say.
_MAX_LINKS = 40
# Flags and calls only POSIX has: without them (Windows) a plain replace is done.
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_TMPFILE = getattr(os, "O_TMPFILE", 0)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as ``printf %s TEXT > PATH`` would, atomically.

    Raises OSError as ``>`` fails (missing folder, permission denied, a folder), with
    ``filename`` ``path`` and, when a symlink led elsewhere, ``filename2`` the file
    that could not be written.
    """
    data = text.encode("utf-8")
    target = path
    try:
        try:
            found = os.stat(path)
        except FileNotFoundError:  # a new file (or a link to one): created below
            found = None
        if found is not None and stat.S_ISDIR(found.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if found is not None and not stat.S_ISREG(found.st_mode):
            _write_through(path, data)
            return
        resolved = _final_target(path)
        if resolved is None:
            _write_through(path, data)
            return
        target = resolved
        _replace(target, data)
    except OSError as exc:
        other = target if target != path else None
        raise OSError(exc.errno, exc.strerror, path, None, other) from exc


def _final_target(path: str) -> str | None:
    """The file a chain of symlinks ends at (existing or not); None through ``/proc``."""
    for _ in range(_MAX_LINKS):
        try:
            link = os.readlink(path)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.EINVAL):
                return path  # missing, or not a link: the name to write
            raise
        if _on_procfs(path):
            # /proc/PID/fd/N reads "pipe:[123]" or "/x (deleted)": only open() reaches it.
            return None
        # A relative link is relative to the folder holding it, not to our cwd.
        path = os.path.join(os.path.dirname(path), link)
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))


def _on_procfs(path: str) -> bool:
    try:
        return os.lstat(path).st_dev == os.lstat("/proc").st_dev
    except OSError:
        return False


def _write_through(path: str, data: bytes) -> None:
    """Open and write, as ``>`` does: for what cannot be replaced by a name."""
    # No O_CREAT: the path exists (it was just found), and creating a regular file
    # here would be the non-atomic write we avoid. O_NOCTTY: writing to a terminal
    # must not make it our controlling terminal.
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | _NOCTTY)
    try:
        _write_all(fd, data)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fsync(fd)
    finally:
        os.close(fd)


def _replace(target: str, data: bytes) -> None:
    folder = os.path.dirname(target) or "."
    old = _writable(target)
    # An old file's mode is copied after writing; until then the content is ours only.
    mode = 0o600 if old else 0o666
    fd = -1
    named: str | None = None  # a name to remove if we stop before the rename
    with _signals_raise():
        try:
            fd = _open_unnamed(folder, mode)
            if fd < 0:
                named = _temp_name(folder)
                fd = os.open(named, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOCTTY, mode)
            _write_all(fd, data)
            if old:
                _keep_owner_and_mode(fd, old)
            os.fsync(fd)
            if named is None:
                named = _link_unnamed(fd, target, exists=old is not None)
            if named is not None:
                os.replace(named, target)
                named = None
        except BaseException:
            if named is not None:
                with contextlib.suppress(OSError):
                    os.unlink(named)
            raise
        finally:
            if fd >= 0:
                os.close(fd)  # an unnamed file not linked yet disappears with it
    _fsync_folder(folder)


def _writable(target: str) -> os.stat_result | None:
    """The existing file's status, if any; like ``>``, refuse one we may not write to."""
    try:
        # O_NONBLOCK: should a FIFO have taken the name meanwhile, don't wait for a reader.
        fd = os.open(target, os.O_WRONLY | _NONBLOCK | _NOCTTY)
    except FileNotFoundError:
        return None
    try:
        return os.fstat(fd)
    finally:
        os.close(fd)


def _open_unnamed(folder: str, mode: int) -> int:
    """An O_TMPFILE in ``folder``, or -1 where the kernel or filesystem has none."""
    # Naming it later goes through /proc/self/fd (linkat with AT_EMPTY_PATH needs
    # CAP_DAC_READ_SEARCH), so without /proc the named fallback is used.
    if not _TMPFILE or not os.path.isdir("/proc/self/fd"):
        return -1
    try:
        return os.open(folder, _TMPFILE | os.O_WRONLY, mode)
    except OSError as exc:
        # EISDIR: a kernel older than 3.11 reads O_TMPFILE as O_DIRECTORY.
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return -1
        raise


def _link_unnamed(fd: int, target: str, *, exists: bool) -> str | None:
    """Give the complete unnamed file a name: ``target`` itself when it does not exist
    yet (returns None); else a temporary name (returned) to rename over it, because
    linkat cannot replace a name. Only a SIGKILL between link and rename leaves it."""
    source = f"/proc/self/fd/{fd}"
    # A dir fd makes CPython call linkat(AT_SYMLINK_FOLLOW), which follows the /proc
    # link to the file; plain link() would try to link the symlink itself (EXDEV).
    # The source is absolute, so the kernel ignores the dir fd.
    link = functools.partial(os.link, src_dir_fd=fd, follow_symlinks=True)
    if not exists:
        with contextlib.suppress(FileExistsError):  # created meanwhile: replace it
            link(source, target)
            return None
    while True:
        name = _temp_name(os.path.dirname(target) or ".")
        with contextlib.suppress(FileExistsError):
            link(source, name)
            return name


def _temp_name(folder: str) -> str:
    return os.path.join(folder, f"{TEMP_PREFIX}{os.urandom(6).hex()}")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:  # a pipe or a signal can make a write short
        view = view[os.write(fd, view) :]


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    if not hasattr(os, "fchmod"):  # Windows before Python 3.13
        return
    mode = stat.S_IMODE(old.st_mode)
    new = os.fstat(fd)
    uid, gid = new.st_uid, new.st_gid
    if hasattr(os, "fchown") and (uid, gid) != (old.st_uid, old.st_gid):
        # Only root gives a file away; a member of the old group may still keep it.
        for owner in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
            try:
                os.fchown(fd, *owner)
            except PermissionError:
                continue
            uid = old.st_uid if owner[0] >= 0 else uid
            gid = old.st_gid
            break
    # A setuid/setgid bit would now run as us rather than as the owner who set it.
    if uid != old.st_uid:
        mode &= ~stat.S_ISUID
    if gid != old.st_gid:
        mode &= ~stat.S_ISGID
    # After chown, which clears those bits.
    os.fchmod(fd, mode)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable; some systems cannot open or sync a folder: still done."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Interrupted(BaseException):
    pass


_Handler = Callable[[int, FrameType | None], Any] | int | None


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise inside the block, so that its cleanup runs; then the
    previous handlers come back and the signal is delivered again to them."""
    caught: list[int] = []
    armed = True

    def handler(signum: int, frame: FrameType | None) -> None:
        if not caught:
            caught.append(signum)
            if armed:
                raise _Interrupted
        # A second signal, or one after the file is in place: the first is redelivered.

    previous: dict[int, _Handler] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        current = signal.getsignal(signum)
        # Ignored: nothing would stop. None: set outside Python, we could not restore it.
        if current in (signal.SIG_IGN, None):
            continue
        try:
            previous[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: the except clauses still clean up
            break
    try:
        yield
    except _Interrupted:
        pass
    finally:
        armed = False
        for number, old in previous.items():
            signal.signal(number, old)
    if caught:
        signal.raise_signal(caught[0])
        # The previous handler returned: the write was abandoned all the same.
        raise InterruptedError(errno.EINTR, os.strerror(errno.EINTR))
