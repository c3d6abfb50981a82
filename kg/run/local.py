"""The library entry points: ``kg.extract`` and ``kg.build`` over files, for notebooks and the CLI."""
from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

import networkx as nx

import kg
from kg.errors import IngestError
from kg.extraction import extract_documents
from kg.graph import actor_network, build_graph
from kg.ingest import read_documents
from kg.model import Extraction
from kg.pipeline import default_model, load_pipeline
from kg.resolve import resolve_corpus

__all__ = ["DEFAULT_JOBS", "OUTPUT_FILES", "BuildResult", "assemble", "build", "example_paths", "extract"]

# below this many documents, starting worker processes (each loads the model) costs more than it saves
PARALLEL_MIN_DOCUMENTS = 32
DEFAULT_JOBS = os.cpu_count() or 1
OUTPUT_FILES = ("extraction.json", "graph.json", "graph.graphml", "graph.ttl", "graph.nq", "graph.html")


@dataclass
class BuildResult:
    """What one run produced: the records, the graph and the documents it skipped."""

    extractions: list[Extraction]
    graph: nx.MultiDiGraph
    model: str
    skipped: list[IngestError] = field(default_factory=list)

    def actor_network(self) -> nx.Graph:
        """Who met whom (weighted) and who is affiliated with whom."""
        return actor_network(self.graph)

    def to_rdf(self, **options):
        """The graph as an rdflib Graph (the union of kg's named graphs)."""
        from kg.rdf import to_rdf

        return to_rdf(self.graph, **options)

    def show(self, **options):
        """Display the interactive network inline in Jupyter."""
        from kg.html import show

        return show(self.graph, **options)

    def write(self, output: str | Path = "output", **html_options) -> list[Path]:
        """Write every export into ``output``; returns the paths written.

        ``html_options`` go to :func:`kg.html.render_html` (``focus``, ``depth``,
        ``date_from``, ``date_to``, ``max_nodes``).
        """
        from kg.atomic import atomic_write_many
        from kg.graphio import graphml_bytes, node_link_bytes
        from kg.html import render_html
        from kg.jsonio import extraction_json_bytes
        from kg.rdf import serialise_rdf

        folder = Path(output)
        page = render_html(self.graph, **html_options)  # a bad --focus fails before any file is touched
        turtle, quads = serialise_rdf(self.graph, ["turtle", "nquads"])
        # every file is staged first, then all are renamed: a full disk changes none of them
        return atomic_write_many([
            (folder / "extraction.json", extraction_json_bytes(self.extractions)),
            (folder / "graph.json", node_link_bytes(self.graph)),
            (folder / "graph.graphml", graphml_bytes(self.graph)),
            (folder / "graph.ttl", turtle),  # the union graph
            (folder / "graph.nq", quads),  # one named graph per assertion, with its provenance
            (folder / "graph.html", page.encode("utf-8")),
        ])

    def summary(self) -> str:
        """A one-screen account of the run."""
        types = Counter(data["type"] for _, data in self.graph.nodes(data=True) if data.get("kind") == "entity")
        events = Counter(data["type"] for _, data in self.graph.nodes(data=True) if data.get("kind") == "event")
        affiliations = sum(1 for *_, data in self.graph.edges(data=True) if data.get("role") == "affiliation")
        lines = [
            f"documents     {len(self.extractions)} processed, {len(self.skipped)} skipped",
            f"entities      {sum(types.values())} ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})",
            f"meetings      {events.get('meeting', 0)}",
            f"statements    {events.get('statement', 0)}",
            f"affiliations  {affiliations}",
            f"model         {self.model}",
        ]
        return "\n".join(lines)


def extract(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool = False,
    batch_size: int = 64,
    n_process: int = 1,
) -> list[Extraction]:
    """Read and extract documents; entities resolved across the run.

    ``on_error`` receives each skipped document's error; without it the first one raises.
    """
    nlp = load_pipeline(model)  # fails fast, before any document is read, when the model is missing
    documents = read_documents(paths, published=published, on_error=on_error)
    first = list(islice(documents, PARALLEL_MIN_DOCUMENTS))
    documents = chain(first, documents)
    if progress:
        documents = _progress(documents)  # after the peek: a tqdm iterator cannot be resumed
    if n_process > 1 and len(first) == PARALLEL_MIN_DOCUMENTS:
        from kg.distributed import extract_in_processes

        # workers run kg's rules too and send back plain records: spaCy's own n_process
        # parses in workers but sends whole Docs back to one process for the rules
        records = extract_in_processes(documents, model=model, n_process=n_process, batch_size=batch_size,
                                       on_error=on_error)
    else:
        records = extract_documents(documents, nlp, batch_size=batch_size, on_error=on_error)
    return resolve_corpus(records)


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    progress: bool = False,
    n_process: int = 1,
) -> BuildResult:
    """Extract, resolve and assemble the graph for articles in files and folders.

    Documents that cannot be read are skipped and listed in ``result.skipped``.

    Examples
    --------
    >>> result = build(example_paths())  # doctest: +SKIP
    >>> result.graph.number_of_nodes() > 0  # doctest: +SKIP
    True
    """
    skipped: list[IngestError] = []
    model = model or default_model()
    extractions = extract(paths, model=model, published=published, on_error=skipped.append,
                          progress=progress, n_process=n_process)
    return assemble(extractions, model=model, skipped=skipped)


def assemble(extractions: list[Extraction], *, model: str, skipped: list[IngestError] | None = None) -> BuildResult:
    """The graph over extraction records: reports of one meeting in several articles merge."""
    graph = build_graph(extractions, merge_events=True)
    graph.graph["model"] = model
    graph.graph["kg_version"] = kg.__version__
    return BuildResult(extractions, graph, model, skipped or [])


def example_paths() -> list[Path]:
    """The example articles shipped with kg (written for kg, invented events)."""
    from importlib import resources

    folder = resources.files("kg") / "examples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def _progress(documents):
    from tqdm import tqdm

    # tqdm draws only on a terminal; the bar appears once a run is long enough to matter
    return tqdm(documents, unit="doc", file=sys.stderr, disable=None, delay=2.0)
