//! Guessing the character set of unlabelled (or mislabelled) field bytes.
//!
//! Decisive evidence first: MARC-8 escape sequences, then UTF-8 validity (legacy 8-bit
//! text is almost never valid UTF-8). Otherwise every set that decodes the bytes without
//! error is scored by how plausible the resulting text is, character by character:
//! Russian letter frequencies, no capital after a small letter, words with vowels, no
//! Cyrillic glued to Latin, Latin letters carrying their diacritics (MARC-8 / ISO 5426),
//! common Chinese characters and the frequent-character regions of GB2312 and Big5. The
//! best average wins if it is plausible at all.

use encoding_rs::Encoding;

use crate::ru_bigrams;
use crate::{decode, Charset};

/// Below this average plausibility nothing is claimed.
const THRESHOLD: f64 = 0.2;

pub(crate) fn sniff(bytes: &[u8]) -> Option<Charset> {
    // A whole data area may be given: each field is judged apart (MARC-8 starts every
    // field in its default sets), its subfield delimiters and codes blanked out.
    let fields: Vec<Vec<u8>> =
        bytes.split(|&b| b == 0x1E || b == 0x1D).map(without_delimiters).filter(|f| !f.is_empty()).collect();
    let has_esc = bytes.contains(&0x1B);
    if !has_esc && bytes.is_ascii() {
        return None;
    }
    let decodes = |cs: Charset| fields.iter().all(|f| decode(cs, f).is_ok());
    if has_esc && decodes(Charset::Marc8) {
        return Some(Charset::Marc8);
    }
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        return Some(Charset::Utf8);
    }
    // Candidates in order of preference when scores tie.
    let candidates = [
        Charset::Cp1251,
        Charset::Gb18030,
        Charset::Marc8,
        Charset::Koi8R,
        Charset::Cp866,
        Charset::Big5,
        Charset::Iso5426,
    ];
    let mut best: Option<(f64, Charset)> = None;
    for cs in candidates {
        let Some(score) = score(cs, &fields) else { continue };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, cs));
        }
    }
    best.filter(|&(s, _)| s >= THRESHOLD).map(|(_, cs)| cs)
}

