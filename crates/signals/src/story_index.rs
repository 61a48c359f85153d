//! [`StoryIndex`]: story clusters made one article at a time, oldest
//! first, so that articles added later (the next `analyze`) update them
//! without a recompute — the saved signals state carries the index from
//! one run to the next.
//!
//! An article's vector is its heaviest terms by TF-IDF with the document
//! frequencies of the articles added so far (itself included): it never
//! changes afterwards, so adding articles in replay order (oldest first)
//! to a saved and loaded index gives what adding all of them in one go
//! gives. The index keeps the vectors of the articles within the window
//! (the only candidates of the next article), the stories that can still
//! grow (a member within the window) with their first article's vector
//! and their term weights, and of each finished story its members and
//! terms.

use crate::blocked_bloom::BlockedBloom;
use crate::codec::{Reader, Writer};
use crate::shingles::for_each_common;
use crate::stories::{heaviest_terms, DocFreq, Stories, StoryConfig, TermList};
use crate::talking::{FirstSeen, Metas};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;

/// Hashes a [`Seen`] layer holds before the next layer is started.
const LAYER: usize = 1 << 20;

/// Bits of a [`Seen`] layer per hash (2 MiB a layer).
const SEEN_BITS: usize = 16;

/// Terms seen in one article so far: layers of [`BlockedBloom`] filters of
/// [`LAYER`] hashes each (a filter cannot grow; a new layer starts when the
/// last is full, so a false positive stays about 0.3 % per layer).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Seen {
    layers: Vec<BlockedBloom>,
}

impl Seen {
    pub(crate) fn contains(&self, h: u64) -> bool {
        self.layers.iter().any(|l| l.contains(h))
    }

    pub(crate) fn insert(&mut self, h: u64) {
        if self.layers.last().is_none_or(|l| l.len >= LAYER) {
            self.layers
                .push(BlockedBloom::with_capacity(LAYER, SEEN_BITS));
        }
        if let Some(l) = self.layers.last_mut() {
            l.insert(h);
        }
    }
}

/// An article's vector: term hashes (ascending) and their weights (unit
/// length).
#[derive(Debug, Clone, Default, PartialEq)]
struct Vector {
    terms: Vec<u64>,
    weights: Vec<f64>,
}

impl Vector {
    /// Dot product: the products of the weights at common terms, summed
    /// in term order.
    fn dot(&self, other: &Vector) -> f64 {
        let mut s = 0.0;
        for_each_common(&self.terms, &other.terms, |i, j| {
            s += self.weights[i] * other.weights[j];
        });
        s
    }
}

/// An article within the window.
#[derive(Debug, Clone, PartialEq)]
struct Held {
    slot: u32,
    key: u64,
    /// Its story's first article.
    seed: u32,
    vector: Vector,
}

/// A story that can still grow: one of its members is within the window.
#[derive(Debug, Clone, PartialEq)]
struct Open {
    /// Slots, oldest first.
    members: Vec<u32>,
    /// The first article's vector (a new member must be like it).
    seed: Vector,
    /// Per term: members holding it, their weights summed, and the term.
    terms: FxHashMap<u64, (u32, f64, String)>,
}

impl Open {
    fn new(slot: u32, vector: &Vector, names: &[String]) -> Open {
        let mut o = Open {
            members: Vec::new(),
            seed: vector.clone(),
            terms: FxHashMap::default(),
        };
        o.join(slot, vector, names);
        o
    }

    fn join(&mut self, slot: u32, vector: &Vector, names: &[String]) {
        self.members.push(slot);
        for ((&t, &w), name) in vector.terms.iter().zip(&vector.weights).zip(names) {
            let e = self
                .terms
                .entry(t)
                .or_insert_with(|| (0, 0.0, name.clone()));
            e.0 += 1;
            e.1 += w;
        }
    }

    /// The terms most of its articles share (in two or more), heaviest
    /// first, at most eight.
    fn top_terms(&self) -> Vec<String> {
        let mut v: Vec<&(u32, f64, String)> = self.terms.values().filter(|t| t.0 >= 2).collect();
        v.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        v.into_iter().take(8).map(|t| t.2.clone()).collect()
    }
}

