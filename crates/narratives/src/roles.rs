//! [`RoleModel`]: the framing role of an entity mention (Protagonist,
//! Antagonist, Innocent and the 22 fine roles), from the words around the
//! mention and the mention itself.

use crate::corpus::{RoleRow, SemevalCorpus};
use crate::features::{Sparse, TextFeaturizer};
use crate::linear::{Example, LinearHead, TrainSettings};
use crate::role_cues::{article_cues, mention_cues, predict_article, ArticleCues};
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
/// mention (`start..end` in characters, `end` exclusive), the mention's
/// own words marked as such, then the cue tokens (see
/// [`mention_context_bytes`]).
pub fn mention_context(text: &str, start: usize, end: usize) -> String {
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let end = byte(end);
    mention_context_bytes(text, byte(start).min(end), end)
}

/// Separates the words of a mention context from its cue tokens
/// ([`crate::role_cues`]).
pub const CUE_SEPARATOR: char = '\u{1f}';

/// [`mention_context`] for a mention given in byte offsets of `text` (as
/// the pipeline's spans are); the window is cut at character boundaries.
/// The byte window is 4 bytes per character (the longest UTF-8 character),
/// so the context holds [`CONTEXT_CHARS`] characters in every script.
/// After the words come [`CUE_SEPARATOR`] and the mention's cue tokens, the
/// article's narratives predicted by the bundled narrative model.
pub fn mention_context_bytes(text: &str, start: usize, end: usize) -> String {
    mention_context_with(text, start, end, &article_cues(text))
}

/// [`mention_context_bytes`] with given article cues (e.g. gold narratives).
pub fn mention_context_with(text: &str, start: usize, end: usize, article: &ArticleCues) -> String {
    let mut out = window_words(text, start, end);
    out.push(CUE_SEPARATOR);
    out.push_str(&mention_cues(text, start, end, article).join(" "));
    out
}

/// The words around the mention and the mention's words marked as such.
fn window_words(text: &str, start: usize, end: usize) -> String {
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
    // The separator is a control character (never part of a word): one in
    // the article must not start the cues.
    if out.contains(CUE_SEPARATOR) {
        out = out.replace(CUE_SEPARATOR, " ");
    }
    out
}

/// Splits a mention context into its words and its cue tokens.
pub fn split_context(context: &str) -> (&str, impl Iterator<Item = &str>) {
    let (words, cues) = context.split_once(CUE_SEPARATOR).unwrap_or((context, ""));
    (words, cues.split(' ').filter(|t| !t.is_empty()))
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
    /// Cue tokens used as features (sorted; see [`crate::role_cues`]),
    /// numbered after the words' features. Empty: a words-only model (files
    /// written before cues existed).
    #[serde(default)]
    pub cues: Vec<String>,
    /// Value of a present cue feature.
    #[serde(default = "one")]
    pub cue_scale: f32,
    /// Added to the main roles' probabilities before the most probable is
    /// taken (chosen by cross-validation on Train; empty: none).
    #[serde(default)]
    pub main_bias: Vec<f32>,
    /// Second stage: per role, a logistic regression on the first stage's
    /// probabilities of every role and the article's language and stance
    /// ([`stack_input`]); `None`: none.
    #[serde(default)]
    pub stacker: Option<LinearHead>,
    /// Weight of the second stage against the first.
    #[serde(default)]
    pub stack_mix: f32,
}

/// Language and stance values one-hot encoded in the second stage's input.
const STACK_CUES: [&str; 9] = [
    "lng:l=en",
    "lng:l=bg",
    "lng:l=hi",
    "lng:l=pt",
    "lng:l=ru",
    "art:b=urw_pro",
    "art:b=urw_none",
    "art:b=cc_sceptic",
    "art:b=cc_none",
];

/// The second stage's input: the first stage's probabilities, then a 0/1
/// value per [`STACK_CUES`] entry present among `cues`.
pub fn stack_input<'a>(first: &[f32], cues: impl Iterator<Item = &'a str>) -> Example {
    let mut dense = first.to_vec();
    let start = dense.len();
    dense.resize(start + STACK_CUES.len(), 0.0);
    for c in cues {
        if let Some(k) = STACK_CUES.iter().position(|s| *s == c) {
            dense[start + k] = 1.0;
        }
    }
    Example {
        sparse: Vec::new(),
        dense,
    }
}

