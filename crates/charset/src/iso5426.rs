//! ISO 5426 (extended Latin for bibliographic use), the G1 of older UNIMARC records, with
//! ISO 646 / ASCII as G0.
//!
//! The table below holds only what two independent public sources agree on: the ISO-IR
//! 053 names as transcribed in MARC4J's `Iso5426ToUnicode` and the mapping of
//! smc.bibencodings' ISO-5426/MAB2 codec (Koha's `char_decode5426` agrees on the
//! diacritics). Position 5/1 (0xD1, "rude") is named but its Unicode mapping differs
//! between sources, so it is left out: a byte not in the table is a [`DecodeError`].
//!
//! Non-spacing diacritics (0xC0–0xDF) precede the character they modify. With several
//! diacritics, each applies to the (composed) character after it, so the one next to the
//! base letter is the innermost (as in smc.bibencodings: ấ = 0xC2 0xC3 'a'); Unicode
//! lists them innermost first, so their order is reversed.

use crate::norm::{clusters, double_diacritic_halves, is_mark, split_base, Cluster, Normalized};
use crate::{Charset, DecodeError, Unmappable};

/// Spacing characters of the right half (ISO-IR 053 positions 2/1–3/15, 6/1–7/14).
const SPACING: [(u8, char); 45] = [
    (0xA1, '\u{00A1}'), // inverted exclamation mark
    (0xA2, '\u{201E}'), // left low double quotation mark
    (0xA3, '\u{00A3}'), // pound sign
    (0xA4, '\u{0024}'), // dollar sign (decode only: '$' is written as ASCII 0x24)
    (0xA5, '\u{00A5}'), // yen sign
    (0xA6, '\u{2020}'), // dagger
    (0xA7, '\u{00A7}'), // section sign
    (0xA8, '\u{2032}'), // prime
    (0xA9, '\u{2018}'), // left high single quotation mark
    (0xAA, '\u{201C}'), // left high double quotation mark
    (0xAB, '\u{00AB}'), // left angle quotation mark
    (0xAC, '\u{266D}'), // music flat
    (0xAD, '\u{00A9}'), // copyright sign
    (0xAE, '\u{2117}'), // sound recording copyright
    (0xAF, '\u{00AE}'), // registered trade mark sign
    (0xB0, '\u{02BB}'), // ayn (transliteration mark, as ANSEL's AYN)
    (0xB1, '\u{02BC}'), // alif/hamzah (as ANSEL's ALIF)
    (0xB2, '\u{201A}'), // left low single quotation mark
    (0xB6, '\u{2021}'), // double dagger
    (0xB7, '\u{00B7}'), // middle dot
    (0xB8, '\u{2033}'), // double prime
    (0xB9, '\u{2019}'), // right high single quotation mark
    (0xBA, '\u{201D}'), // right high double quotation mark
    (0xBB, '\u{00BB}'), // right angle quotation mark
    (0xBC, '\u{266F}'), // music sharp
    (0xBD, '\u{02B9}'), // mjagkij znak (prime)
    (0xBE, '\u{02BA}'), // tverdyj znak (double prime)
    (0xBF, '\u{00BF}'), // inverted question mark
    (0xE1, '\u{00C6}'), // capital AE
    (0xE2, '\u{0110}'), // capital D with stroke
    (0xE6, '\u{0132}'), // capital IJ
    (0xE8, '\u{0141}'), // capital L with stroke
    (0xE9, '\u{00D8}'), // capital O with oblique stroke
    (0xEA, '\u{0152}'), // capital OE
    (0xEC, '\u{00DE}'), // capital thorn
    (0xF1, '\u{00E6}'), // small ae
    (0xF2, '\u{0111}'), // small d with stroke
    (0xF3, '\u{00F0}'), // small eth
    (0xF5, '\u{0131}'), // small dotless i
    (0xF6, '\u{0133}'), // small ij
    (0xF8, '\u{0142}'), // small l with stroke
    (0xF9, '\u{00F8}'), // small o with oblique stroke
    (0xFA, '\u{0153}'), // small oe
    (0xFB, '\u{00DF}'), // small sharp s
    (0xFC, '\u{00FE}'), // small thorn
];

