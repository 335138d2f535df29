//! Writes the seed inputs in `seeds/` from the project's own demo records (so no third-party
//! file is copied into the repository): each demo file as ISO 2709 in every character set
//! that holds it, as MARCXML and as `.mrk`, plus a few hand-made awkward inputs.
//! Run from `fuzz/`: `cargo run --example seeds`.

use qiao_charset::Charset;
use qiao_marc::iso2709::{self, EncodeError};
use qiao_marc::{marcxml, mrk, Record};
use std::path::Path;

fn write(dir: &str, name: &str, bytes: &[u8]) {
    let path = Path::new("seeds").join(dir);
    std::fs::create_dir_all(&path).expect("seeds folder");
    std::fs::write(path.join(name), bytes).expect("seed written");
}

fn iso2709_in(records: &[Record], charset: Charset) -> Vec<u8> {
    let mut encode = |text: &str, out: &mut Vec<u8>| {
        out.extend(qiao_charset::encode(charset, text).map_err(|e| EncodeError { detail: e.to_string() })?);
        Ok(())
    };
    records.iter().filter_map(|r| iso2709::write(r, &mut encode).ok()).flatten().collect()
}

fn main() {
    for name in ["cnmarc", "rusmarc", "marc21", "manuscripts"] {
        let text = std::fs::read_to_string(format!("../crates/core/demo/{name}.mrk")).expect("demo file");
        let records = mrk::parse_str(&text).expect("demo records read");
        // Small seeds mutate faster: two records per file is enough to show the shape.
        let records = &records[..records.len().min(2)];
        let mut xml = Vec::new();
        marcxml::write_collection(&mut xml, records).expect("demo records write as MARCXML");
        write("marcxml", &format!("{name}.xml"), &xml);
        let mut out = Vec::new();
        mrk::write(&mut out, records).expect("writing to memory");
        write("mrk", &format!("{name}.mrk"), &out);
        for charset in Charset::ALL {
            let bytes = iso2709_in(records, charset);
            if !bytes.is_empty() {
                write("iso2709", &format!("{name}-{charset}.mrc"), &bytes);
                write("charset", &format!("{name}-{charset}.bin"), &bytes[..bytes.len().min(512)]);
            }
        }
    }
    write("mrk", "mnemonics.mrk", "=LDR  00000nam\\a2200000\\i\\4500\n=001  a\\b{bsol}{U+001E}\n=245  10$a{dollar}5 {lcub}x{rcub} {U+0098}The{U+009C}$b\n=300  \\\\\n\n=LDR  short\n=500  \\\\$aNext\n".as_bytes());
    write("marcxml", "wrapped.xml", br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "entity">]><srw:searchRetrieveResponse xmlns:srw="http://www.loc.gov/zing/srw/"><srw:records><srw:record><srw:recordData><m:record xmlns:m="http://www.loc.gov/MARC21/slim"><m:leader>00000nam a2200000 i 4500</m:leader><m:controlfield tag="001">&e;&#x41;</m:controlfield><m:datafield tag="245" ind1="1" ind2=""><m:subfield code="a"><![CDATA[A <b>]]> &amp; &#x98;B</m:subfield><rank>1</rank></m:datafield></m:record></srw:recordData></srw:record></srw:records></srw:searchRetrieveResponse>"#);
}
