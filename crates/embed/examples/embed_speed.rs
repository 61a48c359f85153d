//! Sentences per second of one thread, in wall time and in this thread's CPU
//! time (the better figure on a shared machine):
//! `cargo run --release -p newslens-embed --example embed_speed [ROUNDS] [CACHED_PIECES]`.

use std::time::Instant;

use newslens_embed::{EncoderOptions, SentenceEncoder};

/// CPU time of the calling thread in seconds (Linux), if readable.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let cached_pieces = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(newslens_embed::DEFAULT_CACHED_PIECES);
    let Some(dir) = newslens_embed::cached() else {
        eprintln!("the model is not cached: cargo run -p newslens-embed --example fetch_model");
        std::process::exit(1);
    };
    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    let encoder = SentenceEncoder::load_with(&dir, &EncoderOptions { cached_pieces }).unwrap();
    let load_cpu = cpu.and_then(|c| Some(thread_cpu_seconds()? - c));
    println!(
        "load: {:.2} s wall, {} CPU ({cached_pieces} cached pieces)",
        wall.elapsed().as_secs_f64(),
        load_cpu.map_or("?".into(), |c| format!("{c:.2} s"))
    );
    let texts: Vec<&str> = include_str!("../benches/sentences.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let tokens: usize = texts
        .iter()
        .map(|t| encoder.tokenizer().encode(t).len())
        .sum();
    encoder.encode(&texts);
    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    for _ in 0..rounds {
        std::hint::black_box(encoder.encode(&texts));
    }
    let n = (rounds * texts.len()) as f64;
    let wall = wall.elapsed().as_secs_f64();
    let cpu = cpu.and_then(|c| Some(thread_cpu_seconds()? - c));
    println!(
        "{} sentences ({:.1} tokens each with <s> and </s>): {:.0} sentences/s wall, {} CPU",
        n,
        tokens as f64 / texts.len() as f64,
        n / wall,
        cpu.map_or("?".into(), |c| format!("{:.0} sentences/s", n / c))
    );
}
