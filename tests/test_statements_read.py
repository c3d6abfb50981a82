"""Who speaks, read with the real spaCy model, on sentences written for kg: passives, a
"they" after an encounter, unnamed officials, coordinated bodies, acts under discussion."""
from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow

MET = "Chilean Foreign Minister Ana Silva met Peruvian Foreign Minister Luis Vega in Lima on Monday. "


@pytest.fixture(scope="module")
def said():
    from kg.extraction import extract_documents, load_pipeline

    nlp = load_pipeline()

    def run(text: str) -> set[tuple[str, str]]:
        extraction = next(extract_documents([Document(id="t", text=text, published="2030-06-12")], nlp))
        names = {e.id: e.name for e in extraction.entities}
        return {(names[e.speaker], e.subtype) for e in extraction.events if e.type == "statement"}

    return run


def test_statements_a_passive_act_is_its_agents(said):
    assert said("Chile was criticised by Peru for hosting the talks.") == {("Peru", "criticize")}


def test_statements_a_passive_act_with_no_agent_has_no_speaker(said):
    assert said("Chile was criticised for hosting the talks.") == set()


def test_statements_they_after_an_encounter_are_its_participants(said):
    found = said(MET + "They agreed to reopen the border crossing at Chacalluta.")
    assert found == {("Ana Silva", "agree"), ("Luis Vega", "agree")}


def test_statements_they_after_the_ministers_are_who_the_ministers_are(said):
    found = said(MET + "The ministers exchanged views on trade. They agreed to reopen the border crossing.")
    assert found == {("Ana Silva", "agree"), ("Luis Vega", "agree")}


def test_statements_they_after_another_plural_subject_is_not_the_encounter(said):
    found = said(MET + "Farmers blocked the road to the port. They demanded lower fuel prices.")
    assert not {speaker for speaker, _ in found} & {"Ana Silva", "Luis Vega"}


def test_statements_regret_is_criticism(said):
    assert said("The European Union regrets that the vote was postponed.") == {("European Union", "criticize")}


def test_statements_an_act_under_discussion_is_not_said(said):
    found = said(MET + "The two ministers discussed ways in which Chile could support Peru's bid for the summit.")
    assert ("Chile", "support") not in found


def test_statements_an_unnamed_official_speaks_for_the_country(said):
    assert said("The Rwandan Foreign Minister said the summit would go ahead in June.") == {("Rwanda", "statement")}
    found = said("The ministers were briefed by the Rwandan Foreign Minister on plans for the summit.")
    assert found == {("Rwanda", "statement")}


def test_statements_coordinated_delegations_each_speak(said):
    found = said(MET + "The Chilean and Peruvian delegations agreed to cooperate on water management.")
    assert {("Chile", "agree"), ("Peru", "agree")} <= found


@pytest.mark.parametrize(("text", "expected"), [
    ("Chancellor Anna Weber voiced support for the ceasefire plan.", {("Anna Weber", "support")}),
    ("The Chilean government brushed off the criticism on Monday.", {("Chile", "reject")}),
    ("Foreign Minister Luis Vega called the accusations groundless.", {("Luis Vega", "deny")}),
    ("Foreign Minister Luis Vega called the sanctions illegal and unjust.", {("Luis Vega", "criticize")}),
    ("Foreign Minister Luis Vega hit out at the new tariffs.", {("Luis Vega", "criticize")}),
    ("Foreign Minister Luis Vega pointed out that trade had doubled.", {("Luis Vega", "statement")}),
])
def test_statements_evaluative_and_phrasal_speech_acts(said, text, expected):
    assert said(text) == expected


def test_statements_calling_a_person_is_a_call_not_a_speech_act(said):
    assert said("Foreign Minister Luis Vega called President Ana Silva on Monday.") == set()
