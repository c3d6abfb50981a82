"""A corpus that grows: extraction records kept in a folder, each document extracted once.

Analysts feed a month of wire copy, then add today's. :class:`Corpus` keeps what kg read
from every document so that a new run extracts only the documents it has not seen, and
builds the graph from all of them: the same meeting reported by five outlets becomes one
event with five reports (:func:`kg.graph.build_graph` with ``merge_events=True``).

The store
---------
One file, ``FOLDER/corpus.jsonl`` (JSON Lines, UTF-8), one line per document, sorted by
document id, each line one JSON object::

    {"id": "a1", "hash": "sha256:...", "model": "en_core_web_sm", "kg": "0.1.0",
     "extraction": {...}}

- ``extraction`` is the document's :class:`~kg.model.Extraction` as
  :func:`kg.model.to_dict` writes it (the full record, so it reads back equal), *before*
  cross-document resolution: :func:`kg.resolve.resolve_corpus` is applied to all records
  at read time, because a document added later can change how an earlier one resolves
  (a lone "Lavrov" joins the one "Sergei Lavrov" of the corpus).
- ``hash`` is the SHA-256 of what extraction reads from the document: its text, title,
  publication date and URL. ``model`` is the spaCy model that read it; ``kg`` the kg
  version (for the record only).
- A document is extracted again only when its id is new, or its hash or the model
  differs from the stored line, and then its line is replaced: a changed document
  replaces its own contributions only. A document moved to another file (a different
  ``source``, the same content) is unchanged.
- The file is rewritten whole (a temporary file, then a rename, so a killed run leaves
  the previous file intact) and only when something changed: adding a document twice
  changes no byte. Concurrent ``add`` calls on one folder take turns on a lock file,
  ``FOLDER/.corpus.lock``.

JSON Lines was chosen over Parquet or a database because the records are nested, a
corpus of 10,000 articles is tens of MB, it needs nothing beyond the standard library,
and a reader can open it with ``jq`` or ``pandas.read_json(lines=True)``.

Examples
--------
>>> corpus = Corpus.open("output")  # doctest: +SKIP
>>> corpus.add(["wire/2031-03/"])  # doctest: +SKIP
AddReport(added=('a1', 'a2'), replaced=(), unchanged=(), skipped=())
>>> corpus.build().write("output")  # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import atomic_write_text
from kg.errors import IngestError, KGError
from kg.model import Document, Extraction, to_dict

if TYPE_CHECKING:
    from kg.run import BuildResult

__all__ = ["LOCK_FILE", "STORE_FILE", "AddReport", "Corpus", "content_hash", "extraction_from_dict"]

STORE_FILE = "corpus.jsonl"
LOCK_FILE = ".corpus.lock"
ENGINES = ("spacy", "dask")

ErrorHandler = Callable[[IngestError], None]


@dataclass(frozen=True)
class AddReport:
    """What :meth:`Corpus.add` did, as sorted document ids (and the documents it skipped)."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[IngestError, ...] = ()

    @property
    def changed(self) -> bool:
        """True when the store was rewritten."""
        return bool(self.added or self.replaced)

    def summary(self) -> str:
        """One line: how many documents were added, replaced, unchanged and skipped."""
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, "
                f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped")


@dataclass(frozen=True)
class _Entry:
    hash: str
    model: str


