//! Reading and writing records: saves keep the previous version, deletes go to the trash.

use crate::body;
use crate::error::StoreError;
use crate::list::OrderCache;
use crate::schema;
use crate::Result;
use qiao_marc::{identity, Flavour, Record, Summary};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

/// Whether a record is finished. A record with validation errors can only be a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Complete,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Complete => "complete",
        }
    }

    pub(crate) fn parse(text: &str) -> Status {
        if text == "complete" {
            Status::Complete
        } else {
            Status::Draft
        }
    }
}

/// A record as the catalogue holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredRecord {
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub id: i64,
    pub flavour: Flavour,
    pub status: Status,
    /// Counts saves from 1; an edit names the version it started from.
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub version: i64,
    pub record: Record,
    pub summary: Summary,
    /// Unix time in milliseconds.
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub created_at: i64,
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub modified_at: i64,
    /// Set while the record is in the trash.
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Number>))]
    pub deleted_at: Option<i64>,
}

/// One entry of a record's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecordVersion {
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub version: i64,
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub saved_at: i64,
    pub status: Status,
    pub flavour: Flavour,
    pub title: String,
    pub current: bool,
}

/// Counts by flavour and status, for `qiao stats` and the status bar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Stats {
    pub records: u32,
    pub in_trash: u32,
    pub by_flavour: BTreeMap<String, u32>,
    pub by_status: BTreeMap<String, u32>,
}

/// An open catalogue file. One per file per process: it owns the only write connection.
pub struct Catalogue {
    pub(crate) conn: Connection,
    path: PathBuf,
    pub(crate) order: OrderCache,
    /// Bumped on every write through this connection (SQLite's data_version only counts
    /// other connections' writes); the list order cache compares both.
    pub(crate) writes: u64,
}

