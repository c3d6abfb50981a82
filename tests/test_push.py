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


def _first_document() -> Extraction:
    text = "Ana Silva met Omar Haddad in Rabat."
    evidence = Evidence("d1", 0, len(text), text, rule="meetings:test")
    entities = (Entity("person:ana-silva", "Ana Silva", "PERSON"), Entity("person:omar-haddad", "Omar Haddad", "PERSON"),
                Entity("gpe:rabat", "Rabat", "GPE"))
    meeting = Event("meeting:1", "meeting", "meet", evidence, participants=("person:ana-silva", "person:omar-haddad"),
                    location="gpe:rabat", date="2030-01-06")
    return Extraction(Document("d1", text), entities, (meeting,))


def _graph():
    return build_graph([_first_document()])


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


def _two_documents():
    text = "Omar Haddad met Liis Valdmaa in Rabat."
    evidence = Evidence("d2", 0, len(text), text, rule="meetings:test")
    entities = (Entity("person:omar-haddad", "Omar Haddad", "PERSON"),
                Entity("person:liis-valdmaa", "Liis Valdmaa", "PERSON"), Entity("gpe:rabat", "Rabat", "GPE"))
    meeting = Event("meeting:2", "meeting", "meet", evidence, participants=("person:omar-haddad", "person:liis-valdmaa"),
                    location="gpe:rabat", date="2030-01-07")
    return build_graph([_first_document(), Extraction(Document("d2", text), entities, (meeting,))])


def _server_quads(base: str) -> set[str]:
    query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(f"{base}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        rows = json.load(response)["results"]["bindings"]
    return {tuple(row[k]["value"] for k in ("s", "p", "o", "g")) for row in rows}


def test_push_incremental_sends_only_what_changed(oxigraph_server, tmp_path):
    from kg.sparql.incremental import push_incremental

    store = oxigraph_server
    path = tmp_path / "graph.nq"
    write_rdf(_graph(), path)
    first = push_incremental(path, f"{store}/store")
    assert first.full and first.added == len(path.read_bytes().splitlines())
    write_rdf(_two_documents(), path)
    second = push_incremental(path, f"{store}/store")
    assert not second.full and second.requests == 1
    lines = path.read_bytes().splitlines()
    assert 0 < second.added < len(lines)  # the second document's quads and what it changed, not everything
    import pyoxigraph as ox

    expected = {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
                for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.N_QUADS)}
    assert _server_quads(store) == expected
    again = push_incremental(path, f"{store}/store")  # nothing changed: nothing sent
    assert (again.removed, again.added, again.requests) == (0, 0, 0)
    write_rdf(_graph(), path)  # a document gone: its quads are deleted on the server
    third = push_incremental(path, f"{store}/store")
    assert third.removed > 0
    assert _server_quads(store) == {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
                                   for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.N_QUADS)}


def test_push_incremental_needs_graph_nq_and_an_update_url(tmp_path):
    from kg.sparql.incremental import push_incremental

    ttl = write_rdf(_graph(), tmp_path / "graph.ttl")
    with pytest.raises(KGError, match="--incremental pushes kg's N-Quads"):
        push_incremental(ttl, "http://127.0.0.1:9/store")
    nq = write_rdf(_graph(), tmp_path / "graph.nq")
    with pytest.raises(KGError, match="cannot tell the SPARQL Update endpoint"):
        push_incremental(nq, "http://127.0.0.1:9/gsp")
