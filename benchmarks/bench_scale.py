"""Benchmark kg at corpus scale: the table of issue 15 for 300, 3,000 and 30,000 articles.

Usage::

    python benchmarks/bench_scale.py [--sizes 300 3000 30000] [--parsed-max 3000] [--repeats 3]
                                     [--long-sentence] [--work FOLDER] [--json results.json]

What it measures (every variant in its own Python process, so that peak memory is its own;
``getrusage``: peak RSS and CPU seconds of the process and of its largest worker):

- ``spacy``/``build`` at the smallest size, 1 and 2 processes, ``--repeats`` times in
  alternating order (paired runs): bare ``nlp.pipe(texts, batch_size=64, n_process=J)`` over
  the bodies kg reads, and ``kg build`` as the command runs it (:func:`kg.corpus.build_corpus`:
  records streamed into the store, graph assembled from it, every export streamed), with
  its phases timed: extraction, graph assembly, exports;
- ``build`` with 2 processes at each parsed size (up to ``--parsed-max``, generated
  articles of about 400 words, ``benchmarks/bench_build.py``);
- ``replicated`` at the larger sizes: the records of the largest parsed corpus, copied
  with new document ids and new people (so the graph grows as a corpus does; countries
  stay shared), put into a new store and assembled and exported as ``kg build`` does,
  with the spaCy model loaded as ``kg build`` loads it; also at the parsed size, for a
  like-for-like memory ratio. These sizes are *replicated records, not parsed text*;
- ``add``: ``kg add`` of 10 new articles to each corpus (``Corpus.add``, 1 process): the
  time to extract the 10 and the time to write the exports again;
- ``sentence`` (with ``--long-sentence``): ``kg build`` of one article whose body is one
  80,000-word sentence.

Wall time on a shared machine is noisy: the table gives CPU seconds beside it and, with
``--repeats``, medians. The bare-spaCy ratio and the 2-process speed-up are given from
wall time and from CPU time (for 2 processes: the main process's CPU and the busiest
worker's, whichever is larger, bounds the wall time from below).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import _Clock, _peak_rss_mb, generate_articles  # noqa: E402

MEMORY = 24 * 1024  # MB on this machine


# --- in the child process ------------------------------------------------------------------
def run_spacy(folder: Path, jobs: int) -> dict:
    import spacy

    from kg.extraction.pipeline import default_model
    from kg.ingest import read_documents

    texts = [d.text for d in read_documents(sorted(folder.glob("*.txt")))]
    nlp = spacy.load(default_model())
    clock = _Clock()
    with clock:
        for _ in nlp.pipe(texts, batch_size=64, n_process=jobs):
            pass
    return _result(clock, docs=len(texts))


def run_build(folder: Path, jobs: int, out: Path) -> dict:
    """``build_corpus``'s steps, each timed."""
    import kg.corpus as corpus
    from kg.run.result import parse_formats
    from kg.extraction.pipeline import default_model, load_pipeline
    from kg.ingest import read_documents
    from kg.run.local import extract_records_with, store_result
    from kg.store import STORE_FILE, RecordStore, content_hash, folder_lock, write_manifest

    model = default_model()
    load_pipeline(model)  # as kg build does, before any document is read
    paths = sorted(folder.glob("*.txt"))
    clock = _Clock()
    with clock, folder_lock(out):
        work = out / ".kg-build-bench.tmp"
        work.mkdir(parents=True, exist_ok=True)
        store = RecordStore.create(work / STORE_FILE)
        with store.transaction():
            for record in extract_records_with(read_documents(paths), model=model, n_process=jobs):
                store.put(record, digest=content_hash(record.document), model=model)
        extracted = time.perf_counter()
        result = store_result(store, model=model, workdir=out)
        assembled = time.perf_counter()
        written = corpus._write_exports(out, None, parse_formats(None), {}, corpus._DamageLog(None),
                                        result=result, processes=jobs)
        os.replace(store.path, out / STORE_FILE)
        write_manifest(out, state=store.state(), documents=len(store), files=dict((p.name, d) for p, d in written))
        shutil.rmtree(work, ignore_errors=True)
    return _result(clock, docs=len(paths), extract=extracted - clock.start, assemble=assembled - extracted,
                   write=clock.start + clock.seconds - assembled, nodes=result.stored_graph.number_of_nodes(),
                   sizes={p.name: p.stat().st_size for p, _ in written})


