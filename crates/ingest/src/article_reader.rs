//! [`ArticleReader`]: inputs to documents, one article at a time.

use crate::decoder::{decode_text, gunzip_if_needed};
use crate::html_reader::html_document;
use crate::input::{expand_inputs, Input};
use crate::jsonl_reader::jsonl_document;
use crate::text_reader::text_document;
use crate::{Format, IngestError};
use newslens_core::Document;
use newslens_html::HtmlExtractor;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Settings of ingest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Largest input file (after gunzip) read, in bytes.
    pub max_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_bytes: 256 * 1024 * 1024,
        }
    }
}

/// An article read from its input but not parsed yet. Reading is sequential
/// (it is I/O); parsing ([`ArticleReader::parse`]) may run on any thread.
#[derive(Debug)]
pub struct Pending {
    /// The id the output uses if parsing fails (the file name, or `file:line`).
    pub id: String,
    content: Content,
}

#[derive(Debug)]
enum Content {
    Text {
        text: String,
        path: String,
        encoding: &'static str,
    },
    Html {
        text: String,
        path: String,
        encoding: &'static str,
    },
    JsonLine {
        line: String,
        path: String,
        line_no: usize,
    },
    Failed(IngestError),
}

/// Reads articles from inputs in order, then parses each into a
/// [`Document`] (raw body plus metadata), never panicking on bad input.
pub struct ArticleReader {
    config: IngestConfig,
    format: Option<Format>,
    html: HtmlExtractor,
}

impl ArticleReader {
    /// A reader; `format` forces one format for every input instead of
    /// recognising it from the extension and content.
    pub fn new(config: IngestConfig, format: Option<Format>) -> Self {
        ArticleReader {
            config,
            format,
            html: HtmlExtractor::new(),
        }
    }

    /// Articles of the inputs named by `args`, in order, unparsed. JSON Lines
    /// files are streamed line by line; other files are read whole.
    pub fn read<'a, S: AsRef<str>>(&'a self, args: &[S]) -> impl Iterator<Item = Pending> + 'a {
        expand_inputs(args)
            .into_iter()
            .flat_map(move |input| self.read_input(input))
    }

    fn read_input(
        &self,
        input: Result<Input, IngestError>,
    ) -> Box<dyn Iterator<Item = Pending> + '_> {
        let input = match input {
            Ok(input) => input,
            Err(err) => {
                let id = match &err {
                    IngestError::NotFound { path } => path.clone(),
                    IngestError::BadGlob { pattern, .. } => pattern.clone(),
                    IngestError::Io { path, .. } => path.display().to_string(),
                    other => other.to_string(),
                };
                return Box::new(std::iter::once(failed(id, err)));
            }
        };
        let label = input.label();
        let id = match &input {
            Input::Stdin => "stdin".to_string(),
            Input::File(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| label.clone()),
        };
        let by_name = match &input {
            Input::File(path) => Format::from_path(path),
            Input::Stdin => None,
        };
        let format = self.format.or(by_name);
        if let (Some(Format::Jsonl), Input::File(path)) = (format, &input) {
            return match open_lines(path) {
                Ok(reader) => Box::new(JsonLines::new(reader, label)),
                Err(source) => Box::new(std::iter::once(failed(
                    id,
                    IngestError::Io {
                        path: path.clone(),
                        source,
                    },
                ))),
            };
        }
        let bytes = match self.read_bytes(&input) {
            Ok(bytes) => bytes,
            Err(err) => return Box::new(std::iter::once(failed(id, err))),
        };
        let decoded = match decode_text(&bytes, &label) {
            Ok(decoded) => decoded,
            Err(err) => return Box::new(std::iter::once(failed(id, err))),
        };
        match format.unwrap_or_else(|| Format::sniff(&decoded.text)) {
            Format::Jsonl => {
                let lines: Vec<Pending> = decoded
                    .text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| Pending {
                        id: format!("{label}:{}", i + 1),
                        content: Content::JsonLine {
                            line: l.to_string(),
                            path: label.clone(),
                            line_no: i + 1,
                        },
                    })
                    .collect();
                Box::new(lines.into_iter())
            }
            Format::Html => Box::new(std::iter::once(Pending {
                id,
                content: Content::Html {
                    text: decoded.text,
                    path: label,
                    encoding: decoded.encoding,
                },
            })),
            Format::Text => Box::new(std::iter::once(Pending {
                id,
                content: Content::Text {
                    text: decoded.text,
                    path: label,
                    encoding: decoded.encoding,
                },
            })),
        }
    }

    fn read_bytes(&self, input: &Input) -> Result<Vec<u8>, IngestError> {
        let limit = self.config.max_bytes;
        let label = input.label();
        let too_large = |size| IngestError::TooLarge {
            path: label.clone(),
            size,
            limit,
        };
        let mut bytes = Vec::new();
        match input {
            Input::Stdin => {
                std::io::stdin()
                    .lock()
                    .take(limit + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|source| IngestError::Io {
                        path: "-".into(),
                        source,
                    })?;
            }
            Input::File(path) => {
                let io_err = |source| IngestError::Io {
                    path: path.clone(),
                    source,
                };
                let file = File::open(path).map_err(io_err)?;
                let size = file.metadata().map_err(io_err)?.len();
                if size > limit {
                    return Err(too_large(size));
                }
                file.take(limit + 1)
                    .read_to_end(&mut bytes)
                    .map_err(io_err)?;
            }
        }
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        gunzip_if_needed(bytes, &label, limit)
    }

    /// Parses one pending article into a document.
    pub fn parse(&self, pending: Pending) -> Result<Document, IngestError> {
        match pending.content {
            Content::Failed(err) => Err(err),
            Content::Text {
                text,
                path,
                encoding,
            } => {
                let mut doc = text_document(pending.id, &text);
                doc.source.path = Some(path);
                doc.source.format = "text";
                doc.source.encoding = Some(encoding);
                Ok(doc)
            }
            Content::Html {
                text,
                path,
                encoding,
            } => {
                let mut doc = html_document(pending.id, &text, None, &path, &self.html)?;
                doc.source.encoding = Some(encoding);
                Ok(doc)
            }
            Content::JsonLine {
                line,
                path,
                line_no,
            } => jsonl_document(&line, &path, line_no, &self.html),
        }
    }
}

