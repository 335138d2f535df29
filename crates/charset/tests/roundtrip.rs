//! Round trips: decode(encode(x)) == NFC(x) for every set over realistic strings, the same
//! bytes whatever the normalization form of x, honest Unmappable errors otherwise, and
//! exhaustive passes over the MARC-8 and ISO 5426 code tables.

use qiao_charset::{decode, encode, Charset};
use unicode_normalization::UnicodeNormalization;

const LATIN: &[&str] = &[
    "Dvořák, Antonín",
    "Łódź",
    "Việt Nam",
    "Gödel, Escher, Bach",
    "São Paulo",
    "Ærø",
    "Œuvres complètes",
    "Þórbergur Þórðarson",
    "İstanbul",
    "Kraków : Wydawnictwo Literackie, 1978.",
];
const RUSSIAN: &[&str] = &[
    "Война и мир",
    "Толстой, Лев Николаевич, 1828-1910.",
    "Ёлка",
    "Москва : Наука, 1987.",
    "Задачи и этюды / Редкол.: В. Н. Барсуков и др.",
    "СССР",
];
const UKRAINIAN: &[&str] = &["Україна", "Ґрунтознавство", "Їжак і єнот"];
const SERBIAN: &[&str] = &["Југославија", "Одлуке и решења"];
const GREEK: &[&str] = &["Ἰλιάς", "Ὀδύσσεια", "αβγ δέλτα", "Ἀριστοτέλης"];
const HEBREW: &[&str] = &["שלום", "תל־אביב", "פון צייט צו צייט"];
const ARABIC: &[&str] = &["كتابخانه عمومى اصفهان.", "مقصود، جواد."];
const SIMPLIFIED: &[&str] = &["鲁迅全集", "中国古代文学史", "人民文学出版社", "北京大学出版社"];
const TRADITIONAL: &[&str] = &["魯迅全集", "紅樓夢", "臺灣商務印書館", "國立中央圖書館"];
const JAPANESE_KOREAN: &[&str] = &["金田一 京助 と アイヌ語", "한글 대장경"];
const MIXED: &[&str] = &["Lu Xun 鲁迅 -- «Война и мир» Ἰλιάς? שלום"];

fn groups() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("latin", LATIN),
        ("russian", RUSSIAN),
        ("ukrainian", UKRAINIAN),
        ("serbian", SERBIAN),
        ("greek", GREEK),
        ("hebrew", HEBREW),
        ("arabic", ARABIC),
        ("simplified", SIMPLIFIED),
        ("traditional", TRADITIONAL),
        ("japanese-korean", JAPANESE_KOREAN),
        ("mixed", MIXED),
    ]
}

