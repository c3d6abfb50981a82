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
report is compared only with the groups filed under one of its pairs of participants and
its own date (a blocking index: near-linear in the number of reports,
``benchmarks/bench_merge.py``). A
report joins a group when it matches the group's primary report, its date matches every
report of the group and no report of the group comes from its own document (the
extractor already merged what one article says about one encounter); a report that
matches two groups (an undated "A met B" when the pair met twice that month) joins
neither and stays its own event. Statements are never merged across documents.
"""
from __future__ import annotations

import gc
import os
import pickle
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from itertools import combinations, groupby
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from kg.graph.places import place_point
from kg.model import Affiliation, Event, Extraction

__all__ = ["GraphSink", "actor_network", "assemble_into", "build_graph", "cluster_meetings", "event_actors",
           "gc_paused", "same_encounter"]

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
    G = nx.MultiDiGraph()
    with gc_paused():
        assemble_into(_NetworkXSink(G), extractions, merge_events=merge_events)
    return G


class GraphSink(Protocol):
    """Where :func:`assemble_into` puts the graph: a NetworkX graph, or a store on disk
    (:class:`kg.graph.stored.StoredGraph`) for corpora too big to hold."""

    def set_documents(self, documents: Iterable[tuple[str, dict[str, Any]]]) -> None: ...
    def document(self, doc_id: str) -> dict[str, Any] | None: ...
    def add_node(self, node: str, attributes: dict[str, Any]) -> None: ...
    def add_edge(self, u: str, v: str, key: str, attributes: dict[str, Any]) -> None: ...
    def has_node(self, node: str) -> bool: ...
    def has_edge(self, u: str, v: str, key: str) -> bool: ...


class _NetworkXSink:
    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G

    def set_documents(self, documents: Iterable[tuple[str, dict[str, Any]]]) -> None:
        self.G.graph["documents"] = dict(documents)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        return self.G.graph["documents"].get(doc_id)

    def add_node(self, node: str, attributes: dict[str, Any]) -> None:
        self.G.add_node(node, **attributes)

    def add_edge(self, u: str, v: str, key: str, attributes: dict[str, Any]) -> None:
        self.G.add_edge(u, v, key=key, **attributes)

    def has_node(self, node: str) -> bool:
        return node in self.G

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return self.G.has_edge(u, v, key=key)


_SCRATCH = """
CREATE TABLE documents (id TEXT PRIMARY KEY, attributes BLOB NOT NULL);
CREATE TABLE entities (id TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT, label TEXT,
                       aliases BLOB NOT NULL, same_as BLOB NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, event BLOB NOT NULL);
CREATE TABLE affiliations (seq INTEGER PRIMARY KEY, person TEXT, organization TEXT, role TEXT, doc_id TEXT,
                           start INTEGER, affiliation BLOB NOT NULL);
"""


def assemble_into(sink: GraphSink, extractions: Iterable[Extraction], *, merge_events: bool,
                  scratch: str | Path = ":memory:") -> None:
    """Assemble the event graph of ``extractions`` into ``sink``, streaming.

    The records are read once, in any order, and never held: documents, entity mentions,
    events and affiliations go to a scratch SQLite database (``scratch``: a file for
    corpora too big for memory), from which the nodes and edges are added in the order
    :func:`build_graph` documents (entities by id, then events by id, then affiliations).
    Only the fields of meeting reports that decide merging (no sentences) are held, for
    :func:`cluster_meetings`.
    """
    db = sqlite3.connect(os.fspath(scratch), isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(_SCRATCH)
        db.execute("BEGIN")
        _collect(db, extractions)
        db.execute("CREATE INDEX entities_by_id ON entities (id, doc_id, seq)")
        db.execute("CREATE INDEX events_by_doc ON events (doc_id, seq)")
        db.execute("COMMIT")
        sink.set_documents((doc_id, pickle.loads(data))
                           for doc_id, data in db.execute("SELECT id, attributes FROM documents ORDER BY id"))
        _add_entities(sink, db)
        _add_events(sink, db, merge_events=merge_events)
        _add_affiliations(sink, db)
    finally:
        db.close()


def _collect(db: sqlite3.Connection, extractions: Iterable[Extraction]) -> None:
    """The records into the scratch tables; ``seq`` keeps the order they came in (for ties)."""
    seq = 0
    for extraction in extractions:
        doc = extraction.document
        db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)", (doc.id, pickle.dumps({
            "title": doc.title, "published": doc.published, "url": doc.url, "source": doc.source,
            "length": len(doc.text)})))
        rows = []
        for entity in extraction.entities:
            seq += 1
            rows.append((entity.id, doc.id, seq, entity.type, entity.name, pickle.dumps(entity.aliases),
                         pickle.dumps(entity.same_as)))
        db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        rows = []
        for event in extraction.events:
            seq += 1
            rows.append((seq, doc.id, pickle.dumps(event)))
        db.executemany("INSERT INTO events VALUES (?, ?, ?)", rows)
        rows = []
        for affiliation in extraction.affiliations:
            seq += 1
            rows.append((seq, affiliation.person, affiliation.organization, affiliation.role or "",
                         affiliation.evidence.doc_id, affiliation.evidence.start, pickle.dumps(affiliation)))
        db.executemany("INSERT INTO affiliations VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _add_entities(sink: GraphSink, db: sqlite3.Connection) -> None:
    """One node per entity id: type and label of its first mention (documents by id), the
    aliases, sameAs links and documents of all of them."""
    rows = db.execute("SELECT id, doc_id, type, label, aliases, same_as FROM entities ORDER BY id, doc_id, seq")
    for entity_id, group in groupby(rows, key=lambda row: row[0]):
        aliases: set[str] = set()
        same_as: set[str] = set()
        documents: set[str] = set()
        node: dict[str, Any] = {}
        for _, doc_id, etype, label, alias_data, same_data in group:
            if not node:
                node = {"kind": "entity", "type": etype, "label": label}
            aliases.update(pickle.loads(alias_data))
            same_as.update(pickle.loads(same_data))
            documents.add(doc_id)
        node.update(aliases=sorted(aliases), same_as=sorted(same_as), documents=sorted(documents))
        node.update(place_point(node))
        sink.add_node(entity_id, node)


def _add_events(sink: GraphSink, db: sqlite3.Connection, *, merge_events: bool) -> None:
    """Event nodes (meeting reports of one encounter merged) and their edges to the actors."""
    def events() -> Iterator[tuple[int, Event]]:
        for seq, data in db.execute("SELECT seq, event FROM events ORDER BY doc_id, seq"):
            yield seq, pickle.loads(data)

    # what merging reads of a meeting report, without its sentence and quotes: the full
    # reports are fetched again by seq, group by group
    briefs: list[Event] = []
    seq_of: dict[int, int] = {}
    singles: list[tuple[str, int]] = []
    for seq, event in events():
        if merge_events and event.type == "meeting":
            brief = replace(event, evidence=replace(event.evidence, sentence=""), quote=None, content=None,
                            trigger=None)
            seq_of[id(brief)] = seq
            briefs.append(brief)
        else:
            singles.append((event.id, seq))
    groups = [(group[0].id, [seq_of[id(e)] for e in group]) for group in cluster_meetings(briefs)]
    del briefs
    groups += [(event_id, [seq]) for event_id, seq in singles]
    documents = _DocumentLookup(sink)
    for _, seqs in sorted(groups, key=lambda g: g[0]):
        group = [pickle.loads(db.execute("SELECT event FROM events WHERE seq = ?", (seq,)).fetchone()[0])
                 for seq in seqs]
        node = group[0].id
        sink.add_node(node, _group_attributes(group, documents))
        for role, entity_id in _group_actors(group):
            if sink.has_node(entity_id):
                sink.add_edge(node, entity_id, role, {"role": role})


class _DocumentLookup:
    """``documents.get(doc_id, {})`` over the sink's documents."""

    def __init__(self, sink: GraphSink) -> None:
        self.sink = sink

    def get(self, doc_id: str, default: Any = None) -> Any:
        found = self.sink.document(doc_id)
        return default if found is None else found


