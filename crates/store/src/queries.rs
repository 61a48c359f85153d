//! Reading: lists with totals, one article, one entity, narrative counts,
//! full-text search. User text never becomes SQL: filters are bound
//! parameters and full-text queries are rebuilt from words (see
//! [`fts_query`]).

use crate::*;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};

/// Snippet markers: control characters the cleaned text does not contain.
const OPEN: &str = "\u{1}";
const CLOSE: &str = "\u{2}";
/// Words of context in a snippet.
const SNIPPET_WORDS: i64 = 16;
/// The largest page a list query returns.
pub const MAX_LIMIT: u32 = 1000;
/// Full-text matches ranked by relevance (bm25) per query and table: the
/// most recently stored ones. Ranking every match of a frequent word took
/// 40 ms per 34,000 matches; beyond the window, matches follow newest
/// stored first.
pub const RANK_WINDOW: u64 = 1000;
/// The same for [`Store::search`], per table (articles, quotes): it ranks
/// both, so a smaller window (search `talks`: 7.5 → 4.4 ms p50 with 250
/// instead of 1,000).
pub const SEARCH_WINDOW: u64 = 250;

pub(crate) const QUOTE_COLUMNS: &str =
    "a.id, a.title, a.outlet, a.published, q.idx, q.text, q.kind, q.cue, \
     q.speaker_text, q.speaker, e.id, q.said_on, q.date, q.start, q.end";

/// A count or offset column (NULL and negative values as 0).
pub(crate) fn count(r: &Row, i: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

pub(crate) fn quote_row(r: &Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        article: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        published: r.get(3)?,
        index: r.get(4)?,
        text: r.get(5)?,
        kind: r.get(6)?,
        cue: r.get(7)?,
        speaker_text: r.get(8)?,
        speaker: r.get(9)?,
        speaker_id: r.get(10)?,
        said_on: r.get(11)?,
        date: r.get(12)?,
        start: count(r, 13)?,
        end: count(r, 14)?,
    })
}

fn entity_row(r: &Row) -> rusqlite::Result<EntityRow> {
    Ok(EntityRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        actor: r.get(3)?,
        articles: count(r, 4)?,
        mentions: count(r, 5)?,
        quotes: count(r, 6)?,
    })
}

/// A safe FTS5 query from user text: every word becomes a quoted phrase
/// (all required), a trailing `*` a prefix. `None` when there is no word.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter_map(|w| {
            let (word, prefix) = match w.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (w, false),
            };
            // Only words the tokenizer keeps something of.
            if !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            let quoted = format!("\"{}\"", word.replace('"', "\"\""));
            Some(if prefix { quoted + "*" } else { quoted })
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Splits an FTS5 snippet marked with [`OPEN`]/[`CLOSE`] into fragments.
fn fragments(snippet: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut rest = snippet;
    while !rest.is_empty() {
        match rest.find(OPEN) {
            Some(i) => {
                if i > 0 {
                    out.push(Fragment {
                        text: rest[..i].to_string(),
                        hit: false,
                    });
                }
                let after = &rest[i + OPEN.len()..];
                let j = after.find(CLOSE).unwrap_or(after.len());
                out.push(Fragment {
                    text: after[..j].to_string(),
                    hit: true,
                });
                rest = after.get(j + CLOSE.len()..).unwrap_or("");
            }
            None => {
                out.push(Fragment {
                    text: rest.to_string(),
                    hit: false,
                });
                break;
            }
        }
    }
    out.retain(|f| !f.text.is_empty());
    out
}

/// The exclusive upper bound for "starts with `prefix`".
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

fn limit(l: u32) -> i64 {
    i64::from(l.min(MAX_LIMIT))
}

impl Store {
    /// Articles, newest first, or by relevance with a full-text `q` (when
    /// more than [`RANK_WINDOW`] articles match, the most recently stored
    /// [`RANK_WINDOW`] of them are ranked and come first, the others follow
    /// newest stored first; `total` always counts every match).
    pub fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, StoreError> {
        self.timed(|| self.articles_untimed(q))
    }

