"""``kg.extract`` and ``kg.build`` over files on this machine: one process, or a pool of workers."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Any

from kg.errors import IngestError, report
from kg.extraction import extract_documents
from kg.extraction.pipeline import default_model, load_pipeline
from kg.ingest import read_documents
from kg.model import Document, Extraction
from kg.resolve import resolve_corpus
from kg.run.progress import Progress, count_documents
from kg.run.result import BuildResult, assemble_records
from kg.store import STORE_FILE, RecordStore, StoreError, content_hash

__all__ = ["DEFAULT_JOBS", "PARALLEL_MIN_DOCUMENTS", "build", "example_paths", "extract", "extract_records",
           "extract_records_with", "store_result"]

# below this many documents, starting worker processes (each loads the model) costs more than it saves
PARALLEL_MIN_DOCUMENTS = 32
DEFAULT_JOBS = os.cpu_count() or 1


def extract(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    publisher_country: str | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool = False,
    batch_size: int = 64,
    n_process: int = 1,
) -> list[Extraction]:
    """Read and extract documents; entities resolved across the run.

    ``on_error`` receives each skipped document's error; without it the first one raises.
    """
    load_pipeline(model)  # fails fast, before any document is read, when the model is missing
    paths = list(paths)
    bar = Progress(count_documents(paths)) if progress else None
    documents = read_documents(paths, published=published, publisher_country=publisher_country,
                               on_error=_advancing(bar, on_error) if bar else on_error)
    try:
        return resolve_corpus(extract_records(documents, model=model, n_process=n_process, batch_size=batch_size,
                                              on_error=on_error, progress=bar or False))
    finally:
        if bar is not None:
            bar.close()


def extract_records(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool | Progress = False,
) -> Iterator[Extraction]:
    """Per-document records (not yet resolved across documents), in input order.

    With ``n_process > 1`` and at least :data:`PARALLEL_MIN_DOCUMENTS` documents, worker
    processes parse and read (:func:`kg.run.processes.extract_in_processes`); otherwise
    this process does, through the pipeline's ``kg`` component. ``progress`` (``True``,
    or a :class:`kg.run.progress.Progress` that knows the total) advances a bar as
    records come out and documents are skipped.
    """
    bar = Progress() if progress is True else progress or None
    if bar is not None:
        on_error = _advancing(bar, on_error)
    documents = iter(documents)
    first = list(islice(documents, PARALLEL_MIN_DOCUMENTS))
    stream: Iterable[Document] = chain(first, documents)
    if n_process > 1 and len(first) == PARALLEL_MIN_DOCUMENTS:
        from kg.run.processes import extract_in_processes

        # workers run kg's rules too and send back plain records: spaCy's own n_process
        # parses in workers but sends whole Docs back to one process for the rules
        records = extract_in_processes(stream, model=model, n_process=n_process, batch_size=batch_size,
                                       on_error=on_error)
    else:
        records = extract_documents(stream, load_pipeline(model), batch_size=batch_size, on_error=on_error)
    try:
        for record in records:
            if bar is not None:
                bar.advance()
            yield record
    finally:
        if bar is not None and progress is True:
            bar.close()


def _advancing(bar: Progress, on_error: Callable[[IngestError], None] | None) -> Callable[[IngestError], None]:
    def skipped(error: IngestError) -> None:
        bar.advance()
        report(error, on_error)

    return skipped


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    publisher_country: str | None = None,
    progress: bool = False,
    n_process: int = 1,
    on_error: Callable[[IngestError], None] | None = None,
    engine: str = "spacy",
    scheduler: Any = None,
    timeout: float | None = None,
    workdir: str | Path | None = None,
) -> BuildResult:
    """Extract, resolve and assemble the graph for articles in files and folders.

    Records go to a store on disk as extraction yields them (:class:`kg.store.RecordStore`),
    and the graph is assembled from that store, so memory does not grow with the corpus.
    The store and the graph live in a temporary folder (in ``workdir``, the system's
    temporary folder by default) that goes with the result. Documents that cannot be read
    are skipped, handed to ``on_error`` and listed in ``result.skipped``.

    Examples
    --------
    >>> result = build(example_paths())  # doctest: +SKIP
    >>> result.graph.number_of_nodes() > 0  # doctest: +SKIP
    True
    """
    model = model or default_model()
    if engine == "spacy":
        load_pipeline(model)  # fails fast, before any document is read, when the model is missing
    skipped: list[IngestError] = []

    def skip(error: IngestError) -> None:
        skipped.append(error)
        if on_error is not None:
            on_error(error)

    folder = tempfile.TemporaryDirectory(prefix=".kg-build-", suffix=".tmp", dir=workdir)
    store = RecordStore.create(Path(folder.name) / STORE_FILE, shown_as=Path(workdir or folder.name) / STORE_FILE)
    paths = list(paths)
    bar = Progress(count_documents(paths)) if progress else None
    documents = read_documents(paths, published=published, publisher_country=publisher_country,
                               on_error=_advancing(bar, skip) if bar else skip)
    try:
        with store.transaction():
            for record in extract_records_with(documents, model=model, n_process=n_process, engine=engine,
                                               scheduler=scheduler, timeout=timeout, on_error=skip,
                                               progress=bar or False):
                store.put(record, digest=content_hash(record.document), model=model)
        return store_result(store, model=model, skipped=skipped, workdir=workdir, keep=[folder])
    except BaseException:  # --strict's first skip, an interrupt: no temporary folder left behind
        store.close()
        folder.cleanup()
        raise
    finally:
        if bar is not None:
            bar.close()


def extract_records_with(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    engine: str = "spacy",
    scheduler: Any = None,
    timeout: float | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool | Progress = False,
) -> Iterator[Extraction]:
    """Per-document records from ``engine``: ``"spacy"`` on this machine
    (:func:`extract_records`) or ``"dask"`` on a cluster (:func:`kg.run.dask.extract_with_dask`
    at ``scheduler``, or a local one; ``timeout``: seconds to wait for the scheduler to
    answer); spaCy loads only if there is a document."""
    documents = iter(documents)
    first = next(documents, None)
    if first is None:
        return
    documents = chain([first], documents)
    if engine == "dask":
        from kg.run.dask import extract_with_dask

        options = {} if timeout is None else {"timeout": timeout}
        for record in extract_with_dask(documents, scheduler=scheduler, model=model, resolve=False,
                                        batch_size=batch_size, on_error=on_error, **options):
            if isinstance(progress, Progress):
                progress.advance()
            yield record
        return
    yield from extract_records(documents, model=model, n_process=n_process, batch_size=batch_size,
                               on_error=on_error, progress=progress)


def store_result(store: RecordStore, *, model: str | None = None, skipped: list[IngestError] | None = None,
                 workdir: str | Path | None = None, keep: Sequence[Any] = (),
                 on_error: Callable[[StoreError], None] | None = None) -> BuildResult:
    """The :class:`BuildResult` of the records in ``store`` (read, resolved, as a stream).

    ``model`` defaults to the models that read the stored records; ``on_error`` hears of
    each stored record kg cannot use (skipped), and without it the first one raises.
    """
    model = model or ", ".join(store.models()) or default_model()
    result = assemble_records(lambda: store.records(on_error=on_error), model=model, skipped=skipped,
                              workdir=workdir, keep=keep)
    result.store = store
    return result


def example_paths() -> list[Path]:
    """The example articles shipped with kg (written for kg, invented events)."""
    from importlib import resources

    folder = resources.files("kg") / "examples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


