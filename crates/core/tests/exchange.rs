//! Import, export and conversion across ISO 2709, MARCXML and .mrk, with real files from
//! the shared corpus and every character set they use.

use qiao_core::charset::Charset;
use qiao_core::marc::{mrk, Flavour, Record};
use qiao_core::store::{Catalogue, Scope};
use qiao_core::{convert, demo, export, import_files, ExportOptions, Format, ImportOptions, OnUnmappable};
use std::path::{Path, PathBuf};

fn corpus(relative: &str) -> PathBuf {
    let root = std::env::var_os("QIAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    let path = root.join(relative);
    assert!(path.exists(), "corpus file {} is missing (set QIAO_CORPUS)", path.display());
    path
}

fn fresh(dir: &Path) -> Catalogue {
    Catalogue::create(&dir.join(format!("c{}.qiao", std::process::id() ^ rand_suffix()))).unwrap()
}

fn rand_suffix() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn all_records(catalogue: &Catalogue) -> Vec<Record> {
    let mut out = Vec::new();
    catalogue
        .for_each(|r| {
            out.push(r.record);
            Ok::<_, qiao_core::Error>(())
        })
        .unwrap();
    out
}

#[test]
fn every_corpus_file_imports_or_reports_each_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut stack = vec![corpus("")];
    let (mut files, mut imported, mut skipped) = (0, 0, 0);
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let mut catalogue = fresh(dir.path());
        match import_files(&mut catalogue, &[path.clone()], &ImportOptions::default()) {
            Ok(report) => {
                files += 1;
                imported += report.imported;
                skipped += report.skipped.len();
                assert_eq!(catalogue.count(Scope::Active).unwrap(), report.imported, "{}", path.display());
                for problem in &report.skipped {
                    let message = &problem.message;
                    assert_eq!(message.code, "error-import-record", "{}", path.display());
                    assert!(
                        problem.position.record > 0
                            && (problem.position.line.is_some() || problem.position.offset.is_some())
                    );
                }
            }
            // Not MARC at all (JSON, text notes): refused as a whole, nothing imported.
            Err(e) => {
                assert_eq!(e.message().code, "error-unknown-format", "{}: {e}", path.display());
                assert_eq!(catalogue.count(Scope::Active).unwrap(), 0);
            }
        }
    }
    assert!(files > 60 && imported > 500, "{files} files, {imported} records imported, {skipped} skipped");
}

#[test]
fn cp1251_rusmarc_reads_as_russian() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    let keep = ImportOptions { on_duplicate: qiao_core::OnDuplicate::Keep, ..ImportOptions::default() };
    let report = import_files(&mut catalogue, &[corpus("ManagedIrbis/TEST1.ISO")], &keep).unwrap();
    assert_eq!((report.imported, report.skipped.len()), (81, 0), "{:?}", report.skipped.first());
    // The file holds one record twice over (a shared ISBN): kept here, reported all the same.
    assert_eq!(report.duplicates.len(), 1);
    let records = all_records(&catalogue);
    let titles: Vec<&str> = records.iter().filter_map(|r| r.subfield("200", 'a')).collect();
    assert!(titles.iter().all(|t| !t.contains('\u{FFFD}')));
    let cyrillic = titles.iter().filter(|t| t.chars().any(|c| ('а'..='я').contains(&c))).count();
    assert!(cyrillic > 60, "only {cyrillic} of {} titles read as Russian: {:?}", titles.len(), &titles[..5]);
    let flavours: Vec<Flavour> = records.iter().map(Flavour::detect).collect();
    assert!(flavours.iter().all(|f| f.is_unimarc_family()));
}

#[test]
fn marc8_files_decode_to_the_right_text() {
    let dir = tempfile::tempdir().unwrap();
    for (file, count) in
        [("crate-marc-record/marc8_multiple.mrc", 109), ("perl-MARC-Charset/cyrillic.marc", 0), ("pymarc/marc8.dat", 1)]
    {
        let mut catalogue = fresh(dir.path());
        let report = import_files(&mut catalogue, &[corpus(file)], &ImportOptions::default()).unwrap();
        assert!(report.skipped.is_empty(), "{file}: {:?}", report.skipped.first());
        if count > 0 {
            assert_eq!(report.imported, count, "{file}");
        }
        for record in all_records(&catalogue) {
            for field in &record.fields {
                for sub in field.subfields() {
                    assert!(!sub.value.contains('\u{1b}'), "{file}: an escape sequence was left in {:?}", sub.value);
                }
            }
        }
    }
}

