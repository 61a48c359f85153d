//! Talking points: statements and phrases repeated across articles,
//! outlets and speakers, ranked by spread and novelty.
//!
//! - A **statement** talking point is a quote cluster of [`SignalIndex`]
//!   reported by two or more articles.
//! - A **phrase** talking point is a run of words shared by texts of at
//!   least two outlets and two independent sources: a slogan inside
//!   different statements, or a line of narration several outlets repeat.
//!   Texts are the quotes (a source is the quote's cluster, so one
//!   statement reported twice is not a phrase) and the narration of each
//!   article, i.e. its text with the quotes cut out (a source is the
//!   article's near-duplicate group, so a reprint repeats nothing). Word
//!   `n`-grams ([`TalkingConfig::phrase_words`], after lower-casing and
//!   dropping punctuation) that pass are merged where they overlap or
//!   touch inside a text, and the merged phrase is shown as the longest
//!   span of one text. Boilerplate and generic lines are filtered: an
//!   `n`-gram in more articles than [`TalkingConfig::max_articles`] (or
//!   more than [`TalkingConfig::max_article_share`] of them), all from one
//!   outlet (an article without an outlet counts as an outlet of its
//!   own), proposes nothing, and a merged phrase with fewer than
//!   [`TalkingConfig::min_content_words`] words of four letters or more is
//!   dropped.
//!
//! Score: `spread × (1 + novelty)`, where spread is `outlets +
//! ln(articles) + 0.5 × (speakers − 1) + (languages − 1)` and novelty is
//! `30 / (30 + days between the first appearance and the newest article)`,
//! so a point first seen recently ranks above a long-running one of the
//! same spread.

use crate::dates::{date_key, day_string};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// An article for talking points and story clusters.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub id: String,
    /// ISO date or date-time.
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// ISO 639-1 code, if known.
    pub language: Option<String>,
    pub title: Option<String>,
    /// The article's text (empty when not available).
    pub text: String,
}

/// A quote for talking points.
#[derive(Debug, Clone, Default)]
pub struct QuoteInput {
    /// The quote's id (`ARTICLE_ID#N`).
    pub id: String,
    /// Index of its article in the articles slice.
    pub article: usize,
    pub text: String,
    pub speaker: Option<String>,
    /// Its date when the text says when it was said.
    pub said_on: Option<String>,
    /// Code-point span of the quote in its article's text (cut from the
    /// narration), if known.
    pub span: Option<(usize, usize)>,
}

/// Settings of [`talking_points`].
#[derive(Debug, Clone)]
pub struct TalkingConfig {
    /// Words per phrase `n`-gram.
    pub phrase_words: usize,
    /// An `n`-gram in more articles than this is generic.
    pub max_articles: usize,
    /// An `n`-gram in more than this share of the articles is generic
    /// (applies from 50 articles on).
    pub max_article_share: f64,
    /// Words of four or more letters a phrase needs.
    pub min_content_words: usize,
    /// Build phrase talking points (statements only when false).
    pub phrases: bool,
    /// Talking points kept, highest score first (`None`: all). Statements
    /// in two or more articles grow with the corpus (about one per ten
    /// articles on the generated news corpus), so the derived file keeps
    /// the best ones only.
    pub max_points: Option<usize>,
}

impl Default for TalkingConfig {
    fn default() -> Self {
        TalkingConfig {
            phrase_words: 5,
            max_articles: 200,
            max_article_share: 0.02,
            min_content_words: 2,
            phrases: true,
            max_points: Some(10_000),
        }
    }
}

/// Where a talking point was first seen.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FirstSeen {
    pub article: String,
    pub date: Option<String>,
}

/// Appearances in one day (or one week, dated by its Monday).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimelineBin {
    pub date: String,
    pub count: usize,
}

/// One outlet's share of a talking point.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutletSpread {
    pub outlet: String,
    /// Its articles with the point.
    pub articles: usize,
    /// Date of its first article with the point.
    pub first: Option<String>,
}

