//! Measures the MARCXML reader and writer alone, without the conversion around them:
//!
//! `cargo run --release -p qiao-marc --example xml_speed -- FILE.xml [read | write | raw]`
//! reads every record of FILE (and drops it, as a conversion does), then writes them all
//! to memory; `raw` times quick-xml's events alone for comparison.
//! `… -- FILE.mrc from-iso OUT.xml` makes a test file from UTF-8 ISO 2709.

use qiao_marc::marcxml;
use std::io::BufReader;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: xml_speed FILE.xml [read | write | raw] | FILE.mrc from-iso OUT.xml");
        std::process::exit(2);
    };
    let mode = args.next().unwrap_or_default();
    let open = || BufReader::with_capacity(1 << 16, std::fs::File::open(&path).expect("open"));
    match mode.as_str() {
        "from-iso" => {
            let target = args.next().expect("an output file");
            let out = std::io::BufWriter::new(std::fs::File::create(target).expect("create"));
            let mut writer = marcxml::Writer::new(out);
            for parsed in qiao_marc::iso2709::read_all(open()).flatten() {
                writer.write(&parsed.record).expect("write");
            }
            writer.finish().expect("finish");
        }
        "raw" => {
            let mut xml = quick_xml::Reader::from_reader(open());
            let mut buf = Vec::new();
            let started = Instant::now();
            let mut events = 0u64;
            loop {
                buf.clear();
                match xml.read_event_into(&mut buf) {
                    Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                    Ok(_) => events += 1,
                }
            }
            let s = started.elapsed().as_secs_f64();
            println!("raw quick-xml: {events} events in {s:.3} s ({:.1} M events/s)", events as f64 / s / 1e6);
        }
        _ => {
            if mode != "write" {
                let started = Instant::now();
                let (mut n, mut errors, mut fields) = (0usize, 0usize, 0usize);
                for item in marcxml::Reader::new(open()) {
                    match item {
                        Ok(read) => {
                            n += 1;
                            fields += read.record.fields.len();
                        }
                        Err(_) => errors += 1,
                    }
                }
                let s = started.elapsed().as_secs_f64();
                println!(
                    "read:  {n} records ({fields} fields), {errors} errors in {s:.3} s: {:.0} records/s",
                    n as f64 / s
                );
            }
            if mode != "read" {
                let records: Vec<_> = marcxml::Reader::new(open()).flatten().map(|r| r.record).collect();
                let started = Instant::now();
                let mut out = Vec::with_capacity(1 << 20);
                for record in &records {
                    out.clear();
                    marcxml::write_record(&mut out, record).expect("write");
                }
                let s = started.elapsed().as_secs_f64();
                let n = records.len();
                println!("write: {n} records in {s:.3} s: {:.0} records/s", n as f64 / s);
            }
        }
    }
}
