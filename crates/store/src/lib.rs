//! The newslens article store: contract article objects (`newslens.article/1`,
//! as `newslens annotate` writes them) in SQLite, with their entities,
//! mentions, quotes, narratives and roles as rows, and FTS5 full-text search
//! over article text and quotes. The main type is [`Store`].
//!
//! - **Idempotent**: an article is stored under its `id` with a hash of its
//!   JSON; the same id with the same hash is skipped, a changed one replaces
//!   the article and all its rows.
//! - **Crash safe**: WAL journal, one transaction per [`Store::put_articles`]
//!   call, so a killed writer leaves whole articles only.
//! - **Versioned**: the schema version is SQLite's `user_version`; opening
//!   an older database migrates it, a newer one is refused.
//! - **Stable entity ids** across articles: the actor-base id when the
//!   article links one, else `type:slug-of-the-name` (`person:anna-smith`).

mod aggregates;
mod error;
mod put;
mod queries;
mod rows;
mod scan;
mod schema;
mod store;
mod translations;
mod verify;
mod watchdog;

pub use error::StoreError;
pub use put::PutReport;
pub use rows::*;
pub use scan::ScannedArticle;
pub use schema::SCHEMA_VERSION;
pub use store::{file_stamps, Store};
pub use translations::{TranslationCandidate, TranslationQuery};

#[cfg(test)]
mod tests;
