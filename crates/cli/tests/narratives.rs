//! The SemEval commands, training, and narratives/roles in `annotate`, on
//! small task-layout folders written here.

use assert_cmd::Command;
use std::path::Path;

fn newslens() -> Command {
    Command::cargo_bin("newslens").unwrap()
}

const WAR: &str = "Kyiv regime provoked the war\n\nThe West and NATO provoked Russia. Kyiv is a puppet of Washington, officials said.";
const CLIMATE: &str = "Climate alarmists lie\n\nActivists exaggerate warming. The climate movement is alarmist and corrupt.";

fn write_docs(dir: &Path, docs: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in docs {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn semeval_narratives_writes_one_line_per_document() {
    let dir = tempfile::tempdir().unwrap();
    write_docs(dir.path(), &[("EN_A.txt", WAR), ("EN_B.txt", CLIMATE)]);
    let out = newslens()
        .args(["semeval", "narratives", "--docs"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, id) in lines.iter().zip(["EN_A.txt", "EN_B.txt"]) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "{line}");
        assert_eq!(cols[0], id);
        // Every sub-narrative belongs to a predicted narrative.
        let coarse: Vec<&str> = cols[1].split(';').collect();
        for fine in cols[2].split(';').filter(|f| *f != "Other") {
            assert!(
                coarse.iter().any(|c| fine.starts_with(&format!("{c}: "))),
                "{line}"
            );
        }
    }
}

#[test]
fn semeval_roles_answers_every_mention_row() {
    let dir = tempfile::tempdir().unwrap();
    write_docs(dir.path(), &[("EN_A.txt", WAR)]);
    let mentions = dir.path().join("mentions.txt");
    std::fs::write(
        &mentions,
        "EN_A.txt\tNATO\t42\t45\nEN_A.txt\tKyiv\t51\t54\nEN_X.txt\tRussia\t0\t5\n",
    )
    .unwrap();
    let out = newslens()
        .args(["semeval", "roles", "--docs"])
        .arg(dir.path())
        .arg("--mentions")
        .arg(&mentions)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 6, "{line}");
        assert!(
            ["Protagonist", "Antagonist", "Innocent"].contains(&cols[4]),
            "{line}"
        );
    }
    // The row whose document is missing is reported, not dropped.
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 mention rows"));
}

#[test]
fn train_refuses_development_and_test_folders() {
    let dir = tempfile::tempdir().unwrap();
    let dev = dir.path().join("Development");
    std::fs::create_dir_all(&dev).unwrap();
    let out = newslens()
        .args(["train", "narratives", "--data"])
        .arg(&dev)
        .arg("--out")
        .arg(dir.path().join("m.json.gz"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Train folder only"));
}

#[test]
fn a_model_trained_on_a_tiny_corpus_predicts_its_labels() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("Train/EN");
    let docs = train.join("raw-documents");
    let mut names = Vec::new();
    let mut labels = String::new();
    let mut roles = String::new();
    for i in 0..12 {
        let (text, coarse, fine) = if i % 2 == 0 {
            (WAR, "URW: Blaming the war on others rather than the invader", "URW: Blaming the war on others rather than the invader: The West are the aggressors")
        } else {
            (
                CLIMATE,
                "CC: Criticism of climate movement",
                "CC: Criticism of climate movement: Climate movement is alarmist",
            )
        };
        let name = format!("EN_{i}.txt");
        write_docs(&docs, &[(&name, text)]);
        labels.push_str(&format!("{name}\t{coarse}\t{fine}\n"));
        if i % 2 == 0 {
            roles.push_str(&format!("{name}\tNATO\t42\t45\tAntagonist\tInstigator\n"));
        }
        names.push(name);
    }
    std::fs::write(train.join("subtask-2-annotations.txt"), labels).unwrap();
    std::fs::write(train.join("subtask-1-annotations.txt"), roles).unwrap();
    let model = dir.path().join("narratives.json.gz");
    newslens()
        .args(["train", "narratives", "--data"])
        .arg(dir.path().join("Train"))
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    let role_model = dir.path().join("roles.json.gz");
    newslens()
        .args(["train", "roles", "--data"])
        .arg(dir.path().join("Train"))
        .arg("--out")
        .arg(&role_model)
        .assert()
        .success();
    assert!(role_model.is_file());

    let test = dir.path().join("docs");
    write_docs(&test, &[("T_war.txt", WAR), ("T_cc.txt", CLIMATE)]);
    let out = newslens()
        .args(["semeval", "narratives", "--docs"])
        .arg(&test)
        .arg("--model")
        .arg(&model)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let cc = text.lines().find(|l| l.starts_with("T_cc.txt")).unwrap();
    assert!(
        cc.contains("CC: Criticism of climate movement: Climate movement is alarmist"),
        "{text}"
    );
    let war = text.lines().find(|l| l.starts_with("T_war.txt")).unwrap();
    assert!(war.contains("The West are the aggressors"), "{text}");
}

#[test]
fn annotate_prints_narratives_and_roles_with_evidence_inside_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newslens.toml");
    std::fs::write(&config, "[narratives]\nmax_roles = 3\n").unwrap();
    let out = newslens()
        .arg("--config")
        .arg(&config)
        .args(["annotate", "--quiet"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles"))
        .assert()
        .success()
        .get_output()
        .clone();
    let mut roles = 0;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let article: serde_json::Value = serde_json::from_str(line).unwrap();
        let chars = article["text"].as_str().unwrap().chars().count() as u64;
        let narratives = article["narratives"].as_array().unwrap();
        assert!(
            !narratives.is_empty(),
            "every article gets a narrative or Other"
        );
        for n in narratives {
            let score = n["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score));
            for e in n["evidence"].as_array().unwrap() {
                assert!(e["start"].as_u64().unwrap() <= e["end"].as_u64().unwrap());
                assert!(e["end"].as_u64().unwrap() <= chars);
            }
        }
        let ids: Vec<&str> = article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert!(
            article["roles"].as_array().unwrap().len() <= 3,
            "max_roles = 3"
        );
        for r in article["roles"].as_array().unwrap() {
            roles += 1;
            assert!(ids.contains(&r["entity"].as_str().unwrap()), "{r}");
            assert!(
                ["Protagonist", "Antagonist", "Innocent"].contains(&r["main"].as_str().unwrap())
            );
        }
    }
    assert!(roles > 0, "the examples name people and places");
}

#[test]
fn narratives_can_be_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newslens.toml");
    std::fs::write(&config, "[narratives]\nenabled = false\nroles = false\n").unwrap();
    let out = newslens()
        .arg("--config")
        .arg(&config)
        .args(["annotate", "--quiet"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles/talks-geneva.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("\"narratives\":[]") && text.contains("\"roles\":[]"),
        "{text}"
    );
}
