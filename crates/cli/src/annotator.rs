//! [`Annotator`]: inputs → documents → pipeline → JSON Lines, in order.

use crate::output::{ArticleJson, ErrorJson, SCHEMA};
use crate::Config;
use newslens_clean::Cleaner;
use newslens_core::{Pipeline, PipelineBuilder};
use newslens_ingest::{ArticleReader, Format, Pending};
use newslens_langid::LanguageDetector;
use newslens_segment::Segmenter;
use rayon::prelude::*;
use std::io::Write;

/// Articles handed to the worker threads at a time: enough to keep every
/// core busy, few enough to stream large inputs with bounded memory.
const BATCH: usize = 256;

/// How a run went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub errors: usize,
}

/// Runs the pipeline over articles and writes one JSON object per article.
pub struct Annotator {
    reader: ArticleReader,
    pipeline: Pipeline,
}

impl Annotator {
    /// Builds the reader and the checked pipeline from a configuration.
    pub fn new(config: &Config, format: Option<Format>) -> anyhow::Result<Self> {
        let pipeline = PipelineBuilder::new()
            .stage(Cleaner::new(config.clean.clone()))?
            .stage(LanguageDetector::new(&config.langid)?)?
            .stage(Segmenter::new(config.segment.clone()))?
            .build();
        Ok(Annotator {
            reader: ArticleReader::new(config.ingest.clone(), format),
            pipeline,
        })
    }

    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// One article's output line (without the newline) and whether it is
    /// an article rather than an error object.
    fn annotate_one(&self, pending: Pending) -> (String, bool) {
        let id = pending.id.clone();
        // A panic here would be a bug; it must still not end the run.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            match self.reader.parse(pending) {
                Err(err) => Err((id.clone(), err.to_string())),
                Ok(mut doc) => match self.pipeline.run(&mut doc) {
                    Ok(()) => Ok(serde_json::to_string(&ArticleJson::new(&doc))),
                    Err(err) => Err((doc.id, err.to_string())),
                },
            }
        }));
        let outcome =
            outcome.unwrap_or_else(|_| Err((id, "internal error while processing".into())));
        let (line, ok) = match outcome {
            Ok(line) => (line, true),
            Err((id, message)) => (
                serde_json::to_string(&ErrorJson {
                    schema: SCHEMA,
                    id: &id,
                    error: &message,
                }),
                false,
            ),
        };
        // Serialising strings and numbers cannot fail; keep the line valid JSON even so.
        let line = line.unwrap_or_else(|e| {
            serde_json::json!({"schema": SCHEMA, "error": e.to_string()}).to_string()
        });
        (line, ok)
    }

    /// Annotates every article of `paths`, writing JSON Lines to `out` in
    /// input order. `progress` is told how many articles are done.
    pub fn run<S: AsRef<str>>(
        &self,
        paths: &[S],
        out: &mut dyn Write,
        progress: &dyn Fn(usize),
    ) -> std::io::Result<Summary> {
        let mut summary = Summary::default();
        let mut pending = self.reader.read(paths).peekable();
        let mut batch = Vec::with_capacity(BATCH);
        while pending.peek().is_some() {
            batch.clear();
            batch.extend(pending.by_ref().take(BATCH));
            let lines: Vec<(String, bool)> = std::mem::take(&mut batch)
                .into_par_iter()
                .map(|p| self.annotate_one(p))
                .collect();
            for (line, ok) in &lines {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
                summary.articles += 1;
                summary.errors += usize::from(!ok);
            }
            progress(summary.articles);
        }
        out.flush()?;
        Ok(summary)
    }
}
