//! [`LinearHead`]: one-vs-rest logistic regression over a sparse TF-IDF part
//! and an optional dense part (sentence embeddings).
//!
//! Written here rather than taken from a crate: the linear-model crates we
//! looked at (linfa-logistic, smartcore) take dense matrices, and a dense
//! matrix of articles × vocabulary does not fit; the model is small enough
//! that plain per-label stochastic gradient descent is the whole algorithm.

use crate::features::Sparse;
use newslens_core::sparse_dot;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// One training or prediction input.
#[derive(Debug, Clone, Default)]
pub struct Example {
    pub sparse: Sparse,
    pub dense: Vec<f32>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainSettings {
    pub epochs: usize,
    /// L2 penalty per step.
    pub l2: f32,
    /// Initial SGD step.
    pub step: f32,
    /// Weight of a positive example relative to a negative one.
    pub positive_weight: f32,
    pub seed: u64,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            epochs: 15,
            l2: 1e-4,
            step: 1.0,
            positive_weight: 1.0,
            seed: 7,
        }
    }
}

/// One binary classifier: sparse weights (only the non-zero ones kept),
/// dense weights and a bias.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Binary {
    /// (feature, weight), sorted by feature.
    pub sparse: Vec<(u32, f32)>,
    pub dense: Vec<f32>,
    pub bias: f32,
}

impl Binary {
    /// The raw score `w·x + b`.
    pub fn margin(&self, x: &Example) -> f32 {
        let mut s = self.bias + sparse_dot(&self.sparse, &x.sparse);
        for (w, v) in self.dense.iter().zip(&x.dense) {
            s += w * v;
        }
        s
    }

    /// The probability of the label.
    pub fn prob(&self, x: &Example) -> f32 {
        sigmoid(self.margin(x))
    }
}

pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// One binary classifier per label.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinearHead {
    pub labels: Vec<String>,
    pub classifiers: Vec<Binary>,
    /// The sparse weights as a feature-major matrix (`features × labels`),
    /// built on first prediction: one row lookup per feature of an input
    /// instead of a merge over every classifier's weight list.
    #[serde(skip)]
    matrix: std::sync::OnceLock<Vec<f32>>,
}

impl LinearHead {
    /// A head from its classifiers (one per label, in label order).
    pub fn new(labels: Vec<String>, classifiers: Vec<Binary>) -> Self {
        LinearHead {
            labels,
            classifiers,
            matrix: Default::default(),
        }
    }

    /// Trains one classifier per label (in parallel). `targets[i]` lists the
    /// label indices of example `i`.
    pub fn train(
        labels: Vec<String>,
        examples: &[Example],
        targets: &[Vec<usize>],
        n_sparse: usize,
        settings: TrainSettings,
    ) -> Self {
        Self::train_from(labels, examples, targets, n_sparse, settings, 0)
    }

    /// [`LinearHead::train`] for labels that are part of a larger head
    /// starting at label `first`: each label shuffles its examples with the
    /// seed it would have in the whole head.
    pub fn train_from(
        labels: Vec<String>,
        examples: &[Example],
        targets: &[Vec<usize>],
        n_sparse: usize,
        settings: TrainSettings,
        first: usize,
    ) -> Self {
        let classifiers = (0..labels.len())
            .into_par_iter()
            .map(|label| {
                let y: Vec<bool> = targets.iter().map(|t| t.contains(&label)).collect();
                train_binary(examples, &y, n_sparse, settings, (first + label) as u64)
            })
            .collect();
        LinearHead {
            labels,
            classifiers,
            matrix: Default::default(),
        }
    }

    /// Probabilities of every label for `x`.
    pub fn probs(&self, x: &Example) -> Vec<f32> {
        let mut scores = self.sparse_margins(&x.sparse);
        for (s, c) in scores.iter_mut().zip(&self.classifiers) {
            *s += c.bias;
            for (w, v) in c.dense.iter().zip(&x.dense) {
                *s += w * v;
            }
            *s = sigmoid(*s);
        }
        scores
    }

    /// The sparse part of every label's margin for `x`.
    pub fn sparse_margins(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let labels = self.classifiers.len();
        let matrix = self.matrix.get_or_init(|| {
            let features = self
                .classifiers
                .iter()
                .flat_map(|c| c.sparse.last().map(|&(i, _)| i as usize + 1))
                .max()
                .unwrap_or(0);
            let mut m = vec![0f32; features * labels];
            for (l, c) in self.classifiers.iter().enumerate() {
                for &(i, w) in &c.sparse {
                    m[i as usize * labels + l] = w;
                }
            }
            m
        });
        let mut scores = vec![0f32; labels];
        for &(i, v) in x {
            if let Some(row) = matrix.get(i as usize * labels..(i as usize + 1) * labels) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w * v;
                }
            }
        }
        scores
    }

    /// Keeps, per classifier, the `k` sparse weights of largest magnitude.
    pub fn prune(&mut self, k: usize) {
        self.matrix = Default::default();
        for c in &mut self.classifiers {
            if c.sparse.len() > k {
                c.sparse
                    .sort_unstable_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
                c.sparse.truncate(k);
                c.sparse.sort_unstable_by_key(|&(i, _)| i);
            }
        }
    }

    /// Sparse features used by any classifier.
    pub fn used_features(&self) -> Vec<u32> {
        let mut f: Vec<u32> = self
            .classifiers
            .iter()
            .flat_map(|c| c.sparse.iter().map(|&(i, _)| i))
            .collect();
        f.sort_unstable();
        f.dedup();
        f
    }

    /// Renumbers sparse features after the vocabulary was restricted.
    pub fn remap(&mut self, map: &std::collections::HashMap<u32, u32>) {
        self.matrix = Default::default();
        for c in &mut self.classifiers {
            c.sparse = c
                .sparse
                .iter()
                .filter_map(|&(i, w)| map.get(&i).map(|&n| (n, w)))
                .collect();
            c.sparse.sort_unstable_by_key(|&(i, _)| i);
        }
    }
}