class Corpus:
    """The extraction records of a folder's corpus; open one with :meth:`Corpus.open`."""

    def __init__(self, folder: Path, index: dict[str, _Entry]):
        self.folder = folder
        self._index = index

    @classmethod
    def open(cls, folder: str | Path) -> Corpus:
        """Open the corpus kept in ``folder`` (an empty one if it holds no store yet).

        Raises
        ------
        KGError
            When ``FOLDER/corpus.jsonl`` has a line that is not a stored record.
        """
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise KGError(f"{folder}: a corpus folder was expected, this is a file")
        return cls(folder, _read_index(folder / STORE_FILE))

    @property
    def path(self) -> Path:
        """The store file, ``FOLDER/corpus.jsonl``."""
        return self.folder / STORE_FILE

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def ids(self) -> list[str]:
        """The document ids in the corpus, sorted."""
        return sorted(self._index)

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        model: str | None = None,
        published: str | None = None,
        publisher_country: str | None = None,
        on_error: ErrorHandler | None = None,
        n_process: int = 1,
        batch_size: int = 64,
        engine: str = "spacy",
        scheduler: str | None = None,
    ) -> AddReport:
        """Read articles and extract those the corpus has not seen; update the store.

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
        n_process, batch_size
            Passed to spaCy's ``nlp.pipe`` (``engine="spacy"``).
        engine, scheduler
            ``"dask"`` extracts on a Dask cluster (:func:`kg.run.dask.extract_with_dask`),
            at ``scheduler`` or on a local one.

        Returns
        -------
        AddReport
            The ids added, replaced (same id, changed content or model) and unchanged.
        """
        from kg.ingest import read_documents
        from kg.extraction.pipeline import default_model

        if engine not in ENGINES:
            raise KGError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
        model = model or default_model()
        skipped: list[IngestError] = []

        def report(error: IngestError) -> None:
            skipped.append(error)
            if on_error is None:
                raise error
            on_error(error)

        with _locked(self.folder):
            self._index = _read_index(self.path)  # another process may have added meanwhile
            unchanged: list[str] = []
            hashes: dict[str, str] = {}

            def pending() -> Iterator[Document]:
                for document in read_documents(paths, published=published, publisher_country=publisher_country,
                                                on_error=report):
                    digest = content_hash(document)
                    if self._index.get(document.id) == _Entry(digest, model):
                        unchanged.append(document.id)
                        continue
                    hashes[document.id] = digest
                    yield document

            lines: dict[str, str] = {}
            for record in _extract_documents(pending(), model=model, n_process=n_process, batch_size=batch_size,
                                             engine=engine, scheduler=scheduler, on_error=report):
                doc_id = record.document.id
                lines[doc_id] = _line(record, hashes[doc_id], model)
            added = sorted(i for i in lines if i not in self._index)
            replaced = sorted(i for i in lines if i in self._index)
            if lines:
                self._index = _write_store(self.path, lines)
        return AddReport(tuple(added), tuple(replaced), tuple(sorted(unchanged)), tuple(skipped))

    def extractions(self) -> list[Extraction]:
        """All records, sorted by document id, with entities resolved across the corpus."""
        from kg.resolve import resolve_corpus

        return resolve_corpus(_read_records(self.path))

    def build(self) -> BuildResult:
        """The corpus graph: every record, events reported by several documents merged.

        Returns
        -------
        kg.run.BuildResult
            ``write(folder)`` writes every export.
        """
        from kg.run import assemble
        from kg.extraction.pipeline import default_model

        model = ", ".join(sorted({entry.model for entry in self._index.values()})) or default_model()
        return assemble(self.extractions(), model=model)


