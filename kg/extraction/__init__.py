"""Extraction: spaCy parses in, :class:`~kg.model.Extraction` records out.

One module per fact family: ``entities`` (NER repaired and resolved within a document),
``meetings``, ``statements`` and ``affiliations``; ``syntax`` holds the parse-reading
helpers they share and ``dates`` the date normaliser.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import IngestError
from kg.extraction.affiliations import find_affiliations, find_posts
from kg.extraction.discourse import resolve_discourse
from kg.extraction.entities import find_entities
from kg.extraction.meetings import find_meetings
from kg.extraction.statements import find_statements
from kg.model import Document, Event, Extraction

__all__ = ["extract_doc", "extract_documents"]


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


def extract_documents(
    documents: Iterable[Document],
    nlp: Language,
    *,
    batch_size: int = 64,
    n_process: int = 1,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Extraction]:
    """Stream documents through ``nlp.pipe`` and yield one Extraction per document.

    A document longer than the pipeline's ``max_length`` is refused with a message naming
    it (``on_error``), and the others go on.
    """
    def accepted() -> Iterator[tuple[str, Document]]:
        for document in documents:
            if len(document.text) > nlp.max_length:
                error = IngestError(f"{document.source or document.id}: document {document.id!r} has "
                                    f"{len(document.text):,} characters, over the model's max_length "
                                    f"{nlp.max_length:,}; split it into smaller documents")
                if on_error is None:
                    raise error
                on_error(error)
                continue
            yield document.text, document

    for doc, document in nlp.pipe(accepted(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_doc(doc, document)
