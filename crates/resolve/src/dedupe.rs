//! Near-duplicate articles: wire copies and translations of one story.
//!
//! Two fingerprints per article, both computed once when the article is processed:
//! - a **MinHash** signature (64 minima over hashed word 3-shingles of the folded text):
//!   two copies of one wire story share most shingles, so most minima agree;
//! - a **skeleton**: what survives translation — the numbers in the text, and the names,
//!   countries and days of the events extracted from it.
//!
//! Candidates are found without comparing every pair: MinHash signatures are banded (16
//! bands of 4) into buckets (locality-sensitive hashing), skeletons through an inverted
//! index of their rarer features. Same-language pairs are copies when ≥ 60 % of minima
//! agree; pairs in different languages are translations when their skeletons overlap by
//! ≥ 70 % (Jaccard) with at least 6 features in common and keep ≥ 60 % of each other's
//! numbers in the same order (an independent report of the same event shares the facts, not
//! their order).

use attache_model::DocId;
use std::collections::{BTreeSet, HashMap};

/// Number of MinHash functions.
pub const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Share of equal minima from which two same-language texts are copies.
pub const COPY_THRESHOLD: f64 = 0.6;
/// Skeleton Jaccard a copy must also reach (same names, days and numbers).
pub const COPY_FACTS: f64 = 0.5;
/// An LSH bucket or feature shared by more articles than this says nothing about any pair
/// (boilerplate, a stock phrase): it is skipped, which keeps the pairs to compare near-linear.
const MAX_BUCKET: usize = 64;
/// Skeleton Jaccard from which two texts in different languages are translations.
pub const TRANSLATION_THRESHOLD: f64 = 0.7;
const MIN_SHARED_FEATURES: usize = 6;
/// Share of a text's numbers that a translation keeps in the same order.
pub const SEQUENCE_THRESHOLD: f64 = 0.6;

pub use attache_model::Fingerprint;

/// FNV-1a, then a splitmix64 finaliser: a fixed, portable 64-bit hash (fingerprints are stored,
/// so the hash must not change between builds).
fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fingerprints a cleaned text; `features` are the language-independent facts the extractor
/// found (names, countries, days).
pub fn fingerprint(
    lang: &str,
    text: &str,
    features: impl IntoIterator<Item = String>,
) -> Fingerprint {
    let folded = attache_model::fold::fold(text);
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut minhash = Vec::new();
    if words.len() >= 3 {
        minhash = vec![u64::MAX; HASHES];
        for shingle in words.windows(3) {
            let base = hash(shingle.join(" ").as_bytes(), 0);
            for (i, m) in minhash.iter_mut().enumerate() {
                // one base hash, re-mixed per function: cheap and independent enough
                let h = hash(&base.to_le_bytes(), i as u64 + 1);
                *m = (*m).min(h);
            }
        }
    }
    let mut skeleton: BTreeSet<String> = features.into_iter().collect();
    // numbers of two digits or more: years, days, sums, counts
    let numbers: Vec<String> = words
        .iter()
        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.to_string())
        .collect();
    skeleton.extend(numbers.iter().map(|n| format!("#{n}")));
    let paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty()).count() as u32;
    Fingerprint { lang: lang.to_string(), minhash, skeleton, paragraphs, numbers }
}

/// Share of equal minima: an estimate of the shingle Jaccard similarity.
pub fn minhash_similarity(a: &Fingerprint, b: &Fingerprint) -> f64 {
    if a.minhash.len() != HASHES || b.minhash.len() != HASHES {
        return 0.0;
    }
    let same = a.minhash.iter().zip(&b.minhash).filter(|(x, y)| x == y).count();
    same as f64 / HASHES as f64
}

/// Jaccard similarity of the skeletons and the number of shared features.
pub fn skeleton_similarity(a: &Fingerprint, b: &Fingerprint) -> (f64, usize) {
    let shared = a.skeleton.intersection(&b.skeleton).count();
    let union = a.skeleton.len() + b.skeleton.len() - shared;
    if union == 0 { (0.0, 0) } else { (shared as f64 / union as f64, shared) }
}

