"""Benchmark kg.export.html: page generation in Python, and time to a stable drawing of each view.

Usage::

    python benchmarks/bench_html.py [--sizes 100 1000 5000] [--physics auto|on|off] [--repeat 3]
                                    [--views events actors timeline map]

For each size, a synthetic event graph of about that many nodes (40 % entities with a
skewed number of events each, 60 % meetings and statements, some affiliations, places at
real cities) is drawn with :func:`kg.export.html.render_html` (``max_nodes`` set above the
size, so nothing is cut) and opened in headless chromium from ``file://`` with network
requests refused, once per view with that view shown first. Columns:

- ``generate``: ``render_html`` wall time (selection, layout, tables and template);
- one column per view: from navigation start to the page's ``window.kgStable`` for that
  view (networks: physics finished and switched off, or the first frame of a precomputed
  layout, label budget applied; timeline: 300 ms without a redraw, timed at the last one;
  map: outlines, links and places drawn);
- ``redraw``: median of 5 synchronous ``network.redraw()`` calls of the event network
  (each followed by a 1-pixel ``getImageData`` so the canvas is really rasterised), the
  cost of every pan, zoom and hover frame.

How it was measured for the README: on the 2-core machine shared with other work, one
chromium, runs in sequence, medians of ``--repeat`` runs.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.graph import build_graph
from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
_TYPES = ["PERSON"] * 5 + ["ORG"] * 2 + ["GPE"] * 2 + ["LOC", "NORP", "FAC"]
VIEWS = ("events", "actors", "timeline", "map")
# real places, so that the map has points (their GeoNames ids are looked up once)
_CITIES = ("Geneva", "Nairobi", "Moscow", "Beijing", "Washington", "Brussels", "Addis Ababa", "Doha",
           "Jakarta", "Brasilia", "Canberra", "Tokyo", "New Delhi", "Cairo", "Ankara", "Paris", "Berlin",
           "Riyadh", "Seoul", "Ottawa", "Mexico City", "Pretoria", "Kyiv", "Warsaw", "Rome", "Madrid")


def synthetic_graph(n_nodes: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """An event graph of ``n_nodes`` nodes shaped like news: a few actors in many events."""
    from kg.extraction import gazetteer

    rnd = random.Random(seed)
    n_entities = max(4, int(n_nodes * 0.4))
    n_events = n_nodes - n_entities
    cities = [gazetteer.geonames_iri(place.geonames_id) for name in _CITIES
              if (place := gazetteer.lookup_place(name)) and place.geonames_id]
    entities = [Entity(f"e:{i}", f"Actor {i}", kind,
                       same_as=(cities[i % len(cities)],) if kind == "GPE" else ())
                for i, kind in ((i, _TYPES[i % len(_TYPES)]) for i in range(n_entities))]
    actors = [e for e in entities if e.type in ("PERSON", "ORG", "GPE")]
    places = [e for e in entities if e.type in ("GPE", "LOC", "FAC")]
    persons = [e for e in entities if e.type == "PERSON"]
    bodies = [e for e in entities if e.type in ("ORG", "GPE")]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(actors))]  # Zipf-like fame
    extractions = []
    for start in range(0, max(n_events, 1), 5):
        month, day = 1 + start % 12, 1 + start % 28
        doc = Document(id=f"d{start:06d}", text="x" * 400, title=f"Article {start}",
                       published=f"2023-{month:02d}-{day:02d}")
        events = []
        for j in range(start, min(n_events, start + 5)):
            evidence = Evidence(doc.id, 0, 40, f"Sentence {j} of {doc.title}.")
            if rnd.random() < 0.6:
                people = {a.id for a in rnd.choices(actors, weights, k=rnd.choice([2, 2, 2, 3, 4]))}
                events.append(Event(
                    f"meeting:{j:06d}", "meeting", "meet", evidence, participants=tuple(sorted(people)),
                    location=rnd.choice(places).id if rnd.random() < 0.5 else None,
                    date=doc.published, status=rnd.choice(["occurred"] * 5 + ["planned", "cancelled"])))
            else:
                speaker = rnd.choices(actors, weights)[0].id
                events.append(Event(f"statement:{j:06d}", "statement", "say", evidence,
                                    speaker=speaker, date=doc.published, quote="We agree."))
        affiliations = ()
        if persons and bodies and rnd.random() < 0.5:
            affiliations = (Affiliation(rnd.choice(persons).id, rnd.choice(bodies).id,
                                        Evidence(doc.id, 0, 10, "Minister X."), role="minister"),)
        extractions.append(Extraction(doc, tuple(entities) if start == 0 else (),
                                      tuple(events), affiliations))
    return build_graph(extractions)


def measure(sizes: list[int], physics: bool | None, repeat: int,
            views: tuple[str, ...] = VIEWS) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    from kg.export.html import render_html

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in sizes:
            G = synthetic_graph(size)
            runs = []
            for _ in range(repeat):
                run: dict[str, object] = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "errors": 0}
                for view in views:
                    t = time.perf_counter()
                    page_html = render_html(G, title=f"bench {size}", max_nodes=size + 1,
                                            physics=physics, view=view)
                    generate = time.perf_counter() - t
                    run["generate_s"] = min(generate, run.get("generate_s", generate))  # type: ignore[type-var]
                    run["html_mb"] = len(page_html.encode()) / 1e6
                    path = Path(tmp) / f"bench-{size}-{view}.html"
                    path.write_text(page_html, encoding="utf-8")
                    stable, extra, errors = _open(browser, path, view)
                    run[f"{view}_s"] = stable
                    run.update(extra)
                    run["errors"] = int(run["errors"]) + errors  # type: ignore[call-overload]
                runs.append(run)
                print(_format([run], views, header=False), file=sys.stderr, flush=True)
            # the median run of each column (the machine drifts; see PERFORMANCE.md)
            row = dict(runs[0])
            for key in ["generate_s", "redraw_ms", *(f"{v}_s" for v in views)]:
                if key in row:
                    row[key] = statistics.median(run[key] for run in runs)  # type: ignore[type-var]
            row["errors"] = max(int(run["errors"]) for run in runs)  # type: ignore[call-overload]
            rows.append(row)
        browser.close()
    return rows


def _open(browser, path: Path, view: str) -> tuple[float, dict[str, object], int]:
    """Open the page offline with ``view`` shown first; time to stable, and what was drawn."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri())
    page.wait_for_function("v => window.kgStable && window.kgStable.view === v", arg=view,
                           timeout=30 * 60_000, polling=100)
    stable = page.evaluate("() => window.kgStable.ms") / 1000
    extra: dict[str, object] = {}
    if view == "events":
        # getImageData forces chromium to rasterise the recorded canvas operations
        extra["redraw_ms"] = statistics.median(page.evaluate("""() => { const out = [];
            const ctx = document.querySelector("#kg-network canvas").getContext("2d");
            for (let i = 0; i < 5; i++) { const t = performance.now();
              window.kgNetwork.redraw(); ctx.getImageData(0, 0, 1, 1);
              out.push(performance.now() - t); }
            return out; }"""))
        extra["drawn"] = page.evaluate("() => window.kgNetwork.body.data.nodes.getIds().length")
        extra["layout"] = "physics" if page.evaluate("() => window.kgView.spec.physics") else "precomputed"
    elif view == "timeline":
        extra["timeline_items"] = page.evaluate("() => window.kg.timeline.datedItems()")
    elif view == "map":
        extra["map_places"] = page.evaluate("() => window.kgMap.spots().length")
    page.close()
    return stable, extra, len(errors)


