//! Records in and out of a catalogue as files, and from one file format to another.
//! Imports are one transaction and report every record they repaired or skipped; exports
//! never leave a partial file behind and never write a character the target set lacks.

use crate::encoding;
use crate::error::Error;
use crate::source::{self, Format, Incoming, Position};
use crate::Result;
use qiao_charset::Charset;
use qiao_i18n::Message;
use qiao_marc::iso2709::{self, EncodeError};
use qiao_marc::{crosswalk, marcxml, mrk, Flavour, Record};
use qiao_store::{Catalogue, Derived, Duplicate, Status, StoredRecord};
use serde::{Deserialize, Serialize};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Read files as this format instead of detecting it.
    pub format: Option<Format>,
    /// Take every record as this flavour instead of detecting it per record.
    pub flavour: Option<Flavour>,
    /// Decode ISO 2709 in this character set instead of the declared or detected one.
    pub encoding: Option<Charset>,
    /// Refuse the whole import if any record cannot be read.
    pub strict: bool,
    /// What to do with a record the catalogue already has (same 001 and agency, or ISBN).
    pub on_duplicate: OnDuplicate,
}

/// What an import does with a record that matches one already in the catalogue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum OnDuplicate {
    /// Leave the catalogue's record as it is and report the incoming one.
    #[default]
    Skip,
    /// Save the incoming record as a new version of the existing one (history keeps the old).
    Replace,
    /// Add the incoming record beside the existing one.
    Keep,
}

/// An incoming record that matched records already in the catalogue, and what was done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DuplicateFound {
    pub file: String,
    pub position: Position,
    pub matches: Vec<Duplicate>,
    pub action: OnDuplicate,
    /// The record written: the replaced one's id or the kept copy's; none when skipped.
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Number>))]
    pub id: Option<i64>,
}

/// A record that was not imported or converted, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    pub file: String,
    pub position: Position,
    pub message: Message,
}

/// A record that was imported after something in it was put right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Repaired {
    pub file: String,
    pub position: Position,
    pub notes: Vec<Message>,
}

/// The most entries one list of a report holds; beyond that records are only counted, so
/// a report's memory (and what crosses to the window) stays the same whatever the file's
/// size. Totals are always exact.
pub const MAX_LISTED: usize = 5_000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    /// Records added (kept duplicates included).
    pub imported: u32,
    /// Existing records replaced by an incoming duplicate.
    pub replaced: u32,
    /// How many records were repaired, skipped, or matched records already catalogued;
    /// the lists below hold the first [`MAX_LISTED`] of each.
    pub repaired_total: u32,
    pub skipped_total: u32,
    pub duplicates_total: u32,
    pub repaired: Vec<Repaired>,
    pub skipped: Vec<Problem>,
    pub duplicates: Vec<DuplicateFound>,
    /// The user stopped the import and chose to keep what was imported until then.
    pub cancelled: bool,
}

impl ImportReport {
    fn repaired(&mut self, item: Repaired) {
        self.repaired_total += 1;
        listed(&mut self.repaired, item);
    }

    fn skipped(&mut self, item: Problem) {
        self.skipped_total += 1;
        listed(&mut self.skipped, item);
    }

    fn duplicate(&mut self, item: DuplicateFound) {
        self.duplicates_total += 1;
        listed(&mut self.duplicates, item);
    }
}

/// Adds to a report's list while it has room.
fn listed<T>(list: &mut Vec<T>, item: T) {
    if list.len() < MAX_LISTED {
        list.push(item);
    }
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

/// How far an import has got, for a progress bar with a rate and an ETA.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub records: u32,
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub bytes: u64,
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub total_bytes: u64,
}

/// Watching and steering a running import: progress reports and a cancel flag.
pub struct ImportControl<'a> {
    pub progress: &'a mut dyn FnMut(ImportProgress),
    /// Set from another thread to stop the import.
    pub cancel: &'a AtomicBool,
    /// On cancel, keep what was imported so far instead of rolling all of it back.
    pub keep_partial: bool,
}

