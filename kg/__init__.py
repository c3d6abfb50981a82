"""kg: diplomatic-event knowledge graphs from news articles.

>>> import kg
>>> result = kg.build(kg.example_paths())  # doctest: +SKIP
>>> result.graph, result.to_rdf(), result.show()  # doctest: +SKIP
"""
__version__ = "0.1.0"

from kg.api import BuildResult, build, example_paths, extract  # noqa: E402
from kg.graph import actor_network, build_graph  # noqa: E402
from kg.ingest import read_documents  # noqa: E402
from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction, Mention  # noqa: E402

__all__ = [
    "Affiliation", "BuildResult", "Document", "Entity", "Event", "Evidence", "Extraction", "Mention",
    "actor_network", "build", "build_graph", "example_paths", "extract", "read_documents",
]
