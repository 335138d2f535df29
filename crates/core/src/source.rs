//! Records coming in from a file, in any exchange format, one at a time.

use crate::encoding;
use crate::error::Error;
use crate::Result;
use qiao_charset::Charset;
use qiao_i18n::Message;
use qiao_marc::iso2709::{self, ErrorKind, Iso2709Error, RawRecord, TextError, View};
use qiao_marc::{marcxml, mrk, Record};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The exchange formats Qiao reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Iso2709,
    Marcxml,
    Mrk,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Iso2709 => "iso2709",
            Format::Marcxml => "marcxml",
            Format::Mrk => "mrk",
        }
    }

    /// Tells the format from a file's first bytes.
    pub fn detect(head: &[u8]) -> Option<Format> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        // Whitespace, NUL and SUB fillers precede records in some files.
        let start = head.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0x00 | 0x1A))?;
        let head = &head[start..];
        let leader_shaped = head.len() > 24 && &head[20..22] == b"45" && head.contains(&iso2709::FIELD_TERMINATOR);
        if head.starts_with(b"<") {
            Some(Format::Marcxml)
        } else if head.starts_with(b"=LDR") || head.starts_with(b"=000") {
            Some(Format::Mrk)
        } else if head.len() >= 5 && head[..5].iter().all(u8::is_ascii_digit) || leader_shaped {
            Some(Format::Iso2709)
        } else {
            None
        }
    }

    /// The format a file name suggests, for output files.
    pub fn from_extension(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "mrc" | "iso" | "iso2709" | "marc" | "dat" | "usmarc" => Some(Format::Iso2709),
            "xml" | "marcxml" => Some(Format::Marcxml),
            "mrk" | "txt" => Some(Format::Mrk),
            _ => None,
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "iso2709" | "iso" | "marc" | "mrc" => Ok(Format::Iso2709),
            "marcxml" | "xml" => Ok(Format::Marcxml),
            "mrk" | "text" => Ok(Format::Mrk),
            other => Err(format!("unknown format {other:?} (iso2709, marcxml or mrk)")),
        }
    }
}

/// A record read from a file, with where it was and what had to be put right.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub position: Position,
    pub record: Record,
    pub notes: Vec<Message>,
}

/// Where a record (or a problem) is in its file: the record's number, and the line (text
/// formats) or byte offset (ISO 2709).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Position {
    pub record: u32,
    pub line: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<specta_typescript::Number>))]
    pub offset: Option<u64>,
}

/// A record that could not be read: where, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub position: Position,
    pub message: Message,
}

pub type Item = std::result::Result<Incoming, Unreadable>;

/// Counts the bytes that pass through, shared with whoever reports progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens a file and reads its records lazily (memory stays flat whatever the file's size).
pub fn read_file(
    path: &Path,
    format: Option<Format>,
    encoding: Option<Charset>,
) -> Result<Box<dyn Iterator<Item = Item>>> {
    read_file_counting(path, format, encoding, Arc::new(AtomicU64::new(0)))
}

/// Like [`read_file`], adding every byte read to `bytes_read` (for progress and ETA).
pub fn read_file_counting(
    path: &Path,
    format: Option<Format>,
    encoding: Option<Charset>,
    bytes_read: Arc<AtomicU64>,
) -> Result<Box<dyn Iterator<Item = Item>>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut input = BufReader::with_capacity(1 << 16, Counting { inner: file, count: bytes_read });
    let format = match format {
        Some(f) => f,
        None => {
            let head = input.fill_buf().map_err(|e| Error::io(path, e))?;
            if head.is_empty() {
                return Ok(Box::new(std::iter::empty()));
            }
            Format::detect(head).ok_or_else(|| Error::UnknownFormat { file: path.display().to_string() })?
        }
    };
    Ok(read(input, format, encoding))
}

