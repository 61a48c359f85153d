//! Role settings search: trains on every `Train` language (or those in
//! `LANGS`), reports cross-validated and `Development` main-role accuracy
//! and exact-match ratio.
//! `cargo run --release -p newslens-narratives --example roles_dev -- DATASETS_DIR`
//! Env: DENSE=1 (add the mention sentence's embedding as dense features;
//! needs the fetched encoder), DSCALE (dense factor, default 1), EPOCHS, L2,
//! SEED (SGD shuffling seed, default 7), POOL (dev: average the role
//! probabilities over up to this many occurrences of the mention's text),
//! KEEP, LANGS (train languages, e.g. EN,BG), CUES (cue groups, e.g.
//! art,side,ent,loc; see `role_cues`), CSCALE (value of a cue feature),
//! CMIN (cue occurrences needed), GOLD=1 (train on gold narratives' article
//! cues; dev always uses predicted ones), OOF=1 (train on out-of-fold
//! predicted narratives), FINECUES (cue groups of the fine roles; empty:
//! words only; unset: the default, words only), FINEWITHIN=1 (each fine
//! role learned on the mentions of its main role only),
//! BIAS=1 / BIAS=0 (main-role bias by CV or not). Unset variables keep
//! `RoleTrainer::default()` (since session 4: CUES=art,side,ent,loc
//! CSCALE=0.5 FINECUES= BIAS=1; the words-only model of sessions 2–3 is
//! `CUES= BIAS=0`). STACK=m (second stage on the out-of-fold
//! probabilities plus the article's language and stance, weight m); the
//! cue group `lng` (the article's language, alone and crossed with the
//! entity's side) exists since session 5. SHOW=EN (print
//! that language's predictions), ENW (English rows counted this many
//! times).

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
    // ENW=k: English training rows counted k times (duplicated).
    if let Ok(k) = std::env::var("ENW") {
        let k: usize = k.parse().unwrap();
        let en: Vec<RoleRow> = train
            .roles
            .iter()
            .filter(|r| r.id.starts_with("EN_"))
            .cloned()
            .collect();
        for _ in 1..k {
            train.roles.extend(en.iter().cloned());
        }
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
    if let Ok(v) = std::env::var("SEED") {
        tr.linear.seed = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("L2") {
        tr.linear.l2 = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("KEEP") {
        tr.keep_per_label = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("CUES") {
        tr.cue_groups = v
            .split(',')
            .filter(|g| !g.is_empty())
            .map(String::from)
            .collect();
    }
    if let Ok(v) = std::env::var("CSCALE") {
        tr.cue_scale = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("CMIN") {
        tr.cue_min = v.parse().unwrap();
    }
    tr.gold_narratives = std::env::var("GOLD").is_ok_and(|v| v != "0");
    tr.oof_narratives = std::env::var("OOF").is_ok_and(|v| v != "0");
    tr.fine_within_main = std::env::var("FINEWITHIN").is_ok_and(|v| v != "0");
    if let Ok(v) = std::env::var("FINECUES") {
        tr.fine_cue_groups = Some(
            v.split(',')
                .filter(|g| !g.is_empty())
                .map(String::from)
                .collect(),
        );
    }
    if let Ok(v) = std::env::var("STACK") {
        tr.stack_mix = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("BIAS") {
        tr.main_bias = v != "0";
    }
    let (model, oof) = tr.train_cv(&train, "dev search".into(), &|t, s, _| lookup(t, s));
    let lang: HashMap<&str, &str> = train
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.lang.as_str()))
        .collect();
    for l in ["EN", "BG", "HI", "PT", "RU"] {
        let (g, p): (Vec<RoleRow>, Vec<PredictedRole>) = oof
            .iter()
            .filter(|(r, _)| lang.get(r.id.as_str()) == Some(&l))
            .cloned()
            .unzip();
        let (acc, emr) = role_scores(&g, &p);
        println!(
            "cv {l}: main accuracy {acc:.3} EMR {emr:.3} ({} rows)",
            g.len()
        );
    }
    eprintln!(
        "cv {:?}; second {}; {} cues; main bias {:?}",
        model.cv,
        model.second_fine,
        model.cues.len(),
        model.main_bias
    );
    let pool: usize = std::env::var("POOL").map_or(1, |v| v.parse().unwrap());
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
                let mut p =
                    model.probs_with(&mention_context(t, r.start, r.end + 1), lookup(t, r.start));
                if pool > 1 {
                    // Averaged with the other occurrences of the mention's
                    // text in the article (at most `pool` in all).
                    let len = r.end + 1 - r.start;
                    let mut n = 1.0;
                    for (b, _) in t.match_indices(r.mention.as_str()) {
                        let c = t[..b].chars().count();
                        if c == r.start || n >= pool as f32 || r.mention.is_empty() {
                            continue;
                        }
                        let q = model.probs_with(&mention_context(t, c, c + len), Vec::new());
                        p.iter_mut().zip(&q).for_each(|(a, b)| *a += b);
                        n += 1.0;
                    }
                    p.iter_mut().for_each(|a| *a /= n);
                }
                model.decide(&p)
            })
            .collect();
        let (acc, emr) = role_scores(&rows, &pred);
        if std::env::var("SHOW").is_ok_and(|v| v.eq_ignore_ascii_case(l)) {
            for (r, p) in rows.iter().zip(&pred) {
                println!(
                    "  {}\t{}\tgold {} {:?}\tpred {} {:?} {:.2}",
                    r.id, r.mention, r.main, r.fine, p.main, p.fine, p.score
                );
            }
        }
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
