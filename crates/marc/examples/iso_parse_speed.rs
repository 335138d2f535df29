//! Parses an ISO 2709 file structurally (views only) and reports records per second: the
//! codec alone, for profiling (`qiao bench` measures the whole product).

use qiao_marc::iso2709::{check_utf8, Reader, View};
use std::io::BufReader;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: iso_parse_speed FILE.mrc")?;
    let start = Instant::now();
    let mut reader = Reader::new(BufReader::with_capacity(1 << 16, std::fs::File::open(&path)?));
    let (mut records, mut fields) = (0u64, 0u64);
    while let Some(raw) = reader.next_raw() {
        let view = View::new(raw?)?;
        check_utf8(view.data()).map_err(|e| e.detail)?;
        fields += view.fields().count() as u64;
        records += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{records} records, {fields} fields, {seconds:.3} s, {:.0} records/s", records as f64 / seconds);
    Ok(())
}