pub(crate) fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Catalogue {
    /// Creates a new, empty catalogue; an existing file is never overwritten.
    pub fn create(path: &Path) -> Result<Catalogue> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        OpenOptions::new().write(true).create_new(true).open(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::AlreadyExists { path: path.to_path_buf() }
            } else {
                StoreError::Io { path: path.to_path_buf(), source }
            }
        })?;
        let result = Catalogue::open(path);
        if result.is_err() {
            // Leave nothing behind that looks like a catalogue.
            let _ = std::fs::remove_file(path);
        }
        result
    }

    /// Opens an existing catalogue, upgrading its schema (after a backup) if it is older.
    pub fn open(path: &Path) -> Result<Catalogue> {
        if !path.is_file() {
            return Err(StoreError::NotFound { path: path.to_path_buf() });
        }
        let found = schema::inspect(path)?.version;
        let mut conn = schema::connect(path)?;
        schema::migrate(&mut conn, path, found)?;
        Ok(Catalogue { conn, path: path.to_path_buf(), order: OrderCache::default(), writes: 0 })
    }

    /// Opens the catalogue, creating it first if the file does not exist.
    pub fn open_or_create(path: &Path) -> Result<Catalogue> {
        match Catalogue::create(path) {
            Err(StoreError::AlreadyExists { .. }) => Catalogue::open(path),
            other => other,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |e| StoreError::sqlite(&self.path, e)
    }

    /// Runs `work` in one write transaction: all of it is saved, or none of it.
    /// The caller's own error type may abort the transaction too (an import stops on a
    /// file it cannot read), so `work` returns any error a store error converts into.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        let mut writer = Writer { tx, path: &path, now: now_millis() };
        let value = work(&mut writer)?;
        writer.tx.commit().map_err(sql)?;
        self.writes += 1;
        Ok(value)
    }

    /// Adds one record; returns its id.
    pub fn insert(&mut self, record: &Record, flavour: Flavour, status: Status) -> Result<i64> {
        self.write::<_, StoreError>(|w| w.insert(record, flavour, status))
    }

    /// Saves a new version of a record, keeping the one it replaces. `expected_version` is
    /// the version the edit started from: if someone saved since, the save is refused
    /// rather than silently overwriting their work.
    pub fn update(
        &mut self,
        id: i64,
        record: &Record,
        flavour: Flavour,
        status: Status,
        expected_version: Option<i64>,
    ) -> Result<StoredRecord> {
        self.write::<_, StoreError>(|w| w.update(id, record, flavour, status, expected_version))?;
        self.get(id)
    }

    pub fn get(&self, id: i64) -> Result<StoredRecord> {
        self.conn
            .query_row(
                "SELECT id, flavour, status, version, body, created_at, modified_at, deleted_at FROM records WHERE id = ?1",
                [id],
                stored_record,
            )
            .optional()
            .map_err(self.sql())?
            .ok_or(StoreError::NoSuchRecord { id })?
            .map_err(|detail| StoreError::Database { path: self.path.clone(), detail })
    }

    /// Moves a record to the trash.
    pub fn delete(&mut self, id: i64) -> Result<()> {
        self.write::<_, StoreError>(|w| {
            let changed = w
                .tx
                .execute("UPDATE records SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, w.now])
                .map_err(w.sql())?;
            if changed == 0 {
                w.require(id)?;
            }
            Ok(())
        })
    }

    /// Brings a record back from the trash.
    pub fn restore(&mut self, id: i64) -> Result<()> {
        self.write::<_, StoreError>(|w| {
            let changed =
                w.tx.execute("UPDATE records SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])
                    .map_err(w.sql())?;
            if changed == 0 {
                w.require(id)?;
                return Err(StoreError::NotInTrash { id });
            }
            Ok(())
        })
    }

    /// Deletes a record from the trash for good, with its history.
    pub fn purge(&mut self, id: i64) -> Result<()> {
        self.write::<_, StoreError>(|w| {
            let changed =
                w.tx.execute("DELETE FROM records WHERE id = ?1 AND deleted_at IS NOT NULL", [id]).map_err(w.sql())?;
            if changed == 0 {
                w.require(id)?;
                return Err(StoreError::NotInTrash { id });
            }
            Ok(())
        })
    }

    /// Every version of a record, newest first, the current one included.
    pub fn history(&self, id: i64) -> Result<Vec<RecordVersion>> {
        let current = self.get(id)?;
        let mut versions = vec![RecordVersion {
            version: current.version,
            saved_at: current.modified_at,
            status: current.status,
            flavour: current.flavour,
            title: current.summary.title.clone(),
            current: true,
        }];
        let mut stmt = self
            .conn
            .prepare("SELECT version, saved_at, status, flavour, body FROM record_versions WHERE record_id = ?1 ORDER BY version DESC")
            .map_err(self.sql())?;
        let rows = stmt
            .query_map([id], |row| {
                let body: String = row.get(4)?;
                let flavour = parse_flavour(&row.get::<_, String>(3)?);
                let title = body::decode(&body).map(|r| Summary::of(&r, flavour).title).unwrap_or_default();
                Ok(RecordVersion {
                    version: row.get(0)?,
                    saved_at: row.get(1)?,
                    status: Status::parse(&row.get::<_, String>(2)?),
                    flavour,
                    title,
                    current: false,
                })
            })
            .map_err(self.sql())?;
        for row in rows {
            versions.push(row.map_err(self.sql())?);
        }
        Ok(versions)
    }

    /// One version of a record as it was saved.
    pub fn version(&self, id: i64, version: i64) -> Result<StoredRecord> {
        let current = self.get(id)?;
        if current.version == version {
            return Ok(current);
        }
        let (flavour, status, body, saved_at): (String, String, String, i64) = self
            .conn
            .query_row(
                "SELECT flavour, status, body, saved_at FROM record_versions WHERE record_id = ?1 AND version = ?2",
                params![id, version],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(self.sql())?
            .ok_or(StoreError::NoSuchVersion { id, version })?;
        let record = body::decode(&body).map_err(|detail| StoreError::Database {
            path: self.path.clone(),
            detail: format!("record {id} version {version}: {detail}"),
        })?;
        let flavour = parse_flavour(&flavour);
        Ok(StoredRecord {
            summary: Summary::of(&record, flavour),
            id,
            flavour,
            status: Status::parse(&status),
            version,
            record,
            created_at: current.created_at,
            modified_at: saved_at,
            deleted_at: current.deleted_at,
        })
    }

    /// Makes an earlier version current again, as a new save (so nothing is lost).
    pub fn restore_version(&mut self, id: i64, version: i64) -> Result<StoredRecord> {
        let old = self.version(id, version)?;
        self.update(id, &old.record, old.flavour, old.status, None)
    }

    pub fn stats(&self) -> Result<Stats> {
        let mut stats = Stats::default();
        let mut stmt = self
            .conn
            .prepare("SELECT flavour, status, deleted_at IS NOT NULL, count(*) FROM records GROUP BY 1, 2, 3")
            .map_err(self.sql())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, u32>(3)?))
            })
            .map_err(self.sql())?;
        for row in rows {
            let (flavour, status, trashed, n) = row.map_err(self.sql())?;
            if trashed {
                stats.in_trash += n;
            } else {
                stats.records += n;
                *stats.by_flavour.entry(flavour).or_default() += n;
                *stats.by_status.entry(status).or_default() += n;
            }
        }
        Ok(stats)
    }

    /// Visits every record not in the trash, in id order, one at a time (memory stays flat
    /// however large the catalogue).
    pub fn for_each<E: From<StoreError>>(&self, mut visit: impl FnMut(StoredRecord) -> Result<(), E>) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, flavour, status, version, body, created_at, modified_at, deleted_at FROM records WHERE deleted_at IS NULL ORDER BY id")
            .map_err(self.sql())?;
        let mut rows = stmt.query([]).map_err(self.sql())?;
        while let Some(row) = rows.next().map_err(self.sql())? {
            let record = stored_record(row)
                .map_err(self.sql())?
                .map_err(|detail| StoreError::Database { path: self.path.clone(), detail })?;
            visit(record)?;
        }
        Ok(())
    }
}

