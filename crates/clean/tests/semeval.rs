//! Runs the Cleaner on every SemEval-2025 Task 10 Train and Development
//! document when the shared data is present (skips with a message otherwise):
//! no panic, a non-empty text for every non-empty body, and on average at
//! least 97% of the body's words kept (a guard against over-deletion).

use newslens_clean::{CleanConfig, Cleaner};
use newslens_core::{Document, Stage};
use std::path::{Path, PathBuf};

/// `shared/` inside the workspace or beside it.
fn datasets() -> Option<PathBuf> {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../../shared", "../../../shared"]
        .iter()
        .map(|p| crate_dir.join(p).join("data/semeval2025-task10/Datasets"))
        .find(|p| p.is_dir())
}

fn files(base: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for split in ["Train", "Development"] {
        let Ok(langs) = std::fs::read_dir(base.join(split)) else {
            continue;
        };
        for lang in langs.flatten() {
            for sub in [
                "raw-documents",
                "subtask-1-documents",
                "subtask-2-documents",
                "subtask-3-documents",
            ] {
                if let Ok(entries) = std::fs::read_dir(lang.path().join(sub)) {
                    out.extend(
                        entries
                            .flatten()
                            .map(|e| e.path())
                            .filter(|p| p.extension().is_some_and(|e| e == "txt")),
                    );
                }
            }
        }
    }
    out.sort();
    out
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

#[test]
fn cleans_all_semeval_documents() {
    let Some(base) = datasets() else {
        eprintln!("SemEval data not found under ../shared/data; skipping");
        return;
    };
    let paths = files(&base);
    assert!(!paths.is_empty(), "no documents under {}", base.display());
    let cleaner = Cleaner::new(CleanConfig::default());
    let (mut ratio_sum, mut counted) = (0.0f64, 0usize);
    let mut worst: Vec<(f64, String)> = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
        let mut doc = Document::new(path.display().to_string(), body);
        doc.title = Some(title.trim().to_string());
        cleaner.process(&mut doc).unwrap();
        let input_words = word_count(body);
        if input_words > 0 {
            assert!(
                !doc.text.trim().is_empty(),
                "empty text for {}",
                path.display()
            );
            let ratio = (word_count(&doc.text) as f64 / input_words as f64).min(1.0);
            ratio_sum += ratio;
            counted += 1;
            worst.push((ratio, path.display().to_string()));
        }
        assert!(!doc.text.starts_with(char::is_whitespace));
        assert!(!doc.text.ends_with(char::is_whitespace));
        assert!(!doc.text.contains("\n\n\n"));
    }
    let mean = ratio_sum / counted as f64;
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    eprintln!(
        "cleaned {} documents; mean share of words kept {mean:.4}; lowest: {:?}",
        paths.len(),
        &worst[..worst.len().min(5)]
    );
    assert!(mean >= 0.97, "mean share of words kept {mean:.4} < 0.97");
}
