//! `newslens train narratives|roles`: learn the narrative and role models
//! from the SemEval-2025 Task 10 training folders (never from Development or
//! Test: settings are chosen by cross-validation on the training data).

use anyhow::{bail, Context};
use newslens_narratives::{save, ArticleEmbedder, NarrativeTrainer, RoleTrainer, SemevalCorpus};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `newslens train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Learn the narrative model (writes a .json.gz model file).
    Narratives(Common),
    /// Learn the entity-role model (writes a .json.gz model file).
    Roles(Common),
}

#[derive(clap::Args)]
struct Common {
    /// The task's training folder (with one folder per language: BG, EN, …).
    #[arg(
        long,
        value_name = "DIR",
        default_value = "../shared/data/semeval2025-task10/Datasets/Train"
    )]
    data: PathBuf,
    /// Languages to train on (folder names), comma-separated; default all.
    #[arg(long, value_delimiter = ',')]
    langs: Vec<String>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Narratives: add the multilingual sentence-encoder features (fetches
    /// the encoder into the model cache when it is not there).
    #[arg(long)]
    encoder: bool,
}

fn read(args: &Common) -> anyhow::Result<SemevalCorpus> {
    if args.data.components().any(|c| {
        let c = c.as_os_str().to_string_lossy().to_lowercase();
        c == "test" || c == "development"
    }) {
        bail!(
            "{}: models are learned from the task's Train folder only",
            args.data.display()
        );
    }
    let mut corpus = if args.langs.is_empty() {
        SemevalCorpus::read_all(&args.data)?
    } else {
        let mut all = SemevalCorpus::default();
        for l in &args.langs {
            all.extend(SemevalCorpus::read_language(&args.data.join(l))?);
        }
        all
    };
    corpus.docs.sort_by(|a, b| a.id.cmp(&b.id));
    if corpus.docs.is_empty() {
        bail!("{}: no training documents found", args.data.display());
    }
    Ok(corpus)
}

fn provenance(kind: &str, args: &Common, corpus: &SemevalCorpus) -> String {
    format!(
        "newslens train {kind} --data {} {}--out {} ({} documents, {} narrative rows, {} role rows)",
        args.data.display(),
        if args.langs.is_empty() {
            String::new()
        } else {
            format!("--langs {} ", args.langs.join(","))
        } + if args.encoder { "--encoder " } else { "" },
        args.out.display(),
        corpus.docs.len(),
        corpus.narratives.len(),
        corpus.roles.len()
    )
}

fn write<T: serde::Serialize>(value: &T, out: &Path) -> anyhow::Result<()> {
    save(value, out).with_context(|| format!("cannot write {}", out.display()))
}

/// Runs `newslens train`.
pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    match args.what {
        What::Narratives(c) => {
            let corpus = read(&c)?;
            let embedder = if c.encoder {
                Some(ArticleEmbedder::new(newslens_embed::load_or_fetch(true)?))
            } else {
                None
            };
            let dense = |t: &str| embedder.as_ref().map(|e| e.embed(t)).unwrap_or_default();
            let model = NarrativeTrainer::default().train(
                &corpus,
                &dense,
                provenance("narratives", &c, &corpus),
            );
            write(&model, &c.out)?;
            eprintln!(
                "narratives: {} labels, {} terms; thresholds {:?}; cross-validated F1 on Train: coarse {:.3}, fine {:.3} ({:.0} s) → {}",
                model.head.labels.len(),
                model.featurizer.len(),
                model.decision,
                model.cv_f1.0,
                model.cv_f1.1,
                start.elapsed().as_secs_f32(),
                c.out.display()
            );
        }
        What::Roles(c) => {
            let corpus = read(&c)?;
            let model = RoleTrainer::default().train(&corpus, provenance("roles", &c, &corpus));
            write(&model, &c.out)?;
            eprintln!(
                "roles: {} terms; cross-validated on Train: main-role accuracy {:.3}, exact match {:.3} ({:.0} s) → {}",
                model.featurizer.len(),
                model.cv.0,
                model.cv.1,
                start.elapsed().as_secs_f32(),
                c.out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
