//! Inputs for the `charset` fuzz target (found by fuzzing, or small and awkward ones it
//! kept), run through the target's own checks (`fuzz/src/charsets.rs`, included by path) so
//! plain `cargo test` guards them without cargo-fuzz. To add a case, drop the input into
//! `fuzz-cases/charset/`.

#[path = "../../../fuzz/src/charsets.rs"]
mod charsets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[test]
fn charset_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-cases/charset");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    let failed: Vec<String> = paths
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| charsets::check(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{} of {} cases fail:\n{}", failed.len(), paths.len(), failed.join("\n"));
}
