//! [`ShingleSet`]: hashed word n-grams of a text, for resemblance and
//! containment between texts that differ in punctuation, case and quote
//! marks.

use std::hash::{Hash, Hasher};
use unicode_segmentation::UnicodeSegmentation;

/// Apostrophes written in other ways than `'` (typographic, modifier letter).
const APOSTROPHES: [char; 3] = ['\u{2019}', '\u{2018}', '\u{02BC}'];

/// Lower-cased words, punctuation and quote marks dropped; every apostrophe
/// written as `'`, so "I’ll" and "I'll" are one word.
pub fn normalize_words(text: &str) -> Vec<String> {
    text.unicode_words()
        .map(|w| {
            let w = w.to_lowercase();
            if w.contains(APOSTROPHES) {
                w.replace(APOSTROPHES, "'")
            } else {
                w
            }
        })
        .collect()
}

/// Elements in both of two sorted, deduplicated slices (one merge walk).
pub(crate) fn sorted_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
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
    fn empty_text_has_no_shingles() {
        assert!(shingles("  ,. ", 3).is_empty());
        assert_eq!(shingles("", 3).containment(&shingles("a b c", 3)), 0.0);
    }
}
