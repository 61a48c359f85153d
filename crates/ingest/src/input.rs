//! [`Input`]: what the command line names, expanded to files.

use crate::IngestError;
use std::path::{Path, PathBuf};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    File(PathBuf),
}

impl Input {
    /// How errors and ids refer to this input.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// File extensions read when walking a folder (`.gz` is looked through);
/// files without an extension are read too. Other files in a folder (images,
/// notes) are skipped; a file named explicitly is always read.
const FOLDER_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "jsonl", "ndjson", "json",
];

fn wanted_in_folder(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        None => true,
        Some((_, ext)) => FOLDER_EXTENSIONS.contains(&ext),
    }
}

fn walk_folder(dir: &Path, out: &mut Vec<Result<Input, IngestError>>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && wanted_in_folder(entry.path()) => {
                out.push(Ok(Input::File(entry.into_path())));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                out.push(Err(IngestError::Io {
                    path,
                    source: err.into(),
                }));
            }
        }
    }
}

/// Expands command-line arguments to inputs, in order: `-` is standard input,
/// a folder is walked recursively (sorted by name), a pattern with `*`, `?` or
/// `[` is a glob. An argument that matches nothing is an error item, so the
/// other inputs are still read.
pub fn expand_inputs<S: AsRef<str>>(args: &[S]) -> Vec<Result<Input, IngestError>> {
    let mut out = Vec::new();
    for arg in args {
        let arg = arg.as_ref();
        if arg == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            walk_folder(path, &mut out);
        } else if path.exists() {
            out.push(Ok(Input::File(path.to_path_buf())));
        } else if arg.contains(['*', '?', '[']) {
            match glob::glob(arg) {
                Err(err) => out.push(Err(IngestError::BadGlob {
                    pattern: arg.to_string(),
                    message: err.to_string(),
                })),
                Ok(paths) => {
                    let before = out.len();
                    for entry in paths {
                        match entry {
                            Ok(p) if p.is_dir() => walk_folder(&p, &mut out),
                            Ok(p) => out.push(Ok(Input::File(p))),
                            Err(err) => out.push(Err(IngestError::Io {
                                path: err.path().to_path_buf(),
                                source: err.into(),
                            })),
                        }
                    }
                    if out.len() == before {
                        out.push(Err(IngestError::NotFound {
                            path: arg.to_string(),
                        }));
                    }
                }
            }
        } else {
            out.push(Err(IngestError::NotFound {
                path: arg.to_string(),
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folders_are_walked_recursively_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("b.txt"), "b").unwrap();
        fs::write(dir.path().join("sub/a.html.gz"), "a").unwrap();
        fs::write(dir.path().join("logo.png"), "x").unwrap();
        fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        let got: Vec<String> = expand_inputs(&[dir.path().to_str().unwrap()])
            .into_iter()
            .map(|i| i.unwrap().label())
            .collect();
        let names: Vec<&str> = got.iter().map(|p| p.rsplit('/').next().unwrap()).collect();
        assert_eq!(names, ["b.txt", "a.html.gz"]);
    }

    #[test]
    fn globs_stdin_and_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x1.txt"), "x").unwrap();
        fs::write(dir.path().join("x2.txt"), "x").unwrap();
        let pattern = format!("{}/x*.txt", dir.path().display());
        let missing = format!("{}/nope.txt", dir.path().display());
        let got = expand_inputs(&[pattern.as_str(), "-", missing.as_str()]);
        assert_eq!(got.len(), 4);
        assert!(matches!(got[2], Ok(Input::Stdin)));
        assert!(matches!(got[3], Err(IngestError::NotFound { .. })));
    }
}
