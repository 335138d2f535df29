//! ISO 2709 against real files: the shared corpus of public MARC test suites (many broken
//! on purpose) and Qiao's own demo records.

use qiao_marc::iso2709::{self, ErrorKind, Repair};
use qiao_marc::{mrk, Record};
mod common;

use common::{corpus, demo};

fn read(relative: &str) -> Vec<Result<iso2709::Parsed, iso2709::Iso2709Error>> {
    iso2709::read_bytes(&std::fs::read(corpus(relative)).unwrap())
}

fn write_utf8(record: &Record) -> Vec<u8> {
    iso2709::write(record, &mut iso2709::encode_utf8).unwrap()
}

#[test]
fn demo_records_round_trip_field_for_field() {
    let records = demo();
    let mut file = Vec::new();
    for r in &records {
        file.extend(write_utf8(r));
    }
    let back: Vec<_> = iso2709::read_bytes(&file).into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(back.len(), records.len());
    for (original, parsed) in records.iter().zip(&back) {
        assert!(parsed.repairs.is_empty(), "{:?}", parsed.repairs);
        assert_eq!(parsed.record.fields, original.fields);
        // Only the computed positions of the leader change: lengths and base address.
        let (a, b) = (original.leader.as_str(), parsed.record.leader.as_str());
        assert_eq!((&a[5..12], &a[17..20]), (&b[5..12], &b[17..20]));
    }
}

#[test]
fn lengths_are_bytes_not_characters() {
    let record = mrk::parse_one("=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$a红楼梦\n").unwrap().unwrap();
    let bytes = write_utf8(&record);
    // leader 24, directory 12 + terminator, field: 2 indicators + delimiter + code + 9 bytes + terminator = 14, record terminator
    assert_eq!(bytes.len(), 24 + 13 + 14 + 1);
    assert_eq!(&bytes[..5], b"00052");
    assert_eq!(&bytes[24..36], b"200001400000");
}

#[test]
fn the_writer_refuses_what_iso2709_cannot_hold() {
    let long = "字".repeat(3400); // 10,200 bytes in UTF-8
    let record =
        mrk::parse_one(&format!("=LDR  00000nam0\\2200000\\\\\\450\\\n=330  \\\\$a{long}\n")).unwrap().unwrap();
    let err = iso2709::write(&record, &mut iso2709::encode_utf8).unwrap_err();
    assert!(
        matches!(err, iso2709::WriteError::FieldTooLong { ref tag, length } if tag == "330" && length > 9999),
        "{err:?}"
    );
    let many: String = (0..12).map(|_| format!("=330  \\\\$a{}\n", "字".repeat(3000))).collect();
    let record = mrk::parse_one(&format!("=LDR  00000nam0\\2200000\\\\\\450\\\n{many}")).unwrap().unwrap();
    assert!(
        matches!(iso2709::write(&record, &mut iso2709::encode_utf8), Err(iso2709::WriteError::RecordTooLong(n)) if n > 99_999)
    );
}

#[test]
fn utf8_files_from_the_corpus_read_completely() {
    let files: &[(&str, usize, &str)] = &[
        ("yaz/marccol1.u8.marc", 19, "Handa shishi."),
        ("yaz/marccol5.u8.marc", 11, "English-Bengali Bengali-English combined dictionary ="),
        ("pymarc/test.dat", 10, "ActivePerl with ASP and ADO /"),
        ("pymarc/marc.dat", 20, ""),
        ("pymarc/utf8_with_leader_flag.dat", 1, "Escape from loneliness /"),
        ("perl-MARC-Fast/utf8.marc", 1, "Vjerojatnost :"),
        ("crate-marctk/bib-marc-sample1.mrc", 1, "The Arias for bass :"),
        ("marcjs/bib.mrc", 6, "Greek printing types"),
        ("perl-MARC-File-MiJ/test.mrc", 9, "Studies in art, architecture, and design."),
        ("perl-MARC-Record/camel.usmarc", 10, ""),
        ("idzebra/marc-col.mrc", 3, ""),
    ];
    for (file, count, first_title) in files {
        let records: Vec<_> = read(file).into_iter().map(|r| r.unwrap_or_else(|e| panic!("{file}: {e}"))).collect();
        assert_eq!(records.len(), *count, "{file}");
        if !first_title.is_empty() {
            let title = records[0].record.subfield("245", 'a').or(records[0].record.subfield("200", 'a'));
            assert_eq!(title, Some(*first_title), "{file}");
        }
    }
    let yaz = read("yaz/marccol5.u8.marc");
    assert_eq!(yaz[1].as_ref().unwrap().record.subfield("245", 'a'), Some("Aṣṭādhyāyīsūtrapāṭhaḥ :"));
    let unimarc = read("pymarc/testunimarc.dat");
    // UNIMARC non-sorting markers (NSB/NSE as C1 controls) are kept in the record and kept
    // out of what people see and sort by.
    let record = &unimarc[0].as_ref().unwrap().record;
    assert_eq!(record.subfield("200", 'a'), Some("\u{88}L'\u{89}altra faccia della spirale"));
    let summary = qiao_marc::Summary::of(record, qiao_marc::Flavour::Unimarc);
    assert_eq!(summary.title, "L'altra faccia della spirale");
    assert_eq!(summary.sort_title, "altra faccia della spirale");
}

