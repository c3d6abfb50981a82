"""NetworkX serialisations of the event graph: node-link JSON and GraphML.

``graph.json`` is NetworkX's node-link format with the ``edges`` key that
:func:`networkx.node_link_graph` reads by default (networkx 3.6 on)::

    G = nx.node_link_graph(json.load(open("output/graph.json")))

``graph.graphml`` is for tools that read GraphML (igraph, Gephi, yEd, Cytoscape):

* every edge has a unique id, ``e0``, ``e1``, ... in the graph's edge order (the
  MultiDiGraph key, ``participant`` or ``affiliation:Prime Minister``, repeats and holds
  spaces; what it says is in the edge's ``role`` and ``title``);
* keys are typed: ``boolean`` (``current``), ``long`` (``start``, ``end``,
  ``report_count``), ``double`` (``confidence``), ``string`` for the rest;
* a list of names or ids (``aliases``, ``same_as``, ``documents``, ``dates``,
  ``conflicts``) is one string joined by :data:`LIST_SEPARATOR` (`` | ``); structured
  values (``reports``, the graph's ``documents``) are JSON strings;
* missing values and empty lists are left out (GraphML has no null).

Both files carry a document's id and its path relative to where kg ran
(``graph.graph["documents"]``), never an absolute path of the machine that built them.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from kg.atomic import atomic_write_bytes
from kg.export.jsonstream import LazyDict, LazyList, write_json

__all__ = ["LIST_SEPARATOR", "NODE_LINK_EDGES", "graphml_bytes", "graphml_ready", "node_link_bytes", "write_graphml",
           "write_graphml_to", "write_node_link", "write_node_link_to"]

LIST_SEPARATOR = " | "
NODE_LINK_EDGES = "edges"  # the key of the edge list in node-link JSON (what node_link_graph reads)


def node_link_bytes(G: nx.MultiDiGraph) -> bytes:
    """NetworkX node-link JSON (``edges="edges"``, networkx's default), keys sorted, as UTF-8.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="participant")
    'participant'
    >>> H = nx.node_link_graph(json.loads(node_link_bytes(G)))
    >>> list(H.edges(keys=True))
    [('a', 'b', 'participant')]
    """
    out = io.BytesIO()
    write_node_link_to(G, out.write)
    return out.getvalue()


def write_node_link_to(G: Any, write: Callable[[bytes], Any]) -> None:
    """Stream node-link JSON through ``write``, a node or an edge at a time.

    ``G`` is a NetworkX graph or anything that reads like one
    (:class:`kg.graph.stored.StoredGraph`); the bytes are those of
    ``json.dumps(nx.node_link_data(G, edges="edges"), indent=1, sort_keys=True)``, without
    building that value.
    """
    graph = {key: LazyDict(value.items()) if key == "documents" and not isinstance(value, dict) else value
             for key, value in G.graph.items()}
    data = {
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "graph": graph,
        "nodes": LazyList({**attrs, "id": node} for node, attrs in G.nodes(data=True)),
        NODE_LINK_EDGES: LazyList({**attrs, "source": u, "target": v, "key": k}
                                  for u, v, k, attrs in G.edges(keys=True, data=True)),
    }
    write_json(data, lambda text: write(text.encode("utf-8")), indent=1, sort_keys=True)
    write(b"\n")


def write_node_link(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write node-link JSON atomically."""
    return atomic_write_bytes(Path(path), node_link_bytes(G))


def graphml_ready(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML can hold: unique edge ids, lists joined, missing values dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("a", aliases=["A", "Ay"], date=None)
    >>> _ = G.add_edge("a", "a", key="affiliation:Prime Minister", current=True)
    >>> H = graphml_ready(G)
    >>> H.nodes["a"]
    {'aliases': 'A | Ay'}
    >>> list(H.edges(keys=True, data=True))
    [('a', 'a', 'e0', {'current': True})]
    """
    view = _GraphMLView(G)
    H = nx.MultiDiGraph()
    H.graph.update(view.graph)
    H.add_nodes_from(view.nodes(data=True))
    H.add_edges_from(view.edges(keys=True, data=True))
    return H


class _GraphMLView:
    """``G`` as :func:`graphml_ready` converts it, a node or an edge at a time: NetworkX's
    GraphML writer reads a graph through these methods only, and writes as it goes, so a
    stored graph is written without being held."""

    def __init__(self, G: Any) -> None:
        self._G = G
        self.graph = _values({k: dict(v.items()) if k == "documents" else v for k, v in G.graph.items()})

    def is_directed(self) -> bool:
        return self._G.is_directed()

    def is_multigraph(self) -> bool:
        return self._G.is_multigraph()

    def nodes(self, data: bool = False) -> Iterator[Any]:
        for node, attrs in self._G.nodes(data=True):
            yield (node, _values(attrs)) if data else node

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        for number, (u, v, attrs) in enumerate(self._G.edges(data=True)):
            yield (u, v) + ((f"e{number}",) if keys else ()) + ((_values(attrs),) if data else ())


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML."""
    buffer = io.BytesIO()
    write_graphml_to(G, buffer)
    return buffer.getvalue()


def write_graphml_to(G: Any, handle: BinaryIO) -> None:
    """Stream GraphML into ``handle``; ``G`` is a NetworkX graph or reads like one."""
    nx.write_graphml(_GraphMLView(G), handle)


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GraphML atomically."""
    return atomic_write_bytes(Path(path), graphml_bytes(G))


def _values(data: dict[str, Any]) -> dict[str, Any]:
    return {key: _scalar(value) for key, value in data.items() if not _missing(value)}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, (list, tuple, set, dict)) and not value)


def _scalar(value: Any) -> Any:
    """A GraphML value: lists of names or ids joined, anything structured as JSON."""
    if isinstance(value, (list, tuple, set)):
        items = sorted(value) if isinstance(value, set) else list(value)
        if all(isinstance(item, str) for item in items):
            return LIST_SEPARATOR.join(items)
        return json.dumps(items, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value
