"""End to end: the `kg` command on the shipped example articles."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

pytestmark = pytest.mark.slow

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schema" / "extraction.schema.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("out")
    paths = [str(p) for p in kg.example_paths()]
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", *paths, "-o", str(out)],
                         capture_output=True, text=True, check=False)
    return out, run


def test_cli_build_writes_every_output(built):
    out, run = built
    assert run.returncode == 0, run.stderr
    for name in ("extraction.json", "graph.json", "graph.graphml", "graph.ttl", "graph.nq", "graph.html"):
        assert (out / name).stat().st_size > 0, name
    assert "documents     4 processed, 0 skipped" in run.stdout
    assert "meetings" in run.stdout


def test_cli_extraction_json_validates_against_schema(built):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("../shared/schema not present")
    out, _ = built
    data = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert len(data["documents"]) == 4
    assert any(e["type"] == "meeting" for d in data["documents"] for e in d["events"])


def test_cli_turtle_parses_back(built):
    out, _ = built
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    again = rdflib.Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert len(graph) == len(again) > 0


def test_cli_build_is_byte_identical_on_rerun(built, tmp_path):
    import kg

    out, _ = built
    paths = [str(p) for p in kg.example_paths()]
    subprocess.run([sys.executable, "-m", "kg.cli", "build", *reversed(paths), "-o", str(tmp_path)],
                   capture_output=True, text=True, check=True)
    for name in ("extraction.json", "graph.json", "graph.graphml", "graph.ttl", "graph.nq", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_cli_extract_to_stdout_and_missing_file(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Leaders Meet\n\nKenyan President David Otieno met Ugandan President Moses Okello.\n")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(good), str(tmp_path / "missing.txt")],
                         capture_output=True, text=True)
    assert run.returncode == 3
    assert json.loads(run.stdout)["documents"][0]["id"] == "a"
    assert f"kg: skipped {tmp_path / 'missing.txt'}: no such file or folder" in run.stderr


def test_cli_query_named_and_validate(built):
    out, _ = built
    run = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(out / "graph.nq"), "--name", "who-met",
                          "--param", "actor=Liis Valdmaa", "--format", "json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    assert {"Georg Kessler", "Liis Valdmaa"} <= {v for row in rows for v in row.values()}
    check = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(out / "graph.nq")],
                           capture_output=True, text=True)
    assert check.returncode == 0 and "conforms" in check.stdout


def test_cli_query_rejects_bad_sparql_in_one_line(built):
    out, _ = built
    run = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(out / "graph.ttl"), "--sparql", "SELEC x"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith("kg: error: SPARQL error") and run.stderr.count("\n") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_extract_keeps_every_document_past_the_parallel_threshold(tmp_path, jobs):
    from kg.run.local import PARALLEL_MIN_DOCUMENTS

    corpus = tmp_path / "many.jsonl"
    count = PARALLEL_MIN_DOCUMENTS + 8
    corpus.write_text("".join(
        json.dumps({"id": f"n{i:03d}", "text": f"Kenyan President David Otieno met Ugandan President Moses Okello "
                                               f"in Nairobi on day {i}."}) + "\n" for i in range(count)))
    out = tmp_path / "out.json"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(corpus), "-o", str(out), "-j", jobs],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    ids = [d["id"] for d in json.loads(out.read_text())["documents"]]
    assert ids == [f"n{i:03d}" for i in range(count)]


def test_cli_publisher_country_places_bare_titles(tmp_path):
    article = tmp_path / "release.txt"
    article.write_text("Minister Meets Envoy\n\nForeign Minister Ana Vega met Chilean Ambassador Omar Haddad "
                       "in Lima on Monday.\n", encoding="utf-8")

    def affiliations(*options: str) -> set[tuple[str, str]]:
        run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(article), *options],
                             capture_output=True, text=True, check=True)
        [document] = json.loads(run.stdout)["documents"]
        names = {e["id"]: e["name"] for e in document["entities"]}
        return {(names[a["person"]], names[a["organization"]]) for a in document["affiliations"]}

    assert ("Ana Vega", "Peru") in affiliations("--publisher-country", "PE")
    assert "Ana Vega" not in {person for person, _ in affiliations()}  # no publisher: no country guessed
    bad = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(article), "--publisher-country", "Atlantis"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr.strip() == ("kg: error: --publisher-country 'Atlantis' is not a country kg knows; "
                                  "expected a name, alias or ISO code such as 'Japan', 'UK', 'JP'")
