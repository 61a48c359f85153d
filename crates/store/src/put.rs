//! Writing articles: one transaction per batch, each article whole.

use crate::{PutSummary, Store, StoreError};

/// What [`Store::put_lines`] did: the counts and the articles it refused.
#[derive(Debug, Default)]
pub struct PutReport {
    /// Stored, unchanged and replaced articles.
    pub summary: PutSummary,
    /// Lines not stored, each with its reason ([`StoreError::ErrorObject`]
    /// for the pipeline's error objects).
    pub rejected: Vec<StoreError>,
}
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;
use std::collections::HashMap;

impl Store {
    /// Stores contract article objects in one transaction: new ones are
    /// added, unchanged ones (same id, same content hash) skipped, changed
    /// ones replace the stored article and all its rows. An error object
    /// or an article without `id` or `text` fails the whole batch before
    /// anything is written.
    ///
    /// The JSON kept for [`Store::article_json`] is `serde_json`'s
    /// serialisation of the value; [`Store::put_json_lines`] keeps the text
    /// as given instead.
    pub fn put_articles(&mut self, articles: &[Value]) -> Result<PutSummary, StoreError> {
        // The stored JSON is the canonical serialisation the content hash
        // is taken of: serialised once, not twice.
        let parsed = articles
            .iter()
            .map(|v| {
                let json = v.to_string();
                let hash = content_hash(&json);
                Article::parse_hashed(v, json, hash)
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.put_parsed(&parsed)
    }

    /// Like [`Store::put_articles`] for article objects as JSON text (one
    /// line of `newslens annotate` each); the text is stored verbatim, so
    /// [`Store::article_json`] gives it back byte for byte.
    pub fn put_json_lines<S: AsRef<str>>(&mut self, lines: &[S]) -> Result<PutSummary, StoreError> {
        let parsed = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let line = line.as_ref().trim_end_matches(['\n', '\r']);
                let value: Value =
                    serde_json::from_str(line).map_err(|e| StoreError::InvalidArticle {
                        id: format!("(line {} of the batch)", i + 1),
                        reason: format!("invalid JSON: {e}"),
                    })?;
                Article::parse(&value, line.to_string())
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.put_parsed(&parsed)
    }

    /// Stores the valid articles of `lines` (JSON text, one article object
    /// each, stored verbatim) in one transaction and returns the others
    /// (error objects, invalid JSON, no `id` or `text`) as rejected — for
    /// a writer that reports bad articles and goes on.
    pub fn put_lines<S: AsRef<str>>(&mut self, lines: &[S]) -> Result<PutReport, StoreError> {
        let mut rejected = Vec::new();
        let mut parsed = Vec::with_capacity(lines.len());
        for line in lines {
            let line = line.as_ref().trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(value) => match Article::parse(&value, line.to_string()) {
                    Ok(article) => parsed.push(article),
                    Err(err) => rejected.push(err),
                },
                Err(e) => rejected.push(StoreError::InvalidArticle {
                    id: "(unknown)".into(),
                    reason: format!("invalid JSON: {e}"),
                }),
            }
        }
        let summary = self.put_parsed(&parsed)?;
        Ok(PutReport { summary, rejected })
    }

    fn put_parsed(&mut self, articles: &[Article]) -> Result<PutSummary, StoreError> {
        let mut summary = PutSummary::default();
        let mut fts = FtsChanges::default();
        let tx = self.conn.transaction()?;
        for article in articles {
            let write_err = |source| StoreError::Write {
                id: article.id.clone(),
                source,
            };
            let existing: Option<(i64, String)> = tx
                .prepare_cached("SELECT rowid, hash FROM articles WHERE id = ?1")
                .and_then(|mut s| {
                    s.query_row([&article.id], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()
                })
                .map_err(write_err)?;
            match existing {
                Some((_, hash)) if hash == article.hash => {
                    summary.unchanged += 1;
                    continue;
                }
                Some((rowid, _)) => {
                    delete_article(&tx, rowid, &mut fts).map_err(write_err)?;
                    summary.replaced += 1;
                }
                None => summary.stored += 1,
            }
            insert_article(&tx, article, &mut fts).map_err(write_err)?;
        }
        fts.write(&tx)?;
        tx.commit()?;
        Ok(summary)
    }

    /// Removes an article and all its rows; `false` when the id is unknown.
    pub fn delete_article(&mut self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let rowid: Option<i64> = tx
            .query_row("SELECT rowid FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(rowid) = rowid {
            let mut fts = FtsChanges::default();
            delete_article(&tx, rowid, &mut fts).map_err(|source| StoreError::Write {
                id: id.to_string(),
                source,
            })?;
            fts.write(&tx)?;
        }
        tx.commit()?;
        Ok(rowid.is_some())
    }
}

/// Deletes the article with this rowid and every row derived from it,
/// keeping the entity counters right.
/// Full-text index changes of a batch, written last: an FTS5 table flushes
/// its pending terms to disk at every statement savepoint, so writing it
/// between the other statements made a segment per article (5× slower).
#[derive(Default)]
struct FtsChanges {
    delete_articles: Vec<i64>,
    delete_quotes: Vec<i64>,
    articles: HashMap<i64, (Option<String>, String)>,
    quotes: HashMap<i64, (String, Option<String>)>,
}

impl FtsChanges {
    fn write(self, tx: &Transaction) -> rusqlite::Result<()> {
        for rowid in self.delete_articles {
            tx.prepare_cached("DELETE FROM article_fts WHERE rowid = ?1")?
                .execute([rowid])?;
        }
        for rowid in self.delete_quotes {
            tx.prepare_cached("DELETE FROM quote_fts WHERE rowid = ?1")?
                .execute([rowid])?;
        }
        let mut articles: Vec<_> = self.articles.into_iter().collect();
        articles.sort_unstable_by_key(|(rowid, _)| *rowid);
        for (rowid, (title, text)) in articles {
            tx.prepare_cached("INSERT INTO article_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
                .execute(params![rowid, title, text])?;
        }
        let mut quotes: Vec<_> = self.quotes.into_iter().collect();
        quotes.sort_unstable_by_key(|(rowid, _)| *rowid);
        for (rowid, (text, speaker)) in quotes {
            tx.prepare_cached("INSERT INTO quote_fts (rowid, text, speaker) VALUES (?1, ?2, ?3)")?
                .execute(params![rowid, text, speaker])?;
        }
        Ok(())
    }
}

fn delete_article(tx: &Transaction, rowid: i64, fts: &mut FtsChanges) -> rusqlite::Result<()> {
    // Index rows written earlier in this batch are just dropped; older
    // ones are deleted with the batch's index changes.
    if fts.articles.remove(&rowid).is_none() {
        fts.delete_articles.push(rowid);
    }
    let quotes: Vec<i64> = tx
        .prepare_cached("SELECT rowid FROM quotes WHERE article = ?1")?
        .query_map([rowid], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for quote in quotes {
        if fts.quotes.remove(&quote).is_none() {
            fts.delete_quotes.push(quote);
        }
    }
    crate::aggregates::apply(tx, rowid, -1)?;
    // `+` keeps SQLite on the article's rows: by the entity index it read
    // every link or quote of the entity (a replacement on 10,000 articles
    // ran at 78 articles/s).
    const SQL: &[&str] = &[
        "UPDATE entities SET articles = articles - 1, mentions = mentions - \
         (SELECT sum(mentions) FROM article_entities ae WHERE ae.article = ?1 AND +ae.entity = entities.rowid) \
         WHERE rowid IN (SELECT entity FROM article_entities WHERE article = ?1)",
        "UPDATE entities SET quotes = quotes - \
         (SELECT count(*) FROM quotes q WHERE q.article = ?1 AND +q.speaker_entity = entities.rowid) \
         WHERE rowid IN (SELECT speaker_entity FROM quotes WHERE article = ?1)",
        "DELETE FROM quote_about WHERE quote IN (SELECT rowid FROM quotes WHERE article = ?1)",
        "DELETE FROM quotes WHERE article = ?1",
        "DELETE FROM mentions WHERE article = ?1",
        "DELETE FROM article_entities WHERE article = ?1",
        "DELETE FROM narratives WHERE article = ?1",
        "DELETE FROM roles WHERE article = ?1",
        "DELETE FROM articles WHERE rowid = ?1",
    ];
    for sql in SQL {
        tx.prepare_cached(sql)?.execute([rowid])?;
    }
    tx.prepare_cached("DELETE FROM entities WHERE articles <= 0")?
        .execute([])?;
    Ok(())
}

fn insert_article(tx: &Transaction, a: &Article, fts: &mut FtsChanges) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO articles (id, hash, title, published, day, month, lang, outlet, \
         n_quotes, n_entities, n_narratives, json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        a.id,
        a.hash,
        a.title,
        a.published,
        a.day(),
        a.month(),
        a.lang,
        a.outlet,
        a.quotes.len() as i64,
        a.entities.len() as i64,
        a.narratives.len() as i64,
        a.json,
    ])?;
    let article = tx.last_insert_rowid();
    fts.articles
        .insert(article, (a.title.clone(), a.text.clone()));

    let month = a.month();
    // Entities: local "E1" → (store rowid, canonical name).
    let mut local: HashMap<&str, (i64, String)> = HashMap::new();
    let mut per_entity: HashMap<i64, i64> = HashMap::new(); // rowid → mentions
    for e in &a.entities {
        if local.contains_key(e.local_id.as_str()) {
            continue; // a repeated local id: the first one counts
        }
        let found: Option<(i64, String)> = tx
            .prepare_cached("SELECT rowid, name FROM entities WHERE id = ?1")?
            .query_row([&e.store_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (rowid, name) = match found {
            Some(found) => found,
            None => {
                tx.prepare_cached(
                    "INSERT INTO entities (id, name, type, actor) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![e.store_id, e.name, e.kind, e.actor])?;
                (tx.last_insert_rowid(), e.name.clone())
            }
        };
        tx.prepare_cached(
            "INSERT INTO article_entities (article, local_id, entity, name, mentions, month) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            article,
            e.local_id,
            rowid,
            e.name,
            e.mentions.len() as i64,
            month
        ])?;
        let mut mention = tx.prepare_cached(
            "INSERT INTO mentions (article, entity, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for m in &e.mentions {
            mention.execute(params![article, rowid, m.start, m.end, m.text])?;
        }
        *per_entity.entry(rowid).or_default() += e.mentions.len() as i64;
        local.insert(e.local_id.as_str(), (rowid, name));
    }
    for (rowid, mentions) in &per_entity {
        tx.prepare_cached(
            "UPDATE entities SET articles = articles + 1, mentions = mentions + ?2 WHERE rowid = ?1",
        )?
        .execute(params![rowid, mentions])?;
    }

    let day = a.day();
    for (idx, q) in a.quotes.iter().enumerate() {
        let linked = q
            .speaker_entity
            .as_deref()
            .and_then(|l| local.get(l))
            .cloned();
        let speaker = linked
            .as_ref()
            .map(|(_, name)| name.clone())
            .or_else(|| q.speaker_name.clone());
        let date = q.said_on.clone().or_else(|| day.clone());
        tx.prepare_cached(
            "INSERT INTO quotes (article, idx, text, start, end, kind, cue, speaker_text, speaker, \
             speaker_entity, said_on, date, outlet) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            article,
            idx as i64,
            q.text,
            q.start,
            q.end,
            q.kind,
            q.cue,
            q.speaker_text,
            speaker,
            linked.as_ref().map(|(rowid, _)| *rowid),
            q.said_on,
            date,
            a.outlet,
        ])?;
        let quote = tx.last_insert_rowid();
        fts.quotes.insert(quote, (q.text.clone(), speaker.clone()));
        if let Some((rowid, _)) = &linked {
            tx.prepare_cached("UPDATE entities SET quotes = quotes + 1 WHERE rowid = ?1")?
                .execute([rowid])?;
        }
        // Entities mentioned inside the quote are what it is about.
        for e in &a.entities {
            let inside = e
                .mentions
                .iter()
                .any(|m| m.start >= q.start && m.end <= q.end && m.start < m.end);
            if let (true, Some((rowid, _))) = (inside, local.get(e.local_id.as_str())) {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO quote_about (entity, quote, date) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![rowid, quote, date])?;
            }
        }
    }

    for (idx, n) in a.narratives.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO narratives (article, idx, narrative, subnarrative, score, evidence, outlet, month) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            article,
            idx as i64,
            n.narrative,
            n.subnarrative,
            n.score,
            n.evidence,
            a.outlet,
            month
        ])?;
    }
    for (idx, r) in a.roles.iter().enumerate() {
        let entity = r
            .entity
            .as_deref()
            .and_then(|l| local.get(l))
            .map(|(rowid, _)| *rowid);
        tx.prepare_cached(
            "INSERT INTO roles (article, idx, local_id, entity, main, fine, score) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            article, idx as i64, r.entity, entity, r.main, r.fine, r.score
        ])?;
    }
    crate::aggregates::apply(tx, article, 1)
}

