//! Evaluates boilerplate/metadata removal against the hand-made gold file
//! `tests/data/boilerplate-gold.tsv` on the SemEval-2025 Task 10 documents.
//!
//! ```text
//! cargo run --release -p newslens-clean --example boilerplate_eval            # figures
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --dump  # every removal, all docs
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --sample # the sampled ids
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --show ID # numbered body lines
//! ```
//!
//! A gold row is `id<TAB>line<TAB>label` where `line` is the 0-based index
//! of a non-blank line of the body (the file after its title line and the
//! blank line, counting only non-blank lines) and `label` one of
//! `boilerplate`, `dateline`, `byline`, `credit`, `date` (removed material);
//! a sampled article with nothing to remove has one row `id<TAB>-<TAB>none`.
//! A line counts as removed by the Cleaner when none of its words survive in
//! the same place of the clean text (see `removed_lines`).

use newslens_clean::{CleanConfig, Cleaner, HomoglyphRepair, Normalizer};
use newslens_core::Document;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `shared/` inside the workspace or beside it.
fn data_dir() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../../shared", "../../../shared"]
        .iter()
        .map(|p| crate_dir.join(p).join("data/semeval2025-task10/Datasets"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| crate_dir.join("../../shared/data/semeval2025-task10/Datasets"))
}

const LANGS: [&str; 5] = ["BG", "EN", "HI", "PT", "RU"];

/// All Train raw documents and Development documents, by language, deduplicated by file name.
fn documents(base: &Path) -> BTreeMap<&'static str, BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    for lang in LANGS {
        let mut files = BTreeMap::new();
        let mut dirs = vec![base.join("Train").join(lang).join("raw-documents")];
        for sub in [
            "subtask-1-documents",
            "subtask-2-documents",
            "subtask-3-documents",
        ] {
            dirs.push(base.join("Development").join(lang).join(sub));
        }
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if name.ends_with(".txt") {
                    files.entry(name).or_insert(e.path());
                }
            }
        }
        out.insert(lang, files);
    }
    out
}

/// Title and body lines (non-blank, trimmed) of a raw file.
fn read(path: &Path) -> Option<(String, Vec<String>, String)> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let lines = body
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    Some((title.trim().to_string(), lines, body.to_string()))
}

/// A small deterministic generator (SplitMix64) for the fixed-seed sample.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// 20 ids per language, chosen with seed 2025 (partial Fisher–Yates).
fn sample(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>) -> Vec<(String, PathBuf)> {
    let mut rng = Rng(2025);
    let mut out = Vec::new();
    for lang in LANGS {
        let mut ids: Vec<(&String, &PathBuf)> = docs[lang].iter().collect();
        let k = 20.min(ids.len());
        for i in 0..k {
            let j = i + (rng.next() % (ids.len() - i) as u64) as usize;
            ids.swap(i, j);
        }
        out.extend(ids[..k].iter().map(|(a, b)| ((*a).clone(), (*b).clone())));
    }
    out
}

/// Indexes of body lines the Cleaner removed. A line is kept when its
/// normalised form is a paragraph of the clean text, or (for lines of 20+
/// characters) when the paragraphs contain its first or last 20 characters
/// (a cut dateline or inline teaser, a joined hard wrap).
fn removed_lines(lines: &[String], text: &str) -> BTreeSet<usize> {
    let normalizer = Normalizer::new();
    let repair = HomoglyphRepair::new();
    let paras: Vec<&str> = text.split("\n\n").collect();
    let mut removed = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let n = normalizer.normalize(line);
        let n = repair.repair(&n);
        let n = n.trim();
        if n.is_empty() {
            continue;
        }
        let chars: Vec<char> = n.chars().collect();
        let kept = if chars.len() < 20 {
            paras
                .iter()
                .any(|p| *p == n || p.starts_with(n) || p.ends_with(n))
        } else {
            let head: String = chars[..20].iter().collect();
            let tail: String = chars[chars.len() - 20..].iter().collect();
            paras.iter().any(|p| p.contains(&head) || p.contains(&tail))
        };
        if !kept {
            removed.insert(i);
        }
    }
    removed
}

