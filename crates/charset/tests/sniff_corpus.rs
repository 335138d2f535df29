//! `sniff` on real data: whole data areas (as the ISO 2709 reader passes them) and real
//! Russian and Chinese catalogue text re-encoded into each legacy set.

mod common;

use common::{corpus, records};
use qiao_charset::{decode, encode, sniff, Charset};

#[test]
fn utf8_records_sniff_as_utf8() {
    let mut n = 0;
    for path in ["yaz/marccol1.u8.marc", "yaz/marccol3.u8.marc", "yaz/marccol4.u8.marc", "yaz/marccol5.u8.marc"] {
        for rec in records(&corpus(path)) {
            assert_eq!(sniff(&rec.data), Some(Charset::Utf8), "{path}");
            n += 1;
        }
    }
    assert_eq!(n, 32);
}

#[test]
fn rusmarc_records_sniff_as_cp1251() {
    let recs = records(&corpus("ManagedIrbis/TEST1.ISO"));
    for (n, rec) in recs.iter().enumerate() {
        assert_eq!(sniff(&rec.data), Some(Charset::Cp1251), "record #{}", n + 1);
    }
}

/// Real text of one script from a corpus file, field by field (whole field text).
fn field_texts(path: &str, charset: Charset, script: fn(char) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for rec in records(&corpus(path)) {
        for field in &rec.fields {
            let Ok(text) = decode(charset, &field.data) else { continue };
            if text.chars().any(script) {
                out.push(text);
            }
        }
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A Cyrillic word of three letters or more: a field with only initials and one-letter
/// abbreviations ("Ч. 2", "М.", "104 с.") reads as well in any of the three sets.
fn has_cyrillic_word(text: &str) -> bool {
    text.split(|c: char| !is_cyrillic(c) || !c.is_alphabetic()).any(|w| w.chars().count() >= 3)
}

/// TEST1.ISO's Russian fields written in KOI8-R and CP866 instead: each sniffs as the set
/// it was written in.
#[test]
fn russian_fields_in_each_single_byte_set() {
    let all = field_texts("ManagedIrbis/TEST1.ISO", Charset::Cp1251, is_cyrillic);
    assert_eq!(all.len(), 672);
    let texts: Vec<String> = all.into_iter().filter(|t| has_cyrillic_word(t)).collect();
    assert_eq!(texts.len(), 543);
    for cs in [Charset::Cp1251, Charset::Koi8R, Charset::Cp866] {
        let mut tried = 0;
        let mut wrong = Vec::new();
        for text in &texts {
            let Ok(bytes) = encode(cs, text) else { continue };
            tried += 1;
            let guess = sniff(&bytes);
            if guess != Some(cs) {
                wrong.push(format!("{text:?} -> {guess:?}"));
            }
        }
        println!("{cs}: {} of {tried} wrong\n{}", wrong.len(), wrong.join("\n"));
        assert!(tried > 450, "{cs}: {tried}");
        assert!(wrong.is_empty(), "{cs}: {} of {tried} wrong", wrong.len());
    }
}

/// Chinese catalogue fields (YAZ's UTF-8 test records) in GB18030 and Big5.
#[test]
fn chinese_fields_in_gb18030_and_big5() {
    let mut texts = Vec::new();
    for path in ["yaz/marccol1.u8.marc", "yaz/marccol3.u8.marc", "yaz/marccol4.u8.marc"] {
        texts.extend(field_texts(path, Charset::Utf8, is_han));
    }
    for cs in [Charset::Gb18030, Charset::Big5] {
        let mut tried = 0;
        let mut wrong = Vec::new();
        for text in &texts {
            let Ok(bytes) = encode(cs, text) else { continue };
            tried += 1;
            let guess = sniff(&bytes);
            if guess != Some(cs) {
                wrong.push(format!("{text:?} -> {guess:?}"));
            }
        }
        println!("{cs}: {} of {tried} wrong\n{}", wrong.len(), wrong.join("\n"));
        assert!(tried > 20, "{cs}: {tried}");
        assert!(wrong.is_empty(), "{cs}: {} of {tried} wrong", wrong.len());
    }
}
