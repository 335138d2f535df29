//! The MARC mnemonic text format, as MarcEdit's MarcBreaker writes it.
//!
//! ```text
//! =LDR  00000nam\a2200000\i\4500
//! =001  M21-0001
//! =245  10$aTitle :$bsubtitle /$cAuthor.
//! ```
//! One field per line (`=TAG`, two spaces, content), records separated by a blank line.
//! In the leader, control fields and indicators a blank is written `\`. Characters that
//! would be read as syntax are written as mnemonics: `{dollar}` for `$`, `{lcub}` and
//! `{rcub}` for braces, `{bsol}` for a backslash where `\` means blank, and `{U+XXXX}` for
//! control characters (so a value can never break a line). An unknown `{…}` is literal.
//! Text is read in NFC, as from ISO 2709 and MARCXML.

use crate::iso2709::to_nfc;
use crate::record::{Field, Leader, Record, Subfield, Tag};
use qiao_i18n::Message;
use std::io::{self, BufRead, Write};

/// Where and why a line could not be read. Lines and columns count from 1, in characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct MrkError {
    pub line: usize,
    pub column: usize,
    pub kind: MrkErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrkErrorKind {
    #[error("expected a field line starting with '=' and a tag")]
    ExpectedEquals,
    #[error("{0:?} is not a field tag")]
    BadTag(String),
    #[error("expected two spaces after the tag")]
    ExpectedSeparator,
    #[error("the record does not start with =LDR")]
    MissingLeader,
    #[error("a second =LDR line in one record")]
    DuplicateLeader,
    #[error("the leader has {0} characters instead of 24")]
    LeaderLength(usize),
    #[error("a data field needs two indicators")]
    MissingIndicators,
    #[error("expected '$' and a subfield code")]
    ExpectedSubfield,
    #[error("'$' is not followed by a subfield code")]
    MissingSubfieldCode,
    #[error("the line is not valid UTF-8")]
    NotUtf8,
    #[error("read error: {0}")]
    Io(String),
}

impl MrkError {
    fn new(line: usize, column: usize, kind: MrkErrorKind) -> Self {
        MrkError { line, column, kind }
    }

    /// The localizable form: a Fluent id and its arguments.
    pub fn message(&self) -> Message {
        let base = |code: &str| Message::new(code).arg("line", self.line).arg("column", self.column);
        match &self.kind {
            MrkErrorKind::ExpectedEquals => base("mrk-expected-equals"),
            MrkErrorKind::BadTag(tag) => base("mrk-bad-tag").arg("tag", tag.as_str()),
            MrkErrorKind::ExpectedSeparator => base("mrk-expected-separator"),
            MrkErrorKind::MissingLeader => base("mrk-missing-leader"),
            MrkErrorKind::DuplicateLeader => base("mrk-duplicate-leader"),
            MrkErrorKind::LeaderLength(n) => base("mrk-leader-length").arg("length", *n),
            MrkErrorKind::MissingIndicators => base("mrk-missing-indicators"),
            MrkErrorKind::ExpectedSubfield => base("mrk-expected-subfield"),
            MrkErrorKind::MissingSubfieldCode => base("mrk-missing-subfield-code"),
            MrkErrorKind::NotUtf8 => base("mrk-not-utf8"),
            MrkErrorKind::Io(detail) => base("mrk-read-failed").arg("detail", detail.as_str()),
        }
    }
}

/// One record read from a stream, with the line it started on (for reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRecord {
    pub line: usize,
    pub record: Record,
}

/// Reads records one at a time; a broken record is reported and the reader moves on to the
/// next blank line, so one bad record never hides the rest of a file.
pub struct MrkReader<R> {
    input: R,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> MrkReader<R> {
    pub fn new(input: R) -> Self {
        MrkReader { input, line_no: 0, buf: Vec::new(), done: false }
    }

    /// The next line without its terminator, or `None` at the end of input.
    fn next_line(&mut self) -> Option<Result<String, MrkError>> {
        self.buf.clear();
        match self.input.read_until(b'\n', &mut self.buf) {
            Ok(0) => None,
            Ok(_) => {
                self.line_no += 1;
                while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
                    self.buf.pop();
                }
                let mut bytes = self.buf.as_slice();
                if self.line_no == 1 {
                    bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                }
                Some(match std::str::from_utf8(bytes) {
                    Ok(text) => Ok(text.to_string()),
                    Err(e) => {
                        let column = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).chars().count() + 1;
                        Err(MrkError::new(self.line_no, column, MrkErrorKind::NotUtf8))
                    }
                })
            }
            Err(e) => Some(Err(MrkError::new(self.line_no + 1, 1, MrkErrorKind::Io(e.to_string())))),
        }
    }

    /// Skips the rest of a broken record, up to and including the next blank line.
    fn skip_record(&mut self) {
        while let Some(line) = self.next_line() {
            match line {
                Ok(text) if text.trim().is_empty() => return,
                Err(MrkError { kind: MrkErrorKind::Io(_), .. }) => {
                    self.done = true;
                    return;
                }
                _ => {}
            }
        }
        self.done = true;
    }
}

