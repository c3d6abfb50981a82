"""What a run produced: the records, the graph, the skipped documents, and the exports.

Records and graph live on disk (:class:`kg.store.RecordStore`, :class:`kg.graph.stored.StoredGraph`),
so a run of any size holds one document, one node at a time while it writes its exports;
``result.extractions`` and ``result.graph`` load them into memory on first use, for
notebooks and analyses of corpora that fit.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

import kg
from kg.errors import IngestError, KGError
from kg.graph import actor_network
from kg.graph.stored import StoredGraph, page_graph, store_graph
from kg.model import Extraction

__all__ = ["FORMATS", "OUTPUT_FILES", "STORE_DIR", "BuildResult", "assemble", "assemble_records", "parse_formats"]


OUTPUT_FILES = ("extraction.json", "graph.json", "graph.graphml", "graph.ttl", "graph.nq", "graph.html")
STORE_DIR = "graph.oxigraph"
FORMATS = {"json": "extraction.json", "graph.json": "graph.json", "graphml": "graph.graphml", "ttl": "graph.ttl",
           "nq": "graph.nq", "html": "graph.html", "store": STORE_DIR}
"""``--formats`` names and the file each writes (``graph.json`` is the node-link graph,
``json`` the extraction records, ``store`` the Oxigraph store of ``graph.nq``'s quads,
:mod:`kg.export.rdf.store`, which is not written unless asked for)."""


def parse_formats(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """The export files named by ``--formats`` (``nq,ttl,html``), in :data:`OUTPUT_FILES` order.

    Examples
    --------
    >>> parse_formats("html, nq")
    ('graph.nq', 'graph.html')
    >>> parse_formats(None) == OUTPUT_FILES
    True
    >>> parse_formats("pdf")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --formats: unknown format 'pdf'; expected json, graph.json, graphml, ttl, nq, html, store or all
    >>> parse_formats("store")
    ('graph.nq', 'graph.oxigraph')
    """
    if text is None:
        return OUTPUT_FILES
    names = [part.strip() for part in (text.split(",") if isinstance(text, str) else text) if part.strip()]
    if not names:
        raise KGError(f"--formats: expected one or more of {', '.join(FORMATS)}")
    if "all" in names:
        return OUTPUT_FILES
    for name in names:
        if name not in FORMATS and name not in FORMATS.values():
            raise KGError(f"--formats: unknown format {name!r}; expected {', '.join(FORMATS)} or all")
    wanted = {FORMATS.get(name, name) for name in names}
    if STORE_DIR in wanted:
        wanted.add("graph.nq")  # the store holds graph.nq's quads, updated from its difference
    return tuple(name for name in (*OUTPUT_FILES, STORE_DIR) if name in wanted)


class BuildResult:
    """What one run produced: the records, the graph and the documents it skipped.

    Parameters
    ----------
    records
        Called with no argument, gives the run's records sorted by document id, resolved
        across documents (read again from the store on each call).
    graph
        The event graph on disk.
    model
        The spaCy model(s) that read the documents.
    skipped
        The documents that could not be read.
    keep
        Objects whose lifetime is the result's (the temporary folder holding the files).
    """

    def __init__(self, records: Callable[[], Iterator[Extraction]], graph: StoredGraph, model: str,
                 skipped: list[IngestError] | None = None, keep: Sequence[Any] = ()) -> None:
        self._records = records
        self.stored_graph = graph
        self.model = model
        self.skipped = list(skipped or [])
        self.digests: dict[str, str] = {}  # file name -> sha256 of the exports last written
        self._keep = list(keep)
        self.store: Any = None  # the kg.store.RecordStore the records come from, if any
        self._extractions: list[Extraction] | None = None
        self._graph: nx.MultiDiGraph | None = None

    def close(self) -> None:
        """Close the stored graph and records and remove their temporary files now
        (otherwise they go when the result is collected)."""
        self.stored_graph.close()
        if self.store is not None:
            self.store.close()
        for kept in self._keep:
            cleanup = getattr(kept, "cleanup", None)
            if cleanup is not None:
                cleanup()

    @property
    def extractions(self) -> list[Extraction]:
        """Every record, sorted by document id (loaded into memory on first use)."""
        if self._extractions is None:
            self._extractions = list(self._records())
        return self._extractions

    def records(self) -> Iterator[Extraction]:
        """The records one at a time, sorted by document id, without holding them."""
        return iter(self._extractions) if self._extractions is not None else self._records()

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The event graph as a NetworkX graph (loaded into memory on first use)."""
        if self._graph is None:
            self._graph = self.stored_graph.to_networkx()
        return self._graph

    def actor_network(self) -> nx.Graph:
        """Who met whom (weighted) and who is affiliated with whom."""
        return actor_network(self.graph)

    def frames(self):
        """Entities, events and affiliations as pandas DataFrames (:func:`kg.export.frames.frames`)."""
        from kg.export.frames import frames

        return frames(self.graph)

    def to_rdf(self, **options):
        """The graph as an rdflib Graph (the union of kg's named graphs)."""
        from kg.export.rdf import to_rdf

        return to_rdf(self.graph, **options)

    def show(self, **options):
        """Display the interactive network inline in Jupyter."""
        from kg.export.html import show

        return show(self.graph, **options)

    def write(self, output: str | Path = "output", *, formats: Iterable[str] | None = None, processes: int = 1,
              **html_options) -> list[Path]:
        """Write the exports into ``output`` (all, or the files ``formats`` names); returns the paths.

        Each file is streamed from the records and the stored graph into a temporary file
        beside it; all are renamed into place once every one is written, so a failure
        leaves the previous outputs. With ``processes`` above 1 (and a stored graph, on a
        system that forks), the RDF files are written by a second process while this one
        writes the others: the same bytes, in about half the time on two cores.
        ``html_options`` go to :func:`kg.export.html.render_html` (``focus``, ``depth``,
        ``date_from``, ``date_to``, ``max_nodes``).
        """
        from kg.atomic import staged_files
        from kg.export.extraction_json import write_extraction_json_to
        from kg.export.graph_files import write_graphml_to, write_node_link_to
        from kg.export.html import render_html
        from kg.export.rdf.serialise import write_rdf_to

        folder = Path(output)
        names = tuple(name for name in parse_formats(formats) if name != STORE_DIR)  # kg.corpus keeps the store
        page = None
        if "graph.html" in names:  # a bad --focus fails before any file is touched
            page_options = {k: v for k, v in html_options.items() if k in ("focus", "depth", "date_from", "date_to")}
            if "max_nodes" in html_options:
                page_options["max_nodes"] = html_options["max_nodes"]
            drawn = self._graph if self._graph is not None else page_graph(self.stored_graph, **page_options)
            page = render_html(drawn, **html_options).encode("utf-8")
        paths = [folder / name for name in names]
        with staged_files(paths) as staged:
            files = {path.name: handle for path, handle in staged.items()}
            rdf = [(fmt, files[name]) for fmt, name in (("turtle", "graph.ttl"), ("nquads", "graph.nq"))
                   if name in files]  # graph.ttl: the union graph; graph.nq: a named graph per assertion
            aside = _RDFAside(self.stored_graph.path, rdf, folder) if rdf and processes > 1 and _can_fork() else None
            try:
                if "extraction.json" in files:
                    write_extraction_json_to(self.records(), files["extraction.json"].write)
                if "graph.json" in files:
                    write_node_link_to(self.stored_graph, files["graph.json"].write)
                if "graph.graphml" in files:
                    write_graphml_to(self.stored_graph, files["graph.graphml"])
                if rdf and aside is None:
                    write_rdf_to(self.stored_graph, [(fmt, handle.write) for fmt, handle in rdf], workdir=folder)
                if page is not None:
                    files["graph.html"].write(page)
            finally:
                if aside is not None:
                    aside.join()
        self.digests = {name: handle.sha256() for name, handle in files.items()}
        return paths

    def summary(self) -> str:
        """A one-screen account of the run."""
        types: Counter[str] = Counter()
        events: Counter[str] = Counter()
        for _, data in self.stored_graph.nodes(data=True):
            (types if data.get("kind") == "entity" else events if data.get("kind") == "event" else Counter())[
                data.get("type")] += 1
        affiliations = sum(1 for *_, data in self.stored_graph.edges(data=True) if data.get("role") == "affiliation")
        lines = [
            f"documents     {len(self.stored_graph.graph['documents'])} processed, {len(self.skipped)} skipped",
            f"entities      {sum(types.values())} ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})",
            f"meetings      {events.get('meeting', 0)}",
            f"statements    {events.get('statement', 0)}",
            f"affiliations  {affiliations}",
            f"model         {self.model}",
        ]
        return "\n".join(lines)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


