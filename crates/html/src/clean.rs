//! Text post-processing and the fallback decision.

/// Split into paragraphs (one per non-empty line), collapse whitespace and
/// join with blank lines.
pub(crate) fn normalize_paragraphs(text: &str) -> String {
    paragraphs(text).join("\n\n")
}

fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(crate::meta::collapse_ws)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Normalise paragraphs and drop residual boilerplate lines.
pub(crate) fn post_filter(text: &str, _title: Option<&str>) -> String {
    normalize_paragraphs(text)
}

/// Is the fast (dom_smoothie) result doubtful enough to run the fallback?
pub(crate) fn is_doubtful(fast: &str, _html: &str) -> bool {
    fast.split_whitespace().count() < 100
}

/// Should the fallback text replace the fast one?
pub(crate) fn prefer_second(fast: &str, second: &str) -> bool {
    second.split_whitespace().count() > fast.split_whitespace().count()
}
