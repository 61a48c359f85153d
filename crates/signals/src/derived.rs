//! Signals of a newslens store (feature `store`): reading its articles and
//! quotes, and a derived file beside the database (`DB.signals.json`)
//! holding the talking points, story clusters and quote clusters, so
//! commands and the server do not recompute them on every call.
//!
//! The file carries a format number and a fingerprint of the database
//! (article and quote counts, size and modification time of the database
//! file and of its write-ahead log) and of the rules it was computed with;
//! when it is missing, unreadable, of another format or stale it is rebuilt from the whole store and written
//! again (atomically; a directory that cannot be written just means no
//! file). Not incremental yet: a changed database is read again in full.

use crate::stories::{stories, Story, StoryConfig};
use crate::talking::{talking_points, ArticleInput, QuoteInput, TalkingConfig, TalkingPoint};
use crate::{SignalConfig, SignalIndex};
use newslens_store::{ArticleQuery, QuoteQuery, QuoteRow, Store, StoreError};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Bump when the derived file's content changes meaning.
pub const DERIVED_FORMAT: u32 = 4;

/// The settings the derived file was computed with (linking, talking points,
/// stories), so a file made by a build with other rules counts as stale.
pub fn rules_signature() -> String {
    format!(
        "{:?} {:?} {:?}",
        SignalConfig::default(),
        TalkingConfig::default(),
        StoryConfig::default()
    )
}

/// Errors reading signals from a store.
#[derive(Debug, thiserror::Error)]
pub enum SignalsError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Stored articles and quotes, oldest quote first.
pub struct Loaded {
    pub articles: Vec<ArticleInput>,
    /// `quotes[i]` is `rows[i]`.
    pub quotes: Vec<QuoteInput>,
    pub rows: Vec<QuoteRow>,
}

/// `ARTICLE_ID#N`.
pub fn quote_id(row: &QuoteRow) -> String {
    format!("{}#{}", row.article, row.index)
}

/// Articles (with their text when `with_text`) and quotes of `store`,
/// articles published on or after `since` only when given.
pub fn load(store: &Store, since: Option<&str>, with_text: bool) -> Result<Loaded, SignalsError> {
    let since = since.map(str::trim).filter(|s| !s.is_empty());
    let mut articles: Vec<ArticleInput> = Vec::new();
    let page = 1000u32;
    let mut fetched = 0u32;
    loop {
        let q = ArticleQuery {
            limit: page,
            offset: fetched,
            ..ArticleQuery::default()
        };
        let rows = store.articles(&q)?;
        let n = rows.items.len();
        fetched += n as u32;
        for a in rows.items {
            articles.push(ArticleInput {
                id: a.id,
                date: a.published,
                outlet: a.outlet,
                language: a.lang,
                title: a.title,
                text: String::new(),
            });
        }
        if n < page as usize || u64::from(fetched) >= rows.total {
            break;
        }
    }
    if let Some(since) = since {
        articles.retain(|a| a.date.as_deref().is_some_and(|d| d >= since));
    }
    if with_text {
        for a in &mut articles {
            if let Some(v) = store.article(&a.id)? {
                a.text = v
                    .get("text")
                    .and_then(|t| t.as_str())
                    .unwrap_or_default()
                    .to_string();
            }
        }
    }
    let position: FxHashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let mut rows: Vec<QuoteRow> = Vec::new();
    let mut fetched = 0u32;
    loop {
        let q = QuoteQuery {
            limit: page,
            offset: fetched,
            ..QuoteQuery::default()
        };
        let page_rows = store.quotes(&q)?;
        let n = page_rows.items.len();
        fetched += n as u32;
        rows.extend(
            page_rows
                .items
                .into_iter()
                .filter(|r| position.contains_key(&r.article)),
        );
        if n < page as usize || u64::from(fetched) >= page_rows.total {
            break;
        }
    }
    rows.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.article, a.index).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.article,
            b.index,
        ))
    });
    let quotes = rows
        .iter()
        .map(|r| QuoteInput {
            id: quote_id(r),
            article: position[&r.article],
            text: r.text.clone(),
            speaker: r.speaker.clone(),
            said_on: r.said_on.clone(),
            span: Some((r.start as usize, r.end as usize)),
        })
        .collect();
    Ok(Loaded {
        articles,
        quotes,
        rows,
    })
}

/// The quote clusters of two or more quotes among `rows` (added in that
/// order, which should be date order as [`load`] returns them): indices
/// into `rows`, in row order.
pub fn quote_clusters(rows: &[QuoteRow]) -> Vec<Vec<usize>> {
    let mut index = SignalIndex::new(SignalConfig::default());
    let mut articles: FxHashMap<&str, usize> = FxHashMap::default();
    let mut refs = Vec::with_capacity(rows.len());
    for row in rows {
        let article = *articles.entry(&row.article).or_insert_with(|| {
            index.add_article(&crate::ArticleRef {
                id: row.article.clone(),
                date: row.published.clone(),
                outlet: row.outlet.clone(),
                text: String::new(),
            })
        });
        refs.push(crate::QuoteRef {
            id: quote_id(row),
            article,
            text: row.text.clone(),
            speaker: row.speaker.clone(),
        });
    }
    index.add_quotes(&refs);
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..rows.len() {
        groups.entry(index.quote_group(i)).or_default().push(i);
    }
    // Members are in row order, which is first appearance first (rows are
    // sorted by date).
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|m| m.len() > 1).collect();
    out.sort();
    out
}

/// What identifies one state of the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    articles: u64,
    quotes: u64,
    files: Vec<(u64, u128)>,
}

