//! RUSMARC in Windows-1251: ManagedIrbis' TEST1.ISO (81 records from the National Library
//! of Russia, 100 $a/26-29 = "0189"), and pymarc's MARC 21 sample in CP1251.

mod common;

use common::{corpus, records};
use qiao_charset::{decode, encode, sniff, Charset};

fn cp1251(bytes: &[u8]) -> String {
    decode(Charset::Cp1251, bytes).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn test1_iso_title() {
    let recs = records(&corpus("ManagedIrbis/TEST1.ISO"));
    assert_eq!(recs.len(), 81);
    let title = recs[1].fields("200").next().unwrap_or_else(|| panic!("no 200"));
    assert_eq!(cp1251(title.subfield(b'a').unwrap_or_default()), "Задачи и этюды");
    assert_eq!(cp1251(title.subfield(b'e').unwrap_or_default()), "Сб.");
    assert_eq!(cp1251(title.subfield(b'f').unwrap_or_default()), "Редкол.: В. Н. Барсуков и др.");
    // 100 $a declares the character sets at 26-29.
    let general = recs[1].fields("100").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    assert_eq!(&general[26..30], b"0189");
}

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

#[test]
fn test1_iso_sniffs_as_cp1251_and_round_trips() {
    let recs = records(&corpus("ManagedIrbis/TEST1.ISO"));
    let mut values = 0;
    let mut fields = 0;
    let mut wrong = Vec::new();
    for (n, rec) in recs.iter().enumerate() {
        let mut record_bytes = Vec::new();
        for field in &rec.fields {
            // The whole field, subfield delimiters included.
            let text = cp1251(&field.data);
            assert_eq!(encode(Charset::Cp1251, &text).as_deref(), Ok(&field.data[..]));
            if has_cyrillic(&text) {
                fields += 1;
                assert_eq!(sniff(&field.data), Some(Charset::Cp1251), "#{} {} {text:?}", n + 1, field.tag);
                record_bytes.extend_from_slice(&field.data);
                record_bytes.push(0x1E);
            }
            // Each subfield on its own: much less context.
            for (code, value) in field.subfields() {
                let text = cp1251(value);
                if has_cyrillic(&text) {
                    values += 1;
                    let guess = sniff(value);
                    if guess != Some(Charset::Cp1251) {
                        wrong.push(format!("#{} {} ${} {text:?} -> {guess:?}", n + 1, field.tag, char::from(code)));
                    }
                }
            }
        }
        assert_eq!(sniff(&record_bytes), Some(Charset::Cp1251), "record #{}", n + 1);
    }
    assert_eq!(fields, 672);
    assert!(values > 1000, "{values}");
    // The one miss: "Nш 3(21), 98", a typo for "№ 3(21)" where a Cyrillic letter is glued
    // to a Latin one; read as ISO 5426 it is "Nł 3(21), 98", which looks like Latin text.
    assert_eq!(wrong, vec!["#16 225 $v \"Nш 3(21), 98\" -> Some(Iso5426)".to_string()]);
}

#[test]
fn pymarc_1251_sample() {
    // MARC 21 records in CP1251 under a blank leader/09 (pymarc's 1251.dat).
    let recs = records(&corpus("pymarc/1251.dat"));
    assert_eq!(recs.len(), 6);
    let mut checked = 0;
    for rec in &recs {
        for field in rec.fields.iter().filter(|f| has_cyrillic(&cp1251(&f.data))) {
            assert_eq!(sniff(&field.data), Some(Charset::Cp1251), "{} {:?}", field.tag, cp1251(&field.data));
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked}");
    let title = recs[0].fields("245").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    assert_eq!(cp1251(title), "Основы гидравлического расчета инженерных сетей");
}
