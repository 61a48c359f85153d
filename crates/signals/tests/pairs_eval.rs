//! The pair evaluation (examples/pairs_eval.rs + scripts/quote-pairs.py) on
//! a small fixture written for it (eval/quote-pairs-fixture), and a check
//! that the real pair set resolves when the shared data is present.

#[allow(dead_code)]
#[path = "../examples/pairs_eval.rs"]
mod pairs_eval;

use pairs_eval::{evaluate, parse_tsv, render, Counts};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs scripts/quote-pairs.py; None (with a message) when python3 is
/// missing.
fn script(args: &[&str]) -> Option<std::process::Output> {
    let out = Command::new("python3")
        .arg(root().join("scripts/quote-pairs.py"))
        .args(args)
        .output();
    match out {
        Ok(o) => Some(o),
        Err(e) => {
            eprintln!("skipped: python3 not runnable ({e})");
            None
        }
    }
}

fn fixture(name: &str) -> String {
    root()
        .join("eval/quote-pairs-fixture")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn fixture_pairs_are_rebuilt_and_scored() {
    let data = fixture("data");
    let pairs_file = fixture("pairs.jsonl");
    let Some(out) = script(&["build", "--tsv", "--data", &data, "--pairs", &pairs_file]) else {
        return;
    };
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pairs = parse_tsv(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(pairs.len(), 7);
    assert_eq!(pairs[2].b, pairs[2].a.to_uppercase(), "recase recipe");
    assert_eq!(pairs[3].b, "Nobody this will left", "drop_words recipe");

    let r = evaluate(&pairs, newslens_signals::same_statement);
    // f01 trim, f03 recase, f06 reported speech link; f04 (two words
    // left) does not; f05 (negation) and f07 (shared opening) link wrongly.
    assert_eq!(
        r.overall,
        Counts {
            tp: 3,
            fp: 2,
            fn_: 1,
            tn: 1
        }
    );
    assert_eq!(r.overall.precision(), Some(0.6));
    assert_eq!(r.overall.recall(), Some(0.75));
    let wrong: Vec<&str> = r.errors.iter().map(|&i| pairs[i].id.as_str()).collect();
    assert_eq!(wrong, ["f04", "f05", "f07"]);
    assert_eq!(
        r.by_group["real"],
        Counts {
            tp: 1,
            fp: 0,
            fn_: 0,
            tn: 1
        }
    );
    assert_eq!(r.by_kind["negate"].fp, 1);

    let text = render(&pairs);
    assert!(
        text.contains("| all | 4 | 3 | 3 | 2 | 1 | 60.0 | 75.0 | 66.7 |"),
        "{text}"
    );
    assert!(
        text.contains("agrees with same_statement on 7 of 7 pairs"),
        "{text}"
    );
    assert!(text.contains("FN f04"), "{text}");
}

#[test]
fn a_changed_data_file_is_detected() {
    let data = fixture("data");
    let bad = fixture("pairs-bad-checksum.jsonl");
    let Some(out) = script(&["check", "--data", &data, "--pairs", &bad]) else {
        return;
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("checksum differs"));
}

#[test]
fn the_semeval_test_folder_is_refused() {
    let data = fixture("data");
    let bad = fixture("pairs-test-folder.jsonl");
    let Some(out) = script(&["check", "--data", &data, "--pairs", &bad]) else {
        return;
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Test/ is never used"));
}

#[test]
fn tsv_fields_are_unescaped_and_bad_input_rejected() {
    let tsv =
        "id\tlabel\tgroup\tkind\tlang\ta\tb\nx1\tsame\treal\treal\ten\ta\\tb\\\\c\tline\\none\n";
    let pairs = parse_tsv(tsv).unwrap();
    assert_eq!(pairs[0].a, "a\tb\\c");
    assert_eq!(pairs[0].b, "line\none");
    assert!(pairs[0].same);
    assert!(parse_tsv("id\tlabel\n").is_err());
    assert!(parse_tsv(&tsv.replace("same", "maybe")).is_err());
    assert!(parse_tsv(&tsv.replace("\\n", "\\q")).is_err());
}

#[test]
fn the_real_pair_set_resolves() {
    let data = root().join("../shared/data");
    if !data.is_dir() {
        eprintln!("skipped: ../shared/data is absent (the real pair set needs it)");
        return;
    }
    let data = data.to_string_lossy().into_owned();
    let Some(out) = script(&["build", "--tsv", "--data", &data]) else {
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pairs = parse_tsv(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let real = pairs.iter().filter(|p| p.group == "real").count();
    let same = pairs.iter().filter(|p| p.same).count();
    assert!(pairs.len() >= 200, "{} pairs", pairs.len());
    assert!(real >= 80, "{real} real pairs");
    // Roughly balanced: neither label under 40 %.
    assert!(same * 10 >= pairs.len() * 4 && (pairs.len() - same) * 10 >= pairs.len() * 4);
}
