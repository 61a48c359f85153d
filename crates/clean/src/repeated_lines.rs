//! [`RepeatedLineFilter`]: boilerplate found by repetition across a corpus.
//!
//! A site's promos, prompts and widget lines ("Anyone can join.", "Most read
//! in …", "Sign up to get … delivered to your inbox") repeat across its
//! articles, while real paragraphs rarely do. This stage removes short
//! paragraphs that occur in at least `min_docs` documents of the run, with
//! two guards so real text survives: a paragraph with quote marks is kept
//! (the same quote reported by several outlets is news, not boilerplate), and
//! nothing is removed from a document most of whose paragraphs are shared
//! (a reprint or near-duplicate: its repeats are the article itself), judged
//! by its long paragraphs.

use newslens_core::{Document, Layer, Stage, StageError};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// Paragraphs longer than this are never removed for being repeated.
const MAX_WORDS: usize = 20;
/// A document with more than this share of repeated paragraphs is a reprint.
const MAX_SHARED_FRACTION: f32 = 0.5;

/// In how many documents of a corpus each paragraph occurs.
#[derive(Debug, Default, Clone)]
pub struct LineCounts {
    counts: HashMap<u64, u32>,
    documents: usize,
}

/// A paragraph's key: a hash of its letters and digits, lower-cased, so that
/// spacing and punctuation differences do not matter.
fn key(paragraph: &str) -> Option<u64> {
    let mut hasher = DefaultHasher::new();
    let mut any = false;
    for c in paragraph.chars().filter(|c| c.is_alphanumeric()) {
        for lower in c.to_lowercase() {
            lower.hash(&mut hasher);
        }
        any = true;
    }
    any.then(|| hasher.finish())
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").filter(|p| !p.trim().is_empty())
}

impl LineCounts {
    pub fn new() -> Self {
        LineCounts::default()
    }

