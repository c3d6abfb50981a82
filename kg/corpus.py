"""A corpus that grows: a folder of extraction records and the exports made from them.

Analysts feed a month of wire copy, then add today's. ``kg build ARTICLES -o FOLDER``
makes a corpus of exactly those articles; ``kg add ARTICLES --into FOLDER`` extracts only
the documents the corpus has not seen and writes the exports again from all of them: the
same meeting reported by five outlets becomes one event with five reports. Building A then
adding B gives the same files as building A and B together.

The folder
----------
- ``corpus.sqlite``: the records (:class:`kg.store.RecordStore`: one row per document,
  its extraction *before* cross-document resolution, its content hash and model). A
  document is extracted again only when its id is new or its hash or model differs, and
  then its row is replaced: a changed document replaces its own contributions only. The
  rows of a run are committed only once the exports made from them are written, so a
  failed or killed run leaves the corpus as it was.
- the exports (:data:`kg.run.OUTPUT_FILES`, or those ``formats`` names), each streamed
  from the store (:meth:`kg.run.BuildResult.write`).
- ``manifest.json``: the corpus state the exports were made from
  (:mod:`kg.store.manifest`). Whenever it does not match the store (a run killed between
  the exports and the store, a disk that filled up), the next ``kg add`` or ``kg build``
  writes the exports again, even when no document changed.
- ``.corpus.lock``: one run at a time per folder (:func:`kg.store.folder_lock`); a second
  one says "another kg add is running on DIR (pid N)" and waits its turn.

A corpus kept by an older kg in ``corpus.jsonl`` (one JSON record a line) is read into
``corpus.sqlite`` by the first ``kg add``; a line kg cannot use is reported with its line
number (``DIR/corpus.jsonl: line 7: ...``) and skipped, the other lines kept.

Examples
--------
>>> corpus = Corpus.open("output")  # doctest: +SKIP
>>> corpus.add(["wire/2031-03/"])  # doctest: +SKIP
AddReport(added=('a1', 'a2'), replaced=(), unchanged=(), skipped=(), damaged=(), written=(...))
>>> corpus.build().graph  # doctest: +SKIP
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.collector import fewer_young_collections
from kg.errors import ErrorHandler, IngestError, KGError, NothingRead, report
from kg.model import Document, Extraction, RecordError, extraction_from_dict
from kg.run.progress import Progress, count_documents
from kg.store import (LOCK_FILE, MANIFEST_FILE, STORE_FILE, RecordStore, StoreError, content_hash, exports_behind,
                      folder_lock, mark_pending, read_manifest, write_manifest)
from kg.store.records import json_value

if TYPE_CHECKING:
    from kg.run import BuildResult

__all__ = ["CORPUS_FILES", "LEGACY_STORE_FILE", "LOCK_FILE", "STORE_FILE", "AddReport", "Corpus", "build_corpus",
           "content_hash", "extraction_from_dict"]

LEGACY_STORE_FILE = "corpus.jsonl"
CORPUS_FILES = (STORE_FILE, MANIFEST_FILE, LOCK_FILE)
"""What a corpus folder holds besides the exports."""
ENGINES = ("spacy", "dask")
_WORK_PREFIX = ".kg-"  # temporary folders of a run: .kg-build-*.tmp, .kg-graph-*.tmp, .kg-rdf-*.tmp

DamageHandler = Callable[[StoreError], None]


@dataclass(frozen=True)
class AddReport:
    """What :meth:`Corpus.add` did: sorted document ids, skipped documents, damaged records, files written."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[IngestError, ...] = ()
    damaged: tuple[StoreError, ...] = ()
    written: tuple[Path, ...] = ()

    @property
    def changed(self) -> bool:
        """True when the store changed."""
        return bool(self.added or self.replaced)

    def summary(self) -> str:
        """One line: how many documents were added, replaced, unchanged and skipped."""
        damaged = f", {len(self.damaged)} stored record(s) unusable" if self.damaged else ""
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, "
                f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped{damaged}")


