"""Resolve entities across the documents of a run.

Within a document, :mod:`kg.extraction.entities` already joins "Lavrov" to "Sergei Lavrov".
Across documents, ids are stable by construction (type + normalised canonical name); what
is left is a document that only ever says "Lavrov": its person joins the one full name in
the run that ends with that surname, when exactly one does.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace

from kg.model import Affiliation, Entity, Event, Extraction

__all__ = ["full_name_keys", "resolve_corpus", "resolve_record"]


def resolve_corpus(extractions: Iterable[Extraction]) -> list[Extraction]:
    """Rewrite partial person names to the run's full name for them; records stay sorted.

    Examples
    --------
    >>> from kg.model import Document, Entity, Extraction
    >>> a = Extraction(Document("a", "x"), (Entity("person:sergei-lavrov", "Sergei Lavrov", "PERSON"),))
    >>> b = Extraction(Document("b", "x"), (Entity("person:lavrov", "Lavrov", "PERSON"),))
    >>> [e.id for x in resolve_corpus([a, b]) for e in x.entities]
    ['person:sergei-lavrov', 'person:sergei-lavrov']
    """
    records = list(extractions)
    full_names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for extraction in records:
        for last, entity_id, name in full_name_keys(extraction):
            full_names[last].add((entity_id, name))
    return [resolve_record(x, lambda name: full_names.get(name, set())) for x in records]


def full_name_keys(extraction: Extraction) -> Iterator[tuple[str, str, str]]:
    """``(last word, entity id, name)`` of each person named in full: the index
    :func:`resolve_record` looks lone names up in (kept in memory by :func:`resolve_corpus`,
    in the corpus store's ``persons`` table by :mod:`kg.store`)."""
    for entity in extraction.entities:
        words = entity.name.split()
        if entity.type == "PERSON" and len(words) > 1:
            yield words[-1], entity.id, entity.name


def resolve_record(extraction: Extraction, full_names: Callable[[str], Collection[tuple[str, str]]]) -> Extraction:
    """One record with each one-word person name joined to the one full name that ends with it.

    ``full_names(word)`` gives the ``(entity id, name)`` pairs of the corpus whose last word
    is ``word``; a lone name with exactly one such pair takes it.
    """
    if not any(e.type == "PERSON" and len(e.name.split()) == 1 for e in extraction.entities):
        return extraction
    return _rewrite(extraction, full_names)


def _rewrite(extraction: Extraction, full_names: Callable[[str], Collection[tuple[str, str]]]) -> Extraction:
    renamed: dict[str, Entity] = {}
    for entity in extraction.entities:
        if entity.type != "PERSON" or len(entity.name.split()) != 1:
            continue
        candidates = full_names(entity.name)
        if len(candidates) == 1:
            (target_id, target_name), = candidates
            renamed[entity.id] = replace(entity, id=target_id, name=target_name,
                                         aliases=tuple(sorted(set(entity.aliases) | {entity.name})))
    if not renamed:
        return extraction
    ids = {old: new.id for old, new in renamed.items()}
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        entity = renamed.get(entity.id, entity)
        if entity.id in entities:  # the full name was in this document too
            other = entities[entity.id]
            entity = replace(other, aliases=tuple(sorted(set(other.aliases) | set(entity.aliases))),
                             mentions=tuple(sorted(set(other.mentions) | set(entity.mentions))))
        entities[entity.id] = entity
    return Extraction(
        document=extraction.document,
        entities=tuple(sorted(entities.values(), key=lambda e: e.id)),
        events=tuple(_rename_event(e, ids) for e in extraction.events),
        affiliations=tuple(_rename_affiliation(a, ids) for a in extraction.affiliations),
    )


def _rename_event(event: Event, ids: dict[str, str]) -> Event:
    return replace(
        event,
        participants=tuple(dict.fromkeys(ids.get(p, p) for p in event.participants)),
        speaker=ids.get(event.speaker, event.speaker) if event.speaker else None,
        location=ids.get(event.location, event.location) if event.location else None,
    )


def _rename_affiliation(affiliation: Affiliation, ids: dict[str, str]) -> Affiliation:
    return replace(affiliation, person=ids.get(affiliation.person, affiliation.person),
                   organization=ids.get(affiliation.organization, affiliation.organization))
