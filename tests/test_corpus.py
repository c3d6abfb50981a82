"""The corpus: reports of one encounter merged across articles, and a store that grows.

Unit tests build records by hand (no spaCy model); a fake extractor stands in for spaCy
when the store is under test. The tests marked slow read articles written for them with
the real model.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from kg.corpus import STORE_FILE, AddReport, Corpus, build_corpus, content_hash, extraction_from_dict
from kg.errors import IngestError, KGError
from kg.graph import build_graph, cluster_meetings, same_encounter
from kg.ids import entity_id, event_id
from kg.run import OUTPUT_FILES
from kg.model import Affiliation, Document, Entity, Event, Evidence, Extraction, Mention, to_dict

A, B, C = "person:ana-silva", "person:omar-haddad", "person:liis-valdmaa"
RABAT, PARIS = "gpe:rabat", "gpe:paris"


def _report(doc_id: str, date: str | None = None, *, place: str | None = RABAT, people=(A, B),
            subtype: str = "meet", status: str = "occurred", start: int = 0) -> Extraction:
    """One document reporting one meeting."""
    text = f"Report {doc_id}: they met."
    doc = Document(id=doc_id, text=text, title=f"Title {doc_id}", published="2030-03-05")
    evidence = Evidence(doc_id, start, start + len(text), text, rule="meetings:meet-verb")
    names = {A: "Ana Silva", B: "Omar Haddad", C: "Liis Valdmaa", RABAT: "Rabat", PARIS: "Paris"}
    entities = tuple(Entity(i, names[i], "GPE" if i.startswith("gpe") else "PERSON")
                     for i in sorted({*people, *([place] if place else [])}))
    event = Event(event_id("meeting", doc_id, start, subtype), "meeting", subtype, evidence, participants=tuple(people),
                  location=place, date=date, status=status)
    return Extraction(doc, entities, (event,))


def _meetings(G):
    return {n: d for n, d in G.nodes(data=True) if d.get("kind") == "event" and d["type"] == "meeting"}


def _same_graph(G, H) -> bool:
    return (list(G.nodes(data=True)) == list(H.nodes(data=True))
            and list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
            and G.graph == H.graph)


# --- merging across articles ------------------------------------------------------------
def test_corpus_merge_dated_and_undated_reports_become_one_event_with_two_sources():
    dated, undated = _report("d1", "2030-03-02"), _report("d2", None)
    G = build_graph([dated, undated], merge_events=True)
    (node, data), = _meetings(G).items()
    assert node == dated.events[0].id
    assert data["report_count"] == 2
    assert data["documents"] == ["d1", "d2"]
    assert data["date"] == "2030-03-02" and data["dates"] == ["2030-03-02"] and data["conflicts"] == []
    assert [(r["doc_id"], r["sentence"], r["start"], r["end"]) for r in data["reports"]] == [
        ("d1", "Report d1: they met.", 0, 20), ("d2", "Report d2: they met.", 0, 20)]
    assert {(v, k) for _, v, k in G.out_edges(node, keys=True)} == {(A, "participant"), (B, "participant"),
                                                                   (RABAT, "location")}


def test_corpus_merge_two_meetings_of_a_pair_on_different_dates_stay_two():
    G = build_graph([_report("d1", "2030-03-02"), _report("d2", "2030-05-11")], merge_events=True)
    assert sorted(d["date"] for d in _meetings(G).values()) == ["2030-03-02", "2030-05-11"]
    assert all(d["report_count"] == 1 for d in _meetings(G).values())


@pytest.mark.parametrize(("first", "second", "same"), [
    ({"date": "2030-03-02"}, {"date": "2030-03"}, True),  # a month matches a day in it
    ({"date": "2030-03-02"}, {"date": "2030"}, True),
    ({"date": "2030-03-02"}, {"date": "2030-04"}, False),
    ({"date": "2030-03"}, {"date": "2030-04"}, False),
    ({}, {"people": (A, B, C)}, True),  # two shared actors
    ({"people": (A, C)}, {"people": (A, B)}, False),  # one shared actor
    ({"people": (A, B, C)}, {"people": (A, C)}, True),
    ({"place": RABAT}, {"place": None}, True),
    ({"place": RABAT}, {"place": PARIS}, False),  # no common day: two places are two meetings
    ({"subtype": "phone"}, {"subtype": "visit"}, False),  # a call is not a trip
    ({"subtype": "meet"}, {"subtype": "talks"}, True),
    ({"status": "planned"}, {"status": "occurred"}, False),  # "will meet" vs "met", no date: two
])
def test_corpus_merge_rules(first, second, same):
    one, two = _report("d1", **first).events[0], _report("d2", **second).events[0]
    assert same_encounter(one, two) is same
    assert same_encounter(two, one) is same
    G = build_graph([_report("d1", **first), _report("d2", **second)], merge_events=True)
    assert len(_meetings(G)) == (1 if same else 2)


def test_corpus_merge_conflicting_places_on_one_day_are_kept_and_flagged():
    G = build_graph([_report("d1", "2030-03-02", place=RABAT), _report("d2", "2030-03-02", place=PARIS)],
                    merge_events=True)
    (node, data), = _meetings(G).items()
    assert data["conflicts"] == ["location"]
    assert sorted(v for _, v, k in G.out_edges(node, keys=True) if k == "location") == [PARIS, RABAT]
    assert sorted(r["location"] for r in data["reports"]) == [PARIS, RABAT]


@pytest.mark.parametrize(("statuses", "status", "conflicts"), [
    (("planned", "occurred"), "occurred", []),  # written before and after the meeting
    (("planned", "cancelled"), "cancelled", []),
    (("cancelled", "occurred"), "occurred", ["status"]),
])
def test_corpus_merge_status_of_one_day(statuses, status, conflicts):
    records = [_report(f"d{i}", "2030-03-02", status=s) for i, s in enumerate(statuses)]
    (data,) = _meetings(build_graph(records, merge_events=True)).values()
    assert (data["status"], data["conflicts"], data["report_count"]) == (status, conflicts, 2)


def test_corpus_merge_keeps_the_most_specific_kind_and_every_date():
    records = [_report("d1", "2030-03-02"), _report("d2", "2030-03", subtype="talks")]
    (data,) = _meetings(build_graph(records, merge_events=True)).values()
    assert (data["subtype"], data["label"], data["date"]) == ("talks", "meeting: talks", "2030-03-02")
    assert data["dates"] == ["2030-03", "2030-03-02"]


def test_corpus_merge_undated_report_matching_two_meetings_stays_alone():
    records = [_report("d1", "2030-03-02"), _report("d2", "2030-03-20"), _report("d3", None)]
    groups = cluster_meetings([x.events[0] for x in records])
    assert sorted(len(g) for g in groups) == [1, 1, 1]


def test_corpus_merge_never_joins_two_events_of_one_document():
    one = _report("d1", "2030-03-02")
    two = replace(one, events=one.events + (replace(one.events[0], id="meeting:other", date=None),))
    G = build_graph([two, _report("d2", "2030-03-02")], merge_events=True)
    counts = sorted(d["report_count"] for d in _meetings(G).values())
    assert counts == [1, 2]


def test_corpus_merge_statements_are_not_merged():
    def said(doc_id):
        x = _report(doc_id)
        statement = Event(f"statement:{doc_id}", "statement", "statement", x.events[0].evidence, speaker=A,
                          content="talks went well")
        return replace(x, events=(statement,))

    G = build_graph([said("d1"), said("d2")], merge_events=True)
    statements = [d for _, d in G.nodes(data=True) if d.get("type") == "statement"]
    assert len(statements) == 2 and all(d["report_count"] == 1 for d in statements)


def test_corpus_merge_result_does_not_depend_on_document_order():
    records = [_report("d1", "2030-03-02"), _report("d2", None), _report("d3", "2030-03"),
               _report("d4", "2030-03-02", place=PARIS), _report("d5", "2030-05-11", people=(A, B, C)),
               _report("d6", None, people=(A, C)), _report("d7", "2030-05", people=(B, C), subtype="talks")]
    orders = [records, records[::-1]] + [random.Random(seed).sample(records, len(records)) for seed in range(100)]
    first, *others = [build_graph(order, merge_events=True) for order in orders]
    assert all(_same_graph(first, G) for G in others)
    # d2 (undated) matches both the March and the May meeting of the pair: it stays alone
    assert sorted(d["report_count"] for d in _meetings(first).values()) == [1, 3, 3]


def test_corpus_merge_off_keeps_every_report_as_a_node():
    G = build_graph([_report("d1", "2030-03-02"), _report("d2", None)])
    assert len(_meetings(G)) == 2
    assert all(d["report_count"] == 1 and d["conflicts"] == [] for d in _meetings(G).values())


# --- the store --------------------------------------------------------------------------
_MET = re.compile(r"(?P<a>[A-Z]\w+(?: [A-Z]\w+)?) met (?P<b>[A-Z]\w+(?: [A-Z]\w+)?)(?: in (?P<place>[A-Z]\w+))?"
                  r"(?: on (?P<date>\d{4}-\d{2}(?:-\d{2})?))?\.")


class FakeExtractor:
    """Reads "Ana Silva met Omar Haddad in Rabat on 2030-03-02." without spaCy; counts calls."""

    def __init__(self):
        self.seen: list[str] = []

    def __call__(self, documents, **options):
        for document in documents:
            self.seen.append(document.id)
            entities, events = {}, []
            for match in _MET.finditer(document.text):
                people = [entity_id("PERSON", match[k]) for k in ("a", "b")]
                for name in (match["a"], match["b"]):
                    entities[entity_id("PERSON", name)] = Entity(entity_id("PERSON", name), name, "PERSON",
                                                                 mentions=(Mention(name, 0, len(name), "PERSON"),))
                place = None
                if match["place"]:
                    place = entity_id("GPE", match["place"])
                    entities[place] = Entity(place, match["place"], "GPE")
                evidence = Evidence(document.id, match.start(), match.end(), match[0], rule="fake")
                events.append(Event(event_id("meeting", document.id, match.start()), "meeting", "meet", evidence,
                                    participants=tuple(people), location=place, date=match["date"]))
            yield Extraction(document, tuple(sorted(entities.values(), key=lambda e: e.id)), tuple(events))


@pytest.fixture()
def fake(monkeypatch):
    extractor = FakeExtractor()
    monkeypatch.setattr("kg.run.local.extract_records_with", extractor)
    monkeypatch.setattr("kg.run.local.load_pipeline", lambda model=None: None)
    monkeypatch.setattr("kg.run.local.default_model", lambda: "fake_model")
    monkeypatch.setattr("kg.extraction.pipeline.default_model", lambda: "fake_model")
    return extractor


def _write(folder: Path, name: str, body: str, title: str = "Ministers meet") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture()
def articles(tmp_path):
    inbox = tmp_path / "in"
    return {
        "a1": _write(inbox, "a1", "Ana Silva met Omar Haddad in Rabat on 2030-03-02. The talks were long."),
        "a2": _write(inbox, "a2", "Omar Haddad met Ana Silva in Rabat. Both sides said little about it."),
        "b1": _write(inbox, "b1", "Liis Valdmaa met Georg Kessler in Vienna on 2030-03-03. It was cold there."),
        "b2": _write(inbox, "b2", "Ana Silva met Liis Valdmaa in Rabat on 2030-05-11. They met in May."),
    }


def _store_bytes(folder: Path) -> bytes:
    return (folder / STORE_FILE).read_bytes()


def _store_rows(folder: Path) -> dict[str, tuple]:
    """What the store holds, by document id: hash, model and the stored record (JSON)."""
    import sqlite3

    with sqlite3.connect(folder / STORE_FILE) as db:
        return {row[0]: row[1:] for row in db.execute("SELECT id, hash, model, record FROM records ORDER BY id")}


def _exports(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES + ("manifest.json",)}


def test_corpus_add_extracts_only_new_documents(tmp_path, articles, fake):
    corpus = Corpus.open(tmp_path / "out")
    report = corpus.add([articles["a1"], articles["a2"]])
    assert (report.added, report.replaced, report.unchanged, report.skipped) == (("a1", "a2"), (), (), ())
    assert [p.name for p in report.written] == list(OUTPUT_FILES)
    assert fake.seen == ["a1", "a2"]
    report = corpus.add([articles["a1"], articles["a2"], articles["b1"]])
    assert (report.added, report.replaced, report.unchanged) == (("b1",), (), ("a1", "a2"))
    assert fake.seen == ["a1", "a2", "b1"]
    assert corpus.ids() == ["a1", "a2", "b1"] and len(Corpus.open(tmp_path / "out")) == 3


def test_corpus_adding_the_same_documents_again_changes_no_byte(tmp_path, articles, fake):
    out = tmp_path / "out"
    Corpus.open(out).add(articles.values())
    before = _store_bytes(out)
    stamp = (out / STORE_FILE).stat().st_mtime_ns
    report = Corpus.open(out).add(articles.values())
    assert not report.changed and report.unchanged == ("a1", "a2", "b1", "b2")
    assert _store_bytes(out) == before and (out / STORE_FILE).stat().st_mtime_ns == stamp


def test_corpus_build_a_then_add_b_equals_building_a_and_b(tmp_path, articles, fake):
    a, b = [articles["a1"], articles["b1"]], [articles["a2"], articles["b2"]]
    build_corpus(tmp_path / "ab", a)
    Corpus.open(tmp_path / "ab").add(b)
    build_corpus(tmp_path / "all", a + b)
    Corpus.open(tmp_path / "ba").add(b)
    Corpus.open(tmp_path / "ba").add(a)
    assert _store_rows(tmp_path / "ab") == _store_rows(tmp_path / "all") == _store_rows(tmp_path / "ba")
    # every export, streamed from the store, byte for byte; the manifests name one corpus state
    assert _exports(tmp_path / "ab") == _exports(tmp_path / "all") == _exports(tmp_path / "ba")
    one, two = Corpus.open(tmp_path / "ab").build(), Corpus.open(tmp_path / "all").build()
    assert one.extractions == two.extractions
    assert _same_graph(one.graph, two.graph)
    meetings = _meetings(one.graph)
    assert sorted(d["report_count"] for d in meetings.values()) == [1, 1, 2]  # a1 + a2 merged


def test_corpus_changed_document_replaces_its_own_contributions_only(tmp_path, articles, fake):
    out = tmp_path / "out"
    Corpus.open(out).add(articles.values())
    lines = _store_rows(out)
    _write(articles["a2"].parent, "a2", "Omar Haddad met Liis Valdmaa in Paris. A new story.")
    report = Corpus.open(out).add(articles.values())
    assert (report.added, report.replaced) == ((), ("a2",))
    new_lines = _store_rows(out)
    assert {k for k in lines if lines[k] != new_lines[k]} == {"a2"}
    G = Corpus.open(out).build().graph
    assert sorted(d["documents"] for d in _meetings(G).values()) == [["a1"], ["a2"], ["b1"], ["b2"]]


def test_corpus_another_publication_date_or_model_is_read_again(tmp_path, articles, fake):
    out = tmp_path / "out"
    Corpus.open(out).add([articles["a2"]])
    assert Corpus.open(out).add([articles["a2"]], published="2030-03-09").replaced == ("a2",)
    assert Corpus.open(out).add([articles["a2"]], published="2030-03-09").unchanged == ("a2",)
    assert Corpus.open(out).add([articles["a2"]], published="2030-03-09", model="other").replaced == ("a2",)


def test_corpus_content_hash_ignores_where_the_file_was():
    doc = Document("a1", "text", title="t", source="in/a1.txt")
    assert content_hash(doc) == content_hash(replace(doc, source="elsewhere/a1.txt"))
    assert content_hash(doc) != content_hash(replace(doc, text="text!"))
    assert content_hash(doc) != content_hash(replace(doc, title="t2"))


def test_corpus_entities_resolve_across_the_whole_corpus(tmp_path, fake):
    inbox = tmp_path / "in"
    later = _write(inbox, "c2", "Omar Haddad met Lavrov in Rabat.")
    first = _write(inbox, "c1", "Sergei Lavrov met Hamid Karzai in Kabul on 2030-01-02.")
    Corpus.open(tmp_path / "out").add([later])
    assert [e.id for x in Corpus.open(tmp_path / "out").extractions() for e in x.entities if "lavrov" in e.id] == [
        "person:lavrov"]
    Corpus.open(tmp_path / "out").add([first])  # the full name arrives later: the earlier record joins it
    by_doc = {x.document.id: x for x in Corpus.open(tmp_path / "out").extractions()}
    assert by_doc["c2"].events[0].participants == ("person:omar-haddad", "person:sergei-lavrov")
    assert '"person:lavrov"' in _store_rows(tmp_path / "out")["c2"][2]  # stored as read, resolved on use


def test_corpus_unreadable_documents_are_skipped_and_reported(tmp_path, articles, fake):
    errors = []
    report = Corpus.open(tmp_path / "out").add([articles["a1"], tmp_path / "missing.txt"], on_error=errors.append)
    assert report.added == ("a1",) and len(report.skipped) == 1 and errors == list(report.skipped)
    assert "missing.txt" in str(errors[0])
    with pytest.raises(IngestError, match="missing.txt"):
        Corpus.open(tmp_path / "out2").add([articles["a1"], tmp_path / "missing.txt"])
    assert not (tmp_path / "out2" / STORE_FILE).exists()


def test_corpus_unknown_engine_is_refused(tmp_path, articles, fake):
    with pytest.raises(KGError, match="unknown engine 'spark'; expected one of spacy, dask"):
        Corpus.open(tmp_path).add([articles["a1"]], engine="spark")


def test_corpus_records_read_back_equal():
    doc = Document("d1", "Ana Silva, the Foreign Minister of Peru, met Omar Haddad.", title="T",
                   published="2030-01-02", source="x.txt", url="https://example.org/a")
    evidence = Evidence("d1", 0, 57, doc.text, rule="r")
    record = Extraction(
        doc,
        (Entity(A, "Ana Silva", "PERSON", aliases=("Silva",), mentions=(Mention("Ana Silva", 0, 9, "PERSON"),)),
         Entity("gpe:peru", "Peru", "GPE", same_as=("https://sws.geonames.org/3932488/",))),
        (Event("meeting:1", "meeting", "meet", evidence, participants=(A, B), date="2030-01", confidence=0.8),),
        (Affiliation(A, "gpe:peru", evidence, role="Foreign Minister", current=None),),
    )
    assert extraction_from_dict(to_dict(record)) == record
    data = to_dict(record)
    data["events"][0]["colour"] = "red"
    with pytest.raises(KGError, match=r"extraction.events\[0\]: unknown key\(s\) 'colour' for Event; expected id"):
        extraction_from_dict(data)


# --- with the spaCy model ----------------------------------------------------------------
REPORT_DATED = ("Norwegian Foreign Minister Ingrid Holm met Chilean Foreign Minister Rafael Ortiz in Oslo "
                "on April 12 to discuss fisheries and Antarctic research.\n\n"
                "\u201cWe agreed to renew the research treaty,\u201d Holm said after the meeting.")
REPORT_UNDATED = ("Chilean Foreign Minister Rafael Ortiz held talks with Norwegian Foreign Minister Ingrid Holm "
                  "in Oslo, officials said.\n\nOrtiz said the two countries would cooperate on fisheries.")
REPORT_LATER = ("Norwegian Foreign Minister Ingrid Holm met Chilean Foreign Minister Rafael Ortiz in Santiago "
                "on May 30 to sign a fisheries accord.")


@pytest.fixture()
def wire(tmp_path):
    inbox = tmp_path / "wire"
    return [_write(inbox, "2031-04-14-oslo-a", REPORT_DATED, "Ministers Of Norway And Chile Meet In Oslo"),
            _write(inbox, "2031-04-15-oslo-b", REPORT_UNDATED, "Chile And Norway Hold Talks"),
            _write(inbox, "2031-06-02-santiago", REPORT_LATER, "Holm And Ortiz Meet Again")]


@pytest.mark.slow
def test_corpus_two_articles_of_one_meeting_give_one_event_with_two_sources(tmp_path, wire):
    corpus = Corpus.open(tmp_path / "out")
    corpus.add(wire)
    meetings = _meetings(corpus.build().graph)
    by_docs = {tuple(d["documents"]): d for d in meetings.values()}
    assert set(by_docs) == {("2031-04-14-oslo-a", "2031-04-15-oslo-b"), ("2031-06-02-santiago",)}
    oslo = by_docs[("2031-04-14-oslo-a", "2031-04-15-oslo-b")]
    assert oslo["report_count"] == 2 and oslo["date"] == "2031-04-12" and oslo["conflicts"] == []
    assert {r["doc_id"]: r["date"] for r in oslo["reports"]} == {"2031-04-14-oslo-a": "2031-04-12",
                                                                 "2031-04-15-oslo-b": None}
    for r in oslo["reports"]:  # each report keeps its sentence and offsets into its document
        text = {p.stem: p.read_text().split("\n\n", 1)[1] for p in wire}[r["doc_id"]]
        assert text[r["start"]:r["end"]] == r["sentence"]
    assert by_docs[("2031-06-02-santiago",)]["date"] == "2031-05-30"


@pytest.mark.slow
def test_corpus_incremental_equals_one_run_and_writes_the_same_bytes(tmp_path, wire):
    import kg
    from rdflib.compare import isomorphic

    examples = kg.example_paths()
    first, second = [*examples[:2], wire[0]], [*examples[2:], *wire[1:]]
    step = Corpus.open(tmp_path / "step")
    step.add(first)
    step.add(second)
    whole = Corpus.open(tmp_path / "whole")
    whole.add(first + second)
    one, two = Corpus.open(tmp_path / "step").build(), whole.build()
    assert one.extractions == two.extractions
    assert one.extractions == sorted(kg.extract(first + second), key=lambda x: x.document.id)
    assert _same_graph(one.graph, two.graph)
    assert isomorphic(one.to_rdf(), two.to_rdf())
    written = _exports(tmp_path / "step")
    assert _exports(tmp_path / "whole") == written
    # adding what the corpus holds changes nothing: the store and every export stay byte-identical
    before = _store_bytes(tmp_path / "step")
    report = Corpus.open(tmp_path / "step").add(first)
    assert not report.changed and report.written == ()
    assert _exports(tmp_path / "step") == written and _store_bytes(tmp_path / "step") == before
    assert _store_rows(tmp_path / "step") == _store_rows(tmp_path / "whole")


# --- a run that fails or is killed half-way (issue 13: 2, 4, 14) ---------------------------
def test_corpus_exports_that_fell_behind_are_written_again(tmp_path, articles, fake, monkeypatch):
    build_corpus(tmp_path / "whole", list(articles.values()))
    out = tmp_path / "out"
    build_corpus(out, [articles["a1"], articles["b1"]])

    def killed(*args, **kwargs):  # after the exports and the store, before the final manifest
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr("kg.corpus.write_manifest", killed)
        with pytest.raises(KeyboardInterrupt):
            Corpus.open(out).add([articles["a2"], articles["b2"]])
    assert json.loads((out / "manifest.json").read_text())["corpus"] == "pending"
    # nothing new to read, but the exports do not say which corpus they show: written again
    report = Corpus.open(out).add([articles["a2"]])
    assert report.unchanged == ("a2",) and not report.changed
    assert [p.name for p in report.written] == list(OUTPUT_FILES)
    assert _exports(out) == _exports(tmp_path / "whole")
    assert Corpus.open(out).add([articles["a2"]]).written == ()  # and now they are up to date


def test_corpus_record_is_saved_only_once_exported(tmp_path, articles, fake, monkeypatch):
    from kg.errors import OutputError

    out = tmp_path / "out"
    build_corpus(out, [articles["a1"]])
    before, rows = _exports(out), _store_rows(out)

    def full_disk(self, output, **options):
        raise OutputError(f"{output}/graph.nq: cannot write (No space left on device)")

    with monkeypatch.context() as patch:
        patch.setattr("kg.run.result.BuildResult.write", full_disk)
        with pytest.raises(OutputError, match="No space left"):
            Corpus.open(out).add([articles["b1"]])
    assert _store_rows(out) == rows and Corpus.open(out).ids() == ["a1"]  # b1 was never saved
    assert {k: v for k, v in _exports(out).items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"}
    report = Corpus.open(out).add([articles["b1"]])  # the next run reads it again
    assert report.added == ("b1",) and fake.seen.count("b1") == 2


def _legacy_line(x: Extraction, **changes) -> bytes:
    line = {"id": x.document.id, "hash": content_hash(x.document), "model": "fake_model", "kg": "0.1.0",
            "extraction": to_dict(x), **changes}
    return json.dumps(line).encode()


def test_corpus_old_corpus_jsonl_is_read_with_damaged_lines_named(tmp_path, articles, fake):
    from typer.testing import CliRunner

    from kg.cli import app

    good = [_report(f"old{i}", "2030-03-02") for i in range(3)]
    offsets = to_dict(good[0])
    offsets["events"][0]["evidence"]["start"] = 999
    deep = b"[" * 100_000 + b"]" * 100_000
    as_text = to_dict(good[0])
    as_text["events"][0]["evidence"]["end"] = "20"
    lines = [
        _legacy_line(good[0]),
        _legacy_line(good[0], extraction=offsets, id="old0"),  # offsets beyond the text
        b'{"id": "bad", "hash": "x", "model": "m", "extraction": {"document": {"id": "bad", "text": "\xff"}}}',
        _legacy_line(good[1], id=["old1"]),  # an id that is a list
        deep,
        _legacy_line(good[1], extraction=as_text),  # a number as text
        _legacy_line(good[1]),
        b"",
        _legacy_line(good[2]),
    ]
    out = tmp_path / "out"
    out.mkdir()
    (out / "corpus.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(app, ["add", str(articles["b1"]), "--into", str(out), "-j", "1"])
    jsonl = out / "corpus.jsonl"
    assert result.exit_code == 3, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("kg:")] == [
        f"kg: error: {jsonl}: line 2: extraction.events[0].evidence: offsets 999-22 outside the text "
        f"(22 characters); skipped",
        f"kg: error: {jsonl}: line 3: not UTF-8 (byte 0xff at position 91); skipped",
        f"kg: error: {jsonl}: line 4: id: expected text, got list; skipped",
        f"kg: error: {jsonl}: line 5: JSON nested too deeply; skipped",
        f"kg: error: {jsonl}: line 6: extraction.events[0].evidence.end: expected a whole number, got text '20'; "
        f"skipped",
    ]
    assert Corpus.open(out).ids() == ["b1", "old0", "old1", "old2"]  # the other lines kept
    assert "6 stored record(s) unusable" not in result.stdout and "5 stored record(s) unusable" in result.stdout


def test_corpus_damaged_store_row_is_named_and_the_others_kept(tmp_path, articles, fake):
    import sqlite3

    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "out"
    build_corpus(out, [articles["a1"], articles["a2"], articles["b1"]])
    with sqlite3.connect(out / STORE_FILE) as db:
        db.execute("UPDATE records SET record = '{\"document\": {\"id\": 7, \"text\": \"x\"}}' WHERE id = 'a2'")
    result = CliRunner().invoke(app, ["add", str(articles["b2"]), "--into", str(out), "-j", "1"])
    assert result.exit_code == 3, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("kg:")] == [
        f"kg: error: {out / STORE_FILE}: record 'a2': extraction.document.id: expected text, got a number; skipped"]
    documents = json.loads((out / "extraction.json").read_text())["documents"]
    assert [d["id"] for d in documents] == ["a1", "b1", "b2"]


# --- the RDF store kept beside the exports (issue 15) ----------------------------------------
def _store_lines(folder: Path) -> list[bytes]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder / "graph.oxigraph"))
    return sorted(set(ox.serialize(store, format=ox.RdfFormat.N_QUADS).splitlines()))


def _nq_lines(folder: Path) -> list[bytes]:
    """graph.nq as Oxigraph holds it (it stores xsd:nonNegativeInteger values as xsd:integer)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(folder / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    return sorted(set(ox.serialize(store, format=ox.RdfFormat.N_QUADS).splitlines()))


def test_corpus_rdf_store_is_updated_in_place_and_queried_where_it_lies(tmp_path, articles, fake, monkeypatch):
    import kg.export.rdf.store as rdf_store
    from kg.sparql import run_query

    out = tmp_path / "out"
    build_corpus(out, [articles["a1"], articles["b1"]], formats="nq,store")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "corpus.sqlite", "graph.nq", "graph.oxigraph", "manifest.json"]
    assert _store_lines(out) == _nq_lines(out)
    calls = []
    real = rdf_store.update_store
    monkeypatch.setattr(rdf_store, "update_store", lambda path, new, *, old: calls.append(old) or real(path, new, old=old))
    report = Corpus.open(out).add([articles["a2"], articles["b2"]])  # the folder's formats: nq and the store
    assert [p.name for p in report.written] == ["graph.nq", "graph.oxigraph"]
    assert len(calls) == 1 and calls[0] is not None  # the difference from the file the store held
    assert _store_lines(out) == _nq_lines(out)
    build_corpus(tmp_path / "whole", list(articles.values()), formats="store")
    assert _store_lines(out) == _store_lines(tmp_path / "whole")
    assert run_query(out, name="who-met").rows == run_query(out / "graph.nq", name="who-met").rows != ()
