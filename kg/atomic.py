"""Atomic file writes: a temporary file in the same folder, then a rename.

The temporary file of ``NAME`` is ``.NAME.XXXXXXXX.tmp`` (``XXXXXXXX`` from
:func:`tempfile.mkstemp`), and its writer holds an ``flock`` on it until the rename. A
process killed in between (SIGKILL, the OOM killer, a power cut) cannot remove it, so it
stays behind, but the target is never half-written: readers see the old file or the new
one. The next successful write of ``NAME`` removes every such file that no live writer
holds (the kernel drops a dead process's locks).
"""
from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kg.errors import OutputError

__all__ = ["atomic_write_bytes", "atomic_write_many", "atomic_write_text"]


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    Raises
    ------
    OutputError
        Naming the path and the reason (folder missing or unwritable, disk full).
    """
    path = Path(path)
    tmp_name = None
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path}: cannot write ({path.parent} is a file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = _locked_temporary(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp_name, 0o644)  # mkstemp makes the file private; outputs are for everyone to read
            os.replace(tmp_name, path)  # still locked: no other writer takes it for a dead one's
        tmp_name = None
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    _remove_stale_temporaries(path)
    return path


def atomic_write_many(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write several files so that a failure before the renames changes none of them.

    Every temporary file is written and synced first; only when all are on disk are they
    renamed into place. A full disk or an unwritable folder therefore leaves every old
    output as it was (a kill during the renames can still leave a mix of old and new,
    each file whole).

    Raises
    ------
    OutputError
        Naming the first path that could not be written and the reason.
    """
    staged: list[tuple[Path, int, str]] = []
    try:
        for path, data in files:
            path = Path(path)
            if path.parent.exists() and not path.parent.is_dir():
                raise OutputError(f"{path}: cannot write ({path.parent} is a file, not a folder)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, name = _locked_temporary(path)
                staged.append((path, fd, name))
                _write_all(fd, data)
                os.chmod(name, 0o644)
            except OSError as error:
                raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
        for path, _fd, name in staged:
            try:
                os.replace(name, path)
            except OSError as error:
                raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:
        for _path, fd, name in staged:
            os.close(fd)
            if os.path.exists(name):
                os.unlink(name)
    for path, _fd, _name in staged:
        _remove_stale_temporaries(path)
    return [path for path, _fd, _name in staged]


def _write_all(fd: int, data: bytes) -> None:
    # through a duplicate descriptor: closing it keeps the original, and its lock, open
    with os.fdopen(os.dup(fd), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_text(path: Path, text: str) -> Path:
    """:func:`atomic_write_bytes` for UTF-8 text."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, open and locked: ``(fd, name)``."""
    while True:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: write unlocked, and nobody cleans up
            return fd, name
        # another writer may have removed the file as stale in the instant before the lock
        try:
            if os.path.samestat(os.stat(name), os.fstat(fd)):
                return fd, name
        except FileNotFoundError:
            pass
        os.close(fd)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files of ``path`` that killed writers left; best effort."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        names = [name for name in os.listdir(path.parent) if pattern.fullmatch(name)]
    except OSError:
        return
    for name in names:
        stale = path.parent / name
        try:
            fd = os.open(stale, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while its writer is alive
            stale.unlink()
        except OSError:
            pass
        finally:
            os.close(fd)
