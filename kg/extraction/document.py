"""One parsed document read: entities, then meetings, statements and affiliations.

The order matters: entities first (names, titles, posts), since meetings, statements and
affiliations all ask who a mention is.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extraction.affiliations import find_affiliations, find_posts
from kg.extraction.discourse import resolve_discourse
from kg.extraction.entities import find_entities
from kg.extraction.meetings import find_meetings
from kg.extraction.statements import find_statements
from kg.model import Document, Event, Extraction

__all__ = ["extract_doc"]


def extract_doc(doc: Doc, document: Document) -> Extraction:
    """Read entities, meetings, statements and affiliations from one parsed document."""
    ents = find_entities(doc)
    posts = find_posts(doc, ents)
    ents.discourse = resolve_discourse(doc, document, ents, posts)
    meetings = find_meetings(doc, document, ents)
    for meeting in meetings:  # "the two sides agreed" after a meeting: its participants
        ents.discourse.note_encounter(_trigger_token(doc, meeting), meeting.participants)
    affiliations = find_affiliations(doc, document, ents, posts, meetings)
    events = meetings + find_statements(doc, document, ents)
    return Extraction(
        document=document,
        entities=tuple(sorted(ents.entities.values(), key=lambda e: e.id)),  # the publisher's may be added
        events=tuple(sorted(events, key=lambda e: (e.evidence.start, e.id))),
        affiliations=tuple(sorted(affiliations, key=lambda a: (a.person, a.organization))),
    )


def _trigger_token(doc: Doc, meeting: Event) -> int:
    """Last token of a meeting's sentence: references in later sentences may point back to
    it (one inside the sentence is part of the report itself)."""
    span = doc.char_span(meeting.evidence.start, meeting.evidence.end, alignment_mode="expand")
    return span.end - 1 if span is not None else 0
