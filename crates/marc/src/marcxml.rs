//! MARCXML: the MARC 21 "slim" schema (`http://www.loc.gov/MARC21/slim`), in which UNIMARC,
//! RUSMARC and CNMARC records are exchanged too.
//!
//! [`Reader`] streams records out of a file of any size, one record in memory at a time.
//! It takes what real files do: a `<collection>` or a lone `<record>`, any prefix bound to
//! the MARC namespace (or MarcXchange's), a default namespace, no namespace at all, and
//! wrappers such as SRU or OAI-PMH responses around the records. Every problem is an error
//! for one record, with the line and column where it is; after broken XML the reader skips
//! to the next `<record` and goes on, so one bad record never stops the stream.
//!
//! Nothing is dropped silently: an element that is not MARC inside a record (Zebra's
//! `<rank>`, an extension element) is left out and reported as a [`Note`] on the record;
//! MARC elements out of place, text where none belongs, bad tags, indicators or codes make
//! the record an error.
//!
//! Untrusted files cannot exhaust memory: no DTD is ever fetched, internal entities are
//! expanded only when their text holds no references or markup (so "billion laughs" cannot
//! grow), one value or tag may hold at most [`MAX_VALUE_BYTES`], one record at most
//! [`MAX_RECORD_BYTES`] and elements nest at most [`MAX_DEPTH`] deep.
//!
//! [`Writer`] streams a collection out. XML 1.0 cannot carry C0 control characters other
//! than tab, line feed and carriage return (not even as `&#x1B;`), so a record holding one
//! is refused with an error naming the field and the character; nothing is replaced
//! silently. C1 controls (UNIMARC's non-sorting markers U+0088/U+0089, U+0098/U+009C) are
//! legal and are written as character references, so they survive editors and XML 1.1.
//!
//! Only UTF-8 is read: a file declaring another encoding is refused up front (convert it
//! first and read it with [`Reader::transcoded`]).
//!
//! Speed: records written the plain way nearly every exporter writes them are read straight
//! from the input buffer; anything else (and every error) goes through the XML parser, with
//! the same result either way. Lines and columns are counted only where a place is kept.
//! The writer copies text in runs between the characters it must escape.

use crate::iso2709::to_nfc;
use qiao_charset::plainly_nfc;
use crate::record::{Field, Leader, Record, Subfield, Tag};
use qiao_i18n::Message;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};

/// The MARCXML namespace (MARC 21 slim), used for every flavour.
pub const MARC_NAMESPACE: &str = "http://www.loc.gov/MARC21/slim";
/// ISO 25577 MarcXchange: the same elements, used by some UNIMARC exporters.
pub const MARCXCHANGE_NAMESPACE: &str = "info:lc/xmlns/marcxchange-v1";
/// The most bytes one value (or one tag, comment or DTD) may have.
pub const MAX_VALUE_BYTES: usize = 1 << 20;
/// The most bytes of values one record may have (ISO 2709 allows 99,999 in all).
pub const MAX_RECORD_BYTES: usize = 16 << 20;
/// The deepest elements may nest (a record in an SRU response is about 8 deep).
pub const MAX_DEPTH: usize = 64;
/// What one XML event may consume: a value of the maximum size plus its markup.
const EVENT_BUDGET: u64 = MAX_VALUE_BYTES as u64 + 4096;
/// Bounds on a DTD's internal entities (which are expanded only when plain text).
const MAX_ENTITIES: usize = 256;
const MAX_ENTITY_BYTES: usize = 4096;
/// What a record's bookkeeping costs beyond its text, per field or subfield.
const ITEM_COST: usize = 32;
/// How much of ignored or unexpected text is quoted in a report.
const PREVIEW_CHARS: usize = 60;

/// Why a record (or the file) could not be read, and where: lines and columns count from
/// 1, columns in characters. `record` is the record's number in the file; for a problem
/// outside any record it is the number the next record would have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {record}, line {line}, column {column}: {kind}")]
pub struct MarcXmlError {
    pub record: usize,
    pub line: usize,
    pub column: usize,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    /// Not well-formed XML; the detail is the XML parser's reason.
    #[error("not well-formed XML: {0}")]
    Malformed(String),
    #[error("the record has no leader")]
    MissingLeader,
    #[error("the leader {found:?} has {length} characters instead of 24")]
    InvalidLeader { found: String, length: usize },
    #[error("<{element}> has tag {found:?}, not three letters or digits")]
    BadTag { element: String, found: String },
    #[error("field {tag}: indicator {which} is {found:?}, not one character")]
    BadIndicator { tag: String, which: u8, found: String },
    #[error("field {tag}: subfield code {found:?} is not one letter, digit or sign")]
    BadSubfieldCode { tag: String, found: String },
    /// A MARC element where it does not belong; `parent` is None at the top of the file.
    #[error("unexpected element <{name}>")]
    UnexpectedElement { name: String, parent: Option<String> },
    #[error("text {text:?} directly inside <{parent}>")]
    UnexpectedText { text: String, parent: String },
    /// The file ends inside this element: it was cut short.
    #[error("the file ends inside <{0}>")]
    UnexpectedEof(String),
    /// An entity that is not defined, not expandable safely, or a bad character number.
    #[error("reference &{0}; cannot be resolved")]
    BadReference(String),
    #[error("character U+{:04X} is not allowed in XML 1.0", *.0 as u32)]
    ForbiddenChar(char),
    #[error("the text is not valid UTF-8")]
    NotUtf8,
    #[error("the file is in {0}; only UTF-8 is read")]
    UnsupportedEncoding(String),
    #[error("a value is longer than {0} bytes")]
    ValueTooLong(usize),
    #[error("the record holds more than {0} bytes")]
    RecordTooLarge(usize),
    #[error("elements are nested more than {0} deep")]
    TooDeep(usize),
    /// Well-formed XML with no MARCXML in it (a different schema, a field dictionary).
    #[error("no MARCXML records: the root element is <{root}> (namespace {namespace:?})")]
    NotMarcXml { root: String, namespace: String },
    #[error("read error: {0}")]
    Io(String),
}

impl MarcXmlError {
    /// The localizable form: a Fluent id and its arguments.
    pub fn message(&self) -> Message {
        let base = |code: &str| {
            Message::new(code).arg("record", self.record).arg("line", self.line).arg("column", self.column)
        };
        match &self.kind {
            ErrorKind::Malformed(detail) => base("marcxml-malformed").arg("detail", detail.as_str()),
            ErrorKind::MissingLeader => base("marcxml-missing-leader"),
            ErrorKind::InvalidLeader { found, length } => {
                base("marcxml-invalid-leader").arg("found", found.as_str()).arg("length", *length)
            }
            ErrorKind::BadTag { element, found } => {
                base("marcxml-bad-tag").arg("element", element.as_str()).arg("found", found.as_str())
            }
            ErrorKind::BadIndicator { tag, which, found } => base("marcxml-bad-indicator")
                .arg("tag", tag.as_str())
                .arg("which", *which as usize)
                .arg("found", found.as_str()),
            ErrorKind::BadSubfieldCode { tag, found } => {
                base("marcxml-bad-subfield-code").arg("tag", tag.as_str()).arg("found", found.as_str())
            }
            ErrorKind::UnexpectedElement { name, parent: Some(parent) } => {
                base("marcxml-unexpected-element").arg("name", name.as_str()).arg("parent", parent.as_str())
            }
            ErrorKind::UnexpectedElement { name, parent: None } => {
                base("marcxml-unexpected-top-element").arg("name", name.as_str())
            }
            ErrorKind::UnexpectedText { text, parent } => {
                base("marcxml-unexpected-text").arg("text", text.as_str()).arg("parent", parent.as_str())
            }
            ErrorKind::UnexpectedEof(inside) => base("marcxml-unexpected-eof").arg("element", inside.as_str()),
            ErrorKind::BadReference(name) => base("marcxml-bad-reference").arg("name", name.as_str()),
            ErrorKind::ForbiddenChar(c) => base("marcxml-forbidden-char").arg("char", code_point(*c)),
            ErrorKind::NotUtf8 => base("marcxml-not-utf8"),
            ErrorKind::UnsupportedEncoding(name) => base("marcxml-unsupported-encoding").arg("encoding", name.as_str()),
            ErrorKind::ValueTooLong(limit) => base("marcxml-value-too-long").arg("limit", *limit),
            ErrorKind::RecordTooLarge(limit) => base("marcxml-record-too-large").arg("limit", *limit),
            ErrorKind::TooDeep(limit) => base("marcxml-too-deep").arg("limit", *limit),
            ErrorKind::NotMarcXml { root, .. } if root.is_empty() => base("marcxml-empty"),
            ErrorKind::NotMarcXml { root, namespace } if namespace.is_empty() => {
                base("marcxml-not-marcxml").arg("root", root.as_str())
            }
            ErrorKind::NotMarcXml { root, namespace } => {
                base("marcxml-not-marcxml-namespace").arg("root", root.as_str()).arg("namespace", namespace.as_str())
            }
            ErrorKind::Io(detail) => base("marcxml-read-failed").arg("detail", detail.as_str()),
        }
    }
}

/// Something in a record that was left out because it is not MARC; reported, never silent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// An element that is not part of MARCXML, with the start of its text (if any).
    IgnoredElement { name: String, line: usize, column: usize, text: String },
}

impl Note {
    pub fn message(&self) -> Message {
        match self {
            Note::IgnoredElement { name, line, column, text } => {
                let code = if text.is_empty() { "marcxml-ignored-element" } else { "marcxml-ignored-element-text" };
                Message::new(code)
                    .arg("name", name.as_str())
                    .arg("line", *line)
                    .arg("column", *column)
                    .arg("text", text.as_str())
            }
        }
    }
}

/// One record read from a stream: its number (from 1), the line of its `<record>` tag,
/// and what was left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRecord {
    pub number: usize,
    pub line: usize,
    pub record: Record,
    pub notes: Vec<Note>,
}

/// Reads all of `text` (tests, small inputs).
pub fn read_str(text: &str) -> Vec<Result<ReadRecord, MarcXmlError>> {
    Reader::new(text.as_bytes()).collect()
}

/// Reads all of `bytes` (tests, small inputs).
pub fn read_bytes(bytes: &[u8]) -> Vec<Result<ReadRecord, MarcXmlError>> {
    Reader::new(bytes).collect()
}

// ---------------------------------------------------------------------------------------
// Input: the caller's bytes in a buffer of our own, which the XML parser reads through
// `BufRead` and the fast path looks into directly. Lines and columns are counted only when
// a position is asked for, from a mark; the bytes from the mark on are kept for that.

/// A place in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

/// The input buffer's first size; each read fills what is free of it.
const CHUNK: usize = 1 << 17;

struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    /// Offset in the file of `buf[0]`.
    offset: u64,
    /// The bytes not consumed yet are `buf[pos..end]`.
    pos: usize,
    end: usize,
    /// The caller's input has ended.
    eof: bool,
    /// The caller's input failed: every later read fails the same, so a failure met by the
    /// fast path is still reported by the exact path.
    failed: Option<(io::ErrorKind, String)>,
    /// Line and column (0-based, in characters) at offset `mark`; nothing from there on
    /// is dropped, so every later position can still be counted.
    mark: u64,
    mark_line: usize,
    mark_col: usize,
    event_start: u64,
    budget: Option<u64>,
    over_budget: bool,
    /// The XML parser has just been restarted after the fast path: on its first look it
    /// would drop a byte order mark uncounted, which here is only a character of text.
    hide_bom: bool,
}

/// Counts lines and columns over `bytes`: newlines everywhere, characters (bytes that do
/// not continue a UTF-8 sequence) only after the last newline.
fn advance(line: &mut usize, col: &mut usize, bytes: &[u8]) {
    // One event's few bytes are quicker counted one by one.
    if bytes.len() < 16 {
        for &b in bytes {
            if b == b'\n' {
                *line += 1;
                *col = 0;
            } else if (b as i8) >= -0x40 {
                *col += 1;
            }
        }
        return;
    }
    let newlines = count_bytes(bytes, |b| b == b'\n');
    let mut tail = bytes;
    if newlines > 0 {
        *line += newlines;
        *col = 0;
        let last = bytes.iter().rposition(|b| *b == b'\n').unwrap_or(0);
        tail = &bytes[last + 1..];
    }
    *col += count_bytes(tail, |b| (b as i8) >= -0x40);
}

