//! MARC-8, the character set of MARC 21 records whose leader/09 is blank.
//!
//! MARC-8 is an ISO 2022 structure: G0 (bytes 0x21–0x7E) starts as Basic Latin (ASCII),
//! G1 (0xA1–0xFE) as Extended Latin (ANSEL), and escape sequences designate other sets
//! (LoC "MARC 21 Specifications, Character Sets", technique 1 `ESC g/b/p/s`, technique 2
//! `ESC ( F`, `ESC , F`, `ESC ) F`, `ESC - F`, multibyte `ESC $ 1` and friends). Any set may
//! sit in G0 or G1 — real records designate Extended Cyrillic to G0 — so the tables are
//! keyed by 7-bit code. Diacritics come before their base character in MARC-8 and after it
//! in Unicode; the order among several diacritics is the same in both.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::marc8_tables as t;
use crate::norm::{clusters, double_diacritic_halves, is_mark, split_base, Cluster, Normalized};
use crate::{Charset, DecodeError, Unmappable};

/// A MARC-8 graphic character set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Set {
    Ascii,
    Ansel,
    GreekSymbols,
    Subscripts,
    Superscripts,
    Hebrew,
    Cyrillic,
    CyrillicExt,
    Arabic,
    ArabicExt,
    Greek,
    Eacc,
}

/// Order in which the encoder tries sets for a character the current ones lack:
/// fuller sets first, so that a run of text needs fewer escapes.
const PREFERENCE: [Set; 11] = [
    Set::Ascii,
    Set::Cyrillic,
    Set::CyrillicExt,
    Set::Greek,
    Set::Hebrew,
    Set::Arabic,
    Set::ArabicExt,
    Set::Subscripts,
    Set::Superscripts,
    Set::GreekSymbols,
    Set::Eacc,
];

impl Set {
    /// The set designated by a single-byte final character (technique 2, or 1 for g/b/p).
    fn single_byte(final_byte: u8) -> Option<Set> {
        Some(match final_byte {
            b'B' => Set::Ascii,
            b'E' => Set::Ansel,
            b'g' => Set::GreekSymbols,
            b'b' => Set::Subscripts,
            b'p' => Set::Superscripts,
            b'2' => Set::Hebrew,
            b'N' => Set::Cyrillic,
            b'Q' => Set::CyrillicExt,
            b'3' => Set::Arabic,
            b'4' => Set::ArabicExt,
            b'S' => Set::Greek,
            _ => return None,
        })
    }

    fn table(self) -> Option<&'static t::Set94> {
        Some(match self {
            Set::Ascii => &t::BASIC_LATIN,
            Set::Ansel => &t::ANSEL,
            Set::GreekSymbols => &t::GREEK_SYMBOLS,
            Set::Subscripts => &t::SUBSCRIPTS,
            Set::Superscripts => &t::SUPERSCRIPTS,
            Set::Hebrew => &t::HEBREW,
            Set::Cyrillic => &t::CYRILLIC,
            Set::CyrillicExt => &t::CYRILLIC_EXT,
            Set::Arabic => &t::ARABIC,
            Set::ArabicExt => &t::ARABIC_EXT,
            Set::Greek => &t::GREEK,
            Set::Eacc => return None,
        })
    }

    /// The escape sequence that designates this set as G0.
    fn g0_escape(self, from: Set) -> &'static [u8] {
        match self {
            Set::Ascii if from.is_technique1() => b"\x1bs",
            Set::Ascii => b"\x1b(B",
            Set::Ansel => b"\x1b(E",
            Set::GreekSymbols => b"\x1bg",
            Set::Subscripts => b"\x1bb",
            Set::Superscripts => b"\x1bp",
            Set::Hebrew => b"\x1b(2",
            Set::Cyrillic => b"\x1b(N",
            Set::CyrillicExt => b"\x1b(Q",
            Set::Arabic => b"\x1b(3",
            Set::ArabicExt => b"\x1b(4",
            Set::Greek => b"\x1b(S",
            Set::Eacc => b"\x1b$1",
        }
    }

    fn is_technique1(self) -> bool {
        matches!(self, Set::GreekSymbols | Set::Subscripts | Set::Superscripts)
    }
}

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

