//! [`Annotator`]: inputs → documents → pipeline → JSON Lines, in order.

use crate::output::{ArticleJson, ErrorJson, SCHEMA};
use crate::Config;
use newslens_clean::{Cleaner, LineCounts, RepeatedLineFilter};
use newslens_core::{Document, Pipeline, PipelineBuilder, PipelineError, Stage};
use newslens_dates::DateResolver;
use newslens_entities::EntityLinker;
use newslens_ingest::{ArticleReader, Format, Pending};
use newslens_langid::LanguageDetector;
use newslens_narratives::{
    ArticleEmbedder, DenseFeatures, NarrativeClassifier, NarrativeModel, RoleClassifier, RoleModel,
};
use newslens_quotes::QuoteExtractor;
use newslens_segment::Segmenter;
use rayon::prelude::*;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Articles handed to the worker threads at a time: enough to keep every
/// core busy, few enough to stream large inputs with bounded memory.
const BATCH: usize = 256;

/// Text kept in memory between the corpus pass and the annotation pass; a
/// larger corpus is read twice instead.
const KEEP_BUDGET_BYTES: usize = 512 * 1024 * 1024;

/// How a run went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub errors: usize,
}

/// An article after cleaning, or the id and message of its error.
type Cleaned = Result<Document, (String, String)>;

/// Runs the pipeline over articles and writes one JSON object per article.
///
/// The pipeline runs in two parts: `clean`, then the rest. In between, when
/// `clean.repeated_min_docs` is on and the inputs can be read twice (not
/// stdin), a corpus pass counts paragraphs across all articles so that the
/// `repeated-lines` stage can remove a site's repeated promos.
pub struct Annotator {
    config: Config,
    reader: ArticleReader,
    front: Pipeline,
    /// Built once: loading the actor base and its automaton takes ~30 ms.
    linker: Arc<EntityLinker>,
    /// Built once: the models are loaded (and the encoder fetched) here.
    narratives: Option<Arc<NarrativeClassifier>>,
    roles: Option<Arc<RoleClassifier>>,
}

impl Annotator {
    /// Builds the reader and checks the whole pipeline once.
    pub fn new(config: &Config, format: Option<Format>) -> anyhow::Result<Self> {
        let front = PipelineBuilder::new()
            .stage(Cleaner::new(config.clean.clone()))?
            .build();
        let annotator = Annotator {
            config: config.clone(),
            reader: ArticleReader::new(config.ingest.clone(), format),
            front,
            linker: Arc::new(EntityLinker::new(&config.entities)?),
            narratives: narrative_stage(config)?,
            roles: role_stage(config)?,
        };
        annotator.rest(Some(Arc::new(LineCounts::new())))?;
        Ok(annotator)
    }

    /// The stages after `clean`, up to `pipeline.until` when it is set.
    fn rest(&self, counts: Option<Arc<LineCounts>>) -> anyhow::Result<Pipeline> {
        let mut chain = Chain {
            builder: PipelineBuilder::after(&self.front),
            until: self.config.pipeline.until.as_deref(),
            names: self.front.stage_names(),
        };
        if chain.until == Some("clean") {
            return Ok(chain.builder.build());
        }
        if let Some(counts) = counts {
            chain = chain.then(RepeatedLineFilter::new(
                counts,
                self.config.clean.repeated_min_docs,
            ))?;
        }
        let chain = chain
            .then(LanguageDetector::new(&self.config.langid)?)?
            .then(Segmenter::new(self.config.segment.clone()))?
            .then(QuoteExtractor::new(self.config.quotes.clone()))?
            .then(DateResolver::new(self.config.dates.clone()))?
            .then(self.linker.clone())?;
        let chain = match &self.narratives {
            Some(stage) => chain.then(stage.clone())?,
            None => chain,
        };
        let chain = match &self.roles {
            Some(stage) => chain.then(stage.clone())?,
            None => chain,
        };
        match chain.until {
            Some(until) if !chain.names.contains(&until) => anyhow::bail!(
                "pipeline.until: no stage named `{until}` (stages: {})",
                chain.names.join(", ")
            ),
            _ => Ok(chain.builder.build()),
        }
    }

    /// Parses and cleans one article, never panicking.
    fn read_and_clean(&self, pending: Pending) -> Cleaned {
        let id = pending.id.clone();
        guarded(&id, || {
            let mut doc = self
                .reader
                .parse(pending)
                .map_err(|e| (id.clone(), e.to_string()))?;
            self.front
                .run(&mut doc)
                .map_err(|e| (doc.id.clone(), e.to_string()))?;
            Ok(doc)
        })
    }

    /// Runs the rest of the pipeline and renders one output line; `false`
    /// when it is an error object.
    fn finish(&self, rest: &Pipeline, cleaned: Cleaned) -> (String, bool) {
        let outcome = cleaned.and_then(|mut doc| {
            let id = doc.id.clone();
            guarded(&id, || {
                rest.run(&mut doc)
                    .map_err(|e| (doc.id.clone(), e.to_string()))?;
                serde_json::to_string(&ArticleJson::new(&doc))
                    .map_err(|e| (doc.id.clone(), e.to_string()))
            })
        });
        match outcome {
            Ok(line) => (line, true),
            Err((id, message)) => {
                let error = ErrorJson {
                    schema: SCHEMA,
                    id: &id,
                    error: &message,
                };
                let line = serde_json::to_string(&error).unwrap_or_else(|_| {
                    serde_json::json!({"schema": SCHEMA, "error": message}).to_string()
                });
                (line, false)
            }
        }
    }

