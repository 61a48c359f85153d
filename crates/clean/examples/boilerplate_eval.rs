//! Evaluates boilerplate/metadata removal against the hand-made gold files
//! on the SemEval-2025 Task 10 documents:
//! `tests/data/boilerplate-gold.tsv` (100 articles, seed 2025, 20 per
//! language; the rules were tuned while looking at it) and
//! `tests/data/boilerplate-gold-heldout.tsv` (50 more articles, seed 7, 10
//! per language, labelled from the raw text before running the Cleaner on
//! them and not used for tuning).
//!
//! ```text
//! cargo run --release -p newslens-clean --example boilerplate_eval               # figures
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --dump     # every removal, all docs
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --sample    # the sampled ids
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --heldout   # the held-out ids
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --show ID   # body lines, X = removed
//! cargo run --release -p newslens-clean --example boilerplate_eval -- --raw ID    # body lines, no Cleaner
//! ```
//!
//! A gold row is `id<TAB>line<TAB>label` where `line` is the 0-based index
//! of a non-blank line of the body (the file after its title line and the
//! blank line, counting only non-blank lines) and `label` one of
//! `boilerplate`, `dateline`, `byline`, `credit`, `date` (removed material);
//! a sampled article with nothing to remove has one row `id<TAB>-<TAB>none`.
//! A line counts as removed by the Cleaner when none of its words survive in
//! the same place of the clean text (see `removed_lines`).

use newslens_clean::{
    CleanConfig, Cleaner, HomoglyphRepair, LineCounts, Normalizer, RepeatedLineFilter,
};
use newslens_core::{Document, Stage};
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

/// `per_lang` ids per language, chosen with `seed` (partial Fisher–Yates),
/// leaving out `exclude`.
fn sample_with(
    docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>,
    seed: u64,
    per_lang: usize,
    exclude: &BTreeSet<String>,
) -> Vec<(String, PathBuf)> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for lang in LANGS {
        let mut ids: Vec<(&String, &PathBuf)> = docs[lang]
            .iter()
            .filter(|(id, _)| !exclude.contains(*id))
            .collect();
        let k = per_lang.min(ids.len());
        for i in 0..k {
            let j = i + (rng.next() % (ids.len() - i) as u64) as usize;
            ids.swap(i, j);
        }
        out.extend(ids[..k].iter().map(|(a, b)| ((*a).clone(), (*b).clone())));
    }
    out
}

/// The tuning sample: 20 ids per language, seed 2025.
fn sample(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>) -> Vec<(String, PathBuf)> {
    sample_with(docs, 2025, 20, &BTreeSet::new())
}

/// The held-out sample: 10 more ids per language, seed 7.
fn heldout(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>) -> Vec<(String, PathBuf)> {
    let first: BTreeSet<String> = sample(docs).into_iter().map(|(id, _)| id).collect();
    sample_with(docs, 7, 10, &first)
}

/// Indexes of body lines the Cleaner removed, and of kept lines whose start
/// it cut (a dateline). A line is kept when its normalised form is a
/// paragraph of the clean text, or (for lines of 20+ characters) when the
/// paragraphs contain its first or last 20 characters (a cut dateline or
/// inline teaser, a joined hard wrap); its start is cut when only the last
/// 20 characters are found.
fn removed_lines(lines: &[String], text: &str) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let normalizer = Normalizer::new();
    let repair = HomoglyphRepair::new();
    let paras: Vec<&str> = text.split("\n\n").collect();
    let mut removed = BTreeSet::new();
    let mut cut = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let n = normalizer.normalize(line);
        let n = repair.repair(&n);
        let n = n.trim();
        if n.is_empty() {
            continue;
        }
        let chars: Vec<char> = n.chars().collect();
        if chars.len() < 20 {
            if !paras
                .iter()
                .any(|p| *p == n || p.starts_with(n) || p.ends_with(n))
            {
                removed.insert(i);
            }
        } else {
            let head: String = chars[..20].iter().collect();
            let tail: String = chars[chars.len() - 20..].iter().collect();
            let has_head = paras.iter().any(|p| p.contains(&head));
            let has_tail = paras.iter().any(|p| p.contains(&tail));
            if !has_head && !has_tail {
                removed.insert(i);
            } else if !has_head {
                cut.insert(i);
            }
        }
    }
    (removed, cut)
}

/// Paragraph counts over the whole corpus, when `--corpus` asks for the
/// `repeated-lines` stage after `clean` (as `newslens annotate` runs it).
static CORPUS: std::sync::OnceLock<std::sync::Arc<LineCounts>> = std::sync::OnceLock::new();

fn clean(title: &str, body: &str) -> Document {
    let mut doc = Document::new("x", body);
    doc.title = Some(title.to_string());
    let config = CleanConfig::default();
    Cleaner::new(config.clone()).clean(&mut doc);
    if let Some(counts) = CORPUS.get() {
        RepeatedLineFilter::new(counts.clone(), config.repeated_min_docs)
            .process(&mut doc)
            .expect("the filter never fails");
    }
    doc
}

