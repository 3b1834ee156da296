//! WARC files (`.warc`, `.warc.gz`), as Common Crawl's CC-NEWS writes them: one document per
//! HTML response record.
//!
//! A record is a `WARC/1.x` line, `Name: value` header lines up to a blank line, exactly
//! `Content-Length` bytes of block, then a blank line or two. A gzipped file (recognised from
//! its magic bytes, whatever its name) is one gzip member per record, read as one stream. The
//! file is read record by record, so memory does not grow with it;
//! [`IngestConfig::max_bytes`](crate::IngestConfig::max_bytes) bounds each record's block.
//!
//! Only `response` records whose HTTP status is 2xx and whose `Content-Type` is `text/html` or
//! `application/xhtml+xml` become documents ([`Format::Html`]); every other record (`warcinfo`,
//! `request`, `metadata`, images, redirects) is skipped silently. The body is decoded from the
//! HTTP `charset`, else from a `<meta charset>` in its first 2 KiB, else as UTF-8; a byte-order
//! mark wins over both. Malformed bytes become U+FFFD rather than an error, as a browser does.
//!
//! Ids and metadata: the id is the `WARC-Record-ID` without its angle brackets, the origin is
//! `path#N` (N counts every record from 1), `url` is the `WARC-Target-URI`. `published` stays
//! `None`: the `WARC-Date` is when the page was crawled, not when it was published.
//!
//! Errors name `path#N`. A record whose framing is broken (no version line, a malformed header,
//! a bad `Content-Length`, a block cut short, a corrupt or truncated gzip stream) ends the file:
//! one error, after the records already read. A well-framed record that cannot become a
//! document (over the size limit, no record id, not HTTP, an unsupported `Content-Encoding`, an
//! empty body) is one error, and the records after it are still read.

use crate::Error;
use crate::WarcProblem;
use attache_model::{DocId, Format, Meta, RawDoc};
use encoding_rs::{Encoding, UTF_8};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Largest WARC header block read, in bytes; real ones are well under 2 KiB.
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// How many leading bytes of a page are searched for a `<meta charset>`.
const META_SNIFF_BYTES: usize = 2048;

/// The documents of one WARC file, one per HTML response record.
pub(crate) struct WarcRecords {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    max_bytes: u64,
    /// Number of the record last read (1-based).
    record: u64,
    done: bool,
}

/// The WARC header fields ingest reads, by position in [`FIELDS`].
#[derive(Default)]
struct Header([Option<String>; 4]);

/// The header fields kept, lower-case.
const FIELDS: [&str; 4] = ["warc-type", "warc-record-id", "warc-target-uri", "content-length"];

impl Header {
    fn kind(&self) -> Option<&str> {
        self.0[0].as_deref()
    }
    fn record_id(&self) -> Option<&str> {
        self.0[1].as_deref()
    }
    fn target_uri(&self) -> Option<&str> {
        self.0[2].as_deref()
    }
    fn content_length(&self) -> Option<&str> {
        self.0[3].as_deref()
    }
}

/// What went wrong with one record, with the I/O error behind it.
struct Problem(WarcProblem, Option<io::Error>);

impl From<WarcProblem> for Problem {
    fn from(problem: WarcProblem) -> Problem {
        Problem(problem, None)
    }
}

impl Problem {
    fn io(source: io::Error) -> Problem {
        Problem(WarcProblem::Unreadable, Some(source))
    }
}

