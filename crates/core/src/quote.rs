//! [`Quote`]: who said what — a quoted or reported statement and its speaker.

use crate::Span;

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Whole quoted sentence(s) inside quote marks.
    Direct,
    /// A quoted fragment inside a reported sentence.
    Partial,
    /// Reported speech without quote marks ("X said that …").
    Indirect,
}

impl QuoteKind {
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// The speaker of a quote as written next to it, and who that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The words naming the speaker in the text ("he", "the ambassador", "Lavrov").
    pub span: Span,
    /// The resolved name (through pronouns, titles and aliases), if known.
    pub name: Option<String>,
    /// Index into `Document::entities`, once entities exist.
    pub entity: Option<usize>,
}

/// A quoted or reported statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The content, without the quote marks.
    pub span: Span,
    pub kind: QuoteKind,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Option<Span>,
    pub speaker: Option<Speaker>,
    /// The date the statement was made, when the text states it
    /// ("Lavrov told reporters on Oct. 12"), as an ISO 8601 value.
    pub said_on: Option<String>,
}
