"""Faults: a killed run, a full disk, an unwritable folder, a missing model, the network, order.

What kg guarantees about its outputs, and what these tests hold it to:

* **Per file, old or new, never half.** Each output is written to ``.NAME.XXXXXXXX.tmp``
  beside it and renamed into place (:mod:`kg.atomic`). A run that dies (SIGKILL) or fails
  (disk full) leaves every output byte-identical either to the previous run's file or to
  the complete new one. The six files are not one transaction: a run killed between two
  renames leaves the first files new and the rest old.
* **Temporary files.** A failed write removes its temporary file. A killed one cannot, so
  it may leave one ``.NAME.XXXXXXXX.tmp`` behind; the next successful write of ``NAME``
  removes it (and never the temporary file of a writer that is still running).
* **Messages.** A fatal error is one line, ``kg: error: ...``, and exit code 1.

The command runs in a child process, as a user runs it. Tests marked ``slow`` load the
spaCy model.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import rdflib

import kg
import kg.atomic
from kg.corpus import CORPUS_FILES
from kg.run import OUTPUT_FILES
from kg.errors import OutputError

TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


# --- helpers ------------------------------------------------------------------------------

def kg_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *(str(a) for a in args)]


def run(*args: str | Path, env: dict[str, str] | None = None,
        prelude: str | None = None) -> subprocess.CompletedProcess:
    """Run the ``kg`` command; ``prelude`` is Python run in the child first (to patch a fault in)."""
    command = kg_command(*args)
    if prelude is not None:
        command = [sys.executable, "-c", f"{prelude}\nimport sys\nfrom kg.cli import main\nsys.argv[0] = 'kg'\nmain()",
                   *command[3:]]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, **(env or {})})


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def snapshot(folder: Path) -> dict[str, bytes]:
    """The outputs in ``folder``, by name."""
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES if (folder / name).exists()}


WORK_FOLDER = re.compile(r"\.kg-(build|graph|rdf)-\w+\.tmp")


def temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if TEMPORARY.fullmatch(name))


FIRST = ["Ana", "Tomas", "Liis", "Georg", "Amara", "Kenji", "Ilse", "Rafael", "Nadia", "Oskar", "Priya", "Emeka",
         "Sofia", "Arvid", "Leila", "Mateo", "Yuki", "Farid", "Helga", "Dario", "Zanele", "Pavel", "Ines", "Kwame"]
LAST = ["Valdmaa", "Kessler", "Okafor", "Tanaka", "Quesada", "Ortega", "Serikbayev", "Lindqvist", "Moreau",
        "Haddad", "Novak", "Mwangi", "Castell", "Ivers", "Brandt", "Achterberg", "Solano", "Dumitru", "Petrosyan",
        "Kovalenko", "Ferreira", "Nakamura", "Abara", "Rask"]
COUNTRIES = [("Estonian", "Estonia"), ("Austrian", "Austria"), ("Kenyan", "Kenya"), ("Japanese", "Japan"),
             ("Chilean", "Chile"), ("Zambian", "Zambia"), ("Norwegian", "Norway"), ("Peruvian", "Peru"),
             ("Kazakh", "Kazakhstan"), ("Ghanaian", "Ghana")]
CITIES = ["Vienna", "Lusaka", "Tallinn", "Nairobi", "Lima", "Oslo", "Astana", "Accra", "Santiago", "Tokyo"]
POSTS = ["Foreign Minister", "President", "Prime Minister", "Defence Minister", "Trade Minister"]
TOPICS = ["energy security", "fisheries", "border trade", "climate finance", "grain exports", "rail links"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def articles(count: int, *, seed: int) -> list[dict[str, str]]:
    """Short invented articles: a meeting of two invented officials, a quote, a plan."""
    rng = random.Random(seed)
    records = []
    for i in range(count):
        a, b = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2))
        (adj1, _), (adj2, country2) = rng.sample(COUNTRIES, 2)
        city, topic, day = rng.choice(CITIES), rng.choice(TOPICS), rng.choice(DAYS)
        text = (f"{adj1} {rng.choice(POSTS)} {a} met {adj2} {rng.choice(POSTS)} {b} in {city} on {day} to "
                f"discuss {topic}. \"We made real progress on {topic},\" {a.split()[1]} said after the talks. "
                f"{b.split()[1]} said {country2} would host the next round in {rng.choice(CITIES)}.")
        records.append({"id": f"s{seed}-{i:03d}", "title": f"Talks on {topic} in {city}",
                        "published": f"2031-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text})
    return records


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def check_complete(folder: Path) -> None:
    """The outputs in ``folder`` are whole files: JSON parses, Turtle parses, HTML ends."""
    json.loads((folder / "extraction.json").read_text(encoding="utf-8"))
    json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    rdflib.Graph().parse(folder / "graph.ttl", format="turtle")
    assert (folder / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert (folder / "graph.graphml").read_text(encoding="utf-8").rstrip().endswith("</graphml>")
    assert (folder / "graph.nq").read_bytes().endswith(b" .\n")


# the fault a patched writer injects: the disk fills half-way through the FAIL_AT-th file kg writes
FULL_DISK = """
import errno, os

