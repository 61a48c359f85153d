//! One JSON Lines record to one document.

use crate::html_reader::html_document;
use crate::IngestError;
use newslens_core::{Document, SourceMeta};
use newslens_html::HtmlExtractor;
use serde::Deserialize;

/// The fields newslens reads from a JSON Lines record; other fields are
/// ignored (records come from users' own tools).
#[derive(Debug, Default, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
    #[serde(default)]
    lang: Option<String>,
}

/// An ISO 8601 date or date-time (`YYYY-MM-DD…`), as the contract states
/// dates; anything else is dropped.
pub(crate) fn iso_date(value: &str) -> Option<String> {
    let value = value.trim();
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let ok = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && (b.len() == 10 || matches!(b.get(10), Some(b'T' | b' ')));
    ok.then(|| value.to_string())
}

/// The document one JSON Lines record describes.
pub(crate) fn jsonl_document(
    line: &str,
    path: &str,
    line_no: usize,
    html: &HtmlExtractor,
) -> Result<Document, IngestError> {
    let record: Record = serde_json::from_str(line).map_err(|e| IngestError::Json {
        path: path.to_string(),
        line: line_no,
        message: e.to_string(),
    })?;
    let id = match record.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{path}:{line_no}"),
    };
    let outlet = match record.source {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Object(map)) => {
            map.get("name").and_then(|v| v.as_str()).map(str::to_string)
        }
        _ => None,
    };
    let mut doc = match (record.text, record.html) {
        (Some(text), _) => Document::new(id, text),
        (None, Some(page)) => html_document(id, &page, record.url.as_deref(), path, html)?,
        (None, None) => {
            return Err(IngestError::Record {
                path: path.to_string(),
                line: line_no,
                message: "record has neither `text` nor `html`".to_string(),
            })
        }
    };
    if record.title.is_some() {
        doc.title = record.title;
    }
    if let Some(published) = record.published.as_deref().and_then(iso_date) {
        doc.published = Some(published);
    }
    if record.lang.is_some() {
        doc.declared_lang = record.lang;
    }
    doc.source = SourceMeta {
        path: Some(path.to_string()),
        line: Some(line_no),
        url: record.url.or(doc.source.url.take()),
        outlet: outlet.or(doc.source.outlet.take()),
        format: "jsonl",
        encoding: Some("UTF-8"),
    };
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_fill_the_document() {
        let line = r#"{"id": 7, "title": "T", "text": "Body.", "url": "https://example.org/a", "published": "2023-05-14T10:00:00Z", "source": "Example News", "extra": 1}"#;
        let doc = jsonl_document(line, "in.jsonl", 3, &HtmlExtractor::new()).unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.raw, "Body.");
        assert_eq!(doc.published.as_deref(), Some("2023-05-14T10:00:00Z"));
        assert_eq!(doc.source.outlet.as_deref(), Some("Example News"));
        assert_eq!(doc.source.line, Some(3));
    }

    #[test]
    fn missing_id_uses_file_and_line() {
        let doc = jsonl_document(r#"{"text": "x"}"#, "in.jsonl", 9, &HtmlExtractor::new()).unwrap();
        assert_eq!(doc.id, "in.jsonl:9");
    }

    #[test]
    fn bad_lines_are_located_errors() {
        let err = jsonl_document("{not json", "in.jsonl", 2, &HtmlExtractor::new()).unwrap_err();
        assert!(
            err.to_string().starts_with("in.jsonl:2: invalid JSON"),
            "{err}"
        );
        let err = jsonl_document(r#"{"title": "only"}"#, "in.jsonl", 4, &HtmlExtractor::new())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "in.jsonl:4: record has neither `text` nor `html`"
        );
    }

    #[test]
    fn iso_dates_only() {
        assert_eq!(iso_date("2023-05-14").as_deref(), Some("2023-05-14"));
        assert_eq!(iso_date("14/05/2023"), None);
        assert_eq!(iso_date("2023-05-14garbage"), None);
    }
}
