"""``graph.oxigraph``: a corpus's RDF in an on-disk Oxigraph store, updated in place.

For a corpus too big to load for each query, ``kg build --formats ...,store`` keeps the
quads of ``graph.nq`` in a RocksDB store (pyoxigraph's ``Store(path)``, already kg's RDF
engine) beside the exports; ``kg query FOLDER`` runs SPARQL on it directly, without
parsing a file. ``kg add`` updates it in place: ``graph.nq`` is written as sorted,
duplicate-free lines, so the difference between the file the store holds and the new one
is a merge of two sorted files (:func:`diff_sorted`, memory flat), and only the quads
that changed are removed from and added to the store. The same difference is what
``kg push --incremental`` sends to a SPARQL server (:mod:`kg.sparql.push`).

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> old, new = folder / "old.nq", folder / "new.nq"
>>> _ = old.write_bytes(b"<a> <b> <c> <g> .\\n<a> <b> <d> <g> .\\n")
>>> _ = new.write_bytes(b"<a> <b> <d> <g> .\\n<a> <b> <e> <g> .\\n")
>>> [(sign, line.decode().strip()) for sign, line in diff_sorted(old, new)]
[('-', '<a> <b> <c> <g> .'), ('+', '<a> <b> <e> <g> .')]
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from kg.errors import KGError

__all__ = ["STORE_DIR", "diff_sorted", "open_store", "update_store"]

STORE_DIR = "graph.oxigraph"
_BATCH = 20_000  # quads parsed and applied at a time


def diff_sorted(old: Path | None, new: Path) -> Iterator[tuple[str, bytes]]:
    """``("-", line)`` for each line only in ``old``, ``("+", line)`` for each only in ``new``;
    both files hold sorted, duplicate-free lines (``graph.nq``)."""
    with new.open("rb") as after:
        if old is None:
            for line in after:
                yield "+", line
            return
        with old.open("rb") as before:
            a, b = next(before, None), next(after, None)
            while a is not None or b is not None:
                if b is None or (a is not None and a < b):
                    yield "-", a
                    a = next(before, None)
                elif a is None or b < a:
                    yield "+", b
                    b = next(after, None)
                else:
                    a, b = next(before, None), next(after, None)


def open_store(path: str | os.PathLike[str], *, read_only: bool = False):
    """The Oxigraph store at ``path`` (made if missing, unless ``read_only``)."""
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        raise KGError(f"{path}: cannot open the RDF store ({error})") from None


def update_store(path: str | os.PathLike[str], new: Path, *, old: Path | None) -> tuple[int, int]:
    """Make the store at ``path`` hold the quads of ``new`` (sorted N-Quads).

    With ``old``, the file the store holds now, only the difference is applied; without
    it the store is emptied and loaded from ``new``. Returns ``(removed, added)``.
    """
    import pyoxigraph as ox

    store = open_store(path)
    try:
        if old is None:
            store.clear()
            store.bulk_load(path=str(new), format=ox.RdfFormat.N_QUADS)
            added = sum(1 for _ in store)
            return 0, added
        counts = {"-": 0, "+": 0}
        changes = diff_sorted(old, new)
        while batch := list(islice(changes, _BATCH)):
            for sign in ("-", "+"):
                lines = b"".join(line for s, line in batch if s == sign)
                if not lines:
                    continue
                quads = list(ox.parse(lines, format=ox.RdfFormat.N_QUADS))
                if sign == "-":
                    for quad in quads:
                        store.remove(quad)
                else:
                    store.extend(quads)
                counts[sign] += len(quads)
        return counts["-"], counts["+"]
    finally:
        store.flush()
        del store