/// Subfield delimiters, and the subfield code after each, become spaces, so that
/// "$aВып." is not read as a Latin "a" glued to Cyrillic.
fn without_delimiters(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1F => {
                out.push(b' ');
                if bytes.get(i + 1).is_some_and(u8::is_ascii_graphic) {
                    out.push(b' ');
                    i += 1;
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// Average plausibility of the non-ASCII characters the fields decode to in `cs`, or
/// `None` when `cs` cannot decode them all (or there is nothing to judge).
fn score(cs: Charset, fields: &[Vec<u8>]) -> Option<f64> {
    let mut total = 0.0;
    let mut count = 0usize;
    for field in fields {
        let (t, n) = match cs {
            Charset::Gb18030 | Charset::Big5 => cjk_score(cs, field)?,
            _ => text_score(&decode(cs, field).ok()?),
        };
        total += t;
        count += n;
    }
    (count > 0).then(|| total / count as f64)
}

// ---------------------------------------------------------------------------------------
// Alphabetic text (Cyrillic single-byte sets, MARC-8 / ISO 5426 Latin)
// ---------------------------------------------------------------------------------------

/// Russian letters by frequency tier (most frequent first).
fn russian_weight(lower: char) -> Option<f64> {
    const TIERS: [(&str, f64); 4] = [("оеаинтсрвл", 1.0), ("кмдпуяыьгзбч", 0.8), ("йхжшюцщэф", 0.5), ("ъё", 0.2)];
    TIERS.iter().find(|(letters, _)| letters.contains(lower)).map(|&(_, w)| w)
}

fn is_cyrillic_letter(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c) && c.is_alphabetic()
}

fn is_russian_vowel(c: char) -> bool {
    "аеёиоуыэюяАЕЁИОУЫЭЮЯ".contains(c)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic() && c != '×' && c != '÷')
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Normal,
    Single,
    Acronym,
    Abbreviation,
    Implausible,
}

/// Sum and number of the per-character scores of the non-ASCII characters of `text`.
fn text_score(text: &str) -> (f64, usize) {
    let chars: Vec<char> = text.chars().collect();
    // Per-letter verdicts from the shape of each Cyrillic word (maximal run of letters).
    let mut shape = vec![Shape::Normal; chars.len()];
    let mut start = 0;
    while start < chars.len() {
        if !is_cyrillic_letter(chars[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && is_cyrillic_letter(chars[end]) {
            end += 1;
        }
        let word = &chars[start..end];
        let vowelless = !word.iter().any(|&c| is_russian_vowel(c));
        let uppers = word.iter().filter(|c| c.is_uppercase()).count();
        let starts_upper = word[0].is_uppercase();
        let all_upper = word.iter().all(|c| c.is_uppercase());
        let verdict = if word.len() == 1 {
            // Initials and one-letter abbreviations ("М.", "Ч. 1", "с."): either case is
            // plausible, so a lone letter tells nothing.
            Some(Shape::Single)
        } else if all_upper && vowelless && word.len() <= 6 {
            // Acronyms (СССР, РСФСР, ГПНТБ): initials, no vowel needed, pairs meaningless.
            Some(Shape::Acronym)
        } else if starts_upper && uppers >= 2 && word.len() <= 4 {
            // Other short abbreviations (СПб, АиН, ВНИИ) mix cases.
            Some(Shape::Abbreviation)
        } else if vowelless && word.len() >= 3 {
            Some(Shape::Implausible)
        } else {
            None
        };
        if let Some(v) = verdict {
            shape[start..end].iter_mut().for_each(|s| *s = v);
        } else {
            // No Russian word has a letter three times running.
            for k in 2..word.len() {
                let same = |a: char, b: char| a.to_lowercase().eq(b.to_lowercase());
                if same(word[k], word[k - 1]) && same(word[k], word[k - 2]) {
                    shape[start + k] = Shape::Implausible;
                }
            }
        }
        // No Russian word or abbreviation starts with ь, ъ or ы.
        if "ьъыЬЪЫ".contains(word[0]) {
            shape[start] = Shape::Implausible;
        }
        start = end;
    }

    let mut total = 0.0;
    let mut count = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|k| chars.get(k)).copied();
        let next = chars.get(i + 1).copied();
        let capital_after_small = c.is_uppercase() && prev.is_some_and(char::is_lowercase);
        let s = if is_cyrillic_letter(c) {
            // Latin letters that look Cyrillic are typed into Russian words all the time
            // ("Атамyра", Ukrainian "i"); other Latin letters beside Cyrillic are not, nor
            // some ASCII symbols that are Big5 trail bytes but rare in text ("@", "\\", "~";
            // not "{}", which BBK class numbers use).
            let foreign =
                |x: char| (x.is_ascii_alphabetic() && !"AaBCcEeHIiKMOoPpTXxYy".contains(x)) || "@\\^`|~".contains(x);
            let glued_to_latin = prev.is_some_and(foreign) || next.is_some_and(foreign);
            let lower = c.to_lowercase().next().unwrap_or(c);
            // Letter pairs: frequent in Russian, or not.
            let pair = match prev {
                Some(p) if is_cyrillic_letter(p) => {
                    let mut key = String::new();
                    key.extend(p.to_lowercase());
                    key.push(lower);
                    let common = ru_bigrams::COMMON.binary_search(&key.as_str()).is_ok();
                    let rare = !common && ru_bigrams::KNOWN.binary_search(&key.as_str()).is_err();
                    match (shape[i], common, rare) {
                        (Shape::Normal, true, _) => 0.2,
                        (Shape::Normal, _, true) => -0.4,
                        (Shape::Abbreviation, _, true) => -0.2,
                        _ => 0.0,
                    }
                }
                _ => 0.0,
            };
            match shape[i] {
                _ if glued_to_latin => -2.0,
                Shape::Implausible => -1.0,
                // Short words still prefer Russian letters to Serbian or Ukrainian ones.
                Shape::Single => russian_weight(lower).map_or(0.1, |_| 0.5),
                // Acronym letters are word initials: never й ы ь ъ, seldom щ ё э.
                Shape::Acronym => match lower {
                    'й' | 'ы' | 'ь' | 'ъ' => -1.0,
                    'щ' | 'ё' | 'э' => 0.3,
                    _ => russian_weight(lower).map_or(0.1, |_| 0.8),
                },
                Shape::Abbreviation => russian_weight(lower).map_or(0.1, |_| 0.8 + pair),
                Shape::Normal if capital_after_small => -2.0,
                Shape::Normal => russian_weight(lower).unwrap_or(0.1) + pair,
            }
        } else if is_latin_letter(c) {
            let glued_to_cyrillic = prev.is_some_and(is_cyrillic_letter) || next.is_some_and(is_cyrillic_letter);
            let beside_ascii_letter =
                prev.is_some_and(|p| p.is_ascii_alphabetic()) || next.is_some_and(|n| n.is_ascii_alphabetic());
            if capital_after_small || glued_to_cyrillic {
                -2.0
            } else if beside_ascii_letter || c.is_ascii() {
                1.0
            } else {
                // Latin words are mostly plain letters: a run of accented ones is odd.
                0.2
            }
        } else if crate::norm::is_mark(c) {
            // One or two diacritics on a letter are normal; a pile of them is not.
            let piled = i >= 2 && crate::norm::is_mark(chars[i - 1]) && crate::norm::is_mark(chars[i - 2]);
            if piled {
                -1.0
            } else {
                0.3
            }
        } else if ('\u{02B9}'..='\u{02BC}').contains(&c) {
            0.6
        } else if "«»„“”‘’‚—–…№".contains(c) {
            0.5
        } else if matches!(c, '\u{0088}' | '\u{0089}' | '\u{0098}' | '\u{009C}') {
            0.5
        } else {
            // Symbols, box drawing, controls: a symbol inside a word is a bad sign.
            let in_word = prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic);
            if in_word {
                -2.0
            } else {
                -1.0
            }
        };
        total += s;
        count += 1;
    }
    (total, count)
}

