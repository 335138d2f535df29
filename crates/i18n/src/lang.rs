//! The interface languages and how one is chosen.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use unic_langid::LanguageIdentifier;

/// A language Qiao speaks. Chinese and Russian are first-class; English is the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Lang {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::ZhCn, Lang::Ru, Lang::En];

    /// The BCP 47 tag, which is also the folder name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn langid(self) -> LanguageIdentifier {
        // The tags above are valid by construction.
        self.tag().parse().unwrap_or_default()
    }

    /// The language a requested locale maps to, if Qiao speaks it. Accepts BCP 47 tags and
    /// POSIX locale names ("ru_RU.UTF-8", "zh_CN.GB18030@pinyin"); any Chinese maps to
    /// zh-CN, the only Chinese Qiao has.
    pub fn matching(requested: &str) -> Option<Lang> {
        let tag = requested.split(['.', '@']).next().unwrap_or("").replace('_', "-");
        let id: LanguageIdentifier = tag.parse().ok()?;
        match id.language.as_str() {
            "zh" => Some(Lang::ZhCn),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first requested locale Qiao speaks, else English.
    pub fn negotiate<'a>(requested: impl IntoIterator<Item = &'a str>) -> Lang {
        requested.into_iter().find_map(Lang::matching).unwrap_or(Lang::En)
    }

    /// The operating system's preferred languages (LANG/LC_* on Unix, user settings on
    /// Windows and macOS), negotiated.
    pub fn from_os() -> Lang {
        let locales: Vec<String> = sys_locale::get_locales().collect();
        Lang::negotiate(locales.iter().map(String::as_str))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Qiao does not speak {0:?} (it speaks zh-CN, ru and en)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Lang::matching(text).ok_or_else(|| UnknownLang(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_and_bcp47_names() {
        assert_eq!(Lang::matching("ru_RU.UTF-8"), Some(Lang::Ru));
        assert_eq!(Lang::matching("zh_CN.GB18030"), Some(Lang::ZhCn));
        assert_eq!(Lang::matching("zh-Hant-TW"), Some(Lang::ZhCn));
        assert_eq!(Lang::matching("en-GB"), Some(Lang::En));
        assert_eq!(Lang::matching("de_DE"), None);
        assert_eq!(Lang::matching("C"), None);
    }

    #[test]
    fn negotiation_falls_back_to_english() {
        assert_eq!(Lang::negotiate(["de-DE", "ru-RU", "en"]), Lang::Ru);
        assert_eq!(Lang::negotiate(["fr", "C.UTF-8"]), Lang::En);
        assert_eq!(Lang::negotiate([]), Lang::En);
    }
}
