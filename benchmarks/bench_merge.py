"""Cross-article merging at 10 million records: the part of a build that stays on one machine.

Usage::

    python benchmarks/bench_merge.py [--sizes 100000 1000000 10000000]

Extraction spreads over any number of Dask workers and the store takes records as they
come, but merging the reports of one meeting across articles
(:func:`kg.graph.cluster_meetings`, through its blocking index keyed by pairs of
participants and by date) looks at every meeting report of the corpus. This measures it
on synthetic reports, each size in a fresh process: actors drawn with Zipf-like
popularity from a pool that grows with the corpus (a few leaders meet very often),
encounters over ten years, each reported by 1 to 4 documents, a third of the reports
undated, a tenth of them only to the month, as the assembler holds them (no sentences).
Columns: seconds to generate, seconds to cluster, peak RSS, groups found.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time


def synthetic_reports(n: int, *, seed: int = 10):
    from kg.model import Event, Evidence

    rnd = random.Random(seed)
    actors = max(1000, n // 20)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(actors)]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    import bisect

    def actor() -> str:
        return f"person:a{bisect.bisect(cumulative, rnd.random() * total)}"

    subtypes = ("meet", "talks", "visit", "phone", "summit")
    reports = []
    doc = 0
    while len(reports) < n:
        people = sorted({actor() for _ in range(rnd.choice((2, 2, 2, 3, 4)))})
        if len(people) < 2:
            continue
        year, month, day = rnd.randrange(2020, 2030), rnd.randrange(1, 13), rnd.randrange(1, 29)
        subtype = rnd.choice(subtypes)
        place = f"gpe:c{rnd.randrange(200)}"
        for _ in range(rnd.choice((1, 1, 2, 3, 4))):
            doc += 1
            roll = rnd.random()
            date = None if roll < 0.33 else f"{year}-{month:02d}" if roll < 0.43 else f"{year}-{month:02d}-{day:02d}"
            reports.append(Event(f"meeting:{doc}", "meeting", subtype, Evidence(f"d{doc}", 0, 10, ""),
                                 participants=tuple(people), location=place if rnd.random() < 0.7 else None,
                                 date=date, status="occurred" if rnd.random() < 0.85 else "planned"))
            if len(reports) == n:
                break
    return reports


def run(n: int) -> dict:
    from kg.graph import cluster_meetings, gc_paused

    start = time.perf_counter()
    with gc_paused():
        reports = synthetic_reports(n)
    generated = time.perf_counter()
    with gc_paused():
        groups = cluster_meetings(reports)
    clustered = time.perf_counter()
    return {"n": n, "generate": generated - start, "cluster": clustered - generated, "groups": len(groups),
            "merged": sum(1 for g in groups if len(g) > 1),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child)))
        return
    print("| reports | generate s | cluster s | per report | peak RSS MB | groups | merged groups |")
    print("|---|---|---|---|---|---|---|")
    for n in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {n:,} | {r['generate']:.1f} | {r['cluster']:.1f} | {r['cluster'] / n * 1e6:.1f} us "
              f"| {r['rss_mb']:,.0f} | {r['groups']:,} | {r['merged']:,} |", flush=True)


if __name__ == "__main__":
    main()
