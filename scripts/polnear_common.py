"""Shared pieces of the PolNeAR diagnostic scripts (quotes-diagnose.py,
quotes-misses.py, quotes-compare.py): the official scorer as a module, the
predictions by article, and the scorer's candidate matches of one article."""
import importlib.util
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scorer():
    """../shared/tools/score_quotes.py (or $SCORER) loaded as a module."""
    path = os.environ.get("SCORER") or os.path.join(ROOT, "..", "shared", "tools", "score_quotes.py")
    if not os.path.exists(path):
        path = "/work/shared/tools/score_quotes.py"
    spec = importlib.util.spec_from_file_location("sq", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_preds(path):
    """`newslens annotate` output: article file name (no .txt) -> its quotes."""
    preds = {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        preds[os.path.basename(d["id"]).removesuffix(".txt")] = d.get("quotes") or []
    return preds


def candidates(sq, gitems, pitems):
    """The gold and predicted contents as tokens, and (token F1, prediction
    index, gold index) for every pair, best first, as the scorer ranks them
    before its one-to-one matching."""
    gt = [sq.toks(g["content"]) for g in gitems]
    pt = [sq.toks(p.get("text") or "") for p in pitems]
    cands = sorted(((sq.tok_f1(pt[i], gt[j]), i, j) for i in range(len(pt))
                    for j in range(len(gt))), reverse=True)
    return gt, pt, cands
