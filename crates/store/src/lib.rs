//! The catalogue: one SQLite file holding MARC records losslessly, every earlier version
//! of each, and a trash from which deleted records can be restored.

mod body;
mod catalogue;
mod error;
mod list;
mod schema;

pub use catalogue::{
    Catalogue, Derived, Duplicate, DuplicateReason, RecordVersion, Stats, Status, StoredRecord, Writer, MAX_DUPLICATES,
};
pub use error::StoreError;
pub use list::{ListPage, ListRequest, RecordRow, Scope, SortBy, MAX_PAGE};
pub use schema::LATEST_VERSION;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