impl WarcRecords {
    /// Opens a WARC file, through a gzip decoder when it starts with the gzip magic bytes.
    pub(crate) fn open(path: &Path, max_bytes: u64) -> Result<Self, Error> {
        let io = |source| Error::Io { path: path.to_owned(), source };
        let file = File::open(path).map_err(io)?;
        let mut raw = BufReader::with_capacity(64 * 1024, file);
        let gzip = raw.fill_buf().map_err(io)?.starts_with(&[0x1F, 0x8B]);
        let reader: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(raw)))
        } else {
            Box::new(raw)
        };
        Ok(WarcRecords { path: path.to_owned(), reader, max_bytes, record: 0, done: false })
    }

    /// Passes over the line breaks between records; false at the end of the file.
    fn skip_blank_lines(&mut self) -> io::Result<bool> {
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(false);
            }
            let blank = available.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            let more = blank < available.len();
            self.reader.consume(blank);
            if more {
                return Ok(true);
            }
        }
    }

    /// Reads the header block of the record that starts here.
    fn read_header(&mut self) -> Result<Header, Problem> {
        let mut header = Header::default();
        let mut budget = MAX_HEADER_BYTES;
        let mut line = Vec::new();
        // The field the last line set: `Some(None)` for one not kept.
        let mut last: Option<Option<usize>> = None;
        let mut first = true;
        loop {
            line.clear();
            let n = (&mut self.reader)
                .take(budget)
                .read_until(b'\n', &mut line)
                .map_err(Problem::io)?;
            budget -= n as u64;
            if first && !line.starts_with(b"WARC/") {
                let text = String::from_utf8_lossy(&line);
                let text = text.trim_end_matches(['\r', '\n']);
                return Err(Problem::from(WarcProblem::NotWarc { line: excerpt(text) }));
            }
            if line.last() != Some(&b'\n') {
                return Err(Problem::from(if budget == 0 {
                    WarcProblem::HeaderTooLong { max: MAX_HEADER_BYTES }
                } else {
                    WarcProblem::HeaderCutShort
                }));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if first {
                first = false;
                continue;
            }
            if text.is_empty() {
                return Ok(header);
            }
            if text.starts_with([' ', '\t']) {
                // A continuation of the previous field's value.
                match last {
                    Some(Some(i)) => {
                        let value = header.0[i].get_or_insert_default();
                        value.push(' ');
                        value.push_str(text.trim());
                    }
                    Some(None) => {}
                    None => {
                        return Err(Problem::from(WarcProblem::BadHeader { line: excerpt(text) }));
                    }
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':').filter(|(name, _)| {
                !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || c.is_control())
            }) else {
                return Err(Problem::from(WarcProblem::BadHeader { line: excerpt(text) }));
            };
            let field = FIELDS.iter().position(|f| name.eq_ignore_ascii_case(f));
            if let Some(i) = field {
                header.0[i] = Some(value.trim().to_owned());
            }
            last = Some(field);
        }
    }

    /// Reads exactly `len` bytes of block.
    fn read_block(&mut self, len: u64) -> Result<Vec<u8>, Problem> {
        let mut block = Vec::with_capacity(usize::try_from(len.min(1 << 20)).unwrap_or(0));
        (&mut self.reader).take(len).read_to_end(&mut block).map_err(Problem::io)?;
        if (block.len() as u64) < len {
            return Err(Problem::from(WarcProblem::CutShort {
                expected: len,
                got: block.len() as u64,
            }));
        }
        Ok(block)
    }

    /// Passes over `len` bytes of block without keeping them.
    fn skip_block(&mut self, len: u64) -> Result<(), Problem> {
        let got =
            io::copy(&mut (&mut self.reader).take(len), &mut io::sink()).map_err(Problem::io)?;
        if got < len {
            return Err(Problem::from(WarcProblem::CutShort { expected: len, got }));
        }
        Ok(())
    }

    /// Reads the next record: a document, `None` for a record that is skipped, or a problem.
    fn read_record(&mut self) -> Result<Option<RawDoc>, Problem> {
        let header = self.read_header()?;
        let len = match header.content_length() {
            None => return Err(Problem::from(WarcProblem::MissingLength)),
            Some(value) => value
                .parse::<u64>()
                .map_err(|_| Problem::from(WarcProblem::BadLength { value: excerpt(value) }))?,
        };
        if !header.kind().is_some_and(|k| k.eq_ignore_ascii_case("response")) {
            self.skip_block(len)?;
            return Ok(None);
        }
        if len > self.max_bytes {
            self.skip_block(len)?;
            return Err(Problem::from(WarcProblem::TooLarge { size: len, max: self.max_bytes }));
        }
        let block = self.read_block(len)?;
        let Some(id) = header.record_id().map(unbracket).filter(|id| !id.is_empty()) else {
            return Err(Problem::from(WarcProblem::MissingRecordId));
        };
        let Some(body) = html_body(&block)? else {
            return Ok(None);
        };
        if body.trim().is_empty() {
            return Err(Problem::from(WarcProblem::Empty));
        }
        Ok(Some(RawDoc {
            id: DocId(id.to_owned()),
            origin: format!("{}#{}", self.path.display(), self.record),
            format: Format::Html,
            body,
            meta: Meta {
                url: header.target_uri().map(unbracket).map(str::to_owned),
                ..Meta::default()
            },
        }))
    }
}

