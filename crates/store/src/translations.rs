//! Possible translations of a statement: quotes of the same linked speaker,
//! in another language, close in date, that name the same rare entities.
//! The main type is [`TranslationQuery`].
//!
//! Quote travel links reports of one statement by their words, so a
//! translation never links. The sentence encoders available here do not
//! tell a translated statement from the same speaker's other statements on
//! the subject (docs/signals-eval.md, "Translated quotes"), but the names a
//! statement mentions survive translation: the entity linker gives "Киев",
//! "Kiev" and "Kyiv" one entity. So a candidate must have the source's
//! speaker entity, another language, a date within the window, and share
//! named entities whose rarity (`ln(articles / articles naming it)`, summed)
//! reaches a threshold: "Ukraine" and "Russia" alone, in nearly every
//! statement of the war, never suffice; "Donetsk" and "Luhansk" do.
//! Candidates are shown beside a statement's travel, never merged into it.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::queries::{quote_row, QUOTE_COLUMNS};
use crate::{QuoteRow, Store, StoreError};

/// Rules of [`Store::translation_candidates`].
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationQuery {
    /// Days between the two quotes' dates at most (when both are dated).
    pub window_days: u32,
    /// Shared entities at least.
    pub min_shared: usize,
    /// Sum of the shared entities' `ln(articles / articles naming it)` at
    /// least.
    pub min_weight: f64,
    /// Quotes of the speaker read per source quote at most (nearest dates
    /// first), so a speaker quoted thousands of times stays cheap.
    pub scan_limit: u32,
    /// Candidates returned at most, best first.
    pub limit: usize,
    /// Sources read at most (the first ones given: a statement's first
    /// appearances); each costs a few indexed queries.
    pub max_sources: usize,
}

impl Default for TranslationQuery {
    /// The settings chosen on the SemEval-2025 Train and Development
    /// articles (docs/signals-eval.md, "Translated quotes, session 7").
    fn default() -> Self {
        TranslationQuery {
            window_days: 7,
            min_shared: 2,
            min_weight: 10.0,
            scan_limit: 2_000,
            limit: 20,
            max_sources: 20,
        }
    }
}

/// A quote that may be the same statement in another language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TranslationCandidate {
    /// The candidate quote's row.
    #[serde(flatten)]
    pub row: QuoteRow,
    /// Its article's language.
    pub lang: Option<String>,
    /// The source quote (`ARTICLE_ID#N`) it was found from.
    pub source: String,
    /// Names of the entities both quotes mention, rarest first.
    pub shared: Vec<String>,
    /// The sum of the shared entities' rarity.
    pub weight: f64,
}

/// A quote's rowid, speaker entity, date (Julian day) and language.
type QuoteHead = (i64, Option<i64>, Option<f64>, Option<String>);

/// A quote of the speaker: rowid, language, date (Julian day), entities.
type SpeakerQuote = (i64, Option<String>, Option<f64>, HashSet<i64>);

/// One source quote as the search needs it.
struct Source {
    id: String,
    speaker: i64,
    /// The quote's date as a Julian day number.
    day: Option<f64>,
    lang: String,
    about: HashSet<i64>,
}

