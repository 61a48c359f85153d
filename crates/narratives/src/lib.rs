//! Narratives and entity roles (SemEval-2025 Task 10). The main type is
//! [`NarrativeClassifier`], the `narratives` stage: from the clean text it
//! predicts the narratives and sub-narratives an article carries, each with a
//! score and the sentences that support it. [`NarrativeModel`] is the learned
//! model and [`NarrativeTrainer`] learns it from the task's training data.
//! [`RoleClassifier`] (the `roles` stage, model [`RoleModel`], trainer
//! [`RoleTrainer`]) gives each main entity its framing role.

mod classifier;
mod config;
mod corpus;
mod dense;
mod domain_anchors;
mod features;
mod linear;
mod mention_embedder;
mod model;
mod role_classifier;
pub mod role_cues;
mod roles;
mod store;
mod trainer;

pub use classifier::{DenseFeatures, NarrativeClassifier, EVIDENCE_SENTENCES};
pub use config::NarrativeConfig;
pub use corpus::{
    read_docs, read_narratives, read_roles, LabelSets, RoleRow, SemevalCorpus, TaskDoc,
};
pub use dense::{ArticleEmbedder, MAX_PARAGRAPHS};
pub use domain_anchors::DomainAnchors;
pub use features::{terms, words, Sparse, TextFeaturizer};
pub use linear::{Binary, Example, LinearHead, TrainSettings};
pub use mention_embedder::{mention_sentence, MentionEmbedder};
pub use model::{Decision, NarrativeModel, Neighbours, Predicted, OTHER};
pub use role_classifier::RoleClassifier;
pub use roles::{
    mention_context, mention_context_bytes, mention_context_with, role_scores, split_context,
    PredictedRole, RoleModel, RoleTrainer, CUE_SEPARATOR, ROLES,
};
pub use store::{load, save};
pub use trainer::{label_sets, samples_f1, NarrativeTrainer};

use std::path::{Path, PathBuf};

/// Errors of loading task data or models.
#[derive(Debug, thiserror::Error)]
pub enum NarrativeError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Format {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: not a newslens model: {message}")]
    Model { path: PathBuf, message: String },
}

impl NarrativeError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        NarrativeError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
