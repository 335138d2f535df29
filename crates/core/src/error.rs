//! Every failure of a core operation, each with the message a person reads.

use qiao_i18n::Message;
use qiao_marc::mrk::MrkError;
use qiao_store::StoreError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{file}: {source}")]
    Mrk { file: String, source: MrkError },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: the disk is full")]
    DiskFull { path: PathBuf },
    #[error("the record text is empty")]
    EmptyRecord,
    #[error("{file}: {skipped} records could not be read; nothing was imported")]
    ImportRefused { file: String, skipped: usize },
    #[error("{file}: not a MARC file Qiao recognizes (ISO 2709, MARCXML or .mrk)")]
    UnknownFormat { file: String },
    #[error("{file}: {message}")]
    Unreadable { file: String, message: Message },
    #[error("{file}: export stopped: {message}")]
    ExportStopped { file: String, message: Message },
    #[error("cancelled; nothing was imported")]
    Cancelled,
}

impl Error {
    /// An I/O failure on `path`, with a full disk named as such.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        let path = path.into();
        if source.raw_os_error() == Some(28) || source.kind() == std::io::ErrorKind::StorageFull {
            Error::DiskFull { path }
        } else {
            Error::Io { path, source }
        }
    }

    pub fn message(&self) -> Message {
        match self {
            Error::Store(e) => e.message(),
            Error::Mrk { file, source } => {
                Message::new("error-import-record").arg("file", file.as_str()).arg("detail", source.message())
            }
            Error::Io { path, source } => {
                Message::new("error-file").arg("file", path.display().to_string()).arg("detail", io_detail(source))
            }
            Error::DiskFull { path } => Message::new("error-disk-full").arg("file", path.display().to_string()),
            Error::EmptyRecord => Message::new("error-empty-record"),
            Error::ImportRefused { file, skipped } => {
                Message::new("error-import-refused").arg("file", file.as_str()).arg("count", *skipped)
            }
            Error::UnknownFormat { file } => Message::new("error-unknown-format").arg("file", file.as_str()),
            Error::Unreadable { file, message } => {
                Message::new("error-import-record").arg("file", file.as_str()).arg("detail", message.clone())
            }
            Error::Cancelled => Message::new("error-import-cancelled"),
            Error::ExportStopped { file, message } => {
                Message::new("error-export-stopped").arg("file", file.as_str()).arg("detail", message.clone())
            }
        }
    }
}

/// The kind of I/O failure as a message, so it is translated too.
fn io_detail(err: &std::io::Error) -> Message {
    use std::io::ErrorKind::*;
    let code = match err.kind() {
        NotFound => "io-not-found",
        PermissionDenied => "io-permission-denied",
        AlreadyExists => "io-already-exists",
        IsADirectory => "io-is-a-directory",
        _ => return Message::new("io-other").arg("detail", err.to_string()),
    };
    Message::new(code)
}

impl From<Error> for Message {
    fn from(err: Error) -> Message {
        err.message()
    }
}
