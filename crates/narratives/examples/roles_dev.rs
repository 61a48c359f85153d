//! Role settings search: trains on every `Train` language, reports
//! cross-validated and `Development` main-role accuracy and exact-match ratio.
//! `cargo run --release -p newslens-narratives --example roles_dev -- DATASETS_DIR`

use newslens_narratives::*;
use std::collections::HashMap;
use std::path::Path;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/semeval2025-task10/Datasets".into());
    let root = Path::new(&root);
    let train = SemevalCorpus::read_all(&root.join("Train")).expect("train");
    let mut t = RoleTrainer::default();
    if let Ok(v) = std::env::var("EPOCHS") {
        t.linear.epochs = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("L2") {
        t.linear.l2 = v.parse().unwrap();
    }
    if let Ok(v) = std::env::var("KEEP") {
        t.keep_per_label = v.parse().unwrap();
    }
    let model = t.train(&train, "dev search".into());
    eprintln!(
        "{} rows; cv {:?}; second {}",
        train.roles.len(),
        model.cv,
        model.second_fine
    );
    for l in ["EN", "BG", "HI", "PT", "RU"] {
        let dev = SemevalCorpus::read_language(&root.join("Development").join(l)).expect("dev");
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
                model.decide(&model.probs(&mention_context(
                    texts[r.id.as_str()],
                    r.start,
                    r.end + 1,
                )))
            })
            .collect();
        let (acc, emr) = role_scores(&rows, &pred);
        println!(
            "dev {l}: main accuracy {acc:.3} EMR {emr:.3} ({} of {} rows)",
            rows.len(),
            dev.roles.len()
        );
    }
}
