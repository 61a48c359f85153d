//! Entity linking for newslens. The main type is [`EntityLinker`], the
//! `entities` pipeline stage.
//!
//! It reads the clean text, language, metadata (the published date),
//! sentences and quotes of a [`newslens_core::Document`], and writes
//! `Document::entities` — one [`newslens_core::Entity`] per real-world
//! person, organisation or place, with every mention as a span of the clean
//! text and, when known, the id of the actor in the curated [`ActorBase`] —
//! and the `entity` (and canonical `name`) of each quote's speaker.
//!
//! Mentions come from three sources: aliases of the actor base (one
//! Aho–Corasick automaton over a case- and diacritic-folded view of the
//! text, Russian oblique cases included), title phrases that stand for an
//! office holder on the article's date ("the Ukrainian foreign minister"),
//! and capitalised names outside the base. See `docs/entities.md`.

mod base;
mod countries;
mod linker;
mod names;
mod normalize;

pub use base::{Actor, ActorBase, BarePhrase, Office, Role, BUNDLED_TOML};
pub use countries::WorldCountries;
pub use linker::EntityLinker;
pub use normalize::{fold, name_key};

use std::path::PathBuf;

/// Settings of the entity stage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EntityConfig {
    /// An actor-base TOML file; `None` uses the bundled one.
    pub actor_base: Option<PathBuf>,
    /// Also report capitalised names that are not in the actor base.
    pub unknown_names: bool,
    /// Accept base aliases of 6+ letters with one letter changed, or glued
    /// to a following word ("Zelenskysaid").
    pub fuzzy: bool,
}

impl Default for EntityConfig {
    fn default() -> Self {
        EntityConfig {
            actor_base: None,
            unknown_names: true,
            fuzzy: true,
        }
    }
}

/// Why the entity stage could not be built.
#[derive(Debug, thiserror::Error)]
pub enum EntityError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    #[error("building the alias automaton: {0}")]
    Automaton(String),
}
