"""``kg push --incremental``: send a SPARQL server only what changed since the last push.

kg's ``graph.nq`` is sorted, duplicate-free N-Quads with no blank nodes, so two versions
of it differ by lines that a merge of the two files finds (:func:`kg.export.rdf.store.diff_sorted`,
memory flat). The first push sends the whole file (:func:`kg.sparql.push.push_rdf`, Graph
Store Protocol) and keeps a copy of what it sent beside the file,
``.kg-pushed/ENDPOINT-HASH.nq``; every later push of that file to that server sends
``DELETE DATA`` for the quads gone and ``INSERT DATA`` for the new ones to the server's
SPARQL 1.1 Update endpoint, a few thousand quads a request, then replaces the copy. A
push that fails half-way keeps the old copy, and the next one sends the same difference
again (deleting what is absent and inserting what is present change nothing). Adding ten
articles to a corpus of a million sends the quads of those ten, and of the events and
entities they touched.

The update endpoint is ``--update URL``, or the Graph Store URL with its last part
``store`` (Oxigraph) or ``data`` (Fuseki) read as ``update``.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import Path

from kg.errors import KGError
from kg.export.rdf.store import diff_sorted
from kg.sparql.push import DEFAULT_TIMEOUT, check_request, push_rdf, send

__all__ = ["IncrementalResult", "push_incremental", "update_endpoint", "update_requests"]

PUSHED_DIR = ".kg-pushed"
BATCH = 5_000  # quads per SPARQL Update request


@dataclass(frozen=True)
class IncrementalResult:
    """What an incremental push sent: quads removed and added, requests made, whole file or not."""

    url: str
    removed: int
    added: int
    requests: int
    full: bool


def update_endpoint(endpoint: str, update: str | None = None) -> str:
    """The SPARQL Update URL for a Graph Store URL.

    Examples
    --------
    >>> update_endpoint("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/update'
    >>> update_endpoint("http://fuseki:3030/kg/data")
    'http://fuseki:3030/kg/update'
    """
    if update:
        return update
    base, _, last = endpoint.rstrip("/").rpartition("/")
    if last in ("store", "data") and base:
        return f"{base}/update"
    raise KGError(f"{endpoint}: cannot tell the SPARQL Update endpoint from this URL; give it with --update URL")


def update_requests(changes: Iterable[tuple[str, bytes]], *, batch: int = BATCH) -> Iterator[tuple[str, int, int]]:
    """SPARQL Update texts for ``("-"|"+", N-Quads line)`` changes: ``(text, removed, added)``.

    Deletions come before insertions within each request; quads are grouped by graph.

    Examples
    --------
    >>> [text for text, _, _ in update_requests([("-", b'<s> <p> "o" <g> .\\n'), ("+", b"<s> <p> <o> <g> .\\n")])]
    ['DELETE DATA {\\nGRAPH <g> {\\n<s> <p> "o" .\\n}\\n} ;\\nINSERT DATA {\\nGRAPH <g> {\\n<s> <p> <o> .\\n}\\n}\\n']
    """
    changes = iter(changes)
    while chunk := list(islice(changes, batch)):
        parts = []
        counts = {"-": 0, "+": 0}
        for sign, operation in (("-", "DELETE DATA"), ("+", "INSERT DATA")):
            quads = [_split(line) for s, line in chunk if s == sign]
            if not quads:
                continue
            counts[sign] = len(quads)
            blocks = [f"GRAPH {graph} {{\n" + "".join(f"{triple} .\n" for _, triple in group) + "}\n"
                      for graph, group in groupby(sorted(quads), key=lambda q: q[0])]
            parts.append(f"{operation} {{\n" + "".join(blocks) + "}")
        yield " ;\n".join(parts) + "\n", counts["-"], counts["+"]


def _split(line: bytes) -> tuple[str, str]:
    """``(graph, triple)`` of an N-Quads line kg wrote: the graph is the last term, an IRI."""
    text = line.decode("utf-8").rstrip()
    if not text.endswith(" ."):
        raise KGError(f"not an N-Quads line: {text[:80]!r}")
    triple, _, graph = text[:-2].rstrip().rpartition(" ")
    if not (graph.startswith("<") and graph.endswith(">")):
        raise KGError(f"an N-Quads line without a named graph: {text[:80]!r}; push --incremental needs kg's graph.nq")
    return graph, triple


def push_incremental(path: str | os.PathLike[str], endpoint: str, *, update: str | None = None,
                     timeout: float = DEFAULT_TIMEOUT) -> IncrementalResult:
    """Bring the server at ``endpoint`` from what was last pushed of ``path`` to ``path``.

    Raises
    ------
    KGError
        For a file that is not ``.nq``, or with the server's answer when a request fails.
    """
    path = Path(path)
    if path.suffix.lower() != ".nq":
        raise KGError(f"{path}: --incremental pushes kg's N-Quads (graph.nq), sorted lines it can compare")
    if not path.is_file():
        raise KGError(f"{path}: no such file")
    url = update_endpoint(endpoint, update)
    check_request(endpoint, timeout)
    check_request(url, timeout)
    record = path.parent / PUSHED_DIR / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}-{path.name}"
    if not record.is_file():
        pushed = push_rdf(path, endpoint, timeout=timeout)
        _keep(path, record)
        lines = sum(1 for _ in path.open("rb"))
        return IncrementalResult(pushed.url, 0, lines, 1, True)
    removed = added = requests = 0
    for text, minus, plus in update_requests(diff_sorted(record, path)):
        _post_update(url, text, timeout)
        removed, added, requests = removed + minus, added + plus, requests + 1
    _keep(path, record)
    return IncrementalResult(url, removed, added, requests, False)


def _keep(path: Path, record: Path) -> None:
    record.parent.mkdir(exist_ok=True)
    staging = record.with_name(record.name + ".tmp")
    shutil.copyfile(path, staging)
    os.replace(staging, record)


def _post_update(url: str, text: str, timeout: float) -> None:
    send(url, text.encode("utf-8"), method="POST", content_type="application/sparql-update; charset=utf-8",
         timeout=timeout, server="server")
