//! Arbitrary bytes through the front of the pipeline exactly as the CLI
//! (`crates/cli/src/annotator.rs`) drives it: a file on disk →
//! `ArticleReader::read` → `ArticleReader::parse` → clean → langid → segment.
//!
//! The first input byte picks how the rest is presented to ingest:
//!   0 `.txt`, 1 `.html`, 2 `.jsonl`, 3 `.html.gz` (the rest gzip-compressed
//!   here, so the HTML path behind gunzip is reached), 4 `.txt.gz` with the
//!   rest written raw (gunzip of arbitrary bytes), 5 no extension (sniffing).
//!
//! Checked after every successful run: each paragraph and sentence span has
//! start <= end <= text.len() and both ends on char boundaries; paragraphs
//! are ordered and disjoint; sentences are ordered, disjoint, and inside the
//! paragraph they name. Any panic (also one later caught by a
//! `catch_unwind` in the library) aborts, as libFuzzer's panic hook does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens_clean::{CleanConfig, Cleaner};
use newslens_core::{Document, Pipeline, PipelineBuilder, Span};
use newslens_ingest::{ArticleReader, IngestConfig};
use newslens_langid::{LangIdConfig, LanguageDetector};
use newslens_segment::{SegmentConfig, Segmenter};
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Harness {
    reader: ArticleReader,
    pipeline: Pipeline,
    dir: PathBuf,
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| {
        let pipeline = PipelineBuilder::new()
            .stage(Cleaner::new(CleanConfig::default()))
            .expect("clean stage")
            .stage(LanguageDetector::new(&LangIdConfig::default()).expect("langid"))
            .expect("langid stage")
            .stage(Segmenter::new(SegmentConfig::default()))
            .expect("segment stage")
            .build();
        // One scratch directory per fuzzing process (fork/jobs safe); no glob
        // metacharacters in the path, since ingest expands globs.
        let dir = std::env::temp_dir().join(format!("newslens-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Harness {
            reader: ArticleReader::new(IngestConfig::default(), None),
            pipeline,
            dir,
        }
    })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip to memory");
    enc.finish().expect("gzip to memory")
}

fn check_span(doc: &Document, span: Span, what: &str, i: usize) {
    let (s, e) = (span.start(), span.end());
    assert!(s <= e, "{what} {i}: start {s} > end {e}");
    assert!(e <= doc.text.len(), "{what} {i}: end {e} > text.len() {}", doc.text.len());
    assert!(doc.text.is_char_boundary(s), "{what} {i}: start {s} not on a char boundary");
    assert!(doc.text.is_char_boundary(e), "{what} {i}: end {e} not on a char boundary");
}

fn check(doc: &Document) {
    let mut prev_end = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        check_span(doc, p.span, "paragraph", i);
        assert!(p.span.start() >= prev_end, "paragraph {i} overlaps/precedes the previous one");
        prev_end = p.span.end();
    }
    let mut prev_end = 0;
    let mut prev_par = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        check_span(doc, s.span, "sentence", i);
        assert!(s.span.start() >= prev_end, "sentence {i} overlaps/precedes the previous one");
        assert!(s.paragraph >= prev_par, "sentence {i}: paragraph index goes backwards");
        let par = doc
            .paragraphs
            .get(s.paragraph)
            .unwrap_or_else(|| panic!("sentence {i}: paragraph {} does not exist", s.paragraph));
        assert!(par.span.contains(&s.span), "sentence {i} {:?} not inside paragraph {:?}", s.span, par.span);
        prev_end = s.span.end();
        prev_par = s.paragraph;
    }
    // What the output step does with the spans: byte → char offsets.
    let offsets = doc.char_offsets();
    for p in &doc.paragraphs {
        offsets.to_char(p.span.start());
        offsets.to_char(p.span.end());
    }
    for s in &doc.sentences {
        offsets.to_char(s.span.start());
        offsets.to_char(s.span.end());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let h = harness();
    let (name, bytes) = match selector % 6 {
        0 => ("in.txt", rest.to_vec()),
        1 => ("in.html", rest.to_vec()),
        2 => ("in.jsonl", rest.to_vec()),
        3 => ("in.html.gz", gzip(rest)),
        4 => ("in.txt.gz", rest.to_vec()),
        _ => ("input", rest.to_vec()),
    };
    let path = h.dir.join(name);
    std::fs::write(&path, &bytes).expect("write scratch input");
    let path = path.to_str().expect("utf-8 temp path").to_string();

    for pending in h.reader.read(&[path.as_str()]) {
        let Ok(mut doc) = h.reader.parse(pending) else {
            continue;
        };
        if h.pipeline.run(&mut doc).is_ok() {
            check(&doc);
        }
    }
});
