//! Loads a JSON Lines file of article objects (`newslens annotate` output)
//! into a store, timing the store alone:
//! `cargo run --release -p newslens-store --example load -- OUT.db IN.jsonl [BATCH]`.

use newslens_store::{PutSummary, Store};
use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(input)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: load OUT.db IN.jsonl [BATCH]");
        std::process::exit(2);
    };
    let batch_size: usize = args.get(3).map(|b| b.parse()).transpose()?.unwrap_or(256);
    let mut store = Store::open(Path::new(db))?;
    let reader = std::io::BufReader::new(std::fs::File::open(input)?);
    let started = Instant::now();
    let mut total = PutSummary::default();
    let mut rejected = 0;
    let mut batch = Vec::with_capacity(batch_size);
    let mut lines = reader.lines();
    loop {
        let line = lines.next().transpose()?;
        let end = line.is_none();
        batch.extend(line);
        if batch.len() >= batch_size || (end && !batch.is_empty()) {
            let report = store.put_lines(&batch)?;
            total += report.summary;
            rejected += report.rejected.len();
            batch.clear();
        }
        if end {
            break;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let n = total.stored + total.unchanged + total.replaced;
    eprintln!(
        "{n} articles in {secs:.2} s ({:.0}/s): {total:?}, {rejected} rejected",
        n as f64 / secs
    );
    Ok(())
}
