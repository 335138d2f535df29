//! ISO 2709, the exchange container of every MARC flavour.
//!
//! Reading has two layers. [`Reader`] frames records in a byte stream (one record in memory
//! at a time) and copes with what real files do: stray bytes between records, declared
//! lengths that are off, a missing final terminator. [`parse`] then reads the leader,
//! directory and fields of one record, repairing what it safely can (lengths off by a few
//! bytes, a damaged base address, odd indicator counts) and noting every repair; what it
//! cannot repair is an error naming the record, the byte offset in the file and what was
//! expected. Text is decoded by the caller's function, so any character set plugs in.
//!
//! Lengths and offsets are in bytes, never characters: a Han character is three bytes in
//! UTF-8.

use crate::record::{Field, Leader, Record, Subfield, Tag};
use qiao_i18n::Message;
use std::io::{self, BufRead};

pub const RECORD_TERMINATOR: u8 = 0x1D;
pub const FIELD_TERMINATOR: u8 = 0x1E;
pub const SUBFIELD_DELIMITER: u8 = 0x1F;
/// The most bytes a record may have: the length is five digits.
pub const MAX_RECORD_LENGTH: usize = 99_999;
/// The most bytes a field may have: its directory length is four digits.
pub const MAX_FIELD_LENGTH: usize = 9_999;

/// A record's bytes as framed in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// 1-based position of the record in the file.
    pub number: usize,
    /// Byte offset of the record's first byte in the file.
    pub offset: u64,
    /// From the first length digit to the record terminator, inclusive (when present).
    pub bytes: Vec<u8>,
    /// What framing had to repair.
    pub repairs: Vec<Repair>,
}

/// Something that was wrong in the file and was put right; reported, never silent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// Bytes between records that belonged to no record (line breaks, padding, junk).
    StrayBytes { count: usize },
    /// The leader's record length disagreed with where the record terminator is.
    RecordLength { declared: Option<usize>, actual: usize },
    /// The file ended without the last record's terminator.
    MissingRecordTerminator,
    /// The base address was damaged; the directory's end was used instead.
    BaseAddress { declared: Option<usize>, actual: usize },
    /// A field's directory length disagreed with where its terminator is.
    FieldLength { tag: String, declared: usize, actual: usize },
    /// A field had no terminator before the next field or the end of the record.
    MissingFieldTerminator { tag: String },
    /// A data field had other than two indicator characters before its first subfield.
    Indicators { tag: String, found: String },
    /// A subfield delimiter with no code and no data.
    EmptySubfield { tag: String },
    /// Directory bytes left over that make no whole entry.
    DirectoryRemainder { bytes: usize },
}

impl Repair {
    pub fn message(&self) -> Message {
        match self {
            Repair::StrayBytes { count } => Message::new("repair-stray-bytes").arg("count", *count),
            Repair::RecordLength { declared, actual } => Message::new("repair-record-length")
                .arg("declared", declared.map(|d| d.to_string()).unwrap_or_else(|| "?".into()))
                .arg("actual", *actual),
            Repair::MissingRecordTerminator => Message::new("repair-missing-record-terminator"),
            Repair::BaseAddress { declared, actual } => Message::new("repair-base-address")
                .arg("declared", declared.map(|d| d.to_string()).unwrap_or_else(|| "?".into()))
                .arg("actual", *actual),
            Repair::FieldLength { tag, declared, actual } => Message::new("repair-field-length")
                .arg("tag", tag.as_str())
                .arg("declared", *declared)
                .arg("actual", *actual),
            Repair::MissingFieldTerminator { tag } => {
                Message::new("repair-missing-field-terminator").arg("tag", tag.as_str())
            }
            Repair::Indicators { tag, found } => {
                Message::new("repair-indicators").arg("tag", tag.as_str()).arg("found", found.as_str())
            }
            Repair::EmptySubfield { tag } => Message::new("repair-empty-subfield").arg("tag", tag.as_str()),
            Repair::DirectoryRemainder { bytes } => Message::new("repair-directory-remainder").arg("count", *bytes),
        }
    }
}

