//! The one error type of `attache-store`.

use std::path::PathBuf;

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong in the store.
///
/// Each variant names the input (database path, document or event id, query field) in its
/// fields; the underlying cause, if any, is the `source`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened or configured.
    #[error("cannot open database {}", path.display())]
    Open {
        /// The database path (`:memory:` for an in-memory store).
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A migration failed; the database stays at `version - 1`.
    #[error("cannot migrate database {} to schema version {version}", path.display())]
    Migrate {
        /// The database path.
        path: PathBuf,
        /// The schema version whose migration failed.
        version: usize,
        /// What the migration runner said.
        #[source]
        source: rusqlite_migration::Error,
    },
    /// The database was written by a newer build of attache.
    #[error(
        "database {} has schema version {found}, newer than the {supported} this build knows",
        path.display()
    )]
    TooNew {
        /// The database path.
        path: PathBuf,
        /// Schema version found in the file.
        found: usize,
        /// Newest schema version this build can migrate to.
        supported: usize,
    },
    /// An SQLite statement failed.
    #[error("cannot {op} in the store")]
    Sqlite {
        /// The operation that failed ("add documents", "read encounter ev-1", …).
        op: String,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored JSON value (a document's extraction) does not decode.
    #[error("cannot decode the stored {what} of {id}")]
    Decode {
        /// What was being decoded.
        what: &'static str,
        /// Id of the row it belongs to.
        id: String,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
    /// A stored value is not one this build understands (a type name, a date).
    #[error("invalid stored {column} {value:?} in {id}")]
    Corrupt {
        /// Column holding the value.
        column: &'static str,
        /// Id of the row it belongs to.
        id: String,
        /// The stored value.
        value: String,
    },
    /// A timeline query named an encounter type that does not exist.
    #[error("unknown encounter type {name:?} in timeline query")]
    UnknownEncounterType {
        /// The name given.
        name: String,
    },
    /// Two events given to `replace_events` share an id.
    #[error("event id {id} is given twice")]
    DuplicateEventId {
        /// The repeated id.
        id: String,
    },
    /// An act given to `replace_events` happened during an encounter that was not given.
    #[error("act {act} happened during encounter {during}, which is not among the encounters")]
    UnknownDuring {
        /// The act's id.
        act: String,
        /// The missing encounter id.
        during: String,
    },
    /// `PRAGMA integrity_check` or `foreign_key_check` found problems.
    #[error("database integrity check found {} problem(s), first: {}", problems.len(), problems.first().map_or("", String::as_str))]
    Integrity {
        /// One line per problem, as SQLite reports them.
        problems: Vec<String>,
    },
    /// An export could not be written.
    #[error("cannot write the {format} export")]
    Export {
        /// `jsonl` or `csv`.
        format: &'static str,
        /// The I/O (or encoding) failure.
        #[source]
        source: std::io::Error,
    },
}

/// Adds the failed operation to an SQLite error.
pub(crate) trait SqlContext<T> {
    /// Names the operation that failed.
    fn op(self, op: &'static str) -> Result<T>;
    /// Names the operation that failed, built only on failure.
    fn op_with(self, op: impl FnOnce() -> String) -> Result<T>;
}

impl<T> SqlContext<T> for rusqlite::Result<T> {
    fn op(self, op: &'static str) -> Result<T> {
        self.map_err(|source| Error::Sqlite { op: op.to_owned(), source })
    }

    fn op_with(self, op: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::Sqlite { op: op(), source })
    }
}