    /// The distinct paragraph keys of one clean text.
    pub fn keys(text: &str) -> Vec<u64> {
        let mut keys: Vec<u64> = paragraphs(text).filter_map(key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Counts one document, given its [`LineCounts::keys`].
    pub fn add(&mut self, keys: &[u64]) {
        self.documents += 1;
        for &k in keys {
            *self.counts.entry(k).or_insert(0) += 1;
        }
    }

    /// Documents counted so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// In how many counted documents `paragraph` occurs.
    pub fn count(&self, paragraph: &str) -> u32 {
        key(paragraph).map_or(0, |k| self.counts.get(&k).copied().unwrap_or(0))
    }
}

/// The `repeated-lines` stage: runs after `clean`, removes short paragraphs
/// repeated across the corpus into `Document::boilerplate`.
#[derive(Debug, Clone)]
pub struct RepeatedLineFilter {
    counts: Arc<LineCounts>,
    min_docs: u32,
}

impl RepeatedLineFilter {
    /// A filter over `counts`; a paragraph must occur in `min_docs` (at least
    /// 2) documents to be removed.
    pub fn new(counts: Arc<LineCounts>, min_docs: u32) -> Self {
        RepeatedLineFilter {
            counts,
            min_docs: min_docs.max(2),
        }
    }

    fn removable(&self, paragraph: &str) -> bool {
        let words = paragraph.split_whitespace().count();
        // A short "Label: value" or "Label:" line structures the article
        // (a fact check's "Verdict: False"), so it stays.
        let label = words <= 4 && (paragraph.contains(": ") || paragraph.ends_with(':'));
        !label
            && !paragraph.contains(['"', '“', '”', '«', '»', '„'])
            && words <= MAX_WORDS
            && self.counts.count(paragraph) >= self.min_docs
    }
}

impl Stage for RepeatedLineFilter {
    fn name(&self) -> &'static str {
        "repeated-lines"
    }

    fn reads(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Boilerplate]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Boilerplate]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let all: Vec<&str> = paragraphs(&doc.text).collect();
        // Reprints share their long paragraphs; a page full of repeated
        // widgets shares only short ones, so judge by the long ones.
        let long: Vec<&str> = all
            .iter()
            .copied()
            .filter(|p| p.split_whitespace().count() > MAX_WORDS)
            .collect();
        let judged = if long.is_empty() { &all } else { &long };
        let shared = judged.iter().filter(|p| self.counts.count(p) >= 2).count();
        if all.is_empty() || shared as f32 > MAX_SHARED_FRACTION * judged.len() as f32 {
            return Ok(());
        }
        let remove: Vec<bool> = all.iter().map(|p| self.removable(p)).collect();
        if !remove.contains(&true) || !remove.contains(&false) {
            return Ok(());
        }
        let mut text = String::with_capacity(doc.text.len());
        let mut removed = Vec::new();
        for (paragraph, gone) in all.iter().zip(&remove) {
            if *gone {
                removed.push(paragraph.to_string());
            } else {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(paragraph);
            }
        }
        doc.text = text;
        doc.boilerplate.extend(removed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Arc<LineCounts> {
        let mut counts = LineCounts::new();
        for t in texts {
            counts.add(&LineCounts::keys(t));
        }
        Arc::new(counts)
    }

    fn filtered(counts: &Arc<LineCounts>, text: &str) -> Document {
        let mut doc = Document::new("d", "");
        doc.text = text.to_string();
        RepeatedLineFilter::new(counts.clone(), 3)
            .process(&mut doc)
            .unwrap();
        doc
    }

    #[test]
    fn promo_repeated_across_articles_is_removed() {
        let texts = [
            "Talks resumed in Geneva on Monday.\n\nJoin our club today!",
            "The grain deal was extended.\n\nJoin our club  today.",
            "Floods hit the coast overnight.\n\nJOIN OUR CLUB TODAY",
        ];
        let counts = corpus(&texts);
        let doc = filtered(&counts, texts[0]);
        assert_eq!(doc.text, "Talks resumed in Geneva on Monday.");
        assert_eq!(doc.boilerplate, ["Join our club today!"]);
    }

    #[test]
    fn repeated_quote_is_news_not_boilerplate() {
        let texts = [
            "Story one.\n\n\"We are ready for talks,\" he said.",
            "Story two.\n\n\"We are ready for talks,\" he said.",
            "Story three.\n\n\"We are ready for talks,\" he said.",
        ];
        let counts = corpus(&texts);
        assert_eq!(filtered(&counts, texts[1]).text, texts[1]);
    }

    #[test]
    fn many_widgets_do_not_make_an_article_a_reprint() {
        let widgets = "Join us.\n\nShare now.\n\nFollow us.\n\nRead more.\n\nTip us.";
        let texts: Vec<String> = (0..3)
            .map(|i| format!("Unique report {i} says that the talks in Geneva went on for many hours and ended without any agreement on the prisoners.\n\n{widgets}"))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let counts = corpus(&refs);
        let doc = filtered(&counts, &texts[0]);
        assert!(doc.text.starts_with("Unique report 0"));
        assert_eq!(doc.boilerplate.len(), 5);
    }

    #[test]
    fn reprints_keep_their_paragraphs() {
        let reprint = "A factory was destroyed.\n\nThe mayor spoke.\n\nRoads are closed.";
        let counts = corpus(&[reprint, reprint, reprint]);
        assert_eq!(filtered(&counts, reprint).text, reprint);
    }

    #[test]
    fn long_repeated_paragraphs_stay() {
        let background = "The offensive that began in February 2022 has plunged Europe into its worst security crisis since the Second World War, with millions of people displaced and whole cities destroyed.";
        let texts: Vec<String> = (0..3)
            .map(|i| format!("Unique story number {i} about the front.\n\nMore unique detail {i}.\n\n{background}"))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let counts = corpus(&refs);
        assert_eq!(filtered(&counts, &texts[0]).text, texts[0]);
    }

    #[test]
    fn short_label_lines_stay() {
        let texts: Vec<String> = (0..3)
            .map(|i| {
                format!("Claim number {i} was checked.\n\nVerdict: False\n\nDetails {i} follow.")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let counts = corpus(&refs);
        assert_eq!(filtered(&counts, &texts[0]).text, texts[0]);
    }

    #[test]
    fn below_threshold_stays() {
        let texts = ["A.\n\nJoin us", "B.\n\nJoin us", "C."];
        let counts = corpus(&texts);
        assert_eq!(filtered(&counts, texts[0]).text, texts[0]);
    }
}
