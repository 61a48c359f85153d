//! The `newslens` command's library side. The main type is [`Annotator`]:
//! it wires ingest, the checked stage pipeline (clean → repeated-lines → langid → segment →
//! quotes → dates → entities) and
//! the contract's JSON output, processing articles in parallel and printing
//! them in input order. `main.rs` only parses arguments and sets up output.

pub mod annotator;
pub mod config;
pub mod output;

pub use annotator::{Annotator, Summary};
pub use config::Config;
