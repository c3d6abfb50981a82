"""RDF on standard vocabularies (SEM, schema.org, W3C ORG, PROV, NIF), with per-fact provenance.

- :mod:`kg.export.rdf.vocab`: kg's closed namespaces and the files defining them
  (``kg.ttl``, CAMEO and PLOVER codes in ``codes.ttl``);
- :mod:`kg.export.rdf.terms`: IRIs minted from hashes, typed literals;
- :mod:`kg.export.rdf.quads`: the pure core, the graph as quads (:func:`generate_quads`);
- :mod:`kg.export.rdf.serialise`: rdflib graphs and files in every format, read back.

Querying, validating and pushing what this writes is :mod:`kg.sparql`'s job.
"""
from __future__ import annotations

from kg.export.rdf.quads import generate_quads, prefixes
from kg.export.rdf.serialise import (FORMATS, LARGE_GRAPH, format_of, read_rdf, serialise_rdf, to_dataset, to_rdf,
                                     write_rdf, write_rdf_files)
from kg.export.rdf.terms import BASE, Quad, is_valid_iri, mint_iri
from kg.export.rdf.vocab import CAMEO, EVENT_TYPE, KG, NIF, PLOVER, SEM

__all__ = ["BASE", "CAMEO", "EVENT_TYPE", "FORMATS", "KG", "LARGE_GRAPH", "NIF", "PLOVER", "Quad", "SEM",
           "format_of", "generate_quads", "is_valid_iri", "mint_iri", "prefixes", "read_rdf", "serialise_rdf",
           "to_dataset", "to_rdf", "write_rdf", "write_rdf_files"]
