//! What Qiao does, independent of how it is asked: the app's commands and the `qiao` CLI
//! are thin layers over these functions.

pub mod bench;
pub mod demo;
pub mod encoding;
pub mod error;
pub mod exchange;
pub mod paths;
pub mod settings;
pub mod source;
pub mod template;

pub use error::Error;
pub use exchange::{
    convert, export, export_mrk, export_selection, import_files, import_files_with, Crosswalked, DuplicateFound,
    ExportOptions, ExportReport, ImportControl, ImportOptions, ImportProgress, ImportReport, OnDuplicate, OnUnmappable,
    Problem, Repaired, Selection,
};
pub use paths::Paths;
pub use settings::Settings;
pub use source::{Format, Position};

pub use qiao_charset as charset;
pub use qiao_i18n as i18n;
pub use qiao_marc as marc;
pub use qiao_store as store;

pub type Result<T, E = Error> = std::result::Result<T, E>;
