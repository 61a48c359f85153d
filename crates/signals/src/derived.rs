//! Signals of a newslens store (feature `store`): reading its articles and
//! quotes, and two files beside the database:
//!
//! - `DB.signals.json`, the derived signals (talking points, story
//!   clusters, quote clusters), so commands and the server do not
//!   recompute them on every call. It carries a format number and a
//!   fingerprint of the database (article and quote counts, size and
//!   modification time of the database file and of its write-ahead log) and
//!   of the rules it was computed with; when it is current it is read as is.
//! - `DB.signals.state`, the saved [`SignalIndex`] (near-duplicate groups,
//!   quote clusters, the live candidate segments) with each indexed
//!   article's store rowid and content hash (binary, versioned, with a
//!   checksum). When the derived file is stale, the index is not rebuilt:
//!   the state is read and only the articles stored since (with their
//!   quotes) are added to it, in the order a full rebuild adds them, so the
//!   result is the same. A state that is missing, damaged, of another
//!   format or other rules, or that no longer matches the store (an indexed
//!   article replaced or deleted, or a new article dated before the newest
//!   indexed one) means a full rebuild ([`Source::Rebuilt`] says why).
//!
//! Phrases and stories are still computed from every article's text, read
//! from the store each time the derived file is stale (they need global
//! n-gram and term counts); only the index work is incremental.

use crate::codec::{Reader, Writer};
use crate::stories::{stories, Story, StoryConfig};
use crate::talking::{
    date_keys, feed, points_from_index, replay_order, ArticleInput, QuoteInput, Slots,
    TalkingConfig, TalkingPoint,
};
use crate::{SignalConfig, SignalIndex};
use newslens_store::{ArticleQuery, Page, QuoteQuery, QuoteRow, Store, StoreError};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Bump when the derived file's content changes meaning.
pub const DERIVED_FORMAT: u32 = 5;

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

/// The rows of a paged store query (`page(limit, offset)`, read 1,000 at a
/// time) that `keep` accepts.
fn all_pages<T>(
    mut page: impl FnMut(u32, u32) -> Result<Page<T>, StoreError>,
    mut keep: impl FnMut(&T) -> bool,
) -> Result<Vec<T>, SignalsError> {
    const PAGE: u32 = 1000;
    let mut out = Vec::new();
    let mut fetched = 0u32;
    loop {
        let rows = page(PAGE, fetched)?;
        let n = rows.items.len();
        fetched += n as u32;
        out.extend(rows.items.into_iter().filter(|r| keep(r)));
        if n < PAGE as usize || u64::from(fetched) >= rows.total {
            return Ok(out);
        }
    }
}

/// Articles (with their text when `with_text`) and quotes of `store`,
/// articles published on or after `since` only when given.
pub fn load(store: &Store, since: Option<&str>, with_text: bool) -> Result<Loaded, SignalsError> {
    let since = since.map(str::trim).filter(|s| !s.is_empty());
    let mut articles: Vec<ArticleInput> = all_pages(
        |limit, offset| {
            store.articles(&ArticleQuery {
                limit,
                offset,
                ..ArticleQuery::default()
            })
        },
        |_| true,
    )?
    .into_iter()
    .map(|a| ArticleInput {
        id: a.id,
        date: a.published,
        outlet: a.outlet,
        language: a.lang,
        title: a.title,
        text: String::new(),
    })
    .collect();
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
    let mut rows: Vec<QuoteRow> = all_pages(
        |limit, offset| {
            store.quotes(&QuoteQuery {
                limit,
                offset,
                ..QuoteQuery::default()
            })
        },
        |r| position.contains_key(&r.article),
    )?;
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
    let files = newslens_store::file_stamps(db)
        .iter()
        .map(|f| {
            f.map_or((0, 0), |(len, modified)| {
                let t = modified
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                (len, t)
            })
        })
        .collect();
    Ok(Fingerprint {
        articles: store.article_count()?,
        quotes,
        files,
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

    /// Every appearance of quote `id`'s statement, first seen first: its
    /// cluster, else the quote alone (a statement that travelled nowhere);
    /// `None` when `store` holds no such quote.
    pub fn travel_rows(
        &self,
        store: &Store,
        id: &str,
    ) -> Result<Option<Vec<QuoteRow>>, SignalsError> {
        if let Some(rows) = self.travel(id) {
            return Ok(Some(rows.to_vec()));
        }
        let loaded = load(store, None, false)?;
        Ok(loaded
            .rows
            .into_iter()
            .find(|r| quote_id(r) == id)
            .map(|r| vec![r]))
    }
}

/// One appearance of a statement, as `newslens quote-travel --json` and
/// `GET /api/quotes/{id}/travel` give it: the quote's id, whether it is the
/// first appearance, and the quote's own fields.
#[derive(Debug, Serialize)]
pub struct Appearance<'a> {
    pub quote: String,
    pub first: bool,
    #[serde(flatten)]
    pub row: &'a QuoteRow,
}

/// The appearances of `rows` (first seen first, as [`Derived::travel_rows`]
/// gives them).
pub fn appearances(rows: &[QuoteRow]) -> Vec<Appearance<'_>> {
    rows.iter()
        .enumerate()
        .map(|(n, r)| Appearance {
            quote: quote_id(r),
            first: n == 0,
            row: r,
        })
        .collect()
}

