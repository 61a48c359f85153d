//! Ingest: turns inputs (files, folders, globs, standard input) into
//! [`newslens_core::Document`]s. The main type is [`ArticleReader`], which
//! detects each input's [`Format`] (plain text in the SemEval layout, HTML,
//! JSON Lines), decodes its bytes ([`decode_text`]: UTF-8 or a detected legacy
//! encoding; gzip) and yields one `Result<Document, IngestError>` per article,
//! so one bad article never stops a run.

mod article_reader;
mod decoder;
mod error;
mod format;
mod html_reader;
mod input;
mod jsonl_reader;
mod text_reader;

pub use article_reader::{ArticleReader, IngestConfig, Pending};
pub use decoder::{decode_text, Decoded};
pub use error::IngestError;
pub use format::Format;
pub use input::{expand_inputs, Input};
