//! Iterative (non-recursive) helpers that work on the raw HTML bytes: a
//! nesting-depth estimate used as a guard before building a DOM, and a flat
//! tag stripper used for documents too deep (or too broken) for the DOM path.

use crate::ExtractedPage;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag is optional: they rarely nest, so do not count them.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt",
    "rp", "colgroup", "caption",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "figure",
    "figcaption",
    "main",
    "aside",
    "nav",
    "form",
];
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "title",
];

/// One tag found by the scanner.
struct Tag<'a> {
    /// Lower-case tag name (truncated to 16 bytes; longer names are never
    /// in our tables).
    name_buf: [u8; 16],
    name_len: usize,
    closing: bool,
    self_closing: bool,
    /// Byte offset just past the `>`.
    end: usize,
    _src: &'a str,
}

/// Parse a tag starting at `i` (`html[i] == b'<'`). `None` if it is not a tag.
fn scan_tag(html: &str, i: usize) -> Option<Tag<'_>> {
    let b = html.as_bytes();
    let mut j = i + 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    if j == start || !b[start].is_ascii_alphabetic() {
        return None;
    }
    let mut name_buf = [0u8; 16];
    let name_len = (j - start).min(16);
    for (d, s) in name_buf.iter_mut().zip(&b[start..start + name_len]) {
        *d = s.to_ascii_lowercase();
    }
    // Find the end of the tag, honouring quoted attribute values.
    let mut quote = 0u8;
    while j < b.len() {
        let c = b[j];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            break;
        }
        j += 1;
    }
    let self_closing = j > 0 && j < b.len() && b[j - 1] == b'/';
    Some(Tag {
        name_buf,
        name_len,
        closing,
        self_closing,
        end: (j + 1).min(b.len()),
        _src: html,
    })
}

impl Tag<'_> {
    fn name(&self) -> &str {
        // ASCII alphanumerics, '-' and ':' only, so always valid UTF-8.
        std::str::from_utf8(&self.name_buf[..self.name_len]).unwrap_or("")
    }
}

/// Skip past `<!-- ... -->`, `<!...>` or `<?...>` starting at `i`; returns
/// the offset after it, or `None` if `i` does not start one.
fn skip_markup_decl(html: &str, i: usize) -> Option<usize> {
    let rest = &html[i..];
    if let Some(body) = rest.strip_prefix("<!--") {
        return Some(body.find("-->").map_or(html.len(), |p| i + 4 + p + 3));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return Some(rest.find('>').map_or(html.len(), |p| i + p + 1));
    }
    None
}

/// Offset of the end of the raw-text element `name` whose content starts at
/// `from` (just past its closing tag), or the end of the input.
fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let needle = format!("</{name}");
    let hay = &html.as_bytes()[from..];
    let n = needle.len();
    let mut k = 0;
    while k + n <= hay.len() {
        if hay[k] == b'<' && hay[k..k + n].eq_ignore_ascii_case(needle.as_bytes()) {
            let after = from + k + n;
            return html[after..]
                .find('>')
                .map_or(html.len(), |p| after + p + 1);
        }
        k += 1;
    }
    html.len()
}

/// Estimated maximum element nesting depth; stops counting once `stop_at` is
/// reached (the return value is then `>= stop_at`).
pub(crate) fn nesting_depth(html: &str, stop_at: usize) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while i < b.len() {
        let Some(p) = memchr_lt(b, i) else { break };
        i = p;
        if let Some(next) = skip_markup_decl(html, i) {
            i = next;
            continue;
        }
        let Some(tag) = scan_tag(html, i) else {
            i += 1;
            continue;
        };
        i = tag.end;
        let name = tag.name();
        if tag.closing {
            if !VOID.contains(&name) && !OPTIONAL_END.contains(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if matches!(name, "script" | "style" | "textarea" | "title" | "xmp") {
            if !tag.self_closing {
                i = skip_raw_text(html, i, name);
            }
            continue;
        }
        if tag.self_closing || VOID.contains(&name) || OPTIONAL_END.contains(&name) {
            continue;
        }
        depth += 1;
        if depth > max {
            max = depth;
            if max >= stop_at {
                return max;
            }
        }
    }
    max
}

fn memchr_lt(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'<', &b[from..]).map(|p| from + p)
}

