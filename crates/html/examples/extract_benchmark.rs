//! Extract every page of the article-extraction benchmark on one thread.
//!
//! Usage (from the repository root):
//!
//! ```text
//! cargo run --release -p newslens-html --example extract_benchmark -- \
//!     [BENCH_DIR] [--out PRED.json] [--passes N] [--strategy auto|fast|trafilatura|trafilatura-fallback] [--no-post-filter]
//! ```
//!
//! All pages are read and decompressed before the clock starts, so only
//! extraction is timed. Pages/s (best and median over the passes) go to
//! stderr; the predictions of the first pass are written as `{id: text}`.

use flate2::read::GzDecoder;
use newslens_html::{HtmlExtractor, Strategy};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut dir = None;
    let mut out = PathBuf::from("target-html/pred-html.json");
    let mut passes = 5usize;
    let mut strategy = Strategy::Auto;
    let mut post_filter = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().expect("--out needs a path").into(),
            "--passes" => {
                passes = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--passes needs a number")
            }
            "--strategy" => {
                strategy = match args.next().as_deref() {
                    Some("auto") => Strategy::Auto,
                    Some("fast") => Strategy::Fast,
                    Some("trafilatura") => Strategy::Trafilatura,
                    Some("trafilatura-fallback") => Strategy::TrafilaturaFallback,
                    other => panic!("unknown strategy {other:?}"),
                }
            }
            "--no-post-filter" => post_filter = false,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("../shared/data/article-extraction-benchmark"));
    let html_dir = dir.join("html");
    let mut pages: Vec<(String, String)> = Vec::new();
    let entries = std::fs::read_dir(&html_dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", html_dir.display()));
    for entry in entries {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(id) = name.strip_suffix(".html.gz") else {
            continue;
        };
        let mut bytes = Vec::new();
        GzDecoder::new(std::fs::File::open(&path).expect("open page"))
            .read_to_end(&mut bytes)
            .expect("gunzip page");
        pages.push((id.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    pages.sort();
    let extractor = HtmlExtractor::new()
        .with_strategy(strategy)
        .with_post_filter(post_filter);

    let mut preds = BTreeMap::new();
    let mut rates = Vec::new();
    for pass in 0..passes.max(1) {
        let start = Instant::now();
        for (id, html) in &pages {
            let text = extractor
                .extract(html, None)
                .map(|p| p.text)
                .unwrap_or_default();
            if pass == 0 {
                preds.insert(id.clone(), text);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(pages.len() as f64 / secs);
    }
    let mut sorted = rates.clone();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = sorted[sorted.len() / 2];
    let best = sorted[sorted.len() - 1];
    eprintln!(
        "pages={} passes={} strategy={strategy:?} post_filter={post_filter} pages_per_s_median={median:.1} pages_per_s_best={best:.1}",
        pages.len(),
        rates.len()
    );
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).ok();
    }
    std::fs::write(&out, serde_json::to_string(&preds).expect("json")).expect("write predictions");
    // Machine-readable line for scripts.
    println!("{median:.3}");
}
