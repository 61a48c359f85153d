//! Story clusters: articles about the same event within a time window.
//!
//! The main type is [`Stories`], the compact list of stories the derived
//! file holds; they are made by the [`StoryIndex`] (`story_index.rs`).
//! Each article is reduced to its [`StoryConfig::terms`] heaviest terms by
//! TF-IDF (words of four letters or more, title words counted three
//! times) with the document frequencies of the articles before it and
//! itself, leaving out terms in more than
//! [`StoryConfig::max_df_share`] of them (too common to name an event).
//! Articles are taken oldest first; the candidates of one are the earlier
//! articles, published at most [`StoryConfig::window_days`] before it, that
//! share a term with it, found through an inverted index of those terms
//! (never all pairs). A candidate sharing [`StoryConfig::min_shared`] terms
//! with a cosine similarity of the term weights of at least
//! [`StoryConfig::min_similarity`] is a match. The article joins the story
//! of its best match (highest similarity, then earliest) whose first
//! article (the story's seed) it is also that similar to, and only that
//! one: a story is never merged with another, so an article on two events
//! (a reprint under a new title) cannot chain them, and a story does not
//! drift away from its first article.

use crate::shingles::{for_each_word, APOSTROPHES};
use crate::story_index::{Seen, StoryIndex};
use crate::talking::{replay_order, ArticleInput, FirstSeen, Metas};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};

/// Settings of [`stories`].
#[derive(Debug, Clone)]
pub struct StoryConfig {
    /// Days between two articles of one story at most (between an article
    /// and the earlier one it joins).
    pub window_days: u32,
    /// Terms kept per article.
    pub terms: usize,
    /// A term in more than this share of the articles is too common
    /// (applies from 50 articles on).
    pub max_df_share: f64,
    /// Terms two articles must share.
    pub min_shared: usize,
    /// Cosine similarity of their term weights from which they are one story.
    pub min_similarity: f64,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            window_days: 3,
            terms: 15,
            max_df_share: 0.05,
            min_shared: 3,
            min_similarity: 0.25,
        }
    }
}

/// One story: two or more articles about one event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Story {
    /// The first article's title (else its id).
    pub title: String,
    /// Article ids, earliest first.
    pub articles: Vec<String>,
    pub outlets: Vec<String>,
    pub first_seen: FirstSeen,
    /// Date of the latest article.
    pub last_date: Option<String>,
    /// The terms most of its articles share, heaviest first.
    pub terms: Vec<String>,
}

/// Stories, largest first, with every story's article ids in one string
/// and its outlets as ids into one table of names: about 8 bytes an
/// article and 4 an outlet besides the ids' text, where a [`Story`]'s
/// `Vec<String>`s took about 40 bytes a string (an article id and an
/// outlet per article: 117 MB at a million generated articles, which set
/// the build's peak). A [`Story`] is made when asked for
/// ([`Stories::get`], [`Stories::iter`]); read and written as the JSON of
/// a list of [`Story`]s.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    heads: Vec<Head>,
    ids: String,
    /// Per article of a story, where its id ends in `ids`.
    id_ends: Vec<u64>,
    /// Per outlet of a story, its id in `outlet_names`.
    outlets: Vec<u32>,
    outlet_names: Vec<String>,
    /// `outlet_names` by name (while stories are added).
    outlet_ids: FxHashMap<String, u32>,
}

/// What a story holds besides its articles and outlets.
#[derive(Debug, Clone)]
struct Head {
    title: String,
    first_seen: FirstSeen,
    last_date: Option<String>,
    terms: Vec<String>,
    /// Where its articles end in `Stories::id_ends` and its outlets in
    /// `Stories::outlets`.
    articles_end: usize,
    outlets_end: usize,
}

/// A story as it is written (the JSON of a [`Story`]), borrowed.
#[derive(Serialize)]
struct StoryRef<'a> {
    title: &'a str,
    articles: Vec<&'a str>,
    outlets: Vec<&'a str>,
    first_seen: &'a FirstSeen,
    last_date: &'a Option<String>,
    terms: &'a [String],
}

