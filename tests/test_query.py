"""kg.sparql.query: named SPARQL queries on rdflib and Oxigraph, and SHACL validation."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import KGError
from kg.sparql import validate
from kg.sparql.query import (NamedQuery, QueryError, QueryResult, format_table, list_queries, load_query,
                             run_query)
from kg.export.rdf import BASE, mint_iri, to_dataset, write_rdf
from kg.export.rdf.vocab import KG, SEM
from kg.sparql.query import QUERIES_DIR

from test_rdf import sample_extractions, sample_graph

ox = pytest.importorskip("pyoxigraph")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

PROVENANCE = URIRef(BASE + "graph/provenance")

CASES = [
    ("who-met", None),
    ("who-met", {"actor": "karzai"}),
    ("who-met", {"actor": "nobody"}),
    ("statements-by", None),
    ("statements-by", {"actor": "LAVROV"}),
    ("statements-of-kind", {"kind": "demand"}),
    ("statements-of-kind", {"kind": "REJECT"}),
    ("statements-of-kind", {"kind": "05"}),
    ("affiliations", None),
    ("affiliations", {"actor": "sharif"}),
    ("affiliations", {"organization": "afghan"}),
    ("meetings-in", None),
    ("meetings-in", {"place": "kabul"}),
    ("meetings-in", {"period": "2009-11"}),
    ("meetings-in", {"from": "2009-11-04"}),
    ("meetings-in", {"to": "2009"}),
    ("evidence", None),
    ("evidence", {"actor": "karzai"}),
]


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return sample_graph()


@pytest.fixture(scope="module")
def files(G, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rdf")
    return {suffix: write_rdf(G, folder / f"graph{suffix}") for suffix in (".nq", ".trig", ".ttl", ".nt", ".jsonld")}


# ------------------------------------------------------------------------------ engines agree

@pytest.mark.parametrize("name, params", CASES)
def test_query_named_queries_agree_on_rdflib_and_oxigraph(G, files, name, params):
    results = [run_query(G, name=name, params=params, engine=engine) for engine in ("rdflib", "oxigraph")]
    results += [run_query(files[s], name=name, params=params, engine="oxigraph") for s in (".nq", ".ttl", ".jsonld")]
    results += [run_query(files[s], name=name, params=params, engine="rdflib") for s in (".trig", ".nt", ".jsonld")]
    first = results[0]
    for other in results[1:]:
        assert other.columns == first.columns
        assert other.rows == first.rows


# ------------------------------------------------------------------------------ answers

def test_query_who_met_pairs_with_place_and_date(G):
    result = run_query(G, name="who-met", engine="oxigraph")
    assert result.columns[:5] == ("actor1", "actor2", "place", "date", "status")
    assert [row[:5] for row in result.rows] == [
        ("Hamid Karzai", "Sergei Lavrov", "Kabul", "2009-11-03", "occurred")]
    assert run_query(G, name="who-met", params={"actor": "S. Lav"}).rows == result.rows  # alias


def test_query_statements_by_an_actor(G):
    result = run_query(G, name="statements-by", params={"actor": "karzai"})
    assert [r["kind"] for r in result.as_dicts()] == ["demand"]
    assert result.as_dicts()[0]["quote"] == "an immediate end to night raids"
    everyone = run_query(G, name="statements-by")
    assert {r["speaker"] for r in everyone.as_dicts()} == {"Hamid Karzai", "Sergei Lavrov", "Taliban"}


@pytest.mark.parametrize("kind, speakers", [
    ("demand", {"Hamid Karzai"}), ("DEMAND", {"Hamid Karzai"}), ("10", {"Hamid Karzai"}),
    ("reject", {"Sergei Lavrov"}), ("support", {"Taliban"}), ("threaten", set()),
])
def test_query_statements_of_kind(G, kind, speakers):
    result = run_query(G, name="statements-of-kind", params={"kind": kind}, engine="oxigraph")
    assert {r["speaker"] for r in result.as_dicts()} == speakers


def test_query_affiliations_current_and_former(G):
    rows = run_query(G, name="affiliations").as_dicts()
    assert {(r["person"], r["role"], r["organization"], r["current"]) for r in rows} == {
        ("Hamid Karzai", "President", "Afghanistan", "true"),
        ("Sergei Lavrov", "Foreign Minister", "Russia", "true"),
        ("Nawaz Sharif", "Prime Minister", "Pakistan", "false"),
    }


def test_query_meetings_in_place_and_period(G):
    def meetings(**params):
        return [(r["date"], r["location"], r["participants"])
                for r in run_query(G, name="meetings-in", params=params).as_dicts()]

    assert meetings() == [("2009", "Washington", "1"), ("2009-11-03", "Kabul", "2")]
    assert meetings(place="KAB") == [("2009-11-03", "Kabul", "2")]
    assert meetings(period="2009-11") == [("2009-11-03", "Kabul", "2")]
    assert meetings(**{"from": "2009-11-04"}) == []
    assert meetings(to="2009") == [("2009", "Washington", "1"), ("2009-11-03", "Kabul", "2")]


def test_query_evidence_gives_the_sentence_for_a_fact(G):
    fact = str(mint_iri("statement", "d1:s1"))
    rows = run_query(G, name="evidence", params={"fact": fact}, engine="oxigraph").as_dicts()
    assert len(rows) == 1
    row = rows[0]
    text = sample_extractions()[0].document.text
    assert row["sentence"] == text[int(row["begin"]):int(row["end"])] == 'Karzai demanded "an immediate end to night raids".'
    assert (row["title"], row["url"], row["rule"]) == ("Lavrov in Kabul", "https://example.org/news/lavrov-kabul", "demand-quote")
    assert len(run_query(G, name="evidence")) == 8


def test_query_evidence_works_on_triple_formats_too(files):
    assert len(run_query(files[".ttl"], name="evidence")) == 8
    assert len(run_query(files[".nt"], name="evidence", engine="oxigraph")) == 8


# ------------------------------------------------------------------------------ parameters

@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("value", ['"} ?s ?p ?o {', '\\" . } #', "x\n} SELECT", "\x00\"}", "'"])
def test_query_parameter_values_cannot_change_the_query(G, engine, value):
    assert run_query(G, name="statements-by", params={"actor": value}, engine=engine).rows == ()
    # characters that RDF cannot hold are dropped, as they are from the data
    found = run_query(G, name="statements-by", params={"actor": "\x00karzai\ufffe"}, engine=engine)
    assert [r["speaker"] for r in found.as_dicts()] == ["Hamid Karzai"]


def test_query_unknown_name_parameter_and_engine_are_named(G):
    with pytest.raises(QueryError, match="who-met"):
        run_query(G, name="who-meet")
    with pytest.raises(QueryError, match=r"'person'.*takes actor"):
        run_query(G, name="who-met", params={"person": "x"})
    with pytest.raises(QueryError, match="'jena'"):
        run_query(G, name="who-met", engine="jena")
    with pytest.raises(QueryError, match="exactly one"):
        run_query(G)
    with pytest.raises(QueryError, match="exactly one"):
        run_query(G, name="who-met", sparql="SELECT * WHERE {}")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_custom_sparql_with_placeholder(G, engine):
    sparql = """
        PREFIX kg: <https://w3id.org/kg/vocab#>
        SELECT ?quote WHERE { VALUES ?speaker { UNDEF } ?s kg:quote ?quote ; kg:speaker/rdfs:label ?speaker }"""
    result = run_query(G, sparql=sparql, params={"speaker": "Hamid Karzai"}, engine=engine)
    assert result.rows == (("an immediate end to night raids",),)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_bad_sparql_raises_query_error(G, engine):
    with pytest.raises(QueryError, match="SPARQL"):
        run_query(G, sparql="SELECT WHERE {", engine=engine)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_ask_and_construct_agree_on_both_engines(G, engine):
    assert run_query(G, sparql="ASK { ?s ?p ?o }", engine=engine).boolean is True
    assert run_query(G, sparql="ASK { ?s <urn:kg:nothing> ?o }", engine=engine).boolean is False
    construct = "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a <https://schema.org/Person> ; rdfs:label ?name }"
    result = run_query(G, sparql=construct, engine=engine)
    assert result.form == "CONSTRUCT"
    assert result.triples == run_query(G, sparql=construct, engine="rdflib").triples
    lines = result.triples.splitlines()
    assert lines == sorted(lines) and all(line.endswith(" .") for line in lines)
    assert any('"Hamid Karzai"' in line for line in lines)
    described = run_query(G, sparql="DESCRIBE ?p WHERE { ?p rdfs:label 'Hamid Karzai' }", engine=engine)
    assert described.form == "CONSTRUCT"


def test_query_missing_file_and_bad_suffix(tmp_path):
    for engine in ("rdflib", "oxigraph"):
        with pytest.raises(KGError, match="missing.nq"):
            run_query(tmp_path / "missing.nq", name="who-met", engine=engine)
        with pytest.raises(QueryError, match="'.rdf'"):
            run_query(tmp_path / "graph.rdf", name="who-met", engine=engine)


def test_query_accepts_rdflib_graphs_and_oxigraph_stores(G):
    store = ox.Store()
    store.load(to_dataset(G).serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    for source in (to_dataset(G), store):
        for engine in ("rdflib", "oxigraph"):
            assert len(run_query(source, name="affiliations", engine=engine)) == 3


# ------------------------------------------------------------------------------ catalogue

def test_query_catalogue_declares_and_binds_every_parameter():
    names = [q.name for q in list_queries()]
    assert names == sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
    assert {"who-met", "statements-by", "statements-of-kind", "affiliations", "meetings-in", "evidence"} <= set(names)
    for query in list_queries():
        assert isinstance(query, NamedQuery) and query.description, query.name
        for param in query.params:
            assert f"VALUES ?{param.variable} {{ UNDEF }}" in query.sparql, (query.name, param.name)
            assert param.description


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_every_named_query_runs_on_an_empty_graph(engine):
    for query in list_queries():
        result = run_query(nx.MultiDiGraph(documents={}), name=query.name, engine=engine)
        assert result.columns and result.rows == ()


def test_query_load_query_names_the_choices():
    with pytest.raises(QueryError, match="affiliations, evidence"):
        load_query("nope")


# ------------------------------------------------------------------------------ output

def test_query_format_table_csv_and_json():
    result = QueryResult(("who", "said"), (("Hamid Karzai", 'an end, "now"\nplease'), ("X", "")))
    table = format_table(result).splitlines()
    assert table[0].split() == ["who", "said"] and set(table[1]) <= {"-", " "}
    assert 'an end, "now" please' in table[2]
    assert list(csv.reader(io.StringIO(format_table(result, "csv")))) == [list(result.columns), *map(list, result.rows)]
    assert json.loads(format_table(result, "json")) == result.as_dicts()
    assert format_table(QueryResult(("a",), ())).endswith("(no results)")
    long = QueryResult(("text", "iri"), (("x" * 100, "https://w3id.org/kg/id/person/" + "0" * 32),))
    line = format_table(long, max_width=20).splitlines()[2]
    assert "x" * 19 + "…" in line and "0" * 32 in line
    with pytest.raises(QueryError, match="'xml'"):
        format_table(result, "xml")


# ------------------------------------------------------------------------------ SHACL

def test_query_validate_conforms_on_good_data(G, files):
    assert validate(G).conforms
    for suffix in (".nq", ".ttl"):
        report = validate(files[suffix])
        assert report.conforms, report.text


def test_query_validate_warns_but_conforms_on_a_one_person_meeting(G):
    report = validate(G)  # Sharif's visit to Washington has one known participant
    assert report.conforms and "fewer than two known participants" in report.text


def _broken(**changes) -> nx.MultiDiGraph:
    G = sample_graph()
    for node, attrs in changes.items():
        G.nodes[node].update(attrs)
    return G


def test_query_validate_fails_an_event_without_actor():
    G = sample_graph()
    G.remove_edges_from([(u, v, k) for u, v, k in G.out_edges("d1:m1", keys=True) if k == "participant"])
    report = validate(G)
    assert not report.conforms
    assert "at least one actor" in report.text and str(mint_iri("meeting", "d1:m1")) in report.text


def test_query_validate_fails_an_end_beyond_the_document():
    report = validate(_broken(**{"d1:s1": {"end": 10_000}}))
    assert not report.conforms and "beyond the length of the document" in report.text


def test_query_validate_fails_begin_not_before_end():
    report = validate(_broken(**{"d1:s1": {"start": 90, "end": 90}}))
    assert not report.conforms and "nif:beginIndex < nif:endIndex" in report.text


def test_query_validate_fails_a_bad_timestamp_and_an_unknown_code():
    G = sample_graph()
    quads = to_dataset(G)
    meeting = mint_iri("meeting", "d1:m1")
    graph = next(g for g in quads.graphs() if (meeting, None, None) in g)
    stamp = Literal("2009-11-03T10:00:00", datatype=rdflib.namespace.XSD.dateTime)
    graph.set((meeting, SEM.hasTimeStamp, stamp))
    report = validate(quads)
    assert not report.conforms and "xsd:gYearMonth" in report.text
    report = validate(_broken(**{"d1:m1": {"cameo": "999"}}))
    assert not report.conforms and "CAMEO scheme" in report.text


def test_query_validate_fails_an_affiliation_with_a_place():
    G = sample_graph()
    G.nodes["p:sharif"]["type"] = "LOC"
    report = validate(G)
    assert not report.conforms and "links exactly one member (org:member: a person" in report.text


def test_query_validate_fails_an_assertion_graph_without_provenance(G, tmp_path):
    ds = to_dataset(G)
    provenance = ds.graph(PROVENANCE)
    orphan = next(iter(provenance.subjects(RDF.type, KG.Assertion)))
    provenance.remove((orphan, None, None))
    assert validate(ds).conforms is False
    path = tmp_path / "orphan.nq"
    path.write_bytes(ds.serialize(format="nquads", encoding="utf-8"))
    report = validate(path)
    assert not report.conforms and str(orphan) in report.text


def test_query_validate_fails_a_document_without_length():
    G = sample_graph()
    del G.graph["documents"]["d2"]["length"]
    report = validate(G)
    assert not report.conforms and "kg:length" in report.text
