//! [`RoleModel`]: the framing role of an entity mention (Protagonist,
//! Antagonist, Innocent and the 22 fine roles), from the words around the
//! mention and the mention itself.

use crate::corpus::{RoleRow, SemevalCorpus};
use crate::features::TextFeaturizer;
use crate::linear::{Example, LinearHead, TrainSettings};
use crate::trainer::{fit_head, FitSettings};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The main roles and their fine roles (the task's taxonomy).
pub const ROLES: [(&str, &[&str]); 3] = [
    (
        "Protagonist",
        &[
            "Guardian",
            "Martyr",
            "Peacemaker",
            "Rebel",
            "Underdog",
            "Virtuous",
        ],
    ),
    (
        "Antagonist",
        &[
            "Instigator",
            "Conspirator",
            "Tyrant",
            "Foreign Adversary",
            "Traitor",
            "Spy",
            "Saboteur",
            "Corrupt",
            "Incompetent",
            "Terrorist",
            "Deceiver",
            "Bigot",
        ],
    ),
    (
        "Innocent",
        &["Forgotten", "Exploited", "Victim", "Scapegoat"],
    ),
];

/// Characters of context taken on each side of a mention.
pub const CONTEXT_CHARS: usize = 300;

/// The text the role features are built from: the words around the
/// mention (`start..end` in characters, `end` exclusive), and the mention's
/// own words marked as such.
pub fn mention_context(text: &str, start: usize, end: usize) -> String {
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let end = byte(end);
    mention_context_bytes(text, byte(start).min(end), end)
}

/// [`mention_context`] for a mention given in byte offsets of `text` (as
/// the pipeline's spans are); the window is cut at character boundaries.
/// The byte window is 4 bytes per character (the longest UTF-8 character),
/// so the context holds [`CONTEXT_CHARS`] characters in every script.
pub fn mention_context_bytes(text: &str, start: usize, end: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end.max(start)));
    let from = floor(start.saturating_sub(CONTEXT_CHARS * 4));
    let to = floor(end.saturating_add(CONTEXT_CHARS * 4));
    let before: String = text[from..start]
        .chars()
        .rev()
        .take(CONTEXT_CHARS)
        .collect();
    let mut out: String = before.chars().rev().collect();
    out.push_str(" , ");
    out.extend(text[end..to].chars().take(CONTEXT_CHARS));
    for w in crate::features::words(&text[start..end]) {
        out.push_str(" mention_");
        out.push_str(&w);
    }
    out
}

/// A predicted role.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictedRole {
    pub main: String,
    pub fine: Vec<String>,
    /// Probability of the main role.
    pub score: f32,
}

/// The learned role model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleModel {
    pub provenance: String,
    pub featurizer: TextFeaturizer,
    /// Classifiers for the 3 main roles then the 22 fine roles.
    pub head: LinearHead,
    /// A second fine role is kept when its probability reaches this.
    pub second_fine: f32,
    /// Cross-validated (main-role accuracy, exact-match ratio) on Train.
    #[serde(default)]
    pub cv: (f64, f64),
    /// Length of the dense features (the mention's sentence embedding; 0:
    /// a words-only model).
    #[serde(default)]
    pub dense_dim: usize,
    /// Factor applied to the dense features.
    #[serde(default = "one")]
    pub dense_scale: f32,
}

fn one() -> f32 {
    1.0
}

fn label_names() -> Vec<String> {
    ROLES
        .iter()
        .map(|(m, _)| m.to_string())
        .chain(
            ROLES
                .iter()
                .flat_map(|(_, f)| f.iter().map(|s| s.to_string())),
        )
        .collect()
}

impl RoleModel {
    /// Role probabilities (3 main, then 22 fine) for a mention context.
    pub fn probs(&self, context: &str) -> Vec<f32> {
        self.probs_with(context, Vec::new())
    }

    /// Role probabilities for a mention context and its dense features
    /// (as the mention embedder gives them; ignored by a words-only model).
    pub fn probs_with(&self, context: &str, mut dense: Vec<f32>) -> Vec<f32> {
        if self.dense_dim == 0 {
            dense.clear();
        }
        dense.iter_mut().for_each(|x| *x *= self.dense_scale);
        self.head.probs(&Example {
            sparse: self.featurizer.transform(context),
            dense,
        })
    }

