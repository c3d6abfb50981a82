"""Encounters as other foreign ministries word them, read with the real spaCy model on
sentences written for kg: gatherings co-chaired, names that are also towns."""
from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def met():
    from kg.extraction import extract_documents, load_pipeline

    nlp = load_pipeline()

    def run(text: str) -> list[tuple[frozenset[str], str | None, str]]:
        document = Document(id="t", text=text, published="2030-06-12", url="https://www.mofa.go.jp/press/1")
        extraction = next(extract_documents([document], nlp))
        names = {e.id: e.name for e in extraction.entities}
        return [(frozenset(names[p] for p in e.participants), names.get(e.location), e.subtype)
                for e in extraction.events if e.type == "meeting"]

    return run


def test_meetings_co_chairs_meet_and_the_gathering_chaired_is_no_party(met):
    found = met("Chancellor Anna Weber and President Luc Moreau co-chaired the Franco-German Council of "
                "Ministers in Toulon.")
    assert found == [(frozenset({"Anna Weber", "Luc Moreau"}), "Toulon", "meet")]


def test_meetings_one_co_chair_alone_meets_no_one(met):
    assert met("Chancellor Anna Weber co-chaired the panel on energy.") == []


def test_meetings_a_dialogue_co_chaired_by_offices_puts_no_office_in_it(met):
    found = met("Chile and Peru agreed to launch a strategic dialogue, co-chaired on the Chilean side by the "
                "Foreign Ministry and the Presidency.")
    assert all(not {"Foreign Ministry", "Presidency"} & participants for participants, _, _ in found)


def test_meetings_a_surname_that_is_also_a_town_stays_the_person_after_a_title(met):
    # NER reads "[State Rubio]ORG"; a town called Rubio does not make him a place
    assert met("Foreign Minister Sato met Secretary of State Rubio in Tokyo.") == [
        (frozenset({"Sato", "Rubio"}), "Tokyo", "meet")]


def test_meetings_the_holder_named_after_a_titles_phrase_is_the_one_met(met):
    # the parse hangs the name off the verb, not as the title's apposition
    assert met("Minister Sato met the head of the IAEA, Rafael Grossi, in Vienna.") == [
        (frozenset({"Sato", "Rafael Grossi"}), "Vienna", "meet")]


def test_meetings_a_title_before_a_comma_and_a_country_stays_the_body(met):
    found = met("Minister Sato met the head of the IAEA, Japan's partner, in Vienna.")
    assert all("Japan" not in participants for participants, _, _ in found)


def test_meetings_an_ambassadors_to_phrase_is_no_venue(met):
    found = met("Minister Sato received the Ambassador of Finland to Japan, Kimmo Laine.")
    assert found == [(frozenset({"Sato", "Kimmo Laine"}), None, "meet")]


def test_meetings_a_reception_to_a_city_still_places_it(met):
    assert met("Prime Minister Sato welcomed President Ana Vega to Osaka.") == [
        (frozenset({"Sato", "Ana Vega"}), "Osaka", "meet")]


def test_meetings_a_guest_received_after_the_place_is_the_one_met(met):
    # the parse makes the guest the place's apposition
    found = met("The Chairperson of the Commission, Dr. Amina Diallo, received on Friday in Addis Ababa the "
                "Special Envoy of the Sovereign Council of Zenara, Ambassador Kofi Mensah.")
    assert [(participants, place) for participants, place, _ in found] == [
        (frozenset({"Amina Diallo", "Kofi Mensah"}), "Addis Ababa")]


def test_meetings_a_place_described_after_it_is_no_guest(met):
    assert met("President Ruto received the envoy in Nairobi, the capital.") == []