/// Why a record could not be read. `offset` is the byte offset in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {record}, byte {offset}: {kind}")]
pub struct Iso2709Error {
    pub record: usize,
    pub offset: u64,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("{0} bytes are too few for a record (a leader alone has 24)")]
    TooShort(usize),
    #[error("leader position {0} is not an ASCII character")]
    LeaderNotAscii(usize),
    #[error("no directory terminator (0x1E) after the leader")]
    NoDirectory,
    #[error("directory entry {index} is not tag, length and start ({found:?})")]
    BadDirectoryEntry { index: usize, found: String },
    #[error("field {tag} starts at {start}, past the end of the record ({length} bytes)")]
    FieldOutOfRecord { tag: String, start: usize, length: usize },
    #[error("field {tag}: expected a subfield delimiter (0x1F) after the two indicators")]
    ExpectedSubfield { tag: String },
    #[error("field {tag}: subfield code byte {byte:#04x} is not a printable ASCII character")]
    BadSubfieldCode { tag: String, byte: u8 },
    #[error("field {tag}: {detail}")]
    Text { tag: String, detail: String },
    #[error("the record is {0} bytes; ISO 2709 allows at most 99,999")]
    RecordTooLong(usize),
    #[error("field {tag} is {length} bytes; ISO 2709 allows at most 9,999")]
    FieldTooLong { tag: String, length: usize },
    #[error("read error: {0}")]
    Io(String),
}

impl Iso2709Error {
    pub fn message(&self) -> Message {
        let base = |code: &str| Message::new(code).arg("record", self.record).arg("offset", self.offset);
        match &self.kind {
            ErrorKind::TooShort(n) => base("iso2709-too-short").arg("length", *n),
            ErrorKind::LeaderNotAscii(pos) => base("iso2709-leader-not-ascii").arg("position", *pos),
            ErrorKind::NoDirectory => base("iso2709-no-directory"),
            ErrorKind::BadDirectoryEntry { index, found } => {
                base("iso2709-bad-directory-entry").arg("index", *index).arg("found", found.as_str())
            }
            ErrorKind::FieldOutOfRecord { tag, start, length } => {
                base("iso2709-field-out-of-record").arg("tag", tag.as_str()).arg("start", *start).arg("length", *length)
            }
            ErrorKind::ExpectedSubfield { tag } => base("iso2709-expected-subfield").arg("tag", tag.as_str()),
            ErrorKind::BadSubfieldCode { tag, byte } => {
                base("iso2709-bad-subfield-code").arg("tag", tag.as_str()).arg("byte", format!("{byte:#04x}"))
            }
            ErrorKind::Text { tag, detail } => {
                base("iso2709-text").arg("tag", tag.as_str()).arg("detail", detail.as_str())
            }
            ErrorKind::RecordTooLong(n) => base("iso2709-record-too-long").arg("length", *n),
            ErrorKind::FieldTooLong { tag, length } => {
                base("iso2709-field-too-long").arg("tag", tag.as_str()).arg("length", *length)
            }
            ErrorKind::Io(detail) => base("iso2709-read-failed").arg("detail", detail.as_str()),
        }
    }
}

