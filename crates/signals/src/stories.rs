//! Story clusters: articles about the same event within a time window.
//!
//! Each article is reduced to its [`StoryConfig::terms`] heaviest terms by
//! TF-IDF (words of four letters or more, title words counted three
//! times), keeping only terms in at least two articles and at most
//! [`StoryConfig::max_df_share`] of them (rare enough to name an event).
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
use crate::talking::{ArticleInput, FirstSeen, Metas};
use crate::union_find::UnionFind;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};

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

/// The [`term_hash`]es of the terms of [`term_counts`], sorted and
/// distinct, without a string per term (the first pass needs only these).
pub(crate) fn term_hashes(title: Option<&str>, text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_term(title, text, |term, _, _| out.push(term_hash(term)));
    out.sort_unstable();
    out.dedup();
    out
}

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
    /// Counts one article with these distinct term hashes.
    pub(crate) fn add(&mut self, terms: impl Iterator<Item = u64>) {
        self.n += 1;
        for t in terms {
            *self.df.entry(t).or_default() += 1;
        }
    }

    /// Drops the terms [`top_terms`] never keeps (in fewer than two
    /// articles or more than the share of `config`): a lookup of one then
    /// finds nothing, which [`top_terms`] treats as one article, so the
    /// vectors stay the same. Most distinct words are in one article
    /// (names: 4 million a million generated articles), so the table
    /// shrinks to the usable terms, and the counting pass's lookups miss
    /// the caches less.
    pub(crate) fn keep_usable(&mut self, config: &StoryConfig) {
        let max = self.max_df(config);
        self.df.retain(|_, d| *d >= 2 && *d as usize <= max);
        self.df.shrink_to_fit();
    }

    /// Distinct terms counted (or kept).
    pub(crate) fn len(&self) -> usize {
        self.df.len()
    }

    fn get(&self, term: &str) -> usize {
        self.df.get(&term_hash(term)).map_or(0, |&d| d as usize)
    }

    fn max_df(&self, config: &StoryConfig) -> usize {
        let n = self.n;
        if n >= 50 {
            ((n as f64 * config.max_df_share).ceil() as usize).max(2)
        } else {
            n.saturating_sub(1).max(2)
        }
    }
}

