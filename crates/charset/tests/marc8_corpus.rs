//! MARC-8 against real records: the test files of Perl's MARC::Charset (CJK, Cyrillic,
//! Hebrew, Farsi), the samples of the marc-record crate, pymarc and YAZ.

mod common;

use common::{corpus, records, Field, Record};
use qiao_charset::{decode, encode, sniff, Charset, DecodeError};

fn marc8(bytes: &[u8]) -> Result<String, DecodeError> {
    decode(Charset::Marc8, bytes)
}

fn text(bytes: &[u8]) -> String {
    marc8(bytes).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(bytes)))
}

/// The 880 field linked (subfield 6) to `tag`.
fn linked<'a>(rec: &'a Record, tag: &str) -> &'a Field {
    rec.fields("880")
        .find(|f| f.subfield(b'6').is_some_and(|v| v.starts_with(tag.as_bytes())))
        .unwrap_or_else(|| panic!("no 880 linked to {tag}"))
}

fn only_record(path: &str) -> Record {
    let mut recs = records(&corpus(path));
    assert_eq!(recs.len(), 1, "{path}");
    recs.remove(0)
}

/// Files whose records say MARC-8 (leader/09 blank) and are MARC-8.
///
/// Left out: yaz/marc1.marc, yaz/marc2.marc, yaz/marc-all.marc and idzebra/sample-marc are Danish records
/// in Latin-1/DanMARC under a blank leader/09 ("P\xE5 omslaget"): they decode without
/// error as MARC-8 — a lone 0xE5 is a valid ANSEL macron — but to the wrong text, which
/// no decoder can see from the bytes.
const MARC8_FILES: [(&str, usize); 13] = [
    ("perl-MARC-Charset/cjk1.marc", 1),
    ("perl-MARC-Charset/cjk2.marc", 1),
    ("perl-MARC-Charset/cjk3.marc", 1),
    ("perl-MARC-Charset/cjk4.marc", 1),
    ("perl-MARC-Charset/cyrillic.marc", 1),
    ("perl-MARC-Charset/hebrew1.marc", 1),
    ("perl-MARC-Charset/hebrew2.marc", 1),
    ("perl-MARC-Charset/hebrew3.marc", 1),
    ("perl-MARC-Charset/hebrew4.marc", 1),
    ("crate-marc-record/marc8_multiple.mrc", 109),
    ("crate-marc-record/more_difficult.mrc", 36),
    ("pymarc/marc8.dat", 1),
    ("yaz/marc7.marc", 1),
];

#[test]
fn every_field_of_every_marc8_file_decodes() {
    let mut values = 0;
    let mut non_ascii = 0;
    for (path, count) in MARC8_FILES {
        let recs = records(&corpus(path));
        assert_eq!(recs.len(), count, "{path}");
        for rec in recs.iter().filter(|r| r.coding() == b' ') {
            for field in &rec.fields {
                for (code, value) in field.subfields() {
                    if let Err(e) = marc8(value) {
                        panic!("{path} {} ${}: {e}", field.tag, char::from(code));
                    }
                    values += 1;
                    if !value.is_ascii() || value.contains(&0x1B) {
                        non_ascii += 1;
                    }
                }
            }
        }
    }
    // The splitter really reached the data.
    assert!(values > 9000, "{values}");
    assert!(non_ascii > 2000, "{non_ascii}");
}

/// A codec sniffs whole data areas: MARC-8 records are MARC-8 (or plain ASCII).
#[test]
fn marc8_records_sniff_as_marc8() {
    let mut marc8_records = 0;
    for (path, _) in MARC8_FILES {
        for rec in records(&corpus(path)).iter().filter(|r| r.coding() == b' ') {
            match sniff(&rec.data) {
                Some(Charset::Marc8) => marc8_records += 1,
                None => assert!(rec.data.is_ascii(), "{path}"),
                other => panic!("{path}: {other:?}"),
            }
        }
    }
    assert!(marc8_records > 100, "{marc8_records}");
}

