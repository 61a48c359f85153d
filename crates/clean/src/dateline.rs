//! [`DatelineParser`]: publication-date lines and "CITY, date (AGENCY) -" datelines.

use regex::Regex;
use std::sync::LazyLock;

/// A date as found in text; `year` may be unknown ("March 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PartialDate {
    /// ISO `YYYY-MM-DD`, with `fallback_year` when the year is unknown.
    pub fn iso(&self, fallback_year: Option<i32>) -> Option<String> {
        let year = self.year.or(fallback_year)?;
        valid(year, self.month, self.day)
            .then(|| format!("{year:04}-{:02}-{:02}", self.month, self.day))
    }
}

fn valid(year: i32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&year) && (1..=days).contains(&day)
}

/// Month number of a (lower-case) month name or abbreviation in en, ru, uk,
/// bg, pt, es, de, fr, pl.
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    const TABLE: &[(&str, u32)] = &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("ма", 5),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
        ("януари", 1),
        ("февруари", 2),
        ("април", 4),
        ("май", 5),
        ("юни", 6),
        ("юли", 7),
        ("септември", 9),
        ("октомври", 10),
        ("ноември", 11),
        ("декември", 12),
        ("січ", 1),
        ("лют", 2),
        ("берез", 3),
        ("квіт", 4),
        ("травн", 5),
        ("черв", 6),
        ("лип", 7),
        ("серп", 8),
        ("верес", 9),
        ("жовт", 10),
        ("листопад", 11),
        ("груд", 12),
        ("janeiro", 1),
        ("fevereiro", 2),
        ("março", 3),
        ("abril", 4),
        ("maio", 5),
        ("junho", 6),
        ("julho", 7),
        ("agosto", 8),
        ("setembro", 9),
        ("outubro", 10),
        ("novembro", 11),
        ("dezembro", 12),
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("septiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
        ("januar", 1),
        ("februar", 2),
        ("märz", 3),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        ("janvier", 1),
        ("février", 2),
        ("mars", 3),
        ("avril", 4),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("stycz", 1),
        ("lut", 2),
        ("mar", 3),
        ("kwie", 4),
        ("maj", 5),
        ("czerw", 6),
        ("lip", 7),
        ("sierp", 8),
        ("wrze", 9),
        ("paźdz", 10),
        ("listop", 11),
        ("grud", 12),
    ];
    let len = w.chars().count();
    if !(3..=12).contains(&len) && w != "ма" {
        return None;
    }
    // Exact names first (so "май"/"mai" are not taken by a prefix), then prefixes.
    if let Some(&(_, m)) = TABLE.iter().find(|(n, _)| *n == w) {
        return Some(m);
    }
    if w.starts_with("ма") && w.chars().count() <= 3 {
        // "мая", "май"
        return matches!(w, "мая" | "май").then_some(5);
    }
    TABLE
        .iter()
        .filter(|(n, _)| n.chars().count() >= 3)
        .find(|(n, _)| w.starts_with(n) && (n.len() >= 4 || w.len() <= 5 || n.is_ascii()))
        .map(|&(_, m)| m)
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[./](\d{1,2})[./](\d{4}))\b").unwrap()
});
static WORDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?|(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(\p{L}{3,12})\.?(?:,?\s+(?:de\s+)?(\d{4}))?)\b",
    )
    .unwrap()
});

/// Finds the first date in `s`: ISO, `dd.mm.yyyy`, `dd/mm/yyyy`, "May 14, 2023",
/// "14 May 2023", "14 de maio de 2023", "4 декабря 2023", "March 3".
pub fn find_date(s: &str) -> Option<(PartialDate, std::ops::Range<usize>)> {
    if let Some(c) = NUMERIC.captures(s) {
        let m = c.get(0)?;
        let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
        let (y, mo, d) = if c.get(1).is_some() {
            (num(1)?, num(2)?, num(3)?)
        } else {
            (num(6)?, num(5)?, num(4)?)
        };
        if valid(y as i32, mo, d) {
            return Some((
                PartialDate {
                    year: Some(y as i32),
                    month: mo,
                    day: d,
                },
                m.range(),
            ));
        }
    }
    for c in WORDY.captures_iter(s) {
        let m = c.get(0)?;
        let (name, day, year) = if let Some(name) = c.get(1) {
            (name.as_str(), c.get(2), c.get(3))
        } else {
            (c.get(5)?.as_str(), c.get(4), c.get(6))
        };
        let Some(month) = month_of(&name.to_lowercase()) else {
            continue;
        };
        let Some(day) = day.and_then(|d| d.as_str().parse::<u32>().ok()) else {
            continue;
        };
        let year = year.and_then(|y| y.as_str().parse::<i32>().ok());
        if !valid(year.unwrap_or(2000), month, day) {
            continue;
        }
        return Some((PartialDate { year, month, day }, m.range()));
    }
    None
}

