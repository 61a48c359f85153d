//! [`NarrativeModel`]: the learned narrative classifier — vocabulary, one
//! linear classifier per narrative and sub-narrative, and the decision
//! thresholds — with the rule that turns probabilities into a label set.

use crate::domain_anchors::DomainAnchors;
use crate::features::{Sparse, TextFeaturizer};
use crate::linear::{Example, LinearHead};
use serde::{Deserialize, Serialize};

fn one() -> f32 {
    1.0
}

/// The label for an article that carries none of the narratives.
pub const OTHER: &str = "Other";

/// How probabilities become labels.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Decision {
    /// A narrative is kept when its probability reaches this.
    pub coarse: f32,
    /// A sub-narrative is kept when its probability reaches this and its
    /// narrative is kept.
    pub fine: f32,
    /// With no narrative above `coarse`, the best one is still kept when its
    /// probability reaches this; else the article is "Other".
    pub fallback: f32,
    /// A kept narrative with no sub-narrative above `fine` keeps its most
    /// probable one.
    #[serde(default)]
    pub best_child: bool,
    /// Keep only labels of the article's domain (the domain with the larger
    /// summed narrative probability: "URW" or "CC").
    pub one_domain: bool,
    /// With no narrative above `coarse`, the best one is still kept when
    /// the model has an "Other" classifier and its probability is below
    /// this (0: never).
    #[serde(default)]
    pub other_below: f32,
}

impl Default for Decision {
    fn default() -> Self {
        Decision {
            coarse: 0.5,
            fine: 0.5,
            fallback: 1.0,
            best_child: false,
            one_domain: true,
            other_below: 0.0,
        }
    }
}

/// One predicted (narrative, sub-narrative) pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    pub narrative: String,
    /// `None` only for "Other".
    pub subnarrative: Option<String>,
    pub score: f32,
    /// Label indices whose classifiers gave the decision (for evidence).
    pub labels: Vec<usize>,
}

/// The learned model, as saved by `newslens train narratives`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NarrativeModel {
    /// What made it: data folders, settings, date.
    pub provenance: String,
    pub featurizer: TextFeaturizer,
    pub head: LinearHead,
    /// Per label: the index of its narrative (itself for a narrative).
    pub parent: Vec<usize>,
    /// Per label: true for a narrative, false for a sub-narrative.
    pub coarse: Vec<bool>,
    pub decision: Decision,
    /// Dense features expected (0: text only; 512: sentence embeddings).
    pub dense_dim: usize,
    /// Factor applied to the dense features (their weight against the
    /// unit-length TF-IDF part).
    #[serde(default = "one")]
    pub dense_scale: f32,
    /// Cross-validated (coarse, fine) F1 on the training data with the
    /// chosen decision.
    #[serde(default)]
    pub cv_f1: (f64, f64),
    /// Per label, an offset added to the decision's threshold (`coarse` for
    /// a narrative, `fine` for a sub-narrative); empty: none.
    #[serde(default)]
    pub offsets: Vec<f32>,
    /// Second stage (label co-occurrence): per label, a logistic regression
    /// on the first stage's probabilities of every label; `None`: none.
    #[serde(default)]
    pub stacker: Option<LinearHead>,
    /// Weight of the second stage's probabilities against the first's.
    #[serde(default)]
    pub stack_mix: f32,
    /// With per-label offsets: cross-validated (coarse, fine) F1 with the
    /// offsets of each fold chosen on the other folds.
    #[serde(default)]
    pub cv_nested: Option<(f64, f64)>,
    /// Nearest training articles, mixed into the first stage; `None`: none.
    #[serde(default)]
    pub neighbours: Option<Neighbours>,
    /// Passage-level classifiers (trained on passages labelled with their
    /// article's labels): an article's passage score for a label is the
    /// highest of its passages'; `None`: none.
    #[serde(default)]
    pub passage_head: Option<LinearHead>,
    /// Weight of the passage scores against the article's probabilities.
    #[serde(default)]
    pub passage_mix: f32,
    /// Gate the domains with anchors ([`DomainAnchors`]): a war narrative
    /// only for an article that names the war's places, actors or
    /// alliances. Model files written before the gate existed read as
    /// `true`.
    #[serde(default = "yes")]
    pub domain_gate: bool,
}

fn yes() -> bool {
    true
}

/// Characters a passage grows to before the next line starts a new one.
pub const PASSAGE_CHARS: usize = 400;

