//! Reading: lists with totals, one article, one entity, narrative counts,
//! full-text search.

use crate::*;

impl Store {
    /// Articles, newest first, or by relevance with a full-text `q`.
    pub fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, StoreError> {
        let _ = q;
        todo!()
    }

    /// The contract article object as stored, or `None` for an unknown id.
    pub fn article(&self, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        let _ = id;
        todo!()
    }

    /// The stored article JSON text, exactly as it was put (key order kept).
    pub fn article_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        let _ = id;
        todo!()
    }

    /// Quotes matching the filters, newest first.
    pub fn quotes(&self, q: &QuoteQuery) -> Result<Page<QuoteRow>, StoreError> {
        let _ = q;
        todo!()
    }

    /// Entities with their counts, most mentioned first.
    pub fn entities(&self, q: &EntityQuery) -> Result<Page<EntityRow>, StoreError> {
        let _ = q;
        todo!()
    }

    /// One entity (by store id) with its quotes, roles and mentions per month.
    pub fn entity(&self, id: &str) -> Result<Option<EntityDetail>, StoreError> {
        let _ = id;
        todo!()
    }

    /// Articles per narrative and subnarrative, optionally per outlet or month.
    pub fn narratives(&self, by: NarrativeGrouping) -> Result<Vec<NarrativeCount>, StoreError> {
        let _ = by;
        todo!()
    }

    /// Full-text search over article titles and texts and over quotes, best
    /// first, with snippets.
    pub fn search(&self, q: &str, limit: u32, offset: u32) -> Result<Page<SearchHit>, StoreError> {
        let _ = (q, limit, offset);
        todo!()
    }
}
