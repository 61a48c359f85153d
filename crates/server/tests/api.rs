//! API tests: a temporary database built with `Store::put_articles` from the
//! fixture articles (tests/fixtures/articles.jsonl, written by
//! tools/fixtures.py), queried through the router with tower's `oneshot`.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use newslens_server::{App, CSP};
use newslens_store::Store;
use serde_json::Value;
use std::path::PathBuf;
use tower::ServiceExt;

const FIXTURE: &str = include_str!("fixtures/articles.jsonl");

fn fixture() -> Vec<Value> {
    FIXTURE
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect()
}

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn database() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let mut store = Store::open(&path).unwrap();
    let summary = store.put_articles(&fixture()).unwrap();
    assert_eq!(summary.stored, 3);
    drop(store);
    Db { _dir: dir, path }
}

fn router(db: &Db) -> Router {
    App::open(&db.path, 2).unwrap().router()
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(router: &Router, method: Method, uri: &str) -> Answer {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn get(router: &Router, uri: &str) -> Answer {
    send(router, Method::GET, uri).await
}

async fn get_ok(router: &Router, uri: &str) -> Value {
    let a = get(router, uri).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/json", "{uri}");
    a.json()
}

fn list(v: &Value) -> (u64, &Vec<Value>) {
    (
        v["total"].as_u64().expect("total"),
        v["items"].as_array().expect("items"),
    )
}

#[tokio::test]
async fn articles_list_has_total_and_items() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/articles").await;
    let (total, items) = list(&v);
    assert_eq!(total, 3);
    assert_eq!(items.len(), 3);
    let v = get_ok(&r, "/api/articles?limit=1&offset=1").await;
    let (total, items) = list(&v);
    assert_eq!((total, items.len()), (3, 1));
    let v = get_ok(&r, "/api/articles?q=grain").await;
    let (total, items) = list(&v);
    assert_eq!(total, 1);
    assert_eq!(items[0]["id"], "geneva-talks");
}

#[tokio::test]
async fn article_is_the_contract_object() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/articles/geneva-talks").await;
    let want = fixture()
        .into_iter()
        .find(|a| a["id"] == "geneva-talks")
        .unwrap();
    assert_eq!(v["schema"], "newslens.article/1");
    for key in ["title", "text", "quotes", "entities", "narratives", "roles"] {
        assert_eq!(v[key], want[key], "{key}");
    }
    // Percent-encoded ids are decoded.
    let v = get_ok(&r, "/api/articles/moscow%2Dru").await;
    assert_eq!(v["lang"], "ru");
}

#[tokio::test]
async fn code_point_offsets_survive_the_round_trip() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/articles/moscow-ru").await;
    let chars: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2);
    for q in quotes {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, q["text"].as_str().unwrap());
    }
}

