//! Unit tests of the store: writes, idempotence, replacement, migrations,
//! queries, full-text search, untrusted text.

use crate::queries::{fts_query, RANK_WINDOW};
use crate::schema::MIGRATIONS;
use crate::*;
use serde_json::{json, Value};
use std::path::PathBuf;

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("test.db");
    (dir, path)
}

/// A temporary store holding the Geneva article, opened read-only.
fn read_only_geneva() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    Store::open(&path)
        .expect("open")
        .put_articles(&[geneva()])
        .expect("put");
    let store = Store::open_read_only(&path).expect("read-only");
    (dir, store)
}

/// An article in the contract's shape: Ivanov (an actor) speaks about
/// Ukraine; Anna Smith (no actor) speaks too.
fn geneva() -> Value {
    let text = "Ukraine and Turkey met. \"Ukraine is ready to talk,\" Ivanov said. Anna Smith said the grain deal holds.";
    json!({
        "schema": "newslens.article/1",
        "id": "geneva.txt",
        "title": "Talks in Geneva",
        "published": "2023-03-03",
        "lang": "en",
        "text": text,
        "boilerplate": [],
        "source": {"path": "geneva.txt", "outlet": "Example Daily", "format": "text"},
        "entities": [
            {"id": "E1", "name": "Ukraine", "type": "location", "actor": "ukraine",
             "mentions": [{"start": 0, "end": 7, "text": "Ukraine"}, {"start": 25, "end": 32, "text": "Ukraine"}]},
            {"id": "E2", "name": "Turkey", "type": "location", "actor": null,
             "mentions": [{"start": 12, "end": 18, "text": "Turkey"}]},
            {"id": "E3", "name": "Sergei Ivanov", "type": "person", "actor": "sergei-ivanov",
             "mentions": [{"start": 52, "end": 58, "text": "Ivanov"}]},
            {"id": "E4", "name": "Anna Smith", "type": "person", "actor": null,
             "mentions": [{"start": 65, "end": 75, "text": "Anna Smith"}]}
        ],
        "quotes": [
            {"text": "Ukraine is ready to talk", "start": 25, "end": 49, "kind": "direct", "cue": "said",
             "speaker": {"text": "Ivanov", "start": 52, "end": 58, "name": "Ivanov", "entity": "E3"},
             "said_on": null},
            {"text": "the grain deal holds", "start": 81, "end": 101, "kind": "indirect", "cue": "said",
             "speaker": {"text": "Anna Smith", "start": 65, "end": 75, "name": "Anna Smith", "entity": "E4"},
             "said_on": "2023-03-02"}
        ],
        "dates": [],
        "narratives": [
            {"narrative": "URW: Discrediting Ukraine", "subnarrative": "URW: Discrediting Ukraine: Ukraine is a puppet of the West",
             "score": 0.8, "evidence": [{"start": 0, "end": 23}]}
        ],
        "roles": [{"entity": "E3", "main": "Antagonist", "fine": ["Instigator"], "score": 0.7}]
    })
}

fn kyiv() -> Value {
    json!({
        "schema": "newslens.article/1",
        "id": "kyiv.txt",
        "title": "Kyiv responds",
        "published": "2023-04-10T08:00:00Z",
        "lang": "en",
        "text": "Sergei Ivanov said Ukraine will not wait.",
        "source": {"url": "https://www.news.example.org/a/1", "format": "html"},
        "entities": [
            {"id": "E1", "name": "Sergei Ivanov", "type": "person", "actor": "sergei-ivanov",
             "mentions": [{"start": 0, "end": 13, "text": "Sergei Ivanov"}]},
            {"id": "E2", "name": "Ukraine", "type": "location", "actor": "ukraine",
             "mentions": [{"start": 19, "end": 26, "text": "Ukraine"}]}
        ],
        "quotes": [
            {"text": "Ukraine will not wait", "start": 19, "end": 40, "kind": "indirect", "cue": "said",
             "speaker": {"text": "Sergei Ivanov", "start": 0, "end": 13, "name": "Sergei Ivanov", "entity": "E1"},
             "said_on": null}
        ],
        "narratives": [{"narrative": "URW: Discrediting Ukraine", "subnarrative": null, "score": 0.6, "evidence": []}],
        "roles": []
    })
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

#[test]
fn stores_articles_with_their_rows() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let summary = store.put_articles(&[geneva(), kyiv()]).expect("put");
    assert_eq!(
        summary,
        PutSummary {
            stored: 2,
            unchanged: 0,
            replaced: 0
        }
    );
    assert_eq!(count(&store, "articles"), 2);
    assert_eq!(count(&store, "quotes"), 3);
    assert_eq!(count(&store, "mentions"), 7);
    assert_eq!(count(&store, "narratives"), 2);
    assert_eq!(count(&store, "roles"), 1);
    // Ukraine and Ivanov are one store entity each across the articles.
    assert_eq!(count(&store, "entities"), 4);
    let page = store.articles(&ArticleQuery::default()).expect("articles");
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].id, "kyiv.txt", "newest first");
    assert_eq!(page.items[0].outlet.as_deref(), Some("news.example.org"));
    assert_eq!(page.items[1].outlet.as_deref(), Some("Example Daily"));
    assert_eq!(page.items[1].quotes, 2);
    assert_eq!(
        store.article("geneva.txt").expect("article"),
        Some(geneva())
    );
    assert_eq!(store.article("nope").expect("article"), None);
}

