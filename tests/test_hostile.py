"""Hostile input, round 2 (issue 13): one bad input never costs the others, a mistake never
wipes good outputs, and nothing leaves the machine unasked.

Each test holds kg to one case: the exact message, the exit code, what the outputs hold.
The command runs in a child process, as a user runs it. Tests marked ``slow`` load the
spaCy model; tests that need ``../shared`` skip without it.
"""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import networkx as nx
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import IngestError, KGError
from kg.ingest import read_documents
from kg.ingest.decode import xml_safe

SHARED = Path(__file__).resolve().parents[2] / "shared"
MEETING = "Kenyan President David Otieno met Ugandan President Moses Okello in Nairobi on Tuesday."


def run(*args: str | Path, prelude: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``kg``; ``prelude`` is Python the child runs first (to patch a fault in)."""
    command = [sys.executable, "-m", "kg.cli", *map(str, args)]
    if prelude is not None:
        command = [sys.executable, "-c", f"{prelude}\nimport sys\nfrom kg.cli import main\nsys.argv[0] = 'kg'\nmain()",
                   *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def read(paths, **options) -> tuple[list, list[str]]:
    errors: list[IngestError] = []
    documents = list(read_documents([str(p) for p in paths], on_error=errors.append, **options))
    return documents, [str(e) for e in errors]


def article(path: Path, body: str = MEETING, title: str = "Leaders Meet") -> Path:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def jsonl(path: Path, *records: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]  # escaped: lone surrogates too
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- 1. no document read: nothing written ---------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "extract"])
def test_hostile_nothing_read_writes_nothing_and_exits_1(tmp_path, command):
    out = tmp_path / "output"
    out.mkdir()
    for name in ("extraction.json", "graph.html"):
        (out / name).write_text("the previous run's\n", encoding="utf-8")
    typo = tmp_path / "exmples"
    empty = tmp_path / "empty"
    empty.mkdir()
    target = out if command == "build" else out / "extraction.json"
    result = run(command, typo, empty, "-o", target)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"kg: skipped {typo}: no such file or folder",
        f"kg: skipped {empty}: no .txt, .html, .htm, .jsonl files in this folder",
        f"kg: error: no document could be read (2 skipped); nothing written to {target}",
    ]
    assert sorted(os.listdir(out)) == ["extraction.json", "graph.html"]
    assert all((out / n).read_text(encoding="utf-8") == "the previous run's\n" for n in os.listdir(out))


# --- 5. characters XML cannot hold -----------------------------------------------------------

HOSTILE_CHARACTERS = "\x0b\x0c\x1b\ufffe\x00\ud800\uffff\x07"


def test_hostile_xml_safe_keeps_line_breaks_and_drops_the_rest():
    assert xml_safe("A\x0bB\x0cC\x1b[1mD\ufffeE\x00F\ud800G\uffff\tH\n") == "A\nB\nC[1mDEFG\tH\n"
    assert xml_safe("Café, \u00a0Genève\t\n") == "Café, \u00a0Genève\t\n"  # nothing XML holds is touched


def test_hostile_control_characters_are_cleaned_from_every_field(tmp_path):
    record = {"id": "c\x1b1", "title": "Talks\x0b\x00", "publisher": "Wire\ufffe", "url": "https://e.org/a\x07",
              "text": f"{MEETING}\x0b\x0cThey\x1b[0m spoke\x00 again\ud800."}
    txt = tmp_path / "vt.txt"
    txt.write_bytes(b"Leaders Meet\n\nKenyan\x0bPresident\x0c David Otieno\x1b met Ugandan President Moses Okello.\n")
    documents, errors = read([jsonl(tmp_path / "c.jsonl", record), txt])
    assert errors == []
    first, second = documents
    assert (first.id, first.title, first.publisher, first.url) == ("c1", "Talks", "Wire", "https://e.org/a")
    assert first.text == f"{MEETING}\n\nThey[0m spoke again."
    assert second.text == "Kenyan\nPresident\n David Otieno met Ugandan President Moses Okello."


def test_hostile_only_control_characters_is_refused_by_name(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", {"id": "a", "text": "\x1b\x1b"}, {"id": "\x07", "text": MEETING},
                 {"id": "b", "text": MEETING})
    documents, errors = read([path])
    assert errors == [f"{path}: line 1: only control characters in its text; skipped",
                      f"{path}: line 2: only control characters in its id; skipped"]
    assert [d.id for d in documents] == ["b"]


@pytest.mark.slow
def test_hostile_control_characters_every_export_still_writes(tmp_path):
    text = f"{MEETING}{HOSTILE_CHARACTERS} Otieno said the talks were useful."
    corpus = jsonl(tmp_path / "c.jsonl", {"id": "ctl", "title": f"Talks{HOSTILE_CHARACTERS}", "text": text},
                   {"id": "plain", "text": MEETING})
    out = tmp_path / "out"
    result = run("build", corpus, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "documents     2 processed, 0 skipped" in result.stdout
    graph = nx.read_graphml(out / "graph.graphml")  # lxml refused to write these characters
    assert graph.number_of_nodes() > 0
    data = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    ctl = next(d for d in data["documents"] if d["id"] == "ctl")
    assert ctl["events"], "the cleaned document is still read"
    for name in ("extraction.json", "graph.json", "graph.graphml", "graph.ttl", "graph.nq", "graph.html"):
        content = (out / name).read_text(encoding="utf-8")
        assert not any(ch in content for ch in "\x0b\x0c\x1b\ufffe\x00\uffff\x07"), name
    assert run("validate", out / "graph.nq").returncode == 0


# --- 6. publication dates at the ends of the calendar ----------------------------------------

@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("expression", ["on Tuesday", "tomorrow", "yesterday", "next month", "last month",
                                        "in December", "in January", "on the 1st", "January 1", "December 31",
                                        "next week", "last week"])
@pytest.mark.parametrize("future", [False, True])
def test_hostile_relative_dates_outside_the_calendar_are_undated(published, expression, future):
    from datetime import date

    from kg.extraction.dates import normalise_date

    value = normalise_date(expression, published, future=future)
    if value is not None:  # inside the calendar: a real date
        assert 1 <= int(value[:4]) <= 9999
        date.fromisoformat(value if len(value) == 10 else value + "-01")


def test_hostile_relative_dates_past_the_ends_give_none():
    from kg.extraction.dates import normalise_date

    assert normalise_date("tomorrow", "9999-12-31") is None
    assert normalise_date("next month", "9999-12-31") is None
    assert normalise_date("in December", "0001-01-02") is None  # would be 0000-12
    assert normalise_date("December 31", "9999-12-31") == "9999-12-31"
    assert normalise_date("on Tuesday", "9999-12-31") == "9999-12-28"


@pytest.mark.slow
def test_hostile_documents_published_at_the_ends_of_the_calendar_go_through(tmp_path):
    body = f"{MEETING} They will meet again tomorrow in Kampala. Okello said on Friday that the talks went well."
    corpus = jsonl(tmp_path / "ends.jsonl", {"id": "first", "published": "0001-01-01", "text": body},
                   {"id": "last", "published": "9999-12-31", "text": body})
    out = tmp_path / "out"
    result = run("build", corpus, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "documents     2 processed, 0 skipped" in result.stdout
    data = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    events = [e for d in data["documents"] for e in d["events"]]
    assert {d["id"] for d in data["documents"]} == {"first", "last"} and events
    assert all(e.get("date") is None or "0001-01-01" <= e["date"] <= "9999-12-31" for e in events)
    assert run("validate", out / "graph.nq").returncode == 0


# --- 7. JSON no decoder takes ----------------------------------------------------------------

def test_hostile_deep_nesting_and_huge_numbers_skip_their_line_only(tmp_path):
    deep = '{"id": "deep", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    digits = '{"id": "big", "text": "x", "count": ' + "9" * 5_000 + "}"
    path = jsonl(tmp_path / "h.jsonl", {"id": "a", "text": MEETING}, deep, digits, {"id": "b", "text": MEETING})
    documents, errors = read([path])
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    assert errors == [
        f"{path}: line 2: not valid JSON (nested too deeply to read); skipped",
        f"{path}: line 3: not valid JSON (a number of more than {limit:,} digits); skipped",
    ] if limit else errors[:1] == [f"{path}: line 2: not valid JSON (nested too deeply to read); skipped"]
    assert [d.id for d in documents] == ["a", "b"] if limit else ["a", "big", "b"]


# --- 8. special and unreadable files ---------------------------------------------------------

def test_hostile_fifo_is_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    inside = tmp_path / "folder"
    inside.mkdir()
    os.mkfifo(inside / "also.jsonl")
    good = article(inside / "good.txt")
    documents, errors = read([fifo, inside, "/dev/null"])  # reading a FIFO would wait forever
    assert errors == [f"{fifo}: not a regular file (a FIFO); skipped",
                      f"{inside / 'also.jsonl'}: not a regular file (a FIFO); skipped",
                      "/dev/null: not a regular file (a character device); skipped"]
    assert [d.id for d in documents] == [good.stem]


def _deny(paths: list[Path]) -> str | None:
    """Make ``paths`` unreadable: chmod 000 when not root, else a prelude that makes the
    child's reads of them fail as a permission would (root reads anything)."""
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0)
        return None
    return (
        "import errno, os, pathlib\n"
        f"DENIED = {sorted(map(str, paths))!r}\n"
        "def denied(path):\n"
        "    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))\n"
        "_scandir, _read = os.scandir, pathlib.Path.read_bytes\n"
        "os.scandir = lambda path='.': denied(path) if os.fspath(path) in DENIED else _scandir(path)\n"
        "pathlib.Path.read_bytes = lambda self: denied(self) if str(self) in DENIED else _read(self)\n"
    )


