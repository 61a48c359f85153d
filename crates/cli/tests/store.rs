//! End-to-end tests of `newslens analyze` and the query commands over the
//! database it writes, and the crash test: `kill -9` during analyze leaves
//! a sound database of whole articles, and a rerun completes it.

use assert_cmd::Command;
use newslens_store::{ArticleQuery, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn newslens() -> Command {
    let mut cmd = Command::cargo_bin("newslens").unwrap();
    cmd.timeout(Duration::from_secs(120));
    cmd.current_dir(repo_root());
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    text(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Runs a command, asserting success; its stdout.
fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// `newslens analyze examples/articles` into a fresh database.
fn analyzed_examples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let out = newslens()
        .args(["analyze", "--db"])
        .arg(&db)
        .arg("examples/articles")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "analyze prints nothing on stdout");
    let err = text(&out.stderr);
    assert!(
        err.contains("5 stored, 0 unchanged, 0 replaced, 0 errors"),
        "{err}"
    );
    (dir, db)
}

#[test]
fn analyze_is_idempotent_and_stores_the_contract_objects() {
    let (_dir, db) = analyzed_examples();
    let again = newslens()
        .args(["analyze", "--db"])
        .arg(&db)
        .arg("examples/articles")
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(
        text(&again.stderr).contains("0 stored, 5 unchanged, 0 replaced"),
        "{}",
        text(&again.stderr)
    );
    // `show --json` gives back exactly what `annotate` prints.
    let annotated = ok(newslens().args(["annotate", "examples/articles"]));
    for line in annotated.lines() {
        let id = serde_json::from_str::<Value>(line).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let shown = ok(newslens()
            .args(["show", "--json", "--db"])
            .arg(&db)
            .arg(&id));
        assert_eq!(shown.trim_end(), line, "{id}");
    }
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 5);
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn query_commands_print_tables_and_json_lines() {
    let (_dir, db) = analyzed_examples();
    let quotes = ok(newslens().args(["quotes", "--db"]).arg(&db));
    assert!(quotes.starts_with("DATE"), "{quotes}");
    assert!(quotes.contains("António Guterres"), "{quotes}");
    let guterres = json_lines(
        ok(newslens()
            .args(["quotes", "--json", "--speaker", "guterres", "--db"])
            .arg(&db))
        .as_bytes(),
    );
    assert!(!guterres.is_empty());
    for q in &guterres {
        assert_eq!(q["speaker"], "António Guterres", "{q}");
        assert_eq!(q["article"], "summit.html");
    }
    let since = json_lines(
        ok(newslens()
            .args(["quotes", "--json", "--since", "2023-11-01", "--db"])
            .arg(&db))
        .as_bytes(),
    );
    assert!(!since.is_empty());
    assert!(since
        .iter()
        .all(|q| q["date"].as_str().is_some_and(|d| d >= "2023-11-01")));
    let searched = json_lines(
        ok(newslens()
            .args(["quotes", "--json", "--search", "ready", "--db"])
            .arg(&db))
        .as_bytes(),
    );
    assert!(
        searched.iter().any(|q| q["article"] == "talks-geneva.txt"),
        "{searched:?}"
    );
    assert!(searched
        .iter()
        .all(|q| q["text"].as_str().unwrap().to_lowercase().contains("ready")));

    let people = json_lines(
        ok(newslens()
            .args(["entities", "--json", "--type", "person", "--db"])
            .arg(&db))
        .as_bytes(),
    );
    assert!(people.iter().any(|e| e["id"] == "guterres"), "{people:?}");
    assert!(people.iter().all(|e| e["type"] == "person"));
    let table = ok(newslens().args(["entities", "--db"]).arg(&db));
    assert!(
        table.starts_with("ID") && table.contains("ukraine"),
        "{table}"
    );

    ok(newslens().args(["narratives", "--db"]).arg(&db));
    ok(newslens()
        .args(["narratives", "--by", "month", "--json", "--db"])
        .arg(&db));

    let hits = ok(newslens().args(["search", "grain", "--db"]).arg(&db));
    assert!(
        hits.contains("talks-geneva.txt") && hits.contains("[grain]"),
        "{hits}"
    );
    let hits = json_lines(
        ok(newslens()
            .args(["search", "--json", "grain", "--db"])
            .arg(&db))
        .as_bytes(),
    );
    assert!(hits.iter().all(|h| h["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["hit"] == true)));

    // Piped: no escape sequences.
    let shown = ok(newslens()
        .args(["show", "talks-geneva.txt", "--db"])
        .arg(&db));
    assert!(
        shown.starts_with("Foreign ministers agree to resume grain talks in Geneva"),
        "{shown}"
    );
    assert!(
        shown.contains("Quotes (") && shown.contains("Entities ("),
        "{shown}"
    );
    assert!(!shown.contains('\u{1b}'), "{shown}");
}

#[test]
fn query_commands_without_a_database_say_to_run_analyze() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    for args in [
        &["quotes"][..],
        &["entities"],
        &["narratives"],
        &["search", "x"],
        &["show", "x"],
    ] {
        let out = newslens().args(args).arg("--db").arg(&db).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("no such database") && err.contains("newslens analyze"),
            "{err}"
        );
        assert!(!db.exists(), "a query must not create the database");
    }
    let (_dir, db) = analyzed_examples();
    let out = newslens()
        .args(["show", "nope", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no article with id"));
}

#[test]
fn analyze_reports_unreadable_articles_and_replaces_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("a.txt"),
        "Talks resume\n\n\"We are ready,\" the minister said.\n",
    )
    .unwrap();
    std::fs::write(input.join("b.txt"), b"\x00\x01\x02binary\x00\xff\xfe").unwrap();
    let db = dir.path().join("x.db");
    let run = || {
        newslens()
            .args(["analyze", "--db"])
            .arg(&db)
            .arg(&input)
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("b.txt") && err.contains("1 stored, 0 unchanged, 0 replaced, 1 errors"),
        "{err}"
    );
    std::fs::write(
        input.join("a.txt"),
        "Talks resume\n\n\"We are not ready,\" the minister said.\n",
    )
    .unwrap();
    let err = text(&run().stderr);
    assert!(
        err.contains("0 stored, 0 unchanged, 1 replaced, 1 errors"),
        "{err}"
    );
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 1);
    let a = store.article("a.txt").unwrap().unwrap();
    assert!(a["text"].as_str().unwrap().contains("not ready"));
    assert!(store.verify().unwrap().is_empty());
}

/// A few thousand small articles with quotes and entities, every paragraph
/// unique (so the repeated-lines filter keeps them).
fn write_corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let body = format!(
            "Grain talks, round {i}\n\n\
             Ukraine and Turkey held round {i} of the grain talks in Ankara on Monday, officials said.\n\n\
             \"We are ready to meet again after round {i}. The terms must be clear,\" the Turkish minister told reporters.\n\n\
             António Guterres said round {i} was useful and that the United Nations would help.\n"
        );
        std::fs::write(dir.join(format!("a{i:05}.txt")), body).unwrap();
    }
}

