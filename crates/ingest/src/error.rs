//! [`IngestError`]: why one input or article could not be read.

use std::path::PathBuf;

/// Why an input, or one article inside it, could not be read. Each variant
/// names what locates the problem: the file, and the line for JSON Lines.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no such file, folder or matching glob")]
    NotFound { path: String },
    #[error("{pattern}: invalid glob pattern: {message}")]
    BadGlob { pattern: String, message: String },
    #[error("{path}: binary data (byte offset {offset}), not a text, HTML or JSON Lines article")]
    Binary { path: String, offset: usize },
    #[error("{path}: invalid gzip data: {source}")]
    Gzip {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {size} bytes is over the {limit}-byte input limit")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}:{line}: invalid JSON: {message}")]
    Json {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}:{line}: {message}")]
    Record {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: no article text found in the HTML page")]
    EmptyHtml { path: String },
}