/// Frames records in a stream of ISO 2709 bytes.
///
/// [`Reader::next_raw`] lends each record from one buffer that is reused, so reading a
/// file allocates nothing per record; the `Iterator` impl hands out owned records.
pub struct Reader<R> {
    input: R,
    /// Offset of the next unread byte.
    position: u64,
    number: usize,
    done: bool,
    current: RawRecord,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        let current = RawRecord { number: 0, offset: 0, bytes: Vec::with_capacity(4096), repairs: Vec::new() };
        Reader { input, position: 0, number: 0, done: false, current }
    }

    /// The next record, borrowed until the next call.
    pub fn next_raw(&mut self) -> Option<Result<&RawRecord, Iso2709Error>> {
        match self.fill()? {
            Ok(()) => Some(Ok(&self.current)),
            Err(e) => Some(Err(e)),
        }
    }

    /// Reads the next record into `self.current`.
    fn fill(&mut self) -> Option<Result<(), Iso2709Error>> {
        if self.done {
            return None;
        }
        loop {
            // A record ends at its terminator, which no character set used in MARC produces
            // inside text, so the terminator frames records even when lengths lie.
            let body = &mut self.current.bytes;
            body.clear();
            let start = self.position;
            let read = match self.input.read_until(RECORD_TERMINATOR, body) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Iso2709Error {
                        record: self.number + 1,
                        offset: start,
                        kind: ErrorKind::Io(e.to_string()),
                    }));
                }
            };
            self.position += read as u64;
            if read == 0 {
                self.done = true;
                return None;
            }
            let lead = body.iter().take_while(|b| is_padding(**b)).count();
            if lead == body.len() {
                continue; // padding only (between records or at the end)
            }
            self.number += 1;
            let repairs = &mut self.current.repairs;
            repairs.clear();
            let mut skipped = lead;
            // Junk before the record: if the chunk does not start like a leader, start at
            // the first place that does.
            if !looks_like_leader(&body[lead..]) {
                if let Some(at) = (lead + 1..body.len()).find(|&i| looks_like_leader(&body[i..])) {
                    skipped = at;
                }
            }
            if skipped > 0 {
                body.drain(..skipped);
            }
            // Line breaks and padding between records are common and carry nothing; other
            // bytes skipped may be the remains of a damaged record, so they are reported.
            if skipped > lead {
                repairs.push(Repair::StrayBytes { count: skipped - lead });
            }
            if body.last() != Some(&RECORD_TERMINATOR) {
                repairs.push(Repair::MissingRecordTerminator);
            }
            let declared = declared_length(body);
            if declared != Some(body.len()) {
                repairs.push(Repair::RecordLength { declared, actual: body.len() });
            }
            self.current.number = self.number;
            self.current.offset = start + skipped as u64;
            return Some(Ok(()));
        }
    }
}

/// Bytes that show up between records in real files and carry nothing.
fn is_padding(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\t' | b' ' | 0x00 | 0x1A | FIELD_TERMINATOR | RECORD_TERMINATOR)
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<RawRecord, Iso2709Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.fill()? {
            Ok(()) => {
                let current = &mut self.current;
                let bytes = std::mem::take(&mut current.bytes);
                let repairs = std::mem::take(&mut current.repairs);
                Some(Ok(RawRecord { number: current.number, offset: current.offset, bytes, repairs }))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

fn declared_length(bytes: &[u8]) -> Option<usize> {
    digits(bytes.get(..5)?)
}

/// Five length digits, and the entry map every MARC flavour uses ("4500", "450 ") where
/// the leader has it: enough to tell a record's start from junk, even when the length lies.
fn looks_like_leader(bytes: &[u8]) -> bool {
    bytes.len() > 24 && bytes[..5].iter().all(u8::is_ascii_digit) && &bytes[20..22] == b"45"
}

/// A failure to decode text, from the caller's character set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// Offset of the bad byte within the bytes given to the decoder.
    pub offset: usize,
    pub detail: String,
}

/// One record read from ISO 2709, with what was repaired on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub record: Record,
    pub repairs: Vec<Repair>,
}

/// Decimal digits as a number; `None` if any byte is not a digit (or there are none).
fn digits(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0usize, |n, b| b.is_ascii_digit().then(|| n * 10 + (b - b'0') as usize))
}

/// Where one field lies in the record's bytes.
#[derive(Debug, Clone, Copy)]
struct Span {
    tag: Tag,
    /// The field's data, its terminator excluded.
    start: usize,
    end: usize,
    /// Data fields whose indicators are not two plain ASCII characters: they need the
    /// character set to be read (and are checked then).
    odd_indicators: bool,
}

