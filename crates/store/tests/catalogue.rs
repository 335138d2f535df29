//! The catalogue against a real SQLite file on disk.

use qiao_i18n::Lang;
use qiao_marc::{mrk, Flavour, Record};
use qiao_store::{Catalogue, ListRequest, Scope, SortBy, Status, StoreError, LATEST_VERSION};
use std::path::{Path, PathBuf};

fn record(title: &str, author: &str) -> Record {
    let text = format!(
        "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  T-{}\n=200  1\\$a{title}$f{author}\n=606  0\\$aA$xB\n=606  0\\$aC\n=700  \\1$a{author}$4070\n",
        title.len()
    );
    mrk::parse_one(&text).unwrap().unwrap()
}

fn fresh() -> (tempfile::TempDir, PathBuf, Catalogue) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat.qiao");
    let catalogue = Catalogue::create(&path).unwrap();
    (dir, path, catalogue)
}

fn titles(catalogue: &mut Catalogue, scope: Scope, sort: SortBy, descending: bool, lang: Lang) -> Vec<String> {
    let request = ListRequest { scope, sort, descending, offset: 0, limit: 100 };
    catalogue.list(&request, lang).unwrap().rows.into_iter().map(|r| r.title).collect()
}

#[test]
fn records_are_stored_losslessly() {
    let (_dir, path, mut catalogue) = fresh();
    let text = "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  CN-1\n=010  \\\\$a978-7-02-000220-7\n=200  1\\$a呐喊$9na han$f鲁迅著\n=300  \\\\$a\n=300  \\\\$aПримечание$aвторое$a\n=801  \\0$aCN$bNLC\n";
    let original = mrk::parse_one(text).unwrap().unwrap();
    let id = catalogue.insert(&original, Flavour::Cnmarc, Status::Complete).unwrap();
    drop(catalogue);
    let catalogue = Catalogue::open(&path).unwrap();
    let stored = catalogue.get(id).unwrap();
    assert_eq!(stored.record, original);
    assert_eq!(mrk::to_string(&stored.record), text);
    assert_eq!((stored.flavour, stored.status, stored.version), (Flavour::Cnmarc, Status::Complete, 1));
    assert_eq!(stored.summary.title, "呐喊");
    assert_eq!(stored.summary.isbn.as_deref(), Some("9787020002207"));
}

#[test]
fn create_never_overwrites() {
    let (_dir, path, catalogue) = fresh();
    drop(catalogue);
    assert!(matches!(Catalogue::create(&path), Err(StoreError::AlreadyExists { .. })));
    let other = path.with_file_name("notes.txt");
    std::fs::write(&other, "keep me").unwrap();
    assert!(matches!(Catalogue::create(&other), Err(StoreError::AlreadyExists { .. })));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
}

#[test]
fn saves_keep_every_earlier_version() {
    let (_dir, _path, mut catalogue) = fresh();
    let id = catalogue.insert(&record("Первый", "А"), Flavour::Rusmarc, Status::Draft).unwrap();
    let v2 = catalogue.update(id, &record("Второй", "Б"), Flavour::Rusmarc, Status::Complete, Some(1)).unwrap();
    assert_eq!((v2.version, v2.summary.title.as_str()), (2, "Второй"));
    catalogue.update(id, &record("Третий", "В"), Flavour::Rusmarc, Status::Complete, Some(2)).unwrap();

    let history = catalogue.history(id).unwrap();
    let seen: Vec<(i64, &str, bool)> = history.iter().map(|v| (v.version, v.title.as_str(), v.current)).collect();
    assert_eq!(seen, [(3, "Третий", true), (2, "Второй", false), (1, "Первый", false)]);
    assert!(history[0].saved_at > history[1].saved_at && history[1].saved_at > history[2].saved_at);
    assert_eq!(catalogue.version(id, 1).unwrap().record, record("Первый", "А"));

    let restored = catalogue.restore_version(id, 1).unwrap();
    assert_eq!((restored.version, restored.summary.title.as_str(), restored.status), (4, "Первый", Status::Draft));
    assert_eq!(catalogue.history(id).unwrap().len(), 4);
    assert!(matches!(catalogue.version(id, 9), Err(StoreError::NoSuchVersion { id: _, version: 9 })));
}