#[test]
fn article_rowids_follow_insertion_and_a_replaced_article_moves_last() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.put_articles(&[geneva(), kyiv()]).unwrap();
    let ids = |s: &Store| -> Vec<String> {
        s.article_rowids()
            .unwrap()
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    };
    assert_eq!(ids(&store), ["geneva.txt", "kyiv.txt"]);
    let before = store.article_rowids().unwrap();
    let mut changed = geneva();
    changed["title"] = json!("Talks in Geneva, updated");
    store.put_articles(&[changed]).unwrap();
    let after = store.article_rowids().unwrap();
    assert_eq!(ids(&store), ["kyiv.txt", "geneva.txt"]);
    assert!(after[1].0 > before[1].0);
}

#[test]
fn same_content_is_not_stored_twice() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva()]).expect("put");
    let again = store.put_articles(&[geneva(), kyiv()]).expect("put again");
    assert_eq!(
        again,
        PutSummary {
            stored: 1,
            unchanged: 1,
            replaced: 0
        }
    );
    assert_eq!(count(&store, "articles"), 2);
    assert_eq!(count(&store, "quotes"), 3);
    assert_eq!(count(&store, "quote_fts"), 3);
    let ukraine = store.entity("ukraine").expect("entity").expect("ukraine");
    assert_eq!((ukraine.entity.articles, ukraine.entity.mentions), (2, 3));
    assert_eq!(store.verify().expect("verify"), Vec::<String>::new());
}

#[test]
fn verify_finds_a_partial_article() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    assert!(store.verify().expect("verify").is_empty());
    store
        .conn
        .execute("DELETE FROM quotes WHERE idx = 1", [])
        .expect("damage");
    let problems = store.verify().expect("verify");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("article geneva.txt: rows")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("quote index rows")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("entities with wrong counters")),
        "{problems:?}"
    );
}

#[test]
fn changed_content_replaces_the_article_and_its_rows() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let mut changed = geneva();
    changed["quotes"] = json!([changed["quotes"][0].clone()]);
    changed["entities"] = json!([
        changed["entities"][0].clone(),
        changed["entities"][2].clone()
    ]);
    changed["title"] = json!("Talks in Geneva (updated)");
    let summary = store.put_articles(&[changed.clone()]).expect("replace");
    assert_eq!(
        summary,
        PutSummary {
            stored: 0,
            unchanged: 0,
            replaced: 1
        }
    );
    assert_eq!(count(&store, "articles"), 2);
    assert_eq!(count(&store, "quotes"), 2);
    assert_eq!(count(&store, "quote_fts"), 2);
    assert_eq!(count(&store, "article_fts"), 2);
    // Turkey and Anna Smith were only in the old version.
    assert!(store.entity("location:turkey").expect("entity").is_none());
    assert!(store.entity("person:anna-smith").expect("entity").is_none());
    let ivanov = store
        .entity("sergei-ivanov")
        .expect("entity")
        .expect("ivanov");
    assert_eq!((ivanov.entity.articles, ivanov.entity.quotes), (2, 2));
    assert_eq!(store.article("geneva.txt").expect("article"), Some(changed));
    assert_eq!(store.verify().expect("verify"), Vec::<String>::new());
    let hits = store.search("updated", 10, 0).expect("search");
    assert_eq!(hits.total, 1);
}

#[test]
fn the_same_id_twice_in_one_batch_keeps_the_last() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let mut changed = geneva();
    changed["title"] = json!("Talks elsewhere");
    changed["text"] = json!("Nothing about cereals here.");
    changed["quotes"] = json!([]);
    let summary = store
        .put_articles(&[geneva(), changed, kyiv()])
        .expect("put");
    assert_eq!(
        summary,
        PutSummary {
            stored: 2,
            unchanged: 0,
            replaced: 1
        }
    );
    assert_eq!(store.verify().expect("verify"), Vec::<String>::new());
    assert_eq!(store.search("grain", 10, 0).expect("search").total, 0);
    assert_eq!(store.search("cereals", 10, 0).expect("search").total, 1);
    assert_eq!(count(&store, "quote_fts"), 1);
}