/// One record read down to every field and subfield, its text still bytes.
///
/// Building a view checks the whole structure (leader, directory, every field's extent and
/// terminator, indicators, subfield codes) and notes what it repairs, without copying or
/// decoding any text: reading the character-set declaration, sniffing, or scanning many
/// records costs no allocation per value. [`View::to_record`] then decodes the text.
#[derive(Debug)]
pub struct View<'a> {
    raw: &'a RawRecord,
    spans: Vec<Span>,
    /// Indicators per data field (leader/10; 2 in every flavour in use).
    indicator_count: usize,
    data_start: usize,
    repairs: Vec<Repair>,
}

/// One field of a [`View`]: its tag and its bytes (indicators and subfields for a data
/// field, the value for a control field), without the terminator.
#[derive(Debug, Clone, Copy)]
pub struct FieldView<'a> {
    pub tag: Tag,
    pub data: &'a [u8],
}

impl<'a> FieldView<'a> {
    /// The subfields' codes and value bytes, in order (empty delimiters left out).
    pub fn subfields(&self) -> impl Iterator<Item = (u8, &'a [u8])> + 'a {
        let data = self.data;
        let first = memchr::memchr(SUBFIELD_DELIMITER, data).unwrap_or(data.len());
        data[first..].split(|b| *b == SUBFIELD_DELIMITER).filter_map(|piece| piece.split_first().map(|(c, v)| (*c, v)))
    }

    /// The first subfield with `code`.
    pub fn subfield(&self, code: u8) -> Option<&'a [u8]> {
        self.subfields().find(|(c, _)| *c == code).map(|(_, v)| v)
    }
}

impl<'a> View<'a> {
    /// Reads the structure of one framed record; errors name the record and the byte
    /// offset in the file.
    pub fn new(raw: &'a RawRecord) -> Result<View<'a>, Iso2709Error> {
        let bytes = &raw.bytes[..];
        let fail = |at: usize, kind| Iso2709Error { record: raw.number, offset: raw.offset + at as u64, kind };
        if bytes.len() < 25 {
            return Err(fail(0, ErrorKind::TooShort(bytes.len())));
        }
        if let Some(pos) = bytes[..24].iter().position(|b| !b.is_ascii() || b.is_ascii_control()) {
            return Err(fail(pos, ErrorKind::LeaderNotAscii(pos)));
        }
        let mut repairs = Vec::new();
        let directory_end =
            memchr::memchr(FIELD_TERMINATOR, &bytes[24..]).map(|p| p + 24).ok_or(fail(24, ErrorKind::NoDirectory))?;
        let declared_base = digits(&bytes[12..17]);
        let base = directory_end + 1;
        if declared_base != Some(base) {
            repairs.push(Repair::BaseAddress { declared: declared_base, actual: base });
        }
        // The entry map (leader/20–22): digits of length and start, and the length of the
        // implementation-defined part. Damaged maps fall back to MARC's universal 4, 5, 0.
        let map = |pos: usize, default: usize| match bytes[pos] {
            b @ b'1'..=b'9' if pos != 22 => (b - b'0') as usize,
            b @ b'0'..=b'9' if pos == 22 => (b - b'0') as usize,
            _ => default,
        };
        let (len_digits, start_digits, extra) = (map(20, 4), map(21, 5), map(22, 0));
        let entry_size = 3 + len_digits + start_digits + extra;
        let directory = &bytes[24..directory_end];
        if directory.len() % entry_size != 0 {
            repairs.push(Repair::DirectoryRemainder { bytes: directory.len() % entry_size });
        }
        let body_end = if bytes.last() == Some(&RECORD_TERMINATOR) { bytes.len() - 1 } else { bytes.len() };
        // Leader/10: how many indicators each data field has.
        let indicator_count = match bytes[10] {
            d @ b'0'..=b'9' => (d - b'0') as usize,
            _ => 2,
        };
        let mut spans = Vec::with_capacity(directory.len() / entry_size);
        for (index, entry) in directory.chunks_exact(entry_size).enumerate() {
            let tag = Tag::from_bytes(&entry[..3]);
            let length = digits(&entry[3..3 + len_digits]);
            let offset = digits(&entry[3 + len_digits..3 + len_digits + start_digits]);
            let (Some(tag), Some(length), Some(offset)) = (tag, length, offset) else {
                return Err(fail(
                    24 + index * entry_size,
                    ErrorKind::BadDirectoryEntry {
                        index: index + 1,
                        found: String::from_utf8_lossy(entry).into_owned(),
                    },
                ));
            };
            let start = base + offset;
            if start > body_end {
                return Err(fail(
                    start.min(bytes.len()),
                    ErrorKind::FieldOutOfRecord { tag: tag.to_string(), start: offset, length: bytes.len() },
                ));
            }
            // The field runs to its terminator; the directory length is checked against it.
            let rest = &bytes[start..body_end];
            let scan = scan_field(rest, tag.is_control())
                .map_err(|(at, byte)| fail(start + at, ErrorKind::BadSubfieldCode { tag: tag.to_string(), byte }))?;
            let (end, actual) = match scan.end {
                Some(end) => (start + end, end + 1),
                None => {
                    repairs.push(Repair::MissingFieldTerminator { tag: tag.to_string() });
                    (body_end, rest.len())
                }
            };
            if actual != length {
                repairs.push(Repair::FieldLength { tag: tag.to_string(), declared: length, actual });
            }
            for _ in 0..scan.empty_subfields {
                repairs.push(Repair::EmptySubfield { tag: tag.to_string() });
            }
            // Indicators other than two plain ASCII characters are read, and checked
            // against leader/10, once the character set is known.
            let first = scan.first_delimiter.unwrap_or(end - start);
            let plain = first == 2 && rest[..2].iter().all(|b| b.is_ascii() && !b.is_ascii_control() && *b != b'\\');
            spans.push(Span { tag, start, end, odd_indicators: !tag.is_control() && !plain });
        }
        Ok(View { raw, spans, indicator_count, data_start: base.min(bytes.len()), repairs })
    }

    /// The 24 leader bytes (checked to be printable ASCII).
    pub fn leader(&self) -> &'a [u8] {
        &self.raw.bytes[..24]
    }