class Corpus:
    """The corpus kept in a folder; open one with :meth:`Corpus.open`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def open(cls, folder: str | Path) -> Corpus:
        """The corpus kept in ``folder`` (an empty one if it holds no store yet); creates nothing.

        Raises
        ------
        KGError
            When ``folder`` is a file, or its ``corpus.sqlite`` is not a kg store.
        """
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise KGError(f"{folder}: a corpus folder was expected, this is a file")
        corpus = cls(folder)
        if corpus.path.exists():
            RecordStore.open(corpus.path).close()  # refuses a file that is not a store, now
        return corpus

    @property
    def path(self) -> Path:
        """The store file, ``FOLDER/corpus.sqlite``."""
        return self.folder / STORE_FILE

    def _store(self) -> RecordStore | None:
        return RecordStore.open(self.path) if self.path.exists() else None

    def __len__(self) -> int:
        store = self._store()
        if store is None:
            return 0
        with store:
            return len(store)

    def __contains__(self, doc_id: object) -> bool:
        store = self._store()
        if store is None:
            return False
        with store:
            return doc_id in store

    def ids(self) -> list[str]:
        """The document ids in the corpus, sorted."""
        store = self._store()
        if store is None:
            return []
        with store:
            return list(store.ids())

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        model: str | None = None,
        published: str | None = None,
        publisher_country: str | None = None,
        on_error: ErrorHandler | None = None,
        on_damaged: DamageHandler | None = None,
        n_process: int = 1,
        batch_size: int = 64,
        engine: str = "spacy",
        scheduler: str | None = None,
        timeout: float | None = None,
        write: bool = True,
        formats: Iterable[str] | str | None = None,
        html_options: dict[str, Any] | None = None,
        progress: bool = False,
        waiting: Callable[[str], None] | None = None,
    ) -> AddReport:
        """Read articles, extract those the corpus has not seen, and write the exports again.

        Parameters
        ----------
        paths
            Files and folders, as for :func:`kg.ingest.read_documents`.
        model
            spaCy model name; a stored document read by another model is read again.
        published
            ISO date for documents without one of their own.
        publisher_country
            Whose government or national outlet published documents that do not say.
        on_error
            Receives each document that cannot be read; without it the first one raises
            (and nothing is stored). Skipped documents are also listed in the report.
        on_damaged
            Receives each stored record (or line of an old ``corpus.jsonl``) kg cannot
            use; it is skipped and the others kept. Without it the first one raises.
        n_process, batch_size
            Worker processes and spaCy batch size (``engine="spacy"``).
        engine, scheduler, timeout
            ``"dask"`` extracts on a Dask cluster, at ``scheduler`` (waiting ``timeout``
            seconds for it to answer) or on a local one.
        write
            Write the exports into the folder when the store changed or the exports fell
            behind it (the records are committed only once they are written); ``False``
            updates the store alone.
        formats
            The exports to write (:func:`kg.run.parse_formats`): by default those the
            folder's manifest lists (all six files for a new corpus).
        html_options
            For the page (``focus``, ``depth``, ``date_from``, ``date_to``).
        progress
            A progress bar over extraction on a terminal.
        waiting
            Hears, once, that another run holds the folder, before this one waits.

        Returns
        -------
        AddReport
            The ids added, replaced (same id, changed content or model) and unchanged.
        """
        from kg.extraction.pipeline import default_model
        from kg.ingest import read_documents
        from kg.run.result import FORMATS, parse_formats

        if engine not in ENGINES:
            raise KGError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
        model = model or default_model()
        if formats is None:  # what the folder has, the store of RDF included
            formats = [name for name in read_manifest(self.folder).get("files") or () if name in FORMATS.values()]
        names = parse_formats(formats or None)
        skipped: list[IngestError] = []
        damaged = _DamageLog(on_damaged)

        def skip(error: IngestError) -> None:
            skipped.append(error)
            report(error, on_error)

        with folder_lock(self.folder, waiting=waiting):
            _remove_work_folders(self.folder)
            work = None
            if self.path.exists():
                store = RecordStore.open(self.path)
            else:  # a new store is made aside and renamed into place once the run is through
                work = tempfile.TemporaryDirectory(prefix=_WORK_PREFIX + "build-", suffix=".tmp", dir=self.folder)
                store = RecordStore.create(Path(work.name) / STORE_FILE, shown_as=self.path)
            with store:
                unchanged: list[str] = []
                added: list[str] = []
                replaced: list[str] = []
                written: list[Path] = []
                with store.transaction():
                    legacy = self.folder / LEGACY_STORE_FILE
                    if work is not None and legacy.is_file():
                        _import_legacy(store, legacy, damaged)

                    paths = list(paths)
                    bar = Progress(count_documents(paths)) if progress else None

                    def read_skip(error: IngestError) -> None:
                        if bar is not None:
                            bar.advance()
                        skip(error)

                    def pending() -> Iterator[Document]:
                        for document in read_documents(paths, published=published, publisher_country=publisher_country,
                                                        on_error=read_skip):
                            if store.entry(document.id) == (content_hash(document), model):
                                unchanged.append(document.id)
                                if bar is not None:
                                    bar.advance()
                                continue
                            yield document

                    try:
                        extracted = list(_store_records(store, _extract(
                            pending(), model=model, n_process=n_process, batch_size=batch_size, engine=engine,
                            scheduler=scheduler, timeout=timeout, on_error=skip, progress=bar or False), model))
                    finally:
                        if bar is not None:
                            bar.close()
                    for doc_id, was_there in extracted:
                        (replaced if was_there else added).append(doc_id)
                    state = store.state()
                    if write and (added or replaced or work is not None or exports_behind(self.folder, state, names)):
                        written = _write_exports(self.folder, store, names, html_options or {}, damaged,
                                                 processes=_export_processes(engine, n_process))
                if work is not None:
                    _place_store(Path(work.name) / STORE_FILE, self.path)
                if written:
                    write_manifest(self.folder, state=state, documents=len(store),
                                   files={path.name: digest for path, digest in written})
        return AddReport(tuple(sorted(added)), tuple(sorted(replaced)), tuple(sorted(unchanged)), tuple(skipped),
                         tuple(damaged.errors), tuple(path for path, _ in written))

    def extractions(self, *, on_damaged: DamageHandler | None = None) -> list[Extraction]:
        """All records, sorted by document id, with entities resolved across the corpus."""
        store = self._store()
        if store is None:
            return []
        with store:
            return list(store.records(on_error=on_damaged))

    def build(self, *, on_damaged: DamageHandler | None = None) -> BuildResult:
        """The corpus graph: every record, events reported by several documents merged.

        Returns
        -------
        kg.run.BuildResult
            Reading the folder's store; ``write(folder)`` writes every export.
        """
        from kg.extraction.pipeline import default_model
        from kg.run.local import assemble_records, store_result

        store = self._store()
        if store is None:
            return assemble_records(lambda: iter(()), model=default_model())
        return store_result(store, on_error=on_damaged)


def build_corpus(
    folder: str | Path,
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    publisher_country: str | None = None,
    on_error: ErrorHandler | None = None,
    n_process: int = 1,
    engine: str = "spacy",
    scheduler: str | None = None,
    timeout: float | None = None,
    formats: Iterable[str] | str | None = None,
    html_options: dict[str, Any] | None = None,
    progress: bool = False,
    waiting: Callable[[str], None] | None = None,
) -> tuple[BuildResult, list[Path]]:
    """``kg build``: make ``folder`` the corpus of exactly these articles, and write its exports.

    Every document is extracted (nothing is reused from a store already in the folder,
    which the new one replaces once the exports are written). An error raised by
    ``on_error`` (``--strict``) leaves the folder as it was, and so does a run in which no
    document could be read (:class:`kg.errors.NothingRead`).

    Returns
    -------
    (kg.run.BuildResult, list of pathlib.Path)
        The run and the files written (the exports, then the store and the manifest).
    """
    from kg.run.local import build
    from kg.run.result import parse_formats

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise KGError(f"{folder / 'extraction.json'}: cannot write ({folder} is a file, not a folder)")
    names = parse_formats(formats)
    with folder_lock(folder, waiting=waiting):
        _remove_work_folders(folder)
        result = build(paths, model=model, published=published, publisher_country=publisher_country,
                       progress=progress, n_process=n_process,
                       on_error=on_error, engine=engine, scheduler=scheduler, timeout=timeout,
                       workdir=folder)
        store = result.store
        if not len(store):
            result.close()
            raise NothingRead(len(result.skipped), folder)
        written = _write_exports(folder, None, names, html_options or {}, _DamageLog(None), result=result,
                                 processes=_export_processes(engine, n_process))
        _place_store(store.path, folder / STORE_FILE)
        write_manifest(folder, state=store.state(), documents=len(store),
                       files={path.name: digest for path, digest in written})
    return result, [path for path, _ in written] + [folder / STORE_FILE, folder / MANIFEST_FILE]


# --- the steps ----------------------------------------------------------------------------
def _store_records(store: RecordStore, records: Iterable[Extraction], model: str) -> Iterator[tuple[str, bool]]:
    """Put each record into the store as it comes: ``(document id, whether it replaced one)``."""
    for record in records:
        yield record.document.id, store.put(record, digest=content_hash(record.document), model=model)



class _DamageLog:
    """Each unusable record reported once (the store is read once per export)."""

    def __init__(self, handler: DamageHandler | None) -> None:
        self.handler = handler
        self.errors: list[StoreError] = []
        self._seen: set[str] = set()

    def __call__(self, error: StoreError) -> None:
        if str(error) in self._seen:
            return
        self._seen.add(str(error))
        self.errors.append(error)
        if self.handler is None:
            raise error
        self.handler(error)


def _write_exports(folder: Path, store: RecordStore | None, names: tuple[str, ...], html_options: dict[str, Any],
                   damaged: _DamageLog, result: BuildResult | None = None,
                   processes: int = 1) -> list[tuple[Path, str]]:
    """Mark the manifest pending, then stream every export from the store into place
    (the RDF files by a second process when ``processes`` is above 1).

    The RDF store (``graph.oxigraph``), when asked for, is brought to the new
    ``graph.nq`` by the difference from the one it holds (the old file, kept by a hard
    link while the new one replaces it), or loaded afresh when the manifest cannot vouch
    for what it holds.
    """
    from kg.export.rdf.store import STORE_DIR, update_store
    from kg.run.local import store_result

    if result is None:
        result = store_result(store, workdir=folder, on_error=damaged)
    held = None
    if STORE_DIR in names:
        files = read_manifest(folder).get("files") or {}
        if (folder / STORE_DIR).is_dir() and files.get(STORE_DIR) and files.get(STORE_DIR) == files.get("graph.nq"):
            held = folder / f"{_WORK_PREFIX}held-{os.getpid()}.tmp"
            held.unlink(missing_ok=True)
            os.link(folder / "graph.nq", held)  # the file the store holds, kept past its replacement
    mark_pending(folder)
    try:
        with fewer_young_collections():
            paths = result.write(folder, formats=names, processes=processes, **html_options)
        written = [(path, result.digests[path.name]) for path in paths]
        if STORE_DIR in names:
            update_store(folder / STORE_DIR, folder / "graph.nq", old=held)
            written.append((folder / STORE_DIR, result.digests["graph.nq"]))
    finally:
        if held is not None:
            held.unlink(missing_ok=True)
    return written
def _export_processes(engine: str, n_process: int) -> int:
    """Processes that write the exports: a run on this machine's cores also writes the
    RDF aside (a forked process); a Dask client's threads make forking unsafe."""
    return n_process if engine == "spacy" else 1


