//! The qiao binary as a script uses it: exit codes, output, localized one-line errors.

use std::path::Path;
use std::process::{Command, Output};

fn qiao(dir: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qiao"))
        .current_dir(dir)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("QIAO_DATA_DIR", dir.join("data"))
        .env("QIAO_CONFIG_DIR", dir.join("config"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_import_export_show_stats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = qiao(d, "C", &["--db", "c.qiao", "init"]);
    assert!(o.status.success(), "{}", stderr(&o));

    std::fs::write(d.join("in.mrk"), "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-1\n=200  1\\$aВойна и мир$fЛ. Н. Толстой\n=801  \\0$aRU\n\n=LDR  00000nam0\\2200000\\\\\\450\\\n=001  CN-1\n=200  1\\$a呐喊$9na han$f鲁迅著\n=690  \\\\$aI210.4$v5\n").unwrap();
    let o = qiao(d, "ru_RU.UTF-8", &["--db", "c.qiao", "import", "in.mrk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "Импортировано 2 записи");

    // The same file again: both records are already there (same 001 and agency).
    let o = qiao(d, "C", &["--db", "c.qiao", "import", "--json", "in.mrk"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((report["imported"].as_u64(), report["duplicates"].as_array().map(Vec::len)), (Some(0), Some(2)));
    assert_eq!(report["duplicates"][0]["matches"][0]["reason"]["match"], "control_number");
    let o = qiao(d, "ru_RU.UTF-8", &["--db", "c.qiao", "import", "in.mrk"]);
    assert!(stdout(&o).contains("Пропущено 2 дубликата"), "{}", stdout(&o));
    let o = qiao(d, "C", &["--db", "c.qiao", "import", "--json", "--on-duplicate", "keep", "in.mrk"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["imported"], 2);

    let o = qiao(d, "C", &["--db", "c.qiao", "stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((stats["records"].as_u64(), stats["by_flavour"]["rusmarc"].as_u64()), (Some(4), Some(2)));

    let o = qiao(d, "zh_CN.UTF-8", &["--db", "c.qiao", "stats"]);
    assert!(stdout(&o).starts_with("c.qiao：共 4 条记录"), "{}", stdout(&o));

    let o = qiao(d, "C", &["--db", "c.qiao", "show", "2"]);
    assert_eq!(
        stdout(&o),
        "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  CN-1\n=200  1\\$a呐喊$9na han$f鲁迅著\n=690  \\\\$aI210.4$v5\n"
    );
    let o = qiao(d, "C", &["--db", "c.qiao", "show", "1", "--format", "json"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((shown["flavour"].as_str(), shown["summary"]["title"].as_str()), (Some("rusmarc"), Some("Война и мир")));

    let o = qiao(d, "C", &["--db", "c.qiao", "--lang", "zh-CN", "list", "--limit", "3"]);
    let listed = stdout(&o);
    let titles: Vec<&str> = listed.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(titles, ["呐喊", "呐喊", "Война и мир"], "Chinese collation puts Han script first");
    let o = qiao(d, "C", &["--db", "c.qiao", "--lang", "ru", "list", "--limit", "3"]);
    let listed = stdout(&o);
    let titles: Vec<&str> = listed.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(titles, ["Война и мир", "Война и мир", "呐喊"], "Russian collation puts Cyrillic first");
    let o = qiao(d, "C", &["--db", "c.qiao", "list", "--sort", "title", "--descending", "--limit", "1", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (page["total"].as_u64(), page["rows"][0]["title"].as_str()),
        (Some(4), Some("呐喊")),
        "en: Latin, Cyrillic, then Han"
    );

    let o = qiao(d, "C", &["--db", "c.qiao", "export", "-o", "out.mrk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let exported = std::fs::read_to_string(d.join("out.mrk")).unwrap();
    assert_eq!(exported.matches("=LDR").count(), 4);
}

#[test]
fn failures_exit_non_zero_with_one_localized_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("taken.qiao"), "precious").unwrap();
    let o = qiao(d, "ru_RU.UTF-8", &["--db", "taken.qiao", "init"]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).starts_with("qiao: Файл taken.qiao уже существует"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(d.join("taken.qiao")).unwrap(), "precious");

    let o = qiao(d, "C", &["--db", "nowhere.qiao", "--lang", "zh-CN", "stats"]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).trim(), "qiao: 找不到目录库：nowhere.qiao");

    let o = qiao(d, "en_US.UTF-8", &["--db", "taken.qiao", "stats"]);
    assert_eq!(stderr(&o).trim(), "qiao: taken.qiao is not a Qiao catalogue; it was left untouched");
}

#[test]
fn the_default_catalogue_is_the_apps() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = qiao(d, "C", &["init", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("data/catalogue.qiao").is_file());
}

#[test]
fn convert_and_export_take_format_flavour_and_encoding_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let rusmarc = "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-7\n=100  \\\\$a20240501d2014    k  y0rusy50      ca\n=101  0\\$arus\n=200  1\\$aВойна и мир$fЛ. Н. Толстой\n=210  \\\\$aМосква$cЭксмо$d2014\n=801  \\0$aRU$bRU-MoRGB\n";
    std::fs::write(d.join("in.mrk"), rusmarc).unwrap();

    // Every option spelt out, "auto" where detection is wanted.
    let o = qiao(
        d,
        "C",
        &[
            "convert",
            "in.mrk",
            "-o",
            "out.mrc",
            "--from",
            "auto",
            "--from-flavour",
            "auto",
            "--to",
            "iso2709",
            "--flavour",
            "marc21",
            "--encoding",
            "marc-8",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["written"], 1);
    let bytes = std::fs::read(d.join("out.mrc")).unwrap();
    assert_eq!(bytes[9], b' ', "leader/09 blank declares MARC-8");
    assert!(bytes.windows(3).any(|w| w == b"245"), "crosswalked to MARC 21: {}", String::from_utf8_lossy(&bytes));

    // The MARC 21 file back to RUSMARC in CP1251 through a catalogue, the options of export.
    assert!(qiao(d, "C", &["--db", "c.qiao", "init"]).status.success());
    let o = qiao(d, "C", &["--db", "c.qiao", "import", "out.mrc", "--format", "auto", "--encoding", "auto"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = qiao(
        d,
        "ru_RU.UTF-8",
        &[
            "--db",
            "c.qiao",
            "export",
            "-o",
            "back.mrc",
            "--format",
            "iso2709",
            "--flavour",
            "rusmarc",
            "--encoding",
            "cp1251",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(d.join("back.mrc")).unwrap();
    assert!(bytes.windows(3).any(|w| w == [0xC2, 0xEE, 0xE9]), "«Вой» in CP1251");
    assert!(bytes.windows(4).any(|w| w == b"0189"), "100 $a/26-29 declares CP1251");

    // Only the records asked for; an id that does not exist writes nothing.
    let o = qiao(d, "C", &["--db", "c.qiao", "export", "-o", "one.mrk", "--id", "1", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(d.join("one.mrk")).unwrap().matches("=LDR").count(), 1);
    let o = qiao(d, "C", &["--db", "c.qiao", "export", "-o", "none.mrk", "--id", "1,999"]);
    assert!(!o.status.success());
    assert!(!d.join("none.mrk").exists());

    // A bad value is refused by the argument parser, naming the option.
    let o = qiao(d, "C", &["convert", "in.mrk", "-o", "x.mrc", "--flavour", "dublin-core"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--flavour"), "{}", stderr(&o));
}
