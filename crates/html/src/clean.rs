//! Text post-processing (boilerplate line filter) and the fallback decision.
//!
//! All rules look at the *shape* of a paragraph (length, punctuation,
//! position, generic widget vocabulary), never at site-specific strings.

use std::collections::HashSet;

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

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Ends like a sentence (or a quotation / parenthesis closing one).
fn ends_like_sentence(s: &str) -> bool {
    s.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '”' | '’' | '…' | ':' | ';' | ')' | '。' | '」'
        )
    })
}

/// Vocabulary of widgets around an article: sharing, subscription, comments,
/// navigation, lists of other stories. Matched only on short paragraphs.
const WIDGET_WORDS: &[&str] = &[
    "subscribe",
    "sign up",
    "newsletter",
    "share this",
    "share on",
    "share it",
    "sharing is caring",
    "follow us",
    "click here",
    "advert",
    "advertisement",
    "advertising",
    "related",
    "read more",
    "read also",
    "see more",
    "see also",
    "more from",
    "more stories",
    "more great",
    "don't miss",
    "don’t miss",
    "you may also like",
    "you might also like",
    "recommended",
    "trending",
    "most popular",
    "popular this",
    "recent articles",
    "recent posts",
    "latest news",
    "loading",
    "enlarge image",
    "author archive",
    "email the author",
    "follow on twitter",
    "continue reading",
    "whatsapp",
    "pinterest",
    "linkedin",
    "skip ad",
    "this slideshow",
    "requires javascript",
    "breaking news emails",
    "get the app",
    "filed under",
    "tell us what you think",
    "post comment",
];

/// Heads of a list of other stories: what follows them is dropped while it
/// looks like a list of headlines.
const LIST_HEADS: &[&str] = &[
    "related",
    "read more",
    "see more",
    "see also",
    "more from",
    "more stories",
    "more great",
    "more:",
    "don't miss",
    "don’t miss",
    "you may also like",
    "you might also like",
    "recommended",
    "trending",
    "most popular",
    "popular this",
    "recent articles",
    "recent posts",
    "latest news",
];

/// Picture credits and caption markers.
const CREDIT_MARKS: &[&str] = &[
    "image copyright",
    "image caption",
    "(image:",
    "(photo:",
    "(photo by",
    "(credit:",
    "photo credit",
    "image credit",
    "getty images",
    "getty -",
    "| getty",
    "/getty",
    "(getty",
    "reuters/",
    "ap photo",
    "/ap)",
    "afp/",
    "/afp",
    "shutterstock",
    "photograph:",
    "фото:",
];

const CREDIT_STARTS: &[&str] = &[
    "©",
    "(c) ",
    "photo:",
    "image:",
    "credit:",
    "credit...",
    "photo by ",
    "photos:",
    "pictured:",
];

const DATE_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "ist",
    "et",
    "pt",
    "today",
    "yesterday",
    "at",
    "on",
    "|",
    "/",
    "-",
    "·",
    "—",
    "updated",
    "published",
    "posted",
    "updated:",
    "published:",
    "posted:",
    "first",
    "last",
    "ago",
    "hours",
    "hour",
    "minutes",
    "days",
    "day",
    "min",
    "read",
];

fn lower_words(l: &str) -> Vec<String> {
    l.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c == ',' || c == ';' || c == '(' || c == ')')
                .to_lowercase()
        })
        .collect()
}

