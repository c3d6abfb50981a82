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
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError

__all__ = ["StagedFile", "atomic_write_bytes", "atomic_write_many", "atomic_write_text", "staged_files"]


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
    with staged_files([path for path, _ in files]) as staged:
        for (_, data), handle in zip(files, staged.values()):
            handle.write(data)
    return [Path(path) for path, _ in files]


class StagedFile:
    """A temporary file being written for ``path``; ``write`` also hashes what it writes."""

    def __init__(self, path: Path, fd: int, name: str) -> None:
        self.path = path
        self.name = name
        self._fd = fd
        self._handle = os.fdopen(os.dup(fd), "wb", buffering=1 << 20)  # the original fd keeps the lock
        self._digest = hashlib.sha256()
        self._adopted: str | None = None
        self.size = 0

    def write(self, data: bytes) -> int:
        """Write ``data``; raises :class:`OutputError` naming the path (disk full, ...)."""
        try:
            self._handle.write(data)
        except OSError as error:
            raise OutputError(f"{self.path}: cannot write ({error.strerror or error})") from None
        self._digest.update(data)
        self.size += len(data)
        return len(data)

    def sha256(self) -> str:
        """``sha256:HEX`` of everything written so far."""
        return self._adopted or "sha256:" + self._digest.hexdigest()

    def flush(self) -> None:
        """Push what is buffered to the file (another process may have written it)."""
        try:
            self._handle.flush()
        except OSError as error:
            raise OutputError(f"{self.path}: cannot write ({error.strerror or error})") from None

    def adopt(self, digest: str, size: int) -> None:
        """Take ``digest`` and ``size`` of what another process wrote to this file
        (through a copy of this object that a fork made) for this one's."""
        self._adopted, self.size = digest, size

    def _finish(self) -> None:
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            os.chmod(self.name, 0o644)  # mkstemp makes the file private; outputs are for everyone to read
        except OSError as error:
            raise OutputError(f"{self.path}: cannot write ({error.strerror or error})") from None
        finally:
            self._close()

    def _close(self) -> None:
        if not self._handle.closed:
            try:
                self._handle.close()
            except OSError:
                pass


@contextmanager
def staged_files(paths: Sequence[str | os.PathLike[str]]) -> Iterator[dict[Path, StagedFile]]:
    """Temporary files for ``paths``, written by the block, renamed into place together after it.

    The block streams each file into its :class:`StagedFile` (no file is held in memory);
    when it ends without an error, every file is synced, then all are renamed into place.
    An error (or a kill) before the renames changes none of the targets.

    Raises
    ------
    OutputError
        Naming the first path that could not be written and the reason.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with staged_files([folder / "a.txt", folder / "b.txt"]) as files:
    ...     for name, handle in files.items():
    ...         _ = handle.write(name.name.encode())
    >>> (folder / "b.txt").read_text()
    'b.txt'
    """
    staged: dict[Path, StagedFile] = {}
    try:
        for path in map(Path, paths):
            if path.parent.exists() and not path.parent.is_dir():
                raise OutputError(f"{path}: cannot write ({path.parent} is a file, not a folder)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, name = _locked_temporary(path)
            except OSError as error:
                raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
            staged[path] = StagedFile(path, fd, name)
        yield staged
        for handle in staged.values():
            handle._finish()
        for path, handle in staged.items():
            try:
                os.replace(handle.name, path)  # still locked: no other writer takes it for a dead one's
            except OSError as error:
                raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:
        for handle in staged.values():
            handle._close()
            os.close(handle._fd)
            if os.path.exists(handle.name):
                os.unlink(handle.name)
    for path in staged:
        _remove_stale_temporaries(path)


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
