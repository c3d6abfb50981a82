"""Statement rules on parses built by hand (no model): who said what, and what kind of act.

Rows are (word, head, dep, pos, lemma, ent) as in ``test_rules``; every sentence is
invented. Each rule has a sentence where it applies and one where it must not.
"""
from __future__ import annotations

import pytest

from test_rules import parse


def statements(rows):
    extraction, names = parse(rows)
    return sorted((names[e.speaker], e.subtype) for e in extraction.events if e.type == "statement")


def _two_people(verb: str, lemma: str, obj: list) -> list:
    """ "Ana Silva and Omar Haddad VERB <obj> ." with the object's rows headed by the verb (5)."""
    return [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 5, "nsubj", "PROPN", "Silva", "I-PERSON"),
            ("and", 1, "cc", "CCONJ", "and", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
            ("Haddad", 1, "conj", "PROPN", "Haddad", "I-PERSON"), (verb, 5, "ROOT", "VERB", lemma, "O"),
            *obj, (".", 5, "punct", "PUNCT", ".", "O")]


THE_PLAN = [("the", 7, "det", "DET", "the", "O"), ("plan", 5, "dobj", "NOUN", "plan", "O")]


@pytest.mark.parametrize(("verb", "lemma", "expected"), [
    ("reaffirmed", "reaffirm", "agree"),      # a position both sides share: an agreement each
    ("condemned", "condemn", "criticize"),    # an act of its own kind: one each
    ("noted", "note", None),                  # a joint remark is no one's statement
    ("discussed", "discuss", None),           # talking something over is not a statement
])
def test_statements_joint_subjects(verb, lemma, expected):
    found = statements(_two_people(verb, lemma, THE_PLAN))
    assert found == ([] if expected is None else [("Ana Silva", expected), ("Omar Haddad", expected)])


