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
