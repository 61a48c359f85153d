//! Quote attribution for newslens: who said what. The main type is
//! [`QuoteExtractor`], the `quotes` pipeline stage. It reads the clean text,
//! the language, paragraphs and sentences of a [`newslens_core::Document`]
//! and writes `Document::quotes`: direct quotes in every quote-mark style
//! (“…” "…" «…» „…“ ‘…’ and dialogue dashes in ru/uk/bg), partial quotes and
//! reported speech ("X said that …", "according to X, …"), each with its
//! speech cue and its speaker (resolved through pronouns and surnames).
//! Settings are in [`QuoteConfig`].

mod extractor;
mod lexicon;
mod marks;
mod speech_verbs;
mod tokens;

pub use extractor::{QuoteConfig, QuoteExtractor};

#[cfg(test)]
mod tests;