/// One talking point.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TalkingPoint {
    /// `statement` or `phrase`.
    pub kind: String,
    pub text: String,
    /// Article ids, first appearance first.
    pub articles: Vec<String>,
    pub outlets: Vec<String>,
    pub speakers: Vec<String>,
    pub languages: Vec<String>,
    pub first_seen: FirstSeen,
    /// Appearances (quotes of a statement, occurrences of a phrase).
    pub count: usize,
    /// `day` or `week`.
    pub timeline_unit: String,
    pub timeline: Vec<TimelineBin>,
    /// Per outlet, in the order the outlets picked the point up.
    pub by_outlet: Vec<OutletSpread>,
    pub score: f64,
    /// The quotes of a statement (`ARTICLE_ID#N`); empty for a phrase.
    pub quotes: Vec<String>,
}

/// An occurrence of a talking point: an article, maybe a speaker.
pub(crate) struct Occurrence {
    /// The article's position.
    pub(crate) article: usize,
    /// The speaker's name as its [`speaker_key`], if any.
    pub(crate) speaker: Option<u64>,
}

/// A speaker name's key: a 64-bit hash (the standard library's SipHash,
/// never 0), so the passes keep no table of names (4 million at a million
/// generated articles); two names share a key with a probability of about
/// 2⁻⁶⁴ a pair. The names of the points that are output are looked up by
/// their keys at the end ([`crate::passes`]).
pub(crate) fn speaker_key(name: &str) -> u64 {
    // `DefaultHasher::new()` has fixed keys: the same key for the same
    // name within a run (keys are never saved).
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    h.finish().max(1)
}

/// A talking point whose speaker names are not filled in yet: its
/// `speakers` are empty and `speaker_keys` hold their keys, in the order
/// the names will have.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ranked {
    pub(crate) point: TalkingPoint,
    pub(crate) speaker_keys: Vec<u64>,
}

pub(crate) fn distinct<T: Clone + Eq + Hash>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for i in items {
        if seen.insert(i.clone()) {
            out.push(i);
        }
    }
    out
}

/// Names to small ids (`0, 1, 2, …` in order of first use), compactly:
/// the names in one buffer and a table from each name's 64-bit hash to its
/// id — about 30 bytes a name besides its text, against two strings and a
/// map entry (≈ 140 bytes) before; the generated news corpus has 4.4
/// speaker names an article. A name whose hash another name has already
/// (practically never) goes into a map of its own, so ids are exact.
pub(crate) struct Names {
    text: String,
    ends: Vec<usize>,
    by_hash: FxHashMap<u64, u32>,
    collided: FxHashMap<String, u32>,
    hash: fn(&str) -> u64,
}

impl Default for Names {
    fn default() -> Self {
        Names::with_hash(|name| {
            let mut h = rustc_hash::FxHasher::default();
            name.hash(&mut h);
            h.finish()
        })
    }
}

impl Names {
    fn with_hash(hash: fn(&str) -> u64) -> Names {
        Names {
            text: String::new(),
            ends: Vec::new(),
            by_hash: FxHashMap::default(),
            collided: FxHashMap::default(),
            hash,
        }
    }

    /// The id of `name`, given it if new.
    pub(crate) fn id(&mut self, name: &str) -> u32 {
        let h = (self.hash)(name);
        match self.by_hash.get(&h) {
            Some(&id) if self.get(id) == Some(name) => id,
            Some(_) => {
                if let Some(&id) = self.collided.get(name) {
                    return id;
                }
                let id = self.push(name);
                self.collided.insert(name.to_string(), id);
                id
            }
            None => {
                let id = self.push(name);
                self.by_hash.insert(h, id);
                id
            }
        }
    }

    fn push(&mut self, name: &str) -> u32 {
        let id = self.ends.len() as u32;
        self.text.push_str(name);
        self.ends.push(self.text.len());
        id
    }

