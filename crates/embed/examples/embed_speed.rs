//! Sentences per second of one thread, in wall time and in this thread's CPU
//! time (the steadier figure on a shared machine).
//!
//! ```text
//! cargo run --release -p newslens-embed --example embed_speed -- [OPTIONS]
//!   --rounds N         passes over the bench sentences (default 20)
//!   --cached-pieces N  token-cache bound (default: the encoder's default)
//!   --corpus DIR       instead: one pass over up to --max sentences split
//!                      from the .txt files under DIR, with an empty cache
//!   --max N            sentences taken from the corpus (default 5000)
//!   --save FILE        write the corpus sentences used, one per line
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use newslens_embed::{EncoderOptions, SentenceEncoder};

/// CPU time of the calling thread in seconds (Linux), if readable.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            txt_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

/// Sentences of the corpus: lines split after `.`, `!`, `?` or `।` followed
/// by a space; spread evenly over the files (sorted by path).
fn corpus_sentences(dir: &Path, max: usize) -> Vec<String> {
    let mut files = Vec::new();
    txt_files(dir, &mut files);
    files.sort();
    let mut all = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in text.lines() {
            let mut start = 0;
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for w in chars.windows(2) {
                if matches!(w[0].1, '.' | '!' | '?' | '।') && w[1].1 == ' ' {
                    all.push(line[start..w[1].0].trim().to_string());
                    start = w[1].0;
                }
            }
            all.push(line[start..].trim().to_string());
        }
    }
    all.retain(|s| s.chars().count() >= 20);
    let step = (all.len() / max.max(1)).max(1);
    all.into_iter().step_by(step).take(max).collect()
}

fn main() {
    let mut rounds = 20usize;
    let mut cached_pieces = newslens_embed::DEFAULT_CACHED_PIECES;
    let mut corpus: Option<PathBuf> = None;
    let mut max = 5000usize;
    let mut save: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--rounds" => rounds = value().parse().expect("a number"),
            "--cached-pieces" => cached_pieces = value().parse().expect("a number"),
            "--corpus" => corpus = Some(value().into()),
            "--max" => max = value().parse().expect("a number"),
            "--save" => save = Some(value().into()),
            other => panic!("unknown argument {other}"),
        }
    }
    let Some(dir) = newslens_embed::cached() else {
        eprintln!("the model is not cached: cargo run -p newslens-embed --example fetch_model");
        std::process::exit(1);
    };
    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    let encoder = SentenceEncoder::load_with(&dir, &EncoderOptions { cached_pieces }).unwrap();
    let load_cpu = cpu.and_then(|c| Some(thread_cpu_seconds()? - c));
    println!(
        "load: {:.2} s wall, {} CPU (token cache bound {cached_pieces})",
        wall.elapsed().as_secs_f64(),
        load_cpu.map_or("?".into(), |c| format!("{c:.2} s"))
    );

    let owned: Vec<String> = match &corpus {
        Some(dir) => corpus_sentences(dir, max),
        None => include_str!("../benches/sentences.txt")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
    };
    if let Some(path) = &save {
        std::fs::write(path, owned.join("\n") + "\n").unwrap();
    }
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let tokens: usize = texts
        .iter()
        .map(|t| encoder.tokenizer().encode(t).len())
        .sum();
    let per_sentence = tokens as f64 / texts.len() as f64;
    let reps = (6000 / texts.len().max(1)).max(1);
    let cpu = thread_cpu_seconds();
    for _ in 0..reps {
        for t in &texts {
            std::hint::black_box(encoder.tokenizer().encode(t));
        }
    }
    if let Some(c) = cpu.and_then(|c| Some(thread_cpu_seconds()? - c)) {
        println!(
            "tokenizer alone: {:.0} sentences/s CPU",
            (reps * texts.len()) as f64 / c
        );
    }

    if corpus.is_some() {
        let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
        // the way a pipeline calls it: a few dozen sentences at a time
        for chunk in texts.chunks(32) {
            std::hint::black_box(encoder.encode(chunk));
        }
        let n = texts.len() as f64;
        let cpu = cpu.and_then(|c| Some(thread_cpu_seconds()? - c));
        println!(
            "{n} corpus sentences ({per_sentence:.1} tokens each with <s> and </s>), one pass \
             from an empty token cache: {:.0} sentences/s wall, {}",
            n / wall.elapsed().as_secs_f64(),
            cpu.map_or("?".into(), |c| format!("{:.0} sentences/s CPU", n / c))
        );
        println!("{encoder:?}");
        return;
    }

    let cpu = thread_cpu_seconds();
    encoder.encode(&texts);
    if let Some(c) = cpu.and_then(|c| Some(thread_cpu_seconds()? - c)) {
        println!(
            "first pass (empty token cache): {:.0} sentences/s CPU",
            texts.len() as f64 / c
        );
    }
    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    for _ in 0..rounds {
        std::hint::black_box(encoder.encode(&texts));
    }
    let n = (rounds * texts.len()) as f64;
    let wall = wall.elapsed().as_secs_f64();
    let cpu = cpu.and_then(|c| Some(thread_cpu_seconds()? - c));
    println!(
        "{n} sentences ({per_sentence:.1} tokens each with <s> and </s>): {:.0} sentences/s wall, {}",
        n / wall,
        cpu.map_or("?".into(), |c| format!("{:.0} sentences/s CPU", n / c))
    );
}
