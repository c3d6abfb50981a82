"""Docs built by hand for rule tests: no model is loaded, so a new model release cannot
break them. A row is (word, head, dep, pos, lemma, ent) with the head as an absolute index.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extraction import extract_doc
from kg.model import Document

VOCAB = spacy.blank("en").vocab
NO_SPACE_BEFORE = (".", ",", "'s", ":", "’s")

Row = tuple[str, int, str, str, str, str]


def make_doc(rows: list[Row], *, tags: dict[int, str] | None = None) -> Doc:
    """A Doc with the rows' words, parse, parts of speech, lemmas and entities; ``tags``
    gives fine-grained tags by token index where a rule reads them ("NNS")."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in NO_SPACE_BEFORE and rows[i][0] != "\n"
              and rows[i + 1][0] != "\n" for i in range(len(rows))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], ents=[r[5] for r in rows],
               tags=[(tags or {}).get(i, "") for i in range(len(rows))])


def extract_rows(rows: list[Row], *, published: str = "2030-06-12", url: str | None = None,
                 tags: dict[int, str] | None = None, **document):
    """Extract from a hand-built Doc; returns the Extraction and an id -> name map."""
    doc = make_doc(rows, tags=tags)
    extraction = extract_doc(doc, Document(id="t", text=doc.text, published=published, url=url, **document))
    return extraction, {e.id: e.name for e in extraction.entities}


def resolved_links(rows: list[Row], **document):
    """Who-is-who on a hand-built Doc: {referring text: (actor names, via)} and the Discourse."""
    from kg.extraction.affiliations import find_posts
    from kg.extraction.discourse import resolve_discourse
    from kg.extraction.entities import find_entities

    doc = make_doc(rows)
    ents = find_entities(doc)
    discourse = resolve_discourse(doc, Document("t", doc.text, **document), ents, find_posts(doc, ents))
    return {doc[link.start:link.end].text: ({ents.entities[a].name for a in discourse.actors(doc[head])}, link.via)
            for head, link in discourse.links.items()}, discourse


def shift(rows: list[Row], at: int, by: int) -> list[Row]:
    """Heads of rows pointing at or after ``at`` move by ``by`` (after inserting tokens)."""
    return [(w, h + by if h >= at else h, d, p, l, e) for w, h, d, p, l, e in rows]


def join(*sentences: list[Row]) -> list[Row]:
    """Sentences, each with heads relative to itself, as one document's rows."""
    rows: list[Row] = []
    for sentence in sentences:
        rows.extend(shift(sentence, 0, len(rows)))
    return rows