/// Where the derived file of `db` lives.
pub fn derived_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".signals.json");
    PathBuf::from(p)
}

/// Where the saved index state of `db` lives (see [`derived`]).
pub fn state_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".signals.state");
    PathBuf::from(p)
}

/// How the last [`derived`] call got its signals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The derived file was current.
    File,
    /// Computed from the whole store (no usable state, or `reason`: what
    /// made the saved state unusable).
    Rebuilt { reason: String },
    /// The saved index state was read and only the `added` articles stored
    /// since (with their quotes) were put into it.
    Updated { added: usize },
}

impl Source {
    /// Whether the signals were computed (not read from the derived file).
    pub fn computed(&self) -> bool {
        !matches!(self, Source::File)
    }
}

/// Whether `d` describes the current state of the store at `db` under this
/// build's rules.
pub fn is_current(store: &Store, db: &Path, d: &Derived) -> Result<bool, SignalsError> {
    Ok(describes(d, &fingerprint(store, db)?))
}

/// Whether `d` was computed by this build's format and rules from the
/// database state `fp`.
fn describes(d: &Derived, fp: &Fingerprint) -> bool {
    d.format == DERIVED_FORMAT && d.rules == rules_signature() && d.fingerprint == *fp
}

/// The derived signals of the store at `db`: from its derived file when
/// that is current, else computed and written. Computing starts from the
/// saved index state (`DB.signals.state`) when it is usable: only articles
/// stored since are put into it (see `docs/signals.md`).
pub fn derived(store: &Store, db: &Path) -> Result<(Derived, Source), SignalsError> {
    derived_with(store, db, true)
}

/// [`derived`] that never writes (for readers of a database they must not
/// change, like the server): a stale or missing file means computing in
/// memory (from the saved index state when usable; it is not updated).
pub fn derived_read_only(store: &Store, db: &Path) -> Result<(Derived, Source), SignalsError> {
    derived_with(store, db, false)
}

/// The whole store in replay order: articles by rowid (insertion order),
/// quotes as [`load`] gives them.
struct Corpus {
    loaded: Loaded,
    rowids: Vec<i64>,
    /// Hash of what the signals read of each article and its quotes.
    hashes: Vec<u64>,
}

fn load_corpus(store: &Store) -> Result<Corpus, SignalsError> {
    let mut loaded = load(store, None, true)?;
    let rowid: FxHashMap<String, i64> = store
        .article_rowids()?
        .into_iter()
        .map(|(r, id)| (id, r))
        .collect();
    let n = loaded.articles.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&a| {
        rowid
            .get(&loaded.articles[a].id)
            .copied()
            .unwrap_or(i64::MAX)
    });
    let mut new_pos = vec![0usize; n];
    for (p, &a) in order.iter().enumerate() {
        new_pos[a] = p;
    }
    let mut old: Vec<Option<ArticleInput>> = loaded.articles.drain(..).map(Some).collect();
    loaded.articles = order.iter().filter_map(|&a| old[a].take()).collect();
    for q in &mut loaded.quotes {
        q.article = new_pos[q.article];
    }
    let rowids = loaded
        .articles
        .iter()
        .map(|a| rowid.get(&a.id).copied().unwrap_or(i64::MAX))
        .collect();
    let mut hashers: Vec<rustc_hash::FxHasher> = loaded
        .articles
        .iter()
        .map(|a| {
            let mut h = rustc_hash::FxHasher::default();
            (&a.id, &a.date, &a.outlet, &a.language, &a.title, &a.text).hash(&mut h);
            h
        })
        .collect();
    for q in &loaded.quotes {
        (&q.id, &q.text, &q.speaker, &q.said_on, q.span).hash(&mut hashers[q.article]);
    }
    let hashes = hashers.iter().map(Hasher::finish).collect();
    Ok(Corpus {
        loaded,
        rowids,
        hashes,
    })
}