/// The parts of a contract article object the store keeps as rows.
/// Parsing is lenient: a field of the wrong type counts as absent.
#[derive(Debug)]
pub(crate) struct Article {
    pub id: String,
    pub hash: String,
    pub json: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub narratives: Vec<Narrative>,
    pub roles: Vec<Role>,
}

#[derive(Debug)]
pub(crate) struct Entity {
    pub local_id: String,
    pub store_id: String,
    pub name: String,
    pub kind: String,
    pub actor: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug)]
pub(crate) struct Mention {
    pub start: i64,
    pub end: i64,
    pub text: String,
}

#[derive(Debug)]
pub(crate) struct Quote {
    pub text: String,
    pub start: i64,
    pub end: i64,
    pub kind: String,
    pub cue: Option<String>,
    pub speaker_text: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_entity: Option<String>,
    pub said_on: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Narrative {
    pub narrative: String,
    pub subnarrative: Option<String>,
    pub score: Option<f64>,
    pub evidence: String,
}

#[derive(Debug)]
pub(crate) struct Role {
    pub entity: Option<String>,
    pub main: String,
    pub fine: String,
    pub score: Option<f64>,
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn int(v: &Value, key: &str) -> i64 {
    v.get(key)
        .and_then(Value::as_i64)
        .or_else(|| v.get(key).and_then(Value::as_f64).map(|f| f as i64))
        .unwrap_or(0)
}

fn objects<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|x| x.is_object())
}