    /// The name of `id`.
    pub(crate) fn get(&self, id: u32) -> Option<&str> {
        let i = id as usize;
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// What the passes keep of every article between them (by position):
/// id, date, outlet, language and, when asked for, title — compactly: the
/// ids in one buffer, dates, outlets and languages as ids into [`Names`]
/// (a corpus has few distinct ones), about 30 bytes an article instead of
/// an [`ArticleInput`] with its strings (≈ 280 bytes).
#[derive(Default)]
pub(crate) struct Metas {
    ids: String,
    id_ends: Vec<usize>,
    /// Per article an id into `names` (`u32::MAX`: none).
    dates: Vec<u32>,
    outlets: Vec<u32>,
    languages: Vec<u32>,
    /// One table for dates, outlets and languages.
    names: Names,
    /// Per article when titles are kept, else empty.
    titles: Vec<Option<String>>,
}

impl Metas {
    /// The articles' metadata; their titles too when `titles`.
    pub(crate) fn of(articles: &[ArticleInput], titles: bool) -> Metas {
        let mut m = Metas::default();
        for a in articles {
            m.push(a, titles);
        }
        m
    }

    /// Adds the next article (its title when `title`; then every article's
    /// title must be kept).
    pub(crate) fn push(&mut self, a: &ArticleInput, title: bool) {
        self.ids.push_str(&a.id);
        self.id_ends.push(self.ids.len());
        let mut name = |x: &Option<String>| x.as_deref().map_or(u32::MAX, |x| self.names.id(x));
        let (date, outlet, language) = (name(&a.date), name(&a.outlet), name(&a.language));
        self.dates.push(date);
        self.outlets.push(outlet);
        self.languages.push(language);
        if title {
            self.titles.push(a.title.clone());
        }
    }

    /// Gives back the arrays' spare capacity (once every article is in).
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store's corpus (`derived.rs`)
    pub(crate) fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.id_ends.shrink_to_fit();
        self.dates.shrink_to_fit();
        self.outlets.shrink_to_fit();
        self.languages.shrink_to_fit();
        self.titles.shrink_to_fit();
    }

    pub(crate) fn len(&self) -> usize {
        self.id_ends.len()
    }

    /// Writes the per-article arrays (ids, dates, outlets, languages;
    /// about 30 bytes an article) to a temporary file and frees them, for
    /// a step that reads none of them (the store path's index step, which
    /// sets the peak with them held); [`Metas::unpark`] reads them back.
    /// Nothing else may be read in between. The names' table and the
    /// titles stay.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn park(&mut self) -> std::io::Result<Parked> {
        use std::io::{Seek, Write};
        let mut f = std::io::BufWriter::new(tempfile::tempfile()?);
        let count = self.len();
        f.write_all(self.ids.as_bytes())?;
        for &e in &self.id_ends {
            f.write_all(&(e as u64).to_le_bytes())?;
        }
        for v in [&self.dates, &self.outlets, &self.languages] {
            for &x in v {
                f.write_all(&x.to_le_bytes())?;
            }
        }
        let mut file = f.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let parked = Parked {
            file,
            count,
            text: self.ids.len(),
        };
        self.ids = String::new();
        self.id_ends = Vec::new();
        self.dates = Vec::new();
        self.outlets = Vec::new();
        self.languages = Vec::new();
        Ok(parked)
    }

