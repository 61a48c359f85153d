//! `newslens analyze`: the annotate pipeline, its articles stored in SQLite
//! (crate `newslens-store`) in batched transactions.

use anyhow::Context;
use newslens_cli::{Annotator, Config};
use newslens_ingest::{expand_inputs, Format, Input};
use newslens_store::{PutSummary, Store, StoreError};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Arguments of `newslens analyze`.
#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// Files, folders (read recursively), globs, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// The database (created if missing; an older schema is migrated).
    #[arg(long, default_value = "newslens.db", value_name = "FILE")]
    db: PathBuf,
    /// Read every input as this format instead of recognising it.
    #[arg(long, value_parser = ["text", "html", "jsonl"])]
    format: Option<String>,
    /// Articles per transaction (a batch is also committed after a second).
    #[arg(long, default_value_t = 256, value_name = "N")]
    batch: usize,
    /// No progress bar and no summary (errors are still reported).
    #[arg(long)]
    quiet: bool,
}

/// Runs `newslens analyze`.
pub fn run(config: &Config, args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let format = args.format.as_deref().and_then(Format::parse);
    let annotator = Annotator::new(config, format)?;
    let store = Store::open(&args.db)?;
    let bar =
        (!args.quiet && std::io::stderr().is_terminal()).then(|| progress_bar(&args.paths, format));
    let started = Instant::now();
    // The store writes on its own thread while the pipeline annotates the
    // next articles; two batches may wait in between.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<String>>(2);
    let writer = {
        let bar = bar.clone();
        std::thread::spawn(move || write_batches(store, receiver, bar))
    };
    let mut sink = StoreSink {
        sender: Some(sender),
        pending: Vec::new(),
        batch: Vec::new(),
        batch_size: args.batch.max(1),
        batch_started: Instant::now(),
    };
    let annotated = annotator.run(&args.paths, &mut sink, &|_| {});
    let finished = sink.finish();
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    // The writer's error first: it is why sending to it failed.
    let totals =
        written.with_context(|| format!("{}: cannot store articles", args.db.display()))?;
    annotated.context("cannot annotate")?;
    finished.context("cannot annotate")?;
    let elapsed = started.elapsed().as_secs_f64();
    if !args.quiet {
        let s = totals.summary;
        eprintln!(
            "newslens: {} articles in {:.1} s ({:.0}/s) into {}: {} stored, {} unchanged, {} replaced, {} errors",
            totals.seen,
            elapsed,
            totals.seen as f64 / elapsed.max(1e-9),
            args.db.display(),
            s.stored,
            s.unchanged,
            s.replaced,
            totals.errors
        );
        if let Some(took) = totals.optimized {
            eprintln!(
                "newslens: full-text indexes merged in {:.1} s",
                took.as_secs_f64()
            );
        }
    }
    Ok(if totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What the writer thread did.
struct Totals {
    summary: PutSummary,
    errors: u64,
    seen: u64,
    /// How long merging the full-text indexes took, when it ran.
    optimized: Option<Duration>,
}

/// Whether a run that wrote `written` articles into a store now holding
/// `total` should merge the full-text indexes ([`Store::optimize`]): each
/// batch adds index segments that every search reads until they are merged
/// (a generated 100,000-article store: search 13.7 → 7.6 ms after a merge
/// of about 4 s). Worth it after a large ingest, not after a few articles
/// added to a big store (the merge rewrites the whole index).
fn worth_optimizing(written: u64, total: u64) -> bool {
    written >= 1000 && written.saturating_mul(10) >= total
}

/// Stores each batch in one transaction; reports refused articles.
fn write_batches(
    mut store: Store,
    batches: std::sync::mpsc::Receiver<Vec<String>>,
    bar: Option<indicatif::ProgressBar>,
) -> Result<Totals, StoreError> {
    let mut totals = Totals {
        summary: PutSummary::default(),
        errors: 0,
        seen: 0,
        optimized: None,
    };
    for batch in batches {
        let report = store.put_lines(&batch)?;
        totals.seen += batch.len() as u64;
        totals.summary += report.summary;
        for err in &report.rejected {
            totals.errors += 1;
            let message = match err {
                StoreError::ErrorObject { error, .. } => error.clone(),
                other => other.to_string(),
            };
            match &bar {
                Some(bar) => bar.suspend(|| eprintln!("newslens: {message}")),
                None => eprintln!("newslens: {message}"),
            }
        }
        if let Some(bar) = &bar {
            bar.set_position(totals.seen);
        }
    }
    let written = totals.summary.stored + totals.summary.replaced;
    if worth_optimizing(written, store.article_count()?) {
        if let Some(bar) = &bar {
            bar.set_message("merging the full-text indexes");
        }
        let started = Instant::now();
        store.optimize()?;
        totals.optimized = Some(started.elapsed());
    }
    Ok(totals)
}

/// A bar with rate and ETA when the number of articles can be known ahead
/// (files, and the lines of uncompressed JSON Lines files), else a spinner.
fn progress_bar(paths: &[String], format: Option<Format>) -> indicatif::ProgressBar {
    let bar = match estimate_total(paths, format) {
        Some(total) => {
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} articles  {per_sec}  ETA {eta}  {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        }
        None => {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} articles  {per_sec}  {elapsed}  {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn estimate_total(paths: &[String], format: Option<Format>) -> Option<u64> {
    let mut total = 0u64;
    for input in expand_inputs(paths) {
        match input {
            Ok(Input::File(path)) => {
                if format.or_else(|| Format::from_path(&path)) == Some(Format::Jsonl) {
                    if path.extension().is_some_and(|e| e == "gz") {
                        return None;
                    }
                    total += count_lines(&path)?;
                } else {
                    total += 1;
                }
            }
            Ok(Input::Stdin) => return None,
            Err(_) => total += 1,
        }
    }
    Some(total)
}

fn count_lines(path: &Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut n = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Some(n),
            Ok(_) => n += u64::from(line.iter().any(|b| !b.is_ascii_whitespace())),
            Err(_) => return None,
        }
    }
}

/// The `Write` end the annotator prints to: splits JSON lines into
/// batches for the writer thread.
struct StoreSink {
    sender: Option<std::sync::mpsc::SyncSender<Vec<String>>>,
    /// Bytes of an unfinished line.
    pending: Vec<u8>,
    batch: Vec<String>,
    batch_size: usize,
    batch_started: Instant,
}

impl StoreSink {
    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        let line = String::from_utf8_lossy(line).into_owned();
        if line.trim().is_empty() {
            return Ok(());
        }
        if self.batch.is_empty() {
            self.batch_started = Instant::now();
        }
        self.batch.push(line);
        if self.batch.len() >= self.batch_size
            || self.batch_started.elapsed() >= Duration::from_secs(1)
        {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        match &self.sender {
            Some(sender) if sender.send(batch).is_ok() => Ok(()),
            _ => Err(std::io::Error::other("the store writer stopped")),
        }
    }

    /// Sends the last line and batch, then closes the channel.
    fn finish(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.line(&rest)?;
        }
        let sent = self.send();
        self.sender = None;
        sent
    }
}

impl Write for StoreSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            if self.pending.is_empty() {
                self.line(&rest[..i])?;
            } else {
                self.pending.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.pending);
                self.line(&line)?;
            }
            rest = &rest[i + 1..];
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::worth_optimizing;

    #[test]
    fn the_indexes_are_merged_after_a_large_ingest_only() {
        assert!(worth_optimizing(100_000, 100_000), "a fresh large store");
        assert!(worth_optimizing(20_000, 120_000), "a sixth of the store");
        assert!(
            !worth_optimizing(5_000, 1_000_000),
            "a few into a big store"
        );
        assert!(!worth_optimizing(300, 300), "a small store");
    }
}
