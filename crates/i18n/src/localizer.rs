//! Formats Fluent messages in one language, falling back to English message by message.

use crate::date::{self, DateStyle};
use crate::lang::Lang;
use crate::message::{Arg, Message};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

type Bundle = FluentBundle<FluentResource>;

/// Every message of one interface language. Send + Sync: one is shared by the app.
pub struct Localizer {
    lang: Lang,
    /// The chosen language first, then English for any message it lacks.
    bundles: Vec<Bundle>,
}

impl Localizer {
    pub fn new(lang: Lang) -> Localizer {
        let mut chain = vec![lang];
        if lang != Lang::En {
            chain.push(Lang::En);
        }
        Localizer { lang, bundles: chain.into_iter().map(bundle).collect() }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message with no arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message given as data (a backend error, say), nested messages formatted first.
    pub fn message(&self, message: &Message) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            match value {
                Arg::Int(n) => args.set(name.as_str(), *n),
                Arg::Text(t) => args.set(name.as_str(), t.as_str()),
                Arg::Message(inner) => args.set(name.as_str(), self.message(inner)),
            }
        }
        self.format(&message.code, Some(&args))
    }

    /// Formats `id`; an id no bundle knows is returned as is, so a gap shows, not a blank.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        id.to_string()
    }

    /// Every message that needs no argument, formatted: what the UI loads in one call.
    pub fn plain_messages(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (index, bundle) in self.bundles.iter().enumerate() {
            let lang = if index == 0 { self.lang } else { Lang::En };
            for id in message_ids(lang) {
                if out.contains_key(&id) {
                    continue;
                }
                let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    out.insert(id, text.into_owned());
                }
            }
        }
        out
    }
}

/// The message ids defined by one language's .ftl files (terms excluded).
pub fn message_ids(lang: Lang) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (_, _, text) in sources_of(lang) {
        let resource = match fluent_syntax::parser::parse(*text) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.insert(m.id.name.to_string());
            }
        }
    }
    ids
}

fn sources_of(lang: Lang) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    crate::sources().iter().filter(move |(folder, _, _)| *folder == lang.tag())
}

fn bundle(lang: Lang) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Qiao's languages are left-to-right and record text is isolated by the UI itself;
    // isolation marks would only end up in terminals and copied text.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Ru => format_number_ru,
        Lang::ZhCn | Lang::En => format_number_comma,
    }));
    // fluent-rs has no DATETIME: dates come from ICU in the bundle's language.
    let _ = bundle.add_function("DATETIME", move |positional, named| {
        let Some(FluentValue::Number(n)) = positional.first() else {
            return FluentValue::Error;
        };
        let style = match named.get("style") {
            Some(FluentValue::String(s)) if s == "date" => DateStyle::Date,
            _ => DateStyle::DateTime,
        };
        FluentValue::String(Cow::Owned(date::format_millis(lang, n.value as i64, style)))
    });
    for (_, _, text) in sources_of(lang) {
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
        // Duplicate ids and syntax errors are caught by the locale tests, not at run time.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// Integers grouped as Russian writes them: "1000", "10 000", "1 000 000" (no-break space;
/// CLDR's minimum grouping of two digits leaves four-digit numbers whole).
fn format_number_ru<M>(value: &FluentValue, _: &M) -> Option<String> {
    group_integer(value, '\u{a0}', 5)
}

/// Integers grouped with commas: "1,000", "100,000".
fn format_number_comma<M>(value: &FluentValue, _: &M) -> Option<String> {
    group_integer(value, ',', 4)
}

fn group_integer(value: &FluentValue, separator: char, min_digits: usize) -> Option<String> {
    let FluentValue::Number(n) = value else { return None };
    if n.value.fract() != 0.0 || n.value.abs() >= 1e15 {
        return None;
    }
    let int = n.value as i64;
    let digits = int.unsigned_abs().to_string();
    if digits.len() < min_digits {
        return Some(int.to_string());
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if int < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    Some(out)
}
