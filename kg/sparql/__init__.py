"""SPARQL: query, validate and push kg's RDF exports (:mod:`kg.export.rdf`).

- :mod:`kg.sparql.query`: the named queries (``kg/sparql/queries/NAME.rq``) and any SPARQL
  SELECT, on rdflib or Oxigraph; :func:`format_table` for the command line;
- :mod:`kg.sparql.shacl`: the SHACL shapes (``kg/sparql/shapes.ttl``) with pyshacl;
- :mod:`kg.sparql.push`: a SPARQL 1.1 store over the Graph Store Protocol;
- :mod:`kg.sparql.sources`: what a query runs over (files, rdflib graphs, stores, kg graphs).
"""
from __future__ import annotations

from kg.sparql.push import PushResult, push_rdf
from kg.sparql.query import QueryError, QueryResult, format_table, list_queries, load_query, run_query
from kg.sparql.shacl import ValidationReport, validate

__all__ = ["PushResult", "QueryError", "QueryResult", "ValidationReport", "format_table", "list_queries",
           "load_query", "push_rdf", "run_query", "validate"]
