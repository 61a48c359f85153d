//! Arbitrary UTF-8 through `HtmlExtractor::extract` (default strategy), with
//! and without a URL. Any panic aborts, including ones the extractor would
//! catch with `catch_unwind` internally.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens_html::HtmlExtractor;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static X: OnceLock<HtmlExtractor> = OnceLock::new();
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let x = X.get_or_init(HtmlExtractor::new);
    let url = if html.len() % 2 == 0 { Some("https://example.com/news/a.html") } else { None };
    let _ = x.extract(html, url);
});
