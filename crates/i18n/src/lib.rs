//! Localization for Qiao, owned by the backend: which language to speak, the Fluent
//! messages of `locales/<lang>/*.ftl`, and ICU for the dates and the sort order people see.

pub mod collation;
pub mod date;
pub mod lang;
pub mod localizer;
pub mod message;

pub use collation::Collation;
pub use lang::Lang;
pub use localizer::Localizer;
pub use message::{Arg, Message};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The .ftl sources compiled into this build: (locale folder, file name, contents).
pub fn sources() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::FILES
}
