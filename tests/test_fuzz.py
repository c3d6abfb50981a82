"""Random documents through every stage: nothing escapes, every export holds together.

Hypothesis writes articles mixing English sentences about meetings and statements with
names and text hostile to parsers, IRIs and HTML (quotes, angle brackets, ``</script>``,
an ``<img onerror>``, newlines, right-to-left marks, NUL, emoji, random unicode), as
.txt, .jsonl and .html files. They go through ingest -> extraction (the real model) ->
cross-document resolution -> the merged event graph -> N-Quads and Turtle -> the HTML
page, and the invariants are:

* no exception escapes: a document kg cannot read is an :class:`~kg.errors.IngestError`,
  collected through ``on_error``, and its message is one line naming the file;
* every export parses back in rdflib and in pyoxigraph, with the same number of quads
  (triples for Turtle), and the Turtle holds the union of the N-Quads' graphs;
* every actor of every event (participants, speaker, place) is an entity node of the graph;
* every evidence offset points into its document: ``0 <= start < end <= len(text)`` and
  ``text[start:end]`` is the evidence sentence (and each mention's text for mentions);
* no article text reaches the HTML as markup: the page's JSON data block holds no ``<``,
  ``>`` or ``&``, and everything outside it is the same as on the page of an empty graph.
"""
from __future__ import annotations

import html
import json
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.extraction import extract_documents
from kg.graph import build_graph
from kg.export.html import render_html
from kg.ingest import read_documents
from kg.resolve import resolve_corpus
from kg.export.rdf import write_rdf

HOSTILE = [
    "<img src=x onerror=alert(1)>", "</script>", "<script>alert(1)</script>", "<!--", "]]>", "&amp;", "&",
    '"', "'", "\u201c", "\u201d", "\u00ab", "\u00bb", "\\", "{{name}}", "${jndi:ldap://x}",
    "http://example.org/a b>", "\u202e", "\u202c", "\u200f", "\u200e", "\u2066", "\u2028", "\u2029",
    "\ufeff", "\x00", "\n", "\n\n", "\r\n", "\r", "\t", "\U0001F600",
]
HOSTILE_NAMES = [
    "President Ana <b>Silva</b>", "Karim</script><script>alert('x')</script>", 'Jean "the Hammer" O\'Brien',
    "\u202eHamid Karzai\u202c", "\u200fAhmad \u200eShah", "Omar\nKhalil", "<img src=x onerror=alert(1)>",
    "Ali <b>Hassan</b> & Sons", "Sergei ]]> Lavrov", "Zoë Ñúñez", "Nguyễn Thị Lan",
]
FIRST = ["Ana", "Omar", "Liis", "Kenji", "Amara", "Sergei", "Hamid", "Ilse", "Farid", "Zanele"]
LAST = ["Silva", "Haddad", "Valdmaa", "Tanaka", "Okafor", "Lavrov", "Karzai", "Brandt", "Mwangi", "Novak"]
POSTS = ["Foreign Minister", "President", "Prime Minister", "Defence Minister", "Ambassador"]
PLACES = ["Vienna", "Paris", "Lusaka", "Tallinn", "Kabul", "Geneva", "Nairobi", "Lima"]
DAYS = ["Monday", "Tuesday", "Wednesday", "on 4 March 2031", "last week", "next month"]

unicode_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
fragment = st.one_of(st.sampled_from(HOSTILE), unicode_text)
name = st.one_of(
    st.builds("{} {}".format, st.sampled_from(FIRST), st.sampled_from(LAST)),
    st.sampled_from(HOSTILE_NAMES),
    st.builds("{}{} {}".format, st.sampled_from(FIRST), fragment, st.sampled_from(LAST)),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Lu", "Ll", "Lo", "Mn", "P", "Zs", "Cf")),
            min_size=1, max_size=16),
)
quote = st.lists(st.one_of(st.sampled_from(["we agreed on a plan", "the talks were useful", "the border"]),
                           fragment), min_size=1, max_size=3).map(" ".join)
sentence = st.one_of(
    st.builds("{} {} met {} {} in {} {}.".format, st.sampled_from(POSTS), name, st.sampled_from(POSTS), name,
              st.sampled_from(PLACES), st.sampled_from(DAYS)),
    st.builds('"{}," {} said after the talks.'.format, quote, name),
    st.builds("{} said that {} with the {} of {}.".format, name, quote, st.sampled_from(POSTS),
              st.sampled_from(PLACES)),
    st.builds("{} will visit {} {} to meet {}.".format, name, st.sampled_from(PLACES), st.sampled_from(DAYS), name),
    st.builds("{}, the {} of {}, called {} on {}.".format, name, st.sampled_from(POSTS), st.sampled_from(PLACES),
              name, st.sampled_from(DAYS)),
)
body = st.lists(st.one_of(sentence, sentence, fragment), min_size=1, max_size=6).map(" ".join)
document = st.tuples(st.sampled_from(["txt", "jsonl", "html"]), st.one_of(name, fragment), body)