impl Iterator for WarcRecords {
    type Item = Result<RawDoc, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.skip_blank_lines() {
                Err(source) => {
                    self.done = true;
                    let problem = Problem::io(source);
                    return Some(Err(self.error(self.record + 1, problem)));
                }
                Ok(false) => {
                    self.done = true;
                    if self.record == 0 {
                        return Some(Err(Error::Empty { path: self.path.clone(), line: None }));
                    }
                }
                Ok(true) => {
                    self.record += 1;
                    match self.read_record() {
                        Ok(Some(doc)) => return Some(Ok(doc)),
                        Ok(None) => {}
                        Err(problem) => {
                            self.done = problem.0.ends_file();
                            return Some(Err(self.error(self.record, problem)));
                        }
                    }
                }
            }
        }
        None
    }
}

impl WarcRecords {
    fn error(&self, record: u64, problem: Problem) -> Error {
        Error::Warc { path: self.path.clone(), record, problem: problem.0, source: problem.1 }
    }
}

/// The page in a response block, decoded; `None` when the response is not a 2xx HTML page.
fn html_body(block: &[u8]) -> Result<Option<String>, Problem> {
    let not_http = || Problem::from(WarcProblem::NotHttp);
    let (head, body) =
        match (memchr::memmem::find(block, b"\r\n\r\n"), memchr::memmem::find(block, b"\n\n")) {
            (Some(crlf), Some(lf)) if lf < crlf => (&block[..lf], &block[lf + 2..]),
            (Some(crlf), _) => (&block[..crlf], &block[crlf + 4..]),
            (None, Some(lf)) => (&block[..lf], &block[lf + 2..]),
            (None, None) => return Err(not_http()),
        };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code = status
        .strip_prefix("HTTP/")
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(not_http)?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut content_encoding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let name = name.trim();
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim());
        } else if name.eq_ignore_ascii_case("content-encoding") {
            content_encoding = Some(value.trim());
        }
    }
    let Some(content_type) = content_type else { return Ok(None) };
    let mut params = content_type.split(';');
    let media = params.next().unwrap_or_default().trim();
    if !media.eq_ignore_ascii_case("text/html")
        && !media.eq_ignore_ascii_case("application/xhtml+xml")
    {
        return Ok(None);
    }
    if let Some(coding) = content_encoding.filter(|c| !c.eq_ignore_ascii_case("identity")) {
        return Err(Problem::from(WarcProblem::ContentEncoding { value: excerpt(coding) }));
    }
    let declared = params
        .filter_map(|p| p.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .and_then(|(_, value)| {
            Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
        });
    let encoding = declared.or_else(|| meta_charset(body)).unwrap_or(UTF_8);
    // `decode` lets a byte-order mark override the label, and removes it.
    let (text, _, _) = encoding.decode(body);
    Ok(Some(text.into_owned()))
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in the first
/// [`META_SNIFF_BYTES`] of a page names, if any. A page cannot be UTF-16 by its own
/// declaration (it could not have been read to find it), so that label means UTF-8.
fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let head = body[..body.len().min(META_SNIFF_BYTES)].to_ascii_lowercase();
    let mut rest = &head[..];
    while let Some(start) = memchr::memmem::find(rest, b"<meta") {
        let tag = &rest[start..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        if let Some(at) = memchr::memmem::find(tag, b"charset") {
            let value = tag[at + 7..].trim_ascii_start();
            if let Some(value) = value.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value =
                    value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
                let end = value
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..end]) {
                    let utf16 =
                        encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
                    return Some(if utf16 { UTF_8 } else { encoding });
                }
            }
        }
        rest = &rest[start + 5..];
    }
    None
}

/// A value without the angle brackets WARC puts around record ids (and some writers around
/// URIs).
fn unbracket(value: &str) -> &str {
    let value = value.trim();
    value.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(value)
}