impl<R: BufRead> Iterator for MrkReader<R> {
    type Item = Result<ReadRecord, MrkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut leader: Option<Leader> = None;
        let mut fields = Vec::new();
        let mut start_line = 0;
        loop {
            let line = match self.next_line() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(e)) => {
                    if matches!(e.kind, MrkErrorKind::Io(_)) {
                        self.done = true;
                    } else {
                        self.skip_record();
                    }
                    return Some(Err(e));
                }
                Some(Ok(line)) => line,
            };
            if line.trim().is_empty() {
                if start_line == 0 {
                    continue; // blank lines between records
                }
                break;
            }
            if start_line == 0 {
                start_line = self.line_no;
            }
            let parsed = parse_line(&line, self.line_no).and_then(|parsed| match parsed {
                Line::Leader(l) if leader.is_some() => {
                    let _ = l;
                    Err(MrkError::new(self.line_no, 1, MrkErrorKind::DuplicateLeader))
                }
                Line::Leader(l) => {
                    leader = Some(l);
                    Ok(())
                }
                Line::Field(_) if leader.is_none() => Err(MrkError::new(self.line_no, 1, MrkErrorKind::MissingLeader)),
                Line::Field(f) => {
                    fields.push(f);
                    Ok(())
                }
            });
            if let Err(e) = parsed {
                self.skip_record();
                return Some(Err(e));
            }
        }
        leader.map(|leader| Ok(ReadRecord { line: start_line, record: Record { leader, fields } }))
    }
}

/// Parses a whole text; the first error stops it (the editor's text mode uses this).
pub fn parse_str(text: &str) -> Result<Vec<Record>, MrkError> {
    MrkReader::new(text.as_bytes()).map(|r| r.map(|r| r.record)).collect()
}

/// Parses text that must hold exactly one record (the editor's text mode).
pub fn parse_one(text: &str) -> Result<Option<Record>, MrkError> {
    let mut reader = MrkReader::new(text.as_bytes());
    let first = reader.next().transpose()?;
    match reader.next() {
        None => Ok(first.map(|r| r.record)),
        Some(Err(e)) => Err(e),
        // A second record: point at its first line so the cataloguer sees where it starts.
        Some(Ok(second)) => Err(MrkError::new(second.line, 1, MrkErrorKind::DuplicateLeader)),
    }
}

enum Line {
    Leader(Leader),
    Field(Field),
}

