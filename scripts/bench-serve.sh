#!/usr/bin/env bash
# Latency of `newslens serve` under loopback load: generates (once) a
# database of N articles with the gen_bench_db example, starts the server,
# runs wrk (or oha) against each API endpoint and prints a Markdown table of
# requests/s and latency percentiles (figures in docs/server.md).
#
#   scripts/bench-serve.sh                 # N=100000, 10 s per endpoint
#   N=10000 DURATION=5s scripts/bench-serve.sh
#   TOOL=oha scripts/bench-serve.sh        # percentiles of the measured requests
#   TOOL=oha RATE=500 scripts/bench-serve.sh   # open loop: 500 requests/s
#
# wrk reports percentiles after its coordinated-omission correction: each
# request slower than the mean interval between requests of a connection
# is counted again for every interval it spanned, so at thousands of
# requests/s one 80 ms request weighs as ~400 samples and a handful of
# slow first requests (answer-cache misses) make its p99. oha (TOOL=oha,
# installed with `cargo install oha --locked --root DIR`, found on PATH or
# as OHA=PATH) reports the percentiles of the requests as measured; with
# RATE it sends at that fixed rate and corrects for the requests a slow
# one delayed (--latency-correction), the open-loop measure.
#
# Before each endpoint it waits until the server is idle again.
# Settings (environment): N articles, SEED, DURATION per endpoint, CONNS
# open connections, THREADS wrk threads, CONNECTIONS server connections
# (default: the server's own), CACHE_MB the server's answer cache (default:
# the server's own, 64; 0 turns it off), DB path (reused when it exists),
# WARM=0 not to read the database file into the page cache first, SIGNALS=1
# to add the talking-points and quote-travel endpoints (the derived file is
# built first).
# Needs wrk (apt-get install -y wrk), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-100000}"
SEED="${SEED:-1}"
DURATION="${DURATION:-10s}"
CONNS="${CONNS:-8}"
THREADS="${THREADS:-1}"
TARGET="${CARGO_TARGET_DIR:-target}"
DB="${DB:-$TARGET/bench-serve/bench-$N-$SEED.db}"
PORT="${PORT:-18181}"

TOOL="${TOOL:-wrk}"
OHA="${OHA:-$(command -v oha || echo "$TARGET/tools/bin/oha")}"
case "$TOOL" in
    wrk) command -v wrk >/dev/null || { echo "bench-serve: needs wrk (apt-get install -y wrk)" >&2; exit 2; } ;;
    oha) [ -x "$OHA" ] || { echo "bench-serve: needs oha (cargo install oha --locked --root $TARGET/tools), or OHA=PATH" >&2; exit 2; } ;;
    *) echo "bench-serve: TOOL is wrk or oha, got $TOOL" >&2; exit 2 ;;
esac

# NEWSLENS_BIN and GEN_BIN name prebuilt binaries (then nothing is built).
if [ -z "${NEWSLENS_BIN:-}" ] || [ -z "${GEN_BIN:-}" ]; then
    cargo build --release -q -p newslens-cli --bin newslens
    cargo build --release -q -p newslens-server --example gen_bench_db
fi
BIN="${NEWSLENS_BIN:-$TARGET/release/newslens}"
GEN="${GEN_BIN:-$TARGET/release/examples/gen_bench_db}"

mkdir -p "$(dirname "$DB")"
if [ ! -f "$DB" ]; then
    echo "== generating $N articles into $DB" >&2
    "$GEN" "$DB.tmp" "$N" "$SEED"
    mv "$DB.tmp" "$DB"
    for ext in -wal -shm; do [ -f "$DB.tmp$ext" ] && mv "$DB.tmp$ext" "$DB$ext"; done
fi
echo "== database: $DB ($(du -h "$DB" | cut -f1))" >&2
# Reads the file once so the run starts with it in the OS page cache (a
# cold cache makes the first minutes measure the disk; WARM=0 skips it).
if [ "${WARM:-1}" != 0 ]; then
    cat "$DB" > /dev/null
fi

# SIGNALS=1: also the signals endpoints (talking points, quote travel). The
# server only reads a current derived file beside the database, so it is
# built first by the CLI (timed; minutes on a large database).
if [ "${SIGNALS:-0}" = 1 ]; then
    echo "== signals: newslens talking-points --db $DB (builds DB.signals.json when stale)" >&2
    /usr/bin/time -f "== signals: %e s wall, %M KB peak" "$BIN" talking-points --db "$DB" --limit 1 >/dev/null
fi

ARGS=(serve --db "$DB" --addr "127.0.0.1:$PORT")
[ -n "${CONNECTIONS:-}" ] && ARGS+=(--connections "$CONNECTIONS")
[ -n "${CACHE_MB:-}" ] && ARGS+=(--cache-mb "$CACHE_MB")
"$BIN" "${ARGS[@]}" 2> "$(dirname "$DB")/serve.log" &
SERVER=$!
WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -sf "$BASE/api/openapi.json" >/dev/null && break; sleep 0.2; done

