//! Ingest: files on disk → [`RawDoc`]s, the first stage of the attache pipeline.
//!
//! Input: paths to files and directories (directories are walked recursively, entries in
//! sorted order). Output: an iterator of `Result<RawDoc, Error>`, one item per document or
//! per problem, so that one bad file never stops a batch.
//!
//! | extension | format | documents |
//! |---|---|---|
//! | `.txt` | [`Format::Text`] | one per file; id = file name |
//! | `.html`, `.htm` | [`Format::Html`] | one per file; id = file name |
//! | `.jsonl` | `text` → Text, `html` → Html | one per line; id = the line's `id` (see [`jsonl`]) |
//! | `.warc`, `.warc.gz` | [`Format::Html`] | one per HTML response record; id = `WARC-Record-ID` (see [`warc`]) |
//!
//! A file with any other extension is not an error: it comes out as [`Error::Unsupported`]
//! (check [`Error::is_skip`]) and is counted in [`IngestStats::skipped`]. Hidden entries
//! (names starting with `.`) inside a walked directory are passed over silently.
//!
//! Every other problem is one [`Error`] whose message is one line, `path: reason` (or
//! `path:line: reason`, or `path#record: reason` for WARC): an empty or whitespace-only file, binary data, invalid UTF-8 (with the
//! byte offset), a malformed JSONL line, a missing field, a file over
//! [`IngestConfig::max_bytes`] (refused from its size, before reading), an unreadable path.
//! A UTF-8 byte-order mark is stripped; UTF-16 with a byte-order mark is decoded.
//!
//! ```
//! use attache_ingest::IngestConfig;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.txt"), "Putin visits Hanoi")?;
//! std::fs::write(dir.path().join("b.txt"), "")?;
//! std::fs::write(dir.path().join("notes.pdf"), "%PDF")?;
//!
//! let mut docs = IngestConfig::default().build()?.read([dir.path()]);
//! let results: Vec<_> = docs.by_ref().collect();
//! assert_eq!(results.len(), 3);
//! assert_eq!(results[0].as_ref().unwrap().id.0, "a.txt");
//! assert!(results[1].as_ref().unwrap_err().to_string().ends_with("b.txt: empty"));
//! assert!(results[2].as_ref().unwrap_err().is_skip());
//! let stats = docs.stats();
//! assert_eq!((stats.docs, stats.failed, stats.skipped), (1, 1, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What it does not do: no cleaning (that is `attache-clean`), no fetching over the network,
//! and no charset detection beyond UTF-8/UTF-16 for files (WARC pages are decoded from their
//! declared charset; see [`warc`]).

mod error;
mod file;
pub mod jsonl;
mod walk;
pub mod warc;

pub use error::{Error, WarcProblem};

use attache_model::{Format, RawDoc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The name the pipeline's run report uses for this crate's error.
pub type IngestError = Error;

/// How ingest reads files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Largest file read, in bytes; a larger file is refused from its size without being read.
    /// For JSONL and WARC, which are streamed, the limit applies to each line or record.
    /// Default 20 MiB.
    pub max_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig { max_bytes: 20 * 1024 * 1024 }
    }
}

impl IngestConfig {
    /// Checks the config and returns the reader it describes.
    pub fn build(&self) -> Result<Ingester, Error> {
        if self.max_bytes == 0 {
            return Err(Error::Config { key: "max_bytes", reason: "must be at least 1" });
        }
        Ok(Ingester { max_bytes: self.max_bytes })
    }
}

/// Reads documents from paths; built by [`IngestConfig::build`].
#[derive(Debug, Clone)]
pub struct Ingester {
    max_bytes: u64,
}

impl Ingester {
    /// Every document under `paths`, lazily: files are opened one at a time as the iterator
    /// advances. Paths are taken in the order given; directories are walked in sorted order.
    pub fn read<I, P>(&self, paths: I) -> Docs
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        Docs {
            walk: walk::Walk::new(paths.into_iter().map(|p| p.as_ref().to_owned()).collect()),
            current: None,
            max_bytes: self.max_bytes,
            stats: IngestStats::default(),
        }
    }
}

/// Counts of what [`Docs`] has produced so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestStats {
    /// Files of a supported type that were opened (or tried).
    pub files: u64,
    /// Documents produced.
    pub docs: u64,
    /// Errors produced, not counting skipped files.
    pub failed: u64,
    /// Files skipped because their type is not supported.
    pub skipped: u64,
}

/// File formats ingest reads, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileFormat {
    /// `.txt`: one text document.
    Text,
    /// `.html`, `.htm`: one HTML document.
    Html,
    /// `.jsonl`: one document per line.
    Jsonl,
    /// `.warc`, `.warc.gz`: one document per HTML response record.
    Warc,
}

