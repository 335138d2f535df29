//! Character sets of MARC data in the wild, decoded to NFC text and encoded back.
//!
//! MARC files exchanged between Chinese and Russian libraries arrive in UTF-8, MARC-8
//! (MARC 21), ISO 5426 (older UNIMARC), CP1251 / CP866 / KOI8-R (RUSMARC) and GB18030 /
//! Big5 (CNMARC and older Chinese systems); their labels (leader/09, 100 $a/26-29) are
//! often wrong. This crate decodes field bytes strictly — a bad byte is an error with its
//! offset, never a silent U+FFFD — encodes without ever substituting "?", and guesses the
//! set of unlabelled bytes ([`sniff`]).
//!
//! Everything works on one field (or subfield) value at a time: MARC-8 escape state and
//! ISO 5426 diacritics never carry across fields.
//!
//! Conventions worth knowing:
//! - MARC-8's ligature and double-tilde halves (ANSEL EB/EC, FA/FB) decode to U+FE20–U+FE23
//!   (lossless); U+0361/U+0360 are accepted when encoding and written as the two halves.
//! - NSB/NSE decode to U+0098/U+009C from MARC-8 (LoC tables) and to U+0088/U+0089 from
//!   ISO 5426 (as UTF-8 UNIMARC carries them); both pairs are accepted when encoding.
//! - ISO 5426 holds only the positions two public tables agree on (see `iso5426`); other
//!   bytes, and ISO 2022 escapes inside ISO 5426 data, are decode errors.

mod iso5426;
mod legacy;
mod marc8;
// Generated data (tools/): neither linted nor reformatted.
#[allow(clippy::all)]
#[rustfmt::skip]
mod marc8_tables;
mod norm;
#[allow(clippy::all)]
#[rustfmt::skip]
mod ru_bigrams;
mod sniff;

pub use norm::{nfc, nfc_owned, plainly_nfc};
use std::fmt;
use std::str::FromStr;

/// A character set that MARC field bytes can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Charset {
    /// UTF-8 (MARC 21 leader/09 = 'a', UNIMARC 100 $a/26-29 = "50  ").
    Utf8,
    /// MARC-8: ASCII + ANSEL with ISO 2022 escapes to Cyrillic, Greek, Hebrew, Arabic, EACC.
    Marc8,
    /// ISO 5426 extended Latin with ISO 646 (ASCII) as G0 (UNIMARC "03").
    Iso5426,
    /// Windows-1251 (Russian; RUSMARC from IRBIS and the NLR, often declared "0189").
    Cp1251,
    /// IBM/DOS 866 (old Russian DOS systems).
    Cp866,
    /// KOI8-R (old Russian Unix systems).
    Koi8R,
    /// GB18030, a superset of GB2312 and GBK (Chinese, simplified).
    Gb18030,
    /// Big5 (Chinese, traditional; decoded as WHATWG Big5, i.e. with HKSCS).
    Big5,
}

impl Charset {
    /// Every supported set, in a stable order (for menus and tests).
    pub const ALL: [Charset; 8] = [
        Charset::Utf8,
        Charset::Marc8,
        Charset::Iso5426,
        Charset::Cp1251,
        Charset::Cp866,
        Charset::Koi8R,
        Charset::Gb18030,
        Charset::Big5,
    ];

    /// The canonical lowercase name, as shown to users and stored in settings.
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Marc8 => "marc-8",
            Charset::Iso5426 => "iso-5426",
            Charset::Cp1251 => "cp1251",
            Charset::Cp866 => "cp866",
            Charset::Koi8R => "koi8-r",
            Charset::Gb18030 => "gb18030",
            Charset::Big5 => "big5",
        }
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of the supported character sets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown character set {0:?}")]
pub struct UnknownCharset(pub String);

impl FromStr for Charset {
    type Err = UnknownCharset;

    /// Accepts the canonical names and the aliases met in files, settings and other
    /// tools, case-insensitively; "-", "_" and spaces are ignored ("UTF_8", "koi8r").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String =
            s.trim().chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect();
        let cs = match key.as_str() {
            "utf8" | "unicode" | "ucs" => Charset::Utf8,
            "marc8" | "marc" | "ansel" => Charset::Marc8,
            "iso5426" | "5426" => Charset::Iso5426,
            "cp1251" | "windows1251" | "win1251" | "1251" | "ansi1251" | "xcp1251" => Charset::Cp1251,
            "cp866" | "ibm866" | "866" | "dos866" | "csibm866" => Charset::Cp866,
            "koi8r" | "koi8" | "cskoi8r" => Charset::Koi8R,
            "gb18030" | "gb2312" | "gbk" | "cp936" | "euccn" | "xgbk" | "csgb2312" => Charset::Gb18030,
            "big5" | "big5hkscs" | "cp950" | "csbig5" | "xxbig5" => Charset::Big5,
            _ => return Err(UnknownCharset(s.to_string())),
        };
        Ok(cs)
    }
}

/// Bytes that are not valid in the character set they were decoded as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {byte:#04x} at offset {offset} is not valid {charset}")]
pub struct DecodeError {
    /// The set the bytes were decoded as.
    pub charset: Charset,
    /// Offset of the offending byte in the bytes given to [`decode`].
    pub offset: usize,
    /// The offending byte (the first byte of a malformed sequence).
    pub byte: u8,
}

