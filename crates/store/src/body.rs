//! How a record is kept in the `body` column: compact positional JSON, lossless.
//!
//! ```json
//! {"l":"00000nam0 2200000   450 ","f":[["001","RU-1"],["200","1"," ",["a","Война и мир","f","Л. Н. Толстой"]]]}
//! ```
//! A control field is `[tag, value]`; a data field is `[tag, ind1, ind2, [code, value, …]]`.
//! The readable form the UI gets (`{"kind": "data", "subfields": [{"code": …}]}`) is three
//! times larger, which a million-record catalogue would feel.

use qiao_marc::{Field, Leader, Record, Subfield, Tag};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Serialize, Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    l: Cow<'a, str>,
    #[serde(borrow)]
    f: Vec<BodyField<'a>>,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum BodyField<'a> {
    Control(#[serde(borrow)] Cow<'a, str>, #[serde(borrow)] Cow<'a, str>),
    Data(#[serde(borrow)] Cow<'a, str>, char, char, #[serde(borrow)] Vec<Cow<'a, str>>),
}

/// Writes the body straight into one buffer (imports encode every record: no per-field
/// or per-subfield allocation). `decode` reads it with the serde types above. The bytes are
/// UTF-8 (whole strings and ASCII punctuation), bound to SQLite as text without a re-check.
pub(crate) fn encode(record: &Record) -> Encoded {
    let mut out = Vec::with_capacity(64 + 64 * record.fields.len());
    out.extend_from_slice(b"{\"l\":");
    string(&mut out, record.leader.as_str());
    out.extend_from_slice(b",\"f\":[");
    for (i, field) in record.fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Tags are three ASCII letters or digits: nothing to escape.
        out.extend_from_slice(b"[\"");
        out.extend_from_slice(field.tag().as_bytes());
        out.push(b'"');
        match field {
            Field::Control { value, .. } => {
                out.push(b',');
                string(&mut out, value);
            }
            Field::Data { ind1, ind2, subfields, .. } => {
                out.push(b',');
                character(&mut out, *ind1);
                out.push(b',');
                character(&mut out, *ind2);
                out.extend_from_slice(b",[");
                for (j, sub) in subfields.iter().enumerate() {
                    if j > 0 {
                        out.push(b',');
                    }
                    character(&mut out, sub.code);
                    out.push(b',');
                    string(&mut out, &sub.value);
                }
                out.push(b']');
            }
        }
        out.push(b']');
    }
    out.extend_from_slice(b"]}");
    Encoded(out)
}

/// An encoded body: UTF-8 JSON, bound as SQL text.
pub(crate) struct Encoded(Vec<u8>);

impl ToSql for Encoded {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(&self.0)))
    }
}

#[cfg(test)]
impl Encoded {
    fn text(self) -> String {
        String::from_utf8(self.0).unwrap()
    }
}

/// One character (an indicator or a subfield code) as a JSON string.
fn character(out: &mut Vec<u8>, c: char) {
    if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
        out.extend_from_slice(&[b'"', c as u8, b'"']);
    } else {
        string(out, c.encode_utf8(&mut [0u8; 4]));
    }
}

/// A JSON string, escaped as serde_json escapes it: runs of plain bytes are copied whole.
fn string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xF) as usize]]),
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

pub(crate) fn decode(text: &str) -> Result<Record, String> {
    let body: Body<'_> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let leader = Leader::parse(&body.l).ok_or_else(|| format!("bad leader {:?}", body.l))?;
    let tag = |t: &str| Tag::parse(t).ok_or_else(|| format!("bad tag {t:?}"));
    let mut fields = Vec::with_capacity(body.f.len());
    for field in body.f {
        fields.push(match field {
            BodyField::Control(t, value) => Field::Control { tag: tag(&t)?, value: value.into_owned() },
            BodyField::Data(t, ind1, ind2, flat) => {
                if flat.len() % 2 != 0 {
                    return Err(format!("field {t}: odd subfield list"));
                }
                let mut subfields = Vec::with_capacity(flat.len() / 2);
                for pair in flat.chunks_exact(2) {
                    let mut code = pair[0].chars();
                    let (Some(c), None) = (code.next(), code.next()) else {
                        return Err(format!("field {t}: bad subfield code {:?}", pair[0]));
                    };
                    subfields.push(Subfield { code: c, value: pair[1].to_string() });
                }
                Field::Data { tag: tag(&t)?, ind1, ind2, subfields }
            }
        });
    }
    Ok(Record { leader, fields })
}

#[cfg(test)]
mod tests {
    use super::*;
    use qiao_marc::mrk;

    #[test]
    fn compact_and_lossless() {
        let text = "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-1\n=200  1\\$aВойна и мир$a$f\"Л. Н.\" Толстой\n=300  \\\\\n=9XX  01$x{U+0098}The{U+009C} {dollar}end\n";
        let record = mrk::parse_one(text).unwrap().unwrap();
        let body = encode(&record).text();
        assert!(
            body.starts_with(
                r#"{"l":"00000nam0 2200000   450 ","f":[["001","RU-1"],["200","1"," ",["a","Война и мир","a","","f""#
            ),
            "{body}"
        );
        assert_eq!(decode(&body).unwrap(), record);
        assert!(body.len() * 2 < serde_json::to_string(&record).unwrap().len());
    }

    #[test]
    fn the_hand_written_encoder_writes_what_serde_would() {
        let text = "=LDR  00000nam0\\2200000\\\\\\450\\\n=001  RU-1\n=200  1\\$a\"Война\" и мир\\ {U+0098}Le{U+009C} $f紅樓夢\n=300  \\\\\n";
        let record = mrk::parse_one(text).unwrap().unwrap();
        let mut record = record;
        if let Field::Data { subfields, .. } = &mut record.fields[1] {
            subfields.push(Subfield::new('x', "tab\there\r\nnul\u{0}bell\u{7}\u{8}\u{c}\u{1f}\u{7f}\\"));
        }
        let fields = record
            .fields
            .iter()
            .map(|f| match f {
                Field::Control { tag, value } => BodyField::Control(tag.as_str().into(), value.as_str().into()),
                Field::Data { tag, ind1, ind2, subfields } => BodyField::Data(
                    tag.as_str().into(),
                    *ind1,
                    *ind2,
                    subfields.iter().flat_map(|s| [Cow::Owned(s.code.to_string()), s.value.as_str().into()]).collect(),
                ),
            })
            .collect();
        let expected = serde_json::to_string(&Body { l: record.leader.as_str().into(), f: fields }).unwrap();
        assert_eq!(encode(&record).text(), expected);
    }

    #[test]
    fn damage_is_reported_not_panicked() {
        for bad in [
            "",
            "{}",
            r#"{"l":"short","f":[]}"#,
            r#"{"l":"00000nam0 2200000   450 ","f":[["2 5","x"]]}"#,
            r#"{"l":"00000nam0 2200000   450 ","f":[["245","1","0",["a"]]]}"#,
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