    /// The fields in directory order.
    pub fn fields(&self) -> impl Iterator<Item = FieldView<'a>> + '_ {
        let bytes = &self.raw.bytes[..];
        self.spans.iter().map(move |s| FieldView { tag: s.tag, data: &bytes[s.start..s.end] })
    }

    /// The first field with `tag`.
    pub fn field(&self, tag: &str) -> Option<FieldView<'a>> {
        let tag = Tag::parse(tag)?;
        let bytes = &self.raw.bytes[..];
        self.spans.iter().find(|s| s.tag == tag).map(|s| FieldView { tag: s.tag, data: &bytes[s.start..s.end] })
    }

    /// The data area (after the directory), for checking or sniffing its bytes at once.
    pub fn data(&self) -> &'a [u8] {
        &self.raw.bytes[self.data_start..]
    }

    /// What framing and the structure needed repaired.
    pub fn repairs(&self) -> impl Iterator<Item = &Repair> {
        self.raw.repairs.iter().chain(&self.repairs)
    }

    /// Decodes the text with `decode` (one call per value) into a record.
    pub fn to_record(
        &self,
        decode: &mut dyn FnMut(&[u8]) -> Result<String, TextError>,
    ) -> Result<Parsed, Iso2709Error> {
        let raw = self.raw;
        let bytes = &raw.bytes[..];
        let fail = |at: usize, kind| Iso2709Error { record: raw.number, offset: raw.offset + at as u64, kind };
        let mut repairs: Vec<Repair> = self.repairs().cloned().collect();
        // Leader bytes are printable ASCII (checked when the view was made).
        let leader: String = bytes[..24].iter().map(|b| *b as char).collect();
        let leader = Leader::parse(&leader).ok_or_else(|| fail(0, ErrorKind::TooShort(bytes.len())))?;
        let mut fields = Vec::with_capacity(self.spans.len());
        for span in &self.spans {
            let tag = span.tag;
            let data = &bytes[span.start..span.end];
            let mut decode_at = |slice: &[u8], at: usize| {
                decode(slice).map_err(|e| {
                    fail(span.start + at + e.offset, ErrorKind::Text { tag: tag.to_string(), detail: e.detail })
                })
            };
            if tag.is_control() {
                fields.push(Field::Control { tag, value: decode_at(data, 0)? });
                continue;
            }
            let first = memchr::memchr(SUBFIELD_DELIMITER, data).unwrap_or(data.len());
            let (ind1, ind2) = if span.odd_indicators {
                // More than two characters before the first subfield: fine when the leader
                // declares that many indicators (leader/10), or when the extra ones are
                // blanks (or "\\", the text formats' blank); anything else would be data
                // lost, so the record is refused.
                let indicators: Vec<char> = decode_at(&data[..first], 0)?.chars().collect();
                let extra_blank = indicators.get(2..).unwrap_or_default().iter().all(|c| matches!(c, ' ' | '\\'));
                if indicators.len() > 2 && indicators.len() != self.indicator_count && !extra_blank {
                    return Err(fail(span.start + 2, ErrorKind::ExpectedSubfield { tag: tag.to_string() }));
                }
                // Two indicators that are characters of the record's set (a non-ASCII one
                // decoded) are kept as they are; anything else is put right, and said so.
                let changed = indicators.len() != 2 || indicators.iter().any(|c| c.is_control() || *c == '\\');
                if changed {
                    repairs.push(Repair::Indicators { tag: tag.to_string(), found: indicators.iter().collect() });
                }
                let indicator =
                    |i: usize| indicators.get(i).copied().filter(|c| !c.is_control() && *c != '\\').unwrap_or(' ');
                (indicator(0), indicator(1))
            } else {
                (data[0] as char, data[1] as char)
            };
            // Most fields have a few subfields: one allocation instead of growing from one.
            let mut subfields = Vec::with_capacity(4);
            let mut at = first;
            while at < data.len() {
                let next = memchr::memchr(SUBFIELD_DELIMITER, &data[at + 1..]).map_or(data.len(), |p| at + 1 + p);
                if let Some((code, value)) = data[at + 1..next].split_first() {
                    subfields.push(Subfield { code: *code as char, value: decode_at(value, at + 2)? });
                }
                at = next;
            }
            fields.push(Field::Data { tag, ind1, ind2, subfields });
        }
        Ok(Parsed { record: Record { leader, fields }, repairs })
    }
}

