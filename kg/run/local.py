"""``kg.extract`` and ``kg.build`` over files on this machine: one process, or a pool of workers."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from kg.errors import IngestError
from kg.extraction import extract_documents
from kg.extraction.pipeline import default_model, load_pipeline
from kg.ingest import read_documents
from kg.model import Document, Extraction
from kg.resolve import resolve_corpus
from kg.run.result import BuildResult, assemble

__all__ = ["DEFAULT_JOBS", "PARALLEL_MIN_DOCUMENTS", "build", "example_paths", "extract", "extract_records"]

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
    documents = read_documents(paths, published=published, publisher_country=publisher_country, on_error=on_error)
    return resolve_corpus(extract_records(documents, model=model, n_process=n_process, batch_size=batch_size,
                                          on_error=on_error, progress=progress))


def extract_records(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool = False,
) -> Iterator[Extraction]:
    """Per-document records (not yet resolved across documents), in input order.

    With ``n_process > 1`` and at least :data:`PARALLEL_MIN_DOCUMENTS` documents, worker
    processes parse and read (:func:`kg.run.processes.extract_in_processes`); otherwise
    this process does, through the pipeline's ``kg`` component.
    """
    documents = iter(documents)
    first = list(islice(documents, PARALLEL_MIN_DOCUMENTS))
    stream: Iterable[Document] = chain(first, documents)
    if progress:
        stream = _progress(stream)  # after the peek: a tqdm iterator cannot be resumed
    if n_process > 1 and len(first) == PARALLEL_MIN_DOCUMENTS:
        from kg.run.processes import extract_in_processes

        # workers run kg's rules too and send back plain records: spaCy's own n_process
        # parses in workers but sends whole Docs back to one process for the rules
        yield from extract_in_processes(stream, model=model, n_process=n_process, batch_size=batch_size,
                                        on_error=on_error)
    else:
        yield from extract_documents(stream, load_pipeline(model), batch_size=batch_size, on_error=on_error)


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    publisher_country: str | None = None,
    progress: bool = False,
    n_process: int = 1,
) -> BuildResult:
    """Extract, resolve and assemble the graph for articles in files and folders.

    Documents that cannot be read are skipped and listed in ``result.skipped``.

    Examples
    --------
    >>> result = build(example_paths())  # doctest: +SKIP
    >>> result.graph.number_of_nodes() > 0  # doctest: +SKIP
    True
    """
    skipped: list[IngestError] = []
    model = model or default_model()
    extractions = extract(paths, model=model, published=published, publisher_country=publisher_country,
                          on_error=skipped.append,
                          progress=progress, n_process=n_process)
    return assemble(extractions, model=model, skipped=skipped)


def example_paths() -> list[Path]:
    """The example articles shipped with kg (written for kg, invented events)."""
    from importlib import resources

    folder = resources.files("kg") / "examples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def _progress(documents):
    from tqdm import tqdm

    # tqdm draws only on a terminal; the bar appears once a run is long enough to matter
    return tqdm(documents, unit="doc", file=sys.stderr, disable=None, delay=2.0)
