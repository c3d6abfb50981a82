"""Assemble extraction records into a NetworkX graph.

The event graph is a :class:`networkx.MultiDiGraph`:

- entity nodes: ``kind="entity"``, ``type`` (PERSON, ORG, GPE, LOC, NORP, FAC), ``label``
  (the canonical name), ``aliases``, ``same_as``, ``documents``; places GeoNames knows
  also ``lat``, ``lon`` and ``country`` (:mod:`kg.graph.places`);
- event nodes: ``kind="event"``, ``type`` (meeting, statement), ``subtype``, ``label``,
  ``date``, ``status``, ``quote``, ``content``, ``cameo``, ``plover``, ``confidence``, and
  the evidence of its primary report: ``doc_id``, ``sentence``, ``start``, ``end``,
  ``rule``; every report of the event: ``reports`` (a list of dicts with ``event``,
  ``doc_id``, ``sentence``, ``start``, ``end``, ``rule``, ``date``, ``location``,
  ``status``), ``report_count``, ``documents``, ``dates`` (every date reported) and
  ``conflicts`` (which details the reports disagree on: ``date``, ``location``,
  ``status``);
- event -> entity edges keyed by role: ``participant``, ``speaker``, ``location``;
- person -> organisation edges keyed ``affiliation``: ``role``, ``current`` and evidence.

``G.graph["documents"]`` maps document ids to their title, date, URL and text length.

Cross-document merging (``build_graph(..., merge_events=True)``): the same encounter
reported by several articles becomes one event node. Two meeting reports from different
documents are the same encounter (:func:`same_encounter`) when

- their subtypes are compatible (a phone call is not a visit or a summit);
- their participant sets are equal or share at least two actors;
- their dates are compatible: a missing date matches any, ``YYYY-MM`` matches a day in
  that month, ``YYYY`` a month or day in that year; two different days never match (two
  rounds of talks on consecutive days are two meetings);
- and either both give the same day, in which case a place or status they disagree on
  is kept and flagged in ``conflicts`` (a report written before the meeting, "will
  meet", and one after, "met", are not a conflict), or their places are compatible (one
  missing, or equal) and their statuses equal.

Reports are grouped by :func:`cluster_meetings` in an order fixed by their content (the
most detailed report first), so the order of the documents never changes the result. A
report joins a group when it matches the group's primary report, its date matches every
report of the group and no report of the group comes from its own document (the
extractor already merged what one article says about one encounter); a report that
matches two groups (an undated "A met B" when the pair met twice that month) joins
neither and stays its own event. Statements are never merged across documents.
"""
from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import combinations
from typing import Any

import networkx as nx

from kg.graph.places import locate_places
from kg.model import Event, Extraction

__all__ = ["actor_network", "build_graph", "cluster_meetings", "event_actors", "gc_paused", "same_encounter"]

ROLES = ("participant", "speaker", "location")
# meeting subtypes that cannot describe one encounter: a phone call is not a trip or a summit
SUBTYPES_APART = frozenset({frozenset({"phone", "visit"}), frozenset({"phone", "summit"})})
# which report of a merged event leads: an outcome before a plan ("met" over "will meet")
STATUS_RANK = ("occurred", "cancelled", "negated", "uncertain", "planned")


