//! Linking evaluation on labelled same-statement / different-statement
//! quote pairs (issue 6, point 7; docs/signals-eval.md).
//!
//! ```sh
//! python3 scripts/quote-pairs.py build --tsv > /tmp/pairs.tsv
//! cargo run --release -p newslens-signals --example pairs_eval -- /tmp/pairs.tsv
//! ```
//!
//! Reads the tab-separated pairs written by `scripts/quote-pairs.py build
//! --tsv` (a file argument, or standard input), decides every pair with
//! [`newslens_signals::same_statement`], checks that the incremental
//! [`SignalIndex`] links the same pairs, and prints precision, recall and F1
//! overall, per group (real / generated), per kind (transformation) and per
//! language, a sweep over the containment threshold and the shingle size,
//! and the misjudged pairs.

use newslens_signals::{shingles, ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;

/// One labelled pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub id: String,
    /// True when both quotes report the same statement.
    pub same: bool,
    /// "real" or "generated".
    pub group: String,
    /// The transformation ("real" for real pairs).
    pub kind: String,
    pub lang: String,
    pub a: String,
    pub b: String,
}

fn unescape(field: &str) -> Result<String, String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => return Err(format!("bad escape \\{}", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// Parses the TSV written by `quote-pairs.py build --tsv` (header line
/// first).
pub fn parse_tsv(text: &str) -> Result<Vec<Pair>, String> {
    let mut lines = text.lines();
    let header = lines.next().ok_or("empty input")?;
    if header != "id\tlabel\tgroup\tkind\tlang\ta\tb" {
        return Err(format!("unexpected header: {header}"));
    }
    let mut out = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 7 {
            return Err(format!("line {}: {} fields, expected 7", n + 2, f.len()));
        }
        let same = match f[1] {
            "same" => true,
            "different" => false,
            other => return Err(format!("line {}: label {other:?}", n + 2)),
        };
        out.push(Pair {
            id: f[0].to_string(),
            same,
            group: f[2].to_string(),
            kind: f[3].to_string(),
            lang: f[4].to_string(),
            a: unescape(f[5]).map_err(|e| format!("line {}: {e}", n + 2))?,
            b: unescape(f[6]).map_err(|e| format!("line {}: {e}", n + 2))?,
        });
    }
    Ok(out)
}

/// Confusion counts of a linking decision ("positive" = linked).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    pub fn add(&mut self, same: bool, linked: bool) {
        match (same, linked) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// None when nothing was linked.
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    /// None when there are no same-statement pairs.
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r))
    }

    /// Share of pairs decided right.
    pub fn accuracy(&self) -> Option<f64> {
        let n = self.tp + self.fp + self.fn_ + self.tn;
        (n > 0).then(|| (self.tp + self.tn) as f64 / n as f64)
    }
}

/// Counts overall and by group, kind and language, plus the misjudged
/// pairs.
#[derive(Debug, Default)]
pub struct Report {
    pub overall: Counts,
    pub by_group: BTreeMap<String, Counts>,
    pub by_kind: BTreeMap<String, Counts>,
    pub by_lang: BTreeMap<String, Counts>,
    /// Indices into the pairs of the wrong decisions.
    pub errors: Vec<usize>,
}

pub fn evaluate(pairs: &[Pair], decide: impl Fn(&str, &str) -> bool) -> Report {
    let mut r = Report::default();
    for (i, p) in pairs.iter().enumerate() {
        let linked = decide(&p.a, &p.b);
        r.overall.add(p.same, linked);
        r.by_group
            .entry(p.group.clone())
            .or_default()
            .add(p.same, linked);
        let kind = if p.group == "real" {
            format!("real ({})", if p.same { "same" } else { "different" })
        } else {
            p.kind.clone()
        };
        r.by_kind.entry(kind).or_default().add(p.same, linked);
        r.by_lang
            .entry(p.lang.clone())
            .or_default()
            .add(p.same, linked);
        if linked != p.same {
            r.errors.push(i);
        }
    }
    r
}

/// Whether the incremental index puts the two quotes in one cluster (each
/// quote in its own article).
pub fn index_links(a: &str, b: &str) -> bool {
    let mut idx = SignalIndex::new(SignalConfig::default());
    let mut arts = [0usize; 2];
    for (k, id) in ["a", "b"].iter().enumerate() {
        arts[k] = idx.add_article(&ArticleRef {
            id: (*id).to_string(),
            date: Some(format!("2024-01-0{}", k + 1)),
            outlet: None,
            text: String::new(),
        });
    }
    for (k, text) in [a, b].iter().enumerate() {
        idx.add_quote(&QuoteRef {
            id: format!("q{k}"),
            article: arts[k],
            text: (*text).to_string(),
            speaker: None,
        });
    }
    !idx.quote_clusters().is_empty()
}

/// Share of the shorter quote's word 3-grams found in the other (the
/// linker's similarity, recomputed here for the error list).
pub fn containment(a: &str, b: &str) -> f64 {
    shingles(a, 3).containment(&shingles(b, 3))
}

fn pct(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{:.1}", 100.0 * x),
        None => "–".to_string(),
    }
}

fn row(out: &mut String, name: &str, c: &Counts) {
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
        c.tp + c.fn_,
        c.fp + c.tn,
        c.tp,
        c.fp,
        c.fn_,
        pct(c.precision()),
        pct(c.recall()),
        pct(c.f1()),
    );
}

