//! Adds `N` articles to a newslens database for the incremental-signals
//! measurement (`docs/signals.md`): copies of every `k`-th stored article
//! in rowid order
//! (its text, quotes and the rest as stored) under a new id (`ID~new`) and
//! a later date (`DATE-01` … `DATE-28`), so they sort after every stored
//! one, put through `Store::put_articles` in one batch.
//!
//! ```sh
//! cargo run --release -p newslens-signals --features store --example grow -- DB N [DATE=2025-01]
//! ```
//! Never run it on a database you want to keep as it is: it writes.

use newslens_store::Store;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: grow DB N [DATE=2025-01]");
        return ExitCode::from(2);
    };
    let month = args.get(2).map_or("2025-01", String::as_str);
    let mut store = match Store::open(Path::new(db)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("grow: {e}");
            return ExitCode::FAILURE;
        }
    };
    let total = store.article_count().unwrap_or(0) as usize;
    let step = (total / n.max(1)).max(1);
    // Every `step`-th stored article, found by keyset pages of rowids
    // (an OFFSET query per copy took minutes on a million articles).
    let mut picked: Vec<String> = Vec::with_capacity(n);
    let mut after = 0i64;
    let mut seen = 0usize;
    while picked.len() < n {
        let page = match store.articles_after(after, 1000, false) {
            Ok(p) if !p.is_empty() => p,
            _ => break,
        };
        after = page.last().map_or(after, |a| a.rowid);
        for a in page {
            if seen % step == 0 && picked.len() < n {
                picked.push(a.id);
            }
            seen += 1;
        }
    }
    let mut added = Vec::with_capacity(n);
    for (i, id) in picked.iter().enumerate() {
        let Ok(Some(mut v)) = store.article(id) else {
            continue;
        };
        v["id"] = format!("{id}~new").into();
        v["published"] = format!("{month}-{:02}", 1 + i % 28).into();
        added.push(v);
    }
    match store.put_articles(&added) {
        Ok(s) => {
            println!("grow: {} articles stored ({:?})", added.len(), s);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("grow: {e}");
            ExitCode::FAILURE
        }
    }
}
