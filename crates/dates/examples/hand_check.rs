//! Prints every temporal expression the `dates` stage finds in the text files
//! of a directory, with a little context, for checking by hand.
//!
//! ```text
//! cargo run --release -p newslens-dates --example hand_check -- DIR [N] [PUBLISHED]
//! ```
//!
//! Reads the first N files in name order (default 30) as English, with
//! `doc.published` = PUBLISHED when given (default: none, so only
//! expressions carrying their own year are resolved). Sentences are split
//! crudely (. ! ? before whitespace unless a digit or a lowercase letter
//! follows, newlines).

use newslens_core::{Document, Sentence, Span, Stage};
use newslens_dates::{DateConfig, DateResolver};

fn crude_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<Sentence>| {
        let slice = &text[s..e];
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if !trimmed.is_empty() {
            let a = s + lead;
            if let Ok(span) = Span::new(a, a + trimmed.len()) {
                out.push(Sentence { span, paragraph: 0 });
            }
        }
    };
    for i in 0..bytes.len() {
        // Not before a digit or a lowercase letter ("Nov. 6", "p.m. on").
        let next = bytes.get(i + 2).copied().unwrap_or(b'A');
        let end_mark = matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace())
            && !next.is_ascii_digit()
            && !next.is_ascii_lowercase();
        if end_mark || bytes[i] == b'\n' {
            push(start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// Up to `n` bytes of `text` before `at` / after `at`, on char boundaries.
fn context(text: &str, from: usize, to: usize) -> &str {
    let mut a = from;
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = to.min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    &text[a..b]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: hand_check DIR [N] [PUBLISHED]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(30);
    let published = args.next();
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(1);
        }
    };
    paths.sort();
    let stage = DateResolver::new(DateConfig::default());
    let mut total = 0;
    for path in paths.iter().take(n) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let mut doc = Document::new(path.display().to_string(), "");
        doc.sentences = crude_sentences(&text);
        doc.text = text;
        doc.lang = Some("en".into());
        doc.published = published.clone();
        if let Err(e) = stage.process(&mut doc) {
            eprintln!("{}: {e}", doc.id);
            continue;
        }
        println!("== {}", doc.id);
        for d in &doc.dates {
            let (s, e) = (d.span.start(), d.span.end());
            let before = context(&doc.text, s.saturating_sub(30), s).replace('\n', " ");
            let after = context(&doc.text, e, e + 20).replace('\n', " ");
            let mark = if d.relative { "~" } else { " " };
            println!(
                "{:>22}{mark} [{}]  ({before}|…|{after})",
                d.value,
                doc.slice(d.span)
            );
            total += 1;
        }
    }
    eprintln!("{total} expressions");
}