/// The stories that can no longer grow (no member within the window),
/// in flat arrays: every story's members in one array and its terms in
/// one string (a story with a `Vec` of members and a `Vec<String>` of
/// terms took about 600 bytes: 30 MB at a million generated articles).
#[derive(Debug, Default, Clone, PartialEq)]
struct Finished {
    members: Vec<u32>,
    /// Per story, where its members end in `members`.
    member_ends: Vec<u32>,
    /// Every story's terms, each followed by a line feed (a term is a
    /// word: it holds none).
    terms: String,
    /// Per story, where its terms end in `terms`.
    term_ends: Vec<u64>,
}

impl Finished {
    fn push<'a>(&mut self, members: &[u32], terms: impl IntoIterator<Item = &'a str>) {
        self.members.extend_from_slice(members);
        self.member_ends.push(self.members.len() as u32);
        for t in terms {
            self.terms.push_str(t);
            self.terms.push('\n');
        }
        self.term_ends.push(self.terms.len() as u64);
    }

    fn len(&self) -> usize {
        self.member_ends.len()
    }

    /// Story `i`'s members and terms.
    fn get(&self, i: usize) -> (&[u32], impl Iterator<Item = &str>) {
        let m0 = i.checked_sub(1).map_or(0, |j| self.member_ends[j] as usize);
        let t0 = i.checked_sub(1).map_or(0, |j| self.term_ends[j] as usize);
        let terms = &self.terms[t0..self.term_ends[i] as usize];
        (
            &self.members[m0..self.member_ends[i] as usize],
            terms.split_terminator('\n'),
        )
    }
}

/// Story clusters of the articles added, oldest first (see the module
/// documentation). Articles are named by their slot: the number of the
/// article in the order they were added (the signal index's article slot).
pub(crate) struct StoryIndex {
    config: StoryConfig,
    df: DocFreq,
    seen: Seen,
    /// The articles within the window of the newest, oldest first.
    window: VecDeque<Held>,
    /// Term → slots of the window's articles holding it, oldest first:
    /// an article leaving the window leaves its terms' lists, and a term
    /// no article of the window holds leaves the map (most terms are
    /// names of one article: kept for good, they held 24 MB at 100k
    /// generated articles). Rebuilt from the window when loaded.
    postings: FxHashMap<u64, VecDeque<u32>>,
    /// Stories that can grow, by their first article's slot.
    open: FxHashMap<u32, Open>,
    /// Finished stories of two or more articles, in the order they
    /// finished.
    closed: Finished,
    /// Scratch of [`StoryIndex::best_story`]: terms shared per window
    /// slot, and the slots counted.
    shared: Vec<u8>,
    touched: Vec<u32>,
}

impl Default for StoryIndex {
    fn default() -> Self {
        StoryIndex::new(StoryConfig::default())
    }
}

