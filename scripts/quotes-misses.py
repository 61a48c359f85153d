#!/usr/bin/env python3
"""Prints PolNeAR misses of the quotes stage with their context, to read by hand.

Usage:
  scripts/quotes-misses.py --pred PRED.jsonl --gold-dir DATA/train --what direct|speaker
                           [--sample N --seed S] [--tsv OUT]

Matches exactly like ../shared/tools/score_quotes.py (token F1 >= 0.5,
one-to-one, best first; "direct" gold = a content span holding a quote
mark). `--what direct` prints every gold direct content no prediction
matched, `--what speaker` every matched pair whose speaker the scorer
judges wrong. Each item shows the raw text around the gold span (the gold
content in [[ ]], its source in {{ }}), the gold cue, and the predictions
that share words with it: their token F1 with this gold item, whether
another gold item took them (and that item's content and source), their
kind, cue and speaker. `--tsv` writes one line per item (id, article,
gold offsets) for a hand classification to be added as a last column.
"""
import argparse, sys, collections, importlib.util, json, os, random

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear_common as pc

sq = pc.scorer()


def load_gold(gold_dir):
    """Like sq.load_gold, but keeps offsets and the cue."""
    text_dir, ann_dir = os.path.join(gold_dir, "text"), os.path.join(gold_dir, "attributions")
    by_article = collections.defaultdict(list)
    for f in sorted(os.listdir(ann_dir)):
        if f.endswith(".ann"):
            by_article[f.rsplit("_", 1)[0]].append(f)
    gold, texts = {}, {}
    for art, files in by_article.items():
        text = open(os.path.join(text_dir, art + ".txt"), encoding="utf-8").read()
        texts[art] = text
        spans, events = {}, []
        for line in open(os.path.join(ann_dir, files[0]), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 3:
                kind_offs = parts[1].split(" ")
                offs = [tuple(map(int, o.split())) for o in " ".join(kind_offs[1:]).split(";")]
                spans[parts[0]] = (offs, " ".join(text[a:b] for a, b in offs))
            elif parts[0].startswith("E") and len(parts) >= 2:
                events.append(dict(r.split(":", 1) for r in parts[1].split() if ":" in r))
        items = []
        for ev in events:
            c = spans.get(ev.get("Content", ""))
            if not c or not c[1]:
                continue
            s = spans.get(ev.get("Source", ""))
            cue = spans.get(ev.get("Cue", ""))
            items.append({"content": c[1], "offs": c[0], "source": s[1] if s else None,
                          "soffs": s[0] if s else [], "cue": cue[1] if cue else None,
                          "direct": any(ch in sq.QUOTE_MARKS for ch in c[1])})
        gold[art] = items
    return gold, texts


def context(text, g, width=220):
    a = min(o[0] for o in g["offs"] + g["soffs"])
    b = max(o[1] for o in g["offs"] + g["soffs"])
    lo, hi = max(0, a - width), min(len(text), b + width // 2)
    marks = []
    for x, y in g["offs"]:
        marks += [(x, "[["), (y, "]]")]
    for x, y in g["soffs"]:
        marks += [(x, "{{"), (y, "}}")]
    out, pos = [], lo
    for at, m in sorted(marks):
        out.append(text[pos:at]); out.append(m); pos = at
    out.append(text[pos:hi])
    return ("…" if lo else "") + "".join(out).replace("\n", " ¶ ") + ("…" if hi < len(text) else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred", required=True)
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--what", choices=["direct", "speaker"], default="direct")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tsv")
    a = ap.parse_args()
    gold, texts = load_gold(a.gold_dir)
    preds = pc.load_preds(a.pred)
    items = []
    for art, gitems in gold.items():
        pitems = preds.get(art, [])
        gt, pt, cands = pc.candidates(sq, gitems, pitems)
        used_p, match, pmatch = set(), {}, {}
        for f, i, j in cands:
            if f < 0.5 or i in used_p or j in match:
                continue
            used_p.add(i); match[j] = i; pmatch[i] = j
        for j, g in enumerate(gitems):
            if a.what == "direct" and (j in match or not g["direct"]):
                continue
            if a.what == "speaker":
                if j not in match or not g["source"]:
                    continue
                if sq.speaker_ok(pitems[match[j]].get("speaker"), g["source"]):
                    continue
            gs = set(gt[j])
            near = []
            for i, p in enumerate(pitems):
                shared = len(gs & set(pt[i]))
                if shared and (a.what == "direct" or i == match.get(j)):
                    near.append((sq.tok_f1(pt[i], gt[j]), shared, i))
            near.sort(reverse=True)
            items.append((art, j, g, [(f, i, pitems[i], pmatch.get(i)) for f, _, i in near[:3]],
                          gitems))
    print(f"{len(items)} items")
    if a.sample and a.sample < len(items):
        random.Random(a.seed).shuffle(items)
        items = items[: a.sample]
    tsv = open(a.tsv, "w", encoding="utf-8") if a.tsv else None
    for n, (art, j, g, near, gitems) in enumerate(items, 1):
        print(f"=== #{n} {art} gold {j} offs {g['offs']} cue={g['cue']!r} src={g['source']!r}")
        print("   ", context(texts[art], g))
        for f, i, p, other in near:
            sp = p.get("speaker") or {}
            tag = "MATCHED-THIS" if other == j else (f"took gold {other}" if other is not None else "unmatched")
            print(f"  pred f1={f:.2f} {tag} [{p.get('kind')} cue={p.get('cue')!r} spk={sp.get('text')!r}/{sp.get('name')!r}]")
            print("     ", (p.get("text") or "")[:400].replace("\n", " ¶ "))
            if other is not None and other != j:
                og = gitems[other]
                print(f"      other gold: {og['content'][:200]!r} src={og['source']!r} cue={og['cue']!r}")
        if tsv:
            tsv.write(f"{n}\t{art}\t{g['offs'][0][0]}\t{g['offs'][-1][1]}\t\n")


if __name__ == "__main__":
    main()