#[test]
fn iso2709_marcxml_and_mrk_agree() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    demo::seed(&mut catalogue).unwrap();
    let original = all_records(&catalogue);
    let mut results = Vec::new();
    for format in [Format::Iso2709, Format::Marcxml, Format::Mrk] {
        let file = dir.path().join(format!("out.{}", format.name()));
        let options = ExportOptions { format, ..ExportOptions::default() };
        let report = export(&catalogue, &file, &options).unwrap();
        assert_eq!(report.written as usize, original.len());
        let mut back = fresh(dir.path());
        // The demo holds the same 呐喊 edition twice (CNMARC and MARC 21): keep both.
        let keep = ImportOptions { on_duplicate: qiao_core::OnDuplicate::Keep, ..ImportOptions::default() };
        let imported = import_files(&mut back, &[file], &keep).unwrap();
        assert!(imported.skipped.is_empty() && imported.repaired.is_empty(), "{format:?}: {imported:?}");
        assert_eq!(imported.duplicates.len(), 1, "{format:?}");
        results.push(all_records(&back));
    }
    for (format, records) in ["iso2709", "marcxml", "mrk"].iter().zip(&results) {
        assert_eq!(records.len(), original.len());
        for (a, b) in original.iter().zip(records) {
            assert_eq!(a.fields, b.fields, "{format}");
        }
    }
    // Converting without a catalogue gives the same bytes as exporting.
    let xml = dir.path().join("out.marcxml");
    let again = dir.path().join("again.mrc");
    convert(&xml, &again, &ImportOptions::default(), &ExportOptions::default()).unwrap();
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(dir.path().join("out.iso2709")).unwrap());
}

#[test]
fn legacy_encodings_round_trip_and_declare_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    let rusmarc = "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-1\n=100  \\\\$a20240501d2014    k  y0rusy50      ca\n=200  1\\$aВойна и мир$fЛ. Н. Толстой\n=801  \\0$aRU\n";
    let file = dir.path().join("ru.mrk");
    std::fs::write(&file, rusmarc).unwrap();
    import_files(&mut catalogue, &[file], &ImportOptions::default()).unwrap();
    let out = dir.path().join("ru-cp1251.mrc");
    let options = ExportOptions {
        format: Format::Iso2709,
        encoding: Charset::Cp1251,
        on_unmappable: OnUnmappable::Stop,
        ..ExportOptions::default()
    };
    export(&catalogue, &out, &options).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.windows(4).any(|w| w == b"0189"), "100 $a/26-29 must declare CP1251");
    assert!(bytes.windows(3).any(|w| w == [0xC2, 0xEE, 0xE9]), "«Вой» in CP1251");
    let mut back = fresh(dir.path());
    import_files(&mut back, &[out], &ImportOptions::default()).unwrap();
    assert_eq!(all_records(&back)[0].subfield("200", 'a'), Some("Война и мир"));
}

#[test]
fn a_character_the_target_set_lacks_stops_or_skips_never_a_question_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    demo::seed(&mut catalogue).unwrap();
    let out = dir.path().join("all.mrc");
    let stop = ExportOptions {
        format: Format::Iso2709,
        encoding: Charset::Cp1251,
        on_unmappable: OnUnmappable::Stop,
        ..ExportOptions::default()
    };
    let err = export(&catalogue, &out, &stop).unwrap_err();
    let message = err.message();
    assert_eq!(message.code, "error-export-stopped");
    let rendered = qiao_core::i18n::Localizer::new(qiao_core::i18n::Lang::En).message(&message);
    assert!(rendered.contains("cannot be written in cp1251") && rendered.contains("field"), "{rendered}");
    assert!(!out.exists(), "a stopped export leaves no file");
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".qiao-export")));

    let skip = ExportOptions { on_unmappable: OnUnmappable::Skip, ..stop };
    let report = export(&catalogue, &out, &skip).unwrap();
    assert!(report.written > 0 && !report.skipped.is_empty());
    assert_eq!(report.written as usize + report.skipped.len(), catalogue.count(Scope::Active).unwrap() as usize);
    let mut back = fresh(dir.path());
    let imported = import_files(&mut back, &[out], &ImportOptions::default()).unwrap();
    assert_eq!(imported.imported, report.written);
    // What was written is exactly what the catalogue holds (no "?" stand-ins), apart from
    // 100 $a/26-29, which now declares CP1251.
    let originals = all_records(&catalogue);
    for record in all_records(&back) {
        let text = mrk::to_string(&record);
        assert!(!text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "a Chinese record slipped into CP1251");
        let original = originals.iter().find(|o| o.control("001") == record.control("001")).unwrap();
        let without_100 =
            |r: &Record| r.fields.iter().filter(|f| f.tag().as_str() != "100").cloned().collect::<Vec<_>>();
        assert_eq!(without_100(&record), without_100(original));
    }
}

#[test]
fn an_unknown_file_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "Just some notes, not MARC.").unwrap();
    let err = import_files(&mut catalogue, &[file], &ImportOptions::default()).unwrap_err();
    assert_eq!(err.message().code, "error-unknown-format");
}

