//! Which character set a record's bytes are in, and how a record declares it.
//!
//! MARC 21 declares it in leader/09 ('a' Unicode, blank MARC-8); the UNIMARC family in
//! field 100 $a/26–29. Real files lie either way, so the declaration is only a first
//! guess: bytes that do not decode in it are sniffed, and a record that decodes in another
//! set is read in that one, with a note saying so.

use qiao_charset::Charset;
use qiao_marc::iso2709::View;
use qiao_marc::{Field, Record};

/// The character set an ISO 2709 record declares, if it declares one Qiao reads.
pub fn declared(view: &View<'_>) -> Option<Charset> {
    if let Some(general) = unimarc_100a(view) {
        return unimarc_charset(general);
    }
    match view.leader().get(9)? {
        b'a' => Some(Charset::Utf8),
        b' ' => Some(Charset::Marc8),
        _ => None,
    }
}

/// UNIMARC 100 $a when the record has one: 36 characters starting with an 8-digit date.
/// (MARC 21's 100 is a personal name, so the shape tells the two apart.)
fn unimarc_100a<'a>(view: &View<'a>) -> Option<&'a [u8]> {
    let value = view.field("100")?.subfield(b'a')?;
    (value.len() >= 30 && value[..8].iter().all(u8::is_ascii_digit)).then_some(value)
}

/// 100 $a/26–29: G0 and G1 sets. "50" is Unicode; "01"+"03" ISO 646 with ISO 5426;
/// Russian practice writes "89" for Windows-1251 and Chinese "10"/"20" for GB 2312.
fn unimarc_charset(general: &[u8]) -> Option<Charset> {
    let sets = general.get(26..30)?;
    let (g0, g1) = (&sets[..2], &sets[2..]);
    match (g0, g1) {
        (b"50", _) => Some(Charset::Utf8),
        (_, b"89") | (b"89", _) => Some(Charset::Cp1251),
        (_, b"10") | (_, b"20") | (b"10", _) | (b"20", _) => Some(Charset::Gb18030),
        (b"01", b"03") | (b"03", _) => Some(Charset::Iso5426),
        _ => None,
    }
}

/// Sets the record's declaration to `charset`, so what is written matches the bytes.
/// A declaration that already says so is left as it is (no copy).
pub fn declare(record: &mut Record, charset: Charset) {
    let unimarc_code = match charset {
        Charset::Utf8 => Some("50  "),
        Charset::Cp1251 => Some("0189"),
        Charset::Gb18030 => Some("0110"),
        Charset::Iso5426 => Some("0103"),
        _ => None,
    };
    let mut touched = false;
    for field in &mut record.fields {
        if let (Field::Data { tag, subfields, .. }, Some(code)) = (&mut *field, unimarc_code) {
            if tag.as_str() == "100" {
                if let Some(sub) = subfields.iter_mut().find(|s| s.code == 'a') {
                    let value = &sub.value;
                    let dated = value.get(..8).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
                    // Positions 26–29 counted in characters, as the format counts them.
                    if dated && value.chars().count() >= 30 {
                        // (Coded data is ASCII; bytes then are characters.)
                        if !(value.is_ascii() && value.get(26..30) == Some(code)) {
                            let chars: Vec<char> = value.chars().collect();
                            let mut updated: String = chars[..26].iter().collect();
                            updated.push_str(code);
                            updated.extend(&chars[30..]);
                            sub.value = updated;
                        }
                        touched = true;
                    }
                }
            }
        }
    }
    if !touched {
        let leader_09 = match charset {
            Charset::Utf8 => Some('a'),
            Charset::Marc8 => Some(' '),
            _ => None,
        };
        if let Some(c) = leader_09.filter(|c| record.leader.at(9) != Some(*c)) {
            let mut chars: Vec<char> = record.leader.as_str().chars().collect();
            if chars.len() == 24 {
                chars[9] = c;
                if let Some(leader) = qiao_marc::Leader::parse(&chars.into_iter().collect::<String>()) {
                    record.leader = leader;
                }
            }
        }
    }
}