/// Non-spacing diacritics (positions 4/0–5/15), as Unicode combining marks.
const DIACRITICS: [(u8, char); 30] = [
    (0xC0, '\u{0309}'), // low rising tone mark → hook above
    (0xC1, '\u{0300}'), // grave
    (0xC2, '\u{0301}'), // acute
    (0xC3, '\u{0302}'), // circumflex
    (0xC4, '\u{0303}'), // tilde
    (0xC5, '\u{0304}'), // macron
    (0xC6, '\u{0306}'), // breve
    (0xC7, '\u{0307}'), // dot above
    (0xC8, '\u{0308}'), // diaeresis (trema)
    (0xC9, '\u{0308}'), // umlaut (decode only: written as 0xC8)
    (0xCA, '\u{030A}'), // circle above
    (0xCB, '\u{0315}'), // high comma off centre
    (0xCC, '\u{0312}'), // inverted high comma centred
    (0xCD, '\u{030B}'), // double acute
    (0xCE, '\u{031B}'), // horn
    (0xCF, '\u{030C}'), // caron (hacek)
    (0xD0, '\u{0327}'), // cedilla
    (0xD2, '\u{0326}'), // hook to left (comma below)
    (0xD3, '\u{0328}'), // ogonek (hook to right)
    (0xD4, '\u{0325}'), // circle below
    (0xD5, '\u{032E}'), // half circle below
    (0xD6, '\u{0323}'), // dot below
    (0xD7, '\u{0324}'), // double dot below
    (0xD8, '\u{0332}'), // underline
    (0xD9, '\u{0333}'), // double underline
    (0xDA, '\u{0329}'), // small low vertical bar
    (0xDB, '\u{032D}'), // circumflex below
    (0xDD, '\u{FE20}'), // left half of ligature sign (and of double tilde, see below)
    (0xDE, '\u{FE21}'), // right half of ligature sign
    (0xDF, '\u{FE23}'), // right half of double tilde
];

/// UNIMARC non-sorting markers NSB/NSE, C1 positions 8/8 and 8/9: decoded to the same
/// positions in Unicode (U+0088/U+0089), as UTF-8 UNIMARC records carry them (e.g.
/// pymarc's testunimarc.dat). MARC 21's mapping of the same bytes, U+0098/U+009C, is
/// accepted when encoding.
const CONTROLS: [(u8, char); 4] = [(0x88, '\u{0088}'), (0x89, '\u{0089}'), (0x88, '\u{0098}'), (0x89, '\u{009C}')];

fn spacing(b: u8) -> Option<char> {
    SPACING.iter().chain(CONTROLS.iter()).find(|&&(code, _)| code == b).map(|&(_, c)| c)
}

fn diacritic(b: u8) -> Option<char> {
    DIACRITICS.iter().find(|&&(code, _)| code == b).map(|&(_, c)| c)
}

/// Decodes one field; the result is not yet normalized.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let error = |offset: usize| DecodeError {
        charset: Charset::Iso5426,
        offset,
        byte: bytes.get(offset).copied().unwrap_or(0),
    };
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    // Diacritics waiting for their base, outermost first.
    let mut pending: Vec<char> = Vec::new();
    let mut pending_at = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let base = match b {
            0x20..=0x7E | 0x1D..=0x1F => char::from(b),
            0xC0..=0xDF => {
                let mut c = diacritic(b).ok_or_else(|| error(i))?;
                // 0xDD is the left half of both the ligature and the double tilde: the
                // right half that follows tells which.
                if b == 0xDD && bytes[i + 1..].iter().find(|&&x| x == 0xDE || x == 0xDF) == Some(&0xDF) {
                    c = '\u{FE22}';
                }
                if pending.is_empty() {
                    pending_at = i;
                }
                pending.push(c);
                continue;
            }
            _ => spacing(b).ok_or_else(|| error(i))?,
        };
        out.push(base);
        out.extend(pending.drain(..).rev());
    }
    if !pending.is_empty() {
        return Err(error(pending_at));
    }
    Ok(out)
}

fn unmappable(c: char, index: usize) -> Unmappable {
    Unmappable { charset: Charset::Iso5426, character: c, code: u32::from(c), index }
}

fn base_code(c: char) -> Option<u8> {
    match u8::try_from(u32::from(c)) {
        Ok(b @ 0x20..=0x7E) => Some(b),
        _ => SPACING
            .iter()
            .filter(|&&(code, _)| code != 0xA4)
            .chain(CONTROLS.iter())
            .find(|&&(_, x)| x == c)
            .map(|&(code, _)| code),
    }
}

fn diacritic_code(c: char) -> Option<u8> {
    if c == '\u{FE22}' {
        return Some(0xDD);
    }
    DIACRITICS.iter().filter(|&&(code, _)| code != 0xC9).find(|&&(_, x)| x == c).map(|&(code, _)| code)
}

