//! [`SignalIndex`]: the incremental index of articles and quotes behind
//! near-duplicate groups and quote travel.
//!
//! Memory: what every item keeps for good is small (its id, its date, its
//! cluster link: about 20 bytes plus the id's length); what lets it be
//! found as a candidate (MinHash signature and LSH band keys for an
//! article, hashed shingles and postings for a quote) lives in segments of
//! the candidate index, and the oldest segment is dropped once the index
//! holds more than [`SignalConfig::live_articles`] /
//! [`SignalConfig::live_quotes`] items or once its newest item is more than
//! [`SignalConfig::window_days`] older than the newest item seen. Items
//! that left keep their cluster; they just no longer attract new members.

use crate::codec::{Reader, Writer};
use crate::dates::date_key;
use crate::minhash::{MinHasher, BANDS, ROWS};
use crate::postings::{Postings, Segments};
use crate::shingles::shingles;
use crate::stories::read_exact_at;
use crate::union_find::{FirstSets, UnionFind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::VecDeque;

/// Thresholds, shingle sizes and the bounds of the candidate index.
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
    /// A weaker containment that still links a quote which joined no
    /// cluster at `quote_containment`, when it also reaches this share
    /// against the first quote of the candidate's cluster (so a cluster
    /// grows by weak links only around its first report, and a weak link
    /// never bridges two clusters). Equal to `quote_containment`: off.
    pub quote_weak_containment: f64,
    /// A weak link also needs at least this many common shingles (a few
    /// shared words of a stock phrase are not a statement).
    pub quote_weak_min_common: usize,
    /// Quotes with fewer shingles than this are not linked (too short to
    /// tell a statement from a common phrase).
    pub quote_min_shingles: usize,
    /// A quote with fewer shingles than this is short: it links to another
    /// only if their common shingles are also at least half of the longer
    /// quote's (so a short slogan inside many different statements does
    /// not chain them into one cluster).
    pub quote_short_shingles: usize,
    /// Shingles shared by more quotes than this (in one segment) are too
    /// common to propose candidates (keeps each lookup bounded).
    pub max_postings: usize,
    /// Items per segment of the candidate index.
    pub segment: usize,
    /// Most articles kept in the candidate index (rounded up to whole
    /// segments).
    pub live_articles: usize,
    /// Most quotes kept in the candidate index.
    pub live_quotes: usize,
    /// Items dated more than this many days before the newest item seen
    /// leave the candidate index (0: no time window).
    pub window_days: u32,
}

impl Default for SignalConfig {
    fn default() -> Self {
        SignalConfig {
            article_shingle: 5,
            duplicate_resemblance: 0.5,
            quote_shingle: 3,
            quote_containment: 0.7,
            quote_weak_containment: 0.5,
            quote_weak_min_common: 6,
            quote_min_shingles: 3,
            quote_short_shingles: 6,
            max_postings: 2000,
            segment: 1 << 16,
            live_articles: 1 << 18,
            live_quotes: 1 << 19,
            window_days: 365,
        }
    }
}

/// Whether two quote texts report the same statement under the default
/// configuration: both have at least `quote_min_shingles` word 3-grams
/// (after lower-casing and dropping punctuation and quote marks), and the
/// shorter one's 3-grams are at least 70 % contained in the other's, or at
/// least 50 % with at least 6 of them in common (a weak link); when the
/// shorter has fewer than `quote_short_shingles` (6) 3-grams, the common
/// ones must also be at least half of the longer's. This is exactly the
/// test [`SignalIndex::add_quote`] applies to a candidate when neither
/// quote is in a cluster yet (a weak link also has to hold against the
/// first quote of the candidate's cluster, and never joins two clusters),
/// so verbatim, re-punctuated, re-cased, trimmed, partial and lightly
/// edited reports match and translations do not.
pub fn same_statement(a: &str, b: &str) -> bool {
    SignalConfig::default().same_statement(a, b)
}

impl SignalConfig {
    /// [`same_statement`] under this configuration.
    pub fn same_statement(&self, a: &str, b: &str) -> bool {
        let sa = self.quote_set(a);
        let sb = self.quote_set(b);
        sa.len() >= self.quote_min_shingles
            && sb.len() >= self.quote_min_shingles
            && self.link(&sa, &sb).is_some()
    }

    /// The linking test on two shingle sets (each long enough): a link at
    /// `quote_containment` is [`Link::Strong`], one at
    /// `quote_weak_containment` only [`Link::Weak`].
    fn link(&self, a: &[u32], b: &[u32]) -> Option<Link> {
        let common = crate::shingles::sorted_common(a, b);
        let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
        let weak = self.quote_weak_containment.min(self.quote_containment);
        if small == 0 || (common as f64) < weak * small as f64 {
            return None;
        }
        if small < self.quote_short_shingles && 2 * common < large {
            return None;
        }
        if (common as f64) >= self.quote_containment * small as f64 {
            Some(Link::Strong)
        } else if common >= self.quote_weak_min_common {
            Some(Link::Weak)
        } else {
            None
        }
    }

    /// A quote's shingles, hashed to 32 bits, sorted, deduplicated.
    fn quote_set(&self, text: &str) -> Vec<u32> {
        let mut v: Vec<u32> = shingles(text, self.quote_shingle)
            .0
            .iter()
            .map(|&h| fold(h))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// A speaker name as a nonzero key: its last word, lower-cased (so
/// "Sergei Lavrov" and "Lavrov" agree), hashed as the stories hash terms;
/// 0 for a name without letters.
fn speaker_key(name: &str) -> u32 {
    name.split(|c: char| !c.is_alphanumeric())
        .rfind(|w| w.chars().any(char::is_alphabetic))
        .map_or(0, |last| {
            fold(crate::stories::term_hash(&last.to_lowercase())).max(1)
        })
}

/// A quote's candidate found in a sealed segment before its batch was
/// inserted: its item and, when it was live, its link to the quote and its
/// speaker key.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    item: u32,
    link: Option<(Option<Link>, u32)>,
}

/// How strongly two quotes' shingle sets match ([`SignalConfig::link`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Weak,
    Strong,
}

fn fold(h: u64) -> u32 {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
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

/// Strings in one buffer (ids), 4 bytes of overhead each. While the
/// index is spooled ([`SignalIndex::spool_items`]) the first `base`
/// strings (`base_text` bytes) are on its temporary files; the ends stay
/// offsets into the whole text.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    ends: Vec<u64>,
    base: usize,
    base_text: u64,
}

impl Strings {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.base_text + self.text.len() as u64);
    }
    /// String `i` (counted over all strings; one held in memory).
    fn get(&self, i: usize) -> &str {
        let k = i - self.base;
        let start = if k == 0 {
            self.base_text
        } else {
            self.ends[k - 1]
        };
        let b = self.base_text;
        &self.text[(start - b) as usize..(self.ends[k] - b) as usize]
    }
    fn bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 8
    }
    fn load(r: &mut Reader) -> Option<Strings> {
        let text = r.string()?;
        let ends = r.u64s()?;
        // Ends rise and fall on character boundaries.
        let mut prev = 0;
        for &e in &ends {
            let e = usize::try_from(e).ok()?;
            if e < prev || !text.is_char_boundary(e) {
                return None;
            }
            prev = e;
        }
        Some(Strings {
            text,
            ends,
            base: 0,
            base_text: 0,
        })
    }
}

/// Quote clusters as [`SignalIndex::quote_clusters_flat`] gives them: the
/// members of every cluster in one array.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FlatClusters {
    members: Vec<u32>,
    /// Per cluster, where its members end.
    ends: Vec<u32>,
}

impl FlatClusters {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Cluster `c`'s quotes, first appearance first.
    pub(crate) fn members(&self, c: usize) -> impl ExactSizeIterator<Item = usize> + '_ {
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        self.members[start..self.ends[c] as usize]
            .iter()
            .map(|&q| q as usize)
    }

    /// Cluster `c`'s first quote.
    pub(crate) fn first(&self, c: usize) -> usize {
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        self.members[start] as usize
    }
}

/// Quote ids, 4 bytes a quote where an id is its article's id, `#` and a
/// number (`ARTICLE_ID#N`, the store's ids): only `N` is kept and the id
/// is made again when asked for (the ids as strings took ≈ 29 bytes a
/// quote, 145 MB at a million articles). Other ids are kept whole, in
/// quote order.
#[derive(Debug, Default)]
struct QuoteIds {
    /// Per quote its `N`, or [`QuoteIds::OTHER`]: the id is in `other`.
    numbers: Vec<u32>,
    /// (quote, id) of the ids not of that form, in quote order.
    other: Vec<(u32, String)>,
    /// Quotes whose numbers are on the spooled index's files (the first
    /// ones; `other` stays whole).
    base: usize,
}

impl QuoteIds {
    const OTHER: u32 = u32::MAX;

    /// `N` when `id` is `article#N` (N written as `u32` writes it).
    fn number(article: &str, id: &str) -> Option<u32> {
        let n = id.strip_prefix(article)?.strip_prefix('#')?;
        // Digits only, no leading zero: as `u32` writes it (checked
        // without writing it: once a quote in each pass).
        let plain = !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && (n.len() == 1 || !n.starts_with('0'));
        let v: u32 = n.parse().ok().filter(|_| plain)?;
        (v != Self::OTHER).then_some(v)
    }

    /// Adds the next quote's id; `article` is its article's id (`None`:
    /// no such article, the id is kept whole).
    fn push(&mut self, article: Option<&str>, id: &str) {
        let quote = (self.base + self.numbers.len()) as u32;
        match article.and_then(|a| Self::number(a, id)) {
            Some(v) => self.numbers.push(v),
            None => {
                self.numbers.push(Self::OTHER);
                self.other.push((quote, id.to_string()));
            }
        }
    }