def write_documents(folder: Path, documents: list[tuple[str, str, str]]) -> None:
    """Each (kind, title, body) as a file of its kind; the JSONL ones share one file."""
    lines = []
    for number, (kind, title, text) in enumerate(documents):
        if kind == "jsonl":
            lines.append(json.dumps({"id": f"j{number}", "title": title, "text": text}))
        elif kind == "txt":
            (folder / f"t{number}.txt").write_bytes(f"{title}\n\n{text}\n".encode("utf-8", "surrogatepass"))
        else:
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
            page = (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body><article>"
                    f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")
            (folder / f"h{number}.html").write_text(page, encoding="utf-8")
    if lines:
        (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


DATA_BLOCK = re.compile(r'(<script type="application/json" id="kg-data">)(.*?)(</script>)', re.S)


@lru_cache(maxsize=1)
def empty_page_outside_data() -> str:
    return DATA_BLOCK.sub(r"\1\3", render_html(build_graph([])))


def check_html(page: str) -> None:
    [data] = [m.group(2) for m in DATA_BLOCK.finditer(page)]
    assert not {"<", ">", "&"} & set(data)  # escaped as \u003c \u003e \u0026
    json.loads(data)
    # all else is fixed markup and kg's own scripts: no article text reaches the page outside the data
    assert DATA_BLOCK.sub(r"\1\3", page, count=1) == empty_page_outside_data()
    assert "<img src=x" not in page and page.count("</script") == empty_page_outside_data().count("</script")


def check_rdf(folder: Path, G) -> None:
    nq = write_rdf(G, folder / "graph.nq")
    ttl = write_rdf(G, folder / "graph.ttl")
    dataset = rdflib.Dataset()
    dataset.parse(nq, format="nquads")
    quads = {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}
    ox_quads = list(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(ox_quads) == len(nq.read_bytes().splitlines())
    triples = rdflib.Graph().parse(ttl, format="turtle")
    ox_triples = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(ox_triples) == len({(s, p, o) for s, p, o, _ in quads})


def check_records(records, G) -> None:
    for record in records:
        text, doc_id = record.document.text, record.document.id
        for entity in record.entities:
            assert G.nodes[entity.id]["kind"] == "entity"
            for mention in entity.mentions:
                assert 0 <= mention.start < mention.end <= len(text)
                assert text[mention.start:mention.end] == mention.text
        evidence = [e.evidence for e in record.events] + [a.evidence for a in record.affiliations]
        for item in evidence:
            assert item.doc_id == doc_id
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start:item.end] == item.sentence
        for event in record.events:
            actors = [*event.participants, event.speaker, event.location]
            for actor in filter(None, actors):
                assert G.nodes[actor]["kind"] == "entity", (event.id, actor)
    for node, data in G.nodes(data=True):
        if data["kind"] == "event":
            assert all(G.nodes[target]["kind"] == "entity" for _, target in G.out_edges(node))
            for report in data["reports"]:
                assert report["end"] <= G.graph["documents"][report["doc_id"]]["length"]


@pytest.fixture(scope="module")
def nlp():
    from kg.extraction.pipeline import load_pipeline

    return load_pipeline()


@pytest.mark.slow
@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents=st.lists(document, min_size=1, max_size=4))
def test_fuzz_random_documents_through_every_stage(nlp, documents):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_documents(folder, documents)
        errors: list[IngestError] = []
        read = list(read_documents([folder], on_error=errors.append))
        records = resolve_corpus(extract_documents(read, nlp, on_error=errors.append))
        assert [r.document.id for r in records] == [d.id for d in read]
        for error in errors:
            assert isinstance(error, IngestError)
            assert str(error).startswith(str(folder)) and "\n" not in str(error)
        G = build_graph(records, merge_events=True)
        event("with events" if any(r.events for r in records) else "without events")  # --hypothesis-show-statistics
        event("with skipped documents" if errors else "without skipped documents")
        check_records(records, G)
        output = folder / "out"
        check_rdf(output, G)
        check_html(render_html(G))


# --- ingest alone, without the model: any bytes are read or refused in one line ------------

@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.one_of(
        st.binary(max_size=200),
        st.builds(lambda text, encoding: text.encode(encoding, "replace"),
                  st.lists(st.one_of(sentence, fragment), max_size=4).map(" ".join),
                  st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "cp1251", "latin-1"])),
        st.lists(st.one_of(st.builds(json.dumps, st.fixed_dictionaries(
            {"id": st.one_of(st.text(max_size=5), st.integers(), st.none()), "text": st.one_of(body, st.none())},
            optional={"published": st.one_of(st.text(max_size=12), st.just("2031-03-04")),
                      "title": st.one_of(st.none(), name)})), unicode_text), max_size=4).map(
            lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    ),
    suffix=st.sampled_from([".txt", ".jsonl", ".html"]),
)
def test_fuzz_ingest_reads_or_refuses_any_file_in_one_line(raw, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(raw)
        errors: list[IngestError] = []
        documents = list(read_documents([path], on_error=errors.append))
        for error in errors:
            assert str(error).startswith(f"{path}: ") and str(error).endswith("; skipped")
            assert "\n" not in str(error) and "\r" not in str(error)
        for doc in documents:
            assert doc.text.strip() and "\r" not in doc.text
            assert str(doc.id).strip()
        assert len({doc.id for doc in documents}) == len(documents)
        if suffix != ".jsonl":
            assert len(documents) + len(errors) == 1
