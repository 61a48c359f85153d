//! [`NarrativeTrainer`]: learns a [`NarrativeModel`] from SemEval training
//! documents and picks its decision thresholds by cross-validation on the
//! same training data (never on development or test data).

use crate::corpus::SemevalCorpus;
use crate::features::TextFeaturizer;
use crate::linear::{Example, LinearHead, TrainSettings};
use crate::model::{
    dense_query, passage_max, passages, stack_example, Decision, NarrativeModel, Neighbours, OTHER,
};
use rayon::prelude::*;

/// Settings of a training run.
#[derive(Debug, Clone)]
pub struct NarrativeTrainer {
    pub linear: TrainSettings,
    /// Terms must occur in this many training documents.
    pub min_df: usize,
    /// Sparse weights kept per label after training (keeps the model file
    /// small); 0 keeps all.
    pub keep_per_label: usize,
    /// Cross-validation folds for the thresholds.
    pub folds: usize,
    pub one_domain: bool,
    /// Factor on the dense features (see [`NarrativeModel::dense_scale`]).
    pub dense_scale: f32,
    /// Learn a second stage on the out-of-fold probabilities (see
    /// [`NarrativeModel::stacker`]) and mix it in with this weight; 0: none.
    pub stack_mix: f32,
    /// Per-label threshold offsets chosen on the out-of-fold probabilities,
    /// each shrunk toward 0 by `n / (n + k)` for a label with `n` positive
    /// articles; `None`: global thresholds only.
    pub offset_shrink: Option<f32>,
    /// Add each training article's explanation (subtask 3) as one more
    /// training text labelled with the labels it explains.
    pub explanations: bool,
    /// Threshold offsets per domain and level (narratives, sub-narratives)
    /// instead of per label, chosen like `offset_shrink`'s.
    pub domain_offsets: bool,
    /// Learn each sub-narrative on the articles of its narrative only (its
    /// probability is then conditional on the narrative).
    pub conditional: bool,
    /// Mix in a vote of the `knn` most similar training articles with this
    /// weight (see [`Neighbours`]); 0: none.
    pub knn_mix: f32,
    pub knn: usize,
    /// Mix in passage-level classifiers with this weight (see
    /// [`NarrativeModel::passage_head`]); 0: none.
    pub passage_mix: f32,
    /// Cross-validation folds keep near duplicates together (texts whose
    /// TF-IDF cosine reaches this value); `None`: folds by position.
    pub duplicate_folds: Option<f32>,
    /// Learn an "Other" classifier too (articles whose gold is "Other");
    /// the decision may then keep the best narrative when it is unlikely
    /// ([`Decision::other_below`]).
    pub other_label: bool,
    /// The neighbour vote compares the dense features (sentence
    /// embeddings) instead of the words, and the classifiers use the words
    /// only.
    pub knn_dense: bool,
    /// Average the weights of this many models trained with consecutive
    /// shuffling seeds (1: one model).
    pub seeds: usize,
    /// Gate the anchored domains ([`crate::DomainAnchors`]) in the
    /// out-of-fold probabilities the thresholds are chosen on, and in the
    /// model ([`NarrativeModel::domain_gate`]).
    pub domain_gate: bool,
}

impl Default for NarrativeTrainer {
    fn default() -> Self {
        NarrativeTrainer {
            // Positives weigh 4× negatives: most sub-narratives have a few
            // dozen positive articles among 1,700 (chosen on Development).
            linear: TrainSettings {
                positive_weight: 4.0,
                ..TrainSettings::default()
            },
            min_df: 2,
            keep_per_label: 600,
            folds: 5,
            one_domain: true,
            // 0.5 beat 1.0 in cross-validation on Train (see docs/narratives.md).
            dense_scale: 0.5,
            stack_mix: 0.0,
            offset_shrink: None,
            explanations: false,
            domain_offsets: false,
            conditional: false,
            knn_mix: 0.0,
            knn: 10,
            passage_mix: 0.0,
            duplicate_folds: None,
            other_label: false,
            knn_dense: false,
            seeds: 1,
            domain_gate: true,
        }
    }
}

