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

use crate::iso2709::to_nfc;
use crate::record::{Field, Leader, Record, Subfield, Tag};
use qiao_i18n::Message;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::fmt::Write as _;
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
// Input: counts lines and columns as bytes are consumed, and caps what one event may take.

/// A place in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

/// Wraps the caller's input for the XML parser. Only the bytes since the start of the
/// current event are kept (to place errors inside it), so memory stays flat; bytes can be
/// given back (after scanning for a `<record` start) and are then read again.
struct Input<R> {
    inner: R,
    replay: Vec<u8>,
    replay_at: usize,
    /// Bytes consumed from the start of the file.
    consumed: u64,
    /// Line and column (0-based, in characters) at offset `mark`.
    mark: u64,
    mark_line: usize,
    mark_col: usize,
    /// The bytes from `mark` to `consumed`.
    window: Vec<u8>,
    event_start: u64,
    budget: Option<u64>,
    over_budget: bool,
}

impl<R: BufRead> Input<R> {
    fn new(inner: R) -> Self {
        Input {
            inner,
            replay: Vec::new(),
            replay_at: 0,
            consumed: 0,
            mark: 0,
            mark_line: 1,
            mark_col: 0,
            window: Vec::new(),
            event_start: 0,
            budget: None,
            over_budget: false,
        }
    }

    fn advance(line: &mut usize, col: &mut usize, bytes: &[u8]) {
        for &b in bytes {
            if b == b'\n' {
                *line += 1;
                *col = 0;
            } else if b & 0xC0 != 0x80 {
                *col += 1;
            }
        }
    }

    /// Bytes of the window before `at` (clamped to what is held).
    fn span(&self, at: u64) -> usize {
        (at.clamp(self.mark, self.consumed) - self.mark) as usize
    }

    /// Forgets the bytes before `at`, keeping the line and column there.
    fn set_mark(&mut self, at: u64) {
        let k = self.span(at).min(self.window.len());
        Self::advance(&mut self.mark_line, &mut self.mark_col, &self.window[..k]);
        self.window.drain(..k);
        self.mark += k as u64;
    }

    fn position(&self, at: u64) -> Pos {
        let (mut line, mut col) = (self.mark_line, self.mark_col);
        let k = self.span(at).min(self.window.len());
        Self::advance(&mut line, &mut col, &self.window[..k]);
        Pos { line, column: col + 1 }
    }

    /// Starts an event at `at`: positions are kept from there, and the event may consume
    /// at most [`EVENT_BUDGET`] bytes.
    fn begin_event(&mut self, at: u64) {
        self.set_mark(at);
        self.event_start = self.consumed;
        self.budget = Some(EVENT_BUDGET);
        self.over_budget = false;
    }

    /// Skips bytes that are no text (a byte order mark) without counting a column.
    fn skip_uncounted(&mut self, n: usize) {
        self.consume(n);
        self.window.clear();
        self.mark = self.consumed;
    }

    /// Gives back the last `k` consumed bytes (which the window still holds).
    fn unconsume(&mut self, k: usize) {
        let k = k.min(self.window.len());
        let split = self.window.len() - k;
        let mut back = self.window.split_off(split);
        back.extend_from_slice(&self.replay[self.replay_at..]);
        self.replay = back;
        self.replay_at = 0;
        self.consumed -= k as u64;
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
        // What the current event may still take: an input already in memory hands out
        // everything at once, and the parser must not copy more than the budget.
        let mut room = usize::MAX;
        if let Some(budget) = self.budget {
            let used = self.consumed - self.event_start;
            if used > budget {
                self.over_budget = true;
                return Err(io::Error::other("value too long"));
            }
            room = usize::try_from(budget - used + 1).unwrap_or(usize::MAX);
        }
        let available =
            if self.replay_at < self.replay.len() { &self.replay[self.replay_at..] } else { self.inner.fill_buf()? };
        Ok(&available[..available.len().min(room)])
    }

    fn consume(&mut self, n: usize) {
        if self.replay_at < self.replay.len() {
            let end = (self.replay_at + n).min(self.replay.len());
            self.window.extend_from_slice(&self.replay[self.replay_at..end]);
            self.consumed += (end - self.replay_at) as u64;
            self.replay_at = end;
            if self.replay_at == self.replay.len() {
                self.replay.clear();
                self.replay_at = 0;
            }
            return;
        }
        // The bytes being consumed are the ones fill_buf just returned; asking again
        // returns the same buffer without reading.
        let n = match self.inner.fill_buf() {
            Ok(bytes) => {
                let n = n.min(bytes.len());
                self.window.extend_from_slice(&bytes[..n]);
                n
            }
            Err(_) => 0,
        };
        self.inner.consume(n);
        self.consumed += n as u64;
    }
}

