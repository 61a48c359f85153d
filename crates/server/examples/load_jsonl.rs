//! Puts contract article objects (JSON Lines, as `newslens annotate` prints
//! them) into a store: a stand-in for `newslens analyze` when the articles
//! are already annotated (the browser test's fixture articles).
//!
//! ```sh
//! cargo run -p newslens-server --example load_jsonl -- DB FILE.jsonl...
//! ```

use newslens_store::Store;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: load_jsonl DB FILE.jsonl...");
        return ExitCode::from(2);
    }
    let mut store = match Store::open(std::path::Path::new(&args[0])) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("load_jsonl: {e}");
            return ExitCode::FAILURE;
        }
    };
    for file in &args[1..] {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("load_jsonl: {file}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        match store.put_json_lines(&lines) {
            Ok(s) => eprintln!(
                "load_jsonl: {file}: {} stored, {} unchanged, {} replaced",
                s.stored, s.unchanged, s.replaced
            ),
            Err(e) => {
                eprintln!("load_jsonl: {file}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
