#!/usr/bin/env python3
"""Buckets of PolNeAR misses for the quotes stage (diagnostic, not a scorer).

Usage: scripts/quotes-diagnose.py --pred PRED.jsonl --gold-dir DATA/train [--show BUCKET] [-n N]

Matches like ../shared/tools/score_quotes.py (token F1 >= 0.5, one-to-one,
best first), then puts each unmatched gold direct content and each matched
pair with a wrong speaker into a bucket and prints the counts (and examples
of one bucket with --show).
"""
import argparse, json, os, sys, collections, importlib.util

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear_common as pc

sq = pc.scorer()
PRON = {"he", "she", "they", "it", "i", "we", "you", "who", "his", "her", "their"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred", required=True)
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--show")
    ap.add_argument("-n", type=int, default=15)
    a = ap.parse_args()
    gold = sq.load_gold(a.gold_dir)
    preds = pc.load_preds(a.pred)
    buckets = collections.defaultdict(list)
    for art, gitems in gold.items():
        pitems = preds.get(art, [])
        gt, pt, cands = pc.candidates(sq, gitems, pitems)
        used_p, used_g, match = set(), set(), {}
        for f, i, j in cands:
            if f < 0.5 or i in used_p or j in used_g:
                continue
            used_p.add(i); used_g.add(j); match[j] = i
        for j, g in enumerate(gitems):
            if j in match:
                p = pitems[match[j]]
                if g["source"] and not sq.speaker_ok(p.get("speaker"), g["source"]):
                    sp = p.get("speaker") or {}
                    st = (sp.get("text") or "").lower()
                    gs = set(sq.toks(g["source"])) - sq.STOP
                    if not sp:
                        b = "spk:none"
                    elif not gs:
                        b = "spk:gold-pronoun-surface"
                    elif st in PRON and not sp.get("name"):
                        b = "spk:pred-pronoun-unresolved"
                    elif st in PRON:
                        b = "spk:pred-pronoun-wrong-name"
                    else:
                        b = "spk:other-entity"
                    buckets[b].append((art, g, p, None))
                continue
            if not g["direct"]:
                continue
            gs = set(gt[j])
            # best overlapping prediction
            best = max(((len(gs & set(pt[i])) / max(1, len(gs)), i) for i in range(len(pt))), default=(0, -1))
            if best[0] == 0:
                b = "dir:no-pred"
            else:
                i = best[1]
                ps = set(pt[i])
                if i in used_p:
                    b = "dir:pred-used-by-other-gold"
                elif ps <= gs:
                    b = "dir:pred-inside-gold"
                elif gs <= ps:
                    b = "dir:gold-inside-pred"
                else:
                    b = "dir:partial-overlap"
            buckets[b].append((art, g, pitems[best[1]] if best[1] >= 0 else None, best[0]))
    for b in sorted(buckets):
        print(f"{b:32} {len(buckets[b])}")
    if a.show:
        for art, g, p, ov in buckets[a.show][: a.n]:
            print("----", art, ov)
            print("GOLD:", g["content"][:300].replace("\n", " "), "|| SRC:", g["source"])
            if p:
                sp = p.get("speaker") or {}
                print("PRED:", (p.get("text") or "")[:300].replace("\n", " "), "|| SPK:", sp.get("text"), "/", sp.get("name"), "| cue:", p.get("cue"), p.get("kind"))


if __name__ == "__main__":
    main()