def _place_store(new: Path, target: Path) -> None:
    try:
        os.replace(new, target)
    except OSError as error:
        raise KGError(f"{target}: cannot write ({error.strerror or error})") from None


def _remove_work_folders(folder: Path) -> None:
    """Temporary folders that killed runs left (the caller holds the folder's lock: none is in use)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(_WORK_PREFIX) and name.endswith(".tmp"):
            if (folder / name).is_dir():
                shutil.rmtree(folder / name, ignore_errors=True)
            else:
                (folder / name).unlink(missing_ok=True)


def _import_legacy(store: RecordStore, path: Path, damaged: _DamageLog) -> None:
    """Read an older kg's ``corpus.jsonl`` into ``store``; each line kg cannot use is reported and skipped."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                doc_id, digest, model, version, record = _legacy_line(raw)
                store.put(record, digest=digest, model=model)
            except RecordError as error:
                damaged(StoreError(f"{path}: line {number}: {error}; skipped"))


def _legacy_line(raw: bytes) -> tuple[str, str, str, str, Extraction]:
    data = json_value(raw)
    if not isinstance(data, dict):
        raise RecordError("expected a JSON object with 'id', 'hash', 'model' and 'extraction'")
    missing = sorted({"id", "hash", "model", "extraction"} - set(data))
    if missing:
        raise RecordError(f"expected a JSON object with 'id', 'hash', 'model' and 'extraction'; "
                          f"missing {', '.join(missing)}")
    for key in ("id", "hash", "model"):
        if not isinstance(data[key], str):
            raise RecordError(f"{key}: expected text, got {type(data[key]).__name__}")
    record = extraction_from_dict(data["extraction"])
    if record.document.id != data["id"]:
        raise RecordError(f"id {data['id']!r} is not the id of its extraction ({record.document.id!r})")
    return data["id"], data["hash"], data["model"], str(data.get("kg", "")), record


def _extract(
    documents: Iterator[Document],
    *,
    model: str,
    n_process: int,
    batch_size: int,
    engine: str,
    scheduler: str | None,
    timeout: float | None,
    on_error: ErrorHandler,
    progress: Any = False,
) -> Iterator[Extraction]:
    """Per-document records (not resolved across documents); spaCy loads only if needed."""
    from kg.run.local import extract_records_with

    yield from extract_records_with(documents, model=model, n_process=n_process, batch_size=batch_size,
                                    engine=engine, scheduler=scheduler, timeout=timeout, on_error=on_error,
                                    progress=progress)
