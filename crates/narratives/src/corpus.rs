//! [`SemevalCorpus`]: SemEval-2025 Task 10 documents and gold labels, read
//! from the task's folder layout (`raw-documents/` or `subtask-N-documents/`
//! beside `subtask-N-annotations.txt`).

use crate::NarrativeError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One article of the task: its file name and whole text (title line,
/// blank line, body).
#[derive(Debug, Clone)]
pub struct TaskDoc {
    pub id: String,
    pub text: String,
    /// Task language folder ("EN", "BG", …), when known.
    pub lang: String,
}

/// A document's (narratives, sub-narratives) label lists.
pub type LabelSets = (Vec<String>, Vec<String>);

/// One gold or predicted entity-role row of subtask 1.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub id: String,
    pub mention: String,
    /// Character offsets, `end` inclusive (the task's convention).
    pub start: usize,
    pub end: usize,
    pub main: String,
    pub fine: Vec<String>,
}

/// Documents with their gold narratives (`(coarse, fine)` label lists) and
/// gold roles.
#[derive(Debug, Clone, Default)]
pub struct SemevalCorpus {
    pub docs: Vec<TaskDoc>,
    pub narratives: HashMap<String, LabelSets>,
    pub roles: Vec<RoleRow>,
    /// Subtask-3 rows: per document, the labels its explanation is about
    /// (the dominant narrative and sub-narrative) and the explanation.
    pub explanations: HashMap<String, (Vec<String>, String)>,
}

impl SemevalCorpus {
    /// Reads one language folder (e.g. `Train/EN` or `Development/EN`).
    /// Documents come from `raw-documents/`, else `subtask-2-documents/`,
    /// plus `subtask-1-documents/` for role rows whose article is elsewhere.
    pub fn read_language(dir: &Path) -> Result<Self, NarrativeError> {
        let lang = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut corpus = SemevalCorpus::default();
        let mut seen = std::collections::HashSet::new();
        for sub in [
            "raw-documents",
            "subtask-2-documents",
            "subtask-1-documents",
        ] {
            let folder = dir.join(sub);
            if !folder.is_dir() {
                continue;
            }
            for doc in read_docs(&folder, &lang)? {
                if seen.insert(doc.id.clone()) {
                    corpus.docs.push(doc);
                }
            }
        }
        let st2 = dir.join("subtask-2-annotations.txt");
        if st2.is_file() {
            corpus.narratives = read_narratives(&st2)?;
        }
        let st1 = dir.join("subtask-1-annotations.txt");
        if st1.is_file() {
            corpus.roles = read_roles(&st1)?;
        }
        let st3 = dir.join("subtask-3-annotations.txt");
        if st3.is_file() {
            corpus.explanations = read_explanations(&st3)?;
        }
        Ok(corpus)
    }

    /// Reads every language folder under `root` (e.g. `Datasets/Train`).
    pub fn read_all(root: &Path) -> Result<Self, NarrativeError> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
            .map_err(|e| NarrativeError::io(root, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        let mut all = SemevalCorpus::default();
        for dir in dirs {
            all.extend(Self::read_language(&dir)?);
        }
        Ok(all)
    }

    /// Adds another corpus's documents and labels to this one.
    pub fn extend(&mut self, other: SemevalCorpus) {
        self.docs.extend(other.docs);
        self.narratives.extend(other.narratives);
        self.roles.extend(other.roles);
        self.explanations.extend(other.explanations);
    }
}

/// The `.txt` documents of a folder, sorted by name.
pub fn read_docs(folder: &Path, lang: &str) -> Result<Vec<TaskDoc>, NarrativeError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| NarrativeError::io(folder, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|e| NarrativeError::io(&p, e))?;
            Ok(TaskDoc {
                id: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                // Kept byte for byte: role offsets index this text.
                text: String::from_utf8_lossy(&bytes).into_owned(),
                lang: lang.to_string(),
            })
        })
        .collect()
}

fn lines(path: &Path) -> Result<Vec<(usize, Vec<String>)>, NarrativeError> {
    let text = std::fs::read_to_string(path).map_err(|e| NarrativeError::io(path, e))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            (
                n + 1,
                l.trim_end_matches('\r')
                    .split('\t')
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect())
}

