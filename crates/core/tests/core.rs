//! Import, export and the demo catalogue, on real files.

use qiao_core::marc::{mrk, Flavour};
use qiao_core::store::{Catalogue, Scope};
use qiao_core::{demo, export_mrk, import_files, Error, ImportOptions};
use std::path::PathBuf;

fn catalogue() -> (tempfile::TempDir, Catalogue) {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::create(&dir.path().join("c.qiao")).unwrap();
    (dir, catalogue)
}

#[test]
fn the_demo_has_every_flavour_and_script() {
    let (_dir, mut catalogue) = catalogue();
    let n = demo::seed(&mut catalogue).unwrap();
    assert!(n >= 30, "only {n} demo records");
    let mut seen = std::collections::BTreeMap::new();
    let mut manuscripts = 0;
    let mut with_880 = 0;
    catalogue
        .for_each(|r| {
            *seen.entry(r.flavour).or_insert(0) += 1;
            if matches!(r.record.leader.record_type(), Some('b' | 't')) {
                manuscripts += 1;
            }
            if r.record.field("880").is_some() {
                with_880 += 1;
            }
            assert!(!r.summary.title.is_empty(), "record {} has no title", r.id);
            if r.flavour == Flavour::Cnmarc {
                assert!(r.record.subfield("200", '9').is_some(), "CNMARC record {} lacks pinyin in 200 $9", r.id);
            }
            Ok::<_, Error>(())
        })
        .unwrap();
    assert!(seen[&Flavour::Cnmarc] >= 10 && seen[&Flavour::Rusmarc] >= 10 && seen[&Flavour::Marc21] >= 8, "{seen:?}");
    assert!(manuscripts >= 6, "{manuscripts} manuscripts");
    assert!(with_880 >= 6, "{with_880} records with 880");
}

#[test]
fn demo_files_are_detected_as_their_flavour() {
    for (name, text) in demo::FILES {
        for record in mrk::parse_str(text).unwrap() {
            let flavour = Flavour::detect(&record);
            let expected = match *name {
                "cnmarc.mrk" => Flavour::Cnmarc,
                "rusmarc.mrk" => Flavour::Rusmarc,
                "marc21.mrk" => Flavour::Marc21,
                _ if record.field("245").is_some() => Flavour::Marc21,
                _ if record.subfield("801", 'a') == Some("RU") => Flavour::Rusmarc,
                _ => Flavour::Cnmarc,
            };
            assert_eq!(flavour, expected, "{name}: {:?}", record.control("001"));
        }
    }
}

#[test]
fn mrk_files_round_trip_byte_for_byte() {
    for (name, text) in demo::FILES {
        let records = mrk::parse_str(text).unwrap();
        let mut out = Vec::new();
        mrk::write(&mut out, &records).unwrap();
        // The writer separates records with a blank line and ends with one.
        assert_eq!(String::from_utf8(out).unwrap().trim_end(), text.trim_end(), "{name}");
    }
}

#[test]
fn import_skips_bad_records_and_names_them() {
    let (dir, mut catalogue) = catalogue();
    let file = dir.path().join("mixed.mrk");
    std::fs::write(
        &file,
        "=LDR  00000nam\\a2200000\\i\\4500\n=245  10$aGood one\n\n=LDR  00000nam\\a2200000\\i\\4500\n=245  10Missing dollar\n=500  \\\\$aStill the bad record\n\n=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aХорошая$fАвтор\n=801  \\0$aRU\n",
    )
    .unwrap();
    let report = import_files(&mut catalogue, &[file.clone()], &ImportOptions::default()).unwrap();
    assert_eq!(report.imported, 2);
    assert_eq!(report.skipped.len(), 1);
    let problem = &report.skipped[0];
    assert_eq!(
        (problem.position.line, problem.position.record, problem.message.code.as_str()),
        (Some(5), 2, "error-import-record")
    );
    let rendered = qiao_core::i18n::Localizer::new(qiao_core::i18n::Lang::En).message(&problem.message);
    assert!(rendered.contains("mixed.mrk") && rendered.contains("Line 5, column 9"), "{rendered}");
    let mut flavours = Vec::new();
    catalogue
        .for_each(|r| {
            flavours.push(r.flavour);
            Ok::<_, qiao_core::Error>(())
        })
        .unwrap();
    assert_eq!(flavours, [Flavour::Marc21, Flavour::Rusmarc]);
}

#[test]
fn strict_import_and_unreadable_files_import_nothing() {
    let (dir, mut catalogue) = catalogue();
    let good = dir.path().join("good.mrk");
    std::fs::write(&good, "=LDR  00000nam\\a2200000\\i\\4500\n=245  10$aGood\n").unwrap();
    let bad = dir.path().join("bad.mrk");
    std::fs::write(&bad, "=LDR  short\n").unwrap();
    let strict = ImportOptions { strict: true, ..Default::default() };
    let err = import_files(&mut catalogue, &[good.clone(), bad.clone()], &strict).unwrap_err();
    assert_eq!(err.message().code, "error-import-refused");
    let missing = dir.path().join("missing.mrk");
    let err = import_files(&mut catalogue, &[good.clone(), missing], &ImportOptions::default()).unwrap_err();
    assert_eq!(err.message().code, "error-file");
    assert_eq!(catalogue.count(Scope::Active).unwrap(), 0, "the good file's record must not stay behind");
    let binary = dir.path().join("cp1251.mrk");
    std::fs::write(&binary, b"=LDR  00000nam\\a2200000\\i\\4500\n=245  10$a\xc2\xee\xe9\xed\xe0\n").unwrap();
    let report = import_files(&mut catalogue, &[binary], &ImportOptions::default()).unwrap();
    assert_eq!((report.imported, report.skipped[0].message.args.len()), (0, 2));
}

#[test]
fn flavour_can_be_forced() {
    let (dir, mut catalogue) = catalogue();
    let file = dir.path().join("u.mrk");
    std::fs::write(&file, "=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aTitre\n").unwrap();
    let options = ImportOptions { flavour: Some(Flavour::Rusmarc), ..Default::default() };
    assert_eq!(import_files(&mut catalogue, &[file], &options).unwrap().imported, 1);
    let mut flavours = Vec::new();
    catalogue
        .for_each(|r| {
            flavours.push(r.flavour);
            Ok::<_, Error>(())
        })
        .unwrap();
    assert_eq!(flavours, [Flavour::Rusmarc]);
}

#[test]
fn export_writes_the_whole_catalogue_or_nothing() {
    let (dir, mut catalogue) = catalogue();
    demo::seed(&mut catalogue).unwrap();
    let first = catalogue
        .list(
            &qiao_core::store::ListRequest {
                scope: Scope::Active,
                sort: qiao_core::store::SortBy::Modified,
                descending: false,
                offset: 0,
                limit: 1,
            },
            qiao_core::i18n::Lang::En,
        )
        .unwrap()
        .rows[0]
        .id;
    catalogue.delete(first).unwrap();
    let out = dir.path().join("out.mrk");
    let n = export_mrk(&catalogue, &out).unwrap();
    assert_eq!(n, catalogue.count(Scope::Active).unwrap());
    assert_eq!(mrk::parse_str(&std::fs::read_to_string(&out).unwrap()).unwrap().len() as u32, n);

    let into_missing_dir: PathBuf = dir.path().join("no/such/dir/out.mrk");
    assert!(export_mrk(&catalogue, &into_missing_dir).is_err());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".qiao-export"))
        .collect();
    assert!(leftovers.is_empty());
}
