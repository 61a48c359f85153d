//! [`Span`]: a checked byte range into a document's text.

use crate::SpanError;

/// A half-open byte range `start..end` into `Document::text`.
///
/// The constructor enforces `start <= end`; [`Span::within`] also checks that
/// both ends fall on UTF-8 character boundaries of a given text. Output
/// formats convert to Unicode code points (see `Document::char_offset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// A span `start..end`; fails when `start > end`.
    pub fn new(start: usize, end: usize) -> Result<Self, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        Ok(Span { start, end })
    }

    /// A span `start..end` checked against `text`: in bounds and on char boundaries.
    pub fn within(text: &str, start: usize, end: usize) -> Result<Self, SpanError> {
        let span = Span::new(start, end)?;
        if end > text.len() {
            return Err(SpanError::OutOfBounds {
                end,
                len: text.len(),
            });
        }
        for offset in [start, end] {
            if !text.is_char_boundary(offset) {
                return Err(SpanError::NotCharBoundary { offset });
            }
        }
        Ok(span)
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered slice of `text`, or `None` when the span does not fit it.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_span_is_refused() {
        assert_eq!(
            Span::new(5, 4),
            Err(SpanError::Reversed { start: 5, end: 4 })
        );
        assert!(Span::new(4, 4).unwrap().is_empty());
    }

    #[test]
    fn within_checks_bounds_and_char_boundaries() {
        let text = "Kyiv – Київ";
        let dash = text.find('–').unwrap();
        assert!(Span::within(text, 0, 4).is_ok());
        assert_eq!(
            Span::within(text, dash, dash + 1),
            Err(SpanError::NotCharBoundary { offset: dash + 1 })
        );
        assert_eq!(
            Span::within(text, 0, 100),
            Err(SpanError::OutOfBounds {
                end: 100,
                len: text.len()
            })
        );
    }

    #[test]
    fn slice_returns_covered_text() {
        let span = Span::new(7, 13).unwrap();
        assert_eq!(span.slice("Hello, world!"), Some("world!"));
        assert_eq!(span.slice("short"), None);
    }
}
