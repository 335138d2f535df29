//! The few values a catalogue list shows, taken from the fields each flavour keeps them in.

use crate::flavour::Flavour;
use crate::identity;
use crate::record::{Field, Record};
use serde::{Deserialize, Serialize};

/// Listing data derived from a record. Derived, never edited: it is recomputed on save.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Summary {
    /// The title as displayed, without non-sorting markers or trailing ISBD punctuation.
    pub title: String,
    /// The title without its non-sorting part ("The", "Les" …), for ordering.
    pub sort_title: String,
    /// The statement of responsibility (or the main entry heading when there is none).
    pub responsibility: String,
    /// The first four-digit year of publication or production, if any.
    pub year: Option<i32>,
    /// ISO 639-2 code of the language of the text.
    pub language: Option<String>,
    /// The first ISBN, digits and X only.
    pub isbn: Option<String>,
}

/// UNIMARC's non-sorting markers (NSB/NSE), which also appear as C1 controls in records.
const NON_SORT_BEGIN: [char; 2] = ['\u{98}', '\u{88}'];
const NON_SORT_END: [char; 2] = ['\u{9C}', '\u{89}'];

impl Summary {
    pub fn of(record: &Record, flavour: Flavour) -> Summary {
        if flavour.is_unimarc_family() {
            unimarc(record)
        } else {
            marc21(record)
        }
    }
}

fn unimarc(record: &Record) -> Summary {
    let title_field = record.field("200");
    let mut title = String::new();
    if let Some(field) = title_field {
        for sub in field.subfields() {
            let part = sub.value.trim();
            if part.is_empty() {
                continue;
            }
            match sub.code {
                'a' if title.is_empty() => title.push_str(part),
                'a' => push_joined(&mut title, " ; ", part),
                'e' => push_joined(&mut title, " : ", part),
                'h' | 'i' => push_joined(&mut title, ". ", part),
                _ => {}
            }
        }
    }
    let responsibility = title_field
        .map(|f| {
            let mut text = String::new();
            for part in f.all('f').chain(f.all('g')) {
                push_joined(&mut text, " ; ", part.trim());
            }
            text
        })
        .filter(|t| !t.is_empty())
        .or_else(|| record.field("700").map(name_heading))
        .unwrap_or_default();
    let year = ["210", "214"]
        .iter()
        .flat_map(|tag| record.fields_with(tag))
        .flat_map(|f| f.all('d'))
        .find_map(first_year)
        .or_else(|| record.subfield("100", 'a').and_then(|a| a.get(9..13)).and_then(first_year));
    let language = record.subfield("101", 'a').map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty());
    let isbn = record.subfield("010", 'a').and_then(identity::isbn_compact);
    let (title, sort_title) = display_and_sort(&title, 0);
    Summary { title, sort_title, responsibility: strip_isbd(&responsibility), year, language, isbn }
}

fn marc21(record: &Record) -> Summary {
    let title_field = record.field("245");
    let mut title = String::new();
    if let Some(field) = title_field {
        for sub in field.subfields() {
            if matches!(sub.code, 'a' | 'b' | 'n' | 'p') {
                let part = strip_isbd(&sub.value);
                if part.is_empty() {
                    continue;
                }
                let sep = if sub.code == 'b' { " : " } else { ". " };
                push_joined(&mut title, sep, &part);
            }
        }
    }
    let nonfiling = title_field.and_then(Field::indicators).and_then(|(_, i2)| i2.to_digit(10)).unwrap_or(0) as usize;
    let responsibility = record
        .subfield("245", 'c')
        .map(strip_isbd)
        .filter(|t| !t.is_empty())
        .or_else(|| record.field("100").map(name_heading))
        .unwrap_or_default();
    let year = ["264", "260"]
        .iter()
        .flat_map(|tag| record.fields_with(tag))
        .flat_map(|f| f.all('c'))
        .find_map(first_year)
        .or_else(|| record.control("008").and_then(|f| f.get(7..11)).and_then(first_year));
    let language = record
        .control("008")
        .and_then(|f| f.get(35..38))
        .map(str::trim)
        .filter(|l| l.len() == 3 && l.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_lowercase)
        .or_else(|| record.subfield("041", 'a').map(|l| l.trim().to_lowercase()));
    let isbn = record.fields_with("020").flat_map(|f| f.all('a')).find_map(identity::isbn_compact);
    let (title, sort_title) = display_and_sort(&title, nonfiling);
    Summary { title, sort_title, responsibility: strip_isbd(&responsibility), year, language, isbn }
}

fn push_joined(text: &mut String, sep: &str, part: &str) {
    if part.is_empty() {
        return;
    }
    if !text.is_empty() {
        // "в 5 т." followed by ". Т. 3" must not give "т.. Т. 3".
        match sep.strip_prefix('.') {
            Some(rest) if text.ends_with('.') => text.push_str(rest),
            _ => text.push_str(sep),
        }
    }
    text.push_str(part);
}

/// A name heading as a person reads it: "Толстой, Лев Николаевич" or "鲁迅".
fn name_heading(field: &Field) -> String {
    let mut text = field.first('a').unwrap_or("").trim().to_string();
    if let Some(rest) = field.first('b').or_else(|| field.first('q')) {
        push_joined(&mut text, ", ", rest.trim());
    }
    strip_isbd(&text)
}

/// Drops ISBD punctuation left at the end of a subfield (" /", " :", " ;", ",", ".", "=").
fn strip_isbd(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches([' ', '/', ':', ';', ',', '=']);
    // A final full stop ends the field in ISBD, but keep it after an initial ("Л. Н.").
    let trimmed = match trimmed.strip_suffix('.') {
        Some(stem) if !ends_with_initial(stem) => stem,
        _ => trimmed,
    };
    trimmed.trim_end().to_string()
}

