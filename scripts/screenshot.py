"""Screenshot a kg graph page in headless chromium, for the README.

Usage::

    python scripts/screenshot.py OUTPUT_PNG [HTML] [--view actors|timeline|map] [--width 1400] [--height 860]
    python scripts/screenshot.py docs/ --all --demo output/demo.html   # the README's pictures

HTML defaults to ``output/graph.html`` (written by ``kg`` or :func:`kg.export.html.write_html`).
The page is opened from ``file://`` with every other request refused, and the picture is
taken once the layout is stable (``window.kgStable``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def demo_graph():
    """A small made-up graph (fictional people, real places) that shows every kind of node."""
    from kg.extraction import gazetteer
    from kg.graph import build_graph
    from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction

    people = {
        "solberg": ("Ingrid Solberg", "PERSON"), "mwangi": ("Daniel Mwangi", "PERSON"),
        "pereira": ("Lucas Pereira", "PERSON"), "tanaka": ("Aiko Tanaka", "PERSON"),
        "costa": ("Maria Costa", "PERSON"), "okoye": ("Samuel Okoye", "PERSON"),
        "haile": ("Ruth Haile", "PERSON"),
        "un": ("United Nations", "ORG"), "au": ("African Union", "ORG"),
        "wto": ("World Trade Organization", "ORG"), "norway": ("Norway", "GPE"),
        "kenya": ("Kenya", "GPE"), "brazil": ("Brazil", "GPE"), "japan": ("Japan", "GPE"),
        "ethiopia": ("Ethiopia", "GPE"), "geneva": ("Geneva", "GPE"), "nairobi": ("Nairobi", "GPE"),
        "tokyo": ("Tokyo", "GPE"), "brasilia": ("Brasilia", "GPE"), "addis": ("Addis Ababa", "GPE"),
        "palais": ("Palais des Nations", "FAC"), "horn": ("Horn of Africa", "LOC"),
        "norwegian": ("Norwegian", "NORP"), "kenyan": ("Kenyan", "NORP"),
    }

    def same_as(name: str, kind: str) -> tuple[str, ...]:  # real places carry their GeoNames ids
        place = gazetteer.lookup_place(name) if kind in ("GPE", "LOC") else None
        return (gazetteer.geonames_iri(place.geonames_id),) if place and place.geonames_id else ()

    entities = tuple(Entity(f"e:{k}", name, kind, same_as=same_as(name, kind)) for k, (name, kind) in people.items())
    # (doc, date, kind, subtype, actors, location, status, sentence, quote)
    facts = [
        ("a", "2024-03-04", "meeting", "talks", ("solberg", "mwangi"), "nairobi", "occurred",
         "Solberg met Mwangi in Nairobi on Monday.", None),
        ("a", "2024-03-04", "statement", "agree", ("mwangi",), None, "occurred",
         "Mwangi said the two sides agreed on a joint plan.", "We agreed on a joint plan."),
        ("a", "2024-03-05", "meeting", "talks", ("solberg", "okoye"), "nairobi", "occurred",
         "Solberg also held talks with Okoye of the African Union.", None),
        ("b", "2024-03-12", "meeting", "talks", ("costa", "solberg", "pereira"), "palais", "occurred",
         "Costa hosted Solberg and Pereira at the Palais des Nations.", None),
        ("b", "2024-03-12", "statement", "support", ("costa",), None, "occurred",
         "Costa told reporters she backed a ceasefire.", "A ceasefire is within reach."),
        ("b", "2024-04", "meeting", "meet", ("costa", "mwangi"), "geneva", "planned",
         "Costa is expected to meet Mwangi in Geneva in April.", None),
        ("c", "2024-03-20", "meeting", "talks", ("pereira", "tanaka"), "tokyo", "occurred",
         "Pereira and Tanaka discussed trade rules in Tokyo.", None),
        ("c", "2024-03-21", "statement", "support", ("tanaka",), None, "occurred",
         "Tanaka said Japan would back the proposal.", "Japan will back the proposal."),
        ("c", "2024-03-22", "meeting", "talks", ("pereira", "tanaka", "costa"), "geneva", "cancelled",
         "A three-way meeting in Geneva was called off.", None),
        ("c", None, "statement", "criticize", ("pereira",), None, "occurred",
         "Pereira criticised the delay in the trade talks.", "This delay helps no one."),
        ("d", "2024-03-28", "meeting", "visit", ("okoye", "mwangi", "haile"), "addis", "occurred",
         "Okoye and Mwangi visited Addis Ababa, where Haile received them.", None),
        ("d", "2024-03-28", "statement", "demand", ("okoye",), None, "uncertain",
         "Okoye reportedly called for aid corridors in the Horn of Africa.", None),
        ("d", "2024-04-02", "meeting", "talks", ("solberg", "mwangi"), "geneva", "occurred",
         "Solberg and Mwangi met again in Geneva.", None),
        ("e", "2024-04-09", "meeting", "phone", ("tanaka", "solberg"), None, "occurred",
         "Tanaka spoke to Solberg by phone about the Norwegian plan.", None),
        ("e", "2024-04-10", "statement", "statement", ("solberg",), None, "occurred",
         "Solberg said the Norwegian plan had broad support.", "The plan has broad support."),
        ("e", "2024-04-15", "meeting", "visit", ("pereira", "haile"), "brasilia", "planned",
         "Haile plans to visit Pereira in Brasilia next week.", None),
    ]
    posts = [("solberg", "norway", "foreign minister", True), ("mwangi", "kenya", "foreign minister", True),
             ("pereira", "brazil", "foreign minister", True), ("tanaka", "japan", "envoy", True),
             ("costa", "un", "special envoy", True), ("okoye", "au", "commissioner", True),
             ("pereira", "wto", "delegate", False), ("haile", "ethiopia", "foreign minister", True)]
    docs = {"a": ("Norway and Kenya hold talks", "2024-03-05"), "b": ("UN envoy hosts Geneva round", "2024-03-12"),
            "c": ("Trade talks stall", "2024-03-22"), "d": ("AU mission to Addis Ababa", "2024-03-29"),
            "e": ("Norwegian plan gains support", "2024-04-10")}
    extractions = []
    for key, (title, published) in docs.items():
        mine = [f for f in facts if f[0] == key]
        doc = Document(f"doc-{key}", " ".join(f[7] for f in mine), title=title, published=published,
                       url=f"https://news.example.org/{key}")
        events, offset = [], 0
        for i, (_, day, kind, subtype, actors, place, status, sentence, quote) in enumerate(mine):
            ev = Evidence(doc.id, offset, offset + len(sentence), sentence)
            offset += len(sentence) + 1
            ids = tuple(f"e:{a}" for a in actors)
            events.append(Event(
                f"{kind}:{key}{i}", kind, subtype, ev,
                participants=ids if kind == "meeting" else (), speaker=ids[0] if kind == "statement" else None,
                location=f"e:{place}" if place else None, date=day, status=status, quote=quote))
        affs = tuple(Affiliation(f"e:{p}", f"e:{o}", Evidence(doc.id, 0, 1, f"{people[p][0]}, {role}"),
                                 role=role, current=current) for p, o, role, current in posts if key == "a")
        used = {a for e in events for a in (*e.participants, e.speaker, e.location) if a}
        used |= {x for a in affs for x in (a.person, a.organization)}
        if key == "a":
            used |= {"e:norwegian", "e:kenyan", "e:horn"}
        mentioned = tuple(e for e in entities if e.id in used)
        extractions.append(Extraction(doc, mentioned, tuple(events), affs))
    return build_graph(extractions)


#: the README's pictures: (file, view, what to open on top of it)
SHOTS = (("view-events.png", "events", None), ("view-actors.png", "actors", None),
         ("view-timeline.png", "timeline", None), ("view-map.png", "map", "place:Geneva"),
         ("view-dossier.png", "actors", "dossier:Daniel Mwangi"))


def screenshot(html: Path, shots: list[tuple[Path, str | None, str | None]], *, width: int = 1400,
               height: int = 860, timeout_ms: int = 120_000) -> list[str]:
    """Render ``html`` and save one PNG per shot; return the requests that were refused.

    A shot is (PNG path, view or None for the page's first view, what to open or None):
    ``dossier:NAME`` opens an actor's dossier, ``place:NAME`` a place's meetings on the map.
    """
    from playwright.sync_api import sync_playwright

    refused: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=1)

            def route(r):  # offline: only the file itself
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    refused.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(html.resolve().as_uri())
            page.wait_for_function("() => window.kgStable", timeout=timeout_ms)
            for output, view, extra in shots:
                page.click("#kg-reset")
                page.evaluate("() => { document.getElementById('kg-side').scrollTop = 0; }")
                if view:
                    page.evaluate("v => window.kgSetView(v)", view)
                    page.wait_for_function("v => window.kgStable && window.kgStable.view === v",
                                           arg=view, timeout=timeout_ms)
                if extra and extra.startswith("dossier:"):
                    page.fill("#kg-search-input", extra.split(":", 1)[1])
                    page.press("#kg-search-input", "Enter")
                elif extra and extra.startswith("place:"):
                    page.wait_for_selector("#kg-map circle.kg-place")
                    page.evaluate("""name => { const spot = window.kgMap.spots().find(s => s.names.includes(name));
                        if (spot) spot.node.dispatchEvent(new MouseEvent("click", {bubbles: true})); }""",
                                  extra.split(":", 1)[1])
                page.wait_for_timeout(600)
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output))
        finally:
            browser.close()
    return refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="PNG file to write, or with --all the folder for them")
    parser.add_argument("html", type=Path, nargs="?", default=Path("output/graph.html"))
    parser.add_argument("--view", choices=["events", "actors", "timeline", "map"], default=None)
    parser.add_argument("--all", action="store_true",
                        help="write the README's pictures of every view (" + ", ".join(f for f, _, _ in SHOTS) + ")")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--demo", type=Path, default=None, metavar="HTML_OUT",
                        help="first write kg's made-up demo graph to HTML_OUT, and shoot that")
    args = parser.parse_args(argv)
    if args.demo:
        from kg.export.html import write_html

        args.html = write_html(demo_graph(), args.demo, title="Diplomatic events (demo data)")
    if not args.html.is_file():
        print(f"{args.html}: no such file; write one with kg.export.html.write_html", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM}: not found; install it with apt-get install chromium", file=sys.stderr)
        return 2
    shots = ([(args.output / name, view, extra) for name, view, extra in SHOTS] if args.all
             else [(args.output, args.view, None)])
    refused = screenshot(args.html, shots, width=args.width, height=args.height)
    for url in refused:
        print(f"refused a network request: {url}", file=sys.stderr)
    for output, _, _ in shots:
        print(output)
    return 1 if refused else 0


if __name__ == "__main__":
    raise SystemExit(main())