    /// The arrays [`Metas::park`] wrote, read back.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn unpark(&mut self, parked: Parked) -> std::io::Result<()> {
        use std::io::Read;
        let Parked { file, count, text } = parked;
        let mut r = std::io::BufReader::new(file);
        let mut ids = vec![0u8; text];
        r.read_exact(&mut ids)?;
        self.ids = String::from_utf8(ids)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let mut b8 = [0u8; 8];
        self.id_ends = Vec::with_capacity(count);
        for _ in 0..count {
            r.read_exact(&mut b8)?;
            self.id_ends.push(u64::from_le_bytes(b8) as usize);
        }
        let mut b4 = [0u8; 4];
        for v in [&mut self.dates, &mut self.outlets, &mut self.languages] {
            *v = Vec::with_capacity(count);
            for _ in 0..count {
                r.read_exact(&mut b4)?;
                v.push(u32::from_le_bytes(b4));
            }
        }
        Ok(())
    }

    pub(crate) fn id(&self, a: usize) -> &str {
        let start = if a == 0 { 0 } else { self.id_ends[a - 1] };
        &self.ids[start..self.id_ends[a]]
    }

    pub(crate) fn name(&self, id: u32) -> Option<&str> {
        (id != u32::MAX).then(|| self.names.get(id)).flatten()
    }

    pub(crate) fn date(&self, a: usize) -> Option<&str> {
        self.name(self.dates[a])
    }

    /// Article `a`'s outlet as its id in the names' table (`u32::MAX`:
    /// none); two articles have the same id exactly when they have the
    /// same outlet.
    pub(crate) fn outlet_id(&self, a: usize) -> u32 {
        self.outlets[a]
    }

    /// Article `a`'s language as [`Metas::outlet_id`] gives the outlet.
    pub(crate) fn language_id(&self, a: usize) -> u32 {
        self.languages[a]
    }

    pub(crate) fn outlet(&self, a: usize) -> Option<&str> {
        self.name(self.outlets[a])
    }

    pub(crate) fn language(&self, a: usize) -> Option<&str> {
        self.name(self.languages[a])
    }

    /// The title when titles were kept.
    pub(crate) fn title(&self, a: usize) -> Option<&str> {
        self.titles.get(a)?.as_deref()
    }

    /// Date keys (`u64::MAX` when undated), as [`date_keys`] gives them.
    pub(crate) fn date_keys(&self) -> Vec<u64> {
        (0..self.len())
            .map(|a| self.date(a).and_then(date_key).unwrap_or(u64::MAX))
            .collect()
    }
}

/// [`Metas`]' per-article arrays on a temporary file ([`Metas::park`]).
#[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
pub(crate) struct Parked {
    file: std::fs::File,
    count: usize,
    /// Bytes of the ids.
    text: usize,
}

