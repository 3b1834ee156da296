//! The one error type of `attache-ingest`.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why one file, or one line of a JSONL file, produced no document.
///
/// Every message is one line that starts with the input it is about: `path: reason`, or
/// `path:line: reason` for a line of a JSONL file. Causes (I/O, JSON syntax, date syntax) are
/// kept as the [`source`](std::error::Error::source), not repeated in the message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file's extension names no format this crate reads. Not a failure: the file is
    /// skipped and counted in [`IngestStats::skipped`](crate::IngestStats::skipped).
    #[error("{}: unsupported file type", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The path is neither a regular file nor a directory (a socket, a device, a FIFO).
    #[error("{}: not a regular file or directory", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The path cannot be opened, listed or read.
    #[error("{}: cannot read", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file (or JSONL line) is larger than [`IngestConfig::max_bytes`](crate::IngestConfig).
    #[error("{}: {size} bytes is over the limit of {max} bytes", At(path, *line))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// 1-based line number, for a JSONL line.
        line: Option<u64>,
        /// Its size in bytes (for a JSONL line: the bytes read before giving up).
        size: u64,
        /// The limit.
        max: u64,
    },
    /// Nothing but whitespace (or nothing at all).
    #[error("{}: empty", At(path, *line))]
    Empty {
        /// The file.
        path: PathBuf,
        /// 1-based line number, for a JSONL record whose text is empty.
        line: Option<u64>,
    },
    /// NUL bytes or mostly control characters: not a text file.
    #[error("{}: binary data, not text", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not valid in their encoding: UTF-8, or UTF-16 when a byte-order mark
    /// says so.
    #[error("{}: invalid {encoding} at byte {offset}", At(path, *line))]
    InvalidEncoding {
        /// The file.
        path: PathBuf,
        /// 1-based line number, for a JSONL line.
        line: Option<u64>,
        /// `UTF-8` or `UTF-16`.
        encoding: &'static str,
        /// Offset of the first bad byte from the start of the file.
        offset: u64,
    },
    /// A JSONL line is not a JSON object of the expected shape (truncated, wrong types).
    #[error("{}: invalid JSON record", At(path, Some(*line)))]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What the JSON parser said (with the column).
        #[source]
        source: serde_json::Error,
    },
    /// A JSONL record lacks a required field.
    #[error("{}: missing field {field}", At(path, Some(*line)))]
    MissingField {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// The field (`id`, or `text or html`).
        field: &'static str,
    },
    /// A JSONL record's `published` is neither `YYYY-MM-DD` nor an RFC 3339 datetime.
    #[error("{}: field published is not a date: {value:?}", At(path, Some(*line)))]
    BadDate {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// The offending value.
        value: String,
        /// What the date parser said.
        #[source]
        source: jiff::Error,
    },
    /// A WARC record is malformed, cut short, or cannot become a document. When its framing is
    /// broken ([`WarcProblem::ends_file`]), the rest of the file is not read.
    #[error("{}#{record}: {problem}", path.display())]
    Warc {
        /// The file.
        path: PathBuf,
        /// 1-based number of the record in the file, counting every record.
        record: u64,
        /// What is wrong with it.
        problem: WarcProblem,
        /// The read or decompression error, for [`WarcProblem::Unreadable`].
        #[source]
        source: Option<std::io::Error>,
    },
    /// A configuration value is out of range.
    #[error("invalid ingest config: {key} {reason}")]
    Config {
        /// The key (`max_bytes`).
        key: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl Error {
    /// True for a file that was skipped rather than failed ([`Error::Unsupported`]).
    pub fn is_skip(&self) -> bool {
        matches!(self, Error::Unsupported { .. })
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Error::Unsupported { path }
            | Error::NotAFile { path }
            | Error::Io { path, .. }
            | Error::TooLarge { path, .. }
            | Error::Empty { path, .. }
            | Error::Binary { path }
            | Error::InvalidEncoding { path, .. }
            | Error::Json { path, .. }
            | Error::MissingField { path, .. }
            | Error::BadDate { path, .. }
            | Error::Warc { path, .. } => Some(path),
            Error::Config { .. } => None,
        }
    }
}

