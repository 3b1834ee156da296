//! Property tests: every parser survives arbitrary input, and everything that points into a
//! text (sentence spans, evidence offsets) stays inside it.
//!
//! Inputs are of two kinds: raw bytes (for the file readers), and "near-prose": words drawn
//! from the bundled example articles (so the extraction rules actually fire) shuffled with
//! markup, digits, date-like fragments, stray Unicode and control characters. The number of
//! cases per property can be raised with `PROPTEST_CASES`.

use attache_model::{Format, Meta, RawDoc};
use attache_pipeline::Pipeline;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(Default::default()).unwrap())
}

/// Every paragraph of the bundled examples.
fn paragraphs() -> &'static [String] {
    static V: OnceLock<Vec<String>> = OnceLock::new();
    V.get_or_init(|| {
        let mut paragraphs = Vec::new();
        for item in pipeline().read(&[workspace().join("examples")]) {
            let raw = item.unwrap();
            paragraphs.extend(raw.body.split("\n").filter(|p| p.len() > 20).map(str::to_owned));
        }
        assert!(paragraphs.len() > 50, "the examples should give paragraphs to mutate");
        paragraphs
    })
}

/// Noise to splice into real prose.
fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9]{1,4}[./-][0-9]{1,2}([./-][0-9]{2,4})?",
        3 => prop::sample::select(vec![
            ".", ",", "\n", "\n\n", "«", "»", "\"", "(", ")", ":", "—", "<p>", "</p>", "<br>",
            "<script>", "&amp;", "&#", "\u{200b}", "\u{feff}", "\u{0}", "\r", "\t", "ngày", "Ngày",
            "tháng", "năm", "den", "kl.", "U.S.", "Mr.", "\u{308}", "\u{301}", "will", "sẽ", "not",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// A real paragraph, mutated: words dropped, noise inserted, cut short.
fn mutated_paragraph() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<prop::sample::Index>(), noise()), 0..6),
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        any::<Option<prop::sample::Index>>(),
    )
        .prop_map(|(which, inserts, drops, cut)| {
            let mut words: Vec<String> =
                which.get(paragraphs()).split(' ').map(str::to_owned).collect();
            for d in drops {
                if words.len() > 1 {
                    words.remove(d.index(words.len()));
                }
            }
            for (at, n) in inserts {
                words.insert(at.index(words.len() + 1), n);
            }
            if let Some(cut) = cut {
                words.truncate(cut.index(words.len() + 1).max(3));
            }
            words.join(" ")
        })
}

fn near_prose() -> impl Strategy<Value = String> {
    prop::collection::vec(mutated_paragraph(), 0..6).prop_map(|p| p.join("\n"))
}

/// 64 cases per property unless `PROPTEST_CASES` says otherwise.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}

fn raw(body: String, format: Format) -> RawDoc {
    RawDoc {
        id: attache_model::DocId("prop".into()),
        origin: "prop".into(),
        format,
        body,
        meta: Meta::default(),
    }
}

/// Runs a document through every stage and checks what points into its text.
fn check_document(body: String, format: Format) -> Result<(), TestCaseError> {
    let p = pipeline();
    let Ok((article, _hash, extraction)) = p.process(&raw(body, format)) else {
        return Ok(()); // a refusal is fine: it is counted and reported by the caller
    };
    let text = &article.text;
    for s in p.sentences(&article) {
        prop_assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} outside the text");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    let chars: Vec<char> = text.chars().collect();
    let evidence = extraction
        .encounters
        .iter()
        .flat_map(|e| &e.evidence)
        .chain(extraction.acts.iter().flat_map(|a| &a.evidence));
    for ev in evidence {
        prop_assert!(ev.start <= ev.end && ev.end <= chars.len(), "evidence {ev:?} outside");
        let quoted: String = chars[ev.start..ev.end].iter().collect();
        prop_assert_eq!(&quoted, &ev.text, "evidence offsets do not quote its sentence");
    }
    Ok(())
}

/// Writes `bytes` to a file with `extension` and reads it back through ingest and the stages.
fn check_file(bytes: &[u8], extension: &str) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("input.{extension}"));
    std::fs::write(&path, bytes).unwrap();
    let mut docs = pipeline().read(std::slice::from_ref(&path));
    for item in docs.by_ref() {
        match item {
            Ok(raw) => check_document(raw.body.clone(), raw.format)?,
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.contains("input."), "error does not name the file: {message}");
            }
        }
    }
    let stats = docs.stats();
    prop_assert_eq!(stats.files, 1);
    Ok(())
}