def build_graph(extractions: Iterable[Extraction], *, merge_events: bool = False) -> nx.MultiDiGraph:
    """Build the event graph from extraction records.

    Nodes and edges are added in sorted order, so the same records give the same graph
    (and the same serialisations) whatever order the documents came in.

    Parameters
    ----------
    extractions
        One record per document, entities already resolved across them
        (:func:`kg.resolve.resolve_corpus`).
    merge_events
        Merge meeting reports of one encounter from different documents into one event
        node (see the module docstring); without it every extracted event is a node.

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
    with gc_paused():
        return _build_graph(extractions, merge_events=merge_events)


def _build_graph(extractions: Iterable[Extraction], *, merge_events: bool) -> nx.MultiDiGraph:
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

    events = [event for x in records for event in x.events]
    if merge_events:
        groups = cluster_meetings([e for e in events if e.type == "meeting"])
        groups += [(e,) for e in events if e.type != "meeting"]
    else:
        groups = [(e,) for e in events]
    for group in sorted(groups, key=lambda g: g[0].id):
        node = group[0].id
        G.add_node(node, **_group_attributes(group, G.graph["documents"]))
        for role, entity_id in _group_actors(group):
            if entity_id in G:
                G.add_edge(node, entity_id, key=role, role=role)

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
    locate_places(G)
    return G


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the graph grows.

    Each collection rescans every node and edge dict already built, which doubles the
    time of a 10,000-article graph; reference counting still frees everything acyclic.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def event_actors(event: Event) -> list[tuple[str, str]]:
    """The (role, entity id) pairs an event links to, in a stable order."""
    actors = [("participant", p) for p in sorted(set(event.participants))]
    if event.speaker:
        actors.append(("speaker", event.speaker))
    if event.location:
        actors.append(("location", event.location))
    return actors


def same_encounter(first: Event, second: Event) -> bool:
    """True when two meeting reports from different documents tell of one encounter.

    The rules are the module docstring's; the relation is symmetric.

    Examples
    --------
    >>> from kg.model import Evidence
    >>> def report(doc, date, place=None):
    ...     return Event(f"m:{doc}", "meeting", "meet", Evidence(doc, 0, 1, "."),
    ...                  participants=("person:a", "person:b"), date=date, location=place)
    >>> same_encounter(report("d1", "2030-03-02"), report("d2", None))
    True
    >>> same_encounter(report("d1", "2030-03-02"), report("d2", "2030-03"))
    True
    >>> same_encounter(report("d1", "2030-03-02"), report("d2", "2030-03-20"))
    False
    >>> same_encounter(report("d1", None, "gpe:paris"), report("d2", None, "gpe:rome"))
    False
    """
    if first.type != "meeting" or second.type != "meeting":
        return False
    if first.evidence.doc_id == second.evidence.doc_id:
        return False
    if frozenset({first.subtype, second.subtype}) in SUBTYPES_APART:
        return False
    a, b = set(first.participants), set(second.participants)
    if len(a & b) < 2 and not (a and a == b):
        return False
    if not _dates_match(first.date, second.date):
        return False
    if first.date == second.date and _precision(first.date) == 3:
        return True  # one pair, one day: a place or status they disagree on is a conflict
    places_match = first.location is None or second.location is None or first.location == second.location
    return places_match and first.status == second.status


def cluster_meetings(events: Iterable[Event]) -> list[tuple[Event, ...]]:
    """Group meeting reports of one encounter; each group's most detailed report first.

    The grouping depends on the reports only, never on their order (see the module
    docstring for the rules). Reports that are not meetings come back alone.

    Examples
    --------
    >>> from kg.model import Evidence
    >>> def report(doc, date):
    ...     return Event(f"m:{doc}", "meeting", "meet", Evidence(doc, 0, 1, "."),
    ...                  participants=("person:a", "person:b"), date=date)
    >>> groups = cluster_meetings([report("d1", None), report("d2", "2030-03-02"),
    ...                            report("d3", "2030-03-20")])
    >>> [[e.id for e in group] for group in groups]
    [['m:d2'], ['m:d3'], ['m:d1']]
    >>> [[e.id for e in g] for g in cluster_meetings([report("d1", None), report("d2", "2030-03-02")])]
    [['m:d2', 'm:d1']]
    """
    groups: list[list[Event]] = []
    by_pair: dict[frozenset[str], list[int]] = defaultdict(list)  # blocking: shared actors
    for event in sorted(events, key=_detail_key):
        if event.type != "meeting":
            groups.append([event])
            continue
        candidates = sorted({i for key in _pair_keys(event) for i in by_pair.get(key, ())})
        fits = [i for i in candidates if _joins(event, groups[i])]
        if len(fits) == 1:
            groups[fits[0]].append(event)
            continue
        groups.append([event])
        for key in _pair_keys(event):
            by_pair[key].append(len(groups) - 1)
    return [tuple(group) for group in groups]


def _joins(event: Event, group: Sequence[Event]) -> bool:
    return (same_encounter(group[0], event)
            and all(e.evidence.doc_id != event.evidence.doc_id for e in group)
            and all(_dates_match(e.date, event.date) for e in group))


def _pair_keys(event: Event) -> list[frozenset[str]]:
    people = sorted(set(event.participants))
    return [frozenset(pair) for pair in combinations(people, 2)] or [frozenset(people)]


def _detail_key(event: Event) -> tuple:
    """Most detailed first: a day before a month before none, an outcome before a plan."""
    status = STATUS_RANK.index(event.status) if event.status in STATUS_RANK else len(STATUS_RANK)
    return (-_precision(event.date), status, event.location is None, -len(set(event.participants)),
            _subtype_rank(event.subtype), event.evidence.doc_id, event.evidence.start, event.id)


def _precision(date: str | None) -> int:
    """3 for YYYY-MM-DD, 2 for YYYY-MM, 1 for YYYY, 0 for no date."""
    return len(date.split("-")) if date else 0


def _dates_match(first: str | None, second: str | None) -> bool:
    """A missing date matches any; a month matches its days, a year its months and days."""
    if first is None or second is None or first == second:
        return True
    return first.startswith(second + "-") or second.startswith(first + "-")


@lru_cache(maxsize=1)
def _subtype_precedence() -> tuple[str, ...]:
    from kg.rules import load_rules

    return tuple(load_rules("meetings")["subtype_precedence"])


def _subtype_rank(subtype: str | None) -> int:
    precedence = _subtype_precedence()
    return precedence.index(subtype) if subtype in precedence else len(precedence)


def _group_actors(group: Sequence[Event]) -> list[tuple[str, str]]:
    """The (role, entity id) pairs of a group's reports, participants merged, in a stable order."""
    if len(group) == 1:
        return event_actors(group[0])
    participants = sorted({p for event in group for p in event.participants})
    places = sorted({event.location for event in group if event.location})
    speakers = sorted({event.speaker for event in group if event.speaker})
    return ([("participant", p) for p in participants] + [("speaker", s) for s in speakers]
            + [("location", place) for place in places])


