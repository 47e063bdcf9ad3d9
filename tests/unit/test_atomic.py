"""``write_atomic`` (``-o FILE``) writes as a shell's ``>`` does, but atomically."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from click.testing import CliRunner

from composecheck import atomic
from composecheck.atomic import TEMP_PREFIX, write_atomic
from composecheck.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "fixtures" / "example"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TEXT = "services:\n  web:\n    image: nginx:1.27 # é\n"


@pytest.fixture(params=["unnamed", "named"])
def temp_kind(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> str:
    """Each write twice: with Linux's unnamed O_TMPFILE, and with the named fallback."""
    kind: str = request.param
    if kind == "named":
        monkeypatch.setattr(atomic, "_open_unnamed", lambda folder, mode: -1)
        return kind
    fd = atomic._open_unnamed(str(tmp_path), 0o600)
    if fd < 0:
        pytest.skip("no O_TMPFILE here")
    os.close(fd)
    return kind


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_new_file(tmp_path: Path, temp_kind: str, umask: None) -> None:
    out = tmp_path / "out.yaml"
    write_atomic(str(out), TEXT)
    assert out.read_bytes() == TEXT.encode("utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert _names(tmp_path) == ["out.yaml"]


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_file_respects_umask(
    tmp_path: Path, temp_kind: str, umask: None, mask: int, mode: int
) -> None:
    os.umask(mask)
    out = tmp_path / "out.yaml"
    write_atomic(str(out), "x\n")
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_existing_file_replaced_with_its_mode(tmp_path: Path, temp_kind: str) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old content, longer than the new one\n")
    out.chmod(0o640)
    before = out.stat().st_ino
    write_atomic(str(out), "new\n")
    assert out.read_text() == "new\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.stat().st_ino != before  # replaced, not rewritten in place
    assert _names(tmp_path) == ["out.yaml"]


def test_empty_text(tmp_path: Path, temp_kind: str) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    write_atomic(str(out), "")
    assert out.read_bytes() == b""


@pytest.mark.skipif(not ROOT, reason="only root gives a file away")
def test_existing_owner_and_setgid_kept_as_root(tmp_path: Path, temp_kind: str) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    os.chown(out, 1234, 5678)
    out.chmod(0o2750)  # after chown, which clears setgid
    write_atomic(str(out), "new\n")
    found = out.stat()
    assert (found.st_uid, found.st_gid) == (1234, 5678)
    assert stat.S_IMODE(found.st_mode) == 0o2750
    assert out.read_text() == "new\n"


def test_owner_not_kept_drops_setuid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not root: the file becomes ours; a setuid bit would then run as us."""

    def refuse(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    out = tmp_path / "tool"
    out.write_text("old\n")
    out.chmod(0o4755)
    monkeypatch.setattr(os, "fchown", refuse)
    monkeypatch.setattr(
        atomic, "_writable", lambda target: _as_owned_by(os.stat(target), os.getuid() + 1)
    )
    write_atomic(str(out), "new\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert out.read_text() == "new\n"


def _as_owned_by(found: os.stat_result, uid: int) -> os.stat_result:
    fields = list(found)
    fields[stat.ST_UID] = uid
    fields[stat.ST_GID] = found.st_gid + 1
    return os.stat_result(fields)


@pytest.mark.skipif(ROOT, reason="root may write any file")
def test_read_only_file_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    out.chmod(0o444)
    with pytest.raises(PermissionError):
        write_atomic(str(out), "new\n")
    assert out.read_text() == "old\n"
    assert _names(tmp_path) == ["out.yaml"]


def test_temp_file_is_unnamed_during_the_write(
    tmp_path: Path, temp_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With O_TMPFILE nothing in the folder names the half-written file, so even a
    SIGKILL leaves nothing behind; the fallback's name is ``.composecheck-*``."""
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    seen: list[list[str]] = []
    write_all = atomic._write_all

    def spy(fd: int, data: bytes) -> None:
        write_all(fd, data)
        seen.append(_names(tmp_path))

    monkeypatch.setattr(atomic, "_write_all", spy)
    write_atomic(str(out), "new\n")
    [during] = seen
    if temp_kind == "unnamed":
        assert during == ["out.yaml"]
    else:
        assert len(during) == 2
        assert during[0].startswith(TEMP_PREFIX)
        assert during[1] == "out.yaml"
    assert out.read_text() == "new\n"
    assert _names(tmp_path) == ["out.yaml"]


def test_symlink_kept_target_replaced(tmp_path: Path, temp_kind: str) -> None:
    (tmp_path / "target.yaml").write_text("old\n")
    (tmp_path / "target.yaml").chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to("target.yaml")
    write_atomic(str(link), TEXT)
    assert link.is_symlink()
    assert os.readlink(link) == "target.yaml"
    assert (tmp_path / "target.yaml").read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE((tmp_path / "target.yaml").stat().st_mode) == 0o640
    assert _names(tmp_path) == ["link.yaml", "target.yaml"]


def test_symlink_chain_relative_to_each_links_folder(tmp_path: Path, temp_kind: str) -> None:
    """a -> links/b -> ../data/c.yaml: each relative link is read from its own folder,
    not from the current one."""
    (tmp_path / "links").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "c.yaml").write_text("old\n")
    (tmp_path / "a").symlink_to("links/b")
    (tmp_path / "links" / "b").symlink_to("../data/c.yaml")
    write_atomic(str(tmp_path / "a"), "new\n")
    assert os.readlink(tmp_path / "a") == "links/b"
    assert os.readlink(tmp_path / "links" / "b") == "../data/c.yaml"
    assert (tmp_path / "data" / "c.yaml").read_text() == "new\n"
    assert _names(tmp_path / "data") == ["c.yaml"]
    assert _names(tmp_path / "links") == ["b"]