fn parse_line(line: &str, line_no: usize) -> Result<Line, MrkError> {
    let err = |column: usize, kind| Err(MrkError::new(line_no, column, kind));
    let Some(rest) = line.strip_prefix('=') else {
        return err(1, MrkErrorKind::ExpectedEquals);
    };
    let tag_text: String = rest.chars().take(3).collect();
    let after_tag = &rest[tag_text.len()..];
    let Some(content) = after_tag.strip_prefix("  ") else {
        if tag_text.chars().count() < 3 || (tag_text != "LDR" && Tag::parse(&tag_text).is_none()) {
            return err(2, MrkErrorKind::BadTag(tag_text));
        }
        return err(5, MrkErrorKind::ExpectedSeparator);
    };
    const CONTENT_COLUMN: usize = 7; // '=' + tag + two spaces
    if tag_text == "LDR" {
        let text = to_nfc(&unescape(content, true));
        let length = text.chars().count();
        return match Leader::parse(&text) {
            Some(leader) => Ok(Line::Leader(leader)),
            None => err(CONTENT_COLUMN, MrkErrorKind::LeaderLength(length)),
        };
    }
    let Some(tag) = Tag::parse(&tag_text) else {
        return err(2, MrkErrorKind::BadTag(tag_text));
    };
    if tag.is_control() {
        return Ok(Line::Field(Field::Control { tag, value: to_nfc(&unescape(content, true)) }));
    }
    // Indicators and subfield codes are one character each, which may be written as a
    // mnemonic: the writer escapes `{`, `}`, `$`, `\` and control characters there too.
    let mut body = content;
    let (Some(i1), Some(i2)) = (take_char(&mut body), take_char(&mut body)) else {
        return err(CONTENT_COLUMN, MrkErrorKind::MissingIndicators);
    };
    // A plain `\` is a blank indicator; `{bsol}` is a backslash. Text is NFC, as the other
    // readers make it (search and duplicate checks compare one form); an indicator stays
    // as written where its NFC is more than one character.
    let indicator = |(c, mnemonic): (char, bool)| match c {
        '\\' if !mnemonic => ' ',
        c if c.is_ascii() => c,
        c => {
            let nfc = to_nfc(c.encode_utf8(&mut [0; 4]));
            let mut chars = nfc.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        }
    };
    let mut column = CONTENT_COLUMN + content[..content.len() - body.len()].chars().count();
    let mut subfields = Vec::new();
    if !body.is_empty() {
        let Some(body) = body.strip_prefix('$') else {
            return err(column, MrkErrorKind::ExpectedSubfield);
        };
        // `column` is the column of the '$' of each piece.
        for piece in body.split('$') {
            let mut value = piece;
            // Only a printable ASCII code can be written to ISO 2709 and MARCXML (and read
            // from them), so nothing else is taken as one.
            let Some((code, _)) = take_char(&mut value).filter(|(c, _)| c.is_ascii_graphic()) else {
                return err(column, MrkErrorKind::MissingSubfieldCode);
            };
            subfields.push(Subfield { code, value: to_nfc(&unescape(value, false)) });
            column += piece.chars().count() + 1;
        }
    }
    Ok(Line::Field(Field::Data { tag, ind1: indicator(i1), ind2: indicator(i2), subfields }))
}

/// Takes one character off the front of `text`, reading a mnemonic as the character it
/// names; the flag tells whether it was one.
fn take_char(text: &mut &str) -> Option<(char, bool)> {
    if let Some((c, len)) = mnemonic_at(text) {
        *text = &text[len..];
        return Some((c, true));
    }
    let c = text.chars().next()?;
    *text = &text[c.len_utf8()..];
    Some((c, false))
}

/// The mnemonic at the start of `text` (`{dollar}`, `{U+001E}`…) and its length in bytes.
/// Names are short, so the closing brace is looked for only nearby: a line full of
/// unmatched braces is read in linear time.
fn mnemonic_at(text: &str) -> Option<(char, usize)> {
    const LONGEST_NAME: usize = 8; // "U+10FFFF"
    let after = text.strip_prefix('{')?;
    let (end, _) = after.char_indices().take(LONGEST_NAME + 1).find(|(_, c)| *c == '}')?;
    mnemonic_char(&after[..end]).map(|c| (c, end + 2))
}

