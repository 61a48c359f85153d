//! Checks a store with `Store::verify` (file integrity, every article's
//! rows, the entity counters and the count tables against a recount) and
//! prints the problems: `cargo run --release -p newslens-store --example
//! verify -- DB`. Exits 1 when there is any.

use newslens_store::Store;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(db) = std::env::args().nth(1) else {
        eprintln!("usage: verify DB");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let problems = match Store::open_read_only(Path::new(&db)).and_then(|s| s.verify()) {
        Ok(problems) => problems,
        Err(e) => {
            eprintln!("verify: {e}");
            return ExitCode::from(2);
        }
    };
    for p in &problems {
        println!("{p}");
    }
    eprintln!(
        "verify: {} problems in {:.1} s",
        problems.len(),
        started.elapsed().as_secs_f64()
    );
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
