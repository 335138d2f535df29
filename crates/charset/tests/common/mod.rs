//! A tiny ISO 2709 splitter for tests: just enough to reach field and subfield bytes of
//! the corpus files (the real codec lives in qiao-marc).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn corpus(path: &str) -> Vec<u8> {
    let full = PathBuf::from("/work/shared/corpus").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

pub struct Field {
    pub tag: String,
    pub data: Vec<u8>,
}

pub struct Record {
    pub leader: Vec<u8>,
    pub fields: Vec<Field>,
    /// The data area: every field with its terminators, as a codec would sniff it.
    pub data: Vec<u8>,
}

impl Record {
    /// Leader/09: b' ' for MARC-8, b'a' for UCS.
    pub fn coding(&self) -> u8 {
        self.leader[9]
    }

    pub fn fields<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields.iter().filter(move |f| f.tag == tag)
    }
}

impl Field {
    pub fn is_control(&self) -> bool {
        self.tag.as_str() < "010"
    }

    /// (subfield code, value bytes); a control field is one value with code b' '.
    pub fn subfields(&self) -> Vec<(u8, &[u8])> {
        if self.is_control() {
            return vec![(b' ', &self.data[..])];
        }
        self.data.split(|&b| b == 0x1F).skip(1).filter(|s| !s.is_empty()).map(|s| (s[0], &s[1..])).collect()
    }

    pub fn subfield(&self, code: u8) -> Option<&[u8]> {
        self.subfields().into_iter().find(|&(c, _)| c == code).map(|(_, v)| v)
    }
}

fn number(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("not a number: {bytes:?}"))
}

/// Splits a file into records by the record length in leader/00-04, skipping the line
/// breaks some files put between records.
pub fn records(bytes: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if matches!(bytes[pos], b'\n' | b'\r' | 0x1A) {
            pos += 1;
            continue;
        }
        let len = number(&bytes[pos..pos + 5]);
        // Some files end with a record a byte or two shorter than it claims.
        let rec = &bytes[pos..(pos + len).min(bytes.len())];
        out.push(parse(rec));
        pos += len;
    }
    out
}

fn parse(rec: &[u8]) -> Record {
    let base = number(&rec[12..17]);
    let directory = &rec[24..base - 1];
    let fields = directory
        .chunks_exact(12)
        .map(|e| {
            let tag = String::from_utf8_lossy(&e[..3]).into_owned();
            let len = number(&e[3..7]);
            let start = number(&e[7..12]);
            let end = (base + start + len).min(rec.len());
            let mut data = rec[(base + start).min(end)..end].to_vec();
            if data.last() == Some(&0x1E) {
                data.pop();
            }
            Field { tag, data }
        })
        .collect();
    Record { leader: rec[..24].to_vec(), fields, data: rec[base.min(rec.len())..].to_vec() }
}
