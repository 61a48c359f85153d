#!/usr/bin/env python3
"""Chooses and checks the rules of translation candidates (issue 6, quote travel across languages).

Input: the pairs `crates/store/examples/translations.rs` prints for a store of
the SemEval-2025 Train and Development articles (every candidate pair with its
weight: the summed rarity of the entities both quotes name), and the
hand-labelled cross-language pairs of eval/translated-pairs.jsonl (one speaker,
two languages, `same` or `different` statement).

For each weight threshold it prints how many candidate pairs the whole corpus
gives and how many labelled `same` / `different` pairs are among them; with
--sample W it prints a fixed random sample of the corpus pairs at weight >= W
for judging by hand.

    newslens analyze DIRS... --db sem.db          # Train + Development, all five languages
    cargo run --release -p newslens-store --example translations -- sem.db 0 > pairs.jsonl
    python3 scripts/translation-check.py pairs.jsonl [--min-shared 2] [--sample 10 -n 40]
"""
import argparse
import importlib.util
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def words(text):
    return set(re.findall(r"\w+", text.lower()))


def overlaps(a, b):
    """True when the shorter text's words are mostly in the longer one."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs")
    ap.add_argument("--labelled", default=os.path.join(ROOT, "eval", "translated-pairs.jsonl"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--min-shared", type=int, default=2)
    ap.add_argument("--sample", type=float, help="print a sample of pairs at this weight or more")
    ap.add_argument("-n", type=int, default=40)
    args = ap.parse_args(argv)
    spec = importlib.util.spec_from_file_location("quote_pairs", os.path.join(HERE, "quote-pairs.py"))
    qp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(qp)
    if not os.path.isdir(args.data):
        sys.exit(f"no data directory at {args.data} (pass --data DIR)")
    found = [json.loads(line) for line in open(args.pairs, encoding="utf-8") if line.strip()]
    found = [p for p in found if len(p["shared"]) >= args.min_shared]
    labelled = [json.loads(line) for line in open(args.labelled, encoding="utf-8") if line.strip()]
    for pair in labelled:
        pair["texts"] = (qp.resolve(args.data, pair["a"]), qp.resolve(args.data, pair["b"]))
        pair["files"] = (os.path.basename(pair["a"]["file"]), os.path.basename(pair["b"]["file"]))

    def weight_of(pair):
        """The weight of the candidate pair matching a labelled pair, else None."""
        best = None
        for p in found:
            arts = (p["a"].split("#")[0], p["b"].split("#")[0])
            texts = p["texts"] if p["from"] == p["a"] else p["texts"][::-1]
            for (fa, fb), (ta, tb) in (
                (pair["files"], pair["texts"]),
                (pair["files"][::-1], pair["texts"][::-1]),
            ):
                if arts == (fa, fb) and texts[0] and overlaps(texts[0], ta) and overlaps(texts[1], tb):
                    best = max(best or 0.0, p["weight"])
        return best

    weights = [(pair["label"], weight_of(pair)) for pair in labelled]
    same = sum(1 for label, _ in weights if label == "same")
    print(f"{len(found)} candidate pairs sharing >= {args.min_shared} entities; "
          f"labelled: {same} same, {len(weights) - same} different")
    print("weight>=  corpus pairs  labelled same found  labelled different found")
    for t in (0, 4, 6, 7, 8, 9, 10, 12):
        n = sum(1 for p in found if p["weight"] >= t)
        s = sum(1 for label, w in weights if label == "same" and w is not None and w >= t)
        d = sum(1 for label, w in weights if label != "same" and w is not None and w >= t)
        print(f"{t:>8}  {n:>12}  {s:>10} of {same:<8}  {d:>10}")
    if args.sample is not None:
        pool = [p for p in found if p["weight"] >= args.sample]
        random.Random(7).shuffle(pool)
        for p in pool[: args.n]:
            print(f"\n== {p['speaker']} {p['weight']:.1f} {p['shared']}")
            print(f"  {p['a']}: {(p['texts'][0] if p['from'] == p['a'] else p['texts'][1])[:240]}")
            print(f"  {p['b']}: {(p['texts'][1] if p['from'] == p['a'] else p['texts'][0])[:240]}")


if __name__ == "__main__":
    main(sys.argv[1:])