/// The write side of one transaction (see [`Catalogue::write`]).
pub struct Writer<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
    now: i64,
}

impl Writer<'_> {
    fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |e| StoreError::sqlite(self.path, e)
    }

    fn require(&self, id: i64) -> Result<()> {
        let exists: bool = self
            .tx
            .query_row("SELECT EXISTS (SELECT 1 FROM records WHERE id = ?1)", [id], |r| r.get(0))
            .map_err(self.sql())?;
        if exists {
            Ok(())
        } else {
            Err(StoreError::NoSuchRecord { id })
        }
    }

    pub fn insert(&mut self, record: &Record, flavour: Flavour, status: Status) -> Result<i64> {
        self.insert_derived(record, &Derived::of(record, flavour), status)
    }

    /// [`Writer::insert`] with the derived data already computed (an import computes it
    /// once for the duplicate check and the insert).
    pub fn insert_derived(&mut self, record: &Record, d: &Derived, status: Status) -> Result<i64> {
        let body = body::encode(record);
        let flavour = d.flavour;
        let s = &d.summary;
        let mut stmt = self
            .tx
            .prepare_cached(
                "INSERT INTO records (flavour, status, body, title, sort_title, responsibility, year, language, isbn, control_key, created_at, modified_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            )
            .map_err(self.sql())?;
        stmt.execute(params![
            flavour.as_str(),
            status.as_str(),
            body,
            s.title,
            s.sort_title,
            s.responsibility,
            s.year,
            s.language,
            s.isbn,
            d.control_key,
            self.now
        ])
        .map_err(self.sql())?;
        drop(stmt);
        let id = self.tx.last_insert_rowid();
        write_isbns(&self.tx, id, &d.isbns, true).map_err(self.sql())?;
        Ok(id)
    }

    /// Records (not in the trash) that look like the same work: the same control number
    /// from the same agency, or a shared ISBN. `except` leaves out the record being saved.
    pub fn duplicates_of(&self, record: &Record, flavour: Flavour, except: Option<i64>) -> Result<Vec<Duplicate>> {
        self.duplicates(&Derived::of(record, flavour), except)
    }

    /// [`Writer::duplicates_of`] with the derived data already computed.
    pub fn duplicates(&self, derived: &Derived, except: Option<i64>) -> Result<Vec<Duplicate>> {
        find_duplicates(&self.tx, derived, except).map_err(self.sql())
    }

    pub fn update(
        &mut self,
        id: i64,
        record: &Record,
        flavour: Flavour,
        status: Status,
        expected_version: Option<i64>,
    ) -> Result<()> {
        let current: Option<i64> = self
            .tx
            .query_row("SELECT version FROM records WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(self.sql())?;
        let current = current.ok_or(StoreError::NoSuchRecord { id })?;
        if let Some(expected) = expected_version.filter(|e| *e != current) {
            return Err(StoreError::Conflict { id, expected, current });
        }
        self.tx
            .execute(
                "INSERT INTO record_versions (record_id, version, flavour, status, body, saved_at)
                 SELECT id, version, flavour, status, body, modified_at FROM records WHERE id = ?1",
                [id],
            )
            .map_err(self.sql())?;
        let body = body::encode(record);
        let d = Derived::of(record, flavour);
        let s = &d.summary;
        self.tx
            .execute(
                "UPDATE records SET flavour = ?2, status = ?3, body = ?4, title = ?5, sort_title = ?6, responsibility = ?7,
                 year = ?8, language = ?9, isbn = ?10, control_key = ?11, modified_at = max(?12, modified_at + 1),
                 version = version + 1 WHERE id = ?1",
                params![
                    id,
                    flavour.as_str(),
                    status.as_str(),
                    body,
                    s.title,
                    s.sort_title,
                    s.responsibility,
                    s.year,
                    s.language,
                    s.isbn,
                    d.control_key,
                    self.now
                ],
            )
            .map_err(self.sql())?;
        write_isbns(&self.tx, id, &d.isbns, false).map_err(self.sql())?;
        Ok(())
    }
}

/// Why a record was taken for a duplicate of another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "match", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same 001 from the same agency (003 / 801 $b).
    ControlNumber { key: String },
    /// A shared ISBN (compared as ISBN-13).
    Isbn { isbn13: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Duplicate {
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub id: i64,
    pub reason: DuplicateReason,
}

/// Everything computed from a record body: one function for insert, update and rebuild.
pub struct Derived {
    flavour: Flavour,
    summary: Summary,
    control_key: Option<String>,
    isbns: Vec<String>,
}

impl Derived {
    pub fn of(record: &Record, flavour: Flavour) -> Derived {
        Derived {
            flavour,
            summary: Summary::of(record, flavour),
            control_key: identity::control_key(record, flavour),
            isbns: identity::isbns(record, flavour),
        }
    }
}

/// Replaces a record's ISBN keys (`fresh`: a new record, which has none yet).
fn write_isbns(tx: &Connection, id: i64, isbns: &[String], fresh: bool) -> rusqlite::Result<()> {
    if !fresh {
        tx.prepare_cached("DELETE FROM record_isbns WHERE record_id = ?1")?.execute([id])?;
    }
    let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO record_isbns (isbn13, record_id) VALUES (?1, ?2)")?;
    for isbn in isbns {
        insert.execute(params![isbn, id])?;
    }
    Ok(())
}

/// The most matches reported for one record: enough to show a cataloguer, and a bound on
/// the work when many records share an ISBN (sets, reprints, generated test data).
pub const MAX_DUPLICATES: usize = 10;

fn find_duplicates(conn: &Connection, derived: &Derived, except: Option<i64>) -> rusqlite::Result<Vec<Duplicate>> {
    let except = except.unwrap_or(-1);
    let mut found: Vec<Duplicate> = Vec::new();
    if let Some(key) = &derived.control_key {
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM records WHERE control_key = ?1 AND deleted_at IS NULL AND id != ?2 ORDER BY id LIMIT 10",
        )?;
        for id in stmt.query_map(params![key, except], |r| r.get::<_, i64>(0))? {
            found.push(Duplicate { id: id?, reason: DuplicateReason::ControlNumber { key: key.clone() } });
        }
    }
    // Ordered as the (isbn13, record_id) key is, so LIMIT stops early instead of sorting
    // every record that shares the ISBN.
    let mut stmt = conn.prepare_cached(
        "SELECT i.record_id FROM record_isbns i JOIN records r ON r.id = i.record_id
         WHERE i.isbn13 = ?1 AND r.deleted_at IS NULL AND i.record_id != ?2 ORDER BY i.record_id LIMIT 10",
    )?;
    for isbn in &derived.isbns {
        for id in stmt.query_map(params![isbn, except], |r| r.get::<_, i64>(0))? {
            let id = id?;
            if !found.iter().any(|d| d.id == id) && found.len() < MAX_DUPLICATES {
                found.push(Duplicate { id, reason: DuplicateReason::Isbn { isbn13: isbn.clone() } });
            }
        }
    }
    Ok(found)
}

/// Recomputes the derived columns of every record from its body (after a migration that
/// adds or changes them), inside the migration's transaction.
pub(crate) fn rebuild_derived(tx: &Connection, path: &Path) -> Result<()> {
    let sql = |e| StoreError::sqlite(path, e);
    let mut select = tx.prepare("SELECT id, flavour, body FROM records").map_err(sql)?;
    let mut update = tx
        .prepare(
            "UPDATE records SET title = ?2, sort_title = ?3, responsibility = ?4, year = ?5, language = ?6, isbn = ?7,
             control_key = ?8 WHERE id = ?1",
        )
        .map_err(sql)?;
    let mut rows = select.query([]).map_err(sql)?;
    while let Some(row) = rows.next().map_err(sql)? {
        let (id, flavour, text): (i64, String, String) =
            (row.get(0).map_err(sql)?, row.get(1).map_err(sql)?, row.get(2).map_err(sql)?);
        // A damaged body must not make the whole catalogue unopenable: that record keeps
        // its old derived columns, and the damage shows when the record itself is opened.
        let Ok(record) = body::decode(&text) else { continue };
        let d = Derived::of(&record, parse_flavour(&flavour));
        let s = &d.summary;
        update
            .execute(params![id, s.title, s.sort_title, s.responsibility, s.year, s.language, s.isbn, d.control_key])
            .map_err(sql)?;
        write_isbns(tx, id, &d.isbns, false).map_err(sql)?;
    }
    Ok(())
}

pub(crate) fn parse_flavour(text: &str) -> Flavour {
    text.parse().unwrap_or(Flavour::Unimarc)
}

/// Reads a `records` row; the inner error is a body that no longer parses.
fn stored_record(row: &Row<'_>) -> rusqlite::Result<Result<StoredRecord, String>> {
    let body: String = row.get(4)?;
    let flavour = parse_flavour(&row.get::<_, String>(1)?);
    let record = match body::decode(&body) {
        Ok(r) => r,
        Err(e) => return Ok(Err(format!("record {}: {e}", row.get::<_, i64>(0)?))),
    };
    Ok(Ok(StoredRecord {
        id: row.get(0)?,
        flavour,
        status: Status::parse(&row.get::<_, String>(2)?),
        version: row.get(3)?,
        summary: Summary::of(&record, flavour),
        record,
        created_at: row.get(5)?,
        modified_at: row.get(6)?,
        deleted_at: row.get(7)?,
    }))
}