    /// The role for averaged probabilities `probs`.
    pub fn decide(&self, probs: &[f32]) -> PredictedRole {
        decide(probs, self.second_fine)
    }
}

fn decide(probs: &[f32], second: f32) -> PredictedRole {
    let main = (0..ROLES.len())
        .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
        .unwrap_or(1);
    let offset = ROLES.len() + ROLES[..main].iter().map(|(_, f)| f.len()).sum::<usize>();
    let fines = ROLES[main].1;
    let mut order: Vec<usize> = (0..fines.len()).collect();
    order.sort_by(|&a, &b| probs[offset + b].total_cmp(&probs[offset + a]));
    let mut fine = vec![fines[order[0]].to_string()];
    if let Some(&b) = order.get(1) {
        if probs[offset + b] >= second {
            fine.push(fines[b].to_string());
        }
    }
    let total: f32 = probs[..ROLES.len()].iter().sum();
    PredictedRole {
        main: ROLES[main].0.to_string(),
        fine,
        score: if total > 0.0 {
            probs[main] / total
        } else {
            0.0
        },
    }
}

/// Settings of a role training run.
#[derive(Debug, Clone)]
pub struct RoleTrainer {
    pub linear: TrainSettings,
    pub min_df: usize,
    pub keep_per_label: usize,
    pub folds: usize,
    /// Factor on the dense features (see [`RoleModel::dense_scale`]).
    pub dense_scale: f32,
}

impl Default for RoleTrainer {
    fn default() -> Self {
        RoleTrainer {
            linear: TrainSettings {
                epochs: 15,
                positive_weight: 1.0,
                ..TrainSettings::default()
            },
            min_df: 2,
            keep_per_label: 1500,
            folds: 5,
            dense_scale: 1.0,
        }
    }
}

/// Main-role accuracy and exact-match ratio of fine roles.
pub fn role_scores(gold: &[RoleRow], pred: &[PredictedRole]) -> (f64, f64) {
    let n = gold.len().max(1) as f64;
    let acc = gold
        .iter()
        .zip(pred)
        .filter(|(g, p)| g.main == p.main)
        .count() as f64
        / n;
    let emr = gold
        .iter()
        .zip(pred)
        .filter(|(g, p)| {
            let mut a = g.fine.clone();
            let mut b = p.fine.clone();
            a.sort();
            b.sort();
            a.dedup();
            b.dedup();
            a == b
        })
        .count() as f64
        / n;
    (acc, emr)
}

impl RoleTrainer {
    fn fit_settings(&self) -> FitSettings {
        FitSettings {
            linear: self.linear,
            min_df: self.min_df,
            keep_per_label: self.keep_per_label,
        }
    }

    /// Trains on the gold role rows of `corpus` whose article text is there.
    pub fn train(&self, corpus: &SemevalCorpus, provenance: String) -> RoleModel {
        self.train_with(corpus, provenance, &|_, _, _| Vec::new())
    }