/// How many bytes satisfy `test`, counted in byte-wide lanes (chunks small enough not to
/// overflow them), which the compiler turns into vector code.
#[inline]
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes.chunks(255).map(|chunk| usize::from(chunk.iter().fold(0u8, |n, b| n + u8::from(test(*b))))).sum()
}

impl<R: BufRead> Input<R> {
    fn new(inner: R) -> Self {
        Input {
            inner,
            buf: Vec::new(),
            offset: 0,
            pos: 0,
            end: 0,
            eof: false,
            failed: None,
            mark: 0,
            mark_line: 1,
            mark_col: 0,
            event_start: 0,
            budget: None,
            over_budget: false,
            hide_bom: false,
        }
    }

    /// Offset in the file of the next byte to consume.
    fn consumed(&self) -> u64 {
        self.offset + self.pos as u64
    }

    /// Reads until at least `want` bytes are unconsumed or the input ends. Bytes before the
    /// mark make room; the buffer doubles when they are not enough, so a long event costs
    /// linear time.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        while self.end - self.pos < want && !self.eof {
            if let Some((kind, detail)) = &self.failed {
                return Err(io::Error::new(*kind, detail.clone()));
            }
            if self.buf.len() - self.end < CHUNK / 4 {
                let keep = (self.mark - self.offset) as usize;
                if keep > 0 {
                    self.buf.copy_within(keep..self.end, 0);
                    self.offset += keep as u64;
                    self.pos -= keep;
                    self.end -= keep;
                }
                if self.buf.len() - self.end < (self.buf.len() / 2).max(CHUNK / 4) {
                    let size = (self.buf.len() * 2).max(CHUNK);
                    self.buf.resize(size, 0);
                }
            }
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => self.failed = Some((e.kind(), e.to_string())),
            }
        }
        Ok(())
    }

    /// The unconsumed bytes, at least `want` of them unless the input ends first (then the
    /// flag is true: there is no more).
    fn peek(&mut self, want: usize) -> io::Result<(&[u8], bool)> {
        self.fill(want)?;
        let all = self.eof && self.end - self.pos < want;
        Ok((&self.buf[self.pos..self.end], all))
    }

    /// The bytes from the mark to the last consumed one.
    fn since_mark(&self) -> &[u8] {
        &self.buf[(self.mark - self.offset) as usize..self.pos]
    }

    /// The kept bytes before `at` (clamped to the mark and what was consumed).
    fn span(&self, at: u64) -> &[u8] {
        let at = at.clamp(self.mark, self.consumed());
        &self.buf[(self.mark - self.offset) as usize..(at - self.offset) as usize]
    }

    /// Forgets the bytes before `at`, keeping the line and column there.
    fn set_mark(&mut self, at: u64) {
        let (mut line, mut col) = (self.mark_line, self.mark_col);
        let span = self.span(at);
        let len = span.len() as u64;
        advance(&mut line, &mut col, span);
        (self.mark_line, self.mark_col) = (line, col);
        self.mark += len;
    }

    fn position(&self, at: u64) -> Pos {
        let (mut line, mut col) = (self.mark_line, self.mark_col);
        advance(&mut line, &mut col, self.span(at));
        Pos { line, column: col + 1 }
    }

    /// Starts an event: it may consume at most [`EVENT_BUDGET`] bytes.
    fn begin_event(&mut self) {
        self.event_start = self.consumed();
        self.budget = Some(EVENT_BUDGET);
        self.over_budget = false;
    }

    /// Consumes `n` bytes (fewer at the end of the input).
    fn skip(&mut self, n: usize) {
        // A read error here shows again at the next read, where it is reported.
        let _ = self.fill(n);
        self.pos = (self.pos + n).min(self.end);
    }

    /// Skips bytes that are no text (a byte order mark) without counting a column.
    fn skip_uncounted(&mut self, n: usize) {
        self.skip(n);
        self.mark = self.consumed();
    }

    /// Gives back the last `k` consumed bytes (as far as the mark).
    fn unconsume(&mut self, k: usize) {
        let kept = self.pos - (self.mark - self.offset) as usize;
        self.pos -= k.min(kept);
    }
}

impl<R: BufRead> Read for Input<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        // What the current event may still take: the parser must not copy more than the
        // budget, however much is in memory.
        let mut room = usize::MAX;
        if let Some(budget) = self.budget {
            let used = self.consumed() - self.event_start;
            if used > budget {
                self.over_budget = true;
                return Err(io::Error::other("value too long"));
            }
            room = usize::try_from(budget - used + 1).unwrap_or(usize::MAX);
        }
        if self.pos == self.end {
            self.fill(1)?;
        }
        let mut n = (self.end - self.pos).min(room);
        if std::mem::take(&mut self.hide_bom) && self.buf[self.pos..self.end].starts_with(&[0xEF, 0xBB, 0xBF]) {
            n = n.min(2);
        }
        Ok(&self.buf[self.pos..self.pos + n])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
    }
}

/// Consumes input up to the next start tag named `record` (any prefix) and leaves that tag
/// unread; false at the end of the input.
fn scan_to_record<R: BufRead>(input: &mut Input<R>) -> io::Result<bool> {
    loop {
        input.set_mark(input.consumed());
        let (bytes, _) = input.peek(1)?;
        if bytes.is_empty() {
            return Ok(false);
        }
        let Some(lt) = bytes.iter().position(|b| *b == b'<') else {
            input.pos = input.end;
            continue;
        };
        input.pos += lt + 1;
        // The name (at most 128 bytes of it) and the byte after it.
        let (bytes, _) = input.peek(129)?;
        let len = bytes.iter().take(128).take_while(|b| is_name_byte(**b)).count();
        let Some(&next) = bytes.get(len) else { return Ok(false) };
        let local = bytes[..len].rsplit(|b| *b == b':').next().unwrap_or(&[]);
        if local == b"record" && matches!(next, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
            input.unconsume(1);
            return Ok(true);
        }
        input.pos += len;
    }
}

// ---------------------------------------------------------------------------------------
// Events, with namespaces resolved and text decoded.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Ns {
    Marc,
    /// No namespace: many real files have none.
    Bare,
    Foreign(String),
}

#[derive(Debug, Clone)]
struct Name {
    /// The name as written; the names MARCXML uses are not copied.
    qname: Cow<'static, str>,
    /// Where the local part of `qname` starts.
    local: usize,
    ns: Ns,
}

/// The names of MARCXML elements as files mostly write them.
const COMMON_NAMES: [&str; 12] = [
    "subfield",
    "datafield",
    "controlfield",
    "leader",
    "record",
    "collection",
    "marc:subfield",
    "marc:datafield",
    "marc:controlfield",
    "marc:leader",
    "marc:record",
    "marc:collection",
];

/// What a name is in MARCXML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Collection,
    Record,
    Leader,
    Control,
    Data,
    Subfield,
    Other,
}

impl Name {
    fn kind(&self) -> Kind {
        if let Ns::Foreign(_) = self.ns {
            return Kind::Other;
        }
        match &self.qname[self.local..] {
            "collection" => Kind::Collection,
            "record" => Kind::Record,
            "leader" => Kind::Leader,
            "controlfield" => Kind::Control,
            "datafield" => Kind::Data,
            "subfield" => Kind::Subfield,
            _ => Kind::Other,
        }
    }
}

/// A DTD's internal entities: the text of each, or None when it is not expanded.
type Entities = HashMap<String, Option<String>>;

/// An event. The attributes of a start tag and the text of a text event stay in the
/// reader's buffers until the next event, so none is copied out on its own.
enum Ev {
    Start {
        at: Pos,
        name: Name,
        /// Whether the attributes could be read.
        attrs: Result<(), Fail>,
        empty: bool,
    },
    End,
    /// Text, a CDATA section or a resolved reference; errors matter only where text is kept.
    /// Its place is an offset, made a line and column only if it is reported.
    Text {
        at: u64,
        text: Result<(), Fail>,
    },
    Eof {
        at: Pos,
    },
    Other,
}

/// How badly a failure leaves the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    /// The XML is intact: skip to the end of the record.
    No,
    /// The XML parser lost its place: scan for the next `<record`.
    Xml,
    /// Nothing more can be read.
    Fatal,
}

#[derive(Debug, Clone)]
struct Fail {
    at: Pos,
    kind: ErrorKind,
    broken: Broken,
}

impl Fail {
    fn new(at: Pos, kind: ErrorKind) -> Self {
        Fail { at, kind, broken: Broken::No }
    }
}

/// An open element: where its name as written is in the reader's list of names, and the
/// namespaces it declares.
struct Open {
    name: std::ops::Range<usize>,
    bindings: Vec<(Vec<u8>, Vec<u8>)>,
    collection: bool,
}

type Xml<R> = quick_xml::Reader<Input<R>>;

fn xml_reader<R: BufRead>(input: Input<R>) -> Xml<R> {
    let mut xml = quick_xml::Reader::from_reader(input);
    let config = xml.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = true;
    // After a skip to the next record the parser no longer knows the wrappers around it;
    // their end tags are checked here instead.
    config.allow_unmatched_ends = true;
    xml
}

/// Characters XML 1.0 allows (surrogates cannot occur in a Rust string).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_blank(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn preview(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(PREVIEW_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

fn check_chars(text: &str) -> Result<(), ErrorKind> {
    // In ASCII only controls can be refused.
    if text.bytes().all(|b| (0x20..0x80).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r')) {
        return Ok(());
    }
    match text.chars().find(|c| !is_xml_char(*c)) {
        Some(c) => Err(ErrorKind::ForbiddenChar(c)),
        None => Ok(()),
    }
}

/// The internal entities of a DTD. Only plain text is kept: a value with references or
/// markup in it (how "billion laughs" grows) is declared unusable, external ones too.
fn internal_entities(doctype: &str, out: &mut Entities) {
    let mut rest = doctype;
    while let Some(i) = rest.find("<!ENTITY") {
        rest = &rest[i + "<!ENTITY".len()..];
        let body = rest.trim_start();
        if body.starts_with('%') {
            continue; // parameter entities never reach content
        }
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        let name = &body[..name_end];
        let after = body[name_end..].trim_start();
        let value = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => after[1..].find(quote).map(|end| &after[1..1 + end]),
            _ => None,
        };
        let usable =
            value.filter(|v| v.len() <= MAX_ENTITY_BYTES && !v.contains(['&', '<', '%']) && v.chars().all(is_xml_char));
        if !name.is_empty() && out.len() < MAX_ENTITIES {
            // The first declaration of a name binds.
            out.entry(name.to_string()).or_insert_with(|| usable.map(str::to_string));
        }
    }
}

/// The text of `&name;`: a character number, one of XML's five, or a plain internal entity.
fn resolve_ref(entities: &Entities, name: &str) -> Result<String, ErrorKind> {
    let bad = || ErrorKind::BadReference(name.to_string());
    if let Some(number) = name.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return Err(bad());
        }
        let c = u32::from_str_radix(digits, radix).ok().and_then(char::from_u32).ok_or_else(bad)?;
        if !is_xml_char(c) {
            return Err(ErrorKind::ForbiddenChar(c));
        }
        return Ok(c.to_string());
    }
    let predefined = match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return entities.get(name).cloned().flatten().ok_or_else(bad),
    };
    Ok(predefined.to_string())
}

/// An attribute's value: decoded, whitespace normalized as XML does, references resolved.
fn attr_value(entities: &Entities, raw: &[u8], at: Pos) -> Result<String, Fail> {
    // Printable ASCII without references is its own value (nearly every tag, indicator and
    // code).
    if raw.iter().all(|b| (0x20..0x7F).contains(b) && *b != b'&') {
        return Ok(raw.iter().map(|b| char::from(*b)).collect());
    }
    let text = std::str::from_utf8(raw).map_err(|_| Fail::new(at, ErrorKind::NotUtf8))?;
    let text: String = text.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect();
    check_chars(&text).map_err(|kind| Fail::new(at, kind))?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            let detail = "`&` in an attribute value without a closing `;`".to_string();
            return Err(Fail::new(at, ErrorKind::Malformed(detail)));
        };
        out.push_str(&resolve_ref(entities, &after[..semi]).map_err(|kind| Fail::new(at, kind))?);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(nfc(out))
}

