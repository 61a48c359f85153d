#!/usr/bin/env python3
"""Time Python trafilatura.extract on the article-extraction benchmark.

Same methodology as crates/html/examples/extract_benchmark.rs: all pages are
read and decompressed before the clock starts; one thread; several passes;
the median pages/s is printed on stdout (details on stderr) and the
predictions of the first pass are written as {id: text}.

Usage: bench_html_trafilatura.py BENCH_DIR OUT.json [PASSES]
"""
import gzip
import json
import os
import statistics
import sys
import time

import trafilatura


def main():
    bench, out = sys.argv[1], sys.argv[2]
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    html_dir = os.path.join(bench, "html")
    pages = []
    for name in sorted(os.listdir(html_dir)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(html_dir, name), "rb") as f:
                raw = f.read()
            pages.append((name[: -len(".html.gz")], raw.decode("utf-8", errors="replace")))
    preds = {}
    rates = []
    for p in range(max(1, passes)):
        start = time.perf_counter()
        for pid, html in pages:
            text = trafilatura.extract(html) or ""
            if p == 0:
                preds[pid] = text
        rates.append(len(pages) / (time.perf_counter() - start))
    with open(out, "w") as f:
        json.dump(preds, f)
    med = statistics.median(rates)
    print(
        f"pages={len(pages)} passes={len(rates)} trafilatura={trafilatura.__version__} "
        f"pages_per_s_median={med:.1f} pages_per_s_best={max(rates):.1f}",
        file=sys.stderr,
    )
    print(f"{med:.3f}")


if __name__ == "__main__":
    main()
