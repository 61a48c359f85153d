#!/usr/bin/env bash
# Fuzz newslens on the STABLE toolchain with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh [SECONDS] [TARGET] [extra libFuzzer args...]
#
# SECONDS defaults to 600; TARGET to ingest_clean_segment (the other target is
# html_extract). cargo-fuzz needs nightly -Z flags; RUSTC_BOOTSTRAP=1 makes the
# stable rustc accept them. The seed corpus is generated into fuzz/corpus/
# (gitignored) from examples/articles/* and small synthetic inputs; crashes go
# to fuzz/artifacts/TARGET/. Environment: SANITIZER (default none; "address"
# also works with RUSTC_BOOTSTRAP=1 but is slower), RSS_LIMIT_MB (default 2048).
set -euo pipefail

DURATION="${1:-600}"
TARGET="${2:-ingest_clean_segment}"
shift $(( $# > 2 ? 2 : $# ))
SANITIZER="${SANITIZER:-none}"
RSS_LIMIT_MB="${RSS_LIMIT_MB:-2048}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

CORPUS="fuzz/corpus/$TARGET"
mkdir -p "$CORPUS"

# seed NAME SELECTOR-BYTE-OR-EMPTY FILE-OR-STRING
seed_file() { # name, selector (decimal, or "" for none), source file
    { [ -n "$2" ] && printf "\\$(printf '%03o' "$2")"; cat "$3"; } > "$CORPUS/seed-$1"
}
seed_str() { # name, selector, literal content (printf %b escapes)
    { [ -n "$2" ] && printf "\\$(printf '%03o' "$2")"; printf '%b' "$3"; } > "$CORPUS/seed-$1"
}

if [ "$TARGET" = ingest_clean_segment ]; then
    # First byte selects the presentation: 0 .txt, 1 .html, 2 .jsonl,
    # 3 .html.gz (gzipped by the harness), 4 .txt.gz raw, 5 no extension.
    for f in examples/articles/*; do
        b="$(basename "$f")"
        case "$f" in
            *.txt)   seed_file "$b" 0 "$f"; seed_file "$b.noext" 5 "$f" ;;
            *.html)  seed_file "$b" 1 "$f"; seed_file "$b.gz" 3 "$f"; seed_file "$b.noext" 5 "$f" ;;
            *.jsonl) seed_file "$b" 2 "$f" ;;
        esac
    done
    seed_str empty-txt 0 ''
    seed_str title-only 0 'Title\n'
    seed_str crlf 0 'T\r\n\r\nA. B! C?\r\n\r\nD.'
    seed_str dateline 0 'Headline\n\nPARIS, Jan 5 (AFP) - Mr. Smith said so. U.S. officials agreed.\n\nBy Jane Doe\n\nPhoto: Reuters'
    seed_str cyrillic 0 'Заголовок\n\nМОСКВА, 3 марта - Тест. Ещё раз… Да?\n\nРеклама'
    seed_str homoglyph 0 'T\n\nPаris is nice. Тhe end.\n\n\xc2\xa0\xe2\x80\x8b\n'
    seed_str latin1 0 'T\n\nCaf\xe9 na\xefve r\xe9sum\xe9. Stra\xdfe.'
    seed_str utf16 0 '\xff\xfeT\x00\n\x00\n\x00H\x00i\x00.\x00'
    seed_str bom 0 '\xef\xbb\xbfT\n\nOne. Two.'
    seed_str html-min 1 '<html lang="de"><head><title>T</title></head><body><article><p>Eins. Zwei.</p><p>Drei!</p></article></body></html>'
    seed_str html-meta 1 '<!doctype html><meta property="og:title" content="X"><script type="application/ld+json">{"datePublished":"2024-01-02","author":{"name":"A"}}</script><time datetime="2024-01-02">x</time><p>Body text here. More.</p>'
    seed_str html-deep 1 "$(printf '<div>%.0s' $(seq 1 300))x"
    seed_str jsonl-two 2 '{"id":"a","title":"T","text":"One. Two.\\n\\nThree."}\n{"id":"b","html":"<p>Hi. There.</p>","lang":"en"}\n'
    seed_str jsonl-bad 2 '{"id":1}\nnot json\n{}\n\n'
    seed_str gz-garbage 4 '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03abc'
    seed_str noext-html 5 '<html><body><p>Sniffed. Yes.</p></body></html>'
    seed_str noext-jsonl 5 '{"title":"T","text":"x. y."}\n'
else
    for f in examples/articles/*.html; do seed_file "$(basename "$f")" "" "$f"; done
    seed_str min "" '<html><head><title>T</title></head><body><article><p>One. Two.</p></article></body></html>'
    seed_str deep "" "$(printf '<div>%.0s' $(seq 1 300))x"
    seed_str meta "" '<meta name="author" content="A"><script type="application/ld+json">[{"@type":"NewsArticle","headline":"H"}]</script><p>x</p>'
fi

export RUSTC_BOOTSTRAP=1
exec cargo fuzz run --sanitizer "$SANITIZER" "$TARGET" "$CORPUS" -- \
    -max_total_time="$DURATION" -rss_limit_mb="$RSS_LIMIT_MB" -timeout=30 \
    -print_final_stats=1 "$@"