fn is_utf8_name(encoding: &str) -> bool {
    matches!(encoding.to_ascii_lowercase().as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
}

// ---------------------------------------------------------------------------------------
// The fast path. Nearly every file writes its records the same plain way; those are read
// straight from the input buffer, without XML events. It takes a subset of what the XML
// parser takes and gives the same record for it. At anything else (comments, CDATA, a
// carriage return in a value, namespace declarations, elements that are not MARC or out of
// place, any error) it stops having consumed nothing, and the exact path reads the record,
// so errors, notes and their positions are what they always were.

/// The least the fast path looks at before it asks for more; it looks at twice the last
/// record's size when that is more.
const FAST_LOOKAHEAD: usize = 1 << 12;
/// The most it looks at: a longer record is left to the exact path. As this is less than
/// [`EVENT_BUDGET`] and much less than [`MAX_RECORD_BYTES`] / [`ITEM_COST`] items, only
/// entities could break a limit, and those are counted.
const FAST_MAX: usize = MAX_VALUE_BYTES;

/// Why the fast path stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The bytes end inside the record.
    More,
    /// Something it leaves to the exact path.
    Slow,
}

/// How the records of a run start: the exact bytes of the first one's start tag. The next
/// records are plain only with the very same tag, so their names mean the same.
struct Plain {
    start_tag: Vec<u8>,
    /// The record element's name as written.
    qname: Vec<u8>,
    /// Its prefix with the colon, or nothing; MARC elements inside must have it too.
    prefix: Vec<u8>,
}

impl Plain {
    /// From a start tag `<name …>` as the XML parser read it.
    fn new(start_tag: &[u8]) -> Option<Self> {
        let inner = start_tag.strip_prefix(b"<")?.strip_suffix(b">")?;
        let len = inner.iter().position(|b| is_blank_byte(*b)).unwrap_or(inner.len());
        let qname = inner[..len].to_vec();
        let prefix = match qname.iter().position(|b| *b == b':') {
            Some(colon) => qname[..=colon].to_vec(),
            None => Vec::new(),
        };
        Some(Plain { start_tag: start_tag.to_vec(), qname, prefix })
    }
}

fn is_blank_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Bytes that end a run of plain text: markup, references, a carriage return (which XML
/// turns into a line feed) and the other controls XML refuses, and 0xEF, which starts
/// U+FFFE and U+FFFF.
static TEXT_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x09 && b != 0x0A;
        b += 1;
    }
    table[b'<' as usize] = true;
    table[b'&' as usize] = true;
    table[0xEF] = true;
    table
};

/// The bytes of attribute names the fast path takes.
static NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b':' | b'_' | b'-' | b'.');
        b += 1;
    }
    table
};

fn is_name_byte(b: u8) -> bool {
    NAME_BYTE[usize::from(b)]
}

/// The attributes MARCXML reads.
#[derive(Default)]
struct Found<'a> {
    tag: Option<&'a [u8]>,
    ind1: Option<&'a [u8]>,
    ind2: Option<&'a [u8]>,
    code: Option<&'a [u8]>,
}

/// Where the exact functions reused here would place an error; the fast path never
/// reports one.
const NOWHERE: Pos = Pos { line: 0, column: 0 };

fn grow(size: usize, bytes: usize) -> Result<usize, Stop> {
    let size = size + bytes + ITEM_COST;
    if size > MAX_RECORD_BYTES {
        return Err(Stop::Slow);
    }
    Ok(size)
}

/// A value found by the fast path: a span of plain text, made a string once the whole
/// record is known to be UTF-8 (one check instead of one per value), or a value already
/// decoded because it held references.
enum Value {
    Span { start: usize, end: usize, ascii: bool },
    Decoded,
}

/// A value byte of an indicator or subfield code that decodes to itself.
fn plain_char(b: u8) -> bool {
    (0x20..0x7F).contains(&b) && b != b'&' && b != b'"'
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    entities: &'a Entities,
    prefix: &'a [u8],
    /// The values of the record in order, to be made strings at the end.
    values: &'a mut Vec<Value>,
    /// Bytes of the values decoded so far: entities could make them far more than the
    /// record's own bytes, so they are held to the record limit as they grow.
    decoded: usize,
    /// The start tag of the record was there (what went wrong is inside the record).
    opened: bool,
}

impl<'a> Scan<'a> {
    #[inline]
    fn byte(&self) -> Result<u8, Stop> {
        self.bytes.get(self.at).copied().ok_or(Stop::More)
    }

    #[inline]
    fn eat(&mut self, b: u8) -> Result<(), Stop> {
        if self.byte()? != b {
            return Err(Stop::Slow);
        }
        self.at += 1;
        Ok(())
    }

    #[inline]
    fn literal(&mut self, literal: &[u8]) -> Result<(), Stop> {
        match self.bytes.get(self.at..self.at + literal.len()) {
            Some(next) if next == literal => {
                self.at += literal.len();
                Ok(())
            }
            Some(_) => Err(Stop::Slow),
            None if self.bytes[self.at..].iter().zip(literal).all(|(a, b)| a == b) => Err(Stop::More),
            None => Err(Stop::Slow),
        }
    }

    /// Skips blanks; the byte after them.
    #[inline]
    fn blanks(&mut self) -> Result<u8, Stop> {
        loop {
            let b = self.byte()?;
            if !is_blank_byte(b) {
                return Ok(b);
            }
            self.at += 1;
        }
    }

    /// After `<` (and the prefix): the name `local`, which must end there.
    #[inline]
    fn name_is<const N: usize>(&mut self, local: &[u8; N]) -> Result<bool, Stop> {
        let (Some(next), Some(after)) = (self.bytes.get(self.at..self.at + N), self.bytes.get(self.at + N)) else {
            return Err(Stop::More);
        };
        if next != local || !matches!(after, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>') {
            return Ok(false);
        }
        self.at += N;
        Ok(true)
    }

    /// `<` and the prefix of MARC elements.
    #[inline]
    fn open(&mut self) -> Result<(), Stop> {
        self.eat(b'<')?;
        if !self.prefix.is_empty() {
            self.literal(self.prefix)?;
        }
        Ok(())
    }

    /// The end tag `</prefix:local>`.
    #[inline]
    fn end_tag<const N: usize>(&mut self, local: &[u8; N]) -> Result<(), Stop> {
        self.eat(b'<')?;
        self.eat(b'/')?;
        if !self.prefix.is_empty() {
            self.literal(self.prefix)?;
        }
        match self.bytes.get(self.at..=self.at + N) {
            Some(next) if next[..N] == local[..] && next[N] == b'>' => {
                self.at += N + 1;
                Ok(())
            }
            Some(_) => Err(Stop::Slow),
            None => {
                self.literal(local)?;
                self.eat(b'>')
            }
        }
    }

    /// An end tag is next.
    #[inline]
    fn closing(&self) -> Result<bool, Stop> {
        match self.bytes.get(self.at + 1) {
            Some(b) => Ok(*b == b'/'),
            None => Err(Stop::More),
        }
    }

