"""kg's rules on parses built by hand: no model is loaded, so a new model release cannot
break them. Each row is one sentence of kg's own with its tokens, heads, labels and
entities, and what an analyst reads in it.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extraction import extract_doc
from kg.model import Document

VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple[str, int, str, str, str, str]], *, published: str = "2030-06-12"):
    """Build a Doc from (word, head, dep, pos, lemma, ent) rows and extract from it."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", ",", "'s") for i in range(len(rows))]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], ents=[r[5] for r in rows])
    extraction = extract_doc(doc, Document(id="t", text=doc.text, published=published))
    names = {e.id: e.name for e in extraction.entities}
    return extraction, names


def meetings(extraction, names):
    return [({names[p] for p in e.participants}, names.get(e.location), e.date, e.status, e.subtype)
            for e in extraction.events if e.type == "meeting"]


# "Ana Silva met Omar Haddad in Rabat on Monday ."
MET = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
       ("met", 2, "ROOT", "VERB", "meet", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
       ("Haddad", 2, "dobj", "PROPN", "Haddad", "I-PERSON"), ("in", 2, "prep", "ADP", "in", "O"),
       ("Rabat", 5, "pobj", "PROPN", "Rabat", "B-GPE"), ("on", 2, "prep", "ADP", "on", "O"),
       ("Monday", 7, "pobj", "PROPN", "Monday", "B-DATE"), (".", 2, "punct", "PUNCT", ".", "O")]


def _with(rows, index, row):
    return rows[:index] + [row] + rows[index:]


def _shift(rows, at: int, by: int):
    """Heads of rows pointing at or after ``at`` move by ``by`` (after inserting tokens)."""
    return [(w, h + by if h >= at else h, d, p, l, e) for w, h, d, p, l, e in rows]


def test_rules_meeting_participants_place_date():
    found = meetings(*parse(MET))
    assert found == [({"Ana Silva", "Omar Haddad"}, "Rabat", "2030-06-10", "occurred", "meet")]


@pytest.mark.parametrize(("aux", "status"), [
    (("will", "AUX", "will", "aux"), "planned"),
    (("may", "AUX", "may", "aux"), "uncertain"),
])
def test_rules_meeting_modality(aux, status):
    word, pos, lemma, dep = aux
    rows = _shift(MET, 2, 1)
    rows = _with(rows, 2, (word, 3, dep, pos, lemma, "O"))
    rows[3] = ("meet", 3, "ROOT", "VERB", "meet", "O")
    assert [m[3] for m in meetings(*parse(rows))] == [status]


def test_rules_meeting_negated():
    rows = _shift(MET, 2, 2)
    rows = rows[:2] + [("did", 4, "aux", "AUX", "do", "O"), ("not", 4, "neg", "PART", "not", "O")] + rows[2:]
    rows[4] = ("meet", 4, "ROOT", "VERB", "meet", "O")
    assert [m[3] for m in meetings(*parse(rows))] == ["negated"]


def test_rules_no_meeting_with_one_participant():
    # "Ana Silva met reporters ."
    rows = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
            ("met", 2, "ROOT", "VERB", "meet", "O"), ("reporters", 2, "dobj", "NOUN", "reporter", "O"),
            (".", 2, "punct", "PUNCT", ".", "O")]
    assert meetings(*parse(rows)) == []


@pytest.mark.parametrize(("verb", "lemma", "kind"), [
    ("rejected", "reject", "reject"),
    ("welcomed", "welcome", "support"),
    ("condemned", "condemn", "criticize"),
    ("denied", "deny", "deny"),
    ("urged", "urge", "demand"),
])
def test_rules_statement_kind_from_verb(verb, lemma, kind):
    # "Ana Silva VERBED the plan ."
    rows = [("Ana", 1, "compound", "PROPN", "Ana", "B-PERSON"), ("Silva", 2, "nsubj", "PROPN", "Silva", "I-PERSON"),
            (verb, 2, "ROOT", "VERB", lemma, "O"), ("the", 4, "det", "DET", "the", "O"),
            ("plan", 2, "dobj", "NOUN", "plan", "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    extraction, names = parse(rows)
    assert [(names[e.speaker], e.subtype, e.content) for e in extraction.events if e.type == "statement"] == [
        ("Ana Silva", kind, "the plan")]


def test_rules_no_statement_without_a_named_speaker():
    rows = [("Officials", 1, "nsubj", "NOUN", "official", "O"), ("rejected", 1, "ROOT", "VERB", "reject", "O"),
            ("the", 3, "det", "DET", "the", "O"), ("plan", 1, "dobj", "NOUN", "plan", "O"),
            (".", 1, "punct", "PUNCT", ".", "O")]
    extraction, _ = parse(rows)
    assert [e for e in extraction.events if e.type == "statement"] == []


@pytest.mark.parametrize(("former", "current"), [(True, False), (False, True)])
def test_rules_affiliation_from_premodifiers(former, current):
    # "[Former] Moroccan Foreign Minister Omar Haddad spoke ."
    rows = [("Moroccan", 3, "amod", "ADJ", "moroccan", "B-NORP"), ("Foreign", 2, "compound", "PROPN", "Foreign", "O"),
            ("Minister", 4, "compound", "PROPN", "Minister", "O"), ("Omar", 4, "compound", "PROPN", "Omar", "B-PERSON"),
            ("Haddad", 5, "nsubj", "PROPN", "Haddad", "I-PERSON"), ("spoke", 5, "ROOT", "VERB", "speak", "O"),
            (".", 5, "punct", "PUNCT", ".", "O")]
    if former:
        rows = _shift(rows, 0, 1)
        rows = [("Former", 4, "amod", "ADJ", "former", "O")] + rows
    extraction, names = parse(rows)
    assert [(names[a.person], names[a.organization], a.role, a.current) for a in extraction.affiliations] == [
        ("Omar Haddad", "Morocco", "Foreign Minister", current)]
    assert {"Moroccan"} <= set(next(e for e in extraction.entities if e.name == "Morocco").aliases)


def test_rules_evidence_points_into_the_document():
    extraction, _ = parse(MET)
    text = extraction.document.text
    for event in extraction.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.sentence
        assert event.evidence.rule and 0 < event.confidence <= 1


def test_rules_first_name_alone_joins_the_one_person_who_has_it():
    # "Abiy Ahmed arrived . Officials said Abiy met Omar Haddad ." (NER missed the lone "Abiy")
    rows = [("Abiy", 1, "compound", "PROPN", "Abiy", "B-PERSON"), ("Ahmed", 2, "nsubj", "PROPN", "Ahmed", "I-PERSON"),
            ("arrived", 2, "ROOT", "VERB", "arrive", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
            ("Officials", 5, "nsubj", "NOUN", "official", "O"), ("said", 5, "ROOT", "VERB", "say", "O"),
            ("Abiy", 7, "nsubj", "PROPN", "Abiy", "O"), ("met", 5, "ccomp", "VERB", "meet", "O"),
            ("Omar", 9, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 7, "dobj", "PROPN", "Haddad", "I-PERSON"),
            (".", 5, "punct", "PUNCT", ".", "O")]
    extraction, names = parse(rows)
    assert [e.name for e in extraction.entities if e.type == "PERSON"] == ["Abiy Ahmed", "Omar Haddad"]
    assert [m[0] for m in meetings(extraction, names)] == [{"Abiy Ahmed", "Omar Haddad"}]