impl StoryIndex {
    pub(crate) fn new(config: StoryConfig) -> StoryIndex {
        StoryIndex {
            config,
            df: DocFreq::default(),
            seen: Seen::default(),
            window: VecDeque::new(),
            postings: FxHashMap::default(),
            open: FxHashMap::default(),
            closed: Finished::default(),
            shared: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Adds article `slot` dated `key` (a [`crate::date_key`];
    /// `u64::MAX`, undated: not in any story, and not counted) with its
    /// terms ([`crate::stories::term_list`]). Articles come oldest first
    /// (by key); one dated before an article already added is treated as
    /// dated like it.
    pub(crate) fn add(&mut self, slot: u32, key: u64, terms: &TermList) {
        if key == u64::MAX {
            return;
        }
        let key = key.max(self.window.back().map_or(0, |h| h.key));
        // The frequencies with this article, then its heaviest terms.
        self.df.count_article();
        let n = self.df.articles();
        let max_df = self.df.max_df(&self.config);
        let (df, seen) = (&mut self.df, &mut self.seen);
        let mut top = heaviest_terms(terms, n, max_df, self.config.terms, |h| df.bump(h, seen));
        top.sort_by_key(|x| x.0);
        let vector = Vector {
            terms: top.iter().map(|x| x.0).collect(),
            weights: top.iter().map(|x| x.1).collect(),
        };
        let names: Vec<String> = top.into_iter().map(|x| x.2).collect();
        self.evict(key);
        let seed = self.best_story(&vector);
        match seed.and_then(|s| self.open.get_mut(&s).map(|o| (s, o))) {
            Some((s, story)) => {
                story.join(slot, &vector, &names);
                self.push_held(slot, key, s, vector);
            }
            None => {
                self.open.insert(slot, Open::new(slot, &vector, &names));
                self.push_held(slot, key, slot, vector);
            }
        }
    }

    /// Drops from the window the articles more than the window older than
    /// `key`; a story whose last member goes is finished.
    fn evict(&mut self, key: u64) {
        let window = u64::from(self.config.window_days) * 86_400;
        while let Some(front) = self.window.front() {
            if key - front.key <= window {
                break;
            }
            let Some(held) = self.window.pop_front() else {
                break;
            };
            for t in &held.vector.terms {
                if let Some(list) = self.postings.get_mut(t) {
                    // Slots are given in order: the leaving article is
                    // the oldest of each of its lists.
                    if list.front() == Some(&held.slot) {
                        list.pop_front();
                    }
                    if list.is_empty() {
                        self.postings.remove(t);
                    }
                }
            }
            let last = self
                .open
                .get(&held.seed)
                .and_then(|o| o.members.last().copied());
            if last == Some(held.slot) {
                if let Some(story) = self.open.remove(&held.seed) {
                    if story.members.len() >= 2 {
                        self.closed
                            .push(&story.members, story.top_terms().iter().map(String::as_str));
                    }
                }
            }
        }
    }

    fn held(&self, slot: u32) -> Option<&Held> {
        let i = self.window.binary_search_by_key(&slot, |h| h.slot).ok()?;
        self.window.get(i)
    }

    /// The story (its first article) the article with `vector` joins: the
    /// best match's (highest cosine, then earliest) among the window's
    /// articles sharing enough terms with it, unless the article is unlike
    /// that story's first article; then the next best's.
    fn best_story(&mut self, vector: &Vector) -> Option<u32> {
        // Terms shared with each of the window's articles, counted in an
        // array by slot from the window's oldest (reused; a map made for
        // each article grew and rehashed as often as the window is long).
        let oldest = self.window.front()?.slot;
        let span = (self.window.back()?.slot - oldest) as usize + 1;
        let mut shared = std::mem::take(&mut self.shared);
        shared.clear();
        shared.resize(span, 0);
        let mut touched = std::mem::take(&mut self.touched);
        touched.clear();
        for t in &vector.terms {
            for &b in self.postings.get(t).into_iter().flatten() {
                let c = &mut shared[(b - oldest) as usize];
                if *c == 0 {
                    touched.push(b);
                }
                *c = c.saturating_add(1);
            }
        }
        // (cosine, slot, its story's first article)
        let mut matches: Vec<(f64, u32, u32)> = Vec::new();
        for &b in &touched {
            if usize::from(shared[(b - oldest) as usize]) < self.config.min_shared {
                continue;
            }
            let Some(held) = self.held(b) else { continue };
            let cos = vector.dot(&held.vector);
            if cos >= self.config.min_similarity {
                matches.push((cos, b, held.seed));
            }
        }
        self.shared = shared;
        self.touched = touched;
        matches.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        matches.into_iter().find_map(|(_, b, s)| {
            let story = self.open.get(&s)?;
            (s == b || vector.dot(&story.seed) >= self.config.min_similarity).then_some(s)
        })
    }

    fn push_held(&mut self, slot: u32, key: u64, seed: u32, vector: Vector) {
        for &t in &vector.terms {
            self.postings.entry(t).or_default().push_back(slot);
        }
        self.window.push_back(Held {
            slot,
            key,
            seed,
            vector,
        });
    }

    /// The stories of two or more articles, largest first (then earliest):
    /// `metas` by position, `slot_of_pos` each position's slot.
    pub(crate) fn stories(&self, metas: &Metas, slot_of_pos: &[u32]) -> Stories {
        // Each slot's position (4 bytes an article; a map of the
        // clustered slots took about 20 bytes each).
        let slots = slot_of_pos
            .iter()
            .filter(|&&s| s != u32::MAX)
            .max()
            .map_or(0, |&s| s as usize + 1);
        let pos_of_slot = crate::passes::pos_of_slot(slot_of_pos, slots);
        // Finished stories by number, open ones by their first slot.
        enum Which<'a> {
            Finished(usize),
            Open(&'a Open),
        }
        let mut list: Vec<(&[u32], Which)> = (0..self.closed.len())
            .map(|i| (self.closed.get(i).0, Which::Finished(i)))
            .chain(
                self.open
                    .values()
                    .filter(|o| o.members.len() >= 2)
                    .map(|o| (o.members.as_slice(), Which::Open(o))),
            )
            .collect();
        // Members are oldest first and slots are given oldest first.
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0[0].cmp(&b.0[0])));
        let mut out = Stories::default();
        let mut outlets: Vec<u32> = Vec::new();
        for (members, which) in list {
            let pos: Vec<usize> = members
                .iter()
                .filter_map(|&s| pos_of_slot.get(s as usize).copied())
                .filter(|&p| p != u32::MAX)
                .map(|p| p as usize)
                .collect();
            let (Some(&first), Some(&last)) = (pos.first(), pos.last()) else {
                continue;
            };
            outlets.clear();
            for &a in &pos {
                let o = metas.outlet_id(a);
                if o != u32::MAX && !outlets.contains(&o) {
                    outlets.push(o);
                }
            }
            out.push(
                metas
                    .title(first)
                    .unwrap_or_else(|| metas.id(first))
                    .to_string(),
                pos.iter().map(|&a| metas.id(a)),
                outlets.iter().filter_map(|&o| metas.name(o)),
                FirstSeen {
                    article: metas.id(first).to_string(),
                    date: metas.date(first).map(str::to_string),
                },
                metas.date(last).map(str::to_string),
                match which {
                    Which::Finished(i) => self.closed.get(i).1.map(str::to_string).collect(),
                    Which::Open(o) => o.top_terms(),
                },
            );
        }
        out.finish();
        out
    }

    /// What the index holds, for the step notes: articles counted, terms
    /// in two or more of them, layers of terms seen once, articles in the
    /// window, open stories (with their terms) and finished stories.
    pub(crate) fn summary(&self) -> String {
        format!(
            "story index: {} articles, {} terms in two or more, {} seen-once layers, {} in the window, {} open stories ({} terms), {} finished",
            self.df.articles(),
            self.df.len(),
            self.seen.layers.len(),
            self.window.len(),
            self.open.len(),
            self.open.values().map(|o| o.terms.len()).sum::<usize>(),
            self.closed.len()
        )
    }

    /// Writes the index (what [`StoryIndex::load_from`] reads back; the
    /// settings are not written: the state's rules signature holds them).
    pub(crate) fn save_into(&self, w: &mut Writer) {
        let df = self.df.sorted();
        w.usize(self.df.articles());
        w.u64s_from(df.len(), df.iter().map(|x| x.0));
        w.u32s(&df.iter().map(|x| x.1).collect::<Vec<u32>>());
        drop(df);
        w.usize(self.seen.layers.len());
        for l in &self.seen.layers {
            w.usize(l.len);
            w.u64s_from(l.word_count(), l.words());
        }
        w.usize(self.window.len());
        for h in &self.window {
            w.u32(h.slot);
            w.u64(h.key);
            w.u32(h.seed);
            write_vector(w, &h.vector);
        }
        let mut open: Vec<(&u32, &Open)> = self.open.iter().collect();
        open.sort_by_key(|x| *x.0);
        w.usize(open.len());
        for (&seed, o) in open {
            w.u32(seed);
            w.u32s(&o.members);
            write_vector(w, &o.seed);
            let mut terms: Vec<(&u64, &(u32, f64, String))> = o.terms.iter().collect();
            terms.sort_by_key(|x| *x.0);
            w.usize(terms.len());
            for (&t, (count, sum, name)) in terms {
                w.u64(t);
                w.u32(*count);
                w.u64(sum.to_bits());
                w.str(name);
            }
        }
        w.usize(self.closed.len());
        for i in 0..self.closed.len() {
            let (members, terms) = self.closed.get(i);
            w.u32s(members);
            let terms: Vec<&str> = terms.collect();
            w.usize(terms.len());
            for t in terms {
                w.str(t);
            }
        }
    }

    /// The index [`StoryIndex::save_into`] wrote, with `config`; `None`
    /// when the bytes do not make one.
    pub(crate) fn load_from(config: StoryConfig, r: &mut Reader) -> Option<StoryIndex> {
        // Counts read from the file are checked against what is left of
        // it before anything is allocated for them.
        let n = r.usize()?;
        let terms = r.u64s()?;
        let counts = r.u32s()?;
        if terms.len() != counts.len() {
            return None;
        }
        let df = DocFreq::from_pairs(n, terms.into_iter().zip(counts));
        let layers = r.usize()?;
        let mut seen = Seen::default();
        for _ in 0..layers {
            let len = r.usize()?;
            let words = r.u64s()?;
            seen.layers.push(BlockedBloom::from_words(&words, len)?);
        }
        let mut ix = StoryIndex {
            df,
            seen,
            ..StoryIndex::new(config)
        };
        let held = r.usize()?;
        for _ in 0..held {
            let slot = r.u32()?;
            let key = r.u64()?;
            let seed = r.u32()?;
            let vector = read_vector(r)?;
            if ix
                .window
                .back()
                .is_some_and(|h| h.slot >= slot || h.key > key)
            {
                return None;
            }
            ix.push_held(slot, key, seed, vector);
        }
        let open = r.usize()?;
        for _ in 0..open {
            let seed = r.u32()?;
            let members = r.u32s()?;
            let vector = read_vector(r)?;
            let count = r.usize()?;
            let mut terms = FxHashMap::default();
            for _ in 0..count {
                let t = r.u64()?;
                let c = r.u32()?;
                let sum = f64::from_bits(r.u64()?);
                terms.insert(t, (c, sum, r.string()?));
            }
            if members.first() != Some(&seed) {
                return None;
            }
            ix.open.insert(
                seed,
                Open {
                    members,
                    seed: vector,
                    terms,
                },
            );
        }
        // Every held article's story is open.
        if ix.window.iter().any(|h| !ix.open.contains_key(&h.seed)) {
            return None;
        }
        let closed = r.usize()?;
        for _ in 0..closed {
            let members = r.u32s()?;
            let count = r.usize()?;
            let mut terms = Vec::new();
            for _ in 0..count {
                terms.push(r.string()?);
            }
            // A term is a word: no line feed, never empty.
            if members.is_empty() || terms.iter().any(|t| t.is_empty() || t.contains('\n')) {
                return None;
            }
            ix.closed.push(&members, terms.iter().map(String::as_str));
        }
        Some(ix)
    }
}

fn write_vector(w: &mut Writer, v: &Vector) {
    w.u64s(&v.terms);
    w.u64s_from(v.weights.len(), v.weights.iter().map(|x| x.to_bits()));
}

fn read_vector(r: &mut Reader) -> Option<Vector> {
    let terms = r.u64s()?;
    let weights: Vec<f64> = r.u64s()?.into_iter().map(f64::from_bits).collect();
    (terms.len() == weights.len() && terms.windows(2).all(|w| w[0] < w[1]))
        .then_some(Vector { terms, weights })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::tests::art;
    use crate::stories::{term_counts, term_list};
    use crate::talking::ArticleInput;

    /// Generated articles: events of five articles over two days each,
    /// with words of their own, and words every article shares.
    fn corpus() -> Vec<ArticleInput> {
        (0..60)
            .map(|i| {
                let event = i / 5;
                let day = 1 + event * 2 + (i % 5) / 3;
                let text = format!(
                    "officials said today that the situation around {e}alpha {e}bravo \
                     {e}charlie remains tense; {e}delta {e}echo and {e}foxtrot were \
                     mentioned by reporters {i}unique {i}other while {e}golf waited",
                    e = ["north", "south", "east", "west", "mid", "far"][event % 6].to_string()
                        + &"x".repeat(event / 6 + 1),
                );
                art(
                    &format!("a{i}"),
                    &format!("2024-01-{day:02}"),
                    &format!("Headline {event}"),
                    &text,
                )
            })
            .collect()
    }

    fn add_all(ix: &mut StoryIndex, articles: &[ArticleInput], from: usize) {
        for (k, a) in articles.iter().enumerate() {
            let key = a
                .date
                .as_deref()
                .and_then(crate::date_key)
                .unwrap_or(u64::MAX);
            ix.add(
                (from + k) as u32,
                key,
                &term_list(term_counts(a.title.as_deref(), &a.text)),
            );
        }
    }

    fn stories_of(ix: &StoryIndex, articles: &[ArticleInput]) -> Stories {
        let metas = Metas::of(articles, true);
        let slots: Vec<u32> = (0..articles.len() as u32).collect();
        ix.stories(&metas, &slots)
    }

    #[test]
    fn articles_of_one_event_form_one_story_each() {
        let articles = corpus();
        let mut ix = StoryIndex::default();
        add_all(&mut ix, &articles, 0);
        let stories = stories_of(&ix, &articles);
        assert!(stories.len() >= 8, "{} stories", stories.len());
        for s in stories.iter() {
            let events: std::collections::BTreeSet<usize> = s
                .articles
                .iter()
                .map(|a| a[1..].parse::<usize>().unwrap() / 5)
                .collect();
            assert_eq!(events.len(), 1, "{:?}", s.articles);
        }
    }

    #[test]
    fn an_index_saved_loaded_and_continued_is_the_index_fed_in_one_go() {
        let articles = corpus();
        let mut whole = StoryIndex::default();
        add_all(&mut whole, &articles, 0);
        for cut in [0, 1, 17, 33, 59, 60] {
            let mut first = StoryIndex::default();
            add_all(&mut first, &articles[..cut], 0);
            let mut bytes = Vec::new();
            let mut w = Writer::streaming(&mut bytes);
            first.save_into(&mut w);
            w.finish().unwrap();
            let mut r = Reader::new(&bytes);
            let mut loaded = StoryIndex::load_from(StoryConfig::default(), &mut r).unwrap();
            assert!(r.is_empty());
            add_all(&mut loaded, &articles[cut..], cut);
            assert_eq!(
                stories_of(&loaded, &articles),
                stories_of(&whole, &articles),
                "cut at {cut}"
            );
            assert_eq!(loaded.closed, whole.closed, "cut at {cut}");
            assert_eq!(loaded.window, whole.window, "cut at {cut}");
        }
    }

    #[test]
    fn damaged_bytes_are_refused_not_a_panic() {
        let articles = corpus();
        let mut ix = StoryIndex::default();
        add_all(&mut ix, &articles[..40], 0);
        let mut bytes = Vec::new();
        let mut w = Writer::streaming(&mut bytes);
        ix.save_into(&mut w);
        w.finish().unwrap();
        for len in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            let mut r = Reader::new(&bytes[..len]);
            assert!(StoryIndex::load_from(StoryConfig::default(), &mut r).is_none());
        }
        let mut flipped = bytes.clone();
        for i in (0..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5a;
            let mut r = Reader::new(&flipped);
            // Any answer but a panic.
            let _ = StoryIndex::load_from(StoryConfig::default(), &mut r);
        }
    }