#[test]
fn a_batch_with_an_error_object_stores_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let error =
        json!({"schema": "newslens.article/1", "id": "x.pdf", "error": "x.pdf: binary data"});
    let err = store
        .put_articles(&[geneva(), error])
        .expect_err("error object");
    assert!(err.to_string().contains("x.pdf"), "{err}");
    assert_eq!(count(&store, "articles"), 0);
    let err = store.put_json_lines(&["{\"id\": 1}"]).expect_err("no id");
    assert!(err.to_string().contains("id"), "{err}");
}

#[test]
fn put_lines_stores_the_valid_ones_and_returns_the_others() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let lines = [
        geneva().to_string(),
        r#"{"schema":"newslens.article/1","id":"x.pdf","error":"x.pdf: binary data (byte offset 10)"}"#.to_string(),
        "{not json".to_string(),
        r#"{"id":"no-text"}"#.to_string(),
        String::new(),
        kyiv().to_string(),
    ];
    let report = store.put_lines(&lines).expect("put");
    assert_eq!(report.summary.stored, 2);
    assert_eq!(report.rejected.len(), 3);
    assert!(matches!(&report.rejected[0], StoreError::ErrorObject { id, .. } if id == "x.pdf"));
    assert!(report.rejected[1].to_string().contains("invalid JSON"));
    assert!(report.rejected[2].to_string().contains("no-text"));
    assert_eq!(count(&store, "articles"), 2);
}

#[test]
fn json_lines_are_stored_verbatim() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let title = "<script>alert(1)</script> '; DROP TABLE articles; --";
    let line = format!(
        "{{\"schema\":\"newslens.article/1\",\"id\":\"x\\\"y\",\"title\":{},\"text\":\"a \\u0000 b <b>bold</b> \\\"NEAR(\",\"quotes\":[],\"entities\":[]}}",
        serde_json::to_string(title).expect("json")
    );
    store.put_json_lines(&[line.as_str()]).expect("put");
    assert_eq!(
        store.article_json("x\"y").expect("json").as_deref(),
        Some(line.as_str())
    );
    let page = store.articles(&ArticleQuery::default()).expect("articles");
    assert_eq!(page.items[0].title.as_deref(), Some(title));
    // FTS5 syntax in a query is taken as words, not as syntax.
    for q in [
        "NEAR(",
        "\"unbalanced",
        "bold AND OR",
        "title:script",
        "*",
        "-- ;",
    ] {
        store
            .search(q, 10, 0)
            .unwrap_or_else(|e| panic!("{q}: {e}"));
        store
            .articles(&ArticleQuery {
                q: Some(q.into()),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{q}: {e}"));
        store
            .quotes(&QuoteQuery {
                search: Some(q.into()),
                speaker: Some(q.into()),
                ..Default::default()
            })
            .unwrap_or_else(|e| panic!("{q}: {e}"));
    }
    let hits = store.search("script", 10, 0).expect("search");
    assert_eq!(hits.total, 1);
    assert_eq!(count(&store, "articles"), 1);
}

#[test]
fn quote_filters() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let quotes = |q: QuoteQuery| store.quotes(&q).expect("quotes");
    let all = quotes(QuoteQuery::default());
    assert_eq!(all.total, 3);
    assert_eq!(
        all.items[0].date.as_deref(),
        Some("2023-04-10"),
        "newest first"
    );
    assert_eq!(
        all.items[2].date.as_deref(),
        Some("2023-03-02"),
        "said_on wins"
    );
    // By name words (any case), by store id.
    let ivanov = quotes(QuoteQuery {
        speaker: Some("ivanov".into()),
        ..Default::default()
    });
    assert_eq!(ivanov.total, 2);
    assert!(ivanov
        .items
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Sergei Ivanov")));
    assert!(ivanov
        .items
        .iter()
        .all(|q| q.speaker_id.as_deref() == Some("sergei-ivanov")));
    let by_id = quotes(QuoteQuery {
        speaker: Some("person:anna-smith".into()),
        ..Default::default()
    });
    assert_eq!(by_id.total, 1);
    assert_eq!(by_id.items[0].text, "the grain deal holds");
    // About: Ukraine is mentioned inside two quotes.
    let about = quotes(QuoteQuery {
        about: Some("Ukraine".into()),
        ..Default::default()
    });
    assert_eq!(about.total, 2);
    let about_id = quotes(QuoteQuery {
        about: Some("ukraine".into()),
        ..Default::default()
    });
    assert_eq!(about_id.total, 2);
    assert_eq!(about_id.items, about.items);
    let about_since = quotes(QuoteQuery {
        about: Some("ukraine".into()),
        since: Some("2023-04-01".into()),
        ..Default::default()
    });
    assert_eq!(about_since.total, 1, "about with another filter");
    assert_eq!(about_since.items[0].article, "kyiv.txt");
    let since = quotes(QuoteQuery {
        since: Some("2023-03-03".into()),
        ..Default::default()
    });
    assert_eq!(since.total, 2);
    let until = quotes(QuoteQuery {
        until: Some("2023-03".into()),
        ..Default::default()
    });
    assert_eq!(until.total, 2, "a month prefix includes the whole month");
    let search = quotes(QuoteQuery {
        search: Some("grain".into()),
        ..Default::default()
    });
    assert_eq!(search.total, 1);
    let outlet = quotes(QuoteQuery {
        outlet: Some("Example Daily".into()),
        ..Default::default()
    });
    assert_eq!(outlet.total, 2);
    let page = quotes(QuoteQuery {
        limit: 1,
        offset: 1,
        ..Default::default()
    });
    assert_eq!((page.total, page.items.len()), (3, 1));
    assert_eq!(page.items[0], all.items[1]);
    let none = quotes(QuoteQuery {
        speaker: Some("Nobody".into()),
        ..Default::default()
    });
    assert_eq!(none.total, 0);
}

#[test]
fn entity_lists_and_details() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let all = store.entities(&EntityQuery::default()).expect("entities");
    assert_eq!(all.total, 4);
    assert_eq!(
        all.items[0].id, "ukraine",
        "most articles, most mentions first"
    );
    assert_eq!((all.items[0].articles, all.items[0].mentions), (2, 3));
    let people = store
        .entities(&EntityQuery {
            kind: Some("person".into()),
            ..Default::default()
        })
        .expect("people");
    assert_eq!(
        people
            .items
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["sergei-ivanov", "person:anna-smith"]
    );
    let prefix = store
        .entities(&EntityQuery {
            prefix: Some("tur".into()),
            ..Default::default()
        })
        .expect("prefix");
    assert_eq!(prefix.items.len(), 1);
    assert_eq!(prefix.items[0].id, "location:turkey");
    let ivanov = store
        .entity("sergei-ivanov")
        .expect("entity")
        .expect("ivanov");
    assert_eq!(ivanov.quotes.len(), 2);
    assert_eq!(ivanov.roles.len(), 2);
    assert_eq!(
        (
            ivanov.roles[0].main.as_str(),
            ivanov.roles[0].fine.as_deref()
        ),
        ("Antagonist", None)
    );
    assert_eq!(ivanov.roles[1].fine.as_deref(), Some("Instigator"));
    let months: Vec<_> = ivanov
        .months
        .iter()
        .map(|m| (m.month.as_deref(), m.articles))
        .collect();
    assert_eq!(months, [(Some("2023-03"), 1), (Some("2023-04"), 1)]);
    let ukraine = store.entity("ukraine").expect("entity").expect("ukraine");
    assert_eq!(ukraine.quotes_about.len(), 2);
}