    fn articles_untimed(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, StoreError> {
        let fts = match q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => match fts_query(text) {
                Some(query) => Some(query),
                None => {
                    return Ok(Page {
                        total: 0,
                        items: Vec::new(),
                    })
                }
            },
            None => None,
        };
        if let (Some(query), None) = (&fts, &q.outlet) {
            let total = self.fts_count("article_fts", query)?;
            let ids = self.ranked_page("article_fts", query, total, q.limit, q.offset)?;
            return Ok(Page {
                total,
                items: self.article_rows(&ids)?,
            });
        }
        let mut conds = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
        if let Some(query) = &fts {
            conds.push("a.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)");
            args.push(Sql::Text(query.clone()));
        }
        if let Some(outlet) = &q.outlet {
            conds.push("a.outlet = ?");
            args.push(Sql::Text(outlet.clone()));
        }
        let filter = where_clause(&conds);
        let total: u64 = if conds.is_empty() {
            self.conn
                .prepare_cached("SELECT count(*) FROM articles")?
                .query_row([], |r| count(r, 0))?
        } else {
            self.conn.query_row(
                &format!("SELECT count(*) FROM articles a{filter}"),
                params_from_iter(args.iter()),
                |r| count(r, 0),
            )?
        };
        let sql = match &fts {
            Some(_) => {
                // With an outlet (the CLI's filter): every match ranked.
                let mut extra = String::new();
                if q.outlet.is_some() {
                    extra.push_str(" AND a.outlet = ?");
                }
                format!(
                    "SELECT a.rowid FROM article_fts f JOIN articles a ON a.rowid = f.rowid \
                     WHERE article_fts MATCH ?{extra} ORDER BY f.rank, a.id LIMIT ? OFFSET ?"
                )
            }
            None => format!(
                "SELECT a.rowid FROM articles a{filter} \
                 ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
            ),
        };
        args.push(Sql::Integer(limit(q.limit)));
        args.push(Sql::Integer(i64::from(q.offset)));
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Page {
            total,
            items: self.article_rows(&ids)?,
        })
    }

    /// The article summaries with these rowids, in this order.
    fn article_rows(&self, ids: &[i64]) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, published, lang, outlet, n_quotes, n_entities, n_narratives \
             FROM articles WHERE rowid = ?1",
        )?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            let row = stmt
                .query_row([id], |r| {
                    Ok(ArticleSummary {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        published: r.get(2)?,
                        lang: r.get(3)?,
                        outlet: r.get(4)?,
                        quotes: count(r, 5)?,
                        entities: count(r, 6)?,
                        narratives: count(r, 7)?,
                    })
                })
                .optional()?;
            items.extend(row);
        }
        Ok(items)
    }

    /// How many rows of a full-text table (`article_fts`, `quote_fts`) match.
    fn fts_count(&self, table: &str, query: &str) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM {table} WHERE {table} MATCH ?1"
            ))?
            .query_row([query], |r| count(r, 0))?)
    }

    /// The newest `window` matches of a full-text table with their bm25
    /// rank, best first (ties: newest first).
    fn ranked_window(
        &self,
        table: &str,
        query: &str,
        window: u64,
    ) -> Result<Vec<(i64, f64)>, StoreError> {
        let mut window: Vec<(i64, f64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ?1 \
                 ORDER BY rowid DESC LIMIT ?2"
            ))?
            .query_map(params![query, window as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        window.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        Ok(window)
    }

    /// Matches of a full-text table after the ranked window, newest first,
    /// with their bm25 rank.
    fn unranked(
        &self,
        table: &str,
        query: &str,
        window: u64,
        skip: u64,
        take: u64,
    ) -> Result<Vec<(i64, f64)>, StoreError> {
        if take == 0 {
            return Ok(Vec::new());
        }
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ?1 \
                 ORDER BY rowid DESC LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(
                params![
                    query,
                    take.min(i64::MAX as u64) as i64,
                    (window + skip).min(i64::MAX as u64) as i64
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<Result<_, _>>()?)
    }

    /// One page of matches of a full-text table (`total` of them): the
    /// ranked window first, then the older matches.
    fn ranked_page(
        &self,
        table: &str,
        query: &str,
        total: u64,
        page: u32,
        offset: u32,
    ) -> Result<Vec<i64>, StoreError> {
        let (from, to) = (u64::from(offset), u64::from(offset) + limit(page) as u64);
        let mut ids = Vec::new();
        if from < RANK_WINDOW.min(total) {
            let window = self.ranked_window(table, query, RANK_WINDOW)?;
            ids.extend(
                window
                    .iter()
                    .skip(from as usize)
                    .take((to - from) as usize)
                    .map(|(id, _)| *id),
            );
        }
        if to > RANK_WINDOW && total > RANK_WINDOW {
            let skip = from.saturating_sub(RANK_WINDOW);
            let take = to - RANK_WINDOW.max(from);
            ids.extend(
                self.unranked(table, query, RANK_WINDOW, skip, take)?
                    .into_iter()
                    .map(|(id, _)| id),
            );
        }
        Ok(ids)
    }

    /// The contract article object as stored, or `None` for an unknown id.
    pub fn article(&self, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        match self.timed(|| self.article_json_untimed(id))? {
            Some(json) => {
                serde_json::from_str(&json)
                    .map(Some)
                    .map_err(|source| StoreError::Damaged {
                        id: id.to_string(),
                        source,
                    })
            }
            None => Ok(None),
        }
    }

    /// The stored article JSON text, exactly as it was put (key order kept).
    pub fn article_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.timed(|| self.article_json_untimed(id))
    }

    fn article_json_untimed(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT json FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// How many articles are stored.
    pub fn article_count(&self) -> Result<u64, StoreError> {
        self.timed(|| {
            Ok(self
                .conn
                .query_row("SELECT count(*) FROM articles", [], |r| count(r, 0))?)
        })
    }

    /// Every stored article's rowid and id, in rowid order. A new article
    /// gets a rowid above every stored one (a replaced article is stored
    /// again, so it gets a new one too; after the highest is deleted its
    /// rowid may be given again), which makes the order one of insertion.
    pub fn article_rowids(&self) -> Result<Vec<(i64, String)>, StoreError> {
        self.timed(|| {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT rowid, id FROM articles ORDER BY rowid")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Quotes matching the filters, newest first (undated last).
    pub fn quotes(&self, q: &QuoteQuery) -> Result<Page<QuoteRow>, StoreError> {
        self.timed(|| self.quotes_untimed(q))
    }

    fn quotes_untimed(&self, q: &QuoteQuery) -> Result<Page<QuoteRow>, StoreError> {
        let about_cond;
        let mut conds: Vec<&str> = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
        // The total when a count table knows it (one filter only).
        let mut known_total: Option<u64> = None;
        // Full-text conditions (the speaker's words, the text's), joined.
        let mut fts: Vec<String> = Vec::new();
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let empty = || {
            Ok(Page {
                total: 0,
                items: Vec::new(),
            })
        };
        if let Some(speaker) = text(&q.speaker) {
            // A store id, else the exact name (any case), else the name's
            // words: the first two are served by an index in date order.
            let entity: Option<(i64, i64)> = self
                .conn
                .prepare_cached("SELECT rowid, quotes FROM entities WHERE id = ?1")?
                .query_row([&speaker], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let named = match entity {
                Some(_) => 0,
                None => crate::aggregates::speaker_quotes(&self.conn, &speaker)?,
            };
            match (entity, named, fts_query(&speaker)) {
                (Some((rowid, quotes)), _, _) => {
                    conds.push("q.speaker_entity = ?");
                    args.push(Sql::Integer(rowid));
                    known_total = Some(quotes.max(0) as u64);
                }
                (None, n, _) if n > 0 => {
                    conds.push("q.speaker = ?");
                    args.push(Sql::Text(speaker));
                    known_total = Some(n);
                }
                (None, _, Some(words)) => fts.push(format!("(speaker : ({words}))")),
                (None, _, None) => return empty(),
            }
        }
        if let Some(about) = text(&q.about) {
            let entities: Vec<i64> = self
                .conn
                .prepare_cached("SELECT rowid FROM entities WHERE id = ?1 OR name = ?1")?
                .query_map([&about], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            match entities.as_slice() {
                [] => return empty(),
                // The usual case, served in date order by an index.
                [entity] if conds.is_empty() && only_about(q) => {
                    let total: u64 = self
                        .conn
                        .prepare_cached("SELECT count(*) FROM quote_about WHERE entity = ?1")?
                        .query_row([entity], |r| count(r, 0))?;
                    return Ok(Page {
                        total,
                        items: self.about_page(*entity, q.limit, q.offset)?,
                    });
                }
                _ => {
                    let marks = vec!["?"; entities.len()].join(", ");
                    about_cond = format!(
                        "q.rowid IN (SELECT quote FROM quote_about WHERE entity IN ({marks}))"
                    );
                    conds.push(&about_cond);
                    args.extend(entities.into_iter().map(Sql::Integer));
                }
            }
        }
        if let Some(since) = text(&q.since) {
            conds.push("q.date >= ?");
            args.push(Sql::Text(since));
        }
        if let Some(until) = text(&q.until) {
            conds.push("q.date < ?");
            args.push(Sql::Text(prefix_end(&until)));
        }
        if let Some(outlet) = text(&q.outlet) {
            conds.push("q.outlet = ?");
            args.push(Sql::Text(outlet));
        }
        if let Some(search) = text(&q.search) {
            let Some(words) = fts_query(&search) else {
                return empty();
            };
            fts.push(format!("({words})"));
        }
        if !fts.is_empty() {
            let query = fts.join(" AND ");
            if conds.is_empty() {
                return self.quote_search_page(&query, q.limit, q.offset);
            }
            return self.quote_search_filtered_page(&query, &conds, args, q.limit, q.offset);
        }
        if conds.len() != 1 {
            known_total = None;
        }
        self.quote_page(&conds, args, known_total, q.limit, q.offset)
    }

    /// Quotes matching a full-text query (and nothing else), newest first.
    /// The matches are read once from the index (their number is the
    /// total); for a frequent word the date index is then read newest first
    /// until the page is full, for a rare one the matches' dates are looked
    /// up and sorted.
    fn quote_search_page(
        &self,
        words: &str,
        page: u32,
        offset: u32,
    ) -> Result<Page<QuoteRow>, StoreError> {
        let matches = self.quote_matches(words)?;
        let total = matches.len() as u64;
        if total == 0 {
            return Ok(Page {
                total,
                items: Vec::new(),
            });
        }
        // About as many quotes as the largest rowid (deletes leave gaps).
        let all: u64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(rowid), 0) FROM quotes")?
            .query_row([], |r| count(r, 0))?;
        let wanted = u64::from(offset) + limit(page) as u64;
        // Index entries read before the page is full, against matches
        // looked up one by one (each about 20 times dearer).
        let scan = wanted.saturating_mul(all) / total;
        let ids: Vec<i64> = if scan < total.saturating_mul(20) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT rowid FROM quotes INDEXED BY quotes_date ORDER BY date DESC, rowid DESC",
            )?;
            let mut rows = stmt.query([])?;
            let mut found = Vec::with_capacity(limit(page) as usize);
            let mut seen = 0u64;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if matches.binary_search(&id).is_ok() {
                    seen += 1;
                    if seen > u64::from(offset) {
                        found.push(id);
                        if seen >= wanted {
                            break;
                        }
                    }
                }
            }
            found
        } else {
            let mut date = self
                .conn
                .prepare_cached("SELECT date FROM quotes WHERE rowid = ?1")?;
            let mut dated = Vec::with_capacity(matches.len());
            for id in matches {
                let d: Option<Option<String>> = date.query_row([id], |r| r.get(0)).optional()?;
                if let Some(d) = d {
                    dated.push((d, id));
                }
            }
            // Newest first, undated last (as ORDER BY date DESC).
            dated.sort_unstable_by(|a, b| b.cmp(a));
            dated
                .into_iter()
                .skip(offset as usize)
                .take(limit(page) as usize)
                .map(|(_, id)| id)
                .collect()
        };
        Ok(Page {
            total,
            items: self.quote_rows(&ids)?,
        })
    }

    /// The rowids of the quotes matching a full-text query, sorted.
    fn quote_matches(&self, words: &str) -> Result<Vec<i64>, StoreError> {
        // In rowid order from the index; sorted again in case.
        let mut matches: Vec<i64> = self
            .conn
            .prepare_cached("SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?1")?
            .query_map([words], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if !matches.is_sorted() {
            matches.sort_unstable();
        }
        Ok(matches)
    }

    /// Quotes matching a full-text query and `conds` (as [`Self::quote_page`]),
    /// newest first. SQLite's own plan for the two together may walk every
    /// quote the conditions allow and test each against the full-text
    /// matches (a speaker's words and a date on a generated 100,000-article
    /// database: over a second, stopped by the server's limit). Here the
    /// matches are read once, the quotes the conditions allow are counted
    /// from their indexes, and the smaller side drives: the allowed quotes
    /// in date order, each looked up among the matches, or the matches,
    /// each found by its rowid and checked against the conditions, then
    /// sorted by date.
    fn quote_search_filtered_page(
        &self,
        words: &str,
        conds: &[&str],
        args: Vec<Sql>,
        page: u32,
        offset: u32,
    ) -> Result<Page<QuoteRow>, StoreError> {
        let matches = self.quote_matches(words)?;
        if matches.is_empty() {
            return Ok(Page {
                total: 0,
                items: Vec::new(),
            });
        }
        let filter = where_clause(conds);
        let allowed: u64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM quotes q{filter}"))?
            .query_row(params_from_iter(args.iter()), |r| count(r, 0))?;
        // Reading the next entry of a narrow index costs a fraction of
        // finding a quote by its rowid (on the generated database, idle
        // about 0.3 against 4 µs, under load 0.7 against 4–8 µs).
        let hits: Vec<i64> = if allowed <= (matches.len() as u64).saturating_mul(6) {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT q.rowid FROM quotes q{filter} ORDER BY q.date DESC, q.rowid DESC"
            ))?;
            let mut rows = stmt.query(params_from_iter(args.iter()))?;
            let mut hits = Vec::new();
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if matches.binary_search(&id).is_ok() {
                    hits.push(id);
                }
            }
            hits
        } else {
            // The matches drive: NOT INDEXED keeps SQLite from walking an
            // index of the conditions instead (it still finds each match by
            // its rowid). The full-text index is read a second time here on
            // purpose: looking the matches up one statement per rowid from
            // Rust measured slower (about 7 µs each against the in-query
            // lookup; 38k matches 0.5 s against 0.26 s).
            let mut params = args;
            params.push(Sql::Text(words.to_string()));
            let mut dated: Vec<(Option<String>, i64)> = self
                .conn
                .prepare_cached(&format!(
                    "SELECT q.date, q.rowid FROM quotes q NOT INDEXED{filter} \
                     AND q.rowid IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?)"
                ))?
                .query_map(params_from_iter(params.iter()), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?;
            // Newest first, undated last (as ORDER BY date DESC).
            dated.sort_unstable_by(|a, b| b.cmp(a));
            dated.into_iter().map(|(_, id)| id).collect()
        };
        let ids: Vec<i64> = hits
            .iter()
            .skip(offset as usize)
            .take(limit(page) as usize)
            .copied()
            .collect();
        Ok(Page {
            total: hits.len() as u64,
            items: self.quote_rows(&ids)?,
        })
    }

    /// A page of quotes under `conds` (on `quotes q`; `args` holds the
    /// parameters of every condition in order), newest first; `total` is
    /// counted unless known.
    fn quote_page(
        &self,
        conds: &[&str],
        args: Vec<Sql>,
        total: Option<u64>,
        page: u32,
        offset: u32,
    ) -> Result<Page<QuoteRow>, StoreError> {
        let mut expanded = args;
        let filter = where_clause(conds);
        let total: u64 = match total {
            Some(total) => total,
            None => self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM quotes q{filter}"))?
                .query_row(params_from_iter(expanded.iter()), |r| count(r, 0))?,
        };
        expanded.push(Sql::Integer(limit(page)));
        expanded.push(Sql::Integer(i64::from(offset)));
        // The page's quotes first (narrow rows, sorted), then their columns.
        let page_ids: Vec<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT q.rowid FROM quotes q{filter} ORDER BY q.date DESC, q.rowid DESC LIMIT ? OFFSET ?"
            ))?
            .query_map(params_from_iter(expanded.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let items = self.quote_rows(&page_ids)?;
        Ok(Page { total, items })
    }

    /// Quotes mentioning the entity with this rowid, newest first.
    fn about_page(&self, entity: i64, page: u32, offset: u32) -> Result<Vec<QuoteRow>, StoreError> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT quote FROM quote_about WHERE entity = ?1 \
                 ORDER BY date DESC, quote DESC LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![entity, limit(page), i64::from(offset)], |r| {
                r.get(0)
            })?
            .collect::<Result<_, _>>()?;
        self.quote_rows(&ids)
    }

    /// The quotes with these rowids, in this order.
    fn quote_rows(&self, ids: &[i64]) -> Result<Vec<QuoteRow>, StoreError> {
        let mut row = self.conn.prepare_cached(&format!(
            "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.rowid = q.article \
             LEFT JOIN entities e ON e.rowid = q.speaker_entity WHERE q.rowid = ?1"
        ))?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            items.push(row.query_row([id], quote_row)?);
        }
        Ok(items)
    }

    /// An entity's roles: per main role a total (`fine` null), then per fine
    /// role, from the count table.
    fn role_counts(&self, entity: i64) -> Result<Vec<RoleCount>, StoreError> {
        let mut roles: Vec<RoleCount> = self
            .conn
            .prepare_cached(
                "SELECT main, fine, articles, score_sum, scored FROM entity_roles WHERE entity = ?1",
            )?
            .query_map([entity], |r| {
                let scored = count(r, 4)?;
                let sum: f64 = r.get(3)?;
                Ok(RoleCount {
                    main: r.get(0)?,
                    fine: r.get(1)?,
                    articles: count(r, 2)?,
                    mean_score: (scored > 0).then(|| sum / scored as f64),
                })
            })?
            .collect::<Result<_, _>>()?;
        roles.sort_by(|a, b| {
            (
                &a.main,
                a.fine.is_some(),
                std::cmp::Reverse(a.articles),
                &a.fine,
            )
                .cmp(&(
                    &b.main,
                    b.fine.is_some(),
                    std::cmp::Reverse(b.articles),
                    &b.fine,
                ))
        });
        Ok(roles)
    }

    /// Entities with their counts, most mentioned first.
    pub fn entities(&self, q: &EntityQuery) -> Result<Page<EntityRow>, StoreError> {
        self.timed(|| self.entities_untimed(q))
    }

    fn entities_untimed(&self, q: &EntityQuery) -> Result<Page<EntityRow>, StoreError> {
        let mut conds = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
        if let Some(kind) = q.kind.as_deref().filter(|k| !k.is_empty()) {
            conds.push("type = ?");
            args.push(Sql::Text(kind.to_string()));
        }
        if let Some(prefix) = q.prefix.as_deref().filter(|p| !p.is_empty()) {
            conds.push("name >= ? AND name < ?");
            args.push(Sql::Text(prefix.to_string()));
            args.push(Sql::Text(prefix_end(prefix)));
        }
        let filter = where_clause(&conds);
        let total: u64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM entities{filter}"))?
            .query_row(params_from_iter(args.iter()), |r| count(r, 0))?;
        args.push(Sql::Integer(limit(q.limit)));
        args.push(Sql::Integer(i64::from(q.offset)));
        let items = self
            .conn
            .prepare_cached(&format!(
                "SELECT id, name, type, actor, articles, mentions, quotes FROM entities{filter} \
                 ORDER BY articles DESC, mentions DESC, rowid LIMIT ? OFFSET ?"
            ))?
            .query_map(params_from_iter(args.iter()), entity_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page { total, items })
    }

    /// One entity (by store id) with its quotes, roles and mentions per month.
    pub fn entity(&self, id: &str) -> Result<Option<EntityDetail>, StoreError> {
        self.timed(|| self.entity_untimed(id))
    }

    fn entity_untimed(&self, id: &str) -> Result<Option<EntityDetail>, StoreError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, name, type, actor, articles, mentions, quotes, rowid FROM entities WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((entity_row(r)?, r.get::<_, i64>(7)?)))
            .optional()?;
        let Some((entity, rowid)) = found else {
            return Ok(None);
        };
        let names = self
            .conn
            .prepare_cached(
                "SELECT name FROM entity_names WHERE entity = ?1 ORDER BY links DESC, name LIMIT 20",
            )?
            .query_map([rowid], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        let said: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM quotes WHERE speaker_entity = ?1 \
                 ORDER BY date DESC, rowid DESC LIMIT 100",
            )?
            .query_map([rowid], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let quotes = self.quote_rows(&said)?;
        let quotes_about = self.about_page(rowid, 100, 0)?;
        let roles = self.role_counts(rowid)?;
        let months = self
            .conn
            .prepare_cached(
                "SELECT month, articles, mentions FROM entity_months \
                 WHERE entity = ?1 ORDER BY month IS NULL, month",
            )?
            .query_map([rowid], |r| {
                Ok(MonthCount {
                    month: r.get(0)?,
                    articles: count(r, 1)?,
                    mentions: count(r, 2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(EntityDetail {
            entity,
            names,
            quotes,
            quotes_about,
            roles,
            months,
        }))
    }

    /// Articles per narrative and subnarrative, optionally per outlet or
    /// month, from the count table kept by every write.
    pub fn narratives(&self, by: NarrativeGrouping) -> Result<Vec<NarrativeCount>, StoreError> {
        self.timed(|| self.narratives_untimed(by))
    }

    fn narratives_untimed(&self, by: NarrativeGrouping) -> Result<Vec<NarrativeCount>, StoreError> {
        let grouping = match by {
            NarrativeGrouping::None => "all",
            NarrativeGrouping::Outlet => "outlet",
            NarrativeGrouping::Month => "month",
        };
        let mut rows: Vec<NarrativeCount> = self
            .conn
            .prepare_cached(
                "SELECT grp, narrative, subnarrative, articles, score_sum, scored \
                 FROM narrative_counts WHERE grouping = ?1",
            )?
            .query_map([grouping], |r| {
                let scored = count(r, 5)?;
                let sum: f64 = r.get(4)?;
                Ok(NarrativeCount {
                    group: r.get(0)?,
                    narrative: r.get(1)?,
                    subnarrative: r.get(2)?,
                    articles: count(r, 3)?,
                    mean_score: (scored > 0).then(|| sum / scored as f64),
                })
            })?
            .collect::<Result<_, _>>()?;
        rows.sort_by(|a, b| {
            let key = |n: &NarrativeCount| {
                (
                    n.group.is_none(),
                    n.group.clone(),
                    n.narrative.clone(),
                    n.subnarrative.is_some(),
                    std::cmp::Reverse(n.articles),
                    n.subnarrative.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(rows)
    }

    /// Full-text search over article titles and texts and over quotes, best
    /// first, with snippets. The query is words (all required; `word*` a
    /// prefix); FTS5 syntax is not interpreted. The most recently stored
    /// [`SEARCH_WINDOW`] matching articles and as many quotes are ranked
    /// together by bm25; older matches follow (articles, then quotes, newest
    /// stored first). `total` counts every match.
    pub fn search(&self, q: &str, limit_: u32, offset: u32) -> Result<Page<SearchHit>, StoreError> {
        self.timed(|| self.search_untimed(q, limit_, offset))
    }

    fn search_untimed(
        &self,
        q: &str,
        limit_: u32,
        offset: u32,
    ) -> Result<Page<SearchHit>, StoreError> {
        let Some(query) = fts_query(q) else {
            return Ok(Page {
                total: 0,
                items: Vec::new(),
            });
        };
        let n_articles = self.fts_count("article_fts", &query)?;
        let n_quotes = self.fts_count("quote_fts", &query)?;
        let total = n_articles + n_quotes;
        let (from, to) = (u64::from(offset), u64::from(offset) + limit(limit_) as u64);
        // (is an article, rowid, rank)
        let mut hits: Vec<(bool, i64, f64)> = Vec::new();
        let (w_articles, w_quotes) = (n_articles.min(SEARCH_WINDOW), n_quotes.min(SEARCH_WINDOW));
        let window = w_articles + w_quotes;
        if from < window {
            let mut ranked: Vec<(bool, i64, f64)> = self
                .ranked_window("article_fts", &query, SEARCH_WINDOW)?
                .into_iter()
                .map(|(id, rank)| (true, id, rank))
                .chain(
                    self.ranked_window("quote_fts", &query, SEARCH_WINDOW)?
                        .into_iter()
                        .map(|(id, rank)| (false, id, rank)),
                )
                .collect();
            ranked.sort_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)).then(a.1.cmp(&b.1)));
            hits.extend(
                ranked
                    .into_iter()
                    .skip(from as usize)
                    .take((to - from) as usize),
            );
        }
        // After the window: older articles, then older quotes.
        let (tail_articles, tail_quotes) = (n_articles - w_articles, n_quotes - w_quotes);
        let (tail_from, tail_to) = (from.max(window) - window, to.max(window) - window);
        if tail_from < tail_to {
            let (a_from, a_to) = (tail_from.min(tail_articles), tail_to.min(tail_articles));
            for (id, rank) in
                self.unranked("article_fts", &query, SEARCH_WINDOW, a_from, a_to - a_from)?
            {
                hits.push((true, id, rank));
            }
            let (q_from, q_to) = (
                tail_from.max(tail_articles) - tail_articles,
                (tail_to.max(tail_articles) - tail_articles).min(tail_quotes),
            );
            if q_from < q_to {
                for (id, rank) in
                    self.unranked("quote_fts", &query, SEARCH_WINDOW, q_from, q_to - q_from)?
                {
                    hits.push((false, id, rank));
                }
            }
        }
        // The snippets in one statement per table (one statement per hit
        // cost 0.15 ms each; bm25 is not asked again: each statement using
        // it first counts the documents of every word).
        let ids = |article: bool| -> Vec<i64> {
            hits.iter()
                .filter(|h| h.0 == article)
                .map(|h| h.1)
                .collect()
        };
        let article_snippets = self.snippets("article_fts", &query, &ids(true))?;
        let quote_snippets = self.snippets("quote_fts", &query, &ids(false))?;
        let mut items = Vec::with_capacity(hits.len());
        for (is_article, rowid, rank) in hits {
            let hit = if is_article {
                let Some(snippet) = article_snippets.get(&rowid) else {
                    continue;
                };
                self.conn
                    .prepare_cached("SELECT id, title FROM articles WHERE rowid = ?1")?
                    .query_row([rowid], |r| {
                        Ok(SearchHit {
                            kind: HitKind::Article,
                            article: r.get(0)?,
                            title: r.get(1)?,
                            quote: None,
                            speaker: None,
                            snippet: fragments(snippet),
                            rank,
                        })
                    })
                    .optional()?
            } else {
                let Some(snippet) = quote_snippets.get(&rowid) else {
                    continue;
                };
                self.conn
                    .prepare_cached(
                        "SELECT a.id, a.title, q.idx, q.speaker \
                         FROM quotes q JOIN articles a ON a.rowid = q.article WHERE q.rowid = ?1",
                    )?
                    .query_row([rowid], |r| {
                        Ok(SearchHit {
                            kind: HitKind::Quote,
                            article: r.get(0)?,
                            title: r.get(1)?,
                            quote: Some(r.get(2)?),
                            speaker: r.get(3)?,
                            snippet: fragments(snippet),
                            rank,
                        })
                    })
                    .optional()?
            };
            items.extend(hit);
        }
        Ok(Page { total, items })
    }

    /// Marked snippets of these rows of a full-text table for `query`.
    fn snippets(
        &self,
        table: &str,
        query: &str,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let mut args: Vec<Sql> = vec![
            Sql::Text(query.to_string()),
            Sql::Text(OPEN.into()),
            Sql::Text(CLOSE.into()),
            Sql::Integer(SNIPPET_WORDS),
        ];
        args.extend(ids.iter().map(|id| Sql::Integer(*id)));
        let mut stmt = self.conn.prepare(&format!(
            "SELECT rowid, snippet({table}, -1, ?2, ?3, '…', ?4) FROM {table} \
             WHERE {table} MATCH ?1 AND rowid IN ({marks})"
        ))?;
        let found = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(found)
    }
}

/// Whether `about` is the only filter of a quote query.
fn only_about(q: &QuoteQuery) -> bool {
    let none = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    none(&q.speaker) && none(&q.since) && none(&q.until) && none(&q.outlet) && none(&q.search)
}

fn where_clause(conds: &[&str]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    }
}