/// What one pass over a field's bytes finds (offsets within the field).
struct Scan {
    /// The field terminator.
    end: Option<usize>,
    first_delimiter: Option<usize>,
    /// Subfield delimiters with no code.
    empty_subfields: usize,
}

/// Finds a field's terminator and, for a data field, checks every subfield code on the
/// way: one pass. A code that is not printable ASCII is an error (its offset and byte).
fn scan_field(rest: &[u8], control: bool) -> Result<Scan, (usize, u8)> {
    let mut scan = Scan { end: None, first_delimiter: None, empty_subfields: 0 };
    if control {
        scan.end = memchr::memchr(FIELD_TERMINATOR, rest);
        return Ok(scan);
    }
    for at in memchr::memchr2_iter(FIELD_TERMINATOR, SUBFIELD_DELIMITER, rest) {
        if rest[at] == FIELD_TERMINATOR {
            scan.end = Some(at);
            break;
        }
        scan.first_delimiter.get_or_insert(at);
        match rest.get(at + 1) {
            None | Some(&SUBFIELD_DELIMITER) | Some(&FIELD_TERMINATOR) => scan.empty_subfields += 1,
            Some(code) if !code.is_ascii_graphic() => return Err((at + 1, *code)),
            Some(_) => {}
        }
    }
    Ok(scan)
}

