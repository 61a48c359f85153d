//! The JSON API handlers and the router that joins them with the UI assets.

use crate::assets;
use crate::backend::Backend;
use crate::cache::ResponseCache;
use crate::error::{ApiError, BackendError};
use crate::params::{ArticlesParams, EntitiesParams, NarrativesBy, QuotesParams, SearchParams};
use crate::pool::{Pool, PoolError};
use crate::security;
use crate::signals_api;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// The connections every handler shares.
pub type BackendPool = Pool<Box<dyn Backend>>;

#[derive(Clone)]
pub(crate) struct AppState {
    pub pool: Arc<BackendPool>,
    pub cache: Option<Arc<ResponseCache>>,
}

/// Every route of the API (without the UI assets), as in the OpenAPI document.
pub const API_ROUTES: [&str; 10] = [
    "/api/articles",
    "/api/articles/{id}",
    "/api/quotes",
    "/api/entities",
    "/api/entities/{id}",
    "/api/narratives",
    "/api/search",
    "/api/openapi.json",
    "/api/talking-points",
    "/api/quotes/{id}/travel",
];

pub(crate) fn router(state: AppState, host_check: Option<security::HostCheck>) -> Router {
    let api = Router::new()
        .route("/api/articles", get(articles))
        .route("/api/articles/{*id}", get(article))
        .route("/api/quotes", get(quotes))
        .route("/api/entities", get(entities))
        .route("/api/entities/{*id}", get(entity))
        .route("/api/narratives", get(narratives))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(assets::openapi))
        .route(
            "/api/talking-points",
            get(signals_api::talking_points_route),
        )
        .route("/api/quotes/{id}/travel", get(signals_api::travel_route))
        .route("/talking-points", get(assets::talking_points))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route("/favicon.ico", get(assets::favicon))
        .fallback(not_found)
        .with_state(state);
    let api = match host_check {
        Some(check) => api.layer(axum::middleware::from_fn_with_state(
            check,
            security::check_host,
        )),
        None => api,
    };
    api.layer(axum::middleware::from_fn(security::guard))
}

pub(crate) fn pairs(query: Option<String>) -> Result<Vec<(String, String)>, ApiError> {
    match query {
        None => Ok(Vec::new()),
        Some(q) => serde_urlencoded::from_str(&q)
            .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}"))),
    }
}

async fn call<R, F>(state: &AppState, f: F) -> Result<R, ApiError>
where
    F: FnOnce(&mut dyn Backend) -> Result<R, BackendError> + Send + 'static,
    R: Send + 'static,
{
    match state.pool.run(move |b| f(b.as_mut())).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(PoolError::Timeout(_)) => Err(ApiError::Busy),
        Err(err @ PoolError::Panicked) => Err(ApiError::Internal(BackendError::new(err))),
    }
}

/// Escapes `<`, `>` and `&` inside JSON text as `\u003c`, `\u003e`,
/// `\u0026` (they can only occur inside strings, where the escapes mean the
/// same), so no response body ever holds markup from an article, even if a
/// client mislabels it as HTML.
pub fn escape_markup(json: String) -> String {
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn json(body: Bytes) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

/// Runs `f` without the answer cache: for answers that are one primary-key
/// lookup (an article), as cheap as the cache's own lookup. Through the
/// cache, the first requests of many distinct ids measured slower than the
/// plain query (docs/server.md, fourth run), and the cache's memory serves
/// the costly answers (lists, search, aggregates) better.
pub(crate) async fn uncached<F>(s: &AppState, f: F) -> Result<Option<Bytes>, ApiError>
where
    F: FnOnce(&mut dyn Backend) -> Result<Option<String>, BackendError> + Send + 'static,
{
    Ok(call(s, f).await?.map(|b| Bytes::from(escape_markup(b))))
}

/// Runs `f` unless the cache holds the answer for `key`; keeps a found
/// answer (markup-escaped, ready to send).
pub(crate) async fn cached<F>(s: &AppState, key: String, f: F) -> Result<Option<Bytes>, ApiError>
where
    F: FnOnce(&mut dyn Backend) -> Result<Option<String>, BackendError> + Send + 'static,
{
    let finish = |body: Option<String>| body.map(|b| Bytes::from(escape_markup(b)));
    let Some(cache) = &s.cache else {
        return Ok(finish(call(s, f).await?));
    };
    let stamp = cache.stamp();
    if let Some(hit) = cache.get(&key, &stamp) {
        return Ok(Some(hit));
    }
    // Concurrent misses of this key: one query, the others wait for it.
    // Waiting is bounded like the pool's, so a saturated pool does not make
    // the waiters of one key time out one after the other.
    let flight = cache.flight(&key);
    let _turn = tokio::time::timeout(crate::POOL_WAIT, flight.lock())
        .await
        .map_err(|_| ApiError::Busy)?;
    let stamp = cache.stamp();
    if let Some(hit) = cache.get(&key, &stamp) {
        return Ok(Some(hit));
    }
    let body = finish(call(s, f).await?);
    if let Some(b) = &body {
        cache.put(key, b.clone(), &stamp);
    }
    Ok(body)
}

/// [`cached`] for answers that always exist (lists).
pub(crate) async fn cached_list<F>(s: &AppState, key: String, f: F) -> Result<Response, ApiError>
where
    F: FnOnce(&mut dyn Backend) -> Result<String, BackendError> + Send + 'static,
{
    match cached(s, key, move |b| f(b).map(Some)).await? {
        Some(body) => Ok(json(body)),
        None => Err(ApiError::NotFound("no answer".into())),
    }
}

pub(crate) fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > 2048 || id.chars().any(char::is_control) {
        Err(ApiError::BadRequest("malformed id".into()))
    } else {
        Ok(())
    }
}

