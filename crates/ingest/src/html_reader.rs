//! HTML pages to documents, through [`newslens_html::HtmlExtractor`].

use crate::jsonl_reader::iso_date;
use crate::IngestError;
use newslens_core::{Document, SourceMeta};
use newslens_html::HtmlExtractor;

/// A document from an HTML page: the extracted main text as the raw body,
/// and the title, date, byline, site name and language the page states.
pub(crate) fn html_document(
    id: String,
    page: &str,
    url: Option<&str>,
    path: &str,
    extractor: &HtmlExtractor,
) -> Result<Document, IngestError> {
    let extracted = extractor
        .extract(page, url)
        .map_err(|_| IngestError::EmptyHtml {
            path: path.to_string(),
        })?;
    let mut doc = Document::new(id, extracted.text);
    doc.title = extracted.title;
    doc.published = extracted.published.as_deref().and_then(iso_date);
    doc.byline = extracted.byline;
    doc.declared_lang = extracted.lang;
    doc.source = SourceMeta {
        path: Some(path.to_string()),
        url: url.map(str::to_string),
        outlet: extracted.site_name,
        format: "html",
        ..SourceMeta::default()
    };
    Ok(doc)
}
