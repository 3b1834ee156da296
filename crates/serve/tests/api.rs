//! The router called directly (no socket) over a store built from the bundled examples by
//! the same pipeline and resolution the `attache` command line runs.

use attache_model::{
    Article, DocExtraction, DocId, Encounter, EncounterType, Evidence, Participant, Place, When,
};
use attache_pipeline::{Added, Pipeline, Processed, Sink};
use attache_store::Store;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower::ServiceExt;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A fresh database path under cargo's temporary directory for tests (each name is used by
/// one test only, so parallel tests do not share files).
fn fresh_db(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("attache-serve-api");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

struct StoreSink<'a>(&'a mut Store);

impl Sink for StoreSink<'_> {
    type Error = attache_store::Error;
    fn add(&mut self, batch: &[Processed]) -> Result<Added, Self::Error> {
        let r = self.0.add_documents(batch)?;
        Ok(Added {
            stored: r.stored,
            duplicates: r.duplicates,
            conflicts: r.conflicts.iter().map(|d| d.0.clone()).collect(),
        })
    }
}

/// The bundled examples, ingested and resolved once per test run.
fn examples_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let path = fresh_db("examples");
        let mut store = Store::open(&path).unwrap();
        let pipeline = Pipeline::new(Default::default()).unwrap();
        let report = pipeline
            .run(&[workspace().join("examples")], &mut StoreSink(&mut store), |_| {})
            .unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        assert!(report.stored >= 10, "{report:?}");
        let docs: Vec<_> =
            store.all_extractions().unwrap().into_iter().map(|(a, x)| (a.id, x)).collect();
        let r = attache_pipeline::resolve_all(&docs);
        store.replace_events(&r.encounters, &r.acts).unwrap();
        store.set_stories(&r.stories).unwrap();
        path
    })
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn get(db: &Path, uri: &str) -> Reply {
    let app = attache_serve::router(db.to_path_buf());
    let response = app.oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

/// What maud does to text: `&`, `<`, `>` and `"` become entities.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn assert_error(r: &Reply, status: StatusCode, code: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/json", "{}", r.body);
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "{}", r.body);
    assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", r.body);
}

fn has_country(event: &Value, country: &str) -> bool {
    event["participants"].as_array().unwrap().iter().any(|p| p["country"] == country)
}

async fn all_events() -> Vec<Value> {
    let r = get(examples_db(), "/api/events?limit=1000").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["events"].as_array().unwrap().clone()
}

/// The Xi Jinping – Nguyễn Phú Trọng visit in Hanoi, reported by three documents.
fn hanoi_visit(events: &[Value]) -> &Value {
    events
        .iter()
        .find(|e| {
            e["type"] == "visit"
                && e["date"]["start"] == "2023-12-12"
                && e["place"]["name"] == "Hanoi"
                && has_country(e, "CHN")
                && has_country(e, "VNM")
        })
        .expect("the Xi visit to Hanoi on 2023-12-12")
}