struct Decoder<'a> {
    bytes: &'a [u8],
    g0: Set,
    g1: Set,
    out: String,
    /// Diacritics read but not yet placed: they follow the next base character.
    pending: Vec<char>,
    pending_at: usize,
}

impl Decoder<'_> {
    fn error(&self, offset: usize) -> DecodeError {
        DecodeError { charset: Charset::Marc8, offset, byte: self.bytes.get(offset).copied().unwrap_or(0) }
    }

    fn base(&mut self, c: char) {
        self.out.push(c);
        self.out.extend(self.pending.drain(..));
    }

    fn mark(&mut self, c: char, at: usize) {
        if self.pending.is_empty() {
            self.pending_at = at;
        }
        self.pending.push(c);
    }

    /// Reads the escape sequence at `i`; returns the offset after it.
    fn escape(&mut self, i: usize) -> Result<usize, DecodeError> {
        let at = |k: usize| self.bytes.get(i + k).copied();
        let truncated = || self.error(i);
        match at(1) {
            None => Err(truncated()),
            Some(b's') => {
                self.g0 = Set::Ascii;
                Ok(i + 2)
            }
            Some(f @ (b'g' | b'b' | b'p')) => {
                self.g0 = Set::single_byte(f).ok_or_else(|| self.error(i + 1))?;
                Ok(i + 2)
            }
            Some(b'(' | b',') => self.designate_single(i, i + 2, true),
            Some(b')' | b'-') => self.designate_single(i, i + 2, false),
            Some(b'$') => match at(2) {
                None => Err(truncated()),
                Some(b'(' | b',') => self.designate_multi(i, i + 3, true),
                Some(b')' | b'-') => self.designate_multi(i, i + 3, false),
                Some(_) => self.designate_multi(i, i + 2, true),
            },
            Some(_) => Err(self.error(i + 1)),
        }
    }

    fn designate_single(&mut self, esc: usize, mut j: usize, g0: bool) -> Result<usize, DecodeError> {
        // ANSEL's registered final is "!E" (ISO-IR 231); both forms are met.
        if self.bytes.get(j) == Some(&b'!') && self.bytes.get(j + 1) == Some(&b'E') {
            j += 1;
        }
        let f = *self.bytes.get(j).ok_or_else(|| self.error(esc))?;
        let set = Set::single_byte(f).ok_or_else(|| self.error(j))?;
        if g0 {
            self.g0 = set;
        } else {
            self.g1 = set;
        }
        Ok(j + 1)
    }

    fn designate_multi(&mut self, esc: usize, j: usize, g0: bool) -> Result<usize, DecodeError> {
        match self.bytes.get(j) {
            None => Err(self.error(esc)),
            Some(b'1') => {
                if g0 {
                    self.g0 = Set::Eacc;
                } else {
                    self.g1 = Set::Eacc;
                }
                Ok(j + 1)
            }
            Some(_) => Err(self.error(j)),
        }
    }

    /// Reads the graphic character at `i` from `set`; returns the offset after it.
    fn graphic(&mut self, set: Set, i: usize) -> Result<usize, DecodeError> {
        let high = self.bytes[i] >= 0x80;
        let Some(table) = set.table() else {
            // EACC: three bytes, all from the same half.
            let mut code = 0u32;
            for k in 0..3 {
                let b = *self.bytes.get(i + k).ok_or_else(|| self.error(i))?;
                let in_half = if high { (0xA1..=0xFE).contains(&b) } else { (0x21..=0x7E).contains(&b) };
                if !in_half {
                    return Err(self.error(i + k));
                }
                code = (code << 8) | u32::from(b & 0x7F);
            }
            let c = eacc_decode(code).ok_or_else(|| self.error(i))?;
            self.base(c);
            return Ok(i + 3);
        };
        let code7 = usize::from(self.bytes[i] & 0x7F);
        let (ucs, combining) = table[code7 - 0x21].ok_or_else(|| self.error(i))?;
        let c = char::from_u32(ucs).ok_or_else(|| self.error(i))?;
        if combining {
            self.mark(c, i);
        } else {
            self.base(c);
        }
        Ok(i + 1)
    }
}