def run_replicated(source: Path, copies: int, out: Path) -> dict:
    """The records of ``source`` (a corpus folder) ``copies`` times over, built as kg build does."""
    import kg.corpus as corpus
    from kg.run.result import parse_formats
    from kg.extraction.pipeline import default_model, load_pipeline
    from kg.model import to_dict
    from kg.run.local import store_result
    from kg.store import STORE_FILE, RecordStore, write_manifest
    from kg.store.records import record_from_json

    load_pipeline(default_model())  # kg build holds the model in its main process too
    clock = _Clock()
    docs = 0
    with clock:
        out.mkdir(parents=True, exist_ok=True)
        store = RecordStore.create(out / ".bench-store.sqlite")
        with RecordStore.open(source / STORE_FILE) as original, store.transaction():
            for copy in range(copies):
                for record in original.records(resolved=False):
                    data = replicate(to_dict(record), copy)
                    store.put(record_from_json(json.dumps(data)), digest=f"copy{copy}", model="replicated")
                    docs += 1
        filled = time.perf_counter()
        result = store_result(store, workdir=out)
        assembled = time.perf_counter()
        written = corpus._write_exports(out, None, parse_formats(None), {}, corpus._DamageLog(None),
                                        result=result)
        os.replace(store.path, out / STORE_FILE)
        write_manifest(out, state=store.state(), documents=len(store), files=dict((p.name, d) for p, d in written))
    return _result(clock, docs=docs, extract=filled - clock.start, assemble=assembled - filled,
                   write=clock.start + clock.seconds - assembled, nodes=result.stored_graph.number_of_nodes(),
                   sizes={p.name: p.stat().st_size for p, _ in written})


def replicate(data: dict, copy: int) -> dict:
    """A record as another article would give it: new document id, event ids and people.

    Texts and offsets stay; person ids and names get the copy's suffix, so copies do not
    merge into one another (countries and organisations are shared, as in a real corpus).
    """
    if copy == 0:
        return data
    suffix = f"-{copy}"
    renamed = {data["document"]["id"]: data["document"]["id"] + suffix}
    for entity in data["entities"]:
        if entity["type"] == "PERSON":
            renamed[entity["id"]] = entity["id"] + suffix
    for event in data["events"]:
        renamed[event["id"]] = event["id"] + suffix

    def walk(value, key=None):
        if isinstance(value, dict):
            out = {k: walk(v, k) for k, v in value.items()}
            if out.get("type") == "PERSON" and "name" in out:
                out["name"] = f"{out['name']} {copy_name(copy)}"
                out["aliases"] = [f"{a} {copy_name(copy)}" for a in out.get("aliases", [])]
            return out
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in ("id", "doc_id", "participants", "speaker", "person", "organization",
                                              "location"):
            return renamed.get(value, value)
        return value

    return walk(data)


