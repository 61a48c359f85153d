//! Settings search on the development set: trains on `Datasets/Train` (all
//! languages, or those named in `LANGS`), reports cross-validated F1 on Train
//! and F1 on each `Development` language.
//! `cargo run --release -p newslens-narratives --example narratives_dev -- DATASETS_DIR`
//! Env (unset: `NarrativeTrainer::default()`): POSW, EPOCHS, L2, KEEP,
//! MINDF, SEED (SGD shuffling seed, default 7), SEEDS=n (average the
//! weights of n models with seeds SEED, SEED+1, …), ONE_DOMAIN=0, DENSE=1 and
//! DSCALE (encoder features), SHRINK=k (per-label threshold offsets shrunk
//! by n/(n+k); prints the nested CV), DOMOFF=1 (offsets per domain and
//! level), STACK=m (second stage on out-of-fold probabilities, weight m),
//! EXPL=1 (subtask-3 explanations as training texts), COND=1 (each
//! sub-narrative learned on its narrative's articles), KNNMIX=m and KNN=k
//! (vote of the k most similar training articles, weight m), KNNDENSE=1
//! (with DENSE=1: the vote compares sentence embeddings, the classifiers
//! read the words only), PASSAGE=m
//! (passage-level classifiers, max over passages, weight m), DUPFOLDS=c
//! (CV folds keep articles with TF-IDF cosine ≥ c together), OTHER=1 (an
//! "Other" classifier; the decision may keep the best narrative when
//! "Other" is unlikely), DUPES=1
//! (print how close each article's nearest Train article is), WRITE=DIR
//! (write the dev predictions), DEBUG=1.

