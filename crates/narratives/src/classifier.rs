//! [`NarrativeClassifier`], the `narratives` stage: the narratives an
//! article carries, with scores and supporting sentences.

use crate::features::Sparse;
use crate::model::NarrativeModel;
use newslens_core::{Document, Layer, NarrativeLabel, Span, Stage, StageError};
use std::sync::Arc;

/// Dense features of an article (e.g. its mean sentence embedding), given
/// the article text and its sentences.
pub type DenseFeatures = dyn Fn(&str, &[&str]) -> Vec<f32> + Send + Sync;

/// Sentences kept as evidence per narrative.
pub const EVIDENCE_SENTENCES: usize = 3;

/// The `narratives` stage.
pub struct NarrativeClassifier {
    model: Arc<NarrativeModel>,
    dense: Option<Arc<DenseFeatures>>,
}

impl NarrativeClassifier {
    /// A stage predicting with `model`. A model trained with dense features
    /// needs `dense`; without it the dense part counts as zero.
    pub fn new(model: Arc<NarrativeModel>, dense: Option<Arc<DenseFeatures>>) -> Self {
        NarrativeClassifier { model, dense }
    }

    /// The text the model reads: title, blank line, body — the layout of the
    /// training files.
    pub fn model_text(doc: &Document) -> String {
        match &doc.title {
            Some(t) => format!("{t}\n\n{}", doc.text),
            None => doc.text.clone(),
        }
    }
}

impl Stage for NarrativeClassifier {
    fn name(&self) -> &'static str {
        "narratives"
    }

    fn reads(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Metadata, Layer::Sentences]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Narratives]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.narratives.clear();
        let text = Self::model_text(doc);
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let dense = match (&self.dense, self.model.dense_dim) {
            (Some(f), d) if d > 0 => {
                let list: Vec<&str> = sentences
                    .iter()
                    .filter_map(|s| s.slice(&doc.text))
                    .collect();
                let v = f(&text, &list);
                (v.len() == d).then_some(v)
            }
            _ => None,
        };
        let probs = self.model.article_probs(&text, dense);
        let predicted = self.model.decide(&probs, &self.model.decision);
        let feats: Vec<Sparse> = sentences
            .iter()
            .map(|s| {
                s.slice(&doc.text)
                    .map(|t| self.model.featurizer.transform(t))
                    .unwrap_or_default()
            })
            .collect();
        for p in predicted {
            let mut ranked: Vec<(f32, Span)> = feats
                .iter()
                .zip(&sentences)
                .map(|(f, s)| (self.model.sentence_support(f, &p.labels), *s))
                .filter(|(score, _)| *score > 0.0)
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
            doc.narratives.push(NarrativeLabel {
                narrative: p.narrative,
                subnarrative: p.subnarrative,
                score: p.score,
                evidence: ranked
                    .into_iter()
                    .take(EVIDENCE_SENTENCES)
                    .map(|(_, s)| s)
                    .collect(),
            });
        }
        Ok(())
    }
}
