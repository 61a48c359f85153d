//! Role settings search: trains on every `Train` language (or those in
//! `LANGS`), reports cross-validated and `Development` main-role accuracy
//! and exact-match ratio.
//! `cargo run --release -p newslens-narratives --example roles_dev -- DATASETS_DIR`
//! Env: DENSE=1 (add the mention sentence's embedding as dense features;
//! needs the fetched encoder), DSCALE (dense factor, default 1), EPOCHS, L2,
//! KEEP, LANGS (train languages, e.g. EN,BG).

use newslens_narratives::*;
use std::collections::HashMap;
use std::path::Path;

fn byte(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/semeval2025-task10/Datasets".into());
    let root = Path::new(&root);
    let embedder = std::env::var("DENSE")
        .is_ok_and(|v| v != "0")
        .then(|| MentionEmbedder::new(newslens_embed::load_cached().expect("encoder")));
    let mut train = SemevalCorpus::read_all(&root.join("Train")).expect("train");
    if let Ok(langs) = std::env::var("LANGS") {
        let keep: std::collections::HashSet<String> = train
            .docs
            .iter()
            .filter(|d| langs.split(',').any(|l| l.eq_ignore_ascii_case(&d.lang)))
            .map(|d| d.id.clone())
            .collect();
        train.roles.retain(|r| keep.contains(&r.id));
    }
    let devs: Vec<(&str, SemevalCorpus)> = ["EN", "BG", "HI", "PT", "RU"]
        .into_iter()
        .map(|l| {
            (
                l,
                SemevalCorpus::read_language(&root.join("Development").join(l)).expect("dev"),
            )
        })
        .collect();
    // Embed every mention once (with DENSE): key (text address, start char).
    let mut keys = Vec::new();
    let mut spans = Vec::new();
    for c in std::iter::once(&train).chain(devs.iter().map(|(_, c)| c)) {
        let texts: HashMap<&str, &str> = c
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect();
        for r in &c.roles {
            if let Some(t) = texts.get(r.id.as_str()) {
                keys.push((t.as_ptr() as usize, r.start));
                spans.push((*t, byte(t, r.start), byte(t, r.end + 1)));
            }
        }
    }
    let t0 = std::time::Instant::now();
    let vecs = embedder.map_or_else(Vec::new, |e| e.embed(&spans));
    eprintln!("{} mentions embedded in {:?}", vecs.len(), t0.elapsed());
    let table: HashMap<(usize, usize), Vec<f32>> = keys.into_iter().zip(vecs).collect();
    let lookup = |t: &str, s: usize| {
        table
            .get(&(t.as_ptr() as usize, s))
            .cloned()
            .unwrap_or_default()
    };
    let mut tr = RoleTrainer::default();
    if let Ok(v) = std::env::var("DSCALE") {
        tr.dense_scale = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("EPOCHS") {
        tr.linear.epochs = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("L2") {
        tr.linear.l2 = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("KEEP") {
        tr.keep_per_label = v.parse().unwrap();
    }
    let model = tr.train_with(&train, "dev search".into(), &|t, s, _| lookup(t, s));
    eprintln!("cv {:?}; second {}", model.cv, model.second_fine);
    for (l, dev) in &devs {
        let texts: HashMap<&str, &str> = dev
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect();
        let rows: Vec<RoleRow> = dev
            .roles
            .iter()
            .filter(|r| texts.contains_key(r.id.as_str()))
            .cloned()
            .collect();
        let pred: Vec<PredictedRole> = rows
            .iter()
            .map(|r| {
                let t = texts[r.id.as_str()];
                model.decide(
                    &model.probs_with(&mention_context(t, r.start, r.end + 1), lookup(t, r.start)),
                )
            })
            .collect();
        let (acc, emr) = role_scores(&rows, &pred);
        let mains: HashMap<&str, usize> = pred.iter().fold(HashMap::new(), |mut m, p| {
            *m.entry(p.main.as_str()).or_default() += 1;
            m
        });
        println!(
            "dev {l}: main accuracy {acc:.3} EMR {emr:.3} ({} rows) predicted {mains:?}",
            rows.len()
        );
    }
}