    #[test]
    fn undated_articles_are_in_no_story() {
        let mut articles = corpus();
        for a in &mut articles[..5] {
            a.date = None;
        }
        let mut ix = StoryIndex::default();
        add_all(&mut ix, &articles, 0);
        let stories = stories_of(&ix, &articles);
        assert!(stories.iter().all(|s| s
            .articles
            .iter()
            .all(|a| !["a0", "a1", "a2", "a3", "a4"].contains(&a.as_str()))));
        assert_eq!(ix.df.articles(), 55);
    }

    #[test]
    fn postings_hold_the_windows_articles_only() {
        let articles = corpus();
        let mut ix = StoryIndex::default();
        add_all(&mut ix, &articles, 0);
        assert!(ix.window.len() < articles.len());
        let mut want: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for h in &ix.window {
            for &t in &h.vector.terms {
                want.entry(t).or_default().push(h.slot);
            }
        }
        let got: FxHashMap<u64, Vec<u32>> = ix
            .postings
            .iter()
            .map(|(&t, l)| (t, l.iter().copied().collect()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn seen_holds_every_term_across_layers() {
        let mut seen = Seen::default();
        for i in 0..(LAYER as u64 + 10) {
            seen.insert(crate::blocked_bloom::mix64(i));
        }
        assert_eq!(seen.layers.len(), 2);
        assert!((0..(LAYER as u64 + 10)).all(|i| seen.contains(crate::blocked_bloom::mix64(i))));
    }
}
