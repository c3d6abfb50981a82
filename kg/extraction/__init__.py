"""Extraction: Documents in, spaCy parses read, :class:`~kg.model.Extraction` records out.

- :mod:`~kg.extraction.pipeline`: the spaCy model loaded by name, with kg's components;
- :mod:`~kg.extraction.component`: kg as a spaCy component (``nlp.add_pipe("kg")`` sets
  ``doc._.kg``), which runs :func:`extract_doc`;
- one module per fact family: :mod:`~kg.extraction.entities` (NER repaired and resolved
  within a document), :mod:`~kg.extraction.meetings`, :mod:`~kg.extraction.statements`,
  :mod:`~kg.extraction.affiliations`;
- what they share: :mod:`~kg.extraction.syntax` (reading the parse),
  :mod:`~kg.extraction.matching` (one Matcher pass over the rules),
  :mod:`~kg.extraction.dates` (dates against the publication date) and
  :mod:`~kg.extraction.gazetteer` (countries, demonyms, cities, offline).

The rules themselves are data, in :mod:`kg.rules`. This stage reads Documents
(:mod:`kg.ingest` makes them) and knows nothing of graphs or exports.
"""
from __future__ import annotations

import importlib
from typing import Any

# imported on first use, so that `from kg.extraction import gazetteer` (the graph places its
# nodes with it) does not load spaCy
_EXPORTS = {"extract_doc": "kg.extraction.document", "extract_documents": "kg.extraction.pipeline",
            "load_pipeline": "kg.extraction.pipeline"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.extraction' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
