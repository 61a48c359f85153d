//! [`Pool`]: a fixed set of blocking database connections used from async
//! handlers through `spawn_blocking`.
//!
//! SQLite calls block, so every query runs on tokio's blocking threads. Each
//! connection is opened once at start (read-only) and handed to one query at
//! a time; a semaphore with one permit per connection makes requests wait for
//! a free one instead of opening more. A connection is returned to the pool
//! even when the query panics.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Why a pooled call did not run to completion.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// No connection became free within the wait limit.
    #[error("no free connection within {0:?}")]
    Timeout(Duration),
    /// The call panicked (its connection was kept).
    #[error("query panicked")]
    Panicked,
}

/// A fixed pool of connections `C`.
pub struct Pool<C> {
    conns: Mutex<Vec<C>>,
    permits: Arc<Semaphore>,
    size: usize,
    wait: Duration,
}

struct Checkout<'a, C> {
    pool: &'a Pool<C>,
    conn: Option<C>,
}

impl<C> Drop for Checkout<'_, C> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut conns = match self.pool.conns.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            conns.push(conn);
        }
    }
}

impl<C: Send + 'static> Pool<C> {
    /// A pool over these connections; a call waits at most `wait` for one.
    pub fn new(conns: Vec<C>, wait: Duration) -> Self {
        let size = conns.len();
        Pool {
            conns: Mutex::new(conns),
            permits: Arc::new(Semaphore::new(size)),
            size,
            wait,
        }
    }

    /// How many connections the pool holds.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `f` with a free connection on a blocking thread.
    pub async fn run<R, F>(self: &Arc<Self>, f: F) -> Result<R, PoolError>
    where
        F: FnOnce(&mut C) -> R + Send + 'static,
        R: Send + 'static,
    {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| PoolError::Timeout(self.wait))?
            .map_err(|_| PoolError::Timeout(self.wait))?;
        let pool = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let conn = {
                let mut conns = match pool.conns.lock() {
                    Ok(guard) => guard,
                    Err(poisoned) => poisoned.into_inner(),
                };
                conns.pop()
            };
            let mut checkout = Checkout { pool: &pool, conn };
            let result = checkout.conn.as_mut().map(f);
            drop(checkout);
            drop(permit);
            result
        })
        .await;
        match joined {
            Ok(Some(result)) => Ok(result),
            // No connection although a permit was held: only after a lost
            // connection, which `Checkout` prevents; report it as busy.
            Ok(None) => Err(PoolError::Timeout(self.wait)),
            Err(_) => Err(PoolError::Panicked),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_on_a_connection_and_returns_it() {
        let pool = Arc::new(Pool::new(vec![1u32], Duration::from_secs(1)));
        let a = pool.run(|c| *c + 1).await.unwrap();
        let b = pool.run(|c| *c + 2).await.unwrap();
        assert_eq!((a, b), (2, 3));
    }

    #[tokio::test]
    async fn a_panicking_call_keeps_its_connection() {
        let pool = Arc::new(Pool::new(vec![7u32], Duration::from_secs(1)));
        let err = pool
            .run(|_c: &mut u32| -> u32 { panic!("boom") })
            .await
            .unwrap_err();
        assert!(matches!(err, PoolError::Panicked));
        assert_eq!(pool.run(|c| *c).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn waits_at_most_the_limit_for_a_connection() {
        let pool = Arc::new(Pool::new(vec![0u32], Duration::from_millis(50)));
        let busy = Arc::clone(&pool);
        let slow = tokio::spawn(async move {
            busy.run(|_| std::thread::sleep(Duration::from_millis(400)))
                .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let err = pool.run(|c| *c).await.unwrap_err();
        assert!(matches!(err, PoolError::Timeout(_)));
        slow.await.unwrap().unwrap();
        assert_eq!(pool.run(|c| *c).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn connections_are_used_concurrently() {
        let pool = Arc::new(Pool::new(vec![0u32, 1], Duration::from_secs(2)));
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let (b1, b2) = (Arc::clone(&barrier), Arc::clone(&barrier));
        let (p1, p2) = (Arc::clone(&pool), Arc::clone(&pool));
        // Both calls must hold a connection at the same time to pass the barrier.
        let t1 = tokio::spawn(async move {
            p1.run(move |c| {
                b1.wait();
                *c
            })
            .await
        });
        let t2 = tokio::spawn(async move {
            p2.run(move |c| {
                b2.wait();
                *c
            })
            .await
        });
        let mut got = vec![t1.await.unwrap().unwrap(), t2.await.unwrap().unwrap()];
        got.sort();
        assert_eq!(got, vec![0, 1]);
    }
}