// ---------------------------------------------------------------------------------------
// Chinese double-byte sets
// ---------------------------------------------------------------------------------------

/// Frequent characters of modern Chinese and of Chinese book titles, simplified and
/// traditional forms (a char written the same way in both appears once).
const COMMON_HAN: &str = concat!(
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切规热类食",
    "這來國個說們為時會著過學對裡後麼沒於還發當無開見經頭從動兩長樣現將與進實種聲話兒問機給幾業間東聽氣關內軍產萬體別處總場師書員華報馬張難數車應親界務記邊風戰許覺統請愛讓認論義術結連遠資隊帶條變聯權該領傳紅決達辦區轉眾輕滿寫識極黃臉錢黨設雙歷廣議單據導網專誰讀飛觀爭組視濟離雖壞興規熱類圖館編譯冊錄詩詞叢藏續補訂撰纂釋選彙遺漢唐宋元明清縣鄉",
    "集编著译卷册录图馆诗词典丛刊抄稿藏序跋续补订修撰纂印刻释选汇遗汉唐宋元明清县乡省州府卷册古今注疏考辨校",
);

fn is_cjk_punctuation(c: char) -> bool {
    ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF01}'..='\u{FF5E}').contains(&c) || "—…“”‘’·".contains(c)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Sum and number of the per-character scores of the double-byte characters of `bytes`,