/// The passages of `text`: its non-empty lines, consecutive ones joined
/// until a passage holds [`PASSAGE_CHARS`] bytes.
pub fn passages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let s = *start.get_or_insert(here);
        if offset - s >= PASSAGE_CHARS {
            out.push(text[s..offset].trim());
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(text[s..].trim());
    }
    out
}

/// The training articles' feature vectors and labels, for a
/// similarity-weighted vote of the `k` most similar ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Neighbours {
    pub k: usize,
    /// Weight of the vote against the classifiers' probabilities.
    pub mix: f32,
    pub docs: Vec<Sparse>,
    pub targets: Vec<Vec<u16>>,
    /// The vectors are the articles' dense features ([`dense_query`])
    /// instead of their TF-IDF vectors.
    #[serde(default)]
    pub dense: bool,
}

/// A dense vector as a unit-length sparse one (for the neighbour vote).
pub fn dense_query(dense: &[f32]) -> Sparse {
    let norm = dense.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm <= 0.0 {
        return Vec::new();
    }
    dense
        .iter()
        .enumerate()
        .map(|(i, x)| (i as u32, x / norm))
        .collect()
}

impl Neighbours {
    /// Per label, the cosine-weighted share of the `k` most similar
    /// training articles that carry it.
    pub fn vote(&self, x: &Sparse, labels: usize) -> Vec<f32> {
        let mut sims: Vec<(f32, usize)> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (newslens_core::sparse_dot(d, x), i))
            .collect();
        let k = self.k.min(sims.len());
        let mut out = vec![0f32; labels];
        if k == 0 {
            return out;
        }
        sims.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0));
        let total: f32 = sims[..k].iter().map(|s| s.0.max(0.0)).sum();
        if total <= 0.0 {
            return out;
        }
        for &(sim, i) in &sims[..k] {
            for &l in &self.targets[i] {
                if let Some(o) = out.get_mut(l as usize) {
                    *o += sim.max(0.0) / total;
                }
            }
        }
        out
    }

    /// The vector of `x` this vote compares.
    pub fn query(&self, x: &Example) -> Sparse {
        if self.dense {
            dense_query(&x.dense)
        } else {
            x.sparse.clone()
        }
    }

    /// `first` mixed with the vote for `x`.
    pub fn mix_into(&self, first: &mut [f32], x: &Sparse) {
        let vote = self.vote(x, first.len());
        for (p, v) in first.iter_mut().zip(vote) {
            *p = (1.0 - self.mix) * *p + self.mix * v;
        }
    }
}

impl NarrativeModel {
    /// A model of one first-stage head and nothing else: no dense
    /// features, offsets, second stage, neighbours or passage head, the
    /// default decision (trainers set what they learned on top).
    pub(crate) fn plain(
        featurizer: TextFeaturizer,
        head: LinearHead,
        parent: Vec<usize>,
        coarse: Vec<bool>,
    ) -> Self {
        NarrativeModel {
            provenance: String::new(),
            featurizer,
            head,
            parent,
            coarse,
            decision: Decision::default(),
            dense_dim: 0,
            dense_scale: 1.0,
            cv_f1: (0.0, 0.0),
            offsets: Vec::new(),
            stacker: None,
            stack_mix: 0.0,
            cv_nested: None,
            neighbours: None,
            passage_head: None,
            passage_mix: 0.0,
            domain_gate: true,
        }
    }

    /// Sets to 0 the probabilities of the labels whose domain `text` may not
    /// carry (see [`DomainAnchors`]); nothing when the gate is off.
    pub fn gate_domains(&self, text: &str, probs: &mut [f32]) {
        if self.domain_gate {
            DomainAnchors::get().gate(&self.head.labels, text, probs);
        }
    }