class _Full:
    def __init__(self, handle):
        self._handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self._handle.close()
    def write(self, data):
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    def __getattr__(self, name):
        return getattr(self._handle, name)

class _OS:
    writes = 0
    def __getattr__(self, name):
        return getattr(os, name)
    def fdopen(self, fd, *args, **kwargs):
        handle = os.fdopen(fd, *args, **kwargs)
        _OS.writes += 1
        return _Full(handle) if _OS.writes == FAIL_AT else handle
"""


def full_disk_at(number: int) -> str:
    """A prelude for :func:`run` that fills the disk during the ``number``-th file kg writes."""
    return f"FAIL_AT = {number}\n{FULL_DISK}\nimport kg.atomic\nkg.atomic.os = _OS()\n"


# --- kg.atomic, without the model -------------------------------------------------------

def test_faults_atomic_write_removes_temporaries_of_dead_writers_only(tmp_path):
    target = tmp_path / "graph.json"
    dead = tmp_path / ".graph.json.k1ll3d_x.tmp"  # what a writer killed before its rename leaves
    dead.write_text('{"half": ')
    live = tmp_path / ".graph.json.wr1t1ng_.tmp"  # a writer still at work holds its lock
    live.write_text('{"also half": ')
    other = tmp_path / ".graph.nq.k1ll3d_x.tmp"  # another output's: left for its own next write
    other.write_text("<a> <b> ")
    foreign = tmp_path / ".graph.json.notes.tmp"  # not kg's naming: mkstemp adds 8 characters
    foreign.write_text("notes")
    with open(live, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        kg.atomic.atomic_write_text(target, '{"whole": true}\n')
        assert sorted(os.listdir(tmp_path)) == sorted([target.name, live.name, other.name, foreign.name])
    assert target.read_text() == '{"whole": true}\n'
    assert target.stat().st_mode & 0o777 == 0o644


def test_faults_atomic_write_full_disk_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old and whole\n")
    namespace: dict = {"FAIL_AT": 1}
    exec(FULL_DISK, namespace)  # noqa: S102 (the test's own fault injector)
    monkeypatch.setattr(kg.atomic, "os", namespace["_OS"]())
    with pytest.raises(OutputError) as caught:
        kg.atomic.atomic_write_bytes(target, b"new " * 10_000)
    assert str(caught.value) == f"{target}: cannot write (No space left on device)"
    assert target.read_bytes() == b"old and whole\n"
    assert os.listdir(tmp_path) == [target.name]


def test_faults_atomic_write_failed_rename_leaves_no_temporary(tmp_path):
    folder = tmp_path / "graph.html"
    folder.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OutputError) as caught:
        kg.atomic.atomic_write_text(folder, "<!DOCTYPE html>")
    assert str(caught.value) == f"{folder}: cannot write (Is a directory)"
    assert os.listdir(tmp_path) == ["graph.html"] and os.listdir(folder) == []


# --- the command: fatal errors are one line and leave the previous outputs -------------------

@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two complete builds: ``old`` of two example articles, ``new`` of all four."""
    examples = [str(p) for p in kg.example_paths()]
    folders = {}
    for name, paths in (("old", examples[:2]), ("new", examples)):
        folder = tmp_path_factory.mktemp(name)
        result = run("build", *paths, "-o", folder)
        assert result.returncode == 0, result.stderr
        folders[name] = folder
    old, new = snapshot(folders["old"]), snapshot(folders["new"])
    assert sorted(old) == sorted(new) == sorted(OUTPUT_FILES)
    assert all(old[name] != new[name] for name in OUTPUT_FILES)
    return {"paths": examples, "old": old, "new": new, "old_folder": folders["old"]}


