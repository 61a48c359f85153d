#!/usr/bin/env python3
"""Compares two runs of the quotes stage on a PolNeAR split, gold item by gold item.

Usage: scripts/quotes-compare.py --old OLD.jsonl --new NEW.jsonl --gold-dir DATA/train [--show]

Matches each run like ../shared/tools/score_quotes.py and counts the gold
items whose content match (any / direct) or right pair (content and
speaker) was gained or lost from OLD to NEW; --show prints them.
"""
import argparse, sys, importlib.util, json, os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear_common as pc

sq = pc.scorer()


def run(path, gold):
    preds = pc.load_preds(path)
    res = {}
    for art, gitems in gold.items():
        pitems = preds.get(art, [])
        gt, pt, cands = pc.candidates(sq, gitems, pitems)
        used, m = set(), {}
        for f, i, j in cands:
            if f < 0.5 or i in used or j in m:
                continue
            used.add(i); m[j] = i
        for j, g in enumerate(gitems):
            p = pitems[m[j]] if j in m else None
            ok = p is not None and g["source"] and sq.speaker_ok(p.get("speaker"), g["source"])
            res[(art, j)] = (p is not None, bool(ok), p)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    gold = sq.load_gold(a.gold_dir)
    o, n = run(a.old, gold), run(a.new, gold)
    counts = {}
    for key in o:
        g = gold[key[0]][key[1]]
        for name, idx in (("content", 0), ("pair", 1)):
            if o[key][idx] != n[key][idx]:
                tag = f"{name}{'-direct' if g['direct'] else ''} {'gained' if n[key][idx] else 'lost'}"
                counts[tag] = counts.get(tag, 0) + 1
                if a.show:
                    sp = lambda p: (p.get("speaker") or {}).get("text") if p else None
                    print(f"{tag}: {key[0]} | GOLD {g['content'][:150]!r} src={g['source']!r}")
                    print(f"    old: {(o[key][2] or {}).get('text', '')[:150]!r} spk={sp(o[key][2])!r}")
                    print(f"    new: {(n[key][2] or {}).get('text', '')[:150]!r} spk={sp(n[key][2])!r}")
    for k in sorted(counts):
        print(f"{k}: {counts[k]}")


if __name__ == "__main__":
    main()
