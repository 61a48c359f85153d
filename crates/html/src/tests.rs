use super::*;
use std::time::{Duration, Instant};

const BODY: &str =
    "<p>The city council voted on Tuesday to approve a new budget for the coming year, \
    after months of debate over spending on roads, schools and public transport in the region.</p>\
    <p>Council members said the plan would raise spending on road repairs by a tenth while keeping \
    property taxes flat, a compromise reached after long negotiations with the mayor's office.</p>\
    <p>Opponents argued that the budget relied on optimistic revenue forecasts and warned that \
    cuts could follow next year if the local economy slowed down as some economists expect.</p>\
    <p>The mayor is expected to sign the budget into law later this week, officials said, ending \
    a dispute that had delayed several construction projects across the city for months.</p>";

fn page_with_meta(head: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en-GB\"><head><title>Council passes budget | Daily Example</title>{head}</head>\
         <body><article><h1>Council passes budget</h1>{BODY}</article></body></html>"
    )
}

#[test]
fn metadata_from_meta_tags() {
    let html = page_with_meta(
        r#"<meta property="og:title" content="Council passes budget">
           <meta property="article:published_time" content="2019-11-20T10:15:00Z">
           <meta name="author" content="Jane Doe">
           <meta property="og:site_name" content="Daily Example">"#,
    );
    let p = HtmlExtractor::new()
        .extract(&html, Some("https://example.com/a"))
        .unwrap();
    assert_eq!(p.title.as_deref(), Some("Council passes budget"));
    assert_eq!(p.published.as_deref(), Some("2019-11-20T10:15:00Z"));
    assert_eq!(p.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(p.site_name.as_deref(), Some("Daily Example"));
    assert_eq!(p.lang.as_deref(), Some("en"));
    assert!(p.text.contains("approve a new budget"));
    assert!(
        p.text.contains("\n\n"),
        "paragraphs separated by blank lines"
    );
}

#[test]
fn metadata_from_json_ld() {
    let html = page_with_meta(
        r#"<script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Example"},
          {"@type":"NewsArticle","headline":"Council passes budget",
           "datePublished":"2019-11-20","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
           "publisher":{"@type":"Organization","name":"Daily Example"}}]}
        </script>"#,
    );
    let p = HtmlExtractor::new().extract(&html, None).unwrap();
    assert_eq!(p.published.as_deref(), Some("2019-11-20"));
    assert_eq!(p.byline.as_deref(), Some("Jane Doe, John Roe"));
    assert_eq!(p.site_name.as_deref(), Some("Daily Example"));
}

#[test]
fn date_from_time_element_and_rel_author() {
    let html = format!(
        "<html><head><title>x</title></head><body><article>\
         <p>By <a rel=\"author\" href=\"/jane\">Jane Doe</a></p>\
         <time datetime=\"2021-03-04 08:00\">4 March</time>{BODY}</article></body></html>"
    );
    let p = HtmlExtractor::new().extract(&html, None).unwrap();
    assert_eq!(p.published.as_deref(), Some("2021-03-04T08:00"));
    assert_eq!(p.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(p.lang, None);
}

#[test]
fn boilerplate_is_removed() {
    let html = format!(
        "<html><body>\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></nav>\
         <article><h1>Council passes budget</h1>\
         <p>Updated 10:01 pm PST, Tuesday, November 19, 2019</p>\
         <div class=\"share\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on Twitter</a></div>\
         {BODY}\
         <p>Advertisement</p>\
         <p>Sign up for our newsletter to get the latest news in your inbox every morning.</p>\
         </article>\
         <footer><p>Copyright 2019 Daily Example. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>\
         </body></html>"
    );
    let p = HtmlExtractor::new().extract(&html, None).unwrap();
    assert!(p.text.contains("optimistic revenue forecasts"));
    for junk in [
        "Share on",
        "Advertisement",
        "newsletter",
        "Privacy",
        "Updated 10:01",
        "Home",
    ] {
        assert!(!p.text.contains(junk), "{junk:?} left in {:?}", p.text);
    }
}

#[test]
fn post_filter_rules() {
    let text = "Home\nA long enough paragraph of the article that says something useful about the topic at hand.\n\
                Photo: Jane Doe, AP\nImage 1 of 5\nA long enough paragraph of the article that says something useful about the topic at hand.\n\
                Related stories\nSomething else happened somewhere\nAnother headline here";
    let out = clean::post_filter(text, None);
    assert_eq!(
        out,
        "Home\n\nA long enough paragraph of the article that says something useful about the topic at hand."
    );
}

#[test]
fn date_normalization() {
    use meta::normalize_date as n;
    assert_eq!(n("2019-11-20").as_deref(), Some("2019-11-20"));
    assert_eq!(n("2019/11/20").as_deref(), Some("2019-11-20"));
    assert_eq!(n("20191120").as_deref(), Some("2019-11-20"));
    assert_eq!(
        n(" 2019-11-20T10:15:00+01:00 ").as_deref(),
        Some("2019-11-20T10:15:00+01:00")
    );
    assert_eq!(n("Nov 20, 2019"), None);
    assert_eq!(n("2019-13-01"), None);
    assert_eq!(meta::normalize_lang("pt_BR").as_deref(), Some("pt"));
    assert_eq!(meta::normalize_lang("english"), None);
}

#[test]
fn empty_and_whitespace_input() {
    let x = HtmlExtractor::new();
    assert!(matches!(x.extract("", None), Err(HtmlError::NoContent)));
    assert!(matches!(
        x.extract("   \n\t ", None),
        Err(HtmlError::NoContent)
    ));
    assert!(matches!(
        x.extract("<html><body></body></html>", None),
        Err(HtmlError::NoContent)
    ));
}

#[test]
fn relative_url_is_ignored() {
    let html = page_with_meta("");
    assert!(HtmlExtractor::new()
        .extract(&html, Some("not a url"))
        .is_ok());
}

fn assert_fast(start: Instant, what: &str) {
    // Generous bound: debug builds on a loaded 2-core machine.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{what} took {:?}",
        start.elapsed()
    );
}