/// Turns mnemonics back into characters; in fixed-position text `\` is a blank.
fn unescape(text: &str, fixed: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['{', '\\']) {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        if rest.starts_with('\\') {
            out.push(if fixed { ' ' } else { '\\' });
            rest = &rest[1..];
            continue;
        }
        match mnemonic_at(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn mnemonic_char(name: &str) -> Option<char> {
    match name {
        "dollar" => Some('$'),
        "lcub" => Some('{'),
        "rcub" => Some('}'),
        "bsol" => Some('\\'),
        _ => {
            let hex = name.strip_prefix("U+")?;
            (4..=6).contains(&hex.len()).then_some(())?;
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
        }
    }
}

/// Writes a value with the mnemonics the parser reads back.
fn escape_into(out: &mut String, text: &str, fixed: bool) {
    for c in text.chars() {
        match c {
            '$' if !fixed => out.push_str("{dollar}"),
            '{' => out.push_str("{lcub}"),
            '}' => out.push_str("{rcub}"),
            '\\' if fixed => out.push_str("{bsol}"),
            ' ' if fixed => out.push('\\'),
            c if c.is_control() => out.push_str(&format!("{{U+{:04X}}}", c as u32)),
            c => out.push(c),
        }
    }
}

/// One record as .mrk lines, ending with a newline (no blank separator line).
pub fn to_string(record: &Record) -> String {
    let mut out = String::with_capacity(64 * (record.fields.len() + 1));
    out.push_str("=LDR  ");
    escape_into(&mut out, record.leader.as_str(), true);
    out.push('\n');
    for field in &record.fields {
        out.push('=');
        out.push_str(field.tag().as_str());
        out.push_str("  ");
        match field {
            Field::Control { value, .. } => escape_into(&mut out, value, true),
            Field::Data { ind1, ind2, subfields, .. } => {
                for ind in [*ind1, *ind2] {
                    match ind {
                        ' ' => out.push('\\'),
                        c => escape_into(&mut out, &c.to_string(), true),
                    }
                }
                for sub in subfields {
                    out.push('$');
                    escape_into(&mut out, &sub.code.to_string(), false);
                    escape_into(&mut out, &sub.value, false);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Writes records separated by blank lines, as MarcBreaker does.
pub fn write<'a, W: Write>(out: &mut W, records: impl IntoIterator<Item = &'a Record>) -> io::Result<()> {
    for record in records {
        out.write_all(to_string(record).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "=LDR  00000cam\\a2200000\\i\\4500\n=001  M21\\1\n=008  240501s2024\\\\\\\\ch\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\chi\\d\n=020  \\\\$a9787020002207$c{dollar}25.00\n=245  10$6880-01$aNa han /$cLu Xun zhu.\n=650  \\0$aChinese fiction$y20th century.\n=650  \\0$aShort stories, Chinese.\n=880  10$6245-01/$1$a呐喊 /$c鲁迅著.\n";

    #[test]
    fn reads_fields_indicators_and_mnemonics() {
        let records = parse_str(SAMPLE).unwrap();
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.leader.as_str(), "00000cam a2200000 i 4500");
        assert_eq!(r.control("001"), Some("M21 1"));
        assert_eq!(r.control("008").map(|v| v.chars().count()), Some(40));
        assert_eq!(r.subfield("020", 'c'), Some("$25.00"));
        assert_eq!(r.field("245").unwrap().indicators(), Some(('1', '0')));
        assert_eq!(r.field("020").unwrap().indicators(), Some((' ', ' ')));
        assert_eq!(r.fields_with("650").count(), 2);
        assert_eq!(r.subfield("880", 'a'), Some("呐喊 /"));
    }

    #[test]
    fn writes_back_byte_for_byte() {
        let records = parse_str(SAMPLE).unwrap();
        assert_eq!(to_string(&records[0]), SAMPLE);
    }

    #[test]
    fn awkward_values_round_trip() {
        let record = Record {
            leader: Leader::new_book(true),
            fields: vec![
                Field::Control { tag: Tag::parse("001").unwrap(), value: "a\\b {x} $c".into() },
                Field::Data {
                    tag: Tag::parse("200").unwrap(),
                    ind1: '1',
                    ind2: ' ',
                    subfields: vec![
                        Subfield::new('a', "\u{98}The\u{9c} {dollar} $5 a\\b {lcub}\nline"),
                        Subfield::new('a', ""),
                        Subfield::new('9', "bai  kong"),
                    ],
                },
                Field::Data { tag: Tag::parse("300").unwrap(), ind1: ' ', ind2: ' ', subfields: vec![] },
            ],
        };
        let text = to_string(&record);
        assert_eq!(text.lines().count(), 4, "{text}");
        assert_eq!(parse_one(&text).unwrap(), Some(record));
    }

    #[test]
    fn awkward_indicators_and_codes_round_trip() {
        // Each of these is written as a mnemonic, and must be read back as one character.
        let odd = ['{', '}', '\\', '$', '\t', '\u{98}'];
        let codes = ['{', '}', '$', '\\'];
        for (i, &ind) in odd.iter().enumerate() {
            let record = Record {
                leader: Leader::new_book(false),
                fields: vec![Field::Data {
                    tag: Tag::parse("245").unwrap(),
                    ind1: ind,
                    ind2: odd[(i + 1) % odd.len()],
                    subfields: vec![Subfield::new(codes[i % codes.len()], "lcub}x"), Subfield::new('a', "{b}")],
                }],
            };
            let text = to_string(&record);
            assert_eq!(parse_one(&text).unwrap(), Some(record), "{text}");
        }
        // A blank written as `\` and a backslash written as `{bsol}` stay apart.
        let r = parse_one("=LDR  00000nam\\a2200000\\i\\4500\n=245  \\{bsol}${dollar}x\n").unwrap().unwrap();
        assert_eq!(r.field("245").unwrap().indicators(), Some((' ', '\\')));
        assert_eq!(r.subfield("245", '$'), Some("x"));
    }

    #[test]
    fn a_subfield_code_is_printable_ascii() {
        // ISO 2709 and MARCXML cannot carry any other code, so it would be lost on export.
        for line in ["=245  10$Гx", "=245  10$ x", "=245  10${U+001F}x"] {
            let text = format!("=LDR  00000nam\\a2200000\\i\\4500\n{line}\n");
            let err = parse_str(&text).unwrap_err();
            assert_eq!((err.line, err.column, err.kind), (2, 9, MrkErrorKind::MissingSubfieldCode), "{line}");
        }
    }

    #[test]
    fn unmatched_braces_read_in_linear_time() {
        // Every `{` used to look for a `}` to the end of the line: quadratic in its length.
        let text = format!("=LDR  00000nam\\a2200000\\i\\4500\n=500  \\\\$a{}\n", "{".repeat(1 << 20));
        let started = std::time::Instant::now();
        let records = parse_str(&text).unwrap();
        assert_eq!(records[0].subfield("500", 'a').map(str::len), Some(1 << 20));
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    }

    #[test]
    fn text_is_read_in_nfc() {
        let text = "=LDR  00000nam\\a2200000\\i\\4500\n=001  e\u{301}\n=245  1\u{212B}$aCafe\u{301}{U+0301}\n";
        let r = parse_one(text).unwrap().unwrap();
        assert_eq!(r.control("001"), Some("é"));
        assert_eq!(r.field("245").unwrap().indicators(), Some(('1', 'Å')));
        assert_eq!(r.subfield("245", 'a'), Some("Café\u{301}"));
    }

    #[test]
    fn reports_line_and_column() {
        let cases: &[(&str, usize, usize, MrkErrorKind)] = &[
            ("=LDR  00000nam\n", 1, 7, MrkErrorKind::LeaderLength(8)),
            ("=LDR  00000nam\\a2200000\\i\\4500\n245  10$aX\n", 2, 1, MrkErrorKind::ExpectedEquals),
            ("=LDR  00000nam\\a2200000\\i\\4500\n=2X$  10$aX\n", 2, 2, MrkErrorKind::BadTag("2X$".into())),
            ("=LDR  00000nam\\a2200000\\i\\4500\n=245 10$aX\n", 2, 5, MrkErrorKind::ExpectedSeparator),
            ("=LDR  00000nam\\a2200000\\i\\4500\n=245  1\n", 2, 7, MrkErrorKind::MissingIndicators),
            ("=LDR  00000nam\\a2200000\\i\\4500\n=245  10Title\n", 2, 9, MrkErrorKind::ExpectedSubfield),
            ("=LDR  00000nam\\a2200000\\i\\4500\n=245  10$a题名$$b\n", 2, 13, MrkErrorKind::MissingSubfieldCode),
            ("=001  x\n", 1, 1, MrkErrorKind::MissingLeader),
        ];
        for (text, line, column, kind) in cases {
            let err = parse_str(text).unwrap_err();
            assert_eq!((err.line, err.column, &err.kind), (*line, *column, kind), "{text:?}");
        }
    }

    #[test]
    fn a_bad_record_is_reported_and_the_next_is_read() {
        let text = "=LDR  00000nam\\a2200000\\i\\4500\n=245  10$aOne\n\n=LDR  short\n=245  10$aLost\n\n=LDR  00000nam\\a2200000\\i\\4500\n=245  10$aThree\n";
        let items: Vec<_> = MrkReader::new(text.as_bytes()).collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().line, 1);
        assert_eq!(items[1].as_ref().unwrap_err().line, 4);
        let third = items[2].as_ref().unwrap();
        assert_eq!((third.line, third.record.subfield("245", 'a')), (7, Some("Three")));
    }

    #[test]
    fn invalid_utf8_is_named_with_its_column() {
        let bytes = b"=LDR  00000nam\\a2200000\\i\\4500\n=245  10$a\xc2\xab\xff\n".to_vec();
        let err = MrkReader::new(bytes.as_slice()).next().unwrap().unwrap_err();
        assert_eq!((err.line, err.column, err.kind), (2, 12, MrkErrorKind::NotUtf8));
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = "\u{feff}=LDR  00000nam\\a2200000\\i\\4500\r\n=245  10$aX\r\n";
        assert_eq!(parse_str(text).unwrap()[0].subfield("245", 'a'), Some("X"));
    }

    #[test]
    fn parse_one_refuses_two_records() {
        let text = "=LDR  00000nam\\a2200000\\i\\4500\n\n=LDR  00000nam\\a2200000\\i\\4500\n";
        assert_eq!(parse_one(text).unwrap_err().line, 3);
        assert_eq!(parse_one("\n\n").unwrap(), None);
    }
}
