"""kg as a spaCy component: added by name to a pipeline of one's own, it sets doc._.kg."""
from __future__ import annotations

import pytest
import spacy

from kg.extraction.component import DOCUMENT_ATTR, document_of
from kg.extraction.pipeline import default_model
from kg.model import Document, Extraction

pytestmark = pytest.mark.slow

ARTICLE = ("Foreign Minister Ilse Varga of Hungary met Brazilian President Joao Ferreira in Brasilia "
           "on Tuesday. \"We agreed to open a new chapter,\" Varga said after the talks.")


@pytest.fixture(scope="module")
def own_pipeline():
    """A blank English pipeline, the model's components sourced into it, then kg by name."""
    model = spacy.load(default_model())
    nlp = spacy.blank("en")
    for name in model.pipe_names:
        nlp.add_pipe(name, source=model)
    nlp.add_pipe("kg", config={"published": "2031-04-10"})  # found through spaCy's entry points
    return nlp


def _names(extraction: Extraction) -> dict[str, str]:
    return {entity.id: entity.name for entity in extraction.entities}


def test_component_sets_doc_kg_on_an_own_pipeline(own_pipeline):
    assert own_pipeline.pipe_names[-1] == "kg"
    doc = own_pipeline(ARTICLE)
    extraction = doc._.kg
    assert isinstance(extraction, Extraction)
    names = _names(extraction)
    assert {"Ilse Varga", "Joao Ferreira"} <= set(names.values())
    meetings = [e for e in extraction.events if e.type == "meeting"]
    assert [{names[p] for p in m.participants} for m in meetings] == [{"Ilse Varga", "Joao Ferreira"}]
    assert meetings[0].date == "2031-04-08"  # "on Tuesday" before the component's published date
    speakers = {names[e.speaker] for e in extraction.events if e.type == "statement"}
    assert speakers == {"Ilse Varga"}
    # evidence offsets point into the Doc's text
    for event in extraction.events:
        assert ARTICLE[event.evidence.start:event.evidence.end] == event.evidence.sentence


def test_component_reads_the_document_carried_by_the_doc(own_pipeline):
    document = Document(id="hu-br-1", text=ARTICLE, title="Talks", published="2031-05-02")
    doc = own_pipeline.make_doc(ARTICLE)
    setattr(doc._, DOCUMENT_ATTR, document)
    extraction = own_pipeline(doc)._.kg
    assert extraction.document == document
    assert {e.date for e in extraction.events if e.type == "meeting"} == {"2031-04-29"}


def test_component_equals_kg_build_reading(own_pipeline):
    from kg.extraction import extract_documents, load_pipeline

    document = Document(id="same", text=ARTICLE, published="2031-04-10")
    built = next(extract_documents([document], load_pipeline()))
    doc = own_pipeline.make_doc(ARTICLE)
    setattr(doc._, DOCUMENT_ATTR, document)
    assert own_pipeline(doc)._.kg == built


def test_component_refuses_a_document_of_another_text(own_pipeline):
    doc = own_pipeline.make_doc(ARTICLE)
    setattr(doc._, DOCUMENT_ATTR, Document(id="x", text="Something else entirely."))
    with pytest.raises(ValueError, match="not the Doc's text"):
        document_of(doc)


def test_component_refuses_a_bad_published_setting():
    nlp = spacy.blank("en")
    with pytest.raises(Exception, match="not a date"):
        nlp.add_pipe("kg", config={"published": "last week"})


def test_component_show_doc_marks_entities_and_events(own_pipeline):
    from kg.export.html import render_doc, show_doc

    doc = own_pipeline(ARTICLE + " <script>alert(1)</script>")
    page = render_doc(doc)
    assert "MEETING" in page and "STATEMENT" in page and "PERSON" in page and "Ilse Varga" in page
    assert "<script" not in page and "alert(1)&lt;/script" in page
    assert show_doc(doc).data == page