/// Recognises publication-date lines and datelines.
#[derive(Debug, Clone, Copy, Default)]
pub struct DatelineParser;

/// A dateline cut from the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Byte length of the prefix to cut.
    pub len: usize,
    pub place: String,
    pub agency: Option<String>,
    pub date: Option<PartialDate>,
}

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|publication\s+date|опубликовано|обновлено|дата(?:\s+публикации)?|публикувано|публикуван|оновлено|опубліковано|publicado(?:\s+(?:em|el|en))?|atualizado(?:\s+em)?|actualizado|veröffentlicht(?:\s+am)?|publié(?:\s+le)?|opublikowano|प्रकाशित|अपडेटेड|अपडेट)\s*[:\-–—]?\s*",
    )
    .unwrap()
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\p{Lu}[\p{Lu}\p{Ll}'’\-\.]*(?:\s+\p{Lu}[\p{Lu}\p{Ll}'’\-\.]*){0,3})(?:\s*/\s*\p{Lu}[\p{L}\s]{0,20})?(?:,\s*([\p{L}\d\s\.,]{3,30}?))?\s*(?:\((\p{Lu}[\p{L}\s\.\-/&]{1,30})\)|/(\p{Lu}[\p{L}\.\-]{1,20})/)?\s*[\.,]?\s*(?:[-–—]+\s+|[–—]\s*)(?:(РИА Новости|ТАСС|Интерфакс|RIA Novosti|TASS|Interfax|БТА|BTA|Lusa|EFE|Sputnik)[\.:]?\s+)?",
    )
    .unwrap()
});

/// "Moscovo, 4 de junho. TASS." / "4 июля. Interfax-Russia.ru -": date, then agency.
static DATE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^"?(?:(\p{Lu}[\p{L}\-]+(?:\s\p{Lu}[\p{L}\-]+)?),\s+)?(\d{1,2}(?:\s+de)?\s+\p{L}{3,10})\.\s+/?(\p{Lu}[\p{L}\.\-]{1,25}?)/?(?:\.\s+|\s+[-–—]\s+)"#,
    )
    .unwrap()
});

/// Hindi datelines: "मॉस्को: ..." (city and a colon) and "एएनआई, कीव। ..." (agency, city).
static HI_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(एएनआई|पीटीआई|आईएएनएस|भाषा|रॉयटर्स|एएफपी|एजेंसी|वार्ता|यूएनआई|एपी)\s*,\s*(\p{Devanagari}+(?:\s\p{Devanagari}+)?)\s*।|(\p{Devanagari}+(?:\s\p{Devanagari}+)?)\s*[:ः])\s+",
    )
    .unwrap()
});

/// Looks like a news agency name ("TASS", "Interfax-Russia.ru", "Reuters").
fn agency_like(s: &str) -> bool {
    let lower = s.to_lowercase();
    crate::credits::is_agency(s)
        || [
            "interfax",
            "интерфакс",
            "tass",
            "тасс",
            "ria",
            "риа",
            "reuters",
            "afp",
            "efe",
            "lusa",
            "sputnik",
            "bta",
            "бта",
        ]
        .iter()
        .any(|a| lower.starts_with(a))
        || (s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase()))
}

impl DatelineParser {
    pub fn new() -> Self {
        DatelineParser
    }

    /// A line that is only a publication date, maybe with a label and a time:
    /// "date: 2023-05-14", "Published: 14.05.2023", "May 14, 2023 10:00".
    pub fn date_line(&self, line: &str) -> Option<PartialDate> {
        if line.len() > 80 {
            return None;
        }
        let label = DATE_LABEL.find(line).map_or(0, |m| m.end());
        let rest = &line[label..];
        let (date, range) = find_date(rest)?;
        date.year?;
        // Nothing but the date, a time, a weekday and punctuation may remain.
        let leftover = rest[..range.start].to_string() + &rest[range.end..];
        let words = leftover
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .filter(|w| {
                !matches!(
                    w.to_lowercase().as_str(),
                    "am" | "pm"
                        | "at"
                        | "on"
                        | "gmt"
                        | "utc"
                        | "est"
                        | "cet"
                        | "msk"
                        | "ist"
                        | "в"
                        | "às"
                        | "a"
                        | "las"
                        | "um"
                        | "à"
                )
            })
            .count();
        (words <= 1 && (label > 0 || range.start <= 12)).then_some(date)
    }

