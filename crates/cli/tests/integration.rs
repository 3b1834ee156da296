//! End-to-end tests of the `attache` binary: the seeds scored by the project's scorer, bad
//! input, re-ingestion, and the bundled examples.

mod common;

use common::{attache, stderr, workspace};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared` next to the workspace; under CI its absence is a failure, not a skip.
fn shared() -> Option<PathBuf> {
    let dir = workspace().join("../shared");
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    assert!(std::env::var_os("CI").is_none(), "CI is set but {} is missing", dir.display());
    eprintln!("skipping: {} is missing", dir.display());
    None
}

fn score(gold: &Path, predictions: &Path) -> serde_json::Value {
    let scorer = shared().expect("checked by the caller").join("tools/score-events.py");
    let out = Command::new("python3")
        .arg(&scorer)
        .arg(gold)
        .arg(predictions)
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(out.status.success(), "scorer failed: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    // the JSON document, then a one-line summary
    let json_end = text.rfind("\nsummary:").unwrap_or(text.len());
    serde_json::from_str(&text[..json_end]).expect("scorer prints JSON")
}

fn export(db: &Path, dir: &Path) -> PathBuf {
    let path = dir.join("events.jsonl");
    let o = attache(db, &["export", "--format", "jsonl", "--output", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    path
}

mod seeds {
    use super::*;

    #[test]
    fn seeds_meet_the_bar() {
        let Some(shared) = shared() else { return };
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("s.db");
        let o = attache(&db, &["ingest", shared.join("seeds").to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = export(&db, tmp.path());
        let s = score(&shared.join("seeds-gold/events.json"), &out);
        let enc = &s["encounters"];
        assert!(enc["f1"].as_f64().unwrap() >= 0.9, "encounter F1: {s:#}");
        assert!(s["acts"]["f1"].as_f64().unwrap() >= 0.8, "act F1: {s:#}");
        assert!(enc["exact_dates"].as_u64().unwrap() >= 6, "exact dates: {s:#}");
        assert_eq!(enc["duplicates"].as_u64().unwrap(), 0, "{s:#}");
        // beyond the first bar: every date exact (two come from sibling reports of the same
        // visit) and both multi-source events merged
        assert_eq!(enc["f1"].as_f64().unwrap(), 1.0, "{s:#}");
        assert_eq!(enc["exact_dates"].as_u64().unwrap(), 8, "{s:#}");
        assert_eq!(enc["multi_source_merged"], enc["multi_source"], "{s:#}");

        // must_not_extract: no visit in 2020 (only announced), nothing from boilerplate (the
        // Belgian royal visit in 004's related-news tail), no anniversaries as encounters
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for e in lines.iter().filter(|e| e["kind"] == "encounter") {
            let start = e["date"]["start"].as_str().unwrap_or("");
            assert!(
                !(e["type"] == "visit" && start.starts_with("2020")),
                "announced visit extracted: {e}"
            );
            for p in e["participants"].as_array().unwrap() {
                assert_ne!(p["country"], "BEL", "boilerplate extracted: {e}");
            }
            for ev in e["evidence"].as_array().unwrap() {
                let text = ev["text"].as_str().unwrap();
                assert!(!text.contains("Philippe") && !text.contains("75-årsdagen"), "{text}");
            }
        }
    }

    #[test]
    fn reingesting_changes_nothing() {
        let Some(shared) = shared() else { return };
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("s.db");
        let seeds = shared.join("seeds");
        assert!(attache(&db, &["ingest", seeds.to_str().unwrap()]).status.success());
        let first = std::fs::read_to_string(export(&db, tmp.path())).unwrap();
        let again = attache(&db, &["ingest", seeds.to_str().unwrap()]);
        assert!(again.status.success());
        assert!(stderr(&again).contains("0 stored, 5 already stored"), "{}", stderr(&again));
        let second = std::fs::read_to_string(export(&db, tmp.path())).unwrap();
        assert_eq!(first, second);
    }
}

mod bad_input {
    use super::*;

    #[test]
    fn every_bad_file_is_named_counted_and_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("in");
        std::fs::create_dir(&dir).unwrap();
        let good = "Statsminister Jonas Gahr Støre møtte Ukrainas president Volodymyr Zelenskyj i Oslo 13. desember 2023.";
        std::fs::write(dir.join("good.txt"), good).unwrap();
        std::fs::write(dir.join("empty.txt"), "").unwrap();
        std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7]).unwrap();
        std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 au lait \xe0 Paris").unwrap();
        std::fs::write(
            dir.join("feed.jsonl"),
            concat!(
                r#"{"id": "ok-1", "text": "President Joe Biden held talks with President Xi Jinping in Woodside on 15 November 2023.", "language": "en"}"#,
                "\n",
                r#"{"id": "cut", "text": "President Joe Biden held tal"#,
                "\n"
            ),
        )
        .unwrap();
        let big = std::fs::File::create(dir.join("huge.txt")).unwrap();
        big.set_len(50 * 1024 * 1024).unwrap();
        std::fs::write(dir.join("notes.pdf"), "not read").unwrap();

        let db = tmp.path().join("b.db");
        let o = attache(&db, &["ingest", dir.to_str().unwrap()]);
        let err = stderr(&o);
        assert!(!o.status.success(), "failures must give a non-zero exit: {err}");
        for name in ["empty.txt", "binary.txt", "latin1.txt", "feed.jsonl:2", "huge.txt"] {
            let lines: Vec<&str> =
                err.lines().filter(|l| l.starts_with("failed:") && l.contains(name)).collect();
            assert_eq!(lines.len(), 1, "{name} should fail once: {err}");
        }
        assert!(err.contains("read 2 documents: 2 stored, 0 already stored, 5 failed, 1 files of other types skipped"), "{err}");
        let t = attache(&db, &["timeline"]);
        let timeline = String::from_utf8_lossy(&t.stdout);
        assert!(timeline.contains("2023-12-13") && timeline.contains("2023-11-15"), "{timeline}");
    }

    #[test]
    fn a_missing_path_is_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let o = attache(&tmp.path().join("x.db"), &["ingest", "/nonexistent/articles"]);
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("/nonexistent/articles: no such file or directory"),
            "{}",
            stderr(&o)
        );
    }

    #[test]
    fn bad_filters_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("x.db");
        for args in [
            &["timeline", "--country", "Vietnam"][..],
            &["timeline", "--since", "2024-13-01"],
            &["timeline", "--type", "dinner"],
        ] {
            let o = attache(&db, args);
            assert!(!o.status.success(), "{args:?}");
            assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
        }
    }
}

mod examples {
    use super::*;

    /// The bundled examples (our own articles) against their gold: a regression floor.
    #[test]
    fn run_on_examples_scores() {
        let Some(_) = shared() else { return };
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("e.db");
        let o = attache(&db, &["run", workspace().join("examples").to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let timeline = String::from_utf8_lossy(&o.stdout);
        assert!(timeline.contains("2023-12-12") && timeline.contains("Xi Jinping"), "{timeline}");
        let out = export(&db, tmp.path());
        let s = score(&workspace().join("testdata/examples-gold/events.json"), &out);
        assert!(s["encounters"]["f1"].as_f64().unwrap() >= 0.85, "{s:#}");
    }

    #[test]
    fn languages_lists_every_lexicon_with_its_coverage() {
        let tmp = tempfile::tempdir().unwrap();
        let o = attache(&tmp.path().join("x.db"), &["languages"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = String::from_utf8(o.stdout).unwrap();
        for lang in ["en", "nb", "sv", "vi"] {
            let row = text.lines().find(|l| l.split_whitespace().next() == Some(lang));
            let row = row.unwrap_or_else(|| panic!("no row for {lang}: {text}"));
            assert!(!row.contains('—'), "{lang} lacks a lexicon part: {row}");
        }
    }

    #[test]
    fn show_and_csv() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("e.db");
        assert!(
            attache(&db, &["ingest", workspace().join("examples").to_str().unwrap()])
                .status
                .success()
        );
        let csv = attache(&db, &["export", "--format", "csv"]);
        let csv = String::from_utf8(csv.stdout).unwrap();
        assert!(csv.lines().next().unwrap().starts_with("kind,id,type"), "{csv}");
        let id = csv.lines().nth(1).unwrap().split(',').nth(1).unwrap().to_string();
        let show = attache(&db, &["show", &id[..8]]);
        let text = String::from_utf8_lossy(&show.stdout);
        assert!(show.status.success(), "{}", stderr(&show));
        assert!(text.contains("evidence:") && text.contains("documents:"), "{text}");
    }
}

/// The multilingual corpus: `testdata/corpus/<lang>/` (two or more scraped pages of our own
/// per language, with `gold.json`) plus the bundled examples for en, nb, sv and vi. Every
/// language must reach encounter F1 ≥ 0.8, all together ≥ 0.9. Prints the per-language table.
mod corpus {
    use super::*;
    use serde_json::Value;

    /// (tp, fp, fn) of one scoring run.
    fn counts(score: &Value) -> (u64, u64, u64) {
        let e = &score["encounters"];
        (e["tp"].as_u64().unwrap(), e["fp"].as_u64().unwrap(), e["fn"].as_u64().unwrap())
    }

    fn f1((tp, fp, fn_): (u64, u64, u64)) -> f64 {
        if tp == 0 { 0.0 } else { 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64 }
    }

    /// Keeps the gold items and predictions that involve a document in `lang`.
    fn only_language(gold: &Value, predictions: &str, lang: &str) -> (Value, String) {
        let docs: Vec<String> = gold["documents"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, d)| d["language"] == lang)
            .map(|(id, _)| id.clone())
            .collect();
        let ours = |v: &Value| {
            v["documents"].as_array().is_some_and(|a| a.iter().any(|d| docs.iter().any(|x| x == d)))
        };
        let mut g = gold.clone();
        for key in ["encounters", "acts"] {
            let kept: Vec<Value> =
                g[key].as_array().unwrap().iter().filter(|v| ours(v)).cloned().collect();
            g[key] = Value::Array(kept);
        }
        let p: Vec<&str> =
            predictions.lines().filter(|l| ours(&serde_json::from_str(l).unwrap())).collect();
        (g, p.join("\n"))
    }

    fn run(dir: &Path, tmp: &Path) -> String {
        let db = tmp.join(format!("{}.db", dir.file_name().unwrap().to_string_lossy()));
        let o = attache(&db, &["ingest", dir.to_str().unwrap()]);
        assert!(!stderr(&o).contains("failed:"), "{}", stderr(&o));
        std::fs::read_to_string(export(&db, tmp)).unwrap()
    }

    fn score_text(gold: &Value, predictions: &str, tmp: &Path, name: &str) -> Value {
        let g = tmp.join(format!("{name}.gold.json"));
        let p = tmp.join(format!("{name}.jsonl"));
        std::fs::write(&g, gold.to_string()).unwrap();
        std::fs::write(&p, predictions).unwrap();
        score(&g, &p)
    }

    #[test]
    fn every_language_scores() {
        let Some(_) = shared() else { return };
        let tmp = tempfile::tempdir().unwrap();
        let mut rows: Vec<(String, (u64, u64, u64))> = Vec::new();
        // the bundled examples, language by language
        let examples = run(&workspace().join("examples"), tmp.path());
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(workspace().join("testdata/examples-gold/events.json"))
                .unwrap(),
        )
        .unwrap();
        for lang in ["en", "nb", "sv", "vi"] {
            let (g, p) = only_language(&gold, &examples, lang);
            rows.push((
                lang.to_string(),
                counts(&score_text(&g, &p, tmp.path(), &format!("examples-{lang}"))),
            ));
        }
        // the corpus, one directory per language
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(workspace().join("testdata/corpus"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let lang = dir.file_name().unwrap().to_string_lossy().to_string();
            let predictions = run(&dir, tmp.path());
            let gold: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap())
                    .unwrap();
            rows.push((lang.clone(), counts(&score_text(&gold, &predictions, tmp.path(), &lang))));
        }
        let total = rows.iter().fold((0, 0, 0), |a, (_, c)| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        eprintln!("lang  tp  fp  fn  encounter F1");
        for (lang, c) in &rows {
            eprintln!("{lang:<5} {:>3} {:>3} {:>3}  {:.3}", c.0, c.1, c.2, f1(*c));
        }
        eprintln!("all   {:>3} {:>3} {:>3}  {:.3}", total.0, total.1, total.2, f1(total));
        for (lang, c) in &rows {
            assert!(f1(*c) >= 0.8, "{lang}: encounter F1 {:.3} < 0.8", f1(*c));
        }
        assert!(f1(total) >= 0.9, "overall encounter F1 {:.3} < 0.9", f1(total));
    }
}

/// Ingesting articles one at a time (each ingest resolves only the dyads it touches) gives
/// the same events as ingesting them all at once, and events keep their ids as reports arrive.
mod incremental {
    use super::*;
    use serde_json::Value;

    fn events(db: &Path, dir: &Path) -> (Vec<String>, Vec<Value>) {
        let text = std::fs::read_to_string(export(db, dir)).unwrap();
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let mut keys: Vec<String> = lines
            .iter()
            .map(|e| {
                let mut docs: Vec<&str> = e["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap())
                    .collect();
                docs.sort_unstable();
                let who = if e["kind"] == "encounter" {
                    e["participants"].to_string()
                } else {
                    format!("{}>{}", e["from"]["country"], e["to"]["country"])
                };
                format!(
                    "{} {} {} {} {} {:?}",
                    e["kind"], e["type"], e["date"]["start"], e["date"]["end"], who, docs
                )
            })
            .collect();
        keys.sort();
        (keys, lines)
    }

    #[test]
    fn one_at_a_time_equals_all_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = workspace().join("testdata/resolve");
        let all = tmp.path().join("all.db");
        let o = attache(&all, &["ingest", corpus.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let (want, _) = events(&all, tmp.path());

        let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files.reverse(); // another order than the directory walk's
        let one = tmp.path().join("one.db");
        let mut ids_seen: Vec<String> = Vec::new();
        for f in &files {
            let o = attache(&one, &["ingest", f.to_str().unwrap()]);
            assert!(o.status.success(), "{}", stderr(&o));
            let (_, lines) = events(&one, tmp.path());
            let ids: Vec<String> =
                lines.iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
            // an event that has appeared keeps its id, unless it merged into another one
            let kept = ids_seen.iter().filter(|id| ids.contains(id)).count();
            assert!(kept * 10 >= ids_seen.len() * 8, "ids changed: {ids_seen:?} -> {ids:?}");
            ids_seen = ids;
        }
        let (got, _) = events(&one, tmp.path());
        assert_eq!(got, want);
    }
}

mod serve {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::time::{Duration, Instant};

    /// Stops the server when the test ends, passed or not.
    struct Server(std::process::Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    fn get(addr: &str, path: &str) -> std::io::Result<String> {
        let mut s = TcpStream::connect(addr)?;
        s.set_read_timeout(Some(Duration::from_secs(20)))?;
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
        let mut response = String::new();
        s.read_to_string(&mut response)?;
        Ok(response)
    }

    #[test]
    fn refuses_a_store_that_does_not_exist() {
        let tmp = tempfile::tempdir().unwrap();
        let o = attache(&tmp.path().join("missing.db"), &["serve", "--bind", "127.0.0.1:0"]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("missing.db"), "{}", stderr(&o));
    }

    #[test]
    fn serves_the_examples_over_http() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("e.db");
        let o = attache(&db, &["ingest", workspace().join("examples").to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        // a free port: bind, note it, release it
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let _server = Server(
            Command::new(env!("CARGO_BIN_EXE_attache"))
                .arg("--db")
                .arg(&db)
                .args(["serve", "--bind", &addr])
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap(),
        );
        let start = Instant::now();
        let page = loop {
            match get(&addr, "/api/events?country=VN&type=visit") {
                Ok(r) => break r,
                Err(_) if start.elapsed() < Duration::from_secs(30) => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("the server did not answer on {addr}: {e}"),
            }
        };
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(page.to_ascii_lowercase().contains("content-security-policy: default-src 'self'"));
        assert!(page.contains("\"2023-12-12\""), "Xi's December 2023 Hanoi visit is missing");
        let bad = get(&addr, "/api/events?from=2023-02-30").unwrap();
        assert!(bad.starts_with("HTTP/1.1 400") && bad.contains("bad_date"), "{bad}");
        let html = get(&addr, "/?country=VNM").unwrap();
        assert!(html.starts_with("HTTP/1.1 200"), "{html}");
        // follow the first event link: its page quotes the evidence, highlighted
        let at = html.find("href=\"/events/ev-").expect("the timeline links to event pages");
        let link = html[at + 6..].split('"').next().unwrap();
        let event = get(&addr, link).unwrap();
        assert!(event.starts_with("HTTP/1.1 200") && event.contains("<mark"), "{event}");
    }
}