impl Stories {
    /// How many stories.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// Adds a story after the others: its title, article ids (earliest
    /// first), outlets, first article, last date and terms.
    pub(crate) fn push<'a>(
        &mut self,
        title: String,
        articles: impl IntoIterator<Item = &'a str>,
        outlets: impl IntoIterator<Item = &'a str>,
        first_seen: FirstSeen,
        last_date: Option<String>,
        terms: Vec<String>,
    ) {
        for id in articles {
            self.ids.push_str(id);
            self.id_ends.push(self.ids.len() as u64);
        }
        for name in outlets {
            let id = match self.outlet_ids.get(name) {
                Some(&id) => id,
                None => {
                    let id = self.outlet_names.len() as u32;
                    self.outlet_names.push(name.to_string());
                    self.outlet_ids.insert(name.to_string(), id);
                    id
                }
            };
            self.outlets.push(id);
        }
        self.heads.push(Head {
            title,
            first_seen,
            last_date,
            terms,
            articles_end: self.id_ends.len(),
            outlets_end: self.outlets.len(),
        });
    }

    /// Adds `story` after the others.
    pub fn push_story(&mut self, story: &Story) {
        self.push(
            story.title.clone(),
            story.articles.iter().map(String::as_str),
            story.outlets.iter().map(String::as_str),
            story.first_seen.clone(),
            story.last_date.clone(),
            story.terms.clone(),
        );
    }

    /// Done adding: the outlets' lookup freed, the arrays' spare room
    /// given back.
    pub(crate) fn finish(&mut self) {
        self.outlet_ids = FxHashMap::default();
        self.heads.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.id_ends.shrink_to_fit();
        self.outlets.shrink_to_fit();
        self.outlet_names.shrink_to_fit();
    }

    fn id(&self, k: usize) -> &str {
        let start = if k == 0 {
            0
        } else {
            self.id_ends[k - 1] as usize
        };
        &self.ids[start..self.id_ends[k] as usize]
    }

    /// Story `i` borrowed, as it is written.
    fn story_ref(&self, i: usize) -> StoryRef<'_> {
        let h = &self.heads[i];
        let (a0, o0) = match i.checked_sub(1).map(|j| &self.heads[j]) {
            Some(p) => (p.articles_end, p.outlets_end),
            None => (0, 0),
        };
        StoryRef {
            title: &h.title,
            articles: (a0..h.articles_end).map(|k| self.id(k)).collect(),
            outlets: self.outlets[o0..h.outlets_end]
                .iter()
                .map(|&o| self.outlet_names[o as usize].as_str())
                .collect(),
            first_seen: &h.first_seen,
            last_date: &h.last_date,
            terms: &h.terms,
        }
    }

    /// Story `i` (largest first).
    pub fn get(&self, i: usize) -> Option<Story> {
        if i >= self.len() {
            return None;
        }
        let s = self.story_ref(i);
        Some(Story {
            title: s.title.to_string(),
            articles: s.articles.iter().map(|x| x.to_string()).collect(),
            outlets: s.outlets.iter().map(|x| x.to_string()).collect(),
            first_seen: s.first_seen.clone(),
            last_date: s.last_date.clone(),
            terms: s.terms.to_vec(),
        })
    }

    /// Every story, largest first, made one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Story> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Story `i`'s first article.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn first_article(&self, i: usize) -> &str {
        &self.heads[i].first_seen.article
    }

    /// Sets story `i`'s title.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn set_title(&mut self, i: usize, title: String) {
        self.heads[i].title = title;
    }
}

