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
import re
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
    """Stream GraphML into ``handle``; ``G`` is a NetworkX graph or reads like one.

    The bytes are those of ``nx.write_graphml(graphml_ready(G), handle)`` (lxml's
    writer; tests/test_graph_files.py compares them), made in one pass over ``G`` instead of
    NetworkX's three (two to declare the keys, one to write), a node or an edge at a time
    as plain strings: NetworkX's writer took a fifth of the exports' time at 3,000 articles.
    The keys are declared before the nodes but known only after the last edge, so the
    nodes and edges wait in a temporary file (in memory up to 32 MiB). A value this
    writer does not make the way lxml would (a character XML cannot hold, a type GraphML
    has no key type for) hands the whole graph to NetworkX's writer, which raises as before.
    """
    import shutil
    import tempfile

    view = _GraphMLView(G)
    with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as body:
        try:
            keys = _GraphMLKeys()
            graph_data = keys.data("graph", view.graph)
            for node, attrs in view.nodes(data=True):
                body.write(_graphml_element("node", f'id="{_attribute(str(node))}"', keys.data("node", attrs)))
            for u, v, key, attrs in view.edges(keys=True, data=True):
                opening = f'source="{_attribute(str(u))}" target="{_attribute(str(v))}" id="{_attribute(str(key))}"'
                body.write(_graphml_element("edge", opening, keys.data("edge", attrs)))
        except _NotPlain:
            nx.write_graphml(view, handle)
            return
        handle.write(_GRAPHML_OPEN + "".join(reversed(keys.declarations)).encode("utf-8"))
        direction = "directed" if view.is_directed() else "undirected"
        handle.write(f'<graph edgedefault="{direction}">{"".join(line + chr(10) for line in graph_data)}'.encode("utf-8"))
        body.seek(0)
        shutil.copyfileobj(body, handle, 1024 * 1024)
    handle.write(b"</graph></graphml>")


_GRAPHML_OPEN = ("<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml."
                 "graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">").encode("utf-8")
_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}  # NetworkX's names for them
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class _NotPlain(Exception):
    """A value :func:`write_graphml_to` leaves to NetworkX's writer."""


class _GraphMLKeys:
    """GraphML's key declarations as NetworkX makes them: ``d0``, ``d1``, ... in the order a
    (name, type, scope) is first met (graph, then nodes, then edges)."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, type, str], str] = {}
        self.declarations: list[str] = []

    def data(self, scope: str, attrs: dict[str, Any]) -> list[str]:
        """The ``<data>`` elements of one element's attributes."""
        lines = []
        for name, value in attrs.items():
            kind = type(value)
            key = self.ids.get((name, kind, scope))
            if key is None:
                if kind not in _XML_TYPES or not isinstance(name, str):
                    raise _NotPlain
                key = self.ids[name, kind, scope] = f"d{len(self.ids)}"
                self.declarations.append(f'<key id="{key}" for="{scope}" attr.name="{_attribute(name)}" '
                                         f'attr.type="{_XML_TYPES[kind]}"/>\n')
            lines.append(f'<data key="{key}">{_text(str(value))}</data>')
        return lines


def _graphml_element(tag: str, opening: str, data: list[str]) -> bytes:
    """A node or an edge as lxml pretty-prints it."""
    if not data:
        return f"<{tag} {opening}/>\n".encode("utf-8")
    inner = "\n  ".join(data)
    return f"<{tag} {opening}>\n  {inner}\n</{tag}>\n".encode("utf-8")


def _text(value: str) -> str:
    """Character data as lxml writes it."""
    if _NOT_XML.search(value):
        raise _NotPlain
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(value: str) -> str:
    """An attribute value as lxml writes it."""
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


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
