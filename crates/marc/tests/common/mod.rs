//! What the integration tests of this crate share: where the corpus and the demo are.
#![allow(dead_code)] // each test binary uses its own part

use qiao_marc::{mrk, Record};
use std::path::PathBuf;

/// The shared corpus beside the repository (`../shared/corpus`); QIAO_CORPUS overrides.
/// Missing, it fails loudly: a skipped corpus test would assert nothing.
pub fn corpus_root() -> PathBuf {
    let root = std::env::var_os("QIAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    assert!(root.is_dir(), "the corpus is missing at {} (set QIAO_CORPUS)", root.display());
    root
}

pub fn corpus(relative: &str) -> PathBuf {
    let path = corpus_root().join(relative);
    assert!(path.exists(), "corpus file {} is missing (set QIAO_CORPUS)", path.display());
    path
}

/// The records of one demo file (`cnmarc`, `rusmarc`, `marc21`, `manuscripts`).
pub fn demo_file(name: &str) -> Vec<Record> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../core/demo/{name}.mrk"));
    mrk::parse_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every demo record, in file order.
pub fn demo() -> Vec<Record> {
    ["cnmarc", "rusmarc", "marc21", "manuscripts"].iter().flat_map(|name| demo_file(name)).collect()
}
