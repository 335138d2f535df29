//! NFC helpers shared by the codecs.
//!
//! Encoders work on NFC text but must report unmappable characters by their index in the
//! caller's text, which may be in any form; so text is normalized piece by piece (a piece
//! starts at a character that can never combine with what precedes it) and every output
//! character remembers where its piece began.

use std::borrow::Cow;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `text` in NFC, without reallocating when it already is.
pub fn nfc_owned(text: String) -> String {
    match nfc(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normalized) => normalized,
    }
}

/// `text` in NFC, borrowed when it already is (nearly always).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if plainly_nfc(text.as_bytes()) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// UTF-8 text made only of characters that NFC leaves alone whatever surrounds them
/// (quick check Yes, combining class 0), told by their first bytes: U+0000–U+02FF (Latin),
/// U+0400–U+047F (Cyrillic), U+2010–U+2027 (dashes, quotes), U+2116 (№), U+3000–U+3029
/// (CJK punctuation), U+4000–U+9FFF (CJK ideographs), U+FF00–U+FF7F (full-width forms).
/// The scripts of MARC records pass at close to memory speed; anything else is left to the
/// general quick check. A test checks every character this accepts against the tables.
pub fn plainly_nfc(bytes: &[u8]) -> bool {
    if bytes.is_ascii() {
        return true;
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            0x00..=0x7F => 1,
            0xC2..=0xCB | 0xD0 | 0xD1 => 2,
            0xE4..=0xE9 => 3,
            0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0x90..=0xA7)) | (Some(0x84), Some(0x96)) => 3,
                _ => return false,
            },
            0xE3 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2).is_some_and(|b| *b < 0xAA) => 3,
            0xEF if matches!(bytes.get(i + 1), Some(0xBC | 0xBD)) => 3,
            _ => return false,
        };
    }
    true
}

/// NFC text plus, for each of its chars, the char index in the original text.
pub(crate) struct Normalized {
    /// The text in NFC.
    pub(crate) text: String,
    /// `origins[i]` is the index in the input of the i-th char of `text` (or of the start
    /// of the combining sequence it came from, when normalization changed its length).
    pub(crate) origins: Vec<usize>,
}

impl Normalized {
    pub(crate) fn new(input: &str) -> Self {
        let mut text = String::with_capacity(input.len());
        let mut origins = Vec::with_capacity(input.len());
        let chars: Vec<char> = input.chars().collect();
        let mut start = 0;
        while start < chars.len() {
            let mut end = start + 1;
            while end < chars.len() && !is_boundary(chars[end]) {
                end += 1;
            }
            let piece = &chars[start..end];
            let before = text.len();
            text.extend(piece.iter().copied().nfc());
            let produced = text[before..].chars().count();
            for k in 0..produced {
                // Same length: positions correspond (at most marks were reordered).
                origins.push(if produced == piece.len() { start + k } else { start });
            }
            start = end;
        }
        Normalized { text, origins }
    }

    /// The original index of the char that starts at byte `byte_offset` of `text`.
    pub(crate) fn origin_at_byte(&self, byte_offset: usize) -> usize {
        let char_index = self.text[..byte_offset.min(self.text.len())].chars().count();
        self.origins.get(char_index).copied().unwrap_or(char_index)
    }
}

/// A char that NFC never combines with anything before it: a new piece can start here.
fn is_boundary(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// True for a combining mark (non-zero combining class): it belongs to the char before it.
pub(crate) fn is_mark(c: char) -> bool {
    canonical_combining_class(c) != 0
}

/// Double diacritics spanning two letters: Unicode's single mark (written after the
/// first letter) becomes MARC-8's two halves, the second one on the next letter.
pub(crate) fn double_diacritic_halves(c: char) -> Option<(char, char)> {
    match c {
        '\u{0361}' => Some(('\u{FE20}', '\u{FE21}')),
        '\u{0360}' => Some(('\u{FE22}', '\u{FE23}')),
        _ => None,
    }
}

/// One base character with the marks that follow it, each with its index in the input.
pub(crate) struct Cluster {
    pub(crate) base: (char, usize),
    pub(crate) marks: Vec<(char, usize)>,
}

/// Splits NFC text into clusters at every char that `attaches` says is not a mark; a mark
/// with no base before it is returned as an error.
pub(crate) fn clusters(text: &Normalized, attaches: impl Fn(char) -> bool) -> Result<Vec<Cluster>, (char, usize)> {
    let mut out: Vec<Cluster> = Vec::new();
    for (k, c) in text.text.chars().enumerate() {
        let index = text.origins.get(k).copied().unwrap_or(k);
        if attaches(c) {
            match out.last_mut() {
                Some(cl) => cl.marks.push((c, index)),
                None => return Err((c, index)),
            }
        } else {
            out.push(Cluster { base: (c, index), marks: Vec::new() });
        }
    }
    Ok(out)
}

/// Splits `base` into the longest composed prefix that `has` accepts plus leftover marks
/// (canonical decomposition, e.g. U+1EDA Ớ → Ơ + acute, because ANSEL has Ơ but no horn).
pub(crate) fn split_base(base: char, has: impl Fn(char) -> bool) -> Option<(char, Vec<char>)> {
    if has(base) {
        return Some((base, Vec::new()));
    }
    let decomposed: Vec<char> = std::iter::once(base).nfd().collect();
    for j in (0..decomposed.len()).rev() {
        let mut composed = decomposed[..=j].iter().copied().nfc();
        if let (Some(c), None) = (composed.next(), composed.next()) {
            if has(c) {
                return Some((c, decomposed[j + 1..].to_vec()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn plainly_nfc_characters_are_nfc_whatever_surrounds_them() {
        let mut accepted = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if plainly_nfc(c.encode_utf8(&mut [0; 4]).as_bytes()) {
                accepted += 1;
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
                assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            }
        }
        assert!(accepted > 20_000);
        assert!(plainly_nfc("Толстой, «Война и мир» – “1869” № 5 紅樓夢，（全角）".as_bytes()));
        assert!(!plainly_nfc("Cafe\u{301}".as_bytes()));
        assert_eq!(nfc("Толстой 紅樓夢"), Cow::Borrowed("Толстой 紅樓夢"));
        assert_eq!(nfc("Е\u{308}лка"), "Ёлка");
        assert_eq!(nfc("Cafe\u{301}"), "Café");
    }

    use super::*;

    #[test]
    fn origins_follow_the_input() {
        let n = Normalized::new("a\u{301}bc");
        assert_eq!(n.text, "ábc");
        assert_eq!(n.origins, vec![0, 2, 3]);
        let n = Normalized::new("x\u{0328}\u{0301}y");
        assert_eq!(n.text, "x\u{0328}\u{0301}y");
        assert_eq!(n.origins, vec![0, 1, 2, 3]);
        // Hangul jamo compose across starters.
        let n = Normalized::new("\u{1100}\u{1161}z");
        assert_eq!(n.text, "가z");
        assert_eq!(n.origins, vec![0, 2]);
        assert_eq!(n.origin_at_byte("가".len()), 2);
    }
}
