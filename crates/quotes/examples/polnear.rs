//! Runs a directory of PolNeAR texts through the same stages as the CLI
//! (clean without boilerplate removal, language ID, segmentation, quotes)
//! and prints contract JSON Lines with `id` and `quotes`.
//!
//! Usage: cargo run --release -p newslens-quotes --example polnear -- DIR/text > pred.jsonl

use newslens_clean::{CleanConfig, Cleaner};
use newslens_core::{Document, PipelineBuilder};
use newslens_langid::{LangIdConfig, LanguageDetector};
use newslens_quotes::{QuoteConfig, QuoteExtractor};
use newslens_segment::{SegmentConfig, Segmenter};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: polnear DIR (a directory of .txt files)")?;
    let pipeline = PipelineBuilder::new()
        .stage(Cleaner::new(CleanConfig {
            boilerplate: false,
            metadata: false,
            ..Default::default()
        }))?
        .stage(LanguageDetector::new(&LangIdConfig::default())?)?
        .stage(Segmenter::new(SegmentConfig::default()))?
        .stage(QuoteExtractor::new(QuoteConfig {
            join_split: std::env::var("QUOTES_JOIN_SPLIT").map_or(true, |v| v != "0"),
            min_uncued_words: std::env::var("QUOTES_MIN_UNCUED")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            ..QuoteConfig::default()
        }))?
        .build();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in paths {
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let raw = std::fs::read_to_string(&path)?;
        let mut doc = Document::new(id, raw);
        pipeline.run(&mut doc)?;
        let offsets = doc.char_offsets();
        let quotes: Vec<_> = doc
            .quotes
            .iter()
            .map(|q| {
                serde_json::json!({
                    "text": doc.slice(q.span),
                    "start": offsets.to_char(q.span.start()),
                    "end": offsets.to_char(q.span.end()),
                    "kind": q.kind.name(),
                    "cue": q.cue.map(|c| doc.slice(c)),
                    "speaker": q.speaker.as_ref().map(|s| serde_json::json!({
                        "text": doc.slice(s.span),
                        "start": offsets.to_char(s.span.start()),
                        "end": offsets.to_char(s.span.end()),
                        "name": s.name,
                        "entity": null,
                    })),
                })
            })
            .collect();
        let line = serde_json::json!({"id": doc.id, "text": doc.text, "quotes": quotes});
        writeln!(out, "{line}")?;
    }
    Ok(())
}
