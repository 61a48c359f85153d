//! Errors: [`ServerError`] for starting the server, [`ApiError`] for one
//! request (rendered as a JSON body with the matching status code).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database could not be opened read-only (the source names the
    /// file and the reason).
    #[error("cannot open the database read-only")]
    Open {
        path: PathBuf,
        #[source]
        source: BackendError,
    },
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The server failed while running.
    #[error("server error: {0}")]
    Serve(#[source] std::io::Error),
    /// A setting is out of range.
    #[error("invalid setting: {0}")]
    Config(String),
}

/// An error from the database behind the API.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct BackendError(pub Box<dyn std::error::Error + Send + Sync + 'static>);

impl BackendError {
    /// Wraps any error.
    pub fn new(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        BackendError(Box::new(err))
    }
}

/// A query the database stopped at its time limit (`newslens serve
/// --query-limit-ms`), with what the client can do about it.
#[derive(Debug, thiserror::Error)]
#[error("the query took longer than {} ms and was stopped; {}", .limit.as_millis(), .hint)]
pub struct QueryTimeout {
    pub limit: std::time::Duration,
    pub hint: &'static str,
}

impl QueryTimeout {
    /// A list or search query: a narrower one can be answered in time.
    pub fn narrowable(limit: std::time::Duration) -> Self {
        QueryTimeout {
            limit,
            hint: "narrow it (fewer or rarer words, a filter)",
        }
    }

    /// A query the client cannot narrow (the signals' check of the
    /// database counts every article and quote): slow while the database's
    /// pages are read from disk the first time, so a retry soon succeeds.
    pub fn unnarrowable(limit: std::time::Duration) -> Self {
        QueryTimeout {
            limit,
            hint: "the database is still being read from disk: try again in a moment \
                   (or start the server with a higher --query-limit-ms)",
        }
    }
}

/// A request that cannot be answered, with the status it is answered with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A bad query parameter or path (400).
    #[error("{0}")]
    BadRequest(String),
    /// No such article, entity or route (404).
    #[error("{0}")]
    NotFound(String),
    /// A method other than GET or HEAD (405).
    #[error("method {0} not allowed: this server is read-only (GET, HEAD)")]
    MethodNotAllowed(String),
    /// A `Host` that is not this machine's address nor `localhost` (421).
    #[error("this server answers only requests addressed to localhost or an IP address")]
    MisdirectedHost,
    /// The database failed (500); the detail goes to stderr, not to the client.
    #[error("internal error")]
    Internal(#[source] BackendError),
    /// No connection became free in time (503).
    #[error("server busy")]
    Busy,
    /// The query ran past the time limit and was stopped (503).
    #[error("{0}")]
    TooSlow(QueryTimeout),
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    status: u16,
    message: &'a str,
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::MisdirectedHost => StatusCode::MISDIRECTED_REQUEST,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Busy | ApiError::TooSlow(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(err) => eprintln!("newslens serve: database error: {err}"),
            ApiError::TooSlow(err) => eprintln!("newslens serve: {err}"),
            _ => {}
        }
        let status = self.status();
        let message = self.to_string();
        let body = ErrorBody {
            error: ErrorDetail {
                status: status.as_u16(),
                message: &message,
            },
        };
        (status, axum::Json(body)).into_response()
    }
}

impl From<BackendError> for ApiError {
    fn from(err: BackendError) -> Self {
        match err.0.downcast::<QueryTimeout>() {
            Ok(timeout) => ApiError::TooSlow(*timeout),
            Err(other) => ApiError::Internal(BackendError(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_kinds() {
        assert_eq!(ApiError::BadRequest("x".into()).status(), 400);
        assert_eq!(ApiError::NotFound("x".into()).status(), 404);
        assert_eq!(ApiError::Busy.status(), 503);
        assert_eq!(ApiError::MethodNotAllowed("POST".into()).status(), 405);
        let io = std::io::Error::other("disk");
        assert_eq!(ApiError::Internal(BackendError::new(io)).status(), 500);
    }

    #[test]
    fn a_stopped_query_is_503_with_its_reason() {
        let err = ApiError::from(BackendError::new(QueryTimeout::narrowable(
            std::time::Duration::from_millis(1500),
        )));
        assert_eq!(err.status(), 503);
        assert!(err.to_string().contains("1500 ms"), "{err}");
        assert!(err.to_string().contains("narrow it"), "{err}");
        let err = ApiError::from(BackendError::new(QueryTimeout::unnarrowable(
            std::time::Duration::from_millis(1000),
        )));
        assert_eq!(err.status(), 503);
        assert!(err.to_string().contains("try again"), "{err}");
        let io = std::io::Error::other("disk");
        assert_eq!(ApiError::from(BackendError::new(io)).status(), 500);
    }

    #[test]
    fn internal_errors_hide_their_detail() {
        let io = std::io::Error::other("secret path /home/x");
        assert_eq!(
            ApiError::Internal(BackendError::new(io)).to_string(),
            "internal error"
        );
    }
}
