//! `GET /api/talking-points`, `GET /api/quotes/{id}/travel` and the
//! talking-points page, over a temporary database holding the fixture
//! articles plus a copy of the first one under another id and outlet (so
//! its statements travel).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use newslens_server::App;
use newslens_store::Store;
use serde_json::Value;
use tower::ServiceExt;

const FIXTURE: &str = include_str!("fixtures/articles.jsonl");

fn database() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("signals.db");
    let mut articles: Vec<Value> = FIXTURE
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut copy = articles[0].clone();
    copy["id"] = "geneva-copy".into();
    copy["published"] = "2023-03-04".into();
    copy["source"]["outlet"] = "Other Outlet".into();
    articles.push(copy);
    let mut store = Store::open(&path).unwrap();
    store.put_articles(&articles).unwrap();
    drop(store);
    (dir, path)
}

async fn get(router: &Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn talking_points_list_the_travelling_statements_with_paging() {
    let (_dir, db) = database();
    let router = App::open(&db, 2).unwrap().router();
    let (status, headers, body) = get(&router, "/api/talking-points").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let v: Value = serde_json::from_str(&body).unwrap();
    let total = v["total"].as_u64().unwrap();
    let items = v["items"].as_array().unwrap();
    assert!(total >= 2, "{body}");
    assert_eq!(items.len() as u64, total);
    let statement = items
        .iter()
        .find(|p| p["kind"] == "statement" && p["text"].as_str().unwrap().contains("ultimatums"))
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(
        statement["articles"],
        serde_json::json!(["geneva-talks", "geneva-copy"])
    );
    assert_eq!(statement["first_seen"]["date"], "2023-03-03");
    assert_eq!(statement["by_outlet"][1]["outlet"], "Other Outlet");
    // Paging: limit and offset cut the same ranked list.
    let (_, _, body) = get(&router, "/api/talking-points?limit=1&offset=1").await;
    let page: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["total"].as_u64().unwrap(), total);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0], items[1]);
    // since: nothing published from 2024 on.
    let (_, _, body) = get(&router, "/api/talking-points?since=2024-01-01").await;
    let later: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(later["total"], 0, "{body}");
    let (status, _, _) = get(&router, "/api/talking-points?since=soon").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn quote_travel_lists_appearances_first_seen_first_and_404s_unknown_quotes() {
    let (_dir, db) = database();
    let router = App::open(&db, 2).unwrap().router();
    let (status, _, body) = get(&router, "/api/quotes/geneva-copy%230/travel").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 2, "{body}");
    assert_eq!(v["items"][0]["article"], "geneva-talks");
    assert_eq!(v["items"][0]["first"], true);
    assert_eq!(v["items"][1]["quote"], "geneva-copy#0");
    let (status, _, body) = get(&router, "/api/quotes/nope%2399/travel").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

#[tokio::test]
async fn quote_travel_pages_keep_the_total_and_mark_only_the_first_appearance() {
    let (_dir, db) = database();
    let router = App::open(&db, 2).unwrap().router();
    let page = |q: &'static str| {
        let router = router.clone();
        async move {
            let (status, _, body) = get(&router, q).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<Value>(&body).unwrap()
        }
    };
    let v = page("/api/quotes/geneva-copy%230/travel?limit=1").await;
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(v["items"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["items"][0]["first"], true);
    let v = page("/api/quotes/geneva-copy%230/travel?limit=1&offset=1").await;
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(v["items"][0]["quote"], "geneva-copy#0");
    assert_eq!(v["items"][0]["first"], false);
    let v = page("/api/quotes/geneva-copy%230/travel?offset=5").await;
    assert_eq!(v["total"], 2, "{v}");
    assert!(v["items"].as_array().unwrap().is_empty(), "{v}");
    let (status, _, body) = get(&router, "/api/quotes/geneva-copy%230/travel?limit=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn quote_travel_adds_translation_candidates_only_when_asked() {
    let (_dir, db) = database();
    let router = App::open(&db, 2).unwrap().router();
    let (_, _, body) = get(&router, "/api/quotes/geneva-copy%230/travel").await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v.get("translations").is_none(), "{body}");
    // The fixture is English only: the list is there and empty.
    let (status, _, body) = get(
        &router,
        "/api/quotes/geneva-copy%230/travel?translations=true",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["translations"], serde_json::json!([]), "{body}");
    assert_eq!(v["total"], 2, "{body}");
    let (status, _, body) = get(
        &router,
        "/api/quotes/geneva-copy%230/travel?translations=yes",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn the_talking_points_page_and_its_script_are_served() {
    let (_dir, db) = database();
    let router = App::open(&db, 1).unwrap().router();
    let (status, headers, body) = get(&router, "/talking-points").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    assert!(body.contains("/assets/talking.js"));
    let (status, headers, _) = get(&router, "/assets/talking.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
}

#[tokio::test]
async fn the_server_writes_no_derived_file_beside_the_database() {
    let (_dir, db) = database();
    let router = App::open(&db, 2).unwrap().router();
    let (status, _, body) = get(&router, "/api/talking-points").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = get(&router, "/api/quotes/geneva-copy%230/travel").await;
    assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND);
    let mut derived = db.as_os_str().to_owned();
    derived.push(".signals.json");
    assert!(
        !std::path::PathBuf::from(derived).exists(),
        "the read-only server wrote the derived file"
    );
}
