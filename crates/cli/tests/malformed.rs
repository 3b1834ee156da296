//! End-to-end: a generated corpus of malformed inputs, ingested in one batch with good files.
//! The batch must finish with an ordinary exit, name every rejected file (or JSONL line) once
//! with a reason, store every good document, leave a sound store, and add nothing when the
//! same corpus is ingested again.

mod common;

use attache_model::DocId;
use attache_store::Store;
use common::{attache, stderr, workspace};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// The ingest size limit (`IngestConfig::max_bytes`' default, 20 MiB).
const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// A gzip file of `data`.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// One WARC response record holding an HTML page; `content_length` overrides the true one.
fn warc_response(page: &str, content_length: Option<usize>) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0b7c2a52-malformed>\r\n\
         WARC-Target-URI: https://example.com/woodside\r\nContent-Length: {}\r\n\r\n",
        content_length.unwrap_or(block.len())
    )
    .into_bytes();
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// Deterministic pseudo-random bytes (xorshift64).
fn noise(n: usize) -> Vec<u8> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Writes `total` bytes of `unit` repeated, 1 MiB at a time, with no line break.
fn write_repeated(f: &mut impl Write, unit: &[u8], total: usize) {
    let chunk = unit.repeat((1 << 20) / unit.len());
    let mut left = total;
    while left > 0 {
        let n = left.min(chunk.len());
        f.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
}

const WOODSIDE: &str =
    "President Joe Biden met President Xi Jinping in Woodside on 15 November 2023.";
const OSLO_EN: &str = "Prime Minister Jonas Gahr Støre of Norway met the President of Ukraine, Volodymyr Zelensky, in Oslo on 13 December 2023, and the two leaders talked about the war.";
const OSLO_NB: &str = "Statsminister Jonas Gahr Støre møtte Ukrainas president Volodymyr Zelenskyj i Oslo 13. desember 2023.";
const VILNIUS_NB: &str =
    "Statsminister Ulf Kristersson møtte president Recep Tayyip Erdoğan i Vilnius 10. juli 2023.";
const GOOD_LINE: &str =
    "President Joe Biden held talks with President Xi Jinping in Woodside on 15 November 2023.";

/// The examples copied in as good files.
const EXAMPLES: [&str; 2] = ["en-biden-xi-call-2024.txt", "en-biden-xi-woodside-2023.html"];

/// Writes the corpus into `dir`.
fn generate(dir: &Path) {
    let page = format!("<html><body><p>{WOODSIDE}</p></body></html>");

    // a valid gzip of a WARC, cut in half
    let gz = gzip(&warc_response(&page, None));
    std::fs::write(dir.join("broken.warc.gz"), &gz[..gz.len() / 2]).unwrap();

    // Content-Length claims three times the block the file holds
    let block_len = warc_response(&page, None).len();
    std::fs::write(dir.join("lengths.warc"), warc_response(&page, Some(3 * block_len))).unwrap();

    // 100,000 nested <div>s around one sentence
    let nested = format!(
        "<html><body>{}<p>{OSLO_EN}</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(dir.join("nested.html"), nested).unwrap();

    // 50 MB on one line
    let mut huge = std::io::BufWriter::new(std::fs::File::create(dir.join("huge.txt")).unwrap());
    write_repeated(&mut huge, b"word ", 50 * 1024 * 1024);
    huge.flush().unwrap();

    std::fs::write(dir.join("nul.txt"), b"Some text\0with a NUL byte in it.").unwrap();

    let mut mixed = "Tổng thống Putin thăm Hà Nội. ".as_bytes().to_vec();
    mixed.extend_from_slice(b"Caf\xe9 au lait \xe0 Paris.");
    std::fs::write(dir.join("mixed.txt"), mixed).unwrap();

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(OSLO_NB.as_bytes());
    std::fs::write(dir.join("bom.txt"), bom).unwrap();

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(VILNIUS_NB.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.txt"), utf16).unwrap();

    std::fs::write(dir.join("invalid.txt"), b"Hello \xC3\x28 world \xFF").unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(4096));
    std::fs::write(dir.join("binary.html"), png).unwrap();

    // line 1: 30 MB; line 2: cut off inside a string; line 3: good
    let mut lines =
        std::io::BufWriter::new(std::fs::File::create(dir.join("lines.jsonl")).unwrap());
    lines.write_all(br#"{"id": "big", "language": "en", "text": ""#).unwrap();
    write_repeated(&mut lines, b"x ", 30 * 1000 * 1000);
    lines.write_all(b"\"}\n").unwrap();
    lines.write_all(b"{\"id\": \"cut\", \"text\": \"President Joe Biden held tal\n").unwrap();
    writeln!(lines, r#"{{"id": "ok-1", "language": "en", "text": "{GOOD_LINE}"}}"#).unwrap();
    lines.flush().unwrap();

    for name in EXAMPLES {
        std::fs::copy(workspace().join("examples").join(name), dir.join(name)).unwrap();
    }
}

/// Every rejected input, as the path suffix its stderr line names, and part of the reason.
const REJECTED: [(&str, &str); 10] = [
    ("/broken.warc.gz", "broken.warc.gz#1: cannot read or decompress"),
    ("/lengths.warc", "lengths.warc#1: file ends inside the block"),
    ("/huge.txt", "huge.txt: 52428800 bytes is over the limit of 20971520 bytes"),
    ("/nul.txt", "nul.txt: binary data, not text"),
    ("/mixed.txt", "mixed.txt: invalid UTF-8 at byte 41"),
    ("/invalid.txt", "invalid.txt: invalid UTF-8 at byte 6"),
    ("/empty.txt", "empty.txt: empty"),
    ("/binary.html", "binary.html: binary data, not text"),
    ("/lines.jsonl:1", "bytes is over the limit of 20971520 bytes"),
    ("/lines.jsonl:2", "lines.jsonl:2: invalid JSON record"),
];

/// Documents that must be stored, with a piece of their stored text.
fn accepted() -> Vec<(&'static str, &'static str)> {
    vec![
        (EXAMPLES[0], "Biden"),
        (EXAMPLES[1], "Biden"),
        ("bom.txt", OSLO_NB),
        ("utf16.txt", VILNIUS_NB),
        ("nested.html", OSLO_EN),
        ("ok-1", GOOD_LINE),
    ]
}

/// Runs one ingest of `dir` and checks what it says; returns the stderr.
fn ingest_and_check(db: &Path, dir: &Path, summary: &str) -> (String, Duration) {
    let started = Instant::now();
    let o = attache(db, &["ingest", dir.to_str().unwrap()]);
    let took = started.elapsed();
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    // an ordinary exit, not a signal; non-zero because some inputs failed
    assert_eq!(o.status.code(), Some(1), "{:?}: {err}", o.status);

    let failed: Vec<&str> = err.lines().filter(|l| l.starts_with("failed:")).collect();
    for (name, reason) in REJECTED {
        // the file, then its line (`:2`) or record (`#1`) when there is one
        let names = |l: &&&str| [":", "#"].iter().any(|end| l.contains(&format!("{name}{end}")));
        let lines: Vec<&&str> = failed.iter().filter(names).collect();
        assert_eq!(lines.len(), 1, "{name} should fail exactly once: {err}");
        assert!(lines[0].contains(reason), "{name}: want {reason:?}, got {:?}", lines[0]);
    }
    assert_eq!(
        failed.iter().filter(|l| l.contains("/lines.jsonl:")).count(),
        2,
        "only lines 1 and 2 of lines.jsonl fail: {err}"
    );
    assert_eq!(failed.len(), REJECTED.len(), "unexpected failures: {err}");
    assert!(err.contains(summary), "want {summary:?}: {err}");
    (err, took)
}

fn export(db: &Path) -> String {
    let o = attache(db, &["export", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn a_malformed_corpus_fails_file_by_file_and_keeps_the_good_ones() {
    let test_started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    generate(&dir);
    let generated = test_started.elapsed();
    assert!(std::fs::metadata(dir.join("huge.txt")).unwrap().len() > MAX_BYTES);
    assert!(std::fs::metadata(dir.join("lines.jsonl")).unwrap().len() > MAX_BYTES);

    let db = tmp.path().join("m.db");
    let n = accepted().len();
    let (_, first) = ingest_and_check(
        &db,
        &dir,
        &format!(
            "read {n} documents: {n} stored, 0 already stored, {} failed, 0 files of other types skipped",
            REJECTED.len()
        ),
    );

    {
        let store = Store::open(&db).unwrap();
        store.check().expect("PRAGMA integrity_check and foreign_key_check pass");
        assert_eq!(store.counts().unwrap().documents, n);
        for (id, text) in accepted() {
            let article = store.article(&DocId(id.to_string())).unwrap();
            let article = article.unwrap_or_else(|| panic!("{id} is not stored"));
            assert!(article.text.contains(text), "{id}: {:?}", article.text);
            assert!(!article.text.contains('\u{FEFF}'), "{id} keeps a byte-order mark");
        }
        let bom = store.article(&DocId("bom.txt".into())).unwrap().unwrap();
        assert!(bom.text.starts_with("Statsminister"), "{:?}", bom.text);
        for id in ["big", "cut", "urn:uuid:0b7c2a52-malformed"] {
            assert!(store.article(&DocId(id.into())).unwrap().is_none(), "{id} was stored");
        }
    }

    let before = export(&db);
    for id in ["bom.txt", "utf16.txt", "nested.html", "ok-1", EXAMPLES[0], EXAMPLES[1]] {
        assert!(before.contains(&format!("\"{id}\"")), "no event from {id}: {before}");
    }

    // the same corpus again: the same failures, nothing new
    let (_, second) = ingest_and_check(
        &db,
        &dir,
        &format!(
            "read {n} documents: 0 stored, {n} already stored, {} failed, 0 files of other types skipped",
            REJECTED.len()
        ),
    );
    assert_eq!(before, export(&db), "a second ingest changed the events");
    let store = Store::open(&db).unwrap();
    store.check().unwrap();
    assert_eq!(store.counts().unwrap().documents, n);

    // the generator's gzip is sound: whole, the same record is read
    let whole = tmp.path().join("whole");
    std::fs::create_dir(&whole).unwrap();
    let page = format!("<html><body><p>{WOODSIDE}</p></body></html>");
    std::fs::write(whole.join("whole.warc.gz"), gzip(&warc_response(&page, None))).unwrap();
    let o = attache(&tmp.path().join("whole.db"), &["ingest", whole.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("read 1 documents: 1 stored"), "{}", stderr(&o));

    let total = test_started.elapsed();
    eprintln!(
        "generate {generated:.2?}, first ingest {first:.2?}, second {second:.2?}, total {total:.2?}"
    );
    assert!(total < Duration::from_secs(60), "took {total:.2?}");
}