/// What a talking point is built from: the articles (their texts are not
/// read) and their date keys.
pub(crate) struct Ctx<'a> {
    pub(crate) articles: &'a Metas,
    pub(crate) keys: Vec<u64>,
    pub(crate) newest: u64,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(articles: &'a Metas) -> Self {
        let keys = articles.date_keys();
        let newest = keys
            .iter()
            .copied()
            .filter(|&k| k != u64::MAX)
            .max()
            .unwrap_or(0);
        Ctx {
            articles,
            keys,
            newest,
        }
    }

    pub(crate) fn order(&self, a: usize) -> (u64, usize) {
        (self.keys[a], a)
    }

    /// The score of a point of `articles` distinct articles, outlets,
    /// speakers and languages whose first article is `first` (the one
    /// formula of [`Ctx::point`] and [`Ctx::score`]).
    fn score_of(
        &self,
        articles: usize,
        outlets: usize,
        speakers: usize,
        languages: usize,
        first: usize,
    ) -> f64 {
        let first_key = self.keys[first];
        let novelty = if first_key == u64::MAX || self.newest == 0 {
            0.0
        } else {
            let age = self.newest.saturating_sub(first_key) as f64 / 86_400.0;
            30.0 / (30.0 + age)
        };
        let spread = outlets as f64
            + (articles as f64).ln()
            + 0.5 * speakers.saturating_sub(1) as f64
            + languages.saturating_sub(1) as f64;
        (spread * (1.0 + novelty) * 1000.0).round() / 1000.0
    }

    /// The score and first article (position) the point of `occ` would
    /// have ([`Ctx::point`]'s `score` and `first_seen`), without making
    /// it: its lists of strings are made only for the points that can
    /// still be among the kept ones ([`crate::passes`]' `TopPoints`).
    /// `occ` must not be empty.
    pub(crate) fn score(&self, occ: &[Occurrence]) -> (f64, usize) {
        let m = self.articles;
        let mut arts: Vec<usize> = occ.iter().map(|o| o.article).collect();
        arts.sort_unstable();
        arts.dedup();
        let first = arts
            .iter()
            .copied()
            .min_by_key(|&a| self.order(a))
            .unwrap_or(0);
        // Names (outlets, languages) have one id each in the metadata's
        // table: distinct ids are distinct names.
        let count = |id: fn(&Metas, usize) -> u32| {
            let mut ids: Vec<u32> = arts
                .iter()
                .map(|&a| id(m, a))
                .filter(|&x| x != u32::MAX)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        };
        let (outlets, languages) = (count(Metas::outlet_id), count(Metas::language_id));
        let mut speakers: Vec<u64> = occ.iter().filter_map(|o| o.speaker).collect();
        speakers.sort_unstable();
        speakers.dedup();
        let score = self.score_of(arts.len(), outlets, speakers.len(), languages, first);
        (score, first)
    }

    pub(crate) fn point(
        &self,
        kind: &'static str,
        text: String,
        mut occ: Vec<Occurrence>,
        quotes: Vec<String>,
    ) -> Ranked {
        occ.sort_by_key(|o| self.order(o.article));
        let arts = distinct(occ.iter().map(|o| o.article));
        let m = self.articles;
        let articles: Vec<String> = arts.iter().map(|&a| m.id(a).to_string()).collect();
        let outlets = distinct(arts.iter().filter_map(|&a| m.outlet(a).map(str::to_string)));
        let languages = distinct(
            arts.iter()
                .filter_map(|&a| m.language(a).map(str::to_string)),
        );
        let speakers = distinct(occ.iter().filter_map(|o| o.speaker));
        let first = arts[0];
        let mut by_outlet: Vec<OutletSpread> = Vec::new();
        for &a in &arts {
            let Some(o) = m.outlet(a) else {
                continue;
            };
            match by_outlet.iter_mut().find(|s| s.outlet == o) {
                Some(s) => s.articles += 1,
                None => by_outlet.push(OutletSpread {
                    outlet: o.to_string(),
                    articles: 1,
                    first: m.date(a).map(str::to_string),
                }),
            }
        }
        // Timeline by day, by week when the span is longer than 90 days.
        let days: Vec<u64> = occ
            .iter()
            .map(|o| self.keys[o.article])
            .filter(|&k| k != u64::MAX)
            .map(|k| k / 86_400)
            .collect();
        let span = match (days.iter().min(), days.iter().max()) {
            (Some(a), Some(b)) => b - a,
            _ => 0,
        };
        let weekly = span > 90;
        let mut bins: Vec<(u64, usize)> = Vec::new();
        for d in days {
            // Day 0 of the key is a Wednesday (0000-03-01); Monday is 5 days on.
            let bin = if weekly { d - (d + 2) % 7 } else { d };
            match bins.iter_mut().find(|b| b.0 == bin) {
                Some(b) => b.1 += 1,
                None => bins.push((bin, 1)),
            }
        }
        bins.sort_unstable();
        let score = self.score_of(
            articles.len(),
            outlets.len(),
            speakers.len(),
            languages.len(),
            first,
        );
        let point = TalkingPoint {
            kind: kind.to_string(),
            text,
            first_seen: FirstSeen {
                article: m.id(first).to_string(),
                date: m.date(first).map(str::to_string),
            },
            count: occ.len(),
            articles,
            outlets,
            speakers: Vec::new(),
            languages,
            timeline_unit: if weekly { "week" } else { "day" }.to_string(),
            timeline: bins
                .into_iter()
                .map(|(d, count)| TimelineBin {
                    date: day_string(d),
                    count,
                })
                .collect(),
            by_outlet,
            score,
            quotes,
        };
        Ranked {
            point,
            speaker_keys: speakers,
        }
    }
}