    fn len(&self) -> usize {
        self.base + self.numbers.len()
    }

    /// Quote `i`'s number (one held in memory).
    fn number_of(&self, i: usize) -> u32 {
        self.numbers[i - self.base]
    }

    fn other(&self, i: usize) -> &str {
        let k = self.other.partition_point(|x| (x.0 as usize) < i);
        self.other.get(k).map_or("", |x| x.1.as_str())
    }

    /// Quote `i`'s id, of article `article`.
    fn get(&self, i: usize, article: &str) -> Cow<'_, str> {
        match self.number_of(i) {
            Self::OTHER => Cow::Borrowed(self.other(i)),
            n => Cow::Owned(format!("{article}#{n}")),
        }
    }

    /// Whether quote `i` (of article `article`) has id `id`, without
    /// making the id.
    fn is(&self, i: usize, article: &str, id: &str) -> bool {
        match self.number_of(i) {
            Self::OTHER => self.other(i) == id,
            n => Self::number(article, id) == Some(n),
        }
    }

    fn shrink_to_fit(&mut self) {
        self.numbers.shrink_to_fit();
        self.other.shrink_to_fit();
    }

    fn bytes(&self) -> usize {
        self.numbers.capacity() * 4
            + self.other.capacity() * 32
            + self.other.iter().map(|x| x.1.capacity()).sum::<usize>()
    }

    /// The ids as a saved index holds them (not spooled).
    #[cfg(test)]
    fn save(&self, w: &mut Writer) {
        w.u32s(&self.numbers);
        self.save_other(w);
    }

    /// What follows the numbers in a saved index.
    fn save_other(&self, w: &mut Writer) {
        w.usize(self.other.len());
        for (q, id) in &self.other {
            w.u32(*q);
            w.str(id);
        }
    }

    fn load(r: &mut Reader) -> Option<QuoteIds> {
        let numbers = r.u32s()?;
        let n = r.usize()?;
        let mut other: Vec<(u32, String)> = Vec::with_capacity(n.min(numbers.len()));
        for _ in 0..n {
            let q = r.u32()?;
            let id = r.string()?;
            // In quote order, one for each quote marked OTHER.
            if other.last().is_some_and(|x| x.0 >= q)
                || numbers.get(q as usize) != Some(&Self::OTHER)
            {
                return None;
            }
            other.push((q, id));
        }
        let marked = numbers.iter().filter(|&&v| v == Self::OTHER).count();
        (marked == other.len()).then_some(QuoteIds {
            numbers,
            other,
            base: 0,
        })
    }
}

/// One segment of per-item candidate data: item `first + k` owns
/// `data[ends[k - 1]..ends[k]]`.
#[derive(Debug, Default)]
struct Slab {
    first: usize,
    /// Newest date key of its items.
    newest: u64,
    data: Vec<u32>,
    ends: Vec<u32>,
}

impl Slab {
    fn get(&self, item: usize) -> Option<&[u32]> {
        let k = item.checked_sub(self.first)?;
        let end = *self.ends.get(k)? as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        Some(&self.data[start..end])
    }
    fn bytes(&self) -> usize {
        (self.data.capacity() + self.ends.capacity()) * 4
    }
}

/// The candidate index of one kind of item: per-item data in slabs, keys
/// in segmented postings, both dropped a segment at a time.
#[derive(Debug, Default)]
struct Window {
    slabs: VecDeque<Slab>,
    postings: Postings,
}

impl Window {
    fn live(&self) -> usize {
        self.slabs.iter().map(|s| s.ends.len()).sum()
    }

    fn data(&self, item: usize) -> Option<&[u32]> {
        // Slabs are in item order: find the last starting at or before it.
        let k = self.slabs.partition_point(|s| s.first <= item);
        self.slabs.get(k.checked_sub(1)?)?.get(item)
    }

    /// Adds `item`'s data and keys; `date` is its date key.
    fn push(&mut self, item: usize, date: u64, data: &[u32], keys: &[u32], cfg: &SignalConfig) {
        let full = self
            .slabs
            .back()
            .is_none_or(|s| s.ends.len() >= cfg.segment.max(1));
        if full {
            // One postings segment per slab (an empty one too), dropped
            // together: an item's keys are live exactly while its data is.
            if !self.slabs.is_empty() {
                self.postings.seal();
            }
            self.slabs.push_back(Slab {
                first: item,
                ..Slab::default()
            });
        }
        if let Some(slab) = self.slabs.back_mut() {
            slab.data.extend_from_slice(data);
            slab.ends.push(slab.data.len() as u32);
            if date != UNDATED {
                slab.newest = slab.newest.max(date);
            }
        }
        for &k in keys {
            self.postings.insert(k, item as u32);
        }
    }

    /// Drops old segments: beyond `live` items, or (with a window) whose
    /// newest item is older than `newest - window`.
    fn evict(&mut self, live: usize, newest: u64, window_days: u32) {
        while self.slabs.len() > 1 {
            let over = self.live() > live;
            let old = window_days > 0
                && newest != 0
                && self.slabs[0].newest + u64::from(window_days) * 86_400 < newest;
            if !(over || old) {
                break;
            }
            self.slabs.pop_front();
            self.postings.drop_oldest();
        }
    }

    fn bytes(&self) -> usize {
        self.slabs.iter().map(Slab::bytes).sum::<usize>() + self.postings.bytes()
    }

    fn save(&self, w: &mut Writer) {
        w.usize(self.slabs.len());
        for s in &self.slabs {
            w.usize(s.first);
            w.u64(s.newest);
            w.u32s(&s.data);
            w.u32s(&s.ends);
        }
        self.postings.save(w);
    }

    /// Reads what `save` wrote for a kind with `items` items.
    fn load(r: &mut Reader, items: usize) -> Option<Window> {
        let n = r.usize()?;
        let mut slabs = VecDeque::new();
        let mut next: Option<usize> = None;
        for _ in 0..n {
            let first = r.usize()?;
            let newest = r.u64()?;
            let data = r.u32s()?;
            let ends = r.u32s()?;
            // Slabs are contiguous, their ends rise within the data.
            let rising = ends.windows(2).all(|e| e[0] <= e[1]);
            if next.is_some_and(|n| n != first)
                || !rising
                || ends.last().is_some_and(|&e| e as usize > data.len())
                || first + ends.len() > items
            {
                return None;
            }
            next = Some(first + ends.len());
            slabs.push_back(Slab {
                first,
                newest,
                data,
                ends,
            });
        }
        Some(Window {
            slabs,
            postings: Postings::load(r)?,
        })
    }
}

const UNDATED: u64 = u64::MAX;

/// An article's candidate data, computed before insertion (in parallel for
/// a batch).
struct ArticleSketch {
    date: u64,
    /// MinHash signature, 16 bits per value.
    signature: Vec<u32>,
    /// One key per LSH band.
    bands: Vec<u32>,
    empty: bool,
}

/// The index. Add articles and their quotes in any order of time; groups are
/// updated as items arrive.
pub struct SignalIndex {
    config: SignalConfig,
    hasher: MinHasher,
    article_dates: Vec<u64>,
    article_ids: Strings,
    article_sets: UnionFind,
    articles: Window,
    quote_articles: Vec<u32>,
    quote_ids: QuoteIds,
    quote_sets: FirstSets,
    /// Per quote in the window, its shingle set followed by its speaker's
    /// [`speaker_key`] (0: unknown): only the candidates' speakers are
    /// read (a weak link needs the same speaker), so since session 10
    /// there is no array of every quote's speaker (4 bytes a quote).
    quotes: Window,
    newest: u64,
    /// The per-item arrays of the items added before the last
    /// [`SignalIndex::spool_items`], on temporary files.
    spool: Option<Box<Spool>>,
}

/// The per-item arrays that indexing only appends to (article dates and
/// ids, quote articles and id numbers: about 66 bytes an article with
/// five quotes), moved to temporary files while an index is fed
/// ([`SignalIndex::spool_items`]): they are written from there into a
/// saved state and read back by [`SignalIndex::unspool_items`].
#[derive(Debug)]
struct Spool {
    dates: std::fs::File,
    id_text: std::fs::File,
    id_ends: std::fs::File,
    quote_articles: std::fs::File,
    quote_numbers: std::fs::File,
    articles: usize,
    quotes: usize,
    text: u64,
}

/// Appends the little-endian bytes of `values` to `file`.
#[cfg_attr(not(feature = "store"), allow(dead_code))] // a spooled index (`derived.rs`)
fn append<const N: usize, T: Copy>(
    file: &mut std::fs::File,
    values: &[T],
    bytes: impl Fn(T) -> [u8; N],
) -> std::io::Result<()> {
    use std::io::Write;
    let mut buf: Vec<u8> = Vec::with_capacity(values.len().min(1 << 16) * N);
    for c in values.chunks(1 << 16) {
        buf.clear();
        for &v in c {
            buf.extend_from_slice(&bytes(v));
        }
        file.write_all(&buf)?;
    }
    Ok(())
}

/// The first `len` bytes of `file`, a chunk at a time.
fn each_chunk(file: &std::fs::File, len: u64, mut f: impl FnMut(&[u8])) -> std::io::Result<()> {
    let mut buf = vec![0u8; crate::codec::CHUNK];
    let mut at = 0u64;
    while at < len {
        let n = (len - at).min(buf.len() as u64) as usize;
        read_exact_at(file, &mut buf[..n], at)?;
        f(&buf[..n]);
        at += n as u64;
    }
    Ok(())
}