#[test]
fn damaged_records_are_repaired_and_say_how() {
    let repaired = |file: &str| {
        let mut results = read(file);
        assert_eq!(results.len(), 1, "{file}");
        results.remove(0).unwrap_or_else(|e| panic!("{file}: {e}")).repairs
    };
    let dir = "crate-mrrc/error_fixtures";
    assert_eq!(
        repaired(&format!("{dir}/e001_record_length_below_24.bin")),
        [Repair::RecordLength { declared: Some(10), actual: 150 }]
    );
    assert_eq!(
        repaired(&format!("{dir}/e001_record_length_non_digit.bin")),
        [Repair::RecordLength { declared: None, actual: 150 }]
    );
    assert_eq!(
        repaired(&format!("{dir}/e003_base_address_non_digit.bin")),
        [Repair::BaseAddress { declared: None, actual: 61 }]
    );
    assert_eq!(
        repaired(&format!("{dir}/e004_base_address_past_record.bin")),
        [Repair::BaseAddress { declared: Some(99999), actual: 61 }]
    );
    assert_eq!(repaired(&format!("{dir}/e006_no_record_terminator.bin")), [Repair::MissingRecordTerminator]);
    assert_eq!(
        repaired(&format!("{dir}/e106_field_length_past_data.bin")),
        [Repair::FieldLength { tag: "100".into(), declared: 9999, actual: 25 }]
    );
    // pymarc's regression file: "\" (a text format's blank) left in the 752 indicators.
    let regression: Vec<_> = read("pymarc/regression45.dat").into_iter().map(Result::unwrap).collect();
    assert_eq!(regression.len(), 12);
    assert!(regression[0].repairs.contains(&Repair::Indicators { tag: "752".into(), found: "  \\".into() }));
    assert_eq!(regression[0].record.field("752").unwrap().indicators(), Some((' ', ' ')));
}

#[test]
fn what_cannot_be_repaired_names_record_offset_and_cause() {
    let error = |file: &str| read(&format!("crate-mrrc/error_fixtures/{file}")).remove(0).unwrap_err();
    let e = error("e005_truncated_record.bin");
    assert!(matches!(e.kind, ErrorKind::FieldOutOfRecord { ref tag, .. } if tag == "650"), "{e}");
    assert_eq!((e.record, e.offset), (1, 100));
    assert!(matches!(error("e101_directory_non_digit_length.bin").kind, ErrorKind::BadDirectoryEntry { index: 1, .. }));
    assert!(matches!(error("e101_non_ascii_tag.bin").kind, ErrorKind::BadDirectoryEntry { index: 1, .. }));
    assert!(
        matches!(error("e106_expected_subfield_delimiter.bin").kind, ErrorKind::ExpectedSubfield { ref tag } if tag == "100")
    );
    assert!(matches!(error("e202_non_printable_subfield_code.bin").kind, ErrorKind::BadSubfieldCode { byte: 0, .. }));
    let e = error("e301_invalid_utf8_in_subfield.bin");
    assert!(matches!(e.kind, ErrorKind::Text { ref tag, .. } if tag == "100"), "{e}");
    assert_eq!(e.message().code, "iso2709-text");
}

#[test]
fn a_broken_record_does_not_stop_the_stream() {
    let records = demo();
    let mut file = write_utf8(&records[0]);
    file.extend_from_slice(b"\r\n");
    let mut broken = write_utf8(&records[1]);
    broken[30] = b'X'; // inside the first directory entry's length
    file.extend(broken);
    file.extend_from_slice(b"junk!");
    file.extend(write_utf8(&records[2]));
    let results = iso2709::read_bytes(&file);
    assert_eq!(results.len(), 3);
    assert!(results[0].as_ref().unwrap().repairs.is_empty(), "line breaks between records are not damage");
    let e = results[1].as_ref().unwrap_err();
    assert_eq!((e.record, e.offset), (2, (write_utf8(&records[0]).len() + 2 + 24) as u64));
    let third = results[2].as_ref().unwrap();
    assert_eq!(third.record.fields, records[2].fields);
    assert_eq!(third.repairs, [Repair::StrayBytes { count: 5 }]);
}

#[test]
fn no_file_in_the_corpus_makes_the_reader_panic() {
    let mut files = 0;
    let mut stack = vec![corpus("")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let _ = iso2709::read_bytes(&bytes);
                for cut in [1, bytes.len() / 3, bytes.len() / 2] {
                    let _ = iso2709::read_bytes(&bytes[..cut.min(bytes.len())]);
                }
                files += 1;
            }
        }
    }
    assert!(files > 100, "only {files} corpus files found");
}