/// What is wrong with one WARC record (see [`Error::Warc`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarcProblem {
    /// The record does not start with a `WARC/` version line.
    NotWarc {
        /// The line found instead (at most 60 characters).
        line: String,
    },
    /// A header line is not `Name: value`.
    BadHeader {
        /// The line (at most 60 characters).
        line: String,
    },
    /// The header block has no end within `max` bytes.
    HeaderTooLong {
        /// The limit.
        max: u64,
    },
    /// The file ends inside the header block.
    HeaderCutShort,
    /// The header has no `Content-Length`.
    MissingLength,
    /// `Content-Length` is not a number.
    BadLength {
        /// The value (at most 60 characters).
        value: String,
    },
    /// The file ends before `Content-Length` bytes of block.
    CutShort {
        /// `Content-Length`.
        expected: u64,
        /// Bytes there were.
        got: u64,
    },
    /// The file cannot be read or decompressed here (a truncated or corrupt gzip stream).
    Unreadable,
    /// The block is larger than [`IngestConfig::max_bytes`](crate::IngestConfig); it is
    /// skipped.
    TooLarge {
        /// `Content-Length`.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// A response record has no `WARC-Record-ID`, so no document id.
    MissingRecordId,
    /// A response record's block is not an HTTP response.
    NotHttp,
    /// The page is compressed with a `Content-Encoding` ingest does not undo.
    ContentEncoding {
        /// The encoding (at most 60 characters).
        value: String,
    },
    /// The page is empty or whitespace only.
    Empty,
}

impl WarcProblem {
    /// True when the record's framing is lost, so that the records after it cannot be found
    /// and the file is read no further.
    pub fn ends_file(&self) -> bool {
        matches!(
            self,
            WarcProblem::NotWarc { .. }
                | WarcProblem::BadHeader { .. }
                | WarcProblem::HeaderTooLong { .. }
                | WarcProblem::HeaderCutShort
                | WarcProblem::MissingLength
                | WarcProblem::BadLength { .. }
                | WarcProblem::CutShort { .. }
                | WarcProblem::Unreadable
        )
    }
}

impl fmt::Display for WarcProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarcProblem::NotWarc { line } => write!(f, "not a WARC record: {line:?}"),
            WarcProblem::BadHeader { line } => write!(f, "malformed header line {line:?}"),
            WarcProblem::HeaderTooLong { max } => write!(f, "header block over {max} bytes"),
            WarcProblem::HeaderCutShort => write!(f, "file ends inside the header block"),
            WarcProblem::MissingLength => write!(f, "missing Content-Length"),
            WarcProblem::BadLength { value } => {
                write!(f, "Content-Length is not a number: {value:?}")
            }
            WarcProblem::CutShort { expected, got } => write!(
                f,
                "file ends inside the block: Content-Length is {expected} bytes, {got} remain"
            ),
            WarcProblem::Unreadable => write!(f, "cannot read or decompress"),
            WarcProblem::TooLarge { size, max } => {
                write!(f, "{size} bytes is over the limit of {max} bytes")
            }
            WarcProblem::MissingRecordId => write!(f, "missing WARC-Record-ID"),
            WarcProblem::NotHttp => write!(f, "response block is not an HTTP response"),
            WarcProblem::ContentEncoding { value } => {
                write!(f, "unsupported Content-Encoding {value:?}")
            }
            WarcProblem::Empty => write!(f, "empty"),
        }
    }
}

/// `path` or `path:line`, the way messages and [`RawDoc::origin`](attache_model::RawDoc) name
/// an input.
pub(crate) struct At<'a>(pub(crate) &'a Path, pub(crate) Option<u64>);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(line) => write!(f, "{}:{line}", self.0.display()),
            None => write!(f, "{}", self.0.display()),
        }
    }
}
