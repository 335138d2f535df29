//! Crosswalks between MARC 21 and the UNIMARC family (UNIMARC, RUSMARC, CNMARC), for the
//! fields Chinese and Russian libraries exchange. Whatever has no equivalent in the target
//! flavour is reported as a [`Loss`] naming tag, subfield and value: nothing goes silently.
//!
//! Decisions a cataloguer may question, and why:
//! - ISBD punctuation is written into MARC 21 subfields (leader/18 `i`, as LC records do) and
//!   taken off again going back; a final full stop after an abbreviation or an initial
//!   ("в 2 т.", "Л. Н.") is part of the data and stays.
//! - Notes (300/316/317/330 ↔ 500/590/561/520) are free text in both formats: copied as is.
//! - 264 becomes 214, its exact counterpart (function in indicator 2, ©dates included);
//!   260 becomes 210. Both 210 and 214 become 264.
//! - ISBNs are copied as given (hyphens kept): re-hyphenating needs the ISBN range tables.
//! - CNMARC pinyin ($9) is reported lost: it is syllable-by-syllable index text, not ALA-LC
//!   romanization, and a 246 made from it would come back as a variant title, not as $9.
//! - Class numbers are never translated between schemes. 686 keeps its scheme code ($2) in
//!   every profile; CNMARC 690 (CLC) becomes 084/686 with `$2 clc` and comes back as 690.
//! - RUSMARC ↔ CNMARC keeps 100 $a/22–24 and 801: they say who catalogued the record and in
//!   which language its notes are written, which a change of profile does not alter.
//! - Alternative scripts: the MARC 21 880 (original script) comes first among the repeated
//!   UNIMARC fields, since Russian and Chinese catalogues file under the original script;
//!   going back, the Latin-script field is the regular one and the others become 880s.
//! - Country codes: ISO 3166 `CN` is MARC `cc` (MARC `ch` is Taiwan).

use crate::flavour::Flavour;
use crate::record::{Field, Leader, Record, Subfield, Tag};
use qiao_i18n::Message;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// A record in another flavour, with everything that could not come along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Converted {
    pub record: Record,
    pub losses: Vec<Loss>,
}

/// What had no equivalent in the target flavour: reported per record, never silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Loss {
    /// The source tag; for coded data also the character positions, in the usual notation
    /// (`LDR/06`, `008/15-17`, `100/17-19` with subfield `a`).
    pub tag: String,
    pub subfield: Option<char>,
    pub value: String,
    pub reason: LossReason,
}

/// Why something was left behind; each kind has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum LossReason {
    /// The target format has no field for this data.
    NoEquivalentField,
    /// The target field has no subfield for this data.
    NoEquivalentSubfield,
    /// A code (country, relator, fixed position) without a counterpart in the target list.
    CodedValueNotMapped,
    /// A local field (9XX, or X9X in UNIMARC) that means something only where it was made.
    LocalField,
    /// Non-sorting markers where the target format has no way to mark non-sorting text.
    NonSortingMarkers,
}

/// Values longer than this are cut in messages: a whole note does not fit a report line.
const MESSAGE_VALUE_CHARS: usize = 120;

impl Loss {
    fn new(tag: &str, subfield: Option<char>, value: &str, reason: LossReason) -> Loss {
        Loss { tag: tag.to_string(), subfield, value: value.to_string(), reason }
    }

    /// Where the data was, as a cataloguer writes it: `200 $9`, `100 $a/17-19`, `LDR/06`.
    pub fn place(&self) -> String {
        let (base, position) = match self.tag.split_once('/') {
            Some((base, position)) => (base, Some(position)),
            None => (self.tag.as_str(), None),
        };
        let mut place = base.to_string();
        if let Some(code) = self.subfield {
            place.push_str(" $");
            place.push(code);
        }
        if let Some(position) = position {
            place.push('/');
            place.push_str(position);
        }
        place
    }

    /// The localizable form: a Fluent id with `place`, `tag`, `subfield` and `value`.
    pub fn message(&self) -> Message {
        let code = match self.reason {
            LossReason::NoEquivalentField => "crosswalk-no-equivalent-field",
            LossReason::NoEquivalentSubfield => "crosswalk-no-equivalent-subfield",
            LossReason::CodedValueNotMapped => "crosswalk-coded-value-not-mapped",
            LossReason::LocalField => "crosswalk-local-field",
            LossReason::NonSortingMarkers => "crosswalk-non-sorting-markers",
        };
        let mut value: String = self.value.chars().take(MESSAGE_VALUE_CHARS).collect();
        if self.value.chars().count() > MESSAGE_VALUE_CHARS {
            value.push('…');
        }
        let tag = self.tag.split('/').next().unwrap_or_default();
        Message::new(code)
            .arg("place", self.place())
            .arg("tag", tag)
            .arg("subfield", self.subfield.map(String::from).unwrap_or_default())
            .arg("value", value)
    }
}

impl fmt::Display for Loss {
    /// The untranslated form, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?} {:?}", self.place(), self.reason, self.value)
    }
}

/// Converts a record between flavours. The identity conversion returns the record as is.
pub fn convert(record: &Record, from: Flavour, to: Flavour) -> Converted {
    if from == to || !(from.is_unimarc_family() || to.is_unimarc_family()) {
        return Converted { record: record.clone(), losses: Vec::new() };
    }
    let mut losses = Losses::default();
    let record = if !to.is_unimarc_family() {
        to_marc21::convert(record, from, &mut losses)
    } else if !from.is_unimarc_family() {
        to_unimarc::convert(record, to, &mut losses)
    } else {
        between_profiles(record, from, to, &mut losses)
    };
    Converted { record, losses: losses.0 }
}

// ---------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------

#[derive(Default)]
struct Losses(Vec<Loss>);

impl Losses {
    fn push(&mut self, tag: &str, subfield: Option<char>, value: &str, reason: LossReason) {
        self.0.push(Loss::new(tag, subfield, value, reason));
    }

    fn field(&mut self, tag: &str, field: &Field, reason: LossReason) {
        self.push(tag, None, &field_text(field), reason);
    }

    fn subfield(&mut self, tag: &str, sub: &Subfield) {
        self.push(tag, Some(sub.code), &sub.value, LossReason::NoEquivalentSubfield);
    }

    fn code(&mut self, tag: &str, subfield: Option<char>, value: &str) {
        self.push(tag, subfield, value, LossReason::CodedValueNotMapped);
    }
}

/// A field's content as one line, for reports ("$aText$bMore").
fn field_text(field: &Field) -> String {
    match field {
        Field::Control { value, .. } => value.clone(),
        Field::Data { subfields, .. } => subfields.iter().map(|s| format!("${}{}", s.code, s.value)).collect(),
    }
}

fn inds(field: &Field) -> (char, char) {
    field.indicators().unwrap_or((' ', ' '))
}

/// A data field, or nothing when it would be empty (an empty field is worse than none).
fn data(tag: &str, ind1: char, ind2: char, subfields: Vec<Subfield>) -> Option<Field> {
    if subfields.iter().all(|s| s.code.is_ascii_digit()) {
        return None;
    }
    Some(Field::Data { tag: Tag::parse(tag)?, ind1, ind2, subfields })
}

fn with_tag(field: &Field, tag: Tag) -> Field {
    match field {
        Field::Control { value, .. } => Field::Control { tag, value: value.clone() },
        Field::Data { ind1, ind2, subfields, .. } => {
            Field::Data { tag, ind1: *ind1, ind2: *ind2, subfields: subfields.clone() }
        }
    }
}

/// The field without the subfields that carry script links ($6, and in UNIMARC $7).
fn without_links(field: &Field, codes: &[char]) -> Field {
    match field {
        Field::Control { .. } => field.clone(),
        Field::Data { tag, ind1, ind2, subfields } => Field::Data {
            tag: *tag,
            ind1: *ind1,
            ind2: *ind2,
            subfields: subfields.iter().filter(|s| !codes.contains(&s.code)).cloned().collect(),
        },
    }
}

/// Puts linking subfields first, where both formats expect them.
fn prepend(field: &mut Field, links: Vec<Subfield>) {
    if let Field::Data { subfields, .. } = field {
        let rest = std::mem::take(subfields);
        *subfields = links.into_iter().chain(rest).collect();
    }
}

fn sort_by_tag(fields: &mut [Field]) {
    fields.sort_by_key(Field::tag);
}

/// UNIMARC keeps tags with a 9 in the first or second position for local and national use.
fn is_local_unimarc(tag: &str) -> bool {
    let bytes = tag.as_bytes();
    bytes.first() == Some(&b'9') || bytes.get(1) == Some(&b'9')
}

/// MARC 21 keeps 09X, 59X, 69X and 9XX for local use.
fn is_local_marc21(tag: &str) -> bool {
    tag.starts_with('9') || tag.starts_with("09") || tag.starts_with("59") || tag.starts_with("69")
}

// --- Scripts ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Hebrew,
    Arabic,
    Han,
    Japanese,
    Korean,
}

/// The script of the first letter in the text.
fn script_of(text: &str) -> Option<Script> {
    text.chars().find_map(|c| {
        Some(match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x590..=0x5FF => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
            0x3040..=0x30FF | 0x31F0..=0x31FF => Script::Japanese,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Korean,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
            _ => return None,
        })
    })
}

fn is_han(text: &str) -> bool {
    script_of(text) == Some(Script::Han)
}

/// The script of a field's text (its first text subfield with a letter).
fn field_script(field: &Field) -> Option<Script> {
    field.subfields().iter().filter(|s| s.code.is_ascii_alphabetic()).find_map(|s| script_of(&s.value))
}

/// UNIMARC $7 script codes (first two characters of the subfield).
fn unimarc_script_code(script: Script) -> &'static str {
    match script {
        Script::Latin => "ba",
        Script::Cyrillic => "ca",
        Script::Japanese => "da",
        Script::Han => "ea",
        Script::Arabic => "fa",
        Script::Greek => "ga",
        Script::Hebrew => "ha",
        Script::Korean => "ka",
    }
}

fn unimarc_script(code: &str) -> Option<Script> {
    Some(match code.get(..2)? {
        "ba" => Script::Latin,
        "ca" => Script::Cyrillic,
        "da" | "db" | "dc" => Script::Japanese,
        "ea" => Script::Han,
        "fa" => Script::Arabic,
        "ga" => Script::Greek,
        "ha" => Script::Hebrew,
        "ka" => Script::Korean,
        _ => return None,
    })
}

/// MARC 21 script identification codes in $6 of 880 fields.
fn marc_script_code(script: Script) -> &'static str {
    match script {
        Script::Latin => "(B",
        Script::Cyrillic => "(N",
        Script::Greek => "(S",
        Script::Hebrew => "(2",
        Script::Arabic => "(3",
        Script::Han | Script::Japanese | Script::Korean => "$1",
    }
}

fn marc_script(code: &str) -> Option<Script> {
    Some(match code {
        "(B" => Script::Latin,
        "(N" => Script::Cyrillic,
        "(S" => Script::Greek,
        "(2" => Script::Hebrew,
        "(3" | "4" => Script::Arabic,
        "$1" => Script::Han,
        _ => return None,
    })
}

// --- Non-sorting markers ---------------------------------------------------------------

/// UNIMARC's non-sorting markers (NSB/NSE), as ISO 6630 and as C1 controls.
const NSB: [char; 2] = ['\u{98}', '\u{88}'];
const NSE: [char; 2] = ['\u{9C}', '\u{89}'];

fn is_marker(c: char) -> bool {
    NSB.contains(&c) || NSE.contains(&c)
}

/// Text without markers, the count MARC 21 skips in filing (the marked leading part and the
/// spaces after it), and whether markers stood anywhere else.
fn take_non_sorting(text: &str) -> (String, usize, bool) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut chars = text.chars().peekable();
    if chars.peek().is_some_and(|c| NSB.contains(c)) {
        chars.next();
        let mut marked = String::new();
        let mut closed = false;
        for c in chars.by_ref() {
            if NSE.contains(&c) {
                closed = true;
                break;
            }
            marked.push(c);
        }
        out.push_str(&marked);
        if closed {
            count = marked.chars().count();
            while chars.peek() == Some(&' ') {
                chars.next();
                out.push(' ');
                count += 1;
            }
        }
    }
    let mut elsewhere = false;
    for c in chars {
        if is_marker(c) {
            elsewhere = true;
        } else {
            out.push(c);
        }
    }
    (out, count, elsewhere)
}

/// Marks the first `count` characters as non-sorting, the UNIMARC way.
fn mark_non_sorting(text: &str, count: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if count == 0 || count >= chars.len() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push(NSB[0]);
    out.extend(&chars[..count]);
    out.push(NSE[0]);
    out.extend(&chars[count..]);
    out
}

// --- ISBD punctuation --------------------------------------------------------------------

/// Subfields being written the MARC 21 way: the ISBD mark that precedes an element ends the
/// previous subfield ("Na han /" then "$cLu Xun zhu.").
#[derive(Default)]
struct Isbd {
    subs: Vec<Subfield>,
}

impl Isbd {
    fn is_empty(&self) -> bool {
        self.subs.is_empty()
    }

    fn has(&self, code: char) -> bool {
        self.subs.iter().any(|s| s.code == code)
    }

    fn last_code(&self) -> Option<char> {
        self.subs.last().map(|s| s.code)
    }

    /// A new subfield; `sep` is the ISBD separator before it (" :", " /", ". ", ", ").
    fn start(&mut self, code: char, sep: &str, text: &str) {
        if let Some(last) = self.subs.last_mut() {
            end_with(&mut last.value, sep);
        }
        self.subs.push(Subfield::new(code, text));
    }

    /// More text in the current subfield, after its separator.
    fn append(&mut self, sep: &str, text: &str, code_if_first: char) {
        match self.subs.last_mut() {
            Some(last) => join(&mut last.value, sep, text),
            None => self.subs.push(Subfield::new(code_if_first, text)),
        }
    }

