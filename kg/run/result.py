"""What a run produced: the records, the graph, the skipped documents, and the exports."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

import kg
from kg.errors import IngestError
from kg.graph import actor_network, build_graph
from kg.model import Extraction

__all__ = ["OUTPUT_FILES", "BuildResult", "assemble"]


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

    def write(self, output: str | Path = "output", **html_options) -> list[Path]:
        """Write every export into ``output``; returns the paths written.

        ``html_options`` go to :func:`kg.export.html.render_html` (``focus``, ``depth``,
        ``date_from``, ``date_to``, ``max_nodes``).
        """
        from kg.atomic import atomic_write_many
        from kg.export.graph_files import graphml_bytes, node_link_bytes
        from kg.export.html import render_html
        from kg.export.extraction_json import extraction_json_bytes
        from kg.export.rdf import serialise_rdf

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


def assemble(extractions: list[Extraction], *, model: str, skipped: list[IngestError] | None = None) -> BuildResult:
    """The graph over extraction records: reports of one meeting in several articles merge."""
    graph = build_graph(extractions, merge_events=True)
    graph.graph["model"] = model
    graph.graph["kg_version"] = kg.__version__
    return BuildResult(extractions, graph, model, skipped or [])