def content_hash(document: Document) -> str:
    """SHA-256 of what extraction reads from a document: text, title, date and URL.

    Examples
    --------
    >>> a = Document("a1", "Lavrov met Karzai.", source="x/a1.txt")
    >>> content_hash(a) == content_hash(dataclasses.replace(a, source="y/a1.txt"))
    True
    >>> content_hash(a) == content_hash(dataclasses.replace(a, published="2030-01-02"))
    False
    """
    fields = [document.text, document.title, document.published, document.url]
    if document.publisher or document.publisher_country:  # read into the extraction; absent, old hashes hold
        fields += [document.publisher, document.publisher_country]
    key = json.dumps(fields, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """Read back an :class:`~kg.model.Extraction` written by :func:`kg.model.to_dict`.

    Raises
    ------
    KGError
        Naming a key the records do not have, with the keys allowed.

    Examples
    --------
    >>> from kg.model import Entity
    >>> record = Extraction(Document("a1", "x"), (Entity("gpe:peru", "Peru", "GPE", aliases=("Perú",)),))
    >>> extraction_from_dict(to_dict(record)) == record
    True
    """
    return _from_dict(Extraction, data, "extraction")


# --- the store file ---------------------------------------------------------------------
def _line(record: Extraction, digest: str, model: str) -> str:
    import kg

    return json.dumps({"id": record.document.id, "hash": digest, "model": model, "kg": kg.__version__,
                       "extraction": to_dict(record)}, ensure_ascii=False, separators=(",", ":"))


def _stored_lines(path: Path) -> Iterator[tuple[int, dict[str, Any], str]]:
    """``(line number, parsed line, raw line)`` for each line of the store."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            raw = raw.rstrip("\n")
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as error:
                raise KGError(f"{path}: line {number}: not JSON ({error.msg}); "
                              f"expected one stored record a line") from None
            missing = {"id", "hash", "model", "extraction"} - set(data) if isinstance(data, dict) else {"id"}
            if missing:
                raise KGError(f"{path}: line {number}: expected a JSON object with 'id', 'hash', 'model' "
                              f"and 'extraction'; missing {', '.join(sorted(missing))}")
            yield number, data, raw


def _read_index(path: Path) -> dict[str, _Entry]:
    return {data["id"]: _Entry(data["hash"], data["model"]) for _, data, _ in _stored_lines(path)}


def _read_records(path: Path) -> list[Extraction]:
    records = []
    for number, data, _ in _stored_lines(path):
        try:
            records.append(extraction_from_dict(data["extraction"]))
        except (KGError, TypeError, ValueError) as error:
            raise KGError(f"{path}: line {number}: {error}") from None
    return sorted(records, key=lambda x: x.document.id)


def _write_store(path: Path, new_lines: dict[str, str]) -> dict[str, _Entry]:
    """Rewrite the store with ``new_lines`` in place of the lines of their ids."""
    lines = {data["id"]: raw for _, data, raw in _stored_lines(path)}
    lines.update(new_lines)
    atomic_write_text(path, "".join(lines[i] + "\n" for i in sorted(lines)))
    return _read_index(path)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold ``FOLDER/.corpus.lock`` so that two ``add`` runs on one folder take turns."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / LOCK_FILE).open("a")
    except OSError as error:
        raise KGError(f"{folder}: cannot use as a corpus folder ({error.strerror or error})") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _extract_documents(
    documents: Iterator[Document],
    *,
    model: str,
    n_process: int,
    batch_size: int,
    engine: str,
    scheduler: str | None,
    on_error: ErrorHandler,
) -> Iterator[Extraction]:
    """Per-document records (not resolved across documents); spaCy loads only if needed."""
    first = next(documents, None)
    if first is None:
        return
    documents = chain([first], documents)
    if engine == "dask":
        from kg.run.dask import extract_with_dask

        yield from extract_with_dask(documents, scheduler=scheduler, model=model, resolve=False,
                                     batch_size=batch_size, on_error=on_error)
        return
    from kg.run.local import extract_records

    yield from extract_records(documents, model=model, n_process=n_process, batch_size=batch_size,
                               on_error=on_error)


# --- records from plain dicts -------------------------------------------------------------
def _from_dict(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise KGError(f"{where}: expected a JSON object for {cls.__name__}, got {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise KGError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))} for {cls.__name__}; "
                      f"expected {', '.join(fields)}")
    hints = typing.get_type_hints(cls)
    values = {name: _value(hints[name], value, f"{where}.{name}") for name, value in data.items()}
    return cls(**values)


def _value(hint: Any, value: Any, where: str) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        return _value(arms[0], value, where) if len(arms) == 1 else value
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_value(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return _from_dict(hint, value, where)
    return value
