//! Word and punctuation tokens of a text, with byte offsets and a shared
//! lower-case copy (one allocation per document, not per word).

use crate::lexicon::LEXICON;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Byte range in the text.
    pub s: usize,
    pub e: usize,
    /// Byte range of the lower-cased word in [`Tokens::lower`].
    ls: usize,
    le: usize,
    pub word: bool,
    /// The word starts with an upper-case letter.
    pub upper: bool,
    /// The character of a punctuation token ('\0' for words).
    pub ch: char,
}

pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
    lower: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Tokens {
    pub fn new(text: &str) -> Self {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        let mut lower = String::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if !is_word_char(c) {
                toks.push(Tok {
                    s: i,
                    e: i + c.len_utf8(),
                    ls: lower.len(),
                    le: lower.len(),
                    word: false,
                    upper: false,
                    ch: c,
                });
                continue;
            }
            let ls = lower.len();
            lower.extend(c.to_lowercase());
            let mut end = i + c.len_utf8();
            loop {
                match chars.peek() {
                    Some(&(j, d)) if is_word_char(d) => {
                        lower.extend(d.to_lowercase());
                        end = j + d.len_utf8();
                        chars.next();
                    }
                    Some(&(j, d)) if matches!(d, '\'' | '’' | '-' | '‐') => {
                        // Inside a word only when a letter follows.
                        let next = text[j + d.len_utf8()..].chars().next();
                        if next.is_some_and(is_word_char) {
                            lower.push(if d == '’' { '\'' } else { d });
                            end = j + d.len_utf8();
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let le = lower.len();
            // "Mr." and initials keep their period: it ends no sentence.
            if let Some(&(j, '.')) = chars.peek() {
                let w = &lower[ls..le];
                let initial = w.chars().count() == 1 && c.is_uppercase();
                if initial || LEXICON.is_honorific(w) {
                    end = j + 1;
                    chars.next();
                }
            }
            toks.push(Tok {
                s: i,
                e: end,
                ls,
                le,
                word: true,
                upper: c.is_uppercase(),
                ch: '\0',
            });
        }
        Tokens { toks, lower }
    }

    /// The lower-cased word of token `i` ("" for punctuation).
    pub fn lower(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.ls..t.le]
    }

    /// Index of the first token starting at or after `byte`.
    pub fn at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.s < byte)
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }
}