# "Ana Silva said that Morocco welcomes the plan ."
NESTED = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("said", 2, "ROOT", "VERB", "say", "O"), ("that", 5, "mark", "SCONJ", "that", "O"),
    ("Morocco", 5, "nsubj", "PROPN", "Morocco", "B-GPE"), ("welcomes", 2, "ccomp", "VERB", "welcome", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("plan", 5, "dobj", "NOUN", "plan", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Ana Silva said that Omar Haddad welcomed the plan ."
NESTED_PERSON = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("said", 2, "ROOT", "VERB", "say", "O"), ("that", 6, "mark", "SCONJ", "that", "O"),
    ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 6, "nsubj", "PROPN", "Haddad", "I-PERSON"),
    ("welcomed", 2, "ccomp", "VERB", "welcome", "O"), ("the", 8, "det", "DET", "the", "O"),
    ("plan", 6, "dobj", "NOUN", "plan", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_country_inside_its_speakers_words_does_not_speak():
    assert statements(NESTED) == [("Ana Silva", "support")]


def test_statements_a_person_reported_by_another_speaks():
    assert statements(NESTED_PERSON) == [("Ana Silva", "support"), ("Omar Haddad", "support")]


# "Ana Silva will travel to Rabat to reaffirm support ."
PURPOSE = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("will", 3, "aux", "AUX", "will", "O"), ("travel", 3, "ROOT", "VERB", "travel", "O"),
    ("to", 3, "prep", "ADP", "to", "O"), ("Rabat", 4, "pobj", "PROPN", "Rabat", "B-GPE"),
    ("to", 7, "aux", "PART", "to", "O"), ("reaffirm", 3, "advcl", "VERB", "reaffirm", "O"),
    ("support", 7, "dobj", "NOUN", "support", "O"), (".", 3, "punct", "PUNCT", ".", "O"),
]
# "Ana Silva spoke with Omar Haddad to underscore support for Morocco ."
SPOKE_TO = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("spoke", 2, "ROOT", "VERB", "speak", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"),
    ("to", 7, "aux", "PART", "to", "O"), ("underscore", 2, "advcl", "VERB", "underscore", "O"),
    ("support", 7, "dobj", "NOUN", "support", "O"), ("for", 8, "prep", "ADP", "for", "O"),
    ("Morocco", 9, "pobj", "PROPN", "Morocco", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_statements_the_purpose_of_a_trip_is_not_a_statement():
    assert statements(PURPOSE) == []


def test_statements_what_a_call_was_for_is_what_it_said():
    assert statements(SPOKE_TO) == [("Ana Silva", "support")]


# "Ana Silva asked Morocco to release the prisoners ."
ASK = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("asked", 2, "ROOT", "VERB", "ask", "O"), ("Morocco", 2, "dobj", "PROPN", "Morocco", "B-GPE"),
    ("to", 5, "aux", "PART", "to", "O"), ("release", 2, "xcomp", "VERB", "release", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("prisoners", 5, "dobj", "NOUN", "prisoner", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_statements_asking_someone_to_act_is_a_demand():
    assert statements(ASK) == [("Ana Silva", "demand")]


def test_statements_asking_a_question_is_no_statement():
    # "Ana Silva asked questions ."
    rows = ASK[:3] + [("questions", 2, "dobj", "NOUN", "question", "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert statements(rows) == []


# "Omar Haddad thanked Morocco for the statements of support by Chile ."
BY = [
    ("Omar", 1, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 2, "nsubj", "PROPN", "Haddad", "I-PERSON"),
    ("thanked", 2, "ROOT", "VERB", "thank", "O"), ("Morocco", 2, "dobj", "PROPN", "Morocco", "B-GPE"),
    ("for", 2, "prep", "ADP", "for", "O"), ("the", 6, "det", "DET", "the", "O"),
    ("statements", 4, "pobj", "NOUN", "statement", "O"), ("of", 6, "prep", "ADP", "of", "O"),
    ("support", 7, "pobj", "NOUN", "support", "O"), ("by", 6, "prep", "ADP", "by", "O"),
    ("Chile", 9, "pobj", "PROPN", "Chile", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_statement_by_someone_is_theirs():
    assert statements(BY) == [("Chile", "support"), ("Omar Haddad", "support")]


def test_statements_a_statement_by_no_one_named_is_no_ones():
    # "... for the statements of support by officials ."
    rows = BY[:10] + [("officials", 9, "pobj", "NOUN", "official", "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert statements(rows) == [("Omar Haddad", "support")]


def _silva(verb: str, lemma: str, rest: list) -> list:
    """ "Ana Silva VERB <rest> ." with the rest's rows headed by the verb (2)."""
    return [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
            (verb, 2, "ROOT", "VERB", lemma, "O"), *rest, (".", 2, "punct", "PUNCT", ".", "O")]


@pytest.mark.parametrize(("verb", "lemma", "rest", "kind"), [
    # "warned Morocco not to escalate": a demand
    ("warned", "warn", [("Morocco", 2, "dobj", "PROPN", "Morocco", "B-GPE"), ("not", 6, "neg", "PART", "not", "O"),
                        ("to", 6, "aux", "PART", "to", "O"), ("escalate", 2, "xcomp", "VERB", "escalate", "O")], "demand"),
    # "warned against escalation": a criticism
    ("warned", "warn", [("against", 2, "prep", "ADP", "against", "O"),
                        ("escalation", 3, "pobj", "NOUN", "escalation", "O")], "criticize"),
    # "warned that talks would resume": neither
    ("warned", "warn", [("that", 6, "mark", "SCONJ", "that", "O"), ("talks", 6, "nsubj", "NOUN", "talk", "O"),
                        ("would", 6, "aux", "AUX", "would", "O"), ("resume", 2, "ccomp", "VERB", "resume", "O")],
     "statement"),
    # "dismissed reports of a rift": a denial
    ("dismissed", "dismiss", [("reports", 2, "dobj", "NOUN", "report", "O"), ("of", 3, "prep", "ADP", "of", "O"),
                              ("a", 6, "det", "DET", "a", "O"), ("rift", 4, "pobj", "NOUN", "rift", "O")], "deny"),
    # "dismissed the plan": a rejection
    ("dismissed", "dismiss", [("the", 4, "det", "DET", "the", "O"), ("plan", 2, "dobj", "NOUN", "plan", "O")], "reject"),
    # "disputed the figures": a rejection
    ("disputed", "dispute", [("the", 4, "det", "DET", "the", "O"), ("figures", 2, "dobj", "NOUN", "figure", "O")],
     "reject"),
    # "expressed condolences": support
    ("expressed", "express", [("condolences", 2, "dobj", "NOUN", "condolence", "O")], "support"),
    # "expressed interest": a plain statement
    ("expressed", "express", [("interest", 2, "dobj", "NOUN", "interest", "O")], "statement"),
    # "called the invasion unlawful": a criticism
    ("described", "describe", [("the", 4, "det", "DET", "the", "O"), ("invasion", 2, "dobj", "NOUN", "invasion", "O"),
                               ("as", 2, "prep", "ADP", "as", "O"), ("unlawful", 5, "pobj", "ADJ", "unlawful", "O")],
     "criticize"),
])
def test_statements_kind(verb, lemma, rest, kind):
    assert statements(_silva(verb, lemma, rest)) == [("Ana Silva", kind)]


def test_statements_the_two_ministers_after_their_meeting_are_its_participants():
    # "Ana Silva met Omar Haddad . The two Ministers condemned the attack ." ("two" is a
    # CARDINAL entity and "Ministers" a capitalised plural proper noun, as spaCy reads them)
    from spacy.tokens import Doc

    from kg.extraction import extract_doc
    from kg.model import Document
    from test_rules import VOCAB

    rows = [("Ana", 1, "compound", "PROPN", "NNP", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "NNP", "Silva", "I-PERSON"),
            ("met", 2, "ROOT", "VERB", "VBD", "meet", "O"), ("Omar", 4, "compound", "PROPN", "NNP", "Omar", "B-PERSON"),
            ("Haddad", 2, "dobj", "PROPN", "NNP", "Haddad", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", ".", "O"),
            ("The", 8, "det", "DET", "DT", "the", "O"), ("two", 8, "nummod", "NUM", "CD", "two", "B-CARDINAL"),
            ("Ministers", 9, "nsubj", "PROPN", "NNPS", "Ministers", "O"),
            ("condemned", 9, "ROOT", "VERB", "VBD", "condemn", "O"), ("the", 11, "det", "DET", "DT", "the", "O"),
            ("attack", 9, "dobj", "NOUN", "NN", "attack", "O"), (".", 9, "punct", "PUNCT", ".", ".", "O")]
    doc = Doc(VOCAB, words=[r[0] for r in rows], spaces=[i + 1 < len(rows) and rows[i + 1][0] != "." for i in range(len(rows))],
              heads=[r[1] for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows], tags=[r[4] for r in rows],
              lemmas=[r[5] for r in rows], ents=[r[6] for r in rows])
    extraction = extract_doc(doc, Document(id="t", text=doc.text, published="2030-06-12"))
    names = {e.id: e.name for e in extraction.entities}
    assert sorted((names[e.speaker], e.subtype) for e in extraction.events if e.type == "statement") == [
        ("Ana Silva", "criticize"), ("Omar Haddad", "criticize")]


# "Ana Silva described plans for supporting Morocco ."
TOPIC = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("described", 2, "ROOT", "VERB", "describe", "O"), ("plans", 2, "dobj", "NOUN", "plan", "O"),
    ("for", 3, "prep", "ADP", "for", "O"), ("supporting", 4, "pcomp", "VERB", "support", "O"),
    ("Morocco", 5, "dobj", "PROPN", "Morocco", "B-GPE"), (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_gerund_in_a_phrase_is_a_topic():
    assert statements(TOPIC) == [("Ana Silva", "statement")]


def test_statements_a_gerund_as_the_verb_is_an_act():
    # "Ana Silva is supporting Morocco ."
    rows = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 3, "nsubj", "PROPN", "Silva", "I-PERSON"),
            ("is", 3, "aux", "AUX", "be", "O"), ("supporting", 3, "ROOT", "VERB", "support", "O"),
            ("Morocco", 3, "dobj", "PROPN", "Morocco", "B-GPE"), (".", 3, "punct", "PUNCT", ".", "O")]
    assert statements(rows) == [("Ana Silva", "support")]


# "The Council is expected to discuss the plan ."
EXPECTED_TO_DISCUSS = [
    ("The", 1, "det", "DET", "the", "O"), ("Council", 3, "nsubjpass", "PROPN", "Council", "B-ORG"),
    ("is", 3, "auxpass", "AUX", "be", "O"), ("expected", 3, "ROOT", "VERB", "expect", "O"),
    ("to", 5, "aux", "PART", "to", "O"), ("discuss", 3, "xcomp", "VERB", "discuss", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("plan", 5, "dobj", "NOUN", "plan", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_discussion_ahead_is_an_agenda_not_a_statement():
    assert statements(EXPECTED_TO_DISCUSS) == []


def test_statements_a_discussion_held_is_a_statement():
    # "The Council discussed the plan ."
    rows = [("The", 1, "det", "DET", "the", "O"), ("Council", 2, "nsubj", "PROPN", "Council", "B-ORG"),
            ("discussed", 2, "ROOT", "VERB", "discuss", "O"), ("the", 4, "det", "DET", "the", "O"),
            ("plan", 2, "dobj", "NOUN", "plan", "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert statements(rows) == [("Council", "statement")]


# "Ana Silva briefed Omar Haddad on the plan ."
BRIEFED = [
    ("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
    ("briefed", 2, "ROOT", "VERB", "brief", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("on", 2, "prep", "ADP", "on", "O"),
    ("the", 7, "det", "DET", "the", "O"), ("plan", 5, "pobj", "NOUN", "plan", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def _contents(rows):
    extraction, names = parse(rows)
    return [(names[e.speaker], e.content) for e in extraction.events if e.type == "statement"]


def test_statements_whom_a_briefing_is_given_to_is_not_what_was_said():
    assert _contents(BRIEFED) == [("Ana Silva", "on the plan")]
    # the phrase kept where the parse hangs it off the addressee
    rows = BRIEFED[:5] + [("on", 4, "prep", "ADP", "on", "O")] + BRIEFED[6:]
    assert _contents(rows) == [("Ana Silva", "on the plan")]


def test_statements_what_a_verb_governs_is_what_was_said():
    # "Ana Silva welcomed Omar Haddad on the plan ." : the object is part of what was said
    rows = BRIEFED[:2] + [("welcomed", 2, "ROOT", "VERB", "welcome", "O")] + BRIEFED[3:]
    assert _contents(rows) == [("Ana Silva", "Omar Haddad on the plan")]


def _quotes(rows):
    from handbuilt import extract_rows

    extraction, names = extract_rows(rows)
    return sorted((names[e.speaker], " ".join(e.quote.split())) for e in extraction.events
                  if e.type == "statement" and e.evidence.rule == "statements:transcript-turn")


# "Omar Haddad met Ana Vega .\n\nHADDAD : We agreed .\n\nThe talks went well .\n\nVEGA : Thank you ."
TWO_TURNS = [
    ("Omar", 1, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 2, "nsubj", "PROPN", "Haddad", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Ana", 4, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Vega", 2, "dobj", "PROPN", "Vega", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
    ("\n\n", 5, "dep", "SPACE", "\n\n", "O"),
    ("HADDAD", 10, "dep", "PROPN", "HADDAD", "B-PERSON"), (":", 10, "punct", "PUNCT", ":", "O"),
    ("We", 10, "nsubj", "PRON", "we", "O"), ("agreed", 10, "ROOT", "VERB", "agree", "O"),
    (".", 10, "punct", "PUNCT", ".", "O"), ("\n\n", 11, "dep", "SPACE", "\n\n", "O"),
    ("The", 14, "det", "DET", "the", "O"), ("talks", 15, "nsubj", "NOUN", "talks", "O"),
    ("went", 15, "ROOT", "VERB", "go", "O"), ("well", 15, "advmod", "ADV", "well", "O"),
    (".", 15, "punct", "PUNCT", ".", "O"), ("\n\n", 17, "dep", "SPACE", "\n\n", "O"),
    ("VEGA", 21, "dep", "PROPN", "VEGA", "B-PERSON"), (":", 21, "punct", "PUNCT", ":", "O"),
    ("Thank", 21, "ROOT", "VERB", "thank", "O"), ("you", 21, "dobj", "PRON", "you", "O"),
    (".", 21, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_turn_runs_over_its_paragraphs_up_to_the_next_label():
    assert _quotes(TWO_TURNS) == [("Ana Vega", "Thank you."), ("Omar Haddad", "We agreed. The talks went well.")]


def test_statements_a_turn_with_no_paragraph_after_it_is_its_line():
    # "... HADDAD : We agreed .\n\nVEGA : Thank you ." (the middle paragraph left out)
    rows = TWO_TURNS[:12] + [(w, h - 7, d, p, l, e) for w, h, d, p, l, e in TWO_TURNS[18:]]
    assert _quotes(rows) == [("Ana Vega", "Thank you."), ("Omar Haddad", "We agreed.")]


def _quoted(rows):
    from handbuilt import extract_rows

    extraction, names = extract_rows(rows)
    return sorted((names[e.speaker], " ".join(e.quote.strip(' ,."').split())) for e in extraction.events
                  if e.type == "statement" and e.quote)


# '" We agree . "\n\n" Trade grows , " Ana Vega said .' (a paragraph of a quote alone)
QUOTE_BEFORE = [
    ('"', 2, "punct", "PUNCT", '"', "O"), ("We", 2, "nsubj", "PRON", "we", "O"),
    ("agree", 2, "ROOT", "VERB", "agree", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
    ('"', 2, "punct", "PUNCT", '"', "O"), ("\n\n", 4, "dep", "SPACE", "\n\n", "O"),
    ('"', 13, "punct", "PUNCT", '"', "O"), ("Trade", 8, "nsubj", "NOUN", "trade", "O"),
    ("grows", 13, "ccomp", "VERB", "grow", "O"), (",", 13, "punct", "PUNCT", ",", "O"),
    ('"', 13, "punct", "PUNCT", '"', "O"), ("Ana", 12, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Vega", 13, "nsubj", "PROPN", "Vega", "I-PERSON"), ("said", 13, "ROOT", "VERB", "say", "O"),
    (".", 13, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_quote_paragraph_before_a_quote_its_speaker_closes_is_theirs():
    assert _quoted(QUOTE_BEFORE) == [("Ana Vega", "Trade grows"), ("Ana Vega", "We agree")]


def test_statements_a_quote_before_one_introduced_by_its_speaker_is_no_ones():
    # '" We agree . "\n\nAna Vega said , " Trade grows . "'
    rows = QUOTE_BEFORE[:6] + [
        ("Ana", 7, "compound", "PROPN", "Ana", "B-PERSON"), ("Vega", 8, "nsubj", "PROPN", "Vega", "I-PERSON"),
        ("said", 8, "ROOT", "VERB", "say", "O"), (",", 8, "punct", "PUNCT", ",", "O"),
        ('"', 8, "punct", "PUNCT", '"', "O"), ("Trade", 12, "nsubj", "NOUN", "trade", "O"),
        ("grows", 8, "ccomp", "VERB", "grow", "O"), (".", 8, "punct", "PUNCT", ".", "O"),
        ('"', 8, "punct", "PUNCT", '"', "O")]
    assert _quoted(rows) == [("Ana Vega", "Trade grows")]


# '" We agree , " Ana Vega said . " A historic day . " Omar Haddad said he disagreed .'
OTHER_SPEAKER = [
    ('"', 7, "punct", "PUNCT", '"', "O"), ("We", 2, "nsubj", "PRON", "we", "O"),
    ("agree", 7, "ccomp", "VERB", "agree", "O"), (",", 7, "punct", "PUNCT", ",", "O"),
    ('"', 7, "punct", "PUNCT", '"', "O"), ("Ana", 6, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Vega", 7, "nsubj", "PROPN", "Vega", "I-PERSON"), ("said", 7, "ROOT", "VERB", "say", "O"),
    (".", 7, "punct", "PUNCT", ".", "O"), ('"', 12, "punct", "PUNCT", '"', "O"),
    ("A", 12, "det", "DET", "a", "O"), ("historic", 12, "amod", "ADJ", "historic", "O"),
    ("day", 12, "ROOT", "NOUN", "day", "O"), (".", 12, "punct", "PUNCT", ".", "O"),
    ('"', 12, "punct", "PUNCT", '"', "O"), ("Omar", 16, "compound", "PROPN", "Omar", "B-PERSON"),
    ("Haddad", 17, "nsubj", "PROPN", "Haddad", "I-PERSON"), ("said", 17, "ROOT", "VERB", "say", "O"),
    ("he", 19, "nsubj", "PRON", "he", "O"), ("disagreed", 17, "ccomp", "VERB", "disagree", "O"),
    (".", 17, "punct", "PUNCT", ".", "O"),
]


def test_statements_a_quote_where_another_speaker_is_said_to_speak_is_not_the_previous_ones():
    assert _quoted(OTHER_SPEAKER) == [("Ana Vega", "We agree")]


def test_statements_a_quote_after_an_attributed_one_continues_it():
    # '" We agree , " Ana Vega said . " A historic day . "'
    assert _quoted(OTHER_SPEAKER[:15]) == [("Ana Vega", "A historic day"), ("Ana Vega", "We agree")]