@pytest.fixture
def unreadable(tmp_path):
    good = article(tmp_path / "good.txt")
    locked = article(tmp_path / "locked.txt")
    folder = tmp_path / "folder"
    closed = folder / "closed"
    closed.mkdir(parents=True)
    article(folder / "open.txt")
    article(closed / "inside.txt")
    prelude = _deny([locked, closed])
    yield good, locked, folder, closed, prelude
    for path in (locked, closed):
        path.chmod(0o755)


@pytest.mark.slow
def test_hostile_unreadable_file_and_folder_each_one_skip_line_exit_3(tmp_path, unreadable):
    good, locked, folder, closed, prelude = unreadable
    out = tmp_path / "out.json"
    result = run("extract", good, locked, folder, "-o", out, prelude=prelude)
    assert result.returncode == 3, result.stderr
    assert stderr_lines(result) == [
        f"kg: skipped {locked}: cannot read the file (Permission denied)",
        f"kg: skipped {closed}: cannot read the folder (Permission denied)",
        f"2 documents -> {out}",
    ]
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["good", "open"]


@pytest.mark.slow
def test_hostile_fifo_on_the_command_line_exits_3_with_the_good_file_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = article(tmp_path / "good.txt")
    result = run("extract", fifo, good, timeout=300)
    assert result.returncode == 3
    assert stderr_lines(result) == [f"kg: skipped {fifo}: not a regular file (a FIFO)"]
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["good"]


