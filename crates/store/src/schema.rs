//! Connection settings and schema migrations.
//!
//! Migrations live in `migrations/NNNN_name.sql`, are embedded at build time, and are
//! applied in order, one transaction per version, recording the version in
//! `PRAGMA user_version`. A migration is never edited once released: add a new file and a
//! line to [`MIGRATIONS`], and a test that opens a database of the previous version.

use crate::error::{Error, Result};
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use std::path::Path;
use std::time::Duration;

/// Every migration, in order; version `n` is the state after the `n`th.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_initial.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0002_episodes.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0003_fulfilled.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0004_stories.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0005_dyads.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0006_why.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0007_search.sql")).foreign_key_check(),
];

/// The schema version this build writes, and the newest it can open.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// How long a statement waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Sets the pragmas every connection runs with.
pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // An in-memory database answers "memory"; both are fine.
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Brings the schema up to [`SCHEMA_VERSION`], one version per transaction, so a failure
/// names the version that failed and leaves the database at the one before.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_with(MIGRATIONS, conn, path)
}

fn migrate_with(ms: &[M<'_>], conn: &mut Connection, path: &Path) -> Result<()> {
    let migrations = Migrations::from_slice(ms);
    let latest = ms.len();
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|source| Error::Open { path: path.to_path_buf(), source })?;
    let found = usize::try_from(found).unwrap_or(usize::MAX);
    if found > latest {
        return Err(Error::TooNew { path: path.to_path_buf(), found, supported: latest });
    }
    for version in found + 1..=latest {
        migrations.to_version(conn, version).map_err(|source| Error::Migrate {
            path: path.to_path_buf(),
            version,
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    }

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn migrates_from_empty_to_latest() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION as i64);
        // Running again is a no-op.
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION as i64);
    }

    #[test]
    fn failed_migration_names_its_version_and_keeps_the_previous_one() {
        let ms = [
            M::up("CREATE TABLE a (x);"),
            M::up("CREATE TABLE b (x);"),
            M::up("CREATE TABLE c (x); NOT SQL;"),
        ];
        let mut conn = Connection::open_in_memory().unwrap();
        let err = migrate_with(&ms, &mut conn, Path::new("t.db")).unwrap_err();
        assert!(matches!(err, Error::Migrate { version: 3, .. }), "{err:?}");
        assert_eq!(err.to_string(), "cannot migrate database t.db to schema version 3");
        assert_eq!(version(&conn), 2);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'c'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0, "the failed migration is rolled back");
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        let err = migrate_with(&[M::up("CREATE TABLE a (x);")], &mut conn, Path::new("t.db"))
            .unwrap_err();
        assert!(matches!(err, Error::TooNew { found: 7, supported: 1, .. }), "{err:?}");
    }
}
