#!/usr/bin/env bash
# Side-by-side benchmark of newslens-html against Python trafilatura 2.0.0 on
# the shared article-extraction benchmark (181 pages), one thread each, same
# methodology (pages decompressed before timing, several passes, median).
#
# Usage: scripts/bench-html.sh [BENCH_DIR] [PASSES]   (env ROUNDS, default 3)
# Env:   STRATEGIES="auto fast fast-nofilter trafilatura trafilatura-fallback" to also
#        time the components ("-nofilter" = without the boilerplate line filter).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${1:-$ROOT/../shared/data/article-extraction-benchmark}"
PASSES="${2:-3}"
ROUNDS="${ROUNDS:-3}"
SCORER="${SCORER:-$ROOT/../shared/tools/score_extraction.py}"
STRATEGIES="${STRATEGIES:-auto}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target-html}"
OUT="$CARGO_TARGET_DIR/bench-html"

if [ ! -f "$BENCH/ground-truth.json" ] || [ ! -d "$BENCH/html" ]; then
    echo "SKIP: benchmark data not found at $BENCH (expected ../shared/data/article-extraction-benchmark)"
    exit 0
fi
if [ ! -f "$SCORER" ]; then
    echo "SKIP: scorer not found at $SCORER"
    exit 0
fi
mkdir -p "$OUT"

VENV="$CARGO_TARGET_DIR/pyvenv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import trafilatura, sys; sys.exit(trafilatura.__version__ != "2.0.0")' 2>/dev/null; then
    # lxml >= 5.2 moved lxml.html.clean (needed by jusText) to lxml_html_clean.
    "$VENV/bin/pip" install -q trafilatura==2.0.0 lxml_html_clean
fi

cargo build -q --release -p newslens-html --example extract_benchmark
BIN="$CARGO_TARGET_DIR/release/examples/extract_benchmark"

score() { # name pred.json -> "F1 P R"
    python3 "$SCORER" "$2" --gt "$BENCH/ground-truth.json" --name "$1" --n-bootstrap 200 |
        awk -v n="$1" '$1==n {print $2, $5, $8}'
}

median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.1f}")' "$@"; }

# Interleave Python and Rust runs (ROUNDS rounds of PASSES passes each) so
# that a change in machine load during the run affects both sides alike.
declare -A RATES
PY_RATES=()
for round in $(seq "$ROUNDS"); do
    echo "round $round/$ROUNDS: Python trafilatura 2.0.0 ($PASSES passes, one thread)..." >&2
    PY_RATES+=("$("$VENV/bin/python" "$ROOT/scripts/bench_html_trafilatura.py" "$BENCH" "$OUT/pred-python.json" "$PASSES")")
    for s in $STRATEGIES; do
        echo "round $round/$ROUNDS: newslens-html $s ($PASSES passes, one thread)..." >&2
        ARGS=(--strategy "${s%-nofilter}")
        [ "$s" != "${s%-nofilter}" ] && ARGS+=(--no-post-filter)
        RATES[$s]+="$("$BIN" "$BENCH" "${ARGS[@]}" --passes "$PASSES" --out "$OUT/pred-$s.json" 2>/dev/null) "
    done
done

PY_RATE=$(median "${PY_RATES[@]}")
read -r PY_F1 PY_P PY_R <<<"$(score python-trafilatura-2.0.0 "$OUT/pred-python.json")"
printf '\n%-36s %6s %9s %6s %8s %9s\n' "extractor (one thread)" "F1" "precision" "recall" "pages/s" "vs Python"
printf '%-36s %6s %9s %6s %8.1f %8.2fx\n' "python trafilatura 2.0.0" "$PY_F1" "$PY_P" "$PY_R" "$PY_RATE" 1
for s in $STRATEGIES; do
    # shellcheck disable=SC2086
    RATE=$(median ${RATES[$s]})
    read -r F1 P R <<<"$(score "newslens-$s" "$OUT/pred-$s.json")"
    RATIO=$(python3 -c "print(f'{$RATE / $PY_RATE:.2f}')")
    printf '%-36s %6s %9s %6s %8.1f %8sx\n' "newslens-html ($s)" "$F1" "$P" "$R" "$RATE" "$RATIO"
done
echo "(pages/s = median over $ROUNDS interleaved rounds of the per-round median of $PASSES passes; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
