//! Resolution on `testdata/resolve`: one meeting reported by many articles in several
//! languages, two wire copies and a translation of one of them, and other events between the
//! same countries a day apart. Exactly the right number of events must come out, whatever
//! the order the articles arrive in, and copies must be told from new reports.

use attache_model::{DocExtraction, DocId};
use attache_pipeline::{Pipeline, resolve_all};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

fn corpus() -> (Vec<(DocId, DocExtraction)>, serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/resolve");
    let pipeline = Pipeline::new(Default::default()).unwrap();
    let mut docs = Vec::new();
    for item in pipeline.read(&[PathBuf::from(&dir)]) {
        let Ok(raw) = item else { continue }; // gold.json is not an article
        let (article, _, x) = pipeline.process(&raw).expect("the corpus processes");
        docs.push((article.id, x));
    }
    let gold =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    (docs, gold)
}

/// A fixed-seed shuffle (xorshift), so every run tries the same orders.
fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

#[test]
fn the_right_events_whatever_the_order() {
    let (docs, gold) = corpus();
    let want =
        gold["encounters"].as_array().unwrap().iter().filter(|e| e["optional"] != true).count();
    let reference = resolve_all(&docs);
    assert_eq!(
        reference.encounters.len(),
        want,
        "{:#?}",
        reference
            .encounters
            .iter()
            .map(|e| (&e.id, e.kind, &e.date.start, &e.documents))
            .collect::<Vec<_>>()
    );
    let mut seed = 0x5eed_u64;
    for _ in 0..50 {
        let mut order = docs.clone();
        shuffle(&mut order, &mut seed);
        let r = resolve_all(&order);
        assert_eq!(r.encounters, reference.encounters);
        assert_eq!(r.acts, reference.acts);
    }
}

#[test]
fn copies_and_translations_are_found() {
    let (docs, gold) = corpus();
    let r = resolve_all(&docs);
    // pairs of documents in one story, predicted and gold
    let pairs = |groups: Vec<Vec<String>>| -> HashSet<(String, String)> {
        let mut out = HashSet::new();
        for g in groups {
            for a in &g {
                for b in &g {
                    if a < b {
                        out.insert((a.clone(), b.clone()));
                    }
                }
            }
        }
        out
    };
    let gold_pairs = pairs(
        gold["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                g.as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect()
            })
            .collect(),
    );
    let firsts: BTreeSet<&DocId> = r.stories.values().collect();
    let predicted = pairs(
        firsts
            .into_iter()
            .map(|f| r.stories.iter().filter(|(_, s)| *s == f).map(|(d, _)| d.0.clone()).collect())
            .collect(),
    );
    let tp = predicted.intersection(&gold_pairs).count();

    assert_eq!(tp, gold_pairs.len(), "recall: predicted {predicted:?}, gold {gold_pairs:?}");
    assert_eq!(tp, predicted.len(), "precision: predicted {predicted:?}, gold {gold_pairs:?}");
}
