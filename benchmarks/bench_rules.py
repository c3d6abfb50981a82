"""Benchmark kg's own work per document, without the parse: the rules over parsed Docs.

Usage::

    python benchmarks/bench_rules.py [--n 300] [--input FOLDER] [--rounds 3] [--cache docs.spacy]
    py-spy record -f raw -o rules.txt -- python benchmarks/bench_rules.py   # where the time goes

The articles (generated as ``benchmarks/bench_build.py`` does, or ``--input``) are parsed
once, with kg's component left out, and kept as a DocBin (``--cache``, reused when it
exists); then :func:`kg.extraction.document.extract_doc` reads every Doc, ``--rounds``
times over fresh copies, and the fastest round is reported in CPU seconds (other load on
the machine disturbs CPU time less than wall time), with the parse's CPU time for scale
when it was parsed in this run, the JSON encoding of the records, and a digest of the
records (equal digests: the same output, byte for byte).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import generate_articles  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    from spacy.tokens import DocBin

    from kg.extraction.document import extract_doc
    from kg.extraction.pipeline import default_model, load_pipeline
    from kg.ingest import read_documents
    from kg.model import to_dict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="articles to generate [300]")
    parser.add_argument("--input", type=Path, help="a folder of .txt articles instead of generated ones")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="keep the parsed Docs here (a DocBin file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.input or Path(tmp) / "articles"
        if args.input is None:
            generate_articles(args.n, folder)
        documents = list(read_documents(sorted(folder.glob("*.txt"))))
        nlp = load_pipeline(default_model())
        cache = args.cache or Path(tmp) / "docs.spacy"
        parse = None
        if not cache.exists():
            start = time.process_time()
            parsed = DocBin(store_user_data=False)
            for doc in nlp.pipe((d.text for d in documents), batch_size=64, disable=["kg"]):
                parsed.add(doc)
            parse = time.process_time() - start
            cache.write_bytes(parsed.to_bytes())
        data = cache.read_bytes()
        best = None
        for _ in range(args.rounds):
            docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
            start = time.process_time()
            records = [extract_doc(doc, document) for doc, document in zip(docs, documents)]
            spent = time.process_time() - start
            best = spent if best is None else min(best, spent)
        start = time.process_time()
        digest = hashlib.sha256()
        for record in records:
            digest.update(json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        encode = time.process_time() - start
    n = len(documents)
    print(f"{n} documents: rules {best:.2f} s CPU ({best / n * 1000:.1f} ms a document, best of {args.rounds})"
          + (f", parse {parse:.2f} s ({best / parse:.1%} of it)" if parse else "")
          + f"; JSON of the records {encode:.2f} s; records sha256 {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