fn clean(title: &str, body: &str) -> Document {
    let mut doc = Document::new("x", body);
    doc.title = Some(title.to_string());
    Cleaner::new(CleanConfig::default()).clean(&mut doc);
    doc
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = data_dir();
    let docs = documents(&base);
    if docs.values().all(BTreeMap::is_empty) {
        eprintln!(
            "no SemEval data under {}; nothing to evaluate",
            base.display()
        );
        return;
    }
    match args.first().map(String::as_str) {
        Some("--sample") => {
            for (id, _) in sample(&docs) {
                println!("{id}");
            }
            return;
        }
        Some("--show") => {
            for id in &args[1..] {
                let path = docs.values().find_map(|m| m.get(id)).expect("unknown id");
                let (title, lines, body) = read(path).expect("read");
                let doc = clean(&title, &body);
                let removed = removed_lines(&lines, &doc.text);
                println!("## {id} | {title}");
                for (i, l) in lines.iter().enumerate() {
                    let mark = if removed.contains(&i) { "X" } else { " " };
                    let short: String = l.chars().take(160).collect();
                    println!("{mark}{i:3} {short}");
                }
                println!(
                    "   meta: published={:?} byline={:?} credits={:?}",
                    doc.published, doc.byline, doc.credits
                );
            }
            return;
        }
        Some("--dump") => {
            for files in docs.values() {
                for (id, path) in files {
                    let Some((title, _, body)) = read(path) else {
                        continue;
                    };
                    let doc = clean(&title, &body);
                    for b in &doc.boilerplate {
                        println!("{id}\tBP\t{}", b.chars().take(150).collect::<String>());
                    }
                    if doc.published.is_some() || doc.byline.is_some() || !doc.credits.is_empty() {
                        println!(
                            "{id}\tMETA\t{:?} {:?} {:?}",
                            doc.published, doc.byline, doc.credits
                        );
                    }
                }
            }
            return;
        }
        _ => {}
    }
    evaluate(&docs);
}

fn evaluate(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>) {
    let gold_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/boilerplate-gold.tsv");
    let gold_text = std::fs::read_to_string(&gold_path).expect("gold file");
    let mut gold: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for line in gold_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let entry = gold.entry(cols[0].to_string()).or_default();
        if let Some(i) = cols.get(1).and_then(|c| c.parse::<usize>().ok()) {
            entry.insert(i);
        }
    }
    // (tp, fp, fn, articles, lines)
    let mut per: BTreeMap<&str, (usize, usize, usize, usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (id, removed_gold) in &gold {
        let Some((lang, path)) = LANGS.iter().find_map(|l| docs[l].get(id).map(|p| (*l, p))) else {
            eprintln!("gold id {id} not found in the data");
            continue;
        };
        let (title, lines, body) = read(path).expect("read");
        let doc = clean(&title, &body);
        let removed = removed_lines(&lines, &doc.text);
        let e = per.entry(lang).or_default();
        e.3 += 1;
        e.4 += lines.len();
        for i in removed.union(removed_gold) {
            match (removed.contains(i), removed_gold.contains(i)) {
                (true, true) => e.0 += 1,
                (true, false) => {
                    e.1 += 1;
                    errors.push(format!("FP {id} line {i}"));
                }
                (false, true) => {
                    e.2 += 1;
                    errors.push(format!("FN {id} line {i}"));
                }
                _ => {}
            }
        }
    }
    let pr = |tp: usize, fp: usize, fn_: usize| {
        let p = if tp + fp == 0 {
            f64::NAN
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            f64::NAN
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        (p, r)
    };
    println!("| lang | articles | lines | gold removals | removed by Cleaner | TP | FP | FN | precision | recall |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut all = (0, 0, 0, 0, 0);
    for (lang, &(tp, fp, fn_, n, l)) in &per {
        let (p, r) = pr(tp, fp, fn_);
        println!(
            "| {lang} | {n} | {l} | {} | {} | {tp} | {fp} | {fn_} | {p:.3} | {r:.3} |",
            tp + fn_,
            tp + fp
        );
        all = (all.0 + tp, all.1 + fp, all.2 + fn_, all.3 + n, all.4 + l);
    }
    let (p, r) = pr(all.0, all.1, all.2);
    println!(
        "| all | {} | {} | {} | {} | {} | {} | {} | {p:.3} | {r:.3} |",
        all.3,
        all.4,
        all.0 + all.2,
        all.0 + all.1,
        all.0,
        all.1,
        all.2
    );
    for e in errors {
        eprintln!("{e}");
    }
}