#[test]
fn a_stale_edit_is_refused_not_overwritten() {
    let (_dir, _path, mut catalogue) = fresh();
    let id = catalogue.insert(&record("A", "x"), Flavour::Unimarc, Status::Draft).unwrap();
    catalogue.update(id, &record("B", "x"), Flavour::Unimarc, Status::Draft, Some(1)).unwrap();
    let err = catalogue.update(id, &record("C", "x"), Flavour::Unimarc, Status::Draft, Some(1)).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { expected: 1, current: 2, .. }));
    assert_eq!(err.message().code, "error-record-conflict");
    assert_eq!(catalogue.get(id).unwrap().summary.title, "B");
}

#[test]
fn delete_goes_to_the_trash_and_can_be_undone() {
    let (_dir, _path, mut catalogue) = fresh();
    let keep = catalogue.insert(&record("Keep", "x"), Flavour::Unimarc, Status::Draft).unwrap();
    let gone = catalogue.insert(&record("Gone", "x"), Flavour::Unimarc, Status::Draft).unwrap();
    catalogue.delete(gone).unwrap();
    assert_eq!(titles(&mut catalogue, Scope::Active, SortBy::Title, false, Lang::En), ["Keep"]);
    assert_eq!(titles(&mut catalogue, Scope::Trash, SortBy::Title, false, Lang::En), ["Gone"]);
    assert_eq!((catalogue.count(Scope::Active).unwrap(), catalogue.count(Scope::Trash).unwrap()), (1, 1));
    assert!(catalogue.get(gone).unwrap().deleted_at.is_some());

    assert!(matches!(catalogue.purge(keep), Err(StoreError::NotInTrash { .. })));
    assert!(matches!(catalogue.restore(keep), Err(StoreError::NotInTrash { .. })));
    catalogue.restore(gone).unwrap();
    assert_eq!(titles(&mut catalogue, Scope::Active, SortBy::Title, false, Lang::En), ["Gone", "Keep"]);

    catalogue.delete(gone).unwrap();
    catalogue.purge(gone).unwrap();
    assert!(matches!(catalogue.get(gone), Err(StoreError::NoSuchRecord { .. })));
    assert!(matches!(catalogue.delete(999), Err(StoreError::NoSuchRecord { id: 999 })));
}

#[test]
fn lists_sort_with_the_interface_language() {
    let (_dir, _path, mut catalogue) = fresh();
    for (title, author) in [("鲁迅全集", "鲁迅"), ("巴金选集", "巴金"), ("红楼梦", "曹雪芹"), ("茶馆", "老舍")]
    {
        catalogue.insert(&record(title, author), Flavour::Cnmarc, Status::Complete).unwrap();
    }
    for (title, author) in
        [("Ёлка", "Ёлкин"), ("Евгений Онегин", "Пушкин"), ("Жизнь", "Ж"), ("Анна Каренина", "Толстой")]
    {
        catalogue.insert(&record(title, author), Flavour::Rusmarc, Status::Complete).unwrap();
    }
    let zh = titles(&mut catalogue, Scope::Active, SortBy::Title, false, Lang::ZhCn);
    let han: Vec<&str> =
        zh.iter().map(String::as_str).filter(|t| !t.is_ascii() && t.chars().all(|c| c > '\u{3000}')).collect();
    assert_eq!(han, ["巴金选集", "茶馆", "红楼梦", "鲁迅全集"], "pinyin: ba, cha, hong, lu");

    let ru = titles(&mut catalogue, Scope::Active, SortBy::Title, false, Lang::Ru);
    let cyrillic: Vec<&str> =
        ru.iter().map(String::as_str).filter(|t| t.chars().any(|c| ('А'..='я').contains(&c) || c == 'Ё')).collect();
    assert_eq!(cyrillic, ["Анна Каренина", "Евгений Онегин", "Ёлка", "Жизнь"]);

    let down = titles(&mut catalogue, Scope::Active, SortBy::Title, true, Lang::Ru);
    assert_eq!(down.iter().rev().cloned().collect::<Vec<_>>(), ru);

    let by_author = titles(&mut catalogue, Scope::Active, SortBy::Author, false, Lang::ZhCn);
    let han_authors: Vec<&str> =
        by_author.iter().map(String::as_str).filter(|t| t.chars().all(|c| c > '\u{3000}')).collect();
    assert_eq!(han_authors, ["巴金选集", "红楼梦", "茶馆", "鲁迅全集"], "authors ba jin, cao xueqin, lao she, lu xun");
}