const STATE_MAGIC: &[u8; 8] = b"NLSIGST\0";
/// Bump when the saved state's layout or meaning changes.
pub const STATE_FORMAT: u32 = 1;

/// The saved index state: the index, and per article slot its store
/// rowid and content hash.
struct State {
    index: SignalIndex,
    rowids: Vec<u64>,
    hashes: Vec<u64>,
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    bytes.hash(&mut h);
    h.finish()
}

fn encode_state(s: &State) -> Vec<u8> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(STATE_MAGIC);
    w.u32(STATE_FORMAT);
    w.str(&rules_signature());
    w.u64s(&s.rowids);
    w.u64s(&s.hashes);
    w.bytes(&s.index.save());
    let sum = checksum(&w.buf);
    w.u64(sum);
    w.buf
}

/// The state in `bytes`, or why it cannot be used.
fn decode_state(bytes: &[u8]) -> Result<State, String> {
    let body = bytes
        .len()
        .checked_sub(8)
        .filter(|&n| n >= STATE_MAGIC.len())
        .ok_or("the state file is truncated")?;
    let (body, sum) = bytes.split_at(body);
    if !body.starts_with(STATE_MAGIC) {
        return Err("the state file is not a signals state".into());
    }
    if checksum(body).to_le_bytes() != sum {
        return Err("the state file is damaged (checksum)".into());
    }
    let mut r = Reader::new(&body[STATE_MAGIC.len()..]);
    let damaged = || "the state file is damaged".to_string();
    if r.u32().ok_or_else(damaged)? != STATE_FORMAT {
        return Err("the state file has another format".into());
    }
    if r.string().ok_or_else(damaged)? != rules_signature() {
        return Err("the state was computed under other rules".into());
    }
    let rowids = r.u64s().ok_or_else(damaged)?;
    let hashes = r.u64s().ok_or_else(damaged)?;
    let index_bytes = r.bytes().ok_or_else(damaged)?;
    let index = SignalIndex::load(SignalConfig::default(), index_bytes).ok_or_else(damaged)?;
    if rowids.len() != index.article_count() || hashes.len() != rowids.len() || !r.is_empty() {
        return Err(damaged());
    }
    Ok(State {
        index,
        rowids,
        hashes,
    })
}

/// The saved state put in line with `corpus`: slots of the articles and
/// quotes it holds, and the positions of the articles to add (in replay
/// order); `Err` says why a full rebuild is needed.
fn resume(state: &State, corpus: &Corpus) -> Result<(Slots, Vec<usize>), String> {
    let index = &state.index;
    let articles = &corpus.loaded.articles;
    let mut position: FxHashMap<&str, usize> = FxHashMap::default();
    for (p, a) in articles.iter().enumerate() {
        position.insert(a.id.as_str(), p);
    }
    let mut slots = Slots {
        article: vec![usize::MAX; articles.len()],
        quote_of_slot: Vec::with_capacity(index.quote_count()),
    };
    let mut newest_known = 0u64;
    for slot in 0..index.article_count() {
        let id = index.article_id(slot);
        let Some(&p) = position.get(id) else {
            return Err(format!("article {id} was deleted"));
        };
        if corpus.rowids[p] as u64 != state.rowids[slot] || corpus.hashes[p] != state.hashes[slot] {
            return Err(format!("article {id} was replaced"));
        }
        slots.article[p] = slot;
        newest_known = newest_known.max(index.article_date_key(slot));
    }
    let keys = date_keys(articles);
    let add = replay_order(
        &keys,
        (0..articles.len()).filter(|&p| slots.article[p] == usize::MAX),
    );
    if let Some(&first) = add.first() {
        if keys[first] < newest_known {
            return Err(format!(
                "article {} is dated before the newest one already indexed",
                articles[first].id
            ));
        }
    }
    let quotes = &corpus.loaded.quotes;
    let mut qpos: FxHashMap<&str, usize> = FxHashMap::default();
    for (q, quote) in quotes.iter().enumerate() {
        qpos.insert(quote.id.as_str(), q);
    }
    for s in 0..index.quote_count() {
        match qpos.get(index.quote_id(s)) {
            Some(&q) => slots.quote_of_slot.push(q),
            None => return Err(format!("quote {} is gone", index.quote_id(s))),
        }
    }
    Ok((slots, add))
}

