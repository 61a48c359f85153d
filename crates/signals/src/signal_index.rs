//! [`SignalIndex`]: the incremental index of articles and quotes behind
//! near-duplicate groups and quote travel.

use crate::minhash::{LshTable, MinHasher, Signature};
use crate::shingles::{shingles, ShingleSet};
use crate::union_find::UnionFind;
use rustc_hash::FxHashMap;

/// Thresholds and shingle sizes.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignalConfig {
    /// Words per article shingle.
    pub article_shingle: usize,
    /// Estimated resemblance from which two articles are copies.
    pub duplicate_resemblance: f64,
    /// Words per quote shingle.
    pub quote_shingle: usize,
    /// Share of the shorter quote's shingles found in the other from which
    /// two quotes are one statement.
    pub quote_containment: f64,
    /// Quotes with fewer shingles than this are not linked (too short to
    /// tell a statement from a common phrase).
    pub quote_min_shingles: usize,
    /// Shingles shared by more quotes than this are too common to propose
    /// candidates (keeps each lookup bounded).
    pub max_postings: usize,
}

impl Default for SignalConfig {
    fn default() -> Self {
        SignalConfig {
            article_shingle: 5,
            duplicate_resemblance: 0.5,
            quote_shingle: 3,
            quote_containment: 0.7,
            quote_min_shingles: 3,
            max_postings: 2000,
        }
    }
}

/// Whether two quote texts report the same statement under the default
/// configuration: both have at least `quote_min_shingles` word 3-grams
/// (after lower-casing and dropping punctuation and quote marks) and the
/// shorter one's 3-grams are at least 70 % contained in the other's. This is
/// exactly the test [`SignalIndex::add_quote`] applies to its candidates,
/// so verbatim, re-punctuated, re-cased, trimmed and partial reports match
/// and translations do not.
pub fn same_statement(a: &str, b: &str) -> bool {
    SignalConfig::default().same_statement(a, b)
}

impl SignalConfig {
    /// [`same_statement`] under this configuration.
    pub fn same_statement(&self, a: &str, b: &str) -> bool {
        let sa = shingles(a, self.quote_shingle);
        let sb = shingles(b, self.quote_shingle);
        sa.len() >= self.quote_min_shingles
            && sb.len() >= self.quote_min_shingles
            && sa.containment(&sb) >= self.quote_containment
    }
}

/// An article as the index sees it.
#[derive(Debug, Clone)]
pub struct ArticleRef {
    pub id: String,
    /// ISO date (or date-time); articles without one sort last.
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
}

/// A quote as the index sees it.
#[derive(Debug, Clone)]
pub struct QuoteRef {
    /// The quote's own id (e.g. "article-id#3").
    pub id: String,
    /// Index of its article (as returned by [`SignalIndex::add_article`]).
    pub article: usize,
    pub text: String,
    pub speaker: Option<String>,
}

/// A group of items (articles or quotes) with its first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Item indices, earliest first.
    pub members: Vec<usize>,
}

struct ArticleEntry {
    date: Option<String>,
    signature: Signature,
}

struct QuoteEntry {
    article: usize,
    shingles: ShingleSet,
}

/// The index. Add articles and their quotes in any order of time; groups are
/// updated as items arrive.
pub struct SignalIndex {
    config: SignalConfig,
    hasher: MinHasher,
    articles: Vec<ArticleEntry>,
    article_ids: Vec<String>,
    lsh: LshTable,
    article_sets: UnionFind,
    quotes: Vec<QuoteEntry>,
    quote_ids: Vec<String>,
    postings: FxHashMap<u64, Vec<u32>>,
    quote_sets: UnionFind,
}

impl SignalIndex {
    pub fn new(config: SignalConfig) -> Self {
        SignalIndex {
            config,
            hasher: MinHasher::default(),
            articles: Vec::new(),
            article_ids: Vec::new(),
            lsh: LshTable::default(),
            article_sets: UnionFind::default(),
            quotes: Vec::new(),
            quote_ids: Vec::new(),
            postings: FxHashMap::default(),
            quote_sets: UnionFind::default(),
        }
    }

