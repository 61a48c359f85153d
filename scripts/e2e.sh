#!/usr/bin/env bash
# Browser test of `newslens serve`: builds a database with `newslens analyze`
# from the bundled examples/articles, adds the server's fixture articles (one of them titled
# <script>alert(1)</script>), then runs e2e/e2e.mjs in Debian's headless
# chromium through playwright-core. Screenshots: target/e2e-screenshots/.
#
# Skips (exit 0, with a message) when /usr/bin/chromium or e2e/node_modules
# is missing, unless NEWSLENS_E2E_REQUIRED=1 (as in .ci/run), then fails.
# Needs: apt-get install -y chromium; (cd e2e && npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
skip() {
    if [ "${NEWSLENS_E2E_REQUIRED:-0}" = 1 ]; then
        echo "e2e: FAILED: $1" >&2
        exit 1
    fi
    echo "e2e: SKIPPED: $1" >&2
    exit 0
}
[ -x "$CHROMIUM" ] || skip "no chromium at $CHROMIUM (apt-get install -y chromium)"
command -v node >/dev/null || skip "no node"
[ -d e2e/node_modules/playwright-core ] || skip "no e2e/node_modules (cd e2e && npm ci)"

TARGET="${CARGO_TARGET_DIR:-target}"
echo "== e2e: building newslens and the load_jsonl example (release)"
cargo build --release --locked -q -p newslens-cli --bin newslens
cargo build --release --locked -q -p newslens-server --example load_jsonl
BIN="$TARGET/release/newslens"
LOAD="$TARGET/release/examples/load_jsonl"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/e2e.db"
echo "== e2e: database: newslens analyze examples/articles, plus crates/server/tests/fixtures"
"$BIN" analyze --quiet --db "$DB" examples/articles
# Already annotated contract objects (narratives, roles, a <script> title).
"$LOAD" "$DB" crates/server/tests/fixtures/articles.jsonl

SHOTS="$TARGET/e2e-screenshots"
echo "== e2e: chromium $("$CHROMIUM" --version 2>/dev/null || true)"
node e2e/e2e.mjs --bin "$BIN" --db "$DB" --shots "$SHOTS" --chromium "$CHROMIUM"