    /// [`RoleTrainer::train`] with dense features: `dense(text, start, end)`
    /// for a mention at characters `start..end` (end exclusive) of `text`.
    pub fn train_with(
        &self,
        corpus: &SemevalCorpus,
        provenance: String,
        dense: &(dyn Fn(&str, usize, usize) -> Vec<f32> + Sync),
    ) -> RoleModel {
        let texts: HashMap<&str, &str> = corpus
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect();
        let rows: Vec<&RoleRow> = corpus
            .roles
            .iter()
            .filter(|r| texts.contains_key(r.id.as_str()))
            .collect();
        let contexts: Vec<String> = rows
            .par_iter()
            .map(|r| mention_context(texts[r.id.as_str()], r.start, r.end + 1))
            .collect();
        let contexts: Vec<&str> = contexts.iter().map(String::as_str).collect();
        let dense_feats: Vec<Vec<f32>> = rows
            .iter()
            .map(|r| {
                dense(texts[r.id.as_str()], r.start, r.end + 1)
                    .into_iter()
                    .map(|x| x * self.dense_scale)
                    .collect()
            })
            .collect();
        let dense_dim = dense_feats.first().map_or(0, Vec::len);
        let labels = label_names();
        let targets: Vec<Vec<usize>> = rows
            .iter()
            .map(|r| {
                std::iter::once(&r.main)
                    .chain(&r.fine)
                    .filter_map(|l| labels.iter().position(|x| x == l))
                    .collect()
            })
            .collect();
        // Folds by article, so that mentions of one article stay together.
        let k = self.folds.max(2);
        let fold_of = |r: &RoleRow| {
            r.id.bytes()
                .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
                % k as u64
        };
        let mut oof: Vec<Vec<f32>> = vec![Vec::new(); rows.len()];
        for fold in 0..k as u64 {
            let train: Vec<usize> = (0..rows.len())
                .filter(|&i| fold_of(rows[i]) != fold)
                .collect();
            let (fz, head) = fit_head(
                &contexts,
                &dense_feats,
                &targets,
                &labels,
                &train,
                self.fit_settings(),
            );
            for i in (0..rows.len()).filter(|&i| fold_of(rows[i]) == fold) {
                oof[i] = head.probs(&Example {
                    sparse: fz.transform(contexts[i]),
                    dense: dense_feats.get(i).cloned().unwrap_or_default(),
                });
            }
        }
        let gold: Vec<RoleRow> = rows.iter().map(|r| (*r).clone()).collect();
        let (second_fine, cv) = [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8, 1.1]
            .into_iter()
            .map(|t| {
                let pred: Vec<PredictedRole> = oof.iter().map(|p| decide(p, t)).collect();
                (t, role_scores(&gold, &pred))
            })
            .max_by(|a, b| (a.1 .1).total_cmp(&b.1 .1))
            .unwrap_or((1.1, (0.0, 0.0)));
        let (featurizer, head) = fit_head(
            &contexts,
            &dense_feats,
            &targets,
            &labels,
            &(0..rows.len()).collect::<Vec<_>>(),
            self.fit_settings(),
        );
        RoleModel {
            provenance,
            featurizer,
            head,
            second_fine,
            cv,
            dense_dim,
            dense_scale: self.dense_scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_mention_and_survives_bad_offsets() {
        let c = mention_context("Putin attacked Ukraine.", 0, 5);
        assert!(c.contains("mention_putin") && c.contains("attacked"));
        assert!(mention_context("short", 10, 3).contains(" , "));
    }

    #[test]
    fn contexts_hold_context_chars_in_every_script() {
        // Devanagari takes 3 bytes per character: the window must still
        // hold CONTEXT_CHARS characters on each side.
        let text = "Зеленский said Путин attacked Ukraine. प्रधानमंत्री ने कहा कि वार्ता जारी रहेगी। "
            .repeat(20);
        let start = text.match_indices("Путин").nth(10).unwrap().0;
        let end = start + "Путин".len();
        let context = mention_context_bytes(&text, start, end);
        let (before, after) = context.split_once(" , ").unwrap();
        assert_eq!(
            before,
            text[..start]
                .chars()
                .rev()
                .take(CONTEXT_CHARS)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
        );
        assert!(after.starts_with(&text[end..].chars().take(CONTEXT_CHARS).collect::<String>()));
        // Character offsets give the same context.
        let chars = text[..start].chars().count();
        assert_eq!(mention_context(&text, chars, chars + 5), context);
        assert!(mention_context_bytes(&text, 1, 99_999).contains(" , "));
    }

    #[test]
    fn decide_takes_fine_roles_under_the_main_role() {
        let mut p = vec![0.0; 25];
        p[1] = 0.9; // Antagonist
        p[3] = 0.99; // Guardian (a Protagonist role): ignored
        p[3 + 6 + 2] = 0.8; // Tyrant
        p[3 + 6 + 10] = 0.7; // Deceiver
        let r = decide(&p, 0.6);
        assert_eq!(r.main, "Antagonist");
        assert_eq!(r.fine, vec!["Tyrant".to_string(), "Deceiver".to_string()]);
        assert_eq!(decide(&p, 0.75).fine.len(), 1);
    }
}
