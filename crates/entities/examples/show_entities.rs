//! Prints the entities the stage finds in plain-text articles, one block per
//! file, for reading by hand.
//!
//! ```text
//! cargo run --release -p newslens-entities --example show_entities -- [--persons] [--date YYYY-MM-DD] FILE_OR_DIR...
//! ```
//!
//! The whole file is the body; sentences are split crudely after `. ! ?`.

use newslens_core::{Document, EntityKind, Sentence, Span, Stage};
use newslens_entities::{EntityConfig, EntityLinker};
use std::path::PathBuf;

/// Sentence starts after `. `, `! `, `? ` and line breaks.
fn crude_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_here =
            b == b'\n' || (matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' '));
        if end_here && i + 1 > start {
            if let Ok(span) = Span::new(start, i + 1) {
                out.push(Sentence { span, paragraph: 0 });
            }
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Sentence {
            span: Span::new(start, text.len()).expect("ordered"),
            paragraph: 0,
        });
    }
    out
}

fn main() {
    let mut persons_only = false;
    let mut date = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--persons" => persons_only = true,
            "--date" => date = args.next(),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("readable directory")
                .flatten()
                .map(|e| e.path())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p);
        }
    }
    let linker = EntityLinker::new(&EntityConfig::default()).expect("bundled actor base");
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let mut doc = Document::new(f.display().to_string(), text.clone());
        doc.text = text;
        doc.published = date.clone();
        doc.sentences = crude_sentences(&doc.text);
        linker.process(&mut doc).expect("entities never fail");
        println!("== {}", f.display());
        for (i, e) in doc.entities.iter().enumerate() {
            if persons_only && e.kind != EntityKind::Person {
                continue;
            }
            let mut forms: Vec<&str> = e.mentions.iter().map(|m| doc.slice(*m)).collect();
            forms.dedup();
            println!(
                "E{} {} [{}] {} x{}: {}",
                i + 1,
                e.name,
                e.kind.name(),
                e.actor.as_deref().unwrap_or("-"),
                e.mentions.len(),
                forms.join(" | ")
            );
        }
    }
}