#[test]
fn pages_follow_changes_made_elsewhere() {
    let (_dir, path, mut catalogue) = fresh();
    for i in 0..250 {
        catalogue.insert(&record(&format!("Title {i:03}"), "x"), Flavour::Unimarc, Status::Draft).unwrap();
    }
    let request = ListRequest { scope: Scope::Active, sort: SortBy::Title, descending: false, offset: 240, limit: 50 };
    let page = catalogue.list(&request, Lang::En).unwrap();
    assert_eq!((page.total, page.offset, page.rows.len()), (250, 240, 10));
    assert_eq!(page.rows[0].title, "Title 240");

    // Another connection (the CLI while the app is open) adds a record.
    let mut other = Catalogue::open(&path).unwrap();
    other.insert(&record("Title 999", "x"), Flavour::Unimarc, Status::Draft).unwrap();
    let page = catalogue.list(&request, Lang::En).unwrap();
    assert_eq!((page.total, page.rows.len(), page.rows.last().map(|r| r.title.as_str())), (251, 11, Some("Title 999")));
    let id = page.rows.last().unwrap().id;
    assert_eq!(catalogue.position(id, Scope::Active, SortBy::Title, false, Lang::En).unwrap(), Some(250));
}

#[test]
fn a_failed_bulk_write_leaves_nothing() {
    let (_dir, _path, mut catalogue) = fresh();
    let result: Result<(), StoreError> = catalogue.write(|w| {
        for i in 0..10 {
            w.insert(&record(&format!("R{i}"), "x"), Flavour::Unimarc, Status::Draft)?;
        }
        Err(StoreError::NoSuchRecord { id: -1 })
    });
    assert!(result.is_err());
    assert_eq!(catalogue.count(Scope::Active).unwrap(), 0);
}

#[test]
fn stats_count_by_flavour_and_status() {
    let (_dir, _path, mut catalogue) = fresh();
    catalogue.insert(&record("a", "x"), Flavour::Rusmarc, Status::Draft).unwrap();
    catalogue.insert(&record("b", "x"), Flavour::Rusmarc, Status::Complete).unwrap();
    let c = catalogue.insert(&record("c", "x"), Flavour::Cnmarc, Status::Complete).unwrap();
    catalogue.delete(c).unwrap();
    let stats = catalogue.stats().unwrap();
    assert_eq!((stats.records, stats.in_trash), (2, 1));
    assert_eq!(stats.by_flavour.get("rusmarc"), Some(&2));
    assert_eq!(stats.by_status.get("complete"), Some(&1));
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_catalogue_from_a_newer_qiao_is_refused_and_left_untouched() {
    let (dir, path, catalogue) = fresh();
    drop(catalogue);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
    }
    let before = snapshot(dir.path());
    let err = Catalogue::open(&path).err().expect("refused");
    assert!(
        matches!(err, StoreError::NewerSchema { found, supported, .. } if found == LATEST_VERSION + 1 && supported == LATEST_VERSION)
    );
    let message = err.message();
    assert_eq!(message.code, "error-catalogue-newer");
    assert_eq!(snapshot(dir.path()), before, "not a byte may change");
}

