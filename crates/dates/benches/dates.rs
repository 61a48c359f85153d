//! Throughput of the `dates` stage alone, on one core: over the SemEval 2025
//! task 10 English training texts when the shared data is present (the raw
//! body as `doc.text`, segmented by the `segment` stage before timing), and over a synthetic corpus
//! generated here. Prints articles per second, then runs criterion.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens_core::{Document, Stage};
use newslens_dates::{DateConfig, DateResolver};
use newslens_segment::Segmenter;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

/// Paragraphs and sentences as the pipeline makes them (the `segment`
/// stage), so the dates stage sees what it sees in `newslens annotate`.
fn segment(doc: &mut Document) {
    if let Err(e) = Segmenter::default().process(doc) {
        eprintln!("{}: {e}", doc.id);
    }
}

fn doc_from(id: String, text: String, lang: &str) -> Document {
    let mut doc = Document::new(id, "");
    doc.text = text;
    doc.lang = Some(lang.to_string());
    segment(&mut doc);
    doc.published = Some("2023-03-08".to_string());
    doc
}

fn semeval() -> Option<Vec<Document>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/semeval2025-task10/Datasets/Train/EN/raw-documents");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let text = std::fs::read_to_string(e.path()).ok()?;
        docs.push(doc_from(e.file_name().to_string_lossy().into(), text, "en"));
    }
    (!docs.is_empty()).then_some(docs)
}

/// 400 synthetic English articles of ~40 sentences, one date in four.
fn synthetic() -> Vec<Document> {
    const PLAIN: &[&str] = &[
        "The minister said the government would continue to support the programme.",
        "Critics argued that the measures were not enough to address the crisis.",
        "\u{201c}We will not accept this,\u{201d} the spokesperson told reporters.",
        "Analysts expect the central bank to keep rates unchanged for now.",
        "Several thousand people gathered in the main square of the capital.",
        "The report, released by an independent group, cited 1,200 cases.",
    ];
    const DATED: &[&str] = &[
        "Lavrov told reporters on Oct. 12 that the talks had failed.",
        "The agreement was signed on 4 December 2022 in Geneva.",
        "Prices have risen sharply since September, officials said on Monday.",
        "Last week, the parliament voted on the bill, which takes effect 2023-05-14.",
        "Two days ago the ministry published figures for February.",
        "Elections held in 2022 were disputed, the commission said yesterday.",
    ];
    (0..400)
        .map(|n| {
            let mut text = String::new();
            for s in 0..40 {
                let pick = n * 7 + s * 3;
                let sentence = if s % 4 == 0 {
                    DATED[pick % DATED.len()]
                } else {
                    PLAIN[pick % PLAIN.len()]
                };
                text.push_str(sentence);
                text.push(if s % 5 == 4 { '\n' } else { ' ' });
            }
            doc_from(format!("synthetic-{n}"), text, "en")
        })
        .collect()
}

fn report(name: &str, stage: &DateResolver, docs: &mut [Document]) {
    let rounds = 20;
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for doc in docs.iter_mut() {
            stage.process(doc).expect("the dates stage does not fail");
            found += doc.dates.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "dates stage, {name}: {:.0} articles/s, {:.1} MB/s on one core \
         ({} articles x {rounds}, {} expressions per round)",
        (docs.len() * rounds) as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        docs.len(),
        found / rounds
    );
}

fn bench(c: &mut Criterion) {
    let stage = DateResolver::new(DateConfig::default());
    let mut corpora = vec![("synthetic", synthetic())];
    match semeval() {
        Some(docs) => corpora.push(("semeval_train_en", docs)),
        None => eprintln!("SemEval training texts not found; synthetic corpus only"),
    }
    let mut group = c.benchmark_group("dates");
    for (name, docs) in corpora.iter_mut() {
        report(name, &stage, docs);
        group.throughput(Throughput::Elements(docs.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for doc in docs.iter_mut() {
                    stage.process(black_box(doc)).expect("no failure");
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
