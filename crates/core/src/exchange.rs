//! Records in and out of a catalogue as files. Imports are one transaction and report
//! every record they skip; exports never leave a partial file behind.

use crate::error::Error;
use crate::Result;
use qiao_i18n::Message;
use qiao_marc::mrk::{self, MrkReader};
use qiao_marc::Flavour;
use qiao_store::{Catalogue, Status};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Take every record as this flavour instead of detecting it per record.
    pub flavour: Option<Flavour>,
    /// Refuse the whole import if any record cannot be read.
    pub strict: bool,
}

/// A record that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    pub file: String,
    /// 1-based line (text formats) where the record starts or the error is.
    pub line: u32,
    pub message: Message,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub imported: u32,
    pub skipped: Vec<Problem>,
    /// Ids of the imported records, in file order.
    #[cfg_attr(feature = "specta", specta(type = Vec<specta_typescript::Number>))]
    pub ids: Vec<i64>,
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

/// Imports .mrk files into the catalogue in one transaction: either every readable record
/// of every file is added, or (on an I/O or database failure, or a bad record when
/// `strict`) none is.
pub fn import_files(catalogue: &mut Catalogue, files: &[PathBuf], options: &ImportOptions) -> Result<ImportReport> {
    catalogue.write(|w| {
        let mut report = ImportReport::default();
        for path in files {
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            for item in MrkReader::new(BufReader::with_capacity(1 << 16, file)) {
                match item {
                    Ok(read) => {
                        let flavour = options.flavour.unwrap_or_else(|| Flavour::detect(&read.record));
                        report.ids.push(w.insert(&read.record, flavour, Status::Complete)?);
                        report.imported += 1;
                    }
                    Err(e) if matches!(e.kind, mrk::MrkErrorKind::Io(_)) => {
                        return Err(Error::Mrk { file: display_name(path), source: e });
                    }
                    Err(e) => report.skipped.push(Problem {
                        file: display_name(path),
                        line: e.line as u32,
                        message: Error::Mrk { file: display_name(path), source: e }.message(),
                    }),
                }
            }
        }
        if options.strict && !report.skipped.is_empty() {
            let first = &report.skipped[0];
            return Err(Error::ImportRefused { file: first.file.clone(), skipped: report.skipped.len() });
        }
        Ok(report)
    })
}

/// Writes every record (trash excluded) as .mrk. The file appears complete or not at all:
/// records go to a temporary file beside the target, renamed into place at the end.
pub fn export_mrk(catalogue: &Catalogue, target: &Path) -> Result<u32> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::Builder::new().prefix(".qiao-export-").tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut out = BufWriter::with_capacity(1 << 16, temp.as_file());
    let mut count = 0u32;
    catalogue.for_each(|stored| {
        out.write_all(mrk::to_string(&stored.record).as_bytes())
            .and_then(|_| out.write_all(b"\n"))
            .map_err(|e| Error::io(target, e))?;
        count += 1;
        Ok::<_, Error>(())
    })?;
    out.flush().map_err(|e| Error::io(target, e))?;
    drop(out);
    temp.as_file().sync_all().map_err(|e| Error::io(target, e))?;
    temp.persist(target).map_err(|e| Error::io(target, e.error))?;
    Ok(count)
}
