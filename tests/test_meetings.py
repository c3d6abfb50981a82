"""Meeting rules on parses built by hand (no model): who met whom, where, when, how.

Each sentence is invented; its rows are (word, head, dep, pos, lemma, ent) as in
``test_rules``. Every rule has a sentence where it applies and one where it must not.
"""
from __future__ import annotations

import pytest

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
    from kg.sparql import validate

    extraction, _ = parse(TRIP)
    visits = [e for e in extraction.events if e.type == "meeting"]
    assert len({e.id for e in visits}) == 3
    G = build_graph([extraction], merge_events=True)
    assert sum(1 for _, d in G.nodes(data=True) if d.get("type") == "meeting") == 3
    report = validate(G)
    assert report.conforms, report.text


def _kinds(rows):
    return sorted((sorted(people), place, kind) for people, place, _date, _status, kind in meetings(*parse(rows)))


# "The Peru-Chile talks ended on Monday ."
DYAD = [
    ("The", 4, "det", "DET", "the", "O"), ("Peru", 3, "compound", "PROPN", "Peru", "B-GPE"),
    ("-", 3, "punct", "PUNCT", "-", "O"), ("Chile", 4, "compound", "PROPN", "Chile", "B-GPE"),
    ("talks", 5, "nsubj", "NOUN", "talk", "O"), ("ended", 5, "ROOT", "VERB", "end", "O"),
    ("on", 5, "prep", "ADP", "on", "O"), ("Monday", 6, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 5, "punct", "PUNCT", ".", "O"),
]
# "The Lima talks between Peru and Chile ended on Monday ."
CITY_TALKS = [
    ("The", 2, "det", "DET", "the", "O"), ("Lima", 2, "compound", "PROPN", "Lima", "B-GPE"),
    ("talks", 7, "nsubj", "NOUN", "talk", "O"), ("between", 2, "prep", "ADP", "between", "O"),
    ("Peru", 3, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 4, "cc", "CCONJ", "and", "O"),
    ("Chile", 4, "conj", "PROPN", "Chile", "B-GPE"), ("ended", 7, "ROOT", "VERB", "end", "O"),
    ("on", 7, "prep", "ADP", "on", "O"), ("Monday", 8, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]


def test_meetings_parties_named_in_the_meeting_noun():
    assert _kinds(DYAD) == [(["Chile", "Peru"], None, "talks")]


def test_meetings_city_in_the_meeting_noun_is_the_place():
    assert _kinds(CITY_TALKS) == [(["Chile", "Peru"], "Lima", "talks")]


# "Ana Silva met Omar Haddad in Rabat on the margins of the NATO summit ."
MARGINS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), ("on", 2, "prep", "ADP", "on", "O"),
    ("the", 9, "det", "DET", "the", "O"), ("margins", 7, "pobj", "NOUN", "margin", "O"),
    ("of", 9, "prep", "ADP", "of", "O"), ("the", 13, "det", "DET", "the", "O"),
    ("NATO", 13, "compound", "PROPN", "NATO", "B-ORG"), ("summit", 10, "pobj", "NOUN", "summit", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Ana Silva and Omar Haddad talked at a meeting in Rabat ."
AT_MEETING = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 5, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("and", 1, "cc", "CCONJ", "and", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 1, "conj", "PROPN", "Haddad", "I-PERSON"), ("talked", 5, "ROOT", "VERB", "talk", "O"),
    ("at", 5, "prep", "ADP", "at", "O"), ("a", 8, "det", "DET", "a", "O"),
    ("meeting", 6, "pobj", "NOUN", "meeting", "O"), ("in", 8, "prep", "ADP", "in", "O"),
    ("Rabat", 9, "pobj", "PROPN", "Rabat", "B-GPE"), (".", 5, "punct", "PUNCT", ".", "O"),
]


def test_meetings_bilateral_on_the_margins_is_also_attendance_of_the_summit():
    assert _kinds(MARGINS) == [(["Ana Silva", "NATO", "Omar Haddad"], "Rabat", "summit"),
                               (["Ana Silva", "Omar Haddad"], "Rabat", "meet")]


def test_meetings_talking_at_a_meeting_is_that_meeting():
    assert len(_kinds(AT_MEETING)) == 1


