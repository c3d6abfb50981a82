"""Export: the graph (and the records) written for the tools analysts use.

- :mod:`kg.export.extraction_json`: ``extraction.json``, per-document records
  (``../shared/schema/extraction.schema.json`` plus evidence);
- :mod:`kg.export.graph_files`: ``graph.json`` (NetworkX node-link) and ``graph.graphml``;
- :mod:`kg.export.rdf`: ``graph.ttl`` and ``graph.nq`` on standard vocabularies;
- :mod:`kg.export.html`: ``graph.html``, the interactive page, and one document's markup.

Each export reads the graph (:mod:`kg.graph`) or the records (:mod:`kg.model`) and
nothing of the stages before them. Subpackages are imported on use: ``import
kg.export.graph_files`` does not load rdflib or the page template.
"""