def copy_name(copy: int) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "Van" + letters[copy % len(letters)] + letters[(copy // len(letters)) % len(letters)]


def run_add(corpus_folder: Path, new: Path) -> dict:
    from kg.corpus import Corpus
    from kg.extraction.pipeline import default_model, load_pipeline

    load_pipeline(default_model())
    import kg.corpus

    timings: dict = {}
    real = kg.corpus._write_exports

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            timings["write"] = time.perf_counter() - start

    kg.corpus._write_exports = timed
    clock = _Clock()
    with clock:
        report = Corpus.open(corpus_folder).add(sorted(new.glob("*.txt")), n_process=1)
    return _result(clock, docs=len(report.added), extract=clock.seconds - timings.get("write", 0.0),
                   write=timings.get("write", 0.0))


def run_sentence(folder: Path, out: Path) -> dict:
    from kg.corpus import build_corpus
    from kg.extraction.pipeline import default_model, load_pipeline

    from kg.errors import KGError

    load_pipeline(default_model())
    clock = _Clock()
    refused = None
    with clock:
        try:
            build_corpus(out, sorted(folder.glob("*.txt")), n_process=1)
        except KGError as error:  # kg refuses a sentence over its limit, by name (issue 13)
            refused = str(error)
    return _result(clock, docs=1, refused=refused)


def _result(clock: _Clock, **extra) -> dict:
    main, child = _peak_rss_mb()
    return {"seconds": clock.seconds, "cpu_main": clock.cpu_main, "cpu_children": clock.cpu_children,
            "rss_main_mb": main, "rss_child_mb": child, **extra}


# --- the driver ----------------------------------------------------------------------------
def child(*args: str) -> dict:
    command = [sys.executable, __file__, "--child", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def long_sentence(folder: Path, words: int = 80_000) -> None:
    rnd = random.Random(3)
    vocabulary = ["the", "minister", "of", "Norway", "said", "that", "talks", "on", "fisheries", "and", "trade",
                  "would", "continue", "with", "Chile", "in", "Oslo", "while", "officials", "from", "Peru"]
    folder.mkdir(parents=True, exist_ok=True)
    body = " ".join(rnd.choice(vocabulary) for _ in range(words)) + "."
    (folder / "2031-05-02-long.txt").write_text("One Long Sentence\n\n" + body + "\n", encoding="utf-8")


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def cpu_bound(r: dict, jobs: int) -> float:
    """CPU seconds that bound the wall time: all of it on 1 process; for J workers, the
    main process's or the workers' share per worker, whichever is larger."""
    if jobs == 1:
        return r["cpu_main"] + r["cpu_children"]
    return max(r["cpu_main"], r["cpu_children"] / jobs)


def format_table(results: dict) -> str:
    small = results["small"]
    lines = ["| measure | figure | goal |", "|---|---|---|"]
    spacy1, build1 = small["spacy1"], small["build1"]
    spacy2, build2 = small["spacy2"], small["build2"]
    n = small["n"]
    ratio_wall = median(build1, "seconds") / median(spacy1, "seconds")
    ratio_cpu = statistics.median(cpu_bound(b, 1) / cpu_bound(s, 1) for b, s in zip(build1, spacy1))
    lines.append(f"| `kg build -j 1` vs bare spaCy `nlp.pipe`, {n} articles | {ratio_wall:.2f}x wall "
                 f"({median(build1, 'seconds'):.1f} s vs {median(spacy1, 'seconds'):.1f} s), {ratio_cpu:.2f}x CPU "
                 f"| <= 1.15x |")
    up_wall = median(build1, "seconds") / median(build2, "seconds")
    up_cpu = statistics.median(cpu_bound(a, 1) / cpu_bound(b, 2) for a, b in zip(build1, build2))
    sp_wall = median(spacy1, "seconds") / median(spacy2, "seconds")
    sp_cpu = statistics.median(cpu_bound(a, 1) / cpu_bound(b, 2) for a, b in zip(spacy1, spacy2))
    lines.append(f"| `kg build -j 2` speed-up over `-j 1`, {n} articles | {up_wall:.2f}x wall, {up_cpu:.2f}x by CPU "
                 f"(bare spaCy: {sp_wall:.2f}x wall, {sp_cpu:.2f}x by CPU) | >= 1.8x |")
    rss = [(size, r) for size, r in sorted(results["sizes"].items(), key=lambda x: int(x[0]))]
    parts = []
    for size, r in rss:
        kind = "parsed" if r.get("parsed") else "replicated records"
        parts.append(f"{int(size):,} ({kind}): main {r['rss_main_mb'] / 1024:.2f} GB"
                     + (f", worker {r['rss_child_mb'] / 1024:.2f} GB" if r.get("parsed") else ""))
    lines.append(f"| peak RSS of `kg build -j 2` | {'; '.join(parts)} | flat: <= 1.3x from 3,000 to 30,000 |")
    replicated = {int(size): r for size, r in results.get("replicated", {}).items()}
    if len(replicated) >= 2:
        (a, ra), (b, rb) = sorted(replicated.items())[0], sorted(replicated.items())[-1]
        growth = rb["rss_main_mb"] / ra["rss_main_mb"]
        slope = (rb["rss_main_mb"] - ra["rss_main_mb"]) / (b - a)
        room = MEMORY - rb["rss_main_mb"] - max(r.get("rss_child_mb", 0) for r in results["sizes"].values())
        reach = f"{b + room / slope:,.0f}" if slope > 0 else "unbounded"
        lines.append(f"| main-process RSS, {a:,} -> {b:,} replicated records | {growth:.2f}x "
                     f"({slope * 1024:.1f} KB per article) | <= 1.3x |")
        lines.append(f"| articles before 24 GiB runs out, by that slope | {reach} | unbounded |")
    for size, r in sorted(results.get("add", {}).items(), key=lambda x: int(x[0])):
        lines.append(f"| `kg add` of 10 new articles to a corpus of {int(size):,} | {r['seconds']:.1f} s: "
                     f"extraction of the 10 {r['extract']:.1f} s, exports rewritten {r['write']:.1f} s "
                     f"(store: 10 rows written, none re-read) | proportional to the 10, plus the exports |")
    for size, r in sorted(results["sizes"].items(), key=lambda x: int(x[0])):
        share = (r["assemble"] + r["write"]) / r["seconds"]
        lines.append(f"| assembly + exports, {int(size):,} ({'parsed' if r.get('parsed') else 'replicated'}) | "
                     f"{r['assemble']:.1f} s + {r['write']:.1f} s = {share:.1%} of {r['seconds']:.0f} s"
                     + (" (all but the record copying)" if not r.get("parsed") else "") + " | <= 10% at 3,000 |")
    if "sentence" in results:
        sentence = results["sentence"]
        outcome = "refused by name" if sentence.get("refused") else "read"
        lines.append(f"| one 80,000-word sentence | {outcome} in {sentence['seconds']:.0f} s | linear (seconds) |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 30000])
    parser.add_argument("--parsed-max", type=int, default=3000, help="larger sizes are replicated records")
    parser.add_argument("--repeats", type=int, default=1, help="paired runs at the smallest size")
    parser.add_argument("--long-sentence", action="store_true")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-scale"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, *rest = args.child
        runner = {"spacy": lambda f, j: run_spacy(Path(f), int(j)),
                  "build": lambda f, j, o: run_build(Path(f), int(j), Path(o)),
                  "replicated": lambda s, c, o: run_replicated(Path(s), int(c), Path(o)),
                  "add": lambda c, n: run_add(Path(c), Path(n)),
                  "sentence": lambda f, o: run_sentence(Path(f), Path(o))}[name]
        print(json.dumps(runner(*rest)))
        return
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.sizes)
    parsed = [s for s in sizes if s <= args.parsed_max]
    results: dict = {"sizes": {}, "replicated": {}, "add": {}}

    def articles(n: int) -> Path:
        folder = work / f"articles-{n}"
        if not folder.exists():
            generate_articles(n, folder)
        return folder

    n = sizes[0]
    folder = articles(n)
    small: dict = {"n": n, "spacy1": [], "build1": [], "spacy2": [], "build2": []}
    for repeat in range(args.repeats):
        order = [("spacy", 1), ("build", 1), ("spacy", 2), ("build", 2)]
        for variant, jobs in (order if repeat % 2 == 0 else order[::-1]):
            print(f"{variant} -j {jobs}, {n} articles (run {repeat + 1})", file=sys.stderr)
            out = work / f"out-{n}-j{jobs}"
            if variant == "build":  # a spaCy run after the build must not remove the corpus replicated below
                shutil.rmtree(out, ignore_errors=True)
            extra = [out] if variant == "build" else []
            small[f"{variant}{jobs}"].append(child(variant, folder, jobs, *extra))
    results["small"] = small
    results["sizes"][str(n)] = {**small["build2"][-1], "parsed": True}
    for size in parsed[1:]:
        print(f"build -j 2, {size} articles", file=sys.stderr)
        out = work / f"out-{size}-j2"
        shutil.rmtree(out, ignore_errors=True)
        results["sizes"][str(size)] = {**child("build", articles(size), 2, out), "parsed": True}
    source = work / f"out-{parsed[-1]}-j2"
    for size in [parsed[-1]] + [s for s in sizes if s > args.parsed_max]:
        copies = max(1, round(size / parsed[-1]))
        print(f"replicated records: {copies} x {parsed[-1]}", file=sys.stderr)
        out = work / f"replicated-{size}"
        shutil.rmtree(out, ignore_errors=True)
        results["replicated"][str(size)] = child("replicated", source, copies, out)
        if size > args.parsed_max:
            results["sizes"][str(size)] = results["replicated"][str(size)]
    new = work / "new-10"
    if not new.exists():
        paths = generate_articles(10, work / "new-10-gen", seed=99)
        new.mkdir()
        for path in paths:
            shutil.copy(path, new / path.name.replace("article", "new"))
    for size in sizes[1:]:
        corpus = work / (f"out-{size}-j2" if size <= args.parsed_max else f"replicated-{size}")
        copy = work / f"add-{size}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(corpus, copy)
        print(f"kg add of 10 to {size}", file=sys.stderr)
        results["add"][str(size)] = child("add", copy, new)
    if args.long_sentence:
        long_sentence(work / "long")
        results["sentence"] = child("sentence", work / "long", work / "out-long")
    print(format_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