impl PartialEq for Stories {
    fn eq(&self, other: &Stories) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl From<&[Story]> for Stories {
    fn from(list: &[Story]) -> Stories {
        let mut out = Stories::default();
        for s in list {
            out.push_story(s);
        }
        out.finish();
        out
    }
}

impl Serialize for Stories {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for i in 0..self.len() {
            seq.serialize_element(&self.story_ref(i))?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Stories {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List;
        impl<'de> serde::de::Visitor<'de> for List {
            type Value = Stories;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of stories")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Stories, A::Error> {
                let mut out = Stories::default();
                // One story at a time (no list of all of them first).
                while let Some(story) = seq.next_element::<Story>()? {
                    out.push_story(&story);
                }
                out.finish();
                Ok(out)
            }
        }
        d.deserialize_seq(List)
    }
}

/// An article's terms with their weighted counts: words of four letters or
/// more that are not all digits, title words counted three times. A term
/// that is written as it is normalised (lower case, no typographic
/// apostrophe) borrows its text: most terms, so few strings are made.
pub(crate) fn term_counts<'a>(title: Option<&'a str>, text: &'a str) -> TermCounts<'a> {
    let mut tf: TermCounts<'a> = FxHashMap::default();
    for_each_term(title, text, |term, slice, weight| match tf.get_mut(term) {
        Some(x) => *x += weight,
        None => {
            let key = slice.map_or_else(|| Cow::Owned(term.to_string()), Cow::Borrowed);
            tf.insert(key, weight);
        }
    });
    tf
}

/// Terms of one article with their weighted counts ([`term_counts`]).
pub(crate) type TermCounts<'a> = FxHashMap<Cow<'a, str>, f64>;

/// Calls `f` with each term of the title and the text (the words of
/// `normalize_words` of four letters or more, not all digits), the word
/// as written when that is the term already (else `None`), and its
/// weight (3 in the title, 1 in the text); terms that differ from the
/// word are made in one buffer.
fn for_each_term<'a>(
    title: Option<&'a str>,
    text: &'a str,
    mut f: impl FnMut(&str, Option<&'a str>, f64),
) {
    let mut buf = String::new();
    for (text, weight) in [(title.unwrap_or_default(), 3.0), (text, 1.0)] {
        for_each_word(text, |_, w| {
            let (term, slice): (&str, Option<&'a str>) = if w.is_ascii() {
                if w.bytes().any(|b| b.is_ascii_uppercase()) {
                    // ASCII lower-casing is `to_lowercase` for ASCII.
                    buf.clear();
                    buf.push_str(w);
                    buf.make_ascii_lowercase();
                    (&buf, None)
                } else {
                    (w, Some(w))
                }
            } else {
                buf.clear();
                buf.push_str(&w.to_lowercase());
                if buf.contains(APOSTROPHES) {
                    buf = buf.replace(APOSTROPHES, "'");
                }
                (&buf, None)
            };
            let long = if term.is_ascii() {
                term.len() >= 4
            } else {
                term.chars().count() >= 4
            };
            if long && !term.chars().all(|c| c.is_numeric()) {
                f(term, slice, weight);
            }
        });
    }
}

/// A term's key in [`DocFreq`] (64-bit hash: the table holds no strings).
pub(crate) fn term_hash(term: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    term.hash(&mut h);
    h.finish()
}

/// Document frequencies of terms (by [`term_hash`]) over the articles
/// added so far.
#[derive(Default)]
pub(crate) struct DocFreq {
    df: FxHashMap<u64, u32>,
    n: usize,
}

impl DocFreq {
    /// Counts one article with these distinct term hashes (every term
    /// counted, none seen once left out).
    #[cfg(test)]
    pub(crate) fn add(&mut self, terms: impl Iterator<Item = u64>) {
        self.n += 1;
        for t in terms {
            *self.df.entry(t).or_default() += 1;
        }
    }

    /// Counts one article with these distinct term hashes as the story
    /// index does ([`DocFreq::count_article`], then [`DocFreq::bump`]
    /// each term).
    #[cfg(test)]
    pub(crate) fn add_seen(&mut self, terms: impl Iterator<Item = u64>, seen: &mut Seen) {
        self.count_article();
        for t in terms {
            self.bump(t, seen);
        }
    }