#[test]
fn narrative_counts() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let all = store
        .narratives(NarrativeGrouping::None)
        .expect("narratives");
    assert_eq!(all.len(), 2);
    assert_eq!((all[0].subnarrative.as_deref(), all[0].articles), (None, 2));
    assert_eq!(all[1].articles, 1);
    let by_month = store
        .narratives(NarrativeGrouping::Month)
        .expect("by month");
    let groups: Vec<_> = by_month
        .iter()
        .map(|n| (n.group.as_deref(), n.subnarrative.is_some(), n.articles))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("2023-03"), false, 1),
            (Some("2023-03"), true, 1),
            (Some("2023-04"), false, 1)
        ]
    );
    let by_outlet = store
        .narratives(NarrativeGrouping::Outlet)
        .expect("by outlet");
    assert_eq!(by_outlet[0].group.as_deref(), Some("Example Daily"));
}

#[test]
fn search_gives_snippets_of_articles_and_quotes() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let hits = store.search("grain", 10, 0).expect("search");
    assert_eq!(hits.total, 2, "the article text and the quote");
    let kinds: Vec<HitKind> = hits.items.iter().map(|h| h.kind).collect();
    assert!(kinds.contains(&HitKind::Article) && kinds.contains(&HitKind::Quote));
    for hit in &hits.items {
        assert!(
            hit.snippet.iter().any(|f| f.hit && f.text == "grain"),
            "{hit:?}"
        );
        assert!(hit.snippet_text("[", "]").contains("[grain]"));
    }
    let quote = hits
        .items
        .iter()
        .find(|h| h.kind == HitKind::Quote)
        .expect("quote hit");
    assert_eq!(
        (quote.quote, quote.speaker.as_deref()),
        (Some(1), Some("Anna Smith"))
    );
    let prefix = store.search("gra*", 10, 0).expect("prefix");
    assert_eq!(prefix.total, 2);
    let page = store.search("ukraine", 1, 1).expect("page");
    assert_eq!(page.items.len(), 1);
    assert!(page.total > 2);
}

