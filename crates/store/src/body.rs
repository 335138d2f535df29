//! How a record is kept in the `body` column: compact positional JSON, lossless.
//!
//! ```json
//! {"l":"00000nam0 2200000   450 ","f":[["001","RU-1"],["200","1"," ",["a","Война и мир","f","Л. Н. Толстой"]]]}
//! ```
//! A control field is `[tag, value]`; a data field is `[tag, ind1, ind2, [code, value, …]]`.
//! The readable form the UI gets (`{"kind": "data", "subfields": [{"code": …}]}`) is three
//! times larger, which a million-record catalogue would feel.

use qiao_marc::{Field, Leader, Record, Subfield, Tag};
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

pub(crate) fn encode(record: &Record) -> String {
    let fields = record
        .fields
        .iter()
        .map(|field| match field {
            Field::Control { tag, value } => BodyField::Control(Cow::Borrowed(tag.as_str()), Cow::Borrowed(value)),
            Field::Data { tag, ind1, ind2, subfields } => {
                let mut flat = Vec::with_capacity(subfields.len() * 2);
                for sub in subfields {
                    flat.push(Cow::Owned(sub.code.to_string()));
                    flat.push(Cow::Borrowed(sub.value.as_str()));
                }
                BodyField::Data(Cow::Borrowed(tag.as_str()), *ind1, *ind2, flat)
            }
        })
        .collect();
    let body = Body { l: Cow::Borrowed(record.leader.as_str()), f: fields };
    // Strings, chars and arrays always serialize.
    serde_json::to_string(&body).unwrap_or_default()
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
        let body = encode(&record);
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
