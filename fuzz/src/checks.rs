//! What the fuzz targets check, beyond "no panic".
//!
//! `crates/marc/tests/fuzz_regressions.rs` includes this file by path, so every saved case
//! is checked by plain `cargo test` with the same code, without cargo-fuzz. That is why
//! only what `qiao_marc` can see is used here (itself, `qiao_charset` and std).
//!
//! Every reader is driven as the import drives it (a stream of records, errors reported
//! and skipped), and the invariants are:
//! - reading from a slice and from a stream in small pieces gives the same result, and the
//!   convenience entry points agree with the streaming reader;
//! - positions in reports (record, byte offset, line, column) point inside the input;
//! - a record that was read and can be written reads back as the same record, with
//!   nothing to repair, and writing it again gives the same bytes;
//! - a record from any reader survives the editor's text mode (`.mrk` out and back in),
//!   and the export to ISO 2709 and MARCXML either refuses it or writes it unchanged.
//!
//! Where a deliberate normalisation or a format's limits make an invariant untrue, it is
//! restricted, with the reason beside it.

use qiao_charset::Charset;
use qiao_marc::iso2709::{self, EncodeError, Iso2709Error, Parsed, RawRecord, TextError, View};
use qiao_marc::{marcxml, mrk, Record};
use std::io::BufReader;

/// A decoder of field bytes, as `iso2709::parse` takes it.
pub type Decode<'a> = &'a mut dyn FnMut(&[u8]) -> Result<String, TextError>;
/// An encoder of text, as `iso2709::write` takes it.
pub type Encode<'a> = &'a mut dyn FnMut(&str, &mut Vec<u8>) -> Result<(), EncodeError>;

/// A buffer size taken from the input, so stream boundaries fall in different places.
fn small_capacity(data: &[u8]) -> usize {
    1 + data.iter().fold(data.len(), |acc, b| acc.wrapping_add(*b as usize)) % 61
}

// ---------------------------------------------------------------------------------------
// ISO 2709

/// Frames `data` as the import does (one reused buffer), reads each record's structure and
/// parses it as UTF-8, checking the invariants; `per_record` gets each record whose
/// structure reads, to try other decoders on.
pub fn iso2709(data: &[u8], per_record: &mut dyn FnMut(&RawRecord, &View)) {
    let mut reader = iso2709::Reader::new(data);
    let mut framed = Vec::new();
    while let Some(raw) = reader.next_raw() {
        framed.push(raw.expect("framing a slice cannot fail: only read errors are errors").clone());
    }
    let owned: Vec<RawRecord> =
        iso2709::Reader::new(data).map(|raw| raw.expect("framing a slice cannot fail")).collect();
    assert_eq!(framed, owned, "next_raw and the iterator frame differently");
    let streamed: Vec<RawRecord> = iso2709::Reader::new(BufReader::with_capacity(small_capacity(data), data))
        .map(|raw| raw.expect("framing a stream in memory cannot fail"))
        .collect();
    assert_eq!(framed, streamed, "framing depends on how the input is buffered");

    let mut parsed = Vec::with_capacity(framed.len());
    for (i, raw) in framed.iter().enumerate() {
        // The report's record number and offset name this record's bytes in the file.
        assert_eq!(raw.number, i + 1);
        let start = usize::try_from(raw.offset).expect("offset fits");
        assert_eq!(data.get(start..start + raw.bytes.len()), Some(raw.bytes.as_slice()), "record {}", raw.number);
        assert!(!raw.bytes.is_empty());
        for repair in &raw.repairs {
            let _ = repair.message();
        }
        let view = match View::new(raw) {
            Ok(view) => view,
            Err(e) => {
                error_is_placed(raw, &e);
                parsed.push(Err(e));
                continue;
            }
        };
        // What the import reads before decoding, to choose a character set.
        assert_eq!(view.leader().len(), 24);
        let _ = view.field("100").and_then(|f| f.subfield(b'a'));
        assert!(view.data().len() < raw.bytes.len());
        for field in view.fields() {
            assert!(
                !field.data.contains(&iso2709::FIELD_TERMINATOR) && !field.data.contains(&iso2709::RECORD_TERMINATOR)
            );
            for (code, value) in field.subfields() {
                assert!(code != iso2709::SUBFIELD_DELIMITER && !value.contains(&iso2709::SUBFIELD_DELIMITER));
            }
        }
        for repair in view.repairs() {
            let _ = repair.message();
        }
        let result = iso2709_decode(raw, &view, &mut iso2709::decode_utf8);
        if let Ok(p) = &result {
            iso2709_round_trip(&p.record, &mut iso2709::encode_utf8, &mut iso2709::decode_utf8);
            mrk_round_trip(std::slice::from_ref(&p.record));
            marcxml_round_trip(std::slice::from_ref(&p.record), false);
        }
        parsed.push(result);
        per_record(raw, &view);
    }
    // The convenience readers are the same reader.
    assert_eq!(iso2709::read_bytes(data), parsed);
    for (raw, result) in framed.iter().zip(&parsed) {
        assert_eq!(&iso2709::parse(raw, &mut iso2709::decode_utf8), result);
    }
}