/// Reads records of a known format from any buffered input.
pub fn read<R: BufRead + 'static>(
    input: R,
    format: Format,
    encoding: Option<Charset>,
) -> Box<dyn Iterator<Item = Item>> {
    match format {
        Format::Mrk => Box::new(mrk::MrkReader::new(input).enumerate().map(|(i, item)| {
            let number = i as u32 + 1;
            match item {
                Ok(read) => Ok(Incoming {
                    position: Position { record: number, line: Some(read.line as u32), offset: None },
                    record: read.record,
                    notes: Vec::new(),
                }),
                Err(e) => Err(Unreadable {
                    position: Position { record: number, line: Some(e.line as u32), offset: None },
                    message: e.message(),
                }),
            }
        })),
        Format::Marcxml => Box::new(marcxml::Reader::new(input).map(|item| match item {
            Ok(read) => Ok(Incoming {
                position: Position { record: read.number as u32, line: Some(read.line as u32), offset: None },
                notes: read.notes.iter().map(|n| n.message()).collect(),
                record: read.record,
            }),
            Err(e) => Err(Unreadable {
                position: Position { record: e.record as u32, line: Some(e.line as u32), offset: None },
                message: e.message(),
            }),
        })),
        Format::Iso2709 => {
            // One buffer for every record's bytes: nothing is allocated per record to frame it.
            let mut reader = iso2709::Reader::new(input);
            Box::new(std::iter::from_fn(move || {
                Some(match reader.next_raw()? {
                    Ok(raw) => decode_iso2709(raw, encoding),
                    Err(e) => Err(Unreadable {
                        position: Position { record: e.record as u32, line: None, offset: Some(e.offset) },
                        message: e.message(),
                    }),
                })
            }))
        }
    }
}

/// Parses one ISO 2709 record in the forced, declared or — when the bytes disagree with
/// the declaration — the sniffed character set.
fn decode_iso2709(raw: &RawRecord, forced: Option<Charset>) -> Item {
    let position = Position { record: raw.number as u32, line: None, offset: Some(raw.offset) };
    let unreadable = |e: Iso2709Error| Unreadable { position, message: e.message() };
    let view = View::new(raw).map_err(unreadable)?;
    let parse = |charset: Charset| {
        let mut decode = |bytes: &[u8]| {
            qiao_charset::decode(charset, bytes).map_err(|e| TextError { offset: e.offset, detail: e.to_string() })
        };
        view.to_record(&mut decode)
    };
    let finish = |parsed: iso2709::Parsed, mut notes: Vec<Message>| {
        notes.extend(parsed.repairs.iter().map(|r| r.message()));
        Ok(Incoming { position, record: parsed.record, notes })
    };
    if let Some(charset) = forced {
        return parse(charset).map_err(unreadable).and_then(|p| finish(p, Vec::new()));
    }
    let declared = encoding::declared(&view);
    let sniff = || qiao_charset::sniff(view.data());
    // Valid multi-byte UTF-8 is no accident: trust it over a MARC-8 or legacy declaration.
    // A record that declares UTF-8 is only sniffed if it does not decode as UTF-8.
    let declares_utf8 = declared == Some(Charset::Utf8);
    let sniffed = if declares_utf8 { None } else { sniff() };
    let first = match (declared, sniffed) {
        (_, Some(Charset::Utf8)) => Charset::Utf8,
        (Some(d), _) => d,
        (None, Some(s)) => s,
        (None, None) => Charset::Utf8,
    };
    let mismatch_note = |used: Charset| match declared {
        Some(d) if d != used => vec![Message::new("repair-charset").arg("declared", d.name()).arg("used", used.name())],
        None if used != Charset::Utf8 => vec![Message::new("repair-charset-undeclared").arg("used", used.name())],
        _ => Vec::new(),
    };
    match parse(first) {
        Ok(parsed) => finish(parsed, mismatch_note(first)),
        Err(e) if matches!(e.kind, ErrorKind::Text { .. }) => {
            let sniffed = if declares_utf8 { sniff() } else { sniffed };
            let retry = sniffed.filter(|s| *s != first).or_else(|| declared.filter(|d| *d != first));
            match retry.map(|charset| (charset, parse(charset))) {
                Some((charset, Ok(parsed))) => finish(parsed, mismatch_note(charset)),
                _ => Err(unreadable(e)),
            }
        }
        Err(e) => Err(unreadable(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_from_their_first_bytes() {
        assert_eq!(Format::detect(b"\xEF\xBB\xBF<?xml version=\"1.0\"?><collection/>"), Some(Format::Marcxml));
        assert_eq!(Format::detect(b"\n\n=LDR  00000nam"), Some(Format::Mrk));
        assert_eq!(Format::detect(b"\x0000755cam  2200241 a 4500"), Some(Format::Iso2709));
        // A damaged length, but a leader's shape and a directory terminator.
        assert_eq!(Format::detect(b"X0150nam a2200061   4500100002500000\x1e"), Some(Format::Iso2709));
        assert_eq!(Format::detect(b"\x1b(3\x1b)4cJGHNGfg"), None);
        assert_eq!(Format::detect(b"{\"leader\": \"x\"}"), None);
        assert_eq!(Format::detect(b"   "), None);
    }
}
