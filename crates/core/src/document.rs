//! [`Document`]: one article, its clean text and its annotation layers.

use crate::{Entity, NarrativeLabel, Quote, RoleLabel, Span, SpanError, TimeExpr};

/// Where a document came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    /// The file it was read from (`-` for standard input).
    pub path: Option<String>,
    /// 1-based line number inside a JSON Lines file.
    pub line: Option<usize>,
    pub url: Option<String>,
    /// The outlet or site name.
    pub outlet: Option<String>,
    /// `text`, `html` or `jsonl`.
    pub format: &'static str,
    /// The character encoding the bytes were decoded from.
    pub encoding: Option<&'static str>,
}

/// A paragraph of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
}

/// A sentence of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph holding the sentence's start.
    pub paragraph: usize,
}

/// One article. Ingest fills `raw` and the metadata; the clean stage writes
/// `text`, which every later annotation indexes with byte [`Span`]s.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    /// ISO 8601 date (or date-time) stated by the article.
    pub published: Option<String>,
    /// ISO 639-1 code.
    pub lang: Option<String>,
    /// A language stated by the source (HTML `lang`, a JSON field), if any.
    pub declared_lang: Option<String>,
    pub byline: Option<String>,
    /// Agency and source credits ("Reuters", "With information from AFP").
    pub credits: Vec<String>,
    pub source: SourceMeta,
    /// The body as ingested, before cleaning.
    pub raw: String,
    /// The clean body text; all spans index it.
    pub text: String,
    /// Lines and blocks removed from the body as boilerplate.
    pub boilerplate: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// People, organisations and places with their mentions.
    pub entities: Vec<Entity>,
    /// Quoted and reported statements, in text order.
    pub quotes: Vec<Quote>,
    /// Temporal expressions, in text order.
    pub dates: Vec<TimeExpr>,
    /// Narratives the article carries, strongest first.
    pub narratives: Vec<NarrativeLabel>,
    /// Framing roles of the main entities.
    pub roles: Vec<RoleLabel>,
}

impl Document {
    /// A document with an id and a raw body, ready for the clean stage.
    pub fn new(id: impl Into<String>, raw: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            raw: raw.into(),
            ..Document::default()
        }
    }

    /// A checked span into the clean text.
    pub fn span(&self, start: usize, end: usize) -> Result<Span, SpanError> {
        Span::within(&self.text, start, end)
    }

    /// The clean text a span covers ("" if it does not fit).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text).unwrap_or("")
    }

    /// A converter from byte offsets of the clean text to Unicode code points.
    pub fn char_offsets(&self) -> CharOffsets<'_> {
        CharOffsets::new(&self.text)
    }
}

/// Converts byte offsets of one text into code-point offsets, as the output
/// contract counts them. Free for ASCII text; otherwise a single pass builds a
/// table.
#[derive(Debug, Clone)]
pub struct CharOffsets<'t> {
    text: &'t str,
    /// For non-ASCII text: code points before each char boundary, indexed by byte.
    table: Option<Vec<u32>>,
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> Self {
        let table = if text.is_ascii() {
            None
        } else {
            let mut table = vec![0u32; text.len() + 1];
            let mut count = 0u32;
            for (byte, ch) in text.char_indices() {
                table[byte] = count;
                count += 1;
                for slot in &mut table[byte + 1..byte + ch.len_utf8()] {
                    *slot = count;
                }
            }
            table[text.len()] = count;
            Some(table)
        };
        CharOffsets { text, table }
    }

    /// A span's `(start, end)` in code points.
    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.to_char(span.start()), self.to_char(span.end()))
    }

    /// Code points before `byte` (offsets past the end clamp to the end).
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        match &self.table {
            None => byte,
            Some(table) => table[byte] as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let doc = Document {
            text: "Київ, 3 March".to_string(),
            ..Document::default()
        };
        let map = doc.char_offsets();
        let comma = doc.text.find(',').unwrap();
        assert_eq!(map.to_char(comma), 4);
        assert_eq!(map.to_char(doc.text.len()), 13);
        assert_eq!(map.to_char(10_000), 13);
    }

    #[test]
    fn ascii_offsets_are_identity() {
        let map = CharOffsets::new("plain ascii");
        assert_eq!(map.to_char(5), 5);
    }

    #[test]
    fn document_span_rejects_bad_offsets() {
        let mut doc = Document::new("a", "raw");
        doc.text = "é".to_string();
        assert!(doc.span(0, 2).is_ok());
        assert!(doc.span(0, 1).is_err());
        assert!(doc.span(2, 1).is_err());
    }
}