/// `first` mixed with `stacker`'s probabilities on `input` (`mix` of the
/// second stage).
fn mix_stage(first: &mut [f32], stacker: &LinearHead, input: &Example, mix: f32) {
    for (p, q) in first.iter_mut().zip(stacker.probs(input)) {
        *p = (1.0 - mix) * *p + mix * q;
    }
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
        let (words, cues) = split_context(context);
        let cues: Vec<&str> = cues.collect();
        let mut probs = self.head.probs(&Example {
            sparse: cue_features(
                self.featurizer.transform(words),
                self.featurizer.len(),
                &self.cues,
                cues.iter().copied(),
                self.cue_scale,
            ),
            dense,
        });
        if let Some(stacker) = &self.stacker {
            let input = stack_input(&probs, cues.iter().copied());
            mix_stage(&mut probs, stacker, &input, self.stack_mix);
        }
        probs
    }

    /// The context of the mention at bytes `start..end` of `text` as this
    /// model reads it: [`mention_context_bytes`], without computing the
    /// cues when the model uses none (a words-only model).
    pub fn context_bytes(&self, text: &str, start: usize, end: usize) -> String {
        if self.cues.is_empty() {
            window_words(text, start, end)
        } else {
            mention_context_bytes(text, start, end)
        }
    }

    /// The role for averaged probabilities `probs`.
    pub fn decide(&self, probs: &[f32]) -> PredictedRole {
        decide(probs, self.second_fine, &self.main_bias)
    }
}

/// `words` (the TF-IDF vector) followed by the present cues of `vocab`
/// (sorted), numbered from `offset`.
fn cue_features<'a>(
    mut words: Sparse,
    offset: usize,
    vocab: &[String],
    cues: impl Iterator<Item = &'a str>,
    scale: f32,
) -> Sparse {
    if vocab.is_empty() {
        return words;
    }
    let mut idx: Vec<u32> = cues
        .filter_map(|c| vocab.binary_search_by(|v| v.as_str().cmp(c)).ok())
        .map(|i| (offset + i) as u32)
        .collect();
    idx.sort_unstable();
    idx.dedup();
    words.extend(idx.into_iter().map(|i| (i, scale)));
    words
}