/// Which groups each set can hold entirely.
fn holds(cs: Charset, group: &str) -> bool {
    match cs {
        Charset::Utf8 | Charset::Gb18030 | Charset::Marc8 => true,
        Charset::Iso5426 => group == "latin",
        Charset::Cp1251 => matches!(group, "russian" | "ukrainian" | "serbian"),
        Charset::Koi8R | Charset::Cp866 => group == "russian",
        Charset::Big5 => group == "traditional",
    }
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

#[test]
fn every_set_round_trips_what_it_can_hold() {
    let mut checked = 0;
    for cs in Charset::ALL {
        for (group, texts) in groups() {
            for &text in texts {
                let result = encode(cs, text);
                if !holds(cs, group) {
                    // Big5 holds some simplified strings, GB18030 everything; others fail
                    // honestly, pointing at a character of the input.
                    if let Err(e) = &result {
                        let at: String = text.chars().skip(e.index).take(1).collect();
                        assert_eq!(nfc(&at).chars().next(), Some(e.character), "{cs} {text:?}");
                        assert_eq!(e.charset, cs);
                    }
                    continue;
                }
                let bytes = result.unwrap_or_else(|e| panic!("{cs} {group}: {e} in {text:?}"));
                assert_eq!(decode(cs, &bytes).as_deref(), Ok(nfc(text).as_str()), "{cs} {text:?}");
                // Any normalization form gives the same bytes.
                let nfd: String = text.nfd().collect();
                assert_eq!(encode(cs, &nfd).as_deref(), Ok(&bytes[..]), "{cs} NFD {text:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn sets_that_cannot_hold_a_text_say_where() {
    let e = encode(Charset::Koi8R, "Україна").unwrap_err();
    assert_eq!((e.character, e.index), ('ї', 4));
    let e = encode(Charset::Cp866, "Їжак і єнот").unwrap_err();
    assert_eq!((e.character, e.index), ('і', 5));
    let e = encode(Charset::Big5, "鲁迅全集").unwrap_err();
    assert_eq!((e.character, e.index), ('鲁', 0));
    let e = encode(Charset::Iso5426, "Война").unwrap_err();
    assert_eq!((e.character, e.index), ('В', 0));
    // MARC-8 has no em dash: the brief's own example needs "--".
    let e = encode(Charset::Marc8, "Lu Xun 鲁迅 — «Война и мир»").unwrap_err();
    assert_eq!((e.character, e.index), ('—', 10));
    let e = encode(Charset::Cp1251, "Lu Xun 鲁迅").unwrap_err();
    assert_eq!((e.character, e.index), ('鲁', 7));
}

/// The MARC-8 bytes of the mixed example: every script switch is one escape.
#[test]
fn marc8_mixed_script_bytes() {
    let bytes = encode(Charset::Marc8, "Lu Xun 鲁迅, «Мир»").unwrap_or_default();
    assert_eq!(bytes, b"Lu Xun \x1b$1'av![g\x1b(B, \x1b(S0\x1b(NmIR\x1b(S1\x1b(B".to_vec());
}

fn marc8(bytes: &[u8]) -> Option<String> {
    decode(Charset::Marc8, bytes).ok()
}

/// Every code of every single-byte MARC-8 set, designated to G0 and to G1, decodes and
/// survives encode → decode (combining codes on a base letter).
#[test]
fn every_marc8_single_byte_code_round_trips() {
    let finals = b"BE2NQ34Sgbp";
    let mut codes = 0;
    for &f in finals {
        for code in 0x21u8..=0x7E {
            for g1 in [false, true] {
                let mut bytes = if g1 { vec![0x1B, b')', f] } else { vec![0x1B, b'(', f] };
                bytes.push(if g1 { code | 0x80 } else { code });
                let Some(text) = marc8(&bytes) else {
                    // A diacritic needs a base: a space, valid whatever is designated.
                    bytes.push(b' ');
                    let Some(text) = marc8(&bytes) else { continue };
                    let again = encode(Charset::Marc8, &text).unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(marc8(&again), Some(text));
                    codes += 1;
                    continue;
                };
                let again = encode(Charset::Marc8, &text).unwrap_or_else(|e| panic!("{f} {code:#x}: {e}"));
                assert_eq!(marc8(&again), Some(text), "{} {code:#x}", char::from(f));
                codes += 1;
            }
        }
    }
    // 11 sets, each once as G0 and once as G1.
    assert!(codes > 1000, "{codes}");
}

/// Every EACC code decodes and re-encodes to a code of the same character.
#[test]
fn every_eacc_code_round_trips() {
    let mut count = 0;
    let mut field = Vec::with_capacity(8);
    for a in 0x21u8..=0x7E {
        for b in 0x21u8..=0x7E {
            for c in 0x21u8..=0x7E {
                field.clear();
                field.extend_from_slice(b"\x1b$1");
                field.extend_from_slice(&[a, b, c]);
                let Some(text) = marc8(&field) else { continue };
                let again = encode(Charset::Marc8, &text).unwrap_or_else(|e| panic!("{a:x}{b:x}{c:x}: {e}"));
                assert_eq!(marc8(&again).as_deref(), Some(text.as_str()));
                count += 1;
            }
        }
    }
    // The LoC EACC table has 15,739 codes (one, 0x212320, is not reachable: 0x20 is space).
    assert!(count > 15_700, "{count}");
}

/// Every ISO 5426 byte alone, and every diacritic on every ASCII letter.
#[test]
fn every_iso5426_code_round_trips() {
    let mut count = 0;
    for b in 0x80u8..=0xFF {
        let Ok(text) = decode(Charset::Iso5426, &[b]) else { continue };
        let again = encode(Charset::Iso5426, &text).unwrap_or_else(|e| panic!("{b:#x}: {e}"));
        assert_eq!(decode(Charset::Iso5426, &again).as_deref(), Ok(text.as_str()));
        count += 1;
    }
    assert_eq!(count, 47); // 45 spacing characters, NSB, NSE
    for d in 0xC0u8..=0xDF {
        for letter in (b'A'..=b'Z').chain(b'a'..=b'z') {
            let Ok(text) = decode(Charset::Iso5426, &[d, letter]) else { continue };
            let again = encode(Charset::Iso5426, &text).unwrap_or_else(|e| panic!("{d:#x}: {e}"));
            // 0xC9 (umlaut) is written back as 0xC8 (diaeresis), the same mark.
            let expected = if d == 0xC9 { 0xC8 } else { d };
            assert_eq!(again, vec![expected, letter], "{d:#x} {text:?}");
            count += 1;
        }
    }
    assert!(count > 47 + 200, "{count}");
}

/// Every byte of the single-byte Russian sets decodes and encodes back to itself.
#[test]
fn single_byte_sets_are_bijective() {
    for cs in [Charset::Cp1251, Charset::Koi8R, Charset::Cp866] {
        for b in 0x20u8..=0xFF {
            if b == 0x7F {
                continue;
            }
            let text = decode(cs, &[b]).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(encode(cs, &text).as_deref(), Ok(&[b][..]), "{cs} {b:#x} {text:?}");
        }
    }
}
