"""What SPARQL runs over: a file, an rdflib graph, a pyoxigraph Store or a kg event graph.

Each source becomes an rdflib dataset (:func:`as_rdflib`) or an Oxigraph store
(:func:`as_store`) whose default graph is the union of its named graphs.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Union

import networkx as nx
from rdflib import Dataset, Graph

from kg.errors import KGError
from kg.export.rdf import format_of, generate_quads, read_rdf, to_dataset
from kg.export.rdf.jsonld import check_offline
from kg.export.rdf.serialise import oxigraph_terms, rdflib_quiet
from kg.export.rdf.store import STORE_DIR, open_store

__all__ = ["QueryError", "Source", "as_rdflib", "as_store", "store_folder"]

Source = Union[str, "os.PathLike[str]", Graph, nx.MultiDiGraph, Any]


class QueryError(KGError):
    """A query could not be run: unknown name or parameter, bad SPARQL, unusable data."""


def _suffix_format(path: Path) -> str:
    try:
        return format_of(path, None)
    except ValueError as error:
        raise QueryError(str(error)) from None


def _is_store(source: Any) -> bool:
    try:
        import pyoxigraph
    except ImportError:
        return False
    return isinstance(source, pyoxigraph.Store)


def store_folder(source: Any) -> Path | None:
    """The on-disk Oxigraph store ``source`` names, if it names one: the store's own folder,
    or a corpus folder holding ``graph.oxigraph`` (:mod:`kg.export.rdf.store`)."""
    if not isinstance(source, (str, os.PathLike)):
        return None
    path = Path(source)
    if (path / STORE_DIR).is_dir():
        path = path / STORE_DIR
    return path if path.is_dir() and (path / "CURRENT").is_file() else None


def as_rdflib(source: Source) -> Graph:
    folder = store_folder(source)
    if folder is not None:
        source = open_store(folder, read_only=True)
    if isinstance(source, Graph):
        return source
    if isinstance(source, nx.MultiDiGraph):
        return to_dataset(source)
    if _is_store(source):
        import pyoxigraph as ox

        ds = Dataset(default_union=True)
        with rdflib_quiet():
            ds.parse(data=source.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return ds
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        _suffix_format(path)
        return read_rdf(path)
    raise QueryError(f"cannot query {type(source).__name__}: expected a file path, an rdflib "
                     "graph, a pyoxigraph Store or a kg event graph")


def as_store(source: Source) -> Any:
    try:
        import pyoxigraph as ox
    except ImportError:
        raise QueryError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph") from None
    if isinstance(source, ox.Store):
        return source
    folder = store_folder(source)
    if folder is not None:  # queried where it lies, nothing loaded
        return open_store(folder, read_only=True)
    store = ox.Store()
    if isinstance(source, nx.MultiDiGraph):
        store.extend(oxigraph_terms(generate_quads(source)))
    elif isinstance(source, Graph):
        quads = isinstance(source, Dataset)
        with rdflib_quiet():
            data = source.serialize(format="nquads" if quads else "nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        fmt = _suffix_format(path)
        if not path.is_file():
            raise QueryError(f"{path}: no such file")
        if fmt == "jsonld":
            check_offline(path)  # one message for both engines (Oxigraph refuses to load contexts too)
        ox_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                     "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
                     "nquads": ox.RdfFormat.N_QUADS}[fmt]
        try:
            store.load(path=str(path), format=ox_format)
        except (SyntaxError, ValueError, OSError) as err:
            raise QueryError(f"{path}: not valid {fmt} ({err})") from err
    else:
        raise QueryError(f"cannot query {type(source).__name__}: expected a file path, an rdflib "
                         "graph, a pyoxigraph Store or a kg event graph")
    return store