fn eacc_decode(code: u32) -> Option<char> {
    let k = t::EACC.binary_search_by_key(&code, |&(c, _)| c).ok()?;
    char::from_u32(t::EACC[k].1)
}

fn c1_decode(b: u8) -> Option<char> {
    t::C1_CONTROLS.iter().find(|&&(byte, _)| byte == b).and_then(|&(_, ucs)| char::from_u32(ucs))
}

/// Decodes one field; the result is not yet normalized.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let mut d = Decoder {
        bytes,
        g0: Set::Ascii,
        g1: Set::Ansel,
        out: String::with_capacity(bytes.len() + bytes.len() / 2),
        pending: Vec::new(),
        pending_at: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i = match b {
            0x1B => d.escape(i)?,
            // Space is outside every 94-character set, EACC included.
            0x20 => {
                d.base(' ');
                i + 1
            }
            // ISO 2709 delimiters are listed in LoC's Basic Latin table; pass them through.
            0x1D..=0x1F => {
                d.base(char::from(b));
                i + 1
            }
            0x21..=0x7E => d.graphic(d.g0, i)?,
            0xA1..=0xFE => d.graphic(d.g1, i)?,
            0x80..=0x9F => {
                // NSB/NSE/ZWJ/ZWNJ: placed where they stand, diacritics keep waiting.
                let c = c1_decode(b).ok_or_else(|| d.error(i))?;
                d.out.push(c);
                i + 1
            }
            _ => return Err(d.error(i)),
        };
    }
    if !d.pending.is_empty() {
        // A diacritic with nothing after it to sit on.
        return Err(d.error(d.pending_at));
    }
    Ok(d.out)
}

// ---------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------

/// Where a character can be written: set, 7-bit code (or 3-byte EACC code), combining.
#[derive(Debug, Clone, Copy)]
struct Code {
    set: Set,
    code: u32,
    combining: bool,
}

fn reverse() -> &'static HashMap<char, Vec<Code>> {
    static REVERSE: OnceLock<HashMap<char, Vec<Code>>> = OnceLock::new();
    REVERSE.get_or_init(|| {
        let mut map: HashMap<char, Vec<Code>> = HashMap::new();
        let sets = [Set::Ansel].into_iter().chain(PREFERENCE);
        for set in sets {
            let Some(table) = set.table() else { continue };
            for (k, slot) in table.iter().enumerate() {
                let Some((ucs, combining)) = *slot else { continue };
                let Some(c) = char::from_u32(ucs) else { continue };
                // A code whose character NFC replaces (e.g. GREEK QUESTION MARK → ';')
                // can never be asked for: the encoder only sees NFC text.
                if !is_nfc_stable(c) {
                    continue;
                }
                let code = Code { set, code: k as u32 + 0x21, combining };
                map.entry(c).or_default().push(code);
            }
        }
        // EACC has duplicates (variant forms): take the lowest code, skipping the
        // non-standard 0x212320 (space is not a 94-set position) when there is another.
        let mut eacc: HashMap<char, u32> = HashMap::new();
        for &(code, ucs) in t::EACC.iter() {
            let Some(c) = char::from_u32(ucs) else { continue };
            if !is_nfc_stable(c) {
                continue;
            }
            let rank = |code: u32| (code.to_be_bytes().contains(&0x20), code);
            eacc.entry(c)
                .and_modify(|old| {
                    if rank(code) < rank(*old) {
                        *old = code;
                    }
                })
                .or_insert(code);
        }
        for (c, code) in eacc {
            map.entry(c).or_default().push(Code { set: Set::Eacc, code, combining: false });
        }
        map
    })
}

fn is_nfc_stable(c: char) -> bool {
    std::iter::once(c).nfc().eq(std::iter::once(c))
}

fn c1_encode(c: char) -> Option<u8> {
    // UNIMARC's NSB/NSE as UTF-8 records carry them (C1 8/8, 8/9) are the same markers.
    match c {
        '\u{0088}' => return Some(0x88),
        '\u{0089}' => return Some(0x89),
        _ => {}
    }
    t::C1_CONTROLS.iter().find(|&&(_, ucs)| ucs == u32::from(c)).map(|&(b, _)| b)
}

