//! The signals across runs: `newslens analyze` of a second feed after
//! `newslens talking-points` adds the new articles to the saved index state
//! (`DB.signals.state`), and every signals command then prints what a
//! database built from both feeds at once prints.

use assert_cmd::Command;
use std::path::Path;

const FIRST: &str = r#"{"id": "a1", "title": "Minister on talks", "published": "2023-03-01", "source": "Outlet One", "text": "The foreign minister spoke in Moscow on Wednesday.\n\n\"We are ready to negotiate, but only on our terms and not under pressure from Washington,\" Sergei Lavrov said."}
{"id": "c3", "title": "Floods", "published": "2023-03-02", "source": "Outlet Three", "text": "Heavy rain flooded the old town.\n\n\"The water rose faster than ever before,\" the mayor said on Sunday."}
{"id": "b2", "title": "Moscow sets terms", "published": "2023-03-05", "source": "Outlet Two", "text": "Russia says it is open to talks.\n\nLavrov said Moscow was \"ready to negotiate, but only on our terms\" and rejected any pressure."}
"#;

const SECOND: &str = r#"{"id": "d4", "title": "Kremlin on talks", "published": "2023-03-06", "source": "Outlet Four", "text": "The Kremlin commented on the talks on Monday.\n\n\"Talks are possible, but only on our terms and not under pressure, as we have always said,\" Dmitry Peskov said."}
{"id": "e5", "title": "Talks again", "published": "2023-03-07", "source": "Outlet Five", "text": "Heavy rain flooded the old town again.\n\n\"We are ready to negotiate, but only on our terms,\" Sergei Lavrov repeated."}
"#;

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

fn run(db: &Path, args: &[&str]) -> String {
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

fn outputs(db: &Path) -> Vec<String> {
    vec![
        run(db, &["talking-points", "--json"]),
        run(db, &["stories", "--json", "--days", "3"]),
        run(db, &["quote-travel", "a1#0", "--json"]),
    ]
}

#[test]
fn a_second_analyze_updates_the_saved_state_and_gives_a_full_rebuilds_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    analyze(dir.path(), &db, "first.jsonl", FIRST);
    run(&db, &["talking-points"]);
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
}
