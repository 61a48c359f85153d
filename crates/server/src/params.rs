//! Query parameters of the API endpoints, parsed and checked before any
//! database call. Unknown, repeated or malformed parameters are refused
//! with a 400 naming the parameter.

use crate::error::ApiError;

/// Default page size of list endpoints.
pub const DEFAULT_LIMIT: u32 = 20;
/// Largest page size a client may ask for.
pub const MAX_LIMIT: u32 = 500;
/// Longest text parameter accepted (characters).
pub const MAX_TEXT: usize = 500;

/// `GET /api/articles`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticlesParams {
    pub q: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

/// `GET /api/quotes`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuotesParams {
    pub speaker: Option<String>,
    pub q: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub outlet: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

/// `GET /api/entities`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntitiesParams {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

/// `GET /api/narratives?by=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NarrativesBy {
    Outlet,
    Month,
}

/// `GET /api/search`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    pub q: String,
    pub limit: u32,
    pub offset: u32,
}

/// The raw `key=value` pairs of one query string.
pub struct Pairs {
    pairs: Vec<(String, String)>,
}

/// Entity types of the output contract.
pub const ENTITY_TYPES: [&str; 4] = ["person", "organization", "location", "other"];

impl Pairs {
    /// Checks that every key is one of `allowed` and none is repeated.
    pub fn new(pairs: Vec<(String, String)>, allowed: &[&str]) -> Result<Self, ApiError> {
        for (i, (key, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&key.as_str()) {
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter `{key}` (allowed: {})",
                    allowed.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(k, _)| k == key) {
                return Err(ApiError::BadRequest(format!(
                    "parameter `{key}` given more than once"
                )));
            }
        }
        Ok(Pairs { pairs })
    }

    fn raw(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A text parameter; empty or blank counts as absent.
    pub fn text(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.raw(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) if v.chars().count() > MAX_TEXT => Err(ApiError::BadRequest(format!(
                "parameter `{key}` is longer than {MAX_TEXT} characters"
            ))),
            Some(v) if v.chars().any(|c| c.is_control()) => Err(ApiError::BadRequest(format!(
                "parameter `{key}` contains control characters"
            ))),
            Some(v) => Ok(Some(v.to_string())),
        }
    }

    /// A yes/no parameter: `true`/`1` or `false`/`0`; absent or empty is
    /// `false`.
    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.raw(key).map(str::trim) {
            None | Some("") | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(v) => Err(ApiError::BadRequest(format!(
                "parameter `{key}` must be true, false, 1 or 0, got `{}`",
                truncate(v)
            ))),
        }
    }

    /// An unsigned integer parameter in `min..=max`.
    pub fn number(&self, key: &str, default: u32, min: u32, max: u32) -> Result<u32, ApiError> {
        match self.raw(key).map(str::trim) {
            None | Some("") => Ok(default),
            Some(v) => match v.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::BadRequest(format!(
                    "parameter `{key}` must be an integer from {min} to {max}, got `{}`",
                    truncate(v)
                ))),
            },
        }
    }

    /// A date parameter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a valid month and day.
    pub fn date(&self, key: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.text(key)? else {
            return Ok(None);
        };
        if is_iso_date(&v) {
            Ok(Some(v))
        } else {
            Err(ApiError::BadRequest(format!(
                "parameter `{key}` must be a date YYYY-MM-DD (or YYYY-MM, YYYY), got `{}`",
                truncate(&v)
            )))
        }
    }

    fn limit(&self) -> Result<u32, ApiError> {
        self.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    }

    fn offset(&self) -> Result<u32, ApiError> {
        self.number("offset", 0, 0, u32::MAX)
    }
}

fn truncate(v: &str) -> String {
    v.chars().take(40).collect()
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with month 1–12 and a day that exists.
pub fn is_iso_date(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            let (y, m, d) = (
                y.parse::<u32>().unwrap_or(0),
                m.parse::<u32>().unwrap_or(0),
                d.parse::<u32>().unwrap_or(0),
            );
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => 0,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

impl ArticlesParams {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(pairs, &["q", "limit", "offset"])?;
        Ok(ArticlesParams {
            q: p.text("q")?,
            limit: p.limit()?,
            offset: p.offset()?,
        })
    }
}

impl QuotesParams {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(
            pairs,
            &[
                "speaker", "q", "since", "until", "outlet", "limit", "offset",
            ],
        )?;
        let params = QuotesParams {
            speaker: p.text("speaker")?,
            q: p.text("q")?,
            since: p.date("since")?,
            until: p.date("until")?,
            outlet: p.text("outlet")?,
            limit: p.limit()?,
            offset: p.offset()?,
        };
        if let (Some(since), Some(until)) = (&params.since, &params.until) {
            if since > until {
                return Err(ApiError::BadRequest(format!(
                    "`since` ({since}) is after `until` ({until})"
                )));
            }
        }
        Ok(params)
    }
}

