#!/usr/bin/env bash
# Fuzz newslens on the STABLE toolchain with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh [SECONDS] [TARGET] [extra libFuzzer args...]
#
# SECONDS defaults to 600; TARGET to ingest_clean_segment (the others are
# html_extract and annotate_text). cargo-fuzz needs nightly -Z flags;
# RUSTC_BOOTSTRAP=1 makes the stable rustc accept them. The seed corpus is
# generated into fuzz/corpus/ (gitignored) from examples/articles/* and small
# synthetic inputs; crashes go to fuzz/artifacts/TARGET/. Environment:
# SANITIZER (default none; "address" also works with RUSTC_BOOTSTRAP=1 but is
# slower), RSS_LIMIT_MB (default 2048).
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
elif [ "$TARGET" = annotate_text ]; then
    # First byte: the declared language, 0 none, 1 en, 2 ru, 3 bg, 4 pt,
    # 5 uk, 6 es; the rest is a .txt article (first line = title). Made-up
    # texts with the quote forms and cues the quotes stage reads.
    for f in examples/articles/*.txt; do seed_file "$(basename "$f")" 0 "$f"; done
    seed_str en-curly 1 'Council votes on budget\n\nLONDON, March 3 - \xe2\x80\x9cWe will not raise taxes,\xe2\x80\x9d the mayor said on Tuesday. \xe2\x80\x9cBut the parks need money.\xe2\x80\x9d\n\nAccording to the treasurer, the deficit doubled last year. Jane Smith, a councillor, told reporters that the vote was rushed.'
    seed_str en-split 0 'Talks\n\n"It is over," she said, "and we lost." He added: "Not yet."\n\nThe minister said talks would resume next week,'
    seed_str bg-lowhigh 3 'Заседание\n\nСОФИЯ, 5 май - \xe2\x80\x9eНяма да има нови данъци\xe2\x80\x9c, заяви министърът на финансите. Според него бюджетът е стабилен.\n\n\xe2\x80\x94 Ще видим, каза кметът.\n\nКакто съобщава агенцията, срещата е отложена за 12 юни.'
    seed_str ru-guillemets 2 'Переговоры\n\nМОСКВА, 3 марта - \xc2\xabМы готовы к диалогу\xc2\xbb, - заявил министр вчера. По словам источника, встреча прошла спокойно.\n\n\xe2\x80\x94 Это неправда, \xe2\x80\x94 ответил он.\n\nВ докладе отмечается, что цены выросли на 5%.'
    seed_str pt-segundo 4 'Eleições\n\nLISBOA, 2 de abril - \xe2\x80\x9cNão vamos desistir\xe2\x80\x9d, disse o primeiro-ministro nesta segunda-feira. Segundo o jornal, a votação será em maio.\n\nComo disse Maria Silva, a campanha começou cedo.'
    seed_str uk-dash 5 'Новини\n\nКИЇВ - \xc2\xabМи не здамося\xc2\xbb, \xe2\x80\x94 сказав президент. За словами міністра, допомога прийде.'
    seed_str es-segun 6 'Acuerdo\n\nMADRID, 4 de junio - \xc2\xabEs un buen día\xc2\xbb, ha dicho la ministra. Según el portavoz, el acuerdo se firmará mañana.'
    seed_str ends-comma 1 'T\n\nThe president said,'
    seed_str ends-spored 3 'T\n\nСпоред'
    seed_str unclosed 2 'T\n\n\xc2\xabНезакрытая цитата, сказал он.\n\n\xe2\x80\x9eИ тук\xe2\x80\x9d \xe2\x80\x9c'
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