    /// Builds the label bookkeeping from label names: a sub-narrative's name
    /// starts with its narrative's name and ": ".
    pub fn label_structure(labels: &[String]) -> (Vec<usize>, Vec<bool>) {
        let coarse: Vec<bool> = labels
            .iter()
            .map(|l| {
                !labels
                    .iter()
                    .any(|p| p != l && l.starts_with(&format!("{p}: ")))
            })
            .collect();
        let parent = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if coarse[i] {
                    return i;
                }
                labels
                    .iter()
                    .enumerate()
                    .filter(|(j, p)| coarse[*j] && l.starts_with(&format!("{p}: ")))
                    .max_by_key(|(_, p)| p.len())
                    .map_or(i, |(j, _)| j)
            })
            .collect();
        (parent, coarse)
    }

    /// Features of one article; `dense` as the embedder gives it (the
    /// model scales it).
    pub fn example(&self, text: &str, dense: Option<Vec<f32>>) -> Example {
        let mut dense = dense.unwrap_or_default();
        dense.iter_mut().for_each(|x| *x *= self.dense_scale);
        Example {
            sparse: self.featurizer.transform(text),
            dense,
        }
    }

    /// Label probabilities of the article `text` with dense features
    /// `dense` (as [`NarrativeModel::example`] takes them), passage scores
    /// included, domains gated ([`NarrativeModel::gate_domains`]).
    pub fn article_probs(&self, text: &str, dense: Option<Vec<f32>>) -> Vec<f32> {
        let x = self.example(text, dense);
        let mut probs = self.probs(&x);
        if let Some(head) = &self.passage_head {
            let best = passage_max(head, &self.featurizer, text);
            for (p, b) in probs.iter_mut().zip(best) {
                *p = (1.0 - self.passage_mix) * *p + self.passage_mix * b;
            }
        }
        self.gate_domains(text, &mut probs);
        probs
    }

    /// Label probabilities of one article (without passage scores).
    pub fn probs(&self, x: &Example) -> Vec<f32> {
        let mut first = self.head.probs(x);
        if let Some(nb) = &self.neighbours {
            nb.mix_into(&mut first, &nb.query(x));
        }
        match &self.stacker {
            Some(stacker) => mix_stacked(&first, stacker, self.stack_mix),
            None => first,
        }
    }

    /// The label set for `probs` under `decision` (and the model's
    /// per-label offsets).
    pub fn decide(&self, probs: &[f32], decision: &Decision) -> Vec<Predicted> {
        self.decide_with(probs, decision, &self.offsets)
    }

    /// [`NarrativeModel::decide`] with per-label threshold `offsets` instead
    /// of the model's.
    pub fn decide_with(
        &self,
        probs: &[f32],
        decision: &Decision,
        offsets: &[f32],
    ) -> Vec<Predicted> {
        let threshold = |i: usize| {
            let base = if self.coarse[i] {
                decision.coarse
            } else {
                decision.fine
            };
            base + offsets.get(i).copied().unwrap_or(0.0)
        };
        let labels = &self.head.labels;
        let domain_of = |i: usize| labels[i].split(':').next().unwrap_or("");
        let domain = if decision.one_domain {
            let mut sums: Vec<(&str, f32)> = Vec::new();
            for (i, &p) in probs.iter().enumerate() {
                if self.coarse[i] && labels[i] != OTHER {
                    let d = domain_of(i);
                    match sums.iter_mut().find(|(k, _)| *k == d) {
                        Some((_, s)) => *s += p,
                        None => sums.push((d, p)),
                    }
                }
            }
            sums.into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(d, _)| d)
        } else {
            None
        };
        let allowed = |i: usize| domain.is_none_or(|d| domain_of(i) == d);
        let mut kept: Vec<usize> = (0..labels.len())
            .filter(|&i| {
                self.coarse[i] && labels[i] != OTHER && allowed(i) && probs[i] >= threshold(i)
            })
            .collect();
        if kept.is_empty() {
            let other = labels
                .iter()
                .position(|l| l == OTHER)
                .and_then(|i| probs.get(i).copied())
                .unwrap_or(1.0);
            if let Some(best) = (0..labels.len())
                .filter(|&i| self.coarse[i] && labels[i] != OTHER && allowed(i))
                .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
                .filter(|&i| probs[i] >= decision.fallback || other < decision.other_below)
            {
                kept.push(best);
            }
        }
        if kept.is_empty() {
            return vec![Predicted {
                narrative: OTHER.to_string(),
                subnarrative: None,
                score: 1.0 - probs.iter().copied().fold(0.0, f32::max),
                labels: vec![],
            }];
        }
        let mut out = Vec::new();
        for &c in &kept {
            let children: Vec<usize> = (0..labels.len())
                .filter(|&i| !self.coarse[i] && self.parent[i] == c)
                .collect();
            let mut subs: Vec<usize> = children
                .iter()
                .copied()
                .filter(|&i| probs[i] >= threshold(i))
                .collect();
            if subs.is_empty() && decision.best_child {
                subs.extend(
                    children
                        .iter()
                        .copied()
                        .max_by(|&a, &b| probs[a].total_cmp(&probs[b])),
                );
            }
            // "<narrative>: Other" only when nothing more specific is kept.
            if subs.len() > 1 {
                subs.retain(|&i| !labels[i].ends_with(": Other"));
            }
            subs.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]));
            if subs.is_empty() {
                out.push(Predicted {
                    narrative: labels[c].clone(),
                    subnarrative: Some(format!("{}: Other", labels[c])),
                    score: probs[c],
                    labels: vec![c],
                });
            }
            for s in subs {
                if labels[s].ends_with(": Other") {
                    out.push(Predicted {
                        narrative: labels[c].clone(),
                        subnarrative: Some(labels[s].clone()),
                        score: probs[c],
                        labels: vec![c],
                    });
                    continue;
                }
                out.push(Predicted {
                    narrative: labels[c].clone(),
                    subnarrative: Some(labels[s].clone()),
                    score: probs[s],
                    labels: vec![s, c],
                });
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// How strongly the words of one sentence push the labels in `labels`.
    pub fn sentence_support(&self, sentence: &Sparse, labels: &[usize]) -> f32 {
        let margins = self.head.sparse_margins(sentence);
        labels.iter().map(|&l| margins[l]).sum()
    }
}