/// Encodes NFC text to ISO 5426 (ASCII + ISO 5426 right half).
pub(crate) fn encode(text: &Normalized) -> Result<Vec<u8>, Unmappable> {
    let clusters = clusters(text, is_mark).map_err(|(c, i)| unmappable(c, i))?;
    let mut out = Vec::with_capacity(text.text.len() + 8);
    let mut owed: Option<(char, char, usize)> = None;
    for Cluster { base: (base, base_index), marks } in &clusters {
        let (base_char, extra) =
            split_base(*base, |c| base_code(c).is_some()).ok_or_else(|| unmappable(*base, *base_index))?;
        let mut all: Vec<(char, usize)> = Vec::new();
        if let Some((second, _, index)) = owed.take() {
            all.push((second, index));
        }
        all.extend(extra.into_iter().map(|m| (m, *base_index)));
        all.extend(marks.iter().copied());
        let mut codes = Vec::with_capacity(all.len());
        for (m, index) in all {
            let m = match double_diacritic_halves(m) {
                Some((first, second)) => {
                    if owed.is_some() {
                        return Err(unmappable(m, index));
                    }
                    owed = Some((second, m, index));
                    first
                }
                None => m,
            };
            codes.push(diacritic_code(m).ok_or_else(|| unmappable(m, index))?);
        }
        // Innermost diacritic last, right before the base.
        out.extend(codes.iter().rev());
        out.push(base_code(base_char).ok_or_else(|| unmappable(base_char, *base_index))?);
    }
    if let Some((_, m, index)) = owed {
        return Err(unmappable(m, index));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::{decode, encode, Charset};

    fn dec(bytes: &[u8]) -> Result<String, crate::DecodeError> {
        decode(Charset::Iso5426, bytes)
    }

    #[test]
    fn single_diacritics_agree_with_both_sources() {
        // Pairs that MARC4J's and smc.bibencodings' tables both list.
        let cases: [(&[u8], &str); 12] = [
            (b"\xC1a", "à"),
            (b"\xC2e", "é"),
            (b"\xC3o", "ô"),
            (b"\xC4n", "ñ"),
            (b"\xC5a", "ā"),
            (b"\xC6g", "ğ"),
            (b"\xC7z", "ż"),
            (b"\xC8u", "ü"),
            (b"\xCAa", "å"),
            (b"\xCDo", "ő"),
            (b"\xCFc", "č"),
            (b"\xD0c", "ç"),
        ];
        for (bytes, text) in cases {
            assert_eq!(dec(bytes).as_deref(), Ok(text));
            assert_eq!(encode(Charset::Iso5426, text).as_deref(), Ok(bytes));
        }
        assert_eq!(dec(b"\xC9a").as_deref(), Ok("ä"));
        assert_eq!(dec(b"\xD3e\xD6h\xC0a").as_deref(), Ok("ęḥả"));
    }

    #[test]
    fn spacing_specials() {
        assert_eq!(dec(b"\xE8\xF3d\xF9\xFB\xBDx\xBE").as_deref(), Ok("Łðdøßʹxʺ"));
        assert_eq!(dec(b"\xABTitle\xBB \xA2x\xAA").as_deref(), Ok("«Title» „x“"));
        assert_eq!(dec(b"\x88Le \x89monde").as_deref(), Ok("\u{88}Le \u{89}monde"));
        assert_eq!(encode(Charset::Iso5426, "\u{88}Le \u{89}monde").as_deref(), Ok(&b"\x88Le \x89monde"[..]));
        assert_eq!(encode(Charset::Iso5426, "\u{98}Le \u{9C}monde").as_deref(), Ok(&b"\x88Le \x89monde"[..]));
        assert_eq!(dec(b"\xA4").as_deref(), Ok("$"));
        assert_eq!(encode(Charset::Iso5426, "$").as_deref(), Ok(&b"$"[..]));
    }

    #[test]
    fn several_diacritics_outermost_first() {
        assert_eq!(dec(b"\xC2\xC3a").as_deref(), Ok("ấ"));
        assert_eq!(encode(Charset::Iso5426, "ấ").as_deref(), Ok(&b"\xC2\xC3a"[..]));
        assert_eq!(dec(b"\xC5\xC8U").as_deref(), Ok("Ǖ"));
        assert_eq!(encode(Charset::Iso5426, "Ǖ").as_deref(), Ok(&b"\xC5\xC8U"[..]));
        // Ǽ: acute over Æ (a spacing special).
        assert_eq!(dec(b"\xC2\xE1").as_deref(), Ok("Ǽ"));
    }

    #[test]
    fn ligature_halves() {
        assert_eq!(dec(b"\xDDt\xDEs").as_deref(), Ok("t\u{FE20}s\u{FE21}"));
        assert_eq!(dec(b"\xDDn\xDFg").as_deref(), Ok("n\u{FE22}g\u{FE23}"));
        assert_eq!(encode(Charset::Iso5426, "t\u{361}s").as_deref(), Ok(&b"\xDDt\xDEs"[..]));
        assert_eq!(encode(Charset::Iso5426, "n\u{FE22}g\u{FE23}").as_deref(), Ok(&b"\xDDn\xDFg"[..]));
    }

    #[test]
    fn unverified_and_invalid_bytes_are_errors() {
        for b in [0xD1u8, 0xDC, 0xB3, 0xE0, 0xE3, 0xFD, 0xFF, 0xA0, 0x80, 0x1B, 0x7F] {
            let e = dec(&[b'a', b, b'b']).unwrap_err();
            assert_eq!((e.offset, e.byte), (1, b), "{b:#x}");
        }
        let e = dec(b"ab\xC2").unwrap_err();
        assert_eq!(e.offset, 2);
        let e = encode(Charset::Iso5426, "Мир").unwrap_err();
        assert_eq!((e.character, e.index), ('М', 0));
    }
}
