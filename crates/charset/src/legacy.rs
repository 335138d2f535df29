//! CP1251, CP866, KOI8-R, GB18030 and Big5 through encoding_rs, made strict.
//!
//! encoding_rs follows the WHATWG Encoding Standard: its convenience functions replace
//! malformed input with U+FFFD and unmappable output with HTML numeric character
//! references. Catalogue data must not be altered silently, so only the
//! `*_without_replacement` streaming calls are used here and every problem becomes an
//! error carrying its position.

use encoding_rs::{DecoderResult, EncoderResult, Encoding};

use crate::norm::Normalized;
use crate::{Charset, DecodeError, Unmappable};

fn encoding(charset: Charset) -> &'static Encoding {
    match charset {
        Charset::Cp1251 => encoding_rs::WINDOWS_1251,
        Charset::Cp866 => encoding_rs::IBM866,
        Charset::Koi8R => encoding_rs::KOI8_R,
        Charset::Gb18030 => encoding_rs::GB18030,
        Charset::Big5 => encoding_rs::BIG5,
        // Only the five sets above are routed here by the callers; UTF-8 is the one
        // WHATWG encoding whose strictness matches, so it is a safe answer.
        Charset::Utf8 | Charset::Marc8 | Charset::Iso5426 => encoding_rs::UTF_8,
    }
}

/// Decodes without replacement; the error points at the first byte of the malformed
/// sequence.
pub(crate) fn decode(charset: Charset, bytes: &[u8]) -> Result<String, DecodeError> {
    let mut decoder = encoding(charset).new_decoder_without_bom_handling();
    let capacity =
        decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len().max(16)),
            DecoderResult::Malformed(bad, after) => {
                let offset = read_total.saturating_sub(usize::from(after)).saturating_sub(usize::from(bad));
                return Err(DecodeError { charset, offset, byte: bytes.get(offset).copied().unwrap_or(0) });
            }
        }
    }
}

/// Encodes NFC text; the first character the set lacks is [`Unmappable`].
pub(crate) fn encode(charset: Charset, text: &Normalized) -> Result<Vec<u8>, Unmappable> {
    let src = text.text.as_str();
    let mut encoder = encoding(charset).new_encoder();
    let capacity =
        encoder.max_buffer_length_from_utf8_without_replacement(src.len()).unwrap_or(src.len().saturating_mul(4));
    let mut out = Vec::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(&src[read_total..], &mut out, true);
        read_total += read;
        match result {
            EncoderResult::InputEmpty => return Ok(out),
            EncoderResult::OutputFull => out.reserve(src.len().max(16)),
            EncoderResult::Unmappable(c) => {
                // The input was consumed up to and including the unmappable char.
                let at = read_total.saturating_sub(c.len_utf8());
                return Err(Unmappable { charset, character: c, code: u32::from(c), index: text.origin_at_byte(at) });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{decode as dec, encode as enc};

    #[test]
    fn cyrillic_single_byte_sets() {
        let text = "Война и мир";
        let cp1251 = b"\xC2\xEE\xE9\xED\xE0 \xE8 \xEC\xE8\xF0";
        let koi8 = b"\xF7\xCF\xCA\xCE\xC1 \xC9 \xCD\xC9\xD2";
        let cp866 = b"\x82\xAE\xA9\xAD\xA0 \xA8 \xAC\xA8\xE0";
        assert_eq!(enc(Charset::Cp1251, text).as_deref(), Ok(&cp1251[..]));
        assert_eq!(enc(Charset::Koi8R, text).as_deref(), Ok(&koi8[..]));
        assert_eq!(enc(Charset::Cp866, text).as_deref(), Ok(&cp866[..]));
        assert_eq!(dec(Charset::Cp1251, cp1251).as_deref(), Ok(text));
        assert_eq!(dec(Charset::Koi8R, koi8).as_deref(), Ok(text));
        assert_eq!(dec(Charset::Cp866, cp866).as_deref(), Ok(text));
        // Ё/ё have their own codes in all three.
        for cs in [Charset::Cp1251, Charset::Koi8R, Charset::Cp866] {
            let bytes = enc(cs, "Ёлка, ёж").unwrap_or_default();
            assert_eq!(dec(cs, &bytes).as_deref(), Ok("Ёлка, ёж"), "{cs}");
        }
    }

    #[test]
    fn decomposed_input_is_composed_before_encoding() {
        // й written as и + combining breve, ё as е + combining diaeresis.
        let bytes = enc(Charset::Cp1251, "Толсто\u{438}\u{306} \u{435}\u{308}").unwrap_or_default();
        assert_eq!(bytes, b"\xD2\xEE\xEB\xF1\xF2\xEE\xE9 \xB8");
    }

    #[test]
    fn chinese_double_byte_sets() {
        let text = "鲁迅全集";
        let gb = b"\xC2\xB3\xD1\xB8\xC8\xAB\xBC\xAF";
        assert_eq!(enc(Charset::Gb18030, text).as_deref(), Ok(&gb[..]));
        assert_eq!(dec(Charset::Gb18030, gb).as_deref(), Ok(text));
        let trad = "魯迅全集";
        let big5 = b"\xBE\x7C\xA8\xB3\xA5\xFE\xB6\xB0";
        assert_eq!(enc(Charset::Big5, trad).as_deref(), Ok(&big5[..]));
        assert_eq!(dec(Charset::Big5, big5).as_deref(), Ok(trad));
    }

    #[test]
    fn malformed_sequences_report_their_offset() {
        // A GB18030 lead byte followed by a space.
        let err = dec(Charset::Gb18030, b"ab\xC2 cd").unwrap_err();
        assert_eq!((err.offset, err.byte, err.charset), (2, 0xC2, Charset::Gb18030));
        // Truncated at the end.
        let err = dec(Charset::Gb18030, b"\xC2\xB3\xD1").unwrap_err();
        assert_eq!((err.offset, err.byte), (2, 0xD1));
        let err = dec(Charset::Big5, b"x\xA4").unwrap_err();
        assert_eq!((err.offset, err.byte), (1, 0xA4));
        // Big5 lead byte with an invalid trail byte.
        let err = dec(Charset::Big5, b"\xA4\x20").unwrap_err();
        assert_eq!(err.offset, 0);
    }

    #[test]
    fn unmappable_is_an_error_not_an_entity() {
        let err = enc(Charset::Big5, "鲁迅").unwrap_err();
        assert_eq!((err.character, err.index), ('鲁', 0));
        let err = enc(Charset::Koi8R, "Ukraïna").unwrap_err();
        assert_eq!((err.character, err.index, err.code), ('ï', 4, 0xEF));
        // Decomposed input: reported composed, at the index where the sequence starts.
        let err = enc(Charset::Cp866, "Dvor\u{30C}ak").unwrap_err();
        assert_eq!((err.character, err.index), ('ř', 3));
        let err = enc(Charset::Cp866, "Дворжа\u{301}к, Antoni\u{301}n").unwrap_err();
        assert_eq!((err.character, err.index), ('\u{301}', 6));
        let err = enc(Charset::Cp1251, "Жизнь a\u{328}").unwrap_err();
        assert_eq!((err.character, err.index), ('ą', 6));
    }
}
