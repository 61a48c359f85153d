//! Reading the whole store in bounded pages: keyset paging over article
//! rowids (each page one index range, never an `OFFSET` walk), and the
//! quotes of a batch of articles in one query. For whole-store passes such
//! as the cross-article signals, which must not hold every text at once.

use crate::queries::{count, quote_row, QUOTE_COLUMNS};
use crate::*;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Row};
use std::collections::HashMap;

/// Rowids bound per statement (well under SQLite's parameter limit).
const BATCH: usize = 500;

/// One article as a scan reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannedArticle {
    /// Its rowid: the order articles were stored in.
    pub rowid: i64,
    /// The contract `id`.
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    /// `source.outlet`, else the host of `source.url`.
    pub outlet: Option<String>,
    /// The article's `text` (empty when not asked for, or not a string).
    pub text: String,
}

fn scanned(r: &rusqlite::Row) -> rusqlite::Result<ScannedArticle> {
    Ok(ScannedArticle {
        rowid: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        lang: r.get(4)?,
        outlet: r.get(5)?,
        text: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
    })
}

/// The article columns of a scan; the text only when asked for.
fn article_columns(with_text: bool) -> &'static str {
    if with_text {
        "rowid, id, title, published, lang, outlet, \
         CASE WHEN json_type(json, '$.text') = 'text' THEN json_extract(json, '$.text') END"
    } else {
        "rowid, id, title, published, lang, outlet, NULL"
    }
}