#[tokio::test]
async fn unknown_ids_are_404_with_a_json_error() {
    let db = database();
    let r = router(&db);
    for uri in [
        "/api/articles/nope",
        "/api/entities/person:nobody",
        "/api/nothing",
        "/nothing",
    ] {
        let a = get(&r, uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(a.json()["error"]["status"], 404, "{uri}");
    }
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_error() {
    let db = database();
    let r = router(&db);
    for uri in [
        "/api/articles?limit=0",
        "/api/articles?limit=100000",
        "/api/articles?offset=-3",
        "/api/articles?lmit=5",
        "/api/articles?q=a&q=b",
        "/api/quotes?since=2023-02-30",
        "/api/quotes?since=2023-05-01&until=2023-01-01",
        "/api/entities?type=robot",
        "/api/narratives?by=year",
        "/api/search",
        "/api/search?q=",
        "/api/articles/geneva-talks?x=1",
        "/api/quotes?q=%00",
    ] {
        let a = get(&r, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.body);
        let e = a.json();
        assert_eq!(e["error"]["status"], 400, "{uri}");
        assert!(!e["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn quotes_filter_by_speaker_outlet_text_and_date() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/quotes").await;
    assert_eq!(list(&v).0, 6);

    let v = get_ok(&r, "/api/quotes?speaker=Sergei%20Ivanov").await;
    let (total, items) = list(&v);
    assert_eq!(total, 3, "{v}");
    assert!(items.iter().all(|q| q["speaker"] == "Sergei Ivanov"));

    let v = get_ok(
        &r,
        "/api/quotes?speaker=Sergei%20Ivanov&outlet=Example%20Daily",
    )
    .await;
    assert_eq!(list(&v).0, 2, "{v}");

    let v = get_ok(&r, "/api/quotes?q=ultimatums").await;
    let (total, items) = list(&v);
    assert_eq!(total, 1);
    assert_eq!(items[0]["speaker"], "Maria Lopez");
    assert_eq!(items[0]["article"], "geneva-talks");

    let v = get_ok(&r, "/api/quotes?since=2023-04-01&until=2023-04-30").await;
    let (total, items) = list(&v);
    assert_eq!(total, 2, "{v}");
    assert!(items.iter().all(|q| q["article"] == "moscow-ru"));
}

#[tokio::test]
async fn entities_list_and_one_entity_with_quotes_and_roles() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/entities?type=person").await;
    let (total, items) = list(&v);
    assert!(total >= 3, "{v}");
    assert!(items.iter().all(|e| e["type"] == "person"));
    let ivanov = items
        .iter()
        .find(|e| e["name"] == "Sergei Ivanov")
        .expect("Ivanov listed");
    let id = ivanov["id"].as_str().unwrap();
    assert_eq!(ivanov["articles"], 2);

    let uri = format!("/api/entities/{}", id.replace(':', "%3A"));
    let a = get(&r, &uri).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(
        a.body.matches("\"quotes\":").count(),
        1,
        "one quotes key: {}",
        a.body
    );
    let e = a.json();
    assert_eq!(e["name"], "Sergei Ivanov");
    assert_eq!(e["quote_count"], 3);
    assert_eq!(e["quotes"].as_array().unwrap().len(), 3, "{e}");
    assert!(
        e["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["main"] == "Antagonist"),
        "{e}"
    );
    assert!(!e["months"].as_array().unwrap().is_empty());

    let v = get_ok(&r, "/api/entities?q=Mar").await;
    assert!(list(&v).1.iter().any(|e| e["name"] == "Maria Lopez"), "{v}");
}

#[tokio::test]
async fn narratives_by_outlet_and_by_month() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/narratives?by=outlet").await;
    let (total, items) = list(&v);
    assert_eq!(total as usize, items.len());
    assert!(
        items.iter().any(|n| n["group"] == "Example Daily"
            && n["narrative"] == "URW: Blaming the war on others rather than the invader"),
        "{v}"
    );
    let v = get_ok(&r, "/api/narratives?by=month").await;
    let items = list(&v).1;
    assert!(items.iter().any(|n| n["group"] == "2023-04"), "{v}");
    // by=outlet is the default.
    assert_eq!(
        get_ok(&r, "/api/narratives").await,
        get_ok(&r, "/api/narratives?by=outlet").await
    );
}

#[tokio::test]
async fn search_finds_articles_and_quotes_with_snippets() {
    let db = database();
    let r = router(&db);
    let v = get_ok(&r, "/api/search?q=ultimatums").await;
    let (total, items) = list(&v);
    assert!(total >= 1, "{v}");
    assert!(items.iter().all(|h| h["article"] == "geneva-talks"));
    let hit = &items[0];
    assert!(hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["hit"] == true && f["text"].as_str().unwrap().contains("ultimatums")));
    let v = get_ok(&r, "/api/search?q=zzzzzz").await;
    assert_eq!(list(&v).0, 0);
}

#[tokio::test]
async fn script_title_is_json_escaped_text() {
    let db = database();
    let r = router(&db);
    let a = get(&r, "/api/articles/xss-test").await;
    assert_eq!(a.status, StatusCode::OK);
    // No markup from the article appears raw in the body…
    assert!(!a.body.contains('<'), "{}", a.body);
    assert!(a
        .body
        .contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    // …and the JSON still means the article's own text.
    assert_eq!(a.json()["title"], "<script>alert(1)</script>");
    for uri in [
        "/api/articles",
        "/api/quotes?speaker=Sergei%20Ivanov",
        "/api/search?q=script",
    ] {
        let a = get(&r, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        assert!(!a.body.contains('<'), "{uri}: {}", a.body);
    }
    assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn only_get_and_head_are_answered() {
    let db = database();
    let r = router(&db);
    for method in [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
    ] {
        for uri in [
            "/api/articles",
            "/api/articles/geneva-talks",
            "/",
            "/nothing",
        ] {
            let a = send(&r, method.clone(), uri).await;
            assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            assert_eq!(a.headers[header::ALLOW], "GET, HEAD");
            assert_eq!(a.json()["error"]["status"], 405);
        }
    }
    let a = send(&r, Method::HEAD, "/api/articles").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.is_empty());
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let db = database();
    let r = router(&db);
    for uri in [
        "/",
        "/assets/app.js",
        "/assets/app.css",
        "/api/articles",
        "/api/articles/nope",
        "/api/articles?limit=0",
        "/api/openapi.json",
    ] {
        let a = get(&r, uri).await;
        assert_eq!(a.headers[header::CONTENT_SECURITY_POLICY], CSP, "{uri}");
        assert_eq!(
            a.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{uri}"
        );
        assert_eq!(a.headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
        assert_eq!(a.headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
    }
    let a = send(&r, Method::POST, "/api/articles").await;
    assert_eq!(a.headers[header::CONTENT_SECURITY_POLICY], CSP);
}

#[tokio::test]
async fn ui_and_openapi_are_served_from_the_binary() {
    let db = database();
    let r = router(&db);
    let a = get(&r, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(a.body.contains("/assets/app.js"));
    let a = get(&r, "/assets/app.js").await;
    assert!(a.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let doc = get_ok(&r, "/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(
        get(&r, "/assets/secret.txt").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn host_check_refuses_foreign_host_names() {
    let db = database();
    let r = App::open(&db.path, 1)
        .unwrap()
        .with_host_check(true)
        .router();
    let req = |host: &str| {
        Request::builder()
            .uri("/api/articles")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    let res = r.clone().oneshot(req("evil.example:8080")).await.unwrap();
    assert_eq!(res.status(), StatusCode::MISDIRECTED_REQUEST);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["error"]["status"], 421);
    let res = r.clone().oneshot(req("127.0.0.1:8080")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = r.oneshot(req("localhost:8080")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn many_concurrent_requests_share_two_connections() {
    let db = database();
    let r = router(&db);
    let mut tasks = Vec::new();
    for i in 0..64 {
        let r = r.clone();
        tasks.push(tokio::spawn(async move {
            let uri = if i % 2 == 0 {
                "/api/quotes?speaker=Sergei%20Ivanov"
            } else {
                "/api/articles/geneva-talks"
            };
            get(&r, uri).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
}

#[test]
fn a_missing_database_is_an_error_not_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    let err = App::open(&path, 2).err().expect("refused");
    // The message and its sources name the file once.
    let mut chain = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    assert_eq!(chain.matches("missing.db").count(), 1, "{chain}");
    assert!(chain.contains("no such database"), "{chain}");
    assert!(!path.exists());
}

#[tokio::test]
async fn serves_on_a_real_loopback_listener() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let db = database();
    let app = App::open(&db.path, 2).unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(newslens_server::serve(
        app,
        "127.0.0.1:0".parse().unwrap(),
        move |addr| {
            let _ = tx.send(addr);
        },
        async move {
            let _ = stop_rx.await;
        },
    ));
    let addr = rx.await.unwrap();
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    conn.write_all(
        format!(
            "GET /api/articles/geneva-talks HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Ministers agree to resume grain talks"));
    stop_tx.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn cached_answers_follow_new_articles() {
    let db = database();
    let r = App::open(&db.path, 2)
        .unwrap()
        .with_cache(&db.path, 1 << 20)
        .router();
    assert_eq!(list(&get_ok(&r, "/api/articles").await).0, 3);
    assert_eq!(list(&get_ok(&r, "/api/articles").await).0, 3); // from the cache
    let mut extra = fixture().remove(0);
    extra["id"] = "geneva-talks-2".into();
    let mut store = Store::open(&db.path).unwrap();
    store.put_articles(&[extra]).unwrap();
    // The writer is still open (its WAL holds the commit): the cache must
    // notice anyway.
    assert_eq!(list(&get_ok(&r, "/api/articles").await).0, 4);
    drop(store);
    assert_eq!(list(&get_ok(&r, "/api/articles").await).0, 4);
    assert_eq!(
        get_ok(&r, "/api/articles/geneva-talks-2").await["id"],
        "geneva-talks-2"
    );
}

#[tokio::test]
async fn a_query_over_the_configured_limit_answers_503_and_no_limit_answers() {
    // Enough matching articles that the search runs past the database's
    // first progress check (every 1,000 steps).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.db");
    let base = fixture().remove(0);
    let many: Vec<Value> = (0..300)
        .map(|i| {
            let mut a = base.clone();
            a["id"] = format!("copy-{i}").into();
            a
        })
        .collect();
    Store::open(&path).unwrap().put_articles(&many).unwrap();
    // A limit no query can meet.
    let tight = App::open_with_limit(&path, 1, Some(std::time::Duration::from_nanos(1)))
        .unwrap()
        .router();
    let a = get(&tight, "/api/search?q=grain").await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{}", a.body);
    assert!(a.body.contains("was stopped"), "{}", a.body);
    let unlimited = App::open_with_limit(&path, 1, None).unwrap().router();
    let a = get(&unlimited, "/api/search?q=grain").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.json()["total"], 300);
}
