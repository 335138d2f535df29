//! The demo catalogue a new user sees on first start: real works in each flavour, written
//! as .mrk fixtures in `crates/core/demo/`.

use crate::Result;
use qiao_marc::mrk::MrkReader;
use qiao_marc::Flavour;
use qiao_store::{Catalogue, Status};

/// (file name, contents); each record's flavour is detected, as on any import.
pub const FILES: &[(&str, &str)] = &[
    ("cnmarc.mrk", include_str!("../demo/cnmarc.mrk")),
    ("rusmarc.mrk", include_str!("../demo/rusmarc.mrk")),
    ("marc21.mrk", include_str!("../demo/marc21.mrk")),
    ("manuscripts.mrk", include_str!("../demo/manuscripts.mrk")),
];

/// Adds the demo records in one transaction; returns how many.
pub fn seed(catalogue: &mut Catalogue) -> Result<u32> {
    catalogue.write(|w| {
        let mut count = 0;
        for (name, text) in FILES {
            for item in MrkReader::new(text.as_bytes()) {
                let read = item.map_err(|source| crate::Error::Mrk { file: (*name).to_string(), source })?;
                w.insert(&read.record, Flavour::detect(&read.record), Status::Complete)?;
                count += 1;
            }
        }
        Ok(count)
    })
}
