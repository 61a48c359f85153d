//! Prints every temporal expression the `dates` stage finds in the text files
//! of a directory, with a little context, for checking by hand.
//!
//! ```text
//! cargo run --release -p newslens-dates --example hand_check -- DIR [N] [PUBLISHED]
//! ```
//!
//! Reads the first N files in name order (default 30) as English, with
//! `doc.published` = PUBLISHED when given (default: none, so only
//! expressions carrying their own year are resolved). Sentences come from
//! the `segment` stage, as in `newslens annotate`.

use newslens_core::{Document, Stage};
use newslens_dates::{DateConfig, DateResolver};
use newslens_segment::Segmenter;

/// Paragraphs and sentences as the pipeline makes them (the `segment`
/// stage), so the dates stage sees what it sees in `newslens annotate`.
fn segment(doc: &mut Document) {
    if let Err(e) = Segmenter::default().process(doc) {
        eprintln!("{}: {e}", doc.id);
    }
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
        doc.text = text;
        doc.lang = Some("en".into());
        segment(&mut doc);
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
