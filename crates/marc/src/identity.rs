//! What identifies a record across catalogues, for finding duplicates: its control number
//! with the agency that assigned it, and its ISBNs in one canonical form.

use crate::flavour::Flavour;
use crate::record::Record;

/// "001 value|agency": MARC 21 names the agency in 003, the UNIMARC family in 801 $b.
/// A control number alone is only unique within the library that assigned it.
pub fn control_key(record: &Record, flavour: Flavour) -> Option<String> {
    let number = record.control("001").map(str::trim).filter(|n| !n.is_empty())?;
    let agency = if flavour.is_unimarc_family() {
        record.fields_with("801").find_map(|f| f.first('b')).map(str::trim)
    } else {
        record.control("003").map(str::trim)
    }
    .unwrap_or("");
    Some(format!("{number}|{agency}"))
}

/// Every ISBN of the record (MARC 21 020 $a and $z, UNIMARC 010 $a and $z) as ISBN-13, so
/// "7-02-000220-X", "702000220X" and "978-7-02-000220-7" meet.
pub fn isbns(record: &Record, flavour: Flavour) -> Vec<String> {
    let tag = if flavour.is_unimarc_family() { "010" } else { "020" };
    let mut out: Vec<String> =
        record.fields_with(tag).flat_map(|f| f.all('a').chain(f.all('z'))).filter_map(isbn13).collect();
    out.sort();
    out.dedup();
    out
}

/// The ISBN at the start of a value, digits and X only, if it has an ISBN's length
/// ("978-7-02-000220-7 (pbk.)" → "9787020002207"); the check digit is not verified.
pub fn isbn_compact(value: &str) -> Option<String> {
    let compact: String = value
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | 'X' | 'x'))
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    matches!(compact.len(), 10 | 13).then_some(compact)
}

/// The ISBN at the start of a value as ISBN-13, if its check digit is right.
pub fn isbn13(value: &str) -> Option<String> {
    let compact = isbn_compact(value)?;
    let digits: Vec<u32> = compact.chars().filter_map(|c| c.to_digit(10)).collect();
    match compact.len() {
        13 if digits.len() == 13 => {
            let sum: u32 = digits.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
            (sum % 10 == 0).then_some(compact)
        }
        10 => {
            let check = compact.chars().last()?;
            let body = &digits[..9.min(digits.len())];
            if body.len() != 9 {
                return None;
            }
            let sum: u32 = body.iter().enumerate().map(|(i, d)| (10 - i as u32) * d).sum();
            let expected = (11 - sum % 11) % 11;
            let given = if check == 'X' { 10 } else { check.to_digit(10)? };
            if expected != given {
                return None;
            }
            let mut thirteen: Vec<u32> = vec![9, 7, 8];
            thirteen.extend(body);
            let sum: u32 = thirteen.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
            let check13 = (10 - sum % 10) % 10;
            Some(thirteen.iter().map(|d| d.to_string()).collect::<String>() + &check13.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrk;

    #[test]
    fn isbn_forms_meet() {
        assert_eq!(isbn13("7-02-000220-X").as_deref(), Some("9787020002207"));
        assert_eq!(isbn13("7020002205"), None, "wrong check digit");
        assert_eq!(isbn13("0-14-044417-3 (pbk.)").as_deref(), Some("9780140444179"));
        assert_eq!(isbn13("978-0-14-044417-9").as_deref(), Some("9780140444179"));
        assert_eq!(isbn13("9787020002207").as_deref(), Some("9787020002207"));
        assert_eq!(isbn13("5-03-002020-9").as_deref(), Some("9785030020204"));
        assert_eq!(isbn13("5-03-002020-X"), None);
        assert_eq!(isbn13("978-7-02-000220-8"), None);
        assert_eq!(isbn13("CNY15.00"), None);
    }

    #[test]
    fn keys_per_flavour() {
        let unimarc = mrk::parse_one("=LDR  00000nam0\\2200000\\\\\\450\\\n=001  CN-1\n=010  \\\\$a7-02-000220-5$z978-7-02-000220-7\n=801  \\0$aCN$bNLC\n").unwrap().unwrap();
        assert_eq!(control_key(&unimarc, Flavour::Cnmarc).as_deref(), Some("CN-1|NLC"));
        assert_eq!(isbns(&unimarc, Flavour::Cnmarc), ["9787020002207"]);
        let marc21 =
            mrk::parse_one("=LDR  00000nam\\a2200000\\i\\4500\n=001  ocm123\n=003  OCoLC\n=020  \\\\$a0140444173\n")
                .unwrap()
                .unwrap();
        assert_eq!(control_key(&marc21, Flavour::Marc21).as_deref(), Some("ocm123|OCoLC"));
        assert_eq!(isbns(&marc21, Flavour::Marc21), ["9780140444179"]);
    }
}
