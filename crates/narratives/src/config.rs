//! [`NarrativeConfig`]: the `[narratives]` settings section.

use serde::Deserialize;
use std::path::PathBuf;

/// Settings of the `narratives` and `roles` stages.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NarrativeConfig {
    /// Predict narratives (default true).
    pub enabled: bool,
    /// Use the model that adds multilingual sentence embeddings to the
    /// words (the encoder is fetched once into the model cache on first use).
    /// Default false: the text-only model scored higher on English
    /// Development data, the encoder model in cross-validation on Train
    /// (docs/narratives.md).
    pub encoder: bool,
    /// A narrative model file from `newslens train narratives` instead of
    /// the bundled one.
    pub model: Option<PathBuf>,
    /// Give the main entities framing roles (default true).
    pub roles: bool,
    /// A role model file from `newslens train roles` instead of the bundled
    /// one.
    pub roles_model: Option<PathBuf>,
    /// Entities given a role per article, most mentioned first (default 8).
    pub max_roles: usize,
}

impl Default for NarrativeConfig {
    fn default() -> Self {
        NarrativeConfig {
            enabled: true,
            encoder: false,
            model: None,
            roles: true,
            roles_model: None,
            max_roles: 8,
        }
    }
}
