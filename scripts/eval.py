"""Score kg on ../shared/examples and ../shared/eval/dev, dev2, dev3 and hold the line on a floor.

    python scripts/eval.py [--shared ../shared] [--floor scripts/eval_floor.json]

Prints the scorer's table for each set, then fails (exit 1) when a score falls under the
floor in scripts/eval_floor.json (F1s, kg_f1, or accuracies such as meeting_location): a
ratchet, raised as kg gets better. Skips cleanly (exit 0 with a message) when the shared
folder is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {"seed": "examples", "dev": "eval/dev", "dev2": "eval/dev2", "dev3": "eval/dev3"}
KEYS = ("entities", "meetings", "speakers", "affiliations")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--floor", type=Path, default=HERE / "eval_floor.json")
    args = parser.parse_args()
    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        print(f"eval: {scorer} not found; skipped")
        return 0
    floor = json.loads(args.floor.read_text())
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in SETS.items():
            gold = args.shared / folder
            if not gold.is_dir():
                print(f"eval: {gold} not found; {name} skipped")
                continue
            corpus, predictions, report = Path(tmp, f"{name}.jsonl"), Path(tmp, f"{name}.pred.json"), Path(tmp, f"{name}.report.json")
            corpus.write_text(subprocess.run([sys.executable, str(scorer), "corpus", str(gold)], check=True,
                                             capture_output=True, text=True).stdout)
            subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(corpus), "--format", "json",
                            "-o", str(predictions)], check=True)
            table = subprocess.run([sys.executable, str(scorer), "score", str(gold), str(predictions), "--json",
                                    str(report)], check=True, capture_output=True, text=True).stdout
            print(f"== {name} ({gold})\n{table}")
            scores = json.loads(report.read_text())
            for key, minimum in floor.get(name, {}).items():
                # an F1 ("meetings") or an accuracy over matched items ("meeting_location")
                value = scores[key] if key == "kg_f1" else scores[key].get("f1", scores[key].get("accuracy"))
                if value is None:
                    continue  # an accuracy over no matched item ("statement_quote" n/a)
                if value < minimum:
                    failures.append(f"{name} {key} {value:.3f} < floor {minimum:.3f}")
    for failure in failures:
        print(f"eval: below the floor: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
