"""The page's tables: what the timeline, the map and an actor's dossier read.

The network views carry vis-network's drawing data; these tables carry the facts, once
each, as plain JSON values (strings, numbers, ids), so the page can answer "what
happened when", "where" and "what do we know about this person" without reading the
drawing:

- ``events``: every event drawn, with its kind, status, date (and the day range the date
  covers), who took part or spoke, where, and the sentence and article it was read in;
- ``entities``: every entity, with its posts (title, organisation, current or former, with
  the evidence), the articles it is named in, and where it is (:mod:`kg.graph.places`);
- ``documents``: title, date and URL of each article; a URL is kept only when it is an
  absolute ``http``/``https`` address, so a link on the page can never run script;
- ``iso``: ISO 3166-1 numeric codes of the countries named, the ids of the world atlas's
  outlines.
"""
from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kg.export.html.view import category, node_id
from kg.graph.select import event_date_range

__all__ = ["page_tables", "safe_url"]


def page_tables(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The events, entities, documents and country codes of ``G``, as the page reads them.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction
    >>> doc = Document("d1", "Minister Ana Silva met Omar Haddad.", url="javascript:alert(1)")
    >>> ev = Evidence("d1", 0, len(doc.text), doc.text)
    >>> people = (Entity("p:a", "Ana Silva", "PERSON"), Entity("p:o", "Omar Haddad", "PERSON"),
    ...           Entity("org:m", "Ministry", "ORG"))
    >>> meeting = Event("m1", "meeting", "meet", ev, participants=("p:a", "p:o"), date="2030-05")
    >>> post = Affiliation("p:a", "org:m", ev, role="minister", current=False)
    >>> tables = page_tables(build_graph([Extraction(doc, people, (meeting,), (post,))]))
    >>> event = tables["events"][0]
    >>> event["who"], event["dlo"], event["dhi"], event["cat"]
    (['p:a', 'p:o'], '2030-05-01', '2030-05-31', 'meeting')
    >>> tables["entities"]["p:a"]["posts"][0]["title"], tables["entities"]["p:a"]["posts"][0]["current"]
    ('minister', False)
    >>> tables["documents"]["d1"]["url"] is None
    True
    """
    documents = G.graph.get("documents", {})
    events: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    countries: set[str] = set()
    for n, d in G.nodes(data=True):
        if d.get("kind") == "event":
            events.append(_event_row(G, n, d))
        else:
            entities[node_id(n)] = _entity_row(G, n, d)
    for row in entities.values():
        countries.update(row.get("home", ()))
        if row.get("country"):
            countries.add(row["country"])
    return {
        "events": events,
        "entities": entities,
        "documents": {str(doc_id): {"title": doc.get("title"), "published": doc.get("published"),
                                    "url": safe_url(doc.get("url"))}
                      for doc_id, doc in documents.items()},
        "iso": {code: numeric for code in sorted(countries) if (numeric := _iso_numeric(code))},
    }


def safe_url(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) address with a host, else None.

    Examples
    --------
    >>> safe_url("https://example.org/news/1"), safe_url("javascript:alert(1)"), safe_url("//x.org/a")
    ('https://example.org/news/1', None, None)
    >>> safe_url("HTTP://Example.org"), safe_url("https:///no-host"), safe_url(None)
    ('HTTP://Example.org', None, None)
    """
    if not isinstance(url, str) or any(ch.isspace() or ord(ch) < 32 for ch in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


# --- rows --------------------------------------------------------------------------------
def _event_row(G: nx.MultiDiGraph, n: Hashable, d: dict[str, Any]) -> dict[str, Any]:
    roles: dict[str, list[str]] = {"participant": [], "speaker": [], "location": []}
    for _, v, key in G.out_edges(n, keys=True):
        if key in roles:
            roles[str(key)].append(node_id(v))
    dlo, dhi = event_date_range(d.get("date"))
    reports = d.get("reports") or ()
    return {
        "id": node_id(n), "type": d.get("type"), "kind": d.get("subtype"), "cat": category(d),
        "status": d.get("status") or "occurred", "date": d.get("date"), "dlo": dlo, "dhi": dhi,
        "who": sorted(roles["participant"]) or roles["speaker"][:1],
        "place": roles["location"][0] if roles["location"] else None,
        "doc": d.get("doc_id"), "sentence": d.get("sentence"), "quote": d.get("quote"), "content": d.get("content"),
        "docs": sorted({str(r.get("doc_id")) for r in reports if r.get("doc_id") is not None}
                       | ({str(d["doc_id"])} if d.get("doc_id") is not None else set())),
    }


def _entity_row(G: nx.MultiDiGraph, n: Hashable, d: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"name": str(d.get("label") or ""), "type": d.get("type"), "cat": category(d),
                           "aliases": list(d.get("aliases") or ()), "docs": list(d.get("documents") or ())}
    for key in ("lat", "lon", "country"):
        if d.get(key) is not None:
            row[key] = d[key]
    posts = []
    home: list[str] = []
    for _, org, e in G.out_edges(n, data=True):
        if e.get("role") != "affiliation":
            continue
        posts.append({"org": node_id(org), "title": e.get("title"), "current": e.get("current"),
                      "doc": e.get("doc_id"), "sentence": e.get("sentence")})
        country = G.nodes[org].get("country")
        if country and G.nodes[org].get("type") == "GPE" and country not in home:
            home.append(country)  # "foreign minister of Kenya": Kenya is where they come from
    if d.get("type") == "GPE" and d.get("country"):
        home.append(d["country"])
    if posts:
        row["posts"] = posts
    if home:
        row["home"] = home
    return row


@lru_cache(maxsize=512)
def _iso_numeric(alpha2: str) -> str | None:
    import pycountry  # a dependency of kg (the gazetteer's alias tables)

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.numeric if country else None