# --- 9. a sentence too long to read -----------------------------------------------------------

@Language.component("kg_test_sentences")
def _sentences_as_parsed(doc: Doc) -> Doc:
    """A parse as flat as can be: a sentence ends at each full stop, its first token is its
    root and heads every other token; no entities."""
    root = 0
    for token in doc:
        if token.i > 0 and doc[token.i - 1].text == ".":
            root = token.i
        token.head, token.dep_ = doc[root], "ROOT" if token.i == root else "dep"
        token.pos_, token.tag_, token.lemma_ = "NOUN", "NN", token.lower_
    return doc


def test_hostile_sentence_over_the_limit_is_refused_by_name():
    from kg.extraction import extract_documents
    from kg.extraction.document import MAX_SENTENCE_TOKENS
    from kg.model import Document

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_test_sentences")
    long_text = "Talks resumed. " + "word " * MAX_SENTENCE_TOKENS + "."
    fits = "Talks resumed. " + "word " * (MAX_SENTENCE_TOKENS - 1) + "."
    documents = [Document("long", long_text, source="long.txt"), Document("fits", fits, source="fits.txt")]
    errors: list[IngestError] = []
    records = list(extract_documents(documents, nlp, on_error=errors.append))
    assert [str(e) for e in errors] == [
        f"long.txt: document 'long' has a sentence of {MAX_SENTENCE_TOKENS + 1:,} tokens (at character 15), "
        f"over kg's limit of {MAX_SENTENCE_TOKENS:,} a sentence; split it into sentences"]
    assert [r.document.id for r in records] == ["fits"]