/// `text` with the code-point spans cut out, as the pieces between them.
pub(crate) fn narration<'a>(text: &'a str, spans: &[(usize, usize)]) -> Vec<&'a str> {
    let mut spans: Vec<(usize, usize)> = spans.to_vec();
    spans.sort_unstable();
    // Code-point offsets → byte offsets (the same in ASCII text, so the
    // table is only made for other text).
    let ascii = text.is_ascii();
    let bytes: Vec<usize> = if ascii {
        Vec::new()
    } else {
        text.char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect()
    };
    let at = |cp: usize| {
        if ascii {
            cp.min(text.len())
        } else {
            bytes[cp.min(bytes.len() - 1)]
        }
    };
    let mut out = Vec::new();
    let mut from = 0;
    for (s, e) in spans {
        let (s, e) = (at(s), at(e.max(s)));
        if s > from {
            out.push(&text[from..s]);
        }
        from = from.max(e);
    }
    if from < text.len() {
        out.push(&text[from..]);
    }
    out
}

/// Date keys of articles (`u64::MAX` when undated).
pub(crate) fn date_keys(articles: &[ArticleInput]) -> Vec<u64> {
    articles
        .iter()
        .map(|a| a.date.as_deref().and_then(date_key).unwrap_or(u64::MAX))
        .collect()
}

/// The order articles go into the index: oldest first, then by position.
pub(crate) fn replay_order(keys: &[u64], positions: impl Iterator<Item = usize>) -> Vec<u32> {
    // u32 positions (4 bytes an article less than usize, held through
    // the index step).
    let mut order: Vec<u32> = positions.map(|p| p as u32).collect();
    order.sort_by_key(|&a| (keys[a as usize], a));
    order
}