/// An article's heaviest terms by TF-IDF with their weights normalised to
/// unit length, heaviest first (on ties the term first in alphabetical
/// order): its vector before terms get ids, so it can be made in
/// parallel.
pub(crate) fn top_terms(tf: &TermCounts, df: &DocFreq, config: &StoryConfig) -> Vec<(String, f64)> {
    let n = df.n;
    let max_df = df.max_df(config);
    let mut v: Vec<(&str, f64)> = tf
        .iter()
        .filter_map(|(w, &f)| {
            let d = df.get(w);
            (d >= 2 && d <= max_df).then(|| (&**w, (1.0 + f.ln()) * (n as f64 / d as f64).ln()))
        })
        .collect();
    // Heaviest first, ties by term: a total order (terms are distinct), so
    // selecting the first `terms` and sorting them gives what sorting all
    // and cutting gives.
    let order = |a: &(&str, f64), b: &(&str, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if v.len() > config.terms && config.terms > 0 {
        v.select_nth_unstable_by(config.terms - 1, order);
    }
    v.truncate(config.terms);
    v.sort_by(order);
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt().max(1e-9);
    v.into_iter()
        .map(|(w, x)| (w.to_string(), x / norm))
        .collect()
}

/// Each article's heaviest terms (term id, weight), normalised to unit
/// length, sorted by term id, in two flat arrays (ids and weights: 12
/// bytes a term, where `(u32, f64)` pairs take 16); term ids are given in
/// order of first use. [`Vectors::spilled`] writes the terms to a
/// temporary file instead (only the ends stay in memory, 8 bytes an
/// article: the terms took 180 MB at a million generated articles), and
/// [`cluster`] reads back the window's articles.
#[derive(Default)]
pub(crate) struct Vectors {
    term_ids: FxHashMap<String, u32>,
    names: Vec<String>,
    ids: Vec<u32>,
    weights: Vec<f64>,
    ends: Vec<usize>,
    /// Spilling: each article's ids then weights (little-endian).
    file: Option<BufWriter<std::fs::File>>,
    entries: usize,
}

/// One article's vector: term ids (ascending) and their weights.
type Vector<'a> = (&'a [u32], &'a [f64]);

/// An article's vector read back (owned).
type Owned = (Vec<u32>, Vec<f64>);

impl Vectors {
    /// Vectors whose terms go to a temporary file (removed when dropped).
    pub(crate) fn spilled() -> std::io::Result<Vectors> {
        Ok(Vectors {
            file: Some(BufWriter::new(tempfile::tempfile()?)),
            ..Vectors::default()
        })
    }

    /// Adds the next article's vector from its term counts.
    pub(crate) fn push(&mut self, tf: &TermCounts, df: &DocFreq, config: &StoryConfig) {
        // Held in memory: no I/O that could fail.
        if self.file.is_none() {
            let _ = self.push_top(top_terms(tf, df, config));
        }
    }

    /// Adds the next article's vector from its [`top_terms`].
    pub(crate) fn push_top(&mut self, top: Vec<(String, f64)>) -> std::io::Result<()> {
        let mut v: Vec<(u32, f64)> = top
            .into_iter()
            .map(|(w, x)| {
                let id = match self.term_ids.get(&w) {
                    Some(&id) => id,
                    None => {
                        let id = self.names.len() as u32;
                        self.names.push(w.clone());
                        self.term_ids.insert(w, id);
                        id
                    }
                };
                (id, x)
            })
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        self.entries += v.len();
        match &mut self.file {
            Some(f) => {
                for x in &v {
                    f.write_all(&x.0.to_le_bytes())?;
                }
                for x in &v {
                    f.write_all(&x.1.to_le_bytes())?;
                }
            }
            None => {
                self.ids.extend(v.iter().map(|x| x.0));
                self.weights.extend(v.iter().map(|x| x.1));
            }
        }
        self.ends.push(self.entries);
        Ok(())
    }

    /// Terms held over all vectors.
    pub(crate) fn entries(&self) -> usize {
        self.entries
    }

    fn range(&self, a: usize) -> (usize, usize) {
        let start = if a == 0 { 0 } else { self.ends[a - 1] };
        (start, self.ends[a])
    }

    /// Article `a`'s vector, held in memory (none when spilled).
    fn get(&self, a: usize) -> Vector<'_> {
        let (start, end) = self.range(a);
        match (self.ids.get(start..end), self.weights.get(start..end)) {
            (Some(i), Some(w)) => (i, w),
            _ => (&[], &[]),
        }
    }

    /// Done with adding: the spilled terms flushed for reading.
    fn seal(self) -> std::io::Result<SealedVectors> {
        let file = match self.file {
            Some(f) => Some(f.into_inner().map_err(|e| e.into_error())?),
            None => None,
        };
        Ok(SealedVectors {
            vectors: Vectors { file: None, ..self },
            file,
            block: std::cell::RefCell::new((0, Vec::new())),
        })
    }
}

/// [`Vectors`] for reading.
struct SealedVectors {
    vectors: Vectors,
    file: Option<std::fs::File>,
    /// The last block read from the file (its offset and bytes): articles
    /// are mostly read in file order, a read per block instead of per
    /// article.
    block: std::cell::RefCell<(u64, Vec<u8>)>,
}

/// Bytes read from the spilled vectors at a time.
const BLOCK: u64 = 1 << 16;

impl SealedVectors {
    /// Article `a`'s vector, from memory or the file.
    fn read(&self, a: usize) -> std::io::Result<Owned> {
        let Some(file) = &self.file else {
            let (i, w) = self.vectors.get(a);
            return Ok((i.to_vec(), w.to_vec()));
        };
        let (start, end) = self.vectors.range(a);
        let n = end - start;
        let (from, to) = (start as u64 * 12, end as u64 * 12);
        let mut block = self.block.borrow_mut();
        let (at, held) = &mut *block;
        if from < *at || to > *at + held.len() as u64 {
            // The block from this article on (to the end of the file).
            let total = self.vectors.entries as u64 * 12;
            let len = BLOCK.max(to - from).min(total - from);
            held.resize(len as usize, 0);
            read_exact_at(file, held, from)?;
            *at = from;
        }
        let bytes = &held[(from - *at) as usize..(to - *at) as usize];
        let (ib, wb) = bytes.split_at(n * 4);
        let ids = ib
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let weights = wb
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        Ok((ids, weights))
    }
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

fn view(v: &Owned) -> Vector<'_> {
    (&v.0, &v.1)
}

