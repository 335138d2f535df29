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
pub struct Reader<R> {
    input: R,
    /// Offset of the next unread byte.
    position: u64,
    number: usize,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader { input, position: 0, number: 0, done: false }
    }
}

/// Bytes that show up between records in real files and carry nothing.
fn is_padding(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\t' | b' ' | 0x00 | 0x1A | FIELD_TERMINATOR | RECORD_TERMINATOR)
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<RawRecord, Iso2709Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            // A record ends at its terminator, which no character set used in MARC produces
            // inside text, so the terminator frames records even when lengths lie.
            let mut chunk = Vec::with_capacity(4096);
            let start = self.position;
            let read = match self.input.read_until(RECORD_TERMINATOR, &mut chunk) {
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
            let lead = chunk.iter().take_while(|b| is_padding(**b)).count();
            if lead == chunk.len() {
                continue; // padding only (between records or at the end)
            }
            self.number += 1;
            let mut repairs = Vec::new();
            let mut body = chunk.split_off(lead);
            let mut skipped = lead;
            // Junk before the record: if the chunk does not start like a leader, start at
            // the first place that does.
            if !looks_like_leader(&body) {
                if let Some(at) = (1..body.len()).find(|&i| looks_like_leader(&body[i..])) {
                    skipped += at;
                    body.drain(..at);
                }
            }
            // Line breaks and padding between records are common and carry nothing; other
            // bytes skipped may be the remains of a damaged record, so they are reported.
            if skipped > lead {
                repairs.push(Repair::StrayBytes { count: skipped - lead });
            }
            let terminated = body.last() == Some(&RECORD_TERMINATOR);
            if !terminated {
                repairs.push(Repair::MissingRecordTerminator);
            }
            let declared = declared_length(&body);
            if declared != Some(body.len()) {
                repairs.push(Repair::RecordLength { declared, actual: body.len() });
            }
            return Some(Ok(RawRecord { number: self.number, offset: start + skipped as u64, bytes: body, repairs }));
        }
    }
}

fn declared_length(bytes: &[u8]) -> Option<usize> {
    let digits = bytes.get(..5)?;
    if digits.iter().all(u8::is_ascii_digit) {
        std::str::from_utf8(digits).ok()?.parse().ok()
    } else {
        None
    }
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

/// The raw leader, for choosing a character set before decoding (leader/09 in MARC 21).
pub fn leader_bytes(raw: &RawRecord) -> Option<&[u8]> {
    raw.bytes.get(..24)
}

/// The raw bytes of the first field with `tag` (without its terminator), if the directory
/// can be read: for character set declarations such as UNIMARC 100 $a/26–29.
pub fn field_bytes<'a>(raw: &'a RawRecord, tag: &str) -> Option<&'a [u8]> {
    let layout = Layout::read(&raw.bytes).ok()?;
    layout.entries.iter().find(|e| e.tag == tag.as_bytes()).and_then(|e| {
        let start = layout.base + e.start;
        let rest = raw.bytes.get(start..)?;
        let end = rest.iter().position(|b| *b == FIELD_TERMINATOR || *b == RECORD_TERMINATOR).unwrap_or(rest.len());
        Some(&rest[..end])
    })
}

struct Entry {
    tag: [u8; 3],
    length: usize,
    start: usize,
}

struct Layout {
    base: usize,
    entries: Vec<Entry>,
    repairs: Vec<Repair>,
}

impl Layout {
    /// Reads the directory. Errors carry an offset within the record.
    fn read(bytes: &[u8]) -> Result<Layout, (usize, ErrorKind)> {
        let mut repairs = Vec::new();
        let directory_end = bytes[24.min(bytes.len())..]
            .iter()
            .position(|b| *b == FIELD_TERMINATOR)
            .map(|p| p + 24)
            .ok_or((24, ErrorKind::NoDirectory))?;
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
        let whole = directory.len() / entry_size;
        if directory.len() % entry_size != 0 {
            repairs.push(Repair::DirectoryRemainder { bytes: directory.len() % entry_size });
        }
        let mut entries = Vec::with_capacity(whole);
        for index in 0..whole {
            let raw = &directory[index * entry_size..(index + 1) * entry_size];
            let tag = [raw[0], raw[1], raw[2]];
            let length = digits(&raw[3..3 + len_digits]);
            let start = digits(&raw[3 + len_digits..3 + len_digits + start_digits]);
            let (Some(length), Some(start), true) = (length, start, tag.iter().all(u8::is_ascii_alphanumeric)) else {
                return Err((
                    24 + index * entry_size,
                    ErrorKind::BadDirectoryEntry { index: index + 1, found: String::from_utf8_lossy(raw).into_owned() },
                ));
            };
            entries.push(Entry { tag, length, start });
        }
        Ok(Layout { base, entries, repairs })
    }
}

