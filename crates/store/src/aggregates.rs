//! Counts kept up to date at write time (schema version 5): narrative counts
//! per group, an entity's months, names and roles, quotes per speaker name.
//! Each article adds its share when it is inserted and takes it back before
//! it is deleted, in the same transaction, so a query reads a few small rows
//! instead of counting every label of the database.
//!
//! [`apply`] reads the article's own rows (narratives, entity links, roles,
//! quotes), so the share taken back is exactly the share that was added.

use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// The fine roles of a role row (`fine` holds a JSON array of strings; any
/// other JSON counts as none).
pub(crate) fn fine_roles(fine: &str) -> Vec<String> {
    serde_json::from_str::<Vec<serde_json::Value>>(fine)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// One article's share of a count: it counts once, its scores each.
#[derive(Default)]
struct Share {
    sum: f64,
    scored: i64,
    extra: i64,
}

impl Share {
    fn add(&mut self, score: Option<f64>) {
        if let Some(s) = score {
            self.sum += s;
            self.scored += 1;
        }
    }
}

/// Adds (`sign` 1) or takes back (`sign` -1) the share of the article with
/// this rowid in every count. Rows whose count falls to zero are removed.
pub(crate) fn apply(conn: &Connection, article: i64, sign: i64) -> rusqlite::Result<()> {
    narratives(conn, article, sign)?;
    entity_months(conn, article, sign)?;
    entity_names(conn, article, sign)?;
    entity_roles(conn, article, sign)?;
    speakers(conn, article, sign)
}

fn narratives(conn: &Connection, article: i64, sign: i64) -> rusqlite::Result<()> {
    type Key = (&'static str, Option<String>, String, Option<String>);
    let mut shares: BTreeMap<Key, Share> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT narrative, subnarrative, score, outlet, month FROM narratives WHERE article = ?1",
    )?;
    let mut rows = stmt.query([article])?;
    while let Some(r) = rows.next()? {
        let narrative: String = r.get(0)?;
        let sub: Option<String> = r.get(1)?;
        let score: Option<f64> = r.get(2)?;
        let outlet: Option<String> = r.get(3)?;
        let month: Option<String> = r.get(4)?;
        for (grouping, group) in [("all", None), ("outlet", outlet), ("month", month)] {
            if sub.is_some() {
                shares
                    .entry((grouping, group.clone(), narrative.clone(), sub.clone()))
                    .or_default()
                    .add(score);
            }
            shares
                .entry((grouping, group, narrative.clone(), None))
                .or_default()
                .add(score);
        }
    }
    for ((grouping, group, narrative, sub), share) in shares {
        let changed = conn
            .prepare_cached(
                "UPDATE narrative_counts SET articles = articles + ?5, \
                 score_sum = score_sum + ?6, scored = scored + ?7 \
                 WHERE grouping = ?1 AND grp IS ?2 AND narrative = ?3 AND subnarrative IS ?4",
            )?
            .execute(params![
                grouping,
                group,
                narrative,
                sub,
                sign,
                sign as f64 * share.sum,
                sign * share.scored
            ])?;
        if changed == 0 && sign > 0 {
            conn.prepare_cached(
                "INSERT INTO narrative_counts (grouping, grp, narrative, subnarrative, articles, score_sum, scored) \
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
            )?
            .execute(params![grouping, group, narrative, sub, share.sum, share.scored])?;
        }
        if sign < 0 {
            conn.prepare_cached(
                "DELETE FROM narrative_counts WHERE grouping = ?1 AND grp IS ?2 AND narrative = ?3 \
                 AND subnarrative IS ?4 AND articles <= 0",
            )?
            .execute(params![grouping, group, narrative, sub])?;
        }
    }
    Ok(())
}

fn entity_months(conn: &Connection, article: i64, sign: i64) -> rusqlite::Result<()> {
    let mut shares: BTreeMap<(i64, Option<String>), Share> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT entity, month, mentions FROM article_entities WHERE article = ?1",
    )?;
    let mut rows = stmt.query([article])?;
    while let Some(r) = rows.next()? {
        let mentions: i64 = r.get(2)?;
        shares.entry((r.get(0)?, r.get(1)?)).or_default().extra += mentions;
    }
    for ((entity, month), share) in shares {
        let changed = conn
            .prepare_cached(
                "UPDATE entity_months SET articles = articles + ?3, mentions = mentions + ?4 \
                 WHERE entity = ?1 AND month IS ?2",
            )?
            .execute(params![entity, month, sign, sign * share.extra])?;
        if changed == 0 && sign > 0 {
            conn.prepare_cached(
                "INSERT INTO entity_months (entity, month, articles, mentions) VALUES (?1, ?2, 1, ?3)",
            )?
            .execute(params![entity, month, share.extra])?;
        }
        if sign < 0 {
            conn.prepare_cached(
                "DELETE FROM entity_months WHERE entity = ?1 AND month IS ?2 AND articles <= 0",
            )?
            .execute(params![entity, month])?;
        }
    }
    Ok(())
}

