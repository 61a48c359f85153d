//! Page metadata: title, publication date, byline, site name, language.
//!
//! Read from the parsed DOM before the readability pass mutates it, from meta
//! tags, JSON-LD, `<time datetime>` and `<html lang>`; gaps are filled from the
//! metadata `dom_smoothie` reports.

use crate::ExtractedPage;
use dom_query::Document;
use serde_json::Value;

/// Metadata found in `doc` (text is left empty).
pub(crate) fn extract_metadata(doc: &Document) -> ExtractedPage {
    let mut page = ExtractedPage::default();
    let mut meta_title = None;
    let mut meta_date = None;
    let mut meta_author = None;
    let mut meta_site = None;
    let mut meta_locale = None;

    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"))
            .or_else(|| node.attr("http-equiv"))
            .map(|k| k.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match key.as_str() {
            "og:title" | "twitter:title" | "dc.title" | "headline" => {
                set_if_none(&mut meta_title, content)
            }
            "article:published_time"
            | "datepublished"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.created"
            | "citation_publication_date"
            | "parsely-pub-date"
            | "sailthru.date"
            | "og:published_time"
            | "article.published"
                if meta_date.is_none() =>
            {
                meta_date = normalize_date(content);
            }
            "author" | "article:author" | "dc.creator" | "parsely-author" | "sailthru.author"
            | "byl"
                if !looks_like_url(content) =>
            {
                set_if_none(&mut meta_author, content)
            }
            "og:site_name" | "application-name" => set_if_none(&mut meta_site, content),
            "og:locale" | "content-language" | "language" | "dc.language" => {
                set_if_none(&mut meta_locale, content)
            }
            _ => {}
        }
    }

    let ld = json_ld(doc);

    page.title = meta_title.or(ld.title);
    page.published = meta_date.or(ld.published).or_else(|| time_datetime(doc));
    page.byline = meta_author
        .or(ld.author)
        .or_else(|| rel_author(doc))
        .map(|a| clean_byline(&a))
        .filter(|a| !a.is_empty());
    page.site_name = meta_site.or(ld.site_name);
    page.lang = doc
        .select("html")
        .attr("lang")
        .and_then(|l| normalize_lang(&l))
        .or_else(|| meta_locale.and_then(|l| normalize_lang(&l)));
    if page.title.is_none() {
        let t = collapse_ws(&doc.select("title").first().text());
        if !t.is_empty() {
            page.title = Some(t);
        }
    }
    page
}

/// Fill the gaps in `page` from what `dom_smoothie` found.
pub(crate) fn merge_article_metadata(page: &mut ExtractedPage, a: &dom_smoothie::Article) {
    // The readability title has the site suffix ("Headline | Site") removed.
    let t = collapse_ws(&a.title);
    if !t.is_empty() {
        page.title = Some(t);
    }
    if page.published.is_none() {
        page.published = a.published_time.as_deref().and_then(normalize_date);
    }
    if page.byline.is_none() {
        page.byline = a
            .byline
            .as_deref()
            .map(clean_byline)
            .filter(|b| !b.is_empty() && b.chars().count() < 120);
    }
    if page.site_name.is_none() {
        page.site_name = a
            .site_name
            .as_deref()
            .map(collapse_ws)
            .filter(|s| !s.is_empty());
    }
    if page.lang.is_none() {
        page.lang = a.lang.as_deref().and_then(normalize_lang);
    }
}

#[derive(Default)]
struct LdMeta {
    title: Option<String>,
    published: Option<String>,
    author: Option<String>,
    site_name: Option<String>,
}

fn json_ld(doc: &Document) -> LdMeta {
    let mut out = LdMeta::default();
    for node in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let raw = node.text();
        let raw = raw.trim();
        let raw = raw
            .strip_prefix("<![CDATA[")
            .and_then(|r| r.strip_suffix("]]>"))
            .unwrap_or(raw);
        let Ok(v) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        let mut objs = Vec::new();
        collect_objects(&v, 0, &mut objs);
        // Prefer article-like objects, then anything with a datePublished.
        objs.sort_by_key(|o| !is_article_type(o));
        for o in objs {
            if out.published.is_none() {
                out.published = o
                    .get("datePublished")
                    .or_else(|| o.get("dateCreated"))
                    .and_then(Value::as_str)
                    .and_then(normalize_date);
            }
            if !is_article_type(o) {
                continue;
            }
            if out.title.is_none() {
                out.title = o
                    .get("headline")
                    .or_else(|| o.get("name"))
                    .and_then(Value::as_str)
                    .map(collapse_ws)
                    .filter(|s| !s.is_empty());
            }
            if out.author.is_none() {
                out.author = o.get("author").and_then(ld_names);
            }
            if out.site_name.is_none() {
                out.site_name = o
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .map(collapse_ws)
                    .filter(|s| !s.is_empty());
            }
        }
    }
    out
}