fn digits(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// Reads one framed record; `decode` turns a value's bytes into text.
pub fn parse(
    raw: &RawRecord,
    decode: &mut dyn FnMut(&[u8]) -> Result<String, TextError>,
) -> Result<Parsed, Iso2709Error> {
    let bytes = &raw.bytes;
    let fail = |at: usize, kind| Iso2709Error { record: raw.number, offset: raw.offset + at as u64, kind };
    if bytes.len() < 25 {
        return Err(fail(0, ErrorKind::TooShort(bytes.len())));
    }
    if let Some(pos) = bytes[..24].iter().position(|b| !b.is_ascii() || b.is_ascii_control()) {
        return Err(fail(pos, ErrorKind::LeaderNotAscii(pos)));
    }
    let layout = Layout::read(bytes).map_err(|(at, kind)| fail(at, kind))?;
    let mut repairs = raw.repairs.clone();
    repairs.extend(layout.repairs);
    // Leader bytes are ASCII (checked above), so this is exact.
    let leader_text: String = bytes[..24].iter().map(|b| *b as char).collect();
    let leader = Leader::parse(&leader_text).ok_or_else(|| fail(0, ErrorKind::TooShort(bytes.len())))?;
    let body_end = if bytes.last() == Some(&RECORD_TERMINATOR) { bytes.len() - 1 } else { bytes.len() };
    // Leader/10: how many indicators each data field has (2 in every flavour in use).
    let indicator_count = match bytes[10] {
        d @ b'0'..=b'9' => (d - b'0') as usize,
        _ => 2,
    };

    let mut fields = Vec::with_capacity(layout.entries.len());
    for entry in &layout.entries {
        // Tags were checked to be ASCII alphanumerics.
        // Directory tags were checked to be ASCII alphanumerics; the text form of the tag is
        // only built for reports (no allocation per field on the common path).
        let tag = std::str::from_utf8(&entry.tag).ok().and_then(Tag::parse).ok_or_else(|| {
            fail(24, ErrorKind::BadDirectoryEntry { index: 0, found: String::from_utf8_lossy(&entry.tag).into_owned() })
        })?;
        let tag_text = || tag.to_string();
        let start = layout.base + entry.start;
        if start > body_end {
            return Err(fail(
                start.min(bytes.len()),
                ErrorKind::FieldOutOfRecord { tag: tag_text(), start: entry.start, length: bytes.len() },
            ));
        }
        // The field runs to its terminator; the directory length is checked against it.
        let rest = &bytes[start..body_end];
        let (data, actual) = match rest.iter().position(|b| *b == FIELD_TERMINATOR) {
            Some(end) => (&rest[..end], end + 1),
            None => {
                repairs.push(Repair::MissingFieldTerminator { tag: tag_text() });
                (rest, rest.len())
            }
        };
        if actual != entry.length {
            repairs.push(Repair::FieldLength { tag: tag_text(), declared: entry.length, actual });
        }
        let text_at = |offset_in_data: usize| start + offset_in_data;
        let mut decode_at = |slice: &[u8], at: usize| {
            decode(slice)
                .map_err(|e| fail(text_at(at + e.offset), ErrorKind::Text { tag: tag_text(), detail: e.detail }))
        };
        if tag.is_control() {
            fields.push(Field::Control { tag, value: decode_at(data, 0)? });
            continue;
        }
        let first_delimiter = data.iter().position(|b| *b == SUBFIELD_DELIMITER).unwrap_or(data.len());
        // Indicators are characters, not bytes: some files carry a non-ASCII one. Two plain
        // ASCII bytes, the usual case, need no decoding.
        let plain =
            first_delimiter == 2 && data[..2].iter().all(|b| b.is_ascii() && !b.is_ascii_control() && *b != b'\\');
        let indicators: Vec<char> = if plain {
            vec![data[0] as char, data[1] as char]
        } else {
            decode_at(&data[..first_delimiter], 0)?.chars().collect()
        };
        // More than two characters before the first subfield: fine when the leader declares
        // that many indicators (leader/10), or when the extra ones are blanks (or "\\", the
        // text formats' blank); anything else would be data lost, so the record is refused.
        let declared = indicators.len() == indicator_count;
        if indicators.len() > 2 && !declared && indicators[2..].iter().any(|c| !matches!(c, ' ' | '\\')) {
            return Err(fail(text_at(2), ErrorKind::ExpectedSubfield { tag: tag_text() }));
        }
        if indicators.len() != 2 || indicators.contains(&'\\') {
            repairs.push(Repair::Indicators { tag: tag_text(), found: indicators.iter().collect() });
        }
        let indicator = |i: usize| indicators.get(i).copied().filter(|c| !c.is_control() && *c != '\\').unwrap_or(' ');
        let (ind1, ind2) = (indicator(0), indicator(1));
        let mut subfields = Vec::new();
        let mut at = first_delimiter;
        while at < data.len() {
            let next = data[at + 1..].iter().position(|b| *b == SUBFIELD_DELIMITER).map_or(data.len(), |p| at + 1 + p);
            let piece = &data[at + 1..next];
            match piece.split_first() {
                None => repairs.push(Repair::EmptySubfield { tag: tag_text() }),
                Some((code, value)) => {
                    if !code.is_ascii_graphic() {
                        return Err(fail(text_at(at + 1), ErrorKind::BadSubfieldCode { tag: tag_text(), byte: *code }));
                    }
                    subfields.push(Subfield { code: *code as char, value: decode_at(value, at + 2)? });
                }
            }
            at = next;
        }
        fields.push(Field::Data { tag, ind1, ind2, subfields });
    }
    Ok(Parsed { record: Record { leader, fields }, repairs })
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
}

/// Writes one record; lengths, base address and the leader's fixed positions (10–11,
/// 20–23) are computed, the rest of the leader is kept as the record has it.
pub fn write(
    record: &Record,
    encode: &mut dyn FnMut(&str) -> Result<Vec<u8>, EncodeError>,
) -> Result<Vec<u8>, WriteError> {
    let mut directory = Vec::with_capacity(12 * record.fields.len() + 1);
    let mut data = Vec::with_capacity(256 * record.fields.len());
    for field in &record.fields {
        let tag = field.tag();
        let text_error = |e: EncodeError| WriteError::Text { tag: tag.to_string(), detail: e.detail };
        let start = data.len();
        match field {
            Field::Control { value, .. } => data.extend(encode(value).map_err(text_error)?),
            Field::Data { ind1, ind2, subfields, .. } => {
                for ind in [ind1, ind2] {
                    let mut buf = [0u8; 4];
                    data.extend(encode(ind.encode_utf8(&mut buf)).map_err(text_error)?);
                }
                for sub in subfields {
                    data.push(SUBFIELD_DELIMITER);
                    let mut buf = [0u8; 4];
                    data.extend(encode(sub.code.encode_utf8(&mut buf)).map_err(text_error)?);
                    data.extend(encode(&sub.value).map_err(text_error)?);
                }
            }
        }
        data.push(FIELD_TERMINATOR);
        let length = data.len() - start;
        if length > MAX_FIELD_LENGTH {
            return Err(WriteError::FieldTooLong { tag: tag.to_string(), length });
        }
        directory.extend_from_slice(format!("{tag}{length:04}{start:05}").as_bytes());
    }
    directory.push(FIELD_TERMINATOR);
    let base = 24 + directory.len();
    let total = base + data.len() + 1;
    if total > MAX_RECORD_LENGTH || base > MAX_RECORD_LENGTH {
        return Err(WriteError::RecordTooLong(total));
    }
    let mut leader: Vec<u8> =
        record.leader.as_str().chars().map(|c| if c.is_ascii() { c as u8 } else { b' ' }).collect();
    leader.resize(24, b' ');
    leader[..5].copy_from_slice(format!("{total:05}").as_bytes());
    leader[10] = b'2';
    leader[11] = b'2';
    leader[12..17].copy_from_slice(format!("{base:05}").as_bytes());
    leader[20] = b'4';
    leader[21] = b'5';
    leader[22] = b'0';
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&leader);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&data);
    out.push(RECORD_TERMINATOR);
    Ok(out)
}