/// Imports files into the catalogue in one transaction: either every readable record of
/// every file is added, or (on an I/O or database failure, or a bad record when `strict`)
/// none is.
pub fn import_files(catalogue: &mut Catalogue, files: &[PathBuf], options: &ImportOptions) -> Result<ImportReport> {
    let cancel = AtomicBool::new(false);
    let control = ImportControl { progress: &mut |_| {}, cancel: &cancel, keep_partial: false };
    import_files_with(catalogue, files, options, control)
}

/// [`import_files`] with progress reports and cancellation. A cancelled import rolls back
/// unless `keep_partial`, in which case the records imported so far stay and the report
/// says it was cancelled.
pub fn import_files_with(
    catalogue: &mut Catalogue,
    files: &[PathBuf],
    options: &ImportOptions,
    control: ImportControl<'_>,
) -> Result<ImportReport> {
    let total_bytes = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let bytes = Arc::new(AtomicU64::new(0));
    let mut last_report = Instant::now();
    catalogue.write(|w| {
        let mut report = ImportReport::default();
        'files: for path in files {
            let file = display_name(path);
            for item in source::read_file_counting(path, options.format, options.encoding, bytes.clone())? {
                if control.cancel.load(Ordering::Relaxed) {
                    if control.keep_partial {
                        report.cancelled = true;
                        break 'files;
                    }
                    return Err(Error::Cancelled);
                }
                if last_report.elapsed().as_millis() >= 100 {
                    last_report = Instant::now();
                    let seen = report.imported + report.replaced + report.skipped_total;
                    (control.progress)(ImportProgress {
                        records: seen,
                        bytes: bytes.load(Ordering::Relaxed),
                        total_bytes,
                    });
                }
                match item {
                    Ok(Incoming { position, record, notes }) => {
                        let flavour = options.flavour.unwrap_or_else(|| Flavour::detect(&record));
                        let derived = Derived::of(&record, flavour);
                        let matches = w.duplicates(&derived, None)?;
                        let written = match (matches.first(), options.on_duplicate) {
                            (None, _) | (Some(_), OnDuplicate::Keep) => {
                                report.imported += 1;
                                Some(w.insert_derived(&record, &derived, Status::Complete)?)
                            }
                            (Some(first), OnDuplicate::Replace) => {
                                w.update(first.id, &record, flavour, Status::Complete, None)?;
                                report.replaced += 1;
                                Some(first.id)
                            }
                            (Some(_), OnDuplicate::Skip) => None,
                        };
                        if !matches.is_empty() {
                            let action = options.on_duplicate;
                            report.duplicate(DuplicateFound {
                                file: file.clone(),
                                position,
                                matches,
                                action,
                                id: written,
                            });
                        }
                        if written.is_some() && !notes.is_empty() {
                            report.repaired(Repaired { file: file.clone(), position, notes });
                        }
                    }
                    Err(bad) if is_read_failure(&bad.message) => {
                        return Err(Error::Unreadable { file: file.clone(), message: bad.message });
                    }
                    Err(bad) => report.skipped(Problem {
                        file: file.clone(),
                        position: bad.position,
                        message: Message::new("error-import-record")
                            .arg("file", file.as_str())
                            .arg("detail", bad.message),
                    }),
                }
            }
        }
        if options.strict && report.skipped_total > 0 {
            let first = &report.skipped[0];
            return Err(Error::ImportRefused { file: first.file.clone(), skipped: report.skipped_total as usize });
        }
        let seen = report.imported + report.replaced + report.skipped_total;
        (control.progress)(ImportProgress { records: seen, bytes: bytes.load(Ordering::Relaxed), total_bytes });
        Ok(report)
    })
}

/// An I/O failure mid-file stops the import: the rest of the file was never seen.
fn is_read_failure(message: &Message) -> bool {
    message.code.ends_with("-read-failed")
}

/// What to do with a record that has a character the target character set cannot hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum OnUnmappable {
    /// Stop the export; no file is left behind.
    #[default]
    Stop,
    /// Leave the record out and report it.
    Skip,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: Format,
    /// ISO 2709 only: MARCXML and .mrk are always UTF-8.
    pub encoding: Charset,
    /// Crosswalk every record to this flavour (each from its own); `None` keeps each as it is.
    pub flavour: Option<Flavour>,
    pub on_unmappable: OnUnmappable,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: Format::Iso2709,
            encoding: Charset::Utf8,
            flavour: None,
            on_unmappable: OnUnmappable::Stop,
        }
    }
}

