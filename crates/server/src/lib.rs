//! The newslens HTTP server: a read-only JSON API and a web UI over a
//! newslens SQLite database (written by `newslens analyze`).
//!
//! The main type is [`App`]: it holds a small [`Pool`] of read-only
//! connections (one per worker thread) and builds the axum router; [`serve`]
//! runs it on a listener until a shutdown signal.
//!
//! - `GET /api/…` answers JSON; list endpoints `{"total": N, "items": […]}`;
//!   bad parameters 400, unknown ids 404, always with `{"error": {status, message}}`.
//! - `GET /` and `/assets/…` serve the web UI (built into the binary).
//! - Only GET and HEAD are answered (405 otherwise); every response carries a
//!   strict Content-Security-Policy, `nosniff` and `no-referrer`.

mod api;
mod assets;
mod backend;
mod cache;
mod error;
mod params;
mod pool;
mod security;
mod signals_api;
mod store_backend;

pub use api::{BackendPool, API_ROUTES};
pub use assets::OPENAPI_JSON;
pub use backend::Backend;
pub use cache::{DbStamp, ResponseCache};
pub use error::{ApiError, BackendError, QueryTimeout, ServerError};
pub use params::{
    ArticlesParams, EntitiesParams, NarrativesBy, QuotesParams, SearchParams, DEFAULT_LIMIT,
    MAX_LIMIT,
};
pub use pool::{Pool, PoolError};
pub use security::{host_allowed, CSP};
pub use signals_api::TalkingPointsParams;
pub use store_backend::open_read_only;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How long a request waits for a free database connection before a 503.
pub const POOL_WAIT: Duration = Duration::from_secs(10);

/// How long one query may run by default before the database stops it
/// (503): a slow query class cannot hold the connections for seconds
/// (`newslens serve --query-limit-ms`).
pub const QUERY_TIME_LIMIT: Duration = Duration::from_secs(1);

/// The server: connections and the router over them.
pub struct App {
    state: api::AppState,
    host_check: bool,
}

impl App {
    /// An app over these connections (at least one).
    pub fn new(backends: Vec<Box<dyn Backend>>) -> Result<App, ServerError> {
        if backends.is_empty() {
            return Err(ServerError::Config(
                "at least one connection is needed".into(),
            ));
        }
        Ok(App {
            state: api::AppState {
                pool: Arc::new(Pool::new(backends, POOL_WAIT)),
                cache: None,
            },
            host_check: false,
        })
    }

    /// An app over `connections` read-only connections to the database at
    /// `path`, each query stopped after [`QUERY_TIME_LIMIT`].
    pub fn open(path: &std::path::Path, connections: usize) -> Result<App, ServerError> {
        App::open_with_limit(path, connections, Some(QUERY_TIME_LIMIT))
    }

    /// [`App::open`] with another time limit per query (`None`: none).
    pub fn open_with_limit(
        path: &std::path::Path,
        connections: usize,
        limit: Option<Duration>,
    ) -> Result<App, ServerError> {
        let backends = open_read_only(path, connections, limit).map_err(|e| ServerError::Open {
            path: path.to_path_buf(),
            source: BackendError::new(e),
        })?;
        App::new(backends)
    }

    /// Keeps up to `max_bytes` of answers in memory until the database at
    /// `db` changes (0: no cache).
    pub fn with_cache(mut self, db: &std::path::Path, max_bytes: usize) -> App {
        self.state.cache = (max_bytes > 0).then(|| Arc::new(ResponseCache::new(db, max_bytes)));
        self
    }

    /// Answers only requests whose `Host` is `localhost` or an IP address
    /// (DNS-rebinding guard; [`serve`] turns it on for loopback addresses).
    pub fn with_host_check(mut self, on: bool) -> App {
        self.host_check = on;
        self
    }

    /// How many connections the app holds.
    pub fn connections(&self) -> usize {
        self.state.pool.size()
    }

    /// The axum router: API, UI assets and the security layers.
    pub fn router(&self) -> axum::Router {
        api::router(
            self.state.clone(),
            self.host_check.then_some(security::HostCheck),
        )
    }
}

/// Whether an address only accepts connections from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Binds `addr` and serves `app` until `shutdown` completes. Turns on the
/// host check when the address is loopback.
pub async fn serve(
    app: App,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| ServerError::Bind { addr, source })?;
    let app = app.with_host_check(is_loopback(&local));
    ready(local);
    axum::serve(listener, app.router())
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServerError::Serve)
}

/// Settings of [`run`] (`newslens serve`).
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The database written by `newslens analyze`.
    pub db: std::path::PathBuf,
    /// Where to listen; loopback unless the user asks otherwise.
    pub addr: SocketAddr,
    /// Read-only connections, also the number of async worker threads.
    pub connections: usize,
    /// Megabytes of answers kept until the database changes (0: none).
    pub cache_mb: usize,
    /// How long one query may run before it is stopped with a 503 (`None`:
    /// no limit).
    pub query_limit: Option<Duration>,
}

/// The default number of connections: one per core, at least two.
pub fn default_connections() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 16)
}

/// Serves until Ctrl-C or SIGTERM, on its own tokio runtime (the blocking
/// entry point of `newslens serve`). `ready` is called with the bound address.
pub fn run(config: &ServeConfig, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    if config.connections == 0 || config.connections > 256 {
        return Err(ServerError::Config(format!(
            "connections must be from 1 to 256, got {}",
            config.connections
        )));
    }
    let app = App::open_with_limit(&config.db, config.connections, config.query_limit)?
        .with_cache(&config.db, config.cache_mb.saturating_mul(1 << 20));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.connections.min(8))
        .max_blocking_threads(config.connections * 2)
        .enable_all()
        .build()
        .map_err(ServerError::Serve)?;
    runtime.block_on(serve(app, config.addr, ready, shutdown_signal()))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
