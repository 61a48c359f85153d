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
/// first and last characters are `"`, every `"` between them is one of a
/// doubled pair, and the body holds at least one doubled pair or more than
/// one paragraph (a one-paragraph body in plain quote marks may be a quote).
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
        let inner = match trimmed
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        {
            Some(inner) if !inner.is_empty() => inner,
            _ => return Cow::Borrowed(body),
        };
        let mut doubled = 0usize;
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.next() != Some('"') {
                    return Cow::Borrowed(body);
                }
                doubled += 1;
            }
        }
        if doubled == 0 && !inner.contains('\n') {
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
    }
}
