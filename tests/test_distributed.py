"""Extraction across processes: spaCy's n_process and a local Dask cluster give the same records."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.run.dask import _documents, _partition
from kg.errors import IngestError
from kg.model import Document

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_build.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_build", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("n", "count", "sizes"), [
    (10, 3, [4, 3, 3]),
    (2, 4, [1, 1]),  # never an empty partition
    (5, 1, [5]),
])
def test_distributed_partitions_are_contiguous_and_balanced(n, count, sizes):
    documents = [Document(f"d{i}", "x") for i in range(n)]
    chunks = _partition(documents, count)
    assert [len(c) for c in chunks] == sizes
    assert [d for chunk in chunks for d in chunk] == documents


def test_distributed_documents_keep_the_first_of_an_id():
    errors = []
    given = [Document("d1", "x"), Document("d2", "y"), Document("d1", "z", source="b.txt")]
    assert [d.text for d in _documents(given, published=None, on_error=errors.append)] == ["x", "y"]
    assert [str(e) for e in errors] == ["b.txt: duplicate document id 'd1'; skipped"]
    with pytest.raises(IngestError):
        list(_documents(given, published=None, on_error=None))


def test_distributed_generated_articles_are_deterministic(tmp_path):
    bench = _bench()
    first = [p.read_text() for p in bench.generate_articles(6, tmp_path / "a")]
    assert first == [p.read_text() for p in bench.generate_articles(6, tmp_path / "b")]
    assert all(len(text.split()) > 300 for text in first)


# --- with the spaCy model and worker processes ---------------------------------------------
@pytest.fixture(scope="module")
def corpus50(tmp_path_factory):
    """50 generated articles and kg.extract's records for them in one process, by id."""
    import kg

    paths = _bench().generate_articles(50, tmp_path_factory.mktemp("articles"))
    records = sorted(kg.extract(paths, n_process=1), key=lambda x: x.document.id)
    assert sum(len(x.events) for x in records) > 50  # the corpus gives the rules work to do
    return paths, records


@pytest.mark.slow
def test_distributed_spacy_two_processes_give_the_same_records(corpus50):
    import kg

    paths, records = corpus50
    assert sorted(kg.extract(paths, n_process=2), key=lambda x: x.document.id) == records


@pytest.mark.slow
def test_distributed_process_pool_gives_the_same_records_in_order(corpus50):
    from kg.run.processes import extract_in_processes
    from kg.ingest import read_documents
    from kg.resolve import resolve_corpus

    paths, records = corpus50
    documents = list(read_documents(paths))
    found = list(extract_in_processes(documents, n_process=2, chunk_size=7))
    assert [x.document.id for x in found] == [d.id for d in documents]
    assert sorted(resolve_corpus(found), key=lambda x: x.document.id) == records


@pytest.mark.slow
def test_distributed_dask_local_cluster_gives_the_same_records(corpus50):
    from kg.run.dask import extract_with_dask

    paths, records = corpus50
    assert extract_with_dask(paths) == records  # a local cluster: 2 worker processes on 127.0.0.1


@pytest.mark.slow
def test_distributed_dask_client_documents_and_corpus(corpus50, tmp_path):
    import logging

    from distributed import Client, LocalCluster

    from kg.corpus import STORE_FILE, Corpus
    from kg.run import OUTPUT_FILES
    from kg.run.dask import extract_with_dask
    from kg.ingest import read_documents

    paths, records = corpus50
    documents = list(read_documents(paths))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        assert extract_with_dask(documents[::-1], scheduler=client, partitions=7) == records
        Corpus.open(tmp_path / "dask").add(paths, engine="dask", scheduler=client)
    Corpus.open(tmp_path / "local").add(paths)
    assert _rows(tmp_path / "dask" / STORE_FILE) == _rows(tmp_path / "local" / STORE_FILE)
    assert all((tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
               for name in OUTPUT_FILES)


def _rows(path):
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, hash, model, record FROM records ORDER BY id").fetchall()
