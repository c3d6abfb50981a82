"""`kg query URL`: kg's named queries against a real Oxigraph server filled by `kg push` (SPARQL 1.1 Protocol)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.export.rdf import write_rdf
from kg.sparql.endpoint import _named_graphs, query_endpoint
from kg.sparql.push import push_rdf
from kg.sparql.query import QueryError, format_table, list_queries, run_query

from conftest import free_port
from test_rdf import sample_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

MEETINGS = "SELECT ?m ?label WHERE { ?m a <https://w3id.org/kg/vocab#Meeting> ; rdfs:label ?label } ORDER BY ?m"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rdf")
    G = sample_graph()
    return {suffix: write_rdf(G, folder / f"graph{suffix}") for suffix in (".nq", ".ttl")}


@pytest.fixture()
def pushed(oxigraph_server, files):
    """A store filled as the README says: `kg push output/graph.nq URL/store` (named graphs only)."""
    push_rdf(files[".nq"], f"{oxigraph_server}/store")
    return f"{oxigraph_server}/query"


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_endpoint_named_queries_give_the_file_rows_from_a_pushed_store(pushed, files, name):
    from_store = run_query(pushed, name=name)
    from_file = run_query(files[".nq"], name=name, engine="oxigraph")
    assert from_store.columns == from_file.columns
    assert sorted(from_store.rows) == sorted(from_file.rows)
    assert sorted(from_store.datatypes) == sorted(from_file.datatypes)
    if name in ("who-met", "affiliations", "statements-by"):
        assert from_store.rows, name  # the sample data has some of each: the union was queried


def test_endpoint_union_by_listing_the_named_graphs_gives_the_same_rows(pushed, files):
    graphs = _named_graphs(pushed, 10)
    assert len(graphs) > 3
    listed = query_endpoint(pushed, MEETINGS.replace("rdfs:label", "<http://www.w3.org/2000/01/rdf-schema#label>"),
                            graphs=graphs)
    assert listed.rows and listed.rows == run_query(files[".nq"], sparql=MEETINGS).rows


def test_endpoint_graph_option_queries_only_that_graph(oxigraph_server, files):
    push_rdf(files[".ttl"], f"{oxigraph_server}/store", graph="https://example.org/a")
    url = f"{oxigraph_server}/query"
    assert run_query(url, sparql=MEETINGS, graphs=["https://example.org/a"]).rows
    assert run_query(url, sparql=MEETINGS, graphs=["https://example.org/nothing-here"]).rows == ()
    assert run_query(url, sparql=MEETINGS).rows  # the default graph is empty: the union of the named graphs


def test_endpoint_a_store_with_a_default_graph_is_queried_as_it_is(oxigraph_server, files):
    push_rdf(files[".ttl"], f"{oxigraph_server}/store")  # into the default graph
    rows = run_query(f"{oxigraph_server}/query", name="who-met").rows
    assert sorted(rows) == sorted(run_query(files[".ttl"], name="who-met").rows)


def test_endpoint_ask_and_construct_as_from_a_file(pushed, files):
    ask = "ASK { ?m a <https://w3id.org/kg/vocab#Meeting> }"
    assert run_query(pushed, sparql=ask).boolean is True
    assert run_query(files[".nq"], sparql=ask).boolean is True
    assert run_query(pushed, sparql="ASK { ?m a <https://w3id.org/kg/vocab#Nothing> }").boolean is False
    construct = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a <https://w3id.org/kg/vocab#Meeting> ; rdfs:label ?l }"
    from_store = run_query(pushed, sparql=construct)
    assert from_store.form == "CONSTRUCT" and len(from_store) > 0
    assert from_store.triples == run_query(files[".nq"], sparql=construct).triples
    assert from_store.triples == run_query(files[".nq"], sparql=construct, engine="oxigraph").triples
    assert format_table(run_query(pushed, sparql=ask), "table") == "true"


def test_endpoint_json_output_has_json_booleans(pushed, files):
    for source in (pushed, files[".nq"]):
        rows = json.loads(format_table(run_query(source, name="affiliations"), "json"))
        assert rows and {type(row["current"]) for row in rows} <= {bool, type(None)}, source


def test_endpoint_errors_are_one_line(pushed):
    with pytest.raises(QueryError, match=r"the endpoint answered 400 Bad Request: .+"):
        run_query(pushed, sparql="SELEC nothing")
    unreachable = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(QueryError, match=r"^http://127\.0\.0\.1:\d+/query: cannot reach the SPARQL endpoint \(.+\)$"):
        run_query(unreachable, name="who-met", timeout=5)
    with pytest.raises(QueryError, match="the endpoint answered 404"):
        run_query(pushed.replace("/query", "/nowhere"), name="who-met")


def test_endpoint_cli_queries_the_store_and_names_a_bad_one(pushed):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "query", pushed, "--name", "who-met", "-f", "csv"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "actor1,actor2,place,date,status,meeting"
    assert len(run.stdout.splitlines()) > 1
    port = free_port()
    run = subprocess.run([sys.executable, "-m", "kg.cli", "query", f"http://127.0.0.1:{port}/query", "--name",
                          "who-met", "--timeout", "5"], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"kg: error: http://127.0.0.1:{port}/query: cannot reach the SPARQL endpoint (Connection refused)"]