def _group_attributes(group: Sequence[Event], documents: dict[str, dict]) -> dict[str, Any]:
    primary = group[0]
    attributes = _event_attributes(primary, documents)
    if len(group) > 1:
        # the most specific kind any report gives ("talks" over "meet"), with its code
        donor = min(group, key=lambda e: (_subtype_rank(e.subtype), _detail_key(e)))
        if donor.subtype != primary.subtype:
            label = donor.subtype or donor.type
            attributes.update(subtype=donor.subtype, cameo=donor.cameo,
                              label=f"{donor.type}: {label}" if label != donor.type else donor.type)
        attributes["confidence"] = max(e.confidence for e in group)
    reports = sorted((_report(e) for e in group), key=lambda r: (r["doc_id"], r["start"], r["event"]))
    attributes.update(
        report_count=len(reports),
        reports=reports,
        documents=sorted({e.evidence.doc_id for e in group}),
        dates=sorted({e.date for e in group if e.date}),
        conflicts=_conflicts(group),
    )
    return attributes


def _report(event: Event) -> dict[str, Any]:
    evidence = event.evidence
    return {"event": event.id, "doc_id": evidence.doc_id, "sentence": evidence.sentence,
            "start": evidence.start, "end": evidence.end, "rule": evidence.rule,
            "date": event.date, "location": event.location, "status": event.status}


def _conflicts(group: Sequence[Event]) -> list[str]:
    """The details the reports disagree on; a plan followed by its outcome is no conflict."""
    conflicts = []
    dates = sorted({e.date for e in group if e.date})
    if any(not _dates_match(a, b) for a, b in combinations(dates, 2)):
        conflicts.append("date")
    if len({e.location for e in group if e.location}) > 1:
        conflicts.append("location")
    if len({e.status for e in group} - {"planned"}) > 1:
        conflicts.append("status")
    return conflicts


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
