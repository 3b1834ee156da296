//! JSON Lines: one article per line.
//!
//! A line is an object with `id` (string, required), `text` or `html` (one required; `text`
//! wins when both are given, since it is the page already reduced to text), and optional `url`,
//! `title`, `published` (`YYYY-MM-DD` or an RFC 3339 datetime, read as the civil date it
//! names), `language` and `source`. Other fields are ignored. Blank lines are skipped.
//!
//! The file is read as a stream, so it may be of any size;
//! [`IngestConfig::max_bytes`](crate::IngestConfig::max_bytes) bounds each line instead. A bad line is one error naming `path:line`,
//! and the lines after it still come through.

use crate::Error;
use crate::file::{looks_binary, strip_bom};
use attache_model::{DocId, Format, Meta, RawDoc};
use jiff::civil::Date;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// The fields of one line that ingest reads.
#[derive(Deserialize)]
struct Record {
    id: Option<String>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    language: Option<String>,
    source: Option<String>,
}

/// The documents of one JSONL file, one per non-blank line.
pub(crate) struct JsonlRecords {
    path: PathBuf,
    reader: BufReader<File>,
    max_bytes: u64,
    /// Number of the line last read (1-based).
    line: u64,
    /// Offset in the file of the next line.
    offset: u64,
    buf: Vec<u8>,
    /// Non-blank lines seen so far.
    records: u64,
    done: bool,
}

/// What one bounded line read found.
enum LineRead {
    Eof,
    Line,
    /// The line was longer than the limit; this many bytes were skipped.
    TooLong(u64),
}

impl JsonlRecords {
    /// Opens a JSONL file; refuses one that is binary from its first bytes.
    pub(crate) fn open(path: &Path, max_bytes: u64) -> Result<Self, Error> {
        let io = |source| Error::Io { path: path.to_owned(), source };
        let file = File::open(path).map_err(io)?;
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        if looks_binary(reader.fill_buf().map_err(io)?) {
            return Err(Error::Binary { path: path.to_owned() });
        }
        Ok(JsonlRecords {
            path: path.to_owned(),
            reader,
            max_bytes,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            records: 0,
            done: false,
        })
    }

    /// Reads the next line into `buf` (without its line break), keeping at most `max_bytes`.
    fn read_line(&mut self) -> std::io::Result<LineRead> {
        self.buf.clear();
        let mut total = 0u64;
        let mut too_long = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let (take, end) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            total += take as u64;
            if !too_long {
                if (self.buf.len() + take) as u64 > self.max_bytes.saturating_add(2) {
                    too_long = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(&available[..take]);
                }
            }
            self.reader.consume(take);
            if end {
                break;
            }
        }
        self.offset += total;
        if total == 0 {
            return Ok(LineRead::Eof);
        }
        self.line += 1;
        if too_long {
            return Ok(LineRead::TooLong(total));
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        Ok(LineRead::Line)
    }