/// A record that the crosswalk to the target flavour wrote without some of its data: what
/// was left behind, field by field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Crosswalked {
    pub file: String,
    pub position: Position,
    pub from: Flavour,
    pub to: Flavour,
    pub losses: Vec<Message>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportReport {
    pub written: u32,
    /// How many records each list below concerns; the lists hold the first [`MAX_LISTED`].
    pub skipped_total: u32,
    pub repaired_total: u32,
    pub unreadable_total: u32,
    pub losses_total: u32,
    /// Records left out (a character the target set lacks, a record too long for ISO 2709).
    pub skipped: Vec<Problem>,
    /// Records read with repairs (convert only).
    pub repaired: Vec<Repaired>,
    /// Records that could not be read (convert only).
    pub unreadable: Vec<Problem>,
    /// Records the crosswalk to another flavour wrote without some data.
    pub losses: Vec<Crosswalked>,
}

impl ExportReport {
    fn skipped(&mut self, item: Problem) {
        self.skipped_total += 1;
        listed(&mut self.skipped, item);
    }

    fn repaired(&mut self, item: Repaired) {
        self.repaired_total += 1;
        listed(&mut self.repaired, item);
    }

    fn unreadable(&mut self, item: Problem) {
        self.unreadable_total += 1;
        listed(&mut self.unreadable, item);
    }

    fn losses(&mut self, item: Crosswalked) {
        self.losses_total += 1;
        listed(&mut self.losses, item);
    }
}

/// Writes records to a temporary file beside the target and renames it into place once
/// complete, so a failed or cancelled export never leaves a file that looks whole.
struct Output {
    target: PathBuf,
    temp: tempfile::NamedTempFile,
    format: Format,
    charset: Charset,
    flavour: Option<Flavour>,
    started: bool,
}

/// Why one record could not be written.
enum RecordFailure {
    /// The record cannot be written this way (skip or stop, as the user chose).
    Refused(Message),
    /// The output itself failed: stop.
    Fatal(Error),
}

impl Output {
    fn create(target: &Path, options: &ExportOptions) -> Result<Output> {
        let (format, charset) = (options.format, options.encoding);
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp =
            tempfile::Builder::new().prefix(".qiao-export-").tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        let charset = if format == Format::Iso2709 { charset } else { Charset::Utf8 };
        Ok(Output { target: target.to_path_buf(), temp, format, charset, flavour: options.flavour, started: false })
    }

    /// Crosswalks one record and writes it, counting it in `report` under `file` and
    /// `position`: one the output refuses stops everything or is listed as skipped, as
    /// `on_unmappable` says.
    #[allow(clippy::too_many_arguments)]
    fn put(
        &mut self,
        out: &mut BufWriter<std::fs::File>,
        report: &mut ExportReport,
        record: Record,
        from: impl FnOnce(&Record) -> Flavour,
        file: &str,
        position: Position,
        on_unmappable: OnUnmappable,
    ) -> Result<()> {
        let (record, losses) = self.crosswalk(record, from);
        match self.write(out, record, &position.record.to_string()) {
            Ok(()) => {
                report.written += 1;
                if let Some((from, to, losses)) = losses {
                    report.losses(Crosswalked { file: file.to_string(), position, from, to, losses });
                }
            }
            Err(RecordFailure::Fatal(e)) => return Err(e),
            Err(RecordFailure::Refused(message)) => match on_unmappable {
                OnUnmappable::Stop => {
                    return Err(Error::ExportStopped { file: display_name(&self.target), message });
                }
                OnUnmappable::Skip => report.skipped(Problem { file: file.to_string(), position, message }),
            },
        }
        Ok(())
    }

    /// The record in the target flavour, with what the crosswalk left behind (nothing when
    /// no flavour was asked for or the record already is in it).
    /// `from` tells the record's own flavour; it is asked only when a target flavour was
    /// chosen (detecting it costs a pass over the record).
    fn crosswalk(
        &self,
        record: Record,
        from: impl FnOnce(&Record) -> Flavour,
    ) -> (Record, Option<(Flavour, Flavour, Vec<Message>)>) {
        let Some(to) = self.flavour else { return (record, None) };
        let from = from(&record);
        if from == to {
            return (record, None);
        }
        let converted = crosswalk::convert(&record, from, to);
        let losses = converted.losses.iter().map(|l| l.message()).collect::<Vec<_>>();
        (converted.record, (!losses.is_empty()).then_some((from, to, losses)))
    }

