"""Ingest: files and folders in, :class:`~kg.model.Document` records out.

- :mod:`kg.ingest.read`: ``.txt``, ``.html``, ``.jsonl`` and folders, one error per bad document;
- :mod:`kg.ingest.decode`: bytes to text (encodings, binary content refused);
- :mod:`kg.ingest.language`: the English check (kg's rules read English only).

The first stage: it imports nothing of kg but the records (:mod:`kg.model`) and errors.
"""
from __future__ import annotations

from kg.ingest.decode import decode_text
from kg.ingest.read import SUFFIXES, date_in_name, parse_date, read_documents, split_headline

__all__ = ["SUFFIXES", "date_in_name", "decode_text", "parse_date", "read_documents", "split_headline"]
