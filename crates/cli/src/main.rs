//! The `newslens` binary: argument parsing, progress and exit codes. Each
//! subcommand lives in its own module under `commands/`; the work is done by
//! the library crates.

use anyhow::Context;
use clap::{Parser, Subcommand};
use newslens_cli::Config;
use std::path::PathBuf;
use std::process::ExitCode;

mod commands;

#[derive(Parser)]
#[command(
    name = "newslens",
    version,
    about = "Who said what, about whom, when: news articles in, evidence out."
)]
struct Cli {
    /// Settings file (TOML); unknown keys are errors.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate articles and print one JSON object per article (JSON Lines) on stdout.
    Annotate(commands::annotate::AnnotateArgs),
    /// Annotate articles and store them in a database (SQLite) for the query commands.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Quotes in the database: who said what, when (filters by speaker, topic, date, text).
    Quotes(commands::query::QuotesArgs),
    /// Entities in the database with their article, mention and quote counts.
    Entities(commands::query::EntitiesArgs),
    /// Articles per narrative, overall or per outlet or month.
    Narratives(commands::query::NarrativesArgs),
    /// Full-text search over stored articles and quotes, with snippets.
    Search(commands::query::SearchArgs),
    /// One stored article with its quotes, speakers and entities marked.
    Show(commands::query::ShowArgs),
    /// Statements repeated across articles, outlets and speakers, widest spread first.
    TalkingPoints(commands::signals::TalkingPointsArgs),
    /// Every appearance of one quote's statement, first seen first.
    QuoteTravel(commands::signals::QuoteTravelArgs),
    /// Articles about the same event within a few days (story clusters).
    Stories(commands::signals::StoriesArgs),
    /// Fetch the sentence-encoder model ahead of time, or show the model cache.
    Models(commands::models::ModelsArgs),
    /// Learn the narrative or role model from the SemEval-2025 Task 10 training data.
    Train(commands::train::TrainArgs),
    /// Write SemEval-2025 Task 10 prediction files (narratives, roles).
    Semeval(commands::semeval::SemevalArgs),
    /// Serve the read-only JSON API and web UI over a database (loopback by default).
    Serve(commands::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newslens: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = match &cli.config {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    match cli.command {
        Command::Annotate(args) => commands::annotate::run(&config, args),
        Command::Analyze(args) => commands::analyze::run(&config, args),
        Command::Quotes(args) => commands::query::quotes(args),
        Command::Entities(args) => commands::query::entities(args),
        Command::Narratives(args) => commands::query::narratives(args),
        Command::Search(args) => commands::query::search(args),
        Command::Show(args) => commands::query::show(args),
        Command::Models(args) => commands::models::run(args),
        Command::TalkingPoints(args) => commands::signals::talking_points(args),
        Command::QuoteTravel(args) => commands::signals::quote_travel(args),
        Command::Stories(args) => commands::signals::stories(args),
        Command::Train(args) => commands::train::run(args),
        Command::Semeval(args) => commands::semeval::run(args),
        Command::Serve(args) => commands::serve::run(args),
    }
}
