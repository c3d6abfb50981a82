"""Extraction records on disk: one SQLite file, written as records come, read as a stream.

Why SQLite
----------
A corpus grows to hundreds of thousands of articles, so records cannot be held in memory
and a corpus cannot be rewritten to add ten of them. SQLite (in Python's standard
library: no new dependency) gives what the corpus needs and files of JSON lines or sorted
shards would have to rebuild by hand:

- an index: whether a document is already stored, and with which content hash, is one
  primary-key lookup, so ``kg add`` of ten articles reads and writes ten rows, not N;
- transactions: the records of a run are committed only once the exports made from them
  are written (:meth:`RecordStore.transaction`), and a killed run leaves the previous
  state whole (the journal rolls it back);
- side tables kept in step with the records: ``persons`` indexes full person names by
  their last word, the blocking index cross-document resolution looks lone surnames up
  in (:func:`kg.resolve.resolve_record`) without reading every record;
- one file that any tool opens (``sqlite3 corpus.sqlite "select id, json_extract(record,
  '$.document.title') from records"``).

Sorted JSON shards would have given plain text but every lookup a scan or a
hand-written index; pyoxigraph's RocksDB store holds RDF, not records (kg keeps its graph
there, :mod:`kg.export.rdf.store`).

The file
--------
``records(id PRIMARY KEY, hash, model, kg, record)``: ``record`` is the document's
:class:`~kg.model.Extraction` as :func:`kg.model.to_dict` writes it (JSON), *before*
cross-document resolution, which :meth:`RecordStore.records` applies as it reads;
``hash`` the :func:`content_hash` of what extraction read; ``model`` the spaCy model;
``kg`` the kg version (for the record only). ``meta`` holds the schema version and the
store's *state*: a digest of every ``(id, hash, model)``, kept up to date in O(1) per
record (a sum of hashes modulo 2**256, which does not depend on the order of insertion),
that the exports record to tell whether they fell behind the store.

A record kg cannot use (a hand-edited row: invalid UTF-8, offsets outside the text, a
list where a name should be, JSON nested too deep) is reported with its id and skipped;
the others are read.

Examples
--------
>>> import tempfile
>>> from kg.model import Document, Extraction
>>> folder = Path(tempfile.mkdtemp())
>>> with RecordStore.create(folder / "corpus.sqlite") as store:
...     with store.transaction():
...         _ = store.put(Extraction(Document("a1", "Ana Silva met Omar Haddad.")), digest="sha256:0", model="m")
...     [x.document.id for x in store.records()], len(store)
(['a1'], 1)
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.model import Document, Extraction, RecordError, extraction_from_dict, to_dict
from kg.resolve import full_name_keys, resolve_record

__all__ = ["SCHEMA_VERSION", "STORE_FILE", "RecordStore", "StoreError", "content_hash", "json_value",
           "record_from_json"]

STORE_FILE = "corpus.sqlite"
SCHEMA_VERSION = "1"
_STATE_MODULUS = 2 ** 256
_READ_BATCH = 256  # rows fetched at a time: memory stays flat, the cursor overhead small

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY, hash TEXT NOT NULL, model TEXT NOT NULL, kg TEXT NOT NULL, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS persons (doc_id TEXT NOT NULL, last TEXT NOT NULL, entity_id TEXT NOT NULL,
                                    name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS persons_by_doc ON persons (doc_id);
CREATE INDEX IF NOT EXISTS persons_by_last ON persons (last);
"""


class StoreError(KGError):
    """A stored record kg cannot use, or a store file it cannot open; names the file and the record."""


