//! `newslens serve` from the command line: refusals and the warning for a
//! non-loopback address. The API itself is tested in crates/server/tests and
//! in the browser by scripts/e2e.sh.

use assert_cmd::Command;
use std::time::Duration;

fn newslens() -> Command {
    let mut cmd = Command::cargo_bin("newslens").unwrap();
    cmd.timeout(Duration::from_secs(30));
    cmd
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn serve_refuses_a_missing_database_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = newslens()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("none.db") && err.contains("no such database"),
        "{err}"
    );
    assert!(!err.contains("warning"), "{err}");
    assert!(!db.exists());
}

#[test]
fn serve_warns_when_not_bound_to_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = newslens()
        .args(["serve", "--addr", "0.0.0.0:0", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("warning") && err.contains("not a loopback address"),
        "{err}"
    );
}

#[test]
fn serve_refuses_a_malformed_address_as_a_usage_error() {
    let out = newslens()
        .args(["serve", "--addr", "localhost"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--addr"), "{}", stderr(&out));
}