/// Longest common subsequence over the longer length: how much of one ordered list the other
/// keeps in order (1.0 for two empty lists).
fn sequence_similarity(a: &[String], b: &[String]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { row[j + 1].max(row[j]) };
            diag = up;
        }
    }
    row[b.len()] as f64 / longest as f64
}

/// Whether two articles are copies of one story, and how.
pub fn relation(a: &Fingerprint, b: &Fingerprint) -> Option<Copy> {
    if a.lang == b.lang {
        // a copy tells the same facts: similar words over other names and days are a template
        // (an agency's stock phrasing), not a copy
        let s = minhash_similarity(a, b);
        let (facts, _) = skeleton_similarity(a, b);
        (s >= COPY_THRESHOLD && facts >= COPY_FACTS).then_some(Copy::Duplicate(s))
    } else {
        // a translation keeps the facts, their order and the paragraphs; an independent report
        // of the same event in another language shares the facts but not the build
        let (s, shared) = skeleton_similarity(a, b);
        // (paragraph counts are recorded but too noisy to decide: page furniture varies)
        let same_build = a.numbers.len().min(b.numbers.len()) < 4
            || sequence_similarity(&a.numbers, &b.numbers) >= SEQUENCE_THRESHOLD;
        (s >= TRANSLATION_THRESHOLD && shared >= MIN_SHARED_FEATURES && same_build)
            .then_some(Copy::Translation(s))
    }
}

/// How two articles are one story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Copy {
    /// Same language, mostly the same words (wire copy, republication); the similarity.
    Duplicate(f64),
    /// Different languages, same names, numbers and days (translation); the similarity.
    Translation(f64),
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut root = x;
    while parent[root] != root {
        root = parent[root];
    }
    let mut x = x;
    while parent[x] != root {
        let next = parent[x];
        parent[x] = root;
        x = next;
    }
    root
}