impl Article {
    pub(crate) fn parse(v: &Value, json: String) -> Result<Article, StoreError> {
        let hash = content_hash(&v.to_string());
        Article::parse_hashed(v, json, hash)
    }

    /// [`Article::parse`] with the content hash of `v` already taken.
    fn parse_hashed(v: &Value, json: String, hash: String) -> Result<Article, StoreError> {
        let id = string(v, "id").ok_or_else(|| StoreError::InvalidArticle {
            id: "(no id)".into(),
            reason: "no string \"id\" field".into(),
        })?;
        if let Some(error) = v.get("error") {
            return Err(StoreError::ErrorObject {
                id,
                error: match error {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            });
        }
        let text = string(v, "text").ok_or_else(|| StoreError::InvalidArticle {
            id: id.clone(),
            reason: "no string \"text\" field".into(),
        })?;
        let source = v.get("source").unwrap_or(&Value::Null);
        let outlet = string(source, "outlet")
            .filter(|s| !s.trim().is_empty())
            .or_else(|| string(source, "url").and_then(|u| host(&u)));
        let entities = objects(v, "entities")
            .filter_map(|e| {
                let local_id = string(e, "id")?;
                let name = string(e, "name")?;
                let kind = string(e, "type").unwrap_or_else(|| "other".into());
                let actor = string(e, "actor").filter(|a| !a.is_empty());
                let store_id = match &actor {
                    Some(actor) => actor.clone(),
                    None => format!("{kind}:{}", slug(&name)),
                };
                let mentions = objects(e, "mentions")
                    .map(|m| Mention {
                        start: int(m, "start"),
                        end: int(m, "end"),
                        text: string(m, "text").unwrap_or_default(),
                    })
                    .collect();
                Some(Entity {
                    local_id,
                    store_id,
                    name,
                    kind,
                    actor,
                    mentions,
                })
            })
            .collect();
        let quotes = objects(v, "quotes")
            .filter_map(|q| {
                let speaker = q.get("speaker").filter(|s| s.is_object());
                Some(Quote {
                    text: string(q, "text")?,
                    start: int(q, "start"),
                    end: int(q, "end"),
                    kind: string(q, "kind").unwrap_or_else(|| "direct".into()),
                    cue: string(q, "cue"),
                    speaker_text: speaker.and_then(|s| string(s, "text")),
                    speaker_name: speaker.and_then(|s| string(s, "name")),
                    speaker_entity: speaker.and_then(|s| string(s, "entity")),
                    said_on: string(q, "said_on").filter(|s| !s.is_empty()),
                })
            })
            .collect();
        let narratives = objects(v, "narratives")
            .filter_map(|n| {
                Some(Narrative {
                    narrative: string(n, "narrative")?,
                    subnarrative: string(n, "subnarrative"),
                    score: n.get("score").and_then(Value::as_f64),
                    evidence: n
                        .get("evidence")
                        .map(Value::to_string)
                        .unwrap_or_else(|| "[]".into()),
                })
            })
            .collect();
        let roles = objects(v, "roles")
            .filter_map(|r| {
                Some(Role {
                    entity: string(r, "entity"),
                    main: string(r, "main")?,
                    fine: r
                        .get("fine")
                        .map(Value::to_string)
                        .unwrap_or_else(|| "[]".into()),
                    score: r.get("score").and_then(Value::as_f64),
                })
            })
            .collect();
        Ok(Article {
            hash,
            json,
            title: string(v, "title"),
            published: string(v, "published").filter(|s| !s.is_empty()),
            lang: string(v, "lang"),
            outlet,
            text,
            entities,
            quotes,
            narratives,
            roles,
            id,
        })
    }

    /// `YYYY-MM-DD` when `published` starts with a date.
    fn day(&self) -> Option<String> {
        let p = self.published.as_deref()?;
        let b = p.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        (b.len() >= 10
            && digits(0..4)
            && b[4] == b'-'
            && digits(5..7)
            && b[7] == b'-'
            && digits(8..10))
        .then(|| p[..10].to_string())
    }

    /// `YYYY-MM` when `published` starts with a year and month.
    fn month(&self) -> Option<String> {
        let p = self.published.as_deref()?;
        let b = p.as_bytes();
        (b.len() >= 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit))
        .then(|| p[..7].to_string())
    }
}

/// A store entity id part from a name: lowercase letters and digits (any
/// script), everything else one `-`.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// The host of an `http(s)://` URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The content hash: FNV-1a (64 bits) of the article's canonical JSON
/// (serde_json's serialisation: sorted keys, no spaces) and its length.
pub(crate) fn content_hash(canonical: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}-{}", canonical.len())
}
