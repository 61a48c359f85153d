//! Scale check of [`SignalIndex`] on a generated corpus: articles made by
//! recombining generated sentences, one in ten a lightly edited copy of an
//! earlier one, five quotes per article, one in five reusing (trimmed) a
//! statement from a pool of the last 100,000, a new statement replacing a
//! random one of the pool. Articles and quotes go in by batches of 1,024
//! articles (signatures and shingles of a batch computed in parallel, then
//! inserted in order). Prints time, resident and peak memory per tenth, and
//! how many of the generated copies and reuses were linked.
//!
//! `cargo run --release -p newslens-signals --example scale -- 100000`

use newslens_signals::{ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use std::time::Instant;

#[path = "support/syllable_word.rs"]
mod syllable_word;
use syllable_word::word;

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

fn current_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
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
    let batch = 1024;
    let mut index = SignalIndex::new(SignalConfig::default());
    // (statement, quote index of its first report)
    let mut statements: Vec<(String, u32)> = Vec::new();
    let mut texts: Vec<(String, u32)> = Vec::new();
    // Generated ground truth: (copy, source) articles, (report, first) quotes.
    let mut copy_pairs: Vec<(u32, u32)> = Vec::new();
    let mut reuse_pairs: Vec<(u32, u32)> = Vec::new();
    let start = Instant::now();
    let mut generating = 0.0;
    let mut articles: Vec<ArticleRef> = Vec::with_capacity(batch);
    let mut quotes: Vec<QuoteRef> = Vec::with_capacity(batch * 5);
    let mut i = 0;
    while i < n {
        let t = Instant::now();
        articles.clear();
        quotes.clear();
        let first_article = index.article_count();
        let first_quote = index.quote_count();
        for k in 0..batch.min(n - i) {
            let a = first_article + k;
            let text = if a > 10 && rng.below(10) == 0 {
                let (src, id) = &texts[rng.below(texts.len())];
                copy_pairs.push((a as u32, *id));
                format!("{src} {}", sentence(&mut rng, vocab))
            } else {
                (0..12)
                    .map(|_| sentence(&mut rng, vocab))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let day = 1 + a * 365 / n.max(1);
            articles.push(ArticleRef {
                id: format!("a{a}"),
                date: Some(format!(
                    "2023-{:02}-{:02}",
                    1 + (day / 31).min(11),
                    1 + day % 28
                )),
                outlet: Some(format!("outlet{}", rng.below(200))),
                text: String::new(),
            });
            for q in 0..5 {
                let qi = (first_quote + quotes.len()) as u32;
                let quote = if !statements.is_empty() && rng.below(5) == 0 {
                    let (s, origin) = &statements[rng.below(statements.len())];
                    reuse_pairs.push((qi, *origin));
                    let words: Vec<&str> = s.split(' ').collect();
                    words[..words.len() * 3 / 4].join(" ")
                } else {
                    let s = sentence(&mut rng, vocab);
                    // A pool of 100,000 statements, a new one replacing a
                    // random old one once full (so some stay for long).
                    if statements.len() < 100_000 {
                        statements.push((s.clone(), qi));
                    } else {
                        let k = rng.below(statements.len());
                        statements[k] = (s.clone(), qi);
                    }
                    s
                };
                quotes.push(QuoteRef {
                    id: format!("a{a}#{q}"),
                    article: a,
                    text: quote,
                    speaker: None,
                });
            }
            // Keep a bounded window of recent texts to copy from.
            texts.push((text.clone(), a as u32));
            if texts.len() > 2_000 {
                texts.swap_remove(rng.below(texts.len()));
            }
            if let Some(last) = articles.last_mut() {
                last.text = text;
            }
        }
        generating += t.elapsed().as_secs_f64();
        index.add_articles(&articles);
        index.add_quotes(&quotes);
        let before = i;
        i += articles.len();
        let step = (n / 10).max(1);
        if i / step != before / step || i == n {
            let (la, lq) = index.live();
            println!(
                "{:>9} articles {:>9} quotes {:>7.1} s ({:>5.1} s generating)  rss {:>5.0} MB  peak {:>5.0} MB  index {:>5.0} MB  live {la}/{lq}",
                i,
                index.quote_count(),
                start.elapsed().as_secs_f64(),
                generating,
                current_mb(),
                peak_mb(),
                index.bytes() as f64 / 1e6,
            );
        }
    }
    let t = Instant::now();
    let groups = index.duplicate_groups();
    let clusters = index.quote_clusters();
    let found_copies = copy_pairs
        .iter()
        .filter(|&&(a, b)| index.article_group(a as usize) == index.article_group(b as usize))
        .count();
    // Reuses of a statement still in the candidate index (first reported
    // at most `live_quotes / 2` quotes earlier) and of older ones.
    let near = (index.config().live_quotes / 2) as u32;
    let (mut recent, mut recent_found, mut old, mut old_found) = (0, 0, 0, 0);
    for &(a, b) in &reuse_pairs {
        let linked = index.quote_group(a as usize) == index.quote_group(b as usize);
        if a - b <= near {
            recent += 1;
            recent_found += usize::from(linked);
        } else {
            old += 1;
            old_found += usize::from(linked);
        }
    }
    let found_reuses = recent_found + old_found;
    println!(
        "groups: {} duplicate groups, {} quote clusters, in {:.1} s; total {:.1} s ({:.1} s generating), peak {:.0} MB",
        groups.len(),
        clusters.len(),
        t.elapsed().as_secs_f64(),
        start.elapsed().as_secs_f64(),
        generating,
        peak_mb()
    );
    println!(
        "generated copies linked to their source: {found_copies}/{} ({:.1} %); reused statements linked to their first report: {found_reuses}/{} ({:.1} %)",
        copy_pairs.len(),
        100.0 * found_copies as f64 / copy_pairs.len().max(1) as f64,
        reuse_pairs.len(),
        100.0 * found_reuses as f64 / reuse_pairs.len().max(1) as f64,
    );
    println!(
        "  first reported at most {near} quotes earlier: {recent_found}/{recent} ({:.1} %); earlier: {old_found}/{old} ({:.1} %)",
        100.0 * recent_found as f64 / recent.max(1) as f64,
        100.0 * old_found as f64 / old.max(1) as f64,
    );
}
