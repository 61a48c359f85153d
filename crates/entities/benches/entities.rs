//! Throughput of the entities stage alone over the SemEval 2025 task 10
//! English training texts (skipped when the shared data is absent). The body
//! is the whole file, sentences are split crudely; the benchmark times
//! `EntityLinker::process` only and prints articles per second on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens_core::{Document, Sentence, Span, Stage};
use newslens_entities::{EntityConfig, EntityLinker};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(['.', '\n']) {
        if i + 1 > start {
            out.push(Sentence {
                span: Span::new(start, i + 1).expect("ordered"),
                paragraph: 0,
            });
            start = i + 1;
        }
    }
    out
}

fn load() -> Option<Vec<Document>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/semeval2025-task10/Datasets/Train/EN/raw-documents");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(&dir).ok()?.flatten() {
        let text = std::fs::read_to_string(e.path()).ok()?;
        let mut doc = Document::new(e.file_name().to_string_lossy(), text.clone());
        doc.sentences = sentences(&text);
        doc.text = text;
        doc.lang = Some("en".into());
        docs.push(doc);
    }
    Some(docs)
}

fn bench(c: &mut Criterion) {
    let Some(mut docs) = load() else {
        eprintln!("skipping entities bench: SemEval EN raw documents not found");
        return;
    };
    let built = Instant::now();
    let stage = EntityLinker::new(&EntityConfig::default()).expect("bundled actor base");
    eprintln!(
        "entities stage built in {:.0} ms",
        built.elapsed().as_secs_f64() * 1e3
    );
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = Instant::now();
    let rounds = 5;
    for _ in 0..rounds {
        for doc in docs.iter_mut() {
            stage.process(doc).expect("never fails");
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "entities stage: {:.0} articles/s, {:.1} MB/s on one core ({} articles, {:.1} KB mean, x{rounds})",
        (docs.len() * rounds) as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        docs.len(),
        bytes as f64 / docs.len() as f64 / 1e3
    );
    let mut group = c.benchmark_group("entities");
    group.sample_size(10);
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("semeval_train_en", |b| {
        b.iter(|| {
            for doc in docs.iter_mut() {
                stage.process(black_box(doc)).expect("never fails");
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
