//! What the `charset` target checks, for every set: decoding any bytes and encoding any
//! text never panic, errors point inside the input, and what one direction produces the
//! other takes back. Included by path in `crates/charset/tests/fuzz_regressions.rs`, so it
//! uses only `qiao_charset`, `unicode_normalization` and std.

use qiao_charset::{decode, encode, sniff, Charset};
use unicode_normalization::UnicodeNormalization;

/// Sets whose encoder takes more than their decoder gives back: MARC-8 and ISO 5426 accept
/// both pairs of non-sorting markers and U+0360/U+0361 for the ligature halves (see the
/// crate documentation), so for them only the bytes are compared, not the text.
fn has_aliases(charset: Charset) -> bool {
    matches!(charset, Charset::Marc8 | Charset::Iso5426)
}

/// Checks one input as bytes in every set and, when it is UTF-8, as text in every set.
pub fn check(data: &[u8]) {
    let _ = sniff(data);
    for charset in Charset::ALL {
        bytes_in(charset, data);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for charset in Charset::ALL {
            text_in(charset, text);
        }
    }
}

/// Decoding: an error names a byte of the input; text that was decoded is NFC and, when
/// the set can write it back, reads back the same.
pub fn bytes_in(charset: Charset, data: &[u8]) {
    let text = match decode(charset, data) {
        Ok(text) => text,
        Err(e) => {
            assert_eq!(e.charset, charset);
            assert!(e.offset < data.len(), "{charset}: error offset {} of {} bytes", e.offset, data.len());
            assert_eq!(e.byte, data[e.offset], "{charset}: the error names another byte");
            let _ = e.to_string();
            return;
        }
    };
    assert!(unicode_normalization::is_nfc(&text), "{charset}: decoded text is not NFC: {text:?}");
    match encode(charset, &text) {
        Ok(bytes) => {
            let again = decode(charset, &bytes).unwrap_or_else(|e| panic!("{charset}: re-encoded text fails: {e}"));
            assert_eq!(again, text, "{charset}: decode, encode, decode changed the text ({bytes:?})");
        }
        Err(e) => unmappable_is_honest(charset, &text, &e),
    }
}

/// Encoding: an unmappable error names a character of the input; encoded bytes decode
/// back to the text in NFC (or, for sets with aliases, to text that encodes the same).
pub fn text_in(charset: Charset, text: &str) {
    let bytes = match encode(charset, text) {
        Ok(bytes) => bytes,
        Err(e) => return unmappable_is_honest(charset, text, &e),
    };
    let back = decode(charset, &bytes).unwrap_or_else(|e| panic!("{charset}: encoded {text:?} does not decode: {e}"));
    if has_aliases(charset) {
        let again = encode(charset, &back).unwrap_or_else(|e| panic!("{charset}: {back:?} does not encode again: {e}"));
        assert_eq!(again, bytes, "{charset}: encode, decode, encode changed the bytes of {text:?}");
    } else {
        let nfc: String = text.nfc().collect();
        assert_eq!(back, nfc, "{charset}: encode then decode changed {text:?} ({bytes:?})");
    }
}

fn unmappable_is_honest(charset: Charset, text: &str, e: &qiao_charset::Unmappable) {
    assert_eq!(e.charset, charset);
    assert_eq!(e.code, u32::from(e.character));
    assert!(e.index < text.chars().count().max(1), "{charset}: unmappable index {} in {text:?}", e.index);
    let _ = e.to_string();
}
