//! [`ShingleSet`]: hashed word n-grams of a text, for resemblance and
//! containment between texts that differ in punctuation, case and quote
//! marks.

use std::hash::{Hash, Hasher};
use unicode_segmentation::UnicodeSegmentation;

/// Apostrophes written in other ways than `'` (typographic, modifier letter).
pub(crate) const APOSTROPHES: [char; 3] = ['\u{2019}', '\u{2018}', '\u{02BC}'];

/// Lower-cased words, punctuation and quote marks dropped; every apostrophe
/// written as `'`, so "I’ll" and "I'll" are one word.
pub fn normalize_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, w| {
        let w = if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            w.to_lowercase()
        } else {
            w.to_string()
        };
        out.push(if w.contains(APOSTROPHES) {
            w.replace(APOSTROPHES, "'")
        } else {
            w
        });
    });
    out
}

/// Calls `f` with each word of `text` and its byte offset: the same words
/// as `text.unicode_word_indices()` (Unicode word boundaries, segments
/// with a letter or digit), found faster. The text is cut after each space
/// followed by an ASCII character (always a word boundary on both sides
/// of the space); pieces of ASCII only are split by the boundary rules as
/// they apply to ASCII, the others by `unicode-segmentation`.
pub(crate) fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    let b = text.as_bytes();
    let mut start = 0;
    let mut ascii = true;
    for i in 0..b.len() {
        ascii &= b[i] < 0x80;
        if b[i] == b' ' && b.get(i + 1).is_none_or(|&c| c < 0x80) {
            piece(text, start, i + 1, ascii, &mut f);
            start = i + 1;
            ascii = true;
        }
    }
    piece(text, start, b.len(), ascii, &mut f);
}

fn piece<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    ascii: bool,
    f: &mut impl FnMut(usize, &'a str),
) {
    if start >= end {
        return;
    }
    let p = &text[start..end];
    if !ascii {
        for (at, w) in p.unicode_word_indices() {
            f(start + at, w);
        }
        return;
    }
    let b = p.as_bytes();
    let mut from = 0;
    for i in 1..=b.len() {
        if i == b.len() || !joined(b, i) {
            if b[from..i].iter().any(u8::is_ascii_alphanumeric) {
                f(start + from, &p[from..i]);
            }
            from = i;
        }
    }
}

/// Word-boundary classes of ASCII characters (Unicode Standard Annex 29).
#[derive(Clone, Copy, PartialEq)]
enum Class {
    Letter,
    Numeric,
    /// `_`
    ExtendNumLet,
    /// `:`
    MidLetter,
    /// `.` and `'`
    MidNumLetQ,
    /// `,` and `;`
    MidNum,
    Other,
}

fn class(c: u8) -> Class {
    match c {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLetQ,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// No word boundary between `b[i - 1]` and `b[i]` (ASCII; rules WB5–WB13b
/// — the others only join characters that make no word).
fn joined(b: &[u8], i: usize) -> bool {
    use Class::*;
    let at = |k: usize| b.get(k).map_or(Other, |&c| class(c));
    match (at(i - 1), at(i)) {
        (Letter | Numeric | ExtendNumLet, Letter | Numeric | ExtendNumLet) => true,
        (Letter, MidLetter | MidNumLetQ) => at(i + 1) == Letter,
        (MidLetter | MidNumLetQ, Letter) => i >= 2 && at(i - 2) == Letter,
        (Numeric, MidNum | MidNumLetQ) => at(i + 1) == Numeric,
        (MidNum | MidNumLetQ, Numeric) => i >= 2 && at(i - 2) == Numeric,
        _ => false,
    }
}

/// Elements in both of two sorted, deduplicated slices (one merge walk).
pub(crate) fn sorted_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let mut n = 0;
    for_each_common(a, b, |_, _| n += 1);
    n
}

/// Calls `f(i, j)` for each element in both of two sorted, deduplicated
/// slices (`a[i] == b[j]`), in order (one merge walk).
pub(crate) fn for_each_common<T: Ord>(a: &[T], b: &[T], mut f: impl FnMut(usize, usize)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(i, j);
                i += 1;
                j += 1;
            }
        }
    }
}