/// The `iso2709` target: UTF-8 as above, then for each record a second character set,
/// picked from leader/09 (where MARC 21 declares it; any byte there picks one of the
/// eight, so the fuzzer reaches every decoder) and the one the import would sniff.
pub fn iso2709_all_sets(data: &[u8]) {
    iso2709(data, &mut |raw, view| {
        let picked = Charset::ALL[usize::from(view.leader()[9]) % Charset::ALL.len()];
        iso2709_in(raw, view, picked);
        if let Some(sniffed) = qiao_charset::sniff(view.data()).filter(|s| *s != picked) {
            iso2709_in(raw, view, sniffed);
        }
    });
}

/// Decodes a record in `charset` as the import does and, if it reads, checks that it
/// survives being stored as UTF-8 and being exported in the set it came in.
fn iso2709_in(raw: &RawRecord, view: &View, charset: Charset) {
    let mut decode = |bytes: &[u8]| {
        qiao_charset::decode(charset, bytes).map_err(|e| TextError { offset: e.offset, detail: e.to_string() })
    };
    let mut encode = |text: &str, out: &mut Vec<u8>| {
        let bytes = qiao_charset::encode(charset, text).map_err(|e| EncodeError { detail: e.to_string() })?;
        out.extend_from_slice(&bytes);
        Ok(())
    };
    if let Ok(parsed) = iso2709_decode(raw, view, &mut decode) {
        iso2709_round_trip(&parsed.record, &mut iso2709::encode_utf8, &mut iso2709::decode_utf8);
        iso2709_round_trip(&parsed.record, &mut encode, &mut decode);
    }
}

/// An error names its record and a byte inside it.
fn error_is_placed(raw: &RawRecord, e: &Iso2709Error) {
    let _ = (e.message(), e.to_string());
    assert_eq!(e.record, raw.number);
    let end = raw.offset + raw.bytes.len() as u64;
    assert!(e.offset >= raw.offset && e.offset <= end, "error offset {} outside {}..{end}", e.offset, raw.offset);
}

/// Decodes a record whose structure was read; a failure names a byte inside it.
pub fn iso2709_decode(raw: &RawRecord, view: &View, decode: Decode) -> Result<Parsed, Iso2709Error> {
    let result = view.to_record(decode);
    match &result {
        Ok(parsed) => {
            for repair in &parsed.repairs {
                let _ = repair.message();
            }
            assert_eq!(parsed.record.leader.as_str().chars().count(), 24);
        }
        Err(e) => error_is_placed(raw, e),
    }
    result
}

/// Leader positions the writer computes (lengths, base address, indicator and subfield
/// code counts, entry map); the rest of the leader is the record's own.
const COMPUTED_LEADER: [std::ops::Range<usize>; 4] = [0..5, 10..12, 12..17, 20..23];