    /// A "KYIV, March 3 (Reuters) -" / "MOSCOW, Dec 4 (TASS) —" / "LONDON —"
    /// prefix at the start of a paragraph.
    pub fn dateline(&self, para: &str) -> Option<Dateline> {
        if para.len() < 12 {
            return None;
        }
        if let Some(d) = self.other_datelines(para) {
            return Some(d);
        }
        let c = DATELINE.captures(para)?;
        let m = c.get(0)?;
        let place = c.get(1)?.as_str().trim().to_string();
        let agency = c
            .get(3)
            .or_else(|| c.get(4))
            .or_else(|| c.get(5))
            .map(|a| a.as_str().trim().to_string());
        let date_text = c.get(2).map(|d| d.as_str());
        let date = match date_text {
            Some(t) => Some(find_date(t)?.0),
            None => None,
        };
        let upper_place = place
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        // Without an agency, an upper-case city ("LONDON —") counts, or a
        // short capitalised place followed by a date ("Москва, 12 мая —").
        let short_capitalised_place = place.split_whitespace().count() <= 3
            && place
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if agency.is_none() && !upper_place && !(date.is_some() && short_capitalised_place) {
            return None;
        }
        if place.chars().count() > 40 || m.end() >= para.len() {
            return None;
        }
        Some(Dateline {
            len: m.end(),
            place,
            agency,
            date,
        })
    }

