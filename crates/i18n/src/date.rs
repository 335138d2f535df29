//! Dates as a person reads them in the interface language, in local time.

use crate::lang::Lang;
use chrono::{Datelike, Local, TimeZone, Timelike};
use icu_datetime::fieldsets;
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::DateTimeFormatter;
use icu_locale_core::Locale;

/// How much of a moment to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "21 ноября 2026\u{202f}г." / "2026年11月21日"
    Date,
    /// The date with hours and minutes.
    DateTime,
}

fn locale(lang: Lang) -> Locale {
    lang.tag().parse().unwrap_or(Locale::UNKNOWN)
}

/// Formats a Unix time in milliseconds in the computer's local time zone.
pub fn format_millis(lang: Lang, millis: i64, style: DateStyle) -> String {
    let Some(local) = Local.timestamp_millis_opt(millis).single() else {
        return millis.to_string();
    };
    format_parts(
        lang,
        (local.year(), local.month() as u8, local.day() as u8),
        (local.hour() as u8, local.minute() as u8),
        style,
    )
    .unwrap_or_else(|| local.format("%Y-%m-%d %H:%M").to_string())
}

fn format_parts(lang: Lang, (y, m, d): (i32, u8, u8), (hh, mm): (u8, u8), style: DateStyle) -> Option<String> {
    let date = Date::try_new_iso(y, m, d).ok()?;
    let prefs = locale(lang).into();
    Some(match style {
        DateStyle::Date => DateTimeFormatter::try_new(prefs, fieldsets::YMD::long()).ok()?.format(&date).to_string(),
        DateStyle::DateTime => {
            let time = Time::try_new(hh, mm, 0, 0).ok()?;
            DateTimeFormatter::try_new(prefs, fieldsets::YMD::long().with_time_hm())
                .ok()?
                .format(&DateTime { date, time })
                .to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_language() {
        let d = |lang| format_parts(lang, (2026, 11, 21), (9, 5), DateStyle::Date).unwrap();
        assert_eq!(d(Lang::Ru), "21 ноября 2026\u{202f}г.");
        assert_eq!(d(Lang::ZhCn), "2026年11月21日");
        assert_eq!(d(Lang::En), "November 21, 2026");
    }

    #[test]
    fn date_and_time() {
        let dt = |lang| format_parts(lang, (2026, 5, 1), (9, 5), DateStyle::DateTime).unwrap();
        assert!(dt(Lang::Ru) == "1 мая 2026\u{202f}г. в 09:05", "{}", dt(Lang::Ru));
        assert!(dt(Lang::ZhCn).starts_with("2026年5月1日") && dt(Lang::ZhCn).contains("09:05"), "{}", dt(Lang::ZhCn));
    }
}
