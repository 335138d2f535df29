//! `.mrk` as the import and the editor's text mode read it, and write-then-read round
//! trips (see `src/lib.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qiao_fuzz::mrk(data));
