//! `GET /api/talking-points`, `GET /api/quotes/{id}/travel` and the
//! talking-points page data (the page itself is in `assets.rs`):
//! cross-article signals of `newslens-signals`, read from the derived file
//! beside the database when it is current, else computed in memory (the
//! server never writes it) and kept until the database changes.

use crate::api::AppState;
use crate::error::{ApiError, BackendError, QueryTimeout};
use crate::params::Pairs;
use crate::store_backend::to_json;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use newslens_signals::Derived;
use newslens_store::{Store, StoreError};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The backend does not compute signals (test doubles).
#[derive(Debug, thiserror::Error)]
#[error("this backend has no cross-article signals")]
pub struct Unsupported;

/// Parameters of `GET /api/talking-points`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TalkingPointsParams {
    /// Only articles published on or after this date.
    pub since: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

impl TalkingPointsParams {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(pairs, &["since", "limit", "offset"])?;
        Ok(TalkingPointsParams {
            since: p.date("since")?,
            limit: p.number("limit", 50, 1, 500)?,
            offset: p.number("offset", 0, 0, u32::MAX)?,
        })
    }
}

/// Query parameters of `GET /api/quotes/{id}/travel`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravelParams {
    pub limit: u32,
    pub offset: u32,
    /// Add `translations`: quotes of the same linked speaker in another
    /// language that name the same rare entities (`Store::translation_candidates`).
    pub translations: bool,
}

impl TravelParams {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(pairs, &["limit", "offset", "translations"])?;
        Ok(TravelParams {
            limit: p.number("limit", 100, 1, 1000)?,
            offset: p.number("offset", 0, 0, u32::MAX)?,
            translations: p.flag("translations")?,
        })
    }
}

/// A signals error as the backend's. A query stopped at the time limit
/// here was one the client cannot narrow (the database's fingerprint, the
/// rows of a travel page): it is answered as such.
fn signals_error(e: newslens_signals::SignalsError) -> BackendError {
    match e {
        newslens_signals::SignalsError::Store(StoreError::TimedOut { limit }) => {
            BackendError::new(QueryTimeout::unnarrowable(limit))
        }
        newslens_signals::SignalsError::Store(s) => BackendError::from(s),
        newslens_signals::SignalsError::Io(io) => BackendError::new(io),
    }
}

/// The derived signals of the server's database, computed once per state
/// of the database and kept in memory: the server never writes the derived
/// file beside the database (it reads one that `newslens talking-points`
/// or `quote-travel` left, when current). The lock also makes concurrent
/// requests wait for one computation instead of each running their own.
/// `is_current` and `derived_read_only` count the database's articles and
/// quotes on a read-only connection of their own under this connection's
/// time limit, so the pooled connection's page cache does not keep the
/// pages of those counts (session 13).
static DERIVED: Mutex<Option<(PathBuf, Arc<Derived>)>> = Mutex::new(None);

fn current_derived(store: &Store) -> Result<Arc<Derived>, BackendError> {
    let db = store.path().to_path_buf();
    let mut memo = match DERIVED.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some((path, d)) = memo.as_ref() {
        if *path == db && newslens_signals::is_current(store, &db, d).map_err(signals_error)? {
            return Ok(Arc::clone(d));
        }
    }
    let (d, _) = newslens_signals::derived_read_only(store, &db).map_err(signals_error)?;
    let d = Arc::new(d);
    *memo = Some((db, Arc::clone(&d)));
    Ok(d)
}

/// `{"total", "items"}` of talking points, highest score first.
pub(crate) fn talking_points(
    store: &Store,
    p: &TalkingPointsParams,
) -> Result<String, BackendError> {
    let (memo, owned);
    let points: &[newslens_signals::TalkingPoint] = match &p.since {
        None => {
            memo = current_derived(store)?;
            &memo.talking_points
        }
        Some(since) => {
            let loaded = newslens_signals::load(store, Some(since), true).map_err(signals_error)?;
            owned = newslens_signals::talking_points(
                &loaded.articles,
                &loaded.quotes,
                &newslens_signals::TalkingConfig::default(),
            );
            &owned
        }
    };
    #[derive(Serialize)]
    struct List<'a> {
        total: usize,
        items: &'a [newslens_signals::TalkingPoint],
    }
    let start = (p.offset as usize).min(points.len());
    let end = start.saturating_add(p.limit as usize).min(points.len());
    to_json(&List {
        total: points.len(),
        items: &points[start..end],
    })
}

