"""The record store (SQLite), the folder lock and the manifest; no spaCy model.

Records are built by hand; lock tests run holders in child processes, since a POSIX lock
never excludes its own process.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from kg.model import Document, Entity, Event, Evidence, Extraction, Mention, RecordError, to_dict
from kg.store import (LOCK_FILE, RecordStore, StoreError, exports_behind, folder_lock, mark_pending, read_manifest,
                      record_from_json, write_manifest)

TEXT = "Ana Silva met Omar Haddad in Rabat."


def record(doc_id: str, *, people=("Ana Silva", "Omar Haddad"), text: str = TEXT) -> Extraction:
    entities = tuple(Entity(f"person:{n.lower().replace(' ', '-')}", n, "PERSON",
                            mentions=(Mention(n, 0, len(n), "PERSON"),)) for n in people)
    event = Event(f"meeting:{doc_id}", "meeting", "meet", Evidence(doc_id, 0, len(text), text),
                  participants=tuple(e.id for e in entities))
    return Extraction(Document(doc_id, text, title=f"T {doc_id}"), entities, (event,))


@pytest.fixture()
def store(tmp_path):
    with RecordStore.create(tmp_path / "corpus.sqlite") as opened:
        yield opened


def test_store_records_come_back_sorted_and_equal(store):
    written = [record("b"), record("a"), record("c")]
    with store.transaction():
        for x in written:
            store.put(x, digest=f"sha256:{x.document.id}", model="m")
    assert [x.document.id for x in store.records()] == ["a", "b", "c"]
    assert list(store.records(resolved=False)) == sorted(written, key=lambda x: x.document.id)
    assert store.entry("b") == ("sha256:b", "m") and store.entry("z") is None
    assert len(store) == 3 and "a" in store and list(store.ids()) == ["a", "b", "c"]


def test_store_state_is_the_set_of_records_whatever_the_order_and_replacements(tmp_path):
    states = []
    for name, steps in (("one", [("a", "1"), ("b", "1")]), ("two", [("b", "0"), ("a", "1"), ("b", "1")])):
        with RecordStore.create(tmp_path / f"{name}.sqlite") as store, store.transaction():
            for doc_id, digest in steps:
                store.put(record(doc_id), digest=digest, model="m")
            states.append(store.state())
    assert states[0] == states[1]
    with RecordStore.create(tmp_path / "three.sqlite") as store, store.transaction():
        store.put(record("a"), digest="1", model="m")
        assert store.state() != states[0]


def test_store_rolls_back_a_failed_transaction(store):
    with store.transaction():
        store.put(record("a"), digest="1", model="m")
    state = store.state()
    with pytest.raises(RuntimeError), store.transaction():
        store.put(record("b"), digest="1", model="m")
        raise RuntimeError("the exports failed")
    assert list(store.ids()) == ["a"] and store.state() == state


def test_store_resolves_lone_surnames_through_its_index(store):
    with store.transaction():
        store.put(record("a", people=("Sergei Lavrov", "Hamid Karzai")), digest="1", model="m")
        store.put(record("b", people=("Lavrov", "Omar Haddad")), digest="1", model="m")
    resolved = {x.document.id: x for x in store.records()}
    assert [e.id for e in resolved["b"].entities] == ["person:omar-haddad", "person:sergei-lavrov"]
    assert resolved["b"].events[0].participants == ("person:sergei-lavrov", "person:omar-haddad")
    with store.transaction():  # a second full name ending in Lavrov: the lone one is no longer sure
        store.put(record("c", people=("Anna Lavrov",)), digest="1", model="m")
    assert "person:lavrov" in {e.id for e in {x.document.id: x for x in store.records()}["b"].entities}


@pytest.mark.parametrize(("damage", "message"), [
    (b'{"document": {"id": "a2", "text": "\xff\xfe"}}', "not UTF-8 (byte 0xff at position 35)"),
    (b"{not json", "not JSON (Expecting property name enclosed in double quotes)"),
    (b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply"),
])
def test_store_damaged_row_is_named_and_skipped(store, damage, message):
    with store.transaction():
        for doc_id in ("a1", "a2", "a3"):
            store.put(record(doc_id), digest="1", model="m")
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE records SET record = CAST(? AS BLOB) WHERE id = 'a2'", (damage,))
    problems = []
    assert [x.document.id for x in store.records(on_error=problems.append)] == ["a1", "a3"]
    assert [str(p) for p in problems] == [f"{store.path}: record 'a2': {message}; skipped"]
    with pytest.raises(StoreError, match="record 'a2'"):
        list(store.records())


def _damaged(field: str) -> dict:
    data = to_dict(record("a1"))
    if field == "offsets":
        data["events"][0]["evidence"]["start"] = 500
    elif field == "negative end":
        data["events"][0]["evidence"]["end"] = -3
    elif field == "id list":
        data["document"]["id"] = ["a1"]
    elif field == "number as text":
        data["entities"][0]["mentions"][0]["start"] = "0"
    elif field == "confidence as text":
        data["events"][0]["confidence"] = "high"
    return data


@pytest.mark.parametrize(("field", "message"), [
    ("offsets", "extraction.events[0].evidence: offsets 500-35 outside the text (35 characters)"),
    ("negative end", "extraction.events[0].evidence: offsets 0--3 outside the text (35 characters)"),
    ("id list", "extraction.document.id: expected text, got a list"),
    ("number as text", "extraction.entities[0].mentions[0].start: expected a whole number, got text '0'"),
    ("confidence as text", "extraction.events[0].confidence: expected a number, got text 'high'"),
])
def test_store_record_values_are_checked(field, message):
    with pytest.raises(RecordError) as caught:
        record_from_json(json.dumps(_damaged(field)).encode())
    assert str(caught.value) == message


def test_store_open_refuses_what_is_not_a_store(tmp_path):
    (tmp_path / "corpus.sqlite").write_text("not a database, a note")
    with pytest.raises(StoreError, match=r"corpus.sqlite: not a kg corpus store"):
        RecordStore.open(tmp_path / "corpus.sqlite")
    with pytest.raises(StoreError, match="no corpus store here"):
        RecordStore.open(tmp_path / "missing.sqlite")


# --- the lock -----------------------------------------------------------------------------
HOLDER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from kg.store import folder_lock
    with folder_lock(Path(sys.argv[1])):
        if os.fork() == 0:  # a worker process, as a pool forks them while the lock is held
            time.sleep(60)
            os._exit(0)
        print("locked", flush=True)
        time.sleep(60)
""")


