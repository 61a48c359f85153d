#!/usr/bin/env bash
# Scores quote attribution on a PolNeAR split: scripts/eval-quotes.sh [train|dev|test]
# Uses the release CLI (`newslens annotate DIR`) when the quotes stage is wired
# in and it builds, otherwise the crate's example binary, which runs the same
# stages. NEWSLENS_CONFIG=FILE passes a settings file to the CLI (e.g. one with
# `[quotes] join_split = true`); the example reads QUOTES_JOIN_SPLIT=1.
set -euo pipefail
split="${1:-dev}"
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${POLNEAR_DIR:-$root/../shared/data/quotes-polnear/data}"
[ -d "$data/$split" ] || data=/work/shared/data/quotes-polnear/data
[ -d "$data/$split/text" ] || { echo "no PolNeAR split at $data/$split" >&2; exit 2; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target-quotes}"
out="$CARGO_TARGET_DIR/eval-quotes-$split.jsonl"
# Each run writes and scores its own file (two runs sharing the build
# directory once overwrote each other's predictions between writing and
# scoring); the last one scored is left at $out.
mkdir -p "$CARGO_TARGET_DIR"
run_out="$(mktemp "$CARGO_TARGET_DIR/eval-quotes-$split.XXXXXX")"
cd "$root"
cli="$CARGO_TARGET_DIR/release/newslens"
use_cli=0
if grep -q newslens-quotes crates/cli/Cargo.toml 2>/dev/null; then
  if cargo build --release -q -p newslens-cli; then
    use_cli=1
  else
    echo "warning: the CLI does not build; using the example binary" >&2
  fi
fi
start=$(date +%s.%N)
if [ "$use_cli" = 1 ]; then
  "$cli" ${NEWSLENS_CONFIG:+--config "$NEWSLENS_CONFIG"} annotate "$data/$split/text" > "$run_out"
else
  cargo build --release -q -p newslens-quotes --example polnear
  "$CARGO_TARGET_DIR/release/examples/polnear" "$data/$split/text" > "$run_out"
fi
end=$(date +%s.%N)
echo "predictions: $out ($( [ "$use_cli" = 1 ] && echo cli || echo example), $(echo "$end - $start" | bc) s)"
python3 "$root/../shared/tools/score_quotes.py" --pred "$run_out" --gold-dir "$data/$split" 2>/dev/null \
  || python3 /work/shared/tools/score_quotes.py --pred "$run_out" --gold-dir "$data/$split"
mv "$run_out" "$out"