    /// Annotates every article of `paths`, writing JSON Lines to `out` in
    /// input order. `progress` is told how many articles are done.
    pub fn run<S: AsRef<str>>(
        &self,
        paths: &[S],
        out: &mut dyn Write,
        progress: &dyn Fn(usize),
    ) -> std::io::Result<Summary> {
        let rereadable = paths.iter().all(|p| p.as_ref() != "-");
        if self.config.clean.repeated_min_docs == 0 || !rereadable {
            let rest = self.rest(None).map_err(std::io::Error::other)?;
            return self.stream(paths, &rest, out, progress);
        }
        // Corpus pass: count paragraphs, keeping the cleaned articles while
        // they fit the memory budget.
        let mut counts = LineCounts::new();
        let mut kept: Option<Vec<Cleaned>> = Some(Vec::new());
        let mut kept_bytes = 0usize;
        for batch in batches(self.reader.read(paths)) {
            let cleaned: Vec<(Cleaned, Vec<u64>)> = batch
                .into_par_iter()
                .map(|p| {
                    let cleaned = self.read_and_clean(p);
                    let keys = cleaned
                        .as_ref()
                        .map(|d| LineCounts::keys(&d.text))
                        .unwrap_or_default();
                    (cleaned, keys)
                })
                .collect();
            for (doc, keys) in cleaned {
                counts.add(&keys);
                if let Some(list) = kept.as_mut() {
                    kept_bytes += doc.as_ref().map_or(0, |d| d.raw.len() + d.text.len());
                    if kept_bytes > KEEP_BUDGET_BYTES {
                        kept = None;
                    } else {
                        list.push(doc);
                    }
                }
            }
        }
        let rest = self
            .rest(Some(Arc::new(counts)))
            .map_err(std::io::Error::other)?;
        match kept {
            Some(docs) => emit(docs.into_iter(), |c| self.finish(&rest, c), out, progress),
            None => self.stream(paths, &rest, out, progress),
        }
    }

    /// One pass over the inputs: read, clean, finish, write.
    fn stream<S: AsRef<str>>(
        &self,
        paths: &[S],
        rest: &Pipeline,
        out: &mut dyn Write,
        progress: &dyn Fn(usize),
    ) -> std::io::Result<Summary> {
        emit(
            self.reader.read(paths),
            |p| self.finish(rest, self.read_and_clean(p)),
            out,
            progress,
        )
    }
}

/// The `narratives` stage per the settings: a bundled model (text-only, or
/// with the sentence encoder, fetched once, when `encoder = true`) or a
/// model file.
fn narrative_stage(config: &Config) -> anyhow::Result<Option<Arc<NarrativeClassifier>>> {
    let c = &config.narratives;
    if !c.enabled
        || config
            .pipeline
            .until
            .as_deref()
            .is_some_and(|u| u != "narratives" && u != "roles")
    {
        return Ok(None);
    }
    let model = match (&c.model, c.encoder) {
        (Some(path), _) => newslens_narratives::load::<NarrativeModel>(path)?,
        (None, true) => NarrativeModel::bundled_with_encoder()?,
        (None, false) => NarrativeModel::bundled()?,
    };
    let dense: Option<Arc<DenseFeatures>> = if model.dense_dim > 0 {
        let show = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let embedder = ArticleEmbedder::new(newslens_embed::load_or_fetch(show)?);
        Some(Arc::new(move |text: &str, _sentences: &[&str]| {
            embedder.embed(text)
        }))
    } else {
        None
    };
    Ok(Some(Arc::new(NarrativeClassifier::new(
        Arc::new(model),
        dense,
    ))))
}

/// The `roles` stage per the settings.
fn role_stage(config: &Config) -> anyhow::Result<Option<Arc<RoleClassifier>>> {
    let c = &config.narratives;
    if !c.roles
        || config
            .pipeline
            .until
            .as_deref()
            .is_some_and(|u| u != "roles")
    {
        return Ok(None);
    }
    let model = match &c.roles_model {
        Some(path) => newslens_narratives::load::<RoleModel>(path)?,
        None => RoleModel::bundled()?,
    };
    Ok(Some(Arc::new(RoleClassifier::new(
        Arc::new(model),
        c.max_roles,
    ))))
}

/// Appends stages in order until the one named `until` has been added.
struct Chain<'a> {
    builder: PipelineBuilder,
    until: Option<&'a str>,
    names: Vec<&'static str>,
}

impl Chain<'_> {
    fn then(mut self, stage: impl Stage + 'static) -> Result<Self, PipelineError> {
        if self.until.is_some_and(|u| self.names.contains(&u)) {
            return Ok(self);
        }
        self.names.push(stage.name());
        self.builder = self.builder.stage(stage)?;
        Ok(self)
    }
}

/// Runs `f`, turning a panic (a bug) into an error for this article only.
fn guarded<T>(
    id: &str,
    f: impl FnOnce() -> Result<T, (String, String)>,
) -> Result<T, (String, String)> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err((
            id.to_string(),
            "internal error while processing".to_string(),
        ))
    })
}

/// Groups an iterator into vectors of [`BATCH`] items.
fn batches<T>(items: impl Iterator<Item = T>) -> impl Iterator<Item = Vec<T>> {
    let mut items = items.peekable();
    std::iter::from_fn(move || {
        items.peek()?;
        Some(items.by_ref().take(BATCH).collect())
    })
}

/// Turns items into output lines on all cores, a batch at a time, and
/// writes them in input order.
fn emit<T: Send>(
    items: impl Iterator<Item = T>,
    line: impl Fn(T) -> (String, bool) + Sync,
    out: &mut dyn Write,
    progress: &dyn Fn(usize),
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    for batch in batches(items) {
        let lines: Vec<(String, bool)> = batch.into_par_iter().map(&line).collect();
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
