//! [`Normalizer`]: Unicode and whitespace normalisation, and hard-wrap line repair.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalises characters and whitespace, and splits a body into logical lines.
///
/// [`Normalizer::normalize`] applies NFC, turns CRLF/CR into LF, maps odd
/// spaces to a plain space, removes zero-width characters, soft hyphens and
/// control characters, collapses runs of spaces and trims every line.
/// [`Normalizer::logical_lines`] then joins lines that were hard-wrapped inside
/// one paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub struct Normalizer;

/// Is `c` in a script that uses ZWJ/ZWNJ to shape letters (Indic, Arabic...)?
fn joiner_script(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0900..=0x0DFF | 0x1780..=0x17FF)
}

/// Characters the normaliser changes or drops: whitespace, line ends,
/// controls, zero-width and bidi marks, soft hyphen, BOM.
fn needs_attention(c: char) -> bool {
    match c {
        '!'..='~' => false,
        '\0'..=' ' | '\u{7f}'..='\u{a0}' | '\u{ad}' | '\u{1680}' => true,
        '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{206f}' => true,
        '\u{3000}' | '\u{feff}' => true,
        _ => false,
    }
}

impl Normalizer {
    pub fn new() -> Self {
        Normalizer
    }

    /// Character-level normalisation; lines are trimmed and kept (blank lines
    /// stay as empty lines).
    pub fn normalize(&self, raw: &str) -> String {
        let composed;
        let input: &str = if raw.is_ascii() || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
            raw
        } else {
            composed = raw.nfc().collect::<String>();
            &composed
        };
        let mut out = String::with_capacity(input.len());
        // Whether a space is pending (emitted only before a non-space on the line).
        let mut pending_space = false;
        let mut prev = '\n';
        // Start of the current run of ordinary characters, copied as one slice.
        let mut run: Option<usize> = None;
        let mut chars = input.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !needs_attention(c) {
                if run.is_none() {
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    run = Some(i);
                }
                continue;
            }
            if let Some(start) = run.take() {
                let piece = &input[start..i];
                out.push_str(piece);
                prev = piece.chars().next_back().unwrap_or(prev);
            }
            match c {
                '\r' => {
                    if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                    }
                    out.push('\n');
                    pending_space = false;
                    prev = '\n';
                }
                '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                    out.push('\n');
                    pending_space = false;
                    prev = '\n';
                }
                ' '
                | '\t'
                | '\u{a0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200a}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{0b}'
                | '\u{0c}'
                    if prev != '\n' =>
                {
                    pending_space = true;
                }
                '\u{200c}' | '\u{200d}' => {
                    // Keep joiners where they shape letters (Devanagari etc.).
                    let next_joins = chars.peek().is_some_and(|&(_, n)| joiner_script(n));
                    if joiner_script(prev) || next_joins {
                        if pending_space {
                            out.push(' ');
                            pending_space = false;
                        }
                        out.push(c);
                    }
                }
                _ => {} // zero-width, bidi controls, soft hyphen, BOM, controls
            }
        }
        if let Some(start) = run {
            out.push_str(&input[start..]);
        }
        out
    }

    /// Splits normalised text into logical lines: blank lines separate
    /// paragraphs; inside a paragraph a line that ends without sentence
    /// punctuation is joined with the next when that one starts lower-case.
    /// Each returned line is non-empty.
    pub fn logical_lines(&self, text: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut open = false; // whether the last line may take a continuation
        for line in text.split('\n') {
            if line.is_empty() {
                open = false;
                continue;
            }
            if open {
                if let Some(last) = lines.last_mut() {
                    if is_wrapped(last, line) {
                        last.push(' ');
                        last.push_str(line);
                        continue;
                    }
                }
            }
            lines.push(line.to_string());
            open = true;
        }
        lines
    }
}

/// Does `prev` continue on `next` (a hard wrap inside one sentence)?
fn is_wrapped(prev: &str, next: &str) -> bool {
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    if ends_sentence(last) || last == ':' {
        return false;
    }
    // List items and headings are never continuations.
    if starts_list_item(next) || starts_list_item(prev) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    first.is_lowercase() || (last == ',' && !first.is_uppercase() && first.is_alphanumeric())
}

/// Sentence-final punctuation (also closing quotes and brackets after it).
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '।'
            | '॥'
            | '"'
            | '”'
            | '“'
            | '»'
            | '\''
            | '’'
            | ')'
            | ']'
            | ';'
    )
}

/// A bullet or a numbered item ("- x", "• x", "1. x", "2) x").
pub(crate) fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '•' | '*' | '–' | '—' | '·' | '▪' | '►' | '»') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.len() < line.len() && line.len() - rest.len() <= 3 && {
                let mut r = rest.chars();
                matches!(r.next(), Some('.' | ')')) && r.next().is_some_and(char::is_whitespace)
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_spaces_and_line_ends() {
        let n = Normalizer::new();
        assert_eq!(
            n.normalize("  a\u{a0}\u{a0}b \r\nc\rd\u{200b}e\u{ad}f\u{7}  "),
            "a b\nc\ndef"
        );
    }

    #[test]
    fn composes_nfc() {
        let n = Normalizer::new();
        assert_eq!(n.normalize("Cafe\u{301}"), "Café");
        assert_eq!(n.normalize("й"), "й");
        assert_eq!(n.normalize("и\u{306}"), "й");
    }

    #[test]
    fn keeps_joiners_in_devanagari() {
        let n = Normalizer::new();
        let s = "क्\u{200d}ष";
        assert_eq!(n.normalize(s), s);
        assert_eq!(n.normalize("ab\u{200d}c"), "abc");
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let n = Normalizer::new();
        let text = n.normalize("The minister said that the\nplan would fail.\n\nNext one.");
        assert_eq!(
            n.logical_lines(&text),
            vec!["The minister said that the plan would fail.", "Next one."]
        );
    }

    #[test]
    fn does_not_join_list_items_or_sentences() {
        let n = Normalizer::new();
        let text = "Key points\n- one thing\n- another thing\nEnd of story.\nthen lower";
        assert_eq!(
            n.logical_lines(text),
            vec![
                "Key points",
                "- one thing",
                "- another thing",
                "End of story.",
                "then lower"
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let n = Normalizer::new();
        for s in [
            "",
            "\r",
            "\n\n\n",
            "\u{200d}",
            "\u{feff}\r\r\n",
            "1",
            "1.",
            "-",
        ] {
            let t = n.normalize(s);
            let _ = n.logical_lines(&t);
        }
    }
}