/// The offending text for a message: at most 60 characters.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    const UTF8_PAGE: &str = "<html><head><meta charset=\"utf-8\"><title>Hà Nội</title></head>\
        <body><p>Tổng thống Putin thăm Hà Nội</p></body></html>";
    const CYRILLIC: &str = "Путин посетил Ханой";

    /// One WARC record: header fields (`Content-Length` added unless given), block, trailer.
    fn record(fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = b"WARC/1.0\r\n".to_vec();
        for (name, value) in fields {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        if !fields.iter().any(|(name, _)| *name == "Content-Length") {
            out.extend_from_slice(format!("Content-Length: {}\r\n", block.len()).as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nServer: nginx\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn response(id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let id = format!("<urn:uuid:{id}>");
        let fields = [
            ("WARC-Type", "response"),
            ("WARC-Date", "2024-06-21T03:00:00Z"),
            ("WARC-Record-ID", id.as_str()),
            ("WARC-Target-URI", uri),
        ];
        record(&fields, block)
    }

    fn cp1251_page() -> Vec<u8> {
        let html = format!("<html><body><p>{CYRILLIC}</p></body></html>");
        encoding_rs::WINDOWS_1251.encode(&html).0.into_owned()
    }

    /// warcinfo, request, UTF-8 response, metadata, windows-1251 response.
    fn sample() -> Vec<Vec<u8>> {
        vec![
            record(
                &[("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:info>")],
                b"software: test\r\nformat: WARC File Format 1.0\r\n",
            ),
            record(
                &[
                    ("WARC-Type", "request"),
                    ("WARC-Record-ID", "<urn:uuid:req>"),
                    ("WARC-Target-URI", "https://vnexpress.net/a"),
                ],
                b"GET /a HTTP/1.1\r\nHost: vnexpress.net\r\n\r\n",
            ),
            response(
                "vi-1",
                "https://vnexpress.net/a",
                &http("200 OK", "text/html", UTF8_PAGE.as_bytes()),
            ),
            record(
                &[("WARC-Type", "metadata"), ("WARC-Record-ID", "<urn:uuid:meta>")],
                b"fetchTimeMs: 120\r\n",
            ),
            response(
                "ru-1",
                "https://ria.ru/b",
                &http("200 OK", "text/html; charset=windows-1251", &cp1251_page()),
            ),
        ]
    }

    fn gzip(records: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        for record in records {
            let mut gz = GzEncoder::new(Vec::new(), Compression::default());
            gz.write_all(record).unwrap();
            out.extend(gz.finish().unwrap());
        }
        out
    }

    fn read_docs(contents: &[u8], suffix: &str, max_bytes: u64) -> Vec<Result<RawDoc, String>> {
        let mut file = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
        file.write_all(contents).unwrap();
        let path = file.path().to_owned();
        let name = path.display().to_string();
        let fix = |e: Error| e.to_string().replace(&name, "F");
        match WarcRecords::open(&path, max_bytes) {
            Ok(records) => records
                .map(|r| {
                    r.map(|mut doc| {
                        doc.origin = doc.origin.replace(&name, "F");
                        doc
                    })
                    .map_err(fix)
                })
                .collect(),
            Err(e) => vec![Err(fix(e))],
        }
    }

    /// A document's id, or an error's message.
    type Outcome = Result<String, String>;

    /// Ids of the documents and messages of the errors, in order.
    fn read(contents: &[u8], max_bytes: u64) -> Vec<Outcome> {
        read_docs(contents, ".warc", max_bytes).into_iter().map(|r| r.map(|d| d.id.0)).collect()
    }

    #[test]
    fn html_responses_become_documents() {
        let plain = sample().concat();
        for (name, contents, suffix) in
            [("plain", plain, ".warc"), ("gzip", gzip(&sample()), ".warc.gz")]
        {
            let got = read_docs(&contents, suffix, 1_000_000);
            let docs: Vec<RawDoc> = got.into_iter().map(Result::unwrap).collect();
            assert_eq!(docs.len(), 2, "{name}");
            let (vi, ru) = (&docs[0], &docs[1]);
            assert_eq!(vi.id.0, "urn:uuid:vi-1", "{name}");
            assert_eq!(vi.origin, "F#3", "{name}");
            assert_eq!(vi.format, Format::Html, "{name}");
            assert_eq!(vi.body, UTF8_PAGE, "{name}");
            assert_eq!(vi.meta.url.as_deref(), Some("https://vnexpress.net/a"), "{name}");
            assert_eq!(vi.meta.published, None, "{name}: WARC-Date is the crawl date");
            assert_eq!(ru.id.0, "urn:uuid:ru-1", "{name}");
            assert_eq!(ru.origin, "F#5", "{name}");
            assert_eq!(ru.body, format!("<html><body><p>{CYRILLIC}</p></body></html>"), "{name}");
            assert_eq!(ru.meta.url.as_deref(), Some("https://ria.ru/b"), "{name}");
        }
    }

    #[test]
    fn truncated_gzip_keeps_the_records_before_the_cut() {
        let records = sample();
        let whole = gzip(&records);
        let last = gzip(&records[4..]).len();
        // Cut the last member (the windows-1251 response) in half.
        let cut = &whole[..whole.len() - last / 2];
        let got: Vec<_> =
            read_docs(cut, ".warc.gz", 1_000_000).into_iter().map(|r| r.map(|d| d.id.0)).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].as_deref(), Ok("urn:uuid:vi-1"));
        assert_eq!(got[1].as_ref().unwrap_err(), "F#5: cannot read or decompress");
    }

    #[test]
    fn bad_records_table() {
        let good = response("ok", "https://x.vn/", &http("200 OK", "text/html", b"<p>ok</p>"));
        let good2 = response("ok2", "https://x.vn/2", &http("200 OK", "text/html", b"<p>2</p>"));
        let page = http("200 OK", "text/html", b"<p>page</p>");
        let with_length = |length: &str| {
            record(
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", "<urn:uuid:x>"),
                    ("Content-Length", length),
                ],
                &page,
            )
        };
        let no_id = record(&[("WARC-Type", "response")], &page);
        let big = response("big", "https://x.vn/big", &http("200 OK", "text/html", &[b'x'; 2000]));
        let ok = |id: &str| Outcome::Ok(format!("urn:uuid:{id}"));
        let err = |msg: &str| Outcome::Err(msg.to_owned());
        // (name, records, expected ids and errors)
        let cases = vec![
            (
                "content-length not a number",
                vec![good.clone(), with_length("12x"), good2.clone()],
                vec![ok("ok"), err("F#2: Content-Length is not a number: \"12x\"")],
            ),
            (
                "content-length past the end",
                vec![good.clone(), with_length("9999")],
                vec![
                    ok("ok"),
                    err("F#2: file ends inside the block: Content-Length is 9999 bytes, 94 remain"),
                ],
            ),
            (
                "missing content-length",
                vec![b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec(), good.clone()],
                vec![err("F#1: missing Content-Length")],
            ),
            (
                "garbage header line",
                vec![good.clone(), b"WARC/1.0\r\nthis is not a header\r\n\r\n".to_vec()],
                vec![ok("ok"), err("F#2: malformed header line \"this is not a header\"")],
            ),
            (
                "not a warc file",
                vec![b"<html>hello</html>\n".to_vec(), good.clone()],
                vec![err("F#1: not a WARC record: \"<html>hello</html>\"")],
            ),
            (
                "header cut short",
                vec![good.clone(), b"WARC/1.0\r\nWARC-Type: resp".to_vec()],
                vec![ok("ok"), err("F#2: file ends inside the header block")],
            ),
            (
                "over the size limit is skipped",
                vec![big, good.clone()],
                vec![err("F#1: 2081 bytes is over the limit of 1000 bytes"), ok("ok")],
            ),
            (
                "no record id is skipped",
                vec![no_id, good.clone()],
                vec![err("F#1: missing WARC-Record-ID"), ok("ok")],
            ),
            (
                "not http is skipped",
                vec![response("nh", "u", b"just bytes"), good.clone()],
                vec![err("F#1: response block is not an HTTP response"), ok("ok")],
            ),
            (
                "compressed page is skipped",
                vec![
                    response(
                        "gz",
                        "u",
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\
                          Content-Encoding: br\r\n\r\n\x1b\x00",
                    ),
                    good.clone(),
                ],
                vec![err("F#1: unsupported Content-Encoding \"br\""), ok("ok")],
            ),
            (
                "empty page is skipped",
                vec![response("e", "u", &http("200 OK", "text/html", b"  \n")), good.clone()],
                vec![err("F#1: empty"), ok("ok")],
            ),
            (
                "other records and responses skipped silently",
                vec![
                    record(&[("WARC-Type", "request")], b"GET / HTTP/1.1\r\n\r\n"),
                    record(&[("WARC-Type", "resource")], b"\x89PNG"),
                    record(&[("WARC-Type", "conversion")], b""),
                    response("img", "u", &http("200 OK", "image/jpeg", b"\xff\xd8")),
                    response("404", "u", &http("404 Not Found", "text/html", b"<p>no</p>")),
                    response("301", "u", &http("301 Moved", "text/html", b"<p>moved</p>")),
                    response("nct", "u", b"HTTP/1.1 200 OK\r\n\r\n<p>?</p>"),
                    good.clone(),
                ],
                vec![ok("ok")],
            ),
            ("only skipped records", vec![sample()[0].clone()], vec![]),
            ("empty file", vec![], vec![err("F: empty")]),
            ("only blank lines", vec![b"\r\n\r\n".to_vec()], vec![err("F: empty")]),
            (
                "bare LF line breaks and no trailer",
                vec![
                    b"WARC/1.0\nWARC-Type: response\nWARC-Record-ID: <urn:uuid:lf>\n\
                      Content-Length: 50\n\nHTTP/1.0 200 OK\nContent-Type: text/html\n\n<p>lf</p>"
                        .to_vec(),
                    good.clone(),
                ],
                vec![ok("lf"), ok("ok")],
            ),
        ];
        for (name, records, want) in cases {
            assert_eq!(read(&records.concat(), 1000), want, "{name}");
        }
    }

    #[test]
    fn charsets_table() {
        let cp1251 = cp1251_page();
        let mut meta_1251 = b"<html><head><META http-equiv=\"Content-Type\" \
            content=\"text/html; charset=windows-1251\"></head><body>"
            .to_vec();
        meta_1251.extend(encoding_rs::WINDOWS_1251.encode(CYRILLIC).0.iter());
        let mut meta_short = b"<meta charset=koi8-r>".to_vec();
        meta_short.extend(encoding_rs::KOI8_R.encode(CYRILLIC).0.iter());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(CYRILLIC.as_bytes());
        let mut late_meta = vec![b' '; 3000];
        late_meta.extend_from_slice(b"<meta charset=\"windows-1251\">caf\xE9");
        // (name, Content-Type, body, expected text contained in the decoded page)
        let cases: [(&str, &str, &[u8], &str); 9] = [
            ("http charset", "text/html; charset=windows-1251", &cp1251, CYRILLIC),
            ("quoted http charset", "text/html; Charset=\"WINDOWS-1251\"", &cp1251, CYRILLIC),
            ("meta http-equiv", "text/html", &meta_1251, CYRILLIC),
            ("meta charset unquoted", "application/xhtml+xml", &meta_short, CYRILLIC),
            ("http wins over meta", "text/html;charset=utf-8", &meta_1251, "\u{FFFD}"),
            ("unknown label falls back", "text/html; charset=nonsense", &meta_1251, CYRILLIC),
            ("default utf-8", "text/html", UTF8_PAGE.as_bytes(), "Tổng thống"),
            ("bom wins", "text/html; charset=windows-1251", &bom, CYRILLIC),
            ("meta past 2 KiB ignored, lossy utf-8", "text/html", &late_meta, "caf\u{FFFD}"),
        ];
        for (name, content_type, body, want) in cases {
            let got = html_body(&http("200 OK", content_type, body)).ok().flatten().unwrap();
            assert!(got.contains(want), "{name}: {got:?}");
            assert!(!got.starts_with('\u{feff}'), "{name}: BOM kept");
        }
    }

    #[test]
    fn long_file_is_read_record_by_record() {
        // 2000 records, then garbage: the first documents come out without the reader going
        // near the end, and a full read gives every document, then the one error.
        let mut contents = gzip(&vec![sample().concat(); 400]);
        contents.extend_from_slice(b"\x1f\x8b\x08\0garbage");
        let mut file = tempfile::Builder::new().suffix(".warc.gz").tempfile().unwrap();
        file.write_all(&contents).unwrap();
        let mut records = WarcRecords::open(file.path(), 1000).unwrap();
        assert!(records.by_ref().take(2).all(|r| r.is_ok()));
        assert_eq!(records.record, 5, "only the first five records read");
        let got = read_docs(&contents, ".warc.gz", 1000);
        assert_eq!(got.len(), 801);
        assert_eq!(got[799].as_ref().unwrap().origin, "F#2000");
        assert_eq!(got[800].as_ref().unwrap_err(), "F#2001: cannot read or decompress");
    }
}
