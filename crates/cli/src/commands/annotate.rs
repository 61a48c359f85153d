//! `newslens annotate`: the pipeline over articles, contract JSON Lines on stdout.

use anyhow::Context;
use newslens_cli::{Annotator, Config};
use newslens_ingest::Format;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Arguments of `newslens annotate`.
#[derive(clap::Args)]
pub struct AnnotateArgs {
    /// Files, folders (read recursively), globs, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Read every input as this format instead of recognising it.
    #[arg(long, value_parser = ["text", "html", "jsonl"])]
    format: Option<String>,
    /// Never show a progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    quiet: bool,
}

/// Runs `newslens annotate`.
pub fn run(config: &Config, args: AnnotateArgs) -> anyhow::Result<ExitCode> {
    annotate(
        config,
        &args.paths,
        args.format.as_deref().and_then(Format::parse),
        args.quiet,
    )
}

fn annotate(
    config: &Config,
    paths: &[String],
    format: Option<Format>,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let annotator = Annotator::new(config, format)?;
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} articles  {per_sec}  {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let progress = |done: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = annotator.run(paths, &mut out, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(summary) => summary,
        // A closed pipe (`newslens annotate … | head`) is not an error.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(err) => return Err(err).context("cannot write output"),
    };
    let _ = out.flush();
    if summary.errors > 0 {
        eprintln!(
            "newslens: {} of {} articles had errors (see their \"error\" fields)",
            summary.errors, summary.articles
        );
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}
