"""Tests of kg.export.html: the data put in the page, its escaping, and the page in chromium."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.export.html import encode_script_json, render_html, show, to_pyvis, view_data, write_html
from kg.export.html.assets import library_scripts, page_scripts, styles
from kg.graph import keep_most_connected, select_subgraph
from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL_IMG = "<img src=x onerror=window.__pwned=1>"
EVIL_SCRIPT = "</script><script>window.__pwned=2</script>"
KABUL, GENEVA = "https://sws.geonames.org/1138958/", "https://sws.geonames.org/2660646/"


# --- graphs built by hand ----------------------------------------------------------------
def _evidence(doc: Document, sentence: str) -> Evidence:
    start = doc.text.find(sentence)
    return Evidence(doc.id, max(start, 0), max(start, 0) + len(sentence), sentence)


def small_graph() -> nx.MultiDiGraph:
    """Two articles: Lavrov meets Karzai and speaks; Blinken and Lavrov plan, then cancel."""
    d1 = Document("d1", "Lavrov met Karzai in Kabul. Lavrov said: 'We agree.'",
                  title="Talks in Kabul", published="2023-05-02", url="https://news.example.org/kabul")
    d2 = Document("d2", "Blinken will meet Lavrov in Geneva. Talks at the Palais were cancelled.",
                  title="Geneva plans", published="2023-06-10", url="javascript:alert(1)")
    people1 = (Entity("person:lavrov", "Sergey Lavrov", "PERSON", aliases=("Lavrov",)),
               Entity("person:karzai", "Hamid Karzai", "PERSON"),
               Entity("gpe:kabul", "Kabul", "GPE", same_as=(KABUL,)),
               Entity("org:mfa", "Russian Foreign Ministry", "ORG"),
               Entity("norp:russian", "Russian", "NORP"))
    people2 = (Entity("person:lavrov", "Sergey Lavrov", "PERSON"),
               Entity("person:blinken", "Antony Blinken", "PERSON"),
               Entity("gpe:geneva", "Geneva", "GPE", same_as=(GENEVA,)),
               Entity("fac:palais", "Palais des Nations", "FAC"),
               Entity("org:state", "State Department", "ORG"))
    events1 = (
        Event("meeting:1", "meeting", "meet", _evidence(d1, "Lavrov met Karzai in Kabul."),
              participants=("person:lavrov", "person:karzai"), location="gpe:kabul",
              date="2023-05-02"),
        Event("statement:1", "statement", "say", _evidence(d1, "Lavrov said: 'We agree.'"),
              speaker="person:lavrov", date="2023-05-02", quote="We agree."),
    )
    events2 = (
        Event("meeting:2", "meeting", "meet", _evidence(d2, "Blinken will meet Lavrov in Geneva."),
              participants=("person:blinken", "person:lavrov"), location="gpe:geneva",
              date="2023-06", status="planned"),
        Event("meeting:3", "meeting", "talks",
              _evidence(d2, "Talks at the Palais were cancelled."),
              participants=("person:blinken", "person:lavrov"), location="fac:palais",
              date="2023-06-12", status="cancelled"),
    )
    aff1 = (Affiliation("person:lavrov", "org:mfa", _evidence(d1, "Lavrov"),
                        role="foreign minister"),)
    aff2 = (Affiliation("person:blinken", "org:state", _evidence(d2, "Blinken"),
                        role="secretary of state"),)
    return build_graph([Extraction(d1, people1, events1, aff1),
                        Extraction(d2, people2, events2, aff2)])


def evil_graph() -> nx.MultiDiGraph:
    """An article whose text, title and names try to inject markup and script."""
    sentence = f"Smith met {EVIL_IMG} and said {EVIL_SCRIPT}."
    doc = Document("evil", sentence, title=f"Title {EVIL_SCRIPT}", published="2023-01-01",
                   url="https://example.org/a?q=\"><svg/onload=window.__pwned=3>")
    ents = (Entity("person:smith", "Smith", "PERSON"),
            Entity("person:evil", f"Mr {EVIL_IMG}", "PERSON"),
            Entity("gpe:evil", f"Kabul {EVIL_IMG}", "GPE", same_as=(KABUL,)),
            Entity("org:evil", f"Ministry {EVIL_SCRIPT}", "ORG"))
    ev = Evidence("evil", 0, len(sentence), sentence)
    events = (Event("meeting:evil", "meeting", "meet", ev, location="gpe:evil",
                    participants=("person:smith", "person:evil"), date="2023-01-01"),
              Event("statement:evil", "statement", "say", ev, speaker="person:smith",
                    quote=f"{EVIL_SCRIPT} \u2028 {EVIL_IMG}", date="2023-01-01"))
    post = (Affiliation("person:evil", "org:evil", ev, role=f"envoy {EVIL_IMG}"),)
    return build_graph([Extraction(doc, ents, events, post)])


def chain_graph(n_people: int) -> nx.MultiDiGraph:
    """People 0..n-1; person i meets person i+1 (one meeting each, one document each)."""
    extractions = []
    for i in range(n_people - 1):
        doc = Document(f"d{i:04d}", f"P{i} met P{i + 1}.", title=f"Article {i}",
                       published=f"2023-{1 + i % 12:02d}-01")
        ents = (Entity(f"p:{i:04d}", f"Person {i}", "PERSON"),
                Entity(f"p:{i + 1:04d}", f"Person {i + 1}", "PERSON"))
        ev = Event(f"m:{i:04d}", "meeting", "meet", Evidence(doc.id, 0, len(doc.text), doc.text),
                   participants=(f"p:{i:04d}", f"p:{i + 1:04d}"), date=doc.published)
        extractions.append(Extraction(doc, ents, (ev,)))
    return build_graph(extractions)


def payload_of(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no JSON data block in the page"
    return json.loads(match.group(1))


#: the page's script elements: the data and the atlas (JSON), the libraries, kg's own
SCRIPTS = 2 + len(library_scripts()) + len(page_scripts())


def _script_elements(page: str) -> int:
    class Counter(HTMLParser):
        count = 0

        def handle_starttag(self, tag, attrs):
            self.count += tag == "script"

    parser = Counter()
    parser.feed(page)
    return parser.count


# --- escaping ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    EVIL_IMG, EVIL_SCRIPT, "<!-- x", "a & b", "line\u2028sep\u2029para", "</SCRIPT >", "]]>",
])
def test_html_encode_script_json_escapes_markup(text):
    encoded = encode_script_json({"t": text, "list": [text]})
    assert not set("<>&") & set(encoded)
    assert "\u2028" not in encoded and "\u2029" not in encoded
    assert json.loads(encoded) == {"t": text, "list": [text]}


def test_html_page_holds_article_text_only_escaped():
    page = render_html(evil_graph(), title=f"Graph {EVIL_SCRIPT}")
    assert EVIL_IMG not in page
    assert EVIL_SCRIPT not in page
    assert "window.__pwned" in page  # the text is there, but only inside JSON strings
    assert _script_elements(page) == SCRIPTS
    assert "\\u003cimg src=x onerror=window.__pwned=1\\u003e" in page
    assert "<title>Graph &lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;</title>" in page
    data = payload_of(page)
    texts = json.dumps(data, ensure_ascii=False)
    assert EVIL_IMG in texts and EVIL_SCRIPT in texts  # nothing lost: shown as text


def test_html_page_is_self_contained():
    page = render_html(small_graph())
    assert not re.search(r"<script[^>]+src=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "@import" not in page
    assert re.search(r"url\((?!\"?data:)", page) is None  # CSS images are data: URIs only
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vis-network" in page and "9.1.2" in page


def test_html_inlined_vis_shows_string_titles_as_text():
    # vis-network 9.1 puts a string title into the tooltip with innerText; kg relies on it
    js, css = library_scripts()[0], styles()[0]
    assert "this.frame.innerText=t" in js
    for script in library_scripts() + page_scripts():
        assert "</script" not in script.lower()
    assert all("</style" not in text.lower() for text in styles())


# --- view data ---------------------------------------------------------------------------
def test_html_view_data_events_styles_and_evidence():
    G = small_graph()
    data = view_data(G, view="events")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(G)
    assert (nodes["person:lavrov"]["shape"], nodes["org:mfa"]["shape"]) == ("dot", "square")
    assert {nodes["gpe:kabul"]["cat"], nodes["fac:palais"]["cat"], nodes["norp:russian"]["cat"]} \
        == {"GPE", "LOC/FAC", "NORP"}
    assert (nodes["meeting:1"]["shape"], nodes["statement:1"]["shape"]) == ("diamond", "star")
    assert nodes["person:lavrov"]["label"] == "Sergey Lavrov"
    # size by degree: Lavrov is in every event
    assert nodes["person:lavrov"]["size"] > nodes["person:karzai"]["size"]
    title = nodes["statement:1"]["title"]
    for expected in ("Lavrov said: 'We agree.'", "Talks in Kabul (2023-05-02)", "\u201cWe agree.\u201d",
                     "Speaker: Sergey Lavrov"):
        assert expected in title
    assert "(cancelled)" in nodes["meeting:3"]["title"]
    assert "<" not in title and "\n" in title  # plain text, one fact a line
    labels = {(e["from"], e["to"]): e["label"] for e in data["edges"]}
    assert labels[("meeting:1", "person:karzai")] == "participant"
    assert labels[("meeting:1", "gpe:kabul")] == "location"
    assert labels[("statement:1", "person:lavrov")] == "speaker"
    assert labels[("person:lavrov", "org:mfa")] == "foreign minister"
    assert "Lavrov" in next(e["title"] for e in data["edges"] if e["label"] == "foreign minister")


def test_html_view_data_actors_weights_and_filters():
    data = view_data(small_graph(), view="actors")
    assert {n["kind"] for n in data["nodes"]} == {"entity"}
    edges = {frozenset((e["from"], e["to"])): e for e in data["edges"]}
    met = edges[frozenset(("person:blinken", "person:lavrov"))]
    assert met["label"] == "met \u00d72"
    assert sorted(m[2] for m in met["meet"]) == ["cancelled", "planned"]
    assert ["2023-06-01", "2023-06-31"] in [m[:2] for m in met["meet"]]  # a month is a range
    assert met["width"] > edges[frozenset(("person:karzai", "person:lavrov"))]["width"]
    aff = edges[frozenset(("person:lavrov", "org:mfa"))]
    assert (aff["label"], aff["aff"], aff["meet"]) == ("foreign minister", True, [])


def test_html_view_data_filter_fields():
    nodes = {n["id"]: n for n in view_data(small_graph())["nodes"]}
    assert (nodes["meeting:2"]["status"], nodes["meeting:2"]["dlo"], nodes["meeting:2"]["dhi"]) \
        == ("planned", "2023-06-01", "2023-06-31")
    assert nodes["meeting:3"]["color"]["background"] == "#f4f4f4"  # cancelled: pale
    assert "shapeProperties" not in nodes["meeting:3"]
    assert nodes["meeting:2"]["shapeProperties"]["borderDashes"]  # planned: dashed
    assert all(n["kind"] == "entity" or n["cat"] == "meeting" or n["cat"].startswith("statement:")
               for n in nodes.values())


def test_html_physics_only_for_small_graphs():
    small = view_data(small_graph())
    large = view_data(chain_graph(300))  # 599 nodes
    assert small["physics"] and small["options"]["physics"]["enabled"]
    assert small["options"]["physics"]["stabilization"]["iterations"] <= 500
    assert not large["physics"] and large["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in large["nodes"])


def test_html_to_pyvis_fills_network_directly():
    G = small_graph()
    net = to_pyvis(G, view="actors")
    assert net.num_nodes() == sum(1 for _, d in G.nodes(data=True) if d["kind"] == "entity")
    assert len(net.edges) == 4 and net.options["physics"]["enabled"]


# --- selection: focus, depth, dates, truncation ------------------------------------------
@pytest.mark.parametrize(("focus", "depth", "expected"), [
    ("hamid karzai", 0, {"person:karzai"}),
    ("PERSON:KARZAI", 1, {"person:karzai", "meeting:1"}),
    ("Hamid Karzai", 2, {"person:karzai", "meeting:1", "person:lavrov", "gpe:kabul"}),
    ("kabul", 2, {"gpe:kabul", "meeting:1", "person:lavrov", "person:karzai"}),
])
def test_html_select_subgraph_focus_depth(focus, depth, expected):
    assert set(select_subgraph(small_graph(), focus=focus, depth=depth)) == expected


def test_html_select_subgraph_focus_by_alias_and_unknown():
    assert "person:lavrov" in select_subgraph(small_graph(), focus="lavrov", depth=0)
    with pytest.raises(ValueError, match="Hamid Karzai"):
        select_subgraph(small_graph(), focus="Hamid Karzay")


@pytest.mark.parametrize(("date_from", "date_to", "events"), [
    ("2023-06", None, {"meeting:2", "meeting:3"}),
    ("2023-06-11", "2023-06-30", {"meeting:2", "meeting:3"}),  # a month overlaps a day range
    ("2023-06-13", None, {"meeting:2"}),
    (None, "2023-05-31", {"meeting:1", "statement:1"}),
    ("2024", None, set()),
])
def test_html_select_subgraph_dates(date_from, date_to, events):
    H = select_subgraph(small_graph(), date_from=date_from, date_to=date_to)
    assert {n for n, d in H.nodes(data=True) if d["kind"] == "event"} == events
    # entities left without links go; affiliations keep theirs
    if events == {"meeting:2"}:
        assert "person:karzai" not in H and "org:state" in H


@pytest.mark.parametrize(("options", "message"), [
    ({"date_from": "May 2023"}, "date_from 'May 2023': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"date_from": "2031-99-99"}, "date_from '2031-99-99': not a date"),
    ({"date_to": "2031-02-30"}, "date_to '2031-02-30': not a date"),
    ({"date_to": "0000"}, "date_to '0000': not a date"),
    ({"date_from": "2024", "date_to": "2023-12"}, "date_from 2024 is after date_to 2023-12"),
])
def test_html_select_subgraph_rejects_bad_dates(options, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        select_subgraph(small_graph(), **options)


def test_html_keep_most_connected_keeps_hubs():
    G = small_graph()
    H = keep_most_connected(G, 3)
    assert "person:lavrov" in H and H.number_of_nodes() == 3
    assert H.graph["documents"] == G.graph["documents"]


def test_html_truncation_banner():
    G = chain_graph(40)  # 79 nodes: 40 people, 39 meetings
    data = payload_of(render_html(G, max_nodes=25))
    events, actors = data["views"]["events"], data["views"]["actors"]
    assert len(events["nodes"]) == 25 and events["total"] == 79
    assert "25 most connected of 79 nodes" in events["banner"]
    assert len(actors["nodes"]) == 25 and "of 40 actors" in actors["banner"]
    assert payload_of(render_html(G))["views"]["events"]["banner"] is None


def test_html_render_focus_and_dates_in_page():
    data = payload_of(render_html(small_graph(), focus="Antony Blinken", depth=2,
                                  date_from="2023-06-12"))
    ids = {n["id"] for n in data["views"]["events"]["nodes"]}
    assert data["focus"] == ["person:blinken"]
    # meeting:2 is dated 2023-06, which overlaps the range
    assert {"meeting:2", "meeting:3"} <= ids and not {"meeting:1", "statement:1"} & ids
    assert "within 2 steps" in data["subtitle"]


def test_html_empty_graph_renders():
    data = payload_of(render_html(build_graph([])))
    assert data["views"]["events"]["nodes"] == [] and data["statuses"] == []


# --- files and notebooks -----------------------------------------------------------------
def test_html_write_html_is_atomic_utf8(tmp_path):
    target = tmp_path / "out" / "graph.html"
    G = small_graph()
    assert write_html(G, target, title="Gr\u00e4ph") == target
    assert "Gr\u00e4ph" in target.read_bytes().decode("utf-8")
    before = target.read_bytes()
    with pytest.raises(ValueError):
        write_html(G, target, focus="nobody")
    assert target.read_bytes() == before  # a failed write leaves the old page
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temp files


def test_html_show_puts_page_in_isolated_iframe():
    pytest.importorskip("IPython", reason="IPython is needed only for show()")
    shown = show(small_graph(), title="Shown", height=500)
    markup = shown.data
    match = re.fullmatch(r'<div[^>]*><iframe srcdoc="([^"]*)" .*sandbox="allow-scripts".*'
                         r'</iframe></div>', markup, re.S)
    assert match and "height:500px" in markup
    assert "allow-same-origin" not in markup
    assert html.unescape(match.group(1)) == render_html(small_graph(), title="Shown")


# --- in chromium -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened offline, with the requests it tried and the errors it logged."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800},
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("() => window.kgStable", timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def set_view(self, view: str) -> None:
        self.js("v => window.kgSetView(v)", view)
        self.page.wait_for_function("v => window.kgStable && window.kgStable.view === v",
                                    arg=view, timeout=60_000)

    def drawn_nodes(self) -> int:
        ids = self.js("() => window.kgNetwork.body.data.nodes.getIds().length")
        bodies = self.js("() => window.kgNetwork.body.nodeIndices.length")
        assert ids == bodies
        return ids

    def painted_pixels(self) -> int:
        return self.js("""() => { const c = document.querySelector('#kg-network canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")

    def hover(self, node_id: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        box = self.page.locator("#kg-network canvas").bounding_box()
        at = self.js("""id => { const n = window.kgNetwork;
            n.moveTo({position: n.getPositions([id])[id], scale: 1.2, animation: false});
            return n.canvasToDOM(n.getPositions([id])[id]); }""", node_id)
        for dx in (0, 1, 2):
            self.page.mouse.move(box["x"] + at["x"] + dx, box["y"] + at["y"])
            self.page.wait_for_timeout(120)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        return tooltip.inner_text()

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> "Opened":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def assert_clean(self) -> None:
        assert self.requests == [], f"network requests attempted: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.mark.slow
@pytest.mark.parametrize("graph", ["small", "chain600"])
@pytest.mark.parametrize("view", ["events", "actors"])
def test_html_browser_draws_graph_offline(browser, tmp_path, graph, view):
    G = small_graph() if graph == "small" else chain_graph(300)
    path = write_html(G, tmp_path / "graph.html", view=view)
    opened = Opened(browser, path)
    try:
        # isolated entities are hidden until asked for
        expected = sum(1 for n in view_data(G, view=view)["nodes"] if not n.get("iso"))
        assert opened.drawn_nodes() == expected
        assert opened.painted_pixels() > 2_000, "the canvas stayed blank"
        if view == "events":  # the evidence tooltip works with and without physics
            event = "meeting:1" if graph == "small" else "m:0150"
            assert G.nodes[event]["sentence"] in opened.hover(event)
        other = "actors" if view == "events" else "events"
        opened.set_view(other)  # the second view of the same file draws too
        assert opened.painted_pixels() > 2_000
        opened.assert_clean()
    finally:
        opened.close()


@pytest.mark.slow
def test_html_browser_tooltip_shows_evidence(browser, tmp_path):
    path = write_html(small_graph(), tmp_path / "graph.html")
    opened = Opened(browser, path)
    try:
        text = opened.hover("statement:1")
        for expected in ("Lavrov said: 'We agree.'", "Talks in Kabul (2023-05-02)", "We agree."):
            assert expected in text
        assert "Lavrov said" in opened.js("() => document.getElementById('kg-details').textContent")
        opened.assert_clean()
    finally:
        opened.close()


@pytest.mark.slow
@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "no-csp"])
def test_html_browser_article_script_never_runs(browser, tmp_path, bypass_csp):
    # with the page's CSP bypassed, escaping alone must keep the article's script out
    path = write_html(evil_graph(), tmp_path / "evil.html", title=f"T {EVIL_SCRIPT}")
    opened = Opened(browser, path, bypass_csp=bypass_csp)
    try:
        text = opened.hover("meeting:evil")
        assert EVIL_IMG in text  # shown as text
        opened.hover("statement:evil")
        opened.js("() => window.kgFind('Mr')")
        opened.set_view("actors")
        opened.hover("person:evil")
        opened.page.wait_for_timeout(300)
        assert opened.js("() => typeof window.__pwned") == "undefined"
        assert opened.js("() => document.querySelectorAll('img').length") == 0
        assert opened.js("() => document.scripts.length") == SCRIPTS
        assert opened.js("() => document.title") == f"T {EVIL_SCRIPT}"
        opened.assert_clean()
    finally:
        opened.close()


@pytest.mark.slow
def test_html_browser_filters_search_and_focus(browser, tmp_path):
    G = small_graph()
    path = write_html(G, tmp_path / "graph.html", focus="Hamid Karzai")
    opened = Opened(browser, path)
    try:
        assert opened.js("() => window.kgNetwork.getSelectedNodes()") == ["person:karzai"]
        opened.close()
        opened = Opened(browser, write_html(G, tmp_path / "all.html"))
        total = opened.drawn_nodes()
        opened.page.locator("#kg-legend-entities label", has_text="Person").locator("input").uncheck()
        # people gone, and so is what only they linked to: the statement, the ministries
        assert opened.drawn_nodes() == total - 3 - 3
        opened.page.click("#kg-reset")
        assert opened.drawn_nodes() == total
        opened.page.fill("#kg-from", "2023-06-11")
        opened.page.dispatch_event("#kg-from", "change")
        shown_events = opened.js("""() => window.kgNetwork.body.data.nodes.get()
            .filter(n => n.kind === 'event').map(n => n.id).sort()""")
        assert shown_events == ["meeting:2", "meeting:3"]
        opened.page.click("#kg-reset")
        opened.page.fill("#kg-search-input", "blinken")
        opened.page.press("#kg-search-input", "Enter")
        assert opened.js("() => window.kgNetwork.getSelectedNodes()") == ["person:blinken"]
        opened.page.fill("#kg-search-input", "nobody at all")
        opened.page.press("#kg-search-input", "Enter")
        assert opened.page.inner_text("#kg-search-msg") == "not found"
        opened.assert_clean()
    finally:
        opened.close()


@pytest.mark.slow
def test_html_browser_truncation_banner_visible(browser, tmp_path):
    G = chain_graph(40)
    path = write_html(G, tmp_path / "big.html", max_nodes=25)
    opened = Opened(browser, path)
    try:
        assert opened.page.locator("#kg-banner").is_visible()
        assert "25 most connected of 79 nodes" in opened.page.inner_text("#kg-banner")
        drawn = payload_of(path.read_text(encoding="utf-8"))["views"]["events"]["nodes"]
        assert opened.drawn_nodes() == sum(1 for n in drawn if not n.get("iso"))
        opened.page.check("#kg-isolated")  # the rest were isolated by the cut
        assert opened.drawn_nodes() == 25
        opened.assert_clean()
    finally:
        opened.close()


@pytest.mark.slow
def test_html_browser_show_iframe_renders(browser, tmp_path):
    pytest.importorskip("IPython", reason="IPython is needed only for show()")
    G = small_graph()
    frame_page = tmp_path / "notebook.html"
    frame_page.write_text(f"<!DOCTYPE html><html><body>{show(G).data}</body></html>",
                          encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(frame_page.as_uri())
        frame = page.frames[1]
        frame.wait_for_function("() => window.kgStable", timeout=60_000)
        assert frame.evaluate("() => window.kgNetwork.body.data.nodes.getIds().length") \
            == sum(1 for n in view_data(G)["nodes"] if not n.get("iso"))
        assert errors == []
    finally:
        context.close()


# --- the page's tables: what the timeline, the map and the dossier read -------------------
def test_html_tables_events_posts_places_and_links():
    tables = payload_of(render_html(small_graph()))["tables"]
    events = {e["id"]: e for e in tables["events"]}
    assert events["meeting:1"]["who"] == ["person:karzai", "person:lavrov"]
    assert (events["meeting:1"]["place"], events["meeting:2"]["dlo"], events["meeting:2"]["dhi"]) \
        == ("gpe:kabul", "2023-06-01", "2023-06-31")
    assert (events["statement:1"]["who"], events["statement:1"]["quote"], events["statement:1"]["cat"]) \
        == (["person:lavrov"], "We agree.", "statement:statement")
    lavrov = tables["entities"]["person:lavrov"]
    assert lavrov["posts"][0]["org"] == "org:mfa" and lavrov["posts"][0]["title"] == "foreign minister"
    assert lavrov["docs"] == ["d1", "d2"]
    kabul = tables["entities"]["gpe:kabul"]
    assert kabul["country"] == "AF" and round(kabul["lat"], 1) == 34.5 and tables["iso"]["AF"] == "004"
    assert "lat" not in tables["entities"]["fac:palais"]  # no GeoNames id: no point guessed
    assert tables["documents"]["d1"]["url"] == "https://news.example.org/kabul"
    assert tables["documents"]["d2"]["url"] is None  # javascript: is never a link


def test_html_statements_by_kind_and_isolated_flag():
    nodes = {n["id"]: n for n in view_data(small_graph())["nodes"]}
    assert nodes["statement:1"]["label"] == "Sergey Lavrov \u00b7 statement\n2023-05-02"
    assert nodes["norp:russian"].get("iso") and not nodes["person:lavrov"].get("iso")
    legend = payload_of(render_html(small_graph()))["legend"]
    assert [e["role"] for e in legend["edges"]["actors"]] == ["met", "affiliation"]
    assert {"statement:demand", "statement:support", "meeting"} <= {c["cat"] for c in legend["events"]}


def test_html_render_accepts_every_view_and_rejects_others():
    for view in ("events", "actors", "timeline", "map"):
        assert payload_of(render_html(small_graph(), view=view))["initialView"] == view
    with pytest.raises(ValueError, match="view='globe'"):
        render_html(small_graph(), view="globe")


# --- the new views in chromium --------------------------------------------------------------
@pytest.mark.slow
def test_html_browser_timeline_draws_dated_events_and_brush_filters(browser, tmp_path):
    with Opened(browser, write_html(small_graph(), tmp_path / "graph.html", view="timeline")) as opened:
        assert opened.js("() => window.kgStable.view") == "timeline"
        assert opened.js("() => window.kg.timeline.datedItems()") == 4  # one item per dated event
        drawn = opened.js("() => Array.from(document.querySelectorAll('#kg-timeline .vis-item'))"
                          ".map(e => e.textContent).filter(t => t)")
        assert any("Antony Blinken, Sergey Lavrov" in t and "(planned)" in t for t in drawn)
        assert any("Sergey Lavrov \u00b7 statement" in t for t in drawn)
        # brush from 2023-06-05 to the end: only the June meetings remain in the network
        box = opened.page.locator("#kg-overview svg").bounding_box()
        lo, hi = opened.js("() => window.kg.timeline.extent()")
        frac = lambda ms: box["x"] + box["width"] * (ms - lo) / (hi - lo)
        june5 = opened.js("() => Date.UTC(2023, 5, 5)")
        opened.page.mouse.move(frac(june5), box["y"] + 20)
        opened.page.mouse.down()
        opened.page.mouse.move(frac(hi) - 2, box["y"] + 25, steps=5)
        opened.page.mouse.up()
        assert opened.js("() => window.kg.state.from") == "2023-06-05"
        assert opened.page.locator("#kg-range").is_visible()
        opened.set_view("events")
        shown = opened.js("""() => window.kgNetwork.body.data.nodes.get()
            .filter(n => n.kind === 'event').map(n => n.id).sort()""")
        assert shown == ["meeting:2", "meeting:3"]
        opened.page.click("#kg-range-clear")
        assert len(opened.js("() => window.kgNetwork.body.data.nodes.get().filter(n => n.kind === 'event')")) == 4
        opened.assert_clean()


@pytest.mark.slow
def test_html_browser_map_draws_meetings_with_a_known_place(browser, tmp_path):
    with Opened(browser, write_html(small_graph(), tmp_path / "graph.html", view="map")) as opened:
        spots = opened.js("() => window.kgMap.spots().map(s => [s.names.join('/'), s.events.length])")
        assert sorted(spots) == [["Geneva", 1], ["Kabul", 1]]
        assert opened.page.locator("#kg-map circle.kg-place").count() == 2
        assert "Palais des Nations" in opened.page.inner_text("#kg-map-note")  # no coordinates: said so
        # the map draws meetings only: its status counts are the meetings' (the statement is not one)
        occurred = opened.page.locator("#kg-legend-status label", has_text="occurred")
        assert opened.page.text_content("#kg-status-heading") == "Status of the meetings"
        assert occurred.locator(".kg-n").inner_text() == "1"
        opened.set_view("events")
        assert occurred.locator(".kg-n").inner_text() == "2"
        opened.set_view("map")
        opened.page.locator("#kg-map circle.kg-place.kg-unsure").click()  # Geneva: planned only
        card = opened.page.inner_text("#kg-card")
        assert "Blinken will meet Lavrov in Geneva." in card and "planned" in card
        opened.page.locator("#kg-card .kg-chip", has_text="Antony Blinken").click()
        assert opened.page.inner_text("#kg-dossier h2") == "Antony Blinken"
        opened.assert_clean()


@pytest.mark.slow
def test_html_browser_dossier_lists_posts_meetings_statements(browser, tmp_path):
    with Opened(browser, write_html(small_graph(), tmp_path / "graph.html")) as opened:
        # a click on an actor in the network opens the dossier
        box = opened.page.locator("#kg-network canvas").bounding_box()
        at = opened.js("""id => { const n = window.kgNetwork;
            return n.canvasToDOM(n.getPositions([id])[id]); }""", "person:lavrov")
        opened.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
        panel = opened.page.locator("#kg-dossier")
        assert panel.is_visible() and opened.page.inner_text("#kg-dossier h2") == "Sergey Lavrov"
        text = panel.inner_text()
        for expected in ("POSTS (1)", "foreign minister", "Russian Foreign Ministry", "MEETINGS (3)",
                         "Hamid Karzai", "Kabul", "cancelled", "planned", "STATEMENTS (1)",
                         "\u201cWe agree.\u201d", "ARTICLES (2)", "Talks in Kabul", "Geneva plans"):
            assert expected in text, expected
        links = opened.js("() => Array.from(document.querySelectorAll('#kg-dossier a'))"
                          ".map(a => [a.textContent, a.getAttribute('href'), a.rel])")
        assert ["Talks in Kabul", "https://news.example.org/kabul", "noopener noreferrer"] in links
        assert all(href.startswith("https://") for _, href, _ in links)  # javascript: never links
        opened.page.locator("#kg-dossier .kg-chip", has_text="Antony Blinken").first.click()
        assert opened.page.inner_text("#kg-dossier h2") == "Antony Blinken"
        assert "secretary of state" in panel.inner_text()
        opened.assert_clean()


@pytest.mark.slow
def test_html_browser_isolated_toggle_and_reset(browser, tmp_path):
    G = small_graph()
    with Opened(browser, write_html(G, tmp_path / "graph.html")) as opened:
        drawn = opened.drawn_nodes()
        assert drawn == G.number_of_nodes() - 1  # "Russian" is linked to nothing: hidden
        assert opened.page.inner_text("#kg-isolated-text") == "Show 1 isolated entity"
        opened.page.check("#kg-isolated")
        assert opened.drawn_nodes() == G.number_of_nodes()
        # change everything Reset must restore
        opened.page.locator("#kg-legend-entities label", has_text="Person").locator("input").uncheck()
        opened.page.fill("#kg-from", "2023-06-11")
        opened.page.dispatch_event("#kg-from", "change")
        opened.page.fill("#kg-search-input", "karzai")
        opened.page.press("#kg-search-input", "Enter")
        opened.js("() => window.kgOpenDossier('person:blinken')")
        opened.page.click("#kg-reset")
        assert opened.drawn_nodes() == drawn
        assert opened.js("() => window.kgNetwork.getSelectedNodes()") == []
        assert opened.page.input_value("#kg-search-input") == ""
        assert opened.page.input_value("#kg-from") == "" and not opened.page.locator("#kg-range").is_visible()
        assert not opened.page.locator("#kg-dossier").is_visible()
        assert not opened.page.is_checked("#kg-isolated")
        # one legend per view: the actor view lists only the edges it draws
        opened.set_view("actors")
        assert opened.page.inner_text("#kg-legend-edges").split("\n") == [
            "met (thicker = more meetings)", "affiliation (title)"]
        assert not opened.page.locator("#kg-legend-events").is_visible()
        opened.assert_clean()


@pytest.mark.slow
@pytest.mark.parametrize("view", ["timeline", "map"])
def test_html_browser_hostile_names_stay_text_in_new_views(browser, tmp_path, view):
    path = write_html(evil_graph(), tmp_path / "evil.html", title=f"T {EVIL_SCRIPT}", view=view)
    with Opened(browser, path, bypass_csp=True) as opened:  # escaping alone must hold
        if view == "timeline":
            texts = opened.js("() => Array.from(document.querySelectorAll('#kg-timeline .vis-item'))"
                              ".map(e => e.textContent)")
            assert any(EVIL_IMG in t for t in texts)
            opened.page.locator("#kg-timeline .vis-item.vis-box").first.hover()
            opened.page.locator("#kg-timeline .vis-item.vis-box").first.click()
            assert EVIL_IMG in opened.page.inner_text("#kg-card")  # the sentence, as text
        else:
            assert EVIL_IMG in opened.page.locator("#kg-map svg text.kg-place-label").text_content()
            opened.page.locator("#kg-map circle.kg-place").first.hover()
            assert EVIL_IMG in opened.page.inner_text("#kg-tooltip")
            opened.page.locator("#kg-map circle.kg-place").first.click()
        opened.js("() => window.kgOpenDossier('person:evil')")
        dossier = opened.page.inner_text("#kg-dossier")
        assert f"Mr {EVIL_IMG}" in dossier and f"envoy {EVIL_IMG}" in dossier and f"Ministry {EVIL_SCRIPT}" in dossier
        href = opened.js("() => document.querySelector('#kg-dossier a').getAttribute('href')")
        assert href.startswith("https://example.org/a?q=") and "<" not in href
        opened.js("() => window.kgOpenDossier('gpe:evil')")
        opened.page.wait_for_timeout(300)
        assert opened.js("() => typeof window.__pwned") == "undefined"
        assert opened.js("() => document.querySelectorAll('img, #kg-dossier svg, #kg-card svg').length") == 0
        assert opened.js("() => document.scripts.length") == SCRIPTS
        opened.assert_clean()


@pytest.mark.slow
def test_html_page_scripts_load_alone(browser):
    # kg's JavaScript files are loadable by themselves, without the page or its data
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(content=page_scripts()[0])  # common.js
        assert page.evaluate("""() => [kg.safeUrl('https://a.example/x'), kg.safeUrl('javascript:alert(1)'),
            kg.safeUrl('data:text/html,x'), kg.safeUrl('/relative'), kg.safeUrl(' http://b.example')]""") \
            == ["https://a.example/x", None, None, None, "http://b.example/"]
        assert page.evaluate("() => [kg.dateSpan('2023-06'), kg.dateSpan('2024'), kg.dateSpan('June')]") == [
            [1685577600000, 1688169600000], [1704067200000, 1735689600000], None]
    finally:
        page.close()


def test_html_page_leaves_the_graph_it_draws_as_it_was():
    import copy

    # unselected, the page draws the caller's graph itself (no copy): it must only read it
    G = evil_graph()
    nodes, edges, graph = (copy.deepcopy(list(G.nodes(data=True))), copy.deepcopy(list(G.edges(keys=True, data=True))),
                           copy.deepcopy(G.graph))
    first = render_html(G, max_nodes=2)
    assert list(G.nodes(data=True)) == nodes and list(G.edges(keys=True, data=True)) == edges and G.graph == graph
    assert render_html(G, max_nodes=2) == first
    assert render_html(select_subgraph(G), max_nodes=2) == first  # the same page as of a copy