    /// Articles counted.
    pub(crate) fn articles(&self) -> usize {
        self.n
    }

    /// The counts, by term hash ascending (for saving).
    pub(crate) fn sorted(&self) -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> = self.df.iter().map(|(&t, &d)| (t, d)).collect();
        v.sort_unstable();
        v
    }

    /// The counts of `pairs` over `n` articles ([`DocFreq::sorted`] read
    /// back).
    pub(crate) fn from_pairs(n: usize, pairs: impl Iterator<Item = (u64, u32)>) -> DocFreq {
        DocFreq {
            df: pairs.collect(),
            n,
        }
    }

    /// Terms counted.
    pub(crate) fn len(&self) -> usize {
        self.df.len()
    }

    /// Counts one more article (before its terms are [`DocFreq::bump`]ed).
    pub(crate) fn count_article(&mut self) {
        self.n += 1;
    }

    /// Counts term `t` in the article just counted and gives the term's
    /// count with it (1 for a term seen first now). Only the terms seen
    /// twice or more are counted here: a term not counted yet that `seen`
    /// may hold is now in two articles, else it goes into `seen` (most
    /// terms are in one article, names: `seen` holds them at 2 bytes
    /// each). A false positive of `seen` (about 0.3 %) counts a new term
    /// as in two articles.
    pub(crate) fn bump(&mut self, t: u64, seen: &mut Seen) -> usize {
        match self.df.get_mut(&t) {
            Some(d) => {
                *d += 1;
                *d as usize
            }
            None if seen.contains(t) => {
                self.df.insert(t, 2);
                2
            }
            None => {
                seen.insert(t);
                1
            }
        }
    }

    #[cfg(test)]
    fn get(&self, term: u64) -> usize {
        self.df.get(&term).map_or(0, |&d| d as usize)
    }

    pub(crate) fn max_df(&self, config: &StoryConfig) -> usize {
        let n = self.n;
        if n >= 50 {
            ((n as f64 * config.max_df_share).ceil() as usize).max(2)
        } else {
            n.saturating_sub(1).max(2)
        }
    }
}

/// A term's inverse document frequency among `n` articles when `d` hold
/// it: `ln(1 + n / d)`, never 0 (`ln(n / d)` before session 14 — with
/// frequencies counted as articles come, the first articles of a corpus
/// had weights of 0 for every term).
fn idf(n: usize, d: usize) -> f64 {
    (1.0 + n as f64 / d as f64).ln()
}

/// An article's distinct terms as the story index takes them: each
/// term's [`term_hash`], `1 + ln` of its weighted count, and the term —
/// made in parallel ([`term_list`]), so that adding the article in order
/// takes one lookup a term (before, the terms were hashed twice and
/// looked up twice in order: the story index took 145 s more CPU than the
/// base at a million generated articles).
pub(crate) type TermList<'a> = Vec<(u64, f64, Cow<'a, str>)>;

