//! The checks behind the fuzz targets. Each module is also included by path in a plain
//! integration test (`crates/marc/tests/fuzz_regressions.rs`,
//! `crates/charset/tests/fuzz_regressions.rs`), so saved cases run under `cargo test`;
//! a module therefore uses only its own crate under test and std.

pub mod charsets;
pub mod checks;

pub use checks::*;
