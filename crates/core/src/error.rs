//! Error types of the core crate.

/// Why a span could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("span start {start} is after its end {end}")]
    Reversed { start: usize, end: usize },
    #[error("span end {end} is past the end of the text ({len} bytes)")]
    OutOfBounds { end: usize, len: usize },
    #[error("span offset {offset} is not on a character boundary")]
    NotCharBoundary { offset: usize },
}

/// A stage failed on one document; the run goes on with the next one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    #[error("stage {stage}: {message}")]
    Failed {
        stage: &'static str,
        message: String,
    },
    #[error("stage {stage}: {source}")]
    Span {
        stage: &'static str,
        #[source]
        source: SpanError,
    },
}
