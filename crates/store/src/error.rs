//! What can go wrong with a catalogue file, each case with its own message for a person.

use qiao_i18n::Message;
use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: a file of that name already exists")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: no such catalogue")]
    NotFound { path: PathBuf },
    #[error("{path}: not a Qiao catalogue")]
    NotACatalogue { path: PathBuf },
    #[error("{path}: written by a newer Qiao (schema {found}; this version knows up to {supported})")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: locked by another program")]
    Locked { path: PathBuf },
    #[error("{path}: the catalogue is read-only")]
    ReadOnly { path: PathBuf },
    #[error("{path}: the disk is full")]
    DiskFull { path: PathBuf },
    #[error("{path}: the catalogue file is damaged")]
    Corrupt { path: PathBuf },
    #[error("{path}: backup before upgrading failed: {detail}")]
    BackupFailed { path: PathBuf, detail: String },
    #[error("record {id} does not exist")]
    NoSuchRecord { id: i64 },
    #[error("record {id} has no version {version}")]
    NoSuchVersion { id: i64, version: i64 },
    #[error("record {id} was changed elsewhere (now version {current}, edited from {expected})")]
    Conflict { id: i64, expected: i64, current: i64 },
    #[error("record {id} is not in the trash")]
    NotInTrash { id: i64 },
    #[error("{path}: {detail}")]
    Database { path: PathBuf, detail: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl StoreError {
    /// Sorts an SQLite failure into the case a person can act on.
    pub(crate) fn sqlite(path: &Path, err: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::NotADatabase) => StoreError::NotACatalogue { path },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path },
            _ => StoreError::Database { path, detail: err.to_string() },
        }
    }

    /// The localizable form: a Fluent id and its arguments.
    pub fn message(&self) -> Message {
        let at = |code: &str, path: &Path| Message::new(code).arg("file", path.display().to_string());
        match self {
            StoreError::AlreadyExists { path } => at("error-catalogue-exists", path),
            StoreError::NotFound { path } => at("error-catalogue-not-found", path),
            StoreError::NotACatalogue { path } => at("error-not-a-catalogue", path),
            StoreError::NewerSchema { path, found, supported } => {
                at("error-catalogue-newer", path).arg("found", *found).arg("supported", *supported)
            }
            StoreError::Locked { path } => at("error-catalogue-locked", path),
            StoreError::ReadOnly { path } => at("error-catalogue-read-only", path),
            StoreError::DiskFull { path } => at("error-disk-full", path),
            StoreError::Corrupt { path } => at("error-catalogue-corrupt", path),
            StoreError::BackupFailed { path, detail } => at("error-backup-failed", path).arg("detail", detail.as_str()),
            StoreError::NoSuchRecord { id } => Message::new("error-no-such-record").arg("id", *id),
            StoreError::NoSuchVersion { id, version } => {
                Message::new("error-no-such-version").arg("id", *id).arg("version", *version)
            }
            StoreError::Conflict { id, expected, current } => {
                Message::new("error-record-conflict").arg("id", *id).arg("expected", *expected).arg("current", *current)
            }
            StoreError::NotInTrash { id } => Message::new("error-not-in-trash").arg("id", *id),
            StoreError::Database { path, detail } => at("error-database", path).arg("detail", detail.as_str()),
            StoreError::Io { path, source } => at("error-file", path).arg("detail", source.to_string()),
        }
    }
}

impl From<StoreError> for Message {
    fn from(err: StoreError) -> Message {
        err.message()
    }
}
