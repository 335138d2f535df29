//! MARC records as Qiao stores them: one model for every flavour (MARC21 and the UNIMARC
//! family), lossless (field order, repeated fields and subfields, blank indicators), plus
//! the MarcBreaker text format (`.mrk`) and the per-flavour summary used for listing.

pub mod crosswalk;
pub mod flavour;
pub mod identity;
pub mod iso2709;
pub mod marcxml;
pub mod mrk;
pub mod record;
pub mod summary;

pub use flavour::Flavour;
pub use record::{Field, Leader, Record, Subfield, Tag};
pub use summary::Summary;
