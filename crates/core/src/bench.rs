//! `qiao bench`: measured speed and memory of the interchange paths, on a generated file,
//! side by side with yaz-marcdump when it is installed.
//!
//! Each phase reports records per second and its own peak resident memory (on Linux the
//! high-water mark is reset between phases), so running two sizes shows whether memory
//! grows with the file.

use crate::error::Error;
use crate::source::Format;
use crate::{convert, import_files, ExportOptions, ImportOptions, Result};
use qiao_i18n::Message;
use qiao_marc::iso2709;
use qiao_marc::{mrk, Field, Record, Subfield};
use qiao_store::Catalogue;
use serde::Serialize;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    /// A message id naming the phase (`bench-parse`, …).
    pub name: String,
    pub records: u64,
    pub seconds: f64,
    pub records_per_second: f64,
    /// Peak resident memory during the phase, in KiB (Linux only).
    pub peak_kib: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub records: u64,
    pub file_bytes: u64,
    pub phases: Vec<Phase>,
}

/// Writes `count` UTF-8 ISO 2709 records made from `seeds`, each one different (its own
/// 001, title words and a note), so nothing is measured on one record repeated.
pub fn generate(path: &Path, seeds: &[Record], count: u64) -> Result<u64> {
    const WORDS: &[&str] =
        &["мост", "река", "桥", "河", "library", "север", "东方", "свет", "山", "time", "книга", "书"];
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut written = 0;
    for i in 0..count {
        let mut record = seeds[(i % seeds.len() as u64) as usize].clone();
        for field in &mut record.fields {
            match field {
                Field::Control { tag, value } if tag.as_str() == "001" => *value = format!("BENCH-{i:08}"),
                // Each copy is its own book: its own ISBN (valid, so it is indexed as one).
                Field::Data { tag, subfields, .. } if matches!(tag.as_str(), "010" | "020") => {
                    if let Some(a) = subfields.iter_mut().find(|s| s.code == 'a') {
                        a.value = isbn13_for(i);
                    }
                }
                Field::Data { tag, subfields, .. } if matches!(tag.as_str(), "200" | "245") => {
                    if let Some(a) = subfields.iter_mut().find(|s| s.code == 'a') {
                        let (w1, w2) = (WORDS[(next() % 12) as usize], WORDS[(next() % 12) as usize]);
                        a.value = format!("{w1} {w2} {}", a.value);
                    }
                }
                _ => {}
            }
        }
        if let Some(tag) = qiao_marc::Tag::parse("500") {
            let note = format!("Bench copy {i}, shelf {}", next() % 10_000);
            record.fields.push(Field::Data { tag, ind1: ' ', ind2: ' ', subfields: vec![Subfield::new('a', note)] });
        }
        let bytes = iso2709::write(&record, &mut iso2709::encode_utf8)
            .map_err(|e| Error::Io { path: path.to_path_buf(), source: std::io::Error::other(e.to_string()) })?;
        out.write_all(&bytes).map_err(|e| Error::io(path, e))?;
        written += 1;
    }
    out.flush().map_err(|e| Error::io(path, e))?;
    Ok(written)
}

/// A valid ISBN-13 made from a number ("978" prefix, nine digits, check digit).
fn isbn13_for(n: u64) -> String {
    let body = format!("978{:09}", n % 1_000_000_000);
    let sum: u32 = body.bytes().enumerate().map(|(k, b)| u32::from(b - b'0') * if k % 2 == 0 { 1 } else { 3 }).sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// The demo records plus every UTF-8 record of the corpus that is found.
pub fn seeds(corpus: Option<&Path>) -> Vec<Record> {
    let mut records: Vec<Record> =
        crate::demo::FILES.iter().flat_map(|(_, text)| mrk::parse_str(text).unwrap_or_default()).collect();
    if let Some(dir) = corpus {
        for file in [
            "yaz/marccol1.u8.marc",
            "yaz/marccol5.u8.marc",
            "pymarc/test.dat",
            "marcjs/bib.mrc",
            "perl-MARC-File-MiJ/test.mrc",
        ] {
            if let Ok(bytes) = std::fs::read(dir.join(file)) {
                records.extend(iso2709::read_bytes(&bytes).into_iter().flatten().map(|p| p.record));
            }
        }
    }
    records
}

/// Resets the peak-memory mark (Linux: writing 5 to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn phase(name: &str, records: u64, work: impl FnOnce() -> Result<u64>) -> Result<Phase> {
    reset_peak();
    let start = Instant::now();
    let counted = work()?;
    let seconds = start.elapsed().as_secs_f64();
    let records = if counted > 0 { counted } else { records };
    Ok(Phase {
        name: name.to_string(),
        records,
        seconds,
        records_per_second: records as f64 / seconds.max(1e-9),
        peak_kib: peak_kib(),
    })
}

