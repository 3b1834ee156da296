//! The embedded SQLite store: documents, their extractions, and the resolved events.
//!
//! Input: batches of `(Article, content hash, DocExtraction)` from the pipeline, then the
//! resolver's [`Encounter`]s and [`Act`]s. Output: the stored extractions (to re-resolve
//! without re-extracting), timeline and event queries for the server, and the interchange
//! exports ([`export::write_jsonl`], [`export::write_csv`]).
//!
//! - **Documents are keyed by content hash** (sha256 of the cleaned text, see
//!   [`content_hash`]): adding the same text again changes nothing and is counted as a
//!   duplicate. Document ids must be unique too: a document whose id is already stored
//!   with *another* text is not stored and is reported in [`AddReport::conflicts`], because
//!   its extraction's evidence already names that id, and renaming it would silently
//!   split one source into two.
//! - **Events are replaced as a whole** by every resolution run ([`Store::replace_events`]);
//!   they live in normalised tables (participants, documents, evidence) indexed on date, type,
//!   country and person, so the timeline filters in SQL.
//! - **Person search** matches a key folded in Rust ([`search_key()`]): `to lam` finds `Tô Lâm`,
//!   `store` finds `Støre`, which SQLite's own folding does not do.
//! - The schema is migrated on open (`PRAGMA user_version`, one transaction per version, via
//!   `rusqlite_migration`); the connection runs in WAL mode with foreign keys on and
//!   `synchronous = NORMAL`.
//!
//! ```
//! use attache_model::{Article, DocExtraction, DocId};
//! use attache_store::{Store, TimelineQuery, content_hash};
//!
//! let mut store = Store::open_in_memory()?;
//! let article = Article {
//!     id: DocId("001.txt".into()),
//!     origin: "corpus/001.txt".into(),
//!     text: "Tô Lâm held talks with Vladimir Putin.".into(),
//!     title: None, published: None, dateline: None, source: None, url: None,
//!     lang: Some("en".into()),
//! };
//! let hash = content_hash(&article.text);
//! let batch = vec![(article, hash.clone(), DocExtraction::default())];
//! assert_eq!(store.add_documents(&batch)?.stored, 1);
//! assert_eq!(store.add_documents(&batch)?.duplicates, 1);
//! assert!(store.has_document_hash(&hash)?);
//! assert!(store.timeline(&TimelineQuery::default())?.is_empty());
//! # Ok::<(), attache_store::Error>(())
//! ```
//!
//! What it does not do: full-text search of article bodies, deleting documents, or sharing
//! one [`Store`] between threads (it owns one connection; open one per thread, WAL lets
//! readers run beside a writer).

mod documents;
mod error;
mod events;
pub mod export;
mod schema;
mod search;
mod search_key;
mod timeline;

pub use documents::AddReport;
pub use error::{Error, Result};
pub use events::{DocumentMeta, EventDetail, EventRecord};
pub use schema::SCHEMA_VERSION;
pub use search::{MATCH_END, MATCH_START, SearchHit};
pub use search_key::search_key;
pub use timeline::{TimelineEntry, TimelineQuery};

use attache_model::{Act, Encounter};
use error::SqlContext;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// An open attache database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// How many rows the main tables hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StoreCounts {
    /// Stored documents.
    pub documents: usize,
    /// Resolved encounters.
    pub encounters: usize,
    /// Resolved acts.
    pub acts: usize,
}

impl Store {
    /// Opens the database at `path`, creating the file and schema on first use and
    /// migrating an older schema to [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn =
            Connection::open(&path).map_err(|source| Error::Open { path: path.clone(), source })?;
        Store::init(conn, path)
    }

    /// Opens a fresh database in memory (for tests and one-off runs).
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory()
            .map_err(|source| Error::Open { path: path.clone(), source })?;
        Store::init(conn, path)
    }

    fn init(mut conn: Connection, path: PathBuf) -> Result<Store> {
        schema::configure(&conn).map_err(|source| Error::Open { path: path.clone(), source })?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The path this store was opened from (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database (always [`SCHEMA_VERSION`] after `open`).
    pub fn schema_version(&self) -> Result<usize> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
            .op("read the schema version")
            .map(|v| usize::try_from(v).unwrap_or(0))
    }

    /// How many documents, encounters and acts are stored.
    pub fn counts(&self) -> Result<StoreCounts> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM encounters), \
                 (SELECT count(*) FROM acts)",
                [],
                |r| {
                    Ok(StoreCounts { documents: r.get(0)?, encounters: r.get(1)?, acts: r.get(2)? })
                },
            )
            .op("count rows")
    }

    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; every problem found
    /// is listed in [`Error::Integrity`].
    pub fn check(&self) -> Result<()> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").op("check integrity")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).op("check integrity")?;
        for row in rows {
            let line = row.op("check integrity")?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check").op("check foreign keys")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{} row {} refers to a missing row of {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?.map_or_else(|| "?".to_owned(), |v| v.to_string()),
                    r.get::<_, String>(2)?,
                ))
            })
            .op("check foreign keys")?;
        for row in rows {
            problems.push(row.op("check foreign keys")?);
        }
        if problems.is_empty() { Ok(()) } else { Err(Error::Integrity { problems }) }
    }

    /// Every stored encounter and act, in the order the last [`Store::replace_events`] gave
    /// them, for [`export`].
    pub fn export_encounters_and_acts(&self) -> Result<(Vec<Encounter>, Vec<Act>)> {
        let encounters = events::read_encounters(&self.conn, "ORDER BY e.seq", [])?;
        let acts = events::read_acts(&self.conn, "ORDER BY a.seq", [])?;
        Ok((encounters, acts))
    }
}

/// The content hash documents are keyed by: sha256 of the cleaned text, lower-case hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).expect("a nibble is a hex digit"));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).expect("a nibble is a hex digit"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_sha256_hex() {
        let cases = [
            ("empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ];
        for (name, input, want) in cases {
            assert_eq!(content_hash(input), want, "{name}");
        }
    }

    #[test]
    fn fresh_store_is_empty_and_consistent() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.counts().unwrap(), StoreCounts::default());
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        store.check().unwrap();
    }
}