/// Subtask-2 rows: `id \t coarse;… \t fine;…`.
pub fn read_narratives(path: &Path) -> Result<HashMap<String, LabelSets>, NarrativeError> {
    let mut out = HashMap::new();
    for (line, cols) in lines(path)? {
        if cols.len() < 3 {
            return Err(NarrativeError::Format {
                path: path.to_path_buf(),
                line,
                message: "expected 3 tab-separated columns".into(),
            });
        }
        let split = |s: &str| -> Vec<String> {
            let mut v: Vec<String> = s
                .split(';')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        out.insert(cols[0].clone(), (split(&cols[1]), split(&cols[2])));
    }
    Ok(out)
}

/// Subtask-3 rows: `id \t narrative \t sub-narrative or "none" \t
/// explanation`.
pub fn read_explanations(
    path: &Path,
) -> Result<HashMap<String, (Vec<String>, String)>, NarrativeError> {
    let mut out = HashMap::new();
    for (line, cols) in lines(path)? {
        if cols.len() < 4 {
            return Err(NarrativeError::Format {
                path: path.to_path_buf(),
                line,
                message: "expected 4 tab-separated columns".into(),
            });
        }
        let labels = cols[1..3]
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("none"))
            .collect();
        out.insert(cols[0].clone(), (labels, cols[3..].join("\t")));
    }
    Ok(out)
}

/// Subtask-1 rows: `id \t mention \t start \t end \t main \t fine…`. The
/// mention-only file (no roles) is read too, with empty roles.
pub fn read_roles(path: &Path) -> Result<Vec<RoleRow>, NarrativeError> {
    let mut out = Vec::new();
    for (line, cols) in lines(path)? {
        let bad = |message: &str| NarrativeError::Format {
            path: path.to_path_buf(),
            line,
            message: message.to_string(),
        };
        if cols.len() < 4 {
            return Err(bad("expected at least 4 tab-separated columns"));
        }
        let start = cols[2]
            .trim()
            .parse()
            .map_err(|_| bad("start is not a number"))?;
        let end = cols[3]
            .trim()
            .parse()
            .map_err(|_| bad("end is not a number"))?;
        out.push(RoleRow {
            id: cols[0].clone(),
            mention: cols[1].clone(),
            start,
            end,
            main: cols.get(4).cloned().unwrap_or_default(),
            fine: cols
                .iter()
                .skip(5)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_language_folder() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("XX/raw-documents");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join("XX_1.txt"), "Title\r\n\r\nBody text.").unwrap();
        std::fs::write(
            dir.path().join("XX/subtask-2-annotations.txt"),
            "XX_1.txt\tA: b;A: b\tA: b: c\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("XX/subtask-1-annotations.txt"),
            "XX_1.txt\tBody\t7\t10\tAntagonist\tSpy\n",
        )
        .unwrap();
        let c = SemevalCorpus::read_all(dir.path()).unwrap();
        assert_eq!(c.docs.len(), 1);
        assert_eq!(c.docs[0].text, "Title\r\n\r\nBody text.");
        assert_eq!(c.narratives["XX_1.txt"].0, vec!["A: b".to_string()]);
        assert_eq!(c.roles[0].fine, vec!["Spy".to_string()]);
        assert!(c.explanations.is_empty());
    }

    #[test]
    fn reads_explanations_without_none() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s3.txt");
        std::fs::write(&p, "XX_1.txt\tA: b\tnone\tWhy it is A.\n").unwrap();
        let e = read_explanations(&p).unwrap();
        assert_eq!(e["XX_1.txt"].0, vec!["A: b".to_string()]);
        assert_eq!(e["XX_1.txt"].1, "Why it is A.");
    }

    #[test]
    fn a_bad_row_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s1.txt");
        std::fs::write(&p, "a\tb\tx\t3\n").unwrap();
        let err = read_roles(&p).unwrap_err().to_string();
        assert!(err.contains("s1.txt") && err.contains("line 1"), "{err}");
    }
}
