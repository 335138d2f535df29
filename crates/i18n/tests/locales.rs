//! The locale files themselves: same ids everywhere, nothing empty, valid syntax, and the
//! plural and number forms a native reader expects.

use qiao_i18n::localizer::message_ids;
use qiao_i18n::{Lang, Localizer, Message};

#[test]
fn every_locale_defines_the_same_message_ids() {
    let en = message_ids(Lang::En);
    assert!(en.len() > 20, "English defines only {} messages", en.len());
    for lang in [Lang::ZhCn, Lang::Ru] {
        let ids = message_ids(lang);
        let missing: Vec<_> = en.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&en).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, extra {extra:?}");
    }
}

#[test]
fn every_file_parses_and_no_message_is_empty() {
    let mut langs_seen = std::collections::BTreeSet::new();
    for (lang, file, text) in qiao_i18n::sources() {
        langs_seen.insert(*lang);
        let resource =
            fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, errors)| panic!("{lang}/{file}: {errors:?}"));
        for entry in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                let value = m.value.as_ref();
                let empty = value.is_none_or(|p| {
                    p.elements.iter().all(|e| {
                        matches!(e, fluent_syntax::ast::PatternElement::TextElement { value } if value.trim().is_empty())
                    })
                });
                assert!(!empty, "{lang}/{file}: message {} is empty", m.id.name);
            }
        }
    }
    assert_eq!(langs_seen.into_iter().collect::<Vec<_>>(), ["en", "ru", "zh-CN"]);
}

#[test]
fn the_same_files_exist_in_every_locale() {
    let files = |lang: Lang| -> Vec<&str> {
        qiao_i18n::sources().iter().filter(|(l, _, _)| *l == lang.tag()).map(|(_, f, _)| *f).collect()
    };
    assert_eq!(files(Lang::Ru), files(Lang::En));
    assert_eq!(files(Lang::ZhCn), files(Lang::En));
}

fn count(lang: Lang, n: i64) -> String {
    Localizer::new(lang).message(&Message::new("status-record-count").arg("count", n))
}

#[test]
fn russian_plurals_one_few_many() {
    assert_eq!(count(Lang::Ru, 1), "1 запись");
    assert_eq!(count(Lang::Ru, 2), "2 записи");
    assert_eq!(count(Lang::Ru, 5), "5 записей");
    assert_eq!(count(Lang::Ru, 11), "11 записей");
    assert_eq!(count(Lang::Ru, 21), "21 запись");
    assert_eq!(count(Lang::Ru, 104), "104 записи");
    assert_eq!(count(Lang::Ru, 100000), "100\u{a0}000 записей");
}

#[test]
fn chinese_and_english_counts() {
    assert_eq!(count(Lang::ZhCn, 1), "1 条记录");
    assert_eq!(count(Lang::ZhCn, 100000), "100,000 条记录");
    assert_eq!(count(Lang::En, 1), "1 record");
    assert_eq!(count(Lang::En, 1000), "1,000 records");
}

#[test]
fn nested_messages_and_fallback_to_the_id() {
    let l = Localizer::new(Lang::Ru);
    let inner = Message::new("mrk-missing-indicators").arg("line", 3).arg("column", 7);
    let text = l.message(&Message::new("error-import-record").arg("file", "a.mrk").arg("detail", inner));
    assert!(text.contains("a.mrk") && text.contains('3') && text.contains('7'), "{text}");
    assert_eq!(l.text("no-such-message-id"), "no-such-message-id");
}

#[test]
fn plain_messages_exclude_those_needing_arguments() {
    let messages = Localizer::new(Lang::ZhCn).plain_messages();
    assert!(messages.contains_key("app-title"));
    assert!(!messages.contains_key("status-record-count"));
}