def content_hash(document: Document) -> str:
    """SHA-256 of what extraction reads from a document: text, title, date and URL.

    Examples
    --------
    >>> import dataclasses
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


def record_from_json(raw: bytes | str) -> Extraction:
    """An :class:`~kg.model.Extraction` from the JSON kg stores, every value checked.

    Raises
    ------
    RecordError
        Naming the problem: not UTF-8, not JSON, nested too deep, or a field
        :func:`kg.model.extraction_from_dict` refuses.

    Examples
    --------
    >>> record_from_json(b'{"document": {"id": "a1", "text": "x"}}').document.id
    'a1'
    >>> record_from_json(b'{"document": {"id": "a1", "text": "\\xff"}}')
    Traceback (most recent call last):
    ...
    kg.model.RecordError: not UTF-8 (byte 0xff at position 35)
    """
    return extraction_from_dict(json_value(raw))


def json_value(raw: bytes | str) -> Any:
    """The JSON value of one stored record or line, or a :class:`~kg.model.RecordError`
    saying why not (not UTF-8, not JSON, nested too deeply).

    Examples
    --------
    >>> json_value(b'{"id": "a1"}')
    {'id': 'a1'}
    >>> json_value(b"[" * 100_000)
    Traceback (most recent call last):
    ...
    kg.model.RecordError: JSON nested too deeply
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RecordError(f"not UTF-8 (byte 0x{raw[error.start]:02x} at position {error.start})") from None
    try:
        return json.loads(raw)
    except RecursionError:
        raise RecordError("JSON nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, and the digit limit of int()
        raise RecordError(f"not JSON ({getattr(error, 'msg', error)})") from None


class RecordStore:
    """The records of a corpus in ``corpus.sqlite``; see the module docstring.

    Open an existing file with :meth:`open` or make a new one with :meth:`create`; use it
    as a context manager (or call :meth:`close`).
    """

    def __init__(self, path: Path, connection: sqlite3.Connection, *, shown_as: Path | None = None) -> None:
        self.path = path
        self.shown_as = shown_as or path  # the name messages give: where the store goes once complete
        self._db = connection

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """SQLite's errors on writing (a full disk, a read-only folder) as one line naming the store."""
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(f"{self.shown_as}: cannot write ({error})") from None

    # -- opening
    @classmethod
    def open(cls, path: str | Path) -> RecordStore:
        """Open the store at ``path``, which must exist.

        Raises
        ------
        StoreError
            When the file is not a kg store (or a newer one than this kg reads).
        """
        path = Path(path)
        if not path.is_file():
            raise StoreError(f"{path}: no corpus store here")
        store = cls(path, _connect(path))
        try:
            version = store._meta("schema")
        except sqlite3.DatabaseError as error:
            store.close()
            raise StoreError(f"{path}: not a kg corpus store ({error})") from None
        if version != SCHEMA_VERSION:
            store.close()
            raise StoreError(f"{path}: corpus store version {version!r}; this kg reads version {SCHEMA_VERSION}")
        return store

    @classmethod
    def create(cls, path: str | Path, *, shown_as: str | Path | None = None) -> RecordStore:
        """A new, empty store at ``path`` (replacing any file there); messages call it ``shown_as``."""
        path = Path(path)
        for stale in (path, path.with_name(path.name + "-journal")):
            if stale.exists():
                stale.unlink()
        store = cls(path, _connect(path), shown_as=Path(shown_as) if shown_as else None)
        with store._writing():
            store._db.executescript(_SCHEMA)
        with store.transaction():
            store._set_meta("schema", SCHEMA_VERSION)
            store._set_meta("state", "0")
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading
    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM records").fetchone()[0]

    def __contains__(self, doc_id: object) -> bool:
        return self.entry(str(doc_id)) is not None

    def entry(self, doc_id: str) -> tuple[str, str] | None:
        """``(hash, model)`` of the stored record of ``doc_id``, or None."""
        row = self._db.execute("SELECT hash, model FROM records WHERE id = ?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def ids(self) -> Iterator[str]:
        """The stored document ids, sorted."""
        for (doc_id,) in self._db.execute("SELECT id FROM records ORDER BY id"):
            yield doc_id

    def models(self) -> list[str]:
        """The spaCy models that read the stored records, sorted."""
        return [m for (m,) in self._db.execute("SELECT DISTINCT model FROM records ORDER BY model")]

    def state(self) -> str:
        """A digest of every stored ``(id, hash, model)``: equal stores have equal states.

        Examples
        --------
        >>> import tempfile
        >>> from kg.model import Document, Extraction
        >>> folders = [Path(tempfile.mkdtemp()) for _ in range(2)]
        >>> a, b = (Extraction(Document(i, "x")) for i in ("a", "b"))
        >>> states = []
        >>> for folder, order in zip(folders, ([a, b], [b, a])):
        ...     with RecordStore.create(folder / "s.sqlite") as store, store.transaction():
        ...         for record in order:
        ...             _ = store.put(record, digest="sha256:0", model="m")
        ...         states.append(store.state())
        >>> states[0] == states[1] != RecordStore.create(folders[0] / "t.sqlite").state()
        True
        """
        total = int(self._meta("state") or "0")
        return f"sha256-sum:{total:064x}"

    def records(self, *, resolved: bool = True,
                on_error: Callable[[StoreError], None] | None = None) -> Iterator[Extraction]:
        """Every record, sorted by document id, read a batch at a time.

        With ``resolved`` (the default), lone surnames are joined to the corpus's one full
        name for them (:func:`kg.resolve.resolve_record`, through the ``persons`` index).
        A record kg cannot use is handed to ``on_error`` as a :class:`StoreError` and
        skipped; without a handler it raises.
        """
        full_names = self.full_names() if resolved else None
        cursor = self._db.execute("SELECT id, CAST(record AS BLOB) FROM records ORDER BY id")
        while True:
            rows = cursor.fetchmany(_READ_BATCH)
            if not rows:
                return
            for doc_id, raw in rows:
                try:
                    record = record_from_json(raw)
                    if record.document.id != doc_id:
                        raise RecordError(f"the record is of document {record.document.id!r}")
                except RecordError as error:
                    problem = StoreError(f"{self.path}: record {doc_id!r}: {error}; skipped")
                    if on_error is None:
                        raise problem from None
                    on_error(problem)
                    continue
                yield resolve_record(record, full_names) if full_names else record

    def full_names(self) -> Callable[[str], frozenset[tuple[str, str]]]:
        """A lookup: last word -> the ``(entity id, name)`` pairs of stored full person names
        ending in it (the index :func:`kg.resolve.resolve_record` consults), cached."""
        @lru_cache(maxsize=65536)
        def lookup(last: str) -> frozenset[tuple[str, str]]:
            rows = self._db.execute("SELECT DISTINCT entity_id, name FROM persons WHERE last = ?", (last,))
            return frozenset((entity_id, name) for entity_id, name in rows)

        return lookup

    # -- writing
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all are committed at the end of the block, or none (an error, a kill)."""
        with self._writing():
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        with self._writing():
            self._db.execute("COMMIT")

    def put(self, record: Extraction, *, digest: str, model: str) -> bool:
        """Store ``record`` (in place of any record of its document); True if it replaced one."""
        import kg

        doc_id = record.document.id
        old = self.entry(doc_id)
        total = int(self._meta("state") or "0")
        if old is not None:
            total -= _state_term(doc_id, *old)
        total += _state_term(doc_id, digest, model)
        text = json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))
        with self._writing():
            if old is not None:
                self._db.execute("DELETE FROM persons WHERE doc_id = ?", (doc_id,))
            self._db.execute("INSERT OR REPLACE INTO records (id, hash, model, kg, record) VALUES (?, ?, ?, ?, ?)",
                             (doc_id, digest, model, kg.__version__, text))
            self._db.executemany("INSERT INTO persons (doc_id, last, entity_id, name) VALUES (?, ?, ?, ?)",
                                 [(doc_id, *key) for key in full_name_keys(record)])
            self._set_meta("state", str(total % _STATE_MODULUS))
        return old is not None

    def put_raw(self, doc_id: str, digest: str, model: str, version: str, data: Any) -> None:
        """Store a record as read from an older store (checked first: see :func:`record_from_json`)."""
        record = extraction_from_dict(data)
        self.put(record, digest=digest, model=model)
        self._db.execute("UPDATE records SET kg = ? WHERE id = ?", (version, doc_id))

    def clear(self) -> None:
        """Remove every record (inside a transaction, so that a failed run keeps them)."""
        with self._writing():
            self._db.execute("DELETE FROM records")
            self._db.execute("DELETE FROM persons")
            self._set_meta("state", "0")

    # -- internals
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _state_term(doc_id: str, digest: str, model: str) -> int:
    key = "\x1f".join((doc_id, digest, model)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest(), "big")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=600)
        # the journal, not WAL: no -wal/-shm files beside the store, and readers are rare
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a kg corpus store ({error})") from None
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open the corpus store ({error})") from None
    return connection
