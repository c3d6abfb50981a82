"""Choosing part of the graph: a date range, an actor's neighbourhood, the most connected.

Graph operations the page uses to draw a readable subgraph, and that analysts use to
restrict a large graph before any export. Every function keeps ``G``'s node and edge
order, so what is drawn from it is byte-identical across runs and hash seeds.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Hashable, Iterable
from datetime import date as _date
from typing import Any

import networkx as nx

from kg.graph.assemble import actor_network
from kg.ids import normalise_name
from kg.model import Document

__all__ = ["check_focus", "date_bounds", "event_date_range", "induced_subgraph", "keep_most_connected",
           "match_focus", "select_subgraph", "truncate_view"]

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def select_subgraph(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    date_from: str | _date | None = None,
    date_to: str | _date | None = None,
) -> nx.MultiDiGraph:
    """Restrict the event graph to a date range and to an actor's neighbourhood.

    Events outside ``[date_from, date_to]`` are dropped (undated events too, once either
    bound is given; partial dates such as ``2023-05`` count as the whole month), and so
    are entities left without any edge by that. ``focus`` then keeps the nodes within
    ``depth`` steps of the matching node(s), edges taken in both directions: depth 2 from an
    actor reaches its events and the other actors of those events.

    Parameters
    ----------
    G
        The event graph of :func:`kg.graph.build_graph`.
    focus
        A node id or label, matched case-insensitively: entities by id, label or alias
        first, then any node by id. All entities sharing that label are centres.
    depth
        Steps from the focus node(s); 0 keeps the focus node alone.
    date_from, date_to
        Inclusive bounds, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a ``datetime.date``).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph (a copy), with ``G.graph`` copied.

    Raises
    ------
    ValueError
        If ``focus`` matches no node, or a date is malformed, or ``depth`` is negative.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p:a", kind="entity", type="PERSON", label="Ann")
    >>> G.add_node("p:b", kind="entity", type="PERSON", label="Bob")
    >>> G.add_node("p:c", kind="entity", type="PERSON", label="Cy")
    >>> G.add_node("m1", kind="event", type="meeting", date="2023-05-02")
    >>> G.add_node("m2", kind="event", type="meeting", date="2024-01")
    >>> _ = G.add_edge("m1", "p:a", key="participant"); _ = G.add_edge("m1", "p:b", key="participant")
    >>> _ = G.add_edge("m2", "p:b", key="participant"); _ = G.add_edge("m2", "p:c", key="participant")
    >>> sorted(select_subgraph(G, focus="ann", depth=2))
    ['m1', 'p:a', 'p:b']
    >>> sorted(select_subgraph(G, date_from="2024"))
    ['m2', 'p:b', 'p:c']
    """
    if depth < 0:
        raise ValueError(f"depth {depth}: expected 0 or more steps")
    lo = date_bounds(date_from, "date_from")[0] if date_from else None
    hi = date_bounds(date_to, "date_to")[1] if date_to else None
    if lo and hi and lo > hi:
        raise ValueError(f"date_from {date_from} is after date_to {date_to}")
    H: nx.MultiDiGraph = G
    if lo or hi:
        keep = [n for n, d in G.nodes(data=True)
                if d.get("kind") != "event" or _in_range(d.get("date"), lo, hi)]
        H = induced_subgraph(G, keep)
        # an entity whose only links were to the dropped events goes with them
        H = induced_subgraph(H, [n for n in H if H.degree(n) or not G.degree(n)])
    if focus is not None:
        centres = match_focus(H, focus)
        if not centres:
            raise ValueError(_no_match_message(G, H, focus))
        undirected = H.to_undirected(as_view=True)
        near: set[Hashable] = set()
        for centre in centres:
            near.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
        H = induced_subgraph(H, near)
    return H.copy()


def keep_most_connected(G: nx.Graph, max_nodes: int) -> nx.Graph:
    """Keep the ``max_nodes`` nodes of highest degree and the edges among them.

    Ties are broken by node id, so the choice is deterministic. A graph already small
    enough is returned as it is (the same object).

    Parameters
    ----------
    G
        Any NetworkX graph.
    max_nodes
        How many nodes to keep, at least 1.

    Returns
    -------
    networkx.Graph
        ``G`` itself, or a new graph of the same class with ``G.graph`` copied.

    Examples
    --------
    >>> G = nx.star_graph(5)       # hub 0 and leaves 1..5
    >>> G.add_edge(1, 2)
    >>> sorted(keep_most_connected(G, 3))
    [0, 1, 2]
    >>> keep_most_connected(G, 10) is G
    True
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes {max_nodes}: expected at least 1")
    if G.number_of_nodes() <= max_nodes:
        return G
    ranked = sorted(G.degree, key=lambda item: (-item[1], str(item[0])))[:max_nodes]
    return induced_subgraph(G, [node for node, _ in ranked])


def _date_text(value: str | _date | None, name: str) -> str:
    """``value`` as ``YYYY[-MM[-DD]]`` text, refused unless it is a day, month or year of the calendar."""
    text = value.isoformat() if isinstance(value, _date) else str(value).strip()
    try:
        valid = bool(_DATE.match(text)) and bool(_date.fromisoformat(_span(text)[0]))
    except ValueError:  # month 13, day 30 of February, year 0
        valid = False
    if not valid:
        raise ValueError(f"{name} {str(value)!r}: not a date; expected {DATE_FORMS}")
    return text


def _span(text: str) -> tuple[str, str]:
    return text + "-01-01"[len(text) - 4:], text + "-12-31"[len(text) - 4:]