fn derived_with(store: &Store, db: &Path, write: bool) -> Result<(Derived, Source), SignalsError> {
    let fp = fingerprint(store, db)?;
    let path = derived_path(db);
    if let Ok(text) = std::fs::read(&path) {
        if let Ok(d) = serde_json::from_slice::<Derived>(&text) {
            if describes(&d, &fp) {
                return Ok((d, Source::File));
            }
        }
    }
    // NEWSLENS_SIGNALS_TIMES=1: how long each step took, on stderr.
    let timer = std::env::var_os("NEWSLENS_SIGNALS_TIMES").map(|_| std::time::Instant::now());
    let lap = |what: &str| {
        if let Some(t) = timer {
            eprintln!("signals: {what} at {:.1} s", t.elapsed().as_secs_f64());
        }
    };
    let corpus = load_corpus(store)?;
    lap("store read");
    let resumed = match std::fs::read(state_path(db)) {
        Err(_) => Err("no saved state".to_string()),
        Ok(bytes) => decode_state(&bytes)
            .and_then(|state| resume(&state, &corpus).map(|(slots, add)| (state, slots, add))),
    };
    let articles = &corpus.loaded.articles;
    let quotes = &corpus.loaded.quotes;
    let (mut state, mut slots, add, source) = match resumed {
        Ok((state, slots, add)) => {
            let n = add.len();
            (state, slots, add, Source::Updated { added: n })
        }
        Err(reason) => {
            let state = State {
                index: SignalIndex::new(SignalConfig::default()),
                rowids: Vec::new(),
                hashes: Vec::new(),
            };
            let add = replay_order(&date_keys(articles), 0..articles.len());
            (state, Slots::default(), add, Source::Rebuilt { reason })
        }
    };
    lap(&format!("state: {source:?}"));
    feed(&mut state.index, articles, quotes, &add, &mut slots);
    lap(&format!("{} articles indexed", add.len()));
    for &p in &add {
        state.rowids.push(corpus.rowids[p] as u64);
        state.hashes.push(corpus.hashes[p]);
    }
    let talking = points_from_index(
        articles,
        quotes,
        &mut state.index,
        &slots,
        &TalkingConfig::default(),
    );
    lap("talking points");
    let story_list = stories(articles, &StoryConfig::default());
    lap("stories");
    let clusters = index_clusters(&mut state.index, &slots, &corpus.loaded.rows);
    let d = Derived {
        format: DERIVED_FORMAT,
        fingerprint: fp,
        rules: rules_signature(),
        talking_points: talking,
        stories: story_list,
        clusters,
    };
    if !write {
        return Ok((d, source));
    }
    write_atomically(&state_path(db), &encode_state(&state));
    lap("state written");
    if let Ok(text) = serde_json::to_vec(&d) {
        write_atomically(&path, &text);
    }
    lap("derived file written");
    Ok((d, source))
}