    /// Adds an article; returns its index. It joins the group of every
    /// earlier article whose estimated resemblance reaches the threshold.
    pub fn add_article(&mut self, article: &ArticleRef) -> usize {
        let set = shingles(&article.text, self.config.article_shingle);
        let signature = self.hasher.signature(&set);
        let index = self.article_sets.push();
        for c in self.lsh.candidates(&signature) {
            let other = &self.articles[c as usize].signature;
            let same = other
                .iter()
                .zip(signature.iter())
                .filter(|(a, b)| a == b)
                .count();
            if same as f64 / signature.len() as f64 >= self.config.duplicate_resemblance {
                self.article_sets.union(index, c as usize);
            }
        }
        self.lsh.insert(index as u32, &signature);
        self.articles.push(ArticleEntry {
            date: article.date.clone(),
            signature,
        });
        self.article_ids.push(article.id.clone());
        index
    }

    /// Adds a quote; returns its index. It joins the cluster of every
    /// earlier quote that holds the same statement (verbatim, trimmed,
    /// re-punctuated or partly quoted).
    pub fn add_quote(&mut self, quote: &QuoteRef) -> usize {
        let set = shingles(&quote.text, self.config.quote_shingle);
        let index = self.quote_sets.push();
        if set.len() >= self.config.quote_min_shingles {
            let mut seen: Vec<u32> = Vec::new();
            for s in &set.0 {
                if let Some(list) = self.postings.get(s) {
                    if list.len() <= self.config.max_postings {
                        seen.extend_from_slice(list);
                    }
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                let other = &self.quotes[c as usize].shingles;
                if set.containment(other) >= self.config.quote_containment {
                    self.quote_sets.union(index, c as usize);
                }
            }
            for &s in &set.0 {
                self.postings.entry(s).or_default().push(index as u32);
            }
        }
        self.quotes.push(QuoteEntry {
            article: quote.article,
            shingles: set,
        });
        self.quote_ids.push(quote.id.clone());
        index
    }

    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    pub fn quote_count(&self) -> usize {
        self.quotes.len()
    }

    pub fn article_id(&self, i: usize) -> &str {
        &self.article_ids[i]
    }

    pub fn quote_id(&self, i: usize) -> &str {
        &self.quote_ids[i]
    }

    /// The article of quote `i`.
    pub fn quote_article(&self, i: usize) -> usize {
        self.quotes[i].article
    }

    /// Sort key for "earliest": dated before undated, then by date, then by
    /// arrival.
    fn article_order(&self, i: usize) -> (bool, &str, usize) {
        match &self.articles[i].date {
            Some(d) => (false, d.as_str(), i),
            None => (true, "", i),
        }
    }

    /// Groups of two or more near-duplicate articles, earliest (the
    /// original) first; groups in order of their original.
    pub fn duplicate_groups(&mut self) -> Vec<Cluster> {
        let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..self.articles.len() {
            let r = self.article_sets.find(i);
            groups.entry(r).or_default().push(i);
        }
        let mut out: Vec<Cluster> = groups
            .into_values()
            .filter(|m| m.len() > 1)
            .map(|mut members| {
                members.sort_by(|&a, &b| self.article_order(a).cmp(&self.article_order(b)));
                Cluster { members }
            })
            .collect();
        out.sort_by(|a, b| {
            self.article_order(a.members[0])
                .cmp(&self.article_order(b.members[0]))
        });
        out
    }

    /// Quote clusters seen in two or more articles, first appearance first.
    pub fn quote_clusters(&mut self) -> Vec<Cluster> {
        let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..self.quotes.len() {
            let r = self.quote_sets.find(i);
            groups.entry(r).or_default().push(i);
        }
        let order = |s: &Self, q: usize| {
            let (undated, date, a) = s.article_order(s.quotes[q].article);
            (undated, date.to_string(), a, q)
        };
        let mut out: Vec<Cluster> = groups
            .into_values()
            .filter(|m| {
                let mut arts: Vec<usize> = m.iter().map(|&q| self.quotes[q].article).collect();
                arts.sort_unstable();
                arts.dedup();
                arts.len() > 1
            })
            .map(|mut members| {
                members.sort_by_key(|&q| order(self, q));
                Cluster { members }
            })
            .collect();
        out.sort_by_key(|c| order(self, c.members[0]));
        out
    }

    /// The cluster holding quote `i` (itself alone when it travelled
    /// nowhere), first appearance first.
    pub fn travel(&mut self, i: usize) -> Cluster {
        let r = self.quote_sets.find(i);
        let mut members: Vec<usize> = (0..self.quotes.len())
            .filter(|&q| self.quote_sets.find(q) == r)
            .collect();
        members.sort_by(|&a, &b| {
            let ka = self.article_order(self.quotes[a].article);
            let kb = self.article_order(self.quotes[b].article);
            ka.cmp(&kb).then(a.cmp(&b))
        });
        Cluster { members }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, date: &str, text: &str) -> ArticleRef {
        ArticleRef {
            id: id.into(),
            date: Some(date.into()),
            outlet: None,
            text: text.into(),
        }
    }

    const STORY: &str = "The foreign ministers of both countries agreed on Friday to resume talks on grain shipments through the Black Sea. The first round took place in Ankara last month, and officials said the next meeting could happen in Geneva within two weeks if the terms are settled.";

    #[test]
    fn a_reprint_joins_the_original_which_stays_first() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let reprint = format!("{STORY} Read more on our site.");
        idx.add_article(&article("copy", "2023-03-05", &reprint));
        idx.add_article(&article("orig", "2023-03-03", STORY));
        idx.add_article(&article("other", "2023-03-04", "Heavy rain flooded the old town on Sunday and closed three bridges; the mayor asked residents to stay at home until the water recedes."));
        let groups = idx.duplicate_groups();
        assert_eq!(groups.len(), 1);
        let ids: Vec<&str> = groups[0]
            .members
            .iter()
            .map(|&i| idx.article_id(i))
            .collect();
        assert_eq!(ids, ["orig", "copy"]);
    }

