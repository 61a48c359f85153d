//! [`StoreError`]: what can go wrong opening, writing or reading a store.

use std::path::PathBuf;

/// An error of the store, locating the database file or the article.
#[derive(thiserror::Error, Debug)]
pub enum StoreError {
    /// The database file does not exist (read-only opening never creates it).
    #[error("{path}: no such database (run `newslens analyze` first)")]
    Missing { path: PathBuf },
    /// The database was written by a newer newslens.
    #[error("{path}: database schema version {found} is newer than this newslens supports ({supported}); use a newer newslens")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The database has an older schema and was opened read-only.
    #[error("{path}: database schema version {found} is older than this newslens uses ({supported}); run `newslens analyze --db {path}` to migrate it")]
    TooOld {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The file is an SQLite database of something else.
    #[error("{path}: not a newslens database (it has tables but no newslens schema version)")]
    Foreign { path: PathBuf },
    /// SQLite refused to open the file (not a database, no permission …).
    #[error("{path}: cannot open database: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A schema migration failed.
    #[error("{path}: migrating the database to version {version} failed: {source}")]
    Migrate {
        path: PathBuf,
        version: i64,
        #[source]
        source: rusqlite::Error,
    },
    /// An article object lacks what the store needs (an `id`, a `text`) or
    /// is an error object.
    #[error("article {id}: {reason}")]
    InvalidArticle { id: String, reason: String },
    /// Storing an article failed.
    #[error("article {id}: cannot store: {source}")]
    Write {
        id: String,
        #[source]
        source: rusqlite::Error,
    },
    /// An error object of the pipeline (`{"id": …, "error": …}`): the
    /// article could not be read, so there is nothing to store.
    #[error("{error}")]
    ErrorObject { id: String, error: String },
    /// A query failed.
    #[error("database query failed: {0}")]
    Query(#[from] rusqlite::Error),
    /// A query ran longer than the store's time limit and was interrupted
    /// (see [`crate::Store::set_time_limit`]).
    #[error("the query took longer than {} ms and was stopped", limit.as_millis())]
    TimedOut { limit: std::time::Duration },
    /// The thread that keeps the time limit could not be started.
    #[error("cannot start the thread that keeps the query time limit: {source}")]
    Watchdog {
        #[source]
        source: std::io::Error,
    },
    /// A stored article's JSON no longer parses (the file was edited).
    #[error("article {id}: stored JSON is damaged: {source}")]
    Damaged {
        id: String,
        #[source]
        source: serde_json::Error,
    },
}