/// The offset properties mean something only if the generated prose gets extracted.
#[test]
fn generated_prose_reaches_extraction() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = near_prose();
    let mut with_events = 0;
    for _ in 0..100 {
        let body = strategy.new_tree(&mut runner).unwrap().current();
        if let Ok((_, _, x)) = pipeline().process(&raw(body, Format::Text)) {
            with_events += usize::from(!x.encounters.is_empty() || !x.acts.is_empty());
        }
    }
    assert!(with_events >= 10, "only {with_events} of 100 generated documents had an event");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn text_documents_keep_offsets_inside(body in near_prose()) {
        check_document(body, Format::Text)?;
    }

    #[test]
    fn html_documents_keep_offsets_inside(
        body in near_prose(),
        tags in prop::collection::vec(prop::sample::select(vec![
            "<div>", "</div>", "<nav>", "<article>", "<h1>", "</h1>", "<p>", "<li>", "<a href='x'>",
            "</a>", "<!--", "-->", "<![CDATA[", "<title>", "<meta charset=latin1>", "<<>>",
        ]), 0..40),
    ) {
        let mut html = String::new();
        for (i, piece) in body.split(' ').enumerate() {
            html.push_str(piece);
            html.push(' ');
            // a tag after every fifth word, cycling through the generated ones
            if i % 5 == 0 && !tags.is_empty() {
                html.push_str(tags[i / 5 % tags.len()]);
            }
        }
        check_document(html, Format::Html)?;
    }

    #[test]
    fn dates_never_panic_and_stay_sane(text in near_prose(), lang in prop::sample::select(
        vec!["en", "vi", "nb", "sv", "de", "fr", "ru", "zh", "ja", "ar", "fa", "th", "hi", "ko"],
    )) {
        let extractor = pipeline().extractor();
        let published = jiff::civil::date(2024, 6, 20);
        for when in extractor.dates_in(&text, lang, Some(published)) {
            if let (Some(start), Some(end)) = (when.start, when.end) {
                prop_assert!(start <= end, "{when:?} ends before it starts");
            }
        }
        let _ = extractor.dateline_date(&text, Some(lang));
    }

    #[test]
    fn language_id_and_sentences_never_panic(text in near_prose()) {
        let lang = attache_lang::LangStage::new().unwrap();
        let code = lang.detect(&text).map(|d| d.code.clone()).unwrap_or_else(|| "en".into());
        for s in lang.sentences(&text, &code) {
            prop_assert!(s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }

    #[test]
    fn text_files_of_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_file(&bytes, "txt")?;
    }

    #[test]
    fn html_files_of_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_file(&bytes, "html")?;
    }

    #[test]
    fn jsonl_files_of_arbitrary_lines(lines in prop::collection::vec(prop_oneof![
        near_prose().prop_map(|t| serde_json::json!({"text": t, "url": "https://x.example/a"}).to_string()),
        near_prose().prop_map(|t| serde_json::json!({"html": format!("<p>{t}</p>"), "date": t}).to_string()),
        any::<String>(),
        Just("{\"text\": \"unterminated".to_owned()),
        Just("[1,2,3]".to_owned()),
    ], 0..8)) {
        check_file(lines.join("\n").as_bytes(), "jsonl")?;
    }

    #[test]
    fn warc_files_of_arbitrary_records(
        records in prop::collection::vec((near_prose(), any::<i16>(), any::<bool>()), 0..4),
        junk in prop::collection::vec(any::<u8>(), 0..64),
        gzip in any::<bool>(),
    ) {
        let mut warc = Vec::new();
        for (body, skew, chunked) in records {
            let http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{}\r\n<html><body><p>{body}</p></body></html>",
                if chunked { "Transfer-Encoding: chunked\r\n" } else { "" },
            );
            // a declared length that is sometimes wrong
            let length = (http.len() as i64 + i64::from(skew % 64)).max(0);
            warc.extend_from_slice(format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\nWARC-Date: 2024-06-20T10:00:00Z\r\nContent-Length: {length}\r\n\r\n"
            ).as_bytes());
            warc.extend_from_slice(http.as_bytes());
            warc.extend_from_slice(b"\r\n\r\n");
        }
        warc.extend_from_slice(&junk);
        if gzip {
            use std::io::Write;
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(&warc).unwrap();
            let mut bytes = z.finish().unwrap();
            // sometimes truncated
            if let Some(&cut) = junk.first() { bytes.truncate(bytes.len().saturating_sub(usize::from(cut) % 16)); }
            check_file(&bytes, "warc.gz")?;
        } else {
            check_file(&warc, "warc")?;
        }
    }
}