    /// The next `N` bytes.
    #[inline]
    fn ahead<const N: usize>(&self) -> Option<&'a [u8; N]> {
        self.bytes.get(self.at..self.at + N)?.try_into().ok()
    }

    /// Attributes up to the end of the start tag, and whether the element is empty. Only
    /// `name="value"` (or single quotes) with plain names, none twice, no namespaces.
    fn attributes(&mut self) -> Result<(Found<'a>, bool), Stop> {
        let mut found = Found::default();
        let mut seen = 0u8;
        let mut others: [&[u8]; 4] = [&[]; 4];
        let mut count = 0;
        loop {
            match self.blanks()? {
                b'>' => {
                    self.at += 1;
                    return Ok((found, false));
                }
                b'/' => {
                    self.at += 1;
                    self.eat(b'>')?;
                    return Ok((found, true));
                }
                _ => {}
            }
            let start = self.at;
            let len = self.bytes[start..].iter().position(|b| !is_name_byte(*b)).ok_or(Stop::More)?;
            self.at += len;
            let key = &self.bytes[start..self.at];
            if self.blanks()? != b'=' {
                return Err(Stop::Slow);
            }
            self.at += 1;
            let quote = self.blanks()?;
            if quote != b'"' && quote != b'\'' {
                return Err(Stop::Slow);
            }
            let from = self.at + 1;
            let len = self.bytes[from..].iter().position(|b| *b == quote).ok_or(Stop::More)?;
            let value = Some(&self.bytes[from..from + len]);
            self.at = from + len + 1;
            let (bit, slot) = match key {
                b"tag" => (1, &mut found.tag),
                b"ind1" => (2, &mut found.ind1),
                b"ind2" => (4, &mut found.ind2),
                b"code" => (8, &mut found.code),
                // Any other attribute is left alone, as the exact path does; a namespace
                // declaration would change what names mean.
                _ => {
                    if key.is_empty() || key.starts_with(b"xmlns") || count == others.len() || others.contains(&key) {
                        return Err(Stop::Slow);
                    }
                    others[count] = key;
                    count += 1;
                    continue;
                }
            };
            if seen & bit != 0 {
                return Err(Stop::Slow);
            }
            seen |= bit;
            *slot = value;
        }
    }

    /// An attribute's value as the exact path decodes it, for the uncommon forms.
    fn decoded(&self, raw: &[u8]) -> Result<String, Stop> {
        attr_value(self.entities, raw, NOWHERE).map_err(|_| Stop::Slow)
    }

    fn tag(&self, raw: Option<&[u8]>) -> Result<Tag, Stop> {
        let raw = raw.ok_or(Stop::Slow)?;
        // Three letters or digits decode to themselves.
        if let Some(tag) = std::str::from_utf8(raw).ok().and_then(Tag::parse) {
            return Ok(tag);
        }
        Tag::parse(&self.decoded(raw)?).ok_or(Stop::Slow)
    }

    fn indicator(&self, raw: Option<&[u8]>) -> Result<char, Stop> {
        match raw {
            None | Some([]) => Ok(' '),
            Some(&[b]) if plain_char(b) => Ok(char::from(b)),
            Some(raw) => {
                let text = self.decoded(raw)?;
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (None, _) => Ok(' '),
                    (Some(c), None) => Ok(c),
                    _ => Err(Stop::Slow),
                }
            }
        }
    }

    fn code(&self, raw: Option<&[u8]>) -> Result<char, Stop> {
        match raw {
            Some(&[b]) if plain_char(b) && b != b' ' => Ok(char::from(b)),
            Some(raw) => {
                let text = self.decoded(raw)?;
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.is_ascii_graphic() => Ok(c),
                    _ => Err(Stop::Slow),
                }
            }
            None => Err(Stop::Slow),
        }
    }

    /// A data field's start tag after its name: `tag`, `ind1` and `ind2` as nearly every
    /// file writes them, else any attributes.
    fn datafield_start(&mut self) -> Result<(Tag, char, char, bool), Stop> {
        // ` tag="245" ind1="1" ind2="0">`
        if let Some(next) = self.ahead::<29>() {
            let (tag, i1, i2) = (&next[6..9], next[17], next[26]);
            if next[..6] == *b" tag=\""
                && next[9..17] == *b"\" ind1=\""
                && next[18..26] == *b"\" ind2=\""
                && next[27..] == *b"\">"
                && tag.iter().all(u8::is_ascii_alphanumeric)
                && plain_char(i1)
                && plain_char(i2)
            {
                let tag = self.tag(Some(tag))?;
                self.at += 29;
                return Ok((tag, char::from(i1), char::from(i2), false));
            }
        }
        let (found, empty) = self.attributes()?;
        Ok((self.tag(found.tag)?, self.indicator(found.ind1)?, self.indicator(found.ind2)?, empty))
    }

    /// A control field's start tag after its name.
    fn controlfield_start(&mut self) -> Result<(Tag, bool), Stop> {
        // ` tag="001">`
        if let Some(next) = self.ahead::<11>() {
            let tag = &next[6..9];
            if next[..6] == *b" tag=\"" && next[9..] == *b"\">" && tag.iter().all(u8::is_ascii_alphanumeric) {
                let tag = self.tag(Some(tag))?;
                self.at += 11;
                return Ok((tag, false));
            }
        }
        let (found, empty) = self.attributes()?;
        Ok((self.tag(found.tag)?, empty))
    }

    /// A subfield's start tag after its name.
    fn subfield_start(&mut self) -> Result<(char, bool), Stop> {
        // ` code="a">`
        if let Some(next) = self.ahead::<10>() {
            let code = next[7];
            if next[..7] == *b" code=\"" && next[8..] == *b"\">" && plain_char(code) && code != b' ' {
                self.at += 10;
                return Ok((char::from(code), false));
            }
        }
        let (found, empty) = self.attributes()?;
        Ok((self.code(found.code)?, empty))
    }

    /// Plain text from `from` on: where it stops, and whether it is ASCII (its bytes or-ed
    /// together).
    #[inline]
    fn run(&self, from: usize) -> Result<(usize, u8), Stop> {
        const ONES: u64 = u64::from_le_bytes([1; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        let mut high = 0;
        let mut i = from;
        loop {
            // The next byte that may end the text, eight at a time: the lowest byte flagged
            // below 0x20, `<`, `&` or 0xEF is exact (only bytes above a true one can be
            // flagged wrongly).
            let b = match self.bytes.get(i..i + 8) {
                Some(word) => {
                    let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
                    let flagged = word.wrapping_sub(ONES * 0x20) & !word & HIGH
                        | zero_byte(word ^ (ONES * u64::from(b'<')))
                        | zero_byte(word ^ (ONES * u64::from(b'&')))
                        | zero_byte(word ^ (ONES * 0xEF));
                    if flagged == 0 {
                        high |= word;
                        i += 8;
                        continue;
                    }
                    let n = flagged.trailing_zeros() as usize / 8;
                    high |= word & ((1 << (8 * n)) - 1);
                    i += n;
                    self.bytes[i]
                }
                None => *self.bytes.get(i).ok_or(Stop::More)?,
            };
            if TEXT_STOP[usize::from(b)] {
                if b != 0xEF {
                    return Ok((i, if high & HIGH == 0 { 0 } else { 0x80 }));
                }
                match self.bytes.get(i + 1..i + 3) {
                    None => return Err(Stop::More),
                    Some([0xBF, 0xBE | 0xBF]) => return Err(Stop::Slow),
                    Some(_) => {}
                }
            }
            high |= u64::from(b);
            i += 1;
        }
    }

    /// The text of a leader, control field or subfield and its end tag. Plain text is
    /// noted as a span; text with references is decoded here, as the exact path does
    /// (references resolved, then NFC).
    fn value<const N: usize>(&mut self, local: &[u8; N], empty: bool) -> Result<String, Stop> {
        if empty {
            self.values.push(Value::Span { start: 0, end: 0, ascii: true });
            return Ok(String::new());
        }
        let start = self.at;
        let (end, high) = self.run(start)?;
        self.at = end;
        if self.bytes[end] == b'<' {
            self.end_tag(local)?;
            self.values.push(Value::Span { start, end, ascii: high < 0x80 });
            return Ok(String::new());
        }
        let mut out = String::new();
        let mut from = start;
        loop {
            let (end, _) = self.run(from)?;
            out.push_str(std::str::from_utf8(&self.bytes[from..end]).map_err(|_| Stop::Slow)?);
            self.at = end;
            match self.bytes[end] {
                b'<' => break,
                b'&' => {
                    // A reference ends at `;`, before any other `&` or `<`.
                    let rest = &self.bytes[end + 1..];
                    let len = rest.iter().position(|b| matches!(b, b';' | b'&' | b'<')).ok_or(Stop::More)?;
                    if rest[len] != b';' {
                        return Err(Stop::Slow);
                    }
                    let name = std::str::from_utf8(&rest[..len]).map_err(|_| Stop::Slow)?;
                    out.push_str(&resolve_ref(self.entities, name).map_err(|_| Stop::Slow)?);
                    if out.len() > MAX_VALUE_BYTES {
                        return Err(Stop::Slow);
                    }
                    from = end + 1 + len + 1;
                }
                _ => return Err(Stop::Slow),
            }
        }
        self.end_tag(local)?;
        self.decoded += out.len() + ITEM_COST;
        if self.decoded > MAX_RECORD_BYTES {
            return Err(Stop::Slow);
        }
        self.values.push(Value::Decoded);
        Ok(nfc(out))
    }

    /// A data field's subfields, up to its end tag.
    fn subfields(&mut self) -> Result<Vec<Subfield>, Stop> {
        let mut subfields = Vec::new();
        loop {
            self.blanks()?;
            if self.closing()? {
                self.end_tag(b"datafield")?;
                return Ok(subfields);
            }
            self.open()?;
            if !self.name_is(b"subfield")? {
                return Err(Stop::Slow);
            }
            let (code, empty) = self.subfield_start()?;
            let value = self.value(b"subfield", empty)?;
            subfields.push(Subfield { code, value });
        }
    }

    /// A record: after blanks, its start tag (when given), then its content up to its end
    /// tag. Returns the record and the number of blanks before it.
    fn record(&mut self, plain: &Plain, with_start: bool, hint: usize) -> Result<(Record, usize), Stop> {
        let mut blank = 0;
        if with_start {
            self.blanks()?;
            blank = self.at;
            self.literal(&plain.start_tag)?;
            self.opened = true;
        }
        self.values.clear();
        let mut leader = None;
        let mut fields = Vec::with_capacity(hint);
        let mut size = 0;
        loop {
            self.blanks()?;
            if self.closing()? {
                self.eat(b'<')?;
                self.eat(b'/')?;
                self.literal(&plain.qname)?;
                self.eat(b'>')?;
                break;
            }
            self.open()?;
            if self.name_is(b"datafield")? {
                let (tag, ind1, ind2, empty) = self.datafield_start()?;
                size = grow(size, 0)?;
                let subfields = if empty { Vec::new() } else { self.subfields()? };
                fields.push(Field::Data { tag, ind1, ind2, subfields });
            } else if self.name_is(b"controlfield")? {
                let (tag, empty) = self.controlfield_start()?;
                let value = self.value(b"controlfield", empty)?;
                fields.push(Field::Control { tag, value });
            } else if leader.is_none() && self.name_is(b"leader")? {
                let (_, empty) = self.attributes()?;
                let mut text = self.value(b"leader", empty)?;
                if let Some(Value::Span { start, end, .. }) = self.values.pop() {
                    text = nfc(std::str::from_utf8(&self.bytes[start..end]).map_err(|_| Stop::Slow)?.to_owned());
                }
                leader = Some(parse_leader(&text).ok_or(Stop::Slow)?);
            } else {
                return Err(Stop::Slow);
            }
        }
        let leader = leader.ok_or(Stop::Slow)?;
        // Every byte of the record is UTF-8 (else the exact path says where it is not); the
        // values are cut from it.
        let text = simdutf8::basic::from_utf8(&self.bytes[..self.at]).map_err(|_| Stop::Slow)?;
        let mut values = self.values.iter();
        let mut fill = |value: &mut String| -> Result<(), Stop> {
            if let Some(&Value::Span { start, end, ascii }) = values.next() {
                let span = text.get(start..end).ok_or(Stop::Slow)?;
                *value = if ascii || plainly_nfc(span.as_bytes()) { span.to_owned() } else { to_nfc(span) };
            }
            Ok(())
        };
        for field in &mut fields {
            match field {
                Field::Control { value, .. } => {
                    fill(value)?;
                    size = grow(size, value.len())?;
                }
                Field::Data { subfields, .. } => {
                    for subfield in subfields {
                        fill(&mut subfield.value)?;
                        size = grow(size, subfield.value.len())?;
                    }
                }
            }
        }
        Ok((Record { leader, fields }, blank))
    }
}

// ---------------------------------------------------------------------------------------
// NFC.

/// A value in NFC, not copied when it is composed already.
fn nfc(text: String) -> String {
    qiao_charset::nfc_owned(text)
}

// ---------------------------------------------------------------------------------------
// The reader.

/// Streams records out of MARCXML; see the module documentation.
pub struct Reader<R: BufRead> {
    xml: Option<Xml<R>>,
    /// Offset in the file of the XML parser's position 0 (it restarts after a skip).
    base: u64,
    buf: Vec<u8>,
    stack: Vec<Open>,
    entities: Entities,
    /// Records seen so far (good or bad).
    number: usize,
    started: bool,
    done: bool,
    /// A skip to the next record happened: end tags of wrappers are taken loosely.
    resynced: bool,
    /// Open elements from this depth on were opened since the last skip: their end tags
    /// must match exactly.
    checked_from: usize,
    last_resync: Option<u64>,
    check_encoding: bool,
    found_marc: bool,
    reported: bool,
    /// The first element of the file and where it is, for "not MARCXML".
    root: Option<(Name, Pos)>,
    last_at: Pos,
    /// The fast path may be used (tests turn it off to compare it with the exact path).
    fast: bool,
    /// Set while records come in the plain form the fast path reads.
    plain: Option<Plain>,
    /// The fast path read past the XML parser, which must restart where it stopped.
    stale: bool,
    /// The fast path already gave up on the record the XML parser reads next.
    skip_plain: bool,
    /// Fields in the last record: room made for the next one.
    fields_hint: usize,
    /// How many bytes the fast path looks at first.
    lookahead: usize,
    /// The fast path's list of values, kept for the next record.
    values: Vec<Value>,
    /// The text of the last text event.
    text: String,
    /// The attributes of the last start tag: (key start, value start, end) in `attr_bytes`.
    attrs: Vec<(usize, usize, usize)>,
    attr_bytes: Vec<u8>,
    /// The names of the open elements, one after the other.
    names: Vec<u8>,
}

/// A record being read.
#[derive(Default)]
struct Partial {
    leader: Option<Leader>,
    fields: Vec<Field>,
    notes: Vec<Note>,
    size: usize,
}

impl Partial {
    fn add(&mut self, bytes: usize, at: Pos) -> Result<(), Fail> {
        self.size += bytes + ITEM_COST;
        if self.size > MAX_RECORD_BYTES {
            return Err(Fail::new(at, ErrorKind::RecordTooLarge(MAX_RECORD_BYTES)));
        }
        Ok(())
    }
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader {
            xml: Some(xml_reader(Input::new(input))),
            base: 0,
            buf: Vec::new(),
            stack: Vec::new(),
            entities: HashMap::new(),
            number: 0,
            started: false,
            done: false,
            resynced: false,
            checked_from: 0,
            last_resync: None,
            check_encoding: true,
            found_marc: false,
            reported: false,
            root: None,
            last_at: Pos { line: 1, column: 1 },
            fast: true,
            plain: None,
            stale: false,
            skip_plain: false,
            fields_hint: 8,
            lookahead: FAST_LOOKAHEAD,
            values: Vec::new(),
            text: String::new(),
            attrs: Vec::new(),
            attr_bytes: Vec::new(),
            names: Vec::new(),
        }
    }

    /// For input the caller has already converted to UTF-8: the file's encoding
    /// declaration (windows-1251, GB2312…) is then no longer true and is not checked.
    pub fn transcoded(input: R) -> Self {
        let mut reader = Reader::new(input);
        reader.check_encoding = false;
        reader
    }

    /// A byte order mark tells UTF-16 (refused) or UTF-8 (skipped, so columns stay true).
    fn check_start(&mut self) -> Result<(), Fail> {
        let at = Pos { line: 1, column: 1 };
        let Some(xml) = self.xml.as_mut() else { return Ok(()) };
        let input = xml.get_mut();
        // However little the caller's input hands out at a time, the mark is seen whole.
        let head = match input.peek(3) {
            Ok((head, _)) => head,
            Err(e) => return Err(Fail { at, kind: ErrorKind::Io(e.to_string()), broken: Broken::Fatal }),
        };
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(Fail { at, kind: ErrorKind::UnsupportedEncoding("UTF-16".into()), broken: Broken::Fatal });
        }
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            input.skip_uncounted(3);
            self.base = 3;
        }
        Ok(())
    }

    /// The next event, with namespaces resolved and the open-element stack kept.
    fn read_ev(&mut self) -> Result<Ev, Fail> {
        if !self.started {
            self.started = true;
            self.check_start()?;
        }
        if std::mem::take(&mut self.stale) {
            if let Some(xml) = self.xml.take() {
                let mut input = xml.into_inner();
                self.base = input.consumed();
                input.hide_bom = true;
                self.xml = Some(xml_reader(input));
            }
        }
        let Some(xml) = self.xml.as_mut() else { return Ok(Ev::Eof { at: self.last_at }) };
        let start = self.base + xml.buffer_position();
        let input = xml.get_mut();
        // Lines and columns are counted up to start tags (whose places are kept) and
        // otherwise only when a place is reported, or when much has passed since.
        if start.saturating_sub(input.mark) > CHUNK as u64 {
            input.set_mark(start);
        }
        input.begin_event();
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let event = xml.read_event_into(&mut buf);
        let input = xml.get_mut();
        input.budget = None;
        if let Ok(Event::Start(_) | Event::Empty(_) | Event::Eof) = event {
            input.set_mark(start);
            self.last_at = input.position(start);
        }
        let at = self.last_at;
        let result = match event {
            Err(e) => {
                let input = xml.get_ref();
                let at = input.position(start);
                if input.over_budget {
                    Err(Fail { at, kind: ErrorKind::ValueTooLong(MAX_VALUE_BYTES), broken: Broken::Xml })
                } else if let quick_xml::Error::Io(io) = &e {
                    Err(Fail { at, kind: ErrorKind::Io(io.to_string()), broken: Broken::Fatal })
                } else {
                    let err_at = input.position(self.base + xml.error_position());
                    Err(Fail { at: err_at, kind: ErrorKind::Malformed(e.to_string()), broken: Broken::Xml })
                }
            }
            Ok(Event::Start(e)) => self.start(&e, at, false),
            Ok(Event::Empty(e)) => self.start(&e, at, true),
            Ok(Event::End(e)) => self.end(e.name().as_ref(), start),
            Ok(Event::Text(e)) => {
                let text = decode_into(&mut self.text, e.xml10_content());
                Ok(Ev::Text { at: start, text: text.map_err(|kind| Fail::new(self.pos_of(start), kind)) })
            }
            Ok(Event::CData(e)) => {
                let text = decode_into(&mut self.text, e.xml10_content());
                Ok(Ev::Text { at: start, text: text.map_err(|kind| Fail::new(self.pos_of(start), kind)) })
            }
            Ok(Event::GeneralRef(e)) => {
                self.text.clear();
                let text = match e.decode() {
                    Ok(name) => resolve_ref(&self.entities, &name).map(|resolved| self.text.push_str(&resolved)),
                    Err(_) => Err(ErrorKind::NotUtf8),
                };
                Ok(Ev::Text { at: start, text: text.map_err(|kind| Fail::new(self.pos_of(start), kind)) })
            }
            Ok(Event::DocType(e)) => {
                internal_entities(&String::from_utf8_lossy(&e), &mut self.entities);
                Ok(Ev::Other)
            }
            Ok(Event::Decl(e)) => match e.encoding() {
                Some(Ok(name)) if self.check_encoding && !is_utf8_name(&String::from_utf8_lossy(&name)) => {
                    let name = String::from_utf8_lossy(&name).into_owned();
                    let at = self.pos_of(start);
                    Err(Fail { at, kind: ErrorKind::UnsupportedEncoding(name), broken: Broken::Fatal })
                }
                _ => Ok(Ev::Other),
            },
            Ok(Event::Comment(_) | Event::PI(_)) => Ok(Ev::Other),
            Ok(Event::Eof) => Ok(Ev::Eof { at }),
        };
        self.buf = buf;
        result
    }

    fn start(&mut self, e: &BytesStart, at: Pos, empty: bool) -> Result<Ev, Fail> {
        if !empty && self.stack.len() >= MAX_DEPTH {
            return Err(Fail { at, kind: ErrorKind::TooDeep(MAX_DEPTH), broken: Broken::Xml });
        }
        let qname = e.name();
        let qname = qname.as_ref();
        self.attrs.clear();
        self.attr_bytes.clear();
        let mut bindings = Vec::new();
        let mut bad = None;
        for attr in e.attributes() {
            match attr {
                Ok(attr) => {
                    let key = attr.key.as_ref();
                    if key == b"xmlns" {
                        bindings.push((Vec::new(), attr.value.into_owned()));
                    } else if let Some(prefix) = key.strip_prefix(b"xmlns:") {
                        bindings.push((prefix.to_vec(), attr.value.into_owned()));
                    } else {
                        let start = self.attr_bytes.len();
                        self.attr_bytes.extend_from_slice(key);
                        let split = self.attr_bytes.len();
                        self.attr_bytes.extend_from_slice(&attr.value);
                        self.attrs.push((start, split, self.attr_bytes.len()));
                    }
                }
                Err(err) => {
                    bad = Some(Fail::new(at, ErrorKind::Malformed(err.to_string())));
                    break;
                }
            }
        }
        let name = self.resolve_name(qname, &bindings);
        if !empty {
            let start = self.names.len();
            self.names.extend_from_slice(qname);
            self.stack.push(Open { name: start..self.names.len(), bindings, collection: false });
        }
        Ok(Ev::Start { at, name, attrs: bad.map_or(Ok(()), Err), empty })
    }

    fn end(&mut self, qname: &[u8], start: u64) -> Result<Ev, Fail> {
        if self.stack.last().is_some_and(|open| self.open_name(open) == qname) {
            self.close_to(self.stack.len() - 1);
            return Ok(Ev::End);
        }
        // The XML parser checks the elements opened since its last skip, but it restarts
        // after the fast path too and forgets them: their check is made here, in its words.
        if let Some(open) = self.stack.last().filter(|_| self.stack.len() > self.checked_from) {
            let detail = format!(
                "ill-formed document: expected `</{}>`, but `</{}>` was found",
                std::str::from_utf8(self.open_name(open)).unwrap_or_default(),
                std::str::from_utf8(qname).unwrap_or_default()
            );
            return Err(Fail { at: self.pos_of(start), kind: ErrorKind::Malformed(detail), broken: Broken::Xml });
        }
        if self.resynced {
            return Ok(match self.stack.iter().rposition(|open| self.open_name(open) == qname) {
                Some(i) => {
                    self.close_to(i);
                    Ev::End
                }
                None => Ev::Other,
            });
        }
        let detail = format!("end tag `</{}>` does not match any open tag", String::from_utf8_lossy(qname));
        Err(Fail { at: self.pos_of(start), kind: ErrorKind::Malformed(detail), broken: Broken::Xml })
    }

    /// The line and column of `offset`, which is no earlier than the last start tag.
    fn pos_of(&self, offset: u64) -> Pos {
        self.xml.as_ref().map_or(self.last_at, |xml| xml.get_ref().position(offset))
    }

    fn open_name(&self, open: &Open) -> &[u8] {
        &self.names[open.name.clone()]
    }

    /// Closes the open elements from `depth` on.
    fn close_to(&mut self, depth: usize) {
        if let Some(open) = self.stack.get(depth) {
            self.names.truncate(open.name.start);
        }
        self.stack.truncate(depth);
        self.checked_from = self.checked_from.min(depth);
    }

    fn resolve_name(&self, qname: &[u8], bindings: &[(Vec<u8>, Vec<u8>)]) -> Name {
        let (prefix, local) = match qname.iter().position(|b| *b == b':') {
            Some(i) => (&qname[..i], &qname[i + 1..]),
            None => (&b""[..], qname),
        };
        fn find<'b>(list: &'b [(Vec<u8>, Vec<u8>)], prefix: &[u8]) -> Option<&'b [u8]> {
            list.iter().rev().find(|(p, _)| p == prefix).map(|(_, uri)| uri.as_slice())
        }
        let uri =
            find(bindings, prefix).or_else(|| self.stack.iter().rev().find_map(|open| find(&open.bindings, prefix)));
        let ns = match uri {
            None if prefix.is_empty() => Ns::Bare,
            None => Ns::Foreign(format!("{}:", String::from_utf8_lossy(prefix))),
            Some([]) => Ns::Bare,
            Some(uri) if uri == MARC_NAMESPACE.as_bytes() || uri == MARCXCHANGE_NAMESPACE.as_bytes() => Ns::Marc,
            Some(uri) => Ns::Foreign(String::from_utf8_lossy(uri).into_owned()),
        };
        let prefixed = local.len() < qname.len();
        let qname = match COMMON_NAMES.iter().find(|common| common.as_bytes() == qname) {
            Some(common) => Cow::Borrowed(*common),
            None => Cow::Owned(String::from_utf8_lossy(qname).into_owned()),
        };
        // The colon survives the lossy decoding: the local part starts after the first one.
        let local = if prefixed { qname.find(':').map_or(0, |colon| colon + 1) } else { 0 };
        Name { qname, local, ns }
    }

    fn attr_value(&self, raw: &[u8], at: Pos) -> Result<String, Fail> {
        attr_value(&self.entities, raw, at)
    }

    /// An attribute of the start tag just read.
    fn attr(&self, key: &str, at: Pos) -> Result<Option<String>, Fail> {
        let bytes = &self.attr_bytes;
        match self.attrs.iter().find(|(start, split, _)| &bytes[*start..*split] == key.as_bytes()) {
            Some(&(_, split, end)) => self.attr_value(&bytes[split..end], at).map(Some),
            None => Ok(None),
        }
    }

    fn tag(&self, name: &Name, at: Pos) -> Result<Tag, Fail> {
        let found = self.attr("tag", at)?.unwrap_or_default();
        Tag::parse(&found).ok_or_else(|| Fail::new(at, ErrorKind::BadTag { element: name.qname.to_string(), found }))
    }

    /// An indicator: missing or empty is blank (real files write `ind1=""`).
    fn indicator(&self, tag: Tag, which: u8, at: Pos) -> Result<char, Fail> {
        let key = if which == 1 { "ind1" } else { "ind2" };
        let Some(found) = self.attr(key, at)? else { return Ok(' ') };
        let mut chars = found.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Ok(' '),
            (Some(c), None) => Ok(c),
            _ => Err(Fail::new(at, ErrorKind::BadIndicator { tag: tag.to_string(), which, found })),
        }
    }

    /// A subfield code: one printable ASCII character, as ISO 2709 can write it.
    fn code(&self, tag: Tag, at: Pos) -> Result<char, Fail> {
        let found = self.attr("code", at)?.unwrap_or_default();
        let mut chars = found.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_graphic() => Ok(c),
            _ => Err(Fail::new(at, ErrorKind::BadSubfieldCode { tag: tag.to_string(), found })),
        }
    }

    /// The next record by the fast path, if it is plain, with the line it starts on: with
    /// its start tag (the records after a plain one), or after the start tag the XML parser
    /// has just read. Nothing is consumed when it is not plain.
    fn read_plain(&mut self, plain: &Plain, with_start: bool) -> Option<(usize, Record)> {
        let input = self.xml.as_mut()?.get_mut();
        let mut want = self.lookahead;
        let (record, blank, used) = loop {
            let (bytes, all) = input.peek(want).ok()?;
            let bytes = &bytes[..bytes.len().min(FAST_MAX)];
            let mut scan = Scan {
                bytes,
                at: 0,
                entities: &self.entities,
                prefix: &plain.prefix,
                values: &mut self.values,
                decoded: 0,
                opened: false,
            };
            match scan.record(plain, with_start, self.fields_hint) {
                Ok((record, blank)) => break (record, blank, scan.at),
                Err(Stop::More) if !all && bytes.len() < FAST_MAX => want = bytes.len().saturating_mul(2),
                Err(_) => {
                    self.skip_plain = scan.opened;
                    return None;
                }
            }
        };
        input.pos += blank;
        let start = input.consumed();
        if with_start {
            input.set_mark(start);
        }
        let line = input.position(start).line;
        input.pos += used - blank;
        self.lookahead = (used * 2).clamp(FAST_LOOKAHEAD, FAST_MAX);
        self.stale = true;
        self.fields_hint = record.fields.len();
        Some((line, record))
    }

    /// After the XML parser read a record's start tag: the record by the fast path, which
    /// then reads the records that follow in the same form.
    fn enter_plain(&mut self) -> Option<Record> {
        if std::mem::take(&mut self.skip_plain) || !self.fast || self.stack.len() + 2 > MAX_DEPTH {
            return None;
        }
        let xml = self.xml.as_ref()?;
        if self.base + xml.buffer_position() != xml.get_ref().consumed() {
            return None;
        }
        let plain = Plain::new(xml.get_ref().since_mark())?;
        let (_, record) = self.read_plain(&plain, false)?;
        self.close_to(self.stack.len().saturating_sub(1));
        self.plain = Some(plain);
        Some(record)
    }

    fn eof_inside(&self, at: Pos) -> Fail {
        let inside = self
            .stack
            .last()
            .map(|open| String::from_utf8_lossy(self.open_name(open)).into_owned())
            .unwrap_or_default();
        Fail { at, kind: ErrorKind::UnexpectedEof(inside), broken: Broken::Fatal }
    }

    /// The text of a leader, control field or subfield; no elements may be inside.
    fn value(&mut self, name: &Name, at: Pos, empty: bool) -> Result<String, Fail> {
        if empty {
            return Ok(String::new());
        }
        let depth = self.stack.len();
        let mut out = String::new();
        loop {
            match self.read_ev()? {
                Ev::Text { text, .. } => {
                    text?;
                    if out.len() + self.text.len() > MAX_VALUE_BYTES {
                        return Err(Fail::new(at, ErrorKind::ValueTooLong(MAX_VALUE_BYTES)));
                    }
                    out.push_str(&self.text);
                }
                Ev::End if self.stack.len() < depth => return Ok(nfc(out)),
                Ev::Start { at, name: child, .. } => {
                    let parent = Some(name.qname.to_string());
                    return Err(Fail::new(at, ErrorKind::UnexpectedElement { name: child.qname.into_owned(), parent }));
                }
                Ev::Eof { at } => return Err(self.eof_inside(at)),
                Ev::End | Ev::Other => {}
            }
        }
    }

    /// Skips an element that is not MARC, returning the start of its text for the report.
    fn ignored(&mut self, empty: bool) -> Result<String, Fail> {
        if empty {
            return Ok(String::new());
        }
        let depth = self.stack.len();
        let mut text = String::new();
        loop {
            match self.read_ev()? {
                Ev::Text { text: Ok(()), .. } if text.chars().count() <= PREVIEW_CHARS => text.push_str(&self.text),
                Ev::End if self.stack.len() < depth => return Ok(preview(&text)),
                Ev::Eof { at } => return Err(self.eof_inside(at)),
                _ => {}
            }
        }
    }

    fn note_ignored(&mut self, name: &Name, at: Pos, empty: bool, partial: &mut Partial) -> Result<(), Fail> {
        let text = self.ignored(empty)?;
        partial.notes.push(Note::IgnoredElement {
            name: name.qname.to_string(),
            line: at.line,
            column: at.column,
            text,
        });
        Ok(())
    }

    /// Reads a record's content, up to its end tag.
    fn record_body(&mut self, record: &Name, partial: &mut Partial) -> Result<(), Fail> {
        let depth = self.stack.len();
        loop {
            match self.read_ev()? {
                Ev::End if self.stack.len() < depth => return Ok(()),
                Ev::Text { at, text } => {
                    text?;
                    if !is_blank(&self.text) {
                        let kind =
                            ErrorKind::UnexpectedText { text: preview(&self.text), parent: record.qname.to_string() };
                        return Err(Fail::new(self.pos_of(at), kind));
                    }
                }
                Ev::Start { at, name, attrs, empty } => {
                    attrs?;
                    match name.kind() {
                        Kind::Leader if partial.leader.is_none() => {
                            let text = self.value(&name, at, empty)?;
                            let leader = parse_leader(&text).ok_or_else(|| {
                                let found = if text.contains('\n') { text.trim().to_string() } else { text.clone() };
                                let length = found.chars().count();
                                Fail::new(at, ErrorKind::InvalidLeader { found, length })
                            })?;
                            partial.leader = Some(leader);
                        }
                        Kind::Control => {
                            let tag = self.tag(&name, at)?;
                            let value = self.value(&name, at, empty)?;
                            partial.add(value.len(), at)?;
                            partial.fields.push(Field::Control { tag, value });
                        }
                        Kind::Data => {
                            let tag = self.tag(&name, at)?;
                            let ind1 = self.indicator(tag, 1, at)?;
                            let ind2 = self.indicator(tag, 2, at)?;
                            partial.add(0, at)?;
                            let subfields = if empty { Vec::new() } else { self.datafield_body(&name, tag, partial)? };
                            partial.fields.push(Field::Data { tag, ind1, ind2, subfields });
                        }
                        Kind::Other => self.note_ignored(&name, at, empty, partial)?,
                        Kind::Leader | Kind::Collection | Kind::Record | Kind::Subfield => {
                            let parent = Some(record.qname.to_string());
                            return Err(Fail::new(
                                at,
                                ErrorKind::UnexpectedElement { name: name.qname.into_owned(), parent },
                            ));
                        }
                    }
                }
                Ev::Eof { at } => return Err(self.eof_inside(at)),
                Ev::End | Ev::Other => {}
            }
        }
    }

    fn datafield_body(&mut self, field: &Name, tag: Tag, partial: &mut Partial) -> Result<Vec<Subfield>, Fail> {
        let depth = self.stack.len();
        let mut subfields = Vec::new();
        loop {
            match self.read_ev()? {
                Ev::End if self.stack.len() < depth => return Ok(subfields),
                Ev::Text { at, text } => {
                    text?;
                    if !is_blank(&self.text) {
                        let kind =
                            ErrorKind::UnexpectedText { text: preview(&self.text), parent: field.qname.to_string() };
                        return Err(Fail::new(self.pos_of(at), kind));
                    }
                }
                Ev::Start { at, name, attrs, empty } => {
                    attrs?;
                    match name.kind() {
                        Kind::Subfield => {
                            let code = self.code(tag, at)?;
                            let value = self.value(&name, at, empty)?;
                            partial.add(value.len(), at)?;
                            subfields.push(Subfield { code, value });
                        }
                        Kind::Other => self.note_ignored(&name, at, empty, partial)?,
                        _ => {
                            let parent = Some(field.qname.to_string());
                            return Err(Fail::new(
                                at,
                                ErrorKind::UnexpectedElement { name: name.qname.into_owned(), parent },
                            ));
                        }
                    }
                }
                Ev::Eof { at } => return Err(self.eof_inside(at)),
                Ev::End | Ev::Other => {}
            }
        }
    }

    /// Reads from the start tag of a record to its end; on failure, recovers and reports.
    fn record(&mut self, name: &Name, at: Pos, empty: bool) -> Result<ReadRecord, MarcXmlError> {
        let number = self.number;
        if empty {
            return Err(self.emit(number, Fail::new(at, ErrorKind::MissingLeader)));
        }
        let parent = self.stack.len().saturating_sub(1);
        let mut partial = Partial::default();
        match self.record_body(name, &mut partial) {
            Ok(()) => match partial.leader {
                Some(leader) => Ok(ReadRecord {
                    number,
                    line: at.line,
                    record: Record { leader, fields: partial.fields },
                    notes: partial.notes,
                }),
                None => Err(self.emit(number, Fail::new(at, ErrorKind::MissingLeader))),
            },
            Err(fail) => {
                let broken = fail.broken;
                let error = self.emit(number, fail);
                self.recover(broken, parent);
                Err(error)
            }
        }
    }

    /// Gets back in step after a failure: to the end of the element (XML intact) or to the
    /// next `<record` (XML broken), or stops.
    fn recover(&mut self, mut broken: Broken, parent: usize) {
        loop {
            match broken {
                Broken::No => match self.skip_to(parent) {
                    Ok(()) => return,
                    Err(fail) => broken = if fail.broken == Broken::No { Broken::Xml } else { fail.broken },
                },
                Broken::Xml => return self.resync(Some(parent)),
                Broken::Fatal => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    /// Reads until only `depth` elements are open (or the file ends).
    fn skip_to(&mut self, depth: usize) -> Result<(), Fail> {
        while self.stack.len() > depth {
            if let Ev::Eof { .. } = self.read_ev()? {
                self.close_to(depth);
            }
        }
        Ok(())
    }

    /// Scans the raw input for the next `<record` and restarts the XML parser there, with
    /// the open elements (and their namespaces) cut back to `keep`.
    fn resync(&mut self, keep: Option<usize>) {
        if let Some(keep) = keep {
            self.close_to(keep);
        }
        self.checked_from = self.stack.len();
        self.resynced = true;
        self.stale = false;
        let Some(xml) = self.xml.take() else {
            self.done = true;
            return;
        };
        let mut input = xml.into_inner();
        input.budget = None;
        input.over_budget = false;
        if self.last_resync == Some(input.consumed()) {
            input.skip(1); // never restart twice at the same place
        }
        match scan_to_record(&mut input) {
            Ok(true) => {
                self.last_resync = Some(input.consumed());
                self.base = input.consumed();
                self.xml = Some(xml_reader(input));
            }
            Ok(false) | Err(_) => self.done = true,
        }
    }

    fn emit(&mut self, record: usize, fail: Fail) -> MarcXmlError {
        self.reported = true;
        MarcXmlError { record, line: fail.at.line, column: fail.at.column, kind: fail.kind }
    }

    /// A failure outside any record.
    fn fail_outside(&mut self, fail: Fail) -> MarcXmlError {
        let broken = match (fail.broken, &fail.kind) {
            // Nesting that deep outside a record is not a catalogue file gone slightly wrong.
            (_, ErrorKind::TooDeep(_)) => Broken::Fatal,
            (broken, _) => broken,
        };
        let error = self.emit(self.number + 1, fail);
        match broken {
            Broken::No => {}
            Broken::Xml => self.resync(None),
            Broken::Fatal => self.done = true,
        }
        error
    }

    fn in_collection(&self) -> bool {
        self.stack.iter().any(|open| open.collection)
    }

    fn at_eof(&mut self, at: Pos) -> Option<Result<ReadRecord, MarcXmlError>> {
        self.done = true;
        if !self.stack.is_empty() {
            let fail = self.eof_inside(at);
            return Some(Err(self.emit(self.number + 1, fail)));
        }
        if self.number == 0 && !self.found_marc && !self.reported {
            let (root, namespace, at) = match &self.root {
                Some((Name { qname, ns: Ns::Foreign(uri), .. }, at)) => (qname.to_string(), uri.clone(), *at),
                Some((name, at)) => (name.qname.to_string(), String::new(), *at),
                None => (String::new(), String::new(), at),
            };
            let fail = Fail::new(at, ErrorKind::NotMarcXml { root, namespace });
            return Some(Err(self.emit(1, fail)));
        }
        None
    }
}

/// The leader's 24 characters. Files often indent the leader: surrounding whitespace is
/// dropped only when what is left is exactly 24 characters (trailing blanks of the leader
/// itself are kept).
fn parse_leader(text: &str) -> Option<Leader> {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    if let Some(leader) = Leader::parse(text) {
        return Some(leader);
    }
    if let Some(leader) = Leader::parse(text.trim_matches(ws)) {
        return Some(leader);
    }
    let start = text.trim_start_matches(ws);
    let head: String = start.chars().take(24).collect();
    if start[head.len()..].chars().all(ws) {
        Leader::parse(&head)
    } else {
        None
    }
}

/// Puts the text of an event in `out`, checked.
fn decode_into(
    out: &mut String,
    text: Result<std::borrow::Cow<'_, str>, quick_xml::encoding::EncodingError>,
) -> Result<(), ErrorKind> {
    out.clear();
    let text = text.map_err(|_| ErrorKind::NotUtf8)?;
    check_chars(&text)?;
    out.push_str(&text);
    Ok(())
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<ReadRecord, MarcXmlError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if let Some(plain) = self.plain.take() {
                if let Some((line, record)) = self.read_plain(&plain, true) {
                    self.plain = Some(plain);
                    self.number += 1;
                    return Some(Ok(ReadRecord { number: self.number, line, record, notes: Vec::new() }));
                }
            }
            let event = match self.read_ev() {
                Ok(event) => event,
                Err(fail) => return Some(Err(self.fail_outside(fail))),
            };
            let (at, name, empty) = match event {
                Ev::Start { at, name, empty, .. } => (at, name, empty),
                Ev::Eof { at } => return self.at_eof(at),
                // Text and anything else outside records is not catalogue data.
                Ev::End | Ev::Text { .. } | Ev::Other => continue,
            };
            if self.root.is_none() {
                self.root = Some((name.clone(), at));
            }
            let marc = match name.ns {
                Ns::Marc => true,
                Ns::Bare => self.in_collection(),
                Ns::Foreign(_) => false,
            };
            match name.kind() {
                Kind::Record => {
                    self.number += 1;
                    self.found_marc = true;
                    if !empty {
                        if let Some(record) = self.enter_plain() {
                            let read = ReadRecord { number: self.number, line: at.line, record, notes: Vec::new() };
                            return Some(Ok(read));
                        }
                    }
                    return Some(self.record(&name, at, empty));
                }
                Kind::Collection => {
                    self.found_marc = true;
                    if let (false, Some(open)) = (empty, self.stack.last_mut()) {
                        open.collection = true;
                    }
                }
                Kind::Leader | Kind::Control | Kind::Data | Kind::Subfield | Kind::Other if marc => {
                    // A MARC element outside any record: its data would be lost.
                    let parent = if empty { self.stack.last() } else { self.stack.iter().rev().nth(1) };
                    let parent = parent.map(|open| String::from_utf8_lossy(self.open_name(open)).into_owned());
                    let fail = Fail::new(at, ErrorKind::UnexpectedElement { name: name.qname.into_owned(), parent });
                    let error = self.emit(self.number + 1, fail);
                    if !empty {
                        let depth = self.stack.len().saturating_sub(1);
                        if let Err(fail) = self.skip_to(depth) {
                            match fail.broken {
                                Broken::Fatal => self.done = true,
                                _ => self.resync(None),
                            }
                        }
                    }
                    return Some(Err(error));
                }
                // Wrappers (SRU, OAI-PMH, unknown roots): look inside for records.
                _ => {}
            }
        }
        None
    }
}