    /// Agency-style ("Moscovo, 4 de junho. TASS.") and Hindi datelines.
    fn other_datelines(&self, para: &str) -> Option<Dateline> {
        if let Some(c) = DATE_AGENCY.captures(para) {
            let agency = c.get(3)?.as_str();
            if agency_like(agency) {
                let date = find_date(c.get(2)?.as_str()).map(|d| d.0);
                if let Some(date) = date {
                    let m = c.get(0)?;
                    return (m.end() < para.len()).then(|| Dateline {
                        len: m.end(),
                        place: c.get(1).map_or(String::new(), |p| p.as_str().to_string()),
                        agency: Some(agency.to_string()),
                        date: Some(date),
                    });
                }
            }
        }
        if para.as_bytes().first().is_some_and(|b| *b == 0xE0) {
            let c = HI_DATELINE.captures(para)?;
            let m = c.get(0)?;
            // A city-and-colon dateline opens a long paragraph.
            if c.get(3).is_some() && para[m.end()..].split_whitespace().count() < 12 {
                return None;
            }
            // A visarga also ends adverbs ("अतः", "पुनः", "संभवतः", "क्रमशः").
            if let Some(city) = c.get(3).map(|g| g.as_str()) {
                let word = format!("{city}ः");
                if m.as_str().trim_end().ends_with('ः')
                    && (word.ends_with("तः")
                        || word.ends_with("शः")
                        || ["पुनः", "प्रायः", "प्रातः", "स्वतः"].contains(&word.as_str()))
                {
                    return None;
                }
            }
            return Some(Dateline {
                len: m.end(),
                place: c.get(2).or_else(|| c.get(3))?.as_str().to_string(),
                agency: c.get(1).map(|a| a.as_str().to_string()),
                date: None,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        find_date(s).and_then(|(d, _)| d.iso(None))
    }

    #[test]
    fn parses_date_forms() {
        assert_eq!(iso("2023-05-14").as_deref(), Some("2023-05-14"));
        assert_eq!(iso("14.05.2023").as_deref(), Some("2023-05-14"));
        assert_eq!(iso("May 14, 2023").as_deref(), Some("2023-05-14"));
        assert_eq!(iso("14 May 2023").as_deref(), Some("2023-05-14"));
        assert_eq!(iso("14 de maio de 2023").as_deref(), Some("2023-05-14"));
        assert_eq!(iso("4 декабря 2023").as_deref(), Some("2023-12-04"));
        assert_eq!(iso("4 декември 2023").as_deref(), Some("2023-12-04"));
        assert_eq!(iso("14 травня 2023").as_deref(), Some("2023-05-14"));
        assert_eq!(iso("31.02.2023"), None);
    }

    #[test]
    fn date_lines() {
        let p = DatelineParser::new();
        for s in [
            "date: 2023-05-14",
            "Published: 14.05.2023",
            "May 14, 2023",
            "Опубликовано: 14 мая 2023",
            "Publicado em 14/05/2023 às 10:30",
        ] {
            let d = p.date_line(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(d.iso(None).as_deref(), Some("2023-05-14"), "{s}");
        }
        assert!(p
            .date_line("On May 14, 2023 the army crossed the river.")
            .is_none());
        assert!(p.date_line("March 3").is_none());
    }

    #[test]
    fn datelines() {
        let p = DatelineParser::new();
        let s = "KYIV, March 3 (Reuters) - Ukraine said on Friday it had repelled attacks.";
        let d = p.dateline(s).unwrap();
        assert_eq!(
            &s[d.len..],
            "Ukraine said on Friday it had repelled attacks."
        );
        assert_eq!(d.place, "KYIV");
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(
            d.date.unwrap().iso(Some(2023)).as_deref(),
            Some("2023-03-03")
        );

        let s = "Москва, 12 мая — Климатологи заявили о жаре.";
        let d = p
            .dateline(s)
            .expect("a mixed-case place with a date is a dateline");
        assert_eq!(&s[d.len..], "Климатологи заявили о жаре.");
        assert!(p.dateline("Москва — столица России, сказал он.").is_none());

        let s = "MOSCOW, Dec 4 (TASS) — The Kremlin said nothing.";
        let d = p.dateline(s).unwrap();
        assert_eq!(&s[d.len..], "The Kremlin said nothing.");
        assert_eq!(d.agency.as_deref(), Some("TASS"));

        let s = "LONDON — Prices rose again.";
        assert_eq!(&s[p.dateline(s).unwrap().len..], "Prices rose again.");
        let s = "MOSCOW—Russia said on Sunday it would respond.";
        assert_eq!(
            &s[p.dateline(s).unwrap().len..],
            "Russia said on Sunday it would respond."
        );
        let s = "Moscovo, 4 de junho. TASS. O governo aprovou um plano.";
        let d = p.dateline(s).unwrap();
        assert_eq!(&s[d.len..], "O governo aprovou um plano.");
        assert_eq!(d.agency.as_deref(), Some("TASS"));
        assert_eq!(
            d.date.unwrap().iso(Some(2024)).as_deref(),
            Some("2024-06-04")
        );
        let s = "\"4 июля. Interfax-Russia.ru - Россия готова к переговорам.";
        assert_eq!(
            &s[p.dateline(s).unwrap().len..],
            "Россия готова к переговорам."
        );
        let s = "СИМФЕРОПОЛЬ, 10 июл – РИА Новости. Президент выступил с заявлением.";
        let d = p.dateline(s).unwrap();
        assert_eq!(&s[d.len..], "Президент выступил с заявлением.");
        assert_eq!(d.agency.as_deref(), Some("РИА Новости"));
        let s = "एएनआई, कीव। युद्ध दो साल से चल रहा है।";
        let d = p.dateline(s).unwrap();
        assert_eq!(&s[d.len..], "युद्ध दो साल से चल रहा है।");
        assert_eq!(d.agency.as_deref(), Some("एएनआई"));
        let s = "मॉस्को: रूस और यूक्रेन का युद्ध चल रहा है और इस बीच एक बड़ी खबर आई है कि सेना आगे बढ़ी।";
        assert_eq!(p.dateline(s).unwrap().place, "मॉस्को");
        assert!(p.dateline("मॉस्को: छोटी पंक्ति").is_none());
        let s = "लंदनः यूक्रेन के राष्ट्रपति ने कहा कि युद्ध खत्म करने के लिए एक नई योजना पर काम चल रहा है।";
        assert_eq!(p.dateline(s).unwrap().place, "लंदन");
        let s = "अतः यूक्रेन के राष्ट्रपति ने कहा कि युद्ध खत्म करने के लिए एक नई योजना पर काम चल रहा है।";
        assert!(p.dateline(s).is_none());
        let s = "WASHINGTON (AP) — The Senate voted.";
        assert_eq!(p.dateline(s).unwrap().agency.as_deref(), Some("AP"));
    }

    #[test]
    fn prose_is_not_a_dateline() {
        let p = DatelineParser::new();
        for s in [
            "Ukraine - a country at war - needs help.",
            "The President said - and he meant it - that he would go.",
            "Biden, Scholz and Macron - all of them - agreed.",
        ] {
            assert!(p.dateline(s).is_none(), "{s}");
        }
    }
}
