"""Extraction rules on sentences written for kg, read with the real spaCy model.

Assertions are about what an analyst reads in the sentence (who met whom, who said what),
kept loose where the model's tags may change between releases.
"""
from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def read():
    from kg.extraction import extract_documents, load_pipeline

    nlp = load_pipeline()

    def run(text: str, published: str = "2030-06-12"):
        document = Document(id="t", text=text, published=published)
        extraction = next(extract_documents([document], nlp))
        names = {e.id: e.name for e in extraction.entities}
        return extraction, names

    return run


def _meetings(extraction, names):
    return [({names[p] for p in e.participants}, names.get(e.location), e.date, e.status, e.subtype)
            for e in extraction.events if e.type == "meeting"]


@pytest.mark.parametrize(("text", "people", "place", "status"), [
    ("French Foreign Minister Claire Dubois met Indian Prime Minister Arjun Mehta in Paris on Monday.",
     {"Claire Dubois", "Arjun Mehta"}, "Paris", "occurred"),
    ("German Chancellor Klaus Weber will meet Polish President Jan Nowak in Warsaw next month.",
     {"Klaus Weber", "Jan Nowak"}, "Warsaw", "planned"),
    ("Kenyan President David Otieno held talks with Ugandan President Moses Okello in Nairobi.",
     {"David Otieno", "Moses Okello"}, "Nairobi", "occurred"),
    ("It was not clear whether Otieno would meet Okello.", None, None, "uncertain"),
    ("Kenya on Monday called off a summit in Nairobi between Kenyan President David Otieno and Ugandan "
     "President Moses Okello.", {"David Otieno", "Moses Okello"}, "Nairobi", "cancelled"),
    ("Kenyan President David Otieno and Ugandan President Moses Okello did not meet in Nairobi.",
     {"David Otieno", "Moses Okello"}, "Nairobi", "negated"),
])
def test_extract_meeting_participants_place_status(read, text, people, place, status):
    extraction, names = read(text)
    meetings = _meetings(extraction, names)
    assert len(meetings) == 1
    found_people, found_place, _date, found_status, _kind = meetings[0]
    if people is not None:
        assert found_people == people
        assert found_place == place
    assert found_status == status


def test_extract_meeting_date_resolves_weekday(read):
    extraction, names = read("French Foreign Minister Claire Dubois met Indian Prime Minister Arjun Mehta in Paris on Monday.")
    assert _meetings(extraction, names)[0][2] == "2030-06-10"  # the Monday before Wednesday 12 June


def test_extract_no_meeting_without_two_participants(read):
    extraction, names = read("A summit planned for April in Geneva was canceled.")
    assert _meetings(extraction, names) == []


@pytest.mark.parametrize(("text", "speaker", "kind"), [
    ("Brazilian Foreign Minister Paulo Lima called for an immediate ceasefire.", "Paulo Lima", "demand"),
    ("Brazilian Foreign Minister Paulo Lima rejected the proposal.", "Paulo Lima", "reject"),
    ("Brazilian Foreign Minister Paulo Lima welcomed the agreement.", "Paulo Lima", "support"),
    ("Brazilian Foreign Minister Paulo Lima condemned the attack.", "Paulo Lima", "criticize"),
    ("Brazilian Foreign Minister Paulo Lima denied the report.", "Paulo Lima", "deny"),
    ('"We will not give up," Brazilian Foreign Minister Paulo Lima said.', "Paulo Lima", "statement"),
])
def test_extract_statement_speaker_and_kind(read, text, speaker, kind):
    extraction, names = read(text)
    statements = [(names[e.speaker], e.subtype) for e in extraction.events if e.type == "statement"]
    assert (speaker, kind) in statements


def test_extract_quote_attributed_across_sentences_verbatim(read):
    text = '"Our borders are open. We want trade," Brazilian Foreign Minister Paulo Lima said on Monday.'
    extraction, names = read(text)
    quotes = [e.quote for e in extraction.events if e.type == "statement" and names.get(e.speaker) == "Paulo Lima"]
    assert "Our borders are open. We want trade" in quotes
    for event in extraction.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.sentence


@pytest.mark.parametrize(("text", "person", "organization", "role", "current"), [
    ("Former Chilean President Ana Rojas spoke in Lima.", "Ana Rojas", "Chile", "President", False),
    ("Chilean Foreign Minister Ana Rojas spoke in Lima.", "Ana Rojas", "Chile", "Foreign Minister", True),
    ("Maria Lopez, the Chilean ambassador, spoke in Lima.", "Maria Lopez", "Chile", "ambassador", True),
])
def test_extract_affiliation_role_and_currency(read, text, person, organization, role, current):
    extraction, names = read(text)
    found = {(names[a.person], names[a.organization], a.role, a.current) for a in extraction.affiliations}
    assert (person, organization, role, current) in found


def test_extract_surname_and_demonym_resolve_to_one_entity(read):
    extraction, names = read("Russian Foreign Minister Sergei Lavrov arrived in Rome. Lavrov said Russia wants talks.")
    people = [e for e in extraction.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Sergei Lavrov"]
    assert "Lavrov" in people[0].aliases
    russia = [e for e in extraction.entities if e.name == "Russia"]
    assert len(russia) == 1 and "Russian" in russia[0].aliases