/// A paragraph that only states a date/time ("Updated 10:01 pm PST, Tuesday, November 19, 2019").
fn is_dateline(l: &str, words: usize) -> bool {
    if words > 16 || !l.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let lw = lower_words(l);
    let lower = l.to_lowercase();
    let stamp = [
        "published",
        "updated",
        "posted",
        "first published",
        "last updated",
    ]
    .iter()
    .any(|p| lower.starts_with(p) || lower.starts_with(&format!("| {p}")));
    if stamp && words <= 12 {
        return true;
    }
    let mut named = false;
    let mut numbers = 0;
    for w in &lw {
        let bare = w.trim_end_matches(['.', ',', ':']);
        if bare.is_empty() || DATE_WORDS.contains(&bare) {
            named |= bare.len() >= 3 || bare == "am" || bare == "pm";
            continue;
        }
        // 19, 2019, 10:01, 11/18/19, 4:10pm, 20th
        let digits = bare.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty()
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || ":/.-".contains(c))
            && bare.len() - digits.len() <= 2
        {
            numbers += 1;
            continue;
        }
        return false;
    }
    named && numbers <= 5
}

fn is_credit(lower: &str, words: usize) -> bool {
    if words > 60 {
        return false;
    }
    if CREDIT_STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    if CREDIT_MARKS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // A bare agency / picture-library name.
    words <= 3
        && [
            "getty",
            "reuters",
            "ap",
            "afp",
            "epa",
            "ap photo",
            "associated press",
        ]
        .iter()
        .any(|a| lower.trim_end_matches('.') == *a || lower.ends_with(&format!(" {a}")))
}

/// `phrase` occurs in `hay` with word boundaries on both sides.
fn has_phrase(hay: &str, phrase: &str) -> bool {
    hay.match_indices(phrase).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && (!after.is_some_and(char::is_alphanumeric)
                || !phrase.ends_with(char::is_alphanumeric))
    })
}

/// "Image 1 of 5", "1 of 23", "1of4 A caption ..." (slideshow counters).
fn is_gallery_counter(lower: &str, words: usize) -> bool {
    let rest = lower
        .strip_prefix("image ")
        .or_else(|| lower.strip_prefix("photo "))
        .or_else(|| lower.strip_prefix("slide "))
        .unwrap_or(lower);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || words > 60 {
        return false;
    }
    let after = rest[digits..].trim_start();
    let Some(after) = after.strip_prefix("of") else {
        return false;
    };
    let after = after.trim_start_matches([' ', '/']);
    after.starts_with(|c: char| c.is_ascii_digit())
        && (words <= 5 || !rest[digits..].starts_with(' '))
}

fn is_widget(lower: &str, words: usize) -> bool {
    if words <= 3 && (has_phrase(lower, "comments") || has_phrase(lower, "comment")) {
        return true;
    }
    if words <= 12 && WIDGET_WORDS.iter().any(|w| has_phrase(lower, w)) {
        return true;
    }
    // Longer calls to action.
    words <= 40
        && [
            "subscribe",
            "newsletter",
            "sign up",
            "click here",
            "in your inbox",
        ]
        .iter()
        .any(|w| has_phrase(lower, w))
        && !lower.contains('"')
        && !lower.contains('“')
}

fn is_list_head(lower: &str, words: usize) -> bool {
    words <= 8
        && LIST_HEADS
            .iter()
            .any(|h| lower.starts_with(h) && has_phrase(lower, h))
}

fn is_byline(lower: &str, words: usize) -> bool {
    (words <= 8 && lower.starts_with("by ") && !lower.ends_with('.'))
        || (words <= 30
            && (lower.starts_with("(reporting by")
                || lower.starts_with("reporting by")
                || lower.starts_with("additional reporting")
                || lower.starts_with("editing by")
                || lower.contains("contributed to this report")
                || lower.contains("contributed reporting")))
}

