"""The vis-network data of one view: what each node and edge looks like and says.

The visual vocabulary (shape and colour per entity type and event kind, outline per
status), tooltips as plain text, and :func:`to_pyvis` for those who want a pyvis Network.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from kg.export.html.layout import layout
from kg.graph.assemble import actor_network
from kg.graph.select import event_date_range, truncate_view

if TYPE_CHECKING:  # pyvis imports IPython at import time: keep it lazy
    from pyvis.network import Network

__all__ = ["NETWORK_VIEWS", "PHYSICS_LIMIT", "STABILIZATION_ITERATIONS", "VIEWS", "View", "category", "legend",
           "node_id", "to_pyvis", "view_data"]


View = Literal["events", "actors", "timeline", "map"]
#: The page's views: two networks (the event graph, the actor network), a timeline, a map.
VIEWS: tuple[str, ...] = ("events", "actors", "timeline", "map")
NETWORK_VIEWS: tuple[str, ...] = ("events", "actors")
#: Graphs with more nodes than this are drawn from precomputed positions, physics off.
#: Measured (benchmarks/bench_html.py, headless chromium, 2 cores): the bounded physics run
#: settles 100 nodes in 0.5-0.7 s, 300 in 1.0-1.3 s, 500 in 1.6-1.9 s, but 1,000 in
#: 3.3-5.9 s, while precomputed positions draw 1,000 nodes in 0.4-0.5 s.
PHYSICS_LIMIT = 500
#: Bounded physics: iterations of the stabilisation run before physics is switched off.
STABILIZATION_ITERATIONS = 250
# (category, legend text, vis shape, fill colour); Tableau 10 colours, distinct in greyscale
# by shape as well.
_ENTITY_CATEGORIES: dict[str, tuple[str, str, str]] = {
    "PERSON": ("Person", "dot", "#4e79a7"),
    "ORG": ("Organisation", "square", "#f28e2b"),
    "GPE": ("Country, city", "triangle", "#59a14f"),
    "LOC/FAC": ("Place, facility", "triangleDown", "#9c755f"),
    "NORP": ("Nationality, group", "hexagon", "#b07aa1"),
    "OTHER": ("Other entity", "dot", "#bab0ac"),
}
# statements are stars coloured by what was said (the kinds of kg/rules/statements.json):
# warm for pressure, green for accord, yellow for the rest
_STATEMENT_KINDS: dict[str, tuple[str, str]] = {
    "demand": ("demand", "#f28e2b"), "criticize": ("criticism", "#d0473d"),
    "reject": ("rejection", "#8c2d5a"), "deny": ("denial", "#9c755f"),
    "support": ("support", "#59a14f"), "agree": ("agreement", "#2f8f89"),
    "statement": ("other statement", "#e8c12e"),
}
_EVENT_CATEGORIES: dict[str, tuple[str, str, str]] = {
    "meeting": ("Meeting", "diamond", "#e15759"),
    **{f"statement:{kind}": (text[:1].upper() + text[1:], "star", colour)
       for kind, (text, colour) in _STATEMENT_KINDS.items()},
    "event": ("Other event", "diamond", "#ff9da7"),
}
_CATEGORY_OF_TYPE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC/FAC",
                     "FAC": "LOC/FAC", "NORP": "NORP"}
# how an event's status shows: a dashed outline for what has not (yet) happened for sure,
# a pale fill for what did not happen
_STATUS_LOOK = {"occurred": "solid", "planned": "dashed", "uncertain": "dashed",
                "cancelled": "pale", "negated": "pale"}
_EDGE_COLOURS = {"participant": "#7f7f7f", "speaker": "#b07d00", "location": "#59a14f",
                 "affiliation": "#b07aa1", "met": "#4e79a7"}
# the edges each network view draws: one legend per view
_EDGE_LEGEND = {
    "events": [("participant", "participant"), ("speaker", "speaker"), ("location", "location"),
               ("affiliation", "affiliation (title)")],
    "actors": [("met", "met (thicker = more meetings)"), ("affiliation", "affiliation (title)")],
}
_TOOLTIP_ITEMS = 6
_ELLIPSIS = "\u2026"  # meetings or documents listed in one tooltip before "... and N more"


def view_data(
    G: nx.MultiDiGraph,
    *,
    view: View = "events",
    physics: bool | None = None,
    seed: int = 7,
) -> dict[str, Any]:
    """The vis-network data of one view: nodes, edges and options, as plain dicts.

    Nodes carry vis attributes (``label``, ``title``, ``shape``, ``color``, ``size``,
    ``x``/``y``) and kg's own, used by the page's filters: ``kind``, ``cat`` (the legend
    category), ``name``, ``status``, ``date``, ``dlo``/``dhi`` (the date as a day range)
    and ``deg``. Edges between the same two nodes are merged into one, labelled with all
    their roles. Titles (tooltips) are plain text with line breaks.

    Parameters
    ----------
    G
        The event graph (already restricted and truncated, if wanted).
    view
        ``"events"``: entities, events and their role edges, plus affiliations.
        ``"actors"``: the actor network, who met whom (weighted) and who is affiliated
        with whom.
    physics
        Let the browser settle the layout (bounded, then switched off). Default: only
        when at most :data:`PHYSICS_LIMIT` nodes have an edge (isolated ones are hidden at
        first). Positions are precomputed in any case.
    seed
        Seed of the layout.

    Returns
    -------
    dict
        ``{"nodes": [...], "edges": [...], "options": {...}, "physics": bool}``.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Document, Entity, Event, Evidence, Extraction
    >>> doc = Document(id="d1", text="Lavrov met Karzai.", title="Talks")
    >>> ev = Evidence(doc_id="d1", start=0, end=18, sentence=doc.text)
    >>> people = (Entity("p:k", "Karzai", "PERSON"), Entity("p:l", "Lavrov", "PERSON"))
    >>> meeting = Event("m1", "meeting", None, ev, participants=("p:l", "p:k"))
    >>> G = build_graph([Extraction(doc, people, (meeting,))])
    >>> data = view_data(G, view="actors")
    >>> [n["label"] for n in data["nodes"]], [e["label"] for e in data["edges"]]
    (['Karzai', 'Lavrov'], ['met'])
    >>> print(view_data(G)["nodes"][2]["title"])
    Meeting
    Participants: Karzai, Lavrov
    Sentence: Lavrov met Karzai.
    Source: Talks [d1]
    """
    if view == "events":
        H: nx.Graph = G
    elif view == "actors":
        H = _actor_graph(G)
    else:
        raise ValueError(f"view={view!r}: expected one of {', '.join(NETWORK_VIEWS)}")
    documents = G.graph.get("documents", {})
    labels = {n: _name(n, d) for n, d in H.nodes(data=True)}
    edges = _vis_edges(H, view, labels, documents)
    degree: dict[Hashable, int] = defaultdict(int)
    for edge in edges:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    ids = {n: node_id(n) for n in H}
    for edge in edges:
        edge["from"], edge["to"] = ids[edge["from"]], ids[edge["to"]]
    # what the browser draws at first: isolated nodes stay hidden until asked for
    drawn = sum(1 for n in H if degree[n])
    if physics is None:
        physics = drawn <= PHYSICS_LIMIT
    if drawn > PHYSICS_LIMIT:  # many edges: fainter, so the nodes stand out
        for edge in edges:
            edge["color"]["opacity"] = 0.4
    positions = layout(H, seed=seed)
    nodes = []
    for n, d in H.nodes(data=True):
        node = _vis_node(n, d, H, labels, documents, degree[n])
        node["id"] = ids[n]
        node["x"], node["y"] = positions[n]
        nodes.append(node)
    return {"nodes": nodes, "edges": edges, "options": _options(drawn, physics),
            "physics": bool(physics)}


def to_pyvis(
    G: nx.MultiDiGraph,
    *,
    view: View = "events",
    physics: bool | None = None,
    max_nodes: int | None = None,
) -> Network:
    """A :class:`pyvis.network.Network` of one view, filled without pyvis's slow adders.

    ``net.nodes``/``net.edges`` are set directly (pyvis's ``add_node``/``add_edge`` are
    quadratic). The network uses ``cdn_resources="in_line"``; for a page that works
    offline, use :func:`write_html`, since pyvis's own template still loads Bootstrap
    from a CDN.

    Parameters
    ----------
    G
        The event graph.
    view
        ``"events"`` or ``"actors"``, as in :func:`view_data`.
    physics
        As in :func:`view_data`.
    max_nodes
        Keep only this many of the most connected nodes (see :func:`keep_most_connected`).

    Returns
    -------
    pyvis.network.Network

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Document, Entity, Event, Evidence, Extraction
    >>> doc = Document(id="d1", text="Lavrov met Karzai.")
    >>> ev = Evidence(doc_id="d1", start=0, end=18, sentence=doc.text)
    >>> people = (Entity("p:k", "Karzai", "PERSON"), Entity("p:l", "Lavrov", "PERSON"))
    >>> G = build_graph([Extraction(doc, people, (Event("m1", "meeting", None, ev,
    ...                                                 participants=("p:l", "p:k")),))])
    >>> net = to_pyvis(G, view="events")
    >>> net.num_nodes(), net.num_edges()
    (3, 2)
    """
    from pyvis.network import Network

    if max_nodes is not None:
        G = truncate_view(G, view, max_nodes)[0]
    data = view_data(G, view=view, physics=physics)
    net = Network(height="100%", width="100%", directed=view == "events",
                  cdn_resources="in_line")
    net.nodes = data["nodes"]
    net.node_ids = [node["id"] for node in data["nodes"]]
    net.node_map = {node["id"]: node for node in data["nodes"]}
    net.edges = data["edges"]
    net.options = data["options"]
    return net


def node_id(node: Hashable) -> str:
    return node if isinstance(node, str) else str(node)


def _name(node: Hashable, data: dict[str, Any]) -> str:
    label = data.get("label")
    return str(label) if label not in (None, "") else node_id(node)


def category(data: dict[str, Any]) -> str:
    """The legend category of a node: its entity type, ``meeting``, or ``statement:KIND``.

    Examples
    --------
    >>> category({"kind": "event", "type": "statement", "subtype": "demand"})
    'statement:demand'
    >>> category({"kind": "event", "type": "statement", "subtype": "say"}), category({"type": "FAC"})
    ('statement:statement', 'LOC/FAC')
    """
    if data.get("kind") == "event":
        kind = data.get("type")
        if kind == "statement":
            sub = f"statement:{data.get('subtype')}"
            return sub if sub in _EVENT_CATEGORIES else "statement:statement"
        return kind if kind in _EVENT_CATEGORIES else "event"
    return _CATEGORY_OF_TYPE.get(str(data.get("type")), "OTHER")


def _style(category: str) -> tuple[str, str, str]:
    return _ENTITY_CATEGORIES.get(category) or _EVENT_CATEGORIES[category]


def _source(doc_id: Any, documents: dict[str, Any], fallback_title: Any = None,
            fallback_date: Any = None) -> str:
    doc = documents.get(doc_id, {}) if doc_id is not None else {}
    title = doc.get("title") or fallback_title or "untitled"
    published = doc.get("published") or fallback_date
    return f"{title}" + (f" ({published})" if published else "") + f" [{doc_id}]"


def _event_title(n: Hashable, d: dict[str, Any], H: nx.Graph, labels: dict, documents: dict) -> str:
    head = str(d.get("label") or d.get("type") or "event")
    head = head[:1].upper() + head[1:]
    if d.get("date"):
        head += f" \u2014 {d['date']}"
    if d.get("status") and d.get("status") != "occurred":
        head += f" ({d['status']})"
    lines = [head]
    roles: dict[str, list[str]] = defaultdict(list)
    if H.is_directed():
        for _, v, key in sorted(H.out_edges(n, keys=True), key=lambda e: str(e[1])):
            roles[str(key)].append(labels.get(v, node_id(v)))
    for role, heading in (("participant", "Participants"), ("speaker", "Speaker"),
                          ("location", "Location")):
        if roles.get(role):
            lines.append(f"{heading}: {', '.join(roles[role])}")
    if d.get("quote"):
        lines.append(f"Quote: \u201c{d['quote']}\u201d")
    elif d.get("content"):
        lines.append(f"Said: {d['content']}")
    if d.get("sentence"):
        lines.append(f"Sentence: {d['sentence']}")
    if d.get("doc_id") is not None:
        lines.append("Source: " + _source(d.get("doc_id"), documents, d.get("doc_title"),
                                          d.get("doc_published")))
    others = [r for r in d.get("reports") or () if r.get("doc_id") != d.get("doc_id")]
    if others:
        lines.append(f"Also reported by {len(others)} more article{'s' if len(others) > 1 else ''}:")
        for report in others[:5]:
            lines.append(f"\u2022 {report.get('sentence') or ''} \u2014 "
                         + _source(report.get("doc_id"), documents, None, None))
    if d.get("conflicts"):
        lines.append("Reports disagree: " + "; ".join(map(str, d["conflicts"])))
    extra = [f"{key} {d[key]}" for key in ("cameo", "plover") if d.get(key)]
    if extra:
        lines.append("Codes: " + ", ".join(extra))
    return "\n".join(lines)


def _entity_title(name: str, d: dict[str, Any], documents: dict) -> str:
    lines = [f"{name} ({d.get('type') or 'entity'})"]
    aliases = [a for a in d.get("aliases", ()) if a != name]
    if aliases:
        lines.append("Also: " + ", ".join(map(str, aliases[:10])))
    docs = list(d.get("documents", ()))
    if docs:
        lines.append(f"Mentioned in {len(docs)} document{'s' if len(docs) != 1 else ''}:")
        lines += [f"\u2022 {_source(doc, documents)}" for doc in docs[:_TOOLTIP_ITEMS]]
        if len(docs) > _TOOLTIP_ITEMS:
            lines.append(f"\u2026 and {len(docs) - _TOOLTIP_ITEMS} more")
    for iri in d.get("same_as", ())[:3]:
        lines.append(f"Same as: {iri}")
    return "\n".join(lines)


def _event_label(n: Hashable, d: dict[str, Any], H: nx.Graph, labels: dict) -> str:
    """A statement says who spoke and what kind of thing they said; a meeting, its kind."""
    if d.get("type") == "statement":
        speakers = [labels.get(v, node_id(v)) for _, v, key in H.out_edges(n, keys=True) if key == "speaker"] \
            if H.is_directed() else []
        kind = _STATEMENT_KINDS.get(category(d).split(":", 1)[1], ("statement", ""))[0]
        kind = "statement" if kind == "other statement" else kind
        return f"{_short(speakers[0])} \u00b7 {kind}" if speakers else kind
    return str(d.get("subtype") or d.get("type") or "event")


def _short(name: str, limit: int = 24) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[:limit - 1].rstrip() + _ELLIPSIS


def _vis_node(n: Hashable, d: dict[str, Any], H: nx.Graph, labels: dict, documents: dict,
              degree: int) -> dict[str, Any]:
    cat = category(d)
    _, shape, colour = _style(cat)
    event = d.get("kind") == "event"
    root = math.sqrt(degree)
    name = labels[n]
    if event:  # shape and colour tell the kind: the label says what and when
        short = _event_label(n, d, H, labels)
        label = f"{short}\n{d['date']}" if d.get("date") else short
    else:
        label = name
    node: dict[str, Any] = {
        "label": label,
        "name": name,
        "shape": shape,
        "kind": "event" if event else "entity",
        "cat": cat,
        "deg": degree,
    }
    if degree == 0:
        node["iso"] = True  # isolated in this view: hidden until asked for
    if event:
        status = str(d.get("status") or "occurred")
        look = _STATUS_LOOK.get(status, "dashed")
        node["title"] = _event_title(n, d, H, labels, documents)
        node["size"] = round(min(8 + 2 * root, 20), 1)
        node["font"] = {"size": 11, "color": "#555555"}
        node["status"] = status
        node["date"] = d.get("date")
        node["dlo"], node["dhi"] = event_date_range(d.get("date"))
        fill = "#f4f4f4" if look == "pale" else colour
        node["color"] = {"background": fill, "border": _darker(colour),
                         "highlight": {"background": fill, "border": "#000000"},
                         "hover": {"background": fill, "border": "#000000"}}
        if look == "dashed":
            node["shapeProperties"] = {"borderDashes": [4, 3]}
            node["borderWidth"] = 2
        elif look == "pale":
            node["borderWidth"] = 2
    else:
        node["title"] = _entity_title(name, d, documents)
        node["size"] = round(min(11 + 4 * root, 55), 1)
        # the page enlarges the labels of the best-connected nodes (its label budget), so
        # that they stay readable in the overview; the rest appear as one zooms in
        node["font"] = {"size": 14}
        node["color"] = {"background": colour, "border": _darker(colour),
                         "highlight": {"background": colour, "border": "#000000"},
                         "hover": {"background": colour, "border": "#000000"}}
    return node


def _vis_edges(H: nx.Graph, view: str, labels: dict, documents: dict) -> list[dict[str, Any]]:
    """One vis edge per pair of nodes, whatever the number of graph edges between them."""
    merged: dict[tuple[Hashable, Hashable], list[tuple[str, dict[str, Any]]]] = {}
    pairs = (H.edges(keys=True, data=True) if H.is_multigraph()
             else ((u, v, None, d) for u, v, d in H.edges(data=True)))
    for u, v, key, d in pairs:
        pair = (v, u) if (v, u) in merged else (u, v)
        merged.setdefault(pair, []).append((str(d.get("role") or key or ""), d))
    edges = []
    for i, ((u, v), items) in enumerate(merged.items()):
        edge: dict[str, Any] = {"id": f"e{i}", "from": u, "to": v}
        if view == "actors":
            edge.update(_actor_edge(labels[u], labels[v], items[0][1], documents))
        else:
            edge.update(_event_edge(labels[u], labels[v], items, documents))
        edges.append(edge)
    return edges


def _event_edge(source: str, target: str, items: list[tuple[str, dict[str, Any]]],
                documents: dict) -> dict[str, Any]:
    labels, lines = [], []
    for role, d in items:
        if role == "affiliation":
            post = d.get("title") or "affiliated with"
            labels.append(str(post))
            state = {True: "current", False: "former"}.get(d.get("current"), "")
            lines.append(f"{source} \u2014 {post} \u2014 {target}" + (f" ({state})" if state else ""))
            if d.get("sentence"):
                lines.append(f"Sentence: {d['sentence']}")
            if d.get("doc_id") is not None:
                lines.append("Source: " + _source(d.get("doc_id"), documents))
        else:
            labels.append(role)
            lines.append(f"{target}: {role} of {source.splitlines()[0]}")
    first = items[0][0]
    colour = _EDGE_COLOURS.get(first, "#7f7f7f")
    edge: dict[str, Any] = {"label": ", ".join(dict.fromkeys(labels)), "title": "\n".join(lines),
                            "color": {"color": colour, "opacity": 0.75}, "width": 1.2}
    if first == "affiliation":
        edge["dashes"] = [6, 4]
        edge["arrows"] = "to"
        edge["width"] = 1.6
    elif first == "location":
        edge["dashes"] = [2, 4]
    return edge


def _actor_edge(source: str, target: str, d: dict[str, Any], documents: dict) -> dict[str, Any]:
    meetings = d.get("events", [])
    count = d.get("meetings", 0)
    post = d.get("affiliation")
    affiliated = "affiliation" in d
    parts, lines = [], []
    if count:
        parts.append("met" if count == 1 else f"met \u00d7{count}")
        lines.append(f"{source} and {target} met {count} time{'s' if count != 1 else ''}:")
        for m in meetings[:_TOOLTIP_ITEMS]:
            status = f" ({m['status']})" if m.get("status") not in (None, "occurred") else ""
            lines.append(f"\u2022 {m.get('date') or 'undated'}{status}: {m.get('sentence') or ''}")
            lines.append(f"  {_source(m.get('doc_id'), documents)}")
        if len(meetings) > _TOOLTIP_ITEMS:
            lines.append(f"\u2026 and {len(meetings) - _TOOLTIP_ITEMS} more")
    if affiliated:
        parts.append(str(post or "affiliation"))
        lines.append(f"{source} \u2014 {post or 'affiliated with'} \u2014 {target}")
    colour = _EDGE_COLOURS["met" if count else "affiliation"]
    edge: dict[str, Any] = {
        "label": ", ".join(parts), "title": "\n".join(lines),
        "color": {"color": colour, "opacity": 0.75},
        "width": round(1 + 1.5 * math.log2(1 + count), 2) if count else 1.6,
        "aff": affiliated,
        "meet": [[m.get("dlo"), m.get("dhi"), m.get("status")] for m in meetings],
    }
    if not count:
        edge["dashes"] = [6, 4]
    return edge


def _actor_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """:func:`kg.graph.actor_network`, with each edge's meetings listed for tooltips and filters."""
    A = actor_network(G)
    for node, d in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        if d.get("kind") != "event" or d.get("type") != "meeting":
            continue
        people = sorted({v for _, v, key in G.out_edges(node, keys=True) if key == "participant"},
                        key=str)
        dlo, dhi = event_date_range(d.get("date"))
        record = {"date": d.get("date"), "dlo": dlo, "dhi": dhi,
                  "status": d.get("status") or "occurred", "sentence": d.get("sentence"),
                  "doc_id": d.get("doc_id")}
        for i, u in enumerate(people):
            for v in people[i + 1:]:
                if A.has_edge(u, v):
                    A[u][v].setdefault("events", []).append(record)
    return A


