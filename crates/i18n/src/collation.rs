//! The sort order of the interface language (CLDR): pinyin for Chinese, the Russian
//! alphabet with ё beside е, and the root order for English.

use crate::lang::Lang;
use icu_collator::options::CollatorOptions;
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;
use std::cmp::Ordering;

pub struct Collation {
    collator: CollatorBorrowed<'static>,
}

impl Collation {
    pub fn new(lang: Lang) -> Collation {
        let locale: Locale = match lang {
            Lang::ZhCn => "zh",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
        .parse()
        .unwrap_or(Locale::UNKNOWN);
        let mut prefs = CollatorPreferences::from(&locale);
        // Numbers in titles sort by value, as a cataloguer reads them: «Вып. 9» before
        // «Вып. 28», 第2卷 before 第10卷.
        prefs.numeric_ordering = Some(CollationNumericOrdering::True);
        let collator = Collator::try_new(prefs, CollatorOptions::default())
            .or_else(|_| Collator::try_new(CollatorPreferences::default(), CollatorOptions::default()))
            // The root collation is compiled into the binary; failing here is a build defect.
            .expect("compiled collation data");
        Collation { collator }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }

    /// A byte string whose plain byte order is this collation's order, so many strings can
    /// be sorted (or indexed) with cheap comparisons.
    pub fn sort_key(&self, text: &str) -> Vec<u8> {
        let mut key = Vec::with_capacity(text.len() * 2 + 8);
        // Writing into a Vec cannot fail.
        let _ = self.collator.write_sort_key_to(text, &mut key);
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, words: &[&str]) -> Vec<String> {
        let c = Collation::new(lang);
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|w| c.sort_key(w));
        v
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(sorted(Lang::Ru, &["Вып. 28", "Вып. 9", "Вып. 100"]), ["Вып. 9", "Вып. 28", "Вып. 100"]);
        assert_eq!(sorted(Lang::ZhCn, &["第10卷", "第2卷"]), ["第2卷", "第10卷"]);
        assert_eq!(sorted(Lang::En, &["Part 10", "Part 2"]), ["Part 2", "Part 10"]);
    }

    #[test]
    fn chinese_sorts_by_pinyin() {
        // ba (巴), hong (红), lu (鲁), mao (茅), zhang (张)
        assert_eq!(
            sorted(Lang::ZhCn, &["张", "鲁迅", "巴金", "茅盾", "红楼梦"]),
            ["巴金", "红楼梦", "鲁迅", "茅盾", "张"]
        );
    }

    #[test]
    fn russian_puts_yo_with_ye() {
        assert_eq!(sorted(Lang::Ru, &["ёж", "жук", "ель", "яма", "еда"]), ["еда", "ёж", "ель", "жук", "яма"]);
        assert_eq!(sorted(Lang::Ru, &["Ёлкин", "Елисеев", "Ежов"]), ["Ежов", "Елисеев", "Ёлкин"]);
    }

    #[test]
    fn keys_agree_with_compare() {
        let c = Collation::new(Lang::Ru);
        for (a, b) in [("Анна", "анна"), ("Ёлка", "Елка"), ("Толстой", "Тургенев")] {
            assert_eq!(c.sort_key(a).cmp(&c.sort_key(b)), c.compare(a, b), "{a} {b}");
        }
    }
}