impl Store {
    /// Up to `limit` articles whose rowid is above `after`, in rowid (i.e.
    /// insertion) order: keyset paging, so reading page `k` costs the same
    /// as page 1. Start with `after = 0`; continue from the last rowid
    /// returned; an empty page means the end.
    pub fn articles_after(
        &self,
        after: i64,
        limit: u32,
        with_text: bool,
    ) -> Result<Vec<ScannedArticle>, StoreError> {
        self.timed(|| {
            let sql = format!(
                "SELECT {} FROM articles WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
                article_columns(with_text)
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params![after, i64::from(limit)], scanned)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Calls `f` with the speaker name of every quote that has one (the
    /// `speaker` column [`Store::quote_texts_of_articles`] reads), in no
    /// particular order, without holding them: for a whole-store pass that
    /// kept only hashes of the names and wants the names of a few back.
    pub fn for_each_quote_speaker(&self, mut f: impl FnMut(&str)) -> Result<(), StoreError> {
        self.timed(|| {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT speaker FROM quotes WHERE speaker IS NOT NULL")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                if let Ok(name) = r.get_ref(0)?.as_str() {
                    f(name);
                }
            }
            Ok(())
        })
    }

    /// The articles with these rowids, in this order (unknown rowids are
    /// skipped).
    pub fn articles_by_rowids(
        &self,
        rowids: &[i64],
        with_text: bool,
    ) -> Result<Vec<ScannedArticle>, StoreError> {
        self.timed(|| {
            let mut found: HashMap<i64, ScannedArticle> = HashMap::with_capacity(rowids.len());
            for chunk in rowids.chunks(BATCH) {
                let marks = vec!["?"; chunk.len()].join(", ");
                let sql = format!(
                    "SELECT {} FROM articles WHERE rowid IN ({marks})",
                    article_columns(with_text)
                );
                let mut stmt = self.conn.prepare_cached(&sql)?;
                for a in stmt.query_map(params_from_iter(chunk.iter()), scanned)? {
                    let a = a?;
                    found.insert(a.rowid, a);
                }
            }
            Ok(rowids.iter().filter_map(|r| found.remove(r)).collect())
        })
    }

    /// The quotes of the articles with these rowids, each with its
    /// article's rowid, by article rowid then position in the article: one
    /// query per 500 articles instead of one per article.
    pub fn quotes_of_articles(&self, rowids: &[i64]) -> Result<Vec<(i64, QuoteRow)>, StoreError> {
        self.quotes_by_article_chunks(
            rowids,
            &format!(
                "SELECT {QUOTE_COLUMNS}, q.article FROM quotes q \
                 JOIN articles a ON a.rowid = q.article \
                 LEFT JOIN entities e ON e.rowid = q.speaker_entity"
            ),
            |r| Ok((r.get::<_, i64>(15)?, quote_row(r)?)),
        )
    }

    /// [`Store::quotes_of_articles`] reading only what a whole-store scan of
    /// quote texts needs, without joining the articles and entities: each
    /// row's `index`, `text`, `speaker`, `said_on`, `start` and `end` are
    /// read; `article`, `title`, `outlet`, `published`, `kind`, `cue`,
    /// `speaker_text`, `speaker_id` and `date` are left empty (the caller
    /// knows the article by its rowid). About half the work of the full
    /// rows on the signals' passes, which read every quote several times.
    pub fn quote_texts_of_articles(
        &self,
        rowids: &[i64],
    ) -> Result<Vec<(i64, QuoteRow)>, StoreError> {
        self.quotes_by_article_chunks(
            rowids,
            "SELECT q.article, q.idx, q.text, q.speaker, q.said_on, q.start, q.end FROM quotes q",
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    QuoteRow {
                        article: String::new(),
                        title: None,
                        outlet: None,
                        published: None,
                        index: r.get(1)?,
                        text: r.get(2)?,
                        kind: String::new(),
                        cue: None,
                        speaker_text: None,
                        speaker: r.get(3)?,
                        speaker_id: None,
                        said_on: r.get(4)?,
                        date: None,
                        start: count(r, 5)?,
                        end: count(r, 6)?,
                    },
                ))
            },
        )
    }

    /// The rows of `select` (a `SELECT … FROM quotes q …` without `WHERE`)
    /// for the quotes of the articles with these rowids, by article rowid
    /// then position: one query per [`BATCH`] distinct articles.
    fn quotes_by_article_chunks(
        &self,
        rowids: &[i64],
        select: &str,
        row: impl Fn(&Row) -> rusqlite::Result<(i64, QuoteRow)>,
    ) -> Result<Vec<(i64, QuoteRow)>, StoreError> {
        self.timed(|| {
            let mut out = Vec::new();
            let mut sorted = rowids.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            for chunk in sorted.chunks(BATCH) {
                let marks = vec!["?"; chunk.len()].join(", ");
                let sql =
                    format!("{select} WHERE q.article IN ({marks}) ORDER BY q.article, q.idx");
                let mut stmt = self.conn.prepare_cached(&sql)?;
                for r in stmt.query_map(params_from_iter(chunk.iter()), &row)? {
                    out.push(r?);
                }
            }
            Ok(out)
        })
    }

    /// The quotes `(article id, position in its quotes)`, in this order
    /// (unknown ones skipped).
    pub fn quotes_by_keys(&self, keys: &[(String, u32)]) -> Result<Vec<QuoteRow>, StoreError> {
        self.timed(|| {
            let mut found: HashMap<(String, u32), QuoteRow> = HashMap::with_capacity(keys.len());
            for chunk in keys.chunks(BATCH / 2) {
                let cond = vec!["(a.id = ? AND q.idx = ?)"; chunk.len()].join(" OR ");
                let sql = format!(
                    "SELECT {QUOTE_COLUMNS} FROM quotes q \
                     JOIN articles a ON a.rowid = q.article \
                     LEFT JOIN entities e ON e.rowid = q.speaker_entity WHERE {cond}"
                );
                let args: Vec<Sql> = chunk
                    .iter()
                    .flat_map(|(id, idx)| [Sql::Text(id.clone()), Sql::Integer(i64::from(*idx))])
                    .collect();
                let mut stmt = self.conn.prepare_cached(&sql)?;
                for row in stmt.query_map(params_from_iter(args), quote_row)? {
                    let row = row?;
                    found.insert((row.article.clone(), row.index), row);
                }
            }
            Ok(keys.iter().filter_map(|k| found.remove(k)).collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn article(id: &str, quotes: usize) -> Value {
        let quotes: Vec<Value> = (0..quotes)
            .map(|i| {
                json!({"text": format!("quote {i} of {id}"), "start": i, "end": i + 1,
                       "kind": "direct", "cue": "said",
                       "speaker": {"text": "Anna", "start": 0, "end": 4, "name": "Anna Berg", "entity": null},
                       "said_on": null})
            })
            .collect();
        json!({
            "schema": "newslens.article/1", "id": id, "title": format!("Title {id}"),
            "published": "2023-03-01", "lang": "en", "text": format!("Text of {id}."),
            "boilerplate": [],
            "source": {"path": id, "outlet": "Outlet", "format": "text"},
            "entities": [], "dates": [], "narratives": [], "roles": [], "quotes": quotes
        })
    }

    fn store_of(n: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let articles: Vec<Value> = (0..n).map(|i| article(&format!("a{i}"), i % 3)).collect();
        store.put_articles(&articles).unwrap();
        (dir, store)
    }

    #[test]
    fn keyset_pages_read_every_article_once_in_rowid_order_with_its_text() {
        let (_dir, store) = store_of(7);
        let mut seen = Vec::new();
        let mut after = 0;
        loop {
            let page = store.articles_after(after, 3, true).unwrap();
            let Some(last) = page.last() else { break };
            after = last.rowid;
            seen.extend(page);
        }
        let ids: Vec<&str> = seen.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4", "a5", "a6"]);
        assert!(seen.windows(2).all(|w| w[0].rowid < w[1].rowid));
        assert_eq!(seen[2].text, "Text of a2.");
        assert_eq!(seen[2].title.as_deref(), Some("Title a2"));
        assert_eq!(seen[2].outlet.as_deref(), Some("Outlet"));
        // Without text.
        assert_eq!(store.articles_after(0, 1, false).unwrap()[0].text, "");
    }

    #[test]
    fn articles_by_rowids_keep_the_asked_order_and_skip_unknown_ones() {
        let (_dir, store) = store_of(4);
        let all = store.articles_after(0, 10, false).unwrap();
        let asked = [all[3].rowid, 999_999, all[0].rowid];
        let got = store.articles_by_rowids(&asked, true).unwrap();
        let ids: Vec<&str> = got.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a3", "a0"]);
        assert_eq!(got[0].text, "Text of a3.");
    }

    #[test]
    fn every_quote_speaker_is_visited_once() {
        let (_dir, store) = store_of(4);
        let mut names = Vec::new();
        store
            .for_each_quote_speaker(|n| names.push(n.to_string()))
            .unwrap();
        let quotes: usize = store
            .articles_after(0, 10, false)
            .unwrap()
            .iter()
            .map(|a| store.quote_texts_of_articles(&[a.rowid]).unwrap().len())
            .sum();
        assert!(quotes > 0);
        assert_eq!(names.len(), quotes);
        assert!(names.iter().all(|n| n == "Anna Berg"));
    }

    #[test]
    fn quotes_of_articles_come_by_article_then_position_in_one_batch() {
        let (_dir, store) = store_of(6);
        let all = store.articles_after(0, 10, false).unwrap();
        let rowids: Vec<i64> = all.iter().rev().map(|a| a.rowid).collect();
        let got = store.quotes_of_articles(&rowids).unwrap();
        let keys: Vec<(String, u32)> = got
            .iter()
            .map(|(_, q)| (q.article.clone(), q.index))
            .collect();
        let expect: Vec<(String, u32)> = [
            ("a1", 0),
            ("a2", 0),
            ("a2", 1),
            ("a4", 0),
            ("a5", 0),
            ("a5", 1),
        ]
        .iter()
        .map(|(a, i)| (a.to_string(), *i))
        .collect();
        assert_eq!(keys, expect);
        assert!(got
            .iter()
            .all(|(r, q)| all.iter().any(|a| a.rowid == *r && a.id == q.article)));
        assert_eq!(got[2].1.text, "quote 1 of a2");
        assert_eq!(got[2].1.speaker.as_deref(), Some("Anna Berg"));
    }

    #[test]
    fn quote_texts_of_articles_read_the_same_quotes_as_the_full_rows() {
        let (_dir, store) = store_of(9);
        let all = store.articles_after(0, 20, false).unwrap();
        let rowids: Vec<i64> = all.iter().rev().map(|a| a.rowid).collect();
        let full = store.quotes_of_articles(&rowids).unwrap();
        let light = store.quote_texts_of_articles(&rowids).unwrap();
        assert!(!full.is_empty());
        assert_eq!(full.len(), light.len());
        for ((r1, f), (r2, l)) in full.iter().zip(&light) {
            assert_eq!(r1, r2);
            assert_eq!(
                (f.index, &f.text, &f.speaker, &f.said_on, f.start, f.end),
                (l.index, &l.text, &l.speaker, &l.said_on, l.start, l.end)
            );
            assert!(l.article.is_empty() && l.title.is_none() && l.date.is_none());
        }
    }

    #[test]
    fn quotes_by_keys_keep_the_asked_order_and_skip_unknown_ones() {
        let (_dir, store) = store_of(6);
        let keys = vec![
            ("a5".to_string(), 1),
            ("a0".to_string(), 0),
            ("a2".to_string(), 0),
        ];
        let got = store.quotes_by_keys(&keys).unwrap();
        let texts: Vec<&str> = got.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["quote 1 of a5", "quote 0 of a2"]);
    }
}