/// A character that the target set has no code for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{character:?} (U+{code:04X}) cannot be written in {charset}")]
pub struct Unmappable {
    /// The set that was being written.
    pub charset: Charset,
    /// The character without a code (in NFC; a decomposed input is reported composed).
    pub character: char,
    /// `character` as a code point, for messages.
    pub code: u32,
    /// Index, in chars of the input, of the character (or of the start of the combining
    /// sequence it was composed from).
    pub index: usize,
}

/// Decodes one field's bytes (no MARC delimiters 0x1D/0x1E/0x1F inside) and returns NFC text.
///
/// Strict: the first byte that is not valid in `charset` is a [`DecodeError`] with its
/// offset, so that a wrong guess of the set is noticed instead of producing mojibake.
pub fn decode(charset: Charset, bytes: &[u8]) -> Result<String, DecodeError> {
    let text = match charset {
        Charset::Utf8 => match simdutf8::compat::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let offset = e.valid_up_to();
                return Err(DecodeError { charset, offset, byte: bytes.get(offset).copied().unwrap_or(0) });
            }
        },
        Charset::Marc8 => marc8::decode(bytes)?,
        Charset::Iso5426 => iso5426::decode(bytes)?,
        Charset::Cp1251 | Charset::Cp866 | Charset::Koi8R | Charset::Gb18030 | Charset::Big5 => {
            legacy::decode(charset, bytes)?
        }
    };
    Ok(norm::nfc_owned(text))
}

/// Encodes text (any normalization form); never substitutes "?": the first unmappable
/// character is an error.
///
/// The text is brought to NFC first; MARC-8 and ISO 5426 then split characters into base
/// letter + diacritics where their tables need it and write the diacritics first, as those
/// sets require. A MARC-8 result always ends back in ASCII (G0) and ANSEL (G1).
pub fn encode(charset: Charset, text: &str) -> Result<Vec<u8>, Unmappable> {
    match charset {
        // UTF-8 holds every character: only the normalization form matters.
        Charset::Utf8 => Ok(norm::nfc_owned(text.to_string()).into_bytes()),
        Charset::Marc8 => marc8::encode(&norm::Normalized::new(text)),
        Charset::Iso5426 => iso5426::encode(&norm::Normalized::new(text)),
        Charset::Cp1251 | Charset::Cp866 | Charset::Koi8R | Charset::Gb18030 | Charset::Big5 => {
            legacy::encode(charset, &norm::Normalized::new(text))
        }
    }
}

/// Guesses the character set of some field bytes.
///
/// Valid UTF-8 containing non-ASCII → `Utf8`; MARC-8 escape sequences or ANSEL
/// diacritic-before-letter patterns → `Marc8` (ISO 5426's own diacritic range →
/// `Iso5426`); single-byte Cyrillic: `Cp1251`, `Koi8R` or `Cp866`, whichever reads as the
/// most plausible Russian (letter frequencies, no capital letter after a small one, no
/// Cyrillic glued to Latin); CJK double-byte: `Gb18030` or `Big5` by validity and by how
/// common the characters are. `None` when the bytes are pure ASCII (any set fits) or
/// nothing fits.
pub fn sniff(bytes: &[u8]) -> Option<Charset> {
    sniff::sniff(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_from_str() {
        for cs in Charset::ALL {
            assert_eq!(cs.name().parse::<Charset>(), Ok(cs));
            assert_eq!(cs.to_string(), cs.name());
            assert_eq!(cs.name().to_uppercase().parse::<Charset>(), Ok(cs));
        }
    }

    #[test]
    fn aliases_parse() {
        let cases = [
            ("UTF8", Charset::Utf8),
            ("marc8", Charset::Marc8),
            ("ISO_5426", Charset::Iso5426),
            ("windows-1251", Charset::Cp1251),
            ("IBM866", Charset::Cp866),
            ("koi8r", Charset::Koi8R),
            ("GB2312", Charset::Gb18030),
            ("gbk", Charset::Gb18030),
            ("Big5-HKSCS", Charset::Big5),
        ];
        for (name, cs) in cases {
            assert_eq!(name.parse::<Charset>(), Ok(cs), "{name}");
        }
        assert!("latin-1".parse::<Charset>().is_err());
    }

    #[test]
    fn utf8_is_validated_with_offset_and_normalized() {
        assert_eq!(decode(Charset::Utf8, "e\u{301}".as_bytes()), Ok("é".to_string()));
        let err = decode(Charset::Utf8, b"ab\xC3(").unwrap_err();
        assert_eq!((err.offset, err.byte), (2, 0xC3));
        let err = decode(Charset::Utf8, b"abc\xE4\xB8").unwrap_err();
        assert_eq!((err.offset, err.byte), (3, 0xE4));
        assert_eq!(err.to_string(), "byte 0xe4 at offset 3 is not valid utf-8");
    }

    #[test]
    fn encode_utf8_is_nfc() {
        assert_eq!(encode(Charset::Utf8, "e\u{301}"), Ok("é".as_bytes().to_vec()));
    }

    #[test]
    fn unmappable_message() {
        let err = encode(Charset::Cp1251, "Лу Синь 鲁迅").unwrap_err();
        assert_eq!(err.index, 8);
        assert_eq!(err.character, '鲁');
        assert_eq!(err.to_string(), "'鲁' (U+9C81) cannot be written in cp1251");
    }
}
