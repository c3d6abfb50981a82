"""Benchmark kg on one huge run of words without a full stop: is the time linear in its length?

Usage::

    python benchmarks/bench_long_sentence.py [--words 10000 20000 40000 80000] [--shape run|list]

Shapes (invented text, no full stop until the end):

- ``run``: words drawn at random from a meeting sentence ("the minister met his counterpart
  and said that talks ... would continue in Vienna"), as a hostile or broken input would
  be; the parser cuts it into sentences of a few hundred tokens;
- ``list``: one sentence the parser keeps whole: "Valdmaa met Kessler, Ortega, ... and
  Quesada in Vienna.", a list of invented names (a comma between each);
- ``clauses``: one sentence of clauses, a meeting in each: "Valdmaa met Kessler in Vienna,
  and Ortega met Quesada in Vienna, and ...", the hardest shape for rules that compare
  the triggers of a sentence with one another.

For each size, the spaCy model runs once (columns ``parse``: the model's own components)
and kg's component once (``kg``: every rule, entity resolution, the records), in this
process, the model loaded before the clock. ``per 1k words`` is kg's seconds for each
thousand words: flat when the time is linear. A size kg refuses (a sentence over
:data:`kg.extraction.document.MAX_SENTENCE_TOKENS`) shows the refusal; ``--limit`` moves the
limit to see what reading it would cost.
"""
from __future__ import annotations

import argparse
import random
import time

SENTENCE = ("the minister met his counterpart and said that talks on energy security with "
            "Russia and France would continue in Vienna").split()
SYLLABLES = ("val", "mar", "ken", "dor", "sel", "tav", "ri", "lo", "ban", "quel", "stro", "min")


def long_text(words: int, shape: str, seed: int = 0) -> str:
    """``words`` words of the given shape, ending in one full stop."""
    rng = random.Random(seed)
    if shape == "run":
        return " ".join(rng.choice(SENTENCE) for _ in range(words)) + "."
    names = ["".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(words)]
    if shape == "clauses":  # "A met B in Vienna, and C met D in Vienna, and ...": one sentence, a trigger in each clause
        clauses = words // 5
        pairs = zip(names[0:2 * clauses:2], names[1:2 * clauses:2])
        return ", and ".join(f"{a} met {b} in Vienna" for a, b in pairs) + "."
    return f"Valdmaa met {', '.join(names[:words - 5])} and {names[words - 5]} in Vienna."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000])
    parser.add_argument("--shape", choices=("run", "list", "clauses"), default="run")
    parser.add_argument("--limit", type=int, default=None,
                        help="read sentences up to this many tokens instead of kg's MAX_SENTENCE_TOKENS")
    args = parser.parse_args()

    import kg.extraction.document
    from kg.extraction import load_pipeline
    from kg.extraction.component import DOCUMENT_ATTR, refusal_of
    from kg.model import Document

    if args.limit is not None:
        kg.extraction.document.MAX_SENTENCE_TOKENS = args.limit

    nlp = load_pipeline()
    kg_component = nlp.get_pipe("kg")
    print(f"{'words':>8} {'tokens':>8} {'longest sentence':>17} {'parse s':>8} {'kg s':>8} {'per 1k words':>13}")
    for words in args.words:
        text = long_text(words, args.shape)
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        for name, component in nlp.pipeline:
            if name != "kg":
                doc = component(doc)
        parse = time.perf_counter() - start
        longest = max(len(sentence) for sentence in doc.sents)
        setattr(doc._, DOCUMENT_ATTR, Document(id=f"long-{words}", text=text, source=f"long-{words}.txt"))
        start = time.perf_counter()
        kg_component(doc)
        seconds = time.perf_counter() - start
        refused = refusal_of(doc)
        outcome = f"  refused: {refused}" if refused else ""
        print(f"{words:>8,} {len(doc):>8,} {longest:>17,} {parse:>8.1f} {seconds:>8.1f} "
              f"{seconds / words * 1000:>13.2f}{outcome}", flush=True)


if __name__ == "__main__":
    main()