    #[test]
    fn trimmed_and_repunctuated_quotes_travel_together() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let a = idx.add_article(&article("a", "2023-01-10", "x"));
        let b = idx.add_article(&article("b", "2023-01-12", "y"));
        let c = idx.add_article(&article("c", "2023-01-09", "z"));
        let q = |id: &str, art, text: &str| QuoteRef {
            id: id.into(),
            article: art,
            text: text.into(),
            speaker: None,
        };
        idx.add_quote(&q("a#1", a, "We are ready to negotiate, but only on our terms and not under pressure from Washington."));
        idx.add_quote(&q("b#1", b, "ready to negotiate, but only on our terms"));
        idx.add_quote(&q(
            "b#2",
            b,
            "The harvest this year is the largest in a decade.",
        ));
        idx.add_quote(&q("c#1", c, "We are READY to negotiate — but only on our terms, and not under pressure from Washington"));
        let clusters = idx.quote_clusters();
        assert_eq!(clusters.len(), 1);
        let ids: Vec<&str> = clusters[0]
            .members
            .iter()
            .map(|&i| idx.quote_id(i))
            .collect();
        assert_eq!(ids, ["c#1", "a#1", "b#1"], "first seen (c, Jan 9) first");
        assert_eq!(idx.travel(2).members, vec![2]);
    }

    #[test]
    fn same_statement_decides_pairs_of_texts() {
        let full = "We are ready to negotiate, but only on our terms and not under pressure from Washington.";
        assert!(same_statement(
            full,
            "ready to negotiate, but only on our terms"
        ));
        assert!(same_statement(full, &full.to_uppercase()));
        assert!(!same_statement(
            full,
            "The harvest this year is the largest in a decade."
        ));
        assert!(!same_statement("absolutely not", "absolutely not"));
    }

    #[test]
    fn short_common_phrases_do_not_link_quotes() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let a = idx.add_article(&article("a", "2023-01-10", "x"));
        let b = idx.add_article(&article("b", "2023-01-11", "y"));
        for (art, text) in [(a, "absolutely not"), (b, "absolutely not")] {
            idx.add_quote(&QuoteRef {
                id: String::new(),
                article: art,
                text: text.into(),
                speaker: None,
            });
        }
        assert!(idx.quote_clusters().is_empty());
    }
}
