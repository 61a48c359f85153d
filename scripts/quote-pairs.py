#!/usr/bin/env python3
"""Same-statement / different-statement quote pairs for the linking evaluation.

The pair file (eval/quote-pairs.jsonl) holds references only, never article
text: a real quote is a character range of a data file under the shared data
directory plus the SHA-256 of that range (so a changed file is detected); a
generated quote is a recipe (a real quote, a transformation and its
arguments). This script rebuilds the texts deterministically.

  quote-pairs.py build  [--data DIR] [--pairs FILE] [--tsv]
                                                      resolved pairs on stdout: JSON Lines, or
                                                      with --tsv the tab-separated form read by
                                                      crates/signals/examples/pairs_eval.rs
  quote-pairs.py check  [--data DIR] [--pairs FILE]   counts; exit 1 on any broken reference
  quote-pairs.py candidates polnear|semeval [--data DIR] [--min C]
                                                      cross-article quote pairs sharing
                                                      word 3-grams, for reading

Pure Python 3, no dependencies. Character offsets are Python string indices
(Unicode code points) into the file decoded as UTF-8.
"""

import argparse
import collections
import glob
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
DEFAULT_PAIRS = os.path.join(ROOT, "eval", "quote-pairs.jsonl")

# Where each source lives under the data directory. SemEval's Test/ folder is
# never read.
SOURCES = {
    "polnear": "quotes-polnear/data",
    "semeval": "semeval2025-task10/Datasets",
}


class PairError(Exception):
    pass


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_file_cache = {}


def read_source(data, src, rel):
    if src not in SOURCES:
        raise PairError(f"unknown source {src!r}")
    if src == "semeval" and (rel.startswith("Test/") or "/Test/" in rel):
        raise PairError(f"SemEval Test/ is never used: {rel}")
    path = os.path.join(data, SOURCES[src], rel)
    if path not in _file_cache:
        try:
            with open(path, encoding="utf-8") as f:
                _file_cache[path] = f.read()
        except OSError as e:
            raise PairError(f"cannot read {path}: {e}") from e
    return _file_cache[path]


# ---------------------------------------------------------------------------
# Deterministic transformations. Words are whitespace tokens.

EN_PRONOUNS = {
    "i": "he", "i'm": "he's", "i’m": "he’s", "i've": "he's", "i’ve": "he’s",
    "i'll": "he'll", "i’ll": "he’ll", "me": "him", "my": "his", "mine": "his",
    "myself": "himself", "we": "they", "we're": "they're", "we’re": "they’re",
    "we've": "they've", "we’ve": "they’ve", "we'll": "they'll", "we’ll": "they’ll",
    "us": "them", "our": "their", "ours": "theirs", "ourselves": "themselves",
}

# A fixed synonym table (English), written for this evaluation.
EN_SYNONYMS = {
    "said": "stated", "say": "state", "think": "believe", "believe": "think",
    "big": "large", "large": "big", "great": "huge", "huge": "enormous",
    "small": "little", "little": "small", "want": "wish", "need": "require",
    "needs": "requires", "help": "assist", "begin": "start", "start": "begin",
    "end": "finish", "stop": "halt", "people": "citizens", "country": "nation",
    "nation": "country", "countries": "nations", "world": "globe",
    "important": "crucial", "very": "extremely", "really": "truly",
    "quickly": "rapidly", "fast": "rapid", "difficult": "hard", "hard": "tough",
    "problem": "issue", "problems": "issues", "issue": "matter",
    "issues": "matters", "government": "administration", "leaders": "chiefs",
    "leader": "chief", "attack": "assault", "attacks": "assaults",
    "war": "conflict", "conflict": "war", "fight": "battle", "win": "prevail",
    "lose": "forfeit", "ready": "prepared", "prepared": "ready",
    "meet": "see", "talk": "speak", "talks": "negotiations",
    "today": "this day", "tonight": "this evening", "missing": "lost",
    "find": "locate", "careless": "negligent", "misleading": "deceptive",
    "fiction": "fantasy", "quit": "stop", "disaster": "catastrophe",
    "absolute": "complete", "seriously": "gravely", "insist": "demand",
    "perpetrators": "culprits", "business": "trade", "special": "particular",
    "place": "spot", "job": "post", "money": "funds", "security": "safety",
    "weapons": "arms", "peace": "calm", "future": "destiny",
    "everybody": "everyone", "everyone": "everybody", "nobody": "no one",
    "qualified": "fit", "decline": "retreat", "civil": "polite",
}