// ---------------------------------------------------------------------------------------
// Writing.

/// Why a record could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A character XML 1.0 cannot carry; `place` is `LDR`, a tag, `245 $a`, `245 ind1`…
    #[error("{place}: character U+{:04X} cannot be written in XML 1.0", *.character as u32)]
    ForbiddenChar { place: String, character: char },
    #[error("write error: {0}")]
    Io(#[from] io::Error),
}

impl WriteError {
    /// The localizable form. The caller adds `record` (the record's number or id), which
    /// the writer does not know.
    pub fn message(&self) -> Message {
        match self {
            WriteError::ForbiddenChar { place, character } => Message::new("marcxml-write-forbidden-char")
                .arg("place", place.as_str())
                .arg("char", code_point(*character)),
            WriteError::Io(e) => Message::new("marcxml-write-failed").arg("detail", e.to_string()),
        }
    }
}

/// Bytes the writer must look at: markup and quotes, controls (C0 and 0x7F), and the first
/// bytes of C1 controls (0xC2) and of U+FFFE and U+FFFF (0xEF); everything else is copied
/// in runs.
static WRITE_CARE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let mut i = 0;
    let marked = [b'"', b'&', b'\'', b'<', b'>', 0x7F, 0xC2, 0xEF];
    while i < marked.len() {
        table[marked[i] as usize] = true;
        i += 1;
    }
    table
};