impl Store {
    /// Quotes that may report one of `sources` (quotes given as `(article
    /// id, position)`, e.g. a statement's travel; the first
    /// [`TranslationQuery::max_sources`] are read) in another language; the
    /// sources themselves are never candidates. A source without a linked
    /// speaker, a language or two named entities finds nothing. Best first
    /// (weight, then date, then id).
    pub fn translation_candidates(
        &self,
        sources: &[(String, u32)],
        q: &TranslationQuery,
    ) -> Result<Vec<TranslationCandidate>, StoreError> {
        let sources = &sources[..sources.len().min(q.max_sources)];
        self.timed(|| {
            let own: HashSet<i64> = sources
                .iter()
                .filter_map(|(id, idx)| self.quote_rowid(id, *idx).transpose())
                .collect::<Result<_, _>>()?;
            let mut found: HashMap<i64, (f64, Vec<i64>, String)> = HashMap::new();
            let mut rarity: HashMap<i64, f64> = HashMap::new();
            let total: i64 = self
                .conn
                .query_row("SELECT count(*) FROM quotes", [], |r| r.get(0))?;
            let total = total.max(1) as f64;
            // The sources by speaker: one scan of a speaker's quotes serves
            // all of that speaker's sources (a statement's appearances
            // mostly share speaker and dates).
            let mut groups: Vec<(i64, Vec<Source>)> = Vec::new();
            for (id, idx) in sources {
                let Some(source) = self.translation_source(id, *idx)? else {
                    continue;
                };
                if source.about.len() < q.min_shared.max(1) {
                    continue;
                }
                match groups.iter_mut().find(|(sp, _)| *sp == source.speaker) {
                    Some((_, group)) => group.push(source),
                    None => groups.push((source.speaker, vec![source])),
                }
            }
            let window = f64::from(q.window_days);
            for (speaker, group) in &groups {
                for (rowid, lang, day, about) in self.same_speaker_quotes(*speaker, group, q)? {
                    let Some(lang) = lang else { continue };
                    if own.contains(&rowid) {
                        continue;
                    }
                    for source in group {
                        if lang == source.lang {
                            continue;
                        }
                        if let (Some(a), Some(b)) = (source.day, day) {
                            if (a - b).abs() > window {
                                continue;
                            }
                        }
                        let mut shared: Vec<i64> = about
                            .iter()
                            .copied()
                            .filter(|e| source.about.contains(e))
                            .collect();
                        if shared.len() < q.min_shared {
                            continue;
                        }
                        let mut weight = 0.0;
                        for e in &shared {
                            weight += match rarity.get(e) {
                                Some(w) => *w,
                                None => {
                                    let w = self.entity_rarity(*e, total)?;
                                    rarity.insert(*e, w);
                                    w
                                }
                            };
                        }
                        if weight < q.min_weight {
                            continue;
                        }
                        if found.get(&rowid).is_none_or(|(w, _, _)| weight > *w) {
                            shared.sort_by(|a, b| rarity[b].total_cmp(&rarity[a]).then(a.cmp(b)));
                            found.insert(rowid, (weight, shared, source.id.clone()));
                        }
                    }
                }
            }
            let mut out = Vec::with_capacity(found.len());
            let mut row = self.conn.prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS}, a.lang FROM quotes q JOIN articles a ON a.rowid = q.article \
                 LEFT JOIN entities e ON e.rowid = q.speaker_entity WHERE q.rowid = ?1"
            ))?;
            let mut name = self
                .conn
                .prepare_cached("SELECT name FROM entities WHERE rowid = ?1")?;
            for (rowid, (weight, shared, source)) in found {
                let (row, lang) =
                    row.query_row([rowid], |r| Ok((quote_row(r)?, r.get::<_, Option<String>>(15)?)))?;
                let shared = shared
                    .iter()
                    .map(|e| name.query_row([e], |r| r.get::<_, String>(0)))
                    .collect::<Result<_, _>>()?;
                out.push(TranslationCandidate {
                    row,
                    lang,
                    source,
                    shared,
                    weight,
                });
            }
            out.sort_by(|a, b| {
                b.weight
                    .total_cmp(&a.weight)
                    .then_with(|| a.row.date.cmp(&b.row.date))
                    .then_with(|| a.row.article.cmp(&b.row.article))
                    .then_with(|| a.row.index.cmp(&b.row.index))
            });
            out.truncate(q.limit);
            Ok(out)
        })
    }

    fn quote_rowid(&self, article: &str, idx: u32) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT q.rowid FROM quotes q JOIN articles a ON a.rowid = q.article \
                 WHERE a.id = ?1 AND q.idx = ?2",
            )?
            .query_row(params![article, idx], |r| r.get(0))
            .optional()?)
    }

    /// The source quote's speaker entity, date, language and the entities
    /// it mentions; `None` without a linked speaker or a language.
    fn translation_source(&self, article: &str, idx: u32) -> Result<Option<Source>, StoreError> {
        let head: Option<QuoteHead> = self
            .conn
            .prepare_cached(
                "SELECT q.rowid, q.speaker_entity, julianday(q.date), a.lang FROM quotes q \
                 JOIN articles a ON a.rowid = q.article WHERE a.id = ?1 AND q.idx = ?2",
            )?
            .query_row(params![article, idx], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((rowid, Some(speaker), day, Some(lang))) = head else {
            return Ok(None);
        };
        let mut about = self.about(rowid)?;
        // The speaker naming itself is no shared subject.
        about.remove(&speaker);
        Ok(Some(Source {
            id: format!("{article}#{idx}"),
            speaker,
            day,
            lang,
            about,
        }))
    }

    /// The entities a quote mentions.
    fn about(&self, quote: i64) -> Result<HashSet<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entity FROM quote_about WHERE quote = ?1")?;
        let rows = stmt.query_map([quote], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The speaker's quotes dated within the window of some source (all
    /// of them when a source is undated; undated quotes always), nearest
    /// the sources' middle date first, at most `scan_limit`, with their
    /// language, date and the entities they mention (the speaker removed).
    fn same_speaker_quotes(
        &self,
        speaker: i64,
        group: &[Source],
        q: &TranslationQuery,
    ) -> Result<Vec<SpeakerQuote>, StoreError> {
        let window = f64::from(q.window_days);
        let days: Option<Vec<f64>> = group.iter().map(|s| s.day).collect();
        let (lo, hi, mid) = match days {
            Some(d) if !d.is_empty() => {
                let lo = d.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = d.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (Some(lo - window), Some(hi + window), Some((lo + hi) / 2.0))
            }
            _ => (None, None, None),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.rowid, a.lang, julianday(q.date) FROM quotes q \
             JOIN articles a ON a.rowid = q.article \
             WHERE q.speaker_entity = ?1 \
             AND (?2 IS NULL OR q.date IS NULL OR q.date BETWEEN date(?2) AND date(?3)) \
             ORDER BY abs(julianday(q.date) - ?4), q.rowid LIMIT ?5",
        )?;
        let rows: Vec<(i64, Option<String>, Option<f64>)> = stmt
            .query_map(params![speaker, lo, hi, mid, q.scan_limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(rowid, lang, day)| {
                let mut about = self.about(rowid)?;
                about.remove(&speaker);
                Ok((rowid, lang, day, about))
            })
            .collect()
    }

    /// `ln(quotes / quotes naming the entity)`, at least 0.
    fn entity_rarity(&self, entity: i64, total: f64) -> Result<f64, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM quote_about WHERE entity = ?1")?
            .query_row([entity], |r| r.get(0))?;
        Ok((total / n.max(1) as f64).ln().max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// An article holding one quote of `speaker` (an actor id) that names
    /// `names` (actor ids too), in `lang`, published on `day`.
    fn statement(id: &str, lang: &str, day: &str, speaker: &str, names: &[&str]) -> Value {
        let mut text = format!("{speaker} said: \"");
        let quote_start = text.chars().count();
        let mut entities = vec![json!({
            "id": "E0", "name": speaker, "type": "person", "actor": speaker,
            "mentions": [{"start": 0, "end": speaker.chars().count(), "text": speaker}]
        })];
        for (i, name) in names.iter().enumerate() {
            let start = text.chars().count();
            text.push_str(name);
            entities.push(json!({
                "id": format!("E{}", i + 1), "name": name, "type": "location", "actor": name,
                "mentions": [{"start": start, "end": start + name.chars().count(), "text": name}]
            }));
            text.push_str(" and ");
        }
        text.push_str("more");
        let quote_end = text.chars().count();
        let quoted: String = text.chars().skip(quote_start).collect();
        text.push_str("\".");
        json!({
            "schema": "newslens.article/1", "id": id, "title": null, "published": day,
            "lang": lang, "text": text, "boilerplate": [],
            "source": {"path": id, "outlet": "Outlet", "format": "text"},
            "entities": entities,
            "quotes": [{"text": quoted, "start": quote_start, "end": quote_end, "kind": "direct",
                        "cue": "said",
                        "speaker": {"text": speaker, "start": 0, "end": speaker.chars().count(),
                                    "name": speaker, "entity": "E0"},
                        "said_on": null}],
            "dates": [], "narratives": [], "roles": []
        })
    }

    fn corpus() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let rare = ["donetsk", "luhansk", "ukraine"];
        let mut articles = vec![
            statement("q1", "en", "2024-06-14", "putin", &rare),
            statement("q2", "ru", "2024-06-15", "putin", &rare),
            statement("q3", "en", "2024-06-15", "putin", &rare),
            statement("q4", "bg", "2024-09-01", "putin", &rare),
            statement("q5", "pt", "2024-06-14", "putin", &["ukraine", "russia"]),
            statement("q6", "pt", "2024-06-14", "lavrov", &rare),
        ];
        // Ukraine and Russia in nearly every quote: common names.
        for i in 0..30 {
            articles.push(statement(
                &format!("f{i}"),
                "en",
                "2024-06-10",
                "anna",
                &["ukraine", "russia"],
            ));
        }
        store.put_articles(&articles).unwrap();
        (dir, store)
    }

    fn query() -> TranslationQuery {
        TranslationQuery {
            min_weight: 3.0,
            ..TranslationQuery::default()
        }
    }

    fn found(store: &Store, sources: &[&str], q: &TranslationQuery) -> Vec<String> {
        let keys: Vec<(String, u32)> = sources.iter().map(|s| (s.to_string(), 0)).collect();
        store
            .translation_candidates(&keys, q)
            .unwrap()
            .iter()
            .map(|c| format!("{}#{}", c.row.article, c.row.index))
            .collect()
    }

    #[test]
    fn same_speaker_other_language_in_the_window_sharing_rare_names_is_a_candidate() {
        let (_dir, store) = corpus();
        let got = store
            .translation_candidates(&[("q1".to_string(), 0)], &query())
            .unwrap();
        // Not q3 (same language), q4 (79 days later), q5 (common names
        // only) or q6 (another speaker).
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].row.article, "q2");
        assert_eq!(got[0].lang.as_deref(), Some("ru"));
        assert_eq!(got[0].source, "q1#0");
        assert_eq!(got[0].shared.len(), 3);
        assert_eq!(got[0].shared[2], "ukraine", "rarest first");
        assert!(got[0].weight >= 3.0);
    }

    #[test]
    fn the_window_and_the_weight_threshold_are_honoured() {
        let (_dir, store) = corpus();
        let wide = TranslationQuery {
            window_days: 120,
            ..query()
        };
        assert_eq!(found(&store, &["q1"], &wide), ["q2#0", "q4#0"]);
        let strict = TranslationQuery {
            min_weight: 100.0,
            ..query()
        };
        assert!(found(&store, &["q1"], &strict).is_empty());
        // Two sources far apart: one scan covers both dates, but each
        // candidate must be within the window of the source it matches
        // (q3, English, is 78 days from q4 and the language of q1).
        assert_eq!(found(&store, &["q1", "q4"], &query()), ["q2#0"]);
        // The default threshold is for real corpora: this toy one's
        // weights (36 quotes) stay under it.
        assert!(found(&store, &["q1"], &TranslationQuery::default()).is_empty());
    }

    #[test]
    fn sources_are_never_their_own_candidates_and_unknown_sources_find_nothing() {
        let (_dir, store) = corpus();
        // q2 (Russian) finds both English reports, q1 and q3; as sources
        // together, the three find nothing else.
        assert_eq!(found(&store, &["q2"], &query()), ["q1#0", "q3#0"]);
        assert!(found(&store, &["q1", "q2", "q3"], &query()).is_empty());
        assert!(found(&store, &["nope"], &query()).is_empty());
    }
}
