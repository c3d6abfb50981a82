"""NetworkX serialisations of the event graph: node-link JSON and GraphML."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_bytes, atomic_write_text

__all__ = ["graphml_ready", "write_graphml", "write_node_link"]


def write_node_link(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write NetworkX node-link JSON (``edges="links"``), keys sorted, atomically."""
    data = nx.node_link_data(G, edges="links")
    return atomic_write_text(Path(path), json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


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


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GraphML atomically."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_ready(G), buffer)
    return atomic_write_bytes(Path(path), buffer.getvalue())


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, dict)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, sort_keys=True)
    return value