/// Quote clusters of two or more quotes of the index: rows in row order,
/// clusters by their first row.
fn index_clusters(index: &mut SignalIndex, slots: &Slots, rows: &[QuoteRow]) -> Vec<Vec<QuoteRow>> {
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for s in 0..index.quote_count() {
        if let Some(&q) = slots.quote_of_slot.get(s).filter(|&&q| q < rows.len()) {
            groups.entry(index.quote_group(s)).or_default().push(q);
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|mut m| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort();
    out.into_iter()
        .map(|c| c.into_iter().map(|q| rows[q].clone()).collect())
        .collect()
}

/// Writes `bytes` to a temporary file and renames it over `path`; a
/// directory that cannot be written just means no file.
fn write_atomically(path: &Path, bytes: &[u8]) {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
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
        assert!(matches!(source, Source::Rebuilt { .. }), "{source:?}");
        assert_eq!(first.clusters.len(), 1);
        assert_eq!(derived(&store, &db).unwrap().1, Source::File);
        // The same file as an older build with other linking rules wrote it.
        let mut old = first.clone();
        old.rules = "older rules".into();
        std::fs::write(derived_path(&db), serde_json::to_vec(&old).unwrap()).unwrap();
        let (again, source) = derived(&store, &db).unwrap();
        // The derived file is recomputed (from the saved index state).
        assert_eq!(source, Source::Updated { added: 0 });
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
        assert!(matches!(source, Source::Rebuilt { .. }), "{source:?}");
        assert_eq!(d.clusters.len(), 1);
        assert!(!derived_path(&db).exists());
        assert!(!state_path(&db).exists());
        // A current file written by a writer is read.
        derived(&store, &db).unwrap();
        assert_eq!(derived_read_only(&store, &db).unwrap().1, Source::File);
        // After a change it starts from the saved state but writes nothing.
        let state = std::fs::read(state_path(&db)).unwrap();
        let file = std::fs::read(derived_path(&db)).unwrap();
        store.put_articles(&[article("c3")]).unwrap();
        let (d, source) = derived_read_only(&store, &db).unwrap();
        assert_eq!(source, Source::Updated { added: 1 });
        assert_eq!(d.clusters[0].len(), 3);
        assert_eq!(std::fs::read(state_path(&db)).unwrap(), state);
        assert_eq!(std::fs::read(derived_path(&db)).unwrap(), file);
    }

    const STATEMENTS: [&str; 4] = [
        "We are ready to negotiate, but only on our terms and not under pressure",
        "The grain corridor will stay open as long as the ships are inspected",
        "Nobody in this government will accept a deal that leaves our farmers behind",
        "Prices for bread went up by a third since spring and families feel it",
    ];
    const LINES: [&str; 6] = [
        "The central bank raised its key interest rate to a record high on Thursday.",
        "Heavy rain flooded the old town and closed three bridges over the river.",
        "Rescuers searched collapsed buildings in Hatay and Kahramanmaras before dawn.",
        "The parliament approved the budget after a long debate about pensions.",
        "Officials said the next meeting could happen in Geneva within two weeks.",
        "Schools stay closed until the end of the week across the northern region.",
    ];
    const OUTLETS: [&str; 5] = ["One", "Two", "Three", "Four", "Five"];

    /// Article `i` of a small corpus with statements reported by several
    /// outlets (some trimmed), narration lines repeated across outlets,
    /// reprints (every seventh article copies the one three before it) and
    /// a unique line each; dated `day` days into March 2023.
    fn corpus_article(i: usize, day: usize) -> serde_json::Value {
        let src = if i % 7 == 0 && i >= 3 { i - 3 } else { i };
        let statement = STATEMENTS[src % STATEMENTS.len()];
        let quote: String = if src % 3 == 0 {
            statement.split(' ').skip(2).collect::<Vec<_>>().join(" ")
        } else {
            statement.to_string()
        };
        let speaker = ["Anna Berg", "Piet Vos", "Mia Lund"][src % 3];
        let mut text = format!("\"{quote},\" {speaker} said. ");
        let quote_end = 1 + quote.chars().count();
        text.push_str(LINES[src % LINES.len()]);
        text.push(' ');
        text.push_str(LINES[(src / 2 + 1) % LINES.len()]);
        text.push_str(&format!(
            " Reporter number {src} filed this item about district {} today.",
            src * 7919 % 1000
        ));
        serde_json::json!({
            "schema": "newslens.article/1", "id": format!("art{i:03}"),
            "title": format!("Report {src}: {}", LINES[src % LINES.len()]),
            "published": format!("2023-03-{:02}", day + 1), "lang": "en", "text": text,
            "boilerplate": [],
            "source": {"path": format!("art{i}"), "outlet": OUTLETS[i % OUTLETS.len()], "format": "text"},
            "entities": [], "dates": [], "narratives": [], "roles": [],
            "quotes": [{"text": quote, "start": 1, "end": quote_end, "kind": "direct", "cue": "said",
                        "speaker": {"text": speaker, "start": quote_end + 3, "end": quote_end + 3 + speaker.len(), "name": speaker, "entity": null},
                        "said_on": null}]
        })
    }

    fn corpus(range: std::ops::Range<usize>) -> Vec<serde_json::Value> {
        range.map(|i| corpus_article(i, i / 4)).collect()
    }

    /// The derived signals as JSON, without the fingerprint.
    fn content(d: &Derived) -> serde_json::Value {
        serde_json::json!([d.talking_points, d.stories, d.clusters])
    }

    /// A full rebuild of the articles of `store`, put in the same order
    /// into a fresh database.
    fn full_rebuild(articles: &[serde_json::Value]) -> Derived {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("full.db");
        let mut store = Store::open(&db).unwrap();
        store.put_articles(articles).unwrap();
        let (d, source) = derived(&store, &db).unwrap();
        assert_eq!(
            source,
            Source::Rebuilt {
                reason: "no saved state".into()
            }
        );
        d
    }

    #[test]
    fn articles_added_after_a_saved_state_are_the_only_ones_indexed_and_give_a_full_rebuilds_signals(
    ) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db).unwrap();
        let all = corpus(0..48);
        store.put_articles(&all[..36]).unwrap();
        let (first, source) = derived(&store, &db).unwrap();
        assert!(matches!(source, Source::Rebuilt { .. }));
        assert_eq!(content(&first), content(&full_rebuild(&all[..36])));
        // Two more batches, each a later day or the same last day.
        store.put_articles(&all[36..44]).unwrap();
        let (_, source) = derived(&store, &db).unwrap();
        assert_eq!(source, Source::Updated { added: 8 });
        store.put_articles(&all[44..]).unwrap();
        let (d, source) = derived(&store, &db).unwrap();
        assert_eq!(source, Source::Updated { added: 4 });
        let full = full_rebuild(&all);
        assert_eq!(content(&d), content(&full));
        // The corpus exercises every part.
        assert!(d.talking_points.iter().any(|p| p.kind == "statement"));
        assert!(d.talking_points.iter().any(|p| p.kind == "phrase"));
        assert!(d.clusters.len() >= 2, "{:?}", d.clusters.len());
        assert!(!d.stories.is_empty());
        assert_eq!(derived(&store, &db).unwrap().1, Source::File);
    }

    #[test]
    fn a_replaced_or_backdated_article_forces_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db).unwrap();
        let mut all = corpus(0..30);
        store.put_articles(&all).unwrap();
        derived(&store, &db).unwrap();
        all[5]["text"] =
            serde_json::json!(format!("{} Updated.", all[5]["text"].as_str().unwrap()));
        store.put_articles(&all[5..6]).unwrap();
        let (d, source) = derived(&store, &db).unwrap();
        let Source::Rebuilt { reason } = source else {
            panic!("{source:?}")
        };
        assert!(reason.contains("art005 was replaced"), "{reason}");
        // Store order: art005 was stored again, last.
        let mut order = all.clone();
        let moved = order.remove(5);
        order.push(moved);
        assert_eq!(content(&d), content(&full_rebuild(&order)));
        // An article dated before the newest indexed one.
        let old = corpus_article(99, 0);
        store.put_articles(std::slice::from_ref(&old)).unwrap();
        let Source::Rebuilt { reason } = derived(&store, &db).unwrap().1 else {
            panic!()
        };
        assert!(reason.contains("dated before"), "{reason}");
        // A deleted one.
        store.delete_article("art007").unwrap();
        let Source::Rebuilt { reason } = derived(&store, &db).unwrap().1 else {
            panic!()
        };
        assert!(reason.contains("art007 was deleted"), "{reason}");
    }

    #[test]
    fn a_damaged_state_file_is_rebuilt_without_panic() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut store = Store::open(&db).unwrap();
        let all = corpus(0..24);
        store.put_articles(&all[..20]).unwrap();
        derived(&store, &db).unwrap();
        let good = std::fs::read(state_path(&db)).unwrap();
        store.put_articles(&all[20..]).unwrap();
        let expected = content(&full_rebuild(&all));
        let mut flipped = good.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x5a;
        let mut bad_rules = good.clone();
        bad_rules[12 + 8] ^= 1; // inside the rules string (checksum then fails too)
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("garbage", b"not a state at all, just text".to_vec()),
            ("truncated", good[..good.len() / 3].to_vec()),
            ("flipped", flipped),
            ("rules", bad_rules),
        ];
        for (name, bytes) in cases {
            std::fs::write(state_path(&db), &bytes).unwrap();
            let _ = std::fs::remove_file(derived_path(&db));
            let (d, source) = derived(&store, &db).unwrap();
            assert!(
                matches!(source, Source::Rebuilt { .. }),
                "{name}: {source:?}"
            );
            assert_eq!(content(&d), expected, "{name}");
        }
        // The rebuilt state is good again.
        let _ = std::fs::remove_file(derived_path(&db));
        assert_eq!(
            derived(&store, &db).unwrap().1,
            Source::Updated { added: 0 }
        );
    }
}