NEGATIONS = {"en": "not", "pt": "não", "bg": "не", "ru": "не", "hi": "नहीं"}


def words(text):
    return text.split()


def _keep_case(src, repl):
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def _swap_word(tok, table):
    m = re.match(r"^([\"“”'‘’«»„(\[]*)(.*?)([\"“”'‘’«»„)\].,;:!?]*)$", tok)
    if not m:
        return tok
    pre, core, post = m.groups()
    repl = table.get(core.lower())
    if repl is None:
        return tok
    return pre + _keep_case(core, repl) + post


def t_trim(text, args):
    w = words(text)
    return " ".join(w[args["start"]:args["end"]])


def t_repunct(text, args):
    # Commas dropped, sentence stops turned into dashes, quote marks and
    # final punctuation removed.
    out = re.sub(r"[,;:]", "", text)
    out = re.sub(r"[.!?]+\s+", " – ", out)
    out = re.sub(r"[\"“”«»„]", "", out)
    return out.rstrip(" .!?") + "…"


def t_recase(text, args):
    mode = args["mode"]
    if mode == "upper":
        return text.upper()
    if mode == "lower":
        return text.lower()
    if mode == "title":
        return " ".join(w[:1].upper() + w[1:].lower() for w in words(text))
    raise PairError(f"recase: unknown mode {mode!r}")


def t_quote_marks(text, args):
    inner = re.sub(r"[\"“”„«»]", "'", text.strip())
    inner = re.sub(r"^'+|'+$", "", inner)
    return args["open"] + inner + args["close"]


def t_drop_words(text, args):
    k = args["every"]
    return " ".join(w for i, w in enumerate(words(text), 1) if i % k != 0)


def t_insert_words(text, args):
    k, filler = args["every"], args["word"]
    out = []
    for i, w in enumerate(words(text), 1):
        out.append(w)
        if i % k == 0:
            out.append(filler)
    return " ".join(out)


def t_reported(text, args):
    w = words(text)[args["start"]:args["end"]]
    w = [_swap_word(t, EN_PRONOUNS) for t in w]
    body = " ".join(w).strip("\"“”«»„ ").rstrip(" .,;:!?\"“”'’")
    if body[:1].isupper() and not body.startswith("I "):
        body = body[:1].lower() + body[1:]
    return f'{args["speaker"]} said that {body}, according to people at the meeting.'


def t_synonyms(text, args):
    return " ".join(_swap_word(t, EN_SYNONYMS) for t in words(text))


def t_reorder(text, args):
    # Translation-like reordering: the clause after word `at` is moved to the
    # front, as a translator might restructure the sentence.
    w = words(text)
    k = args["at"]
    head = " ".join(w[k:]).rstrip(" ,.;")
    tail = " ".join(w[:k]).rstrip(" ,.;")
    return f"{head}, {tail[:1].lower() + tail[1:]}."


def t_combo(text, args):
    out = t_trim(text, args)
    out = t_synonyms(out, args)
    return t_recase(out, {"mode": "lower"})


def t_negate(text, args):
    w = words(text)
    k = args["after"]
    return " ".join(w[:k] + [args.get("word") or NEGATIONS[args["lang"]]] + w[k:])


def t_replace(text, args):
    out = text
    for old, new in args["pairs"]:
        if old not in out:
            raise PairError(f"replace: {old!r} not in the quote")
        out = out.replace(old, new)
    return out


def t_boilerplate(text, args):
    w = words(text)[: args["keep"]]
    return args["prefix"] + " " + " ".join(w)