    /// Turns the line in `buf`, which starts at file offset `start`, into a document.
    fn parse_line(&self, start: u64) -> Result<RawDoc, Error> {
        let (path, line) = (&self.path, self.line);
        let (bytes, bom) = if line == 1 { strip_bom(&self.buf) } else { (&self.buf[..], 0) };
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidEncoding {
            path: path.clone(),
            line: Some(line),
            encoding: "UTF-8",
            offset: start + (bom + e.valid_up_to()) as u64,
        })?;
        let record: Record = serde_json::from_str(text).map_err(|source| Error::Json {
            path: path.clone(),
            line,
            source,
        })?;
        let missing = |field| Error::MissingField { path: path.clone(), line, field };
        let id = non_blank(record.id).ok_or_else(|| missing("id"))?;
        let (format, body) = match (record.text, record.html) {
            (Some(text), _) => (Format::Text, text),
            (None, Some(html)) => (Format::Html, html),
            (None, None) => return Err(missing("text or html")),
        };
        if body.trim().is_empty() {
            return Err(Error::Empty { path: path.clone(), line: Some(line) });
        }
        let published = match non_blank(record.published) {
            Some(value) => Some(parse_date(&value).map_err(|source| Error::BadDate {
                path: path.clone(),
                line,
                value,
                source,
            })?),
            None => None,
        };
        Ok(RawDoc {
            id: DocId(id),
            origin: format!("{}:{line}", path.display()),
            format,
            body,
            meta: Meta {
                url: non_blank(record.url),
                title: non_blank(record.title),
                published,
                language: non_blank(record.language),
                source: non_blank(record.source),
            },
        })
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<RawDoc, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let start = self.offset;
            match self.read_line() {
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Io { path: self.path.clone(), source }));
                }
                Ok(LineRead::Eof) => {
                    self.done = true;
                    if self.records == 0 {
                        return Some(Err(Error::Empty { path: self.path.clone(), line: None }));
                    }
                }
                Ok(LineRead::TooLong(size)) => {
                    self.records += 1;
                    return Some(Err(Error::TooLarge {
                        path: self.path.clone(),
                        line: Some(self.line),
                        size,
                        max: self.max_bytes,
                    }));
                }
                Ok(LineRead::Line) => {
                    let blank = self.buf.iter().all(u8::is_ascii_whitespace)
                        || (self.line == 1
                            && strip_bom(&self.buf).0.iter().all(u8::is_ascii_whitespace));
                    if !blank {
                        self.records += 1;
                        return Some(self.parse_line(start));
                    }
                }
            }
        }
        None
    }
}

/// A trimmed string, or `None` when absent or blank.
fn non_blank(value: Option<String>) -> Option<String> {
    let value = value?;
    let trimmed = value.trim();
    match trimmed.len() {
        0 => None,
        n if n == value.len() => Some(value),
        _ => Some(trimmed.to_owned()),
    }
}