class _RDFAside:
    """The RDF files written by a forked process from the stored graph's file, while the
    caller writes the other exports; :meth:`join` waits for it and takes over what it
    wrote (the digests), or raises its error."""

    def __init__(self, graph_path: Path, outputs: list[tuple[str, Any]], workdir: Path) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._outputs = outputs
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_write_rdf_aside, args=(graph_path, outputs, workdir, send),
                                         daemon=True)
        self._process.start()
        send.close()

    def join(self) -> None:
        try:
            outcome = self._receive.recv()
        except EOFError:
            outcome = ("error", KGError(f"{self._outputs[0][1].path}: the process writing the RDF files died"))
        finally:
            self._process.join()
            self._receive.close()
        if outcome[0] == "error":
            raise outcome[1]
        for (_, handle), (digest, size) in zip(self._outputs, outcome[1]):
            handle.adopt(digest, size)


def _write_rdf_aside(graph_path: Path, outputs: list[tuple[str, Any]], workdir: Path, send: Any) -> None:
    """In the forked process: its own connection to the stored graph (SQLite's is not
    shared across a fork), the RDF written and flushed, the digests sent back."""
    from kg.export.rdf.serialise import write_rdf_to

    try:
        with StoredGraph.open(graph_path) as graph:
            write_rdf_to(graph, [(fmt, handle.write) for fmt, handle in outputs], workdir=workdir)
        for _, handle in outputs:
            handle.flush()
        send.send(("done", [(handle.sha256(), handle.size) for _, handle in outputs]))
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
        try:
            send.send(("error", error if isinstance(error, KGError) else KGError(f"{type(error).__name__}: {error}")))
        except Exception:  # noqa: BLE001 - an error that does not pickle
            send.send(("error", KGError(f"{type(error).__name__}: {error}")))
    finally:
        send.close()
        os._exit(0)


def assemble_records(records: Callable[[], Iterator[Extraction]], *, model: str,
                     skipped: list[IngestError] | None = None, workdir: str | Path | None = None,
                     keep: Sequence[Any] = ()) -> BuildResult:
    """The graph over a stream of records (called once now, and again by each export).

    The stored graph goes to a new temporary folder in ``workdir`` (the system's
    temporary folder by default), removed with the result.
    """
    folder = tempfile.TemporaryDirectory(prefix=".kg-graph-", suffix=".tmp", dir=workdir)
    graph = store_graph(records(), Path(folder.name) / "graph.sqlite",
                        attributes={"model": model, "kg_version": kg.__version__})
    return BuildResult(records, graph, model, skipped, keep=[*keep, folder])


def assemble(extractions: list[Extraction], *, model: str, skipped: list[IngestError] | None = None) -> BuildResult:
    """The graph over extraction records held in memory: reports of one meeting in several articles merge."""
    records = sorted(extractions, key=lambda x: x.document.id)
    result = assemble_records(lambda: iter(records), model=model, skipped=skipped)
    result._extractions = records
    return result
