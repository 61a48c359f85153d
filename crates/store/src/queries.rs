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

const QUOTE_COLUMNS: &str = "a.id, a.title, a.outlet, a.published, q.idx, q.text, q.kind, q.cue, \
     q.speaker_text, q.speaker, e.id, q.said_on, q.date, q.start, q.end";

/// A count or offset column (NULL and negative values as 0).
fn count(r: &Row, i: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

fn quote_row(r: &Row) -> rusqlite::Result<QuoteRow> {
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
    /// Articles, newest first, or by relevance with a full-text `q`.
    pub fn articles(&self, q: &ArticleQuery) -> Result<Page<ArticleSummary>, StoreError> {
        let mut conds = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
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
        if let Some(query) = &fts {
            conds.push("a.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)");
            args.push(Sql::Text(query.clone()));
        }
        if let Some(outlet) = &q.outlet {
            conds.push("a.outlet = ?");
            args.push(Sql::Text(outlet.clone()));
        }
        let filter = where_clause(&conds);
        let total: u64 = self.conn.query_row(
            &format!("SELECT count(*) FROM articles a{filter}"),
            params_from_iter(args.iter()),
            |r| count(r, 0),
        )?;
        let columns = "a.id, a.title, a.published, a.lang, a.outlet, a.n_quotes, a.n_entities, a.n_narratives";
        let sql = match &fts {
            Some(_) => {
                // Rank by relevance: drive from the full-text index.
                let mut extra = String::new();
                if q.outlet.is_some() {
                    extra.push_str(" AND a.outlet = ?");
                }
                format!(
                    "SELECT {columns} FROM article_fts f JOIN articles a ON a.rowid = f.rowid \
                     WHERE article_fts MATCH ?{extra} ORDER BY f.rank, a.id LIMIT ? OFFSET ?"
                )
            }
            None => format!(
                "SELECT {columns} FROM articles a{filter} \
                 ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
            ),
        };
        args.push(Sql::Integer(limit(q.limit)));
        args.push(Sql::Integer(i64::from(q.offset)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let items = stmt
            .query_map(params_from_iter(args.iter()), |r| {
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
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page { total, items })
    }

    /// The contract article object as stored, or `None` for an unknown id.
    pub fn article(&self, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        match self.article_json(id)? {
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
        Ok(self
            .conn
            .prepare_cached("SELECT json FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// How many articles are stored.
    pub fn article_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| count(r, 0))?)
    }

    /// Quotes matching the filters, newest first (undated last).
    pub fn quotes(&self, q: &QuoteQuery) -> Result<Page<QuoteRow>, StoreError> {
        let about_cond;
        let mut conds: Vec<&str> = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        if let Some(speaker) = text(&q.speaker) {
            // A store id, else the exact name (any case), else the name's
            // words: the first two are served by an index in date order.
            let entity: Option<i64> = self
                .conn
                .prepare_cached("SELECT rowid FROM entities WHERE id = ?1")?
                .query_row([&speaker], |r| r.get(0))
                .optional()?;
            let named = entity.is_none()
                && self
                    .conn
                    .prepare_cached("SELECT 1 FROM quotes WHERE speaker = ?1 LIMIT 1")?
                    .exists([&speaker])?;
            match (entity, named, fts_query(&speaker)) {
                (Some(rowid), _, _) => {
                    conds.push("q.speaker_entity = ?");
                    args.push(Sql::Integer(rowid));
                }
                (None, true, _) => {
                    conds.push("q.speaker = ?");
                    args.push(Sql::Text(speaker));
                }
                (None, false, Some(words)) => {
                    conds.push("q.rowid IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?)");
                    args.push(Sql::Text(format!("speaker : ({words})")));
                }
                (None, false, None) => {
                    return Ok(Page {
                        total: 0,
                        items: Vec::new(),
                    })
                }
            }
        }
        if let Some(about) = text(&q.about) {
            let entities: Vec<i64> = self
                .conn
                .prepare_cached("SELECT rowid FROM entities WHERE id = ?1 OR name = ?1")?
                .query_map([&about], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            match entities.as_slice() {
                [] => {
                    return Ok(Page {
                        total: 0,
                        items: Vec::new(),
                    })
                }
                // The usual case, served in date order by an index.
                [entity] if conds.is_empty() && only_about(q) => {
                    return self.about_page(*entity, q.limit, q.offset);
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
            conds.push("q.article IN (SELECT rowid FROM articles WHERE outlet = ?)");
            args.push(Sql::Text(outlet));
        }
        if let Some(search) = text(&q.search) {
            match fts_query(&search) {
                Some(words) => {
                    conds.push("q.rowid IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?)");
                    args.push(Sql::Text(words));
                }
                None => {
                    return Ok(Page {
                        total: 0,
                        items: Vec::new(),
                    })
                }
            }
        }
        self.quote_page(&conds, args, q.limit, q.offset)
    }

    /// A page of quotes under `conds` (on `quotes q`; `args` holds the
    /// parameters of every condition in order), newest first.
    fn quote_page(
        &self,
        conds: &[&str],
        args: Vec<Sql>,
        page: u32,
        offset: u32,
    ) -> Result<Page<QuoteRow>, StoreError> {
        let mut expanded = args;
        let filter = where_clause(conds);
        let total: u64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM quotes q{filter}"))?
            .query_row(params_from_iter(expanded.iter()), |r| count(r, 0))?;
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
    fn about_page(
        &self,
        entity: i64,
        page: u32,
        offset: u32,
    ) -> Result<Page<QuoteRow>, StoreError> {
        let total: u64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM quote_about WHERE entity = ?1")?
            .query_row([entity], |r| count(r, 0))?;
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
        Ok(Page {
            total,
            items: self.quote_rows(&ids)?,
        })
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
    /// role, counted in one pass over the covering index.
    fn role_counts(&self, entity: i64) -> Result<Vec<RoleCount>, StoreError> {
        use std::collections::{BTreeMap, HashSet};
        #[derive(Default)]
        struct Acc {
            articles: HashSet<i64>,
            sum: f64,
            scored: u64,
        }
        impl Acc {
            fn add(&mut self, article: i64, score: Option<f64>) {
                self.articles.insert(article);
                if let Some(s) = score {
                    self.sum += s;
                    self.scored += 1;
                }
            }
        }
        let mut groups: BTreeMap<(String, Option<String>), Acc> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT main, fine, article, score FROM roles WHERE entity = ?1")?;
        let mut rows = stmt.query([entity])?;
        while let Some(r) = rows.next()? {
            let main: String = r.get(0)?;
            let fine: String = r.get(1)?;
            let article: i64 = r.get(2)?;
            let score: Option<f64> = r.get(3)?;
            groups
                .entry((main.clone(), None))
                .or_default()
                .add(article, score);
            let fine: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&fine)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            for f in fine {
                groups
                    .entry((main.clone(), Some(f)))
                    .or_default()
                    .add(article, score);
            }
        }
        let mut roles: Vec<RoleCount> = groups
            .into_iter()
            .map(|((main, fine), acc)| RoleCount {
                main,
                fine,
                articles: acc.articles.len() as u64,
                mean_score: (acc.scored > 0).then(|| acc.sum / acc.scored as f64),
            })
            .collect();
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
                "SELECT name FROM article_entities WHERE entity = ?1 \
                 GROUP BY name ORDER BY count(*) DESC, name LIMIT 20",
            )?
            .query_map([rowid], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        let quotes = self
            .quote_page(&["q.speaker_entity = ?"], vec![Sql::Integer(rowid)], 100, 0)?
            .items;
        let quotes_about = self.about_page(rowid, 100, 0)?;
        let roles = self.role_counts(rowid)?;
        let months = self
            .conn
            .prepare_cached(
                "SELECT month, count(DISTINCT article), sum(mentions) FROM article_entities \
                 WHERE entity = ?1 GROUP BY month ORDER BY month IS NULL, month",
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
            quotes_about: quotes_about.items,
            roles,
            months,
        }))
    }

    /// Articles per narrative and subnarrative, optionally per outlet or month.
    pub fn narratives(&self, by: NarrativeGrouping) -> Result<Vec<NarrativeCount>, StoreError> {
        // One pass over a covering index, counted here: SQLite's two
        // GROUP BYs with count(DISTINCT) took 50-200 ms on 100,000 labels.
        let sql = match by {
            NarrativeGrouping::None => {
                "SELECT NULL, narrative, subnarrative, article, score \
                 FROM narratives INDEXED BY narratives_all"
            }
            NarrativeGrouping::Outlet => {
                "SELECT outlet, narrative, subnarrative, article, score \
                 FROM narratives INDEXED BY narratives_outlet"
            }
            NarrativeGrouping::Month => {
                "SELECT month, narrative, subnarrative, article, score \
                 FROM narratives INDEXED BY narratives_month"
            }
        };
        type Key = (Option<String>, String, Option<String>);
        #[derive(Default)]
        struct Acc {
            articles: std::collections::HashSet<i64>,
            sum: f64,
            scored: u64,
        }
        let mut groups: std::collections::HashMap<Key, Acc> = std::collections::HashMap::new();
        let mut add = |key: Key, article: i64, score: Option<f64>| {
            let acc = groups.entry(key).or_default();
            acc.articles.insert(article);
            if let Some(s) = score {
                acc.sum += s;
                acc.scored += 1;
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut result = stmt.query([])?;
        while let Some(r) = result.next()? {
            let group: Option<String> = r.get(0)?;
            let narrative: String = r.get(1)?;
            let sub: Option<String> = r.get(2)?;
            let article: i64 = r.get(3)?;
            let score: Option<f64> = r.get(4)?;
            if sub.is_some() {
                add((group.clone(), narrative.clone(), sub), article, score);
            }
            add((group, narrative, None), article, score);
        }
        let mut rows: Vec<NarrativeCount> = groups
            .into_iter()
            .map(|((group, narrative, subnarrative), acc)| NarrativeCount {
                group,
                narrative,
                subnarrative,
                articles: acc.articles.len() as u64,
                mean_score: (acc.scored > 0).then(|| acc.sum / acc.scored as f64),
            })
            .collect();
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
    /// prefix); FTS5 syntax is not interpreted.
    pub fn search(&self, q: &str, limit_: u32, offset: u32) -> Result<Page<SearchHit>, StoreError> {
        let Some(query) = fts_query(q) else {
            return Ok(Page {
                total: 0,
                items: Vec::new(),
            });
        };
        let total: u64 = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1) \
                      + (SELECT count(*) FROM quote_fts WHERE quote_fts MATCH ?1)",
            )?
            .query_row([&query], |r| count(r, 0))?;
        let hits: Vec<(bool, i64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT 1, rowid, rank FROM article_fts WHERE article_fts MATCH ?1 \
                 UNION ALL \
                 SELECT 0, rowid, rank FROM quote_fts WHERE quote_fts MATCH ?1 \
                 ORDER BY 3, 1 DESC, 2 LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![query, limit(limit_), i64::from(offset)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut items = Vec::with_capacity(hits.len());
        for (is_article, rowid, rank) in hits {
            let hit = if is_article {
                self.conn
                    .prepare_cached(
                        "SELECT a.id, a.title, snippet(article_fts, -1, ?3, ?4, '…', ?5) \
                         FROM article_fts f JOIN articles a ON a.rowid = f.rowid \
                         WHERE article_fts MATCH ?1 AND f.rowid = ?2",
                    )?
                    .query_row(params![query, rowid, OPEN, CLOSE, SNIPPET_WORDS], |r| {
                        Ok(SearchHit {
                            kind: HitKind::Article,
                            article: r.get(0)?,
                            title: r.get(1)?,
                            quote: None,
                            speaker: None,
                            snippet: fragments(&r.get::<_, String>(2)?),
                            rank,
                        })
                    })
                    .optional()?
            } else {
                self.conn
                    .prepare_cached(
                        "SELECT a.id, a.title, q.idx, q.speaker, \
                         snippet(quote_fts, -1, ?3, ?4, '…', ?5) \
                         FROM quote_fts f JOIN quotes q ON q.rowid = f.rowid \
                         JOIN articles a ON a.rowid = q.article \
                         WHERE quote_fts MATCH ?1 AND f.rowid = ?2",
                    )?
                    .query_row(params![query, rowid, OPEN, CLOSE, SNIPPET_WORDS], |r| {
                        Ok(SearchHit {
                            kind: HitKind::Quote,
                            article: r.get(0)?,
                            title: r.get(1)?,
                            quote: Some(r.get(2)?),
                            speaker: r.get(3)?,
                            snippet: fragments(&r.get::<_, String>(4)?),
                            rank,
                        })
                    })
                    .optional()?
            };
            items.extend(hit);
        }
        Ok(Page { total, items })
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
