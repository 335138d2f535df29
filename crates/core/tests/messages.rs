//! Every message id the Rust code can send to a person exists in the locales, so no code
//! ever reaches the screen as a raw id.

use qiao_core::i18n::{localizer::message_ids, Lang};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals that look like Qiao message ids: a known prefix, then lowercase words.
fn ids_in(source: &str) -> Vec<String> {
    const PREFIXES: &[&str] = &[
        "error-",
        "mrk-",
        "iso2709-",
        "marcxml-",
        "repair-",
        "export-",
        "bench-",
        "crosswalk-",
        "cli-",
        "io-",
        "dialog-",
        "status-",
    ];
    let mut ids = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let is_id = PREFIXES.iter().any(|p| piece.starts_with(p))
            && piece.len() > 4
            && piece.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !piece.ends_with('-');
        if is_id {
            ids.push(piece.to_string());
        }
    }
    ids
}

#[test]
fn every_id_used_in_rust_is_defined() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src-tauri/src"), &mut files);
    let defined = message_ids(Lang::En);
    let mut used = 0;
    let mut missing = Vec::new();
    for file in files {
        for id in ids_in(&std::fs::read_to_string(&file).unwrap()) {
            used += 1;
            if !defined.contains(&id) {
                missing.push(format!("{id} ({})", file.display()));
            }
        }
    }
    assert!(used > 50, "only {used} ids found: is the scan still working?");
    assert!(missing.is_empty(), "undefined message ids: {missing:#?}");
}
