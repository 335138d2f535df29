//! A message to show a person, as data: a Fluent id and its arguments. Backend errors
//! travel to the UI and the CLI in this form and are formatted in the current language.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Message {
    /// The Fluent message id.
    pub code: String,
    pub args: BTreeMap<String, Arg>,
}

/// An argument: a number (plural rules apply), text, or another message formatted first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum Arg {
    Int(#[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))] i64),
    Text(String),
    Message(Box<Message>),
}

impl Message {
    pub fn new(code: impl Into<String>) -> Self {
        Message { code: code.into(), args: BTreeMap::new() }
    }

    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.insert(name.to_string(), value.into());
        self
    }
}

impl std::fmt::Display for Message {
    /// The untranslated form, for logs: `code(name=value, …)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code)?;
        if !self.args.is_empty() {
            let args: Vec<String> = self.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            write!(f, "({})", args.join(", "))?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Int(n) => write!(f, "{n}"),
            Arg::Text(t) => write!(f, "{t:?}"),
            Arg::Message(m) => write!(f, "{m}"),
        }
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Arg::Int(n.into())
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Int(n.into())
    }
}

impl From<&str> for Arg {
    fn from(t: &str) -> Self {
        Arg::Text(t.to_string())
    }
}

impl From<String> for Arg {
    fn from(t: String) -> Self {
        Arg::Text(t)
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_the_ipc_boundary_as_code_and_args() {
        let m = Message::new("error-catalogue-newer")
            .arg("file", "/tmp/a.qiao")
            .arg("found", 9)
            .arg("detail", Message::new("mrk-bad-tag").arg("line", 2));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"code":"error-catalogue-newer","args":{"detail":{"code":"mrk-bad-tag","args":{"line":2}},"file":"/tmp/a.qiao","found":9}}"#
        );
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), m);
    }
}
