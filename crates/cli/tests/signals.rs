//! `newslens talking-points` and `newslens quote-travel` over a database
//! built by `newslens analyze` from four small articles written here: one
//! statement reported (trimmed) by two outlets, a third outlet quoting
//! another speaker with the same line in a different statement, and an
//! unrelated quote; and the same commands after a second `analyze`
//! (incremental signals).

use assert_cmd::Command;
use std::path::Path;

const FEED: &str = r#"{"id": "a1", "title": "Minister on talks", "published": "2023-03-01", "source": "Outlet One", "text": "The foreign minister spoke in Moscow on Wednesday.\n\n\"We are ready to negotiate, but only on our terms and not under pressure from Washington,\" Sergei Lavrov said."}
{"id": "b2", "title": "Moscow sets terms", "published": "2023-03-05", "source": "Outlet Two", "text": "Russia says it is open to talks.\n\nLavrov said Moscow was \"ready to negotiate, but only on our terms\" and rejected any pressure."}
{"id": "d4", "title": "Kremlin on talks", "published": "2023-03-06", "source": "Outlet Four", "text": "The Kremlin commented on the talks on Monday.\n\n\"Talks are possible, but only on our terms and not under pressure, as we have always said,\" Dmitry Peskov said."}
{"id": "c3", "title": "Floods", "published": "2023-03-02", "source": "Outlet Three", "text": "Heavy rain flooded the old town.\n\n\"The water rose faster than ever before,\" the mayor said on Sunday."}
"#;

fn database() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    analyze(dir.path(), &db, "feed.jsonl", FEED);
    (dir, db)
}

/// Stores `feed` (JSON Lines, written to `dir/name`) into `db`.
fn analyze(dir: &Path, db: &Path, name: &str, feed: &str) {
    let path = dir.join(name);
    std::fs::write(&path, feed).unwrap();
    Command::cargo_bin("newslens")
        .unwrap()
        .arg("analyze")
        .arg(&path)
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .assert()
        .success();
}

