//! [`TextFeaturizer`]: words and word pairs of a text as a sparse TF-IDF
//! vector over a vocabulary learned from training articles.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// A sparse vector: (feature index, value), sorted by index.
pub type Sparse = Vec<(u32, f32)>;

/// Lower-cased words of `text` (Unicode word boundaries, digits folded to
/// `0` so that "2022" and "2023" share a feature).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.unicode_words().filter_map(|w| {
        let mut out = String::with_capacity(w.len());
        for c in w.chars() {
            if c.is_numeric() {
                if !out.ends_with('0') {
                    out.push('0');
                }
            } else {
                out.extend(c.to_lowercase());
            }
        }
        (!out.is_empty()).then_some(out)
    })
}

/// Words and adjacent word pairs ("a b") of `text`.
pub fn terms(text: &str) -> Vec<String> {
    let words: Vec<String> = words(text).collect();
    let mut out = Vec::with_capacity(words.len() * 2);
    for pair in words.windows(2) {
        out.push(format!("{} {}", pair[0], pair[1]));
    }
    out.extend(words);
    out
}

/// Vocabulary and inverse document frequencies.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TextFeaturizer {
    /// Term → index.
    vocab: HashMap<String, u32>,
    /// Inverse document frequency per index.
    idf: Vec<f32>,
}

impl TextFeaturizer {
    /// Learns the vocabulary from `docs`: terms in at least `min_df`
    /// documents.
    pub fn fit<S: AsRef<str>>(docs: &[S], min_df: usize) -> Self {
        let mut df: HashMap<String, usize> = HashMap::new();
        for doc in docs {
            let mut seen: Vec<String> = terms(doc.as_ref());
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *df.entry(t).or_default() += 1;
            }
        }
        let n = docs.len() as f32;
        let mut kept: Vec<(String, usize)> = df.into_iter().filter(|(_, c)| *c >= min_df).collect();
        kept.sort_unstable();
        let mut vocab = HashMap::with_capacity(kept.len());
        let mut idf = Vec::with_capacity(kept.len());
        for (i, (term, count)) in kept.into_iter().enumerate() {
            vocab.insert(term, i as u32);
            idf.push(((1.0 + n) / (1.0 + count as f32)).ln() + 1.0);
        }
        TextFeaturizer { vocab, idf }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// True when the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// Keeps only the features in `keep` (old indices), renumbering them.
    /// Returns the old → new index map.
    pub fn restrict(&mut self, keep: &[u32]) -> HashMap<u32, u32> {
        let remap: HashMap<u32, u32> = keep
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new as u32))
            .collect();
        let mut idf = vec![0.0; keep.len()];
        for (&old, &new) in &remap {
            idf[new as usize] = self.idf[old as usize];
        }
        self.vocab.retain(|_, i| match remap.get(i) {
            Some(&new) => {
                *i = new;
                true
            }
            None => false,
        });
        self.idf = idf;
        remap
    }

    /// The L2-normalised, sublinear TF-IDF vector of `text`.
    pub fn transform(&self, text: &str) -> Sparse {
        // The same terms as [`terms`], but word pairs are looked up through
        // one reused buffer instead of a new string each, and counts are
        // gathered in a vector (sorted and merged) instead of a map.
        let words: Vec<String> = words(text).collect();
        let mut hits: Vec<u32> = Vec::with_capacity(words.len() * 2);
        let mut pair = String::new();
        for (k, w) in words.iter().enumerate() {
            if let Some(&i) = self.vocab.get(w.as_str()) {
                hits.push(i);
            }
            if let Some(next) = words.get(k + 1) {
                pair.clear();
                pair.push_str(w);
                pair.push(' ');
                pair.push_str(next);
                if let Some(&i) = self.vocab.get(pair.as_str()) {
                    hits.push(i);
                }
            }
        }
        hits.sort_unstable();
        let mut v: Sparse = Vec::with_capacity(hits.len());
        for chunk in hits.chunk_by(|a, b| a == b) {
            let i = chunk[0];
            let c = chunk.len() as f32;
            v.push((i, (1.0 + c.ln()) * self.idf[i as usize]));
        }
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, x) in &mut v {
                *x /= norm;
            }
        }
        v
    }

    /// The term of feature `index` (slow; for explanations and tests).
    pub fn term(&self, index: u32) -> Option<&str> {
        self.vocab
            .iter()
            .find(|(_, &i)| i == index)
            .map(|(t, _)| t.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_digits() {
        let w: Vec<String> = words("Kyiv, 2023: NATO-led").collect();
        assert_eq!(w, ["kyiv", "0", "nato", "led"]);
    }

    #[test]
    fn transform_is_unit_length_and_ignores_unknown_terms() {
        let f = TextFeaturizer::fit(&["war in ukraine", "war and peace", "peace talks"], 2);
        assert_eq!(f.len(), 2); // "war", "peace"
        let v = f.transform("war war zebra");
        assert_eq!(v.len(), 1);
        assert!((v[0].1 - 1.0).abs() < 1e-6);
        assert!(f.transform("zebra").is_empty());
    }

    #[test]
    fn transform_counts_repeated_words_and_pairs_like_terms() {
        let docs = [
            "the war in ukraine",
            "the war and peace",
            "the war in ukraine again",
        ];
        let f = TextFeaturizer::fit(&docs, 1);
        let text = "The war in Ukraine: the war, the war in Ukraine.";
        let v = f.transform(text);
        // Same features as counting `terms` one by one.
        let mut expected: Vec<u32> = terms(text)
            .iter()
            .filter_map(|t| f.vocab.get(t).copied())
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let got: Vec<u32> = v.iter().map(|&(i, _)| i).collect();
        assert_eq!(got, expected);
        let war = f.vocab["war"];
        let ukraine = f.vocab["ukraine"];
        let weight = |i: u32| v.iter().find(|&&(j, _)| j == i).unwrap().1;
        // "war" occurs 3 times, "ukraine" twice: sublinear counts.
        let ratio =
            (weight(war) / f.idf[war as usize]) / (weight(ukraine) / f.idf[ukraine as usize]);
        assert!((ratio - (1.0 + 3f32.ln()) / (1.0 + 2f32.ln())).abs() < 1e-5);
    }

    #[test]
    fn restrict_renumbers_features() {
        let mut f = TextFeaturizer::fit(&["a b", "a b", "c"], 1);
        let a = f.transform("a")[0].0;
        f.restrict(&[a]);
        assert_eq!(f.len(), 1);
        assert_eq!(f.transform("a b c"), vec![(0, 1.0)]);
    }
}