#[test]
fn files_that_are_not_catalogues_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.qiao");
    std::fs::write(&text, "This is a plain text file, not a database at all. ".repeat(100)).unwrap();
    let foreign = dir.path().join("foreign.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE accounts (id INTEGER); PRAGMA journal_mode = delete;").unwrap();
    }
    let before = snapshot(dir.path());
    assert!(matches!(Catalogue::open(&text), Err(StoreError::NotACatalogue { .. })));
    assert!(matches!(Catalogue::open(&foreign), Err(StoreError::NotACatalogue { .. })));
    assert!(matches!(Catalogue::open(&dir.path().join("missing.qiao")), Err(StoreError::NotFound { .. })));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn many_openers_of_one_new_file_agree() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.qiao");
    std::fs::write(&path, b"").unwrap();
    let threads: Vec<_> = (0..6)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut c = Catalogue::open(&path).unwrap();
                c.insert(&record(&format!("from {i}"), "x"), Flavour::Unimarc, Status::Draft).unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let catalogue = Catalogue::open(&path).unwrap();
    assert_eq!(catalogue.count(Scope::Active).unwrap(), 6);
}

#[test]
fn duplicates_are_found_by_control_number_and_any_isbn_form() {
    let (_dir, _path, mut catalogue) = fresh();
    let parse = |text: &str| mrk::parse_one(text).unwrap().unwrap();
    let existing = parse("=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-7\n=010  \\\\$a5-03-002020-9\n=200  1\\$aВойна и мир\n=801  \\0$aRU$bРНБ\n");
    let id = catalogue.insert(&existing, Flavour::Rusmarc, Status::Complete).unwrap();
    let gone = catalogue.insert(&existing, Flavour::Rusmarc, Status::Complete).unwrap();
    catalogue.delete(gone).unwrap();

    let same_isbn_13 =
        parse("=LDR  00000nam\\a2200000\\i\\4500\n=020  \\\\$a978-5-03-002020-4\n=245  10$aVoina i mir\n");
    let found = catalogue.write(|w| w.duplicates_of(&same_isbn_13, Flavour::Marc21, None)).unwrap();
    assert_eq!(
        found,
        [qiao_store::Duplicate { id, reason: qiao_store::DuplicateReason::Isbn { isbn13: "9785030020204".into() } }],
        "the trashed copy is not a duplicate"
    );

    let same_number = parse("=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-7\n=200  1\\$aДругое\n=801  \\0$aRU$bРНБ\n");
    let found = catalogue.write(|w| w.duplicates_of(&same_number, Flavour::Rusmarc, None)).unwrap();
    assert!(matches!(
        found.as_slice(),
        [qiao_store::Duplicate { reason: qiao_store::DuplicateReason::ControlNumber { .. }, .. }]
    ));
    let other_agency =
        parse("=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-7\n=200  1\\$aДругое\n=801  \\0$aRU$bРГБ\n");
    assert!(catalogue.write(|w| w.duplicates_of(&other_agency, Flavour::Rusmarc, None)).unwrap().is_empty());
    assert!(
        catalogue.write(|w| w.duplicates_of(&existing, Flavour::Rusmarc, Some(id))).unwrap().is_empty(),
        "a record is not its own duplicate"
    );
}

#[test]
fn duplicate_matches_are_bounded() {
    let (_dir, _path, mut catalogue) = fresh();
    let text = "=LDR  00000nam\\a2200000\\i\\4500\n=020  \\\\$a9787020002207\n=245  10$aSet\n";
    let record = mrk::parse_one(text).unwrap().unwrap();
    catalogue
        .write(|w| {
            for _ in 0..50 {
                w.insert(&record, Flavour::Marc21, Status::Complete)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let found = catalogue.write(|w| w.duplicates_of(&record, Flavour::Marc21, None)).unwrap();
    assert_eq!(found.len(), qiao_store::MAX_DUPLICATES);
}
