//! [`NarrativeModel`]: the learned narrative classifier — vocabulary, one
//! linear classifier per narrative and sub-narrative, and the decision
//! thresholds — with the rule that turns probabilities into a label set.

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
}

impl Default for Decision {
    fn default() -> Self {
        Decision {
            coarse: 0.5,
            fine: 0.5,
            fallback: 1.0,
            best_child: false,
            one_domain: true,
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
}

impl NarrativeModel {
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

    /// Label probabilities of one article.
    pub fn probs(&self, x: &Example) -> Vec<f32> {
        self.head.probs(x)
    }

    /// The label set for `probs` under `decision`.
    pub fn decide(&self, probs: &[f32], decision: &Decision) -> Vec<Predicted> {
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
                self.coarse[i] && labels[i] != OTHER && allowed(i) && probs[i] >= decision.coarse
            })
            .collect();
        if kept.is_empty() {
            if let Some(best) = (0..labels.len())
                .filter(|&i| self.coarse[i] && labels[i] != OTHER && allowed(i))
                .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
                .filter(|&i| probs[i] >= decision.fallback)
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
                .filter(|&i| probs[i] >= decision.fine)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linear::Binary;

    fn model(labels: &[&str]) -> NarrativeModel {
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let (parent, coarse) = NarrativeModel::label_structure(&labels);
        NarrativeModel {
            provenance: String::new(),
            featurizer: TextFeaturizer::default(),
            head: LinearHead::new(labels.clone(), vec![Binary::default(); labels.len()]),
            parent,
            coarse,
            decision: Decision::default(),
            dense_dim: 0,
            dense_scale: 1.0,
            cv_f1: (0.0, 0.0),
        }
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
    fn nothing_above_threshold_is_other() {
        let m = model(&["URW: A", "URW: A: x"]);
        let got = m.decide(&[0.2, 0.1], &Decision::default());
        assert_eq!(got[0].narrative, OTHER);
        assert_eq!(got[0].subnarrative, None);
    }

    #[test]
    fn one_domain_drops_the_weaker_domain() {
        let m = model(&["URW: A", "CC: B", "CC: C"]);
        let got = m.decide(&[0.6, 0.55, 0.5], &Decision::default());
        let names: Vec<&str> = got.iter().map(|p| p.narrative.as_str()).collect();
        assert_eq!(names, ["CC: B", "CC: C"]);
    }
}
