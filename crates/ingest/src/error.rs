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
            | Error::BadDate { path, .. } => Some(path),
            Error::Config { .. } => None,
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