#[test]
fn talking_points_link_a_trimmed_report_to_its_first_appearance() {
    let (_dir, db) = database();
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(["talking-points", "--json", "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statements: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["kind"] == "statement").collect();
    assert_eq!(statements.len(), 1, "{text}");
    let p = statements[0];
    assert_eq!(p["articles"], serde_json::json!(["a1", "b2"]));
    assert_eq!(
        p["outlets"],
        serde_json::json!(["Outlet One", "Outlet Two"])
    );
    assert_eq!(p["first_seen"]["article"], "a1");
    assert_eq!(p["first_seen"]["date"], "2023-03-01");
    assert_eq!(p["count"], 2);
    assert!(p["text"]
        .as_str()
        .unwrap()
        .starts_with("We are ready to negotiate"));
}

#[test]
fn a_line_inside_different_statements_is_a_phrase_talking_point() {
    let (_dir, db) = database();
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(["talking-points", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let phrases: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["kind"] == "phrase")
        .collect();
    assert_eq!(phrases.len(), 1, "{text}");
    let p = &phrases[0];
    assert_eq!(
        p["text"], "but only on our terms and not under pressure",
        "{text}"
    );
    assert_eq!(p["articles"], serde_json::json!(["a1", "b2", "d4"]));
    assert_eq!(
        p["speakers"],
        serde_json::json!(["Sergei Lavrov", "Dmitry Peskov"])
    );
    assert_eq!(p["first_seen"]["article"], "a1");
    assert_eq!(p["timeline"][0]["date"], "2023-03-01");
    assert!(p["score"].as_f64().unwrap() > 0.0);
    assert_eq!(p["languages"].as_array().unwrap().len(), 1, "{text}");
    // --statements-only leaves the phrase out.
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(["talking-points", "--json", "--statements-only", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().all(|l| l.contains("\"kind\":\"statement\"")),
        "{text}"
    );
}

#[test]
fn quote_travel_lists_every_appearance_first_seen_first() {
    let (_dir, db) = database();
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(["quote-travel", "a1#0", "--json", "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(rows[0]["article"], "a1");
    assert_eq!(rows[0]["first"], true);
    assert_eq!(rows[1]["article"], "b2");
    // An unknown id is a clear error, not an empty answer.
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(["quote-travel", "zz#9", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no quote zz#9"));
}

fn run(args: &[&str], db: &Path) -> String {
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(args)
        .arg("--db")
        .arg(db)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn stories_group_articles_on_one_event_within_the_window() {
    let (_dir, db) = database();
    let text = run(&["stories", "--json"], &db);
    let stories: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // a1 is four days before b2: outside the default window of three days.
    assert!(
        stories.iter().all(|s| !s["articles"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("a1"))),
        "{text}"
    );
    // Inside a week's window; the floods story (c3) stays out.
    let text = run(&["stories", "--json", "--days", "7"], &db);
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["articles"],
        serde_json::json!(["a1", "b2", "d4"]),
        "{text}"
    );
}

#[test]
fn the_derived_file_is_written_once_and_rebuilt_when_the_database_changes() {
    let (dir, db) = database();
    let derived = newslens_signals::derived_path(&db);
    assert!(!derived.exists());
    let first = run(&["talking-points", "--json"], &db);
    assert!(derived.exists());
    let stamp = std::fs::metadata(&derived).unwrap().modified().unwrap();
    // Unchanged database: read from the file (not rewritten), same answer.
    assert_eq!(run(&["talking-points", "--json"], &db), first);
    assert_eq!(
        std::fs::metadata(&derived).unwrap().modified().unwrap(),
        stamp
    );
    // A new article repeating the statement: rebuilt, and it shows.
    let feed = dir.path().join("more.jsonl");
    std::fs::write(&feed, r#"{"id": "e5", "title": "Talks", "published": "2023-03-07", "source": "Outlet Five", "text": "\"We are ready to negotiate, but only on our terms and not under pressure from Washington,\" Sergei Lavrov repeated on Tuesday."}
"#).unwrap();
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .arg("analyze")
        .arg(&feed)
        .arg("--db")
        .arg(&db)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(out.status.success());
    let again = run(&["talking-points", "--json", "--statements-only"], &db);
    let fresh = run(&["talking-points", "--json"], &db);
    let statement = fresh
        .lines()
        .find(|l| l.contains("\"kind\":\"statement\""))
        .unwrap();
    assert!(statement.contains("e5"), "{fresh}");
    assert!(again.contains("e5"), "{again}");
}

// Across runs: `newslens analyze` of a second feed after `newslens
// talking-points` adds the new articles to the saved index state
// (`DB.signals.state`), and every signals command then prints what a
// database built from both feeds at once prints.

const FIRST: &str = r#"{"id": "a1", "title": "Minister on talks", "published": "2023-03-01", "source": "Outlet One", "text": "The foreign minister spoke in Moscow on Wednesday.\n\n\"We are ready to negotiate, but only on our terms and not under pressure from Washington,\" Sergei Lavrov said."}
{"id": "c3", "title": "Floods", "published": "2023-03-02", "source": "Outlet Three", "text": "Heavy rain flooded the old town.\n\n\"The water rose faster than ever before,\" the mayor said on Sunday."}
{"id": "b2", "title": "Moscow sets terms", "published": "2023-03-05", "source": "Outlet Two", "text": "Russia says it is open to talks.\n\nLavrov said Moscow was \"ready to negotiate, but only on our terms\" and rejected any pressure."}
"#;

const SECOND: &str = r#"{"id": "d4", "title": "Kremlin on talks", "published": "2023-03-06", "source": "Outlet Four", "text": "The Kremlin commented on the talks on Monday.\n\n\"Talks are possible, but only on our terms and not under pressure, as we have always said,\" Dmitry Peskov said."}
{"id": "e5", "title": "Talks again", "published": "2023-03-07", "source": "Outlet Five", "text": "Heavy rain flooded the old town again.\n\n\"We are ready to negotiate, but only on our terms,\" Sergei Lavrov repeated."}
{"id": "f6", "title": "Moscow sets its terms for talks", "published": "2023-03-06", "source": "Outlet Six", "text": "Russia says again that it is open to talks on its own terms.\n\nMoscow rejected any pressure from Washington."}
"#;

fn outputs(db: &Path) -> Vec<String> {
    vec![
        run(&["talking-points", "--json"], db),
        run(&["stories", "--json", "--days", "3"], db),
        run(&["quote-travel", "a1#0", "--json"], db),
    ]
}

#[test]
fn a_second_analyze_updates_the_saved_state_and_gives_a_full_rebuilds_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    analyze(dir.path(), &db, "first.jsonl", FIRST);
    run(&["talking-points"], &db);
    let mut state = db.as_os_str().to_owned();
    state.push(".signals.state");
    let before = std::fs::read(&state).unwrap();
    analyze(dir.path(), &db, "second.jsonl", SECOND);
    let updated = outputs(&db);
    assert_ne!(
        std::fs::read(&state).unwrap(),
        before,
        "the state was updated"
    );

    let full_dir = tempfile::tempdir().unwrap();
    let full_db = full_dir.path().join("full.db");
    analyze(
        full_dir.path(),
        &full_db,
        "all.jsonl",
        &format!("{FIRST}{SECOND}"),
    );
    assert_eq!(updated, outputs(&full_db));
    // The statement now travelled to a third outlet.
    assert_eq!(updated[2].lines().count(), 3, "{}", updated[2]);
    // A story of the first run (b2) grew in the second (f6), as in the
    // one-go build (since session 14 from the saved story index).
    let story: serde_json::Value =
        serde_json::from_str(updated[1].lines().next().unwrap_or("null")).unwrap();
    assert_eq!(
        story["articles"],
        serde_json::json!(["b2", "f6"]),
        "{}",
        updated[1]
    );
}