    fn write(
        &mut self,
        out: &mut BufWriter<std::fs::File>,
        mut record: Record,
        id: &str,
    ) -> std::result::Result<(), RecordFailure> {
        let io = |e: std::io::Error, target: &Path| RecordFailure::Fatal(Error::io(target, e));
        encoding::declare(&mut record, self.charset);
        match self.format {
            Format::Mrk => out
                .write_all(mrk::to_string(&record).as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .map_err(|e| io(e, &self.target)),
            Format::Marcxml => {
                if !self.started {
                    marcxml::write_start(&mut *out).map_err(|e| io(e, &self.target))?;
                    self.started = true;
                }
                marcxml::write_record(&mut *out, &record).map_err(|e| match e {
                    marcxml::WriteError::Io(e) => io(e, &self.target),
                    other => RecordFailure::Refused(other.message().arg("record", id)),
                })
            }
            Format::Iso2709 => {
                let charset = self.charset;
                let mut unmappable = None;
                let mut encode = |text: &str, out: &mut Vec<u8>| match charset {
                    Charset::Utf8 => iso2709::encode_utf8(text, out),
                    _ => match qiao_charset::encode(charset, text) {
                        Ok(bytes) => {
                            out.extend_from_slice(&bytes);
                            Ok(())
                        }
                        Err(e) => {
                            let detail = e.to_string();
                            unmappable = Some(e);
                            Err(EncodeError { detail })
                        }
                    },
                };
                let bytes = iso2709::write(&record, &mut encode).map_err(|e| {
                    RecordFailure::Refused(match (e, unmappable.take()) {
                        (iso2709::WriteError::Text { tag, .. }, Some(u)) => Message::new("export-unmappable")
                            .arg("record", id)
                            .arg("tag", tag)
                            .arg("character", u.character.to_string())
                            .arg("code", format!("U+{:04X}", u.code))
                            .arg("charset", charset.name()),
                        (iso2709::WriteError::RecordTooLong(n), _) => {
                            Message::new("export-record-too-long").arg("record", id).arg("length", n)
                        }
                        (iso2709::WriteError::FieldTooLong { tag, length }, _) => Message::new("export-field-too-long")
                            .arg("record", id)
                            .arg("tag", tag)
                            .arg("length", length),
                        (iso2709::WriteError::Text { tag, detail }, None) => {
                            Message::new("export-text").arg("record", id).arg("tag", tag).arg("detail", detail)
                        }
                        (iso2709::WriteError::Leader { position }, _) => {
                            Message::new("export-bad-leader").arg("record", id).arg("position", position)
                        }
                        (iso2709::WriteError::BadIndicator { tag, indicator }, _) => {
                            Message::new("export-bad-indicator")
                                .arg("record", id)
                                .arg("tag", tag)
                                .arg("code", format!("U+{:04X}", indicator as u32))
                        }
                        (iso2709::WriteError::ControlCharacter { tag, code }, _) => {
                            Message::new("export-control-character")
                                .arg("record", id)
                                .arg("tag", tag)
                                .arg("code", format!("U+{code:04X}"))
                        }
                    })
                })?;
                out.write_all(&bytes).map_err(|e| io(e, &self.target))
            }
        }
    }

    fn finish(mut self, mut out: BufWriter<std::fs::File>) -> Result<()> {
        if self.format == Format::Marcxml {
            if !self.started {
                marcxml::write_start(&mut out).map_err(|e| Error::io(&self.target, e))?;
                self.started = true;
            }
            marcxml::write_end(&mut out).map_err(|e| Error::io(&self.target, e))?;
        }
        out.flush().map_err(|e| Error::io(&self.target, e))?;
        drop(out);
        self.temp.as_file().sync_all().map_err(|e| Error::io(&self.target, e))?;
        self.temp.persist(&self.target).map_err(|e| Error::io(&self.target, e.error))?;
        Ok(())
    }
}

fn writer_for(output: &Output) -> Result<BufWriter<std::fs::File>> {
    let file = output.temp.as_file().try_clone().map_err(|e| Error::io(&output.target, e))?;
    Ok(BufWriter::with_capacity(1 << 16, file))
}

/// Which records an export writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Selection {
    /// Every record not in the trash.
    #[default]
    All,
    /// These records, in this order (chosen by the cataloguer: the trash is no exception).
    Records {
        #[cfg_attr(feature = "specta", specta(type = Vec<specta_typescript::Number>))]
        ids: Vec<i64>,
    },
}