/// The stored article count, or 0 while the database does not exist yet.
fn stored(db: &Path) -> u64 {
    Store::open_read_only(db)
        .and_then(|s| s.article_count())
        .unwrap_or(0)
}

fn assert_sound(db: &Path, moment: &str) -> u64 {
    if !db.exists() {
        return 0;
    }
    let store = Store::open(db).unwrap_or_else(|e| panic!("{moment}: {e}"));
    let problems = store.verify().unwrap();
    assert!(problems.is_empty(), "{moment}: {problems:#?}");
    store.article_count().unwrap()
}

#[test]
fn kill_9_leaves_whole_articles_and_a_rerun_completes() {
    const N: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus");
    std::fs::create_dir(&input).unwrap();
    write_corpus(&input, N);
    let db = dir.path().join("crash.db");
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_newslens"))
            .args(["analyze", "--quiet", "--batch", "64", "--db"])
            .arg(&db)
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // Kill moments: at once (while creating the schema), then each time a
    // few more batches were committed (so mid-transaction, mostly).
    let mut counts = Vec::new();
    for round in 0..5 {
        let before = stored(&db);
        let mut child = spawn();
        let started = Instant::now();
        if round > 0 {
            let target = before + 64 * round as u64;
            while stored(&db) < target && started.elapsed() < Duration::from_secs(60) {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        } else {
            std::thread::sleep(Duration::from_millis(20));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let count = assert_sound(&db, &format!("after kill {round}"));
        counts.push(count);
    }
    eprintln!("articles stored after each kill: {counts:?}");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(
        counts.last().copied().unwrap_or(0) > 0,
        "nothing was stored before the kills: {counts:?}"
    );
    assert!(
        counts.last().copied().unwrap_or(0) < N as u64,
        "the runs ended before the kills: {counts:?}"
    );
    // A rerun stores the rest and leaves the others alone.
    let out = newslens()
        .args(["analyze", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let unchanged = counts.last().copied().unwrap_or(0);
    assert!(
        err.contains(&format!(
            "{} stored, {unchanged} unchanged, 0 replaced, 0 errors",
            N as u64 - unchanged
        )),
        "{err} (before: {counts:?})"
    );
    assert_eq!(assert_sound(&db, "after the rerun"), N as u64);
    let store = Store::open_read_only(&db).unwrap();
    let page = store
        .articles(&ArticleQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, N as u64);
    assert!(
        page.items[0].quotes >= 1 && page.items[0].entities >= 3,
        "{:?}",
        page.items[0]
    );
}