def previous_build(builds, folder: Path) -> Path:
    """``folder`` holding the old build, as a user's output folder does before a run."""
    shutil.copytree(builds["old_folder"], folder)
    return folder


@pytest.mark.slow
def test_faults_cli_build_full_disk_is_one_line_and_nothing_half_written(builds, tmp_path):
    out = previous_build(builds, tmp_path / "out")
    # the manifest is marked pending first, then files are staged in OUTPUT_FILES order:
    # the 5th file written, graph.ttl, meets the full disk
    result = run("build", *builds["paths"], "-o", out, prelude=full_disk_at(5))
    assert result.returncode == 1
    assert stderr_lines(result) == [f"kg: error: {out / 'graph.ttl'}: cannot write (No space left on device)"]
    assert "written" not in result.stdout
    # every file is staged before any rename: all the previous outputs are still there
    assert snapshot(out) == builds["old"]
    assert temporaries(out) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 4 MiB tmpfs (needs root and mount permission; skipped elsewhere)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.slow
def test_faults_cli_build_on_a_full_tmpfs_keeps_previous_outputs(builds, tiny_disk):
    out = tiny_disk / "out"
    previous_build(builds, out)
    with open(tiny_disk / "filler", "wb", buffering=0) as filler:  # the rest of the disk, to the last page
        with pytest.raises(OSError) as full:
            while True:
                filler.write(b"\0" * 4096)
        assert full.value.errno == errno.ENOSPC
    result = run("build", *builds["paths"], "-o", out)
    assert result.returncode == 1
    # the first file a build writes is its store of records
    assert stderr_lines(result) == [f"kg: error: {out / 'corpus.sqlite'}: cannot write (database or disk is full)"]
    assert snapshot(out) == builds["old"]
    assert temporaries(out) == []


@pytest.mark.slow
def test_faults_cli_build_into_a_file_is_one_line(builds, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    result = run("build", builds["paths"][0], "-o", blocker)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"kg: error: {blocker / 'extraction.json'}: cannot write ({blocker} is a file, not a folder)"]
    assert blocker.read_text() == "a file where the output folder should be"


@pytest.mark.slow
def test_faults_cli_build_missing_model_is_one_line_and_writes_nothing(builds, tmp_path):
    out = previous_build(builds, tmp_path / "out")
    result = run("build", *builds["paths"], "--model", "no_such_model", "-o", out)
    assert result.returncode == 1
    [line] = stderr_lines(result)
    assert line.startswith("kg: error: spaCy model 'no_such_model' could not be loaded: ")
    assert line.endswith("; install the spaCy package 'no_such_model' or pass --model with an installed one")
    assert result.stdout == ""
    assert snapshot(out) == builds["old"] and temporaries(out) == []


@pytest.mark.slow
def test_faults_cli_build_broken_model_is_one_line_and_writes_nothing(builds, tmp_path):
    model = tmp_path / "broken-model"
    model.mkdir()
    (model / "meta.json").write_text("{}")
    (model / "config.cfg").write_text('[nlp]\nlang = "en"\npipeline = ["tagger"\n')  # cut off mid-list
    out = previous_build(builds, tmp_path / "out")
    result = run("build", *builds["paths"], "--model", model, "-o", out)
    assert result.returncode == 1
    [line] = stderr_lines(result)
    assert line.startswith(f"kg: error: spaCy model '{model}' is broken: ")
    assert snapshot(out) == builds["old"] and temporaries(out) == []


# --- a run killed half-way ------------------------------------------------------------------

# one hash seed for every run of the 200 articles: the layout of graph.html varies with it
# (see test_faults_build_is_byte_identical_across_hash_seeds_order_and_workers), and these
# tests compare files with a reference build
SAME_SEED = {**os.environ, "PYTHONHASHSEED": "0"}