#[tokio::test]
async fn events_list_has_the_known_examples() {
    let r = get(examples_db(), "/api/events").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/json");
    let v = r.json();
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 10, "{total}");
    assert_eq!(v["offset"], 0);
    assert_eq!(v["limit"], 100);
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len() as u64, total.min(100));

    let e = hanoi_visit(events);
    assert_eq!(e["kind"], "encounter");
    assert!(e["id"].as_str().unwrap().starts_with("ev-"));
    assert_eq!(e["sources"], 3);
    let docs: Vec<&str> =
        e["documents"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(docs.contains(&"en-xi-hanoi-2023.txt"), "{docs:?}");
    assert!(docs.contains(&"vi-tap-can-binh-ha-noi-2023.txt"), "{docs:?}");
    let xi = e["participants"].as_array().unwrap().iter().find(|p| p["country"] == "CHN");
    assert_eq!(xi.unwrap()["person"], "Xi Jinping");
    assert!(!e["evidence"].as_array().unwrap().is_empty());
    assert!(e["acts"].is_array());

    // the Biden–Xi meeting in Woodside
    assert!(events.iter().any(|e| e["type"] == "meeting"
        && e["date"]["start"] == "2023-11-15"
        && has_country(e, "CHN")
        && has_country(e, "USA")));
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let all = all_events().await;
    let db = examples_db();
    let list = |v: Value| v["events"].as_array().unwrap().clone();

    let vn = list(get(db, "/api/events?country=VNM&limit=1000").await.json());
    assert!(!vn.is_empty() && vn.len() < all.len());
    assert!(vn.iter().all(|e| has_country(e, "VNM")));

    // alpha-2 codes mean the same countries
    assert_eq!(list(get(db, "/api/events?country=VN&limit=1000").await.json()), vn);

    let dyad = list(get(db, "/api/events?dyad=CHN-VNM&limit=1000").await.json());
    assert_eq!(list(get(db, "/api/events?dyad=CN-VN&limit=1000").await.json()), dyad);
    assert!(!dyad.is_empty() && dyad.len() < vn.len());
    assert!(dyad.iter().all(|e| has_country(e, "VNM") && has_country(e, "CHN")));
    hanoi_visit(&dyad);

    let visits = list(get(db, "/api/events?type=visit&limit=1000").await.json());
    assert!(!visits.is_empty() && visits.len() < all.len());
    assert!(visits.iter().all(|e| e["type"] == "visit"));

    let december =
        list(get(db, "/api/events?from=2023-12-01&to=2023-12-31&limit=1000").await.json());
    assert!(!december.is_empty() && december.len() < all.len());
    assert!(december.iter().all(|e| e["date"]["start"].as_str().unwrap().starts_with("2023-12")));

    // without diacritics, any case
    let trong = list(get(db, "/api/events?person=nguyen%20phu%20TRONG&limit=1000").await.json());
    assert!(!trong.is_empty() && trong.len() < all.len());
    assert!(trong.iter().all(|e| {
        e["participants"].as_array().unwrap().iter().any(|p| p["person"] == "Nguyễn Phú Trọng")
    }));

    let both = list(
        get(db, "/api/events?dyad=CHN-VNM&type=visit&from=2023-12-12&to=2023-12-12").await.json(),
    );
    assert!(!both.is_empty() && both.len() <= dyad.len());

    let page = get(db, "/api/events?limit=2&offset=1").await.json();
    assert_eq!(page["total"].as_u64().unwrap() as usize, all.len());
    assert_eq!(page["events"].as_array().unwrap()[..], all[1..3]);
}

