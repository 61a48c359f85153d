//! Throughput of `newslens annotate` (on all cores, JSON output to a sink),
//! up to segmentation and with every stage (narratives and roles included;
//! also with the sentence encoder when it is fetched), over the SemEval-2025 Task 10 train documents
//! and the 181 pages of the article-extraction benchmark.
//!
//! Run: `cargo bench -p newslens-cli --bench throughput`. Needs
//! `../shared/data` beside the checkout; says so and does nothing otherwise.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens_cli::{Annotator, Config};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn files(pattern: &str) -> Vec<String> {
    let pattern = data_dir().join(pattern);
    let mut out: Vec<String> = glob::glob(&pattern.to_string_lossy())
        .map(|paths| {
            paths
                .filter_map(Result::ok)
                .map(|p| p.to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn bench_inputs(c: &mut Criterion, name: &str, paths: &[String], until: Option<&str>) {
    let mut config = Config::default();
    config.pipeline.until = until.map(str::to_string);
    bench_config(c, name, paths, config);
}

fn bench_config(c: &mut Criterion, name: &str, paths: &[String], config: Config) {
    if paths.is_empty() {
        eprintln!("skipping {name}: no files under {}", data_dir().display());
        return;
    }
    let annotator = Annotator::new(&config, None).expect("pipeline builds");
    let mut group = c.benchmark_group("annotate");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(paths.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            let summary = annotator
                .run(paths, &mut std::io::sink(), &|_| {})
                .expect("sink never fails");
            assert_eq!(summary.articles, paths.len());
        })
    });
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let texts = files("semeval2025-task10/Datasets/Train/*/raw-documents/*.txt");
    let pages = files("article-extraction-benchmark/html/*.html.gz");
    // Ingest, clean, language ID and segmentation only.
    bench_inputs(
        c,
        "semeval_train_text_until_segment",
        &texts,
        Some("segment"),
    );
    bench_inputs(
        c,
        "extraction_benchmark_html_until_segment",
        &pages,
        Some("segment"),
    );
    // Every stage.
    bench_inputs(c, "semeval_train_text", &texts, None);
    bench_inputs(c, "extraction_benchmark_html", &pages, None);
    // Every stage, the narrative model with sentence-encoder features.
    if newslens_embed::cached().is_some() {
        let mut config = Config::default();
        config.narratives.encoder = true;
        bench_config(c, "semeval_train_text_with_encoder", &texts, config);
    } else {
        eprintln!("skipping semeval_train_text_with_encoder: run `newslens models fetch` first");
    }
}

criterion_group!(benches, throughput);
criterion_main!(benches);
