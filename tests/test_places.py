"""Tests of kg.graph.places: place nodes get a point and a country from their GeoNames ids."""
from __future__ import annotations

import pytest

from kg.graph import build_graph
from kg.graph.places import geonames_id
from kg.model import Document, Entity, Event, Evidence, Extraction


def _graph(*entities: Entity):
    doc = Document("d1", "A met B.")
    ev = Evidence("d1", 0, 8, doc.text)
    meeting = Event("m1", "meeting", "meet", ev, participants=tuple(e.id for e in entities))
    return build_graph([Extraction(doc, entities, (meeting,))])


def test_places_city_country_and_unknown_place():
    G = _graph(Entity("gpe:geneva", "Geneva", "GPE", same_as=("https://sws.geonames.org/2660646/",)),
               Entity("gpe:kenya", "Kenya", "GPE", same_as=("https://sws.geonames.org/192950/",)),
               Entity("fac:hall", "City Hall", "FAC"),
               Entity("person:a", "Ana Silva", "PERSON", same_as=("https://sws.geonames.org/2660646/",)))
    geneva, kenya = G.nodes["gpe:geneva"], G.nodes["gpe:kenya"]
    assert geneva["country"] == "CH" and 46.1 < geneva["lat"] < 46.3 and 6.1 < geneva["lon"] < 6.2
    assert kenya["country"] == "KE" and -1.4 < kenya["lat"] < -1.2  # a country's point: its capital
    assert not {"lat", "lon", "country"} & set(G.nodes["fac:hall"])  # no id: nothing guessed
    assert "lat" not in G.nodes["person:a"]  # only places are placed


@pytest.mark.parametrize(("iris", "expected"), [
    (("https://sws.geonames.org/2660646/",), 2660646),
    (("http://sws.geonames.org/2660646",), 2660646),
    (("http://www.wikidata.org/entity/Q71",), None),
    (("https://sws.geonames.org/abc/",), None),
    ((), None),
])
def test_places_geonames_id_from_iris(iris, expected):
    assert geonames_id(iris) == expected


def test_places_every_venue_resolves_to_its_city_in_its_country():
    # the venue table is data: a city the gazetteer cannot find, or finds in another
    # country, would leave the venue's encounters silently without a place
    from kg.extraction.places import _key, _venues
    from kg.rules import load_rules

    table = load_rules("venues")["venues"]
    missing = sorted(name for name in table if _key(name) not in _venues())
    assert missing == []
