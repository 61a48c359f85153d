//! [`Backend`] for the newslens store: each connection is one
//! [`Store::open_read_only`]. The API's parameters map onto the store's
//! queries here and nowhere else.

use crate::backend::Backend;
use crate::error::{BackendError, QueryTimeout};
use crate::params::{ArticlesParams, EntitiesParams, NarrativesBy, QuotesParams, SearchParams};
use newslens_store::{
    ArticleQuery, EntityQuery, NarrativeGrouping, Page, QuoteQuery, Store, StoreError,
};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

impl From<StoreError> for BackendError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::TimedOut { limit } => BackendError::new(QueryTimeout::narrowable(limit)),
            other => BackendError::new(other),
        }
    }
}

/// `value` as JSON text, an error the API answers with 500.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, BackendError> {
    serde_json::to_string(value).map_err(BackendError::new)
}

/// Opens `n` read-only connections to the database at `path`, each query
/// stopped after `limit` (`None`: never).
pub fn open_read_only(
    path: &Path,
    n: usize,
    limit: Option<Duration>,
) -> Result<Vec<Box<dyn Backend>>, StoreError> {
    (0..n.max(1))
        .map(|_| {
            let mut store = Store::open_read_only(path)?;
            store.set_time_limit(limit)?;
            Ok(Box::new(store) as Box<dyn Backend>)
        })
        .collect()
}

impl Backend for Store {
    fn articles(&mut self, p: &ArticlesParams) -> Result<String, BackendError> {
        let q = ArticleQuery {
            q: p.q.clone(),
            outlet: None,
            limit: p.limit,
            offset: p.offset,
        };
        to_json(&Store::articles(self, &q)?)
    }

    fn article(&mut self, id: &str) -> Result<Option<String>, BackendError> {
        // The stored JSON text as it was put: no parse and re-serialise.
        Ok(self.article_json(id)?)
    }

    fn quotes(&mut self, p: &QuotesParams) -> Result<String, BackendError> {
        let q = QuoteQuery {
            speaker: p.speaker.clone(),
            about: None,
            since: p.since.clone(),
            until: p.until.clone(),
            outlet: p.outlet.clone(),
            search: p.q.clone(),
            limit: p.limit,
            offset: p.offset,
        };
        to_json(&Store::quotes(self, &q)?)
    }

    fn entities(&mut self, p: &EntitiesParams) -> Result<String, BackendError> {
        let q = EntityQuery {
            kind: p.kind.clone(),
            prefix: p.q.clone(),
            limit: p.limit,
            offset: p.offset,
        };
        to_json(&Store::entities(self, &q)?)
    }

    fn entity(&mut self, id: &str) -> Result<Option<String>, BackendError> {
        let Some(detail) = Store::entity(self, id)? else {
            return Ok(None);
        };
        // `EntityDetail` flattens `EntityRow` (whose `quotes` is a count)
        // beside its own `quotes` list, which would give the object two
        // `quotes` keys. The API keeps the list as `quotes` and the count as
        // `quote_count`.
        let mut obj = match serde_json::to_value(&detail.entity).map_err(BackendError::new)? {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        obj.insert("quote_count".into(), detail.entity.quotes.into());
        let mut put = |key: &str, value: Result<serde_json::Value, serde_json::Error>| {
            value
                .map(|v| obj.insert(key.into(), v))
                .map_err(BackendError::new)
        };
        put("names", serde_json::to_value(&detail.names))?;
        put("quotes", serde_json::to_value(&detail.quotes))?;
        put("roles", serde_json::to_value(&detail.roles))?;
        put("months", serde_json::to_value(&detail.months))?;
        to_json(&obj).map(Some)
    }

    fn narratives(&mut self, by: NarrativesBy) -> Result<String, BackendError> {
        let grouping = match by {
            NarrativesBy::Outlet => NarrativeGrouping::Outlet,
            NarrativesBy::Month => NarrativeGrouping::Month,
        };
        let items = Store::narratives(self, grouping)?;
        to_json(&Page {
            total: items.len() as u64,
            items,
        })
    }

    fn search(&mut self, p: &SearchParams) -> Result<String, BackendError> {
        to_json(&Store::search(self, &p.q, p.limit, p.offset)?)
    }

    fn talking_points(
        &mut self,
        p: &crate::signals_api::TalkingPointsParams,
    ) -> Result<String, BackendError> {
        crate::signals_api::talking_points(self, p)
    }

    fn quote_travel(
        &mut self,
        id: &str,
        p: &crate::signals_api::TravelParams,
    ) -> Result<Option<String>, BackendError> {
        crate::signals_api::quote_travel(self, id, p)
    }
}
