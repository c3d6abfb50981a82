"""The page's scripts, styles and data files, read from the package and made safe to inline.

vis-network comes from pyvis's package files; the other libraries are vendored from npm
into ``kg/templates/lib/`` (``scripts/vendor_js.py``, with their licence files); kg's own
JavaScript is in ``kg/templates/js/``, one file per concern, loaded in :data:`PAGE_SCRIPTS`
order. Nothing is fetched at run time.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["LIBRARIES", "PAGE_SCRIPTS", "csp_hashes", "library_scripts", "page_scripts", "styles", "world_atlas"]

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
#: vendored libraries inlined after vis-network, in load order (d3-geo needs d3-array)
LIBRARIES = ("vis-timeline-8.5.4/vis-timeline-graph2d.min.js", "d3-array-3.2.5/d3-array.min.js",
             "d3-geo-3.1.2/d3-geo.min.js", "topojson-client-3.1.0/topojson-client.min.js")
_WORLD = "world-atlas-2.0.2/countries-110m.json"
_TIMELINE_CSS = "vis-timeline-8.5.4/vis-timeline-graph2d.min.css"
#: kg's own scripts, in load order: each defines its part of ``window.kg``; app.js starts the page
PAGE_SCRIPTS = ("common.js", "filters.js", "network.js", "timeline.js", "map.js", "dossier.js", "app.js")


@lru_cache(maxsize=1)
def library_scripts() -> tuple[str, ...]:
    """vis-network, then the vendored libraries, each safe inside a ``<script>`` element."""
    folder = _pyvis_folder()
    scripts = [(folder / "vis-network.min.js").read_text(encoding="utf-8")]
    scripts += [_read("lib", name) for name in LIBRARIES]
    return tuple(_inline_js(js) for js in scripts)


@lru_cache(maxsize=1)
def page_scripts() -> tuple[str, ...]:
    return tuple(_inline_js(_read("js", name)) for name in PAGE_SCRIPTS)


@lru_cache(maxsize=1)
def styles() -> tuple[str, ...]:
    """vis-network's and vis-timeline's CSS, safe inside ``<style>``."""
    css = [(_pyvis_folder() / "vis-network.css").read_text(encoding="utf-8"), _read("lib", _TIMELINE_CSS)]
    return tuple(re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE) for text in css)


@lru_cache(maxsize=1)
def world_atlas() -> str:
    """Natural Earth's 1:110m country outlines (TopoJSON), as world-atlas ships them."""
    return _read("lib", _WORLD)


def csp_hashes(scripts: tuple[str, ...]) -> str:
    """The Content-Security-Policy ``script-src`` sources that allow exactly these scripts."""
    return " ".join(f"'sha256-{_sha256(text)}'" for text in scripts)


def _inline_js(js: str) -> str:
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    return re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)  # no .map to fetch


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _read(*parts: str) -> str:
    return resources.files("kg").joinpath("templates", *parts).read_text(encoding="utf-8")


def _pyvis_folder() -> Path:
    spec = importlib.util.find_spec("pyvis")  # locate without importing pyvis (and IPython)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: kg.export.html inlines its vis-network files")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
