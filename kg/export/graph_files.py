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
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_bytes

__all__ = ["LIST_SEPARATOR", "graphml_bytes", "graphml_ready", "node_link_bytes", "write_graphml", "write_node_link"]

LIST_SEPARATOR = " | "


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
    data = nx.node_link_data(G, edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


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
    H = nx.MultiDiGraph()
    H.graph.update(_values(G.graph))
    for node, data in G.nodes(data=True):
        H.add_node(node, **_values(data))
    for number, (u, v, data) in enumerate(G.edges(data=True)):
        H.add_edge(u, v, key=f"e{number}", **_values(data))
    return H


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_ready(G), buffer)
    return buffer.getvalue()


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
