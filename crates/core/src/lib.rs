//! Core types of newslens. The main type is [`Document`]: one article holding its
//! clean text, with every annotation a [`Span`] into that text plus data.
//!
//! Stages implement [`Stage`] and declare which [`Layer`]s they read and write;
//! [`PipelineBuilder`] refuses a stage whose inputs no earlier stage (or the
//! ingest step) produces. This crate does no I/O.

mod document;
mod entity;
mod error;
mod frame;
mod layer;
mod pipeline;
mod quote;
mod span;
mod sparse;
mod stage;
mod time_expr;

pub use document::{CharOffsets, Document, Paragraph, Sentence, SourceMeta};
pub use entity::{Entity, EntityKind};
pub use error::{SpanError, StageError};
pub use frame::{NarrativeLabel, RoleLabel};
pub use layer::Layer;
pub use pipeline::{Pipeline, PipelineBuilder, PipelineError};
pub use quote::{Quote, QuoteKind, Speaker};
pub use span::Span;
pub use sparse::sparse_dot;
pub use stage::Stage;
pub use time_expr::TimeExpr;