#[test]
fn migrates_a_version_1_database() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).expect("open v1");
        conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        let json = geneva().to_string();
        conn.execute(
            "INSERT INTO articles (id, hash, title, published, day, month, lang, outlet, n_quotes, n_entities, json) \
             VALUES ('geneva.txt', 'h', 'Talks in Geneva', '2023-03-03', '2023-03-03', '2023-03', 'en', 'Example Daily', 2, 4, ?1)",
            [json],
        )
        .expect("article");
        conn.execute("INSERT INTO entities (id, name, type, actor, articles, mentions) VALUES ('sergei-ivanov', 'Sergei Ivanov', 'person', 'sergei-ivanov', 1, 1)", [])
            .expect("entity");
        conn.execute(
            "INSERT INTO article_entities VALUES (1, 'E3', 1, 'Sergei Ivanov', 1)",
            [],
        )
        .expect("article entity");
    }
    let err = Store::open_read_only(&path).expect_err("older schema read-only");
    assert!(matches!(err, StoreError::TooOld { found: 1, .. }), "{err}");
    let store = Store::open(&path).expect("migrate");
    assert_eq!(store.version().expect("version"), SCHEMA_VERSION);
    let narratives = store
        .narratives(NarrativeGrouping::None)
        .expect("narratives");
    assert_eq!(
        narratives.len(),
        2,
        "filled from the stored JSON: {narratives:?}"
    );
    let ivanov = store
        .entity("sergei-ivanov")
        .expect("entity")
        .expect("ivanov");
    assert_eq!(ivanov.roles[0].main, "Antagonist");
    let months: Vec<_> = ivanov.months.iter().map(|m| m.month.as_deref()).collect();
    assert_eq!(
        months,
        [Some("2023-03")],
        "v3 fills the months of entity links"
    );
    let page = store.articles(&ArticleQuery::default()).expect("articles");
    assert_eq!(page.items[0].narratives, 1);
    // (The hand-made v1 rows are partial; only the count tables matter.)
    let problems = store.verify().expect("verify");
    assert!(
        !problems.iter().any(|p| p.contains("recount")),
        "v5 fills the count tables from the rows: {problems:?}"
    );
    let ivanov_months: Vec<_> = store
        .entity("sergei-ivanov")
        .expect("entity")
        .expect("ivanov")
        .months
        .iter()
        .map(|m| (m.articles, m.mentions))
        .collect();
    assert_eq!(ivanov_months, [(1, 1)]);
    drop(store);
    Store::open_read_only(&path).expect("current schema read-only");
}

#[test]
fn refuses_a_newer_schema_and_missing_or_foreign_files() {
    let (dir, path) = temp_db();
    drop(Store::open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump");
    }
    for err in [
        Store::open(&path).expect_err("newer"),
        Store::open_read_only(&path).expect_err("newer"),
    ] {
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer"), "{err}");
    }
    let missing = dir.path().join("missing.db");
    let err = Store::open_read_only(&missing).expect_err("missing");
    assert!(err.to_string().contains("newslens analyze"), "{err}");
    assert!(
        !missing.exists(),
        "read-only opening must not create the file"
    );
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .expect("foreign")
        .execute_batch("CREATE TABLE t (x)")
        .expect("table");
    assert!(matches!(
        Store::open(&foreign),
        Err(StoreError::Foreign { .. })
    ));
    let text = dir.path().join("text.db");
    std::fs::write(
        &text,
        "not a database at all, just some text that is long enough",
    )
    .expect("write");
    assert!(Store::open(&text).is_err());
}

#[test]
fn read_only_store_reads_while_refusing_writes() {
    let (_dir, mut ro) = read_only_geneva();
    assert_eq!(ro.article_count().expect("count"), 1);
    assert!(ro.put_articles(&[kyiv()]).is_err());
    assert!(ro.integrity_check().expect("check").is_empty());
}

#[test]
fn fts_queries_are_quoted_words() {
    assert_eq!(
        fts_query("grain  deal").as_deref(),
        Some("\"grain\" \"deal\"")
    );
    assert_eq!(fts_query("gra*").as_deref(), Some("\"gra\"*"));
    assert_eq!(fts_query("a\"b").as_deref(), Some("\"a\"\"b\""));
    assert_eq!(fts_query("* -- ()"), None);
}

