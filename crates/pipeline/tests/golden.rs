//! Golden tests: every bundled example article through every stage, each stage's output
//! compared with `testdata/golden/<case>/<stage>.json`.
//!
//! A mismatch names the case and stage and shows both versions. To accept a change after
//! reviewing it: `ATTACHE_BLESS=1 cargo test -p attache-pipeline --test golden`
//! (or `cargo xtask bless`).

use attache_pipeline::Pipeline;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn case_name(id: &str) -> String {
    id.trim_end_matches(".txt").trim_end_matches(".html").replace(['/', '\\', ' '], "_")
}

#[test]
fn every_stage_matches_its_golden_file() {
    let root = workspace();
    let pipeline = Pipeline::new(Default::default()).unwrap();
    let bless = std::env::var_os("ATTACHE_BLESS").is_some();
    let mut failures = Vec::new();
    let mut cases = 0;
    for item in pipeline.read(&[root.join("examples")]) {
        let raw = item.expect("the examples are well-formed");
        let (article, hash, extraction) = pipeline.process(&raw).expect("the examples process");
        let sentences: Vec<&str> =
            pipeline.sentences(&article).iter().map(|s| s.of(&article.text)).collect();
        let stages: [(&str, Value); 4] = [
            (
                "clean",
                json!({
                    "title": article.title, "dateline": article.dateline, "published": article.published,
                    "source": article.source, "url": article.url, "hash": hash, "text": article.text,
                }),
            ),
            ("lang", json!({ "lang": article.lang, "sentences": sentences })),
            (
                "extract",
                serde_json::to_value(attache_model::DocExtraction {
                    fingerprint: None,
                    ..extraction.clone()
                })
                .unwrap(),
            ),
            // the fingerprint's reviewable part (the MinHash values are noise to a reader)
            ("dedupe", {
                let f = extraction.fingerprint.clone().unwrap_or_default();
                json!({ "skeleton": f.skeleton, "numbers": f.numbers, "paragraphs": f.paragraphs, "minhash_len": f.minhash.len() })
            }),
        ];
        let dir = root.join("testdata/golden").join(case_name(&raw.id.0));
        for (stage, got) in stages {
            cases += 1;
            let path = dir.join(format!("{stage}.json"));
            let pretty = serde_json::to_string_pretty(&got).unwrap() + "\n";
            if bless {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &pretty).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if want != pretty {
                let first_diff =
                    want.lines().zip(pretty.lines()).position(|(a, b)| a != b).unwrap_or(0);
                failures.push(format!(
                    "{} ({stage}): differs from line {}\n  golden: {}\n  now:    {}",
                    path.display(),
                    first_diff + 1,
                    want.lines().nth(first_diff).unwrap_or("<missing>"),
                    pretty.lines().nth(first_diff).unwrap_or("<missing>"),
                ));
            }
        }
    }
    assert!(cases >= 40, "expected every example through four stages, got {cases}");
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ; review, then accept with ATTACHE_BLESS=1 cargo test -p attache-pipeline --test golden\n{}",
        failures.len(),
        failures.join("\n")
    );
}
