"""The event graph on disk, for corpora too big to hold: read like a NetworkX graph, a node at a time.

:func:`store_graph` assembles the graph (:func:`kg.graph.assemble.assemble_into`, the code
:func:`kg.graph.build_graph` runs) into a SQLite file instead of memory. A
:class:`StoredGraph` answers the part of NetworkX's reading interface kg's exports use
(``G.graph``, ``G.nodes(data=True)``, ``G.nodes[n]``, ``n in G``,
``G.edges(keys=True, data=True)``, ``G.out_edges(n, keys=True)``, ``G.number_of_nodes()``)
by streaming rows, so writing RDF, node-link JSON or GraphML from it holds one node at a
time; :meth:`StoredGraph.to_networkx` materialises the graph, or part of it (the page
draws a selected subgraph of a huge corpus).

Nodes and edges keep the order :func:`kg.graph.build_graph` adds them in, so every
export made from a stored graph is byte-identical to the one made from the NetworkX graph.

Examples
--------
>>> import tempfile
>>> from kg.graph import build_graph
>>> from kg.model import Document, Entity, Event, Evidence, Extraction
>>> doc = Document(id="d1", text="Lavrov met Karzai.")
>>> ev = Evidence(doc_id="d1", start=0, end=18, sentence=doc.text)
>>> people = (Entity("p:k", "Karzai", "PERSON"), Entity("p:l", "Lavrov", "PERSON"))
>>> records = [Extraction(doc, people, (Event("m1", "meeting", "meet", ev, participants=("p:l", "p:k")),))]
>>> with store_graph(records, Path(tempfile.mkdtemp()) / "graph.sqlite") as G:
...     sorted(v for _, v, key in G.out_edges("m1", keys=True)), G.nodes["p:k"]["label"]
...     H = G.to_networkx()
(['p:k', 'p:l'], 'Karzai')
>>> list(H.nodes(data=True)) == list(build_graph(records).nodes(data=True))
True
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.assemble import assemble_into, gc_paused
from kg.model import Extraction

__all__ = ["HOLD_LIMIT", "StoredGraph", "page_graph", "store_graph"]

_SCHEMA = """
CREATE TABLE graph (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, attributes TEXT NOT NULL);
CREATE TABLE nodes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, attributes TEXT NOT NULL);
CREATE TABLE edges (seq INTEGER PRIMARY KEY, u TEXT NOT NULL, v TEXT NOT NULL, key TEXT NOT NULL,
                    attributes TEXT NOT NULL, u_seq INTEGER NOT NULL, pair_seq INTEGER NOT NULL, UNIQUE (u, v, key));
