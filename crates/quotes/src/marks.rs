//! Pairs quote marks paragraph by paragraph: “…” "…" «…» „…“ „…” ‘…’ ‚…’
//! ''…''. An apostrophe inside a word never opens or closes a quote. A quote
//! left open at the end of a paragraph is kept (to the paragraph end) only
//! when the next paragraph opens with a quote mark — a quote running over
//! paragraphs, which the extractor joins — otherwise it is dropped there, so
//! one stray mark cannot swallow the rest of the article.

/// One quote: its marks and its content (trimmed), as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteMarks {
    /// Byte of the opening mark.
    pub open: usize,
    /// Byte after the closing mark.
    pub close: usize,
    /// Content without the marks.
    pub s: usize,
    pub e: usize,
    /// No closing mark: the quote goes on in the next paragraph.
    pub open_end: bool,
}

/// Stands for two apostrophes used as a double quote mark.
const PAIR: char = '\u{1}';

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '«' | '„' | '‘' | '‚' | PAIR)
}

/// The family of an opening mark (which closers and continuations fit it).
fn family(c: char) -> u8 {
    match c {
        '“' | '„' | '"' | PAIR | '\'' => 0,
        '«' => 1,
        _ => 2,
    }
}

pub(crate) fn find_quotes(text: &str, paras: &[(usize, usize)]) -> Vec<QuoteMarks> {
    let mut out = Vec::new();
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        let Some(para) = text.get(ps..pe) else {
            continue;
        };
        // (opening mark, its byte, guillemet depth)
        let mut open: Option<(char, usize, u32)> = None;
        let mut prev = ' ';
        let mut it = para.char_indices().peekable();
        while let Some((i, mut c)) = it.next() {
            let at = ps + i;
            let mut next = it.peek().map(|&(_, d)| d).unwrap_or(' ');
            // Two apostrophes stand for a straight double quote (''…'').
            let mut width = c.len_utf8();
            if c == '\'' && next == '\'' {
                it.next();
                c = PAIR;
                width = 2;
                next = it.peek().map(|&(_, d)| d).unwrap_or(' ');
            }
            let prev_word = prev.is_alphanumeric();
            let next_word = next.is_alphanumeric();
            let mut close = false;
            match (c, open) {
                ('“', None) | ('„', None) | ('«', None) => open = Some((c, at, 1)),
                // ”…” (a closing mark used to open, some outlets).
                ('”', None) if !prev_word && next_word => open = Some(('“', at, 1)),
                ('“', Some(('„', _, _))) => close = true,
                ('“', Some(('“', _, _))) => {
                    // “ as a closer after text (some outlets) or a fresh start.
                    if prev_word || prev.is_ascii_punctuation() {
                        close = true;
                    } else {
                        open = Some((c, at, 1));
                    }
                }
                ('”', Some(('“', _, _))) | ('”', Some(('„', _, _))) | ('”', Some(('"', _, _))) => {
                    close = true
                }
                // A straight mark after text closes a curly opening.
                ('"', Some(('“', _, _))) if !prev.is_whitespace() => close = true,
                ('«', Some(('«', s, d))) => open = Some(('«', s, d + 1)),
                ('»', Some(('«', s, d))) => {
                    if d <= 1 {
                        close = true;
                    } else {
                        open = Some(('«', s, d - 1));
                    }
                }
                ('"', None) | (PAIR, None) if !prev_word => open = Some((c, at, 1)),
                ('"', Some(('"', _, _))) | (PAIR, Some((PAIR, _, _))) => close = true,
                ('‘', None) | ('‚', None) if !prev_word && next_word => open = Some((c, at, 1)),
                ('’', Some(('‘', _, _))) | ('’', Some(('‚', _, _))) | ('‘', Some(('‚', _, _)))
                    if !(prev_word && next_word) =>
                {
                    close = true
                }
                _ => {}
            }
            if close {
                if let Some((m, s, _)) = open.take() {
                    let cs = s + if m == PAIR { 2 } else { m.len_utf8() };
                    if let Some(q) = trimmed(text, cs, at, s, at + width) {
                        out.push(q);
                    }
                }
            }
            prev = c;
        }
        // Left open: a quote running on into the next paragraph when that
        // one opens with a quote mark of the same kind; else a stray mark.
        if let Some((m, s, _)) = open {
            let next = paras
                .get(pi + 1)
                .and_then(|&(a, b)| text.get(a..b))
                .unwrap_or("");
            let first = if next.starts_with("''") {
                Some(PAIR)
            } else {
                next.chars().next()
            };
            if first.is_some_and(|f| is_opener(f) && family(f) == family(m)) {
                let cs = s + if m == PAIR { 2 } else { m.len_utf8() };
                if let Some(mut q) = trimmed(text, cs, pe, s, pe) {
                    q.open_end = true;
                    out.push(q);
                }
            }
        }
    }
    out
}

/// A quote with its content trimmed of spaces and a trailing comma; None
/// when nothing is left.
fn trimmed(text: &str, s: usize, e: usize, open: usize, close: usize) -> Option<QuoteMarks> {
    let inner = text.get(s..e)?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim().trim_end_matches([',', ' ']);
    if !body.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(QuoteMarks {
        open,
        close,
        s: s + lead,
        e: s + lead + body.len(),
        open_end: false,
    })
}