#[test]
fn store_ids_are_slugs_or_actor_ids() {
    assert_eq!(crate::put::slug("Jens  Stoltenberg"), "jens-stoltenberg");
    assert_eq!(
        crate::put::slug("Володимир Зеленський"),
        "володимир-зеленський"
    );
    assert_eq!(crate::put::slug("!!"), "_");
}

/// Every count table's rows, for comparing two states of a store.
fn count_tables(store: &Store) -> Vec<Vec<String>> {
    crate::aggregates::RECOUNTS
        .iter()
        .map(|(_, stored, _)| {
            let mut stmt = store.conn.prepare(stored).expect("prepare");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).expect("column")))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .expect("query")
                .collect::<Result<Vec<_>, _>>()
                .expect("rows");
            let mut rows = rows;
            rows.sort();
            rows
        })
        .collect()
}

#[test]
fn count_tables_follow_inserts_replacements_and_deletes() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let both = count_tables(&store);
    assert!(both.iter().all(|t| !t.is_empty()), "{both:?}");
    // A second role for Ivanov in the same article counts the article once.
    let mut twice = kyiv();
    twice["roles"] = json!([
        {"entity": "E1", "main": "Antagonist", "fine": ["Instigator", "Instigator"], "score": 0.5},
        {"entity": "E1", "main": "Antagonist", "fine": "not a list", "score": null}
    ]);
    store.put_articles(&[twice]).expect("replace");
    assert_eq!(store.verify().expect("verify"), Vec::<String>::new());
    let ivanov = store
        .entity("sergei-ivanov")
        .expect("entity")
        .expect("ivanov");
    let roles: Vec<_> = ivanov
        .roles
        .iter()
        .map(|r| (r.fine.as_deref(), r.articles))
        .collect();
    assert_eq!(roles, [(None, 2), (Some("Instigator"), 2)]);
    // (0.7 + 0.5) / 2 for the total; Geneva's 0.7 and Kyiv's 0.5 twice.
    let mean = |i: usize| ivanov.roles[i].mean_score.expect("scored");
    assert!((mean(0) - 0.6).abs() < 1e-9, "{:?}", ivanov.roles);
    assert!((mean(1) - 1.7 / 3.0).abs() < 1e-9, "{:?}", ivanov.roles);
    store.put_articles(&[kyiv()]).expect("back");
    assert_eq!(
        count_tables(&store),
        both,
        "a replacement back restores the counts"
    );

    assert!(store.delete_article("kyiv.txt").expect("delete"));
    assert_eq!(store.verify().expect("verify"), Vec::<String>::new());
    let all = store
        .narratives(NarrativeGrouping::None)
        .expect("narratives");
    assert_eq!(
        all.iter().map(|n| n.articles).collect::<Vec<_>>(),
        [1, 1],
        "{all:?}"
    );
    let ivanov = store
        .entity("sergei-ivanov")
        .expect("entity")
        .expect("ivanov");
    let months: Vec<_> = ivanov.months.iter().map(|m| m.month.as_deref()).collect();
    assert_eq!(months, [Some("2023-03")]);
    let by_name = store
        .quotes(&QuoteQuery {
            speaker: Some("sergei IVANOV".into()),
            ..Default::default()
        })
        .expect("quotes");
    assert_eq!((by_name.total, by_name.items.len()), (1, 1));
    assert!(store.delete_article("geneva.txt").expect("delete"));
    assert!(
        count_tables(&store).iter().all(|t| t.is_empty()),
        "{:?}",
        count_tables(&store)
    );
}

#[test]
fn migrates_a_version_4_database_filling_the_count_tables() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.put_articles(&[geneva(), kyiv()]).expect("put");
    let counts = count_tables(&store);
    let narratives = store
        .narratives(NarrativeGrouping::Month)
        .expect("narratives");
    let ivanov = store.entity("sergei-ivanov").expect("entity");
    drop(store);
    {
        // Back to version 4: without the count tables and the quotes' outlet.
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "DROP TABLE narrative_counts; DROP TABLE entity_months; DROP TABLE entity_names; \
             DROP TABLE entity_roles; DROP TABLE speaker_counts; DROP INDEX quotes_outlet; \
             ALTER TABLE quotes DROP COLUMN outlet; PRAGMA user_version = 4;",
        )
        .expect("downgrade");
    }
    let store = Store::open(&path).expect("migrate");
    assert_eq!(store.version().expect("version"), 5);
    assert_eq!(count_tables(&store), counts);
    assert_eq!(store.verify().expect("verify"), Vec::<String>::new());
    assert_eq!(
        store
            .narratives(NarrativeGrouping::Month)
            .expect("narratives"),
        narratives
    );
    assert_eq!(store.entity("sergei-ivanov").expect("entity"), ivanov);
    let outlet = store
        .quotes(&QuoteQuery {
            outlet: Some("Example Daily".into()),
            ..Default::default()
        })
        .expect("quotes");
    assert_eq!(outlet.total, 2, "the migration gives quotes their outlet");
}

