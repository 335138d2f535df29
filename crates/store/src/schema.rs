//! Opening a catalogue file safely: recognise it, refuse one from a newer Qiao before
//! writing a byte, back it up, and apply numbered migrations in one transaction.

use crate::error::StoreError;
use crate::Result;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// SQLite's application_id for Qiao catalogues: "QIAO" in ASCII.
pub(crate) const APPLICATION_ID: i64 = 0x5149_414F;

/// One schema step: its SQL, and whether the derived columns (listing summary, identity
/// keys) must be recomputed from the record bodies after it.
#[derive(Clone, Copy)]
pub(crate) struct Migration {
    pub sql: &'static str,
    pub rebuild_derived: bool,
}

/// The numbered migrations, in order; migration N brings the schema to user_version N.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { sql: include_str!("../migrations/0001_catalogue.sql"), rebuild_derived: false },
    Migration { sql: include_str!("../migrations/0002_identity.sql"), rebuild_derived: true },
    Migration { sql: include_str!("../migrations/0003_drop_display_isbn_index.sql"), rebuild_derived: false },
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long to wait for another connection's write before reporting the file as locked.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What a look at the file, without writing to it, found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Inspection {
    pub version: i64,
}

/// Reads the file's identity and schema version over a read-only connection, so that a
/// file Qiao must refuse is never written to (not even the WAL switch touches it).
pub(crate) fn inspect(path: &Path) -> Result<Inspection> {
    let sql = |e| StoreError::sqlite(path, e);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(sql)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    // One statement, so one snapshot: another process may be migrating the file right now.
    let (app_id, version, tables): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id()),
                    (SELECT user_version FROM pragma_user_version()),
                    (SELECT count(*) FROM sqlite_schema WHERE type = 'table')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(sql)?;
    let fresh = app_id == 0 && version == 0 && tables == 0;
    if app_id != APPLICATION_ID && !fresh {
        return Err(StoreError::NotACatalogue { path: path.to_path_buf() });
    }
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported: LATEST_VERSION });
    }
    Ok(Inspection { version })
}

/// Opens the file for reading and writing with Qiao's settings.
pub(crate) fn connect(path: &Path) -> Result<Connection> {
    let sql = |e| StoreError::sqlite(path, e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    // WAL lets the list be read while a save is written; FULL makes every commit survive a
    // power cut, which a laptop on battery will see sooner or later.
    conn.pragma_update(None, "journal_mode", "wal").map_err(sql)?;
    conn.pragma_update(None, "synchronous", "full").map_err(sql)?;
    conn.pragma_update(None, "foreign_keys", "on").map_err(sql)?;
    // Plans that do not depend on bound values: otherwise SQLite (built with STAT4)
    // re-prepares a statement whenever a parameter compared with an indexed column changes,
    // which was a third of an import's time.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(sql)?;
    Ok(conn)
}

/// Brings the schema up to date; returns the backup copy made first, if any.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, found: i64) -> Result<Option<PathBuf>> {
    migrate_with(conn, path, found, MIGRATIONS)
}

pub(crate) fn migrate_with(
    conn: &mut Connection,
    path: &Path,
    found: i64,
    migrations: &[Migration],
) -> Result<Option<PathBuf>> {
    let latest = migrations.len() as i64;
    if found >= latest {
        return Ok(None);
    }
    let backup = if found > 0 { Some(backup_before_migration(conn, path, found)?) } else { None };
    let sql = |e| StoreError::sqlite(path, e);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
    // Another process may have migrated while this one waited for the write lock.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
    if current > latest {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: current, supported: latest });
    }
    let pending = &migrations[current as usize..];
    for migration in pending {
        tx.execute_batch(migration.sql).map_err(sql)?;
    }
    // A fresh catalogue has no records to rebuild.
    if current > 0 && pending.iter().any(|m| m.rebuild_derived) {
        crate::catalogue::rebuild_derived(&tx, path)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(sql)?;
    tx.pragma_update(None, "user_version", latest).map_err(sql)?;
    tx.commit().map_err(sql)?;
    Ok(backup)
}

/// A consistent copy beside the catalogue, named after the schema it holds.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "catalogue".into());
    let target = path.with_file_name(format!("{stem}.schema{version}-{stamp}.backup.qiao"));
    let failed = |detail: String| StoreError::BackupFailed { path: path.to_path_buf(), detail };
    if target.exists() {
        return Err(failed(format!("{} already exists", target.display())));
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()]).map_err(|e| failed(e.to_string()))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_catalogue_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.qiao");
        let mut conn = connect(&path).unwrap();
        migrate_with(&mut conn, &path, 0, &MIGRATIONS[..1]).unwrap();
        conn.execute("INSERT INTO records (flavour, status, body, title, sort_title, responsibility, created_at, modified_at) VALUES ('marc21', 'draft', '{}', 't', 't', '', 0, 0)", []).unwrap();

        let migrations = [
            MIGRATIONS[0],
            MIGRATIONS[1],
            Migration { sql: "CREATE TABLE extra (x INTEGER) STRICT;", rebuild_derived: false },
        ];
        let backup = migrate_with(&mut conn, &path, 1, &migrations).unwrap().expect("a backup");
        assert!(backup.file_name().unwrap().to_string_lossy().starts_with("old.schema1-"));
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 3);

        let copy = Connection::open(&backup).unwrap();
        let copy_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let copy_rows: i64 = copy.query_row("SELECT count(*) FROM records", [], |r| r.get(0)).unwrap();
        assert_eq!((copy_version, copy_rows), (1, 1));
    }

    #[test]
    fn records_of_an_older_catalogue_gain_identity_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.qiao");
        let mut conn = connect(&path).unwrap();
        migrate_with(&mut conn, &path, 0, &MIGRATIONS[..1]).unwrap();
        let text = "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  CN-1\n=010  \\\\$a7-02-000220-X\n=200  1\\$a呐喊\n=801  \\0$aCN$bNLC\n";
        let record = qiao_marc::mrk::parse_one(text).unwrap().unwrap();
        conn.execute(
            "INSERT INTO records (flavour, status, body, title, sort_title, responsibility, created_at, modified_at) VALUES ('cnmarc', 'complete', ?1, '', '', '', 0, 0)",
            [crate::body::encode(&record)],
        )
        .unwrap();
        drop(conn);
        let catalogue = crate::Catalogue::open(&path).unwrap();
        let (key, title): (String, String) = catalogue
            .conn
            .query_row("SELECT control_key, title FROM records", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((key.as_str(), title.as_str()), ("CN-1|NLC", "呐喊"));
        let isbn: String = catalogue.conn.query_row("SELECT isbn13 FROM record_isbns", [], |r| r.get(0)).unwrap();
        assert_eq!(isbn, "9787020002207");
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.qiao");
        let mut conn = connect(&path).unwrap();
        let broken = Migration { sql: "CREATE TABLE fine (x INTEGER); THIS IS NOT SQL;", rebuild_derived: false };
        assert!(migrate_with(&mut conn, &path, 0, &[MIGRATIONS[0], broken]).is_err());
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!((version, tables), (0, 0), "the first migration must be rolled back with the second");
    }
}