/// The [`TermList`] of an article's [`term_counts`].
pub(crate) fn term_list(tf: TermCounts<'_>) -> TermList<'_> {
    tf.into_iter()
        .map(|(w, f)| (term_hash(&w), 1.0 + f.ln(), w))
        .collect()
}

/// An article's `k` heaviest terms by TF-IDF among `n` articles, with
/// their weights normalised to unit length, heaviest first (on ties the
/// term first in alphabetical order), as (term hash, weight, term).
/// `freq` gives each term's document count with this article (asked once
/// a term, in the list's order: the story index counts the term as it
/// asks, [`DocFreq::bump`]); a term no other article had so far counts
/// as in one article — the first article of a story names its event with
/// words no article had (before session 14 the frequencies were those of
/// the whole corpus, and a term of one article was left out: it could
/// match nothing); terms in more than `max_df` articles are left out.
pub(crate) fn heaviest_terms(
    terms: &TermList,
    n: usize,
    max_df: usize,
    k: usize,
    mut freq: impl FnMut(u64) -> usize,
) -> Vec<(u64, f64, String)> {
    let mut v: Vec<(f64, u64, &str)> = Vec::with_capacity(terms.len());
    for (h, log_tf, w) in terms {
        let d = freq(*h).max(1);
        if d <= max_df {
            v.push((log_tf * idf(n, d), *h, w));
        }
    }
    // Heaviest first, ties by term: a total order (terms are distinct), so
    // selecting the first `k` and sorting them gives what sorting all
    // and cutting gives.
    let order =
        |a: &(f64, u64, &str), b: &(f64, u64, &str)| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(b.2));
    if v.len() > k && k > 0 {
        v.select_nth_unstable_by(k - 1, order);
    }
    v.truncate(k);
    v.sort_by(order);
    let norm = v.iter().map(|x| x.0 * x.0).sum::<f64>().sqrt().max(1e-9);
    v.into_iter()
        .map(|(x, h, w)| (h, x / norm, w.to_string()))
        .collect()
}

/// [`heaviest_terms`] of an article's term counts with the frequencies
/// `df` counted up to and with this article ([`DocFreq::add_seen`]), as
/// (term, weight): what the story index computes as it adds the article
/// ([`crate::story_index::StoryIndex::add`]), for the tests.
#[cfg(test)]
pub(crate) fn top_terms(tf: &TermCounts, df: &DocFreq, config: &StoryConfig) -> Vec<(String, f64)> {
    heaviest_terms(
        &term_list(tf.clone()),
        df.n,
        df.max_df(config),
        config.terms,
        |h| df.get(h),
    )
    .into_iter()
    .map(|(_, x, w)| (w, x))
    .collect()
}

/// Reads `buf.len()` bytes of `file` from offset `at` (positioned read;
/// shared with the signal index's spooled arrays).
#[cfg(unix)]
pub(crate) fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
pub(crate) fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.read_exact(buf)
}

