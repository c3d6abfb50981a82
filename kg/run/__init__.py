"""Run: files in, a :class:`BuildResult` out, on one process, a pool of them, or Dask.

- :mod:`kg.run.result`: :class:`BuildResult` (records, graph, skipped documents, exports)
  and :func:`assemble`, the graph over records;
- :mod:`kg.run.processes`: extraction partitions in worker processes, records sent back;
- :mod:`kg.run.local`: :func:`extract` and :func:`build` on this machine;
- :mod:`kg.run.dask`: the same on a Dask cluster (``pip install 'kg[dask]'``).

The run sits above every stage: it reads (:mod:`kg.ingest`), extracts
(:mod:`kg.extraction`), resolves (:mod:`kg.resolve`), assembles (:mod:`kg.graph`) and
writes (:mod:`kg.export`); no stage imports it.
"""
from __future__ import annotations

from kg.run.local import DEFAULT_JOBS, build, example_paths, extract
from kg.run.result import OUTPUT_FILES, BuildResult, assemble

__all__ = ["DEFAULT_JOBS", "OUTPUT_FILES", "BuildResult", "assemble", "build", "example_paths", "extract"]
