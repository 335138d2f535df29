//! The text a new record starts from, per flavour: the fields every record needs, with
//! today's date in the coded data, ready to fill in text mode.

use qiao_marc::Flavour;

/// `today` is yyyymmdd.
pub fn new_record(flavour: Flavour, today: &str) -> String {
    let year = today.get(..4).unwrap_or("2026");
    let yymmdd = today.get(2..).unwrap_or("260101");
    match flavour {
        Flavour::Marc21 => format!(
            "=LDR  00000nam\\a2200000\\i\\4500\n=008  {yymmdd}s{year}\\\\\\\\xx\\\\\\\\\\\\\\\\\\\\\\\\000\\0\\und\\d\n=020  \\\\$a\n=040  \\\\$a$beng$erda$c\n=100  1\\$a$eauthor.\n=245  10$a$c\n=264  \\1$a$b$c\n=300  \\\\$a$c\n=336  \\\\$atext$btxt$2rdacontent\n=337  \\\\$aunmediated$bn$2rdamedia\n=338  \\\\$avolume$bnc$2rdacarrier\n"
        ),
        Flavour::Unimarc | Flavour::Rusmarc | Flavour::Cnmarc => {
            let (lang, script, country) = match flavour {
                Flavour::Rusmarc => ("rus", "ca", "RU"),
                Flavour::Cnmarc => ("chi", "ea", "CN"),
                _ => ("und", "ba", ""),
            };
            let audience = if flavour == Flavour::Rusmarc { "k  " } else { "em " };
            let pinyin = if flavour == Flavour::Cnmarc { "$9" } else { "" };
            format!(
                "=LDR  00000nam0\\2200000\\\\\\450\\\n=010  \\\\$a\n=100  \\\\$a{today}d{year}    {audience}y0{lang}y50      {script}\n=101  0\\$a{lang}\n=102  \\\\$a{country}\n=200  1\\$a{pinyin}$f\n=210  \\\\$a$c$d{year}\n=215  \\\\$a$d\n=700  \\1$a$4070\n=801  \\0$a{country}$b$c{today}\n"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qiao_marc::{mrk, Flavour};

    #[test]
    fn every_template_parses_and_is_detected_as_its_flavour() {
        for flavour in [Flavour::Marc21, Flavour::Rusmarc, Flavour::Cnmarc] {
            let text = new_record(flavour, "20261121");
            let record = mrk::parse_one(&text).unwrap().unwrap();
            assert_eq!(Flavour::detect(&record), flavour, "{text}");
            if let Some(fixed) = record.control("008") {
                assert_eq!(fixed.chars().count(), 40);
            }
            if let Some(general) = record.subfield("100", 'a').filter(|_| flavour.is_unimarc_family()) {
                assert_eq!(general.chars().count(), 36, "{general:?}");
            }
        }
        let unimarc = mrk::parse_one(&new_record(Flavour::Unimarc, "20261121")).unwrap().unwrap();
        assert_eq!(Flavour::detect(&unimarc), Flavour::Unimarc);
    }
}
