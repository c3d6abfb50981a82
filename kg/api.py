"""The library entry points: ``kg.extract`` and ``kg.build`` over files, for notebooks and the CLI."""
from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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

__all__ = ["OUTPUT_FILES", "BuildResult", "build", "example_paths", "extract"]

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
        from kg.atomic import atomic_write_text
        from kg.graphio import write_graphml, write_node_link
        from kg.html import render_html
        from kg.jsonio import write_extraction_json
        from kg.rdf import write_rdf

        folder = Path(output)
        page = render_html(self.graph, **html_options)  # a bad --focus fails before any file is touched
        return [
            write_extraction_json(self.extractions, folder / "extraction.json"),
            write_node_link(self.graph, folder / "graph.json"),
            write_graphml(self.graph, folder / "graph.graphml"),
            write_rdf(self.graph, folder / "graph.ttl"),
            write_rdf(self.graph, folder / "graph.nq"),  # named graphs: one per assertion, with provenance
            atomic_write_text(folder / "graph.html", page),
        ]

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
    nlp = load_pipeline(model)
    documents = read_documents(paths, published=published, on_error=on_error)
    if progress:
        documents = _progress(documents)
    records = extract_documents(documents, nlp, batch_size=batch_size, n_process=n_process, on_error=on_error)
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
    graph = build_graph(extractions)
    graph.graph["model"] = model
    graph.graph["kg_version"] = kg.__version__
    return BuildResult(extractions, graph, model, skipped)


def example_paths() -> list[Path]:
    """The example articles shipped with kg (written for kg, invented events)."""
    from importlib import resources

    folder = resources.files("kg") / "examples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def _progress(documents):
    from tqdm import tqdm

    # tqdm draws only on a terminal; the bar appears once a run is long enough to matter
    return tqdm(documents, unit="doc", file=sys.stderr, disable=None, delay=2.0)