def _add_affiliations(sink: GraphSink, db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT affiliation FROM affiliations ORDER BY person, organization, role, doc_id, start, seq")
    for (data,) in rows:
        affiliation: Affiliation = pickle.loads(data)
        if not sink.has_node(affiliation.person) or not sink.has_node(affiliation.organization):
            continue
        key = f"affiliation:{affiliation.role or ''}"
        if sink.has_edge(affiliation.person, affiliation.organization, key):
            continue  # the same post stated again: the first evidence stands
        sink.add_edge(affiliation.person, affiliation.organization, key, {
            "role": "affiliation", "title": affiliation.role, "current": affiliation.current,
            "confidence": affiliation.confidence, "doc_id": affiliation.evidence.doc_id,
            "sentence": affiliation.evidence.sentence, "start": affiliation.evidence.start,
            "end": affiliation.evidence.end, "rule": affiliation.evidence.rule,
        })


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
    # blocking: a group is found under each pair of its actors, with its primary's date at
    # each precision (day, month, year) and without a date; reports come most detailed
    # first, so a report looks only under its own date (or, undated, under the pair alone)
    blocks: dict[tuple[tuple[str, ...], str | None], list[int]] = defaultdict(list)
    for event in sorted(events, key=_detail_key):
        if event.type != "meeting":
            groups.append([event])
            continue
        pairs = _pair_keys(event)
        candidates = sorted({i for pair in pairs for i in blocks.get((pair, event.date), ())})
        fits: list[int] = []
        for i in candidates:
            if _joins(event, groups[i]):
                fits.append(i)
                if len(fits) == 2:  # two fits: it joins neither
                    break
        if len(fits) == 1:
            groups[fits[0]].append(event)
            continue
        groups.append([event])
        for pair in pairs:
            for date in _date_keys(event.date):
                blocks[(pair, date)].append(len(groups) - 1)
    return [tuple(group) for group in groups]


def _date_keys(date: str | None) -> list[str | None]:
    """The blocks a group whose primary report has ``date`` is filed under.

    Examples
    --------
    >>> _date_keys("2030-03-02")
    [None, '2030', '2030-03', '2030-03-02']
    >>> _date_keys(None)
    [None]
    """
    if not date:
        return [None]
    parts = date.split("-")
    return [None] + ["-".join(parts[:n]) for n in range(1, len(parts) + 1)]


def _joins(event: Event, group: Sequence[Event]) -> bool:
    return (same_encounter(group[0], event)
            and all(e.evidence.doc_id != event.evidence.doc_id for e in group)
            and all(_dates_match(e.date, event.date) for e in group))


def _pair_keys(event: Event) -> list[tuple[str, ...]]:
    """Each pair of the report's participants, sorted (a tuple: a quarter of a frozenset's memory)."""
    people = sorted(set(event.participants))
    return list(combinations(people, 2)) or [tuple(people)]


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


def _group_attributes(group: Sequence[Event], documents: Any) -> dict[str, Any]:
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


def _event_attributes(event: Event, documents: Any) -> dict[str, Any]:
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
