"""Exports written by two processes are the files one process writes."""
from __future__ import annotations

import hashlib

import kg
from kg.run import OUTPUT_FILES


def test_exports_written_with_the_rdf_aside_are_the_same_bytes_and_digests(tmp_path):
    result = kg.build(kg.example_paths())
    one, two = tmp_path / "one", tmp_path / "two"
    result.write(one)
    digests = dict(result.digests)
    result.write(two, processes=2)
    for name in OUTPUT_FILES:
        data = (two / name).read_bytes()
        assert data == (one / name).read_bytes(), name
        assert result.digests[name] == digests[name] == "sha256:" + hashlib.sha256(data).hexdigest()
    result.close()


def test_exports_aside_reports_a_failure_of_the_rdf_process(tmp_path, monkeypatch):
    import pytest

    from kg.errors import KGError
    from kg.export.rdf import serialise

    result = kg.build(kg.example_paths()[:1])

    def broken(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(serialise, "write_rdf_to", broken)
    with pytest.raises(KGError, match="disk on fire"):
        result.write(tmp_path / "out", processes=2)
    assert not (tmp_path / "out" / "graph.nq").exists()  # nothing renamed into place
    result.close()
