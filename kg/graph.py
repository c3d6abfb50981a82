"""Assemble extraction records into a NetworkX graph.

The event graph is a :class:`networkx.MultiDiGraph`:

- entity nodes: ``kind="entity"``, ``type`` (PERSON, ORG, GPE, LOC, NORP, FAC), ``label``
  (the canonical name), ``aliases``, ``same_as``, ``documents``;
- event nodes: ``kind="event"``, ``type`` (meeting, statement), ``subtype``, ``label``,
  ``date``, ``status``, ``quote``, ``content``, ``cameo``, ``plover``, ``confidence``, and
  the evidence: ``doc_id``, ``sentence``, ``start``, ``end``, ``rule``;
- event -> entity edges keyed by role: ``participant``, ``speaker``, ``location``;
- person -> organisation edges keyed ``affiliation``: ``role``, ``current`` and evidence.

``G.graph["documents"]`` maps document ids to their title, date, URL and text length.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from kg.model import Event, Extraction

__all__ = ["actor_network", "build_graph", "event_actors"]

ROLES = ("participant", "speaker", "location")


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Build the event graph from extraction records.

    Nodes and edges are added in sorted order, so the same records give the same graph
    (and the same serialisations) whatever order the documents came in.

    Examples
    --------
    >>> from kg.model import Document, Entity, Event, Evidence, Extraction
    >>> doc = Document(id="d1", text="Lavrov met Karzai.")
    >>> ev = Evidence(doc_id="d1", start=0, end=18, sentence=doc.text)
    >>> people = (Entity("person:karzai", "Karzai", "PERSON"),
    ...           Entity("person:lavrov", "Lavrov", "PERSON"))
    >>> meeting = Event("meeting:1", "meeting", "meet", ev,
    ...                 participants=("person:lavrov", "person:karzai"))
    >>> G = build_graph([Extraction(doc, people, (meeting,))])
    >>> sorted(v for _, v, role in G.out_edges("meeting:1", keys=True))
    ['person:karzai', 'person:lavrov']
    """
    G = nx.MultiDiGraph()
    G.graph["documents"] = {}
    records = sorted(extractions, key=lambda x: x.document.id)
    entities: dict[str, dict[str, Any]] = {}
    for extraction in records:
        doc = extraction.document
        G.graph["documents"][doc.id] = {
            "title": doc.title,
            "published": doc.published,
            "url": doc.url,
            "source": doc.source,
            "length": len(doc.text),
        }
        for entity in extraction.entities:
            node = entities.setdefault(
                entity.id,
                {"kind": "entity", "type": entity.type, "label": entity.name,
                 "aliases": set(), "same_as": set(), "documents": set()},
            )
            node["aliases"].update(entity.aliases)
            node["same_as"].update(entity.same_as)
            node["documents"].add(doc.id)
    for entity_id in sorted(entities):
        node = entities[entity_id]
        for key in ("aliases", "same_as", "documents"):
            node[key] = sorted(node[key])
        G.add_node(entity_id, **node)

    events = sorted((event for x in records for event in x.events), key=lambda e: e.id)
    for event in events:
        G.add_node(event.id, **_event_attributes(event, G.graph["documents"]))
        for role, entity_id in event_actors(event):
            if entity_id in G:
                G.add_edge(event.id, entity_id, key=role, role=role)

    affiliations = sorted(
        (a for x in records for a in x.affiliations),
        key=lambda a: (a.person, a.organization, a.role or "", a.evidence.doc_id, a.evidence.start),
    )
    for affiliation in affiliations:
        if affiliation.person not in G or affiliation.organization not in G:
            continue
        key = f"affiliation:{affiliation.role or ''}"
        if G.has_edge(affiliation.person, affiliation.organization, key=key):
            continue  # the same post stated again: the first evidence stands
        G.add_edge(
            affiliation.person, affiliation.organization, key=key, role="affiliation",
            title=affiliation.role, current=affiliation.current,
            confidence=affiliation.confidence, doc_id=affiliation.evidence.doc_id,
            sentence=affiliation.evidence.sentence, start=affiliation.evidence.start,
            end=affiliation.evidence.end, rule=affiliation.evidence.rule,
        )
    return G


def event_actors(event: Event) -> list[tuple[str, str]]:
    """The (role, entity id) pairs an event links to, in a stable order."""
    actors = [("participant", p) for p in sorted(set(event.participants))]
    if event.speaker:
        actors.append(("speaker", event.speaker))
    if event.location:
        actors.append(("location", event.location))
    return actors


def _event_attributes(event: Event, documents: dict[str, dict]) -> dict[str, Any]:
    doc = documents.get(event.evidence.doc_id, {})
    label = event.subtype or event.type
    return {
        "kind": "event",
        "type": event.type,
        "subtype": event.subtype,
        "label": f"{event.type}: {label}" if label != event.type else event.type,
        "date": event.date,
        "status": event.status,
        "quote": event.quote,
        "content": event.content,
        "trigger": event.trigger,
        "cameo": event.cameo,
        "plover": event.plover,
        "confidence": event.confidence,
        "doc_id": event.evidence.doc_id,
        "doc_title": doc.get("title"),
        "doc_published": doc.get("published"),
        "sentence": event.evidence.sentence,
        "start": event.evidence.start,
        "end": event.evidence.end,
        "rule": event.evidence.rule,
    }


def actor_network(G: nx.MultiDiGraph) -> nx.Graph:
    """Derive the actor-to-actor view: who met whom, and who is affiliated with whom.

    Edge attributes: ``meetings`` (number of meetings both took part in), ``affiliation``
    (the role, when one is affiliated with the other) and ``weight`` (meetings, plus one
    for an affiliation).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="entity", type="PERSON", label="A")
    >>> G.add_node("b", kind="entity", type="PERSON", label="B")
    >>> G.add_node("m", kind="event", type="meeting")
    >>> G.add_edge("m", "a", key="participant"); G.add_edge("m", "b", key="participant")
    'participant'
    'participant'
    >>> A = actor_network(G)
    >>> A["a"]["b"]["weight"]
    1
    """
    A = nx.Graph()
    A.graph.update(G.graph)
    for node, data in sorted(G.nodes(data=True)):
        if data.get("kind") == "entity":
            A.add_node(node, **data)
    met: Counter[tuple[str, str]] = Counter()
    for node, data in sorted(G.nodes(data=True)):
        if data.get("kind") == "event" and data.get("type") == "meeting":
            people = sorted({v for _, v, key in G.out_edges(node, keys=True) if key == "participant"})
            met.update(combinations(people, 2))
    for (u, v), count in sorted(met.items()):
        A.add_edge(u, v, meetings=count, weight=count)
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if data.get("role") != "affiliation":
            continue
        if A.has_edge(u, v):
            A[u][v]["affiliation"] = data.get("title")
            A[u][v]["weight"] += 1
        else:
            A.add_edge(u, v, meetings=0, affiliation=data.get("title"), weight=1)
    return A
