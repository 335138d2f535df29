//! MARCXML as the import reads it, and write-then-read round trips (see `src/lib.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qiao_fuzz::marcxml(data));