/// `&#xNN;` for a character below U+0100.
fn push_reference(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let code = c as usize;
    out.push_str("&#x");
    if code >= 0x10 {
        out.push(char::from(HEX[(code >> 4) & 0xF]));
    }
    out.push(char::from(HEX[code & 0xF]));
    out.push(';');
}

/// Appends `text` escaped; the character XML 1.0 cannot carry is returned as the error.
fn escape_into(out: &mut String, text: &str, attribute: bool) -> Result<(), char> {
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| WRITE_CARE[usize::from(b)]) {
        out.push_str(&rest[..at]);
        let Some(c) = rest[at..].chars().next() else { break };
        rest = &rest[at + c.len_utf8()..];
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            c if !is_xml_char(c) => return Err(c),
            // A reader normalizes a literal CR away, and tabs and newlines in attributes;
            // C1 controls (UNIMARC non-sorting markers) are legal but invisible and
            // "discouraged": a reference keeps them visible and portable.
            '\r' | '\u{7F}'..='\u{9F}' => push_reference(out, c),
            '\t' | '\n' if attribute => push_reference(out, c),
            c => out.push(c),
        }
    }
    out.push_str(rest);
    Ok(())
}

/// A one-character attribute value (indicator, subfield code) escaped.
fn escape_char_into(out: &mut String, c: char) -> Result<(), char> {
    if c.is_ascii_alphanumeric() || c == ' ' {
        out.push(c);
        return Ok(());
    }
    escape_into(out, c.encode_utf8(&mut [0; 4]), true)
}