/// Groups articles into stories. Returns, for every article that is a copy of another, the id
/// of its story's first article (the smallest id): articles alone in their story are left out.
pub fn stories(docs: &[(DocId, &Fingerprint)]) -> HashMap<DocId, DocId> {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    // LSH over MinHash bands, within a language
    let mut buckets: HashMap<(String, usize, u64), Vec<usize>> = HashMap::new();
    for (i, (_, f)) in docs.iter().enumerate() {
        if f.minhash.len() != HASHES {
            continue;
        }
        for band in 0..BANDS {
            let mut key = Vec::with_capacity(ROWS * 8);
            for v in &f.minhash[band * ROWS..(band + 1) * ROWS] {
                key.extend_from_slice(&v.to_le_bytes());
            }
            buckets.entry((f.lang.clone(), band, hash(&key, 0))).or_default().push(i);
        }
    }
    // inverted index of skeleton features, skipping the commonest (they say nothing)
    let mut by_feature: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, f)) in docs.iter().enumerate() {
        for feature in &f.skeleton {
            by_feature.entry(feature.as_str()).or_default().push(i);
        }
    }
    for list in buckets.values().chain(by_feature.values()).filter(|l| l.len() <= MAX_BUCKET) {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                candidates.insert((a.min(b), a.max(b)));
            }
        }
    }
    for (a, b) in candidates {
        if relation(docs[a].1, docs[b].1).is_some() {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    // the story's id: its smallest document id
    let mut first: HashMap<usize, DocId> = HashMap::new();
    for (i, (id, _)) in docs.iter().enumerate() {
        let r = find(&mut parent, i);
        first
            .entry(r)
            .and_modify(|f| {
                if id < f {
                    *f = id.clone()
                }
            })
            .or_insert_with(|| id.clone());
    }
    let roots: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    let mut size: HashMap<usize, usize> = HashMap::new();
    for r in &roots {
        *size.entry(*r).or_default() += 1;
    }
    let mut out = HashMap::new();
    for (i, r) in roots.iter().enumerate() {
        if size[r] > 1 {
            out.insert(docs[i].0.clone(), first[r].clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Indian Prime Minister Narendra Modi held talks with Russian President Vladimir Putin in the Kremlin on Tuesday, the second day of his visit. The two leaders agreed to raise bilateral trade to 100 billion dollars by 2030 and signed nine documents.";

    fn fp(lang: &str, text: &str, features: &[&str]) -> Fingerprint {
        fingerprint(lang, text, features.iter().map(|s| s.to_string()))
    }

    #[test]
    fn relation_table() {
        let names = ["IND", "RUS", "Narendra Modi", "Vladimir Putin", "2024-07-09"];
        let original = fp("en", WIRE, &names);
        let cases: &[(&str, Fingerprint, bool)] = &[
            ("identical", fp("en", WIRE, &names), true),
            (
                "edited copy",
                fp(
                    "en",
                    &WIRE
                        .replace("signed nine documents", "signed nine agreements, officials said"),
                    &names,
                ),
                true,
            ),
            (
                "translation",
                fp(
                    "nb",
                    "Indias statsminister Narendra Modi hadde tirsdag samtaler med Russlands president Vladimir Putin i Kreml, andre dag av besøket. De to lederne ble enige om å øke handelen til 100 milliarder dollar innen 2030 og undertegnet ni dokumenter.",
                    &names,
                ),
                true,
            ),
            (
                "same people, other story",
                fp(
                    "en",
                    "Vladimir Putin met Narendra Modi at the BRICS summit in Kazan in October 2024 and discussed energy.",
                    &["IND", "RUS", "Narendra Modi", "Vladimir Putin", "2024-10-22"],
                ),
                false,
            ),
            (
                "other story, same language",
                fp(
                    "en",
                    "The Swedish prime minister met the Turkish president in Vilnius before the NATO summit on 10 July 2023.",
                    &["SWE", "TUR"],
                ),
                false,
            ),
        ];
        for (name, other, want) in cases {
            assert_eq!(
                relation(&original, other).is_some(),
                *want,
                "{name}: {:?} {:?}",
                minhash_similarity(&original, other),
                skeleton_similarity(&original, other)
            );
        }
    }

    #[test]
    fn stories_group_copies_under_the_first_id() {
        let names = ["IND", "RUS", "Narendra Modi", "Vladimir Putin", "2024-07-09"];
        let a = fp("en", WIRE, &names);
        let b = fp("en", &WIRE.replace("Tuesday", "Tuesday afternoon"), &names);
        let c = fp(
            "sv",
            "Indiens premiärminister Narendra Modi höll på tisdagen samtal med Rysslands president Vladimir Putin i Kreml, besökets andra dag. Ledarna enades om att öka handeln till 100 miljarder dollar till 2030 och undertecknade nio dokument.",
            &names,
        );
        let d = fp(
            "en",
            "Ulf Kristersson met Recep Tayyip Erdogan in Vilnius on 10 July 2023.",
            &["SWE", "TUR", "2023-07-10"],
        );
        let docs = vec![
            (DocId("b".into()), &b),
            (DocId("a".into()), &a),
            (DocId("c".into()), &c),
            (DocId("d".into()), &d),
        ];
        let s = stories(&docs);
        assert_eq!(s.get(&DocId("b".into())), Some(&DocId("a".into())));
        assert_eq!(s.get(&DocId("c".into())), Some(&DocId("a".into())));
        assert_eq!(s.get(&DocId("a".into())), Some(&DocId("a".into())));
        assert_eq!(s.get(&DocId("d".into())), None);
    }

    #[test]
    fn the_hash_is_fixed() {
        // fingerprints are stored: this value must never change
        const FIXED: u64 = 9_262_539_496_079_639_230;
        assert_eq!(hash(b"attache", 0), FIXED, "stored fingerprints would no longer compare");
    }
}
