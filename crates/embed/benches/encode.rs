//! Sentences per second of `SentenceEncoder::encode` on one thread, over
//! typical news sentences (benches/sentences.txt, 30 sentences in 8
//! languages, 300 per call). Skips with a message when the model is not
//! cached.
//!
//! Two clocks: `encode_cpu/*` counts the benchmark thread's CPU time (what
//! one core does, steady on a shared machine), `encode_wall/*` wall time
//! (what a caller waits, which includes time the thread spent waiting for a
//! core when the machine is busy).

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use newslens_embed::{EncoderOptions, SentenceEncoder};

/// CPU time of the calling thread (Linux `/proc/thread-self/schedstat`,
/// nanoseconds; updated at scheduler ticks, so good for runs of 100 ms+).
struct ThreadCpuTime;

fn thread_cpu_ns() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = f64;
    type Value = f64;
    fn start(&self) -> f64 {
        thread_cpu_ns()
    }
    fn end(&self, start: f64) -> f64 {
        thread_cpu_ns() - start
    }
    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn zero(&self) -> f64 {
        0.0
    }
    fn to_f64(&self, value: &f64) -> f64 {
        *value
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for v in values {
            *v /= 1e6;
        }
        "ms CPU"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let n = match throughput {
            Throughput::Elements(n) => *n as f64,
            _ => 1.0,
        };
        for v in values {
            *v = n * 1e9 / *v;
        }
        "elem/s CPU"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

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

fn encode_benches<M: Measurement>(mut group: BenchmarkGroup<'_, M>, cases: &[(&str, usize)]) {
    let Some(dir) = newslens_embed::cached() else {
        eprintln!(
            "skipping the embed bench: the model is not cached \
             (cargo run -p newslens-embed --example fetch_model)"
        );
        return;
    };
    let texts = sentences();
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(15);
    for &(name, cached_pieces) in cases {
        let encoder = SentenceEncoder::load_with(&dir, &EncoderOptions { cached_pieces }).unwrap();
        group.bench_function(name, |b| b.iter(|| encoder.encode(&texts)));
    }
    group.finish();
}

fn cpu(c: &mut Criterion<ThreadCpuTime>) {
    encode_benches(
        c.benchmark_group("encode_cpu"),
        &[
            ("warm_token_cache", newslens_embed::DEFAULT_CACHED_PIECES),
            ("no_token_cache", 0),
        ],
    );
}

fn wall(c: &mut Criterion<WallTime>) {
    encode_benches(
        c.benchmark_group("encode_wall"),
        &[("warm_token_cache", newslens_embed::DEFAULT_CACHED_PIECES)],
    );
}

criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu
}
criterion_group!(wall_benches, wall);
criterion_main!(cpu_benches, wall_benches);
