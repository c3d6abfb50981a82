"""graph.json, graph.graphml and extraction.json as other tools read them: networkx, igraph, json."""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg.export.graph_files import LIST_SEPARATOR, graphml_bytes, graphml_ready
from kg.ingest import read_documents

pytestmark = pytest.mark.slow

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example articles built from absolute paths, run from a folder that does not hold them."""
    import kg

    out = tmp_path_factory.mktemp("out")
    elsewhere = tmp_path_factory.mktemp("cwd")
    here = Path.cwd()
    os.chdir(elsewhere)
    try:
        result = kg.build([p.resolve() for p in kg.example_paths()])
        result.write(out)
    finally:
        os.chdir(here)
    return result, out


def test_graph_files_node_link_json_loads_with_networkx_defaults(built):
    result, out = built
    G = nx.node_link_graph(json.loads((out / "graph.json").read_text(encoding="utf-8")))
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G.edges(keys=True)) == sorted(result.graph.edges(keys=True))
    assert dict(G.nodes(data=True)) == json.loads(json.dumps(dict(result.graph.nodes(data=True)), default=sorted))


def test_graph_files_graphml_edge_ids_are_unique_tokens(built):
    _, out = built
    root = ET.parse(out / "graph.graphml").getroot()
    ids = [edge.get("id") for edge in root.iter(f"{GRAPHML}edge")]
    assert ids and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"e\d+", edge_id) for edge_id in ids)
    types = {key.get("attr.name"): key.get("attr.type") for key in root.iter(f"{GRAPHML}key") if key.get("for") == "edge"}
    assert (types["current"], types["start"], types["confidence"], types["title"]) == ("boolean", "long", "double", "string")


def test_graph_files_graphml_reads_the_same_in_igraph_and_networkx(built):
    result, out = built
    G = result.graph
    H = nx.read_graphml(out / "graph.graphml")
    g = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert g.vcount() == H.number_of_nodes() == G.number_of_nodes()
    assert g.ecount() == H.number_of_edges() == G.number_of_edges()
    assert set(g.vs["id"]) == set(G)
    assert g.es["id"] == [f"e{n}" for n in range(G.number_of_edges())]  # edge ids, not vertex ids
    vertex = {v["id"]: v for v in g.vs}
    person = next(n for n, d in G.nodes(data=True) if d.get("type") == "PERSON" and d["aliases"])
    assert vertex[person]["aliases"].split(LIST_SEPARATOR) == G.nodes[person]["aliases"]
    assert H.nodes[person]["aliases"].split(LIST_SEPARATOR) == G.nodes[person]["aliases"]
    posts = [(u, v, d) for u, v, d in G.edges(data=True) if d["role"] == "affiliation"]
    edges = {(vertex_name(g, e.source), vertex_name(g, e.target), e["title"]): e for e in g.es if e["role"] == "affiliation"}
    for u, v, data in posts:
        edge = edges[(u, v, data["title"])]
        assert edge["current"] is data["current"]  # a boolean, not the string "False"
        assert edge["start"] == data["start"] and edge["end"] == data["end"]  # igraph keeps numbers as floats
    H_posts = [d for *_, d in H.edges(data=True) if d["role"] == "affiliation"]
    assert all(isinstance(d["start"], int) and isinstance(d["current"], bool) for d in H_posts)


def vertex_name(g: igraph.Graph, index: int) -> str:
    return g.vs[index]["id"]


def test_graph_files_no_absolute_path_in_any_export(built):
    import kg

    result, out = built
    # given as absolute paths outside the working folder: each document keeps its file name
    assert sorted(x.document.source for x in result.extractions) == [p.name for p in kg.example_paths()]
    examples = str(kg.example_paths()[0].resolve().parent)
    for name in ("graph.json", "graph.graphml", "extraction.json", "graph.ttl", "graph.nq", "graph.html"):
        assert examples not in (out / name).read_text(encoding="utf-8"), name


def test_graph_files_relative_paths_stay_as_given(tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a1.txt").write_text("Talks\n\nAna Silva met Omar Haddad in Rabat.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    given = [doc.source for doc in read_documents([Path("articles")])]
    absolute = [doc.source for doc in read_documents([tmp_path / "articles"])]
    assert given == absolute == ["articles/a1.txt"]


def test_graph_files_extraction_json_sentences_trimmed_with_exact_offsets(built):
    result, out = built
    texts = {x.document.id: x.document.text for x in result.extractions}
    data = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    evidence = [fact["evidence"] for doc in data["documents"] for fact in doc["events"] + doc["affiliations"]]
    assert evidence
    for ev in evidence:
        assert ev["sentence"] == ev["sentence"].strip()
        assert texts[ev["doc_id"]][ev["start"]:ev["end"]] == ev["sentence"]


def test_graph_files_extraction_json_booleans_are_json_booleans(built):
    _, out = built
    data = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    strings = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, where)
        elif isinstance(value, str) and value.lower() in ("true", "false"):
            strings.append(where)

    walk(data, "")
    assert not strings
    currents = [a["current"] for doc in data["documents"] for a in doc["affiliations"]]
    assert currents and all(c is None or isinstance(c, bool) for c in currents)
    assert False in currents or True in currents


def test_graph_files_graphml_ready_joins_lists_and_drops_empties():
    G = nx.MultiDiGraph(documents={"d1": {"source": "a/d1.txt", "url": None}})
    G.add_node("p", aliases=["Silva", "Ana Silva"], same_as=[], documents={"d2", "d1"},
               reports=[{"doc_id": "d1", "start": 0}])
    G.add_edge("p", "p", key="affiliation:Prime Minister", current=False, start=3)
    H = graphml_ready(G)
    assert H.nodes["p"] == {"aliases": "Silva | Ana Silva", "documents": "d1 | d2",
                            "reports": '[{"doc_id": "d1", "start": 0}]'}
    assert H.graph["documents"] == '{"d1": {"source": "a/d1.txt", "url": null}}'
    assert list(H.edges(keys=True, data=True)) == [("p", "p", "e0", {"current": False, "start": 3})]
    assert b'id="e0"' in graphml_bytes(G)


def _networkx_graphml(G: nx.MultiDiGraph) -> bytes:
    import io

    out = io.BytesIO()
    nx.write_graphml(graphml_ready(G), out)
    return out.getvalue()


AWKWARD_TEXTS = ["", "plain", "R&D <talks> \"quoted\" 'single'", "two\nlines\r\nand\ttab", "Côte d’Ivoire 😀",
                 "]]> \u2028 \x85 \ufeff"]


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_graph_files_graphml_bytes_are_networkx_lxml_writers(text: str) -> None:
    G = nx.MultiDiGraph(model="m", documents={"d1": {"source": text}})
    G.add_node(text or "blank", label=text, count=-3, lat=1e-20, lon=12.5, current=True, aliases=[text, "x"],
               reports=[{"doc_id": "d1"}], none=None, empty=[])
    G.add_node("bare")
    G.add_node("numbers", label=7, count=2.0)  # one name with two types: two keys, as NetworkX declares them
    G.add_edge("bare", text or "blank", key="affiliation:Prime Minister", role=text, start=3, current=False)
    G.add_edge("bare", "bare", key="participant")
    assert graphml_bytes(G) == _networkx_graphml(G)
    assert graphml_bytes(nx.MultiDiGraph()) == _networkx_graphml(nx.MultiDiGraph())


@pytest.mark.parametrize("value", ["a\x01b", "\ufffe", 1j])
def test_graph_files_graphml_refuses_what_networkx_refuses(value: object) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", label=value)
    with pytest.raises(Exception) as ours:
        graphml_bytes(G)
    with pytest.raises(Exception) as theirs:
        _networkx_graphml(G)
    assert type(ours.value) is type(theirs.value)
