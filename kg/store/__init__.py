"""Store: extraction records on disk, and what a corpus folder knows of its exports.

- :mod:`kg.store.records`: :class:`RecordStore`, the records of a corpus in SQLite
  (``corpus.sqlite``), written as they come, read as a stream, resolved through an index;
- :mod:`kg.store.lock`: one writer per folder (``.corpus.lock``), never inherited by workers;
- :mod:`kg.store.manifest`: ``manifest.json``, the corpus state the exports were made from.

The store sits between extraction and the graph: records go in as extraction yields them,
and the graph is assembled from the stream that comes out (:mod:`kg.graph.stored`).
"""
from __future__ import annotations

from kg.store.lock import LOCK_FILE, folder_lock
from kg.store.manifest import MANIFEST_FILE, exports_behind, mark_pending, read_manifest, write_manifest
from kg.store.records import STORE_FILE, RecordStore, StoreError, content_hash, record_from_json

__all__ = ["LOCK_FILE", "MANIFEST_FILE", "STORE_FILE", "RecordStore", "StoreError", "content_hash",
           "exports_behind", "folder_lock", "mark_pending", "read_manifest", "record_from_json", "write_manifest"]