fn ends_with_initial(stem: &str) -> bool {
    let mut chars = stem.chars().rev();
    match chars.next() {
        Some(c) if c.is_uppercase() => matches!(chars.next(), None | Some(' ' | '.')),
        _ => false,
    }
}

/// The displayed title (markers removed) and the sort title (non-sorting part removed).
fn display_and_sort(title: &str, nonfiling: usize) -> (String, String) {
    let display: String = title.chars().filter(|c| !NON_SORT_BEGIN.contains(c) && !NON_SORT_END.contains(c)).collect();
    let mut sort = String::with_capacity(title.len());
    let mut skipping = false;
    for c in title.chars() {
        if NON_SORT_BEGIN.contains(&c) {
            skipping = true;
        } else if NON_SORT_END.contains(&c) {
            skipping = false;
        } else if !skipping {
            sort.push(c);
        }
    }
    let sort: String = sort.chars().skip(nonfiling).collect();
    let sort = sort.trim_start_matches(|c: char| !c.is_alphanumeric()).to_string();
    (display.trim().to_string(), if sort.is_empty() { display.trim().to_string() } else { sort })
}

fn first_year(text: &str) -> Option<i32> {
    let digits: Vec<char> = text.chars().collect();
    digits.windows(4).enumerate().find_map(|(i, w)| {
        let before_ok = i == 0 || !digits[i - 1].is_ascii_digit();
        let after_ok = digits.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (before_ok && after_ok && w.iter().all(char::is_ascii_digit))
            .then(|| w.iter().collect::<String>().parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrk;

    fn summary(text: &str) -> Summary {
        let record = mrk::parse_one(text).unwrap().unwrap();
        Summary::of(&record, Flavour::detect(&record))
    }

    #[test]
    fn rusmarc_book() {
        let s = summary(concat!(
            "=LDR  00000nam0\\2200000\\\\\\450\\\n",
            "=010  \\\\$a978-5-389-06256-6$d300 р.\n",
            "=100  \\\\$a20240501d2014    y  0yrusy50      ca\n",
            "=101  0\\$arus\n",
            "=200  1\\$aВойна и мир$eроман$fЛ. Н. Толстой$gвступ. ст. И. Сухих\n",
            "=210  \\\\$aСанкт-Петербург$cАзбука$d2014\n",
            "=801  \\0$aRU$bРНБ\n",
        ));
        assert_eq!(s.title, "Война и мир : роман");
        assert_eq!(s.responsibility, "Л. Н. Толстой ; вступ. ст. И. Сухих");
        assert_eq!(s.year, Some(2014));
        assert_eq!(s.language.as_deref(), Some("rus"));
        assert_eq!(s.isbn.as_deref(), Some("9785389062566"));
    }

    #[test]
    fn parts_after_an_abbreviation_get_one_full_stop() {
        let s = summary("=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aДуховная культура Китая$eэнциклопедия$eв 5 т.$hТ. 3$iЛитература\n");
        assert_eq!(s.title, "Духовная культура Китая : энциклопедия : в 5 т. Т. 3. Литература");
    }

    #[test]
    fn cnmarc_uses_214_and_ignores_pinyin() {
        let s = summary(concat!(
            "=LDR  00000nam0\\2200000\\\\\\450\\\n",
            "=010  \\\\$a7-02-000220-X\n",
            "=101  0\\$achi\n",
            "=200  1\\$a呐喊$9na han$f鲁迅著\n",
            "=214  \\0$a北京$c人民文学出版社$d1973年\n",
            "=690  \\\\$aI210.4$v5\n",
        ));
        assert_eq!((s.title.as_str(), s.responsibility.as_str()), ("呐喊", "鲁迅著"));
        assert_eq!(s.year, Some(1973));
        assert_eq!(s.isbn.as_deref(), Some("702000220X"));
    }

    #[test]
    fn marc21_nonfiling_and_punctuation() {
        let s = summary(concat!(
            "=LDR  00000cam\\a2200000\\i\\4500\n",
            "=008  240501s1994\\\\\\\\nyu\\\\\\\\\\\\\\\\\\\\\\000\\1\\eng\\d\n",
            "=020  \\\\$a0-14-044417-3 (pbk.)\n",
            "=245  14$aThe master and Margarita :$ba novel /$cMikhail Bulgakov.\n",
            "=264  \\1$aNew York :$bPenguin,$c[1994]\n",
        ));
        assert_eq!(s.title, "The master and Margarita : a novel");
        assert_eq!(s.sort_title, "master and Margarita : a novel");
        assert_eq!(s.responsibility, "Mikhail Bulgakov");
        assert_eq!(s.year, Some(1994));
        assert_eq!(s.language.as_deref(), Some("eng"));
        assert_eq!(s.isbn.as_deref(), Some("0140444173"));
    }

    #[test]
    fn unimarc_non_sorting_markers_never_show() {
        let s = summary("=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$a{U+0098}Les {U+009C}misérables$fV. Hugo\n");
        assert_eq!(s.title, "Les misérables");
        assert_eq!(s.sort_title, "misérables");
    }

    #[test]
    fn years_are_whole_four_digit_numbers() {
        assert_eq!(first_year("c1998, 2003 printing"), Some(1998));
        assert_eq!(first_year("12345"), None);
        assert_eq!(first_year("[18--?]"), None);
        assert_eq!(first_year("1873 г."), Some(1873));
    }

    #[test]
    fn isbd_punctuation_but_not_initials() {
        assert_eq!(strip_isbd("Na han /"), "Na han");
        assert_eq!(strip_isbd("Толстой Л. Н."), "Толстой Л. Н.");
        assert_eq!(strip_isbd("Lu Xun zhu."), "Lu Xun zhu");
    }
}
