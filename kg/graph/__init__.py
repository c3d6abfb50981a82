"""Graph: extraction records in, a NetworkX graph out, and the parts of it worth drawing.

- :mod:`kg.graph.assemble`: the event graph (entities and events, cross-article merging of
  one meeting's reports) and the actor network of who met whom;
- :mod:`kg.graph.select`: a date range, an actor's neighbourhood, the most connected nodes.

Reads only records (:mod:`kg.model`) and the rules; every export reads from here.

Examples
--------
>>> from kg.model import Document, Entity, Event, Evidence, Extraction
>>> doc = Document(id="d1", text="Lavrov met Karzai.")
>>> ev = Evidence(doc_id="d1", start=0, end=18, sentence=doc.text)
>>> people = (Entity("p:k", "Karzai", "PERSON"), Entity("p:l", "Lavrov", "PERSON"))
>>> G = build_graph([Extraction(doc, people, (Event("m1", "meeting", "meet", ev, participants=("p:l", "p:k")),))])
>>> sorted(actor_network(G).edges())
[('p:k', 'p:l')]
"""
from __future__ import annotations

from kg.graph.assemble import (GraphSink, actor_network, assemble_into, build_graph, cluster_meetings, event_actors,
                               gc_paused, same_encounter)
from kg.graph.select import keep_most_connected, select_subgraph

__all__ = ["GraphSink", "actor_network", "assemble_into", "build_graph", "cluster_meetings", "event_actors", "gc_paused", "keep_most_connected",
           "same_encounter", "select_subgraph"]
