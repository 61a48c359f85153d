#!/usr/bin/env python3
"""Stories of a derived signals file against the events of a generated corpus.

Usage: scripts/story-eval.py DB.signals.json N

`gen_bench_db DB N 1 news` makes article `news-K` part of event K // 20
(20 consecutive articles per event). Prints: stories, the largest story's
size, and pair precision and recall (pairs of articles in one story against
pairs of articles in one event).
"""
import json
import sys
from collections import Counter


def pairs(n):
    return n * (n - 1) // 2


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    stories = json.load(open(sys.argv[1], encoding="utf-8"))["stories"]
    n = int(sys.argv[2])
    event = lambda a: int(a.split("-")[1]) // 20
    predicted = sum(pairs(len(s["articles"])) for s in stories)
    right = sum(pairs(v) for s in stories for v in Counter(map(event, s["articles"])).values())
    gold = sum(pairs(v) for v in Counter(k // 20 for k in range(n)).values())
    largest = max((len(s["articles"]) for s in stories), default=0)
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    print(f"stories={len(stories)} largest={largest} pair_precision={p:.3f} pair_recall={r:.3f}")


if __name__ == "__main__":
    main()
