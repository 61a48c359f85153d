//! Cleans the SemEval-2025 Task 10 train raw documents, when present, and
//! reports the time per article.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens_clean::{CleanConfig, Cleaner};
use newslens_core::Document;
use std::path::PathBuf;

fn load() -> Vec<Document> {
    // `shared/` inside the workspace or beside it.
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = ["../../shared", "../../../shared"]
        .iter()
        .map(|p| {
            crate_dir
                .join(p)
                .join("data/semeval2025-task10/Datasets/Train")
        })
        .find(|p| p.is_dir())
        .unwrap_or_default();
    let mut docs = Vec::new();
    let Ok(langs) = std::fs::read_dir(&base) else {
        return docs;
    };
    let mut paths = Vec::new();
    for lang in langs.flatten() {
        if let Ok(files) = std::fs::read_dir(lang.path().join("raw-documents")) {
            paths.extend(files.flatten().map(|f| f.path()));
        }
    }
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
        let mut doc = Document::new(path.display().to_string(), body);
        doc.title = Some(title.trim().to_string());
        docs.push(doc);
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = load();
    if docs.is_empty() {
        eprintln!(
            "clean bench: SemEval train raw documents not found under ../../shared/data; skipping"
        );
        return;
    }
    let cleaner = Cleaner::new(CleanConfig::default());
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.sample_size(20);
    group.bench_function(format!("semeval_train_{}_articles", docs.len()), |b| {
        b.iter(|| {
            for d in &docs {
                let mut doc = d.clone();
                cleaner.clean(&mut doc);
                std::hint::black_box(&doc.text);
            }
        })
    });
    group.finish();
    // A plain per-article figure, independent of criterion's output format.
    let start = std::time::Instant::now();
    let rounds = 5;
    for _ in 0..rounds {
        for d in &docs {
            let mut doc = d.clone();
            cleaner.clean(&mut doc);
            std::hint::black_box(&doc.text);
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (rounds * docs.len()) as f64;
    eprintln!(
        "clean: {per:.1} µs per article over {} articles (includes a Document clone)",
        docs.len()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
