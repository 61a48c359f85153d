//! End-to-end tests of `newslens annotate`: the output contract, exit codes,
//! ordering, and robustness against hostile input.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn newslens() -> Command {
    let mut cmd = Command::cargo_bin("newslens").unwrap();
    // Guards against hangs; speed itself is measured by the benchmarks.
    cmd.timeout(Duration::from_secs(60));
    cmd
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Slices `text` by code-point offsets, as the contract counts them.
fn char_slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// `newslens annotate examples/articles`, run from the repository root.
fn annotate_examples() -> std::process::Output {
    newslens()
        .current_dir(repo_root())
        .args(["annotate", "examples/articles"])
        .output()
        .unwrap()
}

#[test]
fn bundled_example_matches_golden_output() {
    let out = annotate_examples();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/examples.jsonl");
    let got = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(
        got, want,
        "output changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

#[test]
fn every_article_has_the_contract_fields_and_valid_offsets() {
    let out = annotate_examples();
    let articles = lines(&out.stdout);
    assert_eq!(articles.len(), 5);
    for a in &articles {
        assert_eq!(a["schema"], "newslens.article/1");
        for key in ["id", "title", "published", "lang", "text", "boilerplate"] {
            assert!(a.get(key).is_some(), "{key} missing in {a}");
        }
        let text = a["text"].as_str().unwrap();
        let n = text.chars().count() as u64;
        assert!(
            !a["narratives"].as_array().unwrap().is_empty(),
            "a narrative or Other"
        );
        for key in ["narratives", "roles"] {
            for item in a[key].as_array().unwrap() {
                for e in item["evidence"].as_array().unwrap() {
                    let (start, end) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
                    assert!(start <= end && end <= n, "{key} evidence {e}");
                }
            }
        }
        for e in a["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                assert!(start < end && end <= n);
                assert_eq!(char_slice(text, start, end), m["text"].as_str().unwrap());
            }
        }
        for d in a["dates"].as_array().unwrap() {
            let (start, end) = (d["start"].as_u64().unwrap(), d["end"].as_u64().unwrap());
            assert_eq!(char_slice(text, start, end), d["text"].as_str().unwrap());
        }
        for q in a["quotes"].as_array().unwrap() {
            let (start, end) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
            assert!(start <= end && end <= n);
            assert_eq!(char_slice(text, start, end), q["text"].as_str().unwrap());
            if let Some(speaker) = q["speaker"].as_object() {
                let (s, e) = (
                    speaker["start"].as_u64().unwrap(),
                    speaker["end"].as_u64().unwrap(),
                );
                assert_eq!(char_slice(text, s, e), speaker["text"].as_str().unwrap());
            }
        }
        for s in a["sentences"].as_array().unwrap() {
            let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(start < end && end <= n);
            let sentence = char_slice(text, start, end);
            assert_eq!(sentence.trim(), sentence);
        }
    }
}

#[test]
fn output_keeps_input_order() {
    let root = repo_root();
    let out = newslens()
        .current_dir(&root)
        .args([
            "annotate",
            "examples/articles/talks-geneva.txt",
            "examples/articles/feed.jsonl",
            "examples/articles/klimat-ru.txt",
        ])
        .output()
        .unwrap();
    let ids: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["talks-geneva.txt", "pt-001", "en-002", "klimat-ru.txt"]
    );
}

