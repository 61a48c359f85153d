//! Quote clusters of annotated articles, for checking the linker at the
//! level of clusters (the pair evaluation only sees pairs).
//!
//! ```sh
//! newslens annotate ARTICLES > annotated.jsonl
//! cargo run --release -p newslens-signals --features store --example clusters -- annotated.jsonl [--weak T] [--strong T] [--list]
//! ```
//! Articles are fed oldest first (`published`, then input order), each with
//! its quotes, as the store path does. Prints the number of clusters, their
//! sizes and the largest; `--list` prints every cluster as one JSON line
//! (`{"size", "quotes": [{"id", "date", "outlet", "speaker", "text"}]}`);
//! a quote's speaker is its `speaker.name`.

use newslens_signals::{date_key, ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use std::io::BufRead;

struct Quote {
    id: String,
    text: String,
    speaker: Option<String>,
}

struct Article {
    id: String,
    date: Option<String>,
    outlet: Option<String>,
    quotes: Vec<Quote>,
}

fn main() {
    let mut path = None;
    let mut cfg = SignalConfig::default();
    let mut list = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--weak" => cfg.quote_weak_containment = number(args.next()),
            "--weak-common" => {
                cfg.quote_weak_min_common = args.next().and_then(|n| n.parse().ok()).unwrap_or(0)
            }
            "--strong" => cfg.quote_containment = number(args.next()),
            "--list" => list = true,
            _ => path = Some(a),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: clusters ANNOTATED.jsonl [--weak T] [--strong T] [--list]");
        std::process::exit(2);
    };
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let mut articles = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.unwrap_or_default();
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            eprintln!("{path}:{}: not JSON, skipped", n + 1);
            continue;
        };
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let quotes = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .enumerate()
                    .map(|(i, q)| Quote {
                        id: format!("{id}#{i}"),
                        text: q["text"].as_str().unwrap_or_default().to_string(),
                        speaker: q["speaker"]["name"].as_str().map(str::to_string),
                    })
                    .collect()
            })
            .unwrap_or_default();
        articles.push(Article {
            date: v["published"].as_str().map(str::to_string),
            outlet: v["source"]["outlet"].as_str().map(str::to_string),
            id,
            quotes,
        });
    }
    // Oldest first, undated last, input order among equals.
    articles.sort_by_key(|a| a.date.as_deref().and_then(date_key).unwrap_or(u64::MAX));
    let mut index = SignalIndex::new(cfg);
    let mut where_: Vec<(usize, usize)> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let slot = index.add_article(&ArticleRef {
            id: a.id.clone(),
            date: a.date.clone(),
            outlet: a.outlet.clone(),
            text: String::new(),
        });
        for (qi, q) in a.quotes.iter().enumerate() {
            index.add_quote(&QuoteRef {
                id: q.id.clone(),
                article: slot,
                text: q.text.clone(),
                speaker: q.speaker.clone(),
            });
            where_.push((ai, qi));
        }
    }
    let clusters = index.quote_clusters();
    let mut sizes: Vec<usize> = clusters.iter().map(|c| c.members.len()).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let quotes: usize = sizes.iter().sum();
    println!(
        "{} articles, {} quotes; {} clusters holding {} quotes; largest {:?}",
        articles.len(),
        where_.len(),
        clusters.len(),
        quotes,
        &sizes[..sizes.len().min(10)]
    );
    if list {
        for c in &clusters {
            let members: Vec<serde_json::Value> = c
                .members
                .iter()
                .map(|&m| {
                    let (ai, qi) = where_[m];
                    let a = &articles[ai];
                    let q = &a.quotes[qi];
                    serde_json::json!({"id": q.id, "date": a.date, "outlet": a.outlet, "speaker": q.speaker, "text": q.text})
                })
                .collect();
            println!(
                "{}",
                serde_json::json!({"size": members.len(), "quotes": members})
            );
        }
    }
}

fn number(arg: Option<String>) -> f64 {
    match arg.as_deref().map(str::parse::<f64>) {
        Some(Ok(t)) if (0.0..=1.0).contains(&t) => t,
        _ => {
            eprintln!("a threshold between 0 and 1 is expected");
            std::process::exit(2);
        }
    }
}