def _format(rows: list[dict[str, object]], views: tuple[str, ...] = VIEWS, header: bool = True) -> str:
    lines = []
    if header:
        lines.append("| nodes | edges | drawn, layout | generate (s) | HTML (MB) | "
                     + " | ".join(f"{v} stable (s)" for v in views) + " | redraw (ms) | console errors |")
        lines.append("|---:|---:|---|---:|---:|" + "---:|" * len(views) + "---:|---:|")
    for r in rows:
        cells = [f"{r['nodes']:,}", f"{r['edges']:,}", f"{r.get('drawn', '')} {r.get('layout', '')}".strip(),
                 f"{r['generate_s']:.2f}", f"{r['html_mb']:.1f}"]
        cells += [f"{r[f'{v}_s']:.2f}" for v in views]
        cells += [f"{r['redraw_ms']:.0f}" if "redraw_ms" in r else "", str(r["errors"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--physics", choices=["auto", "on", "off"], default="auto")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; medians shown")
    parser.add_argument("--views", nargs="+", choices=VIEWS, default=list(VIEWS))
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM}: not found; install it with apt-get install chromium", file=sys.stderr)
        return 2
    physics = {"auto": None, "on": True, "off": False}[args.physics]
    views = tuple(args.views)
    print(_format(measure(args.sizes, physics, args.repeat, views), views))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
