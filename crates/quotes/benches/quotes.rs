//! Throughput of the quotes stage alone over the PolNeAR dev texts (skipped
//! when the shared data is absent). Documents are cleaned and segmented once
//! up front; the benchmark times `QuoteExtractor::process` only and prints
//! articles per second on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens_clean::{CleanConfig, Cleaner};
use newslens_core::{Document, Stage};
use newslens_quotes::{QuoteConfig, QuoteExtractor};
use newslens_segment::Segmenter;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

fn load() -> Option<Vec<Document>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/quotes-polnear/data/dev/text");
    let entries = std::fs::read_dir(&dir).ok()?;
    let cleaner = Cleaner::new(CleanConfig {
        boilerplate: false,
        metadata: false,
        ..Default::default()
    });
    let segmenter = Segmenter::default();
    let mut docs = Vec::new();
    for e in entries.flatten() {
        let raw = std::fs::read_to_string(e.path()).ok()?;
        let mut doc = Document::new(e.file_name().to_string_lossy(), raw);
        cleaner.process(&mut doc).ok()?;
        doc.lang = Some("en".into());
        segmenter.process(&mut doc).ok()?;
        docs.push(doc);
    }
    Some(docs)
}

fn bench(c: &mut Criterion) {
    let Some(mut docs) = load() else {
        eprintln!("skipping quotes bench: PolNeAR dev texts not found");
        return;
    };
    let stage = QuoteExtractor::new(QuoteConfig::default());
    let start = Instant::now();
    let rounds = 20;
    for _ in 0..rounds {
        for doc in docs.iter_mut() {
            stage.process(doc).unwrap();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "quotes stage: {:.0} articles/s on one core ({} articles x {rounds})",
        (docs.len() * rounds) as f64 / secs,
        docs.len()
    );
    let mut group = c.benchmark_group("quotes");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("polnear_dev", |b| {
        b.iter(|| {
            for doc in docs.iter_mut() {
                stage.process(black_box(doc)).unwrap();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
