"""Graph assembly from hand-made records (no spaCy model)."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import actor_network, build_graph
from kg.export.graph_files import graphml_ready
from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction
from kg.resolve import resolve_corpus


def _extraction(doc_id: str = "d1") -> Extraction:
    text = "Foreign Minister Ana Silva met Prime Minister Omar Haddad in Rabat. Silva said talks went well."
    doc = Document(id=doc_id, text=text, title="Ministers meet", published="2030-01-02")
    first = Evidence(doc_id, 0, 67, text[:67], rule="meetings:meet-verb")
    second = Evidence(doc_id, 68, len(text), text[68:], rule="statements:say")
    entities = (
        Entity("gpe:rabat", "Rabat", "GPE"),
        Entity("person:ana-silva", "Ana Silva", "PERSON", aliases=("Silva",)),
        Entity("person:omar-haddad", "Omar Haddad", "PERSON"),
        Entity("gpe:morocco", "Morocco", "GPE"),
    )
    events = (
        Event(f"meeting:{doc_id}", "meeting", "meet", first, participants=("person:ana-silva", "person:omar-haddad"),
              location="gpe:rabat", date="2030-01-01"),
        Event(f"statement:{doc_id}", "statement", "statement", second, speaker="person:ana-silva"),
    )
    affiliations = (Affiliation("person:omar-haddad", "gpe:morocco", first, role="Prime Minister"),)
    return Extraction(doc, entities, events, affiliations)


def test_graph_links_events_to_actors_by_role():
    G = build_graph([_extraction()])
    roles = {(v, key) for _, v, key in G.out_edges("meeting:d1", keys=True)}
    assert roles == {("person:ana-silva", "participant"), ("person:omar-haddad", "participant"),
                     ("gpe:rabat", "location")}
    assert set(G.successors("statement:d1")) == {"person:ana-silva"}
    assert G.nodes["meeting:d1"]["sentence"].startswith("Foreign Minister")
    assert G.graph["documents"]["d1"]["length"] == len(_extraction().document.text)


def test_graph_affiliation_edge_keeps_role_and_currency():
    G = build_graph([_extraction()])
    data = G.get_edge_data("person:omar-haddad", "gpe:morocco")
    assert list(data) == ["affiliation:Prime Minister"]
    assert data["affiliation:Prime Minister"]["title"] == "Prime Minister"
    assert data["affiliation:Prime Minister"]["current"] is True


def test_graph_same_records_in_any_order_give_equal_graphs():
    a, b = _extraction("d1"), _extraction("d2")
    G, H = build_graph([a, b]), build_graph([b, a])
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert G.nodes["person:ana-silva"]["documents"] == ["d1", "d2"]


def test_graph_actor_network_counts_meetings():
    A = actor_network(build_graph([_extraction("d1"), _extraction("d2")]))
    assert A["person:ana-silva"]["person:omar-haddad"]["meetings"] == 2
    assert A["person:omar-haddad"]["gpe:morocco"]["affiliation"] == "Prime Minister"
    assert all(data["kind"] == "entity" for _, data in A.nodes(data=True))


def test_graph_graphml_round_trip_keeps_nodes_and_edges(tmp_path):
    G = build_graph([_extraction()])
    path = tmp_path / "g.graphml"
    nx.write_graphml(graphml_ready(G), path)
    H = nx.read_graphml(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()


@pytest.mark.parametrize(("names", "expected"), [
    (["Ana Silva", "Silva"], ["person:ana-silva", "person:ana-silva"]),
    (["Ana Silva", "Rui Silva", "Silva"], ["person:ana-silva", "person:rui-silva", "person:silva"]),
])
def test_resolve_surname_joins_unique_full_name(names, expected):
    from kg.ids import entity_id

    records = [Extraction(Document(f"d{i}", "x"), (Entity(entity_id("PERSON", n), n, "PERSON"),))
               for i, n in enumerate(names)]
    assert [e.id for x in resolve_corpus(records) for e in x.entities] == expected