TRANSFORMS = {
    "trim": t_trim,
    "heavy_trim": t_trim,
    "repunct": t_repunct,
    "recase": t_recase,
    "quote_marks": t_quote_marks,
    "drop_words": t_drop_words,
    "insert_words": t_insert_words,
    "reported": t_reported,
    "synonyms": t_synonyms,
    "reorder": t_reorder,
    "combo": t_combo,
    "negate": t_negate,
    "replace": t_replace,
    "boilerplate": t_boilerplate,
}


def resolve(data, ref):
    """The text of a quote reference (real range or generated recipe)."""
    if "transform" in ref:
        base = resolve(data, ref["of"])
        fn = TRANSFORMS.get(ref["transform"])
        if fn is None:
            raise PairError(f"unknown transform {ref['transform']!r}")
        try:
            out = fn(base, ref.get("args", {}))
        except (KeyError, TypeError, IndexError) as e:
            raise PairError(f"{ref['transform']}: bad arguments ({e})") from e
        if not out.strip():
            raise PairError(f"{ref['transform']} gave an empty text")
        return out
    text = read_source(data, ref["src"], ref["file"])
    s, e = ref["start"], ref["end"]
    if not (0 <= s < e <= len(text)):
        raise PairError(f"{ref['file']}: range {s}..{e} outside the file")
    q = text[s:e]
    if sha256(q) != ref["sha256"]:
        raise PairError(f"{ref['file']} {s}..{e}: checksum differs (data file changed?)")
    return q


def lang_of(ref):
    while "of" in ref:
        ref = ref["of"]
    if ref.get("src") == "polnear":
        return "en"
    m = re.search(r"(?:^|/)(BG|EN|HI|PT|RU)/", ref.get("file", ""))
    return m.group(1).lower() if m else "?"


def load_pairs(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                p = json.loads(line)
            except json.JSONDecodeError as e:
                raise PairError(f"{path}:{n}: {e}") from e
            if p.get("label") not in ("same", "different"):
                raise PairError(f"{path}:{n}: label must be same or different")
            pairs.append(p)
    ids = [p["id"] for p in pairs]
    dup = [i for i, c in collections.Counter(ids).items() if c > 1]
    if dup:
        raise PairError(f"duplicate pair ids: {dup[:5]}")
    return pairs


def build(data, pairs_path):
    out = []
    for p in load_pairs(pairs_path):
        try:
            a, b = resolve(data, p["a"]), resolve(data, p["b"])
        except PairError as e:
            raise PairError(f"pair {p['id']}: {e}") from e
        out.append({
            "id": p["id"],
            "label": p["label"],
            "group": p["kind"],
            "kind": p.get("transform") or p.get("b", {}).get("transform") or p["kind"],
            "source": p.get("source", ""),
            "lang": lang_of(p["a"]),
            "a": a,
            "b": b,
            "note": p.get("note", ""),
        })
    return out


# ---------------------------------------------------------------------------
# Candidate mining: quotes of different articles sharing word 3-grams.

WORD = re.compile(r"\w+")
QUOTED = re.compile(r"“([^“”]{20,600})”|«([^«»]{20,600})»|„([^„“”]{20,600})[“”]|\"([^\"\n]{20,600})\"")


def _shingles(t):
    w = [x.lower() for x in WORD.findall(t)]
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}


def polnear_spans(data):
    root = os.path.join(data, SOURCES["polnear"])
    spans, seen = [], set()
    for split in ("train", "dev", "test"):
        for ann in sorted(glob.glob(f"{root}/{split}/attributions/*.ann")):
            art = os.path.basename(ann).rsplit("_", 1)[0]
            if art in seen:
                continue  # one annotator per article
            seen.add(art)
            rel = f"{split}/text/{art}.txt"
            text = read_source(data, "polnear", rel)
            spans_t, events = {}, []
            with open(ann, encoding="utf-8") as f:
                for line in f:
                    p = line.rstrip("\n").split("\t")
                    if len(p) < 2:
                        continue
                    if p[0].startswith("T") and ";" not in p[1]:
                        lab, *offs = p[1].split(" ")
                        spans_t[p[0]] = (lab, int(offs[0]), int(offs[1]))
                    elif p[0].startswith("E"):
                        events.append(dict(a.split(":", 1) for a in p[1].split(" ")[1:] if ":" in a))
            for e in events:
                c = spans_t.get(e.get("Content"))
                if c:
                    src = spans_t.get(e.get("Source"))
                    spans.append({"src": "polnear", "file": rel, "start": c[1], "end": c[2],
                                  "text": text[c[1]:c[2]],
                                  "speaker": text[src[1]:src[2]] if src else ""})
    return spans