/// `YYYY-MM-DD`, or a datetime (RFC 3339 and its ISO 8601 relatives), as the civil date it
/// names: `2024-06-20T23:30:00-05:00` is 20 June, whatever the date in UTC.
pub(crate) fn parse_date(value: &str) -> Result<Date, jiff::Error> {
    jiff::fmt::temporal::Pieces::parse(value).map(|pieces| pieces.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read(contents: &[u8], max_bytes: u64) -> Vec<Result<RawDoc, String>> {
        let mut file = tempfile::Builder::new().suffix(".jsonl").tempfile().unwrap();
        file.write_all(contents).unwrap();
        let path = file.path().to_owned();
        let name = path.display().to_string();
        match JsonlRecords::open(&path, max_bytes) {
            Ok(records) => {
                records.map(|r| r.map_err(|e| e.to_string().replace(&name, "F"))).collect()
            }
            Err(e) => vec![Err(e.to_string().replace(&name, "F"))],
        }
    }

    fn only_error(contents: &str) -> String {
        let got = read(contents.as_bytes(), 1000);
        assert_eq!(got.len(), 1, "{contents}: {got:?}");
        got.into_iter().next().unwrap().unwrap_err()
    }

    #[test]
    fn bad_lines_table() {
        let cases = [
            ("truncated", r#"{"id":"a","text":"Hel"#, "F:1: invalid JSON record"),
            ("not an object", r#"["a","b"]"#, "F:1: invalid JSON record"),
            ("id is a number", r#"{"id":7,"text":"x"}"#, "F:1: invalid JSON record"),
            ("no id", r#"{"text":"x"}"#, "F:1: missing field id"),
            ("blank id", r#"{"id":" ","text":"x"}"#, "F:1: missing field id"),
            ("no body", r#"{"id":"a","title":"x"}"#, "F:1: missing field text or html"),
            ("empty body", r#"{"id":"a","html":"  "}"#, "F:1: empty"),
            (
                "bad date",
                r#"{"id":"a","text":"x","published":"20 June"}"#,
                "F:1: field published is not a date: \"20 June\"",
            ),
            ("no lines", "\n  \n", "F: empty"),
            (
                "too long",
                &format!(r#"{{"id":"a","text":"{}"}}"#, "x".repeat(2000)),
                "F:1: 2020 bytes is over the limit of 1000 bytes",
            ),
        ];
        for (name, line, want) in cases {
            assert_eq!(only_error(line), want, "{name}");
        }
    }

    #[test]
    fn published_formats_table() {
        let cases = [
            ("date", "2024-06-20", jiff::civil::date(2024, 6, 20)),
            ("utc", "2024-06-20T14:17:00Z", jiff::civil::date(2024, 6, 20)),
            (
                "offset keeps its civil date",
                "2024-06-20T23:30:00-05:00",
                jiff::civil::date(2024, 6, 20),
            ),
            ("fraction", "2025-05-10T17:56:14.884+07:00", jiff::civil::date(2025, 5, 10)),
        ];
        for (name, value, want) in cases {
            assert_eq!(parse_date(value).unwrap(), want, "{name}");
        }
    }

    #[test]
    fn good_lines_carry_metadata_and_line_numbers() {
        let contents = "\u{feff}{\"id\":\"a1\",\"text\":\"Putin visits Hanoi.\",\"url\":\"https://x.vn/a\",\
            \"published\":\"2024-06-20\",\"language\":\"en\",\"source\":\"VNA\",\"extra\":1}\n\
            \n\
            {\"id\":\"a2\",\"html\":\"<p>Hei</p>\",\"title\":\" Tittel \"}\r\n\
            {\"id\":\"a3\",\"text\":\"caf\u{e9}\"";
        let got = read(contents.as_bytes(), 1000);
        assert_eq!(got.len(), 3);
        let a1 = got[0].as_ref().unwrap();
        assert_eq!(a1.id.0, "a1");
        assert!(a1.origin.ends_with(":1"), "{}", a1.origin);
        assert_eq!(a1.format, Format::Text);
        assert_eq!(a1.meta.published, Some(jiff::civil::date(2024, 6, 20)));
        assert_eq!(a1.meta.source.as_deref(), Some("VNA"));
        let a2 = got[1].as_ref().unwrap();
        assert!(a2.origin.ends_with(":3"), "{}", a2.origin);
        assert_eq!((a2.format, a2.body.as_str()), (Format::Html, "<p>Hei</p>"));
        assert_eq!(a2.meta.title.as_deref(), Some("Tittel"));
        assert_eq!(got[2].as_ref().unwrap_err(), "F:4: invalid JSON record");
    }

    #[test]
    fn invalid_utf8_names_line_and_file_offset() {
        let mut contents = b"{\"id\":\"a\",\"text\":\"ok\"}\n".to_vec();
        contents.extend_from_slice(
            b"{\"id\":\"b\",\"text\":\"caf\xE9\"}\n{\"id\":\"c\",\"text\":\"ok\"}\n",
        );
        let got = read(&contents, 1000);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].as_ref().unwrap_err(), "F:2: invalid UTF-8 at byte 44");
        assert_eq!(got[2].as_ref().unwrap().id.0, "c");
    }

    #[test]
    fn long_line_is_skipped_and_the_next_line_read() {
        let long = format!("{{\"id\":\"a\",\"text\":\"{}\"}}\n", "y".repeat(300_000));
        let contents = format!("{long}{{\"id\":\"b\",\"text\":\"ok\"}}\n");
        let got = read(contents.as_bytes(), 1000);
        assert_eq!(got.len(), 2);
        assert!(got[0].as_ref().unwrap_err().starts_with("F:1: 300021 bytes"), "{:?}", got[0]);
        assert_eq!(got[1].as_ref().unwrap().id.0, "b");
    }

    #[test]
    fn binary_file_is_one_error() {
        assert_eq!(
            read(b"\x7fELF\x02\x01\x01\0\0\0", 1000),
            vec![Err("F: binary data, not text".into())]
        );
    }
}