struct Encoder {
    out: Vec<u8>,
    g0: Set,
    /// The MARC-8 second half (ANSEL code) owed to the next base, with the index of the
    /// Unicode double diacritic that asked for it.
    second_half: Option<(u8, char, usize)>,
}

fn unmappable(c: char, index: usize) -> Unmappable {
    Unmappable { charset: Charset::Marc8, character: c, code: u32::from(c), index }
}

impl Encoder {
    fn emit(&mut self, code: Code) {
        match code.set {
            Set::Ansel => self.out.push(code.code as u8 | 0x80),
            Set::Eacc => self.out.extend_from_slice(&code.code.to_be_bytes()[1..]),
            _ => self.out.push(code.code as u8),
        }
    }

    fn switch_g0(&mut self, set: Set) {
        if self.g0 != set {
            self.out.extend_from_slice(set.g0_escape(self.g0));
            self.g0 = set;
        }
    }

    /// Finds a code for mark `m` in `g0` (preferred: keeps the script's own accents) or ANSEL.
    fn mark_code(m: char, g0: Set) -> Option<Code> {
        let codes = reverse().get(&m)?;
        let find = |set: Set| codes.iter().copied().find(|c| c.combining && c.set == set);
        find(g0).or_else(|| find(Set::Ansel))
    }

    fn cluster(&mut self, cl: &Cluster) -> Result<(), Unmappable> {
        let (base, base_index) = cl.base;
        let rev = reverse();
        // Controls and space: valid whatever is designated.
        let fixed_byte = if base == ' ' { Some(0x20) } else { c1_encode(base) };
        let (base, mut marks) = if fixed_byte.is_some() {
            (base, Vec::new())
        } else {
            let has = |c: char| rev.get(&c).is_some_and(|v| v.iter().any(|x| !x.combining));
            let (b, extra) = split_base(base, has).ok_or_else(|| unmappable(base, base_index))?;
            (b, extra.into_iter().map(|m| (m, base_index)).collect::<Vec<_>>())
        };
        marks.extend(cl.marks.iter().copied());

        // Unicode double diacritics become the MARC-8 first half here, second half later.
        let mut owed = None;
        for (m, index) in marks.iter_mut() {
            if let Some((first, second)) = double_diacritic_halves(*m) {
                if owed.is_some() {
                    return Err(unmappable(*m, *index));
                }
                owed = Some((second, *m, *index));
                *m = first;
            }
        }

        // Choose the set of the base: current G0, then ANSEL, then by preference; the
        // marks must fit in the resulting G0 or ANSEL.
        let candidates: Vec<Code> = match fixed_byte {
            Some(_) => Vec::new(),
            None => {
                let codes = rev.get(&base).map(Vec::as_slice).unwrap_or(&[]);
                let rank = |set: Set| {
                    if set == self.g0 {
                        0
                    } else if set == Set::Ansel {
                        1
                    } else {
                        2 + PREFERENCE.iter().position(|&s| s == set).unwrap_or(PREFERENCE.len())
                    }
                };
                let mut v: Vec<Code> = codes.iter().copied().filter(|c| !c.combining).collect();
                v.sort_by_key(|c| rank(c.set));
                v
            }
        };
        // The G0 that will be in force: a base from a G0 set brings its set; with an ANSEL
        // base, a space or a control, the current G0 stays unless the marks need another.
        let marks_fit = |g0: Set| marks.iter().all(|&(m, _)| Self::mark_code(m, g0).is_some());
        let g0_options = |code: Option<Code>| -> Vec<Set> {
            match code {
                Some(c) if c.set != Set::Ansel => vec![c.set],
                _ => std::iter::once(self.g0).chain(PREFERENCE).collect(),
            }
        };
        let options: Vec<Option<Code>> = match fixed_byte {
            Some(_) => vec![None],
            None => candidates.iter().copied().map(Some).collect(),
        };
        let found = options
            .iter()
            .find_map(|&code| g0_options(code).into_iter().find(|&g0| marks_fit(g0)).map(|g0| (code, g0)));
        let Some((chosen, g0)) = found else {
            let Some(&first) = options.first() else {
                return Err(unmappable(base, base_index));
            };
            // Report the first mark that even the preferred set cannot carry.
            let preferred = g0_options(first).first().copied().unwrap_or(self.g0);
            let bad = marks
                .iter()
                .find(|&&(m, _)| Self::mark_code(m, preferred).is_none())
                .copied()
                .unwrap_or((base, base_index));
            return Err(unmappable(bad.0, bad.1));
        };

        self.switch_g0(g0);
        if let Some((second, _, _)) = self.second_half.take() {
            self.out.push(second);
        }
        for &(m, index) in &marks {
            let code = Self::mark_code(m, g0).ok_or_else(|| unmappable(m, index))?;
            self.emit(code);
        }
        match (fixed_byte, chosen) {
            (Some(b), _) => self.out.push(b),
            (None, Some(code)) => self.emit(code),
            (None, None) => return Err(unmappable(base, base_index)),
        }
        if let Some((second, m, index)) = owed {
            let code = Self::mark_code(second, Set::Ansel).ok_or_else(|| unmappable(m, index))?;
            self.second_half = Some((code.code as u8 | 0x80, m, index));
        }
        Ok(())
    }
}