    /// The subfields, the last text subfield ending with a full stop unless it already ends
    /// with one of `keep`.
    fn close(mut self, keep: &str) -> Vec<Subfield> {
        if let Some(last) = self.subs.iter_mut().rev().find(|s| s.code.is_ascii_alphabetic()) {
            full_stop(&mut last.value, keep);
        }
        self.subs
    }

    fn open(self) -> Vec<Subfield> {
        self.subs
    }
}

/// Ends a value with the mark of the separator that follows it.
fn end_with(value: &mut String, sep: &str) {
    match sep.trim() {
        "" => {}
        "." => full_stop(value, ".?!"),
        "," => {
            if !value.trim_end().ends_with([',', '-']) {
                value.push(',');
            }
        }
        mark => {
            value.push(' ');
            value.push_str(mark);
        }
    }
}

fn join(value: &mut String, sep: &str, text: &str) {
    // "в 5 т." followed by ". Т. 3" takes one full stop, not two.
    match sep.strip_prefix('.') {
        Some(rest) if value.trim_end().ends_with(['.', '?', '!']) => value.push_str(rest),
        _ => value.push_str(sep),
    }
    value.push_str(text);
}

fn full_stop(value: &mut String, keep: &str) {
    let trimmed = value.trim_end();
    if trimmed.is_empty() || trimmed.ends_with(|c: char| keep.contains(c) || matches!(c, '。' | '？' | '！')) {
        return;
    }
    let len = trimmed.len();
    value.truncate(len);
    value.push('.');
}

/// The text of a MARC 21 subfield without the ISBD mark at its end, and that mark (':'
/// before other title information, '=' before a parallel title, '.' before a part …).
fn unpunct(text: &str) -> (String, Option<char>) {
    let trimmed = text.trim();
    let mut chars = trimmed.chars();
    match chars.next_back() {
        Some(c @ (':' | ';' | '/' | '=' | ',' | '+')) => (chars.as_str().trim_end().to_string(), Some(c)),
        Some('.') => {
            let stripped = drop_full_stop(trimmed);
            let mark = (stripped.len() < trimmed.len()).then_some('.');
            (stripped, mark)
        }
        _ => (trimmed.to_string(), None),
    }
}

/// Drops a closing full stop unless it belongs to an abbreviation or an initial.
fn drop_full_stop(text: &str) -> String {
    let Some(stem) = text.strip_suffix('.') else {
        return text.to_string();
    };
    if stem.ends_with('.') {
        return text.to_string(); // an ellipsis
    }
    let word = stem.rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '[')).next().unwrap_or_default();
    if is_abbreviation(word) {
        text.to_string()
    } else {
        stem.trim_end().to_string()
    }
}

/// Abbreviations that end descriptions in Russian (GOST R 7.0.12) and English records.
const ABBREVIATIONS: &[&str] = &[
    "авт",
    "акад",
    "англ",
    "библиогр",
    "вв",
    "вступ",
    "вып",
    "гг",
    "гл",
    "греч",
    "доп",
    "др",
    "изд",
    "ил",
    "им",
    "испр",
    "карт",
    "кит",
    "кн",
    "коммент",
    "кон",
    "лат",
    "нач",
    "нем",
    "обл",
    "общ",
    "ок",
    "отв",
    "пер",
    "перераб",
    "пол",
    "портр",
    "послесл",
    "предисл",
    "прил",
    "примеч",
    "проф",
    "ред",
    "репр",
    "рус",
    "сост",
    "ст",
    "стер",
    "табл",
    "указ",
    "факс",
    "фр",
    "худож",
    "цв",
    "экз",
    "яп",
    "approx",
    "bros",
    "ca",
    "cf",
    "co",
    "col",
    "comp",
    "comps",
    "ed",
    "eds",
    "edn",
    "enl",
    "etc",
    "fl",
    "hbk",
    "ill",
    "illus",
    "inc",
    "jr",
    "ltd",
    "mr",
    "mrs",
    "ms",
    "mss",
    "no",
    "nos",
    "pbk",
    "pp",
    "pt",
    "pts",
    "rev",
    "ser",
    "sr",
    "st",
    "suppl",
    "tr",
    "trans",
    "vol",
    "vols",
];

fn is_abbreviation(word: &str) -> bool {
    let count = word.chars().count();
    let lower = word.to_lowercase();
    // Initials and dotted abbreviations: "Н", "A.S", "т.е" (not "27.2×17.3cm").
    let dotted = word.contains('.')
        && word.split('.').all(|part| (1..=3).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic));
    (count == 1 && word.chars().all(char::is_alphabetic) && !is_han(word))
        || dotted
        || lower.ends_with("-т")
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// Splits ISBD-punctuated text at " = ", " : ", " ; " (those in `marks`): each piece with
/// the mark before it.
fn split_isbd(text: &str, marks: &[char]) -> Vec<(Option<char>, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut mark = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let separator =
            c == ' ' && chars.get(i + 1).is_some_and(|m| marks.contains(m)) && chars.get(i + 2) == Some(&' ');
        if separator {
            pieces.push((mark, current.trim().to_string()));
            current.clear();
            mark = chars.get(i + 1).copied();
            i += 3;
        } else {
            current.push(c);
            i += 1;
        }
    }
    pieces.push((mark, current.trim().to_string()));
    pieces.retain(|(_, text)| !text.is_empty());
    pieces
}

/// Letters and digits only, lower case: to tell whether two headings say the same thing.
fn normalized(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

// --- Code lists ----------------------------------------------------------------------------

/// ISO 3166-1 (UNIMARC 102) ↔ MARC Code List for Countries. For MARC codes used by several
/// ISO codes (`cc`) the first entry is the one read back.
const COUNTRIES: &[(&str, &str)] = &[
    ("CN", "cc"),
    ("TW", "ch"),
    ("HK", "cc"),
    ("MO", "cc"),
    ("RU", "ru"),
    ("US", "xxu"),
    ("GB", "xxk"),
    ("FR", "fr"),
    ("DE", "gw"),
    ("JP", "ja"),
    ("KR", "ko"),
    ("KP", "kn"),
    ("MN", "mp"),
    ("KZ", "kz"),
    ("KG", "kg"),
    ("UZ", "uz"),
    ("TJ", "ta"),
    ("TM", "tk"),
    ("UA", "un"),
    ("BY", "bw"),
    ("MD", "mv"),
    ("GE", "gs"),
    ("AM", "ai"),
    ("AZ", "aj"),
    ("EE", "er"),
    ("LV", "lv"),
    ("LT", "li"),
    ("PL", "pl"),
    ("CZ", "xr"),
    ("SK", "xo"),
    ("HU", "hu"),
    ("RO", "rm"),
    ("BG", "bu"),
    ("RS", "rb"),
    ("GR", "gr"),
    ("TR", "tu"),
    ("IT", "it"),
    ("ES", "sp"),
    ("PT", "po"),
    ("NL", "ne"),
    ("BE", "be"),
    ("CH", "sz"),
    ("AT", "au"),
    ("SE", "sw"),
    ("NO", "no"),
    ("FI", "fi"),
    ("DK", "dk"),
    ("IE", "ie"),
    ("IL", "is"),
    ("IR", "ir"),
    ("EG", "ua"),
    ("IN", "ii"),
    ("VN", "vm"),
    ("TH", "th"),
    ("SG", "si"),
    ("MY", "my"),
    ("ID", "io"),
    ("PH", "ph"),
    ("AU", "at"),
    ("NZ", "nz"),
    ("CA", "xxc"),
    ("MX", "mx"),
    ("BR", "bl"),
    ("AR", "ag"),
    ("ZA", "sa"),
];

fn marc_country(iso: &str) -> Option<&'static str> {
    let iso = iso.trim().to_ascii_uppercase();
    COUNTRIES.iter().find(|(i, _)| *i == iso).map(|(_, m)| *m)
}

fn iso_country(marc: &str) -> Option<&'static str> {
    let marc = marc.trim().to_ascii_lowercase();
    if let Some((iso, _)) = COUNTRIES.iter().find(|(_, m)| *m == marc) {
        return Some(iso);
    }
    // Three-letter codes name a state, province or constituent country by its last letter.
    if marc.len() == 3 {
        return match marc.chars().last() {
            Some('u') => Some("US"),
            Some('k') => Some("GB"),
            Some('c') => Some("CA"),
            Some('a') => Some("AU"),
            _ => None,
        };
    }
    None
}

/// UNIMARC relator codes (Appendix C) ↔ MARC relator codes and the RDA terms LC puts in $e.
const RELATORS: &[(&str, &str, &str)] = &[
    ("005", "act", "actor"),
    ("010", "adp", "adapter"),
    ("020", "ann", "annotator"),
    ("030", "arr", "arranger"),
    ("040", "art", "artist"),
    ("060", "asn", "associated name"),
    ("070", "aut", "author"),
    ("072", "aqt", "author in quotations or text abstracts"),
    ("075", "aft", "writer of afterword"),
    ("080", "aui", "writer of introduction"),
    ("090", "aud", "author of dialog"),
    ("100", "ant", "bibliographic antecedent"),
    ("110", "bnd", "binder"),
    ("160", "bsl", "bookseller"),
    ("170", "cll", "calligrapher"),
    ("180", "ctg", "cartographer"),
    ("190", "cns", "censor"),
    ("205", "ctb", "contributor"),
    ("210", "cmm", "commentator"),
    ("212", "wac", "writer of added commentary"),
    ("220", "com", "compiler"),
    ("230", "cmp", "composer"),
    ("250", "cnd", "conductor"),
    ("270", "crr", "corrector"),
    ("300", "drt", "director"),
    ("305", "dis", "dissertant"),
    ("320", "dnr", "donor"),
    ("330", "dub", "dubious author"),
    ("340", "edt", "editor"),
    ("350", "egr", "engraver"),
    ("360", "etr", "etcher"),
    ("365", "exp", "expert"),
    ("390", "fmo", "former owner"),
    ("400", "fnd", "funder"),
    ("420", "hnr", "honouree"),
    ("430", "ilu", "illuminator"),
    ("440", "ill", "illustrator"),
    ("450", "ins", "inscriber"),
    ("460", "ive", "interviewee"),
    ("470", "ivr", "interviewer"),
    ("480", "lbt", "librettist"),
    ("510", "ltg", "lithographer"),
    ("520", "lyr", "lyricist"),
    ("545", "mus", "musician"),
    ("550", "nrt", "narrator"),
    ("557", "orm", "organizer"),
    ("570", "oth", "other"),
    ("580", "ppm", "papermaker"),
    ("590", "prf", "performer"),
    ("600", "pht", "photographer"),
    ("610", "prt", "printer"),
    ("630", "pro", "producer"),
    ("640", "pfr", "proofreader"),
    ("650", "pbl", "publisher"),
    ("651", "pbd", "publishing director"),
    ("660", "rcp", "addressee"),
    ("673", "rth", "research team head"),
    ("675", "rev", "reviewer"),
    ("677", "rtm", "research team member"),
    ("680", "rbr", "rubricator"),
    ("690", "sce", "scenarist"),
    ("695", "sad", "scientific advisor"),
    ("700", "scr", "scribe"),
    ("705", "scl", "sculptor"),
    ("710", "red", "redaktor"),
    ("720", "sgn", "signer"),
    ("721", "sng", "singer"),
    ("727", "ths", "thesis advisor"),
    ("730", "trl", "translator"),
    ("750", "tyg", "typographer"),
    ("753", "sll", "seller"),
    ("760", "wde", "wood engraver"),
    ("770", "wam", "writer of accompanying material"),
];

/// MARC codes and $e terms with no entry of their own above, read as the nearest UNIMARC code.
const RELATOR_ALIASES: &[(&str, &str)] = &[
    ("wpr", "080"),
    ("wfw", "080"),
    ("clb", "205"),
    ("author of introduction", "080"),
    ("author of introduction, etc", "080"),
    ("writer of preface", "080"),
    ("writer of foreword", "080"),
    ("author of afterword", "075"),
    ("author of afterword, colophon, etc", "075"),
    ("collaborator", "205"),
    ("honoree", "420"),
    ("recipient", "660"),
    ("wood-engraver", "760"),
];

/// The UNIMARC code for a MARC relator code or term.
fn unimarc_relator(marc: &str) -> Option<&'static str> {
    let key = marc.trim().trim_end_matches(['.', ',']).trim().to_lowercase();
    RELATORS
        .iter()
        .find(|(_, code, term)| *code == key || *term == key)
        .map(|(u, _, _)| *u)
        .or_else(|| RELATOR_ALIASES.iter().find(|(alias, _)| *alias == key).map(|(_, u)| *u))
}

fn marc_relator(unimarc: &str) -> Option<(&'static str, &'static str)> {
    RELATORS.iter().find(|(u, _, _)| *u == unimarc.trim()).map(|(_, code, term)| (*code, *term))
}

/// Characters of a fixed-length value, blank beyond its end.
struct Positions(Vec<char>);

impl Positions {
    fn new(text: &str) -> Self {
        Positions(text.chars().collect())
    }

    fn at(&self, i: usize) -> char {
        self.0.get(i).copied().unwrap_or(' ')
    }

    fn range(&self, from: usize, to: usize) -> String {
        (from..to).map(|i| self.at(i)).collect()
    }
}

// ---------------------------------------------------------------------------------------
// UNIMARC family → MARC 21
// ---------------------------------------------------------------------------------------

mod to_marc21 {
    use super::*;