/// Every appearance of quote `id`'s statement, first seen first; `None`
/// for an unknown quote.
pub(crate) fn quote_travel(
    store: &Store,
    id: &str,
    p: &TravelParams,
) -> Result<Option<String>, BackendError> {
    let derived = current_derived(store)?;
    let Some((total, rows)) = derived
        .travel_page(store, id, p.offset as usize, p.limit as usize)
        .map_err(signals_error)?
    else {
        return Ok(None);
    };
    #[derive(Serialize)]
    struct Travel<'a> {
        quote: &'a str,
        total: usize,
        items: Vec<newslens_signals::Appearance<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        translations: Option<Vec<newslens_store::TranslationCandidate>>,
    }
    let translations = if p.translations {
        // From the statement's first appearances (a page further on
        // starts from its own rows).
        let sources: Vec<(String, u32)> =
            rows.iter().map(|r| (r.article.clone(), r.index)).collect();
        Some(store.translation_candidates(&sources, &newslens_store::TranslationQuery::default())?)
    } else {
        None
    };
    let items = newslens_signals::appearances_from(&rows, p.offset as usize);
    to_json(&Travel {
        quote: id,
        total,
        items,
        translations,
    })
    .map(Some)
}

pub(crate) async fn talking_points_route(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = TalkingPointsParams::parse(crate::api::pairs(q)?)?;
    crate::api::cached_list(&s, format!("talking-points {p:?}"), move |b| {
        b.talking_points(&p)
    })
    .await
}

pub(crate) async fn travel_route(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = TravelParams::parse(crate::api::pairs(q)?)?;
    crate::api::check_id(&id)?;
    let key = id.clone();
    let cache_key = format!("travel {id:?} {p:?}");
    match crate::api::cached(&s, cache_key, move |b| b.quote_travel(&key, &p)).await? {
        Some(v) => Ok(crate::api::json(v)),
        None => Err(ApiError::NotFound(format!("no quote with id `{id}`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_signals_query_says_to_try_again_not_to_narrow_it() {
        let limit = std::time::Duration::from_millis(1000);
        let err = ApiError::from(signals_error(newslens_signals::SignalsError::Store(
            StoreError::TimedOut { limit },
        )));
        assert_eq!(err.status(), 503);
        let message = err.to_string();
        assert!(
            message.contains("1000 ms") && message.contains("try again"),
            "{message}"
        );
        assert!(!message.contains("narrow it"), "{message}");
    }

    #[test]
    fn parameters_are_checked() {
        let pairs = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        let p =
            TalkingPointsParams::parse(pairs(&[("since", "2023-03-01"), ("limit", "5")])).unwrap();
        assert_eq!(p.since.as_deref(), Some("2023-03-01"));
        assert_eq!((p.limit, p.offset), (5, 0));
        assert!(TalkingPointsParams::parse(pairs(&[("since", "soon")])).is_err());
        assert!(TalkingPointsParams::parse(pairs(&[("limit", "0")])).is_err());
        assert!(TalkingPointsParams::parse(pairs(&[("speaker", "x")])).is_err());
        let t = TravelParams::parse(pairs(&[])).unwrap();
        assert_eq!((t.limit, t.offset, t.translations), (100, 0, false));
        let t = TravelParams::parse(pairs(&[("translations", "true")])).unwrap();
        assert!(t.translations);
        assert!(TravelParams::parse(pairs(&[("translations", "maybe")])).is_err());
        let t = TravelParams::parse(pairs(&[("limit", "10"), ("offset", "20")])).unwrap();
        assert_eq!((t.limit, t.offset), (10, 20));
        assert!(TravelParams::parse(pairs(&[("limit", "1001")])).is_err());
        assert!(TravelParams::parse(pairs(&[("since", "2023")])).is_err());
    }
}
