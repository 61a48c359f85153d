//! One module per subcommand: its clap arguments and its `run` function.
//! `main.rs` only lists them.

pub mod analyze;
pub mod annotate;
pub mod models;
pub mod query;
pub mod semeval;
pub mod serve;
pub mod signals;
pub mod train;