def date_bounds(value: str | _date | None, name: str = "date") -> tuple[str, str]:
    """The first and last day a (partial) date stands for, as comparable strings.

    ``name`` is what the caller calls the value, for the message of a ``ValueError``
    when it is not a date of the calendar.

    Examples
    --------
    >>> date_bounds("2031-05")
    ('2031-05-01', '2031-05-31')
    >>> date_bounds("2031-99-99", "--from")
    Traceback (most recent call last):
    ValueError: --from '2031-99-99': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD
    >>> date_bounds("0000", "--to")
    Traceback (most recent call last):
    ValueError: --to '0000': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD
    """
    return _span(_date_text(value, name))


def event_date_range(value: Any) -> tuple[str | None, str | None]:
    if not value or not _DATE.match(str(value)):
        return None, None
    return _span(str(value))


def _in_range(value: Any, lo: str | None, hi: str | None) -> bool:
    first, last = event_date_range(value)
    if first is None or last is None:
        return False
    return (lo is None or last >= lo) and (hi is None or first <= hi)


def match_focus(G: nx.Graph, focus: str) -> list[Hashable]:
    wanted = focus.strip().casefold()
    entities = [(n, d) for n, d in G.nodes(data=True) if d.get("kind") == "entity"]
    for candidates in (
        [n for n, _ in entities if str(n).casefold() == wanted],
        [n for n, d in entities if str(d.get("label", "")).casefold() == wanted],
        [n for n, d in entities if wanted in {str(a).casefold() for a in d.get("aliases", ())}],
        [n for n in G if str(n).casefold() == wanted],
    ):
        if candidates:
            return sorted(candidates, key=str)
    return []


def _no_match_message(G: nx.Graph, H: nx.Graph, focus: str) -> str:
    if H is not G and match_focus(G, focus):
        return f"focus {focus!r}: the actor has no events in the date range"
    names = sorted({str(d.get("label")) for _, d in G.nodes(data=True)
                    if d.get("kind") == "entity" and d.get("label")})
    close = difflib.get_close_matches(focus, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    return f"focus {focus!r}: no actor with that name, id or alias{hint}"


def check_focus(documents: Iterable[Document], focus: str, *, name: str = "focus") -> None:
    """Refuse, before any extraction, a focus that no actor of these documents can match.

    An actor's name, id and aliases come from the words of the articles, or from kg's
    lexicons (countries and their demonyms, regions, cities, organisations' short forms):
    a focus with a word that none of the documents holds and that no lexicon knows cannot
    match (a typo), and extracting them all first would only say so later. Passing this
    check does not promise a match; :func:`select_subgraph` decides on the graph.

    Raises
    ------
    ValueError
        Naming the missing word and, when the documents hold close ones, suggesting them.

    Examples
    --------
    >>> docs = [Document("a1", "Foreign Minister Ana Silva met Omar Haddad in Rabat.")]
    >>> check_focus(docs, "ana silva"); check_focus(docs, "person:omar-haddad"); check_focus(docs, "Morocco")
    >>> check_focus(docs, "Omar Hadad", name="--focus")
    Traceback (most recent call last):
    ValueError: --focus 'Omar Hadad': no article mentions 'hadad'; did you mean 'Haddad'?
    """
    wanted = normalise_name(focus)
    if not wanted:
        raise ValueError(f"{name} {focus!r}: expected an actor's name or id")
    kind, colon, slug = wanted.partition(":")
    if colon and " " not in wanted:
        if kind in ("meeting", "statement"):
            return  # an event's id is a hash: only the graph can tell
        words = slug.split("-")
    else:
        words = re.findall(r"\w+", _fold(wanted))
    spellings: set[str] = set()
    for document in documents:
        spellings.update(re.findall(r"\w+", f"{document.title or ''} {document.text}"))
    vocabulary = {_fold(word): word for word in sorted(spellings, reverse=True)}  # "Haddad" over "haddad"
    missing = [word for word in words if word not in vocabulary]
    if not missing or _in_lexicons(focus):
        return
    close = difflib.get_close_matches(missing[0], [w for w, form in vocabulary.items() if form[:1].isupper()],
                                      n=3, cutoff=0.75)
    hint = f"; did you mean {', '.join(repr(vocabulary[w]) for w in close)}?" if close else ""
    raise ValueError(f"{name} {focus!r}: no article mentions {missing[0]!r}{hint}")


def _fold(text: str) -> str:
    """Case and accents folded, as entity ids fold them: "Káčer" and "kacer" agree."""
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()


def _in_lexicons(focus: str) -> bool:
    """A name kg's lexicons resolve without the article spelling it ("Russia" from "Russian")."""
    from kg.extraction import gazetteer
    from kg.rules import load_rules

    wanted = normalise_name(focus)
    organisations = load_rules("organizations")["organizations"]
    return (gazetteer.lookup_place(focus) is not None
            or any(normalise_name(name) == wanted for name in organisations))


def truncate_view(G: nx.MultiDiGraph, view: str, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The graph to draw for a view (at most ``max_nodes`` nodes) and the view's full size."""
    if view == "events":
        return keep_most_connected(G, max_nodes), G.number_of_nodes()
    # actor view: rank actors by their degree in the actor network, then keep the events
    # so that the actor view of the result is the truncated actor network
    A = actor_network(G)
    if A.number_of_nodes() <= max_nodes:
        return G, A.number_of_nodes()
    kept = set(keep_most_connected(A, max_nodes))
    keep = kept | {n for n, d in G.nodes(data=True) if d.get("kind") == "event"}
    return induced_subgraph(G, keep), A.number_of_nodes()


def induced_subgraph(G: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """A copy of the subgraph induced by ``nodes``, in ``G``'s node and edge order.

    Unlike ``G.subgraph(nodes).copy()``, the order does not follow a set's iteration order,
    which changes with PYTHONHASHSEED; the page must be byte-identical across runs.
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H