/// The error for a refused character; the place is named only then.
fn refused(place: impl Fn() -> String) -> impl Fn(char) -> WriteError {
    move |character| WriteError::ForbiddenChar { place: place(), character }
}

/// One `<record>` element, indented for a collection; refused whole if a character cannot
/// be written, so a stream never holds half a record.
pub fn record_xml(record: &Record) -> Result<String, WriteError> {
    // Room for the markup and the values as they are; escapes are rare.
    let size = record.fields.iter().fold(64, |size, field| match field {
        Field::Control { value, .. } => size + 48 + value.len(),
        Field::Data { subfields, .. } => subfields.iter().fold(size + 70, |size, sub| size + 38 + sub.value.len()),
    });
    let mut out = String::with_capacity(size);
    out.push_str("  <record>\n    <leader>");
    escape_into(&mut out, record.leader.as_str(), false).map_err(refused(|| "LDR".into()))?;
    out.push_str("</leader>\n");
    for field in &record.fields {
        match field {
            Field::Control { tag, value } => {
                out.push_str("    <controlfield tag=\"");
                out.push_str(tag.as_str());
                out.push_str("\">");
                escape_into(&mut out, value, false).map_err(refused(|| tag.to_string()))?;
                out.push_str("</controlfield>\n");
            }
            Field::Data { tag, ind1, ind2, subfields } => {
                out.push_str("    <datafield tag=\"");
                out.push_str(tag.as_str());
                out.push_str("\" ind1=\"");
                escape_char_into(&mut out, *ind1).map_err(refused(|| format!("{tag} ind1")))?;
                out.push_str("\" ind2=\"");
                escape_char_into(&mut out, *ind2).map_err(refused(|| format!("{tag} ind2")))?;
                out.push_str("\">\n");
                for sub in subfields {
                    let place = || format!("{tag} ${}", sub.code);
                    out.push_str("      <subfield code=\"");
                    escape_char_into(&mut out, sub.code).map_err(refused(place))?;
                    out.push_str("\">");
                    escape_into(&mut out, &sub.value, false).map_err(refused(place))?;
                    out.push_str("</subfield>\n");
                }
                out.push_str("    </datafield>\n");
            }
        }
    }
    out.push_str("  </record>\n");
    Ok(out)
}

/// Writes the XML declaration and the opening `<collection>`.
pub fn write_start<W: Write + ?Sized>(out: &mut W) -> io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    writeln!(out, "<collection xmlns=\"{MARC_NAMESPACE}\">")
}

/// Writes one record, or nothing at all if it cannot be written.
pub fn write_record<W: Write + ?Sized>(out: &mut W, record: &Record) -> Result<(), WriteError> {
    let text = record_xml(record)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Closes the collection.
pub fn write_end<W: Write + ?Sized>(out: &mut W) -> io::Result<()> {
    out.write_all(b"</collection>\n")?;
    out.flush()
}

/// Writes a MARCXML collection record by record, so an export of any size streams. A
/// record that cannot be written is refused whole ([`WriteError::ForbiddenChar`]) and the
/// writer stays usable for the next one.
pub struct Writer<W: Write> {
    out: W,
    started: bool,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Writer { out, started: false }
    }

    /// Writes the XML declaration and the opening `<collection>` (once).
    pub fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write_start(&mut self.out)?;
        }
        Ok(())
    }

    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        let text = record_xml(record)?;
        self.start()?;
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Closes the collection and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.start()?;
        write_end(&mut self.out)?;
        Ok(self.out)
    }
}

