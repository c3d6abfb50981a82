"""The event graph as pandas DataFrames: entities, events and affiliations, one row each.

>>> entities, events, affiliations = kg.frames(result)  # doctest: +SKIP
>>> events.groupby(events.date.dt.year).size()  # doctest: +SKIP

kg's dates are as precise as the article: ``2031-05-28``, ``2031-05`` or ``2031``, which
``pd.to_datetime`` refuses to mix without ``format="ISO8601"``. Here ``date`` is a
datetime column already (the first day of the month or year a partial date stands for,
``NaT`` when undated), ``precision`` says ``day``, ``month`` or ``year``, and
``date_text`` keeps kg's own text; ``published`` is the reporting article's publication
date, read the same way (an undated statement was made by then). Participants, speaker and place come as names and as
entity ids, so a row reads alone and joins back to ``entities`` on ``id``. Needs pandas
(``pip install 'kg[pandas]'``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from kg.errors import KGError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Frames", "frames"]

PRECISIONS = {10: "day", 7: "month", 4: "year"}  # length of YYYY-MM-DD, YYYY-MM, YYYY

ENTITY_COLUMNS = ("id", "name", "type", "aliases", "same_as", "documents")
EVENT_COLUMNS = ("id", "type", "subtype", "date", "precision", "date_text", "published", "status", "participants",
                 "participant_ids", "speaker", "speaker_id", "place", "place_id", "quote", "content", "trigger",
                 "cameo", "plover", "confidence", "report_count", "doc_id", "sentence", "start", "end")
AFFILIATION_COLUMNS = ("person", "person_id", "organization", "organization_id", "title", "current",
                       "confidence", "doc_id", "sentence", "start", "end")


class Frames(NamedTuple):
    """The three tables; unpack them (``entities, events, affiliations = kg.frames(result)``)."""

    entities: pd.DataFrame
    events: pd.DataFrame
    affiliations: pd.DataFrame


def frames(source: Any) -> Frames:
    """Entities, events and affiliations of a kg graph as pandas DataFrames.

    Parameters
    ----------
    source
        A :class:`kg.run.BuildResult` (anything with a ``graph``) or the event graph
        itself, as built or as read back from ``graph.json``.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Document, Entity, Event, Evidence, Extraction
    >>> ev = Evidence("d1", 0, 27, "Lavrov met Karzai in Kabul.")
    >>> people = (Entity("p:lavrov", "Sergei Lavrov", "PERSON"), Entity("p:karzai", "Hamid Karzai", "PERSON"))
    >>> talks = (Event("m1", "meeting", "meet", ev, participants=("p:lavrov", "p:karzai"), date="2009-11"),
    ...          Event("m2", "meeting", "meet", ev, participants=("p:lavrov", "p:karzai"), date="2009-11-03"))
    >>> events = frames(build_graph([Extraction(Document("d1", ev.sentence), people, talks)])).events
    >>> events[["date", "precision", "participants"]]  # doctest: +NORMALIZE_WHITESPACE
            date precision                   participants
    0 2009-11-01     month  [Hamid Karzai, Sergei Lavrov]
    1 2009-11-03       day  [Hamid Karzai, Sergei Lavrov]
    """
    try:
        import pandas as pd
    except ImportError:
        raise KGError("kg.frames needs pandas: pip install 'kg[pandas]' (or pip install pandas)") from None
    G = source if isinstance(source, nx.Graph) else getattr(source, "graph", None)  # a graph has .graph too
    if not isinstance(G, nx.MultiDiGraph):
        raise KGError(f"kg.frames: expected a build result or kg's event graph, got {type(source).__name__}")
    entities = [_entity_row(node, data) for node, data in G.nodes(data=True) if data.get("kind") == "entity"]
    events = [_event_row(G, node, data) for node, data in G.nodes(data=True) if data.get("kind") == "event"]
    affiliations = [_affiliation_row(G, u, v, data) for u, v, data in G.edges(data=True)
                    if data.get("role") == "affiliation"]
    event_frame = pd.DataFrame(events, columns=list(EVENT_COLUMNS))
    # the first day of the period: "2031-05" -> 2031-05-01; one explicit format, so no guessing
    for column, text in (("date", "date_text"), ("published", "published")):
        padded = event_frame[text].map(lambda value: _first_day(value) if isinstance(value, str) else None)
        event_frame[column] = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
    return Frames(
        pd.DataFrame(entities, columns=list(ENTITY_COLUMNS)),
        event_frame,
        pd.DataFrame(affiliations, columns=list(AFFILIATION_COLUMNS)).astype({"current": "boolean"}),
    )


def _first_day(text: str) -> str | None:
    return text + "-01-01"[len(text) - 4:] if len(text) in PRECISIONS else None


def _entity_row(node: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": node, "name": data.get("label"), "type": data.get("type"),
            "aliases": sorted(data.get("aliases") or ()), "same_as": sorted(data.get("same_as") or ()),
            "documents": sorted(data.get("documents") or ())}


def _event_row(G: nx.MultiDiGraph, node: str, data: dict[str, Any]) -> dict[str, Any]:
    actors: dict[str, list[str]] = {"participant": [], "speaker": [], "location": []}
    for _, target, role in G.out_edges(node, data="role"):
        if role in actors:
            actors[role].append(target)
    participants = sorted(actors["participant"], key=lambda n: (_name(G, n), n))
    date = data.get("date")
    row = {column: data.get(column) for column in EVENT_COLUMNS if column in data}
    row.update(
        id=node, date=None, date_text=date, published=data.get("doc_published"), precision=PRECISIONS.get(len(date)) if isinstance(date, str) else None,
        participants=[_name(G, n) for n in participants], participant_ids=participants,
        speaker=_first_name(G, actors["speaker"]), speaker_id=min(actors["speaker"], default=None),
        place=_first_name(G, actors["location"]), place_id=min(actors["location"], default=None),
        report_count=data.get("report_count", 1),
    )
    return row


def _affiliation_row(G: nx.MultiDiGraph, person: str, organization: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"person": _name(G, person), "person_id": person, "organization": _name(G, organization),
            "organization_id": organization, "title": data.get("title"), "current": data.get("current"),
            "confidence": data.get("confidence"), "doc_id": data.get("doc_id"), "sentence": data.get("sentence"),
            "start": data.get("start"), "end": data.get("end")}


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


def _first_name(G: nx.MultiDiGraph, nodes: list[str]) -> str | None:
    return _name(G, min(nodes)) if nodes else None