fn collect_objects<'a>(
    v: &'a Value,
    depth: usize,
    out: &mut Vec<&'a serde_json::Map<String, Value>>,
) {
    if depth > 8 || out.len() > 64 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_objects(x, depth + 1, out)),
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, depth + 1, out);
            }
            if let Some(m) = o.get("mainEntity") {
                collect_objects(m, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn is_article_type(o: &serde_json::Map<String, Value>) -> bool {
    let check = |s: &str| {
        s.contains("Article")
            || s.contains("BlogPosting")
            || s.contains("Report")
            || s.contains("LiveBlogPosting")
    };
    match o.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(check),
        _ => false,
    }
}

fn ld_names(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        Value::Array(a) => a.iter().filter_map(ld_names).collect(),
        _ => vec![],
    };
    let names: Vec<String> = names
        .iter()
        .map(|n| collapse_ws(n))
        .filter(|n| !n.is_empty() && !looks_like_url(n))
        .collect();
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

fn time_datetime(doc: &Document) -> Option<String> {
    let sel = doc.select("time[datetime]");
    let nodes = sel.nodes();
    // Prefer a <time> marked as the publication date.
    let preferred = nodes.iter().find(|n| {
        n.attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || n.attr("pubdate").is_some()
    });
    preferred
        .into_iter()
        .chain(nodes.iter())
        .filter_map(|n| n.attr("datetime"))
        .find_map(|d| normalize_date(&d))
}

fn rel_author(doc: &Document) -> Option<String> {
    doc.select(r#"a[rel~="author"]"#)
        .nodes()
        .iter()
        .map(|n| collapse_ws(&n.text()))
        .find(|t| !t.is_empty() && t.chars().count() < 80)
}

fn set_if_none(slot: &mut Option<String>, v: &str) {
    if slot.is_none() {
        let v = collapse_ws(v);
        if !v.is_empty() {
            *slot = Some(v);
        }
    }
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_byline(s: &str) -> String {
    let s = collapse_ws(s);
    let lower = s.to_lowercase();
    let s = if lower.starts_with("by ") {
        &s[3..]
    } else {
        &s[..]
    };
    s.trim().to_string()
}

/// `"en-US"`, `"EN"`, `"en_GB"` → `"en"`. Anything that is not two ASCII
/// letters (optionally followed by a region) is rejected.
pub(crate) fn normalize_lang(l: &str) -> Option<String> {
    let l = l.trim();
    let primary = l.split(['-', '_']).next()?;
    if primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        Some(primary.to_ascii_lowercase())
    } else {
        None
    }
}

/// Normalise a date string to ISO 8601. Accepts ISO dates and date-times
/// (`2020-01-31`, `2020-01-31T10:00:00Z`, `2020-01-31 10:00`), `2020/01/31`
/// and `20200131`; returns `None` for anything else or for impossible dates.
pub(crate) fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|x| x.iter().all(u8::is_ascii_digit))
            .map(|_| &s[r])
    };
    let (y, m, d, rest) = if b.len() >= 10 && (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] {
        (digits(0..4)?, digits(5..7)?, digits(8..10)?, &s[10..])
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || !b[8].is_ascii_digit())
    {
        (&s[0..4], &s[4..6], &s[6..8], "")
    } else {
        return None;
    };
    let (yi, mi, di): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1900..=2100).contains(&yi) || !(1..=12).contains(&mi) || !(1..=31).contains(&di) {
        return None;
    }
    let date = format!("{y}-{m}-{d}");
    // Keep a well-formed time part if present.
    let rb = rest.as_bytes();
    if rb.len() >= 6
        && (rb[0] == b'T' || rb[0] == b' ')
        && rb[1..3].iter().all(u8::is_ascii_digit)
        && rb[3] == b':'
        && rb[4..6].iter().all(u8::is_ascii_digit)
    {
        let time: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z'))
            .collect();
        return Some(format!("{date}T{time}"));
    }
    Some(date)
}