/// Encodes NFC text to MARC-8, ending in ASCII/ANSEL.
pub(crate) fn encode(text: &Normalized) -> Result<Vec<u8>, Unmappable> {
    // A Unicode mark that MARC-8 codes as a spacing character (U+0670 ARABIC LETTER
    // SUPERSCRIPT ALEF) is written where it stands, like a base.
    let attaches = |c: char| is_mark(c) && !reverse().get(&c).is_some_and(|codes| codes.iter().all(|x| !x.combining));
    let clusters = clusters(text, attaches).map_err(|(c, i)| unmappable(c, i))?;
    let mut enc = Encoder { out: Vec::with_capacity(text.text.len() + 8), g0: Set::Ascii, second_half: None };
    for cl in &clusters {
        enc.cluster(cl)?;
    }
    if let Some((_, m, index)) = enc.second_half {
        // A double diacritic on the last letter: there is no second letter to span.
        return Err(unmappable(m, index));
    }
    enc.switch_g0(Set::Ascii);
    Ok(enc.out)
}

#[cfg(test)]
mod tests {
    use crate::{decode, encode, Charset};

    fn dec(bytes: &[u8]) -> String {
        match decode(Charset::Marc8, bytes) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn enc(text: &str) -> Vec<u8> {
        match encode(Charset::Marc8, text) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn ansel_diacritics_precede_their_letter() {
        assert_eq!(dec(b"Dvo\xE9r\xE2ak"), "Dvořák");
        assert_eq!(enc("Dvořák"), b"Dvo\xE9r\xE2ak");
        assert_eq!(dec(b"\xA1\xE2od\xE2z"), "Łódź");
        assert_eq!(enc("Łódź"), b"\xA1\xE2od\xE2z");
        assert_eq!(dec(b"Pr\xE8ufung"), "Prüfung");
    }

    #[test]
    fn several_diacritics_keep_their_order() {
        // Vietnamese ệ = e + dot below + circumflex; ấ = a + circumflex + acute.
        assert_eq!(dec(b"Vi\xF2\xE3et"), "Việt");
        assert_eq!(enc("Việt"), b"Vi\xF2\xE3et");
        assert_eq!(dec(b"\xE3\xE2a"), "ấ");
        assert_eq!(enc("ấ"), b"\xE3\xE2a");
        // Ơ has its own ANSEL code but the horn has none: Ớ = Ơ + acute.
        assert_eq!(enc("Ớ"), b"\xE2\xAC");
        assert_eq!(dec(b"\xE2\xAC"), "Ớ");
    }

    #[test]
    fn escapes_switch_sets_and_every_field_starts_in_ascii() {
        let bytes = b"\x1b(NoDLUKE I RE[E\x1b(QJ\x1b(NA sAWEZNOG\x1b(B.";
        assert_eq!(dec(bytes), "Одлуке и решења Савезног.");
        // Technique 1 and the ANSEL "!E" final.
        assert_eq!(dec(b"H\x1bb2\x1bsO"), "H₂O");
        assert_eq!(dec(b"x\x1bp2\x1bs"), "x²");
        assert_eq!(dec(b"\x1bg a\x1bs"), " α");
        assert_eq!(dec(b"\x1b)!E\xE2e"), "é");
        // G1 designations: Extended Cyrillic as G1, back to ANSEL.
        assert_eq!(dec(b"\x1b)QJ\xCA\x1b)E\xE2e"), "Jњé");
    }

    #[test]
    fn eacc_three_bytes_per_character() {
        assert_eq!(dec(b"\x1b$1!9%!F#\x1b(B"), "大正");
        assert_eq!(dec(b"\x1b$1!av![g\x1b(B, 1881-1936"), "魯迅, 1881-1936");
        // A space inside an EACC run stays a single byte.
        assert_eq!(dec(b"\x1b$1!av ![g\x1b(B"), "魯 迅");
        assert_eq!(enc("魯迅"), b"\x1b$1!av![g\x1b(B");
        assert_eq!(enc("魯 迅"), b"\x1b$1!av ![g\x1b(B");
        // EACC has the simplified forms too (plane 0x27).
        assert_eq!(enc("鲁迅"), b"\x1b$1'av![g\x1b(B");
    }

    #[test]
    fn encoder_uses_minimal_escapes() {
        // Digits and punctuation exist in Basic Cyrillic too: no escape for them.
        assert_eq!(enc("Война и мир, 1869"), b"\x1b(NwOJNA I MIR, 1869\x1b(B");
        assert_eq!(enc("plain ASCII"), b"plain ASCII");
        assert_eq!(enc("H₂O"), b"H\x1bb2\x1bsO");
    }

    #[test]
    fn double_diacritics() {
        // ALA-LC "ts" ligature: halves decode as U+FE20/U+FE21, U+0361 encodes to halves.
        assert_eq!(dec(b"\xEBt\xECs"), "t\u{FE20}s\u{FE21}");
        assert_eq!(enc("t\u{FE20}s\u{FE21}"), b"\xEBt\xECs");
        assert_eq!(enc("t\u{361}s"), b"\xEBt\xECs");
        assert!(encode(Charset::Marc8, "t\u{361}").is_err());
    }

    #[test]
    fn errors_have_offsets() {
        let e = decode(Charset::Marc8, b"ab\xAFc").unwrap_err();
        assert_eq!((e.offset, e.byte), (2, 0xAF));
        // Unknown final character.
        let e = decode(Charset::Marc8, b"ab\x1b(Zc").unwrap_err();
        assert_eq!((e.offset, e.byte), (4, b'Z'));
        // Truncated escape.
        let e = decode(Charset::Marc8, b"ab\x1b(").unwrap_err();
        assert_eq!((e.offset, e.byte), (2, 0x1B));
        // Truncated EACC character.
        let e = decode(Charset::Marc8, b"\x1b$1!9").unwrap_err();
        assert_eq!(e.offset, 3);
        // Diacritic with no letter after it.
        let e = decode(Charset::Marc8, b"abc\xE2").unwrap_err();
        assert_eq!((e.offset, e.byte), (3, 0xE2));
        // Control characters are not MARC-8.
        let e = decode(Charset::Marc8, b"a\tb").unwrap_err();
        assert_eq!(e.offset, 1);
    }

    #[test]
    fn unmappable_characters() {
        let e = encode(Charset::Marc8, "Ok 😀").unwrap_err();
        assert_eq!((e.character, e.index), ('😀', 3));
        // A Hebrew point has no code next to a Latin letter's set... but ANSEL lacks it too.
        let e = encode(Charset::Marc8, "a\u{05B7}").unwrap_err();
        assert_eq!((e.character, e.index), ('\u{05B7}', 1));
        let e = encode(Charset::Marc8, "\u{301}x").unwrap_err();
        assert_eq!(e.index, 0);
    }
}