/// Per label, the highest probability `head` gives a passage of `text`.
pub(crate) fn passage_max(head: &LinearHead, fz: &TextFeaturizer, text: &str) -> Vec<f32> {
    let mut best = vec![0f32; head.labels.len()];
    for p in passages(text) {
        let probs = head.probs(&Example {
            sparse: fz.transform(p),
            dense: Vec::new(),
        });
        for (b, q) in best.iter_mut().zip(probs) {
            *b = b.max(q);
        }
    }
    best
}

/// The second stage's input: the first stage's probabilities.
pub(crate) fn stack_example(first: &[f32]) -> Example {
    Example {
        sparse: Vec::new(),
        dense: first.to_vec(),
    }
}

/// `first` mixed with the second stage's probabilities on it (`mix` of the
/// second, `1 - mix` of the first).
pub(crate) fn mix_stacked(first: &[f32], stacker: &LinearHead, mix: f32) -> Vec<f32> {
    let second = stacker.probs(&stack_example(first));
    first
        .iter()
        .zip(&second)
        .map(|(a, b)| (1.0 - mix) * a + mix * b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linear::Binary;

    fn model(labels: &[&str]) -> NarrativeModel {
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let (parent, coarse) = NarrativeModel::label_structure(&labels);
        NarrativeModel::plain(
            TextFeaturizer::default(),
            LinearHead::new(labels.clone(), vec![Binary::default(); labels.len()]),
            parent,
            coarse,
        )
    }

    #[test]
    fn passages_join_short_lines_and_skip_blank_ones() {
        let long = "x".repeat(PASSAGE_CHARS);
        let text = format!("Title\n\nshort line\n{long}\n\nlast");
        let p = passages(&text);
        assert_eq!(p.len(), 2);
        assert!(p[0].starts_with("Title") && p[0].ends_with('x'));
        assert_eq!(p[1], "last");
        assert!(passages("").is_empty());
    }

    #[test]
    fn per_label_offsets_move_one_threshold() {
        let m = model(&["URW: A", "URW: A: x", "URW: B"]);
        let d = Decision::default();
        let probs = [0.45, 0.1, 0.6];
        let names =
            |p: Vec<Predicted>| -> Vec<String> { p.into_iter().map(|p| p.narrative).collect() };
        assert_eq!(names(m.decide_with(&probs, &d, &[])), ["URW: B"]);
        let got = names(m.decide_with(&probs, &d, &[-0.1, 0.0, 0.0]));
        assert_eq!(got, ["URW: B", "URW: A"]);
    }

    #[test]
    fn neighbours_vote_by_similarity() {
        let nb = Neighbours {
            k: 2,
            mix: 0.5,
            docs: vec![vec![(0, 1.0)], vec![(1, 1.0)], vec![(0, 0.6), (1, 0.8)]],
            targets: vec![vec![0], vec![1], vec![1]],
            dense: false,
        };
        let v = nb.vote(&vec![(0, 1.0)], 2);
        // Neighbours: doc 0 (similarity 1.0) and doc 2 (0.6).
        assert!((v[0] - 1.0 / 1.6).abs() < 1e-6 && (v[1] - 0.6 / 1.6).abs() < 1e-6);
        let mut p = vec![0.0, 0.0];
        nb.mix_into(&mut p, &vec![(0, 1.0)]);
        assert!((p[0] - 0.5 / 1.6).abs() < 1e-6);
    }

    #[test]
    fn dense_neighbours_compare_unit_length_embeddings() {
        assert_eq!(dense_query(&[3.0, 4.0]), vec![(0, 0.6), (1, 0.8)]);
        assert!(dense_query(&[0.0, 0.0]).is_empty());
        let nb = Neighbours {
            k: 1,
            mix: 1.0,
            docs: vec![dense_query(&[1.0, 0.0]), dense_query(&[0.0, 1.0])],
            targets: vec![vec![0], vec![1]],
            dense: true,
        };
        let x = Example {
            // The words would point at the first article, the embedding at
            // the second.
            sparse: vec![(0, 1.0)],
            dense: vec![0.1, 2.0],
        };
        let mut p = vec![0.0, 0.0];
        nb.mix_into(&mut p, &nb.query(&x));
        assert_eq!(p, vec![0.0, 1.0]);
    }

    #[test]
    fn label_structure_finds_parents() {
        let m = model(&["URW: A", "URW: A: x", "URW: A: Other", "CC: B"]);
        assert_eq!(m.coarse, vec![true, false, false, true]);
        assert_eq!(m.parent, vec![0, 0, 0, 3]);
    }

    #[test]
    fn a_subnarrative_needs_its_narrative() {
        let m = model(&["URW: A", "URW: A: x", "URW: B", "URW: B: y"]);
        let d = Decision::default();
        let got = m.decide(&[0.9, 0.8, 0.2, 0.9], &d);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].subnarrative.as_deref(), Some("URW: A: x"));
    }

    #[test]
    fn a_narrative_without_subnarrative_gets_its_other() {
        let m = model(&["URW: A", "URW: A: x"]);
        let got = m.decide(&[0.9, 0.1], &Decision::default());
        assert_eq!(got[0].subnarrative.as_deref(), Some("URW: A: Other"));
    }

    #[test]
    fn model_files_without_the_gate_field_read_with_the_gate_on() {
        let m = model(&["URW: A", "CC: B"]);
        let mut json = serde_json::to_value(&m).unwrap();
        json.as_object_mut().unwrap().remove("domain_gate");
        let old: NarrativeModel = serde_json::from_value(json).unwrap();
        assert!(old.domain_gate);
        let mut probs = vec![0.9, 0.8];
        old.gate_domains("Record heat in Moscow this summer.", &mut probs);
        assert_eq!(probs, [0.0, 0.8]);
        let off = NarrativeModel {
            domain_gate: false,
            ..old
        };
        let mut probs = vec![0.9, 0.8];
        off.gate_domains("Record heat in Moscow this summer.", &mut probs);
        assert_eq!(probs, [0.9, 0.8]);
    }

    #[test]
    fn nothing_above_threshold_is_other() {
        let m = model(&["URW: A", "URW: A: x"]);
        let got = m.decide(&[0.2, 0.1], &Decision::default());
        assert_eq!(got[0].narrative, OTHER);
        assert_eq!(got[0].subnarrative, None);
    }

    #[test]
    fn an_unlikely_other_keeps_the_best_narrative() {
        let m = model(&["Other", "URW: A", "URW: A: x"]);
        let probs = [0.2, 0.3, 0.1];
        let d = Decision::default();
        assert_eq!(m.decide(&probs, &d)[0].narrative, OTHER);
        let d = Decision {
            other_below: 0.25,
            ..d
        };
        assert_eq!(m.decide(&probs, &d)[0].narrative, "URW: A");
        assert_eq!(m.decide(&[0.3, 0.3, 0.1], &d)[0].narrative, OTHER);
    }

    #[test]
    fn one_domain_drops_the_weaker_domain() {
        let m = model(&["URW: A", "CC: B", "CC: C"]);
        let got = m.decide(&[0.6, 0.55, 0.5], &Decision::default());
        let names: Vec<&str> = got.iter().map(|p| p.narrative.as_str()).collect();
        assert_eq!(names, ["CC: B", "CC: C"]);
    }
}