/// Normalise paragraphs and drop residual boilerplate lines.
pub(crate) fn post_filter(text: &str, title: Option<&str>) -> String {
    let paras = paragraphs(text);
    let title_l = title.map(|t| t.to_lowercase());
    let mut seen: HashSet<String> = HashSet::new();
    let mut keep: Vec<&str> = Vec::with_capacity(paras.len());
    let mut in_list = false;
    for p in &paras {
        let lower = p.to_lowercase();
        let words = word_count(p);
        let first_seen = seen.insert(lower.clone());
        if in_list {
            if words <= 20 && !ends_like_sentence(p) {
                #[cfg(debug_assertions)]
                if std::env::var_os("NEWSLENS_HTML_DEBUG").is_some() {
                    eprintln!("DROP list: {p}");
                }
                continue;
            }
            in_list = false;
        }
        let reason = if !first_seen && words <= 60 {
            Some("dup")
        } else if title_l.as_deref().is_some_and(|t| {
            t == lower || (words >= 3 && 2 * words >= word_count(t) && t.contains(lower.as_str()))
        }) {
            Some("title")
        } else if is_gallery_counter(&lower, words) || is_credit(&lower, words) {
            Some("credit")
        } else if is_dateline(p, words) {
            Some("date")
        } else if is_byline(&lower, words) {
            Some("byline")
        } else if is_widget(&lower, words) {
            Some("widget")
        } else {
            None
        };
        if let Some(_why) = reason {
            #[cfg(debug_assertions)]
            if std::env::var_os("NEWSLENS_HTML_DEBUG").is_some() {
                eprintln!("DROP {_why}: {p}");
            }
            if is_list_head(&lower, words) {
                in_list = true;
            }
            continue;
        }
        keep.push(p);
    }
    keep.join("\n\n")
}

/// Signals computed on the raw fast-path text, before post-filtering.
pub(crate) struct Doubt {
    /// How often the most repeated paragraph occurs (share bars, galleries
    /// and teaser lists repeat the same line; article paragraphs do not).
    pub max_repeat: usize,
}

/// Is the fast (dom_smoothie) result doubtful enough to run the fallback?
/// Returns the signals when it is.
pub(crate) fn doubt(raw_fast: &str) -> Option<Doubt> {
    let paras = paragraphs(raw_fast);
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut max_repeat = 0;
    for p in &paras {
        let c = counts.entry(p.as_str()).or_default();
        *c += 1;
        max_repeat = max_repeat.max(*c);
    }
    let words = word_count(raw_fast);
    (max_repeat >= 3 || words < 20).then_some(Doubt { max_repeat })
}

/// 64-bit hashes of the 4-token shingles of `text` (tokens are runs of
/// alphanumeric characters, as in the benchmark's scorer).
fn shingles(text: &str) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let toks: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = HashSet::with_capacity(toks.len());
    for w in toks.windows(4.min(toks.len()).max(1)) {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        w.hash(&mut h);
        out.insert(h.finish());
    }
    out
}

/// Should the (post-filtered) fallback text replace the (post-filtered) fast
/// one? When the fallback is a *cleaner subset* of the fast text: at most as
/// long, at least 60% of its length (15% when the fast text had repeated
/// lines), and at least 90% of its shingles also in the fast text. A fallback
/// that finds *more* text is trusted only when the fast text had repeated
/// lines (a sign dom_smoothie picked a repeated widget block), is at most 3x
/// longer and contains at least 90% of the fast text's shingles; otherwise a
/// longer fallback tends to pull in comments and teasers. If the fast path
/// found almost nothing, the longer text wins.
pub(crate) fn prefer_second(fast: &str, second: &str, d: &Doubt) -> bool {
    let (fw, sw) = (word_count(fast), word_count(second));
    if sw == 0 {
        return false;
    }
    if fw < 20 {
        return sw > fw;
    }
    let ratio = sw as f64 / fw as f64;
    let repeated = d.max_repeat >= 3;
    let (sf, ss) = (shingles(fast), shingles(second));
    let common = ss.iter().filter(|h| sf.contains(h)).count() as f64;
    if repeated && ratio > 1.0 && ratio <= 3.0 {
        return common >= 0.9 * sf.len() as f64;
    }
    let lo = if repeated { 0.15 } else { 0.6 };
    (lo..=1.0).contains(&ratio) && common >= 0.9 * ss.len() as f64
}