#[tokio::test]
async fn bad_parameters_are_400_with_stable_codes() {
    let db = examples_db();
    let cases = [
        ("/api/events?from=2023-13-45", "bad_date"),
        ("/api/events?to=tomorrow", "bad_date"),
        ("/api/events?from=2024-01-02&to=2024-01-01", "bad_date"),
        ("/api/events?country=QQ", "bad_country"),
        ("/api/events?country=QQQ", "bad_country"),
        ("/api/events?country=V", "bad_country"),
        ("/api/events?country=vnm", "bad_country"),
        ("/api/events?country=%3Cscript%3E", "bad_country"),
        ("/api/events?dyad=RUSVNM", "bad_dyad"),
        ("/api/events?dyad=RUS-V1M", "bad_country"),
        ("/api/events?type=lunch", "bad_type"),
        ("/api/events?limit=5000", "bad_limit"),
        ("/api/events?limit=many", "bad_limit"),
        ("/api/events?offset=-1", "bad_offset"),
        ("/api/events?colour=red", "unknown_parameter"),
    ];
    for (uri, code) in cases {
        let r = get(db, uri).await;
        assert_error(&r, StatusCode::BAD_REQUEST, code);
        assert!(r.headers.contains_key(header::CONTENT_SECURITY_POLICY), "{uri}");
    }
    assert_eq!(get(db, "/api/events?limit=1000").await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_ids_and_paths_are_404() {
    let db = examples_db();
    assert_error(
        &get(db, "/api/events/ev-0000000000000000").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(&get(db, "/api/documents/no-such.txt").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(db, "/api/nothing").await, StatusCode::NOT_FOUND, "not_found");
    for uri in ["/events/ev-0000000000000000", "/nothing"] {
        let r = get(db, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(r.body.contains("not_found"), "{}", r.body);
        assert!(r.headers.contains_key(header::CONTENT_SECURITY_POLICY), "{uri}");
    }
}

#[tokio::test]
async fn event_and_document_detail() {
    let events = all_events().await;
    let id = hanoi_visit(&events)["id"].as_str().unwrap().to_owned();
    let db = examples_db();

    let v = get(db, &format!("/api/events/{id}")).await.json();
    assert_eq!(v["event"]["kind"], "encounter");
    assert_eq!(v["event"]["id"], id.as_str());
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let en = docs.iter().find(|d| d["id"] == "en-xi-hanoi-2023.txt").unwrap();
    assert_eq!(en["lang"], "en");
    assert!(en["title"].as_str().unwrap().contains("Hanoi"), "{en}");

    let d = get(db, "/api/documents/en-xi-hanoi-2023.txt").await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    let d = d.json();
    assert_eq!(d["id"], "en-xi-hanoi-2023.txt");
    assert_eq!(d["lang"], "en");
    assert_eq!(d["title"], en["title"]);
    assert!(d["title"].as_str().unwrap().contains("Hanoi"), "{d}");
    // the evidence sentences come from the cleaned text
    let sentence = v["event"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["document"] == "en-xi-hanoi-2023.txt")
        .unwrap()["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(d["text"].as_str().unwrap().contains(&sentence), "{sentence}");
}

#[tokio::test]
async fn stats_count_the_store() {
    let events = all_events().await;
    let v = get(examples_db(), "/api/stats").await.json();
    assert!(v["documents"].as_u64().unwrap() >= 10, "{v}");
    assert_eq!(v["encounters"].as_u64().unwrap() as usize, events.len());
    assert!(v["acts"].as_u64().unwrap() > 0, "{v}");
}

#[tokio::test]
async fn event_page_marks_the_evidence_in_the_text() {
    let events = all_events().await;
    let e = hanoi_visit(&events);
    let id = e["id"].as_str().unwrap();
    let r = get(examples_db(), &format!("/events/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let html = &r.body;
    assert!(html.contains(r#"<meta name="viewport""#));
    assert!(html.contains("Xi Jinping") && html.contains("Hanoi"));
    // the date's resolution
    let how = e["date"]["how"].as_str().unwrap();
    assert!(html.contains(&escape(how)), "{how}");
    // every source with its language and title
    assert_eq!(html.matches(r#"<section class="document">"#).count(), 3);
    assert!(
        html.contains("language vi")
            && html.contains("language nb")
            && html.contains("language en")
    );
    // what happened during the visit links to its own page
    assert!(html.contains("During this visit"), "{html}");
    let meeting = events
        .iter()
        .find(|m| m["episode"] == id && m["type"] == "meeting")
        .expect("a meeting during the visit");
    assert!(html.contains(&format!(r#"href="/events/{}""#, meeting["id"].as_str().unwrap())));
    assert!(!e["acts"].as_array().unwrap().is_empty());
    for act in e["acts"].as_array().unwrap() {
        assert!(html.contains(&format!(r#"href="/events/{}""#, act["id"].as_str().unwrap())));
    }
    // every evidence sentence inside a <mark>
    let marked: Vec<&str> =
        html.split("<mark>").skip(1).map(|rest| &rest[..rest.find("</mark>").unwrap()]).collect();
    assert!(!marked.is_empty());
    for ev in e["evidence"].as_array().unwrap() {
        let sentence = escape(ev["text"].as_str().unwrap().trim());
        assert!(marked.iter().any(|m| m.contains(&sentence)), "not marked: {sentence}");
    }
}

#[tokio::test]
async fn timeline_page_lists_events_by_year_with_a_shareable_form() {
    let db = examples_db();
    let r = get(db, "/").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let html = &r.body;
    assert!(html.contains(r#"<form class="filters" method="get" action="/">"#), "{html}");
    assert!(html.contains("<h2>2023</h2>") && html.contains("<h2>2024</h2>"));
    assert!(html.contains("<h2>Undated</h2>"));
    let id = hanoi_visit(&all_events().await)["id"].as_str().unwrap().to_owned();
    assert!(html.contains(&format!(r#"href="/events/{id}""#)));
    assert!(html.contains("3 sources"));

    // the form keeps its values; lower-case codes are accepted from people
    let r = get(db, "/?country=vnm&type=visit&from=2023-12-01&person=").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains(r#"value="vnm""#) || r.body.contains(r#"value="VNM""#));
    assert!(r.body.contains(r#"<option value="visit" selected>"#), "{}", r.body);
    assert!(r.body.contains(&format!(r#"href="/events/{id}""#)));
    assert!(!r.body.contains("<h2>Undated</h2>"));

    let r = get(db, "/?from=someday").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("bad_date"));

    // paging keeps the filters
    let r = get(db, "/?type=meeting&limit=2").await;
    assert!(r.body.contains(r#"href="/?type=meeting&amp;limit=2&amp;offset=2""#), "{}", r.body);

    let css = get(db, "/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert!(css.body.contains("mark"));
}

#[tokio::test]
async fn every_response_has_the_security_headers() {
    let db = examples_db();
    for uri in
        ["/", "/api/events", "/api/stats", "/api/events?from=x", "/nothing", "/static/style.css"]
    {
        let r = get(db, uri).await;
        assert_eq!(
            r.headers[header::CONTENT_SECURITY_POLICY],
            "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            "{uri}"
        );
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
    }
}

#[tokio::test]
async fn store_failures_are_an_opaque_500() {
    let path = fresh_db("garbage");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let r = get(&path, "/api/stats").await;
    assert_error(&r, StatusCode::INTERNAL_SERVER_ERROR, "internal");
    assert!(!r.body.contains(&path.display().to_string()), "{}", r.body);
    let r = get(&path, "/").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r.body.contains("internal"));
}

const PAYLOADS: [&str; 3] =
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>"];

/// A store holding one hostile document and one event that cites it.
fn hostile_db() -> (PathBuf, String) {
    let path = fresh_db("hostile");
    let mut store = Store::open(&path).unwrap();
    let sentence = format!("Evil met {} in {}.", PAYLOADS[0], PAYLOADS[2]);
    let text = format!("{} javascript:alert(1)\n\n{sentence}\n\nEnd {}.", PAYLOADS[1], PAYLOADS[0]);
    let start = text[..text.find(&sentence).unwrap()].chars().count();
    let doc = DocId(format!("{}.txt", PAYLOADS[2]));
    let article = Article {
        id: doc.clone(),
        origin: "hostile".into(),
        text: text.clone(),
        title: Some(format!("{} {} {}", PAYLOADS[0], PAYLOADS[1], PAYLOADS[2])),
        published: Some(jiff::civil::date(2024, 1, 2)),
        dateline: None,
        source: Some(PAYLOADS[1].into()),
        url: Some("javascript:alert(1)".into()),
        lang: Some("en".into()),
    };
    let hash = attache_store::content_hash(&article.text);
    store.add_documents(&[(article, hash, DocExtraction::default())]).unwrap();
    let id = "ev-hostile".to_string();
    let encounter = Encounter {
        id: id.clone(),
        kind: EncounterType::Meeting,
        date: When {
            start: Some(jiff::civil::date(2024, 1, 1)),
            text: Some(PAYLOADS[0].into()),
            how: Some(PAYLOADS[1].into()),
            ..When::default()
        },
        participants: vec![
            Participant {
                country: Some("AAA".into()),
                person: Some(PAYLOADS[0].into()),
                role: Some(PAYLOADS[2].into()),
                side: None,
            },
            Participant {
                country: Some("BBB".into()),
                person: Some(PAYLOADS[1].into()),
                role: None,
                side: None,
            },
        ],
        place: Some(Place { name: PAYLOADS[2].into(), country: None }),
        documents: vec![doc.clone()],
        evidence: vec![Evidence {
            document: doc,
            language: "en".into(),
            text: sentence.clone(),
            start,
            end: start + sentence.chars().count(),
        }],
        confidence: 0.5,
        episode: None,
        why: vec![PAYLOADS[2].into()],
    };
    store.replace_events(&[encounter], &[]).unwrap();
    (path, id)
}

fn assert_inert(html: &str) {
    // the page's own chart is the one image allowed
    let html = &html.replace("<img src=\"/chart.svg?", "");
    for bad in ["<script", "<img", "<svg", "href=\"javascript:", "onerror=alert(1)>", "\"><svg"] {
        assert!(!html.contains(bad), "{bad:?} is in the page:\n{html}");
    }
}

#[tokio::test]
async fn article_text_cannot_inject_markup() {
    let (db, id) = hostile_db();
    let timeline = get(&db, "/").await;
    assert_eq!(timeline.status, StatusCode::OK, "{}", timeline.body);
    assert_inert(&timeline.body);
    assert!(timeline.body.contains(&escape(PAYLOADS[0])), "{}", timeline.body);

    let page = get(&db, &format!("/events/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_inert(&page.body);
    for p in PAYLOADS {
        assert!(page.body.contains(&escape(p)), "{p} not shown escaped");
    }
    // the hostile sentence is still marked, escaped
    assert!(
        page.body.contains(&format!(
            "<mark>{}</mark>",
            escape(&format!("Evil met {} in {}.", PAYLOADS[0], PAYLOADS[2]))
        )),
        "{}",
        page.body
    );
    // a javascript: address is shown, never linked
    assert!(page.body.contains("javascript:alert(1)"));

    // parameters echoed into the form are escaped too
    let reflected =
        get(&db, "/?person=%22%3E%3Csvg%20onload%3Dalert(1)%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            .await;
    assert_eq!(reflected.status, StatusCode::OK);
    assert_inert(&reflected.body);

    // search results quote the hostile text, escaped, and echo the hostile query escaped
    let found = get(&db, "/search?q=alert(1)").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert!(found.body.contains("<mark>alert(1)</mark>"), "{}", found.body);
    assert_inert(&found.body);
    let echoed = get(&db, "/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_inert(&echoed.body);

    // the JSON API returns the text as data
    let doc = get(&db, &format!("/api/events/{id}")).await;
    assert_eq!(doc.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(doc.json()["documents"][0]["url"], "javascript:alert(1)");
}

#[tokio::test]
async fn serve_refuses_a_missing_store() {
    let path = fresh_db("missing");
    let err = attache_serve::serve(path.clone(), "127.0.0.1:0".parse().unwrap()).await.unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err:#}");
    assert!(!path.exists(), "serve must not create the store");
}

#[tokio::test]
async fn counts_per_month_and_the_chart() {
    let r = get(examples_db(), "/api/counts?country=VN").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let months = v["months"].as_array().unwrap();
    let dec_2023 = months.iter().find(|m| m["month"] == "2023-12").expect("December 2023");
    assert!(dec_2023["visit"].as_u64().unwrap() >= 1, "{dec_2023}");
    // contiguous: one entry per month from the first to the last
    let names: Vec<&str> = months.iter().map(|m| m["month"].as_str().unwrap()).collect();
    for pair in names.windows(2) {
        let (y0, m0) = pair[0].split_once('-').unwrap();
        let (y1, m1) = pair[1].split_once('-').unwrap();
        let n = |y: &str, m: &str| y.parse::<u32>().unwrap() * 12 + m.parse::<u32>().unwrap();
        assert_eq!(n(y1, m1), n(y0, m0) + 1, "{names:?}");
    }
    let total: u64 = months.iter().map(|m| m["total"].as_u64().unwrap()).sum();
    let events = get(examples_db(), "/api/events?country=VN&limit=1000").await.json();
    assert_eq!(total + v["undated"].as_u64().unwrap(), events["total"].as_u64().unwrap());
    assert_error(
        &get(examples_db(), "/api/counts?from=2024-02-30").await,
        StatusCode::BAD_REQUEST,
        "bad_date",
    );

    let chart = get(examples_db(), "/chart.svg?country=vnm").await;
    assert_eq!(chart.status, StatusCode::OK);
    assert_eq!(chart.headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(
        chart.body.starts_with("<svg") && chart.body.contains("2023-12 visit: "),
        "{}",
        chart.body
    );
    let page = get(examples_db(), "/?country=VNM&offset=1").await;
    assert!(page.body.contains("<img src=\"/chart.svg?country=VNM\""), "{}", page.body);
}

#[tokio::test]
async fn search_finds_articles_in_any_language() {
    let r = get(examples_db(), "/api/search?q=folkets%20STORA%20hall").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let hits = v["hits"].as_array().unwrap();
    assert!(
        hits.iter().any(|h| h["id"] == "sv-putin-peking-2024.txt" && h["lang"] == "sv"),
        "{}",
        r.body
    );
    assert!(
        hits[0]["snippet"].as_str().unwrap().contains("\u{E000}Folkets stora hall\u{E001}"),
        "{}",
        r.body
    );
    assert_eq!(v["total"].as_u64().unwrap() as usize, hits.len());
    // Vietnamese with its diacritics, and the HTML page
    let vi = get(examples_db(), "/api/search?q=T%E1%BA%ADp%20C%E1%BA%ADn%20B%C3%ACnh").await.json();
    assert!(vi["hits"].as_array().unwrap().iter().any(|h| h["lang"] == "vi"), "{vi}");
    let page = get(examples_db(), "/search?q=Folkets").await;
    assert!(page.body.contains("<mark>Folkets</mark>"), "{}", page.body);
    assert!(page.body.contains("href=\"/documents/sv-putin-peking-2024.txt\""), "{}", page.body);
    assert_error(&get(examples_db(), "/api/search").await, StatusCode::BAD_REQUEST, "bad_query");
    assert_error(
        &get(examples_db(), "/api/search?q=x&limit=1000").await,
        StatusCode::BAD_REQUEST,
        "bad_limit",
    );
}

#[tokio::test]
async fn document_page_shows_the_cleaned_text() {
    let page = get(examples_db(), "/documents/sv-putin-peking-2024.txt").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Folkets stora hall i Peking"), "{}", page.body);
    assert!(page.body.contains("language sv"), "{}", page.body);
    let missing = get(examples_db(), "/documents/nope.txt").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
