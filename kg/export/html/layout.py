"""Node positions for the page, computed here so large graphs draw without physics.

Deterministic for a seed: each connected component is laid out alone and the components
are packed in rows; the browser only refines small graphs.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx

from kg.graph.select import induced_subgraph

__all__ = ["layout"]


_CORE = 250  # components up to this size get a full spring layout
_UNIT = 150.0  # pixels between neighbours


def layout(G: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[int, int]]:
    """Positions in vis pixels, deterministic for a seed.

    Each connected component is laid out on its own (a spring layout when small; for a
    large one a spring layout of its best-connected core, the rest placed around their
    neighbours), the components are packed in rows, largest first, and isolated nodes
    go in a compact grid below, grouped by type.
    """
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))
    singles = sorted((next(iter(c)) for c in components if len(c) == 1),
                     key=lambda n: (str(G.nodes[n].get("type", "")), str(G.nodes[n].get("label") or n)))
    boxes = []
    for component in components:
        if len(component) == 1:
            continue
        pos = _layout_component(induced_subgraph(U, component), seed)  # spring_layout depends on node order
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        x0, y0 = min(xs), min(ys)
        boxes.append(({n: (x - x0, y - y0) for n, (x, y) in pos.items()},
                      max(xs) - x0 + 1.5, max(ys) - y0 + 1.5))
    # shelf packing: rows about as wide as the largest component, or as a square of all
    total_area = sum(w * h for _, w, h in boxes) + len(singles) * 0.6
    width = max([math.sqrt(total_area) * 1.2, 6.0] + [w for _, w, _ in boxes[:1]])
    out: dict[Hashable, tuple[int, int]] = {}
    x = y = row = 0.0
    for pos, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round((x + px) * _UNIT), round((y + py) * _UNIT))
        x += w
        row = max(row, h)
    columns = max(1, int(width))
    y += row + (0.5 if boxes else 0.0)
    for i, n in enumerate(singles):
        out[n] = (round((i % columns) * _UNIT), round((y + 0.6 * (i // columns)) * _UNIT))
    return out


def _layout_component(C: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    n = C.number_of_nodes()
    if n == 1:
        return {next(iter(C)): (0.0, 0.0)}
    if n <= _CORE:
        pos = nx.spring_layout(C, seed=seed, iterations=100 if n <= 100 else 50)
        spread = max(1.0, math.sqrt(n) * 0.9)
        return {v: (float(p[0]) * spread, float(p[1]) * spread) for v, p in pos.items()}
    # the core: best-connected nodes, tied together through the nodes between them
    core = {v for v, _ in sorted(C.degree, key=lambda item: (-item[1], str(item[0])))[:_CORE]}
    K = nx.Graph()
    K.add_nodes_from(v for v in C if v in core)  # in C's order: a set's order follows the hash seed
    for v in C:
        near = [u for u in C[v] if u in core]
        if v in core:
            K.add_edges_from((v, u) for u in near)
        else:
            near = near[:12]
            K.add_edges_from((a, b) for i, a in enumerate(near) for b in near[i + 1:])
    pos = nx.spring_layout(K, seed=seed, iterations=60)
    spread = math.sqrt(n) * 0.75
    placed: dict[Hashable, tuple[float, float]] = {
        v: (float(p[0]) * spread, float(p[1]) * spread) for v, p in pos.items()}
    children: dict[Hashable, int] = defaultdict(int)  # leaves placed around each node
    crowd: dict[tuple[float, float], int] = defaultdict(int)  # nodes placed at each centroid
    golden = math.pi * (3 - math.sqrt(5))
    frontier = sorted(core, key=str)
    while frontier:
        layer = sorted({u for v in frontier for u in C[v] if u not in placed}, key=str)
        layer.sort(key=lambda u: -sum(1 for w in C[u] if w in placed))
        for u in layer:
            anchors = [placed[w] for w in C[u] if w in placed]
            if len(anchors) > 1:
                ax = sum(a[0] for a in anchors) / len(anchors)
                ay = sum(a[1] for a in anchors) / len(anchors)
                k = crowd[(ax, ay)] = crowd[(ax, ay)] + 1
                r = 0.35 * math.sqrt(k)
            else:
                anchor = next(w for w in C[u] if w in placed)
                ax, ay = placed[anchor]
                k = children[anchor] = children[anchor] + 1
                r = 0.9 + 0.45 * math.sqrt(k)
            placed[u] = (ax + r * math.cos(k * golden), ay + r * math.sin(k * golden))
        frontier = layer
    return placed