/// Dot product of two vectors: the products of the weights at common term
/// ids, summed in id order (as `sparse_dot` sums them for pairs).
fn dot((ia, wa): Vector, (ib, wb): Vector) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < ia.len() && j < ib.len() {
        match ia[i].cmp(&ib[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += wa[i] * wb[j];
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Stories of two or more articles, largest first (then earliest).
pub fn stories(articles: &[ArticleInput], config: &StoryConfig) -> Vec<Story> {
    let tokens: Vec<TermCounts> = articles
        .iter()
        .map(|a| term_counts(a.title.as_deref(), &a.text))
        .collect();
    let mut df = DocFreq::default();
    for tf in &tokens {
        df.add(tf.keys().map(|w| term_hash(w)));
    }
    let mut vectors = Vectors::default();
    for tf in &tokens {
        vectors.push(tf, &df, config);
    }
    // In memory: no I/O that could fail.
    cluster(&Metas::of(articles, true), vectors, config)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// The stories of `articles` (only their ids, dates, outlets and titles
/// are read) given each one's vector. Only the vectors of the window's
/// articles are held (read back one article at a time when spilled), and
/// those of the stories' seeds and members when asked for.
pub(crate) fn cluster(
    articles: &Metas,
    vectors: Vectors,
    config: &StoryConfig,
) -> std::io::Result<Stories> {
    let vectors = vectors.seal()?;
    let n = articles.len();
    let keys: Vec<u64> = articles.date_keys();
    let mut order: Vec<usize> = (0..n).filter(|&a| keys[a] != u64::MAX).collect();
    order.sort_by_key(|&a| (keys[a], a));
    let window = u64::from(config.window_days) * 86_400;
    let mut uf = UnionFind::default();
    for _ in 0..n {
        uf.push();
    }
    // Each article's story, named by its first article (its seed).
    let mut seed: Vec<u32> = (0..n as u32).collect();
    // term → earlier articles (oldest first). Articles come oldest first,
    // so one that has fallen out of the window never comes back into it:
    // a list's dropped head is cut off once it is half the list (the lists
    // held every article's terms before: 15 million entries at a million
    // generated articles, a window's worth now).
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
    let mut matches: Vec<(f64, u32)> = Vec::new();
    // The vectors of the articles within the window of the current one
    // (the only candidates), oldest first.
    let mut held: FxHashMap<u32, Owned> = FxHashMap::default();
    let mut held_order: std::collections::VecDeque<u32> = std::collections::VecDeque::new();
    for &a in &order {
        while let Some(&b) = held_order.front() {
            if keys[a] - keys[b as usize] <= window {
                break;
            }
            held.remove(&b);
            held_order.pop_front();
        }
        let va = vectors.read(a)?;
        shared.clear();
        for &t in &va.0 {
            if let Some(list) = postings.get_mut(&t) {
                // Only those within the window: the tail of the list.
                let mut inside = list.len();
                for &b in list.iter().rev() {
                    if keys[a] - keys[b as usize] > window {
                        break;
                    }
                    *shared.entry(b).or_default() += 1;
                    inside -= 1;
                }
                if inside > 0 && inside * 2 >= list.len() {
                    list.drain(..inside);
                }
            }
        }
        matches.clear();
        for (&b, &count) in &shared {
            if count < config.min_shared {
                continue;
            }
            let Some(vb) = held.get(&b) else { continue };
            let cos = dot(view(&va), view(vb));
            if cos >= config.min_similarity {
                matches.push((cos, b));
            }
        }
        // The article joins one story, never two (joining every match
        // chained stories through articles on two events — reprints
        // under a new title — into stories of tens of thousands): the
        // best match's, unless the article is unlike that story's seed;
        // then the next best's.
        matches.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(cos, b) in &matches {
            let s = seed[b as usize];
            let like_seed = s == b || {
                let cos_seed = match held.get(&s) {
                    Some(vs) => dot(view(&va), view(vs)),
                    None => dot(view(&va), view(&vectors.read(s as usize)?)),
                };
                cos_seed >= config.min_similarity
            };
            if like_seed {
                debug_assert!(cos >= config.min_similarity);
                uf.union(a, b as usize);
                seed[a] = s;
                break;
            }
        }
        for &t in &va.0 {
            postings.entry(t).or_default().push(a as u32);
        }
        held.insert(a as u32, va);
        held_order.push_back(a as u32);
    }
    drop((held, held_order, postings, shared));
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &a in &order {
        if uf.set_size(a) > 1 {
            groups.entry(uf.find(a)).or_default().push(a);
        }
    }
    drop((uf, order, seed));
    // Largest first, then earliest (a stable sort of the groups in the
    // map's order: the order the stories were sorted in when each was
    // made first).
    let mut groups: Vec<Vec<usize>> = groups
        .into_values()
        .map(|mut members| {
            members.sort_by_key(|&a| (keys[a], a));
            members
        })
        .collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(keys[a[0]].cmp(&keys[b[0]])));
    let mut out = Stories::default();
    let mut outlets: Vec<u32> = Vec::new();
    for members in groups {
        let first = members[0];
        let last = members[members.len() - 1];
        // Distinct outlets in order of first appearance (ids of one name
        // table: equal exactly when the outlets are).
        outlets.clear();
        for &a in &members {
            let o = articles.outlet_id(a);
            if o != u32::MAX && !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        let mut weight: FxHashMap<u32, (usize, f64)> = FxHashMap::default();
        for &a in &members {
            let (ids, weights) = vectors.read(a)?;
            for (&t, &x) in ids.iter().zip(&weights) {
                let e = weight.entry(t).or_default();
                e.0 += 1;
                e.1 += x;
            }
        }
        let mut terms: Vec<(u32, (usize, f64))> =
            weight.into_iter().filter(|t| t.1 .0 >= 2).collect();
        terms.sort_by(|a, b| {
            b.1 .0
                .cmp(&a.1 .0)
                .then(b.1 .1.total_cmp(&a.1 .1))
                .then(a.0.cmp(&b.0))
        });
        out.push(
            articles
                .title(first)
                .unwrap_or_else(|| articles.id(first))
                .to_string(),
            members.iter().map(|&a| articles.id(a)),
            outlets.iter().filter_map(|&o| articles.name(o)),
            FirstSeen {
                article: articles.id(first).to_string(),
                date: articles.date(first).map(str::to_string),
            },
            articles.date(last).map(str::to_string),
            terms
                .iter()
                .take(8)
                .map(|t| vectors.vectors.names[t.0 as usize].clone())
                .collect(),
        );
    }
    out.finish();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, date: &str, title: &str, text: &str) -> ArticleInput {
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
        let mut hashes: Vec<u64> = slow.keys().map(|t| term_hash(t)).collect();
        hashes.sort_unstable();
        assert_eq!(term_hashes(Some("Gaziantep rescue"), text), hashes);
        assert_eq!(tf["gaziantep"], 5.0);
        assert_eq!(tf["rescuers"], 3.0);
        assert!(!tf.contains_key("2023") && tf.contains_key("1234x"));
    }

    #[test]
    fn the_dot_of_split_vectors_is_sparse_dot_of_their_pairs() {
        let mut vectors = Vectors::default();
        let mut pairs: Vec<Vec<(u32, f64)>> = Vec::new();
        for a in 0..30u32 {
            let top: Vec<(String, f64)> = (0..(a % 9))
                .map(|k| {
                    (
                        format!("t{}", (a * 7 + k * 5) % 23),
                        0.1 + f64::from(a + k) / 37.0,
                    )
                })
                .collect();
            let mut p: Vec<(String, f64)> = top.clone();
            p.sort_by(|x, y| x.0.cmp(&y.0));
            p.dedup_by(|x, y| x.0 == y.0);
            vectors.push_top(p.clone()).unwrap();
            let (ids, weights) = vectors.get(a as usize);
            pairs.push(ids.iter().copied().zip(weights.iter().copied()).collect());
            assert!(ids.windows(2).all(|w| w[0] < w[1]));
        }
        for a in 0..30 {
            for b in 0..30 {
                let want = newslens_core::sparse_dot(&pairs[a], &pairs[b]);
                assert_eq!(
                    dot(vectors.get(a), vectors.get(b)).to_bits(),
                    want.to_bits()
                );
            }
        }
    }

    #[test]
    fn top_terms_are_the_same_after_dropping_unusable_terms() {
        let docs: Vec<String> = (0..80)
            .map(|i| {
                format!(
                    "Common words here every time. Event{} happened near Town{}; unique{i} word{i}x.",
                    i / 3,
                    i / 2
                )
            })
            .collect();
        let config = StoryConfig::default();
        let mut df = DocFreq::default();
        for d in &docs {
            df.add(term_hashes(None, d).into_iter());
        }
        let before: Vec<Vec<(String, f64)>> = docs
            .iter()
            .map(|d| top_terms(&term_counts(None, d), &df, &config))
            .collect();
        let all = df.len();
        df.keep_usable(&config);
        assert!(df.len() < all, "{} of {all}", df.len());
        assert!(before.iter().any(|v| !v.is_empty()));
        for (d, want) in docs.iter().zip(&before) {
            assert_eq!(&top_terms(&term_counts(None, d), &df, &config), want);
        }
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
                let d = df.get(w);
                (d >= 2 && d <= df.max_df(&config)).then(|| {
                    (
                        w.to_string(),
                        (1.0 + f.ln()) * (df.n as f64 / d as f64).ln(),
                    )
                })
            })
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all.truncate(config.terms);
        let norm = all.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
        let expect: Vec<(String, f64)> = all.into_iter().map(|(w, x)| (w, x / norm)).collect();
        assert_eq!(expect.len(), config.terms);
        assert_eq!(top_terms(&tf, &df, &config), expect);
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
    fn stories_from_spilled_vectors_are_those_from_vectors_in_memory() {
        let articles = many();
        for window_days in [1, 3, 20] {
            let config = StoryConfig {
                window_days,
                ..StoryConfig::default()
            };
            let held = stories(&articles, &config);
            assert!(held.len() > 3, "{window_days}: {held:#?}");
            let tokens: Vec<TermCounts> = articles
                .iter()
                .map(|a| term_counts(a.title.as_deref(), &a.text))
                .collect();
            let mut df = DocFreq::default();
            for tf in &tokens {
                df.add(tf.keys().map(|w| term_hash(w)));
            }
            let mut vectors = Vectors::spilled().unwrap();
            for tf in &tokens {
                vectors.push_top(top_terms(tf, &df, &config)).unwrap();
            }
            assert!(vectors.ids.is_empty() && vectors.entries() > 0);
            let spilled = cluster(&Metas::of(&articles, true), vectors, &config).unwrap();
            let spilled: Vec<Story> = spilled.iter().collect();
            assert_eq!(format!("{held:?}"), format!("{spilled:?}"), "{window_days}");
        }
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
    fn clustered_stories_are_the_stories_made_one_by_one() {
        // The stories as `cluster` made them before they were held
        // compactly: each a `Story`, sorted largest first, then earliest.
        let articles = many();
        let config = StoryConfig::default();
        let metas = Metas::of(&articles, true);
        let made = stories(&articles, &config);
        assert!(made.len() > 3, "{made:#?}");
        let keys = metas.date_keys();
        let key_of = |id: &str| keys[(0..metas.len()).find(|&a| metas.id(a) == id).unwrap()];
        for s in &made {
            assert!(s.articles.len() >= 2);
            let mut outlets: Vec<String> = Vec::new();
            for id in &s.articles {
                let a = (0..metas.len()).find(|&a| metas.id(a) == id).unwrap();
                if let Some(o) = metas.outlet(a) {
                    if !outlets.iter().any(|x| x == o) {
                        outlets.push(o.to_string());
                    }
                }
            }
            assert_eq!(s.outlets, outlets);
            assert_eq!(s.first_seen.article, s.articles[0]);
        }
        for w in made.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(
                a.articles.len() > b.articles.len()
                    || (a.articles.len() == b.articles.len()
                        && key_of(&a.articles[0]) <= key_of(&b.articles[0])),
                "{a:?} before {b:?}"
            );
        }
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