#[test]
fn duplicates_are_skipped_replaced_or_kept_as_asked() {
    use qiao_core::OnDuplicate;
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    let first = dir.path().join("first.mrk");
    std::fs::write(&first, "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  CN-9\n=010  \\\\$a7-02-000220-X\n=200  1\\$a呐喊\n=801  \\0$aCN$bNLC\n").unwrap();
    import_files(&mut catalogue, &[first], &ImportOptions::default()).unwrap();
    // Another library's MARC 21 record of the same edition: only the ISBN (as ISBN-13) says so.
    let second = dir.path().join("second.mrk");
    std::fs::write(
        &second,
        "=LDR  00000nam\\a2200000\\i\\4500\n=001  ocm1\n=003  OCoLC\n=020  \\\\$a9787020002207\n=245  10$aNa han\n",
    )
    .unwrap();
    let skip = import_files(&mut catalogue, &[second.clone()], &ImportOptions::default()).unwrap();
    assert_eq!((skip.imported, skip.duplicates.len(), skip.duplicates[0].id), (0, 1, None));
    let existing = skip.duplicates[0].matches[0].id;

    let replace = ImportOptions { on_duplicate: OnDuplicate::Replace, ..ImportOptions::default() };
    let replaced = import_files(&mut catalogue, &[second.clone()], &replace).unwrap();
    assert_eq!((replaced.replaced, replaced.duplicates[0].id), (1, Some(existing)));
    let stored = catalogue.get(existing).unwrap();
    assert_eq!((stored.version, stored.flavour, stored.summary.title.as_str()), (2, Flavour::Marc21, "Na han"));
    assert_eq!(catalogue.history(existing).unwrap().len(), 2, "the replaced version stays in the history");

    let keep = ImportOptions { on_duplicate: OnDuplicate::Keep, ..ImportOptions::default() };
    let kept = import_files(&mut catalogue, &[second], &keep).unwrap();
    assert_eq!(kept.imported, 1);
    assert_eq!(catalogue.count(Scope::Active).unwrap(), 2);
}

#[test]
fn export_and_convert_crosswalk_to_another_flavour_and_report_what_was_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalogue = fresh(dir.path());
    demo::seed(&mut catalogue).unwrap();
    let stats = catalogue.stats().unwrap();
    let total = stats.records as usize;

    // Everything to MARC 21, in MARCXML: the UNIMARC-family records are crosswalked.
    let xml = dir.path().join("all-marc21.xml");
    let options = ExportOptions { format: Format::Marcxml, flavour: Some(Flavour::Marc21), ..ExportOptions::default() };
    let report = export(&catalogue, &xml, &options).unwrap();
    assert_eq!(report.written as usize, total);
    assert!(!report.losses.is_empty(), "CNMARC pinyin ($9) has no MARC 21 place: it must be reported");
    assert!(report.losses.iter().all(|l| l.to == Flavour::Marc21 && l.from != Flavour::Marc21));
    assert!(report.losses.iter().all(|l| !l.losses.is_empty()));
    assert!(report.losses.iter().flat_map(|l| &l.losses).all(|m| m.code.starts_with("crosswalk-")));
    let mut back = fresh(dir.path());
    let keep = ImportOptions { on_duplicate: qiao_core::OnDuplicate::Keep, ..ImportOptions::default() };
    import_files(&mut back, &[xml.clone()], &keep).unwrap();
    let records = all_records(&back);
    assert_eq!(records.len(), total);
    assert!(records.iter().all(|r| Flavour::detect(r) == Flavour::Marc21));
    assert!(records.iter().any(|r| r.subfield("245", 'a').is_some_and(|t| t.contains("呐喊"))));

    // And back to RUSMARC with convert, no catalogue involved: the Russian titles return to 200.
    let rus = dir.path().join("all-rusmarc.mrc");
    let to_rusmarc = ExportOptions { flavour: Some(Flavour::Rusmarc), ..ExportOptions::default() };
    let converted = convert(&xml, &rus, &ImportOptions::default(), &to_rusmarc).unwrap();
    assert_eq!(converted.written as usize, total);
    let mut again = fresh(dir.path());
    import_files(&mut again, &[rus], &keep).unwrap();
    let records = all_records(&again);
    assert!(records.iter().all(|r| r.field("200").is_some() && r.field("245").is_none()));
    assert!(records.iter().any(|r| r.subfield("200", 'a').is_some_and(|t| t.contains("Война и мир"))));

    // No flavour asked for: every record is written as catalogued, nothing reported.
    let plain = export(&catalogue, &dir.path().join("plain.mrc"), &ExportOptions::default()).unwrap();
    assert!(plain.losses.is_empty());
}