/// A sorted, deduplicated set of hashed word n-grams.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShingleSet(pub Vec<u64>);

fn hash_words(words: &[String]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for w in words {
        w.hash(&mut h);
    }
    h.finish()
}

/// The word `n`-grams of `text` (a text shorter than `n` words is one
/// shingle).
pub fn shingles(text: &str, n: usize) -> ShingleSet {
    let words = normalize_words(text);
    let n = n.max(1);
    let mut out: Vec<u64> = if words.len() <= n {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_words(&words)]
        }
    } else {
        words.windows(n).map(hash_words).collect()
    };
    out.sort_unstable();
    out.dedup();
    ShingleSet(out)
}

impl ShingleSet {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Shingles in both sets.
    pub fn common(&self, other: &ShingleSet) -> usize {
        sorted_common(&self.0, &other.0)
    }

    /// Jaccard resemblance.
    pub fn jaccard(&self, other: &ShingleSet) -> f64 {
        let c = self.common(other);
        let union = self.len() + other.len() - c;
        if union == 0 {
            0.0
        } else {
            c as f64 / union as f64
        }
    }

    /// Share of the smaller set found in the larger: 1.0 when one text is a
    /// trimmed or partial copy of the other.
    pub fn containment(&self, other: &ShingleSet) -> f64 {
        let small = self.len().min(other.len());
        if small == 0 {
            0.0
        } else {
            self.common(other) as f64 / small as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_case_and_quote_marks_do_not_matter() {
        let a = shingles("“We are ready for talks,” he said.", 3);
        let b = shingles("\"we are ready for talks\" - he said", 3);
        assert_eq!(a, b);
    }

    #[test]
    fn a_trimmed_quote_is_contained_in_the_full_one() {
        let full = shingles(
            "We are ready to negotiate, but only on our terms and not under pressure.",
            3,
        );
        let part = shingles("ready to negotiate, but only on our terms", 3);
        assert_eq!(part.containment(&full), 1.0);
        assert!(part.jaccard(&full) < 0.6);
    }

    #[test]
    fn typographic_and_straight_apostrophes_are_one_word() {
        assert_eq!(
            normalize_words("I’ll win, we‘re sure, it\u{02BC}s done"),
            normalize_words("I'll win, we're sure, it's done")
        );
        assert_eq!(
            shingles("“I’ll fight for you and I’ll win”", 3),
            shingles("\"I'll fight for you and I'll win\"", 3)
        );
    }

    #[test]
    fn fast_words_are_the_unicode_word_indices() {
        let texts = [
            "“We are ready,” said Mr. O'Neil: e.g. 3.14, 1,000; a_b _ __x x_ 3d 3.d a.3 a:b a::b.",
            "I’ll win\r\n\tüber-Café 12,5 % … 🇺🇦🇺🇦 e\u{301}t\u{301} x \u{301}y ‘quoted’ it\u{02BC}s",
            "",
            "   ",
            "end.",
        ];
        let alphabet: Vec<char> = "aZ9_.:',; \n\t\"-x1é“’\u{301}\u{200d}".chars().collect();
        let mut seed = 7u64;
        let mut random = Vec::new();
        for _ in 0..20_000 {
            let len = (seed % 12) as usize;
            let mut t = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            random.push(t);
        }
        for t in texts.iter().map(|t| t.to_string()).chain(random) {
            let mut fast = Vec::new();
            for_each_word(&t, |at, w| fast.push((at, w)));
            let slow: Vec<(usize, &str)> = t.unicode_word_indices().collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    #[test]
    fn empty_text_has_no_shingles() {
        assert!(shingles("  ,. ", 3).is_empty());
        assert_eq!(shingles("", 3).containment(&shingles("a b c", 3)), 0.0);
    }
}