def _darker(colour: str, factor: float = 0.7) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _options(n_nodes: int, physics: bool) -> dict[str, Any]:
    large = n_nodes > PHYSICS_LIMIT
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "borderWidth": 1.5,
            "font": {"face": "system-ui, 'Segoe UI', Roboto, Arial, sans-serif",
                     "color": "#1f1f1f", "strokeWidth": 4, "strokeColor": "#ffffff"},
            # labels smaller than this on screen are not drawn; none grows beyond maxVisible
            "scaling": {"label": {"drawThreshold": 9, "maxVisible": 22}},
        },
        "edges": {
            "smooth": False if large else {"enabled": True, "type": "continuous",
                                           "roundness": 0.2},
            "font": {"size": 10, "color": "#444444", "strokeWidth": 3,
                     "strokeColor": "#ffffff", "align": "middle"},
            # role labels only once readable (zoomed in to about 0.8): no grey fuzz on the overview
            "scaling": {"label": {"drawThreshold": 9, "maxVisible": 14}},
            "selectionWidth": 2,
            "hoverWidth": 0.5,
        },
        "interaction": {"hover": not large, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False, "keyboard": False},
        "physics": (
            {"enabled": True, "solver": "forceAtlas2Based",
             "forceAtlas2Based": {"gravitationalConstant": -80, "centralGravity": 0.01,
                                  "springLength": 110, "springConstant": 0.06,
                                  "avoidOverlap": 0.6},
             "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                               "updateInterval": 50, "fit": True},
             "minVelocity": 1.0}
            if physics else {"enabled": False}
        ),
    }


def legend() -> dict[str, Any]:
    """What the page's legends list: categories, statuses and, per network view, its edges."""
    return {
        "entities": [{"cat": c, "text": t, "shape": s, "color": col}
                     for c, (t, s, col) in _ENTITY_CATEGORIES.items()],
        "events": [{"cat": c, "text": t, "shape": s, "color": col}
                   for c, (t, s, col) in _EVENT_CATEGORIES.items()],
        "status": {status: look for status, look in _STATUS_LOOK.items()},
        "edges": {view: [{"role": r, "text": t, "color": _EDGE_COLOURS[r],
                          "dashes": r in ("affiliation", "location")} for r, t in rows]
                  for view, rows in _EDGE_LEGEND.items()},
    }
