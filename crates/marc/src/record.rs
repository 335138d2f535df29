//! The record model: a leader, then fields in their original order.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The 24-character record leader, kept exactly as given (positions matter per flavour).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct Leader(String);

/// Length of a leader in characters.
pub const LEADER_LEN: usize = 24;

impl Leader {
    /// A leader for a new record of the given flavour family: lengths are zero (they are
    /// computed when an ISO 2709 file is written) and the entry map follows the family.
    pub fn new_book(unimarc_family: bool) -> Self {
        if unimarc_family {
            Leader("00000nam0 2200000   450 ".to_string())
        } else {
            Leader("00000nam a2200000 i 4500".to_string())
        }
    }

    /// Wraps a leader string; it must be exactly 24 characters long.
    pub fn parse(text: &str) -> Option<Self> {
        (text.chars().count() == LEADER_LEN).then(|| Leader(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The character at a leader position (0-based), if the leader has one there.
    pub fn at(&self, pos: usize) -> Option<char> {
        self.0.chars().nth(pos)
    }

    /// Leader/06, the type of record.
    pub fn record_type(&self) -> Option<char> {
        self.at(6)
    }
}

impl fmt::Display for Leader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A field tag: three ASCII letters or digits (`245`, `880`, local `FMT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag([u8; 3]);

impl Tag {
    /// Parses a tag; only ASCII letters and digits are allowed.
    pub fn parse(text: &str) -> Option<Self> {
        Tag::from_bytes(text.as_bytes())
    }

    /// A tag from its bytes, as a directory has them.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_alphanumeric) {
            Some(Tag([bytes[0], bytes[1], bytes[2]]))
        } else {
            None
        }
    }

    /// The three ASCII bytes, for writers (no UTF-8 check needed).
    pub fn as_bytes(&self) -> &[u8; 3] {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII alphanumerics are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Control fields (`001`–`009`, and `00X` in general) carry a value, not subfields.
    pub fn is_control(&self) -> bool {
        self.0[0] == b'0' && self.0[1] == b'0'
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Tag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Tag::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("bad tag {text:?}")))
    }
}

/// One subfield: its code and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Subfield {
    pub code: char,
    pub value: String,
}

impl Subfield {
    pub fn new(code: char, value: impl Into<String>) -> Self {
        Subfield { code, value: value.into() }
    }
}

/// A variable field: either a control field with a plain value or a data field with two
/// indicators and ordered, possibly repeated, subfields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Field {
    Control {
        #[cfg_attr(feature = "specta", specta(type = String))]
        tag: Tag,
        value: String,
    },
    Data {
        #[cfg_attr(feature = "specta", specta(type = String))]
        tag: Tag,
        ind1: char,
        ind2: char,
        subfields: Vec<Subfield>,
    },
}

impl Field {
    pub fn tag(&self) -> Tag {
        match self {
            Field::Control { tag, .. } | Field::Data { tag, .. } => *tag,
        }
    }

    /// The subfields of a data field (none for a control field).
    pub fn subfields(&self) -> &[Subfield] {
        match self {
            Field::Control { .. } => &[],
            Field::Data { subfields, .. } => subfields,
        }
    }

    /// The first value of subfield `code`, if present.
    pub fn first(&self, code: char) -> Option<&str> {
        self.subfields().iter().find(|s| s.code == code).map(|s| s.value.as_str())
    }

    /// Every value of subfield `code`, in order.
    pub fn all(&self, code: char) -> impl Iterator<Item = &str> {
        self.subfields().iter().filter(move |s| s.code == code).map(|s| s.value.as_str())
    }

    pub fn indicators(&self) -> Option<(char, char)> {
        match self {
            Field::Control { .. } => None,
            Field::Data { ind1, ind2, .. } => Some((*ind1, *ind2)),
        }
    }
}

/// A bibliographic record: a leader and its fields, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Record {
    pub leader: Leader,
    pub fields: Vec<Field>,
}

impl Record {
    /// Every field with this tag, in record order.
    pub fn fields_with(&self, tag: &str) -> impl Iterator<Item = &Field> {
        let wanted = Tag::parse(tag);
        self.fields.iter().filter(move |f| Some(f.tag()) == wanted)
    }

    /// The first field with this tag.
    pub fn field(&self, tag: &str) -> Option<&Field> {
        self.fields_with(tag).next()
    }

    /// The value of the first control field with this tag.
    pub fn control(&self, tag: &str) -> Option<&str> {
        self.fields_with(tag).find_map(|f| match f {
            Field::Control { value, .. } => Some(value.as_str()),
            Field::Data { .. } => None,
        })
    }

    /// The first `tag $code` value in the record.
    pub fn subfield(&self, tag: &str, code: char) -> Option<&str> {
        self.fields_with(tag).find_map(|f| f.first(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_accept_alphanumerics_only() {
        assert!(Tag::parse("245").is_some());
        assert!(Tag::parse("FMT").is_some());
        assert!(Tag::parse("24").is_none());
        assert!(Tag::parse("2 5").is_none());
        assert!(Tag::parse("题名字").is_none());
        assert!(Tag::parse("005").is_some_and(|t| t.is_control()));
        assert!(Tag::parse("010").is_some_and(|t| !t.is_control()));
    }

    #[test]
    fn json_form_is_lossless_and_readable() {
        let record = Record {
            leader: Leader::new_book(false),
            fields: vec![
                Field::Control { tag: Tag::parse("001").unwrap(), value: "x 1".into() },
                Field::Data {
                    tag: Tag::parse("650").unwrap(),
                    ind1: ' ',
                    ind2: '0',
                    subfields: vec![Subfield::new('a', "A"), Subfield::new('a', ""), Subfield::new('x', "B")],
                },
            ],
        };
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains(r#"{"kind":"data","tag":"650","ind1":" ","ind2":"0""#), "{json}");
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }
}
