//! `newslens semeval narratives|roles`: the SemEval-2025 Task 10 prediction
//! files (subtask 2 and subtask 1) for a folder of task documents.

use anyhow::Context;
use newslens_narratives::{
    label_sets, mention_context, read_docs, read_roles, ArticleEmbedder, NarrativeModel, RoleModel,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `newslens semeval`.
#[derive(clap::Args)]
pub struct SemevalArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Subtask 2: `article_id<TAB>narrative;…<TAB>subnarrative;…` per document.
    Narratives {
        /// Folder of task documents (`*.txt`: title, blank line, body).
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// A model file from `newslens train narratives` instead of the bundled one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        /// Use the bundled model with sentence-encoder features (fetches the
        /// encoder into the model cache on first use).
        #[arg(long, conflicts_with = "model")]
        encoder: bool,
    },
    /// Subtask 1: one line per line of the mentions file, with the roles.
    Roles {
        /// Folder of task documents.
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// The task's `subtask-1-entity-mentions.txt` (or an annotation file).
        #[arg(long, value_name = "FILE")]
        mentions: PathBuf,
        /// A model file from `newslens train roles` instead of the bundled one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
}

/// Runs `newslens semeval`.
pub fn run(args: SemevalArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.what {
        What::Narratives {
            docs,
            model,
            encoder,
        } => {
            let model = match model {
                Some(p) => newslens_narratives::load::<NarrativeModel>(&p)?,
                None if encoder => NarrativeModel::bundled_with_encoder()?,
                None => NarrativeModel::bundled()?,
            };
            let embedder = if model.dense_dim > 0 {
                Some(ArticleEmbedder::new(newslens_embed::load_or_fetch(true)?))
            } else {
                None
            };
            let list = read_docs(&docs, "")?;
            if list.is_empty() {
                anyhow::bail!("{}: no .txt documents", docs.display());
            }
            let lines: Vec<String> = list
                .par_iter()
                .map(|d| {
                    let dense = embedder.as_ref().map(|e| e.embed(&d.text));
                    let probs = model.article_probs(&d.text, dense);
                    let (c, f) = label_sets(&model.decide(&probs, &model.decision));
                    format!("{}\t{}\t{}", d.id, c.join(";"), f.join(";"))
                })
                .collect();
            for l in lines {
                writeln!(out, "{l}")?;
            }
        }
        What::Roles {
            docs,
            mentions,
            model,
        } => {
            let model = match model {
                Some(p) => newslens_narratives::load::<RoleModel>(&p)?,
                None => RoleModel::bundled()?,
            };
            let list = read_docs(&docs, "")?;
            let texts: HashMap<&str, &str> = list
                .iter()
                .map(|d| (d.id.as_str(), d.text.as_str()))
                .collect();
            let rows = read_roles(&mentions)
                .with_context(|| format!("cannot read {}", mentions.display()))?;
            let mut missing = 0usize;
            let lines: Vec<String> = rows
                .par_iter()
                .map(|r| {
                    let text = texts.get(r.id.as_str()).copied().unwrap_or("");
                    let role =
                        model.decide(&model.probs(&mention_context(text, r.start, r.end + 1)));
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        r.id,
                        r.mention,
                        r.start,
                        r.end,
                        role.main,
                        role.fine.join("\t")
                    )
                })
                .collect();
            for r in &rows {
                missing += usize::from(!texts.contains_key(r.id.as_str()));
            }
            if missing > 0 {
                eprintln!(
                    "newslens: warning: {missing} mention rows name documents not in {}; their roles come from the mention alone",
                    docs.display()
                );
            }
            for l in lines {
                writeln!(out, "{l}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
