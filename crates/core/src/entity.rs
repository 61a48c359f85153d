//! [`Entity`]: a person, organisation or place, with its mentions.

use crate::Span;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Other,
}

impl EntityKind {
    /// The contract's name for the kind.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
            EntityKind::Other => "other",
        }
    }
}

/// One real-world entity of a document, under its canonical name, with every
/// mention (full name, surname, alias, title standing for the person …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The canonical name ("Jens Stoltenberg", "Kyiv").
    pub name: String,
    pub kind: EntityKind,
    /// Spans of the clean text that refer to the entity, in text order.
    pub mentions: Vec<Span>,
    /// The id of the entity in the actor base, when it is known there.
    pub actor: Option<String>,
}