#[test]
fn a_query_over_the_time_limit_is_stopped() {
    let (_dir, mut store) = read_only_geneva();
    assert_eq!(store.time_limit(), None);
    store
        .set_time_limit(Some(std::time::Duration::from_millis(50)))
        .expect("limit");
    assert_eq!(
        store.time_limit(),
        Some(std::time::Duration::from_millis(50))
    );
    let started = std::time::Instant::now();
    let err = store
        .timed(|| {
            Ok(store.conn.query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \
                 SELECT count(*) FROM c",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .expect_err("stopped");
    assert!(matches!(err, StoreError::TimedOut { .. }), "{err}");
    assert!(err.to_string().contains("50 ms"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // The next query has its own time.
    assert_eq!(store.article_count().expect("count"), 1);
    std::thread::sleep(std::time::Duration::from_millis(60));
    assert_eq!(
        store
            .articles(&ArticleQuery::default())
            .expect("list")
            .total,
        1
    );
}

/// Guards the count of a whole table (`SELECT count(*) FROM quotes`: one
/// step of SQLite's virtual machine), which SQLite's progress handler never
/// saw and so never stopped: a query of a few long steps is stopped too.
#[test]
fn a_query_of_few_long_steps_like_a_whole_table_count_is_stopped() {
    let (_dir, mut store) = read_only_geneva();
    store
        .set_time_limit(Some(std::time::Duration::from_millis(50)))
        .expect("limit");
    store
        .conn
        .create_scalar_function(
            "slow",
            0,
            rusqlite::functions::FunctionFlags::SQLITE_UTF8,
            |_| {
                std::thread::sleep(std::time::Duration::from_millis(40));
                Ok(1_i64)
            },
        )
        .expect("function");
    // 50 rows of 40 ms each: 2 s in about 250 steps, fewer than the
    // progress handler's 1,000.
    let started = std::time::Instant::now();
    let err = store
        .timed(|| {
            Ok(store.conn.query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50) \
                 SELECT sum(slow()) FROM c",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .expect_err("stopped");
    assert!(matches!(err, StoreError::TimedOut { .. }), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(1500),
        "stopped after {:?}",
        started.elapsed()
    );
    assert_eq!(store.article_count().expect("count"), 1);
}

/// `n` short articles all containing "harbour" (more for later ids).
fn many(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let words = "harbour ".repeat(1 + i % 7);
            json!({
                "id": format!("m{i:05}"),
                "title": format!("Note {i}"),
                "published": format!("2024-01-{:02}", 1 + i % 28),
                "text": format!("{words}and some other words number {i}"),
                "quotes": [{"text": format!("the harbour is open {i}"), "start": 0, "end": 5,
                            "kind": "direct", "speaker": {"name": "Pilot"}}]
            })
        })
        .collect()
}

#[test]
fn full_text_pages_rank_the_newest_matches_and_cover_every_match_once() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let n = RANK_WINDOW as usize + 150;
    store.put_articles(&many(n)).expect("put");
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    while offset < n as u32 + 100 {
        let page = store
            .articles(&ArticleQuery {
                q: Some("harbour".into()),
                limit: 200,
                offset,
                ..Default::default()
            })
            .expect("page");
        assert_eq!(page.total, n as u64);
        for a in page.items {
            assert!(seen.insert(a.id.clone()), "{} twice", a.id);
        }
        offset += 200;
    }
    assert_eq!(seen.len(), n, "every match on some page");
    // The first page is the window's best: the texts with most "harbour"s.
    let first = store
        .articles(&ArticleQuery {
            q: Some("harbour".into()),
            limit: 5,
            ..Default::default()
        })
        .expect("first");
    for a in &first.items {
        let i: usize = a.id[1..].parse().expect("number");
        assert_eq!(i % 7, 6, "{first:?}");
        assert!(
            i >= n - RANK_WINDOW as usize,
            "ranked among the newest: {i}"
        );
    }
    // Search: articles and quotes, every hit once.
    let mut hits = std::collections::HashSet::new();
    let mut offset = 0;
    while offset < 2 * n as u32 + 100 {
        let page = store.search("harbour", 500, offset).expect("search");
        assert_eq!(page.total, 2 * n as u64);
        for h in page.items {
            assert!(
                hits.insert((h.kind == HitKind::Article, h.article.clone())),
                "{h:?} twice"
            );
            assert!(h.snippet.iter().any(|f| f.hit), "{h:?}");
        }
        offset += 500;
    }
    assert_eq!(hits.len(), 2 * n);
    // Quotes by text, newest first whichever plan serves them.
    let quotes = store
        .quotes(&QuoteQuery {
            search: Some("harbour".into()),
            limit: 30,
            ..Default::default()
        })
        .expect("quotes");
    assert_eq!(quotes.total, n as u64);
    let dates: Vec<_> = quotes.items.iter().map(|q| q.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(dates[0].as_deref(), Some("2024-01-28"));
    let rare = store
        .quotes(&QuoteQuery {
            search: Some("open 17".into()),
            ..Default::default()
        })
        .expect("rare");
    assert_eq!(rare.total, 1);
    assert_eq!(rare.items[0].article, "m00017");
    // The speaker's words (no such entity or exact name) with the text's.
    let words = store
        .quotes(&QuoteQuery {
            speaker: Some("pil*".into()),
            search: Some("open 17".into()),
            ..Default::default()
        })
        .expect("speaker words");
    assert_eq!(
        (words.total, words.items[0].article.as_str()),
        (1, "m00017")
    );
    let words = store
        .quotes(&QuoteQuery {
            speaker: Some("pil*".into()),
            limit: 3,
            ..Default::default()
        })
        .expect("speaker words");
    assert_eq!(words.total, n as u64);
    assert_eq!(words.items[0].date.as_deref(), Some("2024-01-28"));
}

/// `n` articles of one quote each: speakers "Sergei Ivanov" (most) and
/// "Olga Petrova" (every 50th), dated over one year, outlets A and B.
fn speakers(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let speaker = if i % 50 == 0 {
                "Olga Petrova"
            } else {
                "Sergei Ivanov"
            };
            json!({
                "id": format!("s{i:05}"),
                "title": format!("Note {i}"),
                "published": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                "source": {"outlet": if i % 3 == 0 { "A" } else { "B" }},
                "text": format!("words number {i}"),
                "quotes": [{"text": format!("the harbour is open {i}"), "start": 0, "end": 5,
                            "kind": "direct", "speaker": {"name": speaker}}]
            })
        })
        .collect()
}

#[test]
fn full_text_with_other_filters_gives_every_match_newest_first_whichever_side_drives() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    let n = 600;
    let articles = speakers(n);
    store.put_articles(&articles).expect("put");
    // Expected, by brute force: (date, article id) of the matches, newest first.
    let expect = |speaker: &str, since: &str, outlet: Option<&str>| {
        let mut v: Vec<(String, String)> = articles
            .iter()
            .filter(|a| {
                a["quotes"][0]["speaker"]["name"]
                    .as_str()
                    .unwrap()
                    .contains(speaker)
            })
            .filter(|a| a["published"].as_str().unwrap() >= since)
            .filter(|a| outlet.is_none_or(|o| a["source"]["outlet"] == o))
            .map(|a| {
                (
                    a["published"].as_str().unwrap().to_string(),
                    a["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort_by(|a, b| b.cmp(a));
        v
    };
    for (speaker, since, outlet) in [
        // Many matches, few allowed by the date: the dates drive.
        ("ivanov", "2024-12", None),
        // Few matches, most allowed: each match is checked.
        ("petrova", "2024-02", None),
        ("petrova", "2024-02", Some("A")),
        ("ivanov", "2024-06", Some("B")),
    ] {
        let want = expect(
            if speaker == "ivanov" {
                "Ivanov"
            } else {
                "Petrova"
            },
            since,
            outlet,
        );
        let mut got = Vec::new();
        let mut offset = 0;
        loop {
            let page = store
                .quotes(&QuoteQuery {
                    speaker: Some(speaker.into()),
                    since: Some(since.into()),
                    outlet: outlet.map(str::to_string),
                    limit: 37,
                    offset,
                    ..Default::default()
                })
                .expect("quotes");
            assert_eq!(
                page.total,
                want.len() as u64,
                "{speaker} {since} {outlet:?}"
            );
            if page.items.is_empty() {
                break;
            }
            got.extend(
                page.items
                    .into_iter()
                    .map(|q| (q.date.unwrap_or_default(), q.article)),
            );
            offset += 37;
        }
        // Same dates in the same order (ties among one date in rowid order,
        // newest stored first).
        let dates = |v: &[(String, String)]| v.iter().map(|(d, _)| d.clone()).collect::<Vec<_>>();
        assert_eq!(dates(&got), dates(&want), "{speaker} {since} {outlet:?}");
        let mut a: Vec<_> = got.iter().map(|(_, id)| id.clone()).collect();
        let mut b: Vec<_> = want.iter().map(|(_, id)| id.clone()).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "every match once: {speaker} {since} {outlet:?}");
    }
}