/// Consumes input up to the next start tag named `record` (any prefix) and leaves that tag
/// unread; false at the end of the input.
fn scan_to_record<R: BufRead>(input: &mut Input<R>) -> io::Result<bool> {
    loop {
        let at = input.consumed;
        input.set_mark(at);
        let (found, n) = {
            let bytes = input.fill_buf()?;
            if bytes.is_empty() {
                return Ok(false);
            }
            match bytes.iter().position(|b| *b == b'<') {
                Some(i) => (true, i + 1),
                None => (false, bytes.len()),
            }
        };
        input.consume(n);
        if !found {
            continue;
        }
        let mut name = Vec::new();
        let next = loop {
            let bytes = input.fill_buf()?;
            let Some(&b) = bytes.first() else { return Ok(false) };
            if name.len() < 128 && (b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')) {
                name.push(b);
                input.consume(1);
            } else {
                break b;
            }
        };
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(&[]);
        if local == b"record" && matches!(next, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
            input.unconsume(name.len() + 1);
            return Ok(true);
        }
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
    qname: String,
    local: String,
    ns: Ns,
}

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
        match self.local.as_str() {
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

type Attrs = Vec<(Vec<u8>, Vec<u8>)>;

enum Ev {
    Start {
        at: Pos,
        name: Name,
        attrs: Result<Attrs, Fail>,
        empty: bool,
    },
    End,
    /// Text, a CDATA section or a resolved reference; errors matter only where text is kept.
    Text {
        at: Pos,
        text: Result<String, Fail>,
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

/// An open element: its name as written and the namespaces it declares.
struct Open {
    qname: Vec<u8>,
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
    match text.chars().find(|c| !is_xml_char(*c)) {
        Some(c) => Err(ErrorKind::ForbiddenChar(c)),
        None => Ok(()),
    }
}

/// The internal entities of a DTD. Only plain text is kept: a value with references or
/// markup in it (how "billion laughs" grows) is declared unusable, external ones too.
fn internal_entities(doctype: &str, out: &mut HashMap<String, Option<String>>) {
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

fn is_utf8_name(encoding: &str) -> bool {
    matches!(encoding.to_ascii_lowercase().as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
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
    entities: HashMap<String, Option<String>>,
    /// Records seen so far (good or bad).
    number: usize,
    started: bool,
    done: bool,
    /// A skip to the next record happened: end tags of wrappers are taken loosely.
    resynced: bool,
    last_resync: Option<u64>,
    check_encoding: bool,
    found_marc: bool,
    reported: bool,
    /// The first element of the file and where it is, for "not MARCXML".
    root: Option<(Name, Pos)>,
    last_at: Pos,
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
            last_resync: None,
            check_encoding: true,
            found_marc: false,
            reported: false,
            root: None,
            last_at: Pos { line: 1, column: 1 },
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
        let head = match input.fill_buf() {
            Ok(head) => head,
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
        let Some(xml) = self.xml.as_mut() else { return Ok(Ev::Eof { at: self.last_at }) };
        let start = self.base + xml.buffer_position();
        xml.get_mut().begin_event(start);
        let at = xml.get_ref().position(start);
        self.last_at = at;
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let event = xml.read_event_into(&mut buf);
        xml.get_mut().budget = None;
        let result = match event {
            Err(e) => {
                let input = xml.get_ref();
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
            Ok(Event::End(e)) => self.end(e.name().as_ref(), at),
            Ok(Event::Text(e)) => Ok(Ev::Text { at, text: decoded(e.xml10_content(), at) }),
            Ok(Event::CData(e)) => Ok(Ev::Text { at, text: decoded(e.xml10_content(), at) }),
            Ok(Event::GeneralRef(e)) => {
                let text = match e.decode() {
                    Ok(name) => self.resolve_ref(&name).map_err(|kind| Fail::new(at, kind)),
                    Err(_) => Err(Fail::new(at, ErrorKind::NotUtf8)),
                };
                Ok(Ev::Text { at, text })
            }
            Ok(Event::DocType(e)) => {
                internal_entities(&String::from_utf8_lossy(&e), &mut self.entities);
                Ok(Ev::Other)
            }
            Ok(Event::Decl(e)) => match e.encoding() {
                Some(Ok(name)) if self.check_encoding && !is_utf8_name(&String::from_utf8_lossy(&name)) => {
                    let name = String::from_utf8_lossy(&name).into_owned();
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
        let qname = e.name().as_ref().to_vec();
        let mut attrs = Vec::new();
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
                        attrs.push((key.to_vec(), attr.value.into_owned()));
                    }
                }
                Err(err) => {
                    bad = Some(Fail::new(at, ErrorKind::Malformed(err.to_string())));
                    break;
                }
            }
        }
        let name = self.resolve_name(&qname, &bindings);
        if !empty {
            self.stack.push(Open { qname, bindings, collection: false });
        }
        Ok(Ev::Start { at, name, attrs: bad.map_or(Ok(attrs), Err), empty })
    }

    fn end(&mut self, qname: &[u8], at: Pos) -> Result<Ev, Fail> {
        if self.stack.last().is_some_and(|open| open.qname == qname) {
            self.stack.pop();
            return Ok(Ev::End);
        }
        if self.resynced {
            return Ok(match self.stack.iter().rposition(|open| open.qname == qname) {
                Some(i) => {
                    self.stack.truncate(i);
                    Ev::End
                }
                None => Ev::Other,
            });
        }
        let detail = format!("end tag `</{}>` does not match any open tag", String::from_utf8_lossy(qname));
        Err(Fail { at, kind: ErrorKind::Malformed(detail), broken: Broken::Xml })
    }

    fn resolve_name(&self, qname: &[u8], bindings: &[(Vec<u8>, Vec<u8>)]) -> Name {
        let (prefix, local) = match qname.iter().position(|b| *b == b':') {
            Some(i) => (&qname[..i], &qname[i + 1..]),
            None => (&b""[..], qname),
        };
        let find = |list: &[(Vec<u8>, Vec<u8>)]| list.iter().rev().find(|(p, _)| p == prefix).map(|(_, u)| u.clone());
        let uri = find(bindings).or_else(|| self.stack.iter().rev().find_map(|open| find(&open.bindings)));
        let ns = match uri {
            None if prefix.is_empty() => Ns::Bare,
            None => Ns::Foreign(format!("{}:", String::from_utf8_lossy(prefix))),
            Some(uri) if uri.is_empty() => Ns::Bare,
            Some(uri) if uri == MARC_NAMESPACE.as_bytes() || uri == MARCXCHANGE_NAMESPACE.as_bytes() => Ns::Marc,
            Some(uri) => Ns::Foreign(String::from_utf8_lossy(&uri).into_owned()),
        };
        Name {
            qname: String::from_utf8_lossy(qname).into_owned(),
            local: String::from_utf8_lossy(local).into_owned(),
            ns,
        }
    }

    /// The text of `&name;`: a character number, one of XML's five, or a plain internal entity.
    fn resolve_ref(&self, name: &str) -> Result<String, ErrorKind> {
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
            _ => return self.entities.get(name).cloned().flatten().ok_or_else(bad),
        };
        Ok(predefined.to_string())
    }

    /// An attribute's value: decoded, whitespace normalized as XML does, references resolved.
    fn attr_value(&self, raw: &[u8], at: Pos) -> Result<String, Fail> {
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
            out.push_str(&self.resolve_ref(&after[..semi]).map_err(|kind| Fail::new(at, kind))?);
            rest = &after[semi + 1..];
        }
        out.push_str(rest);
        Ok(to_nfc(&out))
    }

    fn attr(&self, attrs: &Attrs, key: &str, at: Pos) -> Result<Option<String>, Fail> {
        match attrs.iter().find(|(k, _)| k == key.as_bytes()) {
            Some((_, raw)) => self.attr_value(raw, at).map(Some),
            None => Ok(None),
        }
    }

    fn tag(&self, attrs: &Attrs, name: &Name, at: Pos) -> Result<Tag, Fail> {
        let found = self.attr(attrs, "tag", at)?.unwrap_or_default();
        Tag::parse(&found).ok_or_else(|| Fail::new(at, ErrorKind::BadTag { element: name.qname.clone(), found }))
    }

    /// An indicator: missing or empty is blank (real files write `ind1=""`).
    fn indicator(&self, attrs: &Attrs, tag: Tag, which: u8, at: Pos) -> Result<char, Fail> {
        let key = if which == 1 { "ind1" } else { "ind2" };
        let Some(found) = self.attr(attrs, key, at)? else { return Ok(' ') };
        let mut chars = found.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Ok(' '),
            (Some(c), None) => Ok(c),
            _ => Err(Fail::new(at, ErrorKind::BadIndicator { tag: tag.to_string(), which, found })),
        }
    }

    /// A subfield code: one printable ASCII character, as ISO 2709 can write it.
    fn code(&self, attrs: &Attrs, tag: Tag, at: Pos) -> Result<char, Fail> {
        let found = self.attr(attrs, "code", at)?.unwrap_or_default();
        let mut chars = found.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_graphic() => Ok(c),
            _ => Err(Fail::new(at, ErrorKind::BadSubfieldCode { tag: tag.to_string(), found })),
        }
    }

    fn eof_inside(&self, at: Pos) -> Fail {
        let inside = self.stack.last().map(|o| String::from_utf8_lossy(&o.qname).into_owned()).unwrap_or_default();
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
                    let text = text?;
                    if out.len() + text.len() > MAX_VALUE_BYTES {
                        return Err(Fail::new(at, ErrorKind::ValueTooLong(MAX_VALUE_BYTES)));
                    }
                    out.push_str(&text);
                }
                Ev::End if self.stack.len() < depth => return Ok(to_nfc(&out)),
                Ev::Start { at, name: child, .. } => {
                    let parent = Some(name.qname.clone());
                    return Err(Fail::new(at, ErrorKind::UnexpectedElement { name: child.qname, parent }));
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
                Ev::Text { text: Ok(piece), .. } if text.chars().count() <= PREVIEW_CHARS => text.push_str(&piece),
                Ev::End if self.stack.len() < depth => return Ok(preview(&text)),
                Ev::Eof { at } => return Err(self.eof_inside(at)),
                _ => {}
            }
        }
    }

    fn note_ignored(&mut self, name: &Name, at: Pos, empty: bool, partial: &mut Partial) -> Result<(), Fail> {
        let text = self.ignored(empty)?;
        partial.notes.push(Note::IgnoredElement { name: name.qname.clone(), line: at.line, column: at.column, text });
        Ok(())
    }

    /// Reads a record's content, up to its end tag.
    fn record_body(&mut self, record: &Name, partial: &mut Partial) -> Result<(), Fail> {
        let depth = self.stack.len();
        loop {
            match self.read_ev()? {
                Ev::End if self.stack.len() < depth => return Ok(()),
                Ev::Text { at, text } => {
                    let text = text?;
                    if !is_blank(&text) {
                        let kind = ErrorKind::UnexpectedText { text: preview(&text), parent: record.qname.clone() };
                        return Err(Fail::new(at, kind));
                    }
                }
                Ev::Start { at, name, attrs, empty } => {
                    let attrs = attrs?;
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
                            let tag = self.tag(&attrs, &name, at)?;
                            let value = self.value(&name, at, empty)?;
                            partial.add(value.len(), at)?;
                            partial.fields.push(Field::Control { tag, value });
                        }
                        Kind::Data => {
                            let tag = self.tag(&attrs, &name, at)?;
                            let ind1 = self.indicator(&attrs, tag, 1, at)?;
                            let ind2 = self.indicator(&attrs, tag, 2, at)?;
                            partial.add(0, at)?;
                            let subfields = if empty { Vec::new() } else { self.datafield_body(&name, tag, partial)? };
                            partial.fields.push(Field::Data { tag, ind1, ind2, subfields });
                        }
                        Kind::Other => self.note_ignored(&name, at, empty, partial)?,
                        Kind::Leader | Kind::Collection | Kind::Record | Kind::Subfield => {
                            let parent = Some(record.qname.clone());
                            return Err(Fail::new(at, ErrorKind::UnexpectedElement { name: name.qname, parent }));
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
                    let text = text?;
                    if !is_blank(&text) {
                        let kind = ErrorKind::UnexpectedText { text: preview(&text), parent: field.qname.clone() };
                        return Err(Fail::new(at, kind));
                    }
                }
                Ev::Start { at, name, attrs, empty } => {
                    let attrs = attrs?;
                    match name.kind() {
                        Kind::Subfield => {
                            let code = self.code(&attrs, tag, at)?;
                            let value = self.value(&name, at, empty)?;
                            partial.add(value.len(), at)?;
                            subfields.push(Subfield { code, value });
                        }
                        Kind::Other => self.note_ignored(&name, at, empty, partial)?,
                        _ => {
                            let parent = Some(field.qname.clone());
                            return Err(Fail::new(at, ErrorKind::UnexpectedElement { name: name.qname, parent }));
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
                self.stack.truncate(depth);
            }
        }
        Ok(())
    }

    /// Scans the raw input for the next `<record` and restarts the XML parser there, with
    /// the open elements (and their namespaces) cut back to `keep`.
    fn resync(&mut self, keep: Option<usize>) {
        if let Some(keep) = keep {
            self.stack.truncate(keep);
        }
        self.resynced = true;
        let Some(xml) = self.xml.take() else {
            self.done = true;
            return;
        };
        let mut input = xml.into_inner();
        input.budget = None;
        input.over_budget = false;
        if self.last_resync == Some(input.consumed) {
            input.consume(1); // never restart twice at the same place
        }
        match scan_to_record(&mut input) {
            Ok(true) => {
                self.last_resync = Some(input.consumed);
                self.base = input.consumed;
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
                Some((Name { qname, ns: Ns::Foreign(uri), .. }, at)) => (qname.clone(), uri.clone(), *at),
                Some((name, at)) => (name.qname.clone(), String::new(), *at),
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

fn decoded(
    text: Result<std::borrow::Cow<'_, str>, quick_xml::encoding::EncodingError>,
    at: Pos,
) -> Result<String, Fail> {
    let text = text.map_err(|_| Fail::new(at, ErrorKind::NotUtf8))?;
    check_chars(&text).map_err(|kind| Fail::new(at, kind))?;
    Ok(text.into_owned())
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<ReadRecord, MarcXmlError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
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
                    let parent = parent.map(|open| String::from_utf8_lossy(&open.qname).into_owned());
                    let fail = Fail::new(at, ErrorKind::UnexpectedElement { name: name.qname, parent });
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

/// Appends `text` escaped; the character XML 1.0 cannot carry is returned as the error.
fn escape_into(out: &mut String, text: &str, attribute: bool) -> Result<(), char> {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            // A reader normalizes a literal CR away, and tabs and newlines in attributes.
            '\r' => out.push_str("&#xD;"),
            '\t' | '\n' if attribute => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c if !is_xml_char(c) => return Err(c),
            // C1 controls (UNIMARC non-sorting markers) are legal but invisible and
            // "discouraged"; a reference keeps them visible and portable.
            '\u{7F}'..='\u{9F}' => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
    Ok(())
}

/// One `<record>` element, indented for a collection; refused whole if a character cannot
/// be written, so a stream never holds half a record.
pub fn record_xml(record: &Record) -> Result<String, WriteError> {
    let mut out = String::with_capacity(256 + 64 * record.fields.len());
    let fail = |place: String| move |character| WriteError::ForbiddenChar { place, character };
    out.push_str("  <record>\n    <leader>");
    escape_into(&mut out, record.leader.as_str(), false).map_err(fail("LDR".into()))?;
    out.push_str("</leader>\n");
    for field in &record.fields {
        match field {
            Field::Control { tag, value } => {
                let _ = write!(out, "    <controlfield tag=\"{tag}\">");
                escape_into(&mut out, value, false).map_err(fail(tag.to_string()))?;
                out.push_str("</controlfield>\n");
            }
            Field::Data { tag, ind1, ind2, subfields } => {
                let _ = write!(out, "    <datafield tag=\"{tag}\" ind1=\"");
                escape_into(&mut out, ind1.encode_utf8(&mut [0; 4]), true).map_err(fail(format!("{tag} ind1")))?;
                out.push_str("\" ind2=\"");
                escape_into(&mut out, ind2.encode_utf8(&mut [0; 4]), true).map_err(fail(format!("{tag} ind2")))?;
                out.push_str("\">\n");
                for sub in subfields {
                    let place = || format!("{tag} ${}", sub.code);
                    out.push_str("      <subfield code=\"");
                    escape_into(&mut out, sub.code.encode_utf8(&mut [0; 4]), true).map_err(fail(place()))?;
                    out.push_str("\">");
                    escape_into(&mut out, &sub.value, false).map_err(fail(place()))?;
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
