//! [`Store::verify`]: checks that the database is sound and that every
//! stored article is whole (used by the crash test, and handy after one).

use crate::put::Article;
use crate::{Store, StoreError};
use std::collections::HashSet;

impl Store {
    /// Checks the file (`PRAGMA integrity_check`), that every article has
    /// exactly the rows its JSON calls for (quotes, entities, mentions,
    /// narratives, roles, full-text rows), that no row lacks its article,
    /// and that the entity counters and the count tables match the rows. Returns the problems
    /// found; empty when all is well.
    pub fn verify(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = self.integrity_check()?;
        let mut stmt = self.conn.prepare("SELECT rowid, id, json FROM articles")?;
        let articles = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut rows = self.conn.prepare(
            "SELECT (SELECT count(*) FROM quotes WHERE article = ?1), \
                    (SELECT count(*) FROM article_entities WHERE article = ?1), \
                    (SELECT count(*) FROM mentions WHERE article = ?1), \
                    (SELECT count(*) FROM narratives WHERE article = ?1), \
                    (SELECT count(*) FROM roles WHERE article = ?1), \
                    (SELECT count(*) FROM article_fts WHERE rowid = ?1)",
        )?;
        for article in articles {
            let (rowid, id, json) = article?;
            let value: serde_json::Value = match serde_json::from_str(&json) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(format!("article {id}: stored JSON does not parse: {e}"));
                    continue;
                }
            };
            let parsed = match Article::parse(&value, String::new()) {
                Ok(a) => a,
                Err(e) => {
                    problems.push(format!("article {id}: {e}"));
                    continue;
                }
            };
            let mut seen = HashSet::new();
            let mut entities = 0i64;
            let mut mentions = 0i64;
            for e in &parsed.entities {
                if seen.insert(e.local_id.as_str()) {
                    entities += 1;
                    mentions += e.mentions.len() as i64;
                }
            }
            let expected = [
                parsed.quotes.len() as i64,
                entities,
                mentions,
                parsed.narratives.len() as i64,
                parsed.roles.len() as i64,
                1,
            ];
            let found: [i64; 6] = rows.query_row([rowid], |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ])
            })?;
            if found != expected {
                problems.push(format!(
                    "article {id}: rows (quotes, entities, mentions, narratives, roles, text index) \
                     are {found:?}, its JSON calls for {expected:?}"
                ));
            }
        }
        const CHECKS: &[(&str, &str)] = &[
            ("quotes without their article", "SELECT count(*) FROM quotes WHERE article NOT IN (SELECT rowid FROM articles)"),
            ("entity rows without their article", "SELECT count(*) FROM article_entities WHERE article NOT IN (SELECT rowid FROM articles)"),
            ("mentions without their article", "SELECT count(*) FROM mentions WHERE article NOT IN (SELECT rowid FROM articles)"),
            ("narratives without their article", "SELECT count(*) FROM narratives WHERE article NOT IN (SELECT rowid FROM articles)"),
            ("roles without their article", "SELECT count(*) FROM roles WHERE article NOT IN (SELECT rowid FROM articles)"),
            ("quote index rows without their quote", "SELECT (SELECT count(*) FROM quote_fts) - (SELECT count(*) FROM quotes)"),
            ("text index rows without their article", "SELECT (SELECT count(*) FROM article_fts) - (SELECT count(*) FROM articles)"),
            ("entities with wrong counters",
             "SELECT count(*) FROM entities e WHERE \
                e.articles != (SELECT count(DISTINCT article) FROM article_entities WHERE entity = e.rowid) \
                OR e.mentions != coalesce((SELECT sum(mentions) FROM article_entities WHERE entity = e.rowid), 0) \
                OR e.quotes != (SELECT count(*) FROM quotes WHERE speaker_entity = e.rowid) \
                OR e.articles <= 0"),
        ];
        for (what, sql) in CHECKS {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n != 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        for (table, stored, recount) in crate::aggregates::RECOUNTS {
            let n: i64 = self.conn.query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM ({stored} EXCEPT SELECT * FROM ({recount}))) \
                          + (SELECT count(*) FROM (SELECT * FROM ({recount}) EXCEPT {stored}))"
                ),
                [],
                |r| r.get(0),
            )?;
            if n != 0 {
                problems.push(format!("{n} rows of {table} differ from a recount"));
            }
        }
        Ok(problems)
    }
}
