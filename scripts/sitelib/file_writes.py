"""Writing the project's files so that nothing is lost or half-written.

- `write_atomically(path, data)`: the new content is written to an unnamed file in the
  same folder (Linux O_TMPFILE), flushed to disk, then given the file's name in one
  rename. Killed at any moment, the file is the old or the new version. Replacing a file
  needs a name for the new one for the few microseconds between naming it and the rename
  (Linux cannot link over a file); a kill in that moment leaves `.NAME.PID.RANDOM.tmp`,
  which the next write of that file removes (its process is gone). Elsewhere an unnamed
  file vanishes with the process.
- `replace_all({path: data})`: several files, all written and flushed before the first
  is renamed into place, so the files change together within microseconds.
- `edit_lock(root)`: one editing tool at a time per project; a second one waits.
"""

import contextlib
import ctypes
import glob
import hashlib
import os
import secrets
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

WAIT_SECONDS = 60
AT_FDCWD, AT_EMPTY_PATH = -100, 0x1000  # from <fcntl.h>


class Busy(Exception):
    """Another editing tool kept the project locked for too long."""


@contextlib.contextmanager
def edit_lock(root: Path):
    # The lock file lives outside the project, so that editing leaves no file behind.
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"asi-site-edit-{key}.lock"
    try:
        with FileLock(path).acquire(timeout=WAIT_SECONDS):
            yield
    except Timeout:
        raise Busy(f"another command has been editing this project for {WAIT_SECONDS} s "
                   f"(lock {path}); try again when it has finished") from None


def _unnamed(path: Path, data: bytes) -> int | None:
    """A descriptor of an unnamed file in path's folder holding data, on disk; None where
    the file system has no unnamed files."""
    try:
        fd = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o644)
    except OSError:
        return None
    try:
        _write(fd, data)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _put_in_place(fd: int | None, path: Path, data: bytes) -> None:
    """Give the new content path's name: link the unnamed file under a hidden temporary
    name (or, where that is impossible, write one), then one rename."""
    _sweep(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        try:
            if fd is None:
                raise OSError("no unnamed file")
            _link(fd, temporary)
        except OSError:  # no unnamed files, or no way to name them: write a named one
            named = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                _write(named, data)
            finally:
                os.close(named)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _sweep(path: Path) -> None:
    """Remove the temporaries of path left by writers that were killed (their process is
    gone; a live one is still writing)."""
    for temporary in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = temporary.name[len(path.name) + 2:].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            temporary.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _link(fd: int, path: Path) -> None:
    """Name an unnamed file. linkat(AT_EMPTY_PATH) where the kernel allows it (some
    sandboxes refuse the /proc/self/fd route), else the /proc/self/fd route."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.linkat(fd, b"", AT_FDCWD, os.fsencode(path), AT_EMPTY_PATH) == 0:
        return
    os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)


def replace_all(changes: dict[Path, bytes | str]) -> None:
    """Write every file, then put them all in place."""
    prepared = {}
    try:
        for path, data in changes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            prepared[path] = (_unnamed(path, raw), raw)
        for path, (fd, raw) in prepared.items():
            _put_in_place(fd, path, raw)
    finally:
        for fd, _ in prepared.values():
            if fd is not None:
                os.close(fd)


def write_atomically(path: Path, data: bytes | str) -> None:
    replace_all({path: data})
