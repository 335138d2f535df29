//! Inputs found by fuzzing (and small, interesting ones the fuzzer kept), run through the
//! same checks as the fuzz targets, so plain `cargo test` guards them without cargo-fuzz.
//!
//! The checks are the fuzz crate's own (`fuzz/src/checks.rs`, included by path); the cases
//! are files in `fuzz-cases/<target>/`. To add one, drop the (minimized) input there.

#[path = "../../../fuzz/src/checks.rs"]
mod checks;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn cases_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-cases").join(target)
}

fn check(target: &str, data: &[u8]) {
    match target {
        "iso2709" => checks::iso2709_all_sets(data),
        "marcxml" => checks::marcxml(data),
        "mrk" => checks::mrk(data),
        _ => panic!("no checks for target {target}"),
    }
}

/// Runs every case of `target`, reporting all that fail (not only the first).
fn run_all(target: &str) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir(target))
        .unwrap_or_else(|e| panic!("{}: {e}", cases_dir(target).display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases for {target}");
    let failed: Vec<String> = paths
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(target, &data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{} of {} {target} cases fail:\n{}", failed.len(), paths.len(), failed.join("\n"));
}

#[test]
fn iso2709_cases() {
    run_all("iso2709");
}

#[test]
fn marcxml_cases() {
    run_all("marcxml");
}

#[test]
fn mrk_cases() {
    run_all("mrk");
}