/// Writes every record (trash excluded).
pub fn export(catalogue: &Catalogue, target: &Path, options: &ExportOptions) -> Result<ExportReport> {
    export_selection(catalogue, &Selection::All, target, options)
}

/// Writes the records of `selection`; nothing is written if one of them does not exist.
pub fn export_selection(
    catalogue: &Catalogue,
    selection: &Selection,
    target: &Path,
    options: &ExportOptions,
) -> Result<ExportReport> {
    let mut output = Output::create(target, options)?;
    let mut out = writer_for(&output)?;
    let mut report = ExportReport::default();
    let file = display_name(target);
    let mut write = |stored: StoredRecord| {
        let position = Position { record: stored.id as u32, line: None, offset: None };
        let flavour = stored.flavour;
        output.put(&mut out, &mut report, stored.record, |_| flavour, &file, position, options.on_unmappable)
    };
    match selection {
        Selection::All => catalogue.for_each(&mut write)?,
        Selection::Records { ids } => {
            for id in ids {
                write(catalogue.get(*id)?)?;
            }
        }
    }
    output.finish(out)?;
    Ok(report)
}

/// Writes every record as .mrk (the CLI's historical default).
pub fn export_mrk(catalogue: &Catalogue, target: &Path) -> Result<u32> {
    let options = ExportOptions { format: Format::Mrk, ..ExportOptions::default() };
    Ok(export(catalogue, target, &options)?.written)
}

/// Converts a file from one format (and character set) to another, no catalogue involved.
pub fn convert(input: &Path, target: &Path, from: &ImportOptions, to: &ExportOptions) -> Result<ExportReport> {
    let mut output = Output::create(target, to)?;
    let mut out = writer_for(&output)?;
    let mut report = ExportReport::default();
    let file = display_name(input);
    for item in source::read_file(input, from.format, from.encoding)? {
        match item {
            Ok(Incoming { position, record, notes }) => {
                let source_flavour = |record: &Record| from.flavour.unwrap_or_else(|| Flavour::detect(record));
                output.put(&mut out, &mut report, record, source_flavour, &file, position, to.on_unmappable)?;
                if !notes.is_empty() {
                    report.repaired(Repaired { file: file.clone(), position, notes });
                }
            }
            Err(bad) if is_read_failure(&bad.message) => {
                return Err(Error::Unreadable { file: file.clone(), message: bad.message });
            }
            Err(bad) => report.unreadable(Problem {
                file: file.clone(),
                position: bad.position,
                message: Message::new("error-import-record").arg("file", file.as_str()).arg("detail", bad.message),
            }),
        }
    }
    if from.strict && report.unreadable_total > 0 {
        return Err(Error::ImportRefused { file, skipped: report.unreadable_total as usize });
    }
    output.finish(out)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lists_stop_growing_but_totals_stay_exact() {
        let mut report = ImportReport::default();
        let problem = |n: u32| Problem {
            file: "big.mrc".into(),
            position: Position { record: n, line: None, offset: None },
            message: Message::new("iso2709-no-directory"),
        };
        for n in 0..(MAX_LISTED as u32 + 3) {
            report.skipped(problem(n));
        }
        assert_eq!(report.skipped_total, MAX_LISTED as u32 + 3);
        assert_eq!(report.skipped.len(), MAX_LISTED);
        assert_eq!(report.skipped.last().map(|p| p.position.record), Some(MAX_LISTED as u32 - 1));

        let mut export = ExportReport::default();
        export.unreadable(problem(1));
        assert_eq!((export.unreadable_total, export.unreadable.len()), (1, 1));
    }
}
