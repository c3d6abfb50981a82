"""Where worker processes start to pay: ``kg extract`` with 1 and 2 processes by corpus size.

Usage::

    python benchmarks/bench_jobs.py [--sizes 16 32 64 128] [--repeats 3] [--force-parallel]

Each run is a fresh process (the model load is part of what a user waits for, and so is
starting the workers), runs alternate between 1 and 2 processes, and the medians of the
wall time are compared: the crossover is the smallest size from which 2 processes are
faster. ``kg.run.local.PARALLEL_MIN_DOCUMENTS`` is set from it (below it ``-j`` is not used).
With ``--force-parallel`` the 2-process runs use workers at every size (the threshold is
lowered to 1 for the measurement).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import generate_articles  # noqa: E402

CHILD = """
import sys, time, json
start = time.perf_counter()
import kg, kg.run.local as local
local.PARALLEL_MIN_DOCUMENTS = 1 if sys.argv[3] == "force" else local.PARALLEL_MIN_DOCUMENTS
paths = sorted(__import__("pathlib").Path(sys.argv[1]).glob("*.txt"))
kg.extract(paths, n_process=int(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def run(folder: Path, jobs: int, force: bool) -> float:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(jobs), "force" if force else "-"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 32, 64, 128])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--force-parallel", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_articles(max(args.sizes), Path(tmp) / "all")
        for size in args.sizes:
            folder = Path(tmp) / f"n{size}"
            folder.mkdir()
            for path in paths[:size]:
                (folder / path.name).write_bytes(path.read_bytes())
            times = {1: [], 2: []}
            for repeat in range(args.repeats):
                for jobs in ((1, 2) if repeat % 2 == 0 else (2, 1)):
                    times[jobs].append(run(folder, jobs, args.force_parallel))
            one, two = statistics.median(times[1]), statistics.median(times[2])
            rows.append((size, one, two))
            print(f"{size} docs: -j 1 {one:.1f} s, -j 2 {two:.1f} s ({one / two:.2f}x)", file=sys.stderr)
    print("| documents | -j 1 s | -j 2 s | speed-up |\n|---|---|---|---|")
    for size, one, two in rows:
        print(f"| {size} | {one:.1f} | {two:.1f} | {one / two:.2f}x |")
    faster = [size for size, one, two in rows if two < one]
    print(f"\ncrossover: {faster[0] if faster else 'none'} documents (medians of {args.repeats} paired runs)")


if __name__ == "__main__":
    main()
