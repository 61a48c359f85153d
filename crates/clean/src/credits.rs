//! [`CreditExtractor`]: byline lines and agency/source credit lines.

use regex::Regex;
use std::sync::LazyLock;

/// What a byline or credit line yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credit {
    /// "By Jane Doe, Reuters": the author(s) and maybe an agency or outlet.
    Byline {
        author: String,
        agency: Option<String>,
    },
    /// "(With information from AFP)", "Source: TASS", "© 2023 Reuters".
    Credit(String),
    /// "Sources include:": a header; the link lines under it are credits too.
    SourcesHeader,
}

/// Recognises byline lines (near the top) and credit lines (near the end), in
/// en, ru, uk, bg, pt, es, de, fr, pl and hi.
#[derive(Debug, Clone, Copy, Default)]
pub struct CreditExtractor;

/// News agencies, for "By Staff Writer, Reuters" and datelines.
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "associated press",
    "afp",
    "agence france-presse",
    "tass",
    "тасс",
    "ria novosti",
    "риа новости",
    "риа",
    "interfax",
    "интерфакс",
    "dpa",
    "efe",
    "ansa",
    "lusa",
    "bloomberg",
    "xinhua",
    "sputnik",
    "ukrinform",
    "укрінформ",
    "unian",
    "уніан",
    "bta",
    "бта",
    "pti",
    "ani",
    "ians",
    "uni",
    "agência brasil",
    "europa press",
    "anadolu",
    "kyodo",
    "yonhap",
    "pap",
    "ukrinform",
];

/// Is `name` a known news agency?
pub fn is_agency(name: &str) -> bool {
    let n = name
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    AGENCIES.contains(&n.as_str())
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:by|written\s+by|authored\s+by|report\s+by|por|von|par|автор(?:ы)?\s*:|автор|авторы|autor(?:a)?\s*:|लेखक\s*:)\s+)(.{2,80}?)\s*[:,]?$",
    )
    .unwrap()
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:(?:with|w/)\s+(?:additional\s+)?(?:information|info|reporting|inputs?|files|contributions?)\s+(?:from|by)\s+.+|reporting\s+by\s+.+|(?:additional\s+)?reporting\s+by.+|edited\s+by\s+.+|editing\s+by\s+.+|writing\s+by\s+.+|compiled\s+by\s+.+|sources?\s*:.+|source\s+link\s*:?.*|via\s*:.+|(?:источник|источники|джерело|източник|източници|fonte|fontes|fuente|fuentes|quelle|source|źródło|स्रोत)\s*:.+|(?:com|con)\s+(?:informações|informação|información|informaciones)\s+(?:de|da|do|das|dos|del)\s+.+|(?:по|с)\s+(?:материалам|информации)\s+.+|по\s+информация\s+(?:от|на)\s+.+|с\s+информация\s+от\s+.+|mit\s+material\s+von.+|avec\s+(?:l'|les\s+)?(?:afp|agences?|reuters).*|(?:©|\(c\)|copyright)\s*.+|.{2,40}\s+(?:इनपुट|की\s+जानकारी)\s+के\s+साथ|एजेंसी\s+इनपुट.*|इनपुट\s*:.+|originally\s+published\s+(?:on|by|at)\s+.+|this\s+article\s+(?:was\s+)?(?:originally\s+)?(?:published|appeared)\s+.+|translated\s+by\s+.+)\s*\)?\.?$",
    )
    .unwrap()
});

static TOP_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:translated\s+from|translation\s+from|translated\s+by|превод\s+от|перевод\s+с|переклад\s+з|tradução\s+de|traducción\s+de|traduzido\s+de|übersetzt\s+aus|traduit\s+de|अनुवाद)\s*[^.!?]{1,60}:?$",
    )
    .unwrap()
});

static SOURCES_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sources?(?:\s+for\s+this\s+(?:article|story))?(?:\s+include)?|источники|източници|fontes|fuentes|quellen|sources\s+cited|references)\s*:?$").unwrap()
});