fn train_binary(
    examples: &[Example],
    y: &[bool],
    n_sparse: usize,
    s: TrainSettings,
    salt: u64,
) -> Binary {
    // Plain SGD on the L2-regularised logistic loss with the step
    // `step / (1 + step * l2 * t)`; the weights are `scale * v` so that the
    // L2 shrinkage of every weight costs one multiplication per step.
    let n_dense = examples.first().map_or(0, |e| e.dense.len());
    let mut vs = vec![0f32; n_sparse];
    let mut vd = vec![0f32; n_dense];
    let mut scale = 1f64;
    let mut b = 0f32;
    let mut t = 0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = fastrand::Rng::with_seed(s.seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    for _ in 0..s.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let x = &examples[i];
            let eta = f64::from(s.step) / (1.0 + f64::from(s.step) * f64::from(s.l2) * t);
            t += 1.0;
            let mut m = 0f32;
            for &(j, v) in &x.sparse {
                m += vs[j as usize] * v;
            }
            for (w, v) in vd.iter().zip(&x.dense) {
                m += w * v;
            }
            let m = m * scale as f32 + b;
            let (target, weight) = if y[i] {
                (1.0, s.positive_weight)
            } else {
                (0.0, 1.0)
            };
            let g = (sigmoid(m) - target) * weight;
            scale *= 1.0 - eta * f64::from(s.l2);
            if scale < 1e-9 {
                for w in vs.iter_mut().chain(vd.iter_mut()) {
                    *w *= scale as f32;
                }
                scale = 1.0;
            }
            let step = (eta / scale) as f32 * g;
            for &(j, v) in &x.sparse {
                vs[j as usize] -= step * v;
            }
            for (w, v) in vd.iter_mut().zip(&x.dense) {
                *w -= step * v;
            }
            b -= eta as f32 * g;
        }
    }
    let scale = scale as f32;
    Binary {
        sparse: vs
            .into_iter()
            .enumerate()
            .map(|(i, w)| (i as u32, w * scale))
            .filter(|(_, w)| w.abs() > 1e-6)
            .collect(),
        dense: vd.into_iter().map(|w| w * scale).collect(),
        bias: b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(f: &[u32]) -> Example {
        Example {
            sparse: f.iter().map(|&i| (i, 1.0)).collect(),
            dense: vec![],
        }
    }

    #[test]
    fn learns_a_separable_label() {
        let xs = vec![ex(&[0]), ex(&[0, 2]), ex(&[1]), ex(&[1, 2])];
        let ys = vec![vec![0], vec![0], vec![], vec![]];
        let head = LinearHead::train(vec!["a".into()], &xs, &ys, 3, TrainSettings::default());
        assert!(head.probs(&ex(&[0]))[0] > 0.7);
        assert!(head.probs(&ex(&[1]))[0] < 0.3);
    }

    #[test]
    fn prune_keeps_the_largest_weights() {
        let mut head = LinearHead {
            labels: vec!["a".into()],
            classifiers: vec![Binary {
                sparse: vec![(0, 0.1), (1, -2.0), (2, 1.0)],
                dense: vec![],
                bias: 0.0,
            }],
            matrix: Default::default(),
        };
        head.prune(2);
        assert_eq!(head.classifiers[0].sparse, vec![(1, -2.0), (2, 1.0)]);
        assert_eq!(head.used_features(), vec![1, 2]);
    }

    #[test]
    fn matrix_probs_match_the_per_classifier_probs() {
        let head = LinearHead {
            labels: vec!["a".into(), "b".into()],
            classifiers: vec![
                Binary {
                    sparse: vec![(0, 0.5), (4, -1.0)],
                    dense: vec![0.3],
                    bias: 0.1,
                },
                Binary {
                    sparse: vec![(2, 2.0)],
                    dense: vec![-0.2],
                    bias: -0.4,
                },
            ],
            matrix: Default::default(),
        };
        let x = Example {
            sparse: vec![(0, 0.6), (2, 0.8), (9, 1.0)],
            dense: vec![1.0],
        };
        let fast = head.probs(&x);
        for (p, c) in fast.iter().zip(&head.classifiers) {
            assert!((p - c.prob(&x)).abs() < 1e-6);
        }
    }
}