/// A record that can be written reads back as itself with nothing repaired, and writing
/// it again gives the same bytes. The writer recomputes some leader positions (by design:
/// they describe the bytes, not the record), so those are taken from what was written.
pub fn iso2709_round_trip(record: &Record, encode: Encode, decode: Decode) {
    if !shaped_by_tag(record) {
        return;
    }
    let Ok(bytes) = iso2709::write(record, encode) else {
        return; // too long, unmappable, or not to be read back (a separator in text): reported
    };
    let framed: Vec<_> = iso2709::Reader::new(bytes.as_slice()).collect();
    assert_eq!(framed.len(), 1, "a written record frames as one record: {bytes:?}");
    let raw = framed[0].as_ref().expect("framing a slice cannot fail");
    assert_eq!(raw.bytes, bytes, "framing kept the written bytes");
    assert!(raw.repairs.is_empty(), "framing a written record repaired {:?}", raw.repairs);
    let back = iso2709::parse(raw, decode).unwrap_or_else(|e| panic!("a written record reads back: {e}\n{bytes:?}"));
    assert!(back.repairs.is_empty(), "reading a written record repaired {:?}\n{bytes:?}", back.repairs);

    let written: Vec<char> = back.record.leader.as_str().chars().collect();
    let original: Vec<char> = record.leader.as_str().chars().collect();
    for (pos, (w, o)) in written.iter().zip(&original).enumerate() {
        if !COMPUTED_LEADER.iter().any(|r| r.contains(&pos)) {
            assert!(*w == *o || (!o.is_ascii() && *w == ' '), "leader/{pos}: {o:?} written as {w:?}");
        }
    }
    let expected = Record { leader: back.record.leader.clone(), fields: record.fields.clone() };
    assert_eq!(back.record, expected, "write then read changed the record");
    assert_eq!(iso2709::write(&back.record, encode).ok(), Some(bytes), "writing is not stable");
}

// ---------------------------------------------------------------------------------------
// MARCXML

/// Reads `data` as the import does and checks the invariants.
pub fn marcxml(data: &[u8]) {
    let whole = marcxml::read_bytes(data);
    let streamed: Vec<_> = marcxml::Reader::new(BufReader::with_capacity(small_capacity(data), data)).collect();
    assert_eq!(whole, streamed, "the result depends on how the input is buffered");
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(marcxml::read_str(text), whole);
    }
    let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
    let mut records = Vec::new();
    for item in &whole {
        match item {
            Ok(read) => {
                for note in &read.notes {
                    let _ = note.message();
                }
                assert!(read.line >= 1 && read.line <= lines, "record line {} of {lines}", read.line);
                records.push(read.record.clone());
            }
            Err(e) => {
                let _ = (e.message(), e.to_string());
                assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "error at {}:{} of {lines}", e.line, e.column);
            }
        }
    }
    marcxml_round_trip(&records, true);
    mrk_round_trip(&records);
    for record in &records {
        iso2709_round_trip(record, &mut iso2709::encode_utf8, &mut iso2709::decode_utf8);
    }
}

/// Records are written as a MARCXML collection and read back the same. The reader lets in
/// only what XML 1.0 can carry, so records it read must be written (`must_write`); records
/// from other formats may be refused, whole and with the reason, but never changed.
pub fn marcxml_round_trip(records: &[Record], must_write: bool) {
    let mut out = Vec::new();
    marcxml::write_start(&mut out).expect("writing to memory");
    let mut written = Vec::with_capacity(records.len());
    for record in records {
        match marcxml::write_record(&mut out, record) {
            Ok(()) => written.push(record.clone()),
            Err(e) if must_write => panic!("a record that was read is not written: {e}"),
            Err(e) => {
                let _ = e.message();
            }
        }
    }
    marcxml::write_end(&mut out).expect("writing to memory");
    let text = String::from_utf8_lossy(&out);
    let back: Vec<Record> = marcxml::read_bytes(&out)
        .into_iter()
        .map(|item| {
            let read = item.unwrap_or_else(|e| panic!("a written record reads back: {e}\n{text}"));
            assert!(read.notes.is_empty(), "{:?}", read.notes);
            read.record
        })
        .collect();
    assert_eq!(back, written, "write then read changed the records\n{text}");
}