def test_hostile_the_kg_component_says_why_it_refused_a_doc():
    from kg.extraction.component import extraction_of, refusal_of
    from kg.extraction.document import MAX_SENTENCE_TOKENS

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_test_sentences")
    nlp.add_pipe("kg")
    doc = nlp("word " * (MAX_SENTENCE_TOKENS + 5))
    assert extraction_of(doc) is None
    assert f"over kg's limit of {MAX_SENTENCE_TOKENS:,} a sentence" in str(refusal_of(doc))


# --- 10. kg's own output folder, and a stray extraction.json ---------------------------------

def test_hostile_stray_extraction_json_is_no_output_marker(tmp_path):
    articles = tmp_path / "arts"
    articles.mkdir()
    article(articles / "a.txt")
    article(articles / "b.txt")
    (articles / "extraction.json").write_text('{"documents": []}', encoding="utf-8")  # kg extract arts -o arts/...
    documents, errors = read([articles])
    assert errors == [] and [d.id for d in documents] == ["a", "b"]


def _kg_page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "graph.html"
    page.write_text('<!doctype html><html><head><meta charset="utf-8">\n<meta name="generator" content="kg '
                    '(vis-network 9.1.2, inlined)"></head><body><p>Leaders met.</p></body></html>', encoding="utf-8")
    return page


def test_hostile_only_kgs_own_output_folder_is_left_out_and_named(tmp_path):
    articles = tmp_path / "arts"
    _kg_page(articles / "output")
    documents, errors = read([articles])
    assert documents == []
    assert errors == [f"{articles}: no .txt, .html, .htm, .jsonl files in this folder outside kg's own output "
                      f"folders, which are not articles: {articles / 'output'} (its graph.html was written by kg); "
                      f"skipped"]
    article(articles / "a.txt")
    documents, errors = read([articles])
    assert errors == [] and [d.id for d in documents] == ["a"]
    documents, errors = read([articles / "output"])
    assert errors == [f"{articles / 'output'}: kg's own output folder (its graph.html was written by kg), "
                      f"not articles; skipped"]


def test_hostile_the_output_marker_is_what_kgs_page_writes():
    from kg.ingest.read import _KG_GENERATOR

    template = Path(__file__).resolve().parents[1] / "kg" / "templates" / "graph.html.j2"
    assert _KG_GENERATOR in template.read_bytes()[:4096]


# --- 11. HTML articles on a clean install ----------------------------------------------------

