"""Extraction records as the JSON of ../shared/schema/extraction.schema.json."""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write_bytes
from kg.export.jsonstream import LazyList, write_json
from kg.model import Extraction, to_dict

__all__ = ["extraction_json_bytes", "extraction_jsonl_bytes", "extraction_to_json", "extractions_to_dict",
           "write_extraction_json", "write_extraction_json_to"]


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """One document's record: schema fields plus kg's extras (evidence, codes, mentions).

    Examples
    --------
    >>> from kg.model import Document
    >>> extraction_to_json(Extraction(Document(id="d1", text="x")))["id"]
    'd1'
    """
    document = extraction.document
    return {
        "id": document.id,
        "title": document.title,
        "published": document.published,
        "source": document.url or document.source,
        "entities": [to_dict(entity) for entity in extraction.entities],
        "events": [to_dict(event) for event in extraction.events],
        "affiliations": [to_dict(affiliation) for affiliation in extraction.affiliations],
    }


def extractions_to_dict(extractions: Iterable[Extraction]) -> dict[str, Any]:
    """The whole file: documents sorted by id."""
    return {"documents": [extraction_to_json(x) for x in sorted(extractions, key=lambda x: x.document.id)]}


def extraction_json_bytes(extractions: Iterable[Extraction]) -> bytes:
    """The UTF-8 bytes of ``extraction.json``; byte-identical for the same records."""
    out = io.BytesIO()
    write_extraction_json_to(sorted(extractions, key=lambda x: x.document.id), out.write)
    return out.getvalue()


def write_extraction_json_to(extractions: Iterable[Extraction], write: Callable[[bytes], Any]) -> None:
    """Stream ``extraction.json`` through ``write``, a document at a time.

    ``extractions`` must come sorted by document id (as :class:`kg.store.RecordStore`
    gives them); the bytes equal :func:`extraction_json_bytes` of the same records.
    """
    documents = LazyList(extraction_to_json(x) for x in extractions)
    write_json({"documents": documents}, lambda text: write(text.encode("utf-8")), indent=2)
    write(b"\n")


def extraction_jsonl_bytes(extractions: Iterable[Extraction]) -> bytes:
    """JSON Lines: one document's record (as in ``extraction.json``) a line, sorted by id.

    Examples
    --------
    >>> from kg.model import Document
    >>> extraction_jsonl_bytes([Extraction(Document(id="d2", text="x")), Extraction(Document(id="d1", text="y"))])[:10]
    b'{"id": "d1'
    """
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in extractions_to_dict(extractions)["documents"])
    return "".join(lines).encode("utf-8")


def write_extraction_json(extractions: Iterable[Extraction], path: str | Path, *, lines: bool = False) -> Path:
    """Write ``extraction.json`` atomically (``lines=True``: JSON Lines, one document a line)."""
    data = extraction_jsonl_bytes(extractions) if lines else extraction_json_bytes(extractions)
    return atomic_write_bytes(Path(path), data)