#[test]
fn missing_input_gives_error_object_and_exit_1() {
    let out = newslens()
        .current_dir(repo_root())
        .args([
            "annotate",
            "no/such/file.txt",
            "examples/articles/klimat-ru.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let articles = lines(&out.stdout);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["id"], "no/such/file.txt");
    assert!(articles[0]["error"]
        .as_str()
        .unwrap()
        .contains("no such file"));
    assert_eq!(articles[1]["lang"], "ru");
}

#[test]
fn usage_errors_exit_2() {
    newslens().args(["annotate"]).assert().code(2);
    newslens()
        .args(["annotate", "--bogus", "x"])
        .assert()
        .code(2);
    newslens().args(["frobnicate"]).assert().code(2);
}

/// Runs `annotate -` with a settings file that must be refused; returns
/// what it said on stderr.
fn refused_config(settings: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newslens.toml");
    std::fs::write(&config, settings).unwrap();
    let out = newslens()
        .args(["--config", config.to_str().unwrap(), "annotate", "-"])
        .write_stdin("Title\n\nBody.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn bad_config_key_exits_2_with_its_name() {
    assert!(refused_config("[clean]\nboilerplates = true\n").contains("boilerplates"));
}

#[test]
fn pipeline_until_stops_after_the_named_stage() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newslens.toml");
    std::fs::write(&config, "[pipeline]\nuntil = \"segment\"\n").unwrap();
    let out = newslens()
        .current_dir(repo_root())
        .args(["--config", config.to_str().unwrap(), "annotate"])
        .arg("examples/articles/talks-geneva.txt")
        .output()
        .unwrap();
    assert!(out.status.success());
    let article = &lines(&out.stdout)[0];
    assert!(!article["sentences"].as_array().unwrap().is_empty());
    assert_eq!(article["quotes"], Value::Array(vec![]));

    let stderr = refused_config("[pipeline]\nuntil = \"sgment\"\n");
    assert!(stderr.contains("no stage named `sgment`"), "{stderr}");
}

#[test]
fn stdin_is_read_and_sniffed() {
    let out = newslens()
        .args(["annotate", "-"])
        .write_stdin("{\"id\": \"s1\", \"text\": \"Talks resumed on Monday.\"}\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let articles = lines(&out.stdout);
    assert_eq!(articles[0]["id"], "s1");
    assert_eq!(articles[0]["text"], "Talks resumed on Monday.");
}

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let out = annotate_examples();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn promo_repeated_across_a_folder_is_removed_but_not_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let promo = "Support our independent newsroom today";
    for (i, story) in [
        "Talks resumed in Geneva.",
        "The grain deal was extended.",
        "Floods hit the coast.",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            dir.path().join(format!("a{i}.txt")),
            format!("Headline {i}\n\n{story} Officials confirmed it on Monday.\n\n{promo}\n"),
        )
        .unwrap();
    }
    let out = newslens()
        .args(["annotate", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    for article in lines(&out.stdout) {
        assert!(
            !article["text"].as_str().unwrap().contains(promo),
            "{article}"
        );
        assert_eq!(article["boilerplate"], serde_json::json!([promo]));
    }
    let out = newslens()
        .args(["annotate", "-"])
        .write_stdin(format!("Headline\n\nTalks resumed.\n\n{promo}\n"))
        .output()
        .unwrap();
    assert!(lines(&out.stdout)[0]["text"]
        .as_str()
        .unwrap()
        .contains(promo));
}

mod robustness {
    use super::*;

    fn annotate_file(name: &str, bytes: &[u8]) -> (Option<i32>, Vec<Value>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = newslens()
            .args(["annotate", path.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        (out.status.code(), lines(&out.stdout))
    }

    #[test]
    fn invalid_utf8_is_decoded_not_refused() {
        let (code, out) = annotate_file(
            "latin1.txt",
            b"Caf\xe9 news\n\nLe ministre a d\xe9clar\xe9 que la r\xe9union aura lieu.",
        );
        assert_eq!(code, Some(0));
        assert!(out[0]["text"].as_str().unwrap().contains("déclaré"));
    }

    #[test]
    fn binary_file_is_an_error_object() {
        let mut bytes = b"\x7fELF\x02\x01\x01\x00".to_vec();
        bytes.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
        let (code, out) = annotate_file("program.txt", &bytes);
        assert_eq!(code, Some(1));
        assert!(out[0]["error"].as_str().unwrap().contains("binary"));
    }

    #[test]
    fn empty_file_gives_an_empty_article() {
        let (code, out) = annotate_file("empty.txt", b"");
        assert_eq!(code, Some(0));
        assert_eq!(out[0]["text"], "");
        assert_eq!(out[0]["sentences"], Value::Array(vec![]));
    }

    #[test]
    fn fifty_megabyte_file_is_processed() {
        let paragraph = "The delegation said on Monday that talks would resume. Officials declined to comment further.\n\n";
        let big = paragraph.repeat(50 * 1024 * 1024 / paragraph.len() + 1);
        let (code, out) = annotate_file("big.txt", format!("Headline\n\n{big}").as_bytes());
        assert_eq!(code, Some(0));
        assert!(out[0]["text"].as_str().unwrap().len() > 40 * 1024 * 1024);
    }

    #[test]
    fn html_nested_ten_thousand_levels_is_handled() {
        let depth = 10_000;
        let html = format!(
            "<html><body>{}<p>Deep text about the summit in Geneva.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let (code, out) = annotate_file("deep.html", html.as_bytes());
        assert!(code == Some(0) || code == Some(1));
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn gzipped_html_is_read() {
        use std::io::Write;
        let html = "<html><head><title>Gz page</title></head><body><article><p>The minister said the talks in Geneva would resume on Monday after a long pause, officials confirmed.</p><p>Diplomats from both sides welcomed the decision and said they expected progress.</p></article></body></html>";
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(html.as_bytes()).unwrap();
        let (code, out) = annotate_file("page.html.gz", &enc.finish().unwrap());
        assert_eq!(code, Some(0), "{out:?}");
        assert!(out[0]["text"].as_str().unwrap().contains("talks in Geneva"));
    }
}