def test_relative_link_path_from_another_cwd(
    tmp_path: Path, temp_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link").symlink_to("out.yaml")
    monkeypatch.chdir(tmp_path)
    write_atomic("sub/link", "new\n")
    assert (tmp_path / "sub" / "out.yaml").read_text() == "new\n"
    assert not (tmp_path / "out.yaml").exists()


def test_dangling_symlink_creates_its_target(tmp_path: Path, temp_kind: str, umask: None) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to("new.yaml")
    write_atomic(str(link), "new\n")
    assert link.is_symlink()
    assert (tmp_path / "new.yaml").read_text() == "new\n"
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError) as raised:
        write_atomic(str(tmp_path / "a"), "x")
    assert raised.value.errno == errno.ELOOP
    assert _names(tmp_path) == ["a", "b"]


def test_fifo_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    write_atomic(str(fifo), TEXT * 5000)  # larger than a pipe's buffer
    reader.join(timeout=10)
    assert got == [(TEXT * 5000).encode("utf-8")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _names(tmp_path) == ["pipe"]


def test_dev_null_not_replaced() -> None:
    before = os.stat("/dev/null")
    write_atomic("/dev/null", TEXT)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (
        before.st_ino,
        before.st_rdev,
        before.st_mode,
    )


def test_char_device_written_directly(tmp_path: Path) -> None:
    """A null device of our own, through a symlink to it: still that device after."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root (and a container that allows it)")
    (tmp_path / "link").symlink_to("null")
    before = device.stat()
    write_atomic(str(tmp_path / "link"), TEXT)
    after = device.stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert _names(tmp_path) == ["link", "null"]


def test_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as raised:
        write_atomic(str(tmp_path), "x")
    assert (raised.value.errno, raised.value.filename) == (errno.EISDIR, str(tmp_path))
    assert raised.value.strerror == "Is a directory"
    assert _names(tmp_path) == []


def test_missing_folder_is_an_error(tmp_path: Path, temp_kind: str) -> None:
    path = str(tmp_path / "missing" / "out.yaml")
    with pytest.raises(FileNotFoundError) as raised:
        write_atomic(path, "x")
    assert (raised.value.filename, raised.value.filename2) == (path, None)
    assert raised.value.strerror == "No such file or directory"


def test_link_to_missing_folder_names_the_target(tmp_path: Path, temp_kind: str) -> None:
    link = tmp_path / "link"
    link.symlink_to("missing/out.yaml")
    with pytest.raises(FileNotFoundError) as raised:
        write_atomic(str(link), "x")
    assert (raised.value.filename, raised.value.filename2) == (
        str(link),
        str(tmp_path / "missing" / "out.yaml"),
    )


def test_exception_mid_write_leaves_old_file_and_no_temp(
    tmp_path: Path, temp_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old\n")

    def disk_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_write_all", disk_full)
    with pytest.raises(OSError) as raised:
        write_atomic(str(out), TEXT)
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename == str(out)
    assert out.read_text() == "old\n"
    assert _names(tmp_path) == ["out.yaml"]


def test_signal_handlers_restored(tmp_path: Path, temp_kind: str) -> None:
    before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    write_atomic(str(tmp_path / "out.yaml"), "x")
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_signal_redelivered_to_a_handler_that_returns(
    tmp_path: Path, temp_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous handler gets the signal once; the write is abandoned all the same."""
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    received: list[int] = []

    def previous(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    def interrupted(fd: int, data: bytes) -> None:
        os.write(fd, data[:3])
        signal.raise_signal(signal.SIGTERM)

    old = signal.signal(signal.SIGTERM, previous)
    try:
        monkeypatch.setattr(atomic, "_write_all", interrupted)
        with pytest.raises(InterruptedError):
            write_atomic(str(out), TEXT)
        assert signal.getsignal(signal.SIGTERM) is previous
    finally:
        signal.signal(signal.SIGTERM, old)
    assert received == [signal.SIGTERM]
    assert out.read_text() == "old\n"
    assert _names(tmp_path) == ["out.yaml"]


# The child writes half the text, says so, and waits to be signalled.
CHILD = """
import os, sys, time
from composecheck import atomic
if sys.argv[2] == "named":
    atomic._open_unnamed = lambda folder, mode: -1
def slow(fd, data):
    os.write(fd, data[: len(data) // 2])
    print("writing", flush=True)
    time.sleep(60)
atomic._write_all = slow
atomic.write_atomic(sys.argv[1], "new content\\n")
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_write_leaves_no_temp(tmp_path: Path, temp_kind: str, signum: int) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), temp_kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == "writing\n"
        during = _names(tmp_path)
        child.send_signal(signum)
        _, stderr = child.communicate(timeout=30)
    finally:
        child.kill()
    if temp_kind == "named":
        assert len(during) == 2 and during[0].startswith(TEMP_PREFIX)
    else:
        assert during == ["out.yaml"]
    # Ended by the signal itself, as without us (Python re-raises SIGINT at exit).
    assert child.returncode == -signum, stderr
    assert out.read_text() == "old\n"
    assert _names(tmp_path) == ["out.yaml"]


def _render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_render_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    code, expected, warnings = _render()
    assert code == 0
    assert expected.startswith("name: ")
    out = tmp_path / "out.yaml"
    out.write_text("old\n")
    out.chmod(0o640)
    code, stdout, stderr = _render("-o", str(out))
    assert (code, stdout, stderr) == (0, "", warnings)
    assert out.read_text() == expected
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert _names(tmp_path) == ["out.yaml"]


def test_cli_render_to_dev_stdout(tmp_path: Path) -> None:
    """Through the /dev/stdout -> /proc/self/fd/1 links to a pipe and to a file."""
    command = [sys.executable, "-m", "composecheck", "render"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    plain = subprocess.run(command, cwd=EXAMPLE, env=env, capture_output=True, text=True)
    assert plain.returncode == 0
    piped = subprocess.run(
        [*command, "-o", "/dev/stdout"], cwd=EXAMPLE, env=env, capture_output=True, text=True
    )
    assert (piped.returncode, piped.stdout) == (0, plain.stdout)
    out = tmp_path / "out.yaml"
    with open(out, "w") as handle:
        to_file = subprocess.run(
            [*command, "-o", "/dev/stdout"], cwd=EXAMPLE, env=env, stdout=handle, text=True
        )
    assert to_file.returncode == 0
    assert out.read_text() == plain.stdout
    assert os.path.islink("/dev/stdout")


def test_cli_render_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    (tmp_path / "link.yaml").symlink_to("missing/out.yaml")
    cases = {
        str(tmp_path): f"composecheck: cannot write {tmp_path}: Is a directory",
        str(tmp_path / "missing" / "out.yaml"): (
            f"composecheck: cannot write {tmp_path}/missing/out.yaml: No such file or directory"
        ),
        str(tmp_path / "link.yaml"): (
            f"composecheck: cannot write {tmp_path}/link.yaml (a link to "
            f"{tmp_path}/missing/out.yaml): No such file or directory"
        ),
    }
    for path, message in cases.items():
        code, stdout, stderr = _render("-o", path)
        assert (code, stdout, stderr.splitlines()[-1]) == (2, "", message)
    assert _names(tmp_path) == ["link.yaml"]


@pytest.mark.skipif(not ROOT or not shutil.which("setpriv"), reason="runs as nobody from root")
def test_cli_permission_denied() -> None:
    """As a user who may not write the folder, or the read-only file in their own folder
    (which a rename could replace, but ``>`` refuses)."""
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    command = [*nobody, sys.executable, "-m", "composecheck", "render", "-o"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "locked").mkdir(mode=0o755)
        (folder / "own").mkdir()
        (folder / "own" / "out.yaml").write_text("old\n")
        (folder / "own" / "out.yaml").chmod(0o444)
        for path in (folder / "own", folder / "own" / "out.yaml"):
            os.chown(path, 65534, 65534)
        folder.chmod(0o755)
        for path in (folder / "locked" / "out.yaml", folder / "own" / "out.yaml"):
            run = subprocess.run(
                [*command, str(path)], cwd=EXAMPLE, env=env, capture_output=True, text=True
            )
            assert (run.returncode, run.stdout, run.stderr.splitlines()[-1]) == (
                2,
                "",
                f"composecheck: cannot write {path}: Permission denied",
            )
        assert (folder / "own" / "out.yaml").read_text() == "old\n"
        assert _names(folder / "own") == ["out.yaml"]
        assert _names(folder / "locked") == []
