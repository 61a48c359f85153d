#!/usr/bin/env python3
"""Recompute the figures of the SemEval-2025 Task 10 quote hand check.

Reads crates/quotes/tests/data/semeval-quote-check.tsv (ids and code-point
offsets only, no article text) and prints precision, recall and speaker
accuracy, overall and for direct / indirect attributions, plus error counts.

With --rerun it also runs `target/release/newslens annotate` on the selected
articles and reports how many recorded system quotes the current build still
produces (same offsets, or overlapping), and how many quotes are new.

The note column starts with "direct" or "indirect", then "err=<tag>".
See docs/quotes-semeval-check.md.

With --lang BG|RU|PT|ALL it reads semeval-quote-check-multi.tsv instead (the
BG/RU/PT check, docs/quotes-semeval-check-multi.md) and prints the same figures
per language and, for ALL, overall; --rerun then selects that language's files.

With --blind (implies --lang ALL unless --lang is given) it reads
semeval-quote-check-blind.tsv, the blind check on the URW files after the ones
the multi check judged (BG 9-13, RU 11-15, PT 5-8 by name;
docs/quotes-semeval-check-blind.md); --rerun then selects those files.

With --blind2 (implies --lang ALL unless --lang is given; ALL then includes EN) it
reads semeval-quote-check-blind2.tsv, the second blind check on the next files
(BG 14-16, RU 16-20, PT 9 of the URW files; EN_UA files 11-15 by name;
docs/quotes-semeval-check-blind2.md), prints rough Wilson 95 % intervals beside
the figures, and --rerun then selects those files.
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV = os.path.join(ROOT, "crates/quotes/tests/data/semeval-quote-check.tsv")
DATA = "/work/shared/data/semeval2025-task10/Datasets/Development/EN/subtask-2-documents"
N_ARTICLES = 10  # selection rule: first 10 EN_UA_*.txt files, sorted by name (byte order)
# BG/RU/PT (docs/quotes-semeval-check-multi.md, TSV semeval-quote-check-multi.tsv):
# no file names carry _UA_, so the first N files, sorted by name (byte order), whose
# line in subtask-2-annotations.txt has a narrative label starting with "URW:".
MULTI_TSV = os.path.join(ROOT, "crates/quotes/tests/data/semeval-quote-check-multi.tsv")
MULTI_N = {"BG": 8, "RU": 10, "PT": 4}
# Blind check (docs/quotes-semeval-check-blind.md): the next BLIND_N URW files after
# the first MULTI_N, same order.
BLIND_TSV = os.path.join(ROOT, "crates/quotes/tests/data/semeval-quote-check-blind.tsv")
BLIND_N = {"BG": 5, "RU": 5, "PT": 4}
# Second blind check (docs/quotes-semeval-check-blind2.md): the BLIND2_N files after
# the first BLIND2_SKIP, same orders (URW files for BG/RU/PT, EN_UA_*.txt for EN).
BLIND2_TSV = os.path.join(ROOT, "crates/quotes/tests/data/semeval-quote-check-blind2.tsv")
BLIND2_SKIP = {"BG": MULTI_N["BG"] + BLIND_N["BG"], "RU": MULTI_N["RU"] + BLIND_N["RU"],
               "PT": MULTI_N["PT"] + BLIND_N["PT"], "EN": N_ARTICLES}
BLIND2_N = {"BG": 3, "RU": 5, "PT": 1, "EN": 5}


def lang_of(article_id):
    for lang in ("BG", "RU", "PT", "EN"):
        if article_id.startswith((lang + "_", lang + "-", "A9_" + lang + "_")):
            return lang
    return "?"


def data_dir(lang):
    return DATA.replace("/EN/", f"/{lang}/")


def load(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            parts = [p.strip() for p in r["note"].split(";")]
            r["type"] = parts[0]
            r["err"] = parts[1][4:] if len(parts) > 1 and parts[1].startswith("err=") else "-"
            r["start"], r["end"] = int(r["start"]), int(r["end"])
            rows.append(r)
    return rows


def pct(a, b):
    return f"{a}/{b} = {100.0 * a / b:.1f}%" if b else f"{a}/0 = n/a"


def wilson(a, b, z=1.96):
    """Rough 95 % Wilson interval for a/b, as ' [lo-hi %]' ('' when b is 0)."""
    if not b:
        return ""
    p = a / b
    d = 1 + z * z / b
    c = (p + z * z / (2 * b)) / d
    h = z * ((p * (1 - p) / b + z * z / (4 * b * b)) ** 0.5) / d
    return f"  [{100 * (c - h):.0f}-{100 * (c + h):.0f}%]"


def figures(rows, label, ci=False):
    ival = wilson if ci else (lambda a, b: "")
    sysr = [r for r in rows if r["kind"] == "system"]
    gold = [r for r in rows if r["kind"] == "gold"]
    s_found = sum(r["verdict"] in ("match", "speaker_wrong") for r in sysr)
    s_ok = sum(r["verdict"] == "match" for r in sysr)
    g_found = sum(r["verdict"] in ("match", "speaker_wrong") for r in gold)
    g_ok = sum(r["verdict"] == "match" for r in gold)
    print(f"[{label}] system quotes {len(sysr)}, gold attributions {len(gold)}")
    print(f"  precision (content)          {pct(s_found, len(sysr))}{ival(s_found, len(sysr))}")
    print(f"  recall (content)             {pct(g_found, len(gold))}{ival(g_found, len(gold))}")
    print(f"  speaker accuracy on matches  {pct(s_ok, s_found)}{ival(s_ok, s_found)}")
    print(f"  strict precision (content+speaker) {pct(s_ok, len(sysr))}")
    print(f"  strict recall (content+speaker)    {pct(g_ok, len(gold))}")


def errors(rows):
    print("error tags (system false / system speaker_wrong / gold miss):")
    c = collections.Counter()
    for r in rows:
        if r["verdict"] == "match":
            continue
        c[(r["err"], r["kind"], r["verdict"])] += 1
    tags = sorted({k[0] for k in c}, key=lambda t: -sum(v for k, v in c.items() if k[0] == t))
    for t in tags:
        f = c[(t, "system", "false")]
        w = c[(t, "system", "speaker_wrong")]
        m = c[(t, "gold", "miss")]
        print(f"  {t:24s} false={f:2d} speaker_wrong={w:2d} miss={m:2d}")


def selected(data, lang="EN", blind=False, blind2=False):
    if blind2:
        if lang == "EN":
            names = sorted(n for n in os.listdir(data) if n.startswith("EN_UA_") and n.endswith(".txt"))
        else:
            ann = os.path.join(os.path.dirname(data), "subtask-2-annotations.txt")
            with open(ann, encoding="utf-8") as f:
                names = sorted(l.split("\t")[0] for l in f if "URW:" in l.split("\t")[1])
        k = BLIND2_SKIP[lang]
        return [os.path.join(data, n) for n in names[k:k + BLIND2_N[lang]]]
    if lang != "EN":
        ann = os.path.join(os.path.dirname(data), "subtask-2-annotations.txt")
        with open(ann, encoding="utf-8") as f:
            names = sorted(l.split("\t")[0] for l in f if "URW:" in l.split("\t")[1])
        if blind:
            names = names[MULTI_N[lang]:MULTI_N[lang] + BLIND_N[lang]]
            return [os.path.join(data, n) for n in names]
        return [os.path.join(data, n) for n in names[:MULTI_N[lang]]]
    names = sorted(n for n in os.listdir(data) if n.startswith("EN_UA_") and n.endswith(".txt"))
    return [os.path.join(data, n) for n in names[:N_ARTICLES]]


def rerun(rows, data, binary, lang="EN", blind=False, blind2=False):
    files = selected(data, lang, blind, blind2)
    out = subprocess.run([binary, "annotate", "--quiet", *files], check=True,
                         capture_output=True, text=True).stdout
    now = {}
    for line in out.splitlines():
        d = json.loads(line)
        now[d["id"].rsplit(".", 1)[0]] = [(q["start"], q["end"]) for q in d["quotes"]]
    rec = [r for r in rows if r["kind"] == "system"]
    exact = overlap = 0
    for r in rec:
        spans = now.get(r["article_id"], [])
        if (r["start"], r["end"]) in spans:
            exact += 1
        elif any(s < r["end"] and r["start"] < e for s, e in spans):
            overlap += 1
    recset = {(r["article_id"], r["start"], r["end"]) for r in rec}
    new = [(a, s, e) for a, sp in now.items() for s, e in sp
           if (a, s, e) not in recset
           and not any(r["article_id"] == a and s < r["end"] and r["start"] < e for r in rec)]
    total = sum(len(v) for v in now.values())
    print(f"rerun on {len(files)} articles: {total} system quotes now, {len(rec)} recorded")
    print(f"  recorded quotes reproduced exactly: {exact}, overlapping only: {overlap}, "
          f"gone: {len(rec) - exact - overlap}")
    print(f"  quotes not overlapping any recorded one (unjudged): {len(new)}")
    for a, s, e in new:
        print(f"    {a} {s}-{e}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", default=TSV)
    ap.add_argument("--rerun", action="store_true", help="re-run the CLI and compare")
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newslens"))
    ap.add_argument("--lang", choices=("BG", "RU", "PT", "EN", "ALL"),
                    help="BG/RU/PT check (default TSV semeval-quote-check-multi.tsv): "
                         "one language, or ALL for each language and overall")
    ap.add_argument("--blind", action="store_true",
                    help="the blind BG/RU/PT check (TSV semeval-quote-check-blind.tsv, the "
                         "URW files after the multi check's); implies --lang ALL")
    ap.add_argument("--blind2", action="store_true",
                    help="the second blind check (TSV semeval-quote-check-blind2.tsv: BG/RU/PT "
                         "URW files after the first blind check's, EN_UA files 11-15); "
                         "implies --lang ALL (with EN)")
    a = ap.parse_args()
    if a.blind and a.blind2:
        ap.error("--blind and --blind2 are two checks; give one")
    if a.lang == "EN" and not a.blind2:
        ap.error("--lang EN exists only with --blind2 (the English check is the default)")
    if (a.blind or a.blind2) and not a.lang:
        a.lang = "ALL"
    if a.lang:
        return main_multi(a)
    rows = load(a.tsv)
    arts = sorted({r["article_id"] for r in rows})
    print(f"articles with judgements: {len(arts)} (selection: first {N_ARTICLES} EN_UA Development files)")
    figures(rows, "all")
    for t in ("direct", "indirect"):
        figures([r for r in rows if r["type"] == t], t)
    errors(rows)
    if a.rerun:
        rerun(rows, a.data, a.bin)
    return 0


def main_multi(a):
    blind = getattr(a, "blind", False)
    blind2 = getattr(a, "blind2", False)
    tsv = a.tsv if a.tsv != TSV else (BLIND2_TSV if blind2 else BLIND_TSV if blind else MULTI_TSV)
    rows = load(tsv)
    if a.lang == "ALL":
        langs = ("BG", "RU", "PT", "EN") if blind2 else ("BG", "RU", "PT")
    else:
        langs = (a.lang,)
    for lang in langs:
        lr = [r for r in rows if lang_of(r["article_id"]) == lang]
        arts = sorted({r["article_id"] for r in lr})
        if blind2:
            k = BLIND2_SKIP[lang]
            which = "EN_UA_*.txt" if lang == "EN" else f"URW-labelled {lang}"
            span = f"{k + 1}" if BLIND2_N[lang] == 1 else f"{k + 1}-{k + BLIND2_N[lang]}"
            print(f"== {lang}: articles with judgements: {len(arts)} (selection: {which} "
                  f"Development files {span})")
            figures(lr, f"{lang} all", ci=True)
            for t in ("direct", "indirect"):
                figures([r for r in lr if r["type"] == t], f"{lang} {t}", ci=True)
            errors(lr)
            if a.rerun:
                rerun(lr, data_dir(lang) if a.data == DATA else a.data, a.bin, lang, blind, blind2)
            continue
        if blind:
            print(f"== {lang}: articles with judgements: {len(arts)} (selection: URW-labelled "
                  f"{lang} Development files {MULTI_N[lang] + 1}-{MULTI_N[lang] + BLIND_N[lang]})")
        else:
            print(f"== {lang}: articles with judgements: {len(arts)} (selection: first "
                  f"{MULTI_N[lang]} URW-labelled {lang} Development files)")
        figures(lr, f"{lang} all")
        for t in ("direct", "indirect"):
            figures([r for r in lr if r["type"] == t], f"{lang} {t}")
        errors(lr)
        if a.rerun:
            rerun(lr, data_dir(lang) if a.data == DATA else a.data, a.bin, lang, blind)
    if len(langs) > 1:
        rows = [r for r in rows if lang_of(r["article_id"]) in langs]
        print("== overall")
        figures(rows, "overall all", ci=blind2)
        for t in ("direct", "indirect"):
            figures([r for r in rows if r["type"] == t], f"overall {t}", ci=blind2)
        errors(rows)
        if blind2:
            nonen = [r for r in rows if lang_of(r["article_id"]) != "EN"]
            print("== BG+RU+PT (to compare with the first blind check)")
            figures(nonen, "BG+RU+PT all", ci=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
