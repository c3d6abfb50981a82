"""Meeting rules on parses built by hand (no model): who met whom, where, when, how.

Each sentence is invented; its rows are (word, head, dep, pos, lemma, ent) as in
``test_rules``. Every rule has a sentence where it applies and one where it must not.
"""
from __future__ import annotations

from test_rules import meetings, parse

# "Vice President Ana Silva returned from her trip to Peru , Chile and Bolivia ."
TRIP = [
    ("Vice", 1, "compound", "PROPN", "Vice", "O"), ("President", 3, "compound", "PROPN", "President", "O"),
    ("Ana", 3, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 4, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("returned", 4, "ROOT", "VERB", "return", "O"), ("from", 4, "prep", "ADP", "from", "O"),
    ("her", 7, "poss", "PRON", "her", "O"), ("trip", 5, "pobj", "NOUN", "trip", "O"),
    ("to", 7, "prep", "ADP", "to", "O"), ("Peru", 8, "pobj", "PROPN", "Peru", "B-GPE"),
    (",", 9, "punct", "PUNCT", ",", "O"), ("Chile", 9, "conj", "PROPN", "Chile", "B-GPE"),
    ("and", 11, "cc", "CCONJ", "and", "O"), ("Bolivia", 11, "conj", "PROPN", "Bolivia", "B-GPE"),
    (".", 4, "punct", "PUNCT", ".", "O"),
]


def test_meetings_trip_is_one_visit_per_stop():
    found = meetings(*parse(TRIP))
    assert sorted(found, key=lambda m: m[1]) == [
        ({"Ana Silva", place}, place, None, "occurred", "visit") for place in ("Bolivia", "Chile", "Peru")]


def test_meetings_trip_stops_are_distinct_events_with_one_place_each():
    from kg.graph import build_graph
    from kg.query import validate

    extraction, _ = parse(TRIP)
    visits = [e for e in extraction.events if e.type == "meeting"]
    assert len({e.id for e in visits}) == 3
    G = build_graph([extraction], merge_events=True)
    assert sum(1 for _, d in G.nodes(data=True) if d.get("type") == "meeting") == 3
    report = validate(G)
    assert report.conforms, report.text
