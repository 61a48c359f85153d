//! Arbitrary bytes through the whole `newslens annotate` pipeline on a
//! plain-text article, built as `crates/cli/src/annotator.rs` builds it
//! with the default settings (`Config::default()`):
//!
//! a `.txt` file on disk → `ArticleReader::read` → `ArticleReader::parse` →
//! front pipeline `clean` → (corpus pass: `LineCounts` of the cleaned text)
//! → rest pipeline `repeated-lines` (min_docs 3) → `langid` → `segment` →
//! `quotes` → `dates` → `entities` → `narratives` (bundled text-only model)
//! → `roles` (bundled model, max 8), then what the output step does with
//! the spans (code-point offsets, slices, `Quote::text`, `Quote::parts`).
//!
//! The first input byte is the language the source declares
//! (`Document::declared_lang`, as a JSON Lines `lang` field or an HTML
//! `lang` attribute would set it; langid lets it win when detection is
//! unsure): 0 none, 1 en, 2 ru, 3 bg, 4 pt, 5 uk, 6 es (byte % 7). The rest
//! is the file's content.
//!
//! Checked after every run that returns `Ok`: every span of every layer
//! (paragraphs, sentences, quotes with their cue, speaker and gaps, dates,
//! entity mentions, narrative and role evidence) has
//! start <= end <= text.len() with both ends on char boundaries; a quote's
//! gaps lie inside its span, in order, not overlapping; quotes and dates
//! come in text order; speaker and role entity indices exist; scores are in
//! 0–1. Any panic aborts — also one the CLI would catch (`annotator.rs`
//! wraps each article in `catch_unwind` and prints an error object):
//! libfuzzer-sys installs a panic hook that aborts before unwinding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens_clean::{CleanConfig, Cleaner, LineCounts, RepeatedLineFilter};
use newslens_core::{Document, Pipeline, PipelineBuilder, Span};
use newslens_dates::{DateConfig, DateResolver};
use newslens_entities::{EntityConfig, EntityLinker};
use newslens_ingest::{ArticleReader, IngestConfig};
use newslens_langid::{LangIdConfig, LanguageDetector};
use newslens_narratives::{NarrativeClassifier, NarrativeConfig, NarrativeModel, RoleClassifier, RoleModel};
use newslens_quotes::{QuoteConfig, QuoteExtractor};
use newslens_segment::{SegmentConfig, Segmenter};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

const HINTS: [Option<&str>; 7] = [None, Some("en"), Some("ru"), Some("bg"), Some("pt"), Some("uk"), Some("es")];

/// The stages, built once (the CLI builds the stages after `clean` once
/// per run; only `repeated-lines` depends on the corpus counts).
struct Harness {
    reader: ArticleReader,
    front: Pipeline,
    min_docs: u32,
    langid: Arc<LanguageDetector>,
    segment: Arc<Segmenter>,
    quotes: Arc<QuoteExtractor>,
    dates: Arc<DateResolver>,
    linker: Arc<EntityLinker>,
    narratives: Arc<NarrativeClassifier>,
    roles: Arc<RoleClassifier>,
    dir: PathBuf,
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| {
        let clean = CleanConfig::default();
        let min_docs = clean.repeated_min_docs;
        assert!(min_docs > 0, "the default runs the corpus pass");
        let front = PipelineBuilder::new()
            .stage(Cleaner::new(clean))
            .expect("clean stage")
            .build();
        let n = NarrativeConfig::default();
        assert!(n.enabled && !n.encoder && n.model.is_none(), "default narratives: bundled, text only");
        assert!(n.roles && n.roles_model.is_none(), "default roles: bundled");
        let model = NarrativeModel::bundled().expect("bundled narratives model");
        assert_eq!(model.dense_dim, 0, "text-only model needs no encoder");
        let roles = RoleModel::bundled().expect("bundled roles model");
        let dir = std::env::temp_dir().join(format!("newslens-fuzz-annotate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Harness {
            reader: ArticleReader::new(IngestConfig::default(), None),
            front,
            min_docs,
            langid: Arc::new(LanguageDetector::new(&LangIdConfig::default()).expect("langid")),
            segment: Arc::new(Segmenter::new(SegmentConfig::default())),
            quotes: Arc::new(QuoteExtractor::new(QuoteConfig::default())),
            dates: Arc::new(DateResolver::new(DateConfig::default())),
            linker: Arc::new(EntityLinker::new(&EntityConfig::default()).expect("entity linker")),
            narratives: Arc::new(NarrativeClassifier::new(Arc::new(model), None)),
            roles: Arc::new(RoleClassifier::new(Arc::new(roles), n.max_roles)),
            dir,
        }
    })
}

