//! [`Store`]: opening (creating, migrating) the SQLite database. Writing is
//! in `put.rs`, reading in `queries.rs`.

use crate::schema::{MIGRATIONS, OPTIMIZE, SCHEMA_VERSION};
use crate::watchdog::Watchdog;
use crate::StoreError;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An article store: one SQLite file (plus its `-wal` and `-shm` while in
/// use). Open it writable with [`Store::open`] to add articles, or with
/// [`Store::open_read_only`] to query it while a writer may be running.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    clock: Clock,
}

/// The time limit of each query (see [`Store::set_time_limit`]) and the
/// [`Watchdog`] that keeps it (with SQLite's progress handler), started
/// with the first limit.
#[derive(Default)]
struct Clock {
    limit: Option<Duration>,
    watchdog: Option<Watchdog>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path` for writing, creating it if missing and
    /// migrating an older schema. Refuses a schema newer than this build.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            clock: Clock::default(),
        };
        store.configure(true)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store for queries only. Errors when the file is
    /// missing, not a newslens database, or of another schema version (an
    /// older one is migrated by opening it with [`Store::open`]).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            clock: Clock::default(),
        };
        store.configure(false)?;
        let found = store.version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(StoreError::TooOld {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(store)
    }

    /// Limits every read query ([`Store::articles`], [`Store::quotes`],
    /// [`Store::entity`], [`Store::search`] …) to `limit` of time: a query
    /// still running then is interrupted and fails with
    /// [`StoreError::TimedOut`]. `None` (the default) lets queries run.
    pub fn set_time_limit(&mut self, limit: Option<Duration>) -> Result<(), StoreError> {
        if limit.is_some() && self.clock.watchdog.is_none() {
            let watchdog = Watchdog::start(self.conn.get_interrupt_handle())
                .map_err(|source| StoreError::Watchdog { source })?;
            // Checked every 1,000 virtual machine steps (a few µs).
            self.conn
                .progress_handler(1000, Some(watchdog.progress_check()))?;
            self.clock.watchdog = Some(watchdog);
        }
        self.clock.limit = limit;
        Ok(())
    }

    /// The time limit set by [`Store::set_time_limit`] (`None`: queries
    /// run to the end), for a connection of one's own that keeps to it.
    pub fn time_limit(&self) -> Option<Duration> {
        self.clock.limit
    }

    /// Runs one read query under the time limit, if any.
    pub(crate) fn timed<T>(
        &self,
        query: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (Some(limit), Some(watchdog)) = (self.clock.limit, &self.clock.watchdog) else {
            return query();
        };
        let result = watchdog.run(limit, query);
        result.map_err(|err| match err {
            StoreError::Query(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                StoreError::TimedOut { limit }
            }
            other => other,
        })
    }

    /// Merges each full-text index into one segment (FTS5 `optimize`):
    /// a search then reads one list per word instead of one per batch
    /// written (on a generated 100,000-article database: the search
    /// endpoint 13.7 → 7.6 ms, 4 s to merge). Worth running after a large
    /// ingest; later writes add segments again.
    pub fn optimize(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch(OPTIMIZE)?;
        Ok(())
    }

    /// Bulk-load mode for a large one-off import (the benchmark generator):
    /// `on` turns off the sync of the write-ahead log's checkpoints
    /// (`synchronous = OFF`: a crash of the machine, not of the process,
    /// may lose or damage the last transactions), gives the writer a page
    /// cache of 1 GB, so the pages of the indexes with random keys
    /// (speaker names, full-text terms) are written once per transaction
    /// instead of being spilled and read back, and checkpoints the log
    /// every 64 MB instead of every 4 MB. `off` restores the defaults of
    /// [`Store::open`].
    pub fn bulk_load(&mut self, on: bool) -> Result<(), StoreError> {
        self.conn.execute_batch(if on {
            "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; \
             PRAGMA wal_autocheckpoint = 16384;"
        } else {
            "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; \
             PRAGMA wal_autocheckpoint = 1000;"
        })?;
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| StoreError::Open {
                path: self.path.clone(),
                source,
            })
    }

    /// `PRAGMA integrity_check`: `Ok(())` when SQLite finds the file sound,
    /// else the problems it lists.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    fn configure(&self, writable: bool) -> Result<(), StoreError> {
        let open_err = |source| StoreError::Open {
            path: self.path.clone(),
            source,
        };
        self.conn
            .busy_timeout(Duration::from_secs(10))
            .map_err(open_err)?;
        if writable {
            // WAL: readers never block the writer and a killed writer loses
            // at most its open transaction. NORMAL sync is durable against
            // a crash of the process (not of the machine).
            self.conn
                .execute_batch(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;",
                )
                .map_err(open_err)?;
        } else {
            self.conn
                .execute_batch("PRAGMA query_only = ON; PRAGMA cache_size = -65536;")
                .map_err(open_err)?;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < 0 {
            return Err(StoreError::TooOld {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found == 0 {
            self.check_empty()?;
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = i as i64 + 1;
            self.apply(version, sql)
                .map_err(|source| StoreError::Migrate {
                    path: self.path.clone(),
                    version,
                    source,
                })?;
        }
        Ok(())
    }

    /// Applies one migration and the version bump in one transaction.
    pub(crate) fn apply(&mut self, version: i64, sql: &str) -> Result<(), rusqlite::Error> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()
    }

    /// A version-0 file must be empty: refuse to add tables to someone
    /// else's database.
    fn check_empty(&self) -> Result<(), StoreError> {
        let tables: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(|source| StoreError::Open {
                path: self.path.clone(),
                source,
            })?;
        if tables > 0 {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        Ok(())
    }
}

/// Size and modification time of the database file at `db` and of its
/// write-ahead log (`None` for a file that is missing or unreadable): they
/// change with every commit and checkpoint, so a reader can tell that the
/// database changed without querying it (the server's answer cache, the
/// signals' derived file).
pub fn file_stamps(db: &Path) -> [Option<(u64, std::time::SystemTime)>; 2] {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [db, Path::new(&wal)].map(|p| {
        std::fs::metadata(p)
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)))
    })
}