fn fingerprint(store: &Store, db: &Path) -> Result<Fingerprint, SignalsError> {
    let quotes = store
        .quotes(&QuoteQuery {
            limit: 1,
            ..QuoteQuery::default()
        })?
        .total;
    let file = |p: PathBuf| {
        std::fs::metadata(&p).map_or((0, 0), |m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (m.len(), t)
        })
    };
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    Ok(Fingerprint {
        articles: store.article_count()?,
        quotes,
        files: vec![file(db.to_path_buf()), file(PathBuf::from(wal))],
    })
}

/// Everything derived from one state of the database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Derived {
    pub format: u32,
    pub fingerprint: Fingerprint,
    /// [`rules_signature`] of the build that wrote the file.
    #[serde(default)]
    pub rules: String,
    /// Highest score first.
    pub talking_points: Vec<TalkingPoint>,
    /// Largest first.
    pub stories: Vec<Story>,
    /// Quote clusters of two or more quotes: their rows, first appearance
    /// first.
    pub clusters: Vec<Vec<QuoteRow>>,
}

impl Derived {
    /// The cluster holding quote `id` (`ARTICLE_ID#N`), if it has others.
    pub fn travel(&self, id: &str) -> Option<&[QuoteRow]> {
        self.clusters
            .iter()
            .find(|c| c.iter().any(|r| quote_id(r) == id))
            .map(Vec::as_slice)
    }
}

/// Where the derived file of `db` lives.
pub fn derived_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".signals.json");
    PathBuf::from(p)
}

/// Whether the last [`derived`] call read the file or rebuilt it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    File,
    Rebuilt,
}

/// Whether `d` describes the current state of the store at `db` under this
/// build's rules.
pub fn is_current(store: &Store, db: &Path, d: &Derived) -> Result<bool, SignalsError> {
    Ok(d.format == DERIVED_FORMAT
        && d.rules == rules_signature()
        && d.fingerprint == fingerprint(store, db)?)
}

/// The derived signals of the store at `db`: from its derived file when
/// that is current, else computed and written.
pub fn derived(store: &Store, db: &Path) -> Result<(Derived, Source), SignalsError> {
    derived_with(store, db, true)
}

/// [`derived`] that never writes (for readers of a database they must not
/// change, like the server): a stale or missing file means computing in
/// memory.
pub fn derived_read_only(store: &Store, db: &Path) -> Result<(Derived, Source), SignalsError> {
    derived_with(store, db, false)
}

fn derived_with(store: &Store, db: &Path, write: bool) -> Result<(Derived, Source), SignalsError> {
    let fp = fingerprint(store, db)?;
    let path = derived_path(db);
    if let Ok(text) = std::fs::read(&path) {
        if let Ok(d) = serde_json::from_slice::<Derived>(&text) {
            if d.format == DERIVED_FORMAT && d.fingerprint == fp && d.rules == rules_signature() {
                return Ok((d, Source::File));
            }
        }
    }
    let loaded = load(store, None, true)?;
    let talking = talking_points(&loaded.articles, &loaded.quotes, &TalkingConfig::default());
    let story_list = stories(&loaded.articles, &StoryConfig::default());
    let clusters = quote_clusters(&loaded.rows)
        .into_iter()
        .map(|c| c.into_iter().map(|i| loaded.rows[i].clone()).collect())
        .collect();
    let d = Derived {
        format: DERIVED_FORMAT,
        fingerprint: fp,
        rules: rules_signature(),
        talking_points: talking,
        stories: story_list,
        clusters,
    };
    if !write {
        return Ok((d, Source::Rebuilt));
    }
    if let Ok(text) = serde_json::to_vec(&d) {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    Ok((d, Source::Rebuilt))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> serde_json::Value {
        let text = "\"We are ready to negotiate, but only on our terms,\" Lavrov said.";
        serde_json::json!({
            "schema": "newslens.article/1", "id": id, "title": "Talks",
            "published": "2023-03-01", "lang": "en", "text": text, "boilerplate": [],
            "source": {"path": id, "outlet": format!("Outlet {id}"), "format": "text"},
            "entities": [], "dates": [], "narratives": [], "roles": [],
            "quotes": [{"text": "We are ready to negotiate, but only on our terms", "start": 1,
                        "end": 49, "kind": "direct", "cue": "said",
                        "speaker": {"text": "Lavrov", "start": 52, "end": 58, "name": "Lavrov", "entity": null},
                        "said_on": null}]
        })
    }

    #[test]
    fn a_derived_file_written_under_other_rules_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db).unwrap();
        store.put_articles(&[article("a1"), article("b2")]).unwrap();
        let (first, source) = derived(&store, &db).unwrap();
        assert_eq!(source, Source::Rebuilt);
        assert_eq!(first.clusters.len(), 1);
        assert_eq!(derived(&store, &db).unwrap().1, Source::File);
        // The same file as an older build with other linking rules wrote it.
        let mut old = first.clone();
        old.rules = "older rules".into();
        std::fs::write(derived_path(&db), serde_json::to_vec(&old).unwrap()).unwrap();
        let (again, source) = derived(&store, &db).unwrap();
        assert_eq!(source, Source::Rebuilt);
        assert_eq!(again.rules, rules_signature());
        assert!(is_current(&store, &db, &again).unwrap());
    }

    #[test]
    fn the_read_only_variant_writes_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db).unwrap();
        store.put_articles(&[article("a1"), article("b2")]).unwrap();
        let (d, source) = derived_read_only(&store, &db).unwrap();
        assert_eq!(source, Source::Rebuilt);
        assert_eq!(d.clusters.len(), 1);
        assert!(!derived_path(&db).exists());
        // A current file written by a writer is read.
        derived(&store, &db).unwrap();
        assert_eq!(derived_read_only(&store, &db).unwrap().1, Source::File);
    }
}