/// Re-encoding what was decoded gives bytes that decode to the same text: the encoder
/// covers everything the corpus uses (Latin diacritics, Cyrillic, Hebrew, EACC ...).
#[test]
fn decoded_corpus_text_encodes_back_to_marc8() {
    let mut checked = 0;
    for (path, _) in MARC8_FILES {
        for rec in records(&corpus(path)).iter().filter(|r| r.coding() == b' ') {
            for field in &rec.fields {
                for (_, value) in field.subfields() {
                    let once = text(value);
                    let bytes = encode(Charset::Marc8, &once)
                        .unwrap_or_else(|e| panic!("{path} {}: {e} in {once:?}", field.tag));
                    assert_eq!(text(&bytes), once, "{path} {}", field.tag);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 9000);
}

#[test]
fn cyrillic_title() {
    let rec = only_record("perl-MARC-Charset/cyrillic.marc");
    // Serbian, with Extended Cyrillic (њ, љ, ј) designated to G0 by ESC ( Q.
    let title = linked(&rec, "245");
    assert_eq!(text(title.subfield(b'a').unwrap_or_default()), "Одлуке и решења Савезног уставног суда.");
    let earlier = linked(&rec, "780");
    assert_eq!(text(earlier.subfield(b't').unwrap_or_default()), "Одлуке и мишљења Уставног суда Југославије");
    assert_eq!(text(linked(&rec, "260").subfield(b'a').unwrap_or_default()), "Београд :");
    // The romanized 245 as catalogued (a breve, not a caron, on the s).
    let roman = rec.fields("245").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    assert_eq!(text(roman), "Odluke i res\u{306}enja Saveznog ustavnog suda.");
}

#[test]
fn cjk_titles() {
    let rec = only_record("perl-MARC-Charset/cjk1.marc");
    let roman = rec.fields("245").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    assert_eq!(text(roman), "Kindaichi Kyōsuke to Ainugo /");
    assert_eq!(text(linked(&rec, "245").subfield(b'a').unwrap_or_default()), "金田一 京助 と アイヌ語 /");
    assert_eq!(text(linked(&rec, "260").subfield(b'b').unwrap_or_default()), "三一 書房,");

    // Simplified Chinese: Lu Xun and the culture of eastern Zhejiang.
    let rec = only_record("perl-MARC-Charset/cjk3.marc");
    let title = linked(&rec, "245");
    assert_eq!(text(title.subfield(b'a').unwrap_or_default()), "鲁  迅  与  浙东  文化 /");
    assert_eq!(text(title.subfield(b'c').unwrap_or_default()), "陈  方竞  著.");
    assert_eq!(text(linked(&rec, "260").subfield(b'b').unwrap_or_default()), "吉林  大学  出版社,");

    // Korean hangul and hanja, with EACC's ideographic space.
    let rec = only_record("perl-MARC-Charset/cjk4.marc");
    assert_eq!(text(linked(&rec, "250").subfield(b'a').unwrap_or_default()), "초판．");
    assert_eq!(text(linked(&rec, "490").subfield(b'a').unwrap_or_default()), "한글\u{3000}대장경");
}

#[test]
fn hebrew_titles() {
    let rec = only_record("perl-MARC-Charset/hebrew1.marc");
    // The Hebrew-script title is a varying form (246) in this record.
    assert_eq!(text(linked(&rec, "246").subfield(b'b').unwrap_or_default()), "בטאון איגוד כללי סופרים.");
    assert_eq!(text(linked(&rec, "260").subfield(b'a').unwrap_or_default()), "תל־אביב :");
    // Yiddish.
    let rec = only_record("perl-MARC-Charset/hebrew3.marc");
    assert_eq!(text(linked(&rec, "246").subfield(b'a').unwrap_or_default()), "פון צייט צו צייט");
    let roman = rec.fields("245").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    assert_eq!(text(roman), "Fun tsayṭ tsu tsayṭ");
}

#[test]
fn farsi_lines() {
    // Not ISO 2709: one MARC-8 string per line, Basic Arabic in G0, Extended in G1.
    let data = corpus("perl-MARC-Charset/farsi.marc");
    let lines: Vec<String> = data.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(text).collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], "كتابخانه عمومى اصفهان.");
    // 0x8E is ZERO WIDTH NON-JOINER, inside "nuskhe-ha".
    assert_eq!(lines[1], "فهرست نسخه\u{200C}هاى خطى كتابخانۀ عمومى اصفهان /");
    assert_eq!(lines[4], "مقصود، جواد.");
}

#[test]
fn latin_with_diacritics() {
    let rec = only_record("pymarc/marc8.dat");
    let title = rec.fields("240").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    assert_eq!(text(title), "De la solitude à la communauté.");
    let rec = only_record("perl-MARC-Charset/cjk4.marc");
    let uniform = rec.fields("130").next().and_then(|f| f.subfield(b'p')).unwrap_or_default();
    assert_eq!(text(uniform), "Vinayapiṭaka.");
}

/// Records that are broken on purpose, or not MARC-8 despite leader/09: the error must
/// point at the exact byte.
#[test]
fn broken_records_fail_at_the_right_byte() {
    // pymarc's test of bad escapes: ESC followed by a letter ("Soci\x1bt\xe9e").
    let rec = only_record("pymarc/bad_marc8_escape.dat");
    let title = rec.fields("245").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    let e = marc8(title).unwrap_err();
    assert_eq!(&title[..e.offset], b"Bulletin de la Soci\xE2et\xE2e linn\x1b");
    assert_eq!((e.offset, e.byte), (30, b'e'));

    // pymarc's test of bad EACC: an III placeholder "{6924f6}" inside an EACC run.
    let rec = only_record("pymarc/bad_eacc_encoding.dat");
    let bad = linked(&rec, "245").subfield(b'a').unwrap_or_default();
    let e = marc8(bad).unwrap_err();
    assert_eq!((e.offset, e.byte), (27, b'{'));

    // YAZ's marc10/marc11 carry Danish DanMARC2 test text (with "@" escapes) under a
    // blank leader/09: 0xAF is not an ANSEL code.
    let rec = only_record("yaz/marc11.marc");
    let note = rec.fields("505").next().and_then(|f| f.subfield(b'a')).unwrap_or_default();
    let e = marc8(note).unwrap_err();
    assert_eq!((e.offset, e.byte), (11, 0xAF));
    assert_eq!(&note[..11], b":_;`;\xB4;^;~;");
}

/// YAZ ships the same records as MARC-8 (marcN.marc) and as its own UTF-8 conversion
/// (marcN.xml.marc): both must give the same text. (marc1 and marc2 are Latin-1 under a
/// MARC-8 label, see above.)
#[test]
fn yaz_marc8_and_utf8_versions_agree() {
    for n in [7, 9] {
        let m8 = records(&corpus(&format!("yaz/marc{n}.marc")));
        let u8s = records(&corpus(&format!("yaz/marc{n}.xml.marc")));
        assert_eq!(m8.len(), u8s.len());
        let mut compared = 0;
        for (a, b) in m8.iter().zip(&u8s) {
            let fa: Vec<_> = a.fields.iter().filter(|f| !f.is_control()).collect();
            let fb: Vec<_> = b.fields.iter().filter(|f| !f.is_control()).collect();
            assert_eq!(fa.len(), fb.len(), "marc{n}");
            for (x, y) in fa.iter().zip(&fb) {
                for ((_, va), (_, vb)) in x.subfields().into_iter().zip(y.subfields()) {
                    // YAZ writes MARC-8's ligature and double tilde halves (EB/EC, FA/FB)
                    // as LoC's newer single marks U+0361/U+0360; this crate keeps the
                    // halves (U+FE20..U+FE23), which round-trip.
                    let ua: String = text(va)
                        .replace('\u{FE20}', "\u{361}")
                        .replace('\u{FE22}', "\u{360}")
                        .replace(['\u{FE21}', '\u{FE23}'], "");
                    let ub = decode(Charset::Utf8, vb).unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(ua, ub, "marc{n} {}", x.tag);
                    compared += 1;
                }
            }
        }
        assert!(compared > 10, "marc{n}");
    }
}