    pub(super) fn convert(source: &Record, from: Flavour, losses: &mut Losses) -> Record {
        let main_entry = source.fields.iter().any(|f| matches!(f.tag().as_str(), "700" | "710"));
        let manuscript = matches!(source.leader.at(6), Some('b' | 'd' | 'f'));
        let mut cx = Cx { source, from, losses, main_entry, manuscript };
        let mut fields = Vec::new();
        let mut alternates = Vec::new();
        let mut occurrence = 0;
        let mut done = HashSet::new();
        for (i, field) in source.fields.iter().enumerate() {
            if !done.insert(i) {
                continue;
            }
            let group: Vec<usize> = match link_number(field) {
                Some(number) => source
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(j, f)| *j >= i && f.tag() == field.tag() && link_number(f).as_deref() == Some(&number))
                    .map(|(j, _)| j)
                    .collect(),
                None => vec![i],
            };
            done.extend(group.iter().copied());
            let plain = |j: usize| source.fields.get(j).map(|f| without_links(f, &['6', '7']));
            if group.len() < 2 {
                if let Some(f) = plain(i) {
                    fields.extend(cx.field(&f));
                }
                continue;
            }
            // MARC 21 keeps the Latin-script form in the regular field, the others in 880.
            let regular = group
                .iter()
                .copied()
                .find(|&j| source.fields.get(j).and_then(script_declared) == Some(Script::Latin))
                .unwrap_or(i);
            let Some(regular_field) = plain(regular) else { continue };
            let converted = cx.field(&regular_field);
            let mut others: Vec<(Vec<Field>, Option<Script>, Vec<bool>)> = Vec::new();
            for &j in group.iter().filter(|&&j| j != regular) {
                let Some(original) = source.fields.get(j) else { continue };
                let script = script_declared(original).or_else(|| field_script(original));
                let out = cx.field(&without_links(original, &['6', '7']));
                let used = vec![false; out.len()];
                others.push((out, script, used));
            }
            for (k, mut field) in converted.into_iter().enumerate() {
                let mut partners = Vec::new();
                for (out, script, used) in others.iter_mut() {
                    if let Some(partner) = out.get(k).filter(|p| p.tag() == field.tag()) {
                        partners.push((partner.clone(), *script));
                        if let Some(u) = used.get_mut(k) {
                            *u = true;
                        }
                    }
                }
                if partners.is_empty() || matches!(field, Field::Control { .. }) {
                    fields.push(field);
                    continue;
                }
                occurrence += 1;
                prepend(&mut field, vec![Subfield::new('6', format!("880-{occurrence:02}"))]);
                for (partner, script) in partners {
                    alternates.extend(as_880(&partner, &format!("{occurrence:02}"), script));
                }
                fields.push(field);
            }
            for (out, script, used) in others {
                for (field, used) in out.into_iter().zip(used) {
                    if !used {
                        alternates.extend(as_880(&field, "00", script));
                    }
                }
            }
        }
        let leader = cx.leader();
        if let Some(tag) = Tag::parse("008") {
            fields.push(Field::Control { tag, value: cx.fixed_data() });
        }
        fields.extend(cx.languages());
        fields.extend(cx.countries());
        fields.extend(cx.cataloguing_source());
        sort_by_tag(&mut fields);
        fields.extend(alternates);
        Record { leader, fields }
    }

    /// The UNIMARC $6 linking number ("a01" → "01").
    fn link_number(field: &Field) -> Option<String> {
        let value = field.first('6')?;
        let number: String = value.chars().skip(1).take(2).collect();
        (number.len() == 2 && number.chars().all(|c| c.is_ascii_digit())).then_some(number)
    }

    fn script_declared(field: &Field) -> Option<Script> {
        field.first('7').and_then(unimarc_script)
    }

    fn as_880(field: &Field, occurrence: &str, script: Option<Script>) -> Option<Field> {
        let Field::Data { tag: original, ind1, ind2, subfields } = field else { return None };
        let script = script.or_else(|| field_script(field)).map(marc_script_code).unwrap_or_default();
        let link = if script.is_empty() {
            format!("{original}-{occurrence}")
        } else {
            format!("{original}-{occurrence}/{script}")
        };
        let mut subs = vec![Subfield::new('6', link)];
        subs.extend(subfields.iter().cloned());
        Some(Field::Data { tag: Tag::parse("880")?, ind1: *ind1, ind2: *ind2, subfields: subs })
    }

    struct Cx<'a> {
        source: &'a Record,
        from: Flavour,
        losses: &'a mut Losses,
        /// A 700 or 710 makes the 1XX main entry, which decides 245 indicator 1.
        main_entry: bool,
        manuscript: bool,
    }

    impl Cx<'_> {
        fn lose(&mut self, field: &Field, sub: &Subfield) {
            self.losses.subfield(field.tag().as_str(), sub);
        }

        /// A subfield's text without non-sorting markers, which MARC 21 cannot carry there.
        /// The subfields whose codes `table` maps, renamed, in order; the rest are losses.
        fn remap(&mut self, f: &Field, table: &[(char, char)]) -> Vec<Subfield> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match table.iter().find(|(from, _)| *from == sub.code) {
                    Some(&(_, to)) => subs.push(Subfield::new(to, self.text(f, sub))),
                    None => self.lose(f, sub),
                }
            }
            subs
        }

        fn text(&mut self, field: &Field, sub: &Subfield) -> String {
            let value = sub.value.trim();
            if value.chars().any(is_marker) {
                self.losses.push(field.tag().as_str(), Some(sub.code), value, LossReason::NonSortingMarkers);
                return value.chars().filter(|&c| !is_marker(c)).collect();
            }
            value.to_string()
        }

        fn field(&mut self, field: &Field) -> Vec<Field> {
            let tag = field.tag();
            let t = tag.as_str();
            if let Field::Control { .. } = field {
                if matches!(t, "001" | "005") {
                    return vec![field.clone()];
                }
                self.losses.field(t, field, LossReason::NoEquivalentField);
                return Vec::new();
            }
            match t {
                // Written into the leader, 008, 041, 044 and 040.
                "100" | "101" | "102" | "105" | "106" | "801" => Vec::new(),
                "010" => self.isbn(field).into_iter().collect(),
                "011" => self.issn(field).into_iter().collect(),
                "200" => self.title(field).into_iter().collect(),
                "205" => self.edition(field).into_iter().collect(),
                "210" | "214" => self.publication(field),
                "215" => self.physical(field).into_iter().collect(),
                "225" => self.series(field),
                "300" => self.note(field, "500", &[]).into_iter().collect(),
                "316" => self.note(field, "590", &['5']).into_iter().collect(),
                "317" => self.note(field, "561", &['5', 'u']).into_iter().collect(),
                "320" => self.note(field, "504", &[]).into_iter().collect(),
                "330" => self.note(field, "520", &[]).into_iter().collect(),
                "327" => self.contents(field).into_iter().collect(),
                "510" | "512" | "513" | "514" | "515" | "516" | "517" => {
                    self.variant_title(field).into_iter().collect()
                }
                "606" => self.subject(field, "650").into_iter().collect(),
                "607" => self.subject(field, "651").into_iter().collect(),
                "608" => self.subject(field, "655").into_iter().collect(),
                "610" => self.keywords(field).into_iter().collect(),
                "675" => self.udc(field).into_iter().collect(),
                "680" => self.lcc(field).into_iter().collect(),
                "686" => self.other_class(field).into_iter().collect(),
                "690" if self.from == Flavour::Cnmarc => self.clc(field).into_iter().collect(),
                "700" | "701" | "702" => self.person(field).into_iter().collect(),
                "710" | "711" | "712" => self.corporate(field).into_iter().collect(),
                "856" => self.electronic(field).into_iter().collect(),
                _ if is_local_unimarc(t) => {
                    self.losses.field(t, field, LossReason::LocalField);
                    Vec::new()
                }
                _ => {
                    self.losses.field(t, field, LossReason::NoEquivalentField);
                    Vec::new()
                }
            }
        }

        /// 010 → 020: $a ISBN, $b qualifier → $q, $d price → $c, $z → $z.
        fn isbn(&mut self, f: &Field) -> Option<Field> {
            let subs = self.remap(f, &[('a', 'a'), ('b', 'q'), ('d', 'c'), ('z', 'z')]);
            data("020", ' ', ' ', subs)
        }

        /// 011 → 022: $a ISSN, $f ISSN-L → $l, $y cancelled → $z, $z erroneous → $y.
        fn issn(&mut self, f: &Field) -> Option<Field> {
            let subs = self.remap(f, &[('a', 'a'), ('f', 'l'), ('y', 'z'), ('z', 'y')]);
            data("022", ' ', ' ', subs)
        }

        /// 200 → 245 with ISBD punctuation; leading non-sorting text → indicator 2.
        fn title(&mut self, f: &Field) -> Option<Field> {
            let (ind1, _) = inds(f);
            let mut b = Isbd::default();
            let mut nonfiling = 0;
            let mut responsibility = false;
            for sub in f.subfields() {
                if sub.value.trim().is_empty() {
                    continue;
                }
                if sub.code == 'a' && b.is_empty() {
                    let (text, count, elsewhere) = take_non_sorting(sub.value.trim());
                    if elsewhere || count > 9 {
                        self.losses.push("200", Some('a'), sub.value.trim(), LossReason::NonSortingMarkers);
                    }
                    nonfiling = if count > 9 { 0 } else { count };
                    b.start('a', "", &text);
                    continue;
                }
                let text = self.text(f, sub);
                match sub.code {
                    code @ ('a' | 'c' | 'd' | 'e') => {
                        let sep = match code {
                            'a' => " ; ",
                            'c' => ". ",
                            'd' => " = ",
                            _ => " : ",
                        };
                        if responsibility || b.has('b') {
                            b.append(sep, &text, 'a');
                        } else {
                            b.start('b', sep, &text);
                        }
                    }
                    'h' if !responsibility => b.start('n', ". ", &text),
                    'i' if !responsibility => {
                        let sep = if b.last_code() == Some('n') { ", " } else { ". " };
                        b.start('p', sep, &text);
                    }
                    'h' => b.append(". ", &text, 'a'),
                    'i' => b.append(", ", &text, 'a'),
                    'b' if !responsibility => b.start('h', "", &format!("[{text}]")),
                    'f' | 'g' if !responsibility => {
                        responsibility = true;
                        b.start('c', " / ", &text);
                    }
                    'f' => b.append(" / ", &text, 'c'),
                    'g' => b.append(" ; ", &text, 'c'),
                    _ => self.lose(f, sub),
                }
            }
            let ind1 = if ind1 != '0' && self.main_entry { '1' } else { '0' };
            let ind2 = char::from_digit(nonfiling as u32, 10).unwrap_or('0');
            data("245", ind1, ind2, b.close(".?!"))
        }

        /// 205 → 250: $a (+ $b issue statement, $d parallel) and $f/$g responsibility → $b.
        fn edition(&mut self, f: &Field) -> Option<Field> {
            let mut b = Isbd::default();
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' if b.is_empty() => b.start('a', "", &text),
                    'a' | 'b' => b.append(", ", &text, 'a'),
                    'd' => b.append(" = ", &text, 'a'),
                    'f' if !b.has('b') => b.start('b', " / ", &text),
                    'f' => b.append(" / ", &text, 'b'),
                    'g' if !b.has('b') => b.start('b', " / ", &text),
                    'g' => b.append(" ; ", &text, 'b'),
                    _ => self.lose(f, sub),
                }
            }
            data("250", ' ', ' ', b.close(".?!"))
        }

        /// 210 and 214 → 264 (place " :" publisher "," date); 210 $e $g $h → 264 #3.
        fn publication(&mut self, f: &Field) -> Vec<Field> {
            let (ind1, ind2) = inds(f);
            let sequence = match ind1 {
                '0' => '2',
                '1' => '3',
                _ => ' ',
            };
            let function = if f.tag().as_str() == "214" {
                match ind2 {
                    '0' => '1',
                    '1' => '0',
                    c @ ('2' | '3' | '4') => c,
                    _ => '1',
                }
            } else if self.manuscript || ind2 == '1' {
                '0' // unpublished: production, as LC records manuscripts
            } else {
                '1'
            };
            let is_210 = f.tag().as_str() == "210";
            let mut main = Isbd::default();
            let mut made = Isbd::default();
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' => place(&mut main, &text),
                    'c' => main.start('b', " : ", &text),
                    'd' => main.start('c', ", ", &text),
                    'e' if is_210 => place(&mut made, &text),
                    'g' if is_210 => made.start('b', " : ", &text),
                    'h' if is_210 => made.start('c', ", ", &text),
                    _ => self.lose(f, sub),
                }
            }
            let mut out = Vec::new();
            // A copyright date stands alone, without a closing full stop ("©2007").
            let main = if function == '4' { main.open() } else { main.close(".?!)]-") };
            out.extend(data("264", sequence, function, main));
            out.extend(data("264", sequence, '3', made.close(".?!)]-")));
            out
        }

        /// 215 → 300: extent " :" other details " ;" dimensions " +" accompanying material.
        /// "cm" is a symbol: the field ends with a full stop only before a series (LC-PCC).
        fn physical(&mut self, f: &Field) -> Option<Field> {
            let mut b = Isbd::default();
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' if b.is_empty() => b.start('a', "", &text),
                    'a' => b.start('a', " ; ", &text),
                    'c' => b.start('b', " : ", &text),
                    'd' => b.start('c', " ; ", &text),
                    'e' => b.start('e', " + ", &text),
                    _ => self.lose(f, sub),
                }
            }
            let series = self.source.field("225").is_some();
            data("300", ' ', ' ', if series { b.close(".?!)]") } else { b.open() })
        }

        /// 225 → 490; a series traced in the same form (indicator 1 = 2) also gets an 830.
        fn series(&mut self, f: &Field) -> Vec<Field> {
            let traced = inds(f).0 == '2';
            let mut b = Isbd::default();
            let mut title = None;
            let mut volume = None;
            let mut last = ' ';
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' if b.is_empty() => {
                        title.get_or_insert_with(|| text.clone());
                        b.start('a', "", &text);
                    }
                    'a' => b.append(" ; ", &text, 'a'),
                    'd' => b.append(" = ", &text, 'a'),
                    'e' => b.append(" : ", &text, 'a'),
                    'f' => b.append(" / ", &text, 'a'),
                    'h' => b.append(". ", &text, 'a'),
                    'i' => b.append(if last == 'h' { ", " } else { ". " }, &text, 'a'),
                    'v' => {
                        volume.get_or_insert_with(|| text.clone());
                        b.start('v', " ; ", &text);
                    }
                    'x' => b.start('x', ", ", &text),
                    _ => self.lose(f, sub),
                }
                last = sub.code;
            }
            let mut out: Vec<Field> = data("490", if traced { '1' } else { '0' }, ' ', b.open()).into_iter().collect();
            if let (true, Some(title)) = (traced, title) {
                let mut entry = Isbd::default();
                entry.start('a', "", &title);
                if let Some(volume) = volume {
                    entry.start('v', " ; ", &volume);
                }
                out.extend(data("830", ' ', '0', entry.close(".?!)-")));
            }
            out
        }

        /// Notes are free text in both formats: $a (and the listed subfields) as they are.
        fn note(&mut self, f: &Field, tag: &str, keep: &[char]) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                if sub.code == 'a' || keep.contains(&sub.code) {
                    subs.push(Subfield::new(sub.code, self.text(f, sub)));
                } else {
                    self.lose(f, sub);
                }
            }
            data(tag, ' ', ' ', subs)
        }

        /// 327 → 505: the items joined by " -- ", completeness in indicator 1.
        fn contents(&mut self, f: &Field) -> Option<Field> {
            let ind1 = match inds(f).0 {
                '0' => '1',
                '1' => '0',
                '2' => '2',
                _ => '8',
            };
            let mut items = Vec::new();
            for sub in f.subfields() {
                if sub.code == 'a' {
                    items.push(self.text(f, sub));
                } else {
                    self.lose(f, sub);
                }
            }
            let mut b = Isbd::default();
            b.start('a', "", &items.join(" -- "));
            data("505", ind1, ' ', b.close(".?!)]"))
        }

        /// 510–517 → 246, the kind of title in indicator 2.
        fn variant_title(&mut self, f: &Field) -> Option<Field> {
            let t = f.tag();
            let t = t.as_str();
            let significant = inds(f).0 != '0';
            let kind = match t {
                "510" => '1',
                "512" => '4',
                "513" => '5',
                "514" => '6',
                "515" => '7',
                "516" => '8',
                _ => ' ',
            };
            // Parallel and other variant titles show in 245 already: no note, only an entry.
            let ind1 = match (matches!(t, "510" | "517"), significant) {
                (true, true) => '3',
                (true, false) => '2',
                (false, true) => '1',
                (false, false) => '0',
            };
            let mut b = Isbd::default();
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' if b.is_empty() => b.start('a', "", &text),
                    'a' => b.append(" ; ", &text, 'a'),
                    'e' if !b.has('b') => b.start('b', " : ", &text),
                    'e' => b.append(" : ", &text, 'b'),
                    'h' => b.start('n', ". ", &text),
                    'i' => {
                        let sep = if b.last_code() == Some('n') { ", " } else { ". " };
                        b.start('p', sep, &text);
                    }
                    _ => self.lose(f, sub),
                }
            }
            data("246", ind1, kind, b.open())
        }

        /// 606/607/608 → 650/651/655. UNIMARC $y is geographic and $z chronological: the
        /// reverse of MARC 21, so they swap.
        fn subject(&mut self, f: &Field, tag: &str) -> Option<Field> {
            let ind1 = match inds(f).0 {
                c @ ('0' | '1' | '2') => c,
                _ => ' ',
            };
            let mut b = Isbd::default();
            let mut source = None;
            let mut authority = Vec::new();
            for sub in f.subfields() {
                let text = self.text(f, sub);
                let code = match sub.code {
                    'a' => 'a',
                    'j' => 'v',
                    'x' => 'x',
                    'y' => 'z',
                    'z' => 'y',
                    '2' => {
                        source = Some(text);
                        continue;
                    }
                    '3' => {
                        authority.push(text);
                        continue;
                    }
                    _ => {
                        self.lose(f, sub);
                        continue;
                    }
                };
                b.start(code, "", &text);
            }
            let mut subs = b.close(".?!)-");
            let ind2 = match source.as_deref().map(str::to_lowercase).as_deref() {
                None => '4',
                Some("lcsh") => '0',
                Some("mesh") => '2',
                Some(_) => '7',
            };
            if ind2 == '7' {
                subs.extend(source.map(|s| Subfield::new('2', s)));
            }
            subs.extend(authority.into_iter().map(|a| Subfield::new('0', a)));
            data(tag, ind1, ind2, subs)
        }

        /// 610 → 653: uncontrolled terms, level of subject kept.
        fn keywords(&mut self, f: &Field) -> Option<Field> {
            let ind1 = match inds(f).0 {
                c @ ('0' | '1' | '2') => c,
                _ => ' ',
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                if sub.code == 'a' {
                    subs.push(Subfield::new('a', self.text(f, sub)));
                } else {
                    self.lose(f, sub);
                }
            }
            data("653", ind1, ' ', subs)
        }

        /// 675 → 080: the UDC edition ($v) is MARC's edition identifier ($2).
        fn udc(&mut self, f: &Field) -> Option<Field> {
            let mut subs = self.remap(f, &[('a', 'a'), ('v', '2'), ('3', '0')]);
            subs.sort_by_key(|s| s.code.is_ascii_digit());
            data("080", ' ', ' ', subs)
        }

        /// 680 → 050 (assigned by an agency other than LC).
        fn lcc(&mut self, f: &Field) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' | 'b' => subs.push(Subfield::new(sub.code, self.text(f, sub))),
                    _ => self.lose(f, sub),
                }
            }
            data("050", ' ', '4', subs)
        }

        /// 686 → 084 with the scheme code kept (rubbk, clc …).
        fn other_class(&mut self, f: &Field) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' | 'b' | '2' => subs.push(Subfield::new(sub.code, self.text(f, sub))),
                    _ => self.lose(f, sub),
                }
            }
            subs.sort_by_key(|s| s.code.is_ascii_digit());
            data("084", ' ', ' ', subs)
        }

        /// CNMARC 690 (Chinese Library Classification) → 084 $2 clc. MARC 21 has no place for
        /// the CLC edition ($v).
        fn clc(&mut self, f: &Field) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' => subs.push(Subfield::new('a', self.text(f, sub))),
                    _ => self.lose(f, sub),
                }
            }
            subs.push(Subfield::new('2', "clc"));
            data("084", ' ', ' ', subs)
        }

        /// 700 → 100, 701/702 → 700: "Surname, Forenames" (Chinese names without a comma),
        /// relator codes as $e term and $4 code.
        fn person(&mut self, f: &Field) -> Option<Field> {
            let tag = if f.tag().as_str() == "700" { "100" } else { "700" };
            let inverted = inds(f).1 == '1';
            let surname = f.first('a').map(|a| a.trim().chars().filter(|&c| !is_marker(c)).collect::<String>());
            let han = surname.as_deref().is_some_and(is_han);
            let mut heading = surname.clone().unwrap_or_default();
            let mut display: Vec<Subfield> = Vec::new();
            let mut codes = Vec::new();
            let mut authority = Vec::new();
            let mut seen_a = false;
            let mut seen_b = false;
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' if !seen_a => seen_a = true,
                    'b' if !seen_b => {
                        seen_b = true;
                        if han {
                            heading.push_str(&text);
                        } else if inverted {
                            heading.push_str(", ");
                            heading.push_str(&text);
                        } else {
                            heading.push(' ');
                            heading.push_str(&text);
                        }
                    }
                    'c' => display.push(Subfield::new('c', text)),
                    'd' => display.push(Subfield::new('b', text)),
                    'f' => display.push(Subfield::new('d', text)),
                    'g' => display.push(Subfield::new('q', parenthesized(&text))),
                    'p' => display.push(Subfield::new('u', text)),
                    '3' => authority.push(text),
                    '4' => match marc_relator(&text) {
                        Some(relator) => codes.push(relator),
                        None => self.losses.code(f.tag().as_str(), Some('4'), &text),
                    },
                    _ => self.lose(f, sub),
                }
            }
            surname.as_ref()?;
            display.insert(0, Subfield::new('a', heading));
            display.sort_by_key(|s| "abcqdu".find(s.code));
            display.extend(codes.iter().map(|(_, term)| Subfield::new('e', *term)));
            let mut subs = punctuate_heading(display);
            subs.extend(codes.iter().map(|(code, _)| Subfield::new('4', *code)));
            subs.extend(authority.into_iter().map(|a| Subfield::new('0', a)));
            // Chinese names begin with the surname, as LC's 880 headings show.
            let ind1 = if han || inverted { '1' } else { '0' };
            data(tag, ind1, ' ', subs)
        }

        /// 710 → 110/111, 711/712 → 710/711 (meetings have indicator 1 = 1 in UNIMARC).
        fn corporate(&mut self, f: &Field) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            let meeting = ind1 == '1';
            let primary = f.tag().as_str() == "710";
            let tag = match (primary, meeting) {
                (true, false) => "110",
                (true, true) => "111",
                (false, false) => "710",
                (false, true) => "711",
            };
            let form = match ind2 {
                c @ ('0' | '1' | '2') => c,
                _ => '2',
            };
            let mut names = Vec::new();
            let mut meeting_parts: Vec<Subfield> = Vec::new();
            let mut codes = Vec::new();
            let mut authority = Vec::new();
            for sub in f.subfields() {
                let text = self.text(f, sub);
                match sub.code {
                    'a' if names.is_empty() => names.push(Subfield::new('a', text)),
                    'b' => names.push(Subfield::new('b', text)),
                    'd' if meeting => meeting_parts.push(Subfield::new('n', text)),
                    'f' if meeting => meeting_parts.push(Subfield::new('d', text)),
                    'e' if meeting => meeting_parts.push(Subfield::new('c', text)),
                    '3' => authority.push(text),
                    '4' => match marc_relator(&text) {
                        Some(relator) => codes.push(relator),
                        None => self.losses.code(f.tag().as_str(), Some('4'), &text),
                    },
                    _ => self.lose(f, sub),
                }
            }
            if names.is_empty() {
                return None;
            }
            // Corporate subdivisions follow a full stop: "United States. Congress."
            for i in 1..names.len() {
                if let Some(prev) = names.get_mut(i - 1) {
                    full_stop(&mut prev.value, ".?!");
                }
            }
            // Meetings: "(3rd :$d1999 :$cParis)".
            meeting_parts.sort_by_key(|s| "ndc".find(s.code));
            let count = meeting_parts.len();
            for (i, part) in meeting_parts.iter_mut().enumerate() {
                if i == 0 {
                    part.value.insert(0, '(');
                }
                if i + 1 < count {
                    part.value.push_str(" :");
                } else {
                    part.value.push(')');
                }
            }
            let term_code = if meeting { 'j' } else { 'e' };
            let mut display = names;
            display.extend(meeting_parts);
            display.extend(codes.iter().map(|(_, term)| Subfield::new(term_code, *term)));
            let mut subs = punctuate_heading(display);
            subs.extend(codes.iter().map(|(code, _)| Subfield::new('4', *code)));
            subs.extend(authority.into_iter().map(|a| Subfield::new('0', a)));
            data(tag, form, ' ', subs)
        }

        /// 856 is the same field in both formats.
        fn electronic(&mut self, f: &Field) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            let subs = f.subfields().iter().map(|s| Subfield::new(s.code, self.text(f, s))).collect();
            data("856", ind1, ind2, subs)
        }

        // --- Fixed fields ---------------------------------------------------------------------

        fn general(&self) -> Option<Positions> {
            self.source.subfield("100", 'a').map(Positions::new)
        }

        /// Leader: type and level of record, Unicode (leader/09 `a`: the record is held in
        /// Unicode whatever 100 $a/26–29 said about the bytes it came in), ISBD punctuation.
        fn leader(&mut self) -> Leader {
            let source = &self.source.leader;
            let status = source.at(5).filter(|c| matches!(c, 'c' | 'd' | 'n' | 'p')).unwrap_or('n');
            let kind = match source.at(6) {
                Some(c) => match record_type(c) {
                    Some(kind) => kind,
                    None => {
                        self.losses.code("LDR/06", None, &c.to_string());
                        'a'
                    }
                },
                None => 'a',
            };
            let level = match source.at(7) {
                Some(c @ ('a' | 'c' | 'i' | 'm' | 's')) => c,
                Some(c) => {
                    self.losses.code("LDR/07", None, &c.to_string());
                    'm'
                }
                None => 'm',
            };
            let encoding = match source.at(17) {
                Some('1') => '1',
                Some('2') => '8',
                Some('3') => '3',
                _ => ' ',
            };
            let parts = self.source.field("200").is_some_and(|t| t.first('h').is_some() || t.first('i').is_some());
            let multipart = match source.at(8) {
                Some('1') => 'a',
                Some('2') if parts => 'c',
                Some('2') => 'b',
                _ => ' ',
            };
            let text = format!("00000{status}{kind}{level} a2200000{encoding}i{multipart}4500");
            Leader::parse(&text).unwrap_or_else(|| Leader::new_book(false))
        }

        /// 008 for books (text), from 100 $a, 101, 102, 105 and 106.
        fn fixed_data(&mut self) -> String {
            let mut out: Vec<char> = vec![' '; 40];
            let set = |out: &mut Vec<char>, at: usize, text: &str| {
                for (i, c) in text.chars().enumerate() {
                    if let Some(slot) = out.get_mut(at + i) {
                        *slot = c;
                    }
                }
            };
            let general = self.general();
            if let Some(g) = &general {
                let entered = g.range(2, 8);
                if entered.chars().all(|c| c.is_ascii_digit()) {
                    set(&mut out, 0, &entered);
                }
                let (kind, date1, date2) = self.dates(g);
                out[6] = kind;
                set(&mut out, 7, &date1);
                set(&mut out, 11, &date2);
            } else {
                out[6] = '|';
            }
            let country = self
                .source
                .subfield("102", 'a')
                .and_then(marc_country)
                .map(|c| format!("{c:<3}"))
                .unwrap_or_else(|| "xx ".to_string());
            set(&mut out, 15, &country);
            let textual = matches!(self.source.leader.at(6), Some('a' | 'b') | None);
            if textual {
                let coded = self.source.subfield("105", 'a').map(Positions::new);
                match &coded {
                    Some(c) => {
                        set(&mut out, 18, &self.illustrations(c));
                        set(&mut out, 24, &self.contents_codes(c));
                        for (from, to) in [(8, 29), (9, 30), (10, 31)] {
                            out[to] = match c.at(from) {
                                d @ ('0' | '1') => d,
                                _ => '|',
                            };
                        }
                        out[33] = self.literature(c.at(11));
                        out[34] = match c.at(12) {
                            b @ ('a' | 'b' | 'c' | 'd') => b,
                            'y' | ' ' => ' ',
                            other => {
                                self.losses.code("105/12", Some('a'), &other.to_string());
                                ' '
                            }
                        };
                    }
                    None => set(&mut out, 29, "||| ||"),
                }
                if let Some(g) = &general {
                    out[22] = self.audience(g);
                    out[28] = self.government(g.at(20));
                }
                out[23] = self.form_of_item();
            } else {
                set(&mut out, 18, "||||||||||||||||| ");
            }
            let language = self
                .source
                .subfield("101", 'a')
                .map(str::trim)
                .filter(|l| l.chars().count() == 3)
                .unwrap_or("und")
                .to_string();
            set(&mut out, 35, &language);
            out[38] = match general.as_ref().map(|g| g.at(21)) {
                Some('1') => 'x',
                _ => ' ',
            };
            out[39] = 'd';
            out.into_iter().collect()
        }

        /// 100 $a/8–16 → 008/06–14.
        fn dates(&mut self, g: &Positions) -> (char, String, String) {
            let date = |d: String| {
                if d.trim().is_empty() {
                    "    ".to_string()
                } else {
                    d.replace(' ', "u")
                }
            };
            let date1 = date(g.range(9, 13));
            let mut date2 = date(g.range(13, 17));
            let kind = match g.at(8) {
                'a' => 'c',
                'b' => 'd',
                'c' => 'u',
                'd' => 's',
                'e' => 'r',
                'f' => 'q',
                'g' => 'm',
                'h' => 't',
                'i' => 'p',
                'j' => 'e',
                'u' => 'n',
                ' ' | '|' => '|',
                other => {
                    // 'k' (publication and printing dates) and unknown codes: MARC has no such type.
                    self.losses.code("100/08-16", Some('a'), &g.range(8, 17));
                    if other == 'k' {
                        date2 = "    ".to_string();
                        's'
                    } else {
                        '|'
                    }
                }
            };
            (kind, date1, date2)
        }

        fn illustrations(&mut self, c: &Positions) -> String {
            let mut codes = String::new();
            for code in c.range(0, 4).chars() {
                match code {
                    'a'..='m' => codes.push(code),
                    'o' => codes.push('p'),
                    'y' | ' ' | '|' => {}
                    other => self.losses.code("105/00-03", Some('a'), &other.to_string()),
                }
            }
            if c.range(0, 4) == "||||" {
                return "||||".to_string();
            }
            format!("{codes:<4}")
        }

        fn contents_codes(&mut self, c: &Positions) -> String {
            let mut codes = String::new();
            for code in c.range(4, 8).chars() {
                let marc = match code {
                    'a' => 'b',
                    'b' => 'c',
                    'c' => 'i',
                    'd' => 'a',
                    'e' => 'd',
                    'f' => 'e',
                    'g' => 'r',
                    'i' => 's',
                    'j' => 'p',
                    'k' => 'j',
                    'l' => 'u',
                    'm' => 'm',
                    'n' => 'l',
                    'p' => 't',
                    'r' => 'n',
                    's' => 'z',
                    't' => '6',
                    ' ' | '|' => continue,
                    other => {
                        self.losses.code("105/04-07", Some('a'), &other.to_string());
                        continue;
                    }
                };
                codes.push(marc);
            }
            format!("{codes:<4}")
        }

        fn literature(&mut self, code: char) -> char {
            match code {
                'a' => '1',
                'b' => 'd',
                'c' => 'e',
                'd' => 'h',
                'e' => 'i',
                'f' => 'j',
                'g' => 'p',
                'h' => 's',
                'y' => '0',
                'z' => 'm',
                ' ' | '|' => '|',
                other => {
                    self.losses.code("105/11", Some('a'), &other.to_string());
                    '|'
                }
            }
        }

        /// 100 $a/17–19 → 008/22. MARC has one position: further codes are reported.
        fn audience(&mut self, g: &Positions) -> char {
            let codes: Vec<char> = g.range(17, 20).chars().filter(|c| *c != ' ').collect();
            let mut marc = ' ';
            for (i, code) in codes.iter().enumerate() {
                let mapped = match code {
                    'a' => Some('j'),
                    'b' => Some('a'),
                    'c' => Some('b'),
                    'd' => Some('c'),
                    'e' => Some('d'),
                    'k' => Some('e'),
                    'm' => Some('g'),
                    'u' => Some(' '),
                    _ => None,
                };
                match (i, mapped) {
                    (0, Some(m)) => marc = m,
                    _ => self.losses.code("100/17-19", Some('a'), &code.to_string()),
                }
            }
            marc
        }

        fn government(&mut self, code: char) -> char {
            match code {
                'a' => 'f',
                'b' => 's',
                'c' | 'd' => 'l',
                'e' => 'c',
                'f' => 'i',
                'h' => 'o',
                'u' => 'u',
                'z' | 'g' => 'z',
                'y' | ' ' => ' ',
                '|' => '|',
                other => {
                    self.losses.code("100/20", Some('a'), &other.to_string());
                    ' '
                }
            }
        }

        /// 106 $a → 008/23 (regular print is blank in MARC 21).
        fn form_of_item(&mut self) -> char {
            match self.source.subfield("106", 'a').and_then(|a| a.chars().next()) {
                None | Some('r' | 'h' | ' ') => ' ',
                Some(c @ ('d' | 'f' | 's')) => c,
                Some('t') => 'a',
                Some(other) => {
                    self.losses.code("106", Some('a'), &other.to_string());
                    ' '
                }
            }
        }

        /// 101 → 041, written only when 008/35–37 cannot say it all (several languages or a
        /// translation), as MARC 21 practice has it.
        fn languages(&mut self) -> Option<Field> {
            let field = self.source.field("101")?;
            let (ind1, _) = inds(field);
            let needed = ind1 == '1' || ind1 == '2' || field.subfields().len() > 1;
            let mut subs = Vec::new();
            for sub in field.subfields() {
                let code = match sub.code {
                    'a' => 'a',
                    'b' => 'k',
                    'c' => 'h',
                    'd' => 'b',
                    'e' => 'f',
                    'h' => 'e',
                    'i' => 'g',
                    'j' => 'j',
                    '6' | '7' => continue,
                    _ => {
                        self.losses.subfield("101", sub);
                        continue;
                    }
                };
                subs.push(Subfield::new(code, sub.value.trim()));
            }
            if !needed {
                return None;
            }
            data("041", if ind1 == '0' { '0' } else { '1' }, ' ', subs)
        }

        /// 102 → 044 when 008/15–17 cannot say it all: several countries, a locality, or a
        /// country without a MARC code (kept there as its ISO code in $c).
        fn countries(&mut self) -> Option<Field> {
            let field = self.source.field("102")?;
            let mut marc = Vec::new();
            let mut iso = Vec::new();
            let mut other = Vec::new();
            let mut unmapped = false;
            for sub in field.subfields() {
                match sub.code {
                    'a' => {
                        let code = sub.value.trim();
                        match marc_country(code) {
                            Some(m) => marc.push(Subfield::new('a', m)),
                            None => {
                                unmapped = true;
                                self.losses.code("102", Some('a'), code);
                            }
                        }
                        iso.push(Subfield::new('c', code));
                    }
                    'b' | 'c' => other.push(Subfield::new('b', sub.value.trim())),
                    '2' => other.push(Subfield::new('2', sub.value.trim())),
                    '6' | '7' => {}
                    _ => self.losses.subfield("102", sub),
                }
            }
            if iso.len() < 2 && other.is_empty() && !unmapped {
                return None;
            }
            let (localities, sources): (Vec<Subfield>, Vec<Subfield>) = other.into_iter().partition(|s| s.code == 'b');
            let subs = marc.into_iter().chain(localities).chain(iso).chain(sources).collect();
            data("044", ' ', ' ', subs)
        }

        /// 801 → 040. The agency becomes an ISIL-style code, country prefix included
        /// ("RU-РНБ"), so the country survives the way back.
        fn cataloguing_source(&mut self) -> Option<Field> {
            let mut original = None;
            let mut transcribing = None;
            let mut modifying = Vec::new();
            let mut rules = Vec::new();
            let entered = self.general().map(|g| g.range(0, 8));
            let version = self.source.control("005").map(|v| v.chars().take(8).collect::<String>());
            for field in self.source.fields_with("801") {
                let agency = isil(field.first('a'), field.first('b'));
                match inds(field).1 {
                    '1' => transcribing = transcribing.or(agency),
                    '2' => modifying.extend(agency),
                    '3' => {
                        self.losses.field("801", field, LossReason::NoEquivalentField);
                        continue;
                    }
                    _ => original = original.or(agency),
                }
                for sub in field.subfields() {
                    match sub.code {
                        'a' | 'b' | '6' | '7' => {}
                        'g' => rules.push(sub.value.trim().to_string()),
                        // The date of the transaction: 008/00–05 and 005 already hold it.
                        'c' if Some(sub.value.trim()) == entered.as_deref()
                            || Some(sub.value.trim()) == version.as_deref() => {}
                        // The format code names the source format, which is what changes.
                        '2' => {}
                        _ => self.losses.subfield("801", sub),
                    }
                }
            }
            let original = original.or_else(|| transcribing.clone())?;
            let mut subs = vec![Subfield::new('a', original.clone())];
            if let Some(language) = self.general().map(|g| g.range(22, 25)).filter(|l| !l.trim().is_empty()) {
                subs.push(Subfield::new('b', language));
            }
            subs.extend(rules.into_iter().map(|r| Subfield::new('e', r)));
            subs.push(Subfield::new('c', transcribing.unwrap_or(original)));
            subs.extend(modifying.into_iter().map(|m| Subfield::new('d', m)));
            data("040", ' ', ' ', subs)
        }
    }

    fn place(b: &mut Isbd, text: &str) {
        if b.is_empty() {
            b.start('a', "", text);
        } else {
            b.start('a', " ; ", text);
        }
    }

    fn parenthesized(text: &str) -> String {
        if text.starts_with('(') && text.ends_with(')') {
            text.to_string()
        } else {
            format!("({text})")
        }
    }

    fn isil(country: Option<&str>, agency: Option<&str>) -> Option<String> {
        let agency = agency.map(str::trim).filter(|a| !a.is_empty())?;
        Some(match country.map(str::trim).filter(|c| !c.is_empty()) {
            Some(country) => format!("{country}-{agency}"),
            None => agency.to_string(),
        })
    }

    /// Name headings: "Толстой, Л. Н.$q(Лев Николаевич),$d1828-1910,$eauthor."
    fn punctuate_heading(mut subs: Vec<Subfield>) -> Vec<Subfield> {
        for i in 1..subs.len() {
            let Some((next, opens)) = subs.get(i).map(|s| (s.code, s.value.starts_with('('))) else { continue };
            let Some(prev) = subs.get_mut(i - 1) else { continue };
            let in_meeting = prev.value.ends_with(" :") || (prev.value.starts_with('(') && !prev.value.ends_with(')'));
            // Fuller forms and meeting details follow in parentheses; numeration ($b of a
            // person) follows directly; corporate subdivisions already end in a full stop.
            if next == 'q' || next == 'b' || opens || in_meeting {
                continue;
            }
            end_with(&mut prev.value, ", ");
        }
        if let Some(last) = subs.last_mut() {
            full_stop(&mut last.value, ".?!)-");
        }
        subs
    }

    fn record_type(unimarc: char) -> Option<char> {
        Some(match unimarc {
            'a' => 'a',
            'b' => 't',
            'l' => 'm',
            'm' => 'o',
            c @ ('c' | 'd' | 'e' | 'f' | 'g' | 'i' | 'j' | 'k' | 'r') => c,
            _ => return None,
        })
    }
}