# "Ana Silva met Omar Haddad , who is visiting Morocco ."
WHO_VISITS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), (",", 4, "punct", "PUNCT", ",", "O"),
    ("who", 8, "nsubj", "PRON", "who", "O"), ("is", 8, "aux", "AUX", "be", "O"),
    ("visiting", 4, "relcl", "VERB", "visit", "O"), ("Morocco", 8, "dobj", "PROPN", "Morocco", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Omar Haddad is visiting Morocco ."
VISITS = [
    ("Omar", 1, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "nsubj", "PROPN", "Haddad", "I-PERSON"),
    ("is", 3, "aux", "AUX", "be", "O"), ("visiting", 3, "ROOT", "VERB", "visit", "O"),
    ("Morocco", 3, "dobj", "PROPN", "Morocco", "B-GPE"), (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_visit_with_a_named_counterpart_is_the_meeting_there():
    assert _kinds(WHO_VISITS) == [(["Ana Silva", "Omar Haddad"], "Morocco", "meet")]


def test_meetings_visit_with_no_counterpart_is_a_visit():
    assert _kinds(VISITS) == [(["Morocco", "Omar Haddad"], "Morocco", "visit")]


# "The visit of Omar Haddad to Morocco ended ."
VISIT_OF = [
    ("The", 1, "det", "DET", "the", "O"), ("visit", 7, "nsubj", "NOUN", "visit", "O"),
    ("of", 1, "prep", "ADP", "of", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "pobj", "PROPN", "Haddad", "I-PERSON"), ("to", 1, "prep", "ADP", "to", "O"),
    ("Morocco", 5, "pobj", "PROPN", "Morocco", "B-GPE"), ("ended", 7, "ROOT", "VERB", "end", "O"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]


def test_meetings_visit_of_a_person():
    assert _kinds(VISIT_OF) == [(["Morocco", "Omar Haddad"], "Morocco", "visit")]


def test_meetings_visit_of_no_one_named():
    # "The visit of two days to Morocco ended ."
    rows = VISIT_OF[:3] + [("two", 4, "nummod", "NUM", "two", "O"), ("days", 2, "pobj", "NOUN", "day", "O")] + VISIT_OF[5:]
    assert _kinds(rows) == []


# "Ana Silva met Omar Haddad . This was their first meeting ."
COPULA = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("This", 7, "nsubj", "PRON", "this", "O"), ("was", 7, "ROOT", "AUX", "be", "O"),
    ("their", 10, "poss", "PRON", "their", "O"), ("first", 10, "amod", "ADJ", "first", "B-ORDINAL"),
    ("meeting", 7, "attr", "NOUN", "meeting", "O"), (".", 7, "punct", "PUNCT", ".", "O"),
]


def test_meetings_this_was_their_first_meeting_is_the_one_just_read():
    extraction, _ = parse(COPULA)
    assert [e.evidence.sentence for e in extraction.events if e.type == "meeting"] == ["Ana Silva met Omar Haddad."]


# "Ana Silva met Omar Haddad in Rabat . Lina Diaz also attended the meeting ."
ALSO = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("Lina", 9, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 11, "nsubj", "PROPN", "Diaz", "I-PERSON"),
    ("also", 11, "advmod", "ADV", "also", "O"), ("attended", 11, "ROOT", "VERB", "attend", "O"),
    ("the", 13, "det", "DET", "the", "O"), ("meeting", 11, "dobj", "NOUN", "meeting", "O"),
    (".", 11, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_meeting_refers_to_the_one_before():
    assert _kinds(ALSO) == [(["Ana Silva", "Lina Diaz", "Omar Haddad"], "Rabat", "meet")]


def test_meetings_a_meeting_elsewhere_is_not_the_one_before():
    # "... Lina Diaz also attended the meeting in Tunis ." : another place, another encounter
    rows = ALSO[:14] + [("in", 13, "prep", "ADP", "in", "O"), ("Tunis", 14, "pobj", "PROPN", "Tunis", "B-GPE"),
                        (".", 11, "punct", "PUNCT", ".", "O")]
    assert _kinds(rows) == [(["Ana Silva", "Omar Haddad"], "Rabat", "meet")]


# "Ana Silva attended the G7 Foreign Ministers ' Meeting in Rome . She thanked the G7 ."
EVENT_NAME = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("attended", 2, "ROOT", "VERB", "attend", "O"), ("the", 8, "det", "DET", "the", "B-ORG"),
    ("G7", 8, "nmod", "PROPN", "G7", "I-ORG"), ("Foreign", 6, "compound", "PROPN", "Foreign", "I-ORG"),
    ("Ministers", 8, "poss", "PROPN", "Ministers", "I-ORG"), ("'", 6, "case", "PART", "'", "I-ORG"),
    ("Meeting", 2, "dobj", "NOUN", "meeting", "I-ORG"), ("in", 8, "prep", "ADP", "in", "O"),
    ("Rome", 9, "pobj", "PROPN", "Rome", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("She", 13, "nsubj", "PRON", "she", "O"), ("thanked", 13, "ROOT", "VERB", "thank", "O"),
    ("the", 15, "det", "DET", "the", "O"), ("G7", 13, "dobj", "PROPN", "G7", "B-ORG"),
    (".", 13, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_gathering_read_as_an_organisation_stands_for_the_actors_in_its_name():
    assert [(sorted(people), place, kind) for people, place, _, _, kind in meetings(*parse(EVENT_NAME))] == [
        (["Ana Silva", "Group of Seven"], "Rome", "summit")]


def test_meetings_an_institution_named_like_a_gathering_takes_part_itself():
    # "Ana Silva attended the Rabat Security Conference in Rome ."
    rows = EVENT_NAME[:3] + [("the", 6, "det", "DET", "the", "O"), ("Rabat", 6, "compound", "PROPN", "Rabat", "B-ORG"),
                             ("Security", 6, "compound", "PROPN", "Security", "I-ORG"),
                             ("Conference", 2, "dobj", "PROPN", "Conference", "I-ORG"),
                             ("in", 6, "prep", "ADP", "in", "O"), ("Rome", 7, "pobj", "PROPN", "Rome", "B-GPE"),
                             (".", 2, "punct", "PUNCT", ".", "O")]
    assert _kinds(rows) == [(["Ana Silva", "Rabat Security Conference"], "Rome", "summit")]


# "Ana Silva traveled to Morocco on Monday . In Rabat , she met Omar Haddad ."
TRIP_MEETING = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("traveled", 2, "ROOT", "VERB", "travel", "O"), ("to", 2, "prep", "ADP", "to", "O"),
    ("Morocco", 3, "pobj", "PROPN", "Morocco", "B-GPE"), ("on", 2, "prep", "ADP", "on", "O"),
    ("Monday", 5, "pobj", "PROPN", "Monday", "B-DATE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("In", 12, "prep", "ADP", "in", "O"), ("Rabat", 8, "pobj", "PROPN", "Rabat", "B-GPE"),
    (",", 12, "punct", "PUNCT", ",", "O"), ("she", 12, "nsubj", "PRON", "she", "O"),
    ("met", 12, "ROOT", "VERB", "meet", "O"), ("Omar", 14, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 12, "dobj", "PROPN", "Haddad", "I-PERSON"), (".", 12, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_trip_with_a_meeting_in_the_country_is_that_meeting():
    # the trip dates the meeting (Monday 10 June 2030) and is not reported again
    assert meetings(*parse(TRIP_MEETING)) == [({"Ana Silva", "Omar Haddad"}, "Rabat", "2030-06-10", "occurred", "meet")]


def test_meetings_a_trip_with_a_meeting_elsewhere_stays_a_visit():
    # "... In Tunis , she met Omar Haddad ."
    rows = TRIP_MEETING[:9] + [("Tunis", 8, "pobj", "PROPN", "Tunis", "B-GPE")] + TRIP_MEETING[10:]
    assert _kinds(rows) == [(["Ana Silva", "Morocco"], "Morocco", "visit"), (["Ana Silva", "Omar Haddad"], "Tunis", "meet")]


# "Ana Silva was joined in her meetings by Lina Diaz ."
JOINED = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubjpass", "PROPN", "Silva", "I-PERSON"),
    ("was", 3, "auxpass", "AUX", "be", "O"), ("joined", 3, "ROOT", "VERB", "join", "O"),
    ("in", 3, "prep", "ADP", "in", "O"), ("her", 6, "poss", "PRON", "her", "O"),
    ("meetings", 4, "pobj", "NOUN", "meeting", "O"), ("by", 6, "prep", "ADP", "by", "O"),
    ("Lina", 9, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 7, "pobj", "PROPN", "Diaz", "I-PERSON"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]
# "Lina Diaz joined the talks with Omar Haddad ."
JOINED_TALKS = [
    ("Lina", 1, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 2, "nsubj", "PROPN", "Diaz", "I-PERSON"),
    ("joined", 2, "ROOT", "VERB", "join", "O"), ("the", 4, "det", "DET", "the", "O"),
    ("talks", 2, "dobj", "NOUN", "talk", "O"), ("with", 4, "prep", "ADP", "with", "O"),
    ("Omar", 7, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 5, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_delegation_joined_by_its_members_is_no_encounter():
    assert _kinds(JOINED) == []


def test_meetings_joining_talks_is_taking_part():
    assert _kinds(JOINED_TALKS) == [(["Lina Diaz", "Omar Haddad"], None, "talks")]


# "Ana Silva will describe the meeting between Omar Haddad and Lina Diaz ."
DESCRIBE = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("describe", 3, "ROOT", "VERB", "describe", "O"),
    ("the", 5, "det", "DET", "the", "O"), ("meeting", 3, "dobj", "NOUN", "meeting", "O"),
    ("between", 5, "prep", "ADP", "between", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "pobj", "PROPN", "Haddad", "I-PERSON"), ("and", 8, "cc", "CCONJ", "and", "O"),
    ("Lina", 11, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 8, "conj", "PROPN", "Diaz", "I-PERSON"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]
# "Ana Silva will hold a meeting with Omar Haddad ."
HOLD = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("hold", 3, "ROOT", "VERB", "hold", "O"),
    ("a", 5, "det", "DET", "a", "O"), ("meeting", 3, "dobj", "NOUN", "meeting", "O"),
    ("with", 5, "prep", "ADP", "with", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_talk_about_a_meeting_does_not_lend_it_its_modality():
    assert [(m[0], m[3]) for m in meetings(*parse(DESCRIBE))] == [({"Omar Haddad", "Lina Diaz"}, "occurred")]


def test_meetings_taking_part_lends_the_meeting_its_modality():
    assert [(m[0], m[3]) for m in meetings(*parse(HOLD))] == [({"Ana Silva", "Omar Haddad"}, "planned")]


def _places(rows, **document):
    from handbuilt import extract_rows

    extraction, names = extract_rows(rows, **document)
    return sorted((sorted(names[p] for p in e.participants), names.get(e.location), e.date, e.status, e.subtype)
                  for e in extraction.events if e.type == "meeting")


# "Ana Silva met Omar Haddad at the Kremlin ."
KREMLIN = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("at", 2, "prep", "ADP", "at", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("Kremlin", 5, "pobj", "PROPN", "Kremlin", "B-FAC"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_venue_gives_its_city():
    assert [m[1] for m in _places(KREMLIN)] == ["Moscow"]


def test_meetings_a_venue_kg_does_not_know_gives_no_place():
    rows = KREMLIN[:7] + [("ministry", 5, "pobj", "NOUN", "ministry", "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[1] for m in _places(rows)] == [None]


# "Ana Silva met Omar Haddad in the port city of Tangier ."
TOWN = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("the", 8, "det", "DET", "the", "O"), ("port", 8, "compound", "ADJ", "port", "O"),
    ("city", 5, "pobj", "NOUN", "city", "O"), ("of", 8, "prep", "ADP", "of", "O"),
    ("Tangier", 9, "pobj", "PROPN", "Tangier", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_city_of_x_is_x():
    assert [m[1] for m in _places(TOWN)] == ["Tangier"]


def test_meetings_the_history_of_x_is_not_a_place():
    # "... in the history of Tangier ." : only a place noun introduces a place
    rows = TOWN[:7] + [("history", 5, "pobj", "NOUN", "history", "O")] + TOWN[9:]
    rows = [(w, h - 1 if h > 7 else h, d, p, l, e) for w, h, d, p, l, e in rows]
    assert [m[1] for m in _places(rows)] == [None]


# "Rabat" (a header line) "Ana Silva met Omar Haddad today ." / "Ana Silva spoke with Omar Haddad today ."
DATELINE = [("Rabat", 0, "ROOT", "PROPN", "Rabat", "B-GPE"), ("\n", 0, "dep", "SPACE", "\n", "O")]
TODAY = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
         ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
         ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("today", 2, "npadvmod", "NOUN", "today", "B-DATE"),
         (".", 2, "punct", "PUNCT", ".", "O")]
CALL_TODAY = TODAY[:2] + [("spoke", 2, "ROOT", "VERB", "speak", "O"), ("with", 2, "prep", "ADP", "with", "O"),
                          ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"),
                          ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"),
                          ("today", 2, "npadvmod", "NOUN", "today", "B-DATE"), (".", 2, "punct", "PUNCT", ".", "O")]


def test_meetings_the_dateline_places_the_days_encounters():
    from handbuilt import join

    assert _places(join(DATELINE, TODAY)) == [(["Ana Silva", "Omar Haddad"], "Rabat", "2030-06-12", "occurred", "meet")]


def test_meetings_the_dateline_does_not_place_a_call():
    from handbuilt import join

    assert [m[1] for m in _places(join(DATELINE, CALL_TODAY))] == [None]


def test_meetings_a_dated_dateline_is_a_sentence_of_its_own():
    import spacy

    from kg.extraction.pipeline import paragraph_boundaries

    nlp = spacy.blank("en")
    doc = paragraph_boundaries(nlp.make_doc("Rabat, 12 June 2030 - Ana Silva met Omar Haddad today."))
    assert [t.text for t in doc if t.is_sent_start] == ["Rabat", "Ana"]
    # a name and a date open a profile, not a dateline: no place, no boundary
    doc = paragraph_boundaries(nlp.make_doc("Ana Silva, 12 June 2030 - a profile of the minister."))
    assert [t.text for t in doc if t.is_sent_start] == ["Ana"]


def test_meetings_a_mixed_case_dateline_places_the_days_encounters():
    from handbuilt import join

    # "Rabat, 12 June 2030 -" (a sentence of its own) "Ana Silva met Omar Haddad today ."
    dateline = [("Rabat", 0, "ROOT", "PROPN", "Rabat", "B-GPE"), (",", 0, "punct", "PUNCT", ",", "O"),
                ("12", 3, "nummod", "NUM", "12", "B-DATE"), ("June", 0, "npadvmod", "PROPN", "June", "I-DATE"),
                ("2030", 3, "nummod", "NUM", "2030", "I-DATE"), ("-", 0, "punct", "PUNCT", "-", "O")]
    assert _places(join(dateline, TODAY)) == [(["Ana Silva", "Omar Haddad"], "Rabat", "2030-06-12", "occurred", "meet")]
    # a dateline's place must be a place: an unknown name places nothing
    unknown = [("Qelvorith", *dateline[0][1:3], "PROPN", "Qelvorith", "B-GPE")] + dateline[1:]
    assert _places(join(unknown, TODAY)) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-12", "occurred", "meet")]


def test_meetings_a_headline_of_a_format_and_a_city_is_a_dateline():
    assert [m[1] for m in _places(TODAY, title="Press Conference, Rabat")] == ["Rabat"]
    assert [m[1] for m in _places(TODAY, title="Silva meets Haddad ahead of the Rabat talks on trade")] == [None]


# "Ana Silva will attend the NATO summit . During her NATO meetings , she will meet Omar Haddad ."
NATO = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("attend", 3, "ROOT", "VERB", "attend", "O"),
    ("the", 6, "det", "DET", "the", "O"), ("NATO", 6, "compound", "PROPN", "NATO", "B-ORG"),
    ("summit", 3, "dobj", "NOUN", "summit", "O"), (".", 3, "punct", "PUNCT", ".", "O"),
    ("During", 15, "prep", "ADP", "during", "O"), ("her", 11, "poss", "PRON", "her", "O"),
    ("NATO", 11, "compound", "PROPN", "NATO", "B-ORG"), ("meetings", 8, "pobj", "NOUN", "meeting", "O"),
    (",", 15, "punct", "PUNCT", ",", "O"), ("she", 15, "nsubj", "PRON", "she", "O"),
    ("will", 15, "aux", "AUX", "will", "O"), ("meet", 15, "ROOT", "VERB", "meet", "O"),
    ("Omar", 17, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 15, "dobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 15, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_bodys_meetings_are_its_one_gathering():
    assert _kinds(NATO) == [(["Ana Silva", "NATO"], None, "summit"), (["Ana Silva", "Omar Haddad"], None, "meet")]


def test_meetings_two_bodies_are_two_gatherings():
    # "... During her ASEAN meetings , ..."
    rows = NATO[:10] + [("ASEAN", 11, "compound", "PROPN", "ASEAN", "B-ORG")] + NATO[11:]
    assert _kinds(rows) == [(["Ana Silva", "Association of Southeast Asian Nations"], None, "summit"),
                            (["Ana Silva", "NATO"], None, "summit"), (["Ana Silva", "Omar Haddad"], None, "meet")]


# "On Friday , Morocco opened a new port . The event was attended by Omar Haddad and Lina Diaz ."
BRIDGE = [
    ("On", 4, "prep", "ADP", "on", "O"), ("Friday", 0, "pobj", "PROPN", "Friday", "B-DATE"),
    (",", 4, "punct", "PUNCT", ",", "O"), ("Morocco", 4, "nsubj", "PROPN", "Morocco", "B-GPE"),
    ("opened", 4, "ROOT", "VERB", "open", "O"), ("a", 7, "det", "DET", "a", "O"),
    ("new", 7, "amod", "ADJ", "new", "O"), ("port", 4, "dobj", "NOUN", "port", "O"),
    (".", 4, "punct", "PUNCT", ".", "O"), ("The", 10, "det", "DET", "the", "O"),
    ("event", 12, "nsubjpass", "NOUN", "event", "O"), ("was", 12, "auxpass", "AUX", "be", "O"),
    ("attended", 12, "ROOT", "VERB", "attend", "O"), ("by", 12, "agent", "ADP", "by", "O"),
    ("Omar", 15, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 13, "pobj", "PROPN", "Haddad", "I-PERSON"),
    ("and", 15, "cc", "CCONJ", "and", "O"), ("Lina", 18, "compound", "PROPN", "Lina", "B-PERSON"),
    ("Diaz", 15, "conj", "PROPN", "Diaz", "I-PERSON"), (".", 12, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_event_is_what_the_sentence_before_describes():
    assert _places(BRIDGE) == [(["Lina Diaz", "Morocco", "Omar Haddad"], None, "2030-06-07", "occurred", "summit")]


def test_meetings_an_event_is_not_what_the_sentence_before_describes():
    # "... An event was attended by ..." : no reference back
    rows = BRIDGE[:9] + [("An", 10, "det", "DET", "an", "O")] + BRIDGE[10:]
    assert _places(rows) == [(["Lina Diaz", "Omar Haddad"], None, None, "occurred", "summit")]


# "Omar Haddad is in Rabat for talks with Lina Diaz ."
FOR_TALKS = [
    ("Omar", 1, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 2, "nsubj", "PROPN", "Haddad", "I-PERSON"),
    ("is", 2, "ROOT", "AUX", "be", "O"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 3, "pobj", "PROPN", "Rabat", "B-GPE"), ("for", 2, "prep", "ADP", "for", "O"),
    ("talks", 5, "pobj", "NOUN", "talk", "O"), ("with", 6, "prep", "ADP", "with", "O"),
    ("Lina", 9, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 7, "pobj", "PROPN", "Diaz", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_being_somewhere_for_talks_is_ahead_of_them():
    assert [m[3] for m in _places(FOR_TALKS)] == ["planned"]


def test_meetings_having_been_somewhere_for_talks_is_behind_them():
    rows = FOR_TALKS[:2] + [("was", 2, "ROOT", "AUX", "be", "O")] + FOR_TALKS[3:]
    assert [m[3] for m in _places(rows)] == ["occurred"]


# "Ana Silva held a video conference with Omar Haddad this morning ."
VIDEO = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("held", 2, "ROOT", "VERB", "hold", "O"), ("a", 5, "det", "DET", "a", "O"),
    ("video", 5, "compound", "NOUN", "video", "O"), ("conference", 2, "dobj", "NOUN", "conference", "O"),
    ("with", 5, "prep", "ADP", "with", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "pobj", "PROPN", "Haddad", "I-PERSON"), ("this", 10, "det", "DET", "this", "B-TIME"),
    ("morning", 2, "npadvmod", "NOUN", "morning", "I-TIME"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_video_conference_this_morning_is_a_call_today():
    assert _places(VIDEO) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-12", "occurred", "phone")]


def test_meetings_a_conference_is_a_gathering():
    rows = VIDEO[:4] + [("conference", 2, "dobj", "NOUN", "conference", "O")] + VIDEO[6:]
    rows = [(w, h - 1 if h > 4 else h, d, p, l, e) for w, h, d, p, l, e in rows]
    assert [m[4] for m in _places(rows)] == ["summit"]


# "Ana Silva met Omar Haddad and will travel to Peru on Friday ."
CONJ_DATE = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("and", 2, "cc", "CCONJ", "and", "O"),
    ("will", 7, "aux", "AUX", "will", "O"), ("travel", 2, "conj", "VERB", "travel", "O"),
    ("to", 7, "prep", "ADP", "to", "O"), ("Peru", 8, "pobj", "PROPN", "Peru", "B-GPE"),
    ("on", 7, "prep", "ADP", "on", "O"), ("Friday", 10, "pobj", "PROPN", "Friday", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_date_of_another_clause_is_not_the_meetings():
    found = {m[4]: m[2] for m in _places(CONJ_DATE)}
    assert found == {"meet": None, "visit": "2030-06-14"}


def test_meetings_a_date_of_its_own_clause_is_the_meetings():
    # "Ana Silva met Omar Haddad on Friday ."
    rows = CONJ_DATE[:5] + [("on", 2, "prep", "ADP", "on", "O"), ("Friday", 5, "pobj", "PROPN", "Friday", "B-DATE"),
                            (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[2] for m in _places(rows)] == ["2030-06-07"]


# "The delegation stopped in Hawaii , where Ana Silva met Omar Haddad ."
WHERE = [
    ("The", 1, "det", "DET", "the", "O"), ("delegation", 2, "nsubj", "NOUN", "delegation", "O"),
    ("stopped", 2, "ROOT", "VERB", "stop", "O"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Hawaii", 3, "pobj", "PROPN", "Hawaii", "B-GPE"), (",", 4, "punct", "PUNCT", ",", "O"),
    ("where", 9, "advmod", "SCONJ", "where", "O"), ("Ana", 8, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 9, "nsubj", "PROPN", "Silva", "I-PERSON"), ("met", 4, "relcl", "VERB", "meet", "O"),
    ("Omar", 11, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 9, "dobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_where_a_relative_clause_hangs_is_the_place():
    assert [m[1] for m in _places(WHERE)] == ["Hawaii"]


def test_meetings_a_relative_clause_without_where_gives_no_place():
    # "... Hawaii , which Ana Silva met Omar Haddad ." (no place meant)
    rows = WHERE[:6] + [("which", 9, "dobj", "PRON", "which", "O")] + WHERE[7:]
    assert [m[1] for m in _places(rows)] == [None]


# "Ana Silva visited Rabat on Monday . She met Omar Haddad ."
HELD = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("visited", 2, "ROOT", "VERB", "visit", "O"), ("Rabat", 2, "dobj", "PROPN", "Rabat", "B-GPE"),
    ("on", 2, "prep", "ADP", "on", "O"), ("Monday", 4, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"), ("She", 8, "nsubj", "PRON", "she", "O"),
    ("met", 8, "ROOT", "VERB", "meet", "O"), ("Omar", 10, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 8, "dobj", "PROPN", "Haddad", "I-PERSON"), (".", 8, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_meeting_after_a_visit_is_held_there_on_its_day():
    assert _places(HELD) == [(["Ana Silva", "Omar Haddad"], "Rabat", "2030-06-10", "occurred", "meet")]


def test_meetings_a_meeting_elsewhere_before_a_visit_keeps_its_place_and_no_date():
    # "Ana Silva visited Rabat on Monday . Earlier , she had met Omar Haddad in Tunis ."
    rows = HELD[:7] + [("Earlier", 11, "advmod", "ADV", "early", "O"), (",", 11, "punct", "PUNCT", ",", "O"),
                       ("she", 11, "nsubj", "PRON", "she", "O"), ("had", 11, "aux", "AUX", "have", "O"),
                       ("met", 11, "ROOT", "VERB", "meet", "O"), ("Omar", 13, "compound", "PROPN", "Omar", "B-PERSON"),
                       ("Haddad", 11, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 11, "prep", "ADP", "in", "O"),
                       ("Tunis", 14, "pobj", "PROPN", "Tunis", "B-GPE"), (".", 11, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], "Tunis", None, "occurred", "meet"),
                             (["Ana Silva", "Rabat"], "Rabat", "2030-06-10", "occurred", "visit")]  # no country named


# "Ana Silva is travelling to Peru ."
TRAVELLING = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("is", 3, "aux", "AUX", "be", "O"), ("travelling", 3, "ROOT", "VERB", "travel", "O"),
    ("to", 3, "prep", "ADP", "to", "O"), ("Peru", 4, "pobj", "PROPN", "Peru", "B-GPE"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_trip_under_way_is_ahead():
    assert [m[3] for m in _places(TRAVELLING)] == ["planned"]


def test_meetings_a_trip_made_is_behind():
    rows = TRAVELLING[:2] + [("has", 3, "aux", "AUX", "have", "O"), ("travelled", 3, "ROOT", "VERB", "travel", "O")] + TRAVELLING[4:]
    assert [m[3] for m in _places(rows)] == ["occurred"]


# "Ana Silva welcomed Omar Haddad to Lima ."
WELCOME = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("welcomed", 2, "ROOT", "VERB", "welcome", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("to", 2, "prep", "ADP", "to", "O"),
    ("Lima", 5, "pobj", "PROPN", "Lima", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_welcomed_to_a_place_is_received_there():
    assert [m[1] for m in _places(WELCOME)] == ["Lima"]


def test_meetings_met_before_going_to_a_place_is_not_there():
    # "Ana Silva met Omar Haddad to Lima ." is no reception: "to" is no place of a meeting
    rows = WELCOME[:2] + [("met", 2, "ROOT", "VERB", "meet", "O")] + WELCOME[3:]
    assert [m[1] for m in _places(rows)] == [None]


# "Ana Silva will be in Lima on June 20 . While in Lima , she will meet Omar Haddad ."
ITINERARY = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("be", 3, "ROOT", "AUX", "be", "O"), ("in", 3, "prep", "ADP", "in", "O"),
    ("Lima", 4, "pobj", "PROPN", "Lima", "B-GPE"), ("on", 3, "prep", "ADP", "on", "O"),
    ("June", 6, "pobj", "PROPN", "June", "B-DATE"), ("20", 7, "nummod", "NUM", "20", "I-DATE"),
    (".", 3, "punct", "PUNCT", ".", "O"), ("While", 11, "mark", "SCONJ", "while", "O"),
    ("in", 16, "prep", "ADP", "in", "O"), ("Lima", 11, "pobj", "PROPN", "Lima", "B-GPE"),
    (",", 16, "punct", "PUNCT", ",", "O"), ("she", 16, "nsubj", "PRON", "she", "O"),
    ("will", 16, "aux", "AUX", "will", "O"), ("meet", 16, "ROOT", "VERB", "meet", "O"),
    ("Omar", 18, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 16, "dobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 16, "punct", "PUNCT", ".", "O"),
]


def test_meetings_an_itinerary_dates_the_meetings_at_its_stop():
    assert _places(ITINERARY) == [(["Ana Silva", "Omar Haddad"], "Lima", "2030-06-20", "planned", "meet")]


def test_meetings_an_itinerary_does_not_date_meetings_elsewhere():
    rows = ITINERARY[:12] + [("Quito", 11, "pobj", "PROPN", "Quito", "B-GPE")] + ITINERARY[13:]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], "Quito", None, "planned", "meet")]


# "Ana Silva has just met Omar Haddad ."
JUST = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 4, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("has", 4, "aux", "AUX", "have", "O"), ("just", 4, "advmod", "ADV", "just", "O"),
    ("met", 4, "ROOT", "VERB", "meet", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 4, "dobj", "PROPN", "Haddad", "I-PERSON"), (".", 4, "punct", "PUNCT", ".", "O"),
]


def test_meetings_just_met_is_today():
    assert [m[2] for m in _places(JUST)] == ["2030-06-12"]


def test_meetings_has_met_is_undated():
    rows = JUST[:3] + [("already", 4, "advmod", "ADV", "already", "O")] + JUST[4:]
    assert [m[2] for m in _places(rows)] == [None]


def test_meetings_a_meeting_with_the_hosts_official_is_held_on_the_visit():
    # "Ana Silva is travelling to Peru ." + "She will meet Omar Haddad , Foreign Minister of Peru ."
    from handbuilt import join

    meet = [("She", 2, "nsubj", "PRON", "she", "O"), ("will", 2, "aux", "AUX", "will", "O"),
            ("meet", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
            ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), (",", 4, "punct", "PUNCT", ",", "O"),
            ("Foreign", 7, "compound", "PROPN", "Foreign", "O"), ("Minister", 4, "appos", "PROPN", "Minister", "O"),
            ("of", 7, "prep", "ADP", "of", "O"), ("Peru", 8, "pobj", "PROPN", "Peru", "B-GPE"),
            (".", 2, "punct", "PUNCT", ".", "O")]
    paragraph = [("\n\n", 0, "dep", "SPACE", "\n\n", "O")]  # another paragraph: not "held there" by order
    found = _places(join(TRAVELLING, paragraph, meet))
    assert [(m[0], m[4]) for m in found] == [(["Ana Silva", "Omar Haddad"], "meet")]


# "Ana Silva called on President Omar Haddad ."
CALLED_ON = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("called", 2, "ROOT", "VERB", "call", "O"), ("on", 2, "prep", "ADP", "on", "O"),
    ("President", 6, "compound", "PROPN", "President", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Ana Silva called on Omar Haddad to resign ."
CALLED_ON_TO = CALLED_ON[:4] + [
    ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"),
    ("to", 7, "aux", "PART", "to", "O"), ("resign", 2, "xcomp", "VERB", "resign", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def _said(rows):
    from handbuilt import extract_rows

    extraction, names = extract_rows(rows)
    return [(names[e.speaker], e.subtype) for e in extraction.events if e.type == "statement"]


def test_meetings_called_on_a_person_is_a_courtesy_call():
    assert _places(CALLED_ON) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "meet")]
    assert _said(CALLED_ON) == []


def test_meetings_called_on_a_person_to_act_is_a_demand():
    assert _places(CALLED_ON_TO) == []
    assert _said(CALLED_ON_TO) == [("Ana Silva", "demand")]


def test_meetings_called_on_a_country_is_a_demand():
    rows = CALLED_ON[:4] + [("Peru", 3, "pobj", "PROPN", "Peru", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []
    assert _said(rows) == [("Ana Silva", "demand")]


# "Ana Silva paid a courtesy call on Omar Haddad ."
COURTESY_CALL = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("paid", 2, "ROOT", "VERB", "pay", "O"), ("a", 5, "det", "DET", "a", "O"),
    ("courtesy", 5, "amod", "ADJ", "courtesy", "O"), ("call", 2, "dobj", "NOUN", "call", "O"),
    ("on", 5, "prep", "ADP", "on", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_courtesy_call_is_a_visit_paid_not_a_phone_call():
    assert _places(COURTESY_CALL) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "meet")]


def test_meetings_a_call_on_someone_without_courtesy_is_no_encounter():
    # "Ana Silva paid a call on Omar Haddad ." is too little to say: no phone call with him
    rows = COURTESY_CALL[:4] + [("call", 1, "dobj", "NOUN", "call", "O")] + COURTESY_CALL[6:]
    rows = [(w, h - 1 if h > 4 else h, d, p, l, e) for w, h, d, p, l, e in rows]
    assert _places(rows) == []


# "Ana Silva spoke with Minister Omar Haddad and Minister Jorge Blanco ." as the small model
# parses it: Haddad a modifier of Blanco, the second "Minister" Haddad's conjunct
SPOKE_WITH_TWO = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("spoke", 2, "ROOT", "VERB", "speak", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("Minister", 6, "compound", "PROPN", "Minister", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 10, "nmod", "PROPN", "Haddad", "I-PERSON"), ("and", 6, "cc", "CCONJ", "and", "O"),
    ("Minister", 6, "conj", "PROPN", "Minister", "O"), ("Jorge", 11, "compound", "PROPN", "Jorge", "B-PERSON"),
    ("Blanco", 3, "pobj", "PROPN", "Blanco", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_spoke_with_two_people_is_one_call_with_both():
    assert _places(SPOKE_WITH_TWO) == [(["Ana Silva", "Jorge Blanco", "Omar Haddad"], None, None, "occurred", "phone")]


def test_meetings_met_with_two_people_is_a_meeting_with_each():
    rows = SPOKE_WITH_TWO[:2] + [("met", 2, "ROOT", "VERB", "meet", "O")] + SPOKE_WITH_TWO[3:]
    assert _places(rows) == [(["Ana Silva", "Jorge Blanco"], None, None, "occurred", "meet"),
                             (["Ana Silva", "Omar Haddad"], None, None, "occurred", "meet")]


def test_meetings_a_modifier_name_without_and_is_no_second_party():
    # "... with Minister Omar Haddad Jorge Blanco ." (no "and"): Haddad is not coordinated
    rows = SPOKE_WITH_TWO[:7] + SPOKE_WITH_TWO[9:]
    rows = [(w, h - 2 if h > 8 else h, d, p, l, e) for w, h, d, p, l, e in rows]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Jorge Blanco"]]


# "At the invitation of Ana Silva , Omar Haddad visited Peru ." as the small model parses it:
# Haddad hangs off Silva as her apposition, and "visited" has no subject
INVITED = [
    ("At", 9, "prep", "ADP", "at", "O"), ("the", 2, "det", "DET", "the", "O"),
    ("invitation", 0, "pobj", "NOUN", "invitation", "O"), ("of", 2, "prep", "ADP", "of", "O"),
    ("Ana", 5, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "pobj", "PROPN", "Silva", "I-PERSON"),
    (",", 5, "punct", "PUNCT", ",", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 5, "appos", "PROPN", "Haddad", "I-PERSON"), ("visited", 9, "ROOT", "VERB", "visit", "O"),
    ("Peru", 9, "dobj", "PROPN", "Peru", "B-GPE"), (".", 9, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_fronted_phrase_gives_back_the_subject_it_holds():
    assert _places(INVITED) == [(["Omar Haddad", "Peru"], "Peru", None, "occurred", "visit")]


def test_meetings_a_fronted_phrase_leaves_a_verb_with_its_own_subject():
    # "At the invitation of Ana Silva , Omar Haddad , Tom visited Peru ." : Tom is the subject
    from handbuilt import shift

    rows = shift(INVITED, 9, 2)
    rows = rows[:9] + [(",", 5, "punct", "PUNCT", ",", "O"), ("Tom", 11, "nsubj", "PROPN", "Tom", "B-PERSON")] + rows[9:]
    assert [m[0] for m in _places(rows)] == [["Peru", "Tom"]]


# "Ana Silva called Omar Haddad a trusted partner ." (naming) / "Ana Silva called Omar Haddad ."
NAMED_A_PARTNER = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("called", 2, "ROOT", "VERB", "call", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("a", 7, "det", "DET", "a", "O"),
    ("trusted", 7, "amod", "ADJ", "trusted", "O"), ("partner", 2, "oprd", "NOUN", "partner", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_calling_someone_something_is_no_call():
    assert _places(NAMED_A_PARTNER) == []


def test_meetings_calling_someone_is_a_call():
    rows = NAMED_A_PARTNER[:5] + [(".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "phone")]


# "Ana Silva meets regularly with Omar Haddad ."
REGULARLY = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("meets", 2, "ROOT", "VERB", "meet", "O"), ("regularly", 2, "advmod", "ADV", "regularly", "O"),
    ("with", 2, "prep", "ADP", "with", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 4, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_habit_of_meeting_is_no_encounter():
    assert _places(REGULARLY) == []


def test_meetings_a_manner_of_meeting_is_an_encounter():
    # "Ana Silva met briefly with Omar Haddad ."
    rows = REGULARLY[:2] + [("met", 2, "ROOT", "VERB", "meet", "O"), ("briefly", 2, "advmod", "ADV", "briefly", "O")] + REGULARLY[4:]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


# "Ana Silva invited Omar Haddad to visit Peru ."
INVITED_TO_VISIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("invited", 2, "ROOT", "VERB", "invite", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("to", 6, "aux", "PART", "to", "O"),
    ("visit", 2, "xcomp", "VERB", "visit", "O"), ("Peru", 6, "dobj", "PROPN", "Peru", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_one_invited_to_visit_is_the_visitor():
    assert _places(INVITED_TO_VISIT) == [(["Omar Haddad", "Peru"], "Peru", None, "planned", "visit")]


def test_meetings_the_one_who_promises_to_visit_is_the_visitor():
    # "Ana Silva promised Omar Haddad to visit Peru ." : the subject is the one who visits
    rows = INVITED_TO_VISIT[:2] + [("promised", 2, "ROOT", "VERB", "promise", "O")] + INVITED_TO_VISIT[3:]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Peru"]]


def test_meetings_an_accepted_invitation_to_visit_is_ahead():
    # "Ana Silva accepted an invitation to visit Peru ."
    rows = INVITED_TO_VISIT[:2] + [("accepted", 2, "ROOT", "VERB", "accept", "O"), ("an", 4, "det", "DET", "an", "O"),
                                   ("invitation", 2, "dobj", "NOUN", "invitation", "O"),
                                   ("to", 6, "aux", "PART", "to", "O"), ("visit", 4, "acl", "VERB", "visit", "O"),
                                   ("Peru", 6, "dobj", "PROPN", "Peru", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Peru"], "Peru", None, "planned", "visit")]


# "Ana Silva rejected the idea of talks with Omar Haddad ."
IDEA_OF_TALKS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("rejected", 2, "ROOT", "VERB", "reject", "O"), ("the", 4, "det", "DET", "the", "O"),
    ("idea", 2, "dobj", "NOUN", "idea", "O"), ("of", 4, "prep", "ADP", "of", "O"),
    ("talks", 5, "pobj", "NOUN", "talk", "O"), ("with", 6, "prep", "ADP", "with", "O"),
    ("Omar", 9, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 7, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_idea_of_talks_leaves_the_subject_out():
    assert _places(IDEA_OF_TALKS) == []


def test_meetings_a_round_of_talks_one_takes_part_in_has_the_subject():
    # "Ana Silva took part in a round of talks with Omar Haddad ."
    rows = IDEA_OF_TALKS[:2] + [
        ("took", 2, "ROOT", "VERB", "take", "O"), ("part", 2, "dobj", "NOUN", "part", "O"),
        ("in", 2, "prep", "ADP", "in", "O"), ("a", 6, "det", "DET", "a", "O"), ("round", 4, "pobj", "NOUN", "round", "O"),
        ("of", 6, "prep", "ADP", "of", "O"), ("talks", 7, "pobj", "NOUN", "talk", "O"), ("with", 8, "prep", "ADP", "with", "O"),
        ("Omar", 11, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 9, "pobj", "PROPN", "Haddad", "I-PERSON"),
        (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


def test_meetings_speaking_about_talks_leaves_the_subject_out():
    # "Ana Silva spoke about the talks with Omar Haddad ."
    rows = IDEA_OF_TALKS[:2] + [
        ("spoke", 2, "ROOT", "VERB", "speak", "O"), ("about", 2, "prep", "ADP", "about", "O"),
        ("the", 5, "det", "DET", "the", "O"), ("talks", 3, "pobj", "NOUN", "talk", "O"), ("with", 5, "prep", "ADP", "with", "O"),
        ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 6, "pobj", "PROPN", "Haddad", "I-PERSON"),
        (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


# "Ana Silva met Omar Haddad in Rabat . Ana Silva also met Lina Diaz in Rabat ."
TWO_COUNTERPARTS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("Ana", 9, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 11, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("also", 11, "advmod", "ADV", "also", "O"), ("met", 11, "ROOT", "VERB", "meet", "O"),
    ("Lina", 13, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 11, "dobj", "PROPN", "Diaz", "I-PERSON"),
    ("in", 11, "prep", "ADP", "in", "O"), ("Rabat", 14, "pobj", "PROPN", "Rabat", "B-GPE"),
    (".", 11, "punct", "PUNCT", ".", "O"),
]


def test_meetings_one_place_with_another_counterpart_is_another_encounter():
    assert _kinds(TWO_COUNTERPARTS) == [(["Ana Silva", "Lina Diaz"], "Rabat", "meet"),
                                        (["Ana Silva", "Omar Haddad"], "Rabat", "meet")]


def test_meetings_one_place_with_one_more_counterpart_is_one_encounter():
    # "... Ana Silva and Omar Haddad also met Lina Diaz in Rabat ." : someone joins the same encounter
    second = [("Ana", 9, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 14, "nsubj", "PROPN", "Silva", "I-PERSON"),
              ("and", 9, "cc", "CCONJ", "and", "O"), ("Omar", 12, "compound", "PROPN", "Omar", "B-PERSON"),
              ("Haddad", 9, "conj", "PROPN", "Haddad", "I-PERSON"), ("also", 14, "advmod", "ADV", "also", "O"),
              ("met", 14, "ROOT", "VERB", "meet", "O"), ("Lina", 16, "compound", "PROPN", "Lina", "B-PERSON"),
              ("Diaz", 14, "dobj", "PROPN", "Diaz", "I-PERSON"), ("in", 14, "prep", "ADP", "in", "O"),
              ("Rabat", 17, "pobj", "PROPN", "Rabat", "B-GPE"), (".", 14, "punct", "PUNCT", ".", "O")]
    assert _kinds(TWO_COUNTERPARTS[:8] + second) == [(["Ana Silva", "Lina Diaz", "Omar Haddad"], "Rabat", "meet")]


# "Ana Silva briefed Omar Haddad on the outcome of her talks in Ankara ."
BRIEFED_ON_TALKS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("briefed", 2, "ROOT", "VERB", "brief", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("on", 2, "prep", "ADP", "on", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("outcome", 5, "pobj", "NOUN", "outcome", "O"),
    ("of", 7, "prep", "ADP", "of", "O"), ("her", 10, "poss", "PRON", "her", "O"),
    ("talks", 8, "pobj", "NOUN", "talk", "O"), ("in", 10, "prep", "ADP", "in", "O"),
    ("Ankara", 11, "pobj", "PROPN", "Ankara", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_one_briefed_on_talks_is_not_in_them():
    assert _places(BRIEFED_ON_TALKS) == []


def test_meetings_the_one_thanked_for_talks_is_in_them():
    # "Ana Silva thanked Omar Haddad for the talks in Ankara ."
    rows = BRIEFED_ON_TALKS[:2] + [("thanked", 2, "ROOT", "VERB", "thank", "O")] + BRIEFED_ON_TALKS[3:5] + [
        ("for", 2, "prep", "ADP", "for", "O"), ("the", 7, "det", "DET", "the", "O"), ("talks", 5, "pobj", "NOUN", "talk", "O"),
        ("in", 7, "prep", "ADP", "in", "O"), ("Ankara", 8, "pobj", "PROPN", "Ankara", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], "Ankara", None, "occurred", "talks")]


# "Ana Silva met leaders in Europe and in Peru ."
LEADERS_IN = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("leaders", 2, "dobj", "NOUN", "leader", "O"),
    ("in", 3, "prep", "ADP", "in", "O"), ("Europe", 4, "pobj", "PROPN", "Europe", "B-LOC"),
    ("and", 4, "cc", "CCONJ", "and", "O"), ("in", 4, "conj", "ADP", "in", "O"),
    ("Peru", 7, "pobj", "PROPN", "Peru", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_leaders_in_a_country_are_the_country_met_there():
    assert _places(LEADERS_IN) == [(["Ana Silva", "Peru"], "Peru", None, "occurred", "meet")]


def test_meetings_leaders_in_a_city_are_no_one_named():
    # "Ana Silva met leaders in Lima ."
    rows = LEADERS_IN[:5] + [("Lima", 4, "pobj", "PROPN", "Lima", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


# "The meeting followed visits to Peru by Ana Silva and Omar Haddad ."
VISITS_BY = [
    ("The", 1, "det", "DET", "the", "O"), ("meeting", 2, "nsubj", "NOUN", "meeting", "O"),
    ("followed", 2, "ROOT", "VERB", "follow", "O"), ("visits", 2, "dobj", "NOUN", "visit", "O"),
    ("to", 3, "prep", "ADP", "to", "O"), ("Peru", 4, "pobj", "PROPN", "Peru", "B-GPE"),
    ("by", 3, "prep", "ADP", "by", "O"), ("Ana", 8, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 6, "pobj", "PROPN", "Silva", "I-PERSON"), ("and", 8, "cc", "CCONJ", "and", "O"),
    ("Omar", 11, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 8, "conj", "PROPN", "Haddad", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_visits_by_two_people_are_one_visit_each():
    assert _places(VISITS_BY) == [(["Ana Silva", "Peru"], "Peru", None, "occurred", "visit"),
                                  (["Omar Haddad", "Peru"], "Peru", None, "occurred", "visit")]


def test_meetings_a_visit_by_two_people_is_one_visit():
    rows = VISITS_BY[:3] + [("a", 4, "det", "DET", "a", "O")] + [
        (w, h + 1 if h >= 3 else h, d, p, l, e) for w, h, d, p, l, e in VISITS_BY[3:]]
    rows[4] = ("visit", 2, "dobj", "NOUN", "visit", "O")
    assert _places(rows) == [(["Ana Silva", "Omar Haddad", "Peru"], "Peru", None, "occurred", "visit")]


# "Ana Silva held meetings with Omar Haddad and Lina Diaz ."
MEETINGS_WITH = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("held", 2, "ROOT", "VERB", "hold", "O"), ("meetings", 2, "dobj", "NOUN", "meeting", "O"),
    ("with", 3, "prep", "ADP", "with", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 4, "pobj", "PROPN", "Haddad", "I-PERSON"), ("and", 6, "cc", "CCONJ", "and", "O"),
    ("Lina", 9, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 6, "conj", "PROPN", "Diaz", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_meetings_with_two_people_are_one_each():
    assert [m[0] for m in _places(MEETINGS_WITH)] == [["Ana Silva", "Lina Diaz"], ["Ana Silva", "Omar Haddad"]]


def test_meetings_talks_with_two_people_are_one_encounter():
    rows = MEETINGS_WITH[:3] + [("talks", 2, "dobj", "NOUN", "talk", "O")] + MEETINGS_WITH[4:]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Lina Diaz", "Omar Haddad"]]


def test_meetings_separate_talks_with_two_people_are_one_each():
    # "Ana Silva held separate talks with Omar Haddad and Lina Diaz ."
    rows = MEETINGS_WITH[:3] + [("separate", 4, "amod", "ADJ", "separate", "O")] + [
        (w, h + 1 if h >= 3 else h, d, p, l, e) for w, h, d, p, l, e in MEETINGS_WITH[3:]]
    rows[4] = ("talks", 2, "dobj", "NOUN", "talk", "O")
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Lina Diaz"], ["Ana Silva", "Omar Haddad"]]


# "Ana Silva is heading to Lima to attend the summit ."
HEADING_TO_ATTEND = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("is", 3, "aux", "AUX", "be", "O"), ("heading", 3, "ROOT", "VERB", "head", "O"),
    ("to", 3, "prep", "ADP", "to", "O"), ("Lima", 4, "pobj", "PROPN", "Lima", "B-GPE"),
    ("to", 7, "aux", "PART", "to", "O"), ("attend", 3, "advcl", "VERB", "attend", "O"),
    ("the", 11, "det", "DET", "the", "O"), ("Pacific", 10, "compound", "PROPN", "Pacific", "B-ORG"),
    ("Forum", 11, "compound", "PROPN", "Forum", "I-ORG"), ("summit", 7, "dobj", "NOUN", "summit", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_heading_somewhere_to_attend_is_ahead_there():
    assert _places(HEADING_TO_ATTEND) == [(["Ana Silva", "Pacific Forum"], "Lima", None, "planned", "summit")]


def test_meetings_having_gone_somewhere_to_attend_is_behind_there():
    # "Ana Silva went to Lima to attend the Pacific Forum summit ."
    rows = [HEADING_TO_ATTEND[0], ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"), ("went", 2, "ROOT", "VERB", "go", "O")]
    rows += [(w, h - 1 if h >= 3 else h, d, p, l, e) for w, h, d, p, l, e in HEADING_TO_ATTEND[4:]]
    assert _places(rows) == [(["Ana Silva", "Pacific Forum"], "Lima", None, "occurred", "summit")]


# "Ana Silva met Omar Haddad , Secretary of State , Peru , and Lina Diaz ." (the title parsed as a conjunct)
TITLE_BODY_IN_LIST = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), (",", 4, "punct", "PUNCT", ",", "O"),
    ("Secretary", 4, "conj", "PROPN", "Secretary", "O"), ("of", 6, "prep", "ADP", "of", "O"),
    ("State", 7, "pobj", "PROPN", "State", "O"), (",", 6, "punct", "PUNCT", ",", "O"),
    ("Peru", 6, "conj", "PROPN", "Peru", "B-GPE"), (",", 4, "punct", "PUNCT", ",", "O"),
    ("and", 4, "cc", "CCONJ", "and", "O"), ("Lina", 14, "compound", "PROPN", "Lina", "B-PERSON"),
    ("Diaz", 4, "conj", "PROPN", "Diaz", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_titles_body_in_a_list_of_people_is_no_party():
    assert [m[0] for m in _places(TITLE_BODY_IN_LIST)] == [["Ana Silva", "Lina Diaz"], ["Ana Silva", "Omar Haddad"]]


def test_meetings_a_country_joined_to_a_person_is_a_party():
    # "Ana Silva met Omar Haddad and Peru ."
    rows = TITLE_BODY_IN_LIST[:5] + [("and", 4, "cc", "CCONJ", "and", "O"), ("Peru", 4, "conj", "PROPN", "Peru", "B-GPE"),
                                     (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad", "Peru"]]


# "Ana Silva met Omar Haddad in Rabat on Monday . Ana Silva also met Lina Diaz ."
ALSO_MET = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), ("on", 2, "prep", "ADP", "on", "O"),
    ("Monday", 7, "pobj", "PROPN", "Monday", "B-DATE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("Ana", 11, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 13, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("also", 13, "advmod", "ADV", "also", "O"), ("met", 13, "ROOT", "VERB", "meet", "O"),
    ("Lina", 15, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 13, "dobj", "PROPN", "Diaz", "I-PERSON"),
    (".", 13, "punct", "PUNCT", ".", "O"),
]


def test_meetings_also_met_is_where_and_when_the_meeting_before_was():
    assert _places(ALSO_MET) == [(["Ana Silva", "Lina Diaz"], "Rabat", "2030-06-10", "occurred", "meet"),
                                 (["Ana Silva", "Omar Haddad"], "Rabat", "2030-06-10", "occurred", "meet")]


def test_meetings_also_met_elsewhere_keeps_its_own_place():
    # "... Ana Silva also met Lina Diaz in Tunis ."
    rows = ALSO_MET[:16] + [("in", 13, "prep", "ADP", "in", "O"), ("Tunis", 16, "pobj", "PROPN", "Tunis", "B-GPE"),
                            (".", 13, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Lina Diaz"], "Tunis", None, "occurred", "meet"),
                             (["Ana Silva", "Omar Haddad"], "Rabat", "2030-06-10", "occurred", "meet")]


# "Ana Silva praised Peru as host of the talks with Chile ."
AS_HOST = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("praised", 2, "ROOT", "VERB", "praise", "O"), ("Peru", 2, "dobj", "PROPN", "Peru", "B-GPE"),
    ("as", 2, "prep", "ADP", "as", "O"), ("host", 4, "pobj", "NOUN", "host", "O"),
    ("of", 5, "prep", "ADP", "of", "O"), ("the", 8, "det", "DET", "the", "O"),
    ("talks", 6, "pobj", "NOUN", "talk", "O"), ("with", 8, "prep", "ADP", "with", "O"),
    ("Chile", 9, "pobj", "PROPN", "Chile", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_one_praised_as_host_takes_part_not_the_speaker():
    assert [m[0] for m in _places(AS_HOST)] == [["Chile", "Peru"]]


def test_meetings_the_one_speaking_as_chair_takes_part():
    # "Ana Silva spoke as chair of the talks with Chile ."
    rows = AS_HOST[:2] + [("spoke", 2, "ROOT", "VERB", "speak", "O")] + [
        (w, h - 1 if h >= 4 else h, d, p, l, e) for w, h, d, p, l, e in AS_HOST[4:]]
    rows[4] = ("chair", 3, "pobj", "NOUN", "chair", "O")
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Chile"]]


# "Ana Silva met Omar Haddad in Rabat ." then "Both sides agreed to hold talks in May ."
MET_IN_RABAT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]
BOTH_SIDES_AGREED = [
    ("Both", 1, "det", "DET", "both", "O"), ("sides", 2, "nsubj", "NOUN", "side", "O"),
    ("agreed", 2, "ROOT", "VERB", "agree", "O"), ("to", 4, "aux", "PART", "to", "O"),
    ("hold", 2, "xcomp", "VERB", "hold", "O"), ("talks", 4, "dobj", "NOUN", "talk", "O"),
    ("in", 4, "prep", "ADP", "in", "O"), ("May", 6, "pobj", "PROPN", "May", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_both_sides_after_an_encounter_are_its_participants():
    from handbuilt import extract_rows, join

    rows = join(MET_IN_RABAT, BOTH_SIDES_AGREED)
    extraction, names = extract_rows(rows, tags={len(MET_IN_RABAT) + 1: "NNS"})
    found = [(sorted(names[p] for p in e.participants), names.get(e.location), e.date, e.status, e.subtype)
             for e in extraction.events if e.type == "meeting"]
    assert found == [(["Ana Silva", "Omar Haddad"], "Rabat", None, "occurred", "meet"),
                     (["Ana Silva", "Omar Haddad"], None, "2031-05", "planned", "talks")]


def test_meetings_both_sides_with_no_encounter_before_are_no_one():
    assert _places(BOTH_SIDES_AGREED, tags={1: "NNS"}) == []


# "Ana Silva was in Lima for the ASEAN summit ."
IN_LIMA_FOR_SUMMIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("was", 2, "ROOT", "AUX", "be", "O"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Lima", 3, "pobj", "PROPN", "Lima", "B-GPE"), ("for", 2, "prep", "ADP", "for", "O"),
    ("the", 8, "det", "DET", "the", "O"), ("ASEAN", 8, "compound", "PROPN", "ASEAN", "B-ORG"),
    ("summit", 5, "pobj", "NOUN", "summit", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_being_somewhere_for_a_summit_is_attending_it():
    assert _places(IN_LIMA_FOR_SUMMIT) == [(["Ana Silva", "Association of Southeast Asian Nations"], "Lima", None, "occurred", "summit")]


def test_meetings_discussing_preparations_for_a_summit_is_not_attending_it():
    # "Ana Silva discussed preparations for the ASEAN summit ."
    rows = IN_LIMA_FOR_SUMMIT[:2] + [
        ("discussed", 2, "ROOT", "VERB", "discuss", "O"), ("preparations", 2, "dobj", "NOUN", "preparation", "O"),
        ("for", 3, "prep", "ADP", "for", "O"), ("the", 7, "det", "DET", "the", "O"),
        ("ASEAN", 7, "compound", "PROPN", "ASEAN", "B-ORG"), ("summit", 4, "pobj", "NOUN", "summit", "O"),
        (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


def _status_of(rows, trigger: int) -> str:
    from handbuilt import make_doc

    from kg.extraction.syntax import status_of

    doc = make_doc(rows)
    return status_of(doc[trigger], doc[trigger].sent)


# "Leaders arrived on Thursday ahead of the summit ."
AHEAD_OF_SUMMIT = [
    ("Leaders", 1, "nsubj", "NOUN", "leader", "O"), ("arrived", 1, "ROOT", "VERB", "arrive", "O"),
    ("on", 1, "prep", "ADP", "on", "O"), ("Thursday", 2, "pobj", "PROPN", "Thursday", "B-DATE"),
    ("ahead", 1, "advmod", "ADV", "ahead", "O"), ("of", 4, "prep", "ADP", "of", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("summit", 5, "pobj", "NOUN", "summit", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


def test_meetings_ahead_of_a_summit_it_is_still_to_come():
    assert _status_of(AHEAD_OF_SUMMIT, 7) == "planned"
    # "Leaders arrived on Thursday in the lead-up to the summit ."
    lead_up = AHEAD_OF_SUMMIT[:4] + [
        ("in", 1, "prep", "ADP", "in", "O"), ("the", 8, "det", "DET", "the", "O"),
        ("lead", 8, "compound", "NOUN", "lead", "O"), ("-", 8, "punct", "PUNCT", "-", "O"),
        ("up", 4, "pobj", "NOUN", "up", "O"), ("to", 8, "prep", "ADP", "to", "O"),
        ("the", 11, "det", "DET", "the", "O"), ("summit", 9, "pobj", "NOUN", "summit", "O"),
        (".", 1, "punct", "PUNCT", ".", "O")]
    assert _status_of(lead_up, 11) == "planned"


def test_meetings_after_a_summit_it_is_behind():
    # "Leaders arrived on Thursday after the summit ."
    rows = AHEAD_OF_SUMMIT[:4] + [
        ("after", 1, "prep", "ADP", "after", "O"), ("the", 6, "det", "DET", "the", "O"),
        ("summit", 4, "pobj", "NOUN", "summit", "O"), (".", 1, "punct", "PUNCT", ".", "O")]
    assert _status_of(rows, 6) == "occurred"


# "Ana Silva was unable to attend the summit ."
UNABLE_TO_ATTEND = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("was", 2, "ROOT", "AUX", "be", "O"), ("unable", 2, "acomp", "ADJ", "unable", "O"),
    ("to", 5, "aux", "PART", "to", "O"), ("attend", 3, "xcomp", "VERB", "attend", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("summit", 5, "dobj", "NOUN", "summit", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_unable_to_attend_is_called_off():
    assert _status_of(UNABLE_TO_ATTEND, 5) == "cancelled"
    assert _status_of(UNABLE_TO_ATTEND, 7) == "cancelled"


def test_meetings_unable_to_stay_for_a_summit_leaves_the_summit_alone():
    # "Ana Silva was unable to stay for the summit ."
    rows = UNABLE_TO_ATTEND[:5] + [("stay", 3, "xcomp", "VERB", "stay", "O"), ("for", 5, "prep", "ADP", "for", "O"),
                                   ("the", 8, "det", "DET", "the", "O"), ("summit", 6, "pobj", "NOUN", "summit", "O"),
                                   (".", 2, "punct", "PUNCT", ".", "O")]
    assert _status_of(rows, 8) == "occurred"


def test_meetings_slated_to_attend_is_planned():
    # "Ana Silva is slated to attend the summit ."
    rows = UNABLE_TO_ATTEND[:2] + [("is", 3, "auxpass", "AUX", "be", "O"), ("slated", 3, "ROOT", "VERB", "slate", "O")] \
        + UNABLE_TO_ATTEND[4:]
    assert _status_of(rows, 5) == "planned"


# "Ana Silva praised Peru as host of the summit and host of the ASEAN meeting ." as the
# small model parses it: the second "host" a conjunct of "summit"
AS_HOST_OF_TWO = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("praised", 2, "ROOT", "VERB", "praise", "O"), ("Peru", 2, "dobj", "PROPN", "Peru", "B-GPE"),
    ("as", 2, "prep", "ADP", "as", "O"), ("host", 4, "pobj", "NOUN", "host", "O"),
    ("of", 5, "prep", "ADP", "of", "O"), ("the", 8, "det", "DET", "the", "O"),
    ("summit", 6, "pobj", "NOUN", "summit", "O"), ("and", 8, "cc", "CCONJ", "and", "O"),
    ("host", 8, "conj", "NOUN", "host", "O"), ("of", 10, "prep", "ADP", "of", "O"),
    ("the", 14, "det", "DET", "the", "O"), ("ASEAN", 14, "compound", "PROPN", "ASEAN", "B-ORG"),
    ("meeting", 11, "pobj", "NOUN", "meeting", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_second_role_of_a_host_reaches_its_meeting():
    assert [m[0] for m in _places(AS_HOST_OF_TWO)] == [["Association of Southeast Asian Nations", "Peru"]]


def test_meetings_a_meeting_inside_a_clause_below_the_role_is_not_hosted():
    # "Ana Silva praised Peru as host of the talks that preceded the ASEAN meeting ."
    rows = AS_HOST_OF_TWO[:8] + [
        ("talks", 6, "pobj", "NOUN", "talk", "O"), ("that", 10, "nsubj", "PRON", "that", "O"),
        ("preceded", 8, "relcl", "VERB", "precede", "O"), ("the", 13, "det", "DET", "the", "O"),
        ("ASEAN", 13, "compound", "PROPN", "ASEAN", "B-ORG"), ("meeting", 10, "dobj", "NOUN", "meeting", "O"),
        (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


# "The Andean Trade Forum met on Monday . Ana Silva attended the Peru – Andean Trade Forum
# meeting ." where the tagger read only "Andean" as a place in the second sentence
FORUM_MET = [
    ("The", 3, "det", "DET", "the", "O"), ("Andean", 3, "compound", "PROPN", "Andean", "B-ORG"),
    ("Trade", 3, "compound", "PROPN", "Trade", "I-ORG"), ("Forum", 4, "nsubj", "PROPN", "Forum", "I-ORG"),
    ("met", 4, "ROOT", "VERB", "meet", "O"), ("on", 4, "prep", "ADP", "on", "O"),
    ("Monday", 5, "pobj", "PROPN", "Monday", "B-DATE"), (".", 4, "punct", "PUNCT", ".", "O"),
]
ATTENDED_DASHED = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("attended", 2, "ROOT", "VERB", "attend", "O"), ("the", 9, "det", "DET", "the", "O"),
    ("Peru", 9, "nmod", "PROPN", "Peru", "B-GPE"), ("–", 4, "punct", "PUNCT", "–", "O"),
    ("Andean", 7, "compound", "PROPN", "Andean", "B-LOC"), ("Trade", 8, "compound", "PROPN", "Trade", "O"),
    ("Forum", 9, "compound", "PROPN", "Forum", "O"), ("meeting", 2, "dobj", "NOUN", "meeting", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_name_the_tagger_cut_short_in_a_meeting_noun_is_the_actor():
    from handbuilt import join

    found = [m[0] for m in _places(join(FORUM_MET, ATTENDED_DASHED))]
    assert ["Ana Silva", "Andean Trade Forum", "Peru"] in found


def test_meetings_proper_nouns_naming_no_actor_add_no_party():
    from handbuilt import join

    rows = join(FORUM_MET, ATTENDED_DASHED)
    rows[len(FORUM_MET) + 7] = ("Farm", len(FORUM_MET) + 8, "compound", "PROPN", "Farm", "O")  # "Andean Farm Forum"
    found = [m[0] for m in _places(rows)]
    assert ["Ana Silva", "Peru"] in found and not any("Andean Trade Forum" in people and "Ana Silva" in people
                                                       for people in found)


# "Ana Silva invited Omar Haddad to Lima for the ASEAN summit ."
INVITED_FOR_SUMMIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("invited", 2, "ROOT", "VERB", "invite", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("to", 2, "prep", "ADP", "to", "O"),
    ("Lima", 5, "pobj", "PROPN", "Lima", "B-GPE"), ("for", 2, "prep", "ADP", "for", "O"),
    ("the", 10, "det", "DET", "the", "O"), ("ASEAN", 10, "compound", "PROPN", "ASEAN", "B-ORG"),
    ("summit", 7, "pobj", "NOUN", "summit", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_invited_to_a_city_for_a_summit_is_there():
    assert [(m[0], m[1]) for m in _places(INVITED_FOR_SUMMIT)] == [
        (["Ana Silva", "Association of Southeast Asian Nations", "Omar Haddad"], "Lima")]


def test_meetings_sent_to_a_city_for_a_summit_is_not_said_to_be_there():
    # "Ana Silva wrote to Lima for the ASEAN summit ." : "to" is no place of the summit
    rows = INVITED_FOR_SUMMIT[:2] + [("wrote", 2, "ROOT", "VERB", "write", "O")] + [
        (w, h - 2 if h > 4 else h, d, p, l, e) for w, h, d, p, l, e in INVITED_FOR_SUMMIT[5:]]
    assert "Lima" not in [m[1] for m in _places(rows)]


# "Ana Silva addressed the Andean Parliament on Monday ."
ADDRESSED_PARLIAMENT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("addressed", 2, "ROOT", "VERB", "address", "O"), ("the", 5, "det", "DET", "the", "B-ORG"),
    ("Andean", 5, "compound", "PROPN", "Andean", "I-ORG"), ("Parliament", 2, "dobj", "PROPN", "Parliament", "I-ORG"),
    ("on", 2, "prep", "ADP", "on", "O"), ("Monday", 6, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_addressing_a_body_is_meeting_it():
    assert _places(ADDRESSED_PARLIAMENT) == [(["Ana Silva", "Andean Parliament"], None, "2030-06-10", "occurred", "meet")]


def test_meetings_addressing_an_issue_or_a_country_is_no_encounter():
    # "Ana Silva addressed the issue on Monday ." / "Ana Silva addressed Peru on Monday ."
    issue = ADDRESSED_PARLIAMENT[:3] + [("the", 4, "det", "DET", "the", "O"), ("issue", 2, "dobj", "NOUN", "issue", "O")] + [
        (w, h - 1 if h > 5 else h, d, p, l, e) for w, h, d, p, l, e in ADDRESSED_PARLIAMENT[6:]]
    country = ADDRESSED_PARLIAMENT[:3] + [("Peru", 2, "dobj", "PROPN", "Peru", "B-GPE")] + [
        (w, h - 2 if h > 5 else h, d, p, l, e) for w, h, d, p, l, e in ADDRESSED_PARLIAMENT[6:]]
    assert _places(issue) == [] and _places(country) == []


# "Ana Silva held ongoing meetings with Omar Haddad ."
ONGOING_MEETINGS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("held", 2, "ROOT", "VERB", "hold", "O"), ("ongoing", 4, "amod", "ADJ", "ongoing", "O"),
    ("meetings", 2, "dobj", "NOUN", "meeting", "O"), ("with", 4, "prep", "ADP", "with", "O"),
    ("Omar", 7, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 5, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_ongoing_meetings_are_of_the_publication_month():
    assert [m[2] for m in _places(ONGOING_MEETINGS)] == ["2030-06"]


def test_meetings_meetings_not_said_to_be_ongoing_are_undated():
    rows = ONGOING_MEETINGS[:3] + [("productive", 4, "amod", "ADJ", "productive", "O")] + ONGOING_MEETINGS[4:]
    assert [m[2] for m in _places(rows)] == [None]


# "Ana Silva is looking forward to meeting Omar Haddad ." as the small model parses it once
# an adverb stands between: the subject hangs off the auxiliary
LOOKING_FORWARD = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("is", 3, "aux", "AUX", "be", "O"), ("looking", 3, "ROOT", "VERB", "look", "O"),
    ("forward", 3, "advmod", "ADV", "forward", "O"), ("to", 3, "prep", "ADP", "to", "O"),
    ("meeting", 5, "pcomp", "VERB", "meet", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "dobj", "PROPN", "Haddad", "I-PERSON"), (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_subject_hung_off_the_auxiliary_is_the_verbs():
    assert _places(LOOKING_FORWARD) == [(["Ana Silva", "Omar Haddad"], None, None, "planned", "meet")]


def test_meetings_looking_forward_to_meeting_with_no_subject_is_no_encounter():
    # "Looking forward to meeting Omar Haddad ."
    rows = [(w, h - 3, d, p, l, e) for w, h, d, p, l, e in LOOKING_FORWARD[3:]]
    rows[0] = ("Looking", 0, "ROOT", "VERB", "look", "O")
    assert _places(rows) == []


# "Ana Silva toured Lima ." then "Ana Silva met Omar Haddad in Lima ." with the second Lima
# tagged an organisation
TOURED_LIMA = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("toured", 2, "ROOT", "VERB", "tour", "O"), ("Lima", 2, "dobj", "PROPN", "Lima", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
MET_IN_LIMA_AS_ORG = MET_IN_RABAT[:6] + [("Lima", 5, "pobj", "PROPN", "Lima", "B-ORG"), (".", 2, "punct", "PUNCT", ".", "O")]


def test_meetings_a_place_tagged_an_organisation_is_the_place_named_elsewhere():
    from handbuilt import join

    found = _places(join(TOURED_LIMA, MET_IN_LIMA_AS_ORG))
    assert (["Ana Silva", "Omar Haddad"], "Lima", None, "occurred", "meet") in found


def test_meetings_an_organisation_no_place_is_named_after_is_no_place():
    rows = MET_IN_RABAT[:6] + [("Petrobras", 5, "pobj", "PROPN", "Petrobras", "B-ORG"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[1] for m in _places(rows)] == [None]


# "Ana Silva will be in Lima on May 4 and in Cusco from May 6 ." then
# "In Cusco , Ana Silva will meet Omar Haddad ."
TWO_STOPS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("be", 3, "ROOT", "AUX", "be", "O"),
    ("in", 3, "prep", "ADP", "in", "O"), ("Lima", 4, "pobj", "PROPN", "Lima", "B-GPE"),
    ("on", 3, "prep", "ADP", "on", "O"), ("May", 6, "pobj", "PROPN", "May", "B-DATE"),
    ("4", 7, "nummod", "NUM", "4", "I-DATE"), ("and", 6, "cc", "CCONJ", "and", "O"),
    ("in", 6, "conj", "ADP", "in", "O"), ("Cusco", 10, "pobj", "PROPN", "Cusco", "B-GPE"),
    ("from", 3, "prep", "ADP", "from", "O"), ("May", 12, "pobj", "PROPN", "May", "B-DATE"),
    ("6", 13, "nummod", "NUM", "6", "I-DATE"), (".", 3, "punct", "PUNCT", ".", "O"),
]
IN_CUSCO_WILL_MEET = [
    ("In", 5, "prep", "ADP", "in", "O"), ("Cusco", 0, "pobj", "PROPN", "Cusco", "B-GPE"),
    (",", 5, "punct", "PUNCT", ",", "O"), ("Ana", 4, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 5, "nsubj", "PROPN", "Silva", "I-PERSON"), ("will", 6, "aux", "AUX", "will", "O"),
    ("meet", 6, "ROOT", "VERB", "meet", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "dobj", "PROPN", "Haddad", "I-PERSON"), (".", 6, "punct", "PUNCT", ".", "O"),
]


def test_meetings_each_stop_of_an_itinerary_has_its_own_date():
    from handbuilt import join

    assert _places(join(TWO_STOPS, IN_CUSCO_WILL_MEET)) == [
        (["Ana Silva", "Omar Haddad"], "Cusco", "2031-05-06", "planned", "meet")]


def test_meetings_an_itinerary_stop_without_a_date_dates_nothing():
    from handbuilt import join

    # "Ana Silva will be in Lima on May 4 and in Cusco ."
    rows = TWO_STOPS[:12] + [(".", 3, "punct", "PUNCT", ".", "O")]
    assert _places(join(rows, IN_CUSCO_WILL_MEET)) == [(["Ana Silva", "Omar Haddad"], "Cusco", None, "planned", "meet")]


# "Leaders arrived for the ASEAN summit , due to be hosted by Ana Silva ." as the small
# model parses it: "due" hangs off "arrived", not off the summit
SUMMIT_DUE_TO_BE_HOSTED = [
    ("Leaders", 1, "nsubj", "NOUN", "leader", "O"), ("arrived", 1, "ROOT", "VERB", "arrive", "O"),
    ("for", 1, "prep", "ADP", "for", "O"), ("the", 5, "det", "DET", "the", "O"),
    ("ASEAN", 5, "compound", "PROPN", "ASEAN", "B-ORG"), ("summit", 2, "pobj", "NOUN", "summit", "O"),
    (",", 1, "punct", "PUNCT", ",", "O"), ("due", 1, "prep", "ADJ", "due", "O"),
    ("to", 10, "aux", "PART", "to", "O"), ("be", 10, "auxpass", "AUX", "be", "O"),
    ("hosted", 7, "xcomp", "VERB", "host", "O"), ("by", 10, "agent", "ADP", "by", "O"),
    ("Ana", 13, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 11, "pobj", "PROPN", "Silva", "I-PERSON"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_misplaced_passive_host_hosts_the_event_before_it():
    assert [(m[0], m[4]) for m in _places(SUMMIT_DUE_TO_BE_HOSTED)] == [
        (["Ana Silva", "Association of Southeast Asian Nations"], "summit")]


def test_meetings_a_dinner_hosted_by_someone_is_not_the_summit():
    # "Leaders arrived for the ASEAN summit and a dinner hosted by Ana Silva ."
    rows = SUMMIT_DUE_TO_BE_HOSTED[:6] + [
        ("and", 5, "cc", "CCONJ", "and", "O"), ("a", 8, "det", "DET", "a", "O"),
        ("dinner", 5, "conj", "NOUN", "dinner", "O"), ("hosted", 8, "acl", "VERB", "host", "O"),
        ("by", 9, "agent", "ADP", "by", "O"), ("Ana", 12, "compound", "PROPN", "Ana", "B-PERSON"),
        ("Silva", 10, "pobj", "PROPN", "Silva", "I-PERSON"), (".", 1, "punct", "PUNCT", ".", "O")]
    assert not any("Ana Silva" in m[0] and "Association of Southeast Asian Nations" in m[0] for m in _places(rows))


# "The Andean Union welcomed the agreement reached in Vienna between Peru and Chile ."
AGREEMENT_REACHED_BETWEEN = [
    ("The", 2, "det", "DET", "the", "B-ORG"), ("Andean", 2, "compound", "PROPN", "Andean", "I-ORG"),
    ("Union", 3, "nsubj", "PROPN", "Union", "I-ORG"), ("welcomed", 3, "ROOT", "VERB", "welcome", "O"),
    ("the", 5, "det", "DET", "the", "O"), ("agreement", 3, "dobj", "NOUN", "agreement", "O"),
    ("reached", 5, "acl", "VERB", "reach", "O"), ("in", 6, "prep", "ADP", "in", "O"),
    ("Vienna", 7, "pobj", "PROPN", "Vienna", "B-GPE"), ("between", 6, "prep", "ADP", "between", "O"),
    ("Peru", 9, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 10, "cc", "CCONJ", "and", "O"),
    ("Chile", 10, "conj", "PROPN", "Chile", "B-GPE"), (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_an_agreement_reached_between_parties_is_their_talks():
    assert _places(AGREEMENT_REACHED_BETWEEN) == [(["Chile", "Peru"], "Vienna", None, "occurred", "talks")]


def test_meetings_welcoming_an_agreement_is_no_part_in_it():
    # "The Andean Union welcomed the agreement reached in Vienna ."
    rows = AGREEMENT_REACHED_BETWEEN[:9] + [(".", 3, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


def test_meetings_parties_reaching_an_agreement_held_talks():
    # "Peru and Chile reached an agreement ."
    rows = [("Peru", 3, "nsubj", "PROPN", "Peru", "B-GPE"), ("and", 0, "cc", "CCONJ", "and", "O"),
            ("Chile", 0, "conj", "PROPN", "Chile", "B-GPE"), ("reached", 3, "ROOT", "VERB", "reach", "O"),
            ("an", 5, "det", "DET", "an", "O"), ("agreement", 3, "dobj", "NOUN", "agreement", "O"),
            (".", 3, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Chile", "Peru"], None, None, "occurred", "talks")]
    rows[5] = ("conclusion", 3, "dobj", "NOUN", "conclusion", "O")  # "reached a conclusion": no agreement
    assert _places(rows) == []


def test_meetings_a_signed_agreement_between_parties_is_their_talks():
    # "The Andean Union welcomed the signed agreement between Peru and Chile ."
    rows = AGREEMENT_REACHED_BETWEEN[:4] + [("the", 6, "det", "DET", "the", "O"), ("signed", 6, "amod", "VERB", "sign", "O"),
                                            ("agreement", 3, "dobj", "NOUN", "agreement", "O"),
                                            ("between", 6, "prep", "ADP", "between", "O")] + [
        (w, h - 2 if h >= 9 else h, d, p, l, e) for w, h, d, p, l, e in AGREEMENT_REACHED_BETWEEN[10:]]
    assert _places(rows) == [(["Chile", "Peru"], None, None, "occurred", "talks")]


# "Peru and Chile agreed to launch a dialogue ."
AGREED_TO_LAUNCH = [
    ("Peru", 3, "nsubj", "PROPN", "Peru", "B-GPE"), ("and", 0, "cc", "CCONJ", "and", "O"),
    ("Chile", 0, "conj", "PROPN", "Chile", "B-GPE"), ("agreed", 3, "ROOT", "VERB", "agree", "O"),
    ("to", 5, "aux", "PART", "to", "O"), ("launch", 3, "xcomp", "VERB", "launch", "O"),
    ("a", 7, "det", "DET", "a", "O"), ("dialogue", 5, "dobj", "NOUN", "dialogue", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_launching_a_dialogue_is_taking_part_in_it():
    assert _places(AGREED_TO_LAUNCH) == [(["Chile", "Peru"], None, None, "planned", "talks")]


def test_meetings_praising_a_dialogue_is_no_part_in_it():
    rows = AGREED_TO_LAUNCH[:3] + [("praised", 3, "ROOT", "VERB", "praise", "O"),
                                   ("the", 5, "det", "DET", "the", "O"), ("dialogue", 3, "dobj", "NOUN", "dialogue", "O"),
                                   (".", 3, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


def test_meetings_recently_is_a_time_of_its_own():
    from kg.extraction.meetings import _vaguely_past
    from handbuilt import make_doc

    # "Peru and Chile recently signed a deal ." / "Peru and Chile signed a deal ."
    recently = make_doc([("Peru", 4, "nsubj", "PROPN", "Peru", "B-GPE"), ("and", 0, "cc", "CCONJ", "and", "O"),
                         ("Chile", 0, "conj", "PROPN", "Chile", "B-GPE"), ("recently", 4, "advmod", "ADV", "recently", "O"),
                         ("signed", 4, "ROOT", "VERB", "sign", "O"), ("a", 6, "det", "DET", "a", "O"),
                         ("deal", 4, "dobj", "NOUN", "deal", "O"), (".", 4, "punct", "PUNCT", ".", "O")])
    assert _vaguely_past(recently[4], recently[4])
    plain = make_doc([("Peru", 3, "nsubj", "PROPN", "Peru", "B-GPE"), ("and", 0, "cc", "CCONJ", "and", "O"),
                      ("Chile", 0, "conj", "PROPN", "Chile", "B-GPE"), ("signed", 3, "ROOT", "VERB", "sign", "O"),
                      ("a", 5, "det", "DET", "a", "O"), ("deal", 3, "dobj", "NOUN", "deal", "O"),
                      (".", 3, "punct", "PUNCT", ".", "O")])
    assert not _vaguely_past(plain[3], plain[3])


def test_meetings_willing_to_meet_is_the_subjects_meeting():
    # "Peru is willing to meet Chile ."
    rows = [("Peru", 1, "nsubj", "PROPN", "Peru", "B-GPE"), ("is", 1, "ROOT", "AUX", "be", "O"),
            ("willing", 1, "acomp", "ADJ", "willing", "O"), ("to", 4, "aux", "PART", "to", "O"),
            ("meet", 2, "xcomp", "VERB", "meet", "O"), ("Chile", 4, "dobj", "PROPN", "Chile", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Chile", "Peru"]]


# "Ana Silva thanked Omar Haddad for hosting the ASEAN summit ."
THANKED_FOR_HOSTING = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("thanked", 2, "ROOT", "VERB", "thank", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("for", 2, "prep", "ADP", "for", "O"),
    ("hosting", 5, "pcomp", "VERB", "host", "O"), ("the", 9, "det", "DET", "the", "O"),
    ("ASEAN", 9, "compound", "PROPN", "ASEAN", "B-ORG"), ("summit", 6, "dobj", "NOUN", "summit", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_one_thanked_for_hosting_is_the_host():
    assert [m[0] for m in _places(THANKED_FOR_HOSTING)] == [["Association of Southeast Asian Nations", "Omar Haddad"]]


def test_meetings_the_one_thanked_after_hosting_is_not_the_host():
    # "Ana Silva thanked Omar Haddad after hosting the ASEAN summit ." : Silva hosted it
    rows = THANKED_FOR_HOSTING[:5] + [("after", 2, "prep", "ADP", "after", "O")] + THANKED_FOR_HOSTING[6:]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Association of Southeast Asian Nations"]]


def test_meetings_the_one_told_about_a_visit_is_not_in_it():
    # "Ana Silva shared with Omar Haddad her visit with Lina Diaz ."
    rows = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
            ("shared", 2, "ROOT", "VERB", "share", "O"), ("with", 2, "prep", "ADP", "with", "O"),
            ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"),
            ("her", 7, "poss", "PRON", "her", "O"), ("visit", 2, "dobj", "NOUN", "visit", "O"),
            ("with", 7, "prep", "ADP", "with", "O"), ("Lina", 10, "compound", "PROPN", "Lina", "B-PERSON"),
            ("Diaz", 8, "pobj", "PROPN", "Diaz", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O")]
    found = [m[0] for m in _places(rows)]
    assert found and not any("Omar Haddad" in people for people in found)


def _meetings_of(tmp_path, body: str) -> list:
    from kg.run import extract

    path = tmp_path / "update.txt"
    path.write_text("Talks Update\n\n" + body + "\n", encoding="utf-8")
    [record] = extract([path], on_error=None)
    return [event for event in record.events if event.type == "meeting"]


@pytest.mark.slow
@pytest.mark.parametrize(("later", "status"), [
    ("On Thursday, Rabuka called off the talks, citing the storm.", "cancelled"),
    ("On Thursday, the meeting was postponed because of the storm.", "planned"),   # later, still ahead
    ("Talks between Chile and Peru were cancelled last year.", "planned"),          # other parties
])
def test_meetings_later_report_updates_planned_meeting(tmp_path, later, status):
    body = ("SUVA, 4 March 2031 - Fijian Foreign Minister Sefo Rabuka will meet Norwegian Foreign "
            "Minister Kari Lund in Oslo on March 9.\n\n" + later)
    meetings = [m for m in _meetings_of(tmp_path, body) if "person:kari-lund" in m.participants]
    assert [(m.status, m.date) for m in meetings] == [(status, "2031-03-09")]


# "Ana Silva of Peru met Omar Haddad of Chile . They reviewed progress since the Peru-Chile
# Telephone Talk on May 3 ." (the date hung off "since", the talk's name read as one ORG)
SINCE_TALK = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 4, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("of", 1, "prep", "ADP", "of", "O"), ("Peru", 2, "pobj", "PROPN", "Peru", "B-GPE"),
    ("met", 4, "ROOT", "VERB", "meet", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 4, "dobj", "PROPN", "Haddad", "I-PERSON"), ("of", 6, "prep", "ADP", "of", "O"),
    ("Chile", 7, "pobj", "PROPN", "Chile", "B-GPE"), (".", 4, "punct", "PUNCT", ".", "O"),
    ("They", 11, "nsubj", "PRON", "they", "O"), ("reviewed", 11, "ROOT", "VERB", "review", "O"),
    ("progress", 11, "dobj", "NOUN", "progress", "O"), ("since", 11, "prep", "SCONJ", "since", "O"),
    ("the", 19, "det", "DET", "the", "B-ORG"), ("Peru", 17, "compound", "PROPN", "Peru", "I-ORG"),
    ("-", 17, "punct", "PUNCT", "-", "I-ORG"), ("Chile", 19, "compound", "PROPN", "Chile", "I-ORG"),
    ("Telephone", 19, "compound", "PROPN", "Telephone", "I-ORG"), ("Talk", 13, "pobj", "NOUN", "talk", "I-ORG"),
    ("on", 13, "prep", "ADP", "on", "O"), ("May", 20, "pobj", "PROPN", "May", "B-DATE"),
    ("3", 21, "nummod", "NUM", "3", "I-DATE"), (".", 11, "punct", "PUNCT", ".", "O"),
]


def test_meetings_named_talk_since_which_progress_is_reviewed_is_the_two_named_countries():
    # the ones reviewing progress since a call are not said to be in it; the call's name
    # holds its sides, and the date the parse hung off "since" is the call's
    assert _places(SINCE_TALK) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "meet"),
                                   (["Chile", "Peru"], None, "2030-05-03", "occurred", "phone")]


def test_meetings_named_body_that_is_no_encounter_gives_none():
    # "... since the Peru-Chile Trade Fund on May 3 .": a body's name, not an encounter
    rows = SINCE_TALK[:18] + [("Trade", 19, "compound", "PROPN", "Trade", "I-ORG"),
                              ("Fund", 13, "pobj", "PROPN", "Fund", "I-ORG")] + SINCE_TALK[20:]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "meet")]


# "Ana Silva of Peru met Omar Haddad of Chile . They welcomed the Peru-Chile Summit Meeting
# held in March ." (the meeting's name read as a facility)
SUMMIT_MEETING = SINCE_TALK[:10] + [
    ("They", 11, "nsubj", "PRON", "they", "O"), ("welcomed", 11, "ROOT", "VERB", "welcome", "O"),
    ("the", 17, "det", "DET", "the", "B-FAC"), ("Peru", 15, "compound", "PROPN", "Peru", "I-FAC"),
    ("-", 15, "punct", "PUNCT", "-", "I-FAC"), ("Chile", 17, "compound", "PROPN", "Chile", "I-FAC"),
    ("Summit", 17, "compound", "PROPN", "Summit", "I-FAC"), ("Meeting", 11, "dobj", "PROPN", "Meeting", "I-FAC"),
    ("held", 17, "acl", "VERB", "hold", "O"), ("in", 18, "prep", "ADP", "in", "O"),
    ("March", 19, "pobj", "PROPN", "March", "B-DATE"), (".", 11, "punct", "PUNCT", ".", "O"),
]


def test_meetings_meeting_named_by_a_country_pair_read_as_a_facility_is_theirs():
    assert (["Chile", "Peru"], None, "2030-03", "occurred", "summit") in _places(SUMMIT_MEETING)


def test_meetings_facility_whose_name_is_no_encounter_gives_none():
    # "They welcomed the Peru-Chile Summit Bridge held in March ."
    rows = SUMMIT_MEETING[:17] + [("Bridge", 11, "dobj", "PROPN", "Bridge", "I-FAC")] + SUMMIT_MEETING[18:]
    assert not any(people == ["Chile", "Peru"] for people, *_ in _places(rows))


# "Ana Silva met Omar Haddad in Rabat . Silva recalled the visit of Lina Diaz to Morocco ."
# ("to Morocco" hung off the verb)
RECALLED_VISIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("Silva", 9, "nsubj", "PROPN", "Silva", "B-PERSON"), ("recalled", 9, "ROOT", "VERB", "recall", "O"),
    ("the", 11, "det", "DET", "the", "O"), ("visit", 9, "dobj", "NOUN", "visit", "O"),
    ("of", 11, "prep", "ADP", "of", "O"), ("Lina", 14, "compound", "PROPN", "Lina", "B-PERSON"),
    ("Diaz", 12, "pobj", "PROPN", "Diaz", "I-PERSON"), ("to", 9, "prep", "ADP", "to", "O"),
    ("Morocco", 15, "pobj", "PROPN", "Morocco", "B-GPE"), (".", 9, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_visit_of_someone_is_a_visit_of_its_own_not_the_last_meeting():
    # "the visit of Lina Diaz" says whose visit it is: not a reference back to the meeting,
    # and "to Morocco" right after it is where it went, whatever the parse hung it off
    assert _places(RECALLED_VISIT) == [(["Ana Silva", "Omar Haddad"], "Rabat", None, "occurred", "meet"),
                                       (["Lina Diaz", "Morocco"], "Morocco", None, "occurred", "visit")]


def test_meetings_a_to_phrase_apart_from_the_visit_is_not_its_destination():
    # "Silva recalled the visit of Lina Diaz in a letter to Morocco ."
    rows = RECALLED_VISIT[:15] + [("in", 9, "prep", "ADP", "in", "O"), ("a", 17, "det", "DET", "a", "O"),
                                  ("letter", 15, "pobj", "NOUN", "letter", "O"),
                                  ("to", 9, "prep", "ADP", "to", "O"), ("Morocco", 18, "pobj", "PROPN", "Morocco", "B-GPE"),
                                  (".", 9, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], "Rabat", None, "occurred", "meet")]


# "Peru and Chile agreed to hold the next Joint Commission meeting in Lima ."
JOINT_COMMISSION = [
    ("Peru", 3, "nsubj", "PROPN", "Peru", "B-GPE"), ("and", 0, "cc", "CCONJ", "and", "O"),
    ("Chile", 0, "conj", "PROPN", "Chile", "B-GPE"), ("agreed", 3, "ROOT", "VERB", "agree", "O"),
    ("to", 5, "aux", "PART", "to", "O"), ("hold", 3, "xcomp", "VERB", "hold", "O"),
    ("the", 10, "det", "DET", "the", "O"), ("next", 10, "amod", "ADJ", "next", "O"),
    ("Joint", 9, "compound", "PROPN", "Joint", "B-ORG"),
    ("Commission", 10, "compound", "PROPN", "Commission", "I-ORG"), ("meeting", 5, "dobj", "NOUN", "meeting", "O"),
    ("in", 10, "prep", "ADP", "in", "O"), ("Lima", 11, "pobj", "PROPN", "Lima", "B-GPE"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_joint_commission_meeting_is_the_two_sides_not_a_third_party():
    assert _places(JOINT_COMMISSION) == [(["Chile", "Peru"], "Lima", None, "planned", "meet")]


def test_meetings_a_named_body_before_meeting_takes_part():
    # "... the next Andean Commission meeting in Lima .": a body of its own
    rows = JOINT_COMMISSION[:8] + [("Andean", 9, "compound", "PROPN", "Andean", "B-ORG")] + JOINT_COMMISSION[9:]
    assert [people for people, *_ in _places(rows)] == [["Andean Commission", "Chile", "Peru"]]


# "Tomas Ruvuma has not attended an African Union summit since 2010 ."
NOT_SINCE = [
    ("Tomas", 1, "compound", "PROPN", "Tomas", "B-PERSON"), ("Ruvuma", 4, "nsubj", "PROPN", "Ruvuma", "I-PERSON"),
    ("has", 4, "aux", "AUX", "have", "O"), ("not", 4, "neg", "PART", "not", "O"),
    ("attended", 4, "ROOT", "VERB", "attend", "O"), ("an", 8, "det", "DET", "an", "O"),
    ("African", 7, "compound", "PROPN", "African", "B-ORG"), ("Union", 8, "compound", "PROPN", "Union", "I-ORG"),
    ("summit", 4, "dobj", "NOUN", "summit", "O"), ("since", 4, "prep", "SCONJ", "since", "O"),
    ("2010", 9, "pobj", "NUM", "2010", "B-DATE"), (".", 4, "punct", "PUNCT", ".", "O"),
]


def test_meetings_not_attended_since_a_year_is_no_encounter():
    assert _places(NOT_SINCE) == []


def test_meetings_not_attended_in_a_year_stays_a_negated_encounter():
    # "Tomas Ruvuma has not attended an African Union summit in 2010 ."
    rows = NOT_SINCE[:9] + [("in", 4, "prep", "ADP", "in", "O")] + NOT_SINCE[10:]
    assert [status for *_, status, _kind in _places(rows)] == ["negated"]


# "Ana Silva will visit Morocco on Friday . Silva called off the visit ."
VISIT_CALLED_OFF = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("visit", 3, "ROOT", "VERB", "visit", "O"),
    ("Morocco", 3, "dobj", "PROPN", "Morocco", "B-GPE"), ("on", 3, "prep", "ADP", "on", "O"),
    ("Friday", 5, "pobj", "PROPN", "Friday", "B-DATE"), (".", 3, "punct", "PUNCT", ".", "O"),
    ("Silva", 9, "nsubj", "PROPN", "Silva", "B-PERSON"), ("called", 9, "ROOT", "VERB", "call", "O"),
    ("off", 9, "prt", "ADP", "off", "O"), ("the", 12, "det", "DET", "the", "O"),
    ("visit", 9, "dobj", "NOUN", "visit", "O"), (".", 9, "punct", "PUNCT", ".", "O"),
]


def test_meetings_called_off_the_visit_cancels_the_planned_visit():
    assert _places(VISIT_CALLED_OFF) == [(["Ana Silva", "Morocco"], "Morocco", "2030-06-14", "cancelled", "visit")]


def test_meetings_called_off_a_visit_of_no_known_kind_leaves_the_planned_one():
    # "... Silva called off a visit ." (no determiner that refers back)
    rows = VISIT_CALLED_OFF[:11] + [("a", 12, "det", "DET", "a", "O")] + VISIT_CALLED_OFF[12:]
    assert _places(rows) == [(["Ana Silva", "Morocco"], "Morocco", "2030-06-14", "planned", "visit")]


# "Ana Silva will attend the Conference on Oceans , which is being convened by Omar Haddad ."
# (the relative clause hung off "Oceans")
CONVENED_BY = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("attend", 3, "ROOT", "VERB", "attend", "O"),
    ("the", 5, "det", "DET", "the", "O"), ("Conference", 3, "dobj", "PROPN", "Conference", "O"),
    ("on", 5, "prep", "ADP", "on", "O"), ("Oceans", 6, "pobj", "PROPN", "Oceans", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"), ("which", 12, "nsubjpass", "PRON", "which", "O"),
    ("is", 12, "aux", "AUX", "be", "O"), ("being", 12, "auxpass", "AUX", "be", "O"),
    ("convened", 7, "relcl", "VERB", "convene", "O"), ("by", 12, "agent", "ADP", "by", "O"),
    ("Omar", 15, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 13, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_meetings_an_event_convened_by_someone_in_a_relative_clause_has_them_in_it():
    assert _places(CONVENED_BY) == [(["Ana Silva", "Omar Haddad"], None, None, "planned", "summit")]


def test_meetings_a_relative_clause_on_another_noun_convened_by_someone_is_apart():
    # "Ana Silva will attend the Conference , and Lina Diaz chairs a panel , which is being
    # convened by Omar Haddad .": the relative clause is on the panel, not the conference
    rows = CONVENED_BY[:6] + [
        (",", 3, "punct", "PUNCT", ",", "O"), ("and", 3, "cc", "CCONJ", "and", "O"),
        ("Lina", 9, "compound", "PROPN", "Lina", "B-PERSON"), ("Diaz", 10, "nsubj", "PROPN", "Diaz", "I-PERSON"),
        ("chairs", 3, "conj", "VERB", "chair", "O"), ("a", 12, "det", "DET", "a", "O"),
        ("panel", 10, "dobj", "NOUN", "panel", "O"), (",", 12, "punct", "PUNCT", ",", "O"),
        ("which", 17, "nsubjpass", "PRON", "which", "O"), ("is", 17, "aux", "AUX", "be", "O"),
        ("being", 17, "auxpass", "AUX", "be", "O"), ("convened", 12, "relcl", "VERB", "convene", "O"),
        ("by", 17, "agent", "ADP", "by", "O"), ("Omar", 20, "compound", "PROPN", "Omar", "B-PERSON"),
        ("Haddad", 18, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 3, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


# "Ana Silva hosted a dinner in honour of Omar Haddad ."
DINNER_IN_HONOUR = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("hosted", 2, "ROOT", "VERB", "host", "O"), ("a", 4, "det", "DET", "a", "O"),
    ("dinner", 2, "dobj", "NOUN", "dinner", "O"), ("in", 4, "prep", "ADP", "in", "O"),
    ("honour", 5, "pobj", "NOUN", "honour", "O"), ("of", 6, "prep", "ADP", "of", "O"),
    ("Omar", 9, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 7, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_dinner_hosted_in_honour_of_someone_is_a_meeting_with_them():
    assert _places(DINNER_IN_HONOUR) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "meet")]


def test_meetings_talks_hosted_in_honour_of_someone_are_no_meal_for_them():
    # "Ana Silva hosted a debate in honour of Omar Haddad .": held for his sake, not with him
    rows = DINNER_IN_HONOUR[:4] + [("debate", 2, "dobj", "NOUN", "debate", "O")] + DINNER_IN_HONOUR[5:]
    assert _places(rows) == []


# "The Secretary-General met separately with President Tomas Ruvuma and Prime Minister Elif Dogan ."
# (the host named by a title alone, no publisher to resolve it)
MET_SEPARATELY = [
    ("The", 3, "det", "DET", "the", "O"), ("Secretary", 3, "compound", "PROPN", "Secretary", "O"),
    ("-", 3, "punct", "PUNCT", "-", "O"), ("General", 4, "nsubj", "PROPN", "General", "O"),
    ("met", 4, "ROOT", "VERB", "meet", "O"), ("separately", 4, "advmod", "ADV", "separately", "O"),
    ("with", 4, "prep", "ADP", "with", "O"), ("President", 9, "compound", "PROPN", "President", "O"),
    ("Tomas", 9, "compound", "PROPN", "Tomas", "B-PERSON"), ("Ruvuma", 6, "pobj", "PROPN", "Ruvuma", "I-PERSON"),
    ("and", 9, "cc", "CCONJ", "and", "O"), ("Prime", 12, "compound", "PROPN", "Prime", "O"),
    ("Minister", 14, "compound", "PROPN", "Minister", "O"), ("Elif", 14, "compound", "PROPN", "Elif", "B-PERSON"),
    ("Dogan", 9, "conj", "PROPN", "Dogan", "I-PERSON"), (".", 4, "punct", "PUNCT", ".", "O"),
]


def test_meetings_guests_met_separately_by_an_unnamed_host_did_not_meet_each_other():
    assert _places(MET_SEPARATELY) == []


def test_meetings_guests_met_together_by_an_unnamed_host_shared_the_meeting():
    # "The Secretary-General met with President Tomas Ruvuma and Prime Minister Elif Dogan ."
    rows = [(w, h - 1 if h > 5 else h, d, p, l, e) for w, h, d, p, l, e in MET_SEPARATELY[:5] + MET_SEPARATELY[6:]]
    assert [people for people, *_ in _places(rows)] == [["Elif Dogan", "Tomas Ruvuma"]]


# "Ana Silva met Omar Haddad twice in Rabat ."
MET_TWICE = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("twice", 2, "advmod", "ADV", "twice", "O"),
    ("in", 2, "prep", "ADP", "in", "O"), ("Rabat", 6, "pobj", "PROPN", "Rabat", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_met_twice_is_two_encounters():
    extraction, _ = parse(MET_TWICE)
    found = [e for e in extraction.events if e.type == "meeting"]
    assert len(found) == 2 and len({e.id for e in found}) == 2
    assert _places(MET_TWICE) == [(["Ana Silva", "Omar Haddad"], "Rabat", None, "occurred", "meet")] * 2


def test_meetings_met_once_is_one_encounter():
    # "Ana Silva met Omar Haddad once in Rabat ."
    rows = MET_TWICE[:5] + [("once", 2, "advmod", "ADV", "once", "O")] + MET_TWICE[6:]
    assert len(_places(rows)) == 1


def test_meetings_a_question_reports_no_encounter():
    # "Will Ana Silva meet Omar Haddad in Rabat ?" (a reporter's question)
    rows = [("Will", 3, "aux", "AUX", "will", "O"), ("Ana", 2, "compound", "PROPN", "Ana", "B-PERSON"),
            ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"), ("meet", 3, "ROOT", "VERB", "meet", "O"),
            ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "dobj", "PROPN", "Haddad", "I-PERSON"),
            ("in", 3, "prep", "ADP", "in", "O"), ("Rabat", 6, "pobj", "PROPN", "Rabat", "B-GPE"),
            ("?", 3, "punct", "PUNCT", "?", "O")]
    assert _places(rows) == []
    # the same words as a statement: "Will" dropped, "Ana Silva will meet Omar Haddad in Rabat ."
    told = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), rows[2], ("will", 3, "aux", "AUX", "will", "O"),
            *rows[3:8], (".", 3, "punct", "PUNCT", ".", "O")]
    assert [status for *_, status, _kind in _places(told)] == ["planned"]


# "Ana Silva met separately with the ministers of Peru and Chile ."
MET_COUNTRIES_SEPARATELY = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("separately", 2, "advmod", "ADV", "separately", "O"),
    ("with", 2, "prep", "ADP", "with", "O"), ("the", 6, "det", "DET", "the", "O"),
    ("ministers", 4, "pobj", "NOUN", "minister", "O"), ("of", 6, "prep", "ADP", "of", "O"),
    ("Peru", 7, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 8, "cc", "CCONJ", "and", "O"),
    ("Chile", 8, "conj", "PROPN", "Chile", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_met_separately_with_two_countries_is_one_meeting_with_each():
    assert _places(MET_COUNTRIES_SEPARATELY) == [(["Ana Silva", "Chile"], None, None, "occurred", "meet"),
                                                  (["Ana Silva", "Peru"], None, None, "occurred", "meet")]


def test_meetings_met_the_ministers_of_two_countries_together_is_one_meeting():
    # "Ana Silva met with the ministers of Peru and Chile ."
    rows = [(w, h - 1 if h > 3 else h, d, p, l, e)
            for w, h, d, p, l, e in MET_COUNTRIES_SEPARATELY[:3] + MET_COUNTRIES_SEPARATELY[4:]]
    assert _places(rows) == [(["Ana Silva", "Chile", "Peru"], None, None, "occurred", "meet")]


# "Ana Silva held talks with Omar Haddad and with Lena Park ."
TALKS_WITH_EACH = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("held", 2, "ROOT", "VERB", "hold", "O"), ("talks", 2, "dobj", "NOUN", "talk", "O"),
    ("with", 3, "prep", "ADP", "with", "O"), ("Omar", 6, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 4, "pobj", "PROPN", "Haddad", "I-PERSON"), ("and", 4, "cc", "CCONJ", "and", "O"),
    ("with", 4, "conj", "ADP", "with", "O"), ("Lena", 10, "compound", "PROPN", "Lena", "B-PERSON"),
    ("Park", 8, "pobj", "PROPN", "Park", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_talks_with_a_and_with_b_are_talks_with_each():
    assert _places(TALKS_WITH_EACH) == [(["Ana Silva", "Lena Park"], None, None, "occurred", "talks"),
                                        (["Ana Silva", "Omar Haddad"], None, None, "occurred", "talks")]


def test_meetings_talks_with_a_and_b_are_one_round_of_talks():
    # "Ana Silva held talks with Omar Haddad and Lena Park ."
    rows = [(w, h - 1 if h > 8 else h, d, p, l, e) for w, h, d, p, l, e in TALKS_WITH_EACH[:8] + TALKS_WITH_EACH[9:]]
    rows[9] = ("Park", 6, "conj", "PROPN", "Park", "I-PERSON")
    assert _places(rows) == [(["Ana Silva", "Lena Park", "Omar Haddad"], None, None, "occurred", "talks")]


# "Ana Silva spoke with Omar Haddad about the crisis in Peru ."
SPOKE_ABOUT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("spoke", 2, "ROOT", "VERB", "speak", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"),
    ("about", 2, "prep", "ADP", "about", "O"), ("the", 8, "det", "DET", "the", "O"),
    ("crisis", 6, "pobj", "NOUN", "crisis", "O"), ("in", 8, "prep", "ADP", "in", "O"),
    ("Peru", 9, "pobj", "PROPN", "Peru", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_call_about_a_place_is_not_held_there():
    assert _places(SPOKE_ABOUT) == [(["Ana Silva", "Omar Haddad"], None, None, "occurred", "phone")]


def test_meetings_a_place_below_another_phrase_is_where_they_spoke():
    # "Ana Silva spoke with Omar Haddad at the embassy in Peru ."
    rows = SPOKE_ABOUT[:6] + [("at", 2, "prep", "ADP", "at", "O"), SPOKE_ABOUT[7],
                              ("embassy", 6, "pobj", "NOUN", "embassy", "O")] + SPOKE_ABOUT[9:]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], "Peru", None, "occurred", "phone")]


# "Ana Silva received a courtesy call from Omar Haddad on Monday ."
COURTESY_CALL_FROM = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("received", 2, "ROOT", "VERB", "receive", "O"), ("a", 5, "det", "DET", "a", "O"),
    ("courtesy", 5, "amod", "ADJ", "courtesy", "O"), ("call", 2, "dobj", "NOUN", "call", "O"),
    ("from", 5, "prep", "ADP", "from", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "pobj", "PROPN", "Haddad", "I-PERSON"), ("on", 2, "prep", "ADP", "on", "O"),
    ("Monday", 9, "pobj", "PROPN", "Monday", "B-DATE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_courtesy_call_received_from_someone_is_a_meeting_with_them():
    assert _places(COURTESY_CALL_FROM) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-10", "occurred", "meet")]


def test_meetings_a_call_received_from_someone_is_a_call_with_them():
    # "Ana Silva received a call from Omar Haddad on Monday ."
    rows = [(w, h - 1 if h > 4 else h, d, p, l, e) for w, h, d, p, l, e in COURTESY_CALL_FROM[:4] + COURTESY_CALL_FROM[5:]]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-10", "occurred", "phone")]


def test_meetings_a_letter_received_from_someone_is_no_encounter():
    # "Ana Silva received a letter from Omar Haddad on Monday ."
    rows = [(w, h - 1 if h > 4 else h, d, p, l, e) for w, h, d, p, l, e in COURTESY_CALL_FROM[:4] + COURTESY_CALL_FROM[5:]]
    rows[4] = ("letter", 2, "dobj", "NOUN", "letter", "O")
    assert _places(rows) == []


# "Ana Silva visited the German brigade in Kyiv ."
VISITED_A_UNIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("visited", 2, "ROOT", "VERB", "visit", "O"), ("the", 5, "det", "DET", "the", "O"),
    ("German", 5, "amod", "ADJ", "german", "B-NORP"), ("brigade", 2, "dobj", "NOUN", "brigade", "O"),
    ("in", 2, "prep", "ADP", "in", "O"), ("Kyiv", 6, "pobj", "PROPN", "Kyiv", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_visited_unit_is_not_its_country_met():
    assert [sorted(people) for people, *_ in _places(VISITED_A_UNIT)] == [["Ana Silva", "Kyiv"]]


def test_meetings_a_visited_delegation_stands_for_its_country():
    # "Ana Silva visited the German delegation in Kyiv ."
    rows = VISITED_A_UNIT[:5] + [("delegation", 2, "dobj", "NOUN", "delegation", "O")] + VISITED_A_UNIT[6:]
    assert [sorted(people) for people, *_ in _places(rows)] == [["Ana Silva", "Germany", "Kyiv"]]


# "Ana Silva met with the President of Peru , Omar Haddad , on Monday ." with the name
# parsed as the verb's modifier, not the title's apposition
MET_TITLE_THEN_NAME = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("the", 5, "det", "DET", "the", "O"), ("President", 3, "pobj", "PROPN", "President", "O"),
    ("of", 5, "prep", "ADP", "of", "O"), ("Peru", 6, "pobj", "PROPN", "Peru", "B-GPE"),
    (",", 2, "punct", "PUNCT", ",", "O"), ("Omar", 10, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "npadvmod", "PROPN", "Haddad", "I-PERSON"), (",", 2, "punct", "PUNCT", ",", "O"),
    ("on", 2, "prep", "ADP", "on", "O"), ("Monday", 12, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_name_set_off_after_a_title_is_the_one_met():
    assert _places(MET_TITLE_THEN_NAME) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-10", "occurred", "meet")]


def test_meetings_a_name_after_a_title_in_a_clause_of_its_own_is_not_the_one_met():
    # "Ana Silva met with the President of Peru , Omar Haddad said ." (Haddad speaks)
    rows = MET_TITLE_THEN_NAME[:10] + [("Haddad", 11, "nsubj", "PROPN", "Haddad", "I-PERSON"),
                                       ("said", 2, "conj", "VERB", "say", "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert [people for people, *_ in _places(rows)] == [["Ana Silva", "Peru"]]


# "The Secretary-General held meetings with President Tomas Ruvuma and Prime Minister Elif Dogan ."
# (the host named by a title alone, no publisher to resolve it)
HELD_MEETINGS_WITH = [
    ("The", 3, "det", "DET", "the", "O"), ("Secretary", 3, "compound", "PROPN", "Secretary", "O"),
    ("-", 3, "punct", "PUNCT", "-", "O"), ("General", 4, "nsubj", "PROPN", "General", "O"),
    ("held", 4, "ROOT", "VERB", "hold", "O"), ("meetings", 4, "dobj", "NOUN", "meeting", "O"),
    ("with", 5, "prep", "ADP", "with", "O"), ("President", 9, "compound", "PROPN", "President", "O"),
    ("Tomas", 9, "compound", "PROPN", "Tomas", "B-PERSON"), ("Ruvuma", 6, "pobj", "PROPN", "Ruvuma", "I-PERSON"),
    ("and", 9, "cc", "CCONJ", "and", "O"), ("Prime", 12, "compound", "PROPN", "Prime", "O"),
    ("Minister", 14, "compound", "PROPN", "Minister", "O"), ("Elif", 14, "compound", "PROPN", "Elif", "B-PERSON"),
    ("Dogan", 9, "conj", "PROPN", "Dogan", "I-PERSON"), (".", 4, "punct", "PUNCT", ".", "O"),
]


def test_meetings_guests_of_an_unnamed_hosts_meetings_did_not_meet_each_other():
    assert _places(HELD_MEETINGS_WITH) == []


def test_meetings_guests_of_an_unnamed_hosts_one_meeting_shared_it():
    # "The Secretary-General held a meeting with President Tomas Ruvuma and Prime Minister Elif Dogan ."
    rows = HELD_MEETINGS_WITH[:5] + [("a", 6, "det", "DET", "a", "O"), ("meeting", 4, "dobj", "NOUN", "meeting", "O")]
    rows += [(w, h + 1 if h >= 5 else h, d, p, l, e) for w, h, d, p, l, e in HELD_MEETINGS_WITH[6:]]
    assert [people for people, *_ in _places(rows)] == [["Elif Dogan", "Tomas Ruvuma"]]


# "Ana Silva and Omar Haddad co-chaired the Joint Commission meeting in Lima ." with the
# subject hung off the split prefix "co", as the parser does
CO_CHAIRED = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 5, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("and", 1, "cc", "CCONJ", "and", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 1, "conj", "PROPN", "Haddad", "I-PERSON"), ("co", 7, "punct", "NOUN", "co", "O"),
    ("-", 5, "punct", "VERB", "-", "O"), ("chaired", 7, "ROOT", "VERB", "chair", "O"),
    ("the", 11, "det", "DET", "the", "O"), ("Joint", 10, "compound", "PROPN", "Joint", "O"),
    ("Commission", 11, "compound", "PROPN", "Commission", "O"), ("meeting", 7, "dobj", "NOUN", "meeting", "O"),
    ("in", 11, "prep", "ADP", "in", "O"), ("Lima", 12, "pobj", "PROPN", "Lima", "B-GPE"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]


def test_meetings_co_chairs_of_a_meeting_take_part_in_it():
    assert _places(CO_CHAIRED) == [(["Ana Silva", "Omar Haddad"], "Lima", None, "occurred", "meet")]


def test_meetings_a_lone_co_chair_has_no_one_to_meet():
    # "Ana Silva co-chaired the Joint Commission meeting in Lima ."
    rows = CO_CHAIRED[:1] + [("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON")]
    rows += [(w, h - 3 if h >= 5 else h - 1, d, p, l, e) for w, h, d, p, l, e in CO_CHAIRED[5:]]
    assert _places(rows) == []


# "Ana Silva met Omar Haddad at the Hotel Metropol in Stockholm ."
AT_A_BUILDING_IN_A_TOWN = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("at", 2, "prep", "ADP", "at", "O"),
    ("the", 8, "det", "DET", "the", "B-FAC"), ("Hotel", 8, "compound", "PROPN", "Hotel", "I-FAC"),
    ("Metropol", 5, "pobj", "PROPN", "Metropol", "I-FAC"), ("in", 8, "prep", "ADP", "in", "O"),
    ("Stockholm", 9, "pobj", "PROPN", "Stockholm", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_building_in_a_town_places_the_meeting_in_the_town():
    assert _places(AT_A_BUILDING_IN_A_TOWN) == [(["Ana Silva", "Omar Haddad"], "Stockholm", None, "occurred", "meet")]


def test_meetings_a_building_in_no_named_town_is_the_place_itself():
    # "Ana Silva met Omar Haddad at the Hotel Metropol ."
    rows = AT_A_BUILDING_IN_A_TOWN[:9] + [(".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], "Hotel Metropol", None, "occurred", "meet")]


# "On Monday , Ana Silva held talks with Minister Omar Haddad of Peru and with Minister Jorge
# Blanco of Chile ." as the small model parses it: the second "with" the verb's conjunct
TALKS_WITH_AND_WITH = [
    ("On", 5, "prep", "ADP", "on", "O"), ("Monday", 0, "pobj", "PROPN", "Monday", "B-DATE"),
    (",", 5, "punct", "PUNCT", ",", "O"), ("Ana", 4, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 5, "nsubj", "PROPN", "Silva", "I-PERSON"), ("held", 5, "ROOT", "VERB", "hold", "O"),
    ("talks", 5, "dobj", "NOUN", "talk", "O"), ("with", 6, "prep", "ADP", "with", "O"),
    ("Minister", 10, "compound", "PROPN", "Minister", "O"), ("Omar", 10, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 7, "pobj", "PROPN", "Haddad", "I-PERSON"), ("of", 10, "prep", "ADP", "of", "O"),
    ("Peru", 11, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 5, "cc", "CCONJ", "and", "O"),
    ("with", 5, "conj", "ADP", "with", "O"), ("Minister", 17, "compound", "PROPN", "Minister", "O"),
    ("Jorge", 17, "compound", "PROPN", "Jorge", "B-PERSON"), ("Blanco", 14, "pobj", "PROPN", "Blanco", "I-PERSON"),
    ("of", 17, "prep", "ADP", "of", "O"), ("Chile", 18, "pobj", "PROPN", "Chile", "B-GPE"),
    (".", 5, "punct", "PUNCT", ".", "O"),
]


def test_meetings_talks_with_one_and_with_another_are_two_encounters():
    assert [m[0] for m in _places(TALKS_WITH_AND_WITH)] == [["Ana Silva", "Jorge Blanco"], ["Ana Silva", "Omar Haddad"]]


def test_meetings_talks_with_one_and_another_under_one_with_stay_one_encounter():
    # "... held talks with Minister Omar Haddad of Peru and Minister Jorge Blanco of Chile ."
    rows = TALKS_WITH_AND_WITH[:14] + TALKS_WITH_AND_WITH[15:]
    rows = [(w, h - 1 if h > 14 else h, d, p, l, e) for w, h, d, p, l, e in rows]
    rows[14] = ("Minister", 16, "compound", "PROPN", "Minister", "O")
    rows[16] = ("Blanco", 10, "conj", "PROPN", "Blanco", "I-PERSON")
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Jorge Blanco", "Omar Haddad"]]


# "Ana Silva had a telephone conversation with President of Peru Omar Haddad and with President
# of Chile Jorge Blanco ." as the small model parses it: the second title and its name two
# objects of the second "with"
CALL_WITH_TITLED = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("had", 2, "ROOT", "VERB", "have", "O"), ("a", 5, "det", "DET", "a", "O"),
    ("telephone", 5, "compound", "NOUN", "telephone", "O"),
    ("conversation", 2, "dobj", "NOUN", "conversation", "O"), ("with", 5, "prep", "ADP", "with", "O"),
    ("President", 6, "pobj", "PROPN", "President", "O"), ("of", 7, "prep", "ADP", "of", "O"),
    ("Peru", 10, "compound", "PROPN", "Peru", "B-GPE"), ("Omar", 11, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 8, "pobj", "PROPN", "Haddad", "I-PERSON"), ("and", 6, "cc", "CCONJ", "and", "O"),
    ("with", 6, "conj", "ADP", "with", "O"), ("President", 13, "pobj", "PROPN", "President", "O"),
    ("of", 14, "prep", "ADP", "of", "O"), ("Chile", 15, "pobj", "PROPN", "Chile", "B-GPE"),
    ("Jorge", 18, "compound", "PROPN", "Jorge", "B-PERSON"), ("Blanco", 13, "pobj", "PROPN", "Blanco", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_title_beside_its_holder_under_one_with_adds_no_country():
    assert [m[0] for m in _places(CALL_WITH_TITLED)] == [["Ana Silva", "Jorge Blanco"], ["Ana Silva", "Omar Haddad"]]


def test_meetings_a_title_with_no_holder_beside_it_stands_for_its_country():
    # "... and with President of Chile ." (no name): the unnamed president is Chile
    rows = CALL_WITH_TITLED[:17] + [(".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Chile"], ["Ana Silva", "Omar Haddad"]]


# "The presidents of North and South Korea met in Panmunjom on Monday ." as the small model
# parses it: "North" a modifier of "Korea", which kg reads as two countries
ELIDED_PAIR = [
    ("The", 1, "det", "DET", "the", "O"), ("presidents", 7, "nsubj", "NOUN", "president", "O"),
    ("of", 1, "prep", "ADP", "of", "O"), ("North", 6, "nmod", "PROPN", "North", "B-GPE"),
    ("and", 3, "cc", "CCONJ", "and", "I-GPE"), ("South", 3, "conj", "PROPN", "South", "I-GPE"),
    ("Korea", 2, "pobj", "PROPN", "Korea", "I-GPE"), ("met", 7, "ROOT", "VERB", "meet", "O"),
    ("in", 7, "prep", "ADP", "in", "O"), ("Panmunjom", 8, "pobj", "PROPN", "Panmunjom", "B-GPE"),
    ("on", 7, "prep", "ADP", "on", "O"), ("Monday", 10, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]


def test_meetings_leaders_of_north_and_south_of_one_name_are_both_countries():
    assert [m[0] for m in _places(ELIDED_PAIR)] == [["North Korea", "South Korea"]]


def test_meetings_a_coordinated_modifier_of_one_name_is_no_second_party():
    # "The presidents of North and South Tarvania met ...": one name kg does not split
    rows = [(w, h, d, p, l, "B-GPE" if w == "North" else "I-GPE" if e != "O" and w != "Panmunjom" else e)
            for w, h, d, p, l, e in ELIDED_PAIR]
    rows[6] = ("Tarvania", 2, "pobj", "PROPN", "Tarvania", "I-GPE")
    assert _places(rows) == []


# "Ana Silva paid a State Visit to Peru on Monday ." as the small model parses it: "Visit" a
# proper noun, "to Peru" the verb's dative
STATE_VISIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("paid", 2, "ROOT", "VERB", "pay", "O"), ("a", 5, "det", "DET", "a", "O"),
    ("State", 5, "compound", "PROPN", "State", "O"), ("Visit", 2, "dobj", "PROPN", "Visit", "O"),
    ("to", 2, "dative", "ADP", "to", "O"), ("Peru", 6, "pobj", "PROPN", "Peru", "B-GPE"),
    ("on", 2, "prep", "ADP", "on", "O"), ("Monday", 8, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_capitalised_state_visit_to_a_country_is_a_visit_to_it():
    assert _places(STATE_VISIT) == [(["Ana Silva", "Peru"], "Peru", "2030-06-10", "occurred", "visit")]


def test_meetings_a_capitalised_visit_with_no_destination_is_no_visit():
    # "Ana Silva paid a State Visit on Monday ."
    rows = STATE_VISIT[:6] + [(w, h - 2, d, p, l, e) for w, h, d, p, l, e in STATE_VISIT[8:]]
    rows[6] = ("on", 2, "prep", "ADP", "on", "O")
    rows[8] = (".", 2, "punct", "PUNCT", ".", "O")
    assert _places(rows) == []


def test_meetings_a_title_before_an_event_word_names_no_visitor():
    # "Ana Silva will pay an Official Visit to Peru on Monday ."
    rows = STATE_VISIT[:2] + [("will", 3, "aux", "AUX", "will", "O")] + [
        (w, h + 1 if h >= 2 else h, d, p, l, e) for w, h, d, p, l, e in STATE_VISIT[2:]]
    rows[3] = ("pay", 3, "ROOT", "VERB", "pay", "O")
    rows[4] = ("an", 6, "det", "DET", "an", "O")
    rows[5] = ("Official", 6, "compound", "PROPN", "Official", "O")
    assert _places(rows) == [(["Ana Silva", "Peru"], "Peru", "2030-06-17", "planned", "visit")]


def test_meetings_a_title_before_a_name_still_names_its_holder():
    # "Ana Silva met Official Omar Haddad on Monday ."
    rows = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
            ("met", 2, "ROOT", "VERB", "meet", "O"), ("Official", 5, "compound", "PROPN", "Official", "O"),
            ("Omar", 5, "compound", "PROPN", "Omar", "O"), ("Haddad", 2, "dobj", "PROPN", "Haddad", "O"),
            ("on", 2, "prep", "ADP", "on", "O"), ("Monday", 6, "pobj", "PROPN", "Monday", "B-DATE"),
            (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


# "The ministers met in Vilnius on Monday . On the sidelines , Ana Silva held talks with Omar
# Haddad ." as the small model parses it
SIDELINES_AFTER = [
    ("The", 1, "det", "DET", "the", "O"), ("ministers", 2, "nsubj", "NOUN", "minister", "O"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Vilnius", 3, "pobj", "PROPN", "Vilnius", "B-GPE"), ("on", 2, "prep", "ADP", "on", "O"),
    ("Monday", 5, "pobj", "PROPN", "Monday", "B-DATE"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("On", 14, "prep", "ADP", "on", "O"), ("the", 10, "det", "DET", "the", "O"),
    ("sidelines", 8, "pobj", "NOUN", "sideline", "O"), (",", 14, "punct", "PUNCT", ",", "O"),
    ("Ana", 13, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 14, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("held", 14, "ROOT", "VERB", "hold", "O"), ("talks", 14, "dobj", "NOUN", "talk", "O"),
    ("with", 15, "prep", "ADP", "with", "O"), ("Omar", 18, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 16, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 14, "punct", "PUNCT", ".", "O"),
]


def test_meetings_on_the_sidelines_is_where_and_when_the_gathering_before_was():
    assert _places(SIDELINES_AFTER) == [(["Ana Silva", "Omar Haddad"], "Vilnius", "2030-06-10", "occurred", "talks")]


def test_meetings_a_sentence_with_no_sidelines_keeps_no_place_of_the_one_before():
    # "... . On Tuesday , Ana Silva held talks with Omar Haddad ."
    rows = SIDELINES_AFTER[:9] + [("Tuesday", 8, "pobj", "PROPN", "Tuesday", "B-DATE")] + [
        (w, h - 1, d, p, l, e) for w, h, d, p, l, e in SIDELINES_AFTER[11:]]
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-11", "occurred", "talks")]


# "It is the first time in a decade that Ana Silva and Omar Haddad have met ." as the small
# model parses it
FIRST_TIME = [
    ("It", 1, "nsubj", "PRON", "it", "O"), ("is", 1, "ROOT", "AUX", "be", "O"),
    ("the", 4, "det", "DET", "the", "O"), ("first", 4, "amod", "ADJ", "first", "B-ORDINAL"),
    ("time", 1, "attr", "NOUN", "time", "O"), ("in", 4, "prep", "ADP", "in", "O"),
    ("a", 7, "det", "DET", "a", "B-DATE"), ("decade", 5, "pobj", "NOUN", "decade", "I-DATE"),
    ("that", 15, "mark", "PRON", "that", "O"), ("Ana", 10, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 15, "nsubj", "PROPN", "Silva", "I-PERSON"), ("and", 10, "cc", "CCONJ", "and", "O"),
    ("Omar", 13, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 10, "conj", "PROPN", "Haddad", "I-PERSON"),
    ("have", 15, "aux", "AUX", "have", "O"), ("met", 4, "relcl", "VERB", "meet", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


def test_meetings_the_first_time_that_two_have_met_is_the_encounter_of_today():
    assert [m[2] for m in _places(FIRST_TIME)] == ["2030-06-12"]


def test_meetings_the_first_time_that_two_had_met_is_no_date_of_today():
    # "It was the first time in a decade that Ana Silva and Omar Haddad had met ."
    rows = list(FIRST_TIME)
    rows[1] = ("was", 1, "ROOT", "AUX", "be", "O")
    rows[14] = ("had", 15, "aux", "AUX", "have", "O")
    assert [m[2] for m in _places(rows)] == [None]


# "The Peru-Chile Summit was held in Lima on Monday ." as the small model parses it: the
# summit's name one ORG, the subject of a passive "held"
NAMED_SUMMIT = [
    ("The", 4, "det", "DET", "the", "B-ORG"), ("Peru", 3, "compound", "PROPN", "Peru", "I-ORG"),
    ("-", 3, "punct", "PUNCT", "-", "I-ORG"), ("Chile", 4, "compound", "PROPN", "Chile", "I-ORG"),
    ("Summit", 6, "nsubjpass", "PROPN", "Summit", "I-ORG"), ("was", 6, "auxpass", "AUX", "be", "O"),
    ("held", 6, "ROOT", "VERB", "hold", "O"), ("in", 6, "prep", "ADP", "in", "O"),
    ("Lima", 7, "pobj", "PROPN", "Lima", "B-GPE"), ("on", 6, "prep", "ADP", "on", "O"),
    ("Monday", 9, "pobj", "PROPN", "Monday", "B-DATE"), (".", 6, "punct", "PUNCT", ".", "O"),
]


def _unspaced_hyphen(rows):
    """Meetings of rows whose hyphen is written close up ("Peru-Chile"), as in print."""
    from spacy.tokens import Doc

    from handbuilt import VOCAB
    from kg.extraction import extract_doc
    from kg.model import Document

    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", "-") and rows[i][0] != "-" for i in range(len(rows))]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], ents=[r[5] for r in rows])
    extraction = extract_doc(doc, Document(id="t", text=doc.text, published="2030-06-12"))
    names = {e.id: e.name for e in extraction.entities}
    return sorted((sorted(names[p] for p in e.participants), names.get(e.location), e.date, e.subtype)
                  for e in extraction.events if e.type == "meeting"), sorted(names.values())


def test_meetings_a_summit_named_for_two_countries_is_theirs_where_it_was_held():
    found, names = _unspaced_hyphen(NAMED_SUMMIT)
    assert found == [(["Chile", "Peru"], "Lima", "2030-06-10", "summit")]
    assert "Peru-Chile Summit" not in names


def test_meetings_a_summit_named_for_a_region_stays_one_name_and_no_pair():
    # "The Asia-Pacific Summit was held in Lima on Monday ."
    rows = [("Asia", *r[1:]) if r[0] == "Peru" else ("Pacific", *r[1:]) if r[0] == "Chile" else r for r in NAMED_SUMMIT]
    found, names = _unspaced_hyphen(rows)
    assert found == [] and "Asia-Pacific Summit" in names


def test_meetings_a_summit_said_to_have_happened_by_a_verb_of_other_meaning_is_not_placed_by_it():
    # "The Peru-Chile Summit worried officials in Quito on Monday ."
    rows = NAMED_SUMMIT[:5] + [("worried", 5, "ROOT", "VERB", "worry", "O"), ("officials", 5, "dobj", "NOUN", "official", "O"),
                               ("in", 6, "prep", "ADP", "in", "O"), ("Quito", 7, "pobj", "PROPN", "Quito", "B-GPE"),
                               ("on", 5, "prep", "ADP", "on", "O"), ("Monday", 9, "pobj", "PROPN", "Monday", "B-DATE"),
                               (".", 5, "punct", "PUNCT", ".", "O")]
    rows[4] = ("Summit", 5, "nsubj", "PROPN", "Summit", "I-ORG")
    found, _names = _unspaced_hyphen(rows)
    assert found == [(["Chile", "Peru"], None, None, "summit")]


# "Ana Silva , visiting Lima , held talks with Omar Haddad on Monday ." as the small model
# parses it: "visiting" a participle hung off Silva
VISITING_MET = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 6, "nsubj", "PROPN", "Silva", "I-PERSON"),
    (",", 1, "punct", "PUNCT", ",", "O"), ("visiting", 1, "acl", "VERB", "visit", "O"),
    ("Lima", 3, "dobj", "PROPN", "Lima", "B-GPE"), (",", 1, "punct", "PUNCT", ",", "O"),
    ("held", 6, "ROOT", "VERB", "hold", "O"), ("talks", 6, "dobj", "NOUN", "talk", "O"),
    ("with", 7, "prep", "ADP", "with", "O"), ("Omar", 10, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 8, "pobj", "PROPN", "Haddad", "I-PERSON"), ("on", 6, "prep", "ADP", "on", "O"),
    ("Monday", 11, "pobj", "PROPN", "Monday", "B-DATE"), (".", 6, "punct", "PUNCT", ".", "O"),
]


def test_meetings_one_visiting_a_city_meets_there():
    assert _places(VISITING_MET) == [(["Ana Silva", "Omar Haddad"], "Lima", "2030-06-10", "occurred", "talks")]


def test_meetings_a_city_visited_by_another_is_not_where_the_subject_meets():
    # "Ana Silva , visited in Lima , held talks ...": a past participle says what befell her, no visit of hers
    rows = list(VISITING_MET)
    rows[3] = ("visited", 1, "acl", "VERB", "visit", "O")
    rows[4] = ("Lima", 3, "npadvmod", "PROPN", "Lima", "B-GPE")
    assert _places(rows) == [(["Ana Silva", "Omar Haddad"], None, "2030-06-10", "occurred", "talks")]


# "Ana Silva welcomed Omar Haddad 's decision to resume the talks ." as the small model parses it
WELCOMED_DECISION = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("welcomed", 2, "ROOT", "VERB", "welcome", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 6, "poss", "PROPN", "Haddad", "I-PERSON"), ("'s", 4, "case", "PART", "'s", "O"),
    ("decision", 2, "dobj", "NOUN", "decision", "O"), ("to", 8, "aux", "PART", "to", "O"),
    ("resume", 6, "acl", "VERB", "resume", "O"), ("the", 10, "det", "DET", "the", "O"),
    ("talks", 8, "dobj", "NOUN", "talk", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_welcoming_someones_decision_to_resume_talks_is_no_talks_with_them():
    assert _places(WELCOMED_DECISION) == []


def test_meetings_welcoming_someones_announcement_is_no_reception():
    # "Ana Silva welcomed Omar Haddad 's announcement on Monday ."
    rows = WELCOMED_DECISION[:6] + [("announcement", 2, "dobj", "NOUN", "announcement", "O"),
                                    ("on", 6, "prep", "ADP", "on", "O"), ("Monday", 7, "pobj", "PROPN", "Monday", "B-DATE"),
                                    (".", 2, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


def test_meetings_welcoming_someone_is_still_a_reception():
    # "Ana Silva welcomed Omar Haddad on Monday ."
    rows = WELCOMED_DECISION[:4] + [("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"),
                                    ("on", 2, "prep", "ADP", "on", "O"), ("Monday", 5, "pobj", "PROPN", "Monday", "B-DATE"),
                                    (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


def test_meetings_accepting_someones_invitation_to_visit_is_a_visit_of_the_one_invited():
    # "Ana Silva accepted Omar Haddad 's invitation to visit Peru ."
    rows = WELCOMED_DECISION[:2] + [("accepted", 2, "ROOT", "VERB", "accept", "O")] + WELCOMED_DECISION[3:6] + [
        ("invitation", 2, "dobj", "NOUN", "invitation", "O"), ("to", 8, "aux", "PART", "to", "O"),
        ("visit", 6, "acl", "VERB", "visit", "O"), ("Peru", 8, "dobj", "PROPN", "Peru", "B-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Peru"]]


# "The two ministers , Ana Silva of Peru and Omar Haddad of Chile , met in Lima on Monday ." as
# the small model parses it: Haddad a conjunct of Silva's "of Peru"
TWO_OF_EACH = [
    ("The", 2, "det", "DET", "the", "O"), ("two", 2, "nummod", "NUM", "two", "B-CARDINAL"),
    ("ministers", 14, "nsubj", "NOUN", "minister", "O"), (",", 2, "punct", "PUNCT", ",", "O"),
    ("Ana", 5, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "appos", "PROPN", "Silva", "I-PERSON"),
    ("of", 5, "prep", "ADP", "of", "O"), ("Peru", 6, "pobj", "PROPN", "Peru", "B-GPE"),
    ("and", 7, "cc", "CCONJ", "and", "O"), ("Omar", 10, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 7, "conj", "PROPN", "Haddad", "I-PERSON"), ("of", 10, "prep", "ADP", "of", "O"),
    ("Chile", 11, "pobj", "PROPN", "Chile", "B-GPE"), (",", 2, "punct", "PUNCT", ",", "O"),
    ("met", 14, "ROOT", "VERB", "meet", "O"), ("in", 14, "prep", "ADP", "in", "O"),
    ("Lima", 15, "pobj", "PROPN", "Lima", "B-GPE"), ("on", 14, "prep", "ADP", "on", "O"),
    ("Monday", 17, "pobj", "PROPN", "Monday", "B-DATE"), (".", 14, "punct", "PUNCT", ".", "O"),
]
# "The foreign ministers of Peru and Chile , Ana Silva and Omar Haddad , met in Lima on Monday ."
# as the small model parses it: the names conjuncts of "Peru"
MINISTERS_OF_NAMED = [
    ("The", 2, "det", "DET", "the", "O"), ("foreign", 2, "amod", "ADJ", "foreign", "O"),
    ("ministers", 14, "nsubj", "NOUN", "minister", "O"), ("of", 2, "prep", "ADP", "of", "O"),
    ("Peru", 3, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 4, "cc", "CCONJ", "and", "O"),
    ("Chile", 4, "conj", "PROPN", "Chile", "B-GPE"), (",", 4, "punct", "PUNCT", ",", "O"),
    ("Ana", 9, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 4, "conj", "PROPN", "Silva", "I-PERSON"),
    ("and", 9, "cc", "CCONJ", "and", "O"), ("Omar", 12, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 9, "conj", "PROPN", "Haddad", "I-PERSON"), (",", 2, "punct", "PUNCT", ",", "O"),
    ("met", 14, "ROOT", "VERB", "meet", "O"), ("in", 14, "prep", "ADP", "in", "O"),
    ("Lima", 15, "pobj", "PROPN", "Lima", "B-GPE"), ("on", 14, "prep", "ADP", "on", "O"),
    ("Monday", 17, "pobj", "PROPN", "Monday", "B-DATE"), (".", 14, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_person_coordinated_into_anothers_of_phrase_is_a_second_party():
    assert [m[0] for m in _places(TWO_OF_EACH)] == [["Ana Silva", "Omar Haddad"]]


def test_meetings_a_country_coordinated_into_a_persons_of_phrase_is_no_party():
    # "Ana Silva met Omar Haddad of Peru and Chile ." (the countries his): one meeting, two people
    rows = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
            ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
            ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("of", 4, "prep", "ADP", "of", "O"),
            ("Peru", 5, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 6, "cc", "CCONJ", "and", "O"),
            ("Chile", 6, "conj", "PROPN", "Chile", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


def test_meetings_ministers_of_two_countries_named_after_a_comma_are_the_two_people():
    assert [m[0] for m in _places(MINISTERS_OF_NAMED)] == [["Ana Silva", "Omar Haddad"]]


def test_meetings_ministers_of_two_countries_with_no_names_are_the_countries():
    # "The foreign ministers of Peru and Chile met in Lima on Monday ."
    rows = MINISTERS_OF_NAMED[:7] + [(w, h - 7 if h > 7 else h, d, p, l, e) for w, h, d, p, l, e in MINISTERS_OF_NAMED[14:]]
    rows[2] = ("ministers", 7, "nsubj", "NOUN", "minister", "O")
    assert [m[0] for m in _places(rows)] == [["Chile", "Peru"]]


def test_meetings_ministers_named_as_their_own_conjuncts_after_a_comma_are_the_two_people():
    # the same sentence parsed as the small model does another time: the names conjuncts of "ministers"
    rows = list(MINISTERS_OF_NAMED)
    rows[9] = ("Silva", 2, "conj", "PROPN", "Silva", "I-PERSON")
    rows[7] = (",", 2, "punct", "PUNCT", ",", "O")
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


# "Ana Silva met with a delegation of the Andean Council led by its chair , Jorge Blanco ." as the
# small model parses it in a longer sentence: Blanco a second object of "with"
DELEGATION_LED_BY = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("a", 5, "det", "DET", "a", "O"), ("delegation", 3, "pobj", "NOUN", "delegation", "O"),
    ("of", 5, "prep", "ADP", "of", "O"), ("the", 9, "det", "DET", "the", "B-ORG"),
    ("Andean", 9, "compound", "PROPN", "Andean", "I-ORG"), ("Council", 6, "pobj", "PROPN", "Council", "I-ORG"),
    ("led", 5, "acl", "VERB", "lead", "O"), ("by", 10, "agent", "ADP", "by", "O"),
    ("its", 13, "poss", "PRON", "its", "O"), ("chair", 11, "pobj", "NOUN", "chair", "O"),
    (",", 3, "punct", "PUNCT", ",", "O"), ("Jorge", 16, "compound", "PROPN", "Jorge", "B-PERSON"),
    ("Blanco", 3, "pobj", "PROPN", "Blanco", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_delegation_and_its_named_leader_under_one_with_are_one_party():
    assert [m[0] for m in _places(DELEGATION_LED_BY)] == [["Ana Silva", "Jorge Blanco"]]


def test_meetings_a_delegation_with_no_leader_named_is_its_body():
    # "Ana Silva met with a delegation of the Andean Council ."
    rows = DELEGATION_LED_BY[:10] + [(".", 2, "punct", "PUNCT", ".", "O")]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Andean Council"]]


# "On Monday , commencing at 10:00 a.m. , Ana Silva held a meeting with Omar Haddad ." with
# "On Monday" hung off the participle, as the small model parses it in a longer readout
COMMENCING = [
    ("On", 3, "prep", "ADP", "on", "O"), ("Monday", 0, "pobj", "PROPN", "Monday", "B-DATE"),
    (",", 10, "punct", "PUNCT", ",", "O"), ("commencing", 10, "advcl", "VERB", "commence", "O"),
    ("at", 3, "prep", "ADP", "at", "O"), ("10:00", 6, "nummod", "NUM", "10:00", "B-TIME"),
    ("a.m.", 4, "pobj", "NOUN", "a.m.", "I-TIME"), (",", 10, "punct", "PUNCT", ",", "O"),
    ("Ana", 9, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 10, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("held", 10, "ROOT", "VERB", "hold", "O"), ("a", 12, "det", "DET", "a", "O"),
    ("meeting", 10, "dobj", "NOUN", "meeting", "O"), ("with", 12, "prep", "ADP", "with", "O"),
    ("Omar", 15, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 13, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 10, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_participle_of_the_meetings_own_timing_dates_it():
    assert [m[2] for m in _places(COMMENCING)] == ["2030-06-10"]


def test_meetings_a_participle_of_another_act_keeps_its_date_to_itself():
    # "On Monday , returning at 10:00 a.m. , Ana Silva held a meeting with Omar Haddad ."
    rows = list(COMMENCING)
    rows[3] = ("returning", 10, "advcl", "VERB", "return", "O")
    assert [m[2] for m in _places(rows)] == [None]


# "A meeting of the ministers of Peru and Chile took place in Lima on Monday ." as the small
# model parses it
MEETING_OF_MINISTERS = [
    ("A", 1, "det", "DET", "a", "O"), ("meeting", 9, "nsubj", "NOUN", "meeting", "O"),
    ("of", 1, "prep", "ADP", "of", "O"), ("the", 4, "det", "DET", "the", "O"),
    ("ministers", 2, "pobj", "NOUN", "minister", "O"), ("of", 4, "prep", "ADP", "of", "O"),
    ("Peru", 5, "pobj", "PROPN", "Peru", "B-GPE"), ("and", 6, "cc", "CCONJ", "and", "O"),
    ("Chile", 6, "conj", "PROPN", "Chile", "B-GPE"), ("took", 9, "ROOT", "VERB", "take", "O"),
    ("place", 9, "dobj", "NOUN", "place", "O"), ("in", 9, "prep", "ADP", "in", "O"),
    ("Lima", 11, "pobj", "PROPN", "Lima", "B-GPE"), ("on", 9, "prep", "ADP", "on", "O"),
    ("Monday", 13, "pobj", "PROPN", "Monday", "B-DATE"), (".", 9, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_meeting_of_the_ministers_of_two_countries_is_theirs():
    assert _places(MEETING_OF_MINISTERS) == [(["Chile", "Peru"], "Lima", "2030-06-10", "occurred", "meet")]


def test_meetings_a_meeting_of_the_peru_chile_commission_is_the_two_sides():
    # "A meeting of the Peru Chile commission took place in Lima on Monday ."
    rows = MEETING_OF_MINISTERS[:4] + [("Peru", 5, "compound", "PROPN", "Peru", "B-GPE"),
                                       ("Chile", 6, "compound", "PROPN", "Chile", "B-GPE"),
                                       ("commission", 2, "pobj", "NOUN", "commission", "O")] + [
        (w, h - 2 if h > 8 else h, d, p, l, e) for w, h, d, p, l, e in MEETING_OF_MINISTERS[9:]]
    rows[1] = ("meeting", 7, "nsubj", "NOUN", "meeting", "O")
    assert [m[0] for m in _places(rows)] == [["Chile", "Peru"]]


def test_meetings_a_meeting_of_one_body_names_no_sides():
    # "A meeting of the working group took place in Lima on Monday ."
    rows = MEETING_OF_MINISTERS[:4] + [("working", 5, "amod", "NOUN", "working", "O"),
                                       ("group", 2, "pobj", "NOUN", "group", "O")] + [
        (w, h - 3 if h > 8 else h, d, p, l, e) for w, h, d, p, l, e in MEETING_OF_MINISTERS[9:]]
    rows[1] = ("meeting", 6, "nsubj", "NOUN", "meeting", "O")
    assert _places(rows) == []


# "Andean Council leaders opened a summit in Lima on Monday . Ana Silva told the leaders that
# trade mattered ." as the small model parses it
TOLD_THE_LEADERS = [
    ("Andean", 1, "compound", "PROPN", "Andean", "B-ORG"), ("Council", 2, "compound", "PROPN", "Council", "I-ORG"),
    ("leaders", 3, "nsubj", "NOUN", "leader", "O"), ("opened", 3, "ROOT", "VERB", "open", "O"),
    ("a", 5, "det", "DET", "a", "O"), ("summit", 3, "dobj", "NOUN", "summit", "O"),
    ("in", 5, "prep", "ADP", "in", "O"), ("Lima", 6, "pobj", "PROPN", "Lima", "B-GPE"),
    ("on", 3, "prep", "ADP", "on", "O"), ("Monday", 8, "pobj", "PROPN", "Monday", "B-DATE"),
    (".", 3, "punct", "PUNCT", ".", "O"), ("Ana", 12, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 13, "nsubj", "PROPN", "Silva", "I-PERSON"), ("told", 13, "ROOT", "VERB", "tell", "O"),
    ("the", 15, "det", "DET", "the", "O"), ("leaders", 13, "dobj", "NOUN", "leader", "O"),
    ("that", 18, "mark", "SCONJ", "that", "O"), ("trade", 18, "nsubj", "NOUN", "trade", "O"),
    ("mattered", 13, "ccomp", "VERB", "matter", "O"), (".", 13, "punct", "PUNCT", ".", "O"),
]


def test_meetings_one_who_tells_the_leaders_of_a_summit_just_reported_takes_part_in_it():
    assert _places(TOLD_THE_LEADERS) == [(["Ana Silva", "Andean Council"], "Lima", "2030-06-10", "occurred", "summit")]


def test_meetings_one_who_tells_her_own_ministers_takes_no_part_in_the_summit():
    # "... . Ana Silva told her ministers that trade mattered ."
    rows = list(TOLD_THE_LEADERS)
    rows[14] = ("her", 15, "poss", "PRON", "her", "O")
    rows[15] = ("ministers", 13, "dobj", "NOUN", "minister", "O")
    assert _places(rows) == []


# "Ana Silva and Omar Haddad discussed their respective visits , to Kenya by Silva and to Ghana
# by Haddad ." as the small model parses it: the phrases hung off the verb
RESPECTIVE_VISITS = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 5, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("and", 1, "cc", "CCONJ", "and", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 1, "conj", "PROPN", "Haddad", "I-PERSON"), ("discussed", 5, "ROOT", "VERB", "discuss", "O"),
    ("their", 8, "poss", "PRON", "their", "O"), ("respective", 8, "amod", "ADJ", "respective", "O"),
    ("visits", 5, "dobj", "NOUN", "visit", "O"), (",", 5, "punct", "PUNCT", ",", "O"),
    ("to", 5, "prep", "ADP", "to", "O"), ("Kenya", 10, "pobj", "PROPN", "Kenya", "B-GPE"),
    ("by", 5, "prep", "ADP", "by", "O"), ("Silva", 12, "pobj", "PROPN", "Silva", "B-PERSON"),
    ("and", 12, "cc", "CCONJ", "and", "O"), ("to", 12, "conj", "ADP", "to", "O"),
    ("Ghana", 15, "pobj", "PROPN", "Ghana", "B-GPE"), ("by", 5, "prep", "ADP", "by", "O"),
    ("Haddad", 17, "pobj", "PROPN", "Haddad", "B-PERSON"), (".", 5, "punct", "PUNCT", ".", "O"),
]


def test_meetings_respective_visits_pair_each_visitor_with_a_place_in_order():
    assert [(m[0], m[4]) for m in _places(RESPECTIVE_VISITS)] == [
        (["Ana Silva", "Kenya"], "visit"), (["Ghana", "Omar Haddad"], "visit")]


def test_meetings_respective_visits_are_never_an_encounter_of_the_two():
    # "Ana Silva and Omar Haddad discussed their respective visits ."
    rows = RESPECTIVE_VISITS[:9] + [(".", 5, "punct", "PUNCT", ".", "O")]
    assert _places(rows) == []


# "Building on the summit on Monday , Ana Silva and Omar Haddad agreed to deepen ties ." as the
# small model parses it
BUILDING_ON = [
    ("Building", 12, "advcl", "VERB", "build", "O"), ("on", 0, "prep", "ADP", "on", "O"),
    ("the", 3, "det", "DET", "the", "O"), ("summit", 1, "pobj", "NOUN", "summit", "O"),
    ("on", 3, "prep", "ADP", "on", "O"), ("Monday", 4, "pobj", "PROPN", "Monday", "B-DATE"),
    (",", 12, "punct", "PUNCT", ",", "O"), ("Ana", 8, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Silva", 12, "nsubj", "PROPN", "Silva", "I-PERSON"), ("and", 8, "cc", "CCONJ", "and", "O"),
    ("Omar", 11, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 8, "conj", "PROPN", "Haddad", "I-PERSON"),
    ("agreed", 12, "ROOT", "VERB", "agree", "O"), ("to", 14, "aux", "PART", "to", "O"),
    ("deepen", 12, "xcomp", "VERB", "deepen", "O"), ("ties", 14, "dobj", "NOUN", "tie", "O"),
    (".", 12, "punct", "PUNCT", ".", "O"),
]


def test_meetings_building_on_a_summit_is_no_part_in_it():
    assert _places(BUILDING_ON) == []


def test_meetings_speaking_at_a_summit_is_a_part_in_it():
    # "Speaking at the summit on Monday , Ana Silva and Omar Haddad agreed to deepen ties ."
    rows = [("Speaking", 12, "advcl", "VERB", "speak", "O"), ("at", 0, "prep", "ADP", "at", "O")] + BUILDING_ON[2:]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Omar Haddad"]]


# "Peru held talks with Chile on Monday . Peruvian Minister Ana Silva led the talks with Omar
# Haddad ." as the small model parses it: "the talks" are Monday's
TALKS_LED_BY = [
    ("Peru", 1, "nsubj", "PROPN", "Peru", "B-GPE"), ("held", 1, "ROOT", "VERB", "hold", "O"),
    ("talks", 1, "dobj", "NOUN", "talk", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("Chile", 3, "pobj", "PROPN", "Chile", "B-GPE"), ("on", 1, "prep", "ADP", "on", "O"),
    ("Monday", 5, "pobj", "PROPN", "Monday", "B-DATE"), (".", 1, "punct", "PUNCT", ".", "O"),
    ("Peruvian", 9, "amod", "ADJ", "peruvian", "B-NORP"), ("Minister", 11, "compound", "PROPN", "Minister", "O"),
    ("Ana", 11, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 12, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("led", 12, "ROOT", "VERB", "lead", "O"), ("the", 14, "det", "DET", "the", "O"),
    ("talks", 12, "dobj", "NOUN", "talk", "O"), ("with", 14, "prep", "ADP", "with", "O"),
    ("Omar", 17, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 15, "pobj", "PROPN", "Haddad", "I-PERSON"),
    (".", 12, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_country_whose_own_minister_is_a_party_is_no_party_beside_her():
    assert [m[0] for m in _places(TALKS_LED_BY)] == [["Ana Silva", "Chile", "Omar Haddad"]]


def test_meetings_a_country_whose_minister_is_not_named_stays_a_party():
    # "... . Minister Ana Silva led the talks with Omar Haddad ." (no country said for her)
    rows = TALKS_LED_BY[:8] + [("Minister", 10, "compound", "PROPN", "Minister", "O")] + [
        (w, h - 1, d, p, l, e) for w, h, d, p, l, e in TALKS_LED_BY[10:]]
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "Chile", "Omar Haddad", "Peru"]]


# "Ana Silva attended the AU Summit in Addis Ababa ." with NER's one ORG for the summit
AU_SUMMIT = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("attended", 2, "ROOT", "VERB", "attend", "O"), ("the", 5, "det", "DET", "the", "B-ORG"),
    ("AU", 5, "compound", "PROPN", "AU", "I-ORG"), ("Summit", 2, "dobj", "PROPN", "Summit", "I-ORG"),
    ("in", 5, "prep", "ADP", "in", "O"), ("Addis", 8, "compound", "PROPN", "Addis", "B-GPE"),
    ("Ababa", 6, "pobj", "PROPN", "Ababa", "I-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_meetings_a_listed_bodys_summit_is_the_body_at_its_summit():
    from handbuilt import extract_rows

    _extraction, names = extract_rows(AU_SUMMIT)
    assert [m[0] for m in _places(AU_SUMMIT)] == [["African Union", "Ana Silva"]]
    assert "AU Summit" not in names.values()


def test_meetings_a_summit_that_is_a_body_of_its_own_keeps_its_name():
    # "Ana Silva attended the East Asia Summit in Addis Ababa ."
    rows = AU_SUMMIT[:4] + [("East", 5, "compound", "PROPN", "East", "I-ORG"), ("Asia", 6, "compound", "PROPN", "Asia", "I-ORG")] + [
        (w, h + 1 if h >= 5 else h, d, p, l, e) for w, h, d, p, l, e in AU_SUMMIT[5:]]
    rows[2] = ("attended", 2, "ROOT", "VERB", "attend", "O")
    rows[3] = ("the", 6, "det", "DET", "the", "B-ORG")
    assert [m[0] for m in _places(rows)] == [["Ana Silva", "East Asia Summit"]]