/// Runs a program, timing it (its memory is its own, not this process's).
fn external(name: &str, records: u64, program: &str, args: &[&str], stdout_to: &Path) -> Option<Phase> {
    let out = std::fs::File::create(stdout_to).ok()?;
    let start = Instant::now();
    let status = Command::new(program).args(args).stdout(out).stderr(Stdio::null()).status().ok()?;
    let seconds = start.elapsed().as_secs_f64();
    status.success().then(|| Phase {
        name: name.to_string(),
        records,
        seconds,
        records_per_second: records as f64 / seconds.max(1e-9),
        peak_kib: None,
    })
}

/// Generates the file and measures every phase in `dir`.
pub fn run(dir: &Path, count: u64, corpus: Option<&Path>, with_yaz: bool) -> Result<BenchReport> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let input: PathBuf = dir.join(format!("bench-{count}.mrc"));
    let seeds = seeds(corpus);
    generate(&input, &seeds, count)?;
    let file_bytes = std::fs::metadata(&input).map_err(|e| Error::io(&input, e))?.len();
    let xml = dir.join(format!("bench-{count}.xml"));
    let back = dir.join(format!("bench-{count}.back.mrc"));
    let mut phases = Vec::new();

    phases.push(phase("bench-parse", count, || {
        // Parsing: framing, leader, directory, every field's extent and terminator, every
        // subfield code, and the text checked to be UTF-8 — everything but copying the text
        // out (which import and conversion do, and are measured doing).
        let file = std::fs::File::open(&input).map_err(|e| Error::io(&input, e))?;
        let unreadable = |message| Error::Unreadable { file: input.display().to_string(), message };
        let mut reader = iso2709::Reader::new(BufReader::with_capacity(1 << 16, file));
        let mut n = 0;
        while let Some(raw) = reader.next_raw() {
            let raw = raw.map_err(|e| unreadable(e.message()))?;
            let view = iso2709::View::new(raw).map_err(|e| unreadable(e.message()))?;
            if let Err(e) = iso2709::check_utf8(view.data()) {
                let at = raw.offset + (raw.bytes.len() - view.data().len() + e.offset) as u64;
                return Err(unreadable(Message::new("bench-not-utf8").arg("record", raw.number).arg("offset", at)));
            }
            n += 1;
        }
        Ok(n)
    })?);
    let to_xml = ExportOptions { format: Format::Marcxml, ..ExportOptions::default() };
    phases.push(phase("bench-iso-to-xml", count, || {
        Ok(convert(&input, &xml, &ImportOptions::default(), &to_xml)?.written as u64)
    })?);
    phases.push(phase("bench-xml-to-iso", count, || {
        Ok(convert(&xml, &back, &ImportOptions::default(), &ExportOptions::default())?.written as u64)
    })?);
    let db = dir.join(format!("bench-{count}.qiao"));
    let _ = std::fs::remove_file(&db);
    phases.push(phase("bench-import", count, || {
        // Every generated record is distinct (001, ISBN), so each is written after its
        // duplicate lookups find nothing, as in an import of new records.
        let mut catalogue = Catalogue::create(&db)?;
        Ok(import_files(&mut catalogue, std::slice::from_ref(&input), &ImportOptions::default())?.imported as u64)
    })?);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    if with_yaz {
        let input_s = input.display().to_string();
        let yaz_xml = dir.join(format!("bench-{count}.yaz.xml"));
        let yaz_xml_s = yaz_xml.display().to_string();
        if let Some(p) = external(
            "bench-yaz-iso-to-xml",
            count,
            "yaz-marcdump",
            &["-i", "marc", "-o", "marcxml", "-f", "utf-8", "-t", "utf-8", &input_s],
            &yaz_xml,
        ) {
            phases.push(p);
            let sink = dir.join(format!("bench-{count}.yaz.mrc"));
            if let Some(p) = external(
                "bench-yaz-xml-to-iso",
                count,
                "yaz-marcdump",
                &["-i", "marcxml", "-o", "marc", &yaz_xml_s],
                &sink,
            ) {
                phases.push(p);
            }
            let _ = std::fs::remove_file(sink);
        }
        let _ = std::fs::remove_file(yaz_xml);
    }
    for f in [&xml, &back] {
        let _ = std::fs::remove_file(f);
    }
    Ok(BenchReport { records: count, file_bytes, phases })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_isbns_are_valid_and_distinct() {
        let a = isbn13_for(42);
        assert_eq!(a.len(), 13);
        assert_eq!(qiao_marc::identity::isbn13(&a).as_deref(), Some(a.as_str()));
        assert_ne!(isbn13_for(43), a);
    }
}