// ---------------------------------------------------------------------------------------
// MARC 21 → UNIMARC family
// ---------------------------------------------------------------------------------------

mod to_unimarc {
    use super::*;

    /// A field 880 and the regular field it belongs to.
    struct Alternate {
        index: usize,
        tag: String,
        occurrence: String,
        script: Option<Script>,
    }

    pub(super) fn convert(source: &Record, to: Flavour, losses: &mut Losses) -> Record {
        let alternates: Vec<Alternate> = source
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.tag().as_str() == "880")
            .filter_map(|(index, f)| {
                let link = f.first('6')?;
                let (tag, rest) = link.split_at_checked(3)?;
                let rest = rest.strip_prefix('-')?;
                let occurrence: String = rest.chars().take(2).collect();
                let script = rest.split('/').nth(1).and_then(marc_script);
                Some(Alternate { index, tag: tag.to_string(), occurrence, script })
            })
            .collect();
        let partner = |i: usize, field: &Field| -> Option<usize> {
            let link = field.first('6')?;
            let occurrence: String = link.strip_prefix("880-")?.chars().take(2).collect();
            if occurrence == "00" {
                return None;
            }
            alternates
                .iter()
                .find(|a| a.tag == field.tag().as_str() && a.occurrence == occurrence && a.index != i)
                .map(|a| a.index)
        };
        // A series traced in the same form as its statement (490 1# + the same 830) is
        // UNIMARC 225 with indicator 1 = 2; the 830 (and its 880) go with it.
        let mut consumed = HashSet::new();
        let mut traced = HashSet::new();
        for (i, field) in source.fields.iter().enumerate() {
            if field.tag().as_str() != "490" || inds(field).0 != '1' {
                continue;
            }
            let statement = field.first('a').map(normalized).unwrap_or_default();
            let entry = source.fields.iter().enumerate().find(|(j, f)| {
                f.tag().as_str() == "830"
                    && !consumed.contains(j)
                    && f.first('a').map(normalized).as_deref() == Some(statement.as_str())
            });
            if let Some((j, entry)) = entry {
                consumed.insert(j);
                consumed.extend(partner(j, entry));
                traced.insert(i);
            }
        }
        let has_main_entry = source.fields.iter().any(|f| matches!(f.tag().as_str(), "100" | "110" | "111" | "130"));
        let mut cx = Cx { source, to, losses, traced_now: false, in_880: false, has_main_entry };
        let mut fields = Vec::new();
        let mut used = HashSet::new();
        let mut link = 0;
        for (i, field) in source.fields.iter().enumerate() {
            if consumed.contains(&i) || field.tag().as_str() == "880" {
                continue;
            }
            cx.traced_now = traced.contains(&i);
            let regular = cx.field(&without_links(field, &['6']));
            let Some(j) = partner(i, field) else {
                fields.extend(regular);
                continue;
            };
            used.insert(j);
            let Some(alternate) = alternates.iter().find(|a| a.index == j) else { continue };
            let Some(original) = source.fields.get(j) else { continue };
            let Some(linked) = Tag::parse(&alternate.tag) else { continue };
            cx.in_880 = true;
            let converted = cx.field(&with_tag(&without_links(original, &['6']), linked));
            cx.in_880 = false;
            let mut converted: Vec<Option<Field>> = converted.into_iter().map(Some).collect();
            for mut field in regular {
                let partner = converted
                    .iter_mut()
                    .find(|c| c.as_ref().is_some_and(|c| c.tag() == field.tag()))
                    .and_then(Option::take);
                let Some(mut partner) = partner else {
                    fields.push(field);
                    continue;
                };
                link += 1;
                let number = format!("a{link:02}");
                // "$1" covers Chinese, Japanese and Korean alike: the text tells which.
                let script = match alternate.script {
                    Some(Script::Han) | None => field_script(&partner).or(alternate.script),
                    declared => declared,
                };
                let regular_script = field_script(&field);
                prepend(&mut partner, links(&number, script));
                prepend(&mut field, links(&number, regular_script));
                fields.push(partner);
                fields.push(field);
            }
            fields.extend(converted.into_iter().flatten());
        }
        for alternate in &alternates {
            if used.contains(&alternate.index) || consumed.contains(&alternate.index) {
                continue;
            }
            let Some(original) = source.fields.get(alternate.index) else { continue };
            let Some(linked) = Tag::parse(&alternate.tag) else {
                cx.losses.field("880", original, LossReason::NoEquivalentField);
                continue;
            };
            cx.in_880 = true;
            let converted = cx.field(&with_tag(&without_links(original, &['6']), linked));
            cx.in_880 = false;
            for mut field in converted {
                let script = field_script(&field).or(alternate.script);
                if let Some(script) = script {
                    prepend(&mut field, vec![Subfield::new('7', unimarc_script_code(script))]);
                }
                fields.push(field);
            }
        }
        let leader = cx.leader();
        sort_by_tag(&mut fields);
        let title_script = fields.iter().find(|f| f.tag().as_str() == "200").and_then(field_script);
        fields.extend(cx.general(title_script));
        fields.extend(cx.languages());
        fields.extend(cx.countries());
        fields.extend(cx.coded_text());
        fields.extend(cx.cataloguing_source());
        sort_by_tag(&mut fields);
        Record { leader, fields }
    }

    fn links(number: &str, script: Option<Script>) -> Vec<Subfield> {
        let mut subs = vec![Subfield::new('6', number)];
        subs.extend(script.map(|s| Subfield::new('7', unimarc_script_code(s))));
        subs
    }

    struct Cx<'a> {
        source: &'a Record,
        to: Flavour,
        losses: &'a mut Losses,
        /// The 490 being converted has its 830 in the same form.
        traced_now: bool,
        /// Losses name the 880 the data was in, not the tag it stands for.
        in_880: bool,
        has_main_entry: bool,
    }

    impl Cx<'_> {
        fn label(&self, field: &Field) -> String {
            if self.in_880 {
                "880".to_string()
            } else {
                field.tag().as_str().to_string()
            }
        }

        fn lose(&mut self, field: &Field, sub: &Subfield) {
            let label = self.label(field);
            self.losses.subfield(&label, sub);
        }

        fn field(&mut self, field: &Field) -> Vec<Field> {
            let tag = field.tag();
            let t = tag.as_str();
            let label = self.label(field);
            if let Field::Control { .. } = field {
                if matches!(t, "001" | "005") {
                    return vec![field.clone()];
                }
                if t != "008" {
                    self.losses.field(&label, field, LossReason::NoEquivalentField);
                }
                return Vec::new();
            }
            match t {
                // Written into the leader, 100, 101, 102, 105, 106 and 801. 066 names MARC-8
                // character sets, which mean nothing once the record is Unicode.
                "040" | "041" | "044" | "066" => Vec::new(),
                "020" => self.isbn(field).into_iter().collect(),
                "022" => self.issn(field).into_iter().collect(),
                "050" => self.lcc(field),
                "080" => self.udc(field).into_iter().collect(),
                "084" => self.classification(field),
                "100" | "700" => self.person(field).into_iter().collect(),
                "110" | "111" | "710" | "711" => self.corporate(field).into_iter().collect(),
                "245" => self.title(field).into_iter().collect(),
                "246" => self.variant_title(field).into_iter().collect(),
                "250" => self.edition(field).into_iter().collect(),
                "260" | "264" => self.publication(field).into_iter().collect(),
                "300" => self.physical(field).into_iter().collect(),
                "490" => self.series(field).into_iter().collect(),
                "500" => self.note(field, "300", &[]).into_iter().collect(),
                "504" => self.note(field, "320", &[]).into_iter().collect(),
                "520" => self.note(field, "330", &[]).into_iter().collect(),
                "561" => self.note(field, "317", &['5', 'u']).into_iter().collect(),
                "590" => self.note(field, "316", &['5']).into_iter().collect(),
                "505" => self.contents(field).into_iter().collect(),
                "650" => self.subject(field, "606").into_iter().collect(),
                "651" => self.subject(field, "607").into_iter().collect(),
                "655" => self.subject(field, "608").into_iter().collect(),
                "653" => self.keywords(field).into_iter().collect(),
                "856" => self.electronic(field).into_iter().collect(),
                _ if is_local_marc21(t) => {
                    self.losses.field(&label, field, LossReason::LocalField);
                    Vec::new()
                }
                _ => {
                    self.losses.field(&label, field, LossReason::NoEquivalentField);
                    Vec::new()
                }
            }
        }

        /// Subfields renamed one to one; the rest reported.
        fn renamed(&mut self, f: &Field, tag: &str, ind: (char, char), map: &[(char, char)]) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match map.iter().find(|(from, _)| *from == sub.code) {
                    Some((_, to)) => subs.push(Subfield::new(*to, sub.value.trim())),
                    None => self.lose(f, sub),
                }
            }
            data(tag, ind.0, ind.1, subs)
        }

        /// 020 → 010: $q qualifiers → $b (not repeatable there, so joined), $c → $d.
        fn isbn(&mut self, f: &Field) -> Option<Field> {
            let mut subs = Vec::new();
            let mut qualifiers = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' | 'z' => subs.push(Subfield::new(sub.code, sub.value.trim())),
                    // Qualifiers carry no ISBD punctuation: "общ." is an abbreviation.
                    'q' => qualifiers.push(sub.value.trim().trim_matches(['(', ')']).to_string()),
                    'c' => subs.push(Subfield::new('d', sub.value.trim())),
                    _ => self.lose(f, sub),
                }
            }
            if !qualifiers.is_empty() {
                let at = subs.iter().position(|s| s.code != 'a').unwrap_or(subs.len());
                subs.insert(at, Subfield::new('b', qualifiers.join(", ")));
            }
            data("010", ' ', ' ', subs)
        }

        fn issn(&mut self, f: &Field) -> Option<Field> {
            self.renamed(f, "011", (' ', ' '), &[('a', 'a'), ('l', 'f'), ('z', 'y'), ('y', 'z')])
        }

        /// 050 → 680 (one class number per field).
        fn lcc(&mut self, f: &Field) -> Vec<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' if subs.is_empty() => subs.push(Subfield::new('a', sub.value.trim())),
                    'b' if subs.len() == 1 => subs.push(Subfield::new('b', sub.value.trim())),
                    _ => self.lose(f, sub),
                }
            }
            data("680", ' ', ' ', subs).into_iter().collect()
        }

        /// 080 → 675: common auxiliaries ($x) belong to the UDC number; $2 edition → $v.
        fn udc(&mut self, f: &Field) -> Option<Field> {
            let mut number = String::new();
            let mut rest = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' | 'x' => number.push_str(sub.value.trim()),
                    '2' => rest.push(Subfield::new('v', sub.value.trim())),
                    '0' => rest.push(Subfield::new('3', sub.value.trim())),
                    _ => self.lose(f, sub),
                }
            }
            if number.is_empty() {
                return None;
            }
            let mut subs = vec![Subfield::new('a', number)];
            subs.extend(rest);
            data("675", ' ', ' ', subs)
        }

        /// 084 → 686 with its scheme code, or CNMARC 690 for the Chinese Library
        /// Classification. One field per class number: 686 $a does not repeat.
        fn classification(&mut self, f: &Field) -> Vec<Field> {
            let scheme = f.first('2').map(|s| s.trim().to_string());
            let clc = scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("clc"));
            let item = f.first('b').map(str::trim);
            let mut out = Vec::new();
            for sub in f.subfields() {
                match sub.code {
                    'a' if clc && self.to == Flavour::Cnmarc => {
                        out.extend(data("690", ' ', ' ', vec![Subfield::new('a', sub.value.trim())]));
                        if let Some(item) = item.filter(|_| out.len() == 1) {
                            let label = self.label(f);
                            self.losses.push(&label, Some('b'), item, LossReason::NoEquivalentSubfield);
                        }
                    }
                    'a' => {
                        let mut subs = vec![Subfield::new('a', sub.value.trim())];
                        if out.is_empty() {
                            subs.extend(item.map(|b| Subfield::new('b', b)));
                        }
                        subs.extend(scheme.as_deref().map(|s| Subfield::new('2', s)));
                        out.extend(data("686", ' ', ' ', subs));
                    }
                    'b' | '2' => {}
                    _ => self.lose(f, sub),
                }
            }
            out
        }

        /// 100 → 700; 700 → 701 for co-authors, 702 for everyone else.
        fn person(&mut self, f: &Field) -> Option<Field> {
            let (ind1, _) = inds(f);
            let mut subs = Vec::new();
            let mut codes: Vec<&'static str> = Vec::new();
            let mut ind2 = if ind1 == '0' { '0' } else { '1' };
            for sub in f.subfields() {
                let (text, _) = unpunct(&sub.value);
                match sub.code {
                    'a' if subs.is_empty() => {
                        if is_han(&text) {
                            // Chinese names are written whole, surname first, in direct order.
                            ind2 = '0';
                            subs.push(Subfield::new('a', text));
                        } else {
                            match text.split_once(", ").filter(|_| ind1 != '0') {
                                Some((surname, forenames)) => {
                                    subs.push(Subfield::new('a', surname.trim()));
                                    subs.push(Subfield::new('b', forenames.trim()));
                                }
                                None => subs.push(Subfield::new('a', text)),
                            }
                        }
                    }
                    'b' => subs.push(Subfield::new('d', text)),
                    'c' => subs.push(Subfield::new('c', text)),
                    'd' => subs.push(Subfield::new('f', text)),
                    'q' => subs.push(Subfield::new('g', text.trim_start_matches('(').trim_end_matches(')').trim())),
                    'u' => subs.push(Subfield::new('p', text)),
                    '0' => subs.push(Subfield::new('3', text)),
                    'e' | '4' => match unimarc_relator(&text) {
                        Some(code) if !codes.contains(&code) => codes.push(code),
                        Some(_) => {}
                        None => {
                            let label = self.label(f);
                            self.losses.code(&label, Some(sub.code), &text);
                        }
                    },
                    _ => self.lose(f, sub),
                }
            }
            let tag = match f.tag().as_str() {
                "100" => "700",
                _ if codes.contains(&"070") => "701",
                _ => "702",
            };
            subs.extend(codes.into_iter().map(|c| Subfield::new('4', c)));
            data(tag, ' ', ind2, subs)
        }

        /// 110/111 → 710; 710/711 → 711 for co-authors, 712 otherwise (meetings: ind1 = 1).
        fn corporate(&mut self, f: &Field) -> Option<Field> {
            let t = f.tag();
            let meeting = matches!(t.as_str(), "111" | "711");
            let (ind1, _) = inds(f);
            let mut subs = Vec::new();
            let mut codes: Vec<&'static str> = Vec::new();
            for sub in f.subfields() {
                let (text, _) = unpunct(&sub.value);
                let text = text.trim_start_matches('(').trim_end_matches(')').trim().to_string();
                let (text, _) = unpunct(&text);
                let code = match (sub.code, meeting) {
                    ('a', _) => 'a',
                    ('b', false) | ('e', true) => 'b',
                    ('n', _) => 'd',
                    ('d', _) => 'f',
                    ('c', _) => 'e',
                    ('u', _) => 'p',
                    ('0', _) => '3',
                    ('e', false) | ('j', true) | ('4', _) => {
                        match unimarc_relator(&text) {
                            Some(code) if !codes.contains(&code) => codes.push(code),
                            Some(_) => {}
                            None => {
                                let label = self.label(f);
                                self.losses.code(&label, Some(sub.code), &text);
                            }
                        }
                        continue;
                    }
                    _ => {
                        self.lose(f, sub);
                        continue;
                    }
                };
                subs.push(Subfield::new(code, text));
            }
            let tag = match t.as_str() {
                "110" | "111" => "710",
                _ if codes.contains(&"070") => "711",
                _ => "712",
            };
            subs.extend(codes.into_iter().map(|c| Subfield::new('4', c)));
            let form = match ind1 {
                c @ ('0' | '1' | '2') => c,
                _ => '2',
            };
            data(tag, if meeting { '1' } else { '0' }, form, subs)
        }

        /// 245 → 200: the ISBD marks tell the elements apart (" =" parallel title, " :" other
        /// title information, " ;" another title, " /" responsibility).
        fn title(&mut self, f: &Field) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            let mut subs: Vec<Subfield> = Vec::new();
            let mut pending = None;
            for sub in f.subfields() {
                match sub.code {
                    'a' => {
                        let (text, mark) = unpunct(&sub.value);
                        subs.push(Subfield::new('a', text));
                        pending = mark;
                    }
                    'b' => {
                        let (text, mark) = unpunct(&sub.value);
                        for (k, (before, piece)) in split_isbd(&text, &[':', '=', ';']).into_iter().enumerate() {
                            let before = if k == 0 { pending } else { before };
                            let code = match before {
                                Some('=') => 'd',
                                Some(';') => 'a',
                                _ => 'e',
                            };
                            subs.push(Subfield::new(code, piece));
                        }
                        pending = mark;
                    }
                    'h' => {
                        let (text, mark) = unpunct(&sub.value);
                        subs.push(Subfield::new('b', text.trim_start_matches('[').trim_end_matches(']')));
                        pending = mark;
                    }
                    'n' | 'p' => {
                        let (text, mark) = unpunct(&sub.value);
                        subs.push(Subfield::new(if sub.code == 'n' { 'h' } else { 'i' }, text));
                        pending = mark;
                    }
                    'c' => {
                        let (text, _) = unpunct(&sub.value);
                        for (k, (_, piece)) in split_isbd(&text, &[';']).into_iter().enumerate() {
                            subs.push(Subfield::new(if k == 0 { 'f' } else { 'g' }, piece));
                        }
                    }
                    _ => self.lose(f, sub),
                }
            }
            if let Some(count) = ind2.to_digit(10).filter(|n| *n > 0) {
                if let Some(first) = subs.iter_mut().find(|s| s.code == 'a') {
                    first.value = mark_non_sorting(&first.value, count as usize);
                }
            }
            // A title main entry (no 1XX) is significant whatever indicator 1 says.
            let significant = ind1 == '1' || !self.has_main_entry;
            data("200", if significant { '1' } else { '0' }, ' ', subs)
        }

        /// 246 → 510 (parallel title) or 512–517 by the kind of title in indicator 2.
        fn variant_title(&mut self, f: &Field) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            let tag = match ind2 {
                '1' => "510",
                '4' => "512",
                '5' => "513",
                '6' => "514",
                '7' => "515",
                '8' => "516",
                _ => "517",
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                let (text, _) = unpunct(&sub.value);
                let code = match sub.code {
                    'a' => 'a',
                    'b' => 'e',
                    'n' => 'h',
                    'p' => 'i',
                    _ => {
                        self.lose(f, sub);
                        continue;
                    }
                };
                subs.push(Subfield::new(code, text));
            }
            data(tag, if matches!(ind1, '1' | '3') { '1' } else { '0' }, ' ', subs)
        }

        /// 250 → 205: " =" parallel edition statement, " /" responsibility ($b).
        fn edition(&mut self, f: &Field) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                let (text, _) = unpunct(&sub.value);
                match sub.code {
                    'a' => {
                        for (k, (_, piece)) in split_isbd(&text, &['=']).into_iter().enumerate() {
                            subs.push(Subfield::new(if k == 0 { 'a' } else { 'd' }, piece));
                        }
                    }
                    'b' => {
                        for (k, (_, piece)) in split_isbd(&text, &[';']).into_iter().enumerate() {
                            subs.push(Subfield::new(if k == 0 { 'f' } else { 'g' }, piece));
                        }
                    }
                    _ => self.lose(f, sub),
                }
            }
            data("205", ' ', ' ', subs)
        }

        /// 264 → 214 (function in indicator 2); 260 → 210.
        fn publication(&mut self, f: &Field) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            let sequence = match ind1 {
                '2' => '0',
                '3' => '1',
                _ => ' ',
            };
            let is_264 = f.tag().as_str() == "264";
            let map: &[(char, char)] = if is_264 {
                &[('a', 'a'), ('b', 'c'), ('c', 'd')]
            } else {
                &[('a', 'a'), ('b', 'c'), ('c', 'd'), ('e', 'e'), ('f', 'g'), ('g', 'h')]
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                match map.iter().find(|(from, _)| *from == sub.code) {
                    Some((_, to)) => subs.push(Subfield::new(*to, unpunct(&sub.value).0)),
                    None => self.lose(f, sub),
                }
            }
            if is_264 {
                let function = match ind2 {
                    '0' => '1',
                    '1' => '0',
                    c @ ('2' | '3' | '4') => c,
                    _ => '0',
                };
                data("214", sequence, function, subs)
            } else {
                data("210", sequence, ' ', subs)
            }
        }

        /// 300 → 215.
        fn physical(&mut self, f: &Field) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                let code = match sub.code {
                    'a' => 'a',
                    'b' => 'c',
                    'c' => 'd',
                    'e' => 'e',
                    _ => {
                        self.lose(f, sub);
                        continue;
                    }
                };
                subs.push(Subfield::new(code, unpunct(&sub.value).0));
            }
            data("215", ' ', ' ', subs)
        }

        /// 490 → 225; indicator 1: 2 traced in the same form, 0 traced in another, 1 not traced.
        fn series(&mut self, f: &Field) -> Option<Field> {
            let ind1 = if self.traced_now {
                '2'
            } else if inds(f).0 == '1' {
                '0'
            } else {
                '1'
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                let (text, _) = unpunct(&sub.value);
                match sub.code {
                    'a' => {
                        for (k, (before, piece)) in split_isbd(&text, &['=', ':', '/']).into_iter().enumerate() {
                            let code = match (k, before) {
                                (0, _) => 'a',
                                (_, Some('=')) => 'd',
                                (_, Some('/')) => 'f',
                                _ => 'e',
                            };
                            subs.push(Subfield::new(code, piece));
                        }
                    }
                    'v' | 'x' => subs.push(Subfield::new(sub.code, text)),
                    _ => self.lose(f, sub),
                }
            }
            data("225", ind1, ' ', subs)
        }

        fn note(&mut self, f: &Field, tag: &str, keep: &[char]) -> Option<Field> {
            let mut subs = Vec::new();
            for sub in f.subfields() {
                if sub.code == 'a' || keep.contains(&sub.code) {
                    subs.push(Subfield::new(sub.code, sub.value.trim()));
                } else {
                    self.lose(f, sub);
                }
            }
            data(tag, ' ', ' ', subs)
        }

        /// 505 → 327: the items one per $a.
        fn contents(&mut self, f: &Field) -> Option<Field> {
            let ind1 = match inds(f).0 {
                '0' => '1',
                '1' => '0',
                '2' => '2',
                _ => ' ',
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                if sub.code != 'a' {
                    self.lose(f, sub);
                    continue;
                }
                let text = drop_full_stop(sub.value.trim());
                subs.extend(text.split(" -- ").map(str::trim).filter(|s| !s.is_empty()).map(|s| Subfield::new('a', s)));
            }
            data("327", ind1, ' ', subs)
        }

        /// 650/651/655 → 606/607/608, $y and $z swapped (UNIMARC $y is geographic), the
        /// thesaurus of indicator 2 written as a system code.
        fn subject(&mut self, f: &Field, tag: &str) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            let mut source = match ind2 {
                '0' => Some("lcsh".to_string()),
                '1' => Some("lcshac".to_string()),
                '2' => Some("mesh".to_string()),
                '3' => Some("nal".to_string()),
                '5' => Some("cash".to_string()),
                '6' => Some("rvm".to_string()),
                _ => None,
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                let (text, _) = unpunct(&sub.value);
                let code = match sub.code {
                    'a' => 'a',
                    'v' => 'j',
                    'x' => 'x',
                    'y' => 'z',
                    'z' => 'y',
                    '0' => '3',
                    '2' if ind2 == '7' => {
                        source = Some(text);
                        continue;
                    }
                    _ => {
                        self.lose(f, sub);
                        continue;
                    }
                };
                subs.push(Subfield::new(code, text));
            }
            subs.extend(source.map(|s| Subfield::new('2', s)));
            let ind1 = match ind1 {
                c @ ('0' | '1' | '2') => c,
                _ => ' ',
            };
            data(tag, ind1, ' ', subs)
        }

        fn keywords(&mut self, f: &Field) -> Option<Field> {
            let ind1 = match inds(f).0 {
                c @ ('0' | '1' | '2') => c,
                _ => ' ',
            };
            let mut subs = Vec::new();
            for sub in f.subfields() {
                if sub.code == 'a' {
                    subs.push(Subfield::new('a', unpunct(&sub.value).0));
                } else {
                    self.lose(f, sub);
                }
            }
            data("610", ind1, ' ', subs)
        }

        fn electronic(&mut self, f: &Field) -> Option<Field> {
            let (ind1, ind2) = inds(f);
            data("856", ind1, ind2, f.subfields().to_vec())
        }

        // --- Fixed fields ---------------------------------------------------------------------

        fn fixed(&self) -> Positions {
            Positions::new(self.source.control("008").unwrap_or_default())
        }

        fn textual(&self) -> bool {
            matches!(self.source.leader.at(6), Some('a' | 't') | None)
        }

        fn leader(&mut self) -> Leader {
            let source = &self.source.leader;
            let status = match source.at(5) {
                Some('a') => 'c',
                Some(c @ ('c' | 'd' | 'n' | 'p')) => c,
                _ => 'n',
            };
            let kind = match source.at(6) {
                Some('t') => 'b',
                Some('m') => 'l',
                Some('o' | 'p') => 'm',
                Some(c @ ('a' | 'c' | 'd' | 'e' | 'f' | 'g' | 'i' | 'j' | 'k' | 'r')) => c,
                Some(c) => {
                    self.losses.code("LDR/06", None, &c.to_string());
                    'a'
                }
                None => 'a',
            };
            let level = match source.at(7) {
                Some(c @ ('a' | 'c' | 'i' | 'm' | 's')) => c,
                Some('b') => 'a',
                _ => 'm',
            };
            let hierarchy = match source.at(19) {
                Some('a') => '1',
                Some('b' | 'c') => '2',
                _ => ' ',
            };
            let encoding = match source.at(17) {
                Some('1' | '2') => '1',
                Some('3' | '5' | '7') => '3',
                Some('8') => '2',
                _ => ' ',
            };
            let form = match source.at(18) {
                Some('a' | 'i' | 'c') => ' ',
                _ => 'n',
            };
            let text = format!("00000{status}{kind}{level}{hierarchy} 2200000{encoding}{form} 450 ");
            Leader::parse(&text).unwrap_or_else(|| Leader::new_book(true))
        }

        /// 100 $a from 008 and 040 $b; the character set is Unicode, the script of the title
        /// that of the first 200.
        fn general(&mut self, title_script: Option<Script>) -> Option<Field> {
            let f = self.fixed();
            let mut out: Vec<char> = vec![' '; 36];
            let set = |out: &mut Vec<char>, at: usize, text: &str| {
                for (i, c) in text.chars().enumerate() {
                    if let Some(slot) = out.get_mut(at + i) {
                        *slot = c;
                    }
                }
            };
            let entered = f.range(0, 6);
            if entered.chars().all(|c| c.is_ascii_digit()) {
                let century = if entered.get(..2).is_some_and(|yy| yy >= "68") { "19" } else { "20" };
                set(&mut out, 0, &format!("{century}{entered}"));
            }
            let undated = |d: String| d.replace(['u', '|'], " ");
            let kind = match f.at(6) {
                'c' => 'a',
                'd' => 'b',
                'u' => 'c',
                's' => 'd',
                'r' => 'e',
                'q' => 'f',
                'm' | 'i' | 'k' => 'g',
                't' => 'h',
                'p' => 'i',
                'e' => 'j',
                'n' => 'u',
                '|' | ' ' => 'u',
                other => {
                    self.losses.code("008/06", None, &other.to_string());
                    'u'
                }
            };
            out[8] = kind;
            set(&mut out, 9, &undated(f.range(7, 11)));
            set(&mut out, 13, &undated(f.range(11, 15)));
            if self.textual() {
                out[17] = match f.at(22) {
                    'j' => 'a',
                    'a' => 'b',
                    'b' => 'c',
                    'c' => 'd',
                    'd' => 'e',
                    'e' | 'f' => 'k',
                    'g' => 'm',
                    _ => 'u',
                };
                out[20] = match f.at(28) {
                    'f' => 'a',
                    's' => 'b',
                    'l' => 'd',
                    'c' => 'e',
                    'i' => 'f',
                    'o' => 'h',
                    'u' => 'u',
                    'a' | 'm' | 'z' => 'z',
                    _ => 'y',
                };
            } else {
                out[17] = 'u';
                out[20] = 'u';
            }
            out[21] = if matches!(f.at(38), ' ' | '|') { '0' } else { '1' };
            let language = self
                .source
                .subfield("040", 'b')
                .map(str::trim)
                .filter(|l| l.chars().count() == 3)
                .unwrap_or("eng")
                .to_string();
            set(&mut out, 22, &language);
            out[25] = 'y';
            set(&mut out, 26, "50");
            if let Some(script) = title_script {
                set(&mut out, 34, unimarc_script_code(script));
            }
            data("100", ' ', ' ', vec![Subfield::new('a', out.into_iter().collect::<String>())])
        }

        /// 041 (or 008/35–37) → 101.
        fn languages(&mut self) -> Option<Field> {
            let Some(field) = self.source.field("041") else {
                let language = self.fixed().range(35, 38);
                let language = language.trim();
                if language.is_empty() || language.contains('|') {
                    return None;
                }
                return data("101", '0', ' ', vec![Subfield::new('a', language)]);
            };
            let mut subs = Vec::new();
            for sub in field.subfields() {
                let code = match sub.code {
                    'a' => 'a',
                    'b' => 'd',
                    'e' => 'h',
                    'f' => 'e',
                    'g' => 'i',
                    'h' => 'c',
                    'j' => 'j',
                    'k' => 'b',
                    _ => {
                        self.losses.subfield("041", sub);
                        continue;
                    }
                };
                // Older records run several codes together ("engrus").
                let value: Vec<char> = sub.value.trim().chars().collect();
                for chunk in value.chunks(3) {
                    subs.push(Subfield::new(code, chunk.iter().collect::<String>()));
                }
            }
            data("101", if inds(field).0 == '1' { '1' } else { '0' }, ' ', subs)
        }

        /// 044 (or 008/15–17) → 102 with ISO 3166 codes.
        fn countries(&mut self) -> Option<Field> {
            let mut subs = Vec::new();
            if let Some(field) = self.source.field("044") {
                let iso: Vec<&str> = field.all('c').map(str::trim).collect();
                if iso.is_empty() {
                    for code in field.all('a') {
                        match iso_country(code) {
                            Some(iso) => subs.push(Subfield::new('a', iso)),
                            None => self.losses.code("044", Some('a'), code.trim()),
                        }
                    }
                } else {
                    subs.extend(iso.into_iter().map(|c| Subfield::new('a', c)));
                }
                let source = field.first('2');
                for sub in field.subfields() {
                    match sub.code {
                        'a' | 'c' | '6' => {}
                        'b' => subs.push(Subfield::new(if source.is_some() { 'c' } else { 'b' }, sub.value.trim())),
                        '2' => subs.push(Subfield::new('2', sub.value.trim())),
                        _ => self.losses.subfield("044", sub),
                    }
                }
            } else {
                let code = self.fixed().range(15, 18);
                let code = code.trim();
                match iso_country(code) {
                    Some(iso) => subs.push(Subfield::new('a', iso)),
                    None if code.is_empty() || code.starts_with("xx") || code.contains('|') => {}
                    None => self.losses.code("008/15-17", None, code),
                }
            }
            data("102", ' ', ' ', subs)
        }

        /// 008/18–34 → 105, and 008/23 → 106, for text.
        fn coded_text(&mut self) -> Vec<Field> {
            if !self.textual() || self.source.control("008").is_none() {
                return Vec::new();
            }
            let f = self.fixed();
            let mut illustrations = String::new();
            for code in f.range(18, 22).chars() {
                match code {
                    'a'..='m' => illustrations.push(code),
                    'o' => illustrations.push('a'),
                    'p' => illustrations.push('o'),
                    ' ' => {}
                    '|' => {
                        illustrations = "||||".to_string();
                        break;
                    }
                    other => self.losses.code("008/18-21", None, &other.to_string()),
                }
            }
            if illustrations.is_empty() {
                illustrations.push('y');
            }
            let mut contents = String::new();
            for code in f.range(24, 28).chars() {
                let unimarc = match code {
                    'b' => 'a',
                    'c' => 'b',
                    'i' => 'c',
                    'a' => 'd',
                    'd' => 'e',
                    'e' => 'f',
                    'r' => 'g',
                    's' => 'i',
                    'p' => 'j',
                    'j' => 'k',
                    'u' => 'l',
                    'm' => 'm',
                    'l' => 'n',
                    't' => 'p',
                    'n' => 'r',
                    'z' => 's',
                    '6' => 't',
                    ' ' | '|' => continue,
                    other => {
                        self.losses.code("008/24-27", None, &other.to_string());
                        continue;
                    }
                };
                contents.push(unimarc);
            }
            let flag = |c: char| if matches!(c, '0' | '1' | '|') { c } else { '0' };
            let literature = match f.at(33) {
                '0' => 'y',
                '1' | 'f' => 'a',
                'd' => 'b',
                'e' => 'c',
                'h' => 'd',
                'i' => 'e',
                'j' => 'f',
                'p' => 'g',
                's' => 'h',
                'm' | 'c' => 'z',
                '|' | ' ' | 'u' => '|',
                other => {
                    self.losses.code("008/33", None, &other.to_string());
                    '|'
                }
            };
            let biography = match f.at(34) {
                c @ ('a' | 'b' | 'c' | 'd' | '|') => c,
                _ => 'y',
            };
            let coded = format!(
                "{illustrations:<4}{contents:<4}{}{}{}{literature}{biography}",
                flag(f.at(29)),
                flag(f.at(30)),
                flag(f.at(31))
            );
            let form = match f.at(23) {
                'd' => 'd',
                'f' => 'f',
                'o' | 'q' | 's' => 's',
                'a' | 'b' | 'c' => 't',
                _ => 'r',
            };
            let mut out: Vec<Field> = data("105", ' ', ' ', vec![Subfield::new('a', coded)]).into_iter().collect();
            out.extend(data("106", ' ', ' ', vec![Subfield::new('a', form.to_string())]));
            out
        }

        /// 040 → 801: original agency (#0), transcribing agency (#1) when it differs, modifying
        /// agencies (#2). ISIL-style codes give back the country.
        fn cataloguing_source(&mut self) -> Vec<Field> {
            let Some(field) = self.source.field("040") else { return Vec::new() };
            let entered = self.general_date();
            let mut rules = field.all('e').map(str::trim).filter(|r| !r.is_empty());
            let first_rule = rules.next().map(str::to_string);
            for extra in rules {
                self.losses.push("040", Some('e'), extra, LossReason::NoEquivalentSubfield);
            }
            let original = field.first('a').map(str::trim).filter(|a| !a.is_empty());
            let transcribing = field.first('c').map(str::trim).filter(|c| !c.is_empty());
            let mut out = Vec::new();
            let agency = |code: &str, function: char, date: Option<&str>, rules: Option<&str>| {
                let (country, name) = split_isil(code);
                let mut subs: Vec<Subfield> = country.map(|c| Subfield::new('a', c)).into_iter().collect();
                subs.push(Subfield::new('b', name));
                subs.extend(date.map(|d| Subfield::new('c', d)));
                subs.extend(rules.map(|r| Subfield::new('g', r)));
                data("801", ' ', function, subs)
            };
            if let Some(code) = original.or(transcribing) {
                out.extend(agency(code, '0', entered.as_deref(), first_rule.as_deref()));
            }
            if let (Some(original), Some(transcribing)) = (original, transcribing) {
                if original != transcribing {
                    out.extend(agency(transcribing, '1', None, None));
                }
            }
            for code in field.all('d').map(str::trim).filter(|d| !d.is_empty()) {
                out.extend(agency(code, '2', None, None));
            }
            for sub in field.subfields() {
                if !matches!(sub.code, 'a' | 'b' | 'c' | 'd' | 'e' | '6') {
                    self.losses.subfield("040", sub);
                }
            }
            out
        }

        /// The date the record was entered (008/00–05) as UNIMARC writes dates.
        fn general_date(&self) -> Option<String> {
            let entered = self.fixed().range(0, 6);
            if !entered.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let century = if entered.get(..2).is_some_and(|yy| yy >= "68") { "19" } else { "20" };
            Some(format!("{century}{entered}"))
        }
    }

    /// "RU-РНБ" → (RU, РНБ); MARC organization codes keep their whole form.
    fn split_isil(code: &str) -> (Option<&str>, &str) {
        if let Some((country, agency)) = code.split_once('-') {
            if country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()) && !agency.is_empty() {
                return (Some(country), agency);
            }
        }
        // LC and other US agencies have organization codes without a country prefix.
        let country = match code {
            "DLC" | "OCoLC" | "DNLM" | "DNAL" => Some("US"),
            _ => None,
        };
        (country, code)
    }
}