impl SignalIndex {
    pub fn new(config: SignalConfig) -> Self {
        SignalIndex {
            config,
            hasher: MinHasher::default(),
            article_dates: Vec::new(),
            article_ids: Strings::default(),
            article_sets: UnionFind::default(),
            articles: Window::default(),
            quote_articles: Vec::new(),
            quote_ids: QuoteIds::default(),
            quote_sets: FirstSets::default(),
            quotes: Window::default(),
            newest: 0,
            spool: None,
        }
    }

    pub fn config(&self) -> &SignalConfig {
        &self.config
    }

    fn sketch(&self, article: &ArticleRef) -> ArticleSketch {
        let set = shingles(&article.text, self.config.article_shingle);
        let sig = self.hasher.signature(&set);
        // Two 16-bit values per u32.
        let signature: Vec<u32> = sig
            .chunks(2)
            .map(|c| (c[0] >> 16) | (c.get(1).map_or(0, |v| v >> 16) << 16))
            .collect();
        let bands: Vec<u32> = (0..BANDS)
            .map(|b| {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ b as u64;
                for &v in &sig[b * ROWS..(b + 1) * ROWS] {
                    h = (h ^ u64::from(v)).wrapping_mul(0x0100_0000_01b3);
                }
                fold(h)
            })
            .collect();
        ArticleSketch {
            date: article
                .date
                .as_deref()
                .and_then(date_key)
                .unwrap_or(UNDATED),
            signature,
            bands,
            empty: set.is_empty(),
        }
    }

    fn note_date(&mut self, date: u64) {
        if date != UNDATED {
            self.newest = self.newest.max(date);
        }
    }

    /// Whether article `c`, still in the candidate index, is a
    /// near-duplicate of one of `signature` (estimated resemblance at the
    /// threshold or above).
    fn duplicate_of(&self, c: u32, signature: &[u32]) -> bool {
        let Some(other) = self.articles.data(c as usize) else {
            return false;
        };
        let same: u32 = other
            .iter()
            .zip(signature)
            .map(|(a, b)| u32::from(a & 0xFFFF == b & 0xFFFF) + u32::from(a >> 16 == b >> 16))
            .sum();
        let total = (signature.len() * 2) as f64;
        f64::from(same) / total >= self.config.duplicate_resemblance
    }

    /// The near-duplicates of `sk` among the articles in the sealed
    /// segments, ascending: looked up before a batch is inserted, in
    /// parallel (sealed segments do not change while it is).
    fn sealed_duplicates(&self, sk: &ArticleSketch) -> Vec<u32> {
        if sk.empty {
            return Vec::new();
        }
        let mut cands = self
            .articles
            .postings
            .candidates(&sk.bands, usize::MAX, Segments::Sealed);
        cands.retain(|&c| self.duplicate_of(c, &sk.signature));
        cands
    }

    /// Inserts an article. `found`: its near-duplicates in the segments
    /// sealed before `mark` ([`SignalIndex::sealed_duplicates`]); the
    /// segments sealed since and the active one are looked up here (`mark`
    /// 0 and nothing found: every segment).
    fn insert_article(&mut self, id: &str, sk: ArticleSketch, found: &[u32], mark: u64) -> usize {
        let index = self.article_sets.push();
        if !sk.empty {
            let cands =
                self.articles
                    .postings
                    .candidates(&sk.bands, usize::MAX, Segments::Since(mark));
            // The found ones still live (a segment may have been dropped
            // since), then the newer ones: ascending, as one lookup of
            // every segment would give them.
            let mut matched: Vec<u32> = found
                .iter()
                .copied()
                .filter(|&c| self.articles.data(c as usize).is_some())
                .collect();
            matched.extend(
                cands
                    .into_iter()
                    .filter(|&c| self.duplicate_of(c, &sk.signature)),
            );
            for c in matched {
                self.article_sets.union(index, c as usize);
            }
        }
        // Every item gets a slot (an empty text no keys), so slots stay
        // contiguous.
        let keys: &[u32] = if sk.empty { &[] } else { &sk.bands };
        self.articles
            .push(index, sk.date, &sk.signature, keys, &self.config);
        self.note_date(sk.date);
        self.articles.evict(
            self.config.live_articles,
            self.newest,
            self.config.window_days,
        );
        self.article_dates.push(sk.date);
        self.article_ids.push(id);
        index
    }

    /// Adds an article; returns its index. It joins the group of every
    /// earlier article, still in the candidate index, whose estimated
    /// resemblance reaches the threshold.
    pub fn add_article(&mut self, article: &ArticleRef) -> usize {
        let sk = self.sketch(article);
        self.insert_article(&article.id, sk, &[], 0)
    }

    /// Adds a batch of articles (their signatures computed in parallel,
    /// then inserted in order); returns the index of the first.
    pub fn add_articles(&mut self, batch: &[ArticleRef]) -> usize {
        let first = self.article_count();
        let mark = self.articles.postings.mark();
        for (a, (sk, found)) in batch.iter().zip(self.sketch_batch(batch)) {
            self.insert_article(&a.id, sk, &found, mark);
        }
        first
    }

    /// Each article's sketch and its near-duplicates in the sealed
    /// segments, in parallel.
    fn sketch_batch(&self, batch: &[ArticleRef]) -> Vec<(ArticleSketch, Vec<u32>)> {
        batch
            .par_iter()
            .map(|a| {
                let sk = self.sketch(a);
                let found = self.sealed_duplicates(&sk);
                (sk, found)
            })
            .collect()
    }