fn count_corpus(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>) -> LineCounts {
    let mut counts = LineCounts::new();
    for files in docs.values() {
        for path in files.values() {
            if let Some((title, _, body)) = read(path) {
                let mut doc = Document::new("x", body.as_str());
                doc.title = Some(title);
                Cleaner::new(CleanConfig::default()).clean(&mut doc);
                counts.add(&LineCounts::keys(&doc.text));
            }
        }
    }
    counts
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args.iter().any(|a| a == "--corpus");
    args.retain(|a| a != "--corpus");
    let base = data_dir();
    let docs = documents(&base);
    if docs.values().all(BTreeMap::is_empty) {
        eprintln!(
            "no SemEval data under {}; nothing to evaluate",
            base.display()
        );
        return;
    }
    if corpus {
        let counts = count_corpus(&docs);
        eprintln!(
            "repeated-lines stage on, over {} documents",
            counts.documents()
        );
        let _ = CORPUS.set(std::sync::Arc::new(counts));
    }
    match args.first().map(String::as_str) {
        Some("--sample") => {
            for (id, _) in sample(&docs) {
                println!("{id}");
            }
            return;
        }
        Some("--heldout") => {
            for (id, _) in heldout(&docs) {
                println!("{id}");
            }
            return;
        }
        Some("--raw") => {
            for id in &args[1..] {
                let path = docs.values().find_map(|m| m.get(id)).expect("unknown id");
                let (title, lines, _) = read(path).expect("read");
                println!("## {id} | {title}");
                for (i, l) in lines.iter().enumerate() {
                    let short: String = l.chars().take(200).collect();
                    println!("{i:3} {short}");
                }
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
                    let mark = if removed.0.contains(&i) {
                        "X"
                    } else if removed.1.contains(&i) {
                        "C"
                    } else {
                        " "
                    };
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

/// Counts of one language.
#[derive(Default, Clone, Copy)]
struct Counts {
    articles: usize,
    lines: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    dateline_gold: usize,
    dateline_cut: usize,
    dateline_false: usize,
}

fn evaluate(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>) {
    for (name, file) in [
        (
            "Tuning sample (100 articles, seed 2025)",
            "boilerplate-gold.tsv",
        ),
        (
            "Held-out sample (50 articles, seed 7)",
            "boilerplate-gold-heldout.tsv",
        ),
    ] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(file);
        if path.exists() {
            println!("## {name}: {file}\n");
            evaluate_file(docs, &path);
            println!();
        }
    }
}

fn evaluate_file(docs: &BTreeMap<&'static str, BTreeMap<String, PathBuf>>, gold_path: &Path) {
    let gold_text = std::fs::read_to_string(gold_path).expect("gold file");
    // id -> (removed lines, dateline lines)
    let mut gold: BTreeMap<String, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
    for line in gold_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let entry = gold.entry(cols[0].to_string()).or_default();
        if let Some(i) = cols.get(1).and_then(|c| c.parse::<usize>().ok()) {
            if cols.get(2) == Some(&"dateline") {
                entry.1.insert(i);
            } else {
                entry.0.insert(i);
            }
        }
    }
    let mut per: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    for (id, (gold_removed, gold_datelines)) in &gold {
        let Some((lang, path)) = LANGS.iter().find_map(|l| docs[l].get(id).map(|p| (*l, p))) else {
            eprintln!("gold id {id} not found in the data");
            continue;
        };
        let (title, lines, body) = read(path).expect("read");
        let doc = clean(&title, &body);
        let (removed, cut) = removed_lines(&lines, &doc.text);
        let c = per.entry(lang).or_default();
        c.articles += 1;
        c.lines += lines.len();
        for i in removed.union(gold_removed) {
            match (removed.contains(i), gold_removed.contains(i)) {
                (true, true) => c.tp += 1,
                (true, false) => {
                    c.fp += 1;
                    errors.push(format!("wrongly removed: {id} line {i}"));
                }
                (false, true) => {
                    c.fn_ += 1;
                    errors.push(format!("kept boilerplate: {id} line {i}"));
                }
                _ => {}
            }
        }
        c.dateline_gold += gold_datelines.len();
        c.dateline_cut += gold_datelines.intersection(&cut).count();
        c.dateline_false += cut.difference(gold_datelines).count();
        for i in gold_datelines.difference(&cut) {
            errors.push(format!("dateline not cut: {id} line {i}"));
        }
        for i in cut.difference(gold_datelines) {
            errors.push(format!("start cut without a gold dateline: {id} line {i}"));
        }
    }
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            "n/a".to_string()
        } else {
            format!("{:.3}", a as f64 / b as f64)
        }
    };
    println!("Line removal (boilerplate, date, byline and credit lines):\n");
    println!("| lang | articles | body lines | gold removals | removed by Cleaner | correct | wrongly removed | missed | precision | recall |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut all = Counts::default();
    for (lang, c) in &per {
        println!(
            "| {lang} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.articles,
            c.lines,
            c.tp + c.fn_,
            c.tp + c.fp,
            c.tp,
            c.fp,
            c.fn_,
            ratio(c.tp, c.tp + c.fp),
            ratio(c.tp, c.tp + c.fn_)
        );
        all.articles += c.articles;
        all.lines += c.lines;
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        all.dateline_gold += c.dateline_gold;
        all.dateline_cut += c.dateline_cut;
        all.dateline_false += c.dateline_false;
    }
    let c = all;
    println!(
        "| all | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        c.articles,
        c.lines,
        c.tp + c.fn_,
        c.tp + c.fp,
        c.tp,
        c.fp,
        c.fn_,
        ratio(c.tp, c.tp + c.fp),
        ratio(c.tp, c.tp + c.fn_)
    );
    println!("\nDateline prefixes (cut from the first paragraph):\n");
    println!("| lang | gold datelines | cut | cut where gold has none |");
    println!("|---|---|---|---|");
    for (lang, c) in &per {
        println!(
            "| {lang} | {} | {} | {} |",
            c.dateline_gold, c.dateline_cut, c.dateline_false
        );
    }
    println!(
        "| all | {} | {} | {} |",
        all.dateline_gold, all.dateline_cut, all.dateline_false
    );
    for e in errors {
        eprintln!("{e}");
    }
}