def test_hostile_html_needs_lxml_html_clean_and_declares_it(tmp_path):
    from importlib.metadata import requires

    declared = {r.split(">")[0].split("=")[0].split("<")[0].split(";")[0].strip().lower().replace("-", "_")
                for r in requires("kg") or [] if "extra ==" not in r}
    assert "lxml_html_clean" in declared  # trafilatura reads through justext, which imports lxml.html.clean
    page = tmp_path / "talks.html"
    page.write_text(
        "<html><head><title>Leaders Meet In Nairobi</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Leaders Meet In Nairobi</h1>"
        f"<p>{MEETING}</p><p>Otieno said the two governments would sign a trade agreement next month, and "
        "Okello said the border crossing at Busia would stay open during the rainy season.</p></article>"
        "<footer>Copyright</footer></body></html>", encoding="utf-8")
    [document], errors = read([page])
    assert errors == []
    assert document.title == "Leaders Meet In Nairobi"
    assert document.text.startswith(MEETING) and "var x" not in document.text and "Copyright" not in document.text


# --- 12. document ids one IRI apart ----------------------------------------------------------

def test_hostile_ids_differing_by_case_or_unicode_form_are_refused_as_duplicates(tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")
    path = jsonl(tmp_path / "ids.jsonl", {"id": "Doc1", "text": MEETING}, {"id": "doc1", "text": MEETING},
                 {"id": nfc, "text": MEETING}, {"id": nfd, "text": MEETING}, {"id": "Doc1", "text": MEETING})
    documents, errors = read([path])
    assert [d.id for d in documents] == ["Doc1", nfc]
    assert errors == [
        f"{path}: line 2: duplicate document id 'doc1', the same as 'Doc1' but for case, spacing or Unicode "
        f"form (first read from {path}: line 1); skipped",
        f"{path}: line 4: duplicate document id {nfd!r}, the same as {nfc!r} but for case, spacing or Unicode "
        f"form (first read from {path}: line 3); skipped",
        f"{path}: line 5: duplicate document id 'Doc1' (first read from {path}: line 1); skipped",
    ]


def test_hostile_document_iris_follow_the_identity_key():
    from kg.export.rdf.terms import mint_iri
    from kg.ids import identity_key

    for a, b in (("Doc1", "doc1"), (unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café"))):
        assert identity_key(a) == identity_key(b)
        assert mint_iri("document", a) == mint_iri("document", b)  # why the second is refused
    assert mint_iri("document", "doc1") != mint_iri("document", "doc2")


@pytest.mark.slow
def test_hostile_ids_one_iri_apart_build_valid_rdf(tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")
    corpus = jsonl(tmp_path / "ids.jsonl", {"id": "Doc1", "text": MEETING},
                   {"id": "doc1", "text": "Otieno met Okello again in Kampala."},
                   {"id": nfc, "text": MEETING}, {"id": nfd, "text": MEETING})
    out = tmp_path / "out"
    result = run("build", corpus, "-o", out)
    assert result.returncode == 3
    assert [line.split(": line ")[1][:1] for line in stderr_lines(result)] == ["2", "4"]
    check = run("validate", out / "graph.nq")
    assert check.returncode == 0, check.stderr


# --- 13. every article set under ../shared builds valid RDF -----------------------------------

SETS = ["examples", "eval/dev", "eval/dev2", "eval/dev3"]


@pytest.mark.slow
@pytest.mark.parametrize("name", SETS)
def test_hostile_every_shared_set_builds_and_validates(tmp_path, name):
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    out = tmp_path / "out"
    result = run("build", folder, "-o", out)
    assert result.returncode == 0, result.stderr
    check = run("validate", out / "graph.nq")
    assert check.returncode == 0, check.stderr + check.stdout
    assert check.stdout.strip() == f"{out / 'graph.nq'}: conforms to kg's shapes"


# --- 15. no network, ever ----------------------------------------------------------------------

@pytest.fixture
def context_server():
    """A server that would hand out a JSON-LD context; it records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            hits.append(self.path)
            body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


@pytest.mark.parametrize("context", ["remote", "import", "list", "file"])
@pytest.mark.parametrize("command", ["validate", "query-rdflib", "query-oxigraph"])
def test_hostile_remote_jsonld_context_is_refused_without_fetching(tmp_path, context_server, context, command):
    base, hits = context_server
    url = f"{base}/ctx.jsonld" if context != "file" else "ctx.jsonld"
    (tmp_path / "ctx.jsonld").write_text('{"@context": {"name": "http://schema.org/name"}}', encoding="utf-8")
    contexts = {"remote": url, "file": url, "import": {"@import": url}, "list": [{"x": "http://e/x"}, url]}
    data = tmp_path / "g.jsonld"
    data.write_text(json.dumps({"@context": contexts[context], "@id": "http://e/a", "name": "A"}), encoding="utf-8")
    args = ["validate", data] if command == "validate" else [
        "query", data, "--sparql", "SELECT * { ?s ?p ?o }", "--engine", command.split("-")[1]]
    result = run(*args)
    assert result.returncode == 1
    assert stderr_lines(result) == [f"kg: error: {data}: JSON-LD @context {url!r} is not inline; kg reads no "
                                    f"remote or external context (no network access): inline it"]
    assert hits == []


def test_hostile_read_rdf_refuses_a_remote_context_in_the_library(tmp_path, no_network):
    from kg.export.rdf import read_rdf

    data = tmp_path / "g.jsonld"
    data.write_text(json.dumps({"@context": "https://schema.org/", "@id": "http://e/a", "name": "A"}),
                    encoding="utf-8")
    with pytest.raises(KGError, match="@context 'https://schema.org/' is not inline"):
        read_rdf(data)


# --- 16. kg push: what a store really received ----------------------------------------------------

@pytest.fixture
def store_server():
    """A Graph Store stand-in: ``/store`` takes data; ``/moved-CODE`` redirects there with CODE;
    ``/status-CODE`` answers CODE; ``/silent`` never answers. Each request is recorded."""
    received: list[tuple[str, str, bytes]] = []
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            received.append((self.command, self.path, self.rfile.read(length) if length else b""))
            if self.path.startswith("/moved-"):
                self.send_response(int(self.path.split("-")[1].split("?")[0]))
                self.send_header("Location", "/store?default")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path.startswith("/status-"):
                self.send_response(int(self.path.split("-")[1].split("?")[0]))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path.startswith("/silent"):
                stop.wait(30)
            else:
                self.send_response(204 if self.command in ("POST", "PUT") else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        do_GET = do_POST = do_PUT = _serve

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", received
    stop.set()
    server.shutdown()


@pytest.fixture
def triples(tmp_path) -> Path:
    path = tmp_path / "g.nt"
    path.write_text('<http://e/a> <http://e/b> "c" .\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("code", [301, 302, 303])
def test_hostile_push_refuses_a_redirect_that_drops_the_data(store_server, triples, code):
    base, received = store_server
    result = run("push", triples, f"{base}/moved-{code}")
    assert result.returncode == 1
    reason = {301: "Moved Permanently", 302: "Found", 303: "See Other"}[code]
    assert stderr_lines(result) == [
        f"kg: error: {base}/moved-{code}?default: the store answered {code} {reason}, redirecting to "
        f"{base}/store?default; kg follows only 307 and 308 to http(s) (others would send the data away or drop "
        f"it): push to the final URL"]
    assert [(m, p) for m, p, _ in received] == [("POST", f"/moved-{code}?default")]  # no bodiless GET


@pytest.mark.parametrize("code", [307, 308])
@pytest.mark.parametrize("replace", [False, True])
def test_hostile_push_follows_307_and_308_with_the_body(store_server, triples, code, replace):
    base, received = store_server
    result = run("push", triples, f"{base}/moved-{code}", *(["--replace"] if replace else []))
    assert result.returncode == 0, result.stderr
    method = "PUT" if replace else "POST"
    body = triples.read_bytes()
    assert received == [(method, f"/moved-{code}?default", body), (method, "/store?default", body)]
    assert result.stdout.strip() == f"{triples}: {len(body)} bytes -> {base}/store?default (204)"


@pytest.mark.parametrize("endpoint", ["file:///etc/hostname", "ftp://127.0.0.1/store", "127.0.0.1:7878/store",
                                      "http:///store"])
def test_hostile_push_takes_http_endpoints_only(triples, endpoint):
    result = run("push", triples, endpoint)
    assert result.returncode == 1
    assert stderr_lines(result) == [f"kg: error: endpoint {endpoint!r}: expected an http:// or https:// URL of a "
                                    f"Graph Store, e.g. http://127.0.0.1:7878/store"]


def test_hostile_push_success_is_2xx_only(store_server, triples):
    from kg.sparql.push import push_rdf

    base, _ = store_server
    with pytest.raises(KGError, match=r"the store answered 500 Internal Server Error$"):
        push_rdf(triples, f"{base}/status-500")
    assert push_rdf(triples, f"{base}/status-201").status == 201


def test_hostile_push_timeout_is_the_users(store_server, triples):
    base, _ = store_server
    result = run("push", triples, f"{base}/silent", "--timeout", "1", timeout=60)
    assert result.returncode == 1
    assert stderr_lines(result) == [f"kg: error: {base}/silent?default: cannot reach the store (no answer within "
                                    f"1 s; --timeout sets the wait)"]
    assert stderr_lines(run("push", triples, f"{base}/store", "--timeout", "0")) == [
        "kg: error: --timeout 0: expected a number of seconds above 0"]


# --- 17. CSV a spreadsheet would run --------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://e\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_hostile_csv_neutralises_formulas_and_raw_keeps_them():
    import csv
    import io

    from kg.sparql.query import QueryResult, format_table

    result = QueryResult(("label",), tuple((value,) for value in [*FORMULAS, "Hamid Karzai", "a=b"]))
    rows = list(csv.reader(io.StringIO(format_table(result, "csv"), newline="")))
    assert [r[0] for r in rows[1:]] == [f"'{v}" for v in FORMULAS] + ["Hamid Karzai", "a=b"]
    raw = list(csv.reader(io.StringIO(format_table(result, "csv", raw=True), newline="")))
    assert [r[0] for r in raw[1:]] == [*FORMULAS, "Hamid Karzai", "a=b"]


def test_hostile_cli_query_csv_is_safe_unless_raw(tmp_path):
    data = tmp_path / "g.nt"
    data.write_text('<http://e/a> <http://www.w3.org/2000/01/rdf-schema#label> "=cmd|\' /C calc\'!A0" .\n',
                    encoding="utf-8")
    query = "SELECT ?label { ?s ?p ?label }"
    safe = run("query", data, "--sparql", query, "--format", "csv")
    assert safe.returncode == 0, safe.stderr
    assert safe.stdout.splitlines() == ["label", "'=cmd|' /C calc'!A0"]
    raw = run("query", data, "--sparql", query, "--format", "csv", "--raw")
    assert raw.stdout.splitlines() == ["label", "=cmd|' /C calc'!A0"]


# --- the README's exit codes ------------------------------------------------------------------

@pytest.mark.parametrize("args", [["build", "--no-such-option", "x.txt"], ["extract"], ["build", "x.txt", "--jobs", "x"],
                                  ["push", "g.nt", "http://127.0.0.1:1/store", "--timeout", "soon"]])
def test_hostile_usage_errors_exit_2_as_documented(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Usage: " in result.stderr and "Error" in result.stderr


def test_hostile_readme_documents_every_exit_code():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    codes = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ") and
             line.split("|")[1].strip().isdigit()]
    assert codes == ["0", "1", "2", "3"]
