"""Benchmark kg at corpus scale: bare spaCy, kg extract, kg build with every export, Dask.

Usage::

    python benchmarks/bench_build.py [--n 200] [--input FOLDER] [--jobs 1 2] [--no-dask]
                                     [--keep FOLDER] [--json results.json]

Without ``--input``, ``--n`` news-like articles (about 400 words each, invented people,
real countries and capitals; several articles report the same encounter, some without
its date) are generated into a temporary folder (``--keep`` keeps them). Each variant
runs in its own Python process, so that its peak memory is its own:

- ``spacy``: bare ``spacy.load(model)`` and ``nlp.pipe(texts, batch_size=64,
  n_process=J)`` over the same bodies kg reads (the texts are read before the clock
  starts);
- ``extract``: ``kg.extract(paths, n_process=J)``: reading, parse, rules, resolution;
- ``build``: ``kg.build(paths, n_process=J)`` and ``BuildResult.write`` (every export);
- ``pool``: ``kg.extract`` as it would be with :func:`kg.run.dask.extract_in_processes`
  in place of spaCy's ``n_process`` (workers run kg's rules too and send records back);
  run with 2 processes;
- ``dask``: :func:`kg.run.dask.extract_with_dask` on a local cluster of 2 worker
  processes (cluster start and model loads happen before the clock, on a warm-up
  document).

The spaCy model is loaded before the clock in every variant, and imports are not timed.
Columns: wall seconds of the timed part, documents and words (whitespace-separated) per
second, the ratio to bare spaCy with the same number of processes, the speed-up of 2
processes over 1, and peak RSS (``getrusage``) of the main process and of the largest
child process (spaCy's or Dask's workers), and the CPU seconds of the main process and of
the workers (figures that other load on the machine disturbs less than wall time; the
main process's CPU bounds the wall time of a parallel run from below). A breakdown of the build's own time and of
each export (a second pass that calls each writer alone) follows the table.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODEL = None  # kg's default model
VARIANTS = ("spacy", "extract", "build")

# --- synthetic articles ------------------------------------------------------------------
FIRST = ("Ana", "Omar", "Liis", "Georg", "Mira", "Tomas", "Nadia", "Kofi", "Elena", "Ravi", "Ines", "Jonas",
         "Amara", "Yusuf", "Sofia", "Dmitri", "Leila", "Mateo", "Hana", "Pavel", "Zara", "Tariq", "Greta",
         "Kenji", "Farah", "Lucas", "Aisha", "Viktor", "Noor", "Bruno")
SYLLABLES = ("val", "mar", "ken", "dor", "sel", "tav", "ri", "lo", "ban", "quel", "stro", "min", "ha", "vel",
             "dan", "ora", "ti", "mek", "sar", "lun", "po", "zet", "ander", "ova", "ski", "ez", "ino", "ard")
COUNTRIES = (("Norway", "Norwegian", "Oslo"), ("Chile", "Chilean", "Santiago"), ("Kenya", "Kenyan", "Nairobi"),
             ("Japan", "Japanese", "Tokyo"), ("Poland", "Polish", "Warsaw"), ("Egypt", "Egyptian", "Cairo"),
             ("Canada", "Canadian", "Ottawa"), ("Peru", "Peruvian", "Lima"), ("Ghana", "Ghanaian", "Accra"),
             ("Austria", "Austrian", "Vienna"), ("Vietnam", "Vietnamese", "Hanoi"), ("Morocco", "Moroccan", "Rabat"),
             ("Finland", "Finnish", "Helsinki"), ("Brazil", "Brazilian", "Brasilia"), ("Jordan", "Jordanian", "Amman"),
             ("Portugal", "Portuguese", "Lisbon"), ("Kazakhstan", "Kazakh", "Astana"), ("Senegal", "Senegalese", "Dakar"))
TITLES = ("Foreign Minister", "Prime Minister", "President", "Defence Minister", "Trade Minister")
TOPICS = ("energy security", "fisheries", "grain exports", "border security", "climate finance", "a new trade corridor",
          "debt relief", "vaccine production", "port investment", "migration")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MEET = (
    "{ta} {a} met {tb} {b} in {city}{when} to discuss {topic}.",
    "{tb} {b} held talks with {ta} {a} in {city}{when}, officials said.",
    "{ta} {a} and {tb} {b} met in {city}{when} for talks on {topic}.",
    "{ta} {a} hosted {tb} {b} in {city}{when} for discussions on {topic}.",
)
FILLER = (
    "Trade between {ca} and {cb} has grown steadily over the past decade, driven by {topic}.",
    "Analysts in {city} said the visit was closely watched by neighbouring governments.",
    "The two governments signed a framework on {topic} two years ago, but progress has been slow.",
    "Officials declined to give details of the closed-door session, citing the sensitivity of the talks.",
    "Opposition lawmakers in {ca} have questioned the cost of the programme.",
    "Business groups in {cb} welcomed the renewed attention to {topic}.",
    "Diplomats said a joint working group would report back within six months.",
    "The talks came amid rising prices for fuel and food across the region.",
    "Both sides also discussed cooperation in international organisations and the coming summit season.",
    "Observers noted that the delegations included senior officials from the finance ministries.",
    "A joint statement released after the session stressed the importance of dialogue.",
    "Local newspapers devoted several pages to the negotiations and their likely outcome.",
    "Previous rounds of negotiations ended without agreement on tariffs and quotas.",
    "The ministry said technical teams had met for three days before the ministers arrived.",
    "Civil society groups staged a small protest outside the venue, calling for more transparency.",
    "The European Union and the African Union have both encouraged closer cooperation on {topic}.",
)


def _surname(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.choice((2, 3)))).capitalize()


def generate_articles(n: int, folder: Path, *, seed: int = 7, words: int = 400) -> list[Path]:
    """Write ``n`` news-like ``.txt`` articles into ``folder``; returns their paths.

    About a third as many encounters as articles: most encounters are reported by two or
    three articles with different wording, some of them without the date.

    Examples
    --------
    >>> import tempfile
    >>> paths = generate_articles(3, Path(tempfile.mkdtemp()))
    >>> len(paths), paths[0].read_text().count("\\n\\n") >= 3
    (3, True)
    """
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = [(f"{rnd.choice(FIRST)} {_surname(rnd)}", rnd.choice(TITLES), rnd.choice(COUNTRIES))
              for _ in range(max(8, n // 4))]
    encounters = []
    for _ in range(max(1, n // 3)):
        a, b = rnd.sample(people, 2)
        if a[2] == b[2]:
            b = (b[0], b[1], COUNTRIES[(COUNTRIES.index(a[2]) + 1) % len(COUNTRIES)])
        month, day = rnd.randrange(1, 13), rnd.randrange(1, 28)
        encounters.append((a, b, rnd.choice((a, b))[2][2], month, day, rnd.choice(TOPICS)))
    paths = []
    for i in range(n):
        a, b, city, month, day, topic = encounters[i % len(encounters)] if i < len(encounters) * 3 \
            else rnd.choice(encounters)
        published = f"2031-{month:02d}-{min(day + rnd.randrange(0, 2), 28):02d}"
        (name_a, title_a, (ca, dem_a, _)), (name_b, title_b, (cb, dem_b, _)) = a, b
        when = rnd.choice((f" on {MONTHS[month - 1]} {day}", f" on {MONTHS[month - 1]} {day}", ""))
        values = {"a": name_a, "b": name_b, "ta": f"{dem_a} {title_a}", "tb": f"{dem_b} {title_b}",
                  "city": city, "when": when, "topic": topic, "ca": ca, "cb": cb}
        paragraphs = [rnd.choice(MEET).format(**values)]
        surname_a, surname_b = name_a.split()[-1], name_b.split()[-1]
        paragraphs.append(f"\u201cWe agreed that {topic} cannot wait another year,\u201d {surname_a} told "
                          f"reporters after the meeting. \u201cOur teams will keep working on it.\u201d")
        paragraphs.append(f"{surname_b} said {cb} would support the plan but called on {ca} to share the costs.")
        filler = list(FILLER)
        rnd.shuffle(filler)
        body = " ".join(paragraphs)
        k = 0
        while len(body.split()) < words - 40:
            paragraphs.append(filler[k % len(filler)].format(**values))
            body = " ".join(paragraphs)
            k += 1
        later = MONTHS[(month + 1) % 12]
        paragraphs.append(f"The two ministers will meet again in {city} in {later}, a spokesman for the "
                          f"{dem_a} Foreign Ministry said.")
        title = f"{ca} And {cb} Discuss {topic.title()}"
        path = folder / f"{published}-article-{i:05d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# --- one variant, in its own process ----------------------------------------------------------
def _peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child, in MB (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_seconds() -> tuple[float, float]:
    """User + system CPU seconds so far of this process and of its finished children."""
    return tuple(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                    resource.getrusage(resource.RUSAGE_CHILDREN)))


class _Clock:
    """Wall time and CPU time (main process, finished children) of a ``with`` block."""

    def __enter__(self):
        self.cpu = _cpu_seconds()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        after = _cpu_seconds()
        self.cpu_main, self.cpu_children = after[0] - self.cpu[0], after[1] - self.cpu[1]


def run_variant(variant: str, folder: Path, jobs: int, model: str | None) -> dict:
    """Time one variant over the articles in ``folder`` (called in a fresh process)."""
    from kg.ingest import read_documents
    from kg.extraction.pipeline import default_model, load_pipeline

    model = model or default_model()
    paths = sorted(folder.glob("*.txt"))
    texts = [d.text for d in read_documents(paths)]
    words = sum(len(t.split()) for t in texts)
    result: dict = {"variant": variant, "jobs": jobs, "docs": len(texts), "words": words}
    clock = _Clock()
    if variant == "spacy":
        import spacy

        nlp = spacy.load(model)
        with clock:
            for _ in nlp.pipe(texts, batch_size=64, n_process=jobs):
                pass
    elif variant == "extract":
        import kg

        load_pipeline(model)
        with clock:
            records = kg.extract(paths, model=model, n_process=jobs)
        result["events"] = sum(len(x.events) for x in records)
    elif variant == "build":
        import kg

        load_pipeline(model)
        with tempfile.TemporaryDirectory() as out:
            with clock:
                built = kg.build(paths, model=model, n_process=jobs)
                graph_done = time.perf_counter()
                built.write(out)
            result["build_seconds"] = graph_done - clock.start
            result["write_seconds"] = clock.seconds - result["build_seconds"]
            result["nodes"], result["edges"] = built.graph.number_of_nodes(), built.graph.number_of_edges()
            result["sizes"] = {p.name: p.stat().st_size for p in Path(out).iterdir() if not p.name.startswith(".")}
            result["graph_seconds"] = _time_graph(built.extractions)
            result["exports"] = _time_exports(built, Path(out))
    elif variant == "pool":
        from kg.run.processes import extract_in_processes
        from kg.resolve import resolve_corpus

        load_pipeline(model)  # the workers inherit it through fork
        with clock:
            records = resolve_corpus(extract_in_processes(read_documents(paths), model=model, n_process=jobs))
        result["events"] = sum(len(x.events) for x in records)
    elif variant == "dask":
        import logging

        from distributed import Client, LocalCluster

        from kg.run.dask import extract_with_dask
        from kg.model import Document

        with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            warm = [Document(f"warm{i}", "Ana Silva met Omar Haddad in Rabat.") for i in range(jobs)]
            extract_with_dask(warm, scheduler=client, model=model, partitions=jobs)
            with clock:
                records = extract_with_dask(paths, scheduler=client, model=model)
            result["events"] = sum(len(x.events) for x in records)
    else:
        raise SystemExit(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS + ('pool', 'dask'))}")
    result["seconds"], result["cpu_main"] = clock.seconds, clock.cpu_main
    # worker processes count once they have exited: Dask's outlive the clock
    result["cpu_children"] = None if variant == "dask" else clock.cpu_children
    result["rss_main_mb"], result["rss_child_mb"] = _peak_rss_mb()
    return result


def _time_graph(records) -> dict:
    from kg.graph import build_graph

    timings = {}
    for merge in (False, True):
        start = time.perf_counter()
        build_graph(records, merge_events=merge)
        timings["merged" if merge else "plain"] = time.perf_counter() - start
    return timings


def _time_exports(built, folder: Path) -> dict:
    """Each writer of ``BuildResult.write`` alone (a second pass over the same graph).

    ``BuildResult.write`` renders the HTML page before writing anything; here the page
    is written by :func:`kg.export.html.write_html`, which renders it too.
    """
    from kg.export.graph_files import write_graphml, write_node_link
    from kg.export.html import write_html
    from kg.export.extraction_json import write_extraction_json
    from kg.export.rdf import write_rdf

    writers = {
        "extraction.json": lambda: write_extraction_json(built.extractions, folder / "extraction.json"),
        "graph.json": lambda: write_node_link(built.graph, folder / "graph.json"),
        "graph.graphml": lambda: write_graphml(built.graph, folder / "graph.graphml"),
        "graph.ttl": lambda: write_rdf(built.graph, folder / "graph.ttl"),
        "graph.nq": lambda: write_rdf(built.graph, folder / "graph.nq"),
        "graph.nt (not written by build)": lambda: write_rdf(built.graph, folder / "graph.nt"),
        "graph.html": lambda: write_html(built.graph, folder / "graph.html"),
    }
    timings = {}
    for name, write in writers.items():
        start = time.perf_counter()
        try:
            write()
        except Exception as error:  # a writer another engineer is changing: report, go on
            timings[name] = f"failed: {type(error).__name__}: {error}"
            continue
        timings[name] = time.perf_counter() - start
    return timings


# --- the driver ---------------------------------------------------------------------------
def _run_child(variant: str, folder: Path, jobs: int, model: str | None) -> dict:
    command = [sys.executable, __file__, "--child", variant, "--input", str(folder), "--jobs", str(jobs)]
    if model:
        command += ["--model", model]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"variant": variant, "jobs": jobs, "error": done.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def format_table(results: list[dict]) -> str:
    """The side-by-side table (Markdown)."""
    bare = {r["jobs"]: r["seconds"] for r in results if r["variant"] == "spacy" and "seconds" in r}
    one = {r["variant"]: r["seconds"] for r in results if r["jobs"] == 1 and "seconds" in r}
    one["dask"] = one["pool"] = one.get("extract")  # against kg extract in 1 process
    lines = ["| variant | procs | seconds | docs/s | words/s | time / bare spaCy | speed-up vs 1 proc "
             "| CPU s main + workers | peak RSS main MB | peak RSS worker MB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['variant']} | {r['jobs']} | failed: {r['error'][0]} ||||||||")
            continue
        s = r["seconds"]
        ratio = f"{s / bare[r['jobs']]:.2f}x" if r["jobs"] in bare else "-"
        speedup = f"{one[r['variant']] / s:.2f}x" if one.get(r["variant"]) and r["jobs"] > 1 else "-"
        child = f"{r['rss_child_mb']:.0f}" if r["rss_child_mb"] > 1 else "-"
        lines.append(f"| {r['variant']} | {r['jobs']} | {s:.1f} | {r['docs'] / s:.1f} | {r['words'] / s:,.0f} "
                     f"| {ratio} | {speedup} | {_cpu(r)} | {r['rss_main_mb']:.0f} | {child} |")
    return "\n".join(lines)


def _cpu(r: dict) -> str:
    if r["cpu_children"] is None:
        return f"{r['cpu_main']:.1f} + ?"
    if r["cpu_children"] < 0.05:
        return f"{r['cpu_main']:.1f}"
    return f"{r['cpu_main']:.1f} + {r['cpu_children']:.1f}"


def format_breakdown(results: list[dict]) -> str:
    lines = []
    for r in results:
        if r["variant"] != "build" or "seconds" not in r:
            continue
        share = r["write_seconds"] / r["seconds"]
        lines.append(f"build, {r['jobs']} proc: extract+graph {r['build_seconds']:.1f} s, "
                     f"BuildResult.write {r['write_seconds']:.2f} s = {share:.1%} of build time; "
                     f"graph {r['nodes']} nodes / {r['edges']} edges; build_graph plain "
                     f"{r['graph_seconds']['plain']:.2f} s, merged {r['graph_seconds']['merged']:.2f} s")
        parts = ", ".join(f"{name} {t:.2f} s" if isinstance(t, float) else f"{name} {t}"
                          for name, t in r["exports"].items())
        lines.append(f"  exports alone: {parts}")
        lines.append("  sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(r["sizes"].items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles to generate [200]")
    parser.add_argument("--input", type=Path, help="a folder of .txt articles instead of generated ones")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts [1 2]")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), help="spacy extract build")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask variant")
    parser.add_argument("--model", default=MODEL, help="spaCy model [kg's default]")
    parser.add_argument("--keep", type=Path, help="generate the articles into this folder and keep them")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_variant(args.child, args.input, args.jobs[0], args.model)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.input or args.keep or Path(tmp) / "articles"
        if args.input is None:
            generate_articles(args.n, folder)
        count = len(list(folder.glob("*.txt")))
        print(f"{count} articles in {folder}; {os.cpu_count()} cores", file=sys.stderr)
        results = []
        for variant in args.variants:
            for jobs in args.jobs:
                print(f"running {variant} with {jobs} process(es)...", file=sys.stderr)
                results.append(_run_child(variant, folder, jobs, args.model))
        extra = ["pool"] + ([] if args.no_dask else ["dask"])
        for variant in extra:
            print(f"running {variant} with 2 processes...", file=sys.stderr)
            results.append(_run_child(variant, folder, 2, args.model))
    print(format_table(results))
    print()
    print(format_breakdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