impl Harness {
    /// `Annotator::rest` with counts: the stages after `clean`, in order.
    fn rest(&self, counts: Arc<LineCounts>) -> Pipeline {
        PipelineBuilder::after(&self.front)
            .stage(RepeatedLineFilter::new(counts, self.min_docs))
            .and_then(|b| b.stage(self.langid.clone()))
            .and_then(|b| b.stage(self.segment.clone()))
            .and_then(|b| b.stage(self.quotes.clone()))
            .and_then(|b| b.stage(self.dates.clone()))
            .and_then(|b| b.stage(self.linker.clone()))
            .and_then(|b| b.stage(self.narratives.clone()))
            .and_then(|b| b.stage(self.roles.clone()))
            .expect("rest of the pipeline")
            .build()
    }
}

fn check_span(doc: &Document, span: Span, what: &str) {
    let (s, e) = (span.start(), span.end());
    assert!(s <= e, "{what}: start {s} > end {e}");
    assert!(e <= doc.text.len(), "{what}: end {e} > text.len() {}", doc.text.len());
    assert!(doc.text.is_char_boundary(s), "{what}: start {s} not on a char boundary");
    assert!(doc.text.is_char_boundary(e), "{what}: end {e} not on a char boundary");
}

fn check_score(score: f32, what: &str) {
    assert!((0.0..=1.0).contains(&score), "{what}: score {score} not in 0-1");
}

fn check(doc: &Document) {
    let offsets = doc.char_offsets();
    // Checks a span and converts it as the output step does.
    let span = |span: Span, what: &dyn Fn() -> String| {
        check_span(doc, span, &what());
        let (s, e) = offsets.span(span);
        assert!(s <= e, "{}: code points {s} > {e}", what());
        let _ = doc.slice(span);
    };
    for (i, p) in doc.paragraphs.iter().enumerate() {
        span(p.span, &|| format!("paragraph {i}"));
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        span(s.span, &|| format!("sentence {i}"));
        assert!(s.paragraph < doc.paragraphs.len(), "sentence {i}: paragraph {} does not exist", s.paragraph);
    }
    let mut prev: Option<Span> = None;
    for (i, q) in doc.quotes.iter().enumerate() {
        span(q.span, &|| format!("quote {i}"));
        if let Some(cue) = q.cue {
            span(cue, &|| format!("quote {i} cue"));
        }
        if let Some(sp) = &q.speaker {
            span(sp.span, &|| format!("quote {i} speaker"));
            if let Some(e) = sp.entity {
                assert!(e < doc.entities.len(), "quote {i}: speaker entity {e} of {}", doc.entities.len());
            }
        }
        let mut at = q.span.start();
        for (j, g) in q.gaps.iter().enumerate() {
            span(*g, &|| format!("quote {i} gap {j}"));
            assert!(g.start() >= at, "quote {i} gap {j} {g:?}: before the quote or the previous gap (at {at})");
            assert!(g.end() <= q.span.end(), "quote {i} gap {j} {g:?}: past the quote {:?}", q.span);
            at = g.end();
        }
        for (j, p) in q.parts().into_iter().enumerate() {
            span(p, &|| format!("quote {i} part {j}"));
        }
        let _ = q.text(&doc.text);
        if let Some(p) = prev {
            assert!(p <= q.span, "quote {i} {:?}: before the previous quote {p:?}", q.span);
        }
        prev = Some(q.span);
    }
    let mut prev: Option<Span> = None;
    for (i, d) in doc.dates.iter().enumerate() {
        span(d.span, &|| format!("date {i}"));
        if let Some(p) = prev {
            assert!(p.start() <= d.span.start(), "date {i} {:?}: before the previous date {p:?}", d.span);
        }
        prev = Some(d.span);
    }
    for (i, e) in doc.entities.iter().enumerate() {
        for (j, m) in e.mentions.iter().enumerate() {
            span(*m, &|| format!("entity {i} mention {j}"));
        }
    }
    for (i, n) in doc.narratives.iter().enumerate() {
        check_score(n.score, &format!("narrative {i}"));
        for (j, s) in n.evidence.iter().enumerate() {
            span(*s, &|| format!("narrative {i} evidence {j}"));
        }
    }
    for (i, r) in doc.roles.iter().enumerate() {
        check_score(r.score, &format!("role {i}"));
        assert!(r.entity < doc.entities.len(), "role {i}: entity {} of {}", r.entity, doc.entities.len());
        for (j, s) in r.evidence.iter().enumerate() {
            span(*s, &|| format!("role {i} evidence {j}"));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let h = harness();
    let path = h.dir.join("in.txt");
    std::fs::write(&path, rest).expect("write scratch input");
    let path = path.to_str().expect("utf-8 temp path").to_string();
    let hint = HINTS[usize::from(selector) % HINTS.len()];

    for pending in h.reader.read(&[path.as_str()]) {
        let Ok(mut doc) = h.reader.parse(pending) else {
            continue;
        };
        if let Some(lang) = hint {
            doc.declared_lang = Some(lang.to_string());
        }
        if h.front.run(&mut doc).is_err() {
            continue;
        }
        // The corpus pass of a one-file run: this article's paragraphs.
        let mut counts = LineCounts::new();
        counts.add(&LineCounts::keys(&doc.text));
        let rest = h.rest(Arc::new(counts));
        if rest.run(&mut doc).is_ok() {
            check(&doc);
        }
    }
});
