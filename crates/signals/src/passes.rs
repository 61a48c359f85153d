//! Talking points and stories computed in passes over a corpus read a page
//! of articles at a time, so no pass holds every text at once (see
//! `docs/signals.md`, "Bounded memory of phrases and stories"):
//!
//! 1. **First pass** ([`FirstPass`]): each article's distinct phrase
//!    `n`-gram hashes are collected — in memory up to [`SPILL_AT`] hashes,
//!    beyond that appended to 64 temporary files split by the hash's top
//!    bits — and sorted per file to find the `n`-grams in two or more
//!    articles (an `n`-gram in one article only can never be a phrase);
//!    the document frequency of every story term (by hash) is counted.
//! 2. The articles go into the [`SignalIndex`] (replay order, a page at a
//!    time; see [`feed`]).
//! 3. **Counting pass**: for the repeated `n`-grams only, their distinct
//!    sources, outlets and articles (kept as "first one seen, and whether
//!    another one was"), which decides the passing ones; each article's
//!    story vector (its heaviest terms) from the document frequencies;
//!    speakers and the texts of the statements' first quotes.
//! 4. **Phrase pass**: runs of passing `n`-grams in each text are merged
//!    (union–find) and kept with their span's text.
//!
//! The result equals computing everything in memory at once (the rules of
//! `talking.rs` and `stories.rs`); the tests of both modules run through
//! these passes.

