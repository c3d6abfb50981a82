"""The interactive page: a self-contained, offline HTML view of the graph.

- :mod:`kg.export.html.view`: the vis-network data of the two network views (shapes,
  colours, labels, tooltips);
- :mod:`kg.export.html.layout`: precomputed positions, so large graphs draw without physics;
- :mod:`kg.export.html.tables`: the facts the timeline, the map and the dossiers read;
- :mod:`kg.export.html.assets`: the inlined libraries, styles, atlas and kg's own scripts
  (``kg/templates/js/``, one file per view);
- :mod:`kg.export.html.page`: the page itself (:func:`render_html`, :func:`write_html`,
  :func:`show` in a notebook);
- :mod:`kg.export.html.document`: one parsed document's entities and events marked up in
  its text (:func:`show_doc`, displaCy's span style).
"""
from __future__ import annotations

from kg.export.html.document import render_doc, show_doc
from kg.export.html.page import MAX_NODES, encode_script_json, render_html, show, write_html
from kg.export.html.view import PHYSICS_LIMIT, to_pyvis, view_data

__all__ = ["MAX_NODES", "PHYSICS_LIMIT", "encode_script_json", "render_doc", "render_html", "show", "show_doc",
           "to_pyvis", "view_data", "write_html"]
