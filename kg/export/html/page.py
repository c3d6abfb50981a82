"""Interactive, self-contained HTML views of the event graph.

The page holds four views of one graph: the event network (entities, events and their
roles), the actor network (who met or is affiliated with whom), a timeline of the events,
and a world map of the meetings; clicking an actor anywhere opens their dossier (posts,
meetings, statements, articles). Filters (legend categories, statuses, a date range
brushed on the timeline) apply to every view. The libraries are inlined (vis-network from
pyvis's package files, the rest vendored from npm into ``kg/templates/lib/``), so the page
opens offline from ``file://`` and fetches nothing.

Article text never reaches the page as markup: all data is JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped; the page's scripts put text in the DOM with ``textContent`` only, vis-network
sets a string ``title`` with ``innerText``, and a Content-Security-Policy allows exactly
the page's own scripts (by hash).

Large graphs are laid out here, not in the browser: a graph with more than
:data:`kg.export.html.view.PHYSICS_LIMIT` nodes gets precomputed positions and no physics, and above
``max_nodes`` only the most connected nodes are drawn, with a banner saying so.
"""
from __future__ import annotations

import html as _html
import json
import os
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_text
from kg.export.html.assets import csp_hashes, library_scripts, page_scripts, styles, world_atlas
from kg.export.html.tables import page_tables
from kg.export.html.view import NETWORK_VIEWS, STABILIZATION_ITERATIONS, VIEWS, View, legend, node_id, view_data
from kg.graph.select import match_focus, select_subgraph, truncate_view

__all__ = ["MAX_NODES", "encode_script_json", "render_html", "show", "write_html"]


#: Default node limit per view: above it only the most connected nodes are drawn.
#: Measured (benchmarks/bench_html.py): a full redraw (every pan, zoom and hover frame)
#: takes ~30 ms at 1,000 nodes, ~60 ms at 2,000-3,000, 80-180 ms at 5,000 and 240-350 ms at
#: 10,000: beyond 3,000 chromium drops under ~15 frames a second and panning stutters.
MAX_NODES = 3000


_ELLIPSIS = "\u2026"


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
    # the page only reads the graph: unselected, it draws G itself (select_subgraph's copy
    # of a 3,000-article graph was a quarter of the page's time)
    unselected = focus is None and not date_from and not date_to and depth >= 0
    H = G if unselected else select_subgraph(G, focus=focus, depth=depth, date_from=date_from, date_to=date_to)
    views: dict[str, Any] = {}
    shown_events = H
    for name in NETWORK_VIEWS:
        shown, total = truncate_view(H, name, max_nodes)
        if name == "events":
            shown_events = shown
        data = view_data(shown, view=name, physics=physics)  # type: ignore[arg-type]
        data["total"] = total
        data["banner"] = _banner(name, len(data["nodes"]), total, focus)
        views[name] = data
    payload = {
        "title": title,
        "views": views,
        # the timeline, the map and the dossiers read the events the event network draws
        "tables": page_tables(shown_events),
        "initialView": view,
        "focus": [node_id(n) for n in match_focus(H, focus)] if focus else [],
        "subtitle": _subtitle(G, H, focus, depth, date_from, date_to),
        "legend": legend(),
        "statuses": sorted({d.get("status") or "occurred" for _, d in H.nodes(data=True)
                            if d.get("kind") == "event"}),
        "iterations": STABILIZATION_ITERATIONS,
    }
    from markupsafe import Markup  # with jinja2

    libraries, own = library_scripts(), page_scripts()
    return _page_template().render(
        title=title,
        # the page runs only its own scripts: an injected one would be refused
        script_hashes=csp_hashes(libraries + own),
        styles=[Markup(css) for css in styles()],
        scripts=[Markup(js) for js in libraries + own],
        payload=Markup(encode_script_json(payload)),
        world=Markup(_world_json()),
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


# --- helpers: the template and the atlas --------------------------------------------------------------
@lru_cache(maxsize=1)
def _world_json() -> str:
    return encode_script_json(json.loads(world_atlas()))


@lru_cache(maxsize=1)
def _page_template() -> Any:
    import jinja2  # a dependency of pyvis

    text = resources.files("kg").joinpath("templates", "graph.html.j2").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True, keep_trailing_newline=True).from_string(text)
