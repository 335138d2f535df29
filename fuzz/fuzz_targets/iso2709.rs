//! ISO 2709 as the import reads it: framing, the structure and the raw look-ups that
//! choose a character set, decoding in UTF-8 and in a second set, and write-then-read
//! round trips (see `src/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qiao_fuzz::iso2709_all_sets(data));