#[test]
fn a_view_reads_structure_without_decoding_and_agrees_with_parse() {
    let records = demo();
    let mut file = Vec::new();
    for r in &records {
        file.extend(write_utf8(r));
    }
    let mut reader = iso2709::Reader::new(std::io::Cursor::new(&file));
    let mut seen = 0;
    while let Some(raw) = reader.next_raw() {
        let raw = raw.unwrap();
        let view = iso2709::View::new(raw).unwrap();
        let original = &records[seen];
        assert_eq!(view.fields().count(), original.fields.len());
        for (field, expected) in view.fields().zip(&original.fields) {
            assert_eq!(field.tag, expected.tag());
            if let qiao_marc::Field::Data { subfields, .. } = expected {
                let codes: Vec<u8> = field.subfields().map(|(c, _)| c).collect();
                let expected_codes: Vec<u8> = subfields.iter().map(|s| s.code as u8).collect();
                assert_eq!(codes, expected_codes);
                let first = field.subfields().next().map(|(_, v)| v.to_vec());
                assert_eq!(first, subfields.first().map(|s| s.value.as_bytes().to_vec()));
            }
        }
        let decoded = view.to_record(&mut iso2709::decode_utf8).unwrap();
        assert_eq!(decoded, iso2709::parse(raw, &mut iso2709::decode_utf8).unwrap());
        assert_eq!(decoded.record.fields, original.fields);
        seen += 1;
    }
    assert_eq!(seen, records.len());
    // The lending reader and the iterator frame the same records.
    assert_eq!(iso2709::Reader::new(std::io::Cursor::new(&file)).count(), records.len());
}

#[test]
fn a_view_finds_subfields_and_reports_bad_codes_with_their_offset() {
    // 245 with an empty delimiter and then a control byte as a subfield code.
    let mut record = b"00000nam a2200000 a 4500".to_vec();
    let field = b"10\x1faTitle\x1f\x1fbmore\x1e";
    record.extend(b"245");
    record.extend(format!("{:04}{:05}", field.len(), 0).as_bytes());
    record.push(0x1e);
    let base = record.len();
    record.extend(field);
    record.push(0x1d);
    let total = record.len();
    record[..5].copy_from_slice(format!("{total:05}").as_bytes());
    record[12..17].copy_from_slice(format!("{base:05}").as_bytes());
    let parsed = iso2709::read_bytes(&record).remove(0).unwrap();
    assert_eq!(parsed.repairs, vec![Repair::EmptySubfield { tag: "245".into() }]);
    let raw = iso2709::Reader::new(std::io::Cursor::new(&record)).next().unwrap().unwrap();
    let view = iso2709::View::new(&raw).unwrap();
    assert_eq!(view.field("245").unwrap().subfield(b'b'), Some(&b"more"[..]));

    let bad = [&record[..base + 11], b"\x01", &record[base + 12..]].concat();
    let err = iso2709::read_bytes(&bad).remove(0).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadSubfieldCode { tag: "245".into(), byte: 0x01 });
    assert_eq!(err.offset, (base + 11) as u64);
}

#[test]
fn the_writer_refuses_control_characters_iso2709_cannot_carry() {
    let base = || mrk::parse_one("=LDR  00000nam\\a2200000\\i\\4500\n=245  10$aTitle\n").unwrap().unwrap();
    let mut record = base();
    if let qiao_marc::Field::Data { subfields, .. } = &mut record.fields[0] {
        subfields[0].value = "Ti\u{1E}tle".into();
    }
    assert_eq!(
        iso2709::write(&record, &mut iso2709::encode_utf8),
        Err(iso2709::WriteError::ControlCharacter { tag: "245".into(), code: 0x1E })
    );
    let mut record = base();
    if let qiao_marc::Field::Data { ind1, .. } = &mut record.fields[0] {
        *ind1 = '\u{7}';
    }
    assert!(matches!(
        iso2709::write(&record, &mut iso2709::encode_utf8),
        Err(iso2709::WriteError::BadIndicator { indicator: '\u{7}', .. })
    ));
    if let qiao_marc::Field::Data { ind1, .. } = &mut record.fields[0] {
        *ind1 = '\\';
    }
    assert!(matches!(
        iso2709::write(&record, &mut iso2709::encode_utf8),
        Err(iso2709::WriteError::BadIndicator { indicator: '\\', .. })
    ));
    let mut record = base();
    record.leader = qiao_marc::Leader::parse("00000nam\u{1}a2200000 i 4500").unwrap();
    assert_eq!(iso2709::write(&record, &mut iso2709::encode_utf8), Err(iso2709::WriteError::Leader { position: 8 }));
    // MARC-8's escape (U+001B) in text is no separator: it is written.
    let mut record = base();
    if let qiao_marc::Field::Data { subfields, .. } = &mut record.fields[0] {
        subfields[0].value = "a\u{1B}b".into();
    }
    assert!(iso2709::write(&record, &mut iso2709::encode_utf8).is_ok());
}
