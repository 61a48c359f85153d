//! Every translation candidate of every quote with a linked speaker, as
//! JSON Lines (`{"a", "b", "weight", "shared", "langs", "texts"}`, each
//! pair once), for choosing and checking the rules of
//! `Store::translation_candidates` (scripts/translation-check.py):
//! `cargo run --release -p newslens-store --example translations -- DB
//! [MIN_WEIGHT] [WINDOW_DAYS]`.

use newslens_store::{Store, TranslationQuery};
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first() else {
        eprintln!("usage: translations DB [MIN_WEIGHT] [WINDOW_DAYS]");
        return ExitCode::from(2);
    };
    let number = |i: usize, default: f64| -> Result<f64, String> {
        args.get(i).map_or(Ok(default), |v| {
            v.parse().map_err(|_| format!("not a number: {v}"))
        })
    };
    let (min_weight, window) = match (number(1, 0.0), number(2, 7.0)) {
        (Ok(w), Ok(d)) => (w, d as u32),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("translations: {e}");
            return ExitCode::from(2);
        }
    };
    match run(Path::new(db), min_weight, window) {
        Ok(n) => {
            eprintln!("translations: {n} pairs");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("translations: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(db: &Path, min_weight: f64, window_days: u32) -> Result<usize, Box<dyn std::error::Error>> {
    // The quotes to start from are listed straight from the file: the
    // store's API has no "every quote" query.
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let keys: Vec<(String, u32)> = conn
        .prepare(
            "SELECT a.id, q.idx FROM quotes q JOIN articles a ON a.rowid = q.article \
             WHERE q.speaker_entity IS NOT NULL ORDER BY q.rowid",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let store = Store::open_read_only(db)?;
    let query = TranslationQuery {
        window_days,
        min_shared: 1,
        min_weight,
        limit: usize::MAX,
        ..TranslationQuery::default()
    };
    let mut seen = HashSet::new();
    for (article, idx) in &keys {
        let a = format!("{article}#{idx}");
        for c in store.translation_candidates(&[(article.clone(), *idx)], &query)? {
            let b = format!("{}#{}", c.row.article, c.row.index);
            let pair = if a < b {
                (a.clone(), b)
            } else {
                (b, a.clone())
            };
            if !seen.insert(pair.clone()) {
                continue;
            }
            let source = store.quotes_by_keys(&[(article.clone(), *idx)])?;
            let line = serde_json::json!({
                "a": pair.0, "b": pair.1, "weight": c.weight, "shared": c.shared,
                "speaker": c.row.speaker,
                "texts": [source.first().map(|r| r.text.as_str()), Some(c.row.text.as_str())],
                "from": a, "lang": c.lang,
            });
            println!("{line}");
        }
    }
    Ok(seen.len())
}