/// The page without what no extractor reads: comments, `<style>` and
/// `<script>` elements (JSON-LD scripts stay, metadata comes from them).
/// Both parsers then tokenise and build less; borrowed when nothing goes.
pub(crate) fn strip_inert(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let (mut i, mut copied) = (0usize, 0usize);
    while let Some(p) = memchr_lt(b, i) {
        i = p;
        let cut_end = if html[i..].starts_with("<!--") {
            skip_markup_decl(html, i)
        } else {
            match scan_tag(html, i) {
                Some(tag) if !tag.closing && matches!(tag.name(), "script" | "style") => {
                    let attrs = &html[i..tag.end];
                    let json_ld =
                        tag.name() == "script" && attrs.to_ascii_lowercase().contains("ld+json");
                    if json_ld {
                        None
                    } else if tag.self_closing {
                        Some(tag.end)
                    } else {
                        Some(skip_raw_text(html, tag.end, tag.name()))
                    }
                }
                _ => None,
            }
        };
        match cut_end {
            Some(end) => {
                out.push_str(&html[copied..i]);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Flat text extraction: drop tags and non-content elements, break paragraphs
/// at block elements. Used when the DOM path cannot be used safely.
pub(crate) fn extract_flat(html: &str) -> ExtractedPage {
    let b = html.as_bytes();
    let mut out = String::new();
    let mut i = 0usize;
    let mut title = None;
    while i < b.len() {
        let Some(p) = memchr_lt(b, i) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..p]);
        i = p;
        if let Some(next) = skip_markup_decl(html, i) {
            i = next;
            continue;
        }
        let Some(tag) = scan_tag(html, i) else {
            out.push('<');
            i += 1;
            continue;
        };
        i = tag.end;
        let name = tag.name();
        if !tag.closing && SKIP_CONTENT.contains(&name) && !tag.self_closing {
            let end = skip_raw_text(html, i, name);
            if name == "title" && title.is_none() {
                let inner = &html[i..end];
                let t = inner.rfind("</").map_or(inner, |q| &inner[..q]);
                let t = crate::meta::collapse_ws(&decode_entities(t));
                if !t.is_empty() {
                    title = Some(t);
                }
            }
            i = end;
            continue;
        }
        if BLOCK.contains(&name) {
            out.push_str("\n\n");
        } else {
            out.push(' ');
        }
    }
    let text = decode_entities(&out);
    let paras: Vec<String> = text
        .split("\n\n")
        .map(crate::meta::collapse_ws)
        .filter(|p| !p.is_empty())
        .collect();
    ExtractedPage {
        title,
        text: paras.join("\n\n"),
        ..Default::default()
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::strip_inert;

    #[test]
    fn drops_scripts_styles_and_comments_but_keeps_json_ld() {
        let html = "<html><head><style>p{}</style><script>var a='</p>';</script>\
            <script type=\"application/ld+json\">{\"a\":1}</script></head>\
            <body><!-- ad --><p>Text</p><SCRIPT src=x></SCRIPT></body></html>";
        assert_eq!(
            strip_inert(html),
            "<html><head><script type=\"application/ld+json\">{\"a\":1}</script></head>\
             <body><p>Text</p></body></html>"
        );
    }

    #[test]
    fn unclosed_script_drops_the_rest_and_plain_pages_are_borrowed() {
        assert_eq!(strip_inert("<p>a</p><script>x"), "<p>a</p>");
        assert!(matches!(
            strip_inert("<p>a</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