def semeval_spans(data):
    root = os.path.join(data, SOURCES["semeval"])
    spans = []
    pats = ["Train/*/raw-documents/*.txt", "Development/*/subtask-2-documents/*.txt"]
    for pat in pats:
        for path in sorted(glob.glob(os.path.join(root, pat))):
            rel = os.path.relpath(path, root)
            text = read_source(data, "semeval", rel)
            for m in QUOTED.finditer(text):
                g = next(i for i in range(1, 5) if m.group(i))
                s, e = m.start(g), m.end(g)
                spans.append({"src": "semeval", "file": rel, "start": s, "end": e,
                              "text": text[s:e], "speaker": ""})
    return spans


def candidates(data, which, min_c, min_words):
    spans = polnear_spans(data) if which == "polnear" else semeval_spans(data)
    spans = [s for s in spans if len(WORD.findall(s["text"])) >= min_words]
    sets = [_shingles(s["text"]) for s in spans]
    index = collections.defaultdict(list)
    for i, sh in enumerate(sets):
        for g in sh:
            index[g].append(i)
    shared = collections.Counter()
    for g, ids in index.items():
        if len(ids) > 200:
            continue  # too common to be evidence
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if spans[i]["file"] != spans[j]["file"]:
                    shared[(i, j)] += 1
    rows = []
    for (i, j), c in shared.items():
        cont = c / min(len(sets[i]), len(sets[j]))
        if c >= 2 and cont >= min_c:
            rows.append((cont, i, j))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    for cont, i, j in rows:
        out = {"containment": round(cont, 3)}
        for key, s in (("a", spans[i]), ("b", spans[j])):
            out[key] = {"src": s["src"], "file": s["file"], "start": s["start"], "end": s["end"],
                        "sha256": sha256(s["text"]), "speaker": s["speaker"], "text": s["text"]}
        print(json.dumps(out, ensure_ascii=False))


TSV_FIELDS = ("id", "label", "group", "kind", "lang", "a", "b")


def tsv_escape(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["build", "check", "candidates"])
    ap.add_argument("which", nargs="?", choices=["polnear", "semeval"])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--pairs", default=DEFAULT_PAIRS)
    ap.add_argument("--min", type=float, default=0.3, help="candidates: least containment")
    ap.add_argument("--min-words", type=int, default=6)
    ap.add_argument("--tsv", action="store_true", help="build: tab-separated output")
    a = ap.parse_args(argv)
    if not os.path.isdir(a.data):
        print(f"quote-pairs: data directory {a.data} is absent", file=sys.stderr)
        return 2
    try:
        if a.command == "candidates":
            if not a.which:
                ap.error("candidates needs polnear or semeval")
            candidates(a.data, a.which, a.min, a.min_words)
            return 0
        pairs = build(a.data, a.pairs)
    except PairError as e:
        print(f"quote-pairs: {e}", file=sys.stderr)
        return 1
    if a.command == "build":
        if a.tsv:
            print("\t".join(TSV_FIELDS))
        for p in pairs:
            if a.tsv:
                print("\t".join(tsv_escape(p[k]) for k in TSV_FIELDS))
            else:
                print(json.dumps(p, ensure_ascii=False))
    else:
        c = collections.Counter((p["group"], p["label"]) for p in pairs)
        print(f"{len(pairs)} pairs")
        for (g, lab), n in sorted(c.items()):
            print(f"  {g:10} {lab:10} {n}")
        k = collections.Counter((p["kind"], p["label"]) for p in pairs)
        for (kind, lab), n in sorted(k.items()):
            print(f"  kind {kind:16} {lab:10} {n}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(0)
