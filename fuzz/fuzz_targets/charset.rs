//! Every character set, both ways, on any bytes (see `src/charsets.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qiao_fuzz::charsets::check(data));
