"""kg: diplomatic-event knowledge graphs from news articles.

>>> import kg
>>> result = kg.build(kg.example_paths())  # doctest: +SKIP
>>> result.graph, result.to_rdf(), result.show()  # doctest: +SKIP

Names are imported on first use, so ``import kg.extraction.gazetteer`` does not load spaCy.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "BuildResult": "kg.run", "build": "kg.run", "example_paths": "kg.run", "extract": "kg.run",
    "actor_network": "kg.graph", "build_graph": "kg.graph",
    "read_documents": "kg.ingest",
    "frames": "kg.export.frames", "to_rdf": "kg.export.rdf", "write_rdf": "kg.export.rdf", "run_query": "kg.sparql", "validate": "kg.sparql",
    "write_html": "kg.export.html", "show": "kg.export.html", "show_doc": "kg.export.html",
    "Affiliation": "kg.model", "Document": "kg.model", "Entity": "kg.model", "Event": "kg.model",
    "Evidence": "kg.model", "Extraction": "kg.model", "Mention": "kg.model",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