/// UTF-8 text, normalized to NFC (files carry decomposed accents too, and search and
/// comparison need one form).
pub fn decode_utf8(bytes: &[u8]) -> Result<String, TextError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| TextError { offset: e.valid_up_to(), detail: "not valid UTF-8".to_string() })?;
    Ok(to_nfc(text))
}

/// NFC, without allocating twice for text that already is (nearly all of it).
pub fn to_nfc(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // ASCII is always NFC, and most MARC values are ASCII: check that at memory speed first.
    if text.is_ascii() {
        return text.to_string();
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Reads every record of a stream with one decoder (UTF-8 files, tests).
pub fn read_all<R: BufRead>(input: R) -> impl Iterator<Item = Result<Parsed, Iso2709Error>> {
    Reader::new(input).map(|raw| raw.and_then(|raw| parse(&raw, &mut decode_utf8)))
}

/// For the writer's side of UTF-8.
pub fn encode_utf8(text: &str) -> Result<Vec<u8>, EncodeError> {
    Ok(text.as_bytes().to_vec())
}

/// Reads all of `input` for a unit test or a small file.
pub fn read_bytes(bytes: &[u8]) -> Vec<Result<Parsed, Iso2709Error>> {
    read_all(io::Cursor::new(bytes)).collect()
}
