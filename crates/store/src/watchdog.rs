//! [`Watchdog`]: the time limit of a store's queries. SQLite's progress
//! handler checks the deadline every 1,000 steps of its virtual machine,
//! and a thread of the watchdog's own interrupts the connection
//! (`sqlite3_interrupt`) once the deadline has passed.
//!
//! The progress handler alone, which kept the limit until session 15, is
//! called between steps, so a query that spends its time inside one step
//! was never stopped: `SELECT count(*) FROM quotes` counts a whole table
//! in one step (`OP_Count`), and on the generated store of 1.02 million
//! articles it ran 4.29 s on a cold page cache under a 1 s limit. An
//! interrupt is seen inside such steps too (SQLite checks it while
//! counting a table's pages, sorting and at every jump). The thread alone
//! is not enough either: it wakes a little after the deadline, by which
//! time a short query may have finished; the progress handler stops a
//! query of many steps right at it.

use rusqlite::InterruptHandle;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Interrupts a connection's query that runs past its deadline. One thread
/// per watchdog, asleep while no query runs; stopped when dropped.
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    /// Set when the watchdog is dropped: the thread ends. Its lock also
    /// orders a query's start and end against the thread's interrupt.
    stop: Mutex<bool>,
    wake: Condvar,
    /// When the running query must have ended, in nanoseconds after
    /// `start` (0: none runs); read by the thread and the progress handler.
    deadline: AtomicU64,
    start: Instant,
}

impl Shared {
    /// The lock, also after a panic elsewhere poisoned it (it holds a
    /// plain flag, always consistent).
    fn lock(&self) -> MutexGuard<'_, bool> {
        self.stop.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn now(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }
}

impl Watchdog {
    /// Starts the thread that interrupts `handle`'s connection. Errors when
    /// the system cannot start a thread.
    pub(crate) fn start(handle: InterruptHandle) -> std::io::Result<Watchdog> {
        let shared = Arc::new(Shared {
            stop: Mutex::new(false),
            wake: Condvar::new(),
            deadline: AtomicU64::new(0),
            start: Instant::now(),
        });
        let watched = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("newslens-store-watchdog".into())
            .spawn(move || watch(&watched, &handle))?;
        Ok(Watchdog {
            shared,
            thread: Some(thread),
        })
    }

    /// Runs `query` with `limit` of time: past it, the connection is
    /// interrupted and the query fails with SQLite's `SQLITE_INTERRUPT`.
    pub(crate) fn run<T>(&self, limit: Duration, query: impl FnOnce() -> T) -> T {
        let deadline = (self.shared.now() + limit.as_nanos() as u64).max(1);
        {
            let _lock = self.shared.lock();
            self.shared.deadline.store(deadline, Ordering::Relaxed);
        }
        self.shared.wake.notify_one();
        let result = query();
        // Under the lock: an interrupt is only ever sent while `query` runs
        // (or has just returned, when SQLite ignores it: no statement runs).
        let _lock = self.shared.lock();
        self.shared.deadline.store(0, Ordering::Relaxed);
        result
    }

    /// The check for SQLite's progress handler: whether the running
    /// query is past its deadline.
    pub(crate) fn progress_check(&self) -> impl FnMut() -> bool + Send + 'static {
        let shared = Arc::clone(&self.shared);
        move || {
            let d = shared.deadline.load(Ordering::Relaxed);
            d != 0 && shared.now() > d
        }
    }
}

/// The watchdog's thread: waits for a deadline, interrupts the connection
/// when one passes while its query still runs.
fn watch(shared: &Shared, handle: &InterruptHandle) {
    // The deadline already acted on: it stays set for the progress handler
    // (an interrupt sent before the query's statement started is lost).
    let mut fired = 0;
    let mut stop = shared.lock();
    while !*stop {
        let deadline = shared.deadline.load(Ordering::Relaxed);
        stop = if deadline == 0 || deadline == fired {
            shared
                .wake
                .wait(stop)
                .unwrap_or_else(PoisonError::into_inner)
        } else {
            let now = shared.now();
            if now >= deadline {
                handle.interrupt();
                fired = deadline;
                stop
            } else {
                shared
                    .wake
                    .wait_timeout(stop, Duration::from_nanos(deadline - now))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        *self.shared.lock() = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            // The thread only waits and interrupts: it does not panic.
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn a_query_within_its_limit_is_not_interrupted() {
        let conn = Connection::open_in_memory().expect("open");
        let dog = Watchdog::start(conn.get_interrupt_handle()).expect("start");
        for _ in 0..100 {
            let n: i64 = dog
                .run(Duration::from_secs(10), || {
                    conn.query_row("SELECT 1 + 1", [], |r| r.get(0))
                })
                .expect("query");
            assert_eq!(n, 2);
        }
    }

    #[test]
    fn a_query_past_its_deadline_is_interrupted_and_the_next_runs() {
        let conn = Connection::open_in_memory().expect("open");
        let dog = Watchdog::start(conn.get_interrupt_handle()).expect("start");
        let started = Instant::now();
        let err = dog
            .run(Duration::from_millis(20), || {
                conn.query_row(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \
                     SELECT count(*) FROM c",
                    [],
                    |r| r.get::<_, i64>(0),
                )
            })
            .expect_err("interrupted");
        assert_eq!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::OperationInterrupted),
            "{err}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        let n: i64 = dog
            .run(Duration::from_millis(20), || {
                conn.query_row("SELECT 3", [], |r| r.get(0))
            })
            .expect("the next query runs");
        assert_eq!(n, 3);
    }
}