/// Mean per-document F1 of coarse and fine label sets, the task's metric
/// ("Other" counts on both levels, as in the task's taxonomy files).
pub fn samples_f1(
    gold: &[(Vec<String>, Vec<String>)],
    pred: &[(Vec<String>, Vec<String>)],
) -> (f64, f64) {
    let f1 = |g: &[String], p: &[String]| -> f64 {
        let tp = p.iter().filter(|l| g.contains(l)).count() as f64;
        if tp == 0.0 {
            return 0.0;
        }
        let (pr, rc) = (tp / p.len() as f64, tp / g.len() as f64);
        2.0 * pr * rc / (pr + rc)
    };
    let n = gold.len().max(1) as f64;
    let c: f64 = gold.iter().zip(pred).map(|(g, p)| f1(&g.0, &p.0)).sum();
    let f: f64 = gold.iter().zip(pred).map(|(g, p)| f1(&g.1, &p.1)).sum();
    (c / n, f / n)
}

/// The (coarse, fine) label lists of a prediction, as the task writes them.
pub fn label_sets(pred: &[crate::model::Predicted]) -> (Vec<String>, Vec<String>) {
    let mut c: Vec<String> = pred.iter().map(|p| p.narrative.clone()).collect();
    let mut f: Vec<String> = pred
        .iter()
        .map(|p| p.subnarrative.clone().unwrap_or_else(|| OTHER.to_string()))
        .collect();
    c.sort();
    c.dedup();
    f.sort();
    f.dedup();
    (c, f)
}

/// What [`fit_head`] needs of a trainer's settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FitSettings {
    pub linear: TrainSettings,
    pub min_df: usize,
    pub keep_per_label: usize,
    /// Learn each sub-narrative on the examples of its narrative only.
    pub conditional: bool,
    /// Train with this many shuffling seeds (the setting's seed, +1, …) and
    /// average the weights (1: one model).
    pub seeds: usize,
}