impl EntitiesParams {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(pairs, &["q", "type", "limit", "offset"])?;
        let kind = p.text("type")?;
        if let Some(k) = &kind {
            if !ENTITY_TYPES.contains(&k.as_str()) {
                return Err(ApiError::BadRequest(format!(
                    "parameter `type` must be one of {}, got `{}`",
                    ENTITY_TYPES.join(", "),
                    truncate(k)
                )));
            }
        }
        Ok(EntitiesParams {
            q: p.text("q")?,
            kind,
            limit: p.limit()?,
            offset: p.offset()?,
        })
    }
}

impl NarrativesBy {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(pairs, &["by"])?;
        match p.text("by")?.as_deref() {
            None | Some("outlet") => Ok(NarrativesBy::Outlet),
            Some("month") => Ok(NarrativesBy::Month),
            Some(other) => Err(ApiError::BadRequest(format!(
                "parameter `by` must be `outlet` or `month`, got `{}`",
                truncate(other)
            ))),
        }
    }
}

impl SearchParams {
    pub fn parse(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let p = Pairs::new(pairs, &["q", "limit", "offset"])?;
        let Some(q) = p.text("q")? else {
            return Err(ApiError::BadRequest("parameter `q` is required".into()));
        };
        Ok(SearchParams {
            q,
            limit: p.limit()?,
            offset: p.offset()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_apply_when_absent_or_blank() {
        let p = ArticlesParams::parse(pairs(&[("q", "  ")])).unwrap();
        assert_eq!(
            p,
            ArticlesParams {
                q: None,
                limit: DEFAULT_LIMIT,
                offset: 0
            }
        );
    }

    #[test]
    fn numbers_out_of_range_or_malformed_are_refused() {
        for bad in ["0", "501", "-1", "ten", "1e3"] {
            let err = ArticlesParams::parse(pairs(&[("limit", bad)])).unwrap_err();
            assert!(err.to_string().contains("`limit`"), "{bad}: {err}");
        }
        assert_eq!(
            ArticlesParams::parse(pairs(&[("limit", "500")]))
                .unwrap()
                .limit,
            500
        );
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let err = ArticlesParams::parse(pairs(&[("lmit", "5")])).unwrap_err();
        assert!(err.to_string().contains("unknown parameter `lmit`"));
        let err = ArticlesParams::parse(pairs(&[("q", "a"), ("q", "b")])).unwrap_err();
        assert!(err.to_string().contains("more than once"));
    }

    #[test]
    fn dates_are_checked() {
        for good in ["2023", "2023-02", "2024-02-29", "2023-12-31"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "2023-13",
            "2023-1-1",
            "23-01-01",
            "2023-04-31",
            "yesterday",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
        let err = QuotesParams::parse(pairs(&[("since", "2023-05-01"), ("until", "2023-04-01")]))
            .unwrap_err();
        assert!(err.to_string().contains("after"));
    }

    #[test]
    fn narratives_grouping_and_entity_types() {
        assert_eq!(NarrativesBy::parse(vec![]).unwrap(), NarrativesBy::Outlet);
        assert_eq!(
            NarrativesBy::parse(pairs(&[("by", "month")])).unwrap(),
            NarrativesBy::Month
        );
        assert!(NarrativesBy::parse(pairs(&[("by", "year")])).is_err());
        assert!(EntitiesParams::parse(pairs(&[("type", "person")])).is_ok());
        assert!(EntitiesParams::parse(pairs(&[("type", "robot")])).is_err());
    }

    #[test]
    fn search_needs_a_query_and_text_is_bounded() {
        assert!(SearchParams::parse(vec![]).is_err());
        assert!(SearchParams::parse(pairs(&[("q", "x".repeat(501).as_str())])).is_err());
        assert!(SearchParams::parse(pairs(&[("q", "a\u{0}b")])).is_err());
        assert_eq!(
            SearchParams::parse(pairs(&[("q", " grain ")])).unwrap().q,
            "grain"
        );
    }
}
