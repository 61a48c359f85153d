//! Scale check of [`SignalIndex`] on a generated corpus: articles made by
//! recombining generated sentences, one in ten a lightly edited copy of an
//! earlier one, five quotes per article, one in five reusing an earlier
//! statement (trimmed). Prints time and peak memory per step.
//!
//! `cargo run --release -p newslens-signals --example scale -- 100000`

use newslens_signals::{ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn word(i: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ru", "te", "sa", "no", "vi", "de", "po", "li", "ma", "zu", "ar", "en",
        "os",
    ];
    let mut w = String::new();
    let mut x = i + 1;
    while x > 0 {
        w.push_str(SYL[x % 16]);
        x /= 16;
    }
    w
}

fn sentence(rng: &mut Rng, vocab: usize) -> String {
    let n = 8 + rng.below(14);
    let mut s: Vec<String> = (0..n).map(|_| word(rng.below(vocab))).collect();
    s[0] = s[0].to_uppercase();
    s.join(" ") + "."
}

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x1234_5678);
    let vocab = 20_000;
    let mut index = SignalIndex::new(SignalConfig::default());
    let mut statements: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let start = Instant::now();
    let mut copies = 0;
    for i in 0..n {
        let text = if i > 10 && rng.below(10) == 0 {
            copies += 1;
            let src = &texts[rng.below(texts.len())];
            format!("{src} {}", sentence(&mut rng, vocab))
        } else {
            (0..12)
                .map(|_| sentence(&mut rng, vocab))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let day = 1 + i * 365 / n.max(1);
        let a = index.add_article(&ArticleRef {
            id: format!("a{i}"),
            date: Some(format!(
                "2023-{:02}-{:02}",
                1 + (day / 31).min(11),
                1 + day % 28
            )),
            outlet: Some(format!("outlet{}", rng.below(200))),
            text: text.clone(),
        });
        for q in 0..5 {
            let quote = if !statements.is_empty() && rng.below(5) == 0 {
                let s = &statements[rng.below(statements.len())];
                let words: Vec<&str> = s.split(' ').collect();
                words[..words.len() * 3 / 4].join(" ")
            } else {
                let s = sentence(&mut rng, vocab);
                statements.push(s.clone());
                s
            };
            index.add_quote(&QuoteRef {
                id: format!("a{i}#{q}"),
                article: a,
                text: quote,
                speaker: None,
            });
        }
        // Keep a bounded window of recent texts to copy from.
        texts.push(text);
        if texts.len() > 2_000 {
            texts.swap_remove(rng.below(texts.len()));
        }
        if statements.len() > 50_000 {
            statements.swap_remove(rng.below(statements.len()));
        }
        if (i + 1) % (n / 10).max(1) == 0 {
            println!(
                "{:>9} articles  {:>10} quotes  {:>7.1} s  peak {:>7.0} MB",
                i + 1,
                index.quote_count(),
                start.elapsed().as_secs_f64(),
                peak_mb()
            );
        }
    }
    let t = Instant::now();
    let groups = index.duplicate_groups();
    let clusters = index.quote_clusters();
    println!(
        "groups: {} duplicate groups ({} copies made), {} quote clusters, in {:.1} s; total {:.1} s, peak {:.0} MB",
        groups.len(),
        copies,
        clusters.len(),
        t.elapsed().as_secs_f64(),
        start.elapsed().as_secs_f64(),
        peak_mb()
    );
}