def _holder(folder: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True,
                               start_new_session=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_store_lock_dies_with_its_holder_not_with_its_workers(tmp_path):
    holder = _holder(tmp_path)
    try:
        os.kill(holder.pid, signal.SIGKILL)  # kill -9: the worker it forked lives on
        holder.wait(timeout=10)
        started = time.monotonic()
        with folder_lock(tmp_path, waiting=pytest.fail):
            assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"
        assert time.monotonic() - started < 5
    finally:
        os.killpg(holder.pid, signal.SIGKILL)


def test_store_lock_held_is_reported_then_waited_for(tmp_path):
    holder = _holder(tmp_path)
    heard: list[str] = []
    got = threading.Event()

    def take() -> None:
        with folder_lock(tmp_path, waiting=heard.append):
            got.set()

    try:
        waiter = threading.Thread(target=take)
        waiter.start()
        deadline = time.monotonic() + 10
        while not heard and time.monotonic() < deadline:
            time.sleep(0.01)
        assert heard == [f"another kg add is running on {tmp_path} (pid {holder.pid}); waiting for it to finish"]
        assert not got.is_set()
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
    waiter.join(timeout=10)
    assert got.is_set()


def test_store_lock_excludes_threads_of_one_process(tmp_path):
    inside = []

    def work(i: int) -> None:
        with folder_lock(tmp_path):
            inside.append(i)
            time.sleep(0.05)
            assert inside[-1] == i  # nobody else came in meanwhile

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(inside) == [0, 1, 2, 3]


# --- the manifest -------------------------------------------------------------------------
def test_store_manifest_tells_when_exports_fell_behind(tmp_path):
    (tmp_path / "graph.nq").write_text("")
    assert exports_behind(tmp_path, "s1", ["graph.nq"])  # no manifest
    write_manifest(tmp_path, state="s1", documents=1, files={"graph.nq": "sha256:x"})
    assert not exports_behind(tmp_path, "s1", ["graph.nq"])
    assert exports_behind(tmp_path, "s2", ["graph.nq"])  # the store moved on
    assert exports_behind(tmp_path, "s1", ["graph.nq", "graph.ttl"])  # a file never written
    mark_pending(tmp_path)  # exports being replaced
    assert read_manifest(tmp_path)["corpus"] == "pending" and exports_behind(tmp_path, "s1", ["graph.nq"])
    (tmp_path / "manifest.json").write_text("{broken")
    assert exports_behind(tmp_path, "s1", ["graph.nq"])


POOL = textwrap.dedent("""
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from kg.run.processes import die_with_parent
    with ProcessPoolExecutor(2, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pids = {pool.submit(os.getpid).result() for _ in range(8)}
        print(" ".join(map(str, sorted(pids))), flush=True)
        time.sleep(60)
""")


def test_store_workers_die_with_their_parent(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", POOL], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()
                 and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]
        time.sleep(0.05)
    assert alive == []
