"""Check kg's RDF against the SHACL shapes shipped with it (``kg/sparql/shapes.ttl``, pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from kg.export.rdf.serialise import rdflib_quiet
from kg.export.rdf.vocab import KG
from kg.sparql.sources import QueryError, Source, as_rdflib

__all__ = ["SHAPES_FILE", "ValidationReport", "validate"]

SHAPES_FILE = Path(__file__).resolve().parent / "shapes.ttl"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: whether the data conforms, and pyshacl's report."""

    conforms: bool
    text: str


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _data_graph(graph: Graph) -> Graph:
    """The union of a dataset's graphs, each assertion graph's name typed kg:Assertion."""
    if not isinstance(graph, Dataset):
        return graph
    data = Graph()
    names = set()
    with rdflib_quiet():
        for s, p, o, context in graph.quads((None, None, None, None)):
            data.add((s, p, o))
            names.add(getattr(context, "identifier", context))
    for name in names:
        if (isinstance(name, URIRef) and name != DATASET_DEFAULT_GRAPH_ID
                and not str(name).endswith(("/graph/entities", "/graph/provenance"))):
            data.add((name, RDF.type, KG.Assertion))
    return data


def validate(source: Source) -> ValidationReport:
    """Check kg's RDF against the SHACL shapes in ``kg/sparql/shapes.ttl`` (with pyshacl).

    The shapes require, among other things, that every event has an actor and a type; that
    time stamps are ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; that every assertion
    graph has a provenance record whose sentence satisfies
    ``0 <= nif:beginIndex < nif:endIndex <= kg:length`` of its document; and that an
    affiliation links a person (or a member country or organisation) to an organisation or a
    country.

    SHACL validates one graph, so for a dataset (TriG, N-Quads) the union of its graphs is
    validated, after stating ``g a kg:Assertion`` for every named graph ``g`` other than
    the entities and provenance graphs: an assertion graph without a provenance record
    then fails instead of going unseen. Warnings (a meeting with one known participant) do
    not make the data non-conforming.

    Parameters
    ----------
    source : path, rdflib.Graph, pyoxigraph.Store or networkx.MultiDiGraph

    Returns
    -------
    ValidationReport
        ``conforms`` and pyshacl's text report.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> validate(G).conforms
    True
    """
    try:
        import pyshacl
    except ImportError:
        raise QueryError("validate needs pyshacl: pip install pyshacl") from None
    data = _data_graph(as_rdflib(source))
    with rdflib_quiet():
        conforms, _, text = pyshacl.validate(
            data, shacl_graph=_shapes(), inference="none", allow_warnings=True,
            abort_on_first=False, meta_shacl=False, advanced=False,
        )
    return ValidationReport(bool(conforms), str(text))
