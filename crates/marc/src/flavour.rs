//! Which MARC format a record is in, and how to tell from the record itself.

use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The MARC format family and national profile of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Flavour {
    Marc21,
    Unimarc,
    Rusmarc,
    Cnmarc,
}

impl Flavour {
    pub const ALL: [Flavour; 4] = [Flavour::Marc21, Flavour::Unimarc, Flavour::Rusmarc, Flavour::Cnmarc];

    /// The stable name used in the database, the CLI and message arguments.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavour::Marc21 => "marc21",
            Flavour::Unimarc => "unimarc",
            Flavour::Rusmarc => "rusmarc",
            Flavour::Cnmarc => "cnmarc",
        }
    }

    /// RUSMARC and CNMARC are national profiles of UNIMARC and share its field layout.
    pub fn is_unimarc_family(self) -> bool {
        !matches!(self, Flavour::Marc21)
    }

    /// Guesses the flavour from the record's content.
    ///
    /// MARC21 and UNIMARC put the title in different fields (245 vs 200), so that decides
    /// the family. Inside the UNIMARC family the national profile shows in the cataloguing
    /// agency's country (801 $a), the language of cataloguing (100 $a/22–24) and the
    /// classification fields (686 $2 rubbk / 675 for Russia, 690 CLC for China).
    pub fn detect(record: &Record) -> Flavour {
        let has = |tag: &str| record.field(tag).is_some();
        let marc21_score = ["245", "008", "260", "264", "040"].iter().filter(|t| has(t)).count();
        let unimarc_score = ["200", "100", "210", "214", "801"].iter().filter(|t| has(t)).count();
        if marc21_score > unimarc_score {
            return Flavour::Marc21;
        }
        if unimarc_score == 0 {
            return Flavour::Marc21;
        }
        let mut russian = 0;
        let mut chinese = 0;
        for field in record.fields_with("801") {
            match field.first('a').map(str::trim) {
                Some("RU") => russian += 2,
                Some("CN") => chinese += 2,
                _ => {}
            }
        }
        if let Some(general) = record.subfield("100", 'a') {
            match general.get(22..25) {
                Some("rus") => russian += 1,
                Some("chi") => chinese += 1,
                _ => {}
            }
        }
        if record.fields_with("686").any(|f| f.all('2').any(|s| s.eq_ignore_ascii_case("rubbk"))) {
            russian += 1;
        }
        if has("690") {
            chinese += 1;
        }
        match russian.cmp(&chinese) {
            std::cmp::Ordering::Greater => Flavour::Rusmarc,
            std::cmp::Ordering::Less => Flavour::Cnmarc,
            std::cmp::Ordering::Equal => Flavour::Unimarc,
        }
    }
}

impl fmt::Display for Flavour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the flavour names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown MARC flavour {0:?}")]
pub struct UnknownFlavour(pub String);

impl FromStr for Flavour {
    type Err = UnknownFlavour;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Flavour::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| UnknownFlavour(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrk;

    fn detect(text: &str) -> Flavour {
        let records = mrk::parse_str(text).unwrap();
        Flavour::detect(&records[0])
    }

    #[test]
    fn tells_marc21_from_the_unimarc_family() {
        assert_eq!(detect("=LDR  00000nam\\a2200000\\i\\4500\n=008  240501s2024\\\\\\\\ru\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\rus\\d\n=245  10$aВойна и мир\n"), Flavour::Marc21);
        assert_eq!(detect("=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aTitle\n"), Flavour::Unimarc);
    }

    #[test]
    fn tells_rusmarc_from_cnmarc() {
        let ru = "=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aВойна и мир\n=801  \\0$aRU$bРНБ\n";
        let cn = "=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$a呐喊\n=690  \\\\$aI210.4$v5\n";
        let cn_by_100 = "=LDR  00000nam0\\2200000\\\\\\450\\\n=100  \\\\$a20240501d2024    y  0ychi050          ea\n=200  1\\$a家\n";
        let unknown = "=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aTitre\n";
        assert_eq!(detect(ru), Flavour::Rusmarc);
        assert_eq!(detect(cn), Flavour::Cnmarc);
        assert_eq!(detect(cn_by_100), Flavour::Cnmarc);
        assert_eq!(detect(unknown), Flavour::Unimarc);
    }

    #[test]
    fn names_round_trip() {
        for flavour in Flavour::ALL {
            assert_eq!(flavour.as_str().parse::<Flavour>(), Ok(flavour));
        }
        assert!("marc22".parse::<Flavour>().is_err());
    }
}
