"""One writer per corpus folder: ``FOLDER/.corpus.lock``, held by the process, never by its workers.

The lock is a POSIX record lock (``fcntl.lockf``), which the kernel ties to the process that
took it: worker processes forked during a run do not inherit it, so workers orphaned by a
``kill -9`` of their parent cannot keep the next run waiting, and the kernel drops the lock
the moment its holder dies. The holder writes its pid into the file; a second run that
finds the lock taken says so ("another kg add is running on DIR (pid N)") and then waits
its turn instead of waiting silently. POSIX locks do not exclude threads of one process, so
a lock per folder is also taken within the process.
"""
from __future__ import annotations

import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KGError

__all__ = ["LOCK_FILE", "folder_lock"]

LOCK_FILE = ".corpus.lock"

_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


@contextmanager
def folder_lock(folder: Path, *, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold ``FOLDER/.corpus.lock`` for the block; ``waiting(message)`` hears of a wait first.

    Raises
    ------
    KGError
        When the folder cannot be made or the lock file cannot be opened.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with folder_lock(folder):
    ...     (folder / LOCK_FILE).read_text() == f"{os.getpid()}\\n"
    True
    """
    folder = Path(folder)
    made_folder = not folder.is_dir()
    with _thread_lock(folder):
        fd, made_file = _lock(folder / LOCK_FILE, folder, waiting)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            yield
        except BaseException:
            # a run that fails (nothing read, --strict) leaves no lock file or folder it made
            if made_file:
                _remove(folder / LOCK_FILE, os.unlink)
            if made_folder:
                _remove(folder, os.rmdir)
            raise
        finally:
            os.close(fd)  # closing drops the process's lock


def _lock(path: Path, folder: Path, waiting: Callable[[str], None] | None) -> tuple[int, bool]:
    """The lock file's descriptor, locked, and whether this call made the file.

    A holder that made the file removes it when its run fails; a run that was waiting on
    the removed file then opens the one at the path again, so two runs never hold two files.
    """
    while True:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                fd, made = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644), True
            except FileExistsError:
                fd, made = os.open(path, os.O_RDWR | os.O_CLOEXEC), False
        except FileNotFoundError:
            continue  # removed between the two opens
        except OSError as error:
            raise KGError(f"{folder}: cannot use as a corpus folder ({error.strerror or error})") from None
        try:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                if waiting is not None:
                    waiting(f"another kg add is running on {folder} (pid {_holder(fd)}); waiting for it to finish")
                fcntl.lockf(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd, made
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _remove(path: Path, remove: Callable[[Path], None]) -> None:
    try:
        remove(path)
    except OSError:
        pass  # a folder others wrote into stays


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
    except OSError:
        return "unknown"


@contextmanager
def _thread_lock(folder: Path) -> Iterator[None]:
    key = os.path.realpath(folder)
    with _THREAD_LOCKS_GUARD:
        lock = _THREAD_LOCKS.setdefault(key, threading.Lock())
    with lock:
        yield