/// A plausible person name list: 1–6 capitalised words, maybe joined by "and"/"и"/"e".
fn looks_like_names(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let connectors = [
        "and", "&", "и", "e", "y", "und", "et", "i", "और", "de", "da", "dos", "van", "von", "al",
        "bin",
    ];
    let mut names = 0;
    for w in &words {
        let w = w.trim_matches(|c: char| c == ',' || c == '.');
        if connectors.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        let first = w.chars().next();
        if first.is_some_and(|c| c.is_uppercase() || !c.is_alphabetic() && c != '@')
            || !w.chars().any(char::is_lowercase)
        {
            names += 1;
        } else {
            return false;
        }
    }
    names >= 1
}

impl CreditExtractor {
    pub fn new() -> Self {
        CreditExtractor
    }

    /// A byline: "By Jane Doe", "By Staff Writer, Reuters", "Автор: Иван Петров",
    /// "by Jane Doe, Some Outlet:", "Authored by X via Y".
    pub fn byline(&self, line: &str) -> Option<Credit> {
        if line.len() > 120 || line.ends_with('.') && !line.ends_with(" Jr.") {
            return None;
        }
        let c = BYLINE.captures(line)?;
        let body = c.get(1)?.as_str().trim();
        let (names, agency) = if let Some((a, b)) = body.split_once(" via ") {
            (a, Some(b))
        } else if let Some((a, b)) = body.split_once(", ") {
            (a, Some(b))
        } else if let Some((a, b)) = body.split_once(" | ") {
            (a, Some(b))
        } else {
            (body, None)
        };
        let names = names.trim().trim_end_matches(',');
        if !looks_like_names(names) {
            return None;
        }
        // "Por que ..." / "Von der Leyen": require the first name-word to be a name.
        let agency = agency
            .map(|a| {
                a.trim()
                    .trim_end_matches([':', ',', '.'])
                    .trim()
                    .to_string()
            })
            .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 6);
        Some(Credit::Byline {
            author: names.to_string(),
            agency,
        })
    }

    /// A credit near the top: "Translated from X:", "Превод от X, Китай:".
    pub fn top_credit(&self, line: &str) -> Option<Credit> {
        if line.len() > 120 || !TOP_CREDIT.is_match(line) {
            return None;
        }
        Some(Credit::Credit(
            line.trim_end_matches(':').trim().to_string(),
        ))
    }

    /// "Source: https://…" (a source label followed by a link), anywhere.
    pub fn is_source_link(&self, line: &str) -> bool {
        line.len() < 400
            && line.split_whitespace().count() <= 4
            && (line.contains("http") || line.contains("www."))
            && matches!(self.credit(line), Some(Credit::Credit(_)))
    }

    /// A credit line: "(With information from AFP)", "Reporting by X; Editing
    /// by Y", "Source: TASS", "© 2023 Reuters", "(Con información de EFE)".
    pub fn credit(&self, line: &str) -> Option<Credit> {
        if line.len() > 300 || line.split_whitespace().count() > 30 {
            return None;
        }
        if SOURCES_HEADER.is_match(line) {
            return Some(Credit::SourcesHeader);
        }
        if !CREDIT.is_match(line) {
            return None;
        }
        let trimmed = line.trim();
        let inner = match trimmed.strip_prefix('(') {
            Some(rest) => rest.trim_end_matches('.').trim_end_matches(')').trim(),
            None => trimmed.trim_end_matches('.').trim(),
        };
        // "© 2023 Reuters" → "Reuters"
        let lower = inner.to_lowercase();
        for prefix in ["©", "(c)", "copyright"] {
            if lower.starts_with(prefix) {
                let rest = inner[prefix.len()..]
                    .trim_start_matches(|c: char| !c.is_alphanumeric() || c.is_ascii_digit());
                let rest = rest.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
                let rest = rest
                    .strip_suffix("All rights reserved")
                    .unwrap_or(rest)
                    .trim()
                    .trim_end_matches([',', '.']);
                if !rest.is_empty() {
                    return Some(Credit::Credit(rest.to_string()));
                }
            }
        }
        Some(Credit::Credit(inner.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byline(s: &str) -> Option<(String, Option<String>)> {
        match CreditExtractor::new().byline(s)? {
            Credit::Byline { author, agency } => Some((author, agency)),
            _ => None,
        }
    }

    fn credit(s: &str) -> Option<String> {
        match CreditExtractor::new().credit(s)? {
            Credit::Credit(c) => Some(c),
            _ => None,
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe"), Some(("Jane Doe".into(), None)));
        assert_eq!(
            byline("By Staff Writer, Reuters"),
            Some(("Staff Writer".into(), Some("Reuters".into())))
        );
        assert_eq!(
            byline("by Jane Doe, Daily Example:"),
            Some(("Jane Doe".into(), Some("Daily Example".into())))
        );
        assert_eq!(
            byline("Authored by John Roe via The Example Institute,"),
            Some(("John Roe".into(), Some("The Example Institute".into())))
        );
        assert_eq!(
            byline("Автор: Иван Петров"),
            Some(("Иван Петров".into(), None))
        );
        assert_eq!(
            byline("Por Maria Silva"),
            Some(("Maria Silva".into(), None))
        );
        assert_eq!(byline("By the way, nobody came"), None);
        assert_eq!(byline("Por que a guerra continua"), None);
        assert_eq!(byline("By the end of the year prices rose."), None);
    }

    #[test]
    fn credits() {
        assert_eq!(
            credit("(With information from AFP)").as_deref(),
            Some("With information from AFP")
        );
        assert_eq!(
            credit("With reporting by AP and dpa").as_deref(),
            Some("With reporting by AP and dpa")
        );
        assert_eq!(credit("Source: TASS").as_deref(), Some("Source: TASS"));
        assert_eq!(
            credit("Reporting by Jane Doe; Editing by John Roe").as_deref(),
            Some("Reporting by Jane Doe; Editing by John Roe")
        );
        assert_eq!(credit("© 2023 Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            credit("©\u{fe0f} From the briefing (26 June 2024)").as_deref(),
            Some("From the briefing (26 June 2024)")
        );
        assert_eq!(
            credit("(Con información de EFE)").as_deref(),
            Some("Con información de EFE")
        );
        assert_eq!(
            credit("Источник: РИА Новости").as_deref(),
            Some("Источник: РИА Новости")
        );
        assert_eq!(
            credit("(एजेंसी इनपुट के साथ)").as_deref(),
            Some("एजेंसी इनपुट के साथ")
        );
        assert_eq!(
            credit("With inputs from agencies").as_deref(),
            Some("With inputs from agencies")
        );
        assert_eq!(
            CreditExtractor::new().credit("Sources for this article include:"),
            Some(Credit::SourcesHeader)
        );
    }

    #[test]
    fn top_credits_and_source_links() {
        let c = CreditExtractor::new();
        assert_eq!(
            c.top_credit("Превод от Example, Китай:"),
            Some(Credit::Credit("Превод от Example, Китай".into()))
        );
        assert!(c
            .top_credit("Translated from the original, the letter says that the war must end.")
            .is_none());
        assert!(c.is_source_link("Source: https://example.org/story"));
        assert!(!c.is_source_link("Source: the ministry said so"));
    }

    #[test]
    fn prose_is_not_a_credit() {
        assert_eq!(
            credit("The source of the leak was never found, the paper said."),
            None
        );
        assert_eq!(credit("He spoke with reporters on Monday."), None);
    }

    #[test]
    fn agencies() {
        assert!(is_agency("Reuters"));
        assert!(is_agency("ТАСС"));
        assert!(!is_agency("Kremlin"));
    }
}