@pytest.fixture(scope="module")
def big_build(tmp_path_factory, builds):
    """200 generated articles, and their complete build, timed: when the first output was written."""
    folder = tmp_path_factory.mktemp("big")
    corpus = write_jsonl(folder / "articles.jsonl", articles(200, seed=200))
    out = folder / "out"
    out.mkdir()
    start = time.monotonic()
    process = subprocess.Popen(kg_command("build", corpus, "-o", out), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=SAME_SEED)
    first_write = None
    while process.poll() is None:
        if first_write is None and os.listdir(out):
            first_write = time.monotonic() - start
        time.sleep(0.001)
    assert process.returncode == 0
    check_complete(out)
    assert first_write is not None
    return {"corpus": corpus, "new": snapshot(out), "first_write": first_write}


def kill_when(command: list[str], out: Path, ready) -> bool:
    """Start ``command``, SIGKILL it (and its workers) once ``ready(start, entries)``; True if it was killed.

    ``entries`` maps the names in ``out`` to their inode numbers, polled every half millisecond.
    """
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, env=SAME_SEED)
    try:
        while process.poll() is None:
            entries = {entry.name: entry.inode() for entry in os.scandir(out)}
            if ready(start, entries):
                os.killpg(process.pid, signal.SIGKILL)  # the group: the run and its worker processes
                return process.wait(timeout=60) == -signal.SIGKILL
            time.sleep(0.0005)
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)


@pytest.mark.slow
def test_faults_killed_build_leaves_every_output_old_or_new_never_half(builds, big_build, tmp_path):
    new = big_build["new"]
    old = builds["old"]

    def writing(name):  # its temporary file exists, or it was just renamed into place
        return lambda start, entries, inodes: (
            any(TEMPORARY.fullmatch(e) and TEMPORARY.fullmatch(e)["name"] == name for e in entries)
            or entries.get(name) != inodes[name])

    moments = {
        "extracting": lambda start, entries, inodes: time.monotonic() - start >= big_build["first_write"] / 2,
        "writing extraction.json": writing("extraction.json"),
        "after graph.graphml": lambda start, entries, inodes: entries.get("graph.graphml") != inodes["graph.graphml"],
        "writing graph.nq": writing("graph.nq"),
        "writing graph.html": writing("graph.html"),
    }
    outcomes = {}
    for number, (moment, ready) in enumerate(moments.items()):
        out = previous_build(builds, tmp_path / f"out{number}")
        inodes = {name: (out / name).stat().st_ino for name in OUTPUT_FILES}
        killed = kill_when(kg_command("build", big_build["corpus"], "-o", out), out,
                           lambda start, entries: ready(start, entries, inodes))
        # every output is the previous run's file or the complete new one, byte for byte
        found = snapshot(out)
        assert sorted(found) == sorted(OUTPUT_FILES), moment
        states = tuple("old" if found[name] == old[name] else "new" if found[name] == new[name] else "HALF"
                       for name in OUTPUT_FILES)
        assert "HALF" not in states, (moment, states)
        # nothing else: the corpus's own files, at most one staged temporary file per output,
        # and the run's work folders (removed by the next run)
        left = temporaries(out)
        work = {name for name in os.listdir(out) if WORK_FOLDER.fullmatch(name)}
        assert set(os.listdir(out)) == set(OUTPUT_FILES) | set(CORPUS_FILES) | set(left) | work, moment
        assert len(left) <= len(OUTPUT_FILES), (moment, left)
        # the manifest is staged the same way: a run killed as it writes it leaves its temporary
        assert all(TEMPORARY.fullmatch(t)["name"] in OUTPUT_FILES + CORPUS_FILES for t in left), (moment, left)
        outcomes[moment] = (killed, states, left, out)
    # the kills landed while kg was still at work; every file is staged before the first
    # rename, so a kill while staging leaves all the previous outputs (a kill during the
    # renames, a much shorter window, leaves a mix of whole files)
    killed_before = [m for m, (killed, states, _, _) in outcomes.items() if killed and set(states) == {"old"}]
    assert killed_before, {m: o[:3] for m, o in outcomes.items()}

    # the next complete run writes every output and removes what killed runs left
    out = max((o[3] for o in outcomes.values()), key=lambda folder: len(temporaries(folder)))
    result = run("build", big_build["corpus"], "-o", out, env=SAME_SEED)
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == new
    assert sorted(os.listdir(out)) == sorted(OUTPUT_FILES + CORPUS_FILES)


# --- no network -----------------------------------------------------------------------------

