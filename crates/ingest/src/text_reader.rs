//! Plain-text articles in the SemEval layout: title, blank line, body.

use newslens_core::Document;

/// Splits a plain-text article into title and body. The first line is the
/// title when a blank line follows it (the SemEval layout), or when it is a
/// short line without closing punctuation followed by more text.
pub(crate) fn split_title(text: &str) -> (Option<&str>, &str) {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start_matches(['\n', '\r']);
    let Some((first, rest)) = trimmed.split_once('\n') else {
        let only = trimmed.trim();
        // A lone short line is a title with no body; a long one is a body.
        return if only.chars().count() <= 150 && !only.is_empty() && !ends_like_sentence(only) {
            (Some(only), "")
        } else {
            (None, trimmed)
        };
    };
    let first = first.trim();
    let blank_follows = rest
        .split_once('\n')
        .map_or(rest.trim().is_empty(), |(next, _)| next.trim().is_empty());
    let heading_like = first.chars().count() <= 150 && !ends_like_sentence(first);
    if !first.is_empty() && (blank_follows || heading_like) && !rest.trim().is_empty() {
        (Some(first), rest)
    } else if !first.is_empty() && rest.trim().is_empty() {
        (Some(first), "")
    } else {
        (None, trimmed)
    }
}

fn ends_like_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', ',', ';', ':', '…', '"', '”', '»', ')'])
}

/// A document from a plain-text article.
pub(crate) fn text_document(id: String, text: &str) -> Document {
    let (title, body) = split_title(text);
    let mut doc = Document::new(id, body);
    doc.title = title.map(str::to_string);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semeval_layout_gives_title_and_body() {
        let (title, body) = split_title("Talks resume in Geneva\n\nDiplomats met on Monday.\n");
        assert_eq!(title, Some("Talks resume in Geneva"));
        assert_eq!(body.trim(), "Diplomats met on Monday.");
    }

    #[test]
    fn sentence_first_line_is_body_not_title() {
        let text = "Diplomats met on Monday in Geneva to discuss the grain deal.\nThey agreed to meet again.";
        assert_eq!(split_title(text), (None, text));
    }

    #[test]
    fn title_only_and_empty_files() {
        assert_eq!(
            split_title("Just a headline\n"),
            (Some("Just a headline"), "")
        );
        assert_eq!(split_title(""), (None, ""));
        assert_eq!(split_title("\n\n"), (None, ""));
    }

    #[test]
    fn crlf_layout_is_understood() {
        let (title, body) = split_title("Headline\r\n\r\nBody.\r\n");
        assert_eq!(title, Some("Headline"));
        assert!(body.contains("Body."));
    }
}
