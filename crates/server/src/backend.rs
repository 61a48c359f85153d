//! [`Backend`]: the queries the API needs, answered as JSON text (sent to
//! the client as it is, without parsing it again). The
//! store adapter (`store_backend.rs`) is the only code that knows the
//! store's types; handlers and the pool only see this trait.

use crate::error::BackendError;
use crate::params::{ArticlesParams, EntitiesParams, NarrativesBy, QuotesParams, SearchParams};
use crate::signals_api::TalkingPointsParams;

/// One read-only database connection. Calls block; the server runs them on
/// blocking threads through [`crate::Pool`].
pub trait Backend: Send + 'static {
    /// `{"total", "items"}` of article summaries.
    fn articles(&mut self, p: &ArticlesParams) -> Result<String, BackendError>;
    /// The contract article object, or `None` for an unknown id.
    fn article(&mut self, id: &str) -> Result<Option<String>, BackendError>;
    /// `{"total", "items"}` of quotes.
    fn quotes(&mut self, p: &QuotesParams) -> Result<String, BackendError>;
    /// `{"total", "items"}` of entities.
    fn entities(&mut self, p: &EntitiesParams) -> Result<String, BackendError>;
    /// One entity with its quotes, roles and mentions over time.
    fn entity(&mut self, id: &str) -> Result<Option<String>, BackendError>;
    /// `{"total", "items"}` of narrative counts per group.
    fn narratives(&mut self, by: NarrativesBy) -> Result<String, BackendError>;
    /// `{"total", "items"}` of search hits with snippets.
    fn search(&mut self, p: &SearchParams) -> Result<String, BackendError>;
    /// `{"total", "items"}` of talking points (`signals_api.rs`).
    fn talking_points(&mut self, p: &TalkingPointsParams) -> Result<String, BackendError> {
        let _ = p;
        Err(BackendError::new(crate::signals_api::Unsupported))
    }
    /// Every appearance of a quote's statement, or `None` for an unknown
    /// quote (`signals_api.rs`).
    fn quote_travel(
        &mut self,
        id: &str,
        p: &crate::signals_api::TravelParams,
    ) -> Result<Option<String>, BackendError> {
        let _ = (id, p);
        Err(BackendError::new(crate::signals_api::Unsupported))
    }
}