/// What the export does with records from another format: ISO 2709 in UTF-8 and MARCXML
/// either refuse a record or write what reads back the same.
pub fn export_round_trip(records: &[Record]) {
    // The writers put text out in NFC (by design); an indicator whose NFC is not itself
    // (U+212B, or U+0F5C whose NFC is two characters) cannot come back as it was.
    let nfc_indicators = |r: &&Record| {
        r.fields
            .iter()
            .filter_map(|f| f.indicators())
            .all(|(a, b)| [a, b].iter().all(|c| iso2709::to_nfc(c.encode_utf8(&mut [0; 4])) == c.to_string()))
    };
    let records: Vec<Record> = records.iter().filter(nfc_indicators).cloned().collect();
    let records = records.as_slice();
    for record in records {
        iso2709_round_trip(record, &mut iso2709::encode_utf8, &mut iso2709::decode_utf8);
    }
    marcxml_round_trip(records, false);
}

// ---------------------------------------------------------------------------------------
// .mrk

/// Reads `data` as the import does (and as the editor's text mode does when it is text)
/// and checks the invariants.
pub fn mrk(data: &[u8]) {
    let items: Vec<_> = mrk::MrkReader::new(data).collect();
    let streamed: Vec<_> = mrk::MrkReader::new(BufReader::with_capacity(small_capacity(data), data)).collect();
    assert_eq!(items, streamed, "the result depends on how the input is buffered");
    let lines = data.split(|b| *b == b'\n').count();
    let mut records = Vec::new();
    for item in &items {
        match item {
            Ok(read) => {
                assert!(read.line >= 1 && read.line <= lines);
                records.push(read.record.clone());
            }
            Err(e) => {
                let _ = (e.message(), e.to_string());
                assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "error at {}:{} of {lines}", e.line, e.column);
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        // The editor's entry points agree with the reader.
        let expected: Result<Vec<Record>, _> = items.iter().cloned().map(|item| item.map(|r| r.record)).collect();
        assert_eq!(mrk::parse_str(text), expected);
        match (mrk::parse_one(text), items.as_slice()) {
            (Ok(None), []) => {}
            (Ok(Some(record)), [Ok(read)]) => assert_eq!(record, read.record),
            (Err(_), [Err(_), ..] | [_, _, ..]) => {}
            (one, _) => panic!("parse_one gave {one:?} for {} items", items.len()),
        }
    }
    mrk_round_trip(&records);
    export_round_trip(&records);
}

/// Whether every field has the shape its tag implies (`00X` control, others data). ISO 2709
/// and `.mrk` tell the two apart by the tag alone, so they cannot carry a MARCXML
/// `<datafield tag="001">` (danMARC writes those) or a `<controlfield tag="245">`: such a
/// record comes back reshaped (reported as a limitation, not checked here).
fn shaped_by_tag(record: &Record) -> bool {
    record.fields.iter().all(|f| matches!(f, qiao_marc::Field::Control { .. }) == f.tag().is_control())
}

/// What the `.mrk` format can hold: fields shaped by their tags, and no field tagged `LDR`
/// (`=LDR` is the leader line).
fn mrk_can_hold(record: &Record) -> bool {
    shaped_by_tag(record) && record.fields.iter().all(|f| f.tag().as_str() != "LDR")
}

/// Records written as `.mrk` read back the same, one by one (the editor's text mode) and
/// as a file (export and import); writing again gives the same text.
pub fn mrk_round_trip(records: &[Record]) {
    let records: Vec<Record> = records.iter().filter(|r| mrk_can_hold(r)).cloned().collect();
    for record in &records {
        let text = mrk::to_string(record);
        let back = mrk::parse_one(&text).unwrap_or_else(|e| panic!("{e} in\n{text}"));
        assert_eq!(back.as_ref(), Some(record), "to_string then parse_one changed the record:\n{text}");
        if let Some(back) = back {
            assert_eq!(mrk::to_string(&back), text, "writing is not stable");
        }
    }
    let mut out = Vec::new();
    mrk::write(&mut out, &records).expect("writing to memory");
    let back: Vec<Record> = mrk::MrkReader::new(out.as_slice())
        .map(|item| item.unwrap_or_else(|e| panic!("{e} in\n{}", String::from_utf8_lossy(&out))).record)
        .collect();
    assert_eq!(back, records, "write then read changed the records");
}