fn table(out: &mut String, title: &str, rows: &BTreeMap<String, Counts>) {
    let _ = writeln!(out, "\n{title}\n");
    let _ = writeln!(
        out,
        "| {title} | same | different | TP | FP | FN | precision % | recall % | F1 % |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    for (k, c) in rows {
        row(out, k, c);
    }
}

/// ’ ‘ ʼ replaced by the ASCII apostrophe.
pub fn straight_apostrophes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'")
}

fn shorten(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        let cut: String = flat.chars().take(n).collect();
        format!("{cut}…")
    }
}

/// The whole printed report (markdown tables).
pub fn render(pairs: &[Pair]) -> String {
    let mut out = String::new();
    let r = evaluate(pairs, newslens_signals::same_statement);
    let same = pairs.iter().filter(|p| p.same).count();
    let _ = writeln!(
        out,
        "{} pairs: {} same statement, {} different",
        pairs.len(),
        same,
        pairs.len() - same
    );
    let _ = writeln!(
        out,
        "\nLinking (same_statement, default configuration: 3-gram containment ≥ 0.7, or ≥ 0.5 with ≥ 6 common 3-grams)\n"
    );
    let _ = writeln!(
        out,
        "| set | same | different | TP | FP | FN | precision % | recall % | F1 % |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    row(&mut out, "all", &r.overall);
    for (k, c) in &r.by_group {
        row(&mut out, k, c);
    }
    table(&mut out, "kind", &r.by_kind);
    table(&mut out, "language", &r.by_lang);

    let disagree: Vec<&str> = pairs
        .iter()
        .filter(|p| index_links(&p.a, &p.b) != newslens_signals::same_statement(&p.a, &p.b))
        .map(|p| p.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\nSignalIndex (two articles, one quote each) agrees with same_statement on {} of {} pairs{}",
        pairs.len() - disagree.len(),
        pairs.len(),
        if disagree.is_empty() {
            String::new()
        } else {
            format!(" (differs: {})", disagree.join(", "))
        }
    );

    // Diagnostic, not the linker: the same decision after mapping the
    // typographic apostrophes (’ ‘ ʼ) to ' in both texts, to measure how
    // much the apostrophe variants alone cost.
    let apos = evaluate(pairs, |a, b| {
        newslens_signals::same_statement(&straight_apostrophes(a), &straight_apostrophes(b))
    });
    let _ = writeln!(
        out,
        "\nDiagnostic: same decision with typographic apostrophes mapped to ' first\n"
    );
    let _ = writeln!(
        out,
        "| set | same | different | TP | FP | FN | precision % | recall % | F1 % |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    row(&mut out, "all", &apos.overall);
    for (k, c) in &apos.by_group {
        row(&mut out, k, c);
    }
    let fixed: Vec<&str> = r
        .errors
        .iter()
        .filter(|i| !apos.errors.contains(i))
        .map(|&i| pairs[i].id.as_str())
        .collect();
    let broken: Vec<&str> = apos
        .errors
        .iter()
        .filter(|i| !r.errors.contains(i))
        .map(|&i| pairs[i].id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\nRight only after the mapping: {}; wrong only after it: {}",
        if fixed.is_empty() {
            "none".to_string()
        } else {
            fixed.join(", ")
        },
        if broken.is_empty() {
            "none".to_string()
        } else {
            broken.join(", ")
        },
    );

    let _ = writeln!(
        out,
        "\nThreshold sweep (SignalConfig.same_statement with quote_containment and quote_shingle changed, weak links off; quote_min_shingles 3)\n"
    );
    let _ = writeln!(
        out,
        "| shingle | containment ≥ | precision % | recall % | F1 % | real P % | real R % | real F1 % | generated P % | generated R % |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
    for n in [2usize, 3, 4] {
        for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
            let cfg = SignalConfig {
                quote_shingle: n,
                quote_containment: t,
                quote_weak_containment: t,
                ..SignalConfig::default()
            };
            let s = evaluate(pairs, |a, b| cfg.same_statement(a, b));
            let real = s.by_group.get("real").copied().unwrap_or_default();
            let gen = s.by_group.get("generated").copied().unwrap_or_default();
            let _ = writeln!(
                out,
                "| {n} | {t:.1} | {} | {} | {} | {} | {} | {} | {} | {} |",
                pct(s.overall.precision()),
                pct(s.overall.recall()),
                pct(s.overall.f1()),
                pct(real.precision()),
                pct(real.recall()),
                pct(real.f1()),
                pct(gen.precision()),
                pct(gen.recall()),
            );
        }
    }

    let _ = writeln!(
        out,
        "\nErrors ({}): FN = same statement not linked, FP = different statements linked\n",
        r.errors.len()
    );
    for &i in &r.errors {
        let p = &pairs[i];
        let _ = writeln!(
            out,
            "{} {} [{} {} {}] containment {:.2}\n    a: {}\n    b: {}",
            if p.same { "FN" } else { "FP" },
            p.id,
            p.group,
            p.kind,
            p.lang,
            containment(&p.a, &p.b),
            shorten(&p.a, 160),
            shorten(&p.b, 160),
        );
    }
    out
}

fn main() -> Result<(), String> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) if path != "-" => {
            text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        }
        _ => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("stdin: {e}"))?;
        }
    }
    let pairs = parse_tsv(&text)?;
    print!("{}", render(&pairs));
    Ok(())
}
