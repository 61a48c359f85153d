//! [`ResponseCache`]: answers of the API kept in memory until the database
//! changes.
//!
//! The server never writes, but `newslens analyze` may add articles while it
//! runs. Every lookup first compares the size and modification time of the
//! database file and its `-wal` file with those seen when the entries were
//! made; any change (a commit, a checkpoint) empties the cache. An answer
//! computed while the database changed is not kept. Entries are bounded in
//! number and bytes, the least recently used evicted first. Concurrent misses
//! of one key wait for the first one ([`ResponseCache::flight`]) instead of
//! all running the same query.

use axum::body::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::SystemTime;

/// What identifies one state of the database files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbStamp([Option<(u64, SystemTime)>; 2]);

impl DbStamp {
    /// Reads the size and modification time of `db` and `db-wal`.
    pub fn read(db: &Path) -> DbStamp {
        DbStamp(newslens_store::file_stamps(db))
    }
}

struct Entry {
    body: Bytes,
    used: u64,
}

struct Inner {
    stamp: Option<DbStamp>,
    map: HashMap<String, Entry>,
    bytes: usize,
    tick: u64,
}

/// A bounded cache of JSON answers, emptied whenever the database changes.
pub struct ResponseCache {
    db: PathBuf,
    max_bytes: usize,
    max_entries: usize,
    inner: Mutex<Inner>,
    flights: Mutex<HashMap<String, Weak<tokio::sync::Mutex<()>>>>,
}

impl ResponseCache {
    /// A cache over the database at `db`, holding at most `max_bytes` of answers.
    pub fn new(db: &Path, max_bytes: usize) -> ResponseCache {
        ResponseCache {
            db: db.to_path_buf(),
            max_bytes,
            max_entries: 4096,
            inner: Mutex::new(Inner {
                stamp: None,
                map: HashMap::new(),
                bytes: 0,
                tick: 0,
            }),
            flights: Mutex::new(HashMap::new()),
        }
    }

    /// The lock that the requests missing `key` take in turn: the first runs
    /// the query and keeps its answer, the others then find it cached.
    pub fn flight(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut flights = match self.flights.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(lock) = flights.get(key).and_then(Weak::upgrade) {
            return lock;
        }
        if flights.len() >= 1024 {
            flights.retain(|_, w| w.strong_count() > 0);
        }
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        flights.insert(key.to_string(), Arc::downgrade(&lock));
        lock
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The current state of the database files, to pass back to [`Self::put`].
    pub fn stamp(&self) -> DbStamp {
        DbStamp::read(&self.db)
    }

    /// The cached answer for `key`, if the database has not changed since.
    pub fn get(&self, key: &str, stamp: &DbStamp) -> Option<Bytes> {
        let mut inner = self.lock();
        if inner.stamp.as_ref() != Some(stamp) {
            inner.map.clear();
            inner.bytes = 0;
            inner.stamp = Some(stamp.clone());
            return None;
        }
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.map.get_mut(key)?;
        entry.used = tick;
        Some(entry.body.clone())
    }

    /// Keeps `body` for `key` if the database is still as `stamp` says.
    pub fn put(&self, key: String, body: Bytes, stamp: &DbStamp) {
        if body.len() > self.max_bytes / 4 {
            return;
        }
        let now = self.stamp();
        let mut inner = self.lock();
        if &now != stamp || inner.stamp.as_ref() != Some(stamp) {
            return;
        }
        while !inner.map.is_empty()
            && (inner.bytes + body.len() > self.max_bytes || inner.map.len() >= self.max_entries)
        {
            let oldest = inner
                .map
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                if let Some(e) = inner.map.remove(&k) {
                    inner.bytes -= e.body.len();
                }
            }
        }
        inner.tick += 1;
        let used = inner.tick;
        inner.bytes += body.len();
        if let Some(old) = inner.map.insert(key, Entry { body, used }) {
            inner.bytes -= old.body.len();
        }
    }

    /// How many answers are kept.
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    /// Whether no answer is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &str) -> Bytes {
        Bytes::from(s.to_string())
    }

    #[test]
    fn keeps_answers_until_the_database_changes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"one").unwrap();
        let cache = ResponseCache::new(&db, 1 << 20);
        let s = cache.stamp();
        assert!(cache.get("a", &s).is_none());
        cache.put("a".into(), body("A"), &s);
        assert_eq!(&cache.get("a", &s).unwrap()[..], b"A");
        // A write to the WAL file (a commit) empties it.
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        std::fs::write(&wal, b"commit").unwrap();
        let s2 = cache.stamp();
        assert_ne!(s, s2);
        assert!(cache.get("a", &s2).is_none());
        assert!(cache.is_empty());
        // An answer computed before the change is not kept.
        cache.put("b".into(), body("B"), &s);
        assert!(cache.get("b", &s2).is_none());
    }

    #[test]
    fn one_flight_per_key_while_it_is_held() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ResponseCache::new(&dir.path().join("x.db"), 1 << 20);
        let a = cache.flight("a");
        let a2 = cache.flight("a");
        assert!(Arc::ptr_eq(&a, &a2));
        assert!(!Arc::ptr_eq(&a, &cache.flight("b")));
        drop((a, a2));
        // Nobody holds it any more: a new one.
        let a3 = cache.flight("a");
        assert_eq!(Arc::strong_count(&a3), 1);
    }

    #[test]
    fn evicts_the_least_recently_used_within_the_byte_bound() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"one").unwrap();
        let cache = ResponseCache::new(&db, 40);
        let s = cache.stamp();
        assert!(cache.get("warm", &s).is_none());
        cache.put("a".into(), body("0123456789"), &s);
        cache.put("b".into(), body("0123456789"), &s);
        cache.put("c".into(), body("0123456789"), &s);
        assert!(cache.get("a", &s).is_some()); // a is now more recent than b
        cache.put("d".into(), body("0123456789"), &s);
        cache.put("e".into(), body("0123456789"), &s);
        assert!(
            cache.get("b", &s).is_none(),
            "b was the least recently used"
        );
        assert!(cache.get("a", &s).is_some());
        assert!(cache.len() <= 4);
        // Too large for the cache: not kept.
        cache.put("big".into(), body(&"x".repeat(20)), &s);
        assert!(cache.get("big", &s).is_none());
    }
}