fn failed(id: String, err: IngestError) -> Pending {
    Pending {
        id,
        content: Content::Failed(err),
    }
}

/// A buffered reader over a JSON Lines file, gunzipping `.gz` files.
fn open_lines(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    })
}

/// Streams the records of a JSON Lines file.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    label: String,
    line_no: usize,
    done: bool,
}

impl JsonLines {
    fn new(reader: Box<dyn BufRead + Send>, label: String) -> Self {
        JsonLines {
            reader,
            label,
            line_no: 0,
            done: false,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            self.line_no += 1;
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&buf);
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    return Some(Pending {
                        id: format!("{}:{}", self.label, self.line_no),
                        content: Content::JsonLine {
                            line: line.to_string(),
                            path: self.label.clone(),
                            line_no: self.line_no,
                        },
                    });
                }
                Err(source) => {
                    self.done = true;
                    return Some(failed(
                        format!("{}:{}", self.label, self.line_no),
                        IngestError::Io {
                            path: self.label.clone().into(),
                            source,
                        },
                    ));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn read_all(reader: &ArticleReader, args: &[&str]) -> Vec<Result<Document, IngestError>> {
        reader.read(args).map(|p| reader.parse(p)).collect()
    }

    #[test]
    fn mixed_folder_is_read_in_order_and_errors_do_not_stop_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Headline A\n\nBody of A.").unwrap();
        fs::write(
            dir.path().join("b.jsonl"),
            "{\"id\":\"b1\",\"text\":\"B one\"}\n{broken\n{\"id\":\"b3\",\"text\":\"B three\"}\n",
        )
        .unwrap();
        fs::write(dir.path().join("c.txt"), b"\x00\x01\x02binary").unwrap();
        fs::write(dir.path().join("d.txt"), "").unwrap();
        let reader = ArticleReader::new(IngestConfig::default(), None);
        let got = read_all(&reader, &[dir.path().to_str().unwrap()]);
        assert_eq!(got.len(), 6);
        assert_eq!(
            got[0].as_ref().unwrap().title.as_deref(),
            Some("Headline A")
        );
        assert_eq!(got[1].as_ref().unwrap().id, "b1");
        assert!(matches!(got[2], Err(IngestError::Json { line: 2, .. })));
        assert_eq!(got[3].as_ref().unwrap().raw, "B three");
        assert!(matches!(got[4], Err(IngestError::Binary { .. })));
        let empty = got[5].as_ref().unwrap();
        assert_eq!((empty.title.as_deref(), empty.raw.as_str()), (None, ""));
    }

    #[test]
    fn oversized_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        fs::write(&path, "x".repeat(2000)).unwrap();
        let reader = ArticleReader::new(IngestConfig { max_bytes: 1000 }, None);
        let got = read_all(&reader, &[path.to_str().unwrap()]);
        assert!(matches!(
            got[0],
            Err(IngestError::TooLarge { size: 2000, .. })
        ));
    }

    #[test]
    fn forced_format_overrides_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.txt");
        fs::write(&path, "{\"text\": \"from json\"}\n").unwrap();
        let reader = ArticleReader::new(IngestConfig::default(), Some(Format::Jsonl));
        let got = read_all(&reader, &[path.to_str().unwrap()]);
        assert_eq!(got[0].as_ref().unwrap().raw, "from json");
    }
}