"""
_BATCH = 512


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def store_graph(extractions: Iterable[Extraction], path: str | Path, *, merge_events: bool = True,
                attributes: Mapping[str, Any] | None = None) -> StoredGraph:
    """Assemble the event graph of ``extractions`` into a new file at ``path``.

    ``attributes`` are graph attributes (``model``, ``kg_version``) stored after
    ``documents``, as :func:`kg.run.assemble` sets them on a NetworkX graph. The scratch
    tables of the assembly go to a file beside ``path``, removed at the end.
    """
    path = Path(path)
    scratch = path.with_name(path.name + ".scratch")
    for stale in (path, scratch):
        if stale.exists():
            stale.unlink()
    db = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)  # read-only once made
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_SCHEMA)
    db.execute("CREATE INDEX edges_by_u ON edges (u, v, seq)")
    db.execute("BEGIN")
    try:
        with gc_paused():
            sink = _SQLiteSink(db)
            assemble_into(sink, extractions, merge_events=merge_events, scratch=scratch)
            sink.finish()
        for key, value in (attributes or {}).items():
            db.execute("INSERT OR REPLACE INTO graph VALUES (?, ?)", (key, _dumps(value)))
        db.execute("CREATE INDEX edges_by_order ON edges (u_seq, pair_seq, seq)")
        db.execute("COMMIT")
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        raise
    finally:
        scratch.unlink(missing_ok=True)
    return StoredGraph(path, db)


class _SQLiteSink:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def set_documents(self, documents: Iterable[tuple[str, dict[str, Any]]]) -> None:
        self.db.executemany("INSERT INTO documents (id, attributes) VALUES (?, ?)",
                            ((doc_id, _dumps(data)) for doc_id, data in documents))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT attributes FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def add_node(self, node: str, attributes: dict[str, Any]) -> None:
        self.db.execute("INSERT INTO nodes (id, attributes) VALUES (?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes", (node, _dumps(attributes)))

    def add_edge(self, u: str, v: str, key: str, attributes: dict[str, Any]) -> None:
        self.db.execute("INSERT INTO edges (u, v, key, attributes, u_seq, pair_seq) VALUES (?, ?, ?, ?, 0, 0) "
                        "ON CONFLICT (u, v, key) DO UPDATE SET attributes = excluded.attributes",
                        (u, v, key, _dumps(attributes)))

    def finish(self) -> None:
        """NetworkX iterates edges by source node, then by neighbour in the order each was
        first linked, then by key: ``u_seq`` and ``pair_seq`` give that order."""
        self.db.execute("UPDATE edges SET u_seq = (SELECT seq FROM nodes WHERE id = edges.u), "
                        "pair_seq = (SELECT MIN(e.seq) FROM edges e WHERE e.u = edges.u AND e.v = edges.v)")

    def has_node(self, node: str) -> bool:
        return self.db.execute("SELECT 1 FROM nodes WHERE id = ?", (node,)).fetchone() is not None

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM edges WHERE u = ? AND v = ? AND key = ?",
                               (u, v, key)).fetchone() is not None


def _rows(db: sqlite3.Connection, sql: str, params: tuple = ()) -> Iterator[tuple]:
    cursor = db.execute(sql, params)
    while rows := cursor.fetchmany(_BATCH):
        yield from rows


class _Documents(Mapping):
    """``G.graph["documents"]``: document id -> title, date, URL, source, length, read on demand."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __getitem__(self, doc_id: object) -> dict[str, Any]:
        row = self._db.execute("SELECT attributes FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return json.loads(row[0])

    def __iter__(self) -> Iterator[str]:
        for (doc_id,) in _rows(self._db, "SELECT id FROM documents ORDER BY seq"):
            yield doc_id

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        for doc_id, data in _rows(self._db, "SELECT id, attributes FROM documents ORDER BY seq"):
            yield doc_id, json.loads(data)


class _Nodes:
    """``G.nodes``: callable (``G.nodes(data=True)``) and a mapping (``G.nodes[n]``)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __call__(self, data: bool = False) -> Iterator[Any]:
        if not data:
            return (node for (node,) in _rows(self._db, "SELECT id FROM nodes ORDER BY seq"))
        return ((node, json.loads(attrs)) for node, attrs in
                _rows(self._db, "SELECT id, attributes FROM nodes ORDER BY seq"))

    def __iter__(self) -> Iterator[str]:
        return self()

    def __getitem__(self, node: object) -> dict[str, Any]:
        row = self._db.execute("SELECT attributes FROM nodes WHERE id = ?", (node,)).fetchone()
        if row is None:
            raise KeyError(node)
        return json.loads(row[0])

    def __contains__(self, node: object) -> bool:
        return self._db.execute("SELECT 1 FROM nodes WHERE id = ?", (node,)).fetchone() is not None

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM nodes").fetchone()[0]


class StoredGraph:
    """An event graph in a SQLite file, read like a :class:`networkx.MultiDiGraph`.

    Read-only; made by :func:`store_graph`. Use as a context manager, or :meth:`close`.
    """

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        self.nodes = _Nodes(db)
        self.graph: dict[str, Any] = {"documents": _Documents(db)}
        for key, value in db.execute("SELECT key, value FROM graph ORDER BY rowid"):
            self.graph[key] = json.loads(value)

    @classmethod
    def open(cls, path: str | Path) -> StoredGraph:
        """A new connection to a graph :func:`store_graph` wrote at ``path`` (another
        process's reader: a SQLite connection does not survive a fork)."""
        path = Path(path)
        return cls(path, sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> StoredGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the NetworkX reading interface
    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __iter__(self) -> Iterator[str]:
        return self.nodes()

    def __len__(self) -> int:
        return len(self.nodes)

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM edges").fetchone()[0]

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        """Edges in NetworkX's order: by source node, neighbour, then key."""
        sql = "SELECT u, v, key, attributes FROM edges ORDER BY u_seq, pair_seq, seq"
        for u, v, key, attrs in _rows(self._db, sql):
            yield _edge(u, v, key, attrs, keys, data)

    def out_edges(self, node: Any, keys: bool = False, data: bool = False) -> list[tuple]:
        rows = self._db.execute("SELECT u, v, key, attributes FROM edges WHERE u = ? ORDER BY pair_seq, seq", (node,))
        return [_edge(u, v, key, attrs, keys, data) for u, v, key, attrs in rows]

    def degrees(self) -> Iterator[tuple[str, int]]:
        """``(node, degree)`` for every node, in node order (edges in either direction)."""
        sql = """SELECT n.id, (SELECT COUNT(*) FROM edges WHERE u = n.id) + (SELECT COUNT(*) FROM edges WHERE v = n.id)
                 FROM nodes n ORDER BY n.seq"""
        self._db.execute("CREATE INDEX IF NOT EXISTS edges_by_v ON edges (v)")
        yield from _rows(self._db, sql)

    def to_networkx(self, nodes: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """The graph in memory; with ``nodes``, the subgraph they induce (order kept).

        ``G.graph["documents"]`` holds only the documents the kept nodes cite when
        ``nodes`` is given.
        """
        keep = None if nodes is None else set(nodes)
        H = nx.MultiDiGraph()
        with gc_paused():
            for node, attrs in self.nodes(data=True):
                if keep is None or node in keep:
                    H.add_node(node, **attrs)
            # in the order they were added: the adjacency (successors and predecessors)
            # comes out as build_graph's
            for u, v, key, attrs in _rows(self._db, "SELECT u, v, key, attributes FROM edges ORDER BY seq"):
                if keep is None or (u in keep and v in keep):
                    H.add_edge(u, v, key=key, **json.loads(attrs))
            documents = self.graph["documents"]
            if keep is None:
                H.graph["documents"] = dict(documents.items())
            else:
                cited = {d for _, data in H.nodes(data=True) for d in _cited(data)}
                H.graph["documents"] = {doc_id: data for doc_id, data in documents.items() if doc_id in cited}
        H.graph.update({k: v for k, v in self.graph.items() if k != "documents"})
        return H


def _cited(data: dict[str, Any]) -> Iterator[str]:
    yield from data.get("documents") or ()
    if data.get("doc_id"):
        yield data["doc_id"]


def _edge(u: str, v: str, key: str, attrs: str, keys: bool, data: bool) -> tuple:
    if keys and data:
        return u, v, key, json.loads(attrs)
    if keys:
        return u, v, key
    if data:
        return u, v, json.loads(attrs)
    return u, v


HOLD_LIMIT = 20_000
"""A stored graph of up to this many nodes is drawn whole (:func:`page_graph`); above it the
page draws a selection, since the page shows a few thousand nodes at most anyway."""


def page_graph(G: StoredGraph, *, focus: str | None = None, depth: int = 2, date_from: Any = None,
               date_to: Any = None, max_nodes: int = 3000, hold: int = HOLD_LIMIT) -> nx.MultiDiGraph:
    """The part of a stored graph the page is drawn from, in memory.

    A graph of at most ``hold`` nodes comes whole (the page then selects as it does for
    any NetworkX graph). A larger one is selected in the store first: events outside
    ``[date_from, date_to]`` left out, then the nodes within ``depth`` steps of the
    ``focus`` (as :func:`kg.graph.select.select_subgraph` reads both), and, if that still
    leaves more than ``hold`` nodes, the ``max_nodes`` most connected of them (degree in
    the whole graph, ties by id, as :func:`kg.graph.select.keep_most_connected` ranks).
    """
    from kg.graph.select import date_bounds, event_date_range, match_focus

    if G.number_of_nodes() <= hold:
        return G.to_networkx()
    lo = date_bounds(date_from, "date_from")[0] if date_from else None
    hi = date_bounds(date_to, "date_to")[1] if date_to else None
    keep: set[str] | None = None
    if lo or hi:
        def in_range(data: dict[str, Any]) -> bool:
            first, last = event_date_range(data.get("date"))
            return first is not None and (lo is None or last >= lo) and (hi is None or first <= hi)

        keep = {n for n, d in G.nodes(data=True) if d.get("kind") != "event" or in_range(d)}
    if focus is not None:
        centres = [n for n in match_focus(G, focus) if keep is None or n in keep]
        near = set(centres)
        frontier = set(centres)
        for _ in range(depth):
            step = set()
            for node in frontier:
                rows = G._db.execute("SELECT v FROM edges WHERE u = ? UNION SELECT u FROM edges WHERE v = ?",
                                     (node, node))
                step.update(n for (n,) in rows if keep is None or n in keep)
            frontier = step - near
            near |= frontier
        keep = near
    count = G.number_of_nodes() if keep is None else len(keep)
    if count > hold:
        ranked = sorted(((n, d) for n, d in G.degrees() if keep is None or n in keep), key=lambda x: (-x[1], x[0]))
        keep = {n for n, _ in ranked[:max_nodes]}
    H = G.to_networkx(keep)
    H.graph["selected_from"] = G.number_of_nodes()
    return H