async fn articles(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = ArticlesParams::parse(pairs(q)?)?;
    cached_list(&s, format!("articles {p:?}"), move |b| b.articles(&p)).await
}

async fn article(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    crate::params::Pairs::new(pairs(q)?, &[])?;
    check_id(&id)?;
    let key = id.clone();
    match uncached(&s, move |b| b.article(&key)).await? {
        Some(v) => Ok(json(v)),
        None => Err(ApiError::NotFound(format!("no article with id `{id}`"))),
    }
}

async fn quotes(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = QuotesParams::parse(pairs(q)?)?;
    cached_list(&s, format!("quotes {p:?}"), move |b| b.quotes(&p)).await
}

async fn entities(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = EntitiesParams::parse(pairs(q)?)?;
    cached_list(&s, format!("entities {p:?}"), move |b| b.entities(&p)).await
}

async fn entity(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    crate::params::Pairs::new(pairs(q)?, &[])?;
    check_id(&id)?;
    let key = id.clone();
    match cached(&s, format!("entity {id:?}"), move |b| b.entity(&key)).await? {
        Some(v) => Ok(json(v)),
        None => Err(ApiError::NotFound(format!("no entity with id `{id}`"))),
    }
}

async fn narratives(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let by = NarrativesBy::parse(pairs(q)?)?;
    cached_list(&s, format!("narratives {by:?}"), move |b| b.narratives(by)).await
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = SearchParams::parse(pairs(q)?)?;
    cached_list(&s, format!("search {p:?}"), move |b| b.search(&p)).await
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such route".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tower::ServiceExt;

    /// Answers every list after a pause and counts the queries.
    struct Slow(Arc<AtomicUsize>);

    impl Backend for Slow {
        fn articles(&mut self, _: &ArticlesParams) -> Result<String, BackendError> {
            self.0.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(100));
            Ok(r#"{"total":0,"items":[]}"#.into())
        }
        fn article(&mut self, _: &str) -> Result<Option<String>, BackendError> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(Some(r#"{"id":"a"}"#.into()))
        }
        fn quotes(&mut self, p: &QuotesParams) -> Result<String, BackendError> {
            self.articles(&ArticlesParams {
                q: p.q.clone(),
                limit: 1,
                offset: 0,
            })
        }
        fn entities(&mut self, p: &EntitiesParams) -> Result<String, BackendError> {
            self.articles(&ArticlesParams {
                q: p.q.clone(),
                limit: 1,
                offset: 0,
            })
        }
        fn entity(&mut self, _: &str) -> Result<Option<String>, BackendError> {
            Ok(None)
        }
        fn narratives(&mut self, _: NarrativesBy) -> Result<String, BackendError> {
            self.articles(&ArticlesParams::default())
        }
        fn search(&mut self, p: &SearchParams) -> Result<String, BackendError> {
            self.articles(&ArticlesParams {
                q: Some(p.q.clone()),
                limit: 1,
                offset: 0,
            })
        }
    }

    #[tokio::test]
    async fn concurrent_misses_of_one_answer_run_one_query() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"db").unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let backends: Vec<Box<dyn Backend>> = (0..4)
            .map(|_| Box::new(Slow(Arc::clone(&count))) as Box<dyn Backend>)
            .collect();
        let app = crate::App::new(backends).unwrap().with_cache(&db, 1 << 20);
        let router = app.router();
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let r = router.clone();
            tasks.push(tokio::spawn(async move {
                let req = axum::http::Request::builder()
                    .uri("/api/narratives?by=month")
                    .body(axum::body::Body::empty())
                    .unwrap();
                r.oneshot(req).await.unwrap().status()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), 200);
        }
        assert_eq!(count.load(Ordering::SeqCst), 1);
        // Another key is another query.
        let req = axum::http::Request::builder()
            .uri("/api/narratives?by=outlet")
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(router.oneshot(req).await.unwrap().status(), 200);
        assert_eq!(count.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn single_articles_are_served_around_the_answer_cache() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"db").unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let backends: Vec<Box<dyn Backend>> = vec![Box::new(Slow(Arc::clone(&count)))];
        let app = crate::App::new(backends).unwrap().with_cache(&db, 1 << 20);
        let router = app.router();
        for _ in 0..2 {
            let req = axum::http::Request::builder()
                .uri("/api/articles/a")
                .body(axum::body::Body::empty())
                .unwrap();
            assert_eq!(router.clone().oneshot(req).await.unwrap().status(), 200);
        }
        // Each request queried: the article is not kept in the cache.
        assert_eq!(count.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn markup_is_escaped_and_the_json_means_the_same() {
        let v = serde_json::json!({"t": "<script>alert(1)</script> & \\<b>", "n": 1});
        let text = serde_json::to_string(&v).unwrap();
        let escaped = escape_markup(text);
        assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, v);
    }
}
