"""One parsed document read: entities, then meetings, statements and affiliations.

The order matters: entities first (names, titles, posts), since meetings, statements and
affiliations all ask who a mention is.
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from kg.errors import IngestError
from kg.extraction.affiliations import find_affiliations, find_posts
from kg.extraction.discourse import resolve_discourse
from kg.extraction.entities import find_entities, names_no_body
from kg.extraction.publishers import find_publisher
from kg.extraction.meetings import find_meetings
from kg.extraction.places import dateline_date
from kg.extraction.statements import find_statements
from kg.model import Document, Event, Extraction

__all__ = ["MAX_SENTENCE_TOKENS", "check_sentences", "extract_doc"]

MAX_SENTENCE_TOKENS = 2_000
"""The longest sentence kg reads, in tokens. kg's rules compare the triggers and phrases of
a sentence with one another, so a sentence costs time that grows faster than its length:
a document with a longer one (a list or table the parser could not split, text without
full stops) is refused, with a message naming it. News sentences run to a few dozen tokens;
the longest in the development articles has about 130."""


def extract_doc(doc: Doc, document: Document) -> Extraction:
    """Read entities, meetings, statements and affiliations from one parsed document.

    Raises
    ------
    IngestError
        When a sentence is longer than :data:`MAX_SENTENCE_TOKENS`.
    """
    check_sentences(doc, document)
    if document.published is None and (dated := dateline_date(document.text)) is not None:
        document = dataclasses.replace(document, published=dated)  # "LIMA, April 28, 2031 -"
    publisher = find_publisher(document)
    ents = find_entities(doc, publisher.institutions if publisher else ())
    posts = find_posts(doc, ents)
    ents.discourse = resolve_discourse(doc, document, ents, posts)
    meetings = find_meetings(doc, document, ents)
    for meeting in meetings:  # "the two sides agreed" after a meeting: its participants
        ents.discourse.note_encounter(_trigger_token(doc, meeting), meeting.participants)
    affiliations = find_affiliations(doc, document, ents, posts, meetings)
    events = meetings + find_statements(doc, document, ents)
    used = ({actor for event in events for actor in (*event.participants, event.speaker, event.location)}
            | {actor for affiliation in affiliations for actor in (affiliation.person, affiliation.organization)})
    entities = [entity for entity in ents.entities.values() if entity.id in used or not names_no_body(entity)]
    return Extraction(
        document=document,
        entities=tuple(sorted(entities, key=lambda e: e.id)),  # the publisher's may be added
        events=tuple(sorted(events, key=lambda e: (e.evidence.start, e.id))),
        affiliations=tuple(sorted(affiliations, key=lambda a: (a.person, a.organization))),
    )


def check_sentences(doc: Doc, document: Document) -> None:
    """Refuse a document with a sentence over :data:`MAX_SENTENCE_TOKENS` tokens.

    Raises
    ------
    IngestError
        ``"SOURCE: document 'ID' has a sentence of N tokens (at character C), over kg's
        limit of 2,000 a sentence; split it into sentences"``.
    """
    longest = max(doc.sents, key=len, default=None) if len(doc) > MAX_SENTENCE_TOKENS else None
    if longest is not None and len(longest) > MAX_SENTENCE_TOKENS:
        raise IngestError(f"{document.source or document.id}: document {document.id!r} has a sentence of "
                          f"{len(longest):,} tokens (at character {longest.start_char:,}), over kg's limit of "
                          f"{MAX_SENTENCE_TOKENS:,} a sentence; split it into sentences")


def _trigger_token(doc: Doc, meeting: Event) -> int:
    """Last token of a meeting's sentence: references in later sentences may point back to
    it (one inside the sentence is part of the report itself)."""
    span = doc.char_span(meeting.evidence.start, meeting.evidence.end, alignment_mode="expand")
    return span.end - 1 if span is not None else 0
