//! `newslens quote-travel --translations`: a statement reported in English
//! and in Russian by the same minister, naming the same three regions, is
//! listed as a possible translation; his other Russian statement is not.

use assert_cmd::Command;

const FEED: &str = r#"{"id": "en1", "title": "Lavrov on the regions", "published": "2023-03-01", "lang": "en", "source": "Outlet One", "text": "The foreign minister spoke in Moscow on Wednesday.\n\n\"Talks can start once the troops leave Donetsk, Luhansk and Kherson,\" Sergei Lavrov said."}
{"id": "ru1", "title": "Лавров о регионах", "published": "2023-03-02", "lang": "ru", "source": "Outlet Two", "text": "Министр выступил в Москве в среду.\n\n«Переговоры могут начаться, как только войска уйдут из Донецка, Луганска и Херсона», — заявил Сергей Лавров."}
{"id": "ru2", "title": "Лавров о Китае", "published": "2023-03-02", "lang": "ru", "source": "Outlet Two", "text": "Министр выступил в Пекине.\n\n«Отношения с Китаем никогда не были так хороши», — заявил Сергей Лавров."}
"#;

fn travel(db: &std::path::Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let out = Command::cargo_bin("newslens")
        .unwrap()
        .args(["quote-travel", "en1#0", "--json", "--db"])
        .arg(db)
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_russian_report_naming_the_same_regions_is_a_possible_translation() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, FEED).unwrap();
    let db = dir.path().join("t.db");
    Command::cargo_bin("newslens")
        .unwrap()
        .arg("analyze")
        .arg(&feed)
        .arg("--db")
        .arg(&db)
        .arg("--quiet")
        .assert()
        .success();
    // Without the flag: the appearances only.
    let lines = travel(&db, &[]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["first"], true);
    // Three quotes make every name common, so the weight asked is low.
    let lines = travel(&db, &["--translations", "--translation-weight", "1"]);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let t = &lines[1];
    assert_eq!(t["translation"], true);
    assert_eq!(t["quote"], "ru1#0");
    assert_eq!(t["lang"], "ru");
    assert_eq!(t["source"], "en1#0");
    assert_eq!(t["speaker_id"], "lavrov");
    assert_eq!(t["shared"].as_array().unwrap().len(), 3, "{t}");
    // At the default weight (chosen on real corpora) nothing qualifies here.
    assert_eq!(travel(&db, &["--translations"]).len(), 1);
}
