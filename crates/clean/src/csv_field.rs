//! [`CsvField`]: a body left wrapped as one CSV field.

use std::borrow::Cow;

/// Unwraps a body that a scraper exported as one CSV field and that was
/// never unquoted: it opens and closes with `"`, and every quote mark inside
/// it is doubled (`""бывших партнёров""`). 33 of the 133 Russian articles of
/// the SemEval-2025 Train set look like this; the stray opening mark
/// swallowed the reports of whole paragraphs and the doubled marks read as
/// empty quotes.
///
/// The check is strict, so that a real quotation is never touched: the
/// first character is `"`, every later `"` is one of a doubled pair but for
/// a last character `"` (the closing mark, lost in some scrapes), and the
/// body holds at least one doubled pair, or is closed and has more than one
/// paragraph (a one-paragraph body in plain quote marks may be a quote).
/// Then the outer marks are dropped and each `""` becomes `"`.
///
/// Written here rather than with the `csv` crate: the parsing is the two
/// lines of the unescape; the work is deciding whether the text is a CSV
/// field at all, which no CSV reader does.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvField;

impl CsvField {
    pub fn new() -> Self {
        CsvField
    }

    /// The body without its CSV quoting, or the body as it is.
    pub fn unwrap<'a>(&self, body: &'a str) -> Cow<'a, str> {
        let trimmed = body.trim();
        let Some(rest) = trimmed.strip_prefix('"') else {
            return Cow::Borrowed(body);
        };
        // Every mark is one of a doubled pair, except one last mark: the
        // field's closing one.
        let mut doubled = 0usize;
        let mut closed = false;
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '"' {
                continue;
            }
            match chars.next() {
                Some((_, '"')) => doubled += 1,
                None if i + 1 == rest.len() => closed = true,
                _ => return Cow::Borrowed(body),
            }
        }
        let inner = if closed {
            &rest[..rest.len() - 1]
        } else {
            rest
        };
        // A scrape that lost the closing mark still shows its doubled marks;
        // without them, only a closed body of several paragraphs is a field.
        let field = doubled > 0 || (closed && inner.contains('\n'));
        if !field || inner.trim().is_empty() {
            return Cow::Borrowed(body);
        }
        Cow::Owned(inner.replace("\"\"", "\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_marks_inside_a_wrapped_body_are_unescaped() {
        let body = "\"Он добавил, что времени у \"\"бывших партнёров\"\" мало.\n\n\"\"Шар на стороне партнёров\"\", — подчеркнул он.\"";
        assert_eq!(
            CsvField.unwrap(body),
            "Он добавил, что времени у \"бывших партнёров\" мало.\n\n\"Шар на стороне партнёров\", — подчеркнул он."
        );
    }

    #[test]
    fn a_wrapped_body_of_several_paragraphs_without_inner_marks_is_unwrapped() {
        let body = "\"Первый абзац.\n\nВторой абзац «цитата», — сказал он.\"";
        assert_eq!(
            CsvField.unwrap(body),
            "Первый абзац.\n\nВторой абзац «цитата», — сказал он."
        );
    }

    #[test]
    fn real_quotes_are_left_alone() {
        // One paragraph in quote marks: maybe a quotation.
        let one = "\"We are ready to talk.\"";
        assert_eq!(CsvField.unwrap(one), one);
        // Single marks inside: not CSV escaping.
        let single = "\"Феноменът \"Ел Ниньо\" ще засили жегите.\n\nВтори абзац.\"";
        assert_eq!(CsvField.unwrap(single), single);
        // Opens with a quote, ends elsewhere.
        let open = "\"Yes,\" he said.\n\nThen he left.";
        assert_eq!(CsvField.unwrap(open), open);
        assert_eq!(CsvField.unwrap("\""), "\"");
        assert_eq!(CsvField.unwrap("\"\""), "\"\"");
        assert_eq!(CsvField.unwrap(""), "");
        // Unclosed without doubled marks: a quote opening the body.
        let unclosed = "\"Мы не готовы\n\nВторой абзац.";
        assert_eq!(CsvField.unwrap(unclosed), unclosed);
    }

    #[test]
    fn a_wrapped_body_that_lost_its_closing_mark_is_unwrapped() {
        // SemEval Development RU-URW-1118 ends without the field's mark.
        let body =
            "\"Россия сделала предложения.\n\n\"\"Шар на стороне партнёров\"\", — подчеркнул он.";
        assert_eq!(
            CsvField.unwrap(body),
            "Россия сделала предложения.\n\n\"Шар на стороне партнёров\", — подчеркнул он."
        );
    }
}