# Lua scripts that vary the request: random article ids, the most quoted
# speakers' entity ids, speaker names and search words.
python3 - "$BASE" "$N" "$WORK" <<'PY'
import json, sys, urllib.request, urllib.parse
base, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
people = json.load(urllib.request.urlopen(base + "/api/entities?type=person&limit=20"))["items"]
def lua(name, paths):
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
        f.write("local i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
    # The same requests for oha (--urls-from-file: one URL per line).
    with open(f"{work}/{name}.urls", "w") as f:
        f.write("".join(base + p + "\n" for p in paths))
import random
r = random.Random(7)
lua("article", [f"/api/articles/gen-{r.randrange(n)}" for _ in range(2000)])
lua("entity", ["/api/entities/" + urllib.parse.quote(p["id"], safe="") for p in people])
lua("quotes_speaker", ["/api/quotes?speaker=" + urllib.parse.quote(p["name"]) for p in people])
words = ["sanctions", "grain", "ceasefire", "refugee", "pipeline", "inflation", "corridor", "democracy", "harvest", "embassy"]
lua("search", ["/api/search?q=" + w for w in words])
lua("articles_q", ["/api/articles?q=" + w for w in words])
lua("quotes_q", ["/api/quotes?q=" + w for w in words])
lua("articles_page", [f"/api/articles?offset={r.randrange(0, 5000)}" for _ in range(200)])
lua("talking_page", [f"/api/talking-points?offset={r.randrange(0, 1000)}&limit=20" for _ in range(200)])
lua("travel", [f"/api/quotes/gen-{r.randrange(n)}%23{r.randrange(2)}/travel" for _ in range(2000)])
PY

# Waits (at most 120 s) until a request that needs a database connection is
# answered within 50 ms: queries left running by the previous endpoint's
# load (the server cannot cancel them) must not count against the next one.
idle() {
    local t
    for _ in $(seq 240); do
        t="$(curl -s -o /dev/null -w '%{time_total}' "$BASE/api/articles/idle-check-$RANDOM")"
        python3 -c "import sys; sys.exit(0 if float('$t') < 0.05 else 1)" && return 0
        sleep 0.5
    done
    echo "bench-serve: server still busy after 120 s" >&2
}

run() { # name, then a URL path or @script
    local name="$1" what="$2" out
    idle
    if [ "$TOOL" = oha ]; then
        local urls="$WORK/$name.one"
        if [[ "$what" == @* ]]; then urls="$WORK/${what#@}.urls"; else echo "$BASE$what" > "$urls"; fi
        local rate=()
        [ -n "${RATE:-}" ] && rate=(-q "$RATE" --latency-correction)
        "$OHA" -z "$DURATION" -c "$CONNS" "${rate[@]}" --worker-threads "$THREADS" --no-tui \
            --output-format json --urls-from-file "$urls" > "$WORK/$name.json"
        python3 - "$name" "$what" "$WORK/$name.json" <<'PY'
import json, sys
name, what, path = sys.argv[1], sys.argv[2], sys.argv[3]
d = json.load(open(path))
p, s = d["latencyPercentiles"], d["summary"]
codes = d.get("statusCodeDistribution") or {}
n = sum(codes.values())
bad = sum(v for k, v in codes.items() if not k.startswith("2"))
errs = {k: v for k, v in (d.get("errorDistribution") or {}).items() if k != "aborted due to deadline"}
note = (f"{bad} non-2xx " if bad else "") + (f"errors: {errs}" if errs else "")
ms = lambda x: (x or 0) * 1000
print(f"| {name} | `{what}` | {s['requestsPerSec']:.0f} | {ms(p['p50']):.2f} | {ms(p['p90']):.2f} | {ms(p['p99']):.2f} | {n} | {note} |")
PY
        return
    fi
    if [[ "$what" == @* ]]; then
        out="$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 60s --latency -s "$WORK/${what#@}.lua" "$BASE")"
    else
        out="$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 60s --latency "$BASE$what")"
    fi
    echo "$out" > "$WORK/$name.txt"
    python3 - "$name" "$what" "$WORK/$name.txt" <<'PY'
import re, sys
name, what, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x * 1000 if m.group(2) == "s" else x
pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
reqs = re.search(r"(\d+) requests in", text).group(1)
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
err = re.search(r"Socket errors: (.*)", text)
note = (f"{bad.group(1)} non-2xx " if bad else "") + (f"socket errors: {err.group(1)}" if err else "")
print(f"| {name} | `{what}` | {float(rps):.0f} | {ms(pct['50']):.2f} | {ms(pct['90']):.2f} | {ms(pct['99']):.2f} | {reqs} | {note} |")
PY
}

if [ "$TOOL" = oha ]; then
    echo -n "oha -z $DURATION -c $CONNS ${RATE:+-q $RATE --latency-correction }--worker-threads $THREADS, server cache"
else
    echo -n "wrk -t$THREADS -c$CONNS -d$DURATION --timeout 60s --latency, server cache"
fi
echo " ${CACHE_MB:-64} MB, database of $N articles, $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| endpoint | request | req/s | p50 ms | p90 ms | p99 ms | requests | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
run "articles" "/api/articles"
run "articles page" "@articles_page"
run "articles ?q=" "@articles_q"
run "article by id" "@article"
run "quotes" "/api/quotes"
run "quotes ?speaker=" "@quotes_speaker"
run "quotes ?q=" "@quotes_q"
run "quotes ?since&until&outlet" "/api/quotes?since=2023-01-01&until=2023-03-31&outlet=Global%20Wire"
run "entities" "/api/entities"
run "entity by id" "@entity"
run "narratives by outlet" "/api/narratives?by=outlet"
run "narratives by month" "/api/narratives?by=month"
run "search" "@search"
run "UI page" "/"
if [ "${SIGNALS:-0}" = 1 ]; then
    run "talking points" "/api/talking-points"
    run "talking points page" "@talking_page"
    run "quote travel" "@travel"
fi