impl FileFormat {
    /// Every extension read, lower-case, without the dot.
    pub const EXTENSIONS: [&'static str; 6] = ["txt", "html", "htm", "jsonl", "warc", "warc.gz"];

    /// The format for a path's extension (case-insensitive), if supported. Of compressed
    /// files only `.warc.gz` is read.
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(FileFormat::Text),
            "html" | "htm" => Some(FileFormat::Html),
            "jsonl" => Some(FileFormat::Jsonl),
            "warc" => Some(FileFormat::Warc),
            "gz" => {
                let inner = Path::new(path.file_stem()?).extension()?.to_str()?;
                inner.eq_ignore_ascii_case("warc").then_some(FileFormat::Warc)
            }
            _ => None,
        }
    }
}

/// The documents of one file.
enum FileDocs {
    /// A whole-file format: the one result, until taken.
    One(Option<Result<RawDoc, Error>>),
    /// A file of records.
    Jsonl(jsonl::JsonlRecords),
    /// A WARC file.
    Warc(warc::WarcRecords),
}

impl FileDocs {
    fn open(path: &Path, format: FileFormat, max_bytes: u64) -> FileDocs {
        match format {
            FileFormat::Text => {
                FileDocs::One(Some(file::read_document(path, Format::Text, max_bytes)))
            }
            FileFormat::Html => {
                FileDocs::One(Some(file::read_document(path, Format::Html, max_bytes)))
            }
            FileFormat::Jsonl => match jsonl::JsonlRecords::open(path, max_bytes) {
                Ok(records) => FileDocs::Jsonl(records),
                Err(e) => FileDocs::One(Some(Err(e))),
            },
            FileFormat::Warc => match warc::WarcRecords::open(path, max_bytes) {
                Ok(records) => FileDocs::Warc(records),
                Err(e) => FileDocs::One(Some(Err(e))),
            },
        }
    }

    fn next(&mut self) -> Option<Result<RawDoc, Error>> {
        match self {
            FileDocs::One(result) => result.take(),
            FileDocs::Jsonl(records) => records.next(),
            FileDocs::Warc(records) => records.next(),
        }
    }
}

/// The stream of documents (and problems) under some paths; see [`Ingester::read`].
///
/// Iterate with `by_ref()` to read [`Docs::stats`] afterwards.
pub struct Docs {
    walk: walk::Walk,
    current: Option<FileDocs>,
    max_bytes: u64,
    stats: IngestStats,
}

impl Docs {
    /// What has been produced so far.
    pub fn stats(&self) -> IngestStats {
        self.stats
    }

    fn next_item(&mut self) -> Option<Result<RawDoc, Error>> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = match self.walk.next()? {
                Ok(path) => path,
                Err(e) => return Some(Err(e)),
            };
            let Some(format) = FileFormat::from_path(&path) else {
                return Some(Err(Error::Unsupported { path }));
            };
            self.stats.files += 1;
            self.current = Some(FileDocs::open(&path, format, self.max_bytes));
        }
    }
}

impl Iterator for Docs {
    type Item = Result<RawDoc, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_item()?;
        match &item {
            Ok(_) => self.stats.docs += 1,
            Err(e) if e.is_skip() => self.stats.skipped += 1,
            Err(_) => self.stats.failed += 1,
        }
        Some(item)
    }
}

impl std::fmt::Debug for Docs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Docs").field("stats", &self.stats).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_table() {
        let cases = [
            ("a.txt", Some(FileFormat::Text)),
            ("dir/B.TXT", Some(FileFormat::Text)),
            ("a.html", Some(FileFormat::Html)),
            ("a.htm", Some(FileFormat::Html)),
            ("feed.jsonl", Some(FileFormat::Jsonl)),
            ("feed.json", None),
            ("a.pdf", None),
            ("README", None),
            ("archive.txt.gz", None),
            ("cc.warc", Some(FileFormat::Warc)),
            ("CC-NEWS-20240620.warc.gz", Some(FileFormat::Warc)),
            ("cc.WARC.GZ", Some(FileFormat::Warc)),
            ("cc.gz", None),
            (".gz", None),
            ("warc.gz", None),
        ];
        for (path, want) in cases {
            assert_eq!(FileFormat::from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn config_table() {
        assert!(IngestConfig::default().build().is_ok());
        let err = IngestConfig { max_bytes: 0 }.build().unwrap_err();
        assert_eq!(err.to_string(), "invalid ingest config: max_bytes must be at least 1");
        let parsed: IngestConfig = serde_json::from_str(r#"{"max_bytes": 5}"#).unwrap();
        assert_eq!(parsed.max_bytes, 5);
        assert!(serde_json::from_str::<IngestConfig>(r#"{"max_byte": 5}"#).is_err());
    }
}
