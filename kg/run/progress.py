"""A progress bar over extraction: documents done of the total, the rate and the time left.

Drawn on stderr only when stderr is a terminal (``tqdm``'s ``disable=None``), so logs and
pipes stay clean; it appears once a run has taken a second. The total is counted before
the run from the inputs (:func:`count_documents`: one per ``.txt`` or ``.html`` file, one
per non-blank line of a ``.jsonl`` file), so the bar can say how much is left.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from kg.ingest import SUFFIXES

__all__ = ["Progress", "count_documents"]


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """How many documents ``paths`` hold, counted cheaply (None if a path cannot be read).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Title\\n\\nBody.")
    >>> _ = (folder / "b.jsonl").write_text('{"id": "x", "text": "y"}\\n\\n{"id": "z", "text": "w"}\\n')
    >>> count_documents([folder])
    3
    """
    total = 0
    try:
        for path in map(Path, paths):
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                suffix = file.suffix.lower()
                if suffix == ".jsonl":
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                elif suffix in SUFFIXES or not path.is_dir():
                    total += 1
    except OSError:
        return None
    return total


class Progress:
    """The bar; :meth:`advance` once per document done (extracted, unchanged or skipped)."""

    def __init__(self, total: int | None = None, *, unit: str = "doc", desc: str = "extracting") -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, disable=None, delay=1.0,
                         dynamic_ncols=True, smoothing=0.1)

    def advance(self, count: int = 1) -> None:
        self._bar.update(count)

    def close(self) -> None:
        self._bar.close()
