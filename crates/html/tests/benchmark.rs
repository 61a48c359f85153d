//! Runs the extractor over the shared article-extraction benchmark, when it
//! is present next to the repository (`../shared/data/...`), and checks a
//! quality floor with a small reimplementation of the benchmark's metric
//! (4-gram shingles of `\w+` tokens, per-page precision/recall averaged over
//! pages, F1 of the means). Prints a skip message when the data is absent.

use flate2::read::GzDecoder;
use newslens_html::HtmlExtractor;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut m = HashMap::new();
    if t.is_empty() {
        return m;
    }
    let n = 4.min(t.len());
    for w in t.windows(n) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// (tp, fp, fn) normalised to sum to 1, as in the scorer.
fn matching(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (ts, ps) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    for (k, &t) in &ts {
        let p = *ps.get(k).unwrap_or(&0);
        tp += t.min(p) as f64;
        fneg += t.saturating_sub(p) as f64;
    }
    for (k, &p) in &ps {
        let t = *ts.get(k).unwrap_or(&0);
        fp += p.saturating_sub(t) as f64;
    }
    let s = tp + fp + fneg;
    if s > 0.0 {
        (tp / s, fp / s, fneg / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

#[test]
fn benchmark_quality_floor() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/article-extraction-benchmark");
    let gt_path = dir.join("ground-truth.json");
    if !gt_path.exists() {
        eprintln!(
            "SKIP benchmark_quality_floor: {} not found (the shared benchmark data is not present)",
            dir.display()
        );
        return;
    }
    let gt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&gt_path).unwrap()).unwrap();
    let gt = gt.as_object().unwrap();
    let x = HtmlExtractor::new();
    let (mut precisions, mut recalls) = (Vec::new(), Vec::new());
    let mut non_empty = 0;
    for (id, item) in gt {
        let truth = item
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let mut bytes = Vec::new();
        let f = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).unwrap();
        GzDecoder::new(f).read_to_end(&mut bytes).unwrap();
        let html = String::from_utf8_lossy(&bytes);
        let pred = x.extract(&html, None).map(|p| p.text).unwrap_or_default();
        if !pred.trim().is_empty() {
            non_empty += 1;
        }
        let (tp, fp, fneg) = matching(truth, &pred);
        let both_clean = fp == 0.0 && fneg == 0.0;
        if tp + fp > 0.0 || both_clean {
            precisions.push(if both_clean { 1.0 } else { tp / (tp + fp) });
        }
        if tp + fneg > 0.0 || both_clean {
            recalls.push(if both_clean { 1.0 } else { tp / (tp + fneg) });
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = 2.0 * p * r / (p + r);
    eprintln!(
        "benchmark: pages={} non_empty={non_empty} precision={p:.3} recall={r:.3} f1={f1:.3}",
        gt.len()
    );
    assert!(non_empty >= 175, "only {non_empty} non-empty extractions");
    assert!(f1 >= 0.95, "F1 {f1:.3} below the 0.95 floor");
}