/// Stories of two or more articles, largest first (then earliest): the
/// articles go into a [`StoryIndex`] oldest first, as the store path
/// feeds them.
pub fn stories(articles: &[ArticleInput], config: &StoryConfig) -> Vec<Story> {
    let metas = Metas::of(articles, true);
    let keys = metas.date_keys();
    let order = replay_order(&keys, 0..articles.len());
    let mut index = StoryIndex::new(config.clone());
    let mut slot_of_pos = vec![u32::MAX; articles.len()];
    for (slot, &p) in order.iter().enumerate() {
        let a = &articles[p as usize];
        index.add(
            slot as u32,
            keys[p as usize],
            &term_list(term_counts(a.title.as_deref(), &a.text)),
        );
        slot_of_pos[p as usize] = slot as u32;
    }
    index.stories(&metas, &slot_of_pos).iter().collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An article of an outlet of its own, with a title (shared with the
    /// story index's tests).
    pub(crate) fn art(id: &str, date: &str, title: &str, text: &str) -> ArticleInput {
        ArticleInput {
            id: id.into(),
            date: Some(date.into()),
            outlet: Some(format!("outlet-{id}")),
            language: None,
            title: Some(title.into()),
            text: text.into(),
        }
    }

    fn corpus() -> Vec<ArticleInput> {
        vec![
            art("quake1", "2023-02-06", "Earthquake strikes Gaziantep", "A powerful earthquake struck near Gaziantep before dawn; rescuers searched collapsed buildings in Kahramanmaras and Hatay."),
            art("quake2", "2023-02-07", "Rescuers search rubble after Gaziantep earthquake", "Rescuers in Hatay and Kahramanmaras pulled survivors from collapsed buildings a day after the earthquake near Gaziantep."),
            art("vote1", "2023-02-06", "Parliament approves budget", "The parliament approved the budget after a long debate about pensions and defence spending."),
            art("vote2", "2023-02-20", "Pensions debate returns", "The debate about pensions returned to parliament as the budget for defence spending was revised."),
            art("quake3", "2023-03-20", "Gaziantep rebuilds", "Builders in Gaziantep, Hatay and Kahramanmaras began clearing collapsed buildings six weeks after the earthquake."),
        ]
    }

    #[test]
    fn articles_on_one_event_within_the_window_form_a_story() {
        let s = stories(&corpus(), &StoryConfig::default());
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!(s[0].articles, ["quake1", "quake2"]);
        assert_eq!(s[0].first_seen.article, "quake1");
        assert!(
            s[0].terms.iter().any(|t| t == "gaziantep"),
            "{:?}",
            s[0].terms
        );
    }

    #[test]
    fn an_article_on_two_events_joins_one_story_and_does_not_chain_them() {
        let quake = |id: &str| {
            art(id, "2023-02-06", "Gaziantep earthquake rescuers search Hatay", "Rescuers searched collapsed buildings in Gaziantep and Hatay after the earthquake struck Kahramanmaras.")
        };
        let budget = |id: &str| {
            art(id, "2023-02-06", "Parliament budget pensions debate", "The parliament debated pensions and defence spending before the budget vote on Thursday.")
        };
        // A reprint of a budget article under an earthquake title.
        let bridge = art("bridge", "2023-02-06", "Gaziantep earthquake rescuers search Hatay", "The parliament debated pensions and defence spending before the budget vote on Thursday.");
        let filler = |id: &str, w: &str| {
            art(
                id,
                "2023-01-01",
                &format!("{w} notes"),
                &format!("Unrelated {w} items about {w}ing."),
            )
        };
        let mut all = vec![
            quake("q1"),
            quake("q2"),
            budget("b1"),
            budget("b2"),
            bridge.clone(),
        ];
        all.extend(
            ["alpha", "bravo", "charlie", "delta"]
                .iter()
                .map(|w| filler(w, w)),
        );
        // The bridge is a match of each event on its own…
        for other in [quake("q1"), budget("b1")] {
            let mut pair = vec![other, bridge.clone(), quake("q9"), budget("b9")];
            pair.extend(
                ["alpha", "bravo", "charlie", "delta"]
                    .iter()
                    .map(|w| filler(w, w)),
            );
            let s = stories(&pair, &StoryConfig::default());
            assert!(
                s.iter()
                    .any(|s| s.articles.contains(&"bridge".to_string()) && s.articles.len() >= 2),
                "{s:#?}"
            );
        }
        // …but joins only one story: the two events stay apart.
        let s = stories(&all, &StoryConfig::default());
        let with = |id: &str| s.iter().position(|s| s.articles.iter().any(|a| a == id));
        assert_eq!(with("q1"), with("q2"), "{s:#?}");
        assert_eq!(with("b1"), with("b2"), "{s:#?}");
        assert_ne!(with("q1"), with("b1"), "{s:#?}");
        assert!(with("bridge") == with("q1") || with("bridge") == with("b1"));
    }

    #[test]
    fn term_counts_count_the_normalized_words() {
        let text = "Kahramanmaras RESCUERS’ rescuers' rescuers’ 2023 1234x Gaziantep gaziantep Straße STRASSE ab";
        let tf = term_counts(Some("Gaziantep rescue"), text);
        let mut slow: FxHashMap<String, f64> = FxHashMap::default();
        for (t, w) in [("Gaziantep rescue", 3.0), (text, 1.0)] {
            for w2 in crate::shingles::normalize_words(t) {
                if w2.chars().count() >= 4 && !w2.chars().all(|c| c.is_numeric()) {
                    *slow.entry(w2).or_default() += w;
                }
            }
        }
        let owned: FxHashMap<String, f64> = tf.iter().map(|(k, &v)| (k.to_string(), v)).collect();
        assert_eq!(owned, slow);
        assert_eq!(tf["gaziantep"], 5.0);
        assert_eq!(tf["rescuers"], 3.0);
        assert!(!tf.contains_key("2023") && tf.contains_key("1234x"));
    }

    #[test]
    fn top_terms_are_the_first_of_all_terms_sorted() {
        // Many terms with equal weights (ties broken by the term), more
        // than kept: selecting the heaviest must give the full sort's head.
        let mut df = DocFreq::default();
        let words: Vec<String> = (0..60)
            .map(|i| format!("term{:02}", (i * 37) % 60))
            .collect();
        for a in 0..40 {
            df.add(
                words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i + a) % 3 != 0)
                    .map(|(_, w)| term_hash(w)),
            );
        }
        let tf: TermCounts = words
            .iter()
            .enumerate()
            .map(|(i, w)| (Cow::Borrowed(w.as_str()), f64::from((i % 4) as u32 + 1)))
            .collect();
        let config = StoryConfig::default();
        let mut all: Vec<(String, f64)> = tf
            .iter()
            .filter_map(|(w, &f)| {
                let d = df.get(term_hash(w));
                (d >= 2 && d <= df.max_df(&config))
                    .then(|| (w.to_string(), (1.0 + f.ln()) * idf(df.n, d)))
            })
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all.truncate(config.terms);
        let norm = all.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
        let expect: Vec<(String, f64)> = all.into_iter().map(|(w, x)| (w, x / norm)).collect();
        assert_eq!(expect.len(), config.terms);
        assert_eq!(top_terms(&tf, &df, &config), expect);
    }

    #[test]
    fn a_term_no_other_article_has_counts_as_in_one_article() {
        let (mut df, mut seen) = (DocFreq::default(), Seen::default());
        for _ in 0..10 {
            df.add_seen(
                [term_hash("common"), term_hash("other")].into_iter(),
                &mut seen,
            );
        }
        let tf = term_counts(Some("Zyxwv"), "common other qwerty asdfg asdfg");
        df.add_seen(tf.keys().map(|w| term_hash(w)), &mut seen);
        let top = top_terms(&tf, &df, &StoryConfig::default());
        let terms: Vec<&str> = top.iter().map(|x| x.0.as_str()).collect();
        // In this article only, weighted by their counts (the title's
        // thrice); `common` and `other` are in every article (too common).
        assert_eq!(terms, ["zyxwv", "asdfg", "qwerty"]);
        let w = |t: &str| top.iter().find(|x| x.0 == t).unwrap().1;
        let idf = idf(11, 1);
        let norm = ((1.0 + 3f64.ln()).powi(2) + (1.0 + 2f64.ln()).powi(2) + 1.0).sqrt() * idf;
        assert!((w("qwerty") - idf / norm).abs() < 1e-12);
        let tf = term_counts(None, "common other qwerty");
        df.add_seen(tf.keys().map(|w| term_hash(w)), &mut seen);
        // Now in two articles (and the only term kept).
        let top = top_terms(&tf, &df, &StoryConfig::default());
        assert_eq!(top, [("qwerty".to_string(), 1.0)]);
    }

    #[test]
    fn stories_of_many_articles_keep_apart_events_and_leave_out_undated_ones() {
        let articles = many();
        let s = stories(&articles, &StoryConfig::default());
        assert!(s.len() >= 20, "{} stories", s.len());
        let event = |id: &str| id[1..].parse::<usize>().unwrap() / 6;
        for story in &s {
            let first = event(&story.articles[0]);
            assert!(
                story.articles.iter().all(|a| event(a).abs_diff(first) <= 1),
                "{:?}",
                story.articles
            );
            for a in &story.articles {
                let i: usize = a[1..].parse().unwrap();
                assert_ne!(i % 37, 5, "undated {a} in a story");
            }
        }
    }

    /// Articles on overlapping events over two months (about six an
    /// event, each naming its event's three rare words and some of the
    /// next event's), some undated.
    fn many() -> Vec<ArticleInput> {
        let word = |n: usize| -> String {
            (0..5)
                .map(|k| char::from(b'a' + ((n / 26usize.pow(k)) % 26) as u8))
                .collect()
        };
        (0..240usize)
            .map(|i| {
                let e = i / 6;
                let day = 1 + (i * 59 / 240);
                let date = format!("2023-{:02}-{:02}", 1 + (day - 1) / 30, 1 + (day - 1) % 30);
                let ev = |e: usize, k: usize| word(1000 + e * 7 + k);
                let title = format!("{} {} report", ev(e, 0), ev(e, 1));
                let text = format!(
                    "{} {} {} meeting {} {} delegates {}",
                    ev(e, 0),
                    ev(e, 1),
                    ev(e, 2),
                    if i % 3 == 0 { ev(e + 1, 0) } else { ev(e, 3) },
                    if i % 4 == 0 { ev(e + 1, 1) } else { ev(e, 4) },
                    word(i * 31 % 97)
                );
                let mut a = art(&format!("a{i}"), &date, &title, &text);
                if i % 37 == 5 {
                    a.date = None;
                }
                a
            })
            .collect()
    }

    #[test]
    fn stories_read_and_write_the_json_of_their_story_list() {
        let story = |title: &str, articles: &[&str], outlets: &[&str], date: Option<&str>| Story {
            title: title.into(),
            articles: articles.iter().map(|x| x.to_string()).collect(),
            outlets: outlets.iter().map(|x| x.to_string()).collect(),
            first_seen: FirstSeen {
                article: articles[0].into(),
                date: date.map(str::to_string),
            },
            last_date: Some("2023-02-07".into()),
            terms: vec!["quake".into(), "hatay".into()],
        };
        let list = vec![
            story(
                "Quake",
                &["q1", "q2", "q3"],
                &["B", "A"],
                Some("2023-02-06"),
            ),
            story("Vote", &["v1", "v2"], &[], None),
            story(
                "Ünïcode “title”",
                &["é1", "q2"],
                &["A", "C", "B"],
                Some("2023-02-06"),
            ),
        ];
        let stories = Stories::from(&list[..]);
        assert_eq!(stories.len(), 3);
        assert_eq!(stories.iter().collect::<Vec<_>>(), list);
        assert_eq!(stories.get(1), Some(list[1].clone()));
        assert_eq!(stories.get(3), None);
        // The outlets' names are kept once.
        assert_eq!(stories.outlet_names, ["B", "A", "C"]);
        assert!(stories.outlet_ids.is_empty());
        let json = serde_json::to_string(&stories).unwrap();
        assert_eq!(json, serde_json::to_string(&list).unwrap());
        let back: Stories = serde_json::from_str(&json).unwrap();
        assert_eq!(back, stories);
        assert_eq!(back.iter().collect::<Vec<_>>(), list);
        let empty: Stories = serde_json::from_str("[]").unwrap();
        assert!(empty.is_empty());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "[]");
        assert!(serde_json::from_str::<Stories>("[{\"title\": 1}]").is_err());
        let mut retitled = stories.clone();
        assert_eq!(retitled.first_article(2), "é1");
        retitled.set_title(2, "Other".into());
        assert_ne!(retitled, stories);
        assert_eq!(retitled.get(2).unwrap().title, "Other");
    }

    #[test]
    fn a_wider_window_joins_later_articles() {
        let cfg = StoryConfig {
            window_days: 60,
            ..StoryConfig::default()
        };
        let s = stories(&corpus(), &cfg);
        let quake = s.iter().find(|s| s.articles[0] == "quake1").unwrap();
        assert_eq!(quake.articles, ["quake1", "quake2", "quake3"]);
        assert!(s.iter().any(|s| s.articles == ["vote1", "vote2"]), "{s:#?}");
    }
}
