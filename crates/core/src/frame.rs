//! Narrative and role labels: what an article argues and how it casts each
//! actor, each with a score and the spans that support it.

use crate::Span;

/// One narrative an article carries (SemEval-2025 Task 10 taxonomy labels).
#[derive(Debug, Clone, PartialEq)]
pub struct NarrativeLabel {
    /// The coarse narrative, e.g. "URW: Discrediting Ukraine", or "Other".
    pub narrative: String,
    /// The sub-narrative, when one is predicted (its name starts with the
    /// narrative's).
    pub subnarrative: Option<String>,
    /// Confidence in `0..=1`.
    pub score: f32,
    /// Sentences that carry the narrative, strongest first.
    pub evidence: Vec<Span>,
}

/// The framing role of one entity of [`crate::Document::entities`].
#[derive(Debug, Clone, PartialEq)]
pub struct RoleLabel {
    /// Index into `Document::entities`.
    pub entity: usize,
    /// "Protagonist", "Antagonist" or "Innocent".
    pub main: String,
    /// Fine roles under the main one ("Instigator", "Victim", …).
    pub fine: Vec<String>,
    /// Confidence of the main role in `0..=1`.
    pub score: f32,
    /// Sentences around the mentions that the decision rests on.
    pub evidence: Vec<Span>,
}