/// or `None` when they are not valid in `cs`.
fn cjk_score(cs: Charset, bytes: &[u8]) -> Option<(f64, usize)> {
    let encoding: &'static Encoding = match cs {
        Charset::Gb18030 => encoding_rs::GB18030,
        _ => encoding_rs::BIG5,
    };
    // Strict validity of the whole first.
    decode(cs, bytes).ok()?;
    let mut total = 0.0;
    let mut count = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let four = cs == Charset::Gb18030 && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
        let len = if four { 4 } else { 2 };
        let unit = bytes.get(i..i + len)?;
        let trail = unit.get(1).copied().unwrap_or(0);
        let text = encoding.decode_without_bom_handling_and_without_replacement(unit)?;
        let c = text.chars().next()?;
        let s = if COMMON_HAN.contains(c) {
            1.0
        } else if is_cjk_punctuation(c) {
            0.8
        } else if is_private_use(c) {
            -3.0
        } else if is_han(c) {
            let frequent_region = match cs {
                // GB2312 level 1 (3755 most used), then level 2.
                Charset::Gb18030 if !four && trail >= 0xA1 && (0xB0..=0xD7).contains(&lead) => 0.4,
                Charset::Gb18030 if !four && trail >= 0xA1 && (0xD8..=0xF7).contains(&lead) => 0.3,
                // Big5 frequently used (A440–C67E), then less frequently used characters.
                Charset::Big5 if (0xA4..=0xC6).contains(&lead) => 0.4,
                Charset::Big5 if (0xC9..=0xF9).contains(&lead) => 0.3,
                _ => 0.05,
            };
            frequent_region
        } else {
            -0.5
        };
        total += s;
        count += 1;
        i += len;
    }
    Some((total, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode;

    fn bytes(cs: Charset, text: &str) -> Vec<u8> {
        match encode(cs, text) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn ascii_is_none() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"Tolstoy, Leo, 1828-1910."), None);
    }

    #[test]
    fn escapes_mean_marc8_and_valid_utf8_means_utf8() {
        assert_eq!(sniff(b"\x1b(NwOJNA I MIR\x1b(B"), Some(Charset::Marc8));
        assert_eq!(sniff("Война и мир".as_bytes()), Some(Charset::Utf8));
        assert_eq!(sniff("鲁迅".as_bytes()), Some(Charset::Utf8));
        assert_eq!(sniff("Dvořák".as_bytes()), Some(Charset::Utf8));
    }

    #[test]
    fn russian_in_each_single_byte_set() {
        let samples = [
            "Война и мир",
            "Задачи и этюды",
            "Толстой, Лев Николаевич",
            "Мир",
            "СССР",
            "Анна Каренина : роман в восьми частях",
            "Москва : Наука, 1987. - 320 с.",
            "Ёлки-палки",
            "Лес",
            "щи да каша",
        ];
        for text in samples {
            for cs in [Charset::Cp1251, Charset::Koi8R, Charset::Cp866] {
                assert_eq!(sniff(&bytes(cs, text)), Some(cs), "{text:?} in {cs}");
            }
        }
    }

    #[test]
    fn chinese_in_gb18030_and_big5() {
        let simplified = ["鲁迅全集", "中国古代文学史", "红楼梦", "北京大学出版社", "书", "人民文学出版社，1981年"];
        for text in simplified {
            assert_eq!(sniff(&bytes(Charset::Gb18030, text)), Some(Charset::Gb18030), "{text}");
        }
        let traditional = ["魯迅全集", "中國古代文學史", "紅樓夢", "臺灣商務印書館", "書", "國立中央圖書館，1981年"];
        for text in traditional {
            assert_eq!(sniff(&bytes(Charset::Big5, text)), Some(Charset::Big5), "{text}");
        }
    }

    #[test]
    fn ansel_and_iso5426_diacritics() {
        assert_eq!(sniff(b"Dvo\xE9r\xE2ak, Anton\xE2in"), Some(Charset::Marc8));
        assert_eq!(sniff(b"caf\xE2e"), Some(Charset::Marc8));
        assert_eq!(sniff(b"\xA1\xE2od\xE2z"), Some(Charset::Marc8));
        assert_eq!(sniff(b"Dvo\xCFr\xC2ak, Anton\xC2in"), Some(Charset::Iso5426));
        assert_eq!(sniff(b"caf\xC2e"), Some(Charset::Iso5426));
    }

    #[test]
    fn nothing_fits() {
        // Symbols in CP1251, box drawing in KOI8-R, a vowelless word in CP866, an odd
        // length for the double-byte sets.
        assert_eq!(sniff(b"\xA4\xA6\xA7\xA9\xA4"), None);
    }
}