// ---------------------------------------------------------------------------------------
// Between UNIMARC profiles
// ---------------------------------------------------------------------------------------

/// RUSMARC, CNMARC and UNIMARC share their layout; what differs is CNMARC 690 (CLC),
/// local fields and $9, which each profile (or library) uses in its own way.
fn between_profiles(source: &Record, from: Flavour, to: Flavour, losses: &mut Losses) -> Record {
    let mut fields = Vec::new();
    for field in &source.fields {
        let tag = field.tag();
        let t = tag.as_str();
        let Field::Data { ind1, ind2, subfields, .. } = field else {
            fields.push(field.clone());
            continue;
        };
        let clc_686 = t == "686" && field.first('2').is_some_and(|s| s.trim().eq_ignore_ascii_case("clc"));
        if t == "690" && from == Flavour::Cnmarc {
            // Outside CNMARC a CLC number lives in 686 with its scheme named.
            let mut subs = Vec::new();
            for sub in subfields {
                match sub.code {
                    'a' | '6' | '7' => subs.push(sub.clone()),
                    _ => losses.subfield(t, sub),
                }
            }
            subs.push(Subfield::new('2', "clc"));
            fields.extend(data("686", ' ', ' ', subs));
        } else if clc_686 && to == Flavour::Cnmarc {
            let mut subs = Vec::new();
            for sub in subfields {
                match sub.code {
                    'a' | '6' | '7' => subs.push(sub.clone()),
                    '2' => {}
                    _ => losses.subfield(t, sub),
                }
            }
            fields.extend(data("690", ' ', ' ', subs));
        } else if is_local_unimarc(t) {
            losses.field(t, field, LossReason::LocalField);
        } else {
            let mut subs = Vec::new();
            for sub in subfields {
                if sub.code == '9' {
                    losses.subfield(t, sub);
                } else {
                    subs.push(sub.clone());
                }
            }
            fields.push(Field::Data { tag, ind1: *ind1, ind2: *ind2, subfields: subs });
        }
    }
    sort_by_tag(&mut fields);
    Record { leader: source.leader.clone(), fields }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbd_marks_come_off_but_abbreviations_keep_their_full_stop() {
        assert_eq!(unpunct("Na han /"), ("Na han".to_string(), Some('/')));
        assert_eq!(unpunct("Т. 3,"), ("Т. 3".to_string(), Some(',')));
        assert_eq!(unpunct("Lu Xun zhu."), ("Lu Xun zhu".to_string(), Some('.')));
        assert_eq!(unpunct("в 2 т."), ("в 2 т.".to_string(), None));
        assert_eq!(unpunct("Л. Н."), ("Л. Н.".to_string(), None));
        assert_eq!(unpunct("2-е изд., испр. и доп."), ("2-е изд., испр. и доп.".to_string(), None));
        assert_eq!(unpunct("27.2×17.3cm."), ("27.2×17.3cm".to_string(), Some('.')));
        assert_eq!(unpunct("鲁迅著."), ("鲁迅著".to_string(), Some('.')));
        assert_eq!(unpunct("A.S."), ("A.S.".to_string(), None));
    }

    #[test]
    fn separators_end_the_previous_subfield() {
        let mut b = Isbd::default();
        b.start('a', "", "Духовная культура Китая");
        b.start('b', " : ", "энциклопедия");
        b.append(" : ", "в 5 т.", 'b');
        b.start('n', ". ", "Т. 3");
        b.start('p', ", ", "Литература");
        let subs = b.close(".?!");
        let text: Vec<&str> = subs.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(text, ["Духовная культура Китая :", "энциклопедия : в 5 т.", "Т. 3,", "Литература."]);
    }

    #[test]
    fn split_at_isbd_marks_only() {
        assert_eq!(
            split_isbd("Selected stories : 汉英对照 = Parallel", &[':', '=']),
            [(None, "Selected stories".into()), (Some(':'), "汉英对照".into()), (Some('='), "Parallel".into())]
        );
        assert_eq!(split_isbd("Ratio 1:2", &[':']), [(None, "Ratio 1:2".to_string())]);
    }

    #[test]
    fn non_sorting_part_and_stray_markers() {
        assert_eq!(take_non_sorting("\u{98}The \u{9c}master"), ("The master".into(), 4, false));
        assert_eq!(take_non_sorting("\u{88}L'\u{89}Étranger"), ("L'Étranger".into(), 2, false));
        assert_eq!(take_non_sorting("Война и \u{98}мир\u{9c}"), ("Война и мир".into(), 0, true));
        assert_eq!(mark_non_sorting("The master", 4), "\u{98}The \u{9c}master");
        assert_eq!(mark_non_sorting("Ab", 5), "Ab");
    }

    #[test]
    fn country_codes_both_ways() {
        assert_eq!(marc_country("CN"), Some("cc"));
        assert_eq!(marc_country("TW"), Some("ch"));
        assert_eq!(iso_country("cc "), Some("CN"));
        assert_eq!(iso_country("nyu"), Some("US"));
        assert_eq!(iso_country("enk"), Some("GB"));
        assert_eq!(marc_country("IS"), None);
    }

    #[test]
    fn relators_by_code_and_by_term() {
        assert_eq!(marc_relator("070"), Some(("aut", "author")));
        assert_eq!(unimarc_relator("author."), Some("070"));
        assert_eq!(unimarc_relator("trl"), Some("730"));
        assert_eq!(unimarc_relator("writer of introduction"), Some("080"));
        assert_eq!(unimarc_relator("wpr"), Some("080"));
        assert_eq!(unimarc_relator("ghost writer"), None);
    }

    #[test]
    fn scripts() {
        assert_eq!(script_of("[Сборник]"), Some(Script::Cyrillic));
        assert_eq!(script_of("(清)曹雪芹"), Some(Script::Han));
        assert_eq!(script_of("Gizelʹ"), Some(Script::Latin));
        assert_eq!(script_of("1881-1936"), None);
    }
}