/// Learns a vocabulary from the texts at `idx`, trains one classifier per
/// label on them, then keeps the `keep_per_label` largest weights per label
/// and cuts the vocabulary to the terms still used. `dense[i]` are example
/// `i`'s dense features (an empty slice: none). Shared by the narrative and
/// role trainers.
pub(crate) fn fit_head(
    texts: &[&str],
    dense: &[Vec<f32>],
    targets: &[Vec<usize>],
    labels: &[String],
    idx: &[usize],
    parent: &[usize],
    settings: FitSettings,
) -> (TextFeaturizer, LinearHead) {
    let sub: Vec<&str> = idx.iter().map(|&i| texts[i]).collect();
    let mut fz = TextFeaturizer::fit(&sub, settings.min_df);
    let xs: Vec<Example> = idx
        .par_iter()
        .map(|&i| Example {
            sparse: fz.transform(texts[i]),
            dense: dense.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let ys: Vec<Vec<usize>> = idx.iter().map(|&i| targets[i].clone()).collect();
    let mut head = LinearHead::train(labels.to_vec(), &xs, &ys, fz.len(), settings.linear);
    if settings.seeds > 1 {
        let heads: Vec<LinearHead> = (1..settings.seeds as u64)
            .map(|k| {
                let linear = TrainSettings {
                    seed: settings.linear.seed.wrapping_add(k),
                    ..settings.linear
                };
                LinearHead::train(labels.to_vec(), &xs, &ys, fz.len(), linear)
            })
            .collect();
        head = average_heads(head, &heads, fz.len());
    }
    if settings.conditional {
        // Each sub-narrative against its siblings: trained on the examples
        // that carry its narrative only.
        for (c, &p) in parent.iter().enumerate() {
            if p != c {
                continue;
            }
            let children: Vec<usize> = (0..parent.len())
                .filter(|&i| i != c && parent[i] == c)
                .collect();
            let rows: Vec<usize> = (0..xs.len()).filter(|&j| ys[j].contains(&c)).collect();
            if children.is_empty() || rows.len() < 2 {
                continue;
            }
            let sub_xs: Vec<Example> = rows.iter().map(|&j| xs[j].clone()).collect();
            let sub_ys: Vec<Vec<usize>> = rows
                .iter()
                .map(|&j| {
                    children
                        .iter()
                        .enumerate()
                        .filter(|(_, ch)| ys[j].contains(ch))
                        .map(|(k, _)| k)
                        .collect()
                })
                .collect();
            let names: Vec<String> = children.iter().map(|&i| labels[i].clone()).collect();
            let within = LinearHead::train(names, &sub_xs, &sub_ys, fz.len(), settings.linear);
            for (k, &i) in children.iter().enumerate() {
                head.classifiers[i] = within.classifiers[k].clone();
            }
        }
    }
    if settings.keep_per_label > 0 {
        head.prune(settings.keep_per_label);
        let map = fz.restrict(&head.used_features());
        head.remap(&map);
    }
    (fz, head)
}

/// The head whose every weight and bias is the mean of `first`'s and
/// `others`' (same labels, `n_sparse` sparse features).
fn average_heads(first: LinearHead, others: &[LinearHead], n_sparse: usize) -> LinearHead {
    let n = (1 + others.len()) as f32;
    let labels = first.labels.clone();
    let classifiers = first
        .classifiers
        .into_iter()
        .enumerate()
        .map(|(l, c)| {
            let mut sparse = vec![0f32; n_sparse];
            let mut dense = c.dense.clone();
            let mut bias = c.bias;
            for &(i, w) in &c.sparse {
                sparse[i as usize] += w;
            }
            for h in others {
                let o = &h.classifiers[l];
                for &(i, w) in &o.sparse {
                    sparse[i as usize] += w;
                }
                for (d, w) in dense.iter_mut().zip(&o.dense) {
                    *d += w;
                }
                bias += o.bias;
            }
            crate::linear::Binary {
                sparse: sparse
                    .into_iter()
                    .enumerate()
                    .filter(|(_, w)| *w != 0.0)
                    .map(|(i, w)| (i as u32, w / n))
                    .collect(),
                dense: dense.into_iter().map(|w| w / n).collect(),
                bias: bias / n,
            }
        })
        .collect();
    LinearHead::new(labels, classifiers)
}

/// The documents of `corpus` with gold narratives, the labels they use
/// (sorted, "Other" left out) and each document's label indices.
fn labelled(
    corpus: &SemevalCorpus,
    keep_other: bool,
) -> (Vec<&crate::corpus::TaskDoc>, Vec<String>, Vec<Vec<usize>>) {
    let docs: Vec<&crate::corpus::TaskDoc> = corpus
        .docs
        .iter()
        .filter(|d| corpus.narratives.contains_key(&d.id))
        .collect();
    let gold = |d: &crate::corpus::TaskDoc| {
        let (c, f) = &corpus.narratives[&d.id];
        c.iter().chain(f)
    };
    let mut labels: Vec<String> = docs
        .iter()
        .flat_map(|d| gold(d))
        .filter(|l| keep_other || l.as_str() != OTHER)
        .cloned()
        .collect();
    labels.sort();
    labels.dedup();
    let targets = docs
        .iter()
        .map(|d| {
            gold(d)
                .filter_map(|l| labels.iter().position(|x| x == l))
                .collect()
        })
        .collect();
    (docs, labels, targets)
}

impl NarrativeTrainer {
    fn fit_settings(&self) -> FitSettings {
        FitSettings {
            linear: self.linear,
            min_df: self.min_df,
            keep_per_label: self.keep_per_label,
            conditional: self.conditional,
            seeds: self.seeds,
        }
    }

    /// Trains on every document of `corpus` that has gold narratives.
    /// `dense` gives each document's dense features (or none).
    pub fn train(
        &self,
        corpus: &SemevalCorpus,
        dense: &(dyn Fn(&str) -> Vec<f32> + Sync),
        provenance: String,
    ) -> NarrativeModel {
        let (docs, labels, mut targets) = labelled(corpus, self.other_label);
        let gold: Vec<(Vec<String>, Vec<String>)> = docs
            .iter()
            .map(|d| corpus.narratives[&d.id].clone())
            .collect();
        let mut texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        // Extra training texts (explanations), each tied to its article so
        // that it stays out of the article's held-out fold.
        let mut extra: Vec<usize> = Vec::new();
        if self.explanations {
            for (i, d) in docs.iter().enumerate() {
                if let Some((ls, text)) = corpus.explanations.get(&d.id) {
                    let t: Vec<usize> = ls
                        .iter()
                        .filter_map(|l| labels.iter().position(|x| x == l))
                        .collect();
                    if !t.is_empty() {
                        texts.push(text.as_str());
                        targets.push(t);
                        extra.push(i);
                    }
                }
            }
        }
        let dense_feats: Vec<Vec<f32>> = texts
            .par_iter()
            .map(|t| dense(t).into_iter().map(|x| x * self.dense_scale).collect())
            .collect();
        let dense_dim = dense_feats.first().map_or(0, Vec::len);
        let (parent, coarse) = NarrativeModel::label_structure(&labels);
        let n = docs.len();
        let owner = |j: usize| if j < n { j } else { extra[j - n] };

        // Out-of-fold probabilities for the thresholds.
        let k = self.folds.max(2);
        let fold_of = self.folds_of(&texts[..n], k);
        // With `knn_dense` the dense features serve the neighbour vote only.
        let head_dense: &[Vec<f32>] = if self.knn_dense { &[] } else { &dense_feats };
        let mut oof: Vec<Vec<f32>> = vec![Vec::new(); n];
        for fold in 0..k {
            let train_idx: Vec<usize> = (0..texts.len())
                .filter(|&j| fold_of[owner(j)] != fold)
                .collect();
            let (fz, head) = fit_head(
                &texts,
                head_dense,
                &targets,
                &labels,
                &train_idx,
                &parent,
                self.fit_settings(),
            );
            let nb = self.neighbours(&fz, &texts, &dense_feats, targets.as_slice(), |i| {
                i < n && fold_of[i] != fold
            });
            for i in (0..n).filter(|&i| fold_of[i] == fold) {
                let x = Example {
                    sparse: fz.transform(texts[i]),
                    dense: dense_feats[i].clone(),
                };
                oof[i] = head.probs(&x);
                if let Some(nb) = &nb {
                    nb.mix_into(&mut oof[i], &nb.query(&x));
                }
            }
            if let Some(ph) =
                self.passage_head(&fz, &texts[..n], targets.as_slice(), &labels, |i| {
                    fold_of[i] != fold
                })
            {
                let held: Vec<usize> = (0..n).filter(|&i| fold_of[i] == fold).collect();
                let best: Vec<Vec<f32>> = held
                    .par_iter()
                    .map(|&i| passage_max(&ph, &fz, texts[i]))
                    .collect();
                for (&i, b) in held.iter().zip(best) {
                    for (p, q) in oof[i].iter_mut().zip(b) {
                        *p = (1.0 - self.passage_mix) * *p + self.passage_mix * q;
                    }
                }
            }
        }
        if self.domain_gate {
            let anchors = crate::DomainAnchors::get();
            oof.par_iter_mut()
                .zip(&texts[..n])
                .for_each(|(p, t)| anchors.gate(&labels, t, p));
        }
        let (featurizer, head) = fit_head(
            &texts,
            head_dense,
            &targets,
            &labels,
            &(0..texts.len()).collect::<Vec<_>>(),
            &parent,
            self.fit_settings(),
        );
        let neighbours =
            self.neighbours(&featurizer, &texts, &dense_feats, targets.as_slice(), |i| {
                i < n
            });
        let passage_head = self.passage_head(
            &featurizer,
            &texts[..n],
            targets.as_slice(),
            &labels,
            |_| true,
        );
        let targets = &targets[..n];
        let stacker = (self.stack_mix > 0.0).then(|| {
            // The second stage learns from out-of-fold probabilities (what
            // it sees at prediction time); its own out-of-fold predictions
            // replace the first stage's for the thresholds.
            let xs: Vec<Example> = oof.iter().map(|p| stack_example(p)).collect();
            let settings = self.stack_settings();
            let mut second: Vec<Vec<f32>> = vec![Vec::new(); n];
            for fold in 0..k {
                let tr: Vec<usize> = (0..n).filter(|&i| fold_of[i] != fold).collect();
                let xs_tr: Vec<Example> = tr.iter().map(|&i| xs[i].clone()).collect();
                let ys_tr: Vec<Vec<usize>> = tr.iter().map(|&i| targets[i].clone()).collect();
                let s = LinearHead::train(labels.clone(), &xs_tr, &ys_tr, 0, settings);
                for i in (0..n).filter(|&i| fold_of[i] == fold) {
                    second[i] = s.probs(&xs[i]);
                }
            }
            let stacker = LinearHead::train(labels.clone(), &xs, targets, 0, settings);
            for (p, q) in oof.iter_mut().zip(&second) {
                for (a, b) in p.iter_mut().zip(q) {
                    *a = (1.0 - self.stack_mix) * *a + self.stack_mix * b;
                }
            }
            stacker
        });
        let mut model = NarrativeModel {
            provenance,
            dense_dim,
            dense_scale: self.dense_scale,
            stacker,
            stack_mix: self.stack_mix,
            neighbours,
            passage_head,
            passage_mix: self.passage_mix,
            domain_gate: self.domain_gate,
            ..NarrativeModel::plain(featurizer, head, parent, coarse)
        };
        (model.decision, model.cv_f1) = self.choose_decision(&model, &oof, &gold);
        if self.offset_shrink.is_some() || self.domain_offsets {
            let shrink = self.offset_shrink.unwrap_or(0.0);
            let groups = self.offset_groups(&model);
            let all: Vec<usize> = (0..n).collect();
            // Offsets chosen on the other folds, scored on each fold.
            let mut pred = vec![(Vec::new(), Vec::new()); n];
            for fold in 0..k {
                let tr: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&i| fold_of[i] != fold)
                    .collect();
                let off = choose_offsets(&model, &oof, &gold, targets, &tr, &groups, shrink);
                for i in all.iter().copied().filter(|&i| fold_of[i] == fold) {
                    pred[i] = label_sets(&model.decide_with(&oof[i], &model.decision, &off));
                }
            }
            model.cv_nested = Some(samples_f1(&gold, &pred));
            model.offsets = choose_offsets(&model, &oof, &gold, targets, &all, &groups, shrink);
            let pred: Vec<_> = oof
                .iter()
                .map(|p| label_sets(&model.decide(p, &model.decision)))
                .collect();
            model.cv_f1 = samples_f1(&gold, &pred);
        }
        model
    }

    /// The neighbour vote over the texts `keep` selects, in the feature
    /// space of `fz`; `None` when `knn_mix` is 0.
    fn neighbours(
        &self,
        fz: &TextFeaturizer,
        texts: &[&str],
        dense: &[Vec<f32>],
        targets: &[Vec<usize>],
        keep: impl Fn(usize) -> bool + Sync,
    ) -> Option<Neighbours> {
        if self.knn_mix <= 0.0 {
            return None;
        }
        let rows: Vec<usize> = (0..texts.len()).filter(|&i| keep(i)).collect();
        Some(Neighbours {
            k: self.knn,
            mix: self.knn_mix,
            docs: rows
                .par_iter()
                .map(|&i| {
                    if self.knn_dense {
                        dense_query(&dense[i])
                    } else {
                        fz.transform(texts[i])
                    }
                })
                .collect(),
            dense: self.knn_dense,
            targets: rows
                .iter()
                .map(|&i| targets[i].iter().map(|&l| l as u16).collect())
                .collect(),
        })
    }

    /// The cross-validation fold of each text: by position (`i % k`), or
    /// with `duplicate_folds` by the first member of its group of near
    /// duplicates (texts linked by a TF-IDF cosine of at least that value
    /// share a fold), so that no article is scored by a model that saw its
    /// near copy.
    fn folds_of(&self, texts: &[&str], k: usize) -> Vec<usize> {
        let Some(min_cos) = self.duplicate_folds else {
            return (0..texts.len()).map(|i| i % k).collect();
        };
        let fz = TextFeaturizer::fit(texts, self.min_df);
        let vecs: Vec<_> = texts.par_iter().map(|t| fz.transform(t)).collect();
        let links: Vec<(usize, usize)> = (0..vecs.len())
            .into_par_iter()
            .flat_map_iter(|i| {
                let vecs = &vecs;
                (i + 1..vecs.len())
                    .filter(move |&j| newslens_core::sparse_dot(&vecs[i], &vecs[j]) >= min_cos)
                    .map(move |j| (i, j))
            })
            .collect();
        let mut root: Vec<usize> = (0..texts.len()).collect();
        fn find(root: &mut [usize], mut i: usize) -> usize {
            while root[i] != i {
                root[i] = root[root[i]];
                i = root[i];
            }
            i
        }
        for (i, j) in links {
            let (a, b) = (find(&mut root, i), find(&mut root, j));
            root[a.max(b)] = a.min(b);
        }
        (0..texts.len()).map(|i| find(&mut root, i) % k).collect()
    }

    /// Labels sharing one threshold offset: each label alone, or with
    /// `domain_offsets` the narratives and the sub-narratives of each domain.
    fn offset_groups(&self, model: &NarrativeModel) -> Vec<Vec<usize>> {
        let labels = &model.head.labels;
        if !self.domain_offsets {
            return (0..labels.len()).map(|l| vec![l]).collect();
        }
        let mut groups: Vec<(String, bool, Vec<usize>)> = Vec::new();
        for (l, name) in labels.iter().enumerate() {
            let domain = name.split(':').next().unwrap_or("").to_string();
            let level = model.coarse[l];
            match groups.iter_mut().find(|g| g.0 == domain && g.1 == level) {
                Some(g) => g.2.push(l),
                None => groups.push((domain, level, vec![l])),
            }
        }
        groups.into_iter().map(|g| g.2).collect()
    }

    /// Classifiers over the passages of the articles `keep` selects, each
    /// passage labelled with its article's labels, in the feature space of
    /// `fz`; `None` when `passage_mix` is 0.
    fn passage_head(
        &self,
        fz: &TextFeaturizer,
        texts: &[&str],
        targets: &[Vec<usize>],
        labels: &[String],
        keep: impl Fn(usize) -> bool + Sync,
    ) -> Option<LinearHead> {
        if self.passage_mix <= 0.0 {
            return None;
        }
        let rows: Vec<(usize, &str)> = (0..texts.len())
            .filter(|&i| keep(i))
            .flat_map(|i| passages(texts[i]).into_iter().map(move |p| (i, p)))
            .collect();
        let xs: Vec<Example> = rows
            .par_iter()
            .map(|&(_, p)| Example {
                sparse: fz.transform(p),
                dense: Vec::new(),
            })
            .collect();
        let ys: Vec<Vec<usize>> = rows.iter().map(|&(i, _)| targets[i].clone()).collect();
        let mut head = LinearHead::train(labels.to_vec(), &xs, &ys, fz.len(), self.linear);
        if self.keep_per_label > 0 {
            head.prune(self.keep_per_label);
        }
        Some(head)
    }

    fn stack_settings(&self) -> TrainSettings {
        TrainSettings {
            epochs: 20,
            ..self.linear
        }
    }

    /// The article cues of every document of `corpus` with gold narratives,
    /// each predicted by a words-only model trained on the other folds
    /// (`folds` by document order) and decided with `decision` — what a
    /// role model sees at prediction time, where the narratives come from a
    /// model that never saw the article.
    pub fn out_of_fold_articles(
        &self,
        corpus: &SemevalCorpus,
        decision: Decision,
    ) -> std::collections::HashMap<String, crate::role_cues::ArticleCues> {
        let (docs, labels, targets) = labelled(corpus, false);
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let (parent, coarse) = NarrativeModel::label_structure(&labels);
        let k = self.folds.max(2);
        let mut out = std::collections::HashMap::new();
        for fold in 0..k {
            let train_idx: Vec<usize> = (0..docs.len()).filter(|i| i % k != fold).collect();
            let (featurizer, head) = fit_head(
                &texts,
                &[],
                &targets,
                &labels,
                &train_idx,
                &parent,
                self.fit_settings(),
            );
            let model = NarrativeModel {
                decision,
                ..NarrativeModel::plain(featurizer, head, parent.clone(), coarse.clone())
            };
            let held: Vec<(String, crate::role_cues::ArticleCues)> = (0..docs.len())
                .into_par_iter()
                .filter(|i| i % k == fold)
                .map(|i| {
                    (
                        docs[i].id.clone(),
                        crate::role_cues::predict_article(&model, texts[i]),
                    )
                })
                .collect();
            out.extend(held);
        }
        out
    }

    /// Grid search over thresholds on out-of-fold probabilities, maximising
    /// the mean of coarse and fine F1. Returns the decision and its scores.
    pub fn choose_decision(
        &self,
        model: &NarrativeModel,
        probs: &[Vec<f32>],
        gold: &[(Vec<String>, Vec<String>)],
    ) -> (Decision, (f64, f64)) {
        let grid: Vec<f32> = [
            0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3,
        ]
        .into_iter()
        .chain((7..=18).map(|i| i as f32 * 0.05))
        .collect();
        let other_grid: &[f32] = if model.head.labels.iter().any(|l| l == OTHER) {
            &[0.0, 0.3, 0.5, 0.7]
        } else {
            &[0.0]
        };
        let mut candidates = Vec::new();
        for &c in &grid {
            for &f in &grid {
                for &fb in &[1.0, 0.5 * c, 0.25 * c] {
                    for best_child in [false, true] {
                        for &other_below in other_grid {
                            candidates.push(Decision {
                                coarse: c,
                                fine: f,
                                fallback: fb,
                                best_child,
                                one_domain: self.one_domain,
                                other_below,
                            });
                        }
                    }
                }
            }
        }
        candidates
            .into_par_iter()
            .map(|d| {
                let pred: Vec<(Vec<String>, Vec<String>)> = probs
                    .iter()
                    .map(|p| label_sets(&model.decide(p, &d)))
                    .collect();
                let s = samples_f1(gold, &pred);
                (d, s)
            })
            .max_by(|a, b| (a.1 .0 + a.1 .1).total_cmp(&(b.1 .0 + b.1 .1)))
            .unwrap_or((Decision::default(), (0.0, 0.0)))
    }
}

/// Threshold offsets for `model` (its decision fixed), chosen on the
/// documents `idx`: group by group (labels sharing one offset; most positive
/// articles first), the offset from a small grid that maximises coarse +
/// fine F1 of those documents, shrunk toward 0 by `n / (n + shrink)` for a
/// group with `n` positive labels among them. Returns one offset per label.
fn choose_offsets(
    model: &NarrativeModel,
    probs: &[Vec<f32>],
    gold: &[(Vec<String>, Vec<String>)],
    targets: &[Vec<usize>],
    idx: &[usize],
    groups: &[Vec<usize>],
    shrink: f32,
) -> Vec<f32> {
    const GRID: [f32; 11] = [
        -0.25, -0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1, 0.15, 0.2, 0.3,
    ];
    let labels = model.head.labels.len();
    let count = |g: &[usize]| -> usize {
        idx.iter()
            .map(|&i| targets[i].iter().filter(|l| g.contains(l)).count())
            .sum()
    };
    let mut order: Vec<(usize, &Vec<usize>)> = groups
        .iter()
        .map(|g| (count(g), g))
        .filter(|(c, g)| *c > 0 && !g.is_empty())
        .collect();
    order.sort_by_key(|(c, _)| std::cmp::Reverse(*c));
    let mut off = vec![0f32; labels];
    let doc_f1 = |i: usize, off: &[f32]| -> f64 {
        let p = label_sets(&model.decide_with(&probs[i], &model.decision, off));
        let (c, f) = samples_f1(std::slice::from_ref(&gold[i]), std::slice::from_ref(&p));
        c + f
    };
    for (n, group) in order {
        // One group is all coarse or all fine labels.
        let base = if model.coarse[group[0]] {
            model.decision.coarse
        } else {
            model.decision.fine
        };
        let grid: Vec<f32> = GRID
            .iter()
            .copied()
            .filter(|d| (0.01..=0.97).contains(&(base + d)))
            .collect();
        let (lo, hi) = (
            base + grid.first().copied().unwrap_or(0.0),
            base + grid.last().copied().unwrap_or(0.0),
        );
        // Only documents with a probability between the extreme
        // thresholds can change.
        let touched: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| group.iter().any(|&l| probs[i][l] >= lo && probs[i][l] < hi))
            .collect();
        if touched.is_empty() {
            continue;
        }
        let best = grid
            .par_iter()
            .map(|&d| {
                let mut o = off.clone();
                for &l in group {
                    o[l] = d;
                }
                (d, touched.iter().map(|&i| doc_f1(i, &o)).sum::<f64>())
            })
            .collect::<Vec<_>>()
            .into_iter()
            // Ties go to the smallest change.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.abs().total_cmp(&a.0.abs())))
            .map_or(0.0, |(d, _)| d);
        let n = n as f32;
        for &l in group {
            off[l] = best * n / (n + shrink);
        }
    }
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn averaged_heads_hold_the_mean_weights() {
        let head = |w: f32, b: f32| {
            LinearHead::new(
                s(&["a"]),
                vec![crate::linear::Binary {
                    sparse: vec![(1, w)],
                    dense: vec![w],
                    bias: b,
                }],
            )
        };
        let avg = average_heads(head(1.0, 0.0), &[head(3.0, 1.0), head(-1.0, 2.0)], 3);
        let c = &avg.classifiers[0];
        assert_eq!(c.sparse, vec![(1, 1.0)]);
        assert_eq!(c.dense, vec![1.0]);
        assert!((c.bias - 1.0).abs() < 1e-6);
    }

    #[test]
    fn duplicate_folds_keep_near_copies_together() {
        let texts = [
            "storm floods the coast of the island tonight",
            "markets fall as the central bank raises rates",
            "storm floods the coast of the island tonight again",
            "the election campaign opens in the capital",
            "a new vaccine passes its last trial",
            "farmers protest the new tax on diesel",
        ];
        let by_position = NarrativeTrainer::default().folds_of(&texts, 5);
        assert_ne!(by_position[0], by_position[2]);
        let grouped = NarrativeTrainer {
            duplicate_folds: Some(0.8),
            min_df: 1,
            ..NarrativeTrainer::default()
        }
        .folds_of(&texts, 5);
        assert_eq!(grouped[0], grouped[2]);
        assert_eq!(grouped[1], by_position[1]);
    }

    #[test]
    fn conditional_training_changes_only_the_subnarratives() {
        let texts = ["war tanks a", "war tanks b", "war peace c", "rain d"];
        let labels = s(&["URW: A", "URW: A: x"]);
        let (parent, _) = NarrativeModel::label_structure(&labels);
        let targets = vec![vec![0, 1], vec![0, 1], vec![0], vec![]];
        let settings = |conditional| FitSettings {
            linear: TrainSettings::default(),
            min_df: 1,
            keep_per_label: 0,
            conditional,
            seeds: 1,
        };
        let idx = [0, 1, 2, 3];
        let (_, plain) = fit_head(
            &texts,
            &[],
            &targets,
            &labels,
            &idx,
            &parent,
            settings(false),
        );
        let (_, cond) = fit_head(
            &texts,
            &[],
            &targets,
            &labels,
            &idx,
            &parent,
            settings(true),
        );
        assert_eq!(plain.classifiers[0].sparse, cond.classifiers[0].sparse);
        assert_ne!(plain.classifiers[1].sparse, cond.classifiers[1].sparse);
    }

    #[test]
    fn samples_f1_matches_the_task_metric() {
        let gold = vec![(s(&["A"]), s(&["A: x"])), (s(&["Other"]), s(&["Other"]))];
        let pred = vec![
            (s(&["A", "B"]), s(&["A: x"])),
            (s(&["Other"]), s(&["Other"])),
        ];
        let (c, f) = samples_f1(&gold, &pred);
        assert!((c - (2.0 / 3.0 + 1.0) / 2.0).abs() < 1e-9);
        assert!((f - 1.0).abs() < 1e-9);
    }
}