fn entity_names(conn: &Connection, article: i64, sign: i64) -> rusqlite::Result<()> {
    // Grouped here: a GROUP BY in SQL may be planned as a walk over the
    // whole (entity, name) index instead of the article's few rows.
    let mut links: BTreeMap<(i64, String), i64> = BTreeMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT entity, name FROM article_entities WHERE article = ?1")?;
    let mut rows = stmt.query([article])?;
    while let Some(r) = rows.next()? {
        *links.entry((r.get(0)?, r.get(1)?)).or_default() += 1;
    }
    for ((entity, name), n) in links {
        conn.prepare_cached(
            "INSERT INTO entity_names (entity, name, links) VALUES (?1, ?2, ?3) \
             ON CONFLICT (entity, name) DO UPDATE SET links = links + excluded.links",
        )?
        .execute(params![entity, name, sign * n])?;
        if sign < 0 {
            conn.prepare_cached(
                "DELETE FROM entity_names WHERE entity = ?1 AND name = ?2 AND links <= 0",
            )?
            .execute(params![entity, name])?;
        }
    }
    Ok(())
}

fn entity_roles(conn: &Connection, article: i64, sign: i64) -> rusqlite::Result<()> {
    let mut shares: BTreeMap<(i64, String, Option<String>), Share> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT entity, main, fine, score FROM roles WHERE article = ?1 AND entity IS NOT NULL",
    )?;
    let mut rows = stmt.query([article])?;
    while let Some(r) = rows.next()? {
        let entity: i64 = r.get(0)?;
        let main: String = r.get(1)?;
        let fine: String = r.get(2)?;
        let score: Option<f64> = r.get(3)?;
        shares
            .entry((entity, main.clone(), None))
            .or_default()
            .add(score);
        for f in fine_roles(&fine) {
            shares
                .entry((entity, main.clone(), Some(f)))
                .or_default()
                .add(score);
        }
    }
    for ((entity, main, fine), share) in shares {
        let changed = conn
            .prepare_cached(
                "UPDATE entity_roles SET articles = articles + ?4, score_sum = score_sum + ?5, \
                 scored = scored + ?6 WHERE entity = ?1 AND main = ?2 AND fine IS ?3",
            )?
            .execute(params![
                entity,
                main,
                fine,
                sign,
                sign as f64 * share.sum,
                sign * share.scored
            ])?;
        if changed == 0 && sign > 0 {
            conn.prepare_cached(
                "INSERT INTO entity_roles (entity, main, fine, articles, score_sum, scored) \
                 VALUES (?1, ?2, ?3, 1, ?4, ?5)",
            )?
            .execute(params![entity, main, fine, share.sum, share.scored])?;
        }
        if sign < 0 {
            conn.prepare_cached(
                "DELETE FROM entity_roles WHERE entity = ?1 AND main = ?2 AND fine IS ?3 \
                 AND articles <= 0",
            )?
            .execute(params![entity, main, fine])?;
        }
    }
    Ok(())
}