/// Statements and phrases repeated across outlets, highest score first.
pub fn talking_points(
    articles: &[ArticleInput],
    quotes: &[QuoteInput],
    config: &TalkingConfig,
) -> Vec<TalkingPoint> {
    crate::passes::talking_points_in_memory(articles, quotes, config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingles::normalize_words as words_of;

    fn art(id: &str, date: &str, outlet: &str, text: &str) -> ArticleInput {
        ArticleInput {
            id: id.into(),
            date: Some(date.into()),
            outlet: Some(outlet.into()),
            language: Some("en".into()),
            title: None,
            text: text.into(),
        }
    }

    fn quote(id: &str, article: usize, speaker: &str, text: &str) -> QuoteInput {
        QuoteInput {
            id: id.into(),
            article,
            text: text.into(),
            speaker: Some(speaker.into()),
            said_on: None,
            span: None,
        }
    }

    #[test]
    fn parked_metas_read_back_as_they_were() {
        let articles: Vec<ArticleInput> = (0..3000)
            .map(|i| ArticleInput {
                id: format!("ä{i}"),
                date: (i % 5 != 0).then(|| format!("2023-05-{:02}", 1 + i % 28)),
                outlet: (i % 6 != 0).then(|| format!("O{}", i % 4)),
                language: (i % 9 != 0).then(|| "en".to_string()),
                title: None,
                text: String::new(),
            })
            .collect();
        let plain = Metas::of(&articles, false);
        let mut parked = Metas::of(&articles, false);
        let file = parked.park().unwrap();
        assert_eq!(parked.len(), 0);
        parked.unpark(file).unwrap();
        assert_eq!(parked.len(), plain.len());
        for a in 0..plain.len() {
            assert_eq!(parked.id(a), plain.id(a));
            assert_eq!(parked.date(a), plain.date(a));
            assert_eq!(parked.outlet(a), plain.outlet(a));
            assert_eq!(parked.language(a), plain.language(a));
        }
        assert_eq!(parked.date_keys(), plain.date_keys());
    }

    #[test]
    fn a_points_score_and_first_article_are_known_before_it_is_made() {
        // Repeated articles and outlets, undated articles, articles
        // without outlet or language, speakers named or not.
        let articles: Vec<ArticleInput> = (0..40)
            .map(|i| ArticleInput {
                id: format!("a{i}"),
                date: (i % 5 != 0).then(|| format!("2023-05-{:02}", 1 + (i * 7) % 28)),
                outlet: (i % 6 != 0).then(|| format!("O{}", i % 4)),
                language: (i % 9 != 0).then(|| ["en", "de"][i % 2].to_string()),
                title: None,
                text: String::new(),
            })
            .collect();
        let metas = Metas::of(&articles, false);
        let ctx = Ctx::new(&metas);
        for n in 1..60usize {
            let make = || -> Vec<Occurrence> {
                (0..n)
                    .map(|k| Occurrence {
                        article: (k * 13 + n * 7) % 40,
                        speaker: (k % 3 != 0).then_some(((k * n) % 5) as u64 + 1),
                    })
                    .collect()
            };
            let (score, first) = ctx.score(&make());
            let p = ctx.point("phrase", "t".into(), make(), Vec::new()).point;
            assert_eq!(score.to_bits(), p.score.to_bits(), "{n}");
            assert_eq!(metas.id(first), p.first_seen.article, "{n}");
            assert_eq!(metas.date(first), p.first_seen.date.as_deref(), "{n}");
        }
    }

    #[test]
    fn a_slogan_inside_different_statements_is_a_phrase() {
        let articles = vec![
            art("a", "2023-05-01", "One", "x"),
            art("b", "2023-05-03", "Two", "y"),
            art("c", "2023-05-04", "Three", "z"),
        ];
        let quotes = vec![
            quote("a#0", 0, "Anna Berg", "Our answer is simple: bring the harvest home before winter, and the farmers will stand with us."),
            quote("b#0", 1, "Piet Vos", "We told the minister that we must bring the harvest home before winter comes to the valley."),
            quote("c#0", 2, "Mia Lund", "Rain fell on the old town for the third day in a row."),
        ];
        let points = talking_points(&articles, &quotes, &TalkingConfig::default());
        let phrases: Vec<&TalkingPoint> = points.iter().filter(|p| p.kind == "phrase").collect();
        assert_eq!(phrases.len(), 1, "{points:#?}");
        let p = phrases[0];
        assert_eq!(
            words_of(&p.text),
            words_of("bring the harvest home before winter")
        );
        assert_eq!(p.articles, ["a", "b"]);
        assert_eq!(p.speakers, ["Anna Berg", "Piet Vos"]);
        assert_eq!(p.first_seen.article, "a");
        assert_eq!(p.timeline.len(), 2);
        assert_eq!(p.timeline[0].date, "2023-05-01");
        assert_eq!(p.by_outlet.len(), 2);
        assert_eq!(p.by_outlet[1].outlet, "Two");
        assert_eq!(p.by_outlet[1].first.as_deref(), Some("2023-05-03"));
        assert!(points.iter().all(|p| p.kind != "statement"));
    }

    #[test]
    fn one_statement_reported_twice_is_a_statement_not_a_phrase() {
        let articles = vec![
            art("a", "2023-05-01", "One", "x"),
            art("b", "2023-05-03", "Two", "y"),
        ];
        let s = "We are ready to negotiate, but only on our terms and not under pressure from Washington.";
        let quotes = vec![quote("a#0", 0, "S L", s), quote("b#0", 1, "S L", s)];
        let points = talking_points(&articles, &quotes, &TalkingConfig::default());
        assert_eq!(points.len(), 1, "{points:#?}");
        assert_eq!(points[0].kind, "statement");
        assert_eq!(points[0].quotes, ["a#0", "b#0"]);
        assert_eq!(points[0].count, 2);
    }

    #[test]
    fn narration_repeated_by_outlets_counts_but_boilerplate_of_one_outlet_does_not() {
        let line = "The central bank raised its key interest rate to a record high on Thursday";
        let boiler = "Subscribe to our newsletter for the latest breaking updates every morning";
        let articles = vec![
            art(
                "a",
                "2023-05-01",
                "One",
                &format!("{line}. Markets fell. {boiler}."),
            ),
            art(
                "b",
                "2023-05-02",
                "Two",
                &format!("Analysts were surprised. {line}, a statement said."),
            ),
            art(
                "c",
                "2023-05-02",
                "One",
                &format!("Farmers protested in the capital. {boiler}."),
            ),
        ];
        let points = talking_points(&articles, &[], &TalkingConfig::default());
        assert_eq!(points.len(), 1, "{points:#?}");
        assert_eq!(points[0].text, line);
        assert_eq!(points[0].outlets, ["One", "Two"]);
    }

    #[test]
    fn metas_give_back_what_was_put_in() {
        let mut articles = vec![
            art("a", "2023-05-01", "One", "x"),
            art("bb", "2023-05-01", "Two", "y"),
            ArticleInput {
                id: "c".into(),
                title: Some("T".into()),
                ..ArticleInput::default()
            },
            art("dd", "2023-05-02T10:00:00Z", "One", "z"),
        ];
        articles[1].language = Some("de".into());
        for titles in [false, true] {
            let m = Metas::of(&articles, titles);
            assert_eq!(m.len(), 4);
            for (i, a) in articles.iter().enumerate() {
                assert_eq!(m.id(i), a.id);
                assert_eq!(m.date(i), a.date.as_deref());
                assert_eq!(m.outlet(i), a.outlet.as_deref());
                assert_eq!(m.language(i), a.language.as_deref());
                assert_eq!(m.title(i), if titles { a.title.as_deref() } else { None });
            }
            assert_eq!(m.date_keys(), date_keys(&articles));
        }
    }

    #[test]
    fn names_get_one_id_each_even_when_their_hashes_collide() {
        let names = [
            "Anna Berg",
            "Piet Vos",
            "Anna Berg",
            "Mia Lund",
            "Piet Vos",
            "",
        ];
        // Every hash the same: all but the first name collide.
        for mut table in [Names::default(), Names::with_hash(|_| 7)] {
            let ids: Vec<u32> = names.iter().map(|n| table.id(n)).collect();
            assert_eq!(ids, [0, 1, 0, 2, 1, 3]);
            assert_eq!(table.len(), 4);
            for (n, id) in names.iter().zip(&ids) {
                assert_eq!(table.get(*id), Some(*n));
            }
            assert_eq!(table.get(4), None);
        }
    }

    #[test]
    fn quoted_spans_are_cut_from_the_narration() {
        let text = "He said \"we will bring the harvest home before winter\" today.";
        let pieces = narration(text, &[(9, 53)]);
        assert_eq!(pieces, ["He said \"", "\" today."]);
        assert_eq!(narration("abc", &[(1, 99)]), ["a"]);
        // Code points, not bytes, outside ASCII.
        assert_eq!(narration("äb «cd» e", &[(3, 7)]), ["äb ", " e"]);
        assert_eq!(narration("äbc", &[(1, 99)]), ["ä"]);
    }

    #[test]
    fn novelty_ranks_a_recent_point_above_an_old_one_of_equal_spread() {
        let articles = vec![
            art("a", "2023-01-01", "One", "x"),
            art("b", "2023-01-02", "Two", "y"),
            art("c", "2023-06-01", "One", "x"),
            art("d", "2023-06-02", "Two", "y"),
        ];
        let old = "We will never give up the northern islands to anyone at all.";
        let new = "The new bridge will open to traffic before the summer holidays.";
        let quotes = vec![
            quote("a#0", 0, "P", old),
            quote("b#0", 1, "P", old),
            quote("c#0", 2, "Q", new),
            quote("d#0", 3, "Q", new),
        ];
        let points = talking_points(&articles, &quotes, &TalkingConfig::default());
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].text, new);
        assert!(points[0].score > points[1].score);
    }
}
