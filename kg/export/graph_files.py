"""NetworkX serialisations of the event graph: node-link JSON and GraphML."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_bytes

__all__ = ["graphml_bytes", "graphml_ready", "node_link_bytes", "write_graphml", "write_node_link"]


def node_link_bytes(G: nx.MultiDiGraph) -> bytes:
    """NetworkX node-link JSON (``edges="links"``), keys sorted, as UTF-8."""
    data = nx.node_link_data(G, edges="links")
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_node_link(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write node-link JSON atomically."""
    return atomic_write_bytes(Path(path), node_link_bytes(G))


def graphml_ready(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML can hold: lists and dicts as JSON strings, missing values dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("a", aliases=["A"], date=None)
    >>> graphml_ready(G).nodes["a"]
    {'aliases': '["A"]'}
    """
    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None})
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _scalar(v) for k, v in data.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _scalar(val) for k, val in data.items() if val is not None})
    return H


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_ready(G), buffer)
    return buffer.getvalue()


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GraphML atomically."""
    return atomic_write_bytes(Path(path), graphml_bytes(G))


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, dict)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, sort_keys=True)
    return value