#[test]
fn deep_nesting_does_not_crash() {
    let depth = 10_000;
    let html = format!(
        "<html><body>{}<p>Deep text that should survive the flattening of the document.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let start = Instant::now();
    let p = HtmlExtractor::new().extract(&html, None).unwrap();
    assert!(p.text.contains("Deep text"));
    assert_fast(start, "10,000 nested divs");

    // Unclosed nesting and other deep tags.
    let html = format!("{}text at the bottom", "<span><b>".repeat(depth));
    let start = Instant::now();
    let _ = HtmlExtractor::new().extract(&html, None);
    assert_fast(start, "unclosed nesting");
}

#[test]
fn moderate_nesting_uses_dom_path() {
    let html = format!(
        "<html><head><meta name=\"author\" content=\"Jane Doe\"></head><body>{}{BODY}{}</body></html>",
        "<div>".repeat(100),
        "</div>".repeat(100)
    );
    let p = HtmlExtractor::new().extract(&html, None).unwrap();
    assert_eq!(p.byline.as_deref(), Some("Jane Doe"));
    assert!(p.text.contains("optimistic revenue forecasts"));
}

#[test]
fn garbage_input_does_not_panic() {
    // Deterministic pseudo-random bytes, read as (lossy) text.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(200_000);
    for _ in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.push((state >> 24) as u8);
    }
    let text = String::from_utf8_lossy(&bytes);
    let start = Instant::now();
    let x = HtmlExtractor::new();
    let _ = x.extract(&text, None);
    // Garbage with a lot of markup characters.
    let tagsoup: String = text
        .chars()
        .map(|c| match (c as u32) % 7 {
            0 => '<',
            1 => '>',
            2 => '/',
            _ => c,
        })
        .collect();
    let _ = x.extract(&tagsoup, None);
    let _ = x.extract("<<<<>>>></></<!--<![CDATA[&#xFFFFFFFF;&#0;&amp", None);
    let _ = x.extract("<script>", None);
    let _ = x.extract("<html", None);
    assert_fast(start, "garbage input");
}

#[test]
fn truncated_document() {
    let html = page_with_meta("");
    let cut = &html[..html.len() * 2 / 3];
    let p = HtmlExtractor::new().extract(cut, None).unwrap();
    assert!(p.text.contains("approve a new budget"));
}

#[test]
fn size_cap_truncates_on_char_boundary() {
    let s = "é".repeat(10);
    assert_eq!(truncate_at_char_boundary(&s, 5), "éé");
    let big = format!(
        "<html><body>{}</body></html>",
        "<p>word é word</p>".repeat(1000)
    );
    let x = HtmlExtractor::new().with_max_bytes(1024);
    assert!(x.extract(&big, None).is_ok());
}

#[test]
fn flat_depth_estimate() {
    assert_eq!(flat::nesting_depth("<div><div></div></div>", 100), 2);
    assert_eq!(flat::nesting_depth("<p><p><p><br><img src=x>", 100), 0);
    assert_eq!(
        flat::nesting_depth("<script>'<div><div>'</script><div>", 100),
        1
    );
    assert_eq!(flat::nesting_depth("<!-- <div><div> --><div/>", 100), 0);
}

#[test]
fn strategies_all_work() {
    let html = page_with_meta("");
    for s in [
        Strategy::Auto,
        Strategy::Fast,
        Strategy::Trafilatura,
        Strategy::TrafilaturaFallback,
    ] {
        let p = HtmlExtractor::new()
            .with_strategy(s)
            .extract(&html, None)
            .unwrap();
        assert!(p.text.contains("optimistic revenue forecasts"), "{s:?}");
    }
}