/// Reads one framed record; `decode` turns a value's bytes into text.
pub fn parse(
    raw: &RawRecord,
    decode: &mut dyn FnMut(&[u8]) -> Result<String, TextError>,
) -> Result<Parsed, Iso2709Error> {
    View::new(raw)?.to_record(decode)
}

/// A failure to encode text, from the caller's character set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    pub detail: String,
}

/// Why a record could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("field {tag}: {detail}")]
    Text { tag: String, detail: String },
    #[error("the record would be {0} bytes; ISO 2709 allows at most 99,999")]
    RecordTooLong(usize),
    #[error("field {tag} would be {length} bytes; ISO 2709 allows at most 9,999")]
    FieldTooLong { tag: String, length: usize },
    /// A leader position that is not a printable ASCII character.
    #[error("leader position {position} is not a printable ASCII character")]
    Leader { position: usize },
    /// An indicator that would not read back as itself: a control character, or "\", which
    /// readers take for a blank.
    #[error("field {tag}: the indicator {indicator:?} cannot be written in ISO 2709")]
    BadIndicator { tag: String, indicator: char },
    /// A control character where ISO 2709 cannot carry it: as a subfield code, and the
    /// record, field and subfield separators (U+001D–U+001F) in text.
    #[error("field {tag} holds the control character U+{code:04X} where ISO 2709 cannot carry it")]
    ControlCharacter { tag: String, code: u32 },
}

/// Writes one record; lengths, base address and the leader's fixed positions (10–11,
/// 20–23) are computed, the rest of the leader is kept as the record has it. `encode`
/// appends a value's bytes in the target character set to its buffer. Indicators and
/// subfield codes that are ASCII are written as they are: every character set Qiao writes
/// keeps ASCII as it is.
pub fn write(
    record: &Record,
    encode: &mut dyn FnMut(&str, &mut Vec<u8>) -> Result<(), EncodeError>,
) -> Result<Vec<u8>, WriteError> {
    let mut directory = Vec::with_capacity(12 * record.fields.len() + 1);
    // The text's UTF-8 length plus the delimiters: exact for UTF-8 output, close for others.
    let text_bytes: usize = record
        .fields
        .iter()
        .map(|f| match f {
            Field::Control { value, .. } => value.len() + 1,
            Field::Data { subfields, .. } => 3 + subfields.iter().map(|s| s.value.len() + 2).sum::<usize>(),
        })
        .sum();
    let mut data = Vec::with_capacity(text_bytes);
    for field in &record.fields {
        let tag = field.tag();
        let text_error = |e: EncodeError| WriteError::Text { tag: tag.to_string(), detail: e.detail };
        let start = data.len();
        match field {
            Field::Control { value, .. } => put_text(value, tag, &mut data, encode)?,
            Field::Data { ind1, ind2, subfields, .. } => {
                for c in [*ind1, *ind2] {
                    // "\" is how text formats write a blank indicator, and readers take it
                    // for one: written as it is, it would come back changed.
                    if c.is_control() || c == '\\' {
                        return Err(WriteError::BadIndicator { tag: tag.to_string(), indicator: c });
                    }
                    put_char(c, &mut data, encode).map_err(text_error)?;
                }
                for sub in subfields {
                    if sub.code.is_control() {
                        return Err(WriteError::ControlCharacter { tag: tag.to_string(), code: sub.code as u32 });
                    }
                    data.push(SUBFIELD_DELIMITER);
                    put_char(sub.code, &mut data, encode).map_err(text_error)?;
                    put_text(&sub.value, tag, &mut data, encode)?;
                }
            }
        }
        data.push(FIELD_TERMINATOR);
        let length = data.len() - start;
        if length > MAX_FIELD_LENGTH {
            return Err(WriteError::FieldTooLong { tag: tag.to_string(), length });
        }
        let mut entry = [0u8; 12];
        entry[..3].copy_from_slice(tag.as_str().as_bytes());
        put_digits(&mut entry[3..7], length);
        put_digits(&mut entry[7..], start);
        directory.extend_from_slice(&entry);
    }
    directory.push(FIELD_TERMINATOR);
    let base = 24 + directory.len();
    let total = base + data.len() + 1;
    if total > MAX_RECORD_LENGTH || base > MAX_RECORD_LENGTH {
        return Err(WriteError::RecordTooLong(total));
    }
    let mut out = Vec::with_capacity(total);
    for (position, c) in record.leader.as_str().chars().enumerate() {
        if !(c.is_ascii_graphic() || c == ' ') {
            return Err(WriteError::Leader { position });
        }
        out.push(c as u8);
    }
    out.resize(24, b' ');
    put_digits(&mut out[..5], total);
    out[10] = b'2';
    out[11] = b'2';
    put_digits(&mut out[12..17], base);
    out[20] = b'4';
    out[21] = b'5';
    out[22] = b'0';
    out.extend_from_slice(&directory);
    out.extend_from_slice(&data);
    out.push(RECORD_TERMINATOR);
    Ok(out)
}

