//! Sentences per second of `SentenceEncoder::encode` on one thread, over
//! typical news sentences (benches/sentences.txt, 30 sentences in 8
//! languages). Skips with a message when the model is not cached.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens_embed::{EncoderOptions, SentenceEncoder};

fn sentences() -> Vec<String> {
    let text = include_str!("sentences.txt");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // 300 sentences: the set ten times, as in a stream of articles
    lines
        .iter()
        .cycle()
        .take(lines.len() * 10)
        .map(|s| s.to_string())
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(dir) = newslens_embed::cached() else {
        eprintln!(
            "skipping the embed bench: the model is not cached \
             (cargo run -p newslens-embed --example fetch_model)"
        );
        return;
    };
    let texts = sentences();
    let mut group = c.benchmark_group("encode");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(20);
    for (name, cached_pieces) in [
        ("token_cache_8192", newslens_embed::DEFAULT_CACHED_PIECES),
        ("no_token_cache", 0),
    ] {
        let encoder = SentenceEncoder::load_with(&dir, &EncoderOptions { cached_pieces }).unwrap();
        group.bench_function(name, |b| b.iter(|| encoder.encode(&texts)));
    }
    group.bench_function("tokenize_only", |b| {
        let encoder =
            SentenceEncoder::load_with(&dir, &EncoderOptions { cached_pieces: 0 }).unwrap();
        b.iter(|| {
            texts
                .iter()
                .map(|t| encoder.tokenizer().encode(t).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut load = c.benchmark_group("load");
    load.sample_size(10);
    load.bench_function("load_default", |b| {
        b.iter(|| SentenceEncoder::load(&dir).unwrap())
    });
    load.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
