"""`kg push` against a real Oxigraph server on loopback (Graph Store Protocol)."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from kg.errors import KGError
from kg.graph import build_graph
from kg.model import Document, Entity, Event, Evidence, Extraction
from kg.sparql.push import push_rdf
from kg.export.rdf import write_rdf

from conftest import free_port as _free_port


def _graph():
    text = "Ana Silva met Omar Haddad in Rabat."
    evidence = Evidence("d1", 0, len(text), text, rule="meetings:test")
    entities = (Entity("person:ana-silva", "Ana Silva", "PERSON"), Entity("person:omar-haddad", "Omar Haddad", "PERSON"),
                Entity("gpe:rabat", "Rabat", "GPE"))
    meeting = Event("meeting:1", "meeting", "meet", evidence, participants=("person:ana-silva", "person:omar-haddad"),
                    location="gpe:rabat", date="2030-01-06")
    return build_graph([Extraction(Document("d1", text), entities, (meeting,))])


def _count(base: str, query: str) -> int:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_push_nquads_keeps_named_graphs_and_is_idempotent(oxigraph_server, tmp_path):
    store = oxigraph_server
    path = write_rdf(_graph(), tmp_path / "graph.nq")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    result = push_rdf(path, f"{store}/store")
    assert result.status in (200, 201, 204)
    every_quad = "SELECT (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    assert _count(store, every_quad) == lines
    push_rdf(path, f"{store}/store")  # stable IRIs, no blank nodes: a second push adds nothing
    assert _count(store, every_quad) == lines


def test_push_turtle_into_a_named_graph(oxigraph_server, tmp_path):
    store = oxigraph_server
    path = write_rdf(_graph(), tmp_path / "graph.ttl")
    push_rdf(path, f"{store}/store", graph="https://example.org/kg")
    n = _count(store, "SELECT (COUNT(*) AS ?n) { GRAPH <https://example.org/kg> { ?s ?p ?o } }")
    assert n > 0


def test_push_unreachable_store_is_one_clear_error(tmp_path):
    path = write_rdf(_graph(), tmp_path / "graph.nq")
    with pytest.raises(KGError, match=r"cannot reach the store"):
        push_rdf(path, f"http://127.0.0.1:{_free_port()}/store", timeout=5)


def test_push_rejects_graph_option_for_a_dataset(tmp_path):
    path = write_rdf(_graph(), tmp_path / "graph.nq")
    with pytest.raises(KGError, match="names its own graphs"):
        push_rdf(path, "http://127.0.0.1:1/store", graph="https://example.org/g")