/// A value through `encode`, refused if it would hold a separator of the format: a
/// U+001E in text would end the field there and the record would read back broken.
fn put_text(
    text: &str,
    tag: Tag,
    data: &mut Vec<u8>,
    encode: &mut dyn FnMut(&str, &mut Vec<u8>) -> Result<(), EncodeError>,
) -> Result<(), WriteError> {
    // In UTF-8 these bytes are only ever those characters.
    if let Some(at) = memchr::memchr3(RECORD_TERMINATOR, FIELD_TERMINATOR, SUBFIELD_DELIMITER, text.as_bytes()) {
        return Err(WriteError::ControlCharacter { tag: tag.to_string(), code: u32::from(text.as_bytes()[at]) });
    }
    encode(text, data).map_err(|e| WriteError::Text { tag: tag.to_string(), detail: e.detail })
}

/// An indicator or subfield code: ASCII as it is, anything else through `encode`.
fn put_char(
    c: char,
    data: &mut Vec<u8>,
    encode: &mut dyn FnMut(&str, &mut Vec<u8>) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    if c.is_ascii() {
        data.push(c as u8);
        Ok(())
    } else {
        encode(c.encode_utf8(&mut [0u8; 4]), data)
    }
}

/// Writes `value` as decimal digits filling `slot` (callers check that it fits).
fn put_digits(slot: &mut [u8], mut value: usize) {
    for b in slot.iter_mut().rev() {
        *b = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// UTF-8 text, normalized to NFC (files carry decomposed accents too, and search and
/// comparison need one form).
pub fn decode_utf8(bytes: &[u8]) -> Result<String, TextError> {
    Ok(to_nfc(check_utf8(bytes)?))
}

/// Checks that bytes are UTF-8, at SIMD speed when they are (the common case).
pub fn check_utf8(bytes: &[u8]) -> Result<&str, TextError> {
    simdutf8::compat::from_utf8(bytes)
        .map_err(|e| TextError { offset: e.valid_up_to(), detail: "not valid UTF-8".to_string() })
}

/// NFC, without allocating twice for text that already is (nearly all of it).
pub fn to_nfc(text: &str) -> String {
    qiao_charset::nfc(text).into_owned()
}

/// Reads every record of a stream with one decoder (UTF-8 files, tests).
pub fn read_all<R: BufRead>(input: R) -> impl Iterator<Item = Result<Parsed, Iso2709Error>> {
    Reader::new(input).map(|raw| raw.and_then(|raw| parse(&raw, &mut decode_utf8)))
}

/// The writer's side of UTF-8: text goes out in NFC, as it comes in.
pub fn encode_utf8(text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    out.extend_from_slice(qiao_charset::nfc(text).as_bytes());
    Ok(())
}

/// Reads all of `input` for a unit test or a small file.
pub fn read_bytes(bytes: &[u8]) -> Vec<Result<Parsed, Iso2709Error>> {
    read_all(io::Cursor::new(bytes)).collect()
}