/// Writes every record as one collection; stops at the first record that cannot be written.
pub fn write_collection<'a, W: Write + ?Sized>(
    out: &mut W,
    records: impl IntoIterator<Item = &'a Record>,
) -> Result<(), WriteError> {
    write_start(out)?;
    for record in records {
        write_record(out, record)?;
    }
    write_end(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Items = Vec<Result<ReadRecord, MarcXmlError>>;

    fn read_with(input: impl BufRead, fast: bool) -> Items {
        let mut reader = Reader::new(input);
        reader.fast = fast;
        reader.collect()
    }

    /// Hands out at most `step` bytes per read, so every refill boundary is crossed.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// The fast path and the exact path give the same records, notes, errors and
    /// positions, whatever the input arrives in pieces of.
    #[track_caller]
    fn same_both_ways(bytes: &[u8]) -> Items {
        let exact = read_with(bytes, false);
        let fast = read_with(bytes, true);
        assert_eq!(fast, exact, "{}", String::from_utf8_lossy(bytes));
        for step in [1, 7] {
            let trickled = read_with(io::BufReader::with_capacity(5, Trickle { bytes, step }), true);
            assert_eq!(trickled, exact, "in pieces of {step}: {}", String::from_utf8_lossy(bytes));
        }
        fast
    }

    const NS: &str = "http://www.loc.gov/MARC21/slim";

    fn rec(body: &str) -> String {
        format!(
            "<record>\n  <leader>00000nam a2200000 i 4500</leader>\n  <controlfield tag=\"001\">id</controlfield>\n  \
             {body}\n</record>\n"
        )
    }

    fn plain(title: &str) -> String {
        rec(&format!("<datafield tag=\"245\" ind1=\"1\" ind2=\"0\">\n    <subfield code=\"a\">{title}</subfield>\n  </datafield>"))
    }

    /// A collection of a plain record, `odd`, and another plain record.
    fn around(odd: &str) -> String {
        format!("<collection xmlns=\"{NS}\">\n{}{odd}{}</collection>\n", plain("Первая"), plain("最后"))
    }

    #[test]
    fn the_fast_path_reads_what_the_exact_path_reads() {
        let oddities = [
            plain("Plain"),
            plain("A &amp; B &lt;C&gt; &quot;q&quot; &apos;s&apos; &#x4E2D;&#25991; &#1025;"),
            plain("Cafe\u{301} Е\u{308}лка Arii\u{361}a O\u{FE20}t\u{FE21}s"),
            plain("“Quoted” – dash № 5，（全角）「括弧」"),
            plain("<![CDATA[<raw & text>]]> after"),
            plain("before <!-- a comment --> after"),
            plain("before <?pi x?> after"),
            plain("line one\r\nline two\rthree"),
            plain("tab\there\nnewline"),
            plain("esc \u{1B} here"),
            plain("&#x1B;"),
            plain("&nbsp;"),
            plain("bare & ampersand"),
            plain("\u{FFFE}"),
            plain("\u{FFFD}\u{FEFF}\u{F900}"),
            plain("<i>bold</i>"),
            plain(""),
            rec("<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\"/></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"/>"),
            rec("<datafield tag='245' ind1='1' ind2='0'><subfield code='a'>single</subfield></datafield>"),
            rec("<datafield ind2=\"0\" ind1=\"1\" tag=\"245\"><subfield code=\"a\">order</subfield></datafield>"),
            rec("<datafield tag = \"245\"\n ind1 =\"1\" ind2= \"0\" ><subfield\tcode=\"a\" >spaces</subfield ></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"1\" ind2=\"0\" id=\"x\" xml:lang=\"ru\"><subfield code=\"a\" id=\"y\">extra</subfield></datafield>"),
            rec("<datafield tag=\"245\" tag=\"246\"><subfield code=\"a\">twice</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"1\" ind1=\"2\"><subfield code=\"a\">twice</subfield></datafield>"),
            rec("<datafield tag=\"245\" x=\"1\" x=\"2\"><subfield code=\"a\">twice</subfield></datafield>"),
            rec("<datafield tag=\"245\" xmlns=\"urn:other\"><subfield code=\"a\">foreign</subfield></datafield>"),
            rec("<datafield tag=\"245\" xmlns:m=\"urn:other\"><m:subfield code=\"a\">foreign</m:subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"\" ind2=\"\"><subfield code=\"a\">empty</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"10\"><subfield code=\"a\">two</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"&#x31;\" ind2=\"á\"><subfield code=\"&#x62;\">refs</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"\t\" ind2=\"&amp;\"><subfield code=\"&amp;\">amp</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=\"&lt;\" ind2='\"'><subfield code='\"'>quote</subfield></datafield>"),
            rec("<datafield tag=\"245\"><subfield code=\"\">none</subfield></datafield>"),
            rec("<datafield tag=\"245\"><subfield code=\" \">blank</subfield></datafield>"),
            rec("<datafield tag=\"245\"><subfield code=\"ab\">two</subfield></datafield>"),
            rec("<datafield tag=\"245\"><subfield code=\"η\">greek</subfield></datafield>"),
            rec("<datafield tag=\"245\"><subfield>none</subfield></datafield>"),
            rec("<datafield tag=\"24\"><subfield code=\"a\">short</subfield></datafield>"),
            rec("<datafield tag=\"&#50;45\"><subfield code=\"a\">ref</subfield></datafield>"),
            rec("<datafield tag=\"abc\"><subfield code=\"a\">letters</subfield></datafield>"),
            rec("<datafield><subfield code=\"a\">no tag</subfield></datafield>"),
            rec("<controlfield tag=\"005\"/>"),
            rec("<controlfield tag=\"00\">x</controlfield>"),
            rec("<controlfield tag=\"008\" x='1'>with attribute</controlfield>"),
            rec("<rank>5</rank>"),
            rec("<x:holdings xmlns:x=\"urn:x\"><x:item>Shelf</x:item></x:holdings>"),
            rec("<subfield code=\"a\">stray</subfield>"),
            rec("loose text"),
            rec("&#32;"),
            rec("<record><leader>00000nam a2200000 i 4500</leader></record>"),
            rec("<leader>00000nam a2200000 i 4500</leader>"),
            rec("<datafield tag=\"245\"><subfield code=\"a\">x</datafield></subfield>"),
            rec("<datafield tag=\"245\"><subfield code=\"a\"x</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1=1><subfield code=\"a\">unquoted</subfield></datafield>"),
            rec("<datafield tag=\"245\" ind1><subfield code=\"a\">no value</subfield></datafield>"),
            rec("<datafield tag=\"245\"><subfield code=\"a\">x</subfield></datafield >"),
            "<record>\n  <controlfield tag=\"001\">no leader</controlfield>\n</record>\n".to_string(),
            "<record><leader>\n      00000nam0 2200000   450 \n    </leader></record>\n".to_string(),
            "<record><leader>short</leader></record>\n".to_string(),
            "<record><leader/></record>\n".to_string(),
            "<record/>\n".to_string(),
            "<record type=\"Bibliographic\" format='UNIMARC'><leader>00000nam a2200000 i 4500</leader></record>\n"
                .to_string(),
            "<record >\n<leader>00000nam a2200000 i 4500</leader></record >\n".to_string(),
            format!("<record xmlns=\"{NS}\"><leader>00000nam a2200000 i 4500</leader></record>\n"),
            format!("<m:record xmlns:m=\"{NS}\"><m:leader>00000nam a2200000 i 4500</m:leader><m:controlfield tag=\"001\">p</m:controlfield></m:record>\n"),
            format!("<m:record xmlns:m=\"{NS}\"><leader>00000nam a2200000 i 4500</leader></m:record>\n"),
            "<record xmlns=\"\"><leader>00000nam a2200000 i 4500</leader></record>\n".to_string(),
            "<record xmlns=\"urn:not-marc\"><leader>00000nam a2200000 i 4500</leader></record>\n".to_string(),
            // Text between records: a byte order mark there is a character, not a mark.
            "\u{FEFF}".to_string(),
            "\u{FEFF}\n<!-- a comment -->\u{FEFF}".to_string(),
            plain(&"long value ".repeat(5000)),
            plain(&"многострочное\nзначение\n".repeat(4000)),
            plain(&"x".repeat(MAX_VALUE_BYTES + 10)),
        ];
        for odd in &oddities {
            let items = same_both_ways(around(odd).as_bytes());
            assert!(items.len() >= 2, "{items:?}");
        }
        // Each oddity alone, twice in a row, and after a plain run.
        for odd in &oddities {
            same_both_ways(odd.as_bytes());
            same_both_ways(format!("<collection>{odd}{odd}</collection>").as_bytes());
        }
        // Records at the very end of the input, cut anywhere.
        let text = around(&plain("Середина"));
        for cut in (0..text.len()).step_by(7) {
            if text.is_char_boundary(cut) {
                same_both_ways(&text.as_bytes()[..cut]);
            }
        }
    }

    /// The comparisons above prove nothing if the fast path never runs.
    #[test]
    fn plain_records_are_read_by_the_fast_path() {
        let prefixed = format!(
            "<m:collection xmlns:m=\"{NS}\">\n{}</m:collection>",
            plain("Запись").repeat(3).replace('<', "<m:").replace("<m:/", "</m:")
        );
        for text in [around(&plain("Середина")), prefixed] {
            let mut reader = Reader::new(text.as_bytes());
            let mut read = 0;
            while let Some(item) = reader.next() {
                assert!(item.is_ok() && reader.plain.is_some(), "{item:?}");
                read += 1;
            }
            assert_eq!(read, 3);
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_read_the_same_both_ways() {
        let text = around(&rec(
            "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\" x=\"BAD\"><subfield code=\"a\">BAD</subfield></datafield>",
        ));
        for bad in [&[0xFFu8][..], &[0xC0, 0xE9], &[0xE4, 0xB8], &[0xEF, 0xBF, 0xBE], &[0xED, 0xA0, 0x80]] {
            let bytes = text.replacen("BAD", &"\u{1}".repeat(bad.len()), 1).into_bytes();
            let mut in_attribute = bytes.clone();
            let at = bytes.iter().position(|b| *b == 1).unwrap();
            in_attribute[at..at + bad.len()].copy_from_slice(bad);
            same_both_ways(&in_attribute);
            let mut in_value = text.replacen("BAD", "ok", 1).into_bytes();
            let at = in_value.windows(3).position(|w| w == b"BAD").unwrap();
            in_value.splice(at..at + 3, bad.iter().copied());
            same_both_ways(&in_value);
        }
    }

    #[test]
    fn the_same_with_a_dtd_and_in_wrappers() {
        let dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE collection [\n  <!ENTITY place \"Москва\">\n  <!ENTITY ext SYSTEM \"x\">\n]>\n";
        same_both_ways(format!("{dtd}{}", around(&plain("&place;: &ext; &amp;"))).as_bytes());
        same_both_ways(format!("{dtd}{}", around(&plain("&place;: &amp;"))).as_bytes());
        let body = plain("Мастер и Маргарита").replace("<record>", &format!("<record xmlns=\"{NS}\">"));
        let sru = format!(
            "<zs:searchRetrieveResponse xmlns:zs=\"http://www.loc.gov/zing/srw/\"><zs:records>{}</zs:records></zs:searchRetrieveResponse>",
            format!("<zs:record><zs:recordData>{body}</zs:recordData><zs:recordPosition>1</zs:recordPosition></zs:record>")
                .repeat(3)
        );
        assert_eq!(same_both_ways(sru.as_bytes()).len(), 3);
        let broken = around("").replace("</collection>", "</collectio>");
        same_both_ways(broken.as_bytes());
        let deep = format!("{}{}{}", "<w>".repeat(MAX_DEPTH - 2), around(""), "</w>".repeat(MAX_DEPTH - 2));
        same_both_ways(deep.as_bytes());
    }

    #[test]
    fn every_corpus_file_reads_the_same_both_ways() {
        let root = std::env::var_os("QIAO_CORPUS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
        let mut dirs = vec![root];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
                    let bytes = std::fs::read(&path).unwrap();
                    assert_eq!(read_with(&bytes[..], true), read_with(&bytes[..], false), "{}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "the corpus has only {seen} XML files");
    }

    /// Random edits of small collections: whatever they break, both paths agree
    /// (`QIAO_MUTATIONS` sets how many per collection; the default is quick).
    #[test]
    fn mutated_records_read_the_same_both_ways() {
        let field =
            "<datafield tag=\"200\" ind1=\"1\" ind2=\" \">\n    <subfield code=\"a\">Война и мир</subfield>\n    \
                     <subfield code=\"f\">Л. Н. Толстой &amp; 红楼梦</subfield>\n  </datafield>";
        let plain_one = around(&rec(field));
        let prefixed = format!(
            "<m:collection xmlns:m=\"{NS}\">{}</m:collection>",
            rec(field).repeat(2).replace('<', "<m:").replace("<m:/", "</m:")
        );
        let dtd = format!(
            "<!DOCTYPE c [<!ENTITY e \"Мир\">]>\n<collection>{}</collection>",
            rec(field).replace("мир", "&e;").repeat(2)
        );
        let pieces: Vec<&[u8]> = b"<|>|/|&|;|\"|'| |\r|\n|=|&#x41;|<!--c-->|\xC3\xA9|\xCC\x81|\x01|</subfield>|&e;"
            .split(|b| *b == b'|')
            .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let count = std::env::var("QIAO_MUTATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(600);
        for base in [plain_one, prefixed, dtd] {
            for _ in 0..count {
                let mut bytes = base.clone().into_bytes();
                for _ in 0..1 + next(3) {
                    let at = next(bytes.len());
                    match next(3) {
                        0 => {
                            bytes.drain(at..(at + 1 + next(4)).min(bytes.len()));
                        }
                        1 => {
                            let piece = pieces[next(pieces.len())];
                            bytes.splice(at..at, piece.iter().copied());
                        }
                        _ => bytes[at] = pieces[next(pieces.len())][0],
                    }
                }
                let exact = read_with(&bytes[..], false);
                assert_eq!(read_with(&bytes[..], true), exact, "{}", String::from_utf8_lossy(&bytes));
            }
        }
    }


    #[test]
    fn lines_and_columns_count_the_same_in_any_pieces() {
        let text = "a\nбв\r\n鲁迅\n\nxyz 😀\nend";
        let naive = |bytes: &[u8]| {
            let text = std::str::from_utf8(bytes).unwrap();
            let line = 1 + text.matches('\n').count();
            (line, text.rsplit('\n').next().unwrap().chars().count())
        };
        for split in 0..=text.len() {
            if !text.is_char_boundary(split) {
                continue;
            }
            let (mut line, mut col) = (1, 0);
            advance(&mut line, &mut col, &text.as_bytes()[..split]);
            advance(&mut line, &mut col, &text.as_bytes()[split..]);
            assert_eq!((line, col), naive(text.as_bytes()));
        }
        let long = "x".repeat(1000) + "\n" + &"я".repeat(700);
        let (mut line, mut col) = (1, 0);
        advance(&mut line, &mut col, long.as_bytes());
        assert_eq!((line, col), (2, 700));
    }
}
