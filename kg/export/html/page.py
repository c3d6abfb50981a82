"""Interactive, self-contained HTML views of the event graph.

The page draws the graph with vis-network, whose JavaScript and CSS are inlined from the
files that ship with pyvis, so it opens offline and fetches nothing. It holds two views of
the same graph (events, and the actor network of who met or is affiliated with whom), a
legend that doubles as a filter by entity type and event kind, filters by status and date,
and a search box.

Article text never reaches the page as markup: all node and edge data is one JSON document
inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, and tooltips are plain text (vis-network 9 sets a string ``title`` with
``innerText``; the details panel uses ``textContent``).

Large graphs are laid out here, not in the browser: a graph with more than
:data:`PHYSICS_LIMIT` nodes gets precomputed positions and no physics, and above
``max_nodes`` only the most connected nodes are drawn, with a banner saying so.
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import html as _html
import importlib.util
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from kg.atomic import atomic_write_text
from kg.graph import actor_network

if TYPE_CHECKING:  # pyvis imports IPython at import time: keep it lazy
    from pyvis.network import Network

__all__ = [
    "MAX_NODES",
    "PHYSICS_LIMIT",
    "encode_script_json",
    "keep_most_connected",
    "render_html",
    "select_subgraph",
    "show",
    "to_pyvis",
    "view_data",
    "write_html",
]

View = Literal["events", "actors"]
VIEWS: tuple[str, ...] = ("events", "actors")

#: Graphs with more nodes than this are drawn from precomputed positions, physics off.
#: Measured (benchmarks/bench_html.py, headless chromium, 2 cores): the bounded physics run
#: settles 100 nodes in 0.5-0.7 s, 300 in 1.0-1.3 s, 500 in 1.6-1.9 s, but 1,000 in
#: 3.3-5.9 s, while precomputed positions draw 1,000 nodes in 0.4-0.5 s.
PHYSICS_LIMIT = 500

#: Default node limit per view: above it only the most connected nodes are drawn.
#: Measured (benchmarks/bench_html.py): a full redraw (every pan, zoom and hover frame)
#: takes ~30 ms at 1,000 nodes, ~60 ms at 2,000-3,000, 80-180 ms at 5,000 and 240-350 ms at
#: 10,000: beyond 3,000 chromium drops under ~15 frames a second and panning stutters.
MAX_NODES = 3000

#: Bounded physics: iterations of the stabilisation run before physics is switched off.
STABILIZATION_ITERATIONS = 250

# --- the visual vocabulary: one entry per filter category ------------------------------
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
_EVENT_CATEGORIES: dict[str, tuple[str, str, str]] = {
    "meeting": ("Meeting", "diamond", "#e15759"),
    "statement": ("Statement", "star", "#edc948"),
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
_EDGE_LEGEND = [("participant", "participant"), ("speaker", "speaker"),
                ("location", "location"), ("affiliation", "affiliation (title)"),
                ("met", "met (actor view; thicker = more meetings)")]

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ELLIPSIS = "\u2026"
_TOOLTIP_ITEMS = 6  # meetings or documents listed in one tooltip before "... and N more"


# --- escaping ----------------------------------------------------------------------------
def encode_script_json(data: Any) -> str:
    """Serialise data as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no text in
    the data can close the script element or open a comment; U+2028 and U+2029 are escaped
    too. ``JSON.parse`` gives back exactly the input.

    Parameters
    ----------
    data
        Anything :func:`json.dumps` accepts; NaN and infinities are rejected.

    Returns
    -------
    str
        The JSON text, ASCII-safe where it matters for HTML.

    Examples
    --------
    >>> encode_script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(encode_script_json({"t": "</script>"}))["t"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# --- choosing what to draw -------------------------------------------------------------
def select_subgraph(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    date_from: str | _date | None = None,
    date_to: str | _date | None = None,
) -> nx.MultiDiGraph:
    """Restrict the event graph to a date range and to an actor's neighbourhood.

    Events outside ``[date_from, date_to]`` are dropped (undated events too, once either
    bound is given; partial dates such as ``2023-05`` count as the whole month), and so
    are entities left without any edge by that. ``focus`` then keeps the nodes within
    ``depth`` steps of the matching node(s), edges taken in both directions: depth 2 from an
    actor reaches its events and the other actors of those events.

    Parameters
    ----------
    G
        The event graph of :func:`kg.graph.build_graph`.
    focus
        A node id or label, matched case-insensitively: entities by id, label or alias
        first, then any node by id. All entities sharing that label are centres.
    depth
        Steps from the focus node(s); 0 keeps the focus node alone.
    date_from, date_to
        Inclusive bounds, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a ``datetime.date``).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph (a copy), with ``G.graph`` copied.

    Raises
    ------
    ValueError
        If ``focus`` matches no node, or a date is malformed, or ``depth`` is negative.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p:a", kind="entity", type="PERSON", label="Ann")
    >>> G.add_node("p:b", kind="entity", type="PERSON", label="Bob")
    >>> G.add_node("p:c", kind="entity", type="PERSON", label="Cy")
    >>> G.add_node("m1", kind="event", type="meeting", date="2023-05-02")
    >>> G.add_node("m2", kind="event", type="meeting", date="2024-01")
    >>> _ = G.add_edge("m1", "p:a", key="participant"); _ = G.add_edge("m1", "p:b", key="participant")
    >>> _ = G.add_edge("m2", "p:b", key="participant"); _ = G.add_edge("m2", "p:c", key="participant")
    >>> sorted(select_subgraph(G, focus="ann", depth=2))
    ['m1', 'p:a', 'p:b']
    >>> sorted(select_subgraph(G, date_from="2024"))
    ['m2', 'p:b', 'p:c']
    """
    if depth < 0:
        raise ValueError(f"depth={depth}: expected 0 or more steps")
    lo = _date_bounds(date_from, "date_from")[0] if date_from else None
    hi = _date_bounds(date_to, "date_to")[1] if date_to else None
    H: nx.MultiDiGraph = G
    if lo or hi:
        keep = [n for n, d in G.nodes(data=True)
                if d.get("kind") != "event" or _in_range(d.get("date"), lo, hi)]
        H = _induced(G, keep)
        # an entity whose only links were to the dropped events goes with them
        H = _induced(H, [n for n in H if H.degree(n) or not G.degree(n)])
    if focus is not None:
        centres = _match_focus(H, focus)
        if not centres:
            raise ValueError(_no_match_message(G, H, focus))
        undirected = H.to_undirected(as_view=True)
        near: set[Hashable] = set()
        for centre in centres:
            near.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
        H = _induced(H, near)
    return H.copy()


def keep_most_connected(G: nx.Graph, max_nodes: int) -> nx.Graph:
    """Keep the ``max_nodes`` nodes of highest degree and the edges among them.

    Ties are broken by node id, so the choice is deterministic. A graph already small
    enough is returned as it is (the same object).

    Parameters
    ----------
    G
        Any NetworkX graph.
    max_nodes
        How many nodes to keep, at least 1.

    Returns
    -------
    networkx.Graph
        ``G`` itself, or a new graph of the same class with ``G.graph`` copied.

    Examples
    --------
    >>> G = nx.star_graph(5)       # hub 0 and leaves 1..5
    >>> G.add_edge(1, 2)
    >>> sorted(keep_most_connected(G, 3))
    [0, 1, 2]
    >>> keep_most_connected(G, 10) is G
    True
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes={max_nodes}: expected at least 1")
    if G.number_of_nodes() <= max_nodes:
        return G
    ranked = sorted(G.degree, key=lambda item: (-item[1], str(item[0])))[:max_nodes]
    return _induced(G, [node for node, _ in ranked])


# --- the vis data of one view ----------------------------------------------------------
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
        for graphs of at most :data:`PHYSICS_LIMIT` nodes. Positions are precomputed in
        any case.
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
        raise ValueError(f"view={view!r}: expected one of {', '.join(VIEWS)}")
    if physics is None:
        physics = H.number_of_nodes() <= PHYSICS_LIMIT
    documents = G.graph.get("documents", {})
    labels = {n: _name(n, d) for n, d in H.nodes(data=True)}
    edges = _vis_edges(H, view, labels, documents)
    degree: dict[Hashable, int] = defaultdict(int)
    for edge in edges:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    ids = {n: _node_id(n) for n in H}
    for edge in edges:
        edge["from"], edge["to"] = ids[edge["from"]], ids[edge["to"]]
    if H.number_of_nodes() > PHYSICS_LIMIT:  # many edges: fainter, so the nodes stand out
        for edge in edges:
            edge["color"]["opacity"] = 0.4
    positions = _layout(H, seed=seed)
    nodes = []
    for n, d in H.nodes(data=True):
        node = _vis_node(n, d, H, labels, documents, degree[n])
        node["id"] = ids[n]
        node["x"], node["y"] = positions[n]
        nodes.append(node)
    return {"nodes": nodes, "edges": edges, "options": _options(len(nodes), physics),
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
        G = _truncate_view(G, view, max_nodes)[0]
    data = view_data(G, view=view, physics=physics)
    net = Network(height="100%", width="100%", directed=view == "events",
                  cdn_resources="in_line")
    net.nodes = data["nodes"]
    net.node_ids = [node["id"] for node in data["nodes"]]
    net.node_map = {node["id"]: node for node in data["nodes"]}
    net.edges = data["edges"]
    net.options = data["options"]
    return net


# --- the page ----------------------------------------------------------------------------
def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "Diplomatic events",
    focus: str | None = None,
    depth: int = 2,
    date_from: str | _date | None = None,
    date_to: str | _date | None = None,
    max_nodes: int = MAX_NODES,
    physics: bool | None = None,
    view: View = "events",
) -> str:
    """The whole interactive page as one self-contained HTML string.

    Parameters
    ----------
    G
        The event graph of :func:`kg.graph.build_graph`.
    title
        Page title and heading (escaped).
    focus, depth, date_from, date_to
        Restrict the graph first, as in :func:`select_subgraph`.
    max_nodes
        Per view, draw at most this many nodes, the most connected ones, and say so in a
        banner on the page.
    physics
        As in :func:`view_data` (default: by size).
    view
        The view shown first.

    Returns
    -------
    str
        The HTML document; it loads nothing from the network.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> page = render_html(build_graph([]), title="Empty <graph>")
    >>> "<title>Empty &lt;graph&gt;</title>" in page, "src=\\"http" in page
    (True, False)
    """
    if view not in VIEWS:
        raise ValueError(f"view={view!r}: expected one of {', '.join(VIEWS)}")
    H = select_subgraph(G, focus=focus, depth=depth, date_from=date_from, date_to=date_to)
    views: dict[str, Any] = {}
    for name in VIEWS:
        shown, total = _truncate_view(H, name, max_nodes)
        data = view_data(shown, view=name, physics=physics)  # type: ignore[arg-type]
        data["total"] = total
        data["banner"] = _banner(name, len(data["nodes"]), total, focus)
        views[name] = data
    payload = {
        "title": title,
        "views": views,
        "initialView": view,
        "focus": [_node_id(n) for n in _match_focus(H, focus)] if focus else [],
        "subtitle": _subtitle(G, H, focus, depth, date_from, date_to),
        "legend": _legend(),
        "statuses": sorted({d.get("status") or "occurred" for _, d in H.nodes(data=True)
                            if d.get("kind") == "event"}),
        "iterations": STABILIZATION_ITERATIONS,
    }
    from markupsafe import Markup  # with jinja2

    vis_js, vis_css = _vis_assets()
    app_js = _asset("app.js")
    return _page_template().render(
        title=title,
        # the page runs only these two scripts: an injected one would be refused
        script_hashes=" ".join(f"'sha256-{_sha256(text)}'" for text in (vis_js, app_js)),
        vis_css=Markup(vis_css),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        payload=Markup(encode_script_json(payload)),
    )


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Write :func:`render_html` to ``path`` as UTF-8, atomically.

    The page is written to a temporary file in the same directory and moved into place
    with :func:`os.replace`, so a reader never sees half a file. Missing parent
    directories are created.

    Parameters
    ----------
    G
        The event graph.
    path
        Where to write the page.
    **kw
        Passed to :func:`render_html`.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile
    >>> from kg.graph import build_graph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_html(build_graph([]), Path(tmp) / "out" / "graph.html")
    ...     path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    return atomic_write_text(Path(path), render_html(G, **kw))


def show(G: nx.MultiDiGraph, *, height: int = 650, **kw: Any) -> Any:
    """Display the page inline in Jupyter (JupyterLab, Notebook, VS Code).

    The page goes whole into the ``srcdoc`` of a sandboxed ``<iframe>`` (scripts allowed,
    no same-origin access), so it needs no file and cannot touch the notebook.

    Parameters
    ----------
    G
        The event graph.
    height
        Height of the frame in pixels.
    **kw
        Passed to :func:`render_html`.

    Returns
    -------
    IPython.display.HTML
        The last expression of a cell displays it.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> shown = show(build_graph([]), height=400)
    >>> shown.data.startswith('<div class="kg-graph"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    from IPython.display import HTML  # optional: only notebooks need it

    page = render_html(G, **kw)
    # wrapped in a div: IPython warns about a bare <iframe> (it means an IFrame of a URL)
    frame = (
        '<div class="kg-graph">'
        f'<iframe srcdoc="{_html.escape(page, quote=True)}" '
        f'title="{_html.escape(str(kw.get("title", "kg graph")), quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd;border-radius:4px" '
        'sandbox="allow-scripts" loading="eager"></iframe></div>'
    )
    return HTML(frame)


# --- helpers: selection ----------------------------------------------------------------
def _date_text(value: str | _date | None, name: str) -> str:
    text = value.isoformat() if isinstance(value, _date) else str(value).strip()
    if not _DATE.match(text):
        raise ValueError(f"{name}={value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _date_bounds(value: str | _date | None, name: str = "date") -> tuple[str, str]:
    """The first and last day a (partial) date stands for, as comparable strings."""
    text = _date_text(value, name)
    return text + "-01-01"[len(text) - 4:], text + "-12-31"[len(text) - 4:]


def _event_bounds(value: Any) -> tuple[str | None, str | None]:
    if not value or not _DATE.match(str(value)):
        return None, None
    return _date_bounds(str(value))


def _in_range(value: Any, lo: str | None, hi: str | None) -> bool:
    first, last = _event_bounds(value)
    if first is None or last is None:
        return False
    return (lo is None or last >= lo) and (hi is None or first <= hi)


def _match_focus(G: nx.Graph, focus: str) -> list[Hashable]:
    wanted = focus.strip().casefold()
    entities = [(n, d) for n, d in G.nodes(data=True) if d.get("kind") == "entity"]
    for candidates in (
        [n for n, _ in entities if str(n).casefold() == wanted],
        [n for n, d in entities if str(d.get("label", "")).casefold() == wanted],
        [n for n, d in entities if wanted in {str(a).casefold() for a in d.get("aliases", ())}],
        [n for n in G if str(n).casefold() == wanted],
    ):
        if candidates:
            return sorted(candidates, key=str)
    return []


def _no_match_message(G: nx.Graph, H: nx.Graph, focus: str) -> str:
    if H is not G and _match_focus(G, focus):
        return f"focus={focus!r}: the node has no events in the date range"
    names = sorted({str(d.get("label")) for _, d in G.nodes(data=True)
                    if d.get("kind") == "entity" and d.get("label")})
    close = difflib.get_close_matches(focus, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    return f"focus={focus!r}: no node with that id, label or alias{hint}"


def _truncate_view(G: nx.MultiDiGraph, view: str, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The graph to draw for a view (at most ``max_nodes`` nodes) and the view's full size."""
    if view == "events":
        return keep_most_connected(G, max_nodes), G.number_of_nodes()
    # actor view: rank actors by their degree in the actor network, then keep the events
    # so that the actor view of the result is the truncated actor network
    A = actor_network(G)
    if A.number_of_nodes() <= max_nodes:
        return G, A.number_of_nodes()
    kept = set(keep_most_connected(A, max_nodes))
    keep = kept | {n for n, d in G.nodes(data=True) if d.get("kind") == "event"}
    return _induced(G, keep), A.number_of_nodes()


def _banner(view: str, shown: int, total: int, focus: str | None) -> str | None:
    if shown >= total:
        return None
    what = "nodes" if view == "events" else "actors"
    hint = "a deeper focus is" if focus else "a focus actor or a date range is"
    return (f"Large graph: showing the {shown:,} most connected of {total:,} {what} "
            f"(max_nodes={shown:,}). The rest are left out; {hint} needed to see them.")


def _subtitle(G: nx.Graph, H: nx.Graph, focus: str | None, depth: int,
              date_from: Any, date_to: Any) -> str:
    events = sum(1 for _, d in H.nodes(data=True) if d.get("kind") == "event")
    entities = H.number_of_nodes() - events
    parts = [f"{entities:,} entities", f"{events:,} events",
             f"{len(G.graph.get('documents', {})):,} documents"]
    if focus:
        parts.append(f"within {depth} steps of \u201c{focus}\u201d")
    if date_from or date_to:
        parts.append(f"dates {date_from or _ELLIPSIS} to {date_to or _ELLIPSIS}")
    return " \u00b7 ".join(parts)


# --- helpers: vis data -----------------------------------------------------------------
def _node_id(node: Hashable) -> str:
    return node if isinstance(node, str) else str(node)


def _name(node: Hashable, data: dict[str, Any]) -> str:
    label = data.get("label")
    return str(label) if label not in (None, "") else _node_id(node)


def _category(data: dict[str, Any]) -> str:
    if data.get("kind") == "event":
        kind = data.get("type")
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
            roles[str(key)].append(labels.get(v, _node_id(v)))
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


def _event_label(d: dict[str, Any]) -> str:
    quote = d.get("quote")
    if d.get("type") == "statement" and quote:
        quote = " ".join(str(quote).split())
        return f"\u201c{quote[:28].rstrip()}\u2026\u201d" if len(quote) > 30 else f"\u201c{quote}\u201d"
    return str(d.get("subtype") or d.get("type") or "event")


def _vis_node(n: Hashable, d: dict[str, Any], H: nx.Graph, labels: dict, documents: dict,
              degree: int) -> dict[str, Any]:
    category = _category(d)
    _, shape, colour = _style(category)
    event = d.get("kind") == "event"
    root = math.sqrt(degree)
    name = labels[n]
    if event:  # shape and colour tell the kind: the label says what and when
        short = _event_label(d)
        label = f"{short}\n{d['date']}" if d.get("date") else short
    else:
        label = name
    node: dict[str, Any] = {
        "label": label,
        "name": name,
        "shape": shape,
        "kind": "event" if event else "entity",
        "cat": category,
        "deg": degree,
    }
    if event:
        status = str(d.get("status") or "occurred")
        look = _STATUS_LOOK.get(status, "dashed")
        node["title"] = _event_title(n, d, H, labels, documents)
        node["size"] = round(min(8 + 2 * root, 20), 1)
        node["font"] = {"size": 11, "color": "#555555"}
        node["status"] = status
        node["date"] = d.get("date")
        node["dlo"], node["dhi"] = _event_bounds(d.get("date"))
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
        # hubs get larger labels, so their names stay readable in the zoomed-out overview
        node["font"] = {"size": round(min(14 + 2.5 * root, 72))}
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
        dlo, dhi = _event_bounds(d.get("date"))
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
            "scaling": {"label": {"drawThreshold": 7}},
        },
        "edges": {
            "smooth": False if large else {"enabled": True, "type": "continuous",
                                           "roundness": 0.2},
            "font": {"size": 10, "color": "#444444", "strokeWidth": 3,
                     "strokeColor": "#ffffff", "align": "middle"},
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


def _legend() -> dict[str, Any]:
    return {
        "entities": [{"cat": c, "text": t, "shape": s, "color": col}
                     for c, (t, s, col) in _ENTITY_CATEGORIES.items()],
        "events": [{"cat": c, "text": t, "shape": s, "color": col}
                   for c, (t, s, col) in _EVENT_CATEGORIES.items()],
        "status": {status: look for status, look in _STATUS_LOOK.items()},
        "edges": [{"role": r, "text": t, "color": _EDGE_COLOURS[r],
                   "dashes": r in ("affiliation", "location")} for r, t in _EDGE_LEGEND],
    }


# --- helpers: layout -------------------------------------------------------------------
_CORE = 250  # components up to this size get a full spring layout
_UNIT = 150.0  # pixels between neighbours


def _layout(G: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[int, int]]:
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
                     key=lambda n: (str(G.nodes[n].get("type", "")), _name(n, G.nodes[n])))
    boxes = []
    for component in components:
        if len(component) == 1:
            continue
        pos = _layout_component(_induced(U, component), seed)  # spring_layout depends on node order
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


def _induced(G: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """A copy of the subgraph induced by ``nodes``, in ``G``'s node and edge order.

    Unlike ``G.subgraph(nodes).copy()``, the order does not follow a set's iteration order,
    which changes with PYTHONHASHSEED; the page must be byte-identical across runs.
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


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


# --- helpers: assets -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from pyvis's package files, made safe to inline."""
    spec = importlib.util.find_spec("pyvis")  # locate without importing pyvis (and IPython)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: kg.html inlines its vis-network files")
    folder = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)  # no .map to fetch
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("kg").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _page_template() -> Any:
    import jinja2  # a dependency of pyvis

    return jinja2.Environment(autoescape=True, keep_trailing_newline=True).from_string(
        _asset("graph.html.j2"))

