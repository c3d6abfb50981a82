"""Extraction in local worker processes: each loads the model once and sends back records.

Unlike ``nlp.pipe(n_process=N)``, whose workers send parsed Docs back for kg's rules to
run in the main process, these workers run the rules too and send back plain
:class:`~kg.model.Extraction` records. :mod:`kg.run.dask` runs the same partitions on a
Dask cluster.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial

from kg.errors import ErrorHandler, IngestError, report
from kg.model import Document, Extraction

__all__ = ["CHUNK_SIZE", "IN_FLIGHT", "die_with_parent", "extract_in_processes", "extract_partition"]


CHUNK_SIZE = 16  # documents per task of extract_in_processes: small, so memory stays flat
IN_FLIGHT = 4
"""Chunks per worker submitted ahead: records come back in input order, so with fewer a
worker that is done waits while a slower chunk ahead of its next one is still parsed."""


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
    fork) and runs parse and rules on chunks of ``chunk_size`` documents; at most
    :data:`IN_FLIGHT` chunks per worker are in flight, so memory does not grow with the corpus.

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

    from kg.extraction.pipeline import default_model

    model = model or default_model()
    work = partial(extract_partition, model=model, batch_size=batch_size)
    stream = iter(documents)
    chunks = iter(lambda: list(islice(stream, chunk_size)), [])
    with ProcessPoolExecutor(max_workers=n_process, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending = deque(pool.submit(work, chunk) for chunk in islice(chunks, IN_FLIGHT * n_process))
        while pending:
            records, errors = pending.popleft().result()
            for error in errors:
                report(error, on_error)
            yield from records
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(work, chunk))


def die_with_parent(parent: int) -> None:
    """Run in each worker as it starts: the kernel kills it when its parent dies.

    A ``kill -9`` of ``kg add`` cannot clean up after itself; without this, its workers
    would go on parsing for nobody. (They never hold the corpus lock: see
    :mod:`kg.store.lock`.) Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere a no-op.
    """
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def extract_partition(documents: list[Document], *, model: str,
                       batch_size: int) -> tuple[list[Extraction], list[IngestError]]:
    """Run in a worker: the partition's records and the documents refused (too long)."""
    from kg.extraction import extract_documents
    from kg.extraction.pipeline import load_pipeline

    nlp = load_pipeline(model)  # cached in the worker process: loaded on its first partition
    errors: list[IngestError] = []
    records = list(extract_documents(documents, nlp, batch_size=batch_size, on_error=errors.append))
    return records, errors
