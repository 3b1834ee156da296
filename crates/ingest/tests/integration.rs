//! Integration tests for `attache-ingest`: whole batches with bad inputs in them.

mod batch {
    use attache_ingest::{IngestConfig, IngestStats};
    use attache_model::Format;
    use std::fs;
    use std::path::Path;
    use std::time::{Duration, Instant};

    fn write(root: &Path, rel: &str, contents: &[u8]) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    #[test]
    fn bad_inputs_each_give_one_error_and_good_ones_come_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Good inputs.
        write(root, "good/en.txt", b"President To Lam holds talks with Putin\n\nHanoi.");
        write(root, "good/bom.txt", "\u{feff}Tổng thống Nga thăm Việt Nam".as_bytes());
        write(root, "good/page.HTML", b"<html><body><p>Hei</p></body></html>");
        write(root, "good/old.htm", b"<p>Hallo</p>");
        write(
            root,
            "feed.jsonl",
            concat!(
                r#"{"id":"j1","text":"Putin visits Hanoi.","published":"2024-06-19T08:00:00+07:00"}"#,
                "\n",
                r#"{"id":"j2","text":"Trong cuộc điện đàm"#, // truncated
                "\n",
                r#"{"id":"j3","html":"<p>Kristersson ringde Putin</p>"}"#,
                "\n",
            )
            .as_bytes(),
        );
        // Bad inputs, one problem each.
        write(root, "bad/empty.txt", b"");
        write(root, "bad/blank.txt", b" \n\t\n");
        write(root, "bad/binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
        write(root, "bad/latin1.txt", b"Caf\xe9 de Flore");
        write(root, "bad/notes.pdf", b"%PDF-1.7");
        let huge = fs::File::create(root.join("bad/huge.txt")).unwrap();
        huge.set_len(50 * 1000 * 1000).unwrap();
        drop(huge);
        let missing = root.join("no-such-file.txt");

        let started = Instant::now();
        let mut docs = IngestConfig::default().build().unwrap().read([root, missing.as_path()]);
        let results: Vec<_> = docs.by_ref().collect();
        assert!(started.elapsed() < Duration::from_secs(5), "a 50 MB file must not be read");

        let mut ids: Vec<&str> = results.iter().flatten().map(|d| d.id.0.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["bom.txt", "en.txt", "j1", "j3", "old.htm", "page.HTML"]);
        for doc in results.iter().flatten() {
            assert!(!doc.body.starts_with('\u{feff}'), "{}: BOM kept", doc.id);
        }
        let j1 = results.iter().flatten().find(|d| d.id.0 == "j1").unwrap();
        assert_eq!(j1.meta.published, Some(jiff::civil::date(2024, 6, 19)));
        assert!(j1.origin.ends_with("feed.jsonl:1"), "{}", j1.origin);
        let j3 = results.iter().flatten().find(|d| d.id.0 == "j3").unwrap();
        assert_eq!(j3.format, Format::Html);

        let errors: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string().replace(&format!("{}/", root.display()), ""))
            .collect();
        let want = [
            "bad/binary.txt: binary data, not text",
            "bad/blank.txt: empty",
            "bad/empty.txt: empty",
            "bad/huge.txt: 50000000 bytes is over the limit of 20971520 bytes",
            "bad/latin1.txt: invalid UTF-8 at byte 3",
            "bad/notes.pdf: unsupported file type",
            "feed.jsonl:2: invalid JSON record",
            "no-such-file.txt: cannot read",
        ];
        assert_eq!(errors, want);
        for error in &errors {
            assert!(!error.contains('\n'), "one line: {error}");
        }
        let skipped = results.iter().filter(|r| r.as_ref().is_err_and(|e| e.is_skip())).count();
        assert_eq!(skipped, 1);
        assert_eq!(docs.stats(), IngestStats { files: 10, docs: 6, failed: 7, skipped: 1 });
    }

    #[test]
    fn size_limit_is_configurable() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"0123456789");
        write(dir.path(), "b.txt", b"01234");
        let ingester = IngestConfig { max_bytes: 5 }.build().unwrap();
        let results: Vec<_> = ingester.read([dir.path()]).collect();
        assert!(
            results[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .ends_with("a.txt: 10 bytes is over the limit of 5 bytes")
        );
        assert_eq!(results[1].as_ref().unwrap().body, "01234");
    }
}

mod warc {
    use attache_ingest::{Error, IngestConfig, IngestStats, WarcProblem};
    use std::io::Write;

    fn gzip_member(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    fn response(id: &str, page: &str) -> Vec<u8> {
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{id}>\r\n\
             WARC-Target-URI: https://x.vn/{id}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
        .into_bytes()
    }

    #[test]
    fn warc_files_in_a_batch() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let members: Vec<Vec<u8>> =
            ["a", "b", "c"].iter().map(|id| gzip_member(&response(id, "<p>Hei</p>"))).collect();
        std::fs::write(root.join("1.warc.gz"), members.concat()).unwrap();
        let cut = members.concat();
        std::fs::write(root.join("2.WARC.GZ"), &cut[..cut.len() - 20]).unwrap();
        std::fs::write(root.join("3.warc"), response("d", "<p>Hallo</p>")).unwrap();
        std::fs::write(root.join("4.tar.gz"), b"").unwrap();

        let mut docs = IngestConfig::default().build().unwrap().read([root]);
        let results: Vec<_> = docs.by_ref().collect();
        let ids: Vec<&str> = results.iter().flatten().map(|d| d.id.0.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "a", "b", "d"]);
        let errors: Vec<&Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(errors.len(), 2);
        assert!(
            matches!(errors[0], Error::Warc { record: 3, problem: WarcProblem::Unreadable, .. }),
            "{:?}",
            errors[0]
        );
        assert!(errors[0].to_string().ends_with("2.WARC.GZ#3: cannot read or decompress"));
        assert!(errors[1].is_skip());
        assert_eq!(docs.stats(), IngestStats { files: 3, docs: 6, failed: 1, skipped: 1 });
    }
}
