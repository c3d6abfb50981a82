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
:data:`kg.export.html.view.PHYSICS_LIMIT` nodes gets precomputed positions and no physics, and above
``max_nodes`` only the most connected nodes are drawn, with a banner saying so.
"""
from __future__ import annotations

import base64
import hashlib
import html as _html
import importlib.util
import json
import os
import re
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_text
from kg.export.html.view import STABILIZATION_ITERATIONS, VIEWS, View, legend, node_id, view_data
from kg.graph.select import match_focus, select_subgraph, truncate_view

__all__ = ["MAX_NODES", "encode_script_json", "render_html", "show", "write_html"]


#: Default node limit per view: above it only the most connected nodes are drawn.
#: Measured (benchmarks/bench_html.py): a full redraw (every pan, zoom and hover frame)
#: takes ~30 ms at 1,000 nodes, ~60 ms at 2,000-3,000, 80-180 ms at 5,000 and 240-350 ms at
#: 10,000: beyond 3,000 chromium drops under ~15 frames a second and panning stutters.
MAX_NODES = 3000


_VIS_DIR = ("templates", "lib", "vis-9.1.2")
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
    H = select_subgraph(G, focus=focus, depth=depth, date_from=date_from, date_to=date_to)
    views: dict[str, Any] = {}
    for name in VIEWS:
        shown, total = truncate_view(H, name, max_nodes)
        data = view_data(shown, view=name, physics=physics)  # type: ignore[arg-type]
        data["total"] = total
        data["banner"] = _banner(name, len(data["nodes"]), total, focus)
        views[name] = data
    payload = {
        "title": title,
        "views": views,
        "initialView": view,
        "focus": [node_id(n) for n in match_focus(H, focus)] if focus else [],
        "subtitle": _subtitle(G, H, focus, depth, date_from, date_to),
        "legend": legend(),
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


# --- helpers: assets -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from pyvis's package files, made safe to inline."""
    spec = importlib.util.find_spec("pyvis")  # locate without importing pyvis (and IPython)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: kg.export.html inlines its vis-network files")
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