use newslens_narratives::*;
use std::path::Path;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/semeval2025-task10/Datasets".into());
    let root = Path::new(&root);
    let langs: Vec<String> = std::env::var("LANGS")
        .unwrap_or_else(|_| "BG,EN,HI,PT,RU".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let mut train = SemevalCorpus::default();
    for l in &langs {
        train.extend(SemevalCorpus::read_language(&root.join("Train").join(l)).expect("train"));
    }
    let mut t = NarrativeTrainer::default();
    if let Ok(v) = std::env::var("EPOCHS") {
        t.linear.epochs = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("L2") {
        t.linear.l2 = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("POSW") {
        t.linear.positive_weight = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("KEEP") {
        t.keep_per_label = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("MINDF") {
        t.min_df = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("STACK") {
        t.stack_mix = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("SHRINK") {
        t.offset_shrink = Some(v.parse().unwrap());
    }
    if let Ok(v) = std::env::var("KNNMIX") {
        t.knn_mix = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("SEEDS") {
        t.seeds = v.parse().unwrap();
    }
    t.knn_dense = std::env::var("KNNDENSE").is_ok_and(|v| v == "1");
    t.other_label = std::env::var("OTHER").is_ok_and(|v| v == "1");
    if let Ok(v) = std::env::var("DUPFOLDS") {
        t.duplicate_folds = Some(v.parse().unwrap());
    }
    if let Ok(v) = std::env::var("PASSAGE") {
        t.passage_mix = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("KNN") {
        t.knn = v.parse().unwrap();
    }
    t.domain_offsets = std::env::var("DOMOFF").is_ok_and(|v| v == "1");
    t.conditional = std::env::var("COND").is_ok_and(|v| v == "1");
    t.explanations = std::env::var("EXPL").is_ok_and(|v| v == "1");
    if let Ok(v) = std::env::var("SEED") {
        t.linear.seed = v.parse().unwrap();
    }
    t.one_domain = std::env::var("ONE_DOMAIN").map_or(true, |v| v != "0");
    let start = std::time::Instant::now();
    let embedder = std::env::var("DENSE")
        .is_ok()
        .then(|| ArticleEmbedder::new(newslens_embed::load_cached().expect("model")));
    if let Ok(v) = std::env::var("DSCALE") {
        t.dense_scale = v.parse().unwrap();
    }
    let dense = |t: &str| embedder.as_ref().map(|e| e.embed(t)).unwrap_or_default();
    let model = t.train(&train, &dense, "dev search".into());
    eprintln!(
        "trained on {} docs in {:.1}s; decision {:?}; cv {:?}; nested {:?}; vocab {}",
        train.narratives.len(),
        start.elapsed().as_secs_f32(),
        model.decision,
        model.cv_f1,
        model.cv_nested,
        model.featurizer.len()
    );
    let train_vecs: Vec<Sparse> = if std::env::var("DUPES").is_ok_and(|v| v == "1") {
        let docs: Vec<&TaskDoc> = train
            .docs
            .iter()
            .filter(|d| train.narratives.contains_key(&d.id))
            .collect();
        let vecs: Vec<Sparse> = docs
            .iter()
            .map(|d| model.featurizer.transform(&d.text))
            .collect();
        let best: Vec<f32> = (0..vecs.len())
            .map(|i| {
                (0..vecs.len())
                    .filter(|&j| j != i)
                    .map(|j| newslens_core::sparse_dot(&vecs[i], &vecs[j]))
                    .fold(0.0, f32::max)
            })
            .collect();
        report_similar("train (to the other Train articles)", &best);
        vecs
    } else {
        Vec::new()
    };
    for l in ["EN", "BG", "HI", "PT", "RU"] {
        let dev = SemevalCorpus::read_language(&root.join("Development").join(l)).expect("dev");
        let docs: Vec<&TaskDoc> = dev
            .docs
            .iter()
            .filter(|d| dev.narratives.contains_key(&d.id))
            .collect();
        let gold: Vec<_> = docs.iter().map(|d| dev.narratives[&d.id].clone()).collect();
        let pred: Vec<_> = docs
            .iter()
            .map(|d| {
                label_sets(&model.decide(
                    &model.article_probs(&d.text, Some(dense(&d.text)).filter(|v| !v.is_empty())),
                    &model.decision,
                ))
            })
            .collect();
        if std::env::var("DEBUG").is_ok() {
            for (d, g) in docs.iter().zip(&gold).take(4) {
                debug(&model, &d.text, g, embedder.as_ref());
            }
        }
        if !train_vecs.is_empty() {
            let best: Vec<f32> = docs
                .iter()
                .map(|d| {
                    let v = model.featurizer.transform(&d.text);
                    train_vecs
                        .iter()
                        .map(|t| newslens_core::sparse_dot(&v, t))
                        .fold(0.0, f32::max)
                })
                .collect();
            report_similar(&format!("dev {l} (to Train)"), &best);
        }
        let (c, f) = samples_f1(&gold, &pred);
        println!("dev {l}: coarse {c:.3} fine {f:.3} ({} docs)", docs.len());
        if let Ok(dir) = std::env::var("WRITE") {
            let mut out = String::new();
            for (d, (c, f)) in docs.iter().zip(&pred) {
                out.push_str(&format!("{}\t{}\t{}\n", d.id, c.join(";"), f.join(";")));
            }
            std::fs::write(Path::new(&dir).join(format!("dev-{l}.tsv")), out).unwrap();
        }
    }
}

/// Prints how close each article's most similar Train article is.
fn report_similar(what: &str, best: &[f32]) {
    let n = best.len().max(1) as f32;
    let share = |t: f32| best.iter().filter(|&&b| b >= t).count() as f32 / n;
    println!(
        "nearest Train article, {what}: mean cosine {:.3}; ≥ 0.5: {:.1} %; ≥ 0.8: {:.1} % ({} articles)",
        best.iter().sum::<f32>() / n,
        100.0 * share(0.5),
        100.0 * share(0.8),
        best.len()
    );
}

#[allow(dead_code)]
fn debug(
    model: &NarrativeModel,
    text: &str,
    gold: &(Vec<String>, Vec<String>),
    e: Option<&ArticleEmbedder>,
) {
    let p = model.article_probs(text, e.map(|e| e.embed(text)));
    let mut idx: Vec<usize> = (0..p.len()).collect();
    idx.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    eprintln!("gold {:?}", gold);
    eprintln!("pred {:?}", label_sets(&model.decide(&p, &model.decision)));
    for &i in idx.iter().take(6) {
        eprintln!("  {:.3} {}", p[i], model.head.labels[i]);
    }
}