def test_faults_no_network_guard_refuses_and_records_a_swallowed_use(no_network):
    with pytest.raises(OSError, match=r"no_network: socket\.getaddrinfo"):
        socket.getaddrinfo("example.org", 443)
    try:  # code that catches the error still fails the test: the use is recorded
        urllib.request.urlopen("http://example.org/context.jsonld", timeout=1)
    except OSError:
        pass
    assert no_network[0] == "socket.getaddrinfo('example.org', 443, 0, 0, 0)"
    assert no_network[1].startswith("urllib.Request('http://example.org/context.jsonld'")
    no_network.clear()  # expected uses: the fixture would fail this test on the way out


def test_faults_no_network_guard_is_off_outside_the_fixture():
    # after the test above the hook is installed for good, but does nothing outside the fixture
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        assert server.getsockname()[1] > 0


@pytest.mark.slow
def test_faults_build_and_write_use_no_network(no_network, tmp_path):
    result = kg.build(kg.example_paths())
    written = result.write(tmp_path)
    assert [p.name for p in written] == list(OUTPUT_FILES)
    assert result.skipped == [] and no_network == []


@pytest.mark.slow
def test_faults_validate_and_jsonld_use_no_network(no_network, tmp_path):
    import pyoxigraph as ox

    from kg.sparql import validate
    from kg.export.rdf import write_rdf

    result = kg.build(kg.example_paths())
    nq = write_rdf(result.graph, tmp_path / "graph.nq")
    assert validate(nq).conforms
    assert validate(result.graph).conforms
    jsonld = write_rdf(result.graph, tmp_path / "graph.jsonld")
    nt = write_rdf(result.graph, tmp_path / "graph.nt")
    context = json.loads(jsonld.read_text(encoding="utf-8"))["@context"]
    assert isinstance(context, dict) and all(isinstance(v, str) for v in context.values())  # inline, no URL to fetch
    triples = len(rdflib.Graph().parse(nt, format="nt"))
    assert len(rdflib.Graph().parse(jsonld, format="json-ld")) == triples
    assert len(list(ox.parse(path=str(jsonld), format=ox.RdfFormat.JSON_LD))) == triples
    assert no_network == []


# --- the same input, the same bytes ---------------------------------------------------------

@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The same articles built twice: other hash seed, other order, other number of workers."""
    folder = tmp_path_factory.mktemp("twice")
    examples = [str(p) for p in kg.example_paths()]
    records = articles(40, seed=40)  # past PARALLEL_MIN_DOCUMENTS: -j 2 extracts in two processes
    corpus = folder / "articles.jsonl"
    outputs = []
    for seed, jobs, order in (("0", "1", 1), ("4242", "2", -1)):
        write_jsonl(corpus, records[::order])  # the same path, its lines in the other order
        out = folder / f"out-{seed}"
        result = run("build", *[*examples, str(corpus)][::order], "-o", out, "-j", jobs,
                     env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append(snapshot(out))
    return outputs


@pytest.mark.slow
@pytest.mark.parametrize("name", OUTPUT_FILES)
def test_faults_build_is_byte_identical_across_hash_seeds_order_and_workers(two_runs, name):
    first, second = two_runs
    assert first[name] == second[name]


@pytest.mark.slow
def test_faults_same_document_twice_duplicates_nothing(builds, tmp_path):
    examples = [Path(p) for p in builds["paths"]]
    copies = tmp_path / "copies"
    copies.mkdir()
    for path in examples[:2]:
        shutil.copy(path, copies / path.name)  # the same file under another folder: the same id
    again = write_jsonl(tmp_path / "again.jsonl", [{"id": examples[3].stem, "text": "Another text, the same id."}])
    out = tmp_path / "out"
    result = run("build", *examples, copies, again, "-o", out)
    assert result.returncode == 3
    assert stderr_lines(result) == [
        f"kg: skipped {copies / examples[0].name}: duplicate document id {examples[0].stem!r} "
        f"(first read from {examples[0]})",
        f"kg: skipped {copies / examples[1].name}: duplicate document id {examples[1].stem!r} "
        f"(first read from {examples[1]})",
        f"kg: skipped {again}: line 1: duplicate document id {examples[3].stem!r} (first read from {examples[3]})",
    ]
    assert "documents     4 processed, 3 skipped" in result.stdout
    assert snapshot(out) == builds["new"]  # byte for byte the build without the duplicates
