//! Writing articles: one transaction per batch.

use crate::{PutSummary, Store, StoreError};

impl Store {
    /// Stores contract article objects in one transaction: new ones are
    /// added, unchanged ones (same id, same content hash) skipped, changed
    /// ones replace the stored article and all its rows. An error object
    /// or an article without `id` fails the whole batch before anything is
    /// written.
    pub fn put_articles(
        &mut self,
        articles: &[serde_json::Value],
    ) -> Result<PutSummary, StoreError> {
        let _ = articles;
        todo!()
    }

    /// Like [`Store::put_articles`] for article objects as JSON text (one
    /// line of `newslens annotate` each); the text is stored verbatim, so
    /// [`Store::article_json`] gives it back byte for byte.
    pub fn put_json_lines<S: AsRef<str>>(&mut self, lines: &[S]) -> Result<PutSummary, StoreError> {
        let _ = lines;
        todo!()
    }
}