    /// Each quote's shingle set and its candidates in the sealed segments
    /// ([`SignalIndex::sealed_candidates`]), in parallel.
    fn shingle_batch<'q>(
        &self,
        quotes: impl IndexedParallelIterator<Item = &'q QuoteRef>,
    ) -> Vec<(Vec<u32>, Vec<Candidate>)> {
        quotes
            .map(|q| {
                let set = self.config.quote_set(&q.text);
                let found = self.sealed_candidates(&set);
                (set, found)
            })
            .collect()
    }

    /// Quote `set`'s candidate `c`: its link to the set and its speaker
    /// key, when it is still in the candidate index.
    fn candidate(&self, set: &[u32], c: u32) -> Candidate {
        Candidate {
            item: c,
            link: self
                .quotes
                .data(c as usize)
                .and_then(<[u32]>::split_last)
                .map(|(&speaker, other)| (self.config.link(set, other), speaker)),
        }
    }

    /// Quote `set`'s candidates in the sealed segments
    /// ([`SignalIndex::candidate`]), ascending: looked up before a batch is
    /// inserted, in parallel (sealed segments do not change while it is,
    /// and the link is a function of the two sets).
    fn sealed_candidates(&self, set: &[u32]) -> Vec<Candidate> {
        if set.len() < self.config.quote_min_shingles {
            return Vec::new();
        }
        self.quotes
            .postings
            .candidates(set, self.config.max_postings, Segments::Sealed)
            .into_iter()
            .map(|c| self.candidate(set, c))
            .collect()
    }

    /// Inserts `quote` as a quote of article `article` (its
    /// `quote.article` is not read). `found`: its candidates in the
    /// segments sealed before `mark` ([`SignalIndex::sealed_candidates`]);
    /// the segments sealed since and the active one are looked up here
    /// (`mark` 0 and nothing found: every segment).
    fn insert_quote(
        &mut self,
        quote: &QuoteRef,
        article: usize,
        set: Vec<u32>,
        found: &[Candidate],
        mark: u64,
    ) -> usize {
        let index = self.quote_sets.push();
        debug_assert_eq!(index, self.quote_count());
        let speaker = quote.speaker.as_deref().map_or(0, speaker_key);
        let date = article
            .checked_sub(self.spooled().0)
            .and_then(|k| self.article_dates.get(k))
            .copied()
            .unwrap_or(UNDATED);
        if set.len() >= self.config.quote_min_shingles {
            let seen = self.quotes.postings.candidates(
                &set,
                self.config.max_postings,
                Segments::Since(mark),
            );
            // The found ones whose segment is still live (its slab goes
            // with it), then the newer ones: ascending, as one lookup of
            // every segment would give them.
            let mut cands: Vec<Candidate> = found
                .iter()
                .filter(|f| self.quotes.data(f.item as usize).is_some())
                .copied()
                .collect();
            cands.extend(seen.into_iter().map(|c| self.candidate(&set, c)));
            let mut weak: Vec<usize> = Vec::new();
            for cand in cands {
                let c = cand.item as usize;
                // Already in this quote's cluster (through an earlier
                // candidate): checking it cannot change the clusters.
                if self.quote_sets.find(c) == self.quote_sets.find(index) {
                    continue;
                }
                let Some((link, other_speaker)) = cand.link else {
                    continue;
                };
                match link {
                    Some(Link::Strong) => {
                        self.quote_sets.union_keep_first(index, c);
                    }
                    // Two named speakers who differ said different things.
                    Some(Link::Weak)
                        if speaker == 0 || other_speaker == 0 || other_speaker == speaker =>
                    {
                        weak.push(c)
                    }
                    Some(Link::Weak) => {}
                    None => {}
                }
            }
            // Weak links: only for a quote still alone, into one cluster,
            // and only when the cluster's first quote matches too.
            if !self.quote_sets.is_joined(index) {
                for c in weak {
                    let first = self.quote_sets.find(c);
                    let ok = first == c
                        || self
                            .quotes
                            .data(first)
                            .and_then(<[u32]>::split_last)
                            .is_some_and(|(_, f)| self.config.link(&set, f).is_some());
                    if ok {
                        self.quote_sets.union_keep_first(index, c);
                        break;
                    }
                }
            }
        }
        let linked = set.len() >= self.config.quote_min_shingles;
        let mut data = set;
        data.push(speaker);
        let keys: &[u32] = if linked { &data[..data.len() - 1] } else { &[] };
        self.quotes.push(index, date, &data, keys, &self.config);
        self.quotes.evict(
            self.config.live_quotes,
            self.newest,
            self.config.window_days,
        );
        self.quote_articles.push(article as u32);
        let article_id = (article < self.article_count() && article >= self.spooled().0)
            .then(|| self.article_ids.get(article));
        self.quote_ids.push(article_id, &quote.id);
        index
    }

    /// Adds a quote; returns its index. It joins the cluster of every
    /// earlier quote, still in the candidate index, that holds the same
    /// statement (verbatim, trimmed, re-punctuated or partly quoted: a
    /// strong link); if it joined none, it may join one cluster through a
    /// weak link that also holds against that cluster's first quote.
    pub fn add_quote(&mut self, quote: &QuoteRef) -> usize {
        let set = self.config.quote_set(&quote.text);
        self.insert_quote(quote, quote.article, set, &[], 0)
    }

    /// Adds a batch of quotes (shingled in parallel, then inserted in
    /// order); returns the index of the first.
    pub fn add_quotes(&mut self, batch: &[QuoteRef]) -> usize {
        let first = self.quote_count();
        let mark = self.quotes.postings.mark();
        for (q, (set, found)) in batch.iter().zip(self.shingle_batch(batch.par_iter())) {
            self.insert_quote(q, q.article, set, &found, mark);
        }
        first
    }

    /// Adds articles, each followed by its quotes (`quotes` hold indices
    /// into `batch` as their `article` and must be grouped by article in
    /// batch order): the order a store's articles are replayed in, so an
    /// index saved after some and fed the rest equals one fed all at once.
    /// Returns the index of the first article and of the first quote.
    pub fn add_articles_with_quotes(
        &mut self,
        batch: &[ArticleRef],
        quotes: &[QuoteRef],
    ) -> (usize, usize) {
        let first = (self.article_count(), self.quote_count());
        // What the sealed segments hold for each item is looked up first,
        // in parallel (at a million generated articles the lookups were a
        // quarter of the index step's time, in the serial inserts).
        let marks = (self.articles.postings.mark(), self.quotes.postings.mark());
        let sketches = self.sketch_batch(batch);
        let sets = self.shingle_batch(quotes.par_iter());
        let mut next = quotes.iter().zip(sets).peekable();
        for (k, (a, (sk, found))) in batch.iter().zip(sketches).enumerate() {
            let slot = self.insert_article(&a.id, sk, &found, marks.0);
            while let Some((q, _)) = next.peek() {
                if q.article != k {
                    break;
                }
                let Some((q, (set, found))) = next.next() else {
                    break;
                };
                self.insert_quote(q, slot, set, &found, marks.1);
            }
        }
        first
    }

    /// The index as bytes (its configuration is not included: load it
    /// under the same one).
    pub fn save(&self) -> Vec<u8> {
        // A spooled index is saved through a streaming writer only (one
        // that can fail when a spooled file cannot be read).
        debug_assert!(self.spool.is_none());
        let mut w = Writer::default();
        self.save_into(&mut w);
        w.buf
    }

    /// [`SignalIndex::save`] appended to `w` (no copy of the bytes).
    pub(crate) fn save_into(&self, w: &mut Writer) {
        // A spooled index writes the same bytes: the spooled part of each
        // array from its file, then the part in memory.
        let spool = self.spool.as_deref();
        let failed = std::cell::Cell::new(None);
        let from_file = |w: &mut Writer, file: Option<&std::fs::File>, len: u64| {
            if let Some(f) = file {
                if let Err(e) = each_chunk(f, len, |c| w.raw(c)) {
                    failed.set(Some(e));
                }
            }
        };
        let (n, m, text) = spool.map_or((0, 0, 0), |s| (s.articles, s.quotes, s.text));
        w.usize(n + self.article_dates.len());
        from_file(w, spool.map(|s| &s.dates), n as u64 * 8);
        w.u64s_body(&self.article_dates);
        w.usize(text as usize + self.article_ids.text.len());
        from_file(w, spool.map(|s| &s.id_text), text);
        w.raw(self.article_ids.text.as_bytes());
        w.usize(n + self.article_ids.ends.len());
        from_file(w, spool.map(|s| &s.id_ends), n as u64 * 8);
        w.u64s_body(&self.article_ids.ends);
        self.article_sets.save(w);
        self.articles.save(w);
        w.usize(m + self.quote_articles.len());
        from_file(w, spool.map(|s| &s.quote_articles), m as u64 * 4);
        w.u32s_body(&self.quote_articles);
        w.usize(m + self.quote_ids.numbers.len());
        from_file(w, spool.map(|s| &s.quote_numbers), m as u64 * 4);
        w.u32s_body(&self.quote_ids.numbers);
        self.quote_ids.save_other(w);
        self.quote_sets.save(w);
        self.quotes.save(w);
        w.u64(self.newest);
        if let Some(e) = failed.take() {
            w.fail(e);
        }
    }

    /// An index saved by [`SignalIndex::save`], under `config`; `None` when
    /// the bytes are damaged (checked enough never to panic later).
    pub fn load(config: SignalConfig, bytes: &[u8]) -> Option<SignalIndex> {
        Self::load_from(config, &mut Reader::new(bytes))
    }

    /// [`SignalIndex::load`] from a reader holding the saved index and
    /// nothing after it.
    pub(crate) fn load_from(config: SignalConfig, r: &mut Reader) -> Option<SignalIndex> {
        let article_dates = r.u64s()?;
        let n = article_dates.len();
        let article_ids = Strings::load(r)?;
        let article_sets = UnionFind::load(r)?;
        let articles = Window::load(r, n)?;
        let quote_articles = r.u32s()?;
        let m = quote_articles.len();
        let quote_ids = QuoteIds::load(r)?;
        let quote_sets = FirstSets::load(r)?;
        let quotes = Window::load(r, m)?;
        let newest = r.u64()?;
        let consistent = article_ids.ends.len() == n
            && article_sets.len() == n
            && quote_ids.len() == m
            && quote_sets.len() == m
            && quote_articles.iter().all(|&a| (a as usize) < n)
            && r.is_empty();
        consistent.then(|| SignalIndex {
            config,
            hasher: MinHasher::default(),
            article_dates,
            article_ids,
            article_sets,
            articles,
            quote_articles,
            quote_ids,
            quote_sets,
            quotes,
            newest,
            spool: None,
        })
    }

    /// Drops the candidate segments (signatures, shingles and postings:
    /// what lets later items find earlier ones) and keeps the rest (ids,
    /// dates, groups and clusters), for an index that takes no more items
    /// and whose groups are still read — the passes after indexing, which
    /// then hold up to 524,288 quotes' and 262,144 articles' candidate
    /// data less. Save the index before: saved after, and continued, it
    /// would link nothing to the items before.
    pub fn forget_candidates(&mut self) {
        self.articles = Window::default();
        self.quotes = Window::default();
        // The per-item arrays grew by doubling: up to half of each is
        // spare capacity, which the passes after indexing would hold.
        self.article_dates.shrink_to_fit();
        self.article_ids.text.shrink_to_fit();
        self.article_ids.ends.shrink_to_fit();
        self.article_sets.shrink_to_fit();
        self.quote_articles.shrink_to_fit();
        self.quote_ids.shrink_to_fit();
        self.quote_sets.shrink_to_fit();
    }

    /// Room for `articles` more articles and `quotes` more quotes in the
    /// per-item arrays, reserved exactly (grown by doubling they hold up
    /// to twice their length while indexing).
    pub fn reserve(&mut self, articles: usize, quotes: usize) {
        // A spooled index holds the arrays it spools for a while only.
        if self.spool.is_none() {
            self.article_dates.reserve_exact(articles);
            self.article_ids.ends.reserve_exact(articles);
            self.quote_articles.reserve_exact(quotes);
            self.quote_ids.numbers.reserve_exact(quotes);
        }
        self.article_sets.reserve_exact(articles);
        self.quote_sets.reserve_exact(quotes);
    }

    /// Date key of article `i` (`u64::MAX` when undated).
    pub fn article_date_key(&self, i: usize) -> u64 {
        self.article_dates[i - self.spooled().0]
    }

    pub fn article_count(&self) -> usize {
        self.spooled().0 + self.article_dates.len()
    }

    pub fn quote_count(&self) -> usize {
        self.spooled().1 + self.quote_articles.len()
    }

    /// Articles and quotes whose per-item data is spooled.
    fn spooled(&self) -> (usize, usize) {
        self.spool
            .as_ref()
            .map_or((0, 0), |s| (s.articles, s.quotes))
    }

    /// Moves the per-item arrays that adding only appends to (article
    /// dates and ids, quote articles and id numbers) to temporary files,
    /// for an index being fed many items: they are saved from there
    /// ([`SignalIndex::save_into`]). Call it again now and then while
    /// adding (each call moves what was added since); reading an item's
    /// id, date or article is only possible for items added since the
    /// last call, until [`SignalIndex::unspool_items`].
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn spool_items(&mut self) -> std::io::Result<()> {
        let spool = match &mut self.spool {
            Some(s) => s,
            None => self.spool.insert(Box::new(Spool {
                dates: tempfile::tempfile()?,
                id_text: tempfile::tempfile()?,
                id_ends: tempfile::tempfile()?,
                quote_articles: tempfile::tempfile()?,
                quote_numbers: tempfile::tempfile()?,
                articles: 0,
                quotes: 0,
                text: 0,
            })),
        };
        append(&mut spool.dates, &self.article_dates, u64::to_le_bytes)?;
        append(&mut spool.id_text, self.article_ids.text.as_bytes(), |b| {
            [b]
        })?;
        append(&mut spool.id_ends, &self.article_ids.ends, u64::to_le_bytes)?;
        append(
            &mut spool.quote_articles,
            &self.quote_articles,
            u32::to_le_bytes,
        )?;
        append(
            &mut spool.quote_numbers,
            &self.quote_ids.numbers,
            u32::to_le_bytes,
        )?;
        spool.articles += self.article_dates.len();
        spool.quotes += self.quote_articles.len();
        spool.text += self.article_ids.text.len() as u64;
        self.article_dates.clear();
        self.article_ids.text.clear();
        self.article_ids.ends.clear();
        self.article_ids.base = spool.articles;
        self.article_ids.base_text = spool.text;
        self.quote_articles.clear();
        self.quote_ids.numbers.clear();
        self.quote_ids.base = spool.quotes;
        Ok(())
    }

    /// The spooled per-item arrays read back into memory (nothing to do
    /// when the index is not spooled); the article ids only when
    /// `article_ids`, else they are dropped, for a reader that knows each
    /// article's id (`quote_id_of`, `quote_id_is_of`): then
    /// [`SignalIndex::article_id`] and [`SignalIndex::quote_id`] panic.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn unspool_items(&mut self, article_ids: bool) -> std::io::Result<()> {
        let Some(spool) = self.spool.take() else {
            return Ok(());
        };
        let bad = |e| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        let (n, m) = (spool.articles, spool.quotes);
        fn read<const N: usize, T>(
            file: &std::fs::File,
            count: usize,
            tail: Vec<T>,
            from: impl Fn([u8; N]) -> T,
        ) -> std::io::Result<Vec<T>> {
            let mut out = Vec::with_capacity(count + tail.len());
            each_chunk(file, (count * N) as u64, |c| {
                out.extend(
                    c.chunks_exact(N)
                        .map(|b| from(b.try_into().unwrap_or([0; N]))),
                );
            })?;
            out.extend(tail);
            Ok(out)
        }
        self.article_dates = read(
            &spool.dates,
            n,
            std::mem::take(&mut self.article_dates),
            u64::from_le_bytes,
        )?;
        if !article_ids {
            // No id held: every article's is asked of the reader.
            self.article_ids = Strings {
                text: String::new(),
                ends: Vec::new(),
                base: self.article_count(),
                base_text: 0,
            };
        } else {
            let mut text = Vec::with_capacity(spool.text as usize + self.article_ids.text.len());
            each_chunk(&spool.id_text, spool.text, |c| text.extend_from_slice(c))?;
            text.extend_from_slice(self.article_ids.text.as_bytes());
            self.article_ids.text = String::from_utf8(text).map_err(bad)?;
            self.article_ids.ends = read(
                &spool.id_ends,
                n,
                std::mem::take(&mut self.article_ids.ends),
                u64::from_le_bytes,
            )?;
            self.article_ids.base = 0;
        }
        self.article_ids.base_text = 0;
        self.quote_articles = read(
            &spool.quote_articles,
            m,
            std::mem::take(&mut self.quote_articles),
            u32::from_le_bytes,
        )?;
        self.quote_ids.numbers = read(
            &spool.quote_numbers,
            m,
            std::mem::take(&mut self.quote_ids.numbers),
            u32::from_le_bytes,
        )?;
        self.quote_ids.base = 0;
        Ok(())
    }

    pub fn article_id(&self, i: usize) -> &str {
        assert!(
            i >= self.article_ids.base,
            "the article ids of this index were not read back"
        );
        self.article_ids.get(i)
    }

    /// Quote `i`'s id (made from its article's id when it is
    /// `ARTICLE_ID#N`).
    pub fn quote_id(&self, i: usize) -> Cow<'_, str> {
        self.quote_ids.get(i, self.quote_article_id(i))
    }

    /// `N` of quote `i`'s id `…#N` (without making the id).
    pub fn quote_number(&self, i: usize) -> Option<u32> {
        match self.quote_ids.number_of(i) {
            QuoteIds::OTHER => {
                let (_, n) = self.quote_ids.other(i).rsplit_once('#')?;
                n.parse().ok()
            }
            n => Some(n),
        }
    }

    /// Whether quote `i`'s id is `id` (without making the id).
    pub fn quote_id_is(&self, i: usize, id: &str) -> bool {
        self.quote_ids.is(i, self.quote_article_id(i), id)
    }

    /// [`SignalIndex::quote_id`] given the id of the quote's article
    /// (for an index that holds no article ids: `unspool_items(false)`).
    pub(crate) fn quote_id_of(&self, i: usize, article_id: &str) -> Cow<'_, str> {
        self.quote_ids.get(i, article_id)
    }

    /// [`SignalIndex::quote_id_is`] given the id of the quote's article.
    pub(crate) fn quote_id_is_of(&self, i: usize, article_id: &str, id: &str) -> bool {
        self.quote_ids.is(i, article_id, id)
    }

    /// The id of quote `i`'s article ("" when there is none: then its id
    /// is kept whole).
    fn quote_article_id(&self, i: usize) -> &str {
        let a = self.quote_article(i);
        if a < self.article_count() {
            self.article_id(a)
        } else {
            ""
        }
    }

    /// The article of quote `i`.
    pub fn quote_article(&self, i: usize) -> usize {
        self.quote_articles[i - self.spooled().1] as usize
    }

    /// Articles and quotes still in the candidate index.
    pub fn live(&self) -> (usize, usize) {
        (self.articles.live(), self.quotes.live())
    }

    /// Approximate bytes held by the index (capacities of its arrays).
    pub fn bytes(&self) -> usize {
        self.article_dates.capacity() * 8
            + self.article_ids.bytes()
            + self.article_sets.bytes()
            + self.articles.bytes()
            + self.quote_articles.capacity() * 4
            + self.quote_ids.bytes()
            + self.quote_sets.bytes()
            + self.quotes.bytes()
    }

    /// Sort key for "earliest": dated before undated, then by date, then by
    /// arrival.
    fn article_order(&self, i: usize) -> (u64, usize) {
        (self.article_date_key(i), i)
    }

    /// The group representative of article `i` (same for every member).
    pub fn article_group(&mut self, i: usize) -> usize {
        self.article_sets.find(i)
    }

    /// The cluster representative of quote `i` (same for every member).
    pub fn quote_group(&mut self, i: usize) -> usize {
        self.quote_sets.find(i)
    }

    /// Groups of two or more near-duplicate articles, earliest (the
    /// original) first; groups in order of their original.
    pub fn duplicate_groups(&mut self) -> Vec<Cluster> {
        let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..self.article_count() {
            if self.article_sets.set_size(i) > 1 {
                let r = self.article_sets.find(i);
                groups.entry(r).or_default().push(i);
            }
        }
        let mut out: Vec<Cluster> = groups
            .into_values()
            .map(|mut members| {
                members.sort_by_key(|&a| self.article_order(a));
                Cluster { members }
            })
            .collect();
        out.sort_by_key(|c| self.article_order(c.members[0]));
        out
    }

    fn quote_order(&self, q: usize) -> (u64, usize, usize) {
        let (d, a) = self.article_order(self.quote_article(q));
        (d, a, q)
    }

    /// Quote clusters seen in two or more articles, first appearance first.
    pub fn quote_clusters(&mut self) -> Vec<Cluster> {
        let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..self.quote_count() {
            if self.quote_sets.is_joined(i) {
                let r = self.quote_sets.find(i);
                groups.entry(r).or_default().push(i);
            }
        }
        let mut out: Vec<Cluster> = groups
            .into_values()
            .filter(|m| {
                let mut arts: Vec<usize> = m.iter().map(|&q| self.quote_article(q)).collect();
                arts.sort_unstable();
                arts.dedup();
                arts.len() > 1
            })
            .map(|mut members| {
                members.sort_by_key(|&q| self.quote_order(q));
                Cluster { members }
            })
            .collect();
        out.sort_by_key(|c| self.quote_order(c.members[0]));
        out
    }

    /// [`SignalIndex::quote_clusters`] in two flat arrays: 4 bytes a
    /// member and 4 a cluster, where a `Vec` per cluster took ≈ 40 bytes
    /// more (and a hash map of them while grouping): 939,000 clusters at a
    /// million generated articles.
    pub(crate) fn quote_clusters_flat(&mut self) -> FlatClusters {
        // (cluster root, quote) of every quote in a cluster of two or more.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for i in 0..self.quote_count() {
            if self.quote_sets.is_joined(i) {
                pairs.push((self.quote_sets.find(i) as u32, i as u32));
            }
        }
        // By root (cheap to compare), then each run in quote order.
        pairs.sort_unstable();
        // Runs of one root, kept when in two or more articles: (start, end)
        // in `pairs`, ordered by their first quote.
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut start = 0;
        while start < pairs.len() {
            let root = pairs[start].0;
            let end = start + pairs[start..].partition_point(|p| p.0 == root);
            pairs[start..end].sort_unstable_by_key(|&(_, q)| self.quote_order(q as usize));
            let first = self.quote_article(pairs[start].1 as usize);
            if pairs[start..end]
                .iter()
                .any(|p| self.quote_article(p.1 as usize) != first)
            {
                runs.push((start as u32, end as u32));
            }
            start = end;
        }
        runs.sort_unstable_by_key(|&(s, _)| self.quote_order(pairs[s as usize].1 as usize));
        let mut out = FlatClusters {
            members: Vec::with_capacity(runs.iter().map(|r| (r.1 - r.0) as usize).sum()),
            ends: Vec::with_capacity(runs.len()),
        };
        for (s, e) in runs {
            out.members
                .extend(pairs[s as usize..e as usize].iter().map(|p| p.1));
            out.ends.push(out.members.len() as u32);
        }
        out
    }

    /// Whether quote `i`'s cluster holds two or more quotes (else it
    /// travelled nowhere). Since session 10 the index keeps no cluster
    /// sizes (`quote_cluster_size` was only ever compared with 1).
    pub fn quote_in_cluster(&self, i: usize) -> bool {
        self.quote_sets.is_joined(i)
    }

    /// The cluster holding quote `i` (itself alone when it travelled
    /// nowhere), first appearance first.
    pub fn travel(&mut self, i: usize) -> Cluster {
        let r = self.quote_sets.find(i);
        let mut members: Vec<usize> = if !self.quote_sets.is_joined(i) {
            vec![i]
        } else {
            (0..self.quote_count())
                .filter(|&q| self.quote_sets.find(q) == r)
                .collect()
        };
        members.sort_by_key(|&q| self.quote_order(q));
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

    #[test]
    fn quote_ids_kept_as_numbers_read_back_as_given_and_survive_a_save() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let a = idx.add_article(&article("a#x", "2023-01-10", "one two three"));
        let b = idx.add_article(&article("b", "2023-01-11", "four five six"));
        let given = [
            ("a#x#0", a),
            ("a#x#17", a),
            ("a#x#007", a),      // not as u32 writes it: kept whole
            ("b#4294967295", b), // the marker value: kept whole
            ("q2", b),
            ("a#x#3", b), // another article's form: kept whole
            ("b#", b),
            ("b#+5", b),
            ("b#0", b),
            ("b#99999999999", b),
        ];
        for (id, art) in given {
            idx.add_quote(&QuoteRef {
                id: id.into(),
                article: art,
                text: format!("a quoted line for {id} with enough words in it"),
                speaker: None,
            });
        }
        let check = |idx: &SignalIndex| {
            for (i, (id, _)) in given.iter().enumerate() {
                assert_eq!(idx.quote_id(i), *id);
                assert!(idx.quote_id_is(i, id));
                assert!(!idx.quote_id_is(i, "a#x#1"));
                let n = id.rsplit_once('#').and_then(|(_, n)| n.parse::<u32>().ok());
                assert_eq!(idx.quote_number(i), n, "{id}");
            }
        };
        check(&idx);
        assert_eq!(idx.quote_ids.other.len(), 7);
        let loaded = SignalIndex::load(SignalConfig::default(), &idx.save()).unwrap();
        check(&loaded);
        let mut forgot = loaded;
        forgot.forget_candidates();
        check(&forgot);
        // A quote of no such article keeps its id whole.
        let q = idx.add_quote(&QuoteRef {
            id: "b#12".into(),
            article: 7,
            text: "a line of a quote of no article".into(),
            speaker: None,
        });
        assert_eq!(idx.quote_id(q), "b#12");
        assert_eq!(idx.quote_ids.other.len(), 8);
    }

    #[test]
    fn an_index_with_room_reserved_is_the_one_grown_without() {
        let mut plain = SignalIndex::new(SignalConfig::default());
        let mut reserved = SignalIndex::new(SignalConfig::default());
        reserved.reserve(3, 1000);
        for idx in [&mut plain, &mut reserved] {
            for (i, text) in [STORY, STORY, "Another text entirely about floods"]
                .iter()
                .enumerate()
            {
                let a = idx.add_article(&article(&format!("a{i}"), "2023-01-10", text));
                idx.add_quote(&QuoteRef {
                    id: format!("a{i}#0"),
                    article: a,
                    text: "We are ready to negotiate, but only on our terms".into(),
                    speaker: Some("Lavrov".into()),
                });
            }
        }
        assert_eq!(plain.save(), reserved.save());
        reserved.forget_candidates();
        plain.forget_candidates();
        assert_eq!(plain.save(), reserved.save());
    }

    /// Bytes a streaming writer gives for `idx` (the state's way of
    /// saving an index: the only one for a spooled index).
    fn streamed(idx: &SignalIndex) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = Writer::streaming(&mut out);
        idx.save_into(&mut w);
        let sum = w.finish().unwrap();
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    #[test]
    fn a_spooled_index_saves_and_reads_back_the_index_fed_in_memory() {
        let feed = |idx: &mut SignalIndex, spool: bool| {
            if spool {
                idx.spool_items().unwrap();
            }
            for i in 0..30usize {
                let text = if i % 3 == 0 {
                    STORY
                } else {
                    "Another text about floods in the north"
                };
                // Ids of several lengths, one not of the form ARTICLE#N.
                let a = idx.add_articles_with_quotes(
                    &[article(
                        &format!("a{}", i * 37),
                        &format!("2023-01-{:02}", 1 + i % 28),
                        text,
                    )],
                    &[
                        QuoteRef {
                            id: format!("a{}#{}", i * 37, i % 4),
                            article: 0,
                            text: "We are ready to negotiate, but only on our terms".into(),
                            speaker: Some("Lavrov".into()),
                        },
                        QuoteRef {
                            id: format!("q{i}"),
                            article: 0,
                            text: format!("a line of its own number {i} with words"),
                            speaker: None,
                        },
                    ],
                );
                assert_eq!(a, (i, 2 * i));
                // Now and then: what was added since goes to the files.
                if spool && i % 7 == 3 {
                    idx.spool_items().unwrap();
                }
            }
        };
        let mut plain = SignalIndex::new(SignalConfig::default());
        feed(&mut plain, false);
        let mut spooled = SignalIndex::new(SignalConfig::default());
        feed(&mut spooled, true);
        assert!(spooled.spool.is_some());
        assert!(spooled.article_dates.len() < 30);
        assert_eq!(spooled.article_count(), 30);
        assert_eq!(spooled.quote_count(), 60);
        // The items added since the last spooling are read as before.
        assert_eq!(spooled.article_id(29), "a1073");
        assert_eq!(spooled.quote_id(59), "q29");
        assert_eq!(spooled.quote_article(58), 29);
        assert_eq!(streamed(&spooled), streamed(&plain));
        let bytes = streamed(&plain);
        assert_eq!(bytes[..bytes.len() - 8], plain.save()[..]);
        spooled.unspool_items(true).unwrap();
        assert!(spooled.spool.is_none());
        assert_eq!(spooled.save(), plain.save());
        for i in 0..30 {
            assert_eq!(spooled.article_id(i), plain.article_id(i));
            assert_eq!(spooled.article_date_key(i), plain.article_date_key(i));
        }
        for q in 0..60 {
            assert_eq!(spooled.quote_id(q), plain.quote_id(q));
            assert_eq!(spooled.quote_article(q), plain.quote_article(q));
        }
        assert!(plain.quote_clusters().iter().any(|c| c.members.len() > 2));
        assert_eq!(spooled.quote_clusters(), plain.quote_clusters());
        // Spooled, then forgetting its candidates and read back: the
        // index the passes read.
        let mut again = SignalIndex::new(SignalConfig::default());
        feed(&mut again, true);
        again.forget_candidates();
        again.unspool_items(true).unwrap();
        plain.forget_candidates();
        assert_eq!(again.save(), plain.save());
        // Read back without the article ids: the quote ids and clusters
        // given each article's id, the rest as before.
        let mut no_ids = SignalIndex::new(SignalConfig::default());
        feed(&mut no_ids, true);
        no_ids.forget_candidates();
        no_ids.unspool_items(false).unwrap();
        assert!(no_ids.article_ids.text.is_empty() && no_ids.article_ids.ends.is_empty());
        assert_eq!(no_ids.article_count(), 30);
        for q in 0..60 {
            let a = plain.article_id(plain.quote_article(q));
            assert_eq!(no_ids.quote_id_of(q, a), plain.quote_id(q));
            assert!(no_ids.quote_id_is_of(q, a, &plain.quote_id(q)));
            assert!(!no_ids.quote_id_is_of(q, a, "a1#99"));
            assert_eq!(no_ids.quote_article(q), plain.quote_article(q));
            assert_eq!(no_ids.quote_number(q), plain.quote_number(q));
        }
        for i in 0..30 {
            assert_eq!(no_ids.article_date_key(i), plain.article_date_key(i));
        }
        assert_eq!(no_ids.quote_clusters(), plain.quote_clusters());
        let asked = std::panic::catch_unwind(|| no_ids.article_id(3).to_string());
        assert!(asked.is_err());
    }

    #[test]
    fn flat_clusters_are_the_quote_clusters() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let lines = [
            "We are ready to negotiate, but only on our terms and not under pressure from Washington",
            "The harvest this year is the largest in a decade, the minister said on Friday",
            "Nobody will be left behind when the new rules come into force next spring",
        ];
        // Articles out of date order, some quoting a line twice, one
        // quoting a line alone (a cluster within one article only).
        for i in 0..40usize {
            let day = 1 + (i * 7) % 28;
            let a = idx.add_article(&article(
                &format!("a{i}"),
                &format!("2023-01-{day:02}"),
                &format!("text {i}"),
            ));
            for k in 0..(1 + i % 3) {
                let line = lines[(i + k) % 3];
                let text = if i == 39 {
                    "A line only this article says, twice over and over".to_string()
                } else {
                    line.to_string()
                };
                idx.add_quote(&QuoteRef {
                    id: format!("a{i}#{k}"),
                    article: a,
                    text,
                    speaker: None,
                });
            }
        }
        let want = idx.quote_clusters();
        let flat = idx.quote_clusters_flat();
        assert!(want.len() >= 3);
        assert_eq!(flat.len(), want.len());
        for (c, w) in want.iter().enumerate() {
            assert_eq!(flat.members(c).collect::<Vec<_>>(), w.members);
            assert_eq!(flat.first(c), w.members[0]);
        }
    }

    #[test]
    fn damaged_quote_ids_are_refused() {
        let mut ids = QuoteIds::default();
        ids.push(Some("a"), "a#1");
        ids.push(Some("a"), "q");
        let mut w = Writer::default();
        ids.save(&mut w);
        assert!(QuoteIds::load(&mut Reader::new(&w.buf)).is_some());
        // An id for a quote not marked as kept whole.
        let mut bad = QuoteIds {
            numbers: vec![1, QuoteIds::OTHER],
            other: vec![(0, "x".into())],
            base: 0,
        };
        let mut w = Writer::default();
        bad.save(&mut w);
        assert!(QuoteIds::load(&mut Reader::new(&w.buf)).is_none());
        // A marked quote without its id.
        bad.other.clear();
        let mut w = Writer::default();
        bad.save(&mut w);
        assert!(QuoteIds::load(&mut Reader::new(&w.buf)).is_none());
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
        let ids: Vec<String> = clusters[0]
            .members
            .iter()
            .map(|&i| idx.quote_id(i).into_owned())
            .collect();
        assert_eq!(ids, ["c#1", "a#1", "b#1"], "first seen (c, Jan 9) first");
        assert_eq!(idx.travel(2).members, vec![2]);
    }

    /// Quotes of three articles; `texts[i]` in article `i`, added in order.
    fn clusters_of(cfg: SignalConfig, texts: &[&str]) -> Vec<Vec<usize>> {
        let mut idx = SignalIndex::new(cfg);
        for (i, text) in texts.iter().enumerate() {
            let a = idx.add_article(&article(&format!("a{i}"), "2023-01-10", "x"));
            idx.add_quote(&QuoteRef {
                id: format!("a{i}#0"),
                article: a,
                text: (*text).into(),
                speaker: None,
            });
        }
        let mut out: Vec<Vec<usize>> = idx
            .quote_clusters()
            .into_iter()
            .map(|c| {
                let mut m = c.members;
                m.sort_unstable();
                m
            })
            .collect();
        out.sort();
        out
    }

    // 16 words: 14 shingles. EDITED keeps its first 10 words and ends
    // otherwise: 8 of its 12 shingles are in FIRST (0.67, a weak link).
    // DRIFT shares 8 of its 12 shingles with EDITED and 4 with FIRST.
    const FIRST: &str = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa";
    const EDITED: &str =
        "alpha bravo charlie delta echo foxtrot golf hotel india juliet one two three four";
    const DRIFT: &str =
        "echo foxtrot golf hotel india juliet one two three four five six seven eight";

    #[test]
    fn a_weak_link_joins_a_quote_to_the_cluster_of_its_first_report() {
        assert_eq!(
            clusters_of(SignalConfig::default(), &[FIRST, EDITED]),
            [vec![0, 1]]
        );
        assert!(same_statement(FIRST, EDITED));
    }

    #[test]
    fn weak_links_do_not_chain_away_from_the_first_report() {
        // DRIFT matches EDITED weakly but not the cluster's first quote.
        assert_eq!(
            clusters_of(SignalConfig::default(), &[FIRST, EDITED, DRIFT]),
            [vec![0, 1]]
        );
        // Alone with EDITED, DRIFT is its cluster's pair.
        assert_eq!(
            clusters_of(SignalConfig::default(), &[EDITED, DRIFT]),
            [vec![0, 1]]
        );
    }

    #[test]
    fn a_weak_link_never_bridges_two_clusters() {
        // Two clusters of two (strong links), then a quote weakly matching
        // a member of each: it joins one of them, not both.
        let other = "sierra tango uniform victor whiskey xray yankee zulu ten eleven twelve thirteen fourteen fifteen sixteen seventeen";
        let other_copy = "sierra tango uniform victor whiskey xray yankee zulu ten eleven twelve thirteen fourteen fifteen sixteen";
        let bridge = "alpha bravo charlie delta echo foxtrot golf hotel india sierra tango uniform victor whiskey xray yankee zulu ten";
        let got = clusters_of(
            SignalConfig::default(),
            &[FIRST, FIRST, other, other_copy, bridge],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got.iter().map(Vec::len).sum::<usize>(), 5, "{got:?}");
    }

    #[test]
    fn a_weak_link_needs_the_same_speaker_when_both_are_named() {
        let run = |speakers: [Option<&str>; 2]| {
            let mut idx = SignalIndex::new(SignalConfig::default());
            for (i, (text, speaker)) in [FIRST, EDITED].iter().zip(speakers).enumerate() {
                let a = idx.add_article(&article(&format!("a{i}"), "2023-01-10", "x"));
                idx.add_quote(&QuoteRef {
                    id: format!("a{i}#0"),
                    article: a,
                    text: (*text).into(),
                    speaker: speaker.map(str::to_string),
                });
            }
            idx.quote_clusters().len()
        };
        assert_eq!(run([Some("Sergei Lavrov"), Some("Dmitry Peskov")]), 0);
        assert_eq!(run([Some("Sergei Lavrov"), Some("Lavrov")]), 1);
        assert_eq!(run([Some("Sergei Lavrov"), None]), 1);
        // A strong link does not look at speakers (outlets misattribute).
        let mut idx = SignalIndex::new(SignalConfig::default());
        for (i, speaker) in ["Sergei Lavrov", "Dmitry Peskov"].iter().enumerate() {
            let a = idx.add_article(&article(&format!("a{i}"), "2023-01-10", "x"));
            idx.add_quote(&QuoteRef {
                id: format!("a{i}#0"),
                article: a,
                text: FIRST.into(),
                speaker: Some(speaker.to_string()),
            });
        }
        assert_eq!(idx.quote_clusters().len(), 1);
    }

    #[test]
    fn speaker_keys_compare_surnames() {
        assert_eq!(speaker_key("Sergei Lavrov"), speaker_key("lavrov"));
        assert_ne!(speaker_key("Sergei Lavrov"), speaker_key("Dmitry Peskov"));
        assert_eq!(speaker_key("..."), 0);
        assert_ne!(speaker_key("Лавров"), 0);
    }

    #[test]
    fn weak_containment_equal_to_the_strong_one_turns_weak_links_off() {
        let strict = SignalConfig {
            quote_weak_containment: 0.7,
            ..SignalConfig::default()
        };
        assert!(clusters_of(strict, &[FIRST, EDITED]).is_empty());
    }

    #[test]
    fn a_weak_link_needs_enough_common_shingles() {
        // 5 of 8 shingles in common (0.625) is weak by share, too few by count.
        let first = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima";
        let edited = "alpha bravo charlie delta echo foxtrot golf mike november oscar";
        assert!(clusters_of(SignalConfig::default(), &[first, edited]).is_empty());
        let lenient = SignalConfig {
            quote_weak_min_common: 5,
            ..SignalConfig::default()
        };
        assert_eq!(clusters_of(lenient, &[first, edited]), [vec![0, 1]]);
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
        // A short slogan inside a long, different statement is not it.
        assert!(!same_statement(
            "to make America great again",
            "In our shared mission to make America great again, I support and endorse our speaker."
        ));
        assert!(same_statement(
            "to make America great again",
            "We want to make America great again."
        ));
    }

    #[test]
    fn old_items_leave_the_candidate_index_but_keep_their_clusters() {
        let cfg = SignalConfig {
            segment: 2,
            live_quotes: 2,
            ..SignalConfig::default()
        };
        let mut idx = SignalIndex::new(cfg);
        let a = idx.add_article(&article("a", "2023-01-01", "x"));
        let b = idx.add_article(&article("b", "2023-01-02", "y"));
        let q = |art, text: &str| QuoteRef {
            id: String::new(),
            article: art,
            text: text.into(),
            speaker: None,
        };
        let s1 = "We will not accept any deal that leaves our farmers behind.";
        let filler = [
            "The river rose by two metres during the night.",
            "Schools stay closed until the end of the week.",
            "Prices for bread went up by a third since spring.",
        ];
        let first = idx.add_quote(&q(a, s1));
        let second = idx.add_quote(&q(b, s1));
        for f in filler {
            idx.add_quote(&q(b, f));
        }
        // s1's segment is gone: a new report no longer links...
        let late = idx.add_quote(&q(b, s1));
        assert_eq!(idx.travel(late).members, vec![late]);
        // ...but the cluster formed while it was live stays.
        assert_eq!(idx.travel(first).members, vec![first, second]);
        assert!(idx.live().1 <= 4, "{:?}", idx.live());
    }

    #[test]
    fn forgetting_the_candidates_keeps_groups_clusters_and_ids() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let reprint = format!("{STORY} Read more on our site.");
        let a = idx.add_article(&article("orig", "2023-03-03", STORY));
        let b = idx.add_article(&article("copy", "2023-03-05", &reprint));
        let s1 = "We will not accept any deal that leaves our farmers behind.";
        for (k, art) in [a, b, b].into_iter().enumerate() {
            idx.add_quote(&QuoteRef {
                id: format!("q{k}"),
                article: art,
                text: if k < 2 {
                    s1.into()
                } else {
                    "Rain again.".into()
                },
                speaker: None,
            });
        }
        let before = (idx.duplicate_groups(), idx.quote_clusters(), idx.bytes());
        assert_eq!(before.0.len(), 1);
        assert_eq!(before.1.len(), 1);
        assert_ne!(idx.live(), (0, 0));
        idx.forget_candidates();
        assert_eq!(idx.live(), (0, 0));
        assert!(idx.bytes() < before.2);
        assert_eq!(idx.duplicate_groups(), before.0);
        assert_eq!(idx.quote_clusters(), before.1);
        assert_eq!((idx.article_id(b), &*idx.quote_id(2)), ("copy", "q2"));
        assert_eq!(idx.article_group(b), idx.article_group(a));
        assert_eq!(idx.quote_article(2), b);
        assert_eq!(
            (0..3).map(|q| idx.quote_in_cluster(q)).collect::<Vec<_>>(),
            [true, true, false]
        );
    }

    #[test]
    fn the_time_window_drops_items_older_than_the_newest_by_its_days() {
        let cfg = SignalConfig {
            segment: 1,
            window_days: 30,
            ..SignalConfig::default()
        };
        let mut idx = SignalIndex::new(cfg);
        let s1 = "We will not accept any deal that leaves our farmers behind.";
        let q = |art, text: &str| QuoteRef {
            id: String::new(),
            article: art,
            text: text.into(),
            speaker: None,
        };
        let a = idx.add_article(&article("a", "2023-01-01", "x"));
        idx.add_quote(&q(a, s1));
        let b = idx.add_article(&article("b", "2023-01-20", "y"));
        let near = idx.add_quote(&q(b, s1));
        assert_eq!(idx.travel(near).members.len(), 2);
        let c = idx.add_article(&article("c", "2023-06-01", "z"));
        idx.add_quote(&q(c, "Prices for bread went up by a third since spring."));
        let far = idx.add_quote(&q(c, s1));
        assert_eq!(idx.travel(far).members, vec![far]);
    }

    #[test]
    fn batches_link_like_single_adds() {
        let mut idx = SignalIndex::new(SignalConfig::default());
        let arts = [
            article("orig", "2023-03-03", STORY),
            article("copy", "2023-03-05", &format!("{STORY} Read more.")),
        ];
        let first = idx.add_articles(&arts);
        assert_eq!(first, 0);
        assert_eq!(idx.duplicate_groups().len(), 1);
        let quotes: Vec<QuoteRef> = [
            (0, "ready to negotiate, but only on our terms"),
            (
                1,
                "We are ready to negotiate, but only on our terms and not under pressure.",
            ),
        ]
        .iter()
        .map(|&(art, text)| QuoteRef {
            id: format!("{art}"),
            article: art,
            text: text.into(),
            speaker: None,
        })
        .collect();
        idx.add_quotes(&quotes);
        assert_eq!(idx.quote_clusters().len(), 1);
    }

    #[test]
    fn a_saved_and_loaded_index_goes_on_exactly_like_one_never_saved() {
        // Tiny segments, so sealed and dropped segments are part of the state.
        let cfg = SignalConfig {
            segment: 3,
            live_articles: 6,
            live_quotes: 6,
            ..SignalConfig::default()
        };
        let statements = [
            "We will not accept any deal that leaves our farmers behind.",
            "The river rose by two metres during the night.",
            "Schools stay closed until the end of the week.",
        ];
        let batch = |from: usize| {
            let arts: Vec<ArticleRef> = (from..from + 5)
                .map(|i| {
                    let text = if i % 2 == 0 {
                        STORY.to_string()
                    } else {
                        format!("Article {i} reports on the weather in district {i}.")
                    };
                    article(&format!("a{i}"), &format!("2023-03-{:02}", 1 + i), &text)
                })
                .collect();
            let quotes: Vec<QuoteRef> = (0..5)
                .flat_map(|k| {
                    (0..2).map(move |j| QuoteRef {
                        id: format!("a{}#{j}", from + k),
                        article: k,
                        text: statements[(from + k + j) % 3].into(),
                        speaker: None,
                    })
                })
                .collect();
            (arts, quotes)
        };
        let mut whole = SignalIndex::new(cfg.clone());
        for from in [0, 5, 10] {
            let (a, q) = batch(from);
            whole.add_articles_with_quotes(&a, &q);
        }
        let mut resumed = SignalIndex::new(cfg.clone());
        let (a, q) = batch(0);
        resumed.add_articles_with_quotes(&a, &q);
        for from in [5, 10] {
            let bytes = resumed.save();
            resumed = SignalIndex::load(cfg.clone(), &bytes).unwrap();
            let (a, q) = batch(from);
            resumed.add_articles_with_quotes(&a, &q);
        }
        assert_eq!(resumed.save(), whole.save());
        assert_eq!(resumed.duplicate_groups(), whole.duplicate_groups());
        assert_eq!(resumed.quote_clusters(), whole.quote_clusters());
        assert!(
            whole.live().1 < whole.quote_count(),
            "segments were dropped"
        );
        assert!(!whole.duplicate_groups().is_empty());
        // Damaged bytes load as None, never panic.
        let bytes = whole.save();
        for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(SignalIndex::load(cfg.clone(), &bytes[..cut]).is_none());
        }
    }

    const HARBOUR: &str = "Dock workers at the northern harbour walked out on Monday \
        after talks over night shifts collapsed, leaving container ships waiting \
        offshore and truck queues stretching for kilometres.";

    /// Guards the lookups made in parallel before a batch is inserted: with
    /// segments sealed and dropped inside a batch, the index must be the
    /// one made by adding every item alone, byte for byte (the union–finds'
    /// paths included).
    #[test]
    fn batches_whose_segments_seal_and_drop_inside_equal_single_adds() {
        let cfg = SignalConfig {
            segment: 3,
            live_articles: 7,
            live_quotes: 8,
            ..SignalConfig::default()
        };
        let statements = [
            "We will not accept any deal that leaves our farmers behind.",
            "We will not accept any deal that leaves our farmers behind, he said again.",
            "The river rose by two metres during the night.",
            "Schools stay closed until the end of the week.",
            "Schools stay closed until the end of the week, the mayor said.",
        ];
        let speakers = [None, Some("Anna Smith"), Some("John Brown")];
        let n = 30;
        let arts: Vec<ArticleRef> = (0..n)
            .map(|i| {
                let text = match i % 3 {
                    // A pair too far apart to link: the first is dropped
                    // from the window, inside the second's batch for most
                    // batch sizes, before the second comes.
                    _ if i == 11 || i == 22 => HARBOUR.to_string(),
                    0 => STORY.to_string(),
                    1 => format!("{STORY} Read more."),
                    _ => format!("Article {i} reports on the weather in district {i}."),
                };
                article(
                    &format!("a{i}"),
                    &format!("2023-03-{:02}", 1 + i / 2),
                    &text,
                )
            })
            .collect();
        let quotes: Vec<QuoteRef> = (0..n)
            .flat_map(|k| {
                (0..2).map(move |j| QuoteRef {
                    id: format!("a{k}#{j}"),
                    article: k,
                    text: statements[(k * 2 + j) % statements.len()].into(),
                    speaker: speakers[(k + j) % speakers.len()].map(String::from),
                })
            })
            // Likewise for quotes: in batches of 14, the first is in a
            // sealed segment when the second's batch starts and dropped
            // before the second comes.
            .chain([11, 16].map(|k| QuoteRef {
                id: format!("a{k}#2"),
                article: k,
                text: "The bridge will reopen to traffic on the first of May.".into(),
                speaker: None,
            }))
            .collect();
        let mut quotes = quotes;
        quotes.sort_by_key(|q| q.article);
        let mut alone = SignalIndex::new(cfg.clone());
        for (k, a) in arts.iter().enumerate() {
            let slot = alone.add_article(a);
            for q in quotes.iter().filter(|q| q.article == k) {
                alone.add_quote(&QuoteRef {
                    article: slot,
                    ..q.clone()
                });
            }
        }
        assert!(
            alone.live().1 < alone.quote_count(),
            "segments were dropped"
        );
        assert!(!alone.duplicate_groups().is_empty());
        assert!(!alone.quote_clusters().is_empty());
        let bridge: Vec<usize> = (0..alone.quote_count())
            .filter(|&q| alone.quote_id(q).ends_with("#2"))
            .collect();
        assert_eq!(bridge.len(), 2);
        assert_eq!(
            alone.travel(bridge[1]).members,
            [bridge[1]],
            "too far apart"
        );
        for size in [1, 2, 5, 7, 13, 14, n] {
            let mut batched = SignalIndex::new(cfg.clone());
            for from in (0..n).step_by(size) {
                let to = (from + size).min(n);
                let batch_quotes: Vec<QuoteRef> = quotes
                    .iter()
                    .filter(|q| (from..to).contains(&q.article))
                    .map(|q| QuoteRef {
                        article: q.article - from,
                        ..q.clone()
                    })
                    .collect();
                batched.add_articles_with_quotes(&arts[from..to], &batch_quotes);
            }
            assert_eq!(batched.quote_clusters(), alone.quote_clusters(), "{size}");
            assert_eq!(
                batched.duplicate_groups(),
                alone.duplicate_groups(),
                "{size}"
            );
            assert!(batched.save() == alone.save(), "batches of {size}");
        }
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