fn speakers(conn: &Connection, article: i64, sign: i64) -> rusqlite::Result<()> {
    // Grouped here (as SQLite's NOCASE: ASCII letters folded), not by a
    // GROUP BY that may walk the whole speaker index.
    let mut counts: BTreeMap<String, (String, i64)> = BTreeMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT speaker FROM quotes WHERE article = ?1 AND speaker IS NOT NULL")?;
    let mut rows = stmt.query([article])?;
    while let Some(r) = rows.next()? {
        let speaker: String = r.get(0)?;
        counts
            .entry(speaker.to_ascii_lowercase())
            .or_insert_with(|| (speaker, 0))
            .1 += 1;
    }
    for (speaker, n) in counts.into_values() {
        conn.prepare_cached(
            "INSERT INTO speaker_counts (speaker, quotes) VALUES (?1, ?2) \
             ON CONFLICT (speaker) DO UPDATE SET quotes = quotes + excluded.quotes",
        )?
        .execute(params![speaker, sign * n])?;
        if sign < 0 {
            conn.prepare_cached("DELETE FROM speaker_counts WHERE speaker = ?1 AND quotes <= 0")?
                .execute([&speaker])?;
        }
    }
    Ok(())
}

/// The count of quotes whose speaker name is `name` (any case), from
/// [`speaker_counts`](self).
pub(crate) fn speaker_quotes(conn: &Connection, name: &str) -> rusqlite::Result<u64> {
    Ok(conn
        .prepare_cached("SELECT quotes FROM speaker_counts WHERE speaker = ?1")?
        .query_row([name], |r| r.get::<_, i64>(0))
        .optional()?
        .unwrap_or(0)
        .max(0) as u64)
}

/// Each count table with a query recounting it from the rows, for
/// [`crate::Store::verify`] (scores rounded: sums kept by adding and
/// subtracting differ from a recount in the last bits).
pub(crate) const RECOUNTS: &[(&str, &str, &str)] = &[
    (
        "narrative_counts",
        "SELECT grouping, grp, narrative, subnarrative, articles, round(score_sum, 6), scored FROM narrative_counts",
        "SELECT 'all', NULL, narrative, NULL, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM narratives GROUP BY narrative \
         UNION ALL SELECT 'all', NULL, narrative, subnarrative, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM narratives WHERE subnarrative IS NOT NULL GROUP BY narrative, subnarrative \
         UNION ALL SELECT 'outlet', outlet, narrative, NULL, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM narratives GROUP BY outlet, narrative \
         UNION ALL SELECT 'outlet', outlet, narrative, subnarrative, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM narratives WHERE subnarrative IS NOT NULL GROUP BY outlet, narrative, subnarrative \
         UNION ALL SELECT 'month', month, narrative, NULL, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM narratives GROUP BY month, narrative \
         UNION ALL SELECT 'month', month, narrative, subnarrative, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM narratives WHERE subnarrative IS NOT NULL GROUP BY month, narrative, subnarrative",
    ),
    (
        "entity_months",
        "SELECT entity, month, articles, mentions FROM entity_months",
        "SELECT entity, month, count(DISTINCT article), sum(mentions) FROM article_entities GROUP BY entity, month",
    ),
    (
        "entity_names",
        "SELECT entity, name, links FROM entity_names",
        "SELECT entity, name, count(*) FROM article_entities GROUP BY entity, name",
    ),
    (
        "entity_roles",
        "SELECT entity, main, fine, articles, round(score_sum, 6), scored FROM entity_roles",
        "SELECT entity, main, NULL, count(DISTINCT article), round(total(score), 6), count(score) \
         FROM roles WHERE entity IS NOT NULL GROUP BY entity, main \
         UNION ALL SELECT r.entity, r.main, f.value, count(DISTINCT r.article), round(total(r.score), 6), count(r.score) \
         FROM roles r, json_each(CASE WHEN json_valid(r.fine) \
              THEN CASE WHEN json_type(r.fine) = 'array' THEN r.fine ELSE '[]' END ELSE '[]' END) f \
         WHERE r.entity IS NOT NULL AND f.type = 'text' GROUP BY r.entity, r.main, f.value",
    ),
    (
        "speaker_counts",
        "SELECT lower(speaker), quotes FROM speaker_counts",
        "SELECT lower(speaker), count(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker",
    ),
];