use crate::signal_index::{ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use crate::stories::{cluster, term_counts, term_hash, DocFreq, Story, StoryConfig, Vectors};
use crate::talking::{
    date_keys, distinct, narration, replay_order, ArticleInput, Ctx, Occurrence, QuoteInput,
    TalkingConfig, TalkingPoint,
};
use crate::union_find::UnionFind;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;

/// `n`-gram hashes held in memory by [`FirstPass`] before they go to
/// temporary files (128 MB).
pub(crate) const SPILL_AT: usize = 1 << 24;
/// Temporary files of the spilled hashes (by their top 6 bits).
const PARTS: usize = 64;

/// One article with its quotes, as a pass reads it: `quotes` in position
/// order, each with `article == pos`.
pub(crate) struct Item {
    /// The article's position in the corpus.
    pub(crate) pos: usize,
    pub(crate) article: ArticleInput,
    pub(crate) quotes: Vec<QuoteInput>,
}

/// A corpus read a page at a time.
pub(crate) trait Pages {
    type Error: From<std::io::Error>;
    /// Every article, in position order.
    fn scan(
        &self,
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error>;
    /// The articles at `positions`, in that order.
    fn fetch(
        &self,
        positions: &[usize],
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error>;
}

/// The texts of an item the phrase finder reads: each quote (`Some(k)`,
/// its position among the item's quotes), then the pieces of narration
/// (the text with the quotes cut out).
fn texts(item: &Item) -> Vec<(Option<usize>, &str)> {
    let mut out: Vec<(Option<usize>, &str)> = item
        .quotes
        .iter()
        .enumerate()
        .map(|(k, q)| (Some(k), q.text.as_str()))
        .collect();
    let spans: Vec<(usize, usize)> = item.quotes.iter().filter_map(|q| q.span).collect();
    out.extend(
        narration(&item.article.text, &spans)
            .into_iter()
            .map(|p| (None, p)),
    );
    out
}

/// Lower-cased words of `text` with their byte offsets.
fn words(text: &str) -> Vec<(usize, String)> {
    text.unicode_word_indices()
        .map(|(b, w)| (b, w.to_lowercase()))
        .collect()
}

/// Hashes of the `n`-word windows of `words`.
fn grams(words: &[(usize, String)], n: usize) -> Vec<u64> {
    if words.len() < n {
        return Vec::new();
    }
    words
        .windows(n)
        .map(|w| {
            let mut h = FxHasher::default();
            for (_, x) in w {
                x.hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

/// The `n`-gram hashes of `values` that occur twice or more, sorted.
fn repeated(mut values: Vec<u64>) -> Vec<u64> {
    values.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let j = i + values[i..].partition_point(|&x| x == values[i]);
        if j - i >= 2 {
            out.push(values[i]);
        }
        i = j;
    }
    out
}

/// Spilled `n`-gram hashes: one file per top-bits part.
struct Spill {
    _dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    files: Vec<BufWriter<std::fs::File>>,
}

impl Spill {
    fn new() -> std::io::Result<Spill> {
        let dir = tempfile::Builder::new()
            .prefix("newslens-grams")
            .tempdir()?;
        let paths: Vec<PathBuf> = (0..PARTS)
            .map(|p| dir.path().join(format!("{p:02}")))
            .collect();
        let files = paths
            .iter()
            .map(|p| std::fs::File::create(p).map(BufWriter::new))
            .collect::<Result<_, _>>()?;
        Ok(Spill {
            _dir: dir,
            paths,
            files,
        })
    }

    fn write(&mut self, values: &[u64]) -> std::io::Result<()> {
        for &h in values {
            self.files[(h >> 58) as usize].write_all(&h.to_le_bytes())?;
        }
        Ok(())
    }

    /// The hashes written twice or more, sorted (the parts follow the
    /// top bits, so their results concatenate in order).
    fn repeated(self) -> std::io::Result<Vec<u64>> {
        let mut out = Vec::new();
        for (file, path) in self.files.into_iter().zip(&self.paths) {
            file.into_inner().map_err(|e| e.into_error())?;
            let bytes = std::fs::read(path)?;
            std::fs::remove_file(path)?;
            let values: Vec<u64> = bytes
                .chunks_exact(8)
                .map(|c| {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(c);
                    u64::from_le_bytes(b)
                })
                .collect();
            out.extend(repeated(values));
        }
        Ok(out)
    }
}

/// What the first pass leaves for the others.
pub(crate) struct Prepared {
    /// Phrase `n`-grams in two or more articles, sorted.
    repeated: Vec<u64>,
    /// Story term document frequencies (when stories are computed).
    df: Option<DocFreq>,
}

/// The first pass over a corpus (see the module documentation).
pub(crate) struct FirstPass {
    n: usize,
    phrases: bool,
    buffer: Vec<u64>,
    spill_at: Option<usize>,
    spill: Option<Spill>,
    df: Option<DocFreq>,
}

impl FirstPass {
    /// `stories`: count story terms too; `spill`: write hashes beyond
    /// [`SPILL_AT`] to temporary files (else all stay in memory).
    pub(crate) fn new(config: &TalkingConfig, stories: bool, spill: bool) -> FirstPass {
        FirstPass {
            n: config.phrase_words.max(2),
            phrases: config.phrases,
            buffer: Vec::new(),
            spill_at: spill.then_some(SPILL_AT),
            spill: None,
            df: stories.then(DocFreq::default),
        }
    }

    pub(crate) fn add(&mut self, items: &[Item]) -> std::io::Result<()> {
        let (n, phrases, stories) = (self.n, self.phrases, self.df.is_some());
        let per: Vec<(Vec<u64>, Vec<u64>)> = items
            .par_iter()
            .map(|item| {
                let mut g: Vec<u64> = Vec::new();
                if phrases {
                    for (_, t) in texts(item) {
                        g.extend(grams(&words(t), n));
                    }
                    g.sort_unstable();
                    g.dedup();
                }
                let terms = if stories {
                    term_counts(item.article.title.as_deref(), &item.article.text)
                        .keys()
                        .map(|w| term_hash(w))
                        .collect()
                } else {
                    Vec::new()
                };
                (g, terms)
            })
            .collect();
        for (g, terms) in per {
            self.buffer.extend_from_slice(&g);
            if let Some(df) = &mut self.df {
                df.add(terms.into_iter());
            }
        }
        if self.spill_at.is_some_and(|at| self.buffer.len() >= at) {
            if self.spill.is_none() {
                self.spill = Some(Spill::new()?);
            }
            if let Some(spill) = &mut self.spill {
                spill.write(&self.buffer)?;
            }
            self.buffer.clear();
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> std::io::Result<Prepared> {
        let repeated = match self.spill.take() {
            None => repeated(std::mem::take(&mut self.buffer)),
            Some(mut spill) => {
                spill.write(&self.buffer)?;
                self.buffer = Vec::new();
                spill.repeated()?
            }
        };
        Ok(Prepared {
            repeated,
            df: self.df,
        })
    }
}

/// Adds `items` (in their order) to `index`, each article followed by its
/// quotes, recording each article's slot at its position.
pub(crate) fn feed(index: &mut SignalIndex, items: Vec<Item>, slot_of_pos: &mut Vec<usize>) {
    let mut refs: Vec<ArticleRef> = Vec::with_capacity(items.len());
    let mut qrefs: Vec<QuoteRef> = Vec::new();
    let mut positions = Vec::with_capacity(items.len());
    for (k, item) in items.into_iter().enumerate() {
        positions.push(item.pos);
        for q in item.quotes {
            qrefs.push(QuoteRef {
                id: q.id,
                article: k,
                text: q.text,
                speaker: q.speaker,
            });
        }
        let a = item.article;
        refs.push(ArticleRef {
            id: a.id,
            date: a.date,
            outlet: a.outlet,
            text: a.text,
        });
    }
    let (first, _) = index.add_articles_with_quotes(&refs, &qrefs);
    for (k, pos) in positions.into_iter().enumerate() {
        if slot_of_pos.len() <= pos {
            slot_of_pos.resize(pos + 1, usize::MAX);
        }
        slot_of_pos[pos] = first + k;
    }
}

/// Distinct sources, outlets and articles of a repeated `n`-gram, kept as
/// the first one seen and whether another one was.
#[derive(Clone, Copy, Default)]
struct GramStat {
    articles: u32,
    source: u64,
    other_source: bool,
    outlet: u64,
    other_outlet: bool,
}

/// One run of passing `n`-grams in a text.
struct Run {
    article: usize,
    speaker: Option<u32>,
    words: usize,
    /// Union–find id of its last `n`-gram.
    id: usize,
    text: String,
}

/// Names to small ids.
#[derive(Default)]
struct Names {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }
}

/// Talking points (and stories when the first pass counted their terms)
/// of a corpus whose articles are all in `index` (`slot_of_pos`: each
/// position's article slot). `metas` are the articles without their
/// texts (position order).
pub(crate) fn compute<P: Pages>(
    pages: &P,
    metas: &[ArticleInput],
    prepared: Prepared,
    index: &mut SignalIndex,
    slot_of_pos: &[usize],
    talk: &TalkingConfig,
    story: &StoryConfig,
) -> Result<(Vec<TalkingPoint>, Vec<Story>), P::Error> {
    let n = talk.phrase_words.max(2);
    let total = metas.len();
    let mut pos_of_slot = vec![usize::MAX; index.article_count()];
    for (p, &s) in slot_of_pos.iter().enumerate() {
        if let Some(x) = pos_of_slot.get_mut(s) {
            *x = p;
        }
    }
    let mut first_quote = vec![usize::MAX; index.article_count()];
    for s in (0..index.quote_count()).rev() {
        first_quote[index.quote_article(s)] = s;
    }
    let clusters = index.quote_clusters();
    let firsts: FxHashSet<usize> = clusters.iter().map(|c| c.members[0]).collect();
    let mut statement_text: FxHashMap<usize, String> = FxHashMap::default();
    let mut speakers = Names::default();
    let mut speaker_of_slot: Vec<u32> = vec![u32::MAX; index.quote_count()];
    let mut outlets = Names::default();
    let mut stats: FxHashMap<u64, GramStat> = prepared
        .repeated
        .iter()
        .map(|&h| (h, GramStat::default()))
        .collect();
    drop(prepared.repeated);
    let df = prepared.df;
    let mut vectors = Vectors::default();
    // The quote slots of an item (`None`: not in the index as this quote).
    let quote_slots = |index: &SignalIndex, item: &Item| -> Vec<Option<usize>> {
        let Some(&a) = slot_of_pos.get(item.pos).filter(|&&s| s != usize::MAX) else {
            return vec![None; item.quotes.len()];
        };
        let first = first_quote.get(a).copied().unwrap_or(usize::MAX);
        item.quotes
            .iter()
            .enumerate()
            .map(|(k, q)| {
                let s = first.checked_add(k)?;
                (s < index.quote_count()
                    && index.quote_article(s) == a
                    && index.quote_id(s) == q.id)
                    .then_some(s)
            })
            .collect()
    };
    // Counting pass.
    pages.scan(&mut |items: Vec<Item>| {
        // Per item: the repeated n-grams of each text, its term counts.
        type Counted = (Vec<Vec<u64>>, Option<FxHashMap<String, f64>>);
        let per: Vec<Counted> = items
            .par_iter()
            .map(|item| {
                let g = if talk.phrases {
                    texts(item)
                        .into_iter()
                        .map(|(_, t)| {
                            let mut g = grams(&words(t), n);
                            g.retain(|h| stats.contains_key(h));
                            g
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let tf = df
                    .as_ref()
                    .map(|_| term_counts(item.article.title.as_deref(), &item.article.text));
                (g, tf)
            })
            .collect();
        for (item, (text_grams, tf)) in items.iter().zip(per) {
            if let (Some(tf), Some(df)) = (&tf, &df) {
                vectors.push(tf, df, story);
            }
            let Some(&slot) = slot_of_pos.get(item.pos).filter(|&&s| s != usize::MAX) else {
                continue;
            };
            let qs = quote_slots(index, item);
            for (q, s) in item.quotes.iter().zip(&qs) {
                let Some(s) = *s else { continue };
                if let Some(name) = &q.speaker {
                    speaker_of_slot[s] = speakers.id(name);
                }
                if firsts.contains(&s) {
                    statement_text.insert(s, q.text.clone());
                }
            }
            if !talk.phrases {
                continue;
            }
            let narration_source = (1u64 << 40) + index.article_group(slot) as u64;
            let outlet = match &item.article.outlet {
                Some(o) => u64::from(outlets.id(o)),
                // An article without an outlet counts as an outlet of its own.
                None => (1u64 << 63) + item.pos as u64,
            };
            let mut pairs: Vec<(u64, u64)> = Vec::new();
            for ((k, _), g) in texts(item).into_iter().zip(text_grams) {
                let source = match k {
                    Some(k) => match qs[k] {
                        Some(s) => index.quote_group(s) as u64,
                        None => continue,
                    },
                    None => narration_source,
                };
                pairs.extend(g.into_iter().map(|h| (h, source)));
            }
            pairs.sort_unstable();
            pairs.dedup();
            let mut last: Option<u64> = None;
            for (h, source) in pairs {
                let Some(st) = stats.get_mut(&h) else {
                    continue;
                };
                if last != Some(h) {
                    last = Some(h);
                    if st.articles == 0 {
                        st.source = source;
                        st.outlet = outlet;
                    } else if st.outlet != outlet {
                        st.other_outlet = true;
                    }
                    st.articles = st.articles.saturating_add(1);
                }
                if st.source != source {
                    st.other_source = true;
                }
            }
        }
        Ok(())
    })?;
    let ctx = Ctx::new(metas, &speakers.names);
    let mut points: Vec<TalkingPoint> = Vec::new();
    for c in &clusters {
        let Some(text) = statement_text.get(&c.members[0]) else {
            continue;
        };
        let ids = c
            .members
            .iter()
            .map(|&s| index.quote_id(s).to_string())
            .collect();
        let occ: Vec<Occurrence> = c
            .members
            .iter()
            .filter_map(|&s| {
                let article = *pos_of_slot.get(index.quote_article(s))?;
                (article < total).then(|| Occurrence {
                    article,
                    speaker: Some(speaker_of_slot[s]).filter(|&x| x != u32::MAX),
                })
            })
            .collect();
        if !occ.is_empty() {
            points.push(ctx.point("statement", text.clone(), occ, ids));
        }
    }
    drop(clusters);
    if talk.phrases {
        let mut limit = talk.max_articles;
        if total >= 50 {
            limit = limit.min((total as f64 * talk.max_article_share).ceil() as usize);
        }
        let limit = limit.max(2);
        let good: FxHashSet<u64> = stats
            .iter()
            .filter(|(_, s)| s.other_source && s.other_outlet && s.articles as usize <= limit)
            .map(|(&h, _)| h)
            .collect();
        drop(stats);
        let runs = phrase_runs(pages, index, &good, n, talk, &speaker_of_slot, &quote_slots)?;
        points.extend(phrases(&ctx, runs));
    }
    points.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.first_seen.date.cmp(&b.first_seen.date))
            .then_with(|| a.text.cmp(&b.text))
    });
    let stories = match df {
        Some(_) => cluster(metas, &vectors, story),
        None => Vec::new(),
    };
    Ok((points, stories))
}

/// The phrase pass: runs of passing `n`-grams in every text, with their
/// union–find over `n`-grams.
fn phrase_runs<P: Pages>(
    pages: &P,
    index: &SignalIndex,
    good: &FxHashSet<u64>,
    n: usize,
    talk: &TalkingConfig,
    speaker_of_slot: &[u32],
    quote_slots: &dyn Fn(&SignalIndex, &Item) -> Vec<Option<usize>>,
) -> Result<(UnionFind, Vec<Run>), P::Error> {
    let content_ok = |ws: &[(usize, String)]| {
        ws.iter().filter(|(_, w)| w.chars().count() >= 4).count() >= talk.min_content_words
    };
    let mut ids: FxHashMap<u64, usize> = FxHashMap::default();
    let mut uf = UnionFind::default();
    let mut runs: Vec<Run> = Vec::new();
    pages.scan(&mut |items: Vec<Item>| {
        // Per item, per text: (quote position, the run's n-grams, words, text).
        type Found = (Option<usize>, Vec<u64>, usize, String);
        let per: Vec<Vec<Found>> = items
            .par_iter()
            .map(|item| {
                let mut out: Vec<Found> = Vec::new();
                for (k, text) in texts(item) {
                    let ws = words(text);
                    let g = grams(&ws, n);
                    let mut p = 0;
                    while p < g.len() {
                        if !good.contains(&g[p]) {
                            p += 1;
                            continue;
                        }
                        let mut q = p;
                        while q < g.len() && good.contains(&g[q]) {
                            q += 1;
                        }
                        let e = q - 1 + n;
                        // A run of function words is generic.
                        if content_ok(&ws[p..e]) {
                            let start = ws[p].0;
                            let last = ws[e - 1].0;
                            let end =
                                last + text[last..].unicode_words().next().map_or(0, str::len);
                            out.push((k, g[p..q].to_vec(), e - p, text[start..end].to_string()));
                        }
                        p = q;
                    }
                }
                out
            })
            .collect();
        for (item, found) in items.iter().zip(per) {
            if found.is_empty() {
                continue;
            }
            let qs = quote_slots(index, item);
            for (k, run_grams, len, text) in found {
                let speaker = match k {
                    Some(k) => match qs[k] {
                        Some(s) => Some(speaker_of_slot[s]).filter(|&x| x != u32::MAX),
                        None => continue,
                    },
                    None => None,
                };
                let mut prev: Option<usize> = None;
                for gram in run_grams {
                    let id = *ids.entry(gram).or_insert_with(|| uf.push());
                    if let Some(prev) = prev {
                        uf.union(prev, id);
                    }
                    prev = Some(id);
                }
                if let Some(id) = prev {
                    runs.push(Run {
                        article: item.pos,
                        speaker,
                        words: len,
                        id,
                        text,
                    });
                }
            }
        }
        Ok(())
    })?;
    Ok((uf, runs))
}

/// Phrase talking points of the merged runs: one per group of runs in two
/// or more articles, shown as its longest run (earliest on ties).
fn phrases(ctx: &Ctx, (mut uf, runs): (UnionFind, Vec<Run>)) -> Vec<TalkingPoint> {
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (r, run) in runs.iter().enumerate() {
        groups.entry(uf.find(run.id)).or_default().push(r);
    }
    let mut out = Vec::new();
    for members in groups.into_values() {
        let arts = distinct(members.iter().map(|&r| runs[r].article)).len();
        if arts < 2 {
            continue;
        }
        let best = members
            .iter()
            .copied()
            .max_by_key(|&r| {
                (
                    runs[r].words,
                    std::cmp::Reverse(ctx.order(runs[r].article)),
                    std::cmp::Reverse(r),
                )
            })
            .unwrap_or(members[0]);
        let occ = members
            .iter()
            .map(|&r| Occurrence {
                article: runs[r].article,
                speaker: runs[r].speaker,
            })
            .collect();
        out.push(ctx.point("phrase", runs[best].text.clone(), occ, Vec::new()));
    }
    out
}

/// A corpus held in memory.
struct SlicePages<'a> {
    articles: &'a [ArticleInput],
    quotes: &'a [QuoteInput],
    by_article: Vec<Vec<usize>>,
}

impl<'a> SlicePages<'a> {
    fn new(articles: &'a [ArticleInput], quotes: &'a [QuoteInput]) -> Self {
        let mut by_article = vec![Vec::new(); articles.len()];
        for (q, quote) in quotes.iter().enumerate() {
            if let Some(list) = by_article.get_mut(quote.article) {
                list.push(q);
            }
        }
        SlicePages {
            articles,
            quotes,
            by_article,
        }
    }

    fn item(&self, pos: usize) -> Item {
        Item {
            pos,
            article: self.articles[pos].clone(),
            quotes: self.by_article[pos]
                .iter()
                .map(|&q| self.quotes[q].clone())
                .collect(),
        }
    }
}

impl Pages for SlicePages<'_> {
    type Error = std::io::Error;

    fn scan(
        &self,
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error> {
        let all: Vec<usize> = (0..self.articles.len()).collect();
        self.fetch(&all, f)
    }

    fn fetch(
        &self,
        positions: &[usize],
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error> {
        for chunk in positions.chunks(1024) {
            f(chunk
                .iter()
                .filter(|&&p| p < self.articles.len())
                .map(|&p| self.item(p))
                .collect())?;
        }
        Ok(())
    }
}

/// [`crate::talking_points`]: the passes over a corpus in memory.
pub(crate) fn talking_points_in_memory(
    articles: &[ArticleInput],
    quotes: &[QuoteInput],
    config: &TalkingConfig,
) -> Vec<TalkingPoint> {
    let pages = SlicePages::new(articles, quotes);
    let run = || -> std::io::Result<Vec<TalkingPoint>> {
        let mut first = FirstPass::new(config, false, false);
        if config.phrases {
            pages.scan(&mut |items| first.add(&items))?;
        }
        let prepared = first.finish()?;
        let order = replay_order(&date_keys(articles), 0..articles.len());
        let mut index = SignalIndex::new(SignalConfig::default());
        let mut slot_of_pos = vec![usize::MAX; articles.len()];
        pages.fetch(&order, &mut |items| {
            feed(&mut index, items, &mut slot_of_pos);
            Ok(())
        })?;
        let (points, _) = compute(
            &pages,
            articles,
            prepared,
            &mut index,
            &slot_of_pos,
            config,
            &StoryConfig::default(),
        )?;
        Ok(points)
    };
    // Nothing in memory fails (no temporary files without spilling).
    run().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keeps_values_seen_twice_or_more_sorted() {
        assert_eq!(repeated(vec![5, 1, 5, 3, 1, 1, 9]), [1, 5]);
        assert!(repeated(vec![]).is_empty());
    }

    #[test]
    fn spilled_hashes_give_the_same_repeated_set_as_in_memory() {
        // Values across all top-bit parts, some repeated across writes.
        let values: Vec<u64> = (0..5000u64)
            .map(|i| (i % 1700).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let mut spill = Spill::new().unwrap();
        for chunk in values.chunks(333) {
            spill.write(chunk).unwrap();
        }
        let from_disk = spill.repeated().unwrap();
        assert_eq!(from_disk, repeated(values));
        assert_eq!(from_disk.len(), 1700);
    }

    #[test]
    fn a_first_pass_that_spills_finds_the_same_repeated_grams() {
        let article = |i: usize, text: String| ArticleInput {
            id: format!("a{i}"),
            text,
            ..ArticleInput::default()
        };
        let articles: Vec<ArticleInput> = (0..40)
            .map(|i| {
                article(
                    i,
                    format!(
                        "word{} shared line of five words here and unique{i} tail{i} end{i} more{i} x{i}",
                        i % 7
                    ),
                )
            })
            .collect();
        let pages = SlicePages::new(&articles, &[]);
        let config = TalkingConfig::default();
        let run = |spill_at: Option<usize>| {
            let mut first = FirstPass::new(&config, false, spill_at.is_some());
            first.spill_at = spill_at;
            pages.scan(&mut |items| first.add(&items)).unwrap();
            let spilled = first.spill.is_some();
            (first.finish().unwrap().repeated, spilled)
        };
        let (memory, spilled) = run(None);
        assert!(!spilled);
        let (disk, spilled) = run(Some(10));
        assert!(spilled);
        assert_eq!(memory, disk);
        assert!(!memory.is_empty());
    }
}