fn decide(probs: &[f32], second: f32, bias: &[f32]) -> PredictedRole {
    let biased = |i: usize| probs[i] + bias.get(i).copied().unwrap_or(0.0);
    let main = (0..ROLES.len())
        .max_by(|&a, &b| biased(a).total_cmp(&biased(b)))
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
    /// Cue groups used as features (of [`crate::role_cues::CUE_GROUPS`];
    /// empty: words only).
    pub cue_groups: Vec<String>,
    /// Value of a present cue feature.
    pub cue_scale: f32,
    /// A cue must occur in this many training mentions.
    pub cue_min: usize,
    /// Article cues from the gold narratives of Train instead of the
    /// bundled narrative model's predictions.
    pub gold_narratives: bool,
    /// Choose [`RoleModel::main_bias`] by cross-validation.
    pub main_bias: bool,
    /// Article cues of Train from out-of-fold narrative predictions (a
    /// narrative model per fold that never saw the article, as at
    /// prediction time) instead of the bundled model, which was trained on
    /// these articles.
    pub oof_narratives: bool,
    /// The cue groups the fine-role classifiers see (`None`: the same as
    /// the main roles; empty: the words alone).
    pub fine_cue_groups: Option<Vec<String>>,
    /// Each fine-role classifier learns from the mentions of its main role
    /// only (the choice is among the fine roles of the predicted main role).
    pub fine_within_main: bool,
    /// Learn a second stage on the out-of-fold probabilities (see
    /// [`RoleModel::stacker`]) and mix it in with this weight; 0: none.
    pub stack_mix: f32,
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
            // Adopted in session 4 (docs/narratives.md, variant "C,
            // FINECUES= BIAS=1"): the main role also sees the article's
            // stance, the entity's side, its name and its neighbouring words,
            // at half weight, with a main-role bias chosen by
            // cross-validation; fine roles stay on the words.
            cue_groups: ["art", "side", "ent", "loc"].map(String::from).to_vec(),
            cue_scale: 0.5,
            cue_min: 2,
            gold_narratives: false,
            main_bias: true,
            oof_narratives: false,
            fine_cue_groups: Some(Vec::new()),
            fine_within_main: false,
            stack_mix: 0.0,
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

/// A fitted role classifier: vocabulary, cue vocabulary, weights.
type Fitted = (TextFeaturizer, Vec<String>, LinearHead);

impl RoleTrainer {
    /// Learns the words' vocabulary and the cue vocabulary from the
    /// examples at `idx`, trains one classifier per label, keeps the
    /// `keep_per_label` largest weights per label and cuts both vocabularies
    /// to the features still used.
    fn fit(
        &self,
        words: &[&str],
        cues: &[Vec<&str>],
        dense: &[Vec<f32>],
        targets: &[Vec<usize>],
        labels: &[String],
        idx: &[usize],
    ) -> Fitted {
        let sub: Vec<&str> = idx.iter().map(|&i| words[i]).collect();
        let mut fz = TextFeaturizer::fit(&sub, self.min_df);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for &i in idx {
            let mut seen = cues[i].clone();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                *counts.entry(c).or_default() += 1;
            }
        }
        let mut vocab: Vec<String> = counts
            .into_iter()
            .filter(|&(_, n)| n >= self.cue_min.max(1))
            .map(|(c, _)| c.to_string())
            .collect();
        vocab.sort_unstable();
        let n_words = fz.len();
        let xs: Vec<Example> = idx
            .par_iter()
            .map(|&i| Example {
                sparse: cue_features(
                    fz.transform(words[i]),
                    n_words,
                    &vocab,
                    cues[i].iter().copied(),
                    self.cue_scale,
                ),
                dense: dense.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        let ys: Vec<Vec<usize>> = idx.iter().map(|&i| targets[i].clone()).collect();
        let mut head = LinearHead::train(
            labels.to_vec(),
            &xs,
            &ys,
            n_words + vocab.len(),
            self.linear,
        );
        let fine_groups = self.fine_cue_groups.as_ref().filter(|_| !vocab.is_empty());
        if fine_groups.is_some() || self.fine_within_main {
            // The fine-role classifiers: on the words and the cues of
            // `fine_cue_groups`, and (`fine_within_main`) each on the
            // mentions of its main role only.
            let seen: Vec<bool> = vocab
                .iter()
                .map(|c| {
                    fine_groups
                        .is_none_or(|gs| gs.iter().any(|g| c.split(':').next() == Some(g.as_str())))
                })
                .collect();
            let fine_xs: Vec<Example> = xs
                .into_iter()
                .map(|mut x| {
                    x.sparse
                        .retain(|&(i, _)| (i as usize) < n_words || seen[i as usize - n_words]);
                    x
                })
                .collect();
            let mut classifiers = head.classifiers;
            let mut offset = ROLES.len();
            for (m, (_, fines)) in ROLES.iter().enumerate() {
                let rows: Vec<usize> = (0..fine_xs.len())
                    .filter(|&r| !self.fine_within_main || ys[r].contains(&m))
                    .collect();
                let sub_x: Vec<Example> = rows.iter().map(|&r| fine_xs[r].clone()).collect();
                let sub_y: Vec<Vec<usize>> = rows
                    .iter()
                    .map(|&r| {
                        ys[r]
                            .iter()
                            .filter(|&&l| l >= offset && l < offset + fines.len())
                            .map(|&l| l - offset)
                            .collect()
                    })
                    .collect();
                let names: Vec<String> = fines.iter().map(|f| f.to_string()).collect();
                let fine = LinearHead::train_from(
                    names,
                    &sub_x,
                    &sub_y,
                    n_words + vocab.len(),
                    self.linear,
                    offset,
                );
                for (k, f) in fine.classifiers.into_iter().enumerate() {
                    classifiers[offset + k] = f;
                }
                offset += fines.len();
            }
            head = LinearHead::new(labels.to_vec(), classifiers);
        }
        if self.keep_per_label > 0 {
            head.prune(self.keep_per_label);
            let used = head.used_features();
            let (w, c): (Vec<u32>, Vec<u32>) = used.iter().partition(|&&i| (i as usize) < n_words);
            let mut map = fz.restrict(&w);
            let kept = fz.len();
            vocab = c
                .iter()
                .enumerate()
                .map(|(k, &old)| {
                    map.insert(old, (kept + k) as u32);
                    vocab[old as usize - n_words].clone()
                })
                .collect();
            head.remap(&map);
        }
        (fz, vocab, head)
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
        self.train_cv(corpus, provenance, dense).0
    }

    /// [`RoleTrainer::train_with`], also returning each training row with
    /// its out-of-fold prediction (for per-language cross-validation).
    pub fn train_cv(
        &self,
        corpus: &SemevalCorpus,
        provenance: String,
        dense: &(dyn Fn(&str, usize, usize) -> Vec<f32> + Sync),
    ) -> (RoleModel, Vec<(RoleRow, PredictedRole)>) {
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
        // Article cues once per article: the bundled narrative model's
        // prediction, or the gold narratives (with the predicted domain
        // when the gold says "Other").
        let narratives = crate::NarrativeModel::bundled()
            .ok()
            .filter(|_| !self.cue_groups.is_empty());
        let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let oof_articles = match (&narratives, self.oof_narratives) {
            (Some(m), true) => {
                crate::NarrativeTrainer::default().out_of_fold_articles(corpus, m.decision)
            }
            _ => HashMap::new(),
        };
        let articles: HashMap<&str, ArticleCues> = ids
            .par_iter()
            .map(|&id| {
                let text = texts[id];
                let predicted = match oof_articles.get(id) {
                    Some(a) => a.clone(),
                    None => narratives
                        .as_ref()
                        .map(|m| predict_article(m, text))
                        .unwrap_or_else(|| ArticleCues::default().in_language_of(text)),
                };
                let cues = match corpus.narratives.get(id) {
                    Some((coarse, fine)) if self.gold_narratives => {
                        let domain = coarse
                            .iter()
                            .find_map(|n| n.split(':').next().filter(|_| n.contains(':')))
                            .unwrap_or(&predicted.domain);
                        ArticleCues::from_labels(domain, coarse, fine).in_language_of(text)
                    }
                    _ => predicted,
                };
                (id, cues)
            })
            .collect();
        let contexts: Vec<String> = rows
            .par_iter()
            .map(|r| {
                let text = texts[r.id.as_str()];
                let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
                let end = byte(r.end + 1);
                mention_context_with(text, byte(r.start).min(end), end, &articles[r.id.as_str()])
            })
            .collect();
        let split: Vec<(&str, Vec<&str>)> = contexts
            .iter()
            .map(|c| {
                let (w, cues) = split_context(c);
                let cues = cues
                    .filter(|t| {
                        let group = t.split(':').next().unwrap_or("");
                        self.cue_groups.iter().any(|g| g == group)
                    })
                    .collect();
                (w, cues)
            })
            .collect();
        let words: Vec<&str> = split.iter().map(|(w, _)| *w).collect();
        let cues: Vec<Vec<&str>> = split.iter().map(|(_, c)| c.clone()).collect();
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
            let (fz, vocab, head) =
                self.fit(&words, &cues, &dense_feats, &targets, &labels, &train);
            for i in (0..rows.len()).filter(|&i| fold_of(rows[i]) == fold) {
                oof[i] = head.probs(&Example {
                    sparse: cue_features(
                        fz.transform(words[i]),
                        fz.len(),
                        &vocab,
                        cues[i].iter().copied(),
                        self.cue_scale,
                    ),
                    dense: dense_feats.get(i).cloned().unwrap_or_default(),
                });
            }
        }
        let gold: Vec<RoleRow> = rows.iter().map(|r| (*r).clone()).collect();
        let stacker = (self.stack_mix > 0.0).then(|| {
            // Learned on out-of-fold probabilities (what it sees at
            // prediction time); its own out-of-fold predictions, by the
            // same folds, are mixed in before the bias and threshold are
            // chosen. Its input includes every language and stance cue
            // (not only the groups the first stage uses).
            let all_cues: Vec<Vec<&str>> = contexts
                .iter()
                .map(|c| split_context(c).1.collect())
                .collect();
            let xs: Vec<Example> = oof
                .iter()
                .zip(&all_cues)
                .map(|(p, c)| stack_input(p, c.iter().copied()))
                .collect();
            let mut second: Vec<Vec<f32>> = vec![Vec::new(); rows.len()];
            for fold in 0..k as u64 {
                let tr: Vec<usize> = (0..rows.len())
                    .filter(|&i| fold_of(rows[i]) != fold)
                    .collect();
                let xs_tr: Vec<Example> = tr.iter().map(|&i| xs[i].clone()).collect();
                let ys_tr: Vec<Vec<usize>> = tr.iter().map(|&i| targets[i].clone()).collect();
                let s = LinearHead::train(labels.clone(), &xs_tr, &ys_tr, 0, self.linear);
                for i in (0..rows.len()).filter(|&i| fold_of(rows[i]) == fold) {
                    second[i] = s.probs(&xs[i]);
                }
            }
            let stacker = LinearHead::train(labels.clone(), &xs, &targets, 0, self.linear);
            for (p, q) in oof.iter_mut().zip(&second) {
                for (a, b) in p.iter_mut().zip(q) {
                    *a = (1.0 - self.stack_mix) * *a + self.stack_mix * b;
                }
            }
            stacker
        });
        let main_bias = if self.main_bias {
            choose_main_bias(&gold, &oof)
        } else {
            Vec::new()
        };
        let (second_fine, cv) = [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8, 1.1]
            .into_iter()
            .map(|t| {
                let pred: Vec<PredictedRole> =
                    oof.iter().map(|p| decide(p, t, &main_bias)).collect();
                (t, role_scores(&gold, &pred))
            })
            .max_by(|a, b| (a.1 .1).total_cmp(&b.1 .1))
            .unwrap_or((1.1, (0.0, 0.0)));
        let (featurizer, cues, head) = self.fit(
            &words,
            &cues,
            &dense_feats,
            &targets,
            &labels,
            &(0..rows.len()).collect::<Vec<_>>(),
        );
        let oof_pred: Vec<(RoleRow, PredictedRole)> = gold
            .into_iter()
            .zip(&oof)
            .map(|(g, p)| (g, decide(p, second_fine, &main_bias)))
            .collect();
        let model = RoleModel {
            provenance,
            featurizer,
            head,
            second_fine,
            cv,
            dense_dim,
            dense_scale: self.dense_scale,
            cues,
            cue_scale: self.cue_scale,
            main_bias,
            stacker,
            stack_mix: self.stack_mix,
        };
        (model, oof_pred)
    }
}

/// The additions to the Protagonist and Innocent probabilities (Antagonist:
/// 0) that maximise main-role accuracy on out-of-fold probabilities; ties
/// go to the smaller change.
fn choose_main_bias(gold: &[RoleRow], oof: &[Vec<f32>]) -> Vec<f32> {
    let grid: Vec<f32> = (-6..=6).map(|i| i as f32 * 0.05).collect();
    let mut best = (f64::MIN, f32::MAX, vec![0.0; 3]);
    for &p in &grid {
        for &n in &grid {
            let bias = vec![p, 0.0, n];
            let right = gold
                .iter()
                .zip(oof)
                .filter(|(g, o)| decide(o, 1.1, &bias).main == g.main)
                .count() as f64;
            let size = p.abs() + n.abs();
            if right > best.0 || (right == best.0 && size < best.1) {
                best = (right, size, bias);
            }
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_mention_and_survives_bad_offsets() {
        let c = mention_context("Putin attacked Ukraine.", 0, 5);
        assert!(c.contains("mention_putin") && c.contains("attacked"));
        assert!(mention_context("short", 10, 3).contains(" , "));
        let odd = format!("a{CUE_SEPARATOR}b Putin c");
        let context = mention_context(&odd, 4, 9);
        let (words, _) = split_context(&context);
        assert!(
            words.contains('b') && words.contains("mention_putin"),
            "{words}"
        );
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
    fn stack_input_appends_language_and_stance() {
        let x = stack_input(
            &[0.2, 0.7],
            ["lng:l=pt", "art:b=cc_none", "side:s=west"].into_iter(),
        );
        let mut expected = vec![0.0; 2 + STACK_CUES.len()];
        expected[..2].copy_from_slice(&[0.2, 0.7]);
        expected[2 + 3] = 1.0;
        expected[2 + 8] = 1.0;
        assert_eq!(x.dense, expected);
        assert!(x.sparse.is_empty());
    }

    fn tiny_corpus() -> SemevalCorpus {
        let mut c = SemevalCorpus::default();
        for i in 0..20 {
            let (name, main, fine) = if i % 2 == 0 {
                ("Putin", "Antagonist", "Tyrant")
            } else {
                ("Zelensky", "Protagonist", "Guardian")
            };
            let text =
                format!("Title {i}\n\nToday {name} spoke about the war and the peace talks.");
            let start = text.find(name).unwrap();
            c.docs.push(crate::TaskDoc {
                id: format!("D{i}.txt"),
                text,
                lang: "EN".into(),
            });
            c.roles.push(RoleRow {
                id: format!("D{i}.txt"),
                mention: name.into(),
                start,
                end: start + name.len() - 1,
                main: main.into(),
                fine: vec![fine.into()],
            });
        }
        c
    }

    #[test]
    fn cue_models_read_the_cues_and_words_only_models_ignore_them() {
        let c = tiny_corpus();
        let text = &c.docs[0].text;
        let s = text.find("Putin").unwrap();
        let context = mention_context_bytes(text, s, s + 5);
        let (words, mut cues) = split_context(&context);
        assert!(cues.any(|t| t == "ent:e=putin"), "{context}");
        let plain = RoleTrainer {
            cue_groups: Vec::new(),
            main_bias: false,
            fine_cue_groups: None,
            ..RoleTrainer::default()
        }
        .train(&c, String::new());
        assert!(plain.cues.is_empty());
        assert_eq!(plain.probs(&context), plain.probs(words));
        assert_eq!(plain.context_bytes(text, s, s + 5), words);
        let cued = RoleTrainer {
            cue_groups: vec!["ent".into(), "side".into()],
            main_bias: true,
            fine_cue_groups: Some(vec![]),
            ..RoleTrainer::default()
        }
        .train(&c, String::new());
        assert!(
            cued.cues.iter().any(|c| c == "ent:e=putin"),
            "{:?}",
            cued.cues
        );
        assert!(cued.cues.iter().all(|c| !c.starts_with("loc:")));
        assert_ne!(cued.probs(&context), cued.probs(words));
        assert_eq!(cued.context_bytes(text, s, s + 5), context);
        assert_eq!(cued.decide(&cued.probs(&context)).main, "Antagonist");
    }

    #[test]
    fn cue_features_follow_the_words() {
        let vocab = vec!["a:x".to_string(), "b:y".to_string()];
        let v = cue_features(
            vec![(0, 0.6), (2, 0.8)],
            3,
            &vocab,
            ["b:y", "z", "a:x", "b:y"].into_iter(),
            0.5,
        );
        assert_eq!(v, vec![(0, 0.6), (2, 0.8), (3, 0.5), (4, 0.5)]);
        assert_eq!(
            cue_features(vec![(1, 1.0)], 3, &[], ["a:x"].into_iter(), 0.5),
            vec![(1, 1.0)]
        );
    }

    #[test]
    fn decide_takes_fine_roles_under_the_main_role() {
        let mut p = vec![0.0; 25];
        p[1] = 0.9; // Antagonist
        p[3] = 0.99; // Guardian (a Protagonist role): ignored
        p[3 + 6 + 2] = 0.8; // Tyrant
        p[3 + 6 + 10] = 0.7; // Deceiver
        let r = decide(&p, 0.6, &[]);
        assert_eq!(r.main, "Antagonist");
        assert_eq!(r.fine, vec!["Tyrant".to_string(), "Deceiver".to_string()]);
        assert_eq!(decide(&p, 0.75, &[]).fine.len(), 1);
        p[0] = 0.8;
        assert_eq!(decide(&p, 0.6, &[0.2]).main, "Protagonist");
    }
}
