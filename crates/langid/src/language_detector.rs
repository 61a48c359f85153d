//! [`LanguageDetector`]: whatlang restricted to the languages we expect.

use newslens_core::{Document, Layer, Stage, StageError};
use whatlang::{Detector, Lang};

/// ISO 639-1 codes newslens can identify, with whatlang's language for each.
const SUPPORTED: &[(&str, Lang)] = &[
    ("en", Lang::Eng),
    ("ru", Lang::Rus),
    ("uk", Lang::Ukr),
    ("bg", Lang::Bul),
    ("pt", Lang::Por),
    ("hi", Lang::Hin),
    ("es", Lang::Spa),
    ("de", Lang::Deu),
    ("fr", Lang::Fra),
    ("pl", Lang::Pol),
    ("it", Lang::Ita),
    ("nl", Lang::Nld),
    ("ro", Lang::Ron),
    ("cs", Lang::Ces),
    ("tr", Lang::Tur),
    ("ar", Lang::Ara),
    ("zh", Lang::Cmn),
    ("ja", Lang::Jpn),
];

/// Settings of language identification.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LangIdConfig {
    /// ISO 639-1 codes to choose from (fewer languages: fewer confusions).
    pub languages: Vec<String>,
    /// Characters of text looked at; trigram statistics settle long before
    /// the end of an article.
    pub sample_chars: usize,
}

impl Default for LangIdConfig {
    fn default() -> Self {
        LangIdConfig {
            languages: SUPPORTED.iter().map(|(code, _)| code.to_string()).collect(),
            sample_chars: 2000,
        }
    }
}

/// A language the configuration names is not one newslens can identify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LangIdError {
    #[error("unsupported language `{code}` (supported: {supported})")]
    Unsupported { code: String, supported: String },
    #[error("no languages configured for language identification")]
    Empty,
}

/// Identifies an article's language from its title and clean text. When the
/// text gives no reliable answer, the language the source declared wins.
pub struct LanguageDetector {
    detector: Detector,
    sample_chars: usize,
}

impl LanguageDetector {
    pub fn new(config: &LangIdConfig) -> Result<Self, LangIdError> {
        let mut allow = Vec::with_capacity(config.languages.len());
        for code in &config.languages {
            let lang = SUPPORTED
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(code))
                .map(|&(_, l)| l)
                .ok_or_else(|| LangIdError::Unsupported {
                    code: code.clone(),
                    supported: SUPPORTED
                        .iter()
                        .map(|(c, _)| *c)
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            allow.push(lang);
        }
        if allow.is_empty() {
            return Err(LangIdError::Empty);
        }
        Ok(LanguageDetector {
            detector: Detector::with_allowlist(allow),
            sample_chars: config.sample_chars.max(1),
        })
    }

    /// The ISO 639-1 code of `text`'s language and whether the guess is
    /// reliable, or `None` when it cannot tell.
    pub fn detect(&self, text: &str) -> Option<(&'static str, bool)> {
        let sample = match text.char_indices().nth(self.sample_chars) {
            Some((end, _)) => &text[..end],
            None => text,
        };
        let info = self.detector.detect(sample)?;
        let code = SUPPORTED.iter().find(|(_, l)| *l == info.lang())?.0;
        Some((code, info.is_reliable()))
    }
}

impl Stage for LanguageDetector {
    fn name(&self) -> &'static str {
        "langid"
    }

    fn reads(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Metadata]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Lang]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let detected = if doc.text.trim().is_empty() {
            doc.title.as_deref().and_then(|t| self.detect(t))
        } else {
            self.detect(&doc.text)
        };
        let declared = doc
            .declared_lang
            .as_deref()
            .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase());
        doc.lang = match (detected, declared) {
            (Some((code, true)), _) => Some(code.to_string()),
            (_, Some(declared)) if declared.len() == 2 => Some(declared),
            (Some((code, false)), _) => Some(code.to_string()),
            (None, _) => None,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang_of(text: &str) -> Option<&'static str> {
        LanguageDetector::new(&LangIdConfig::default())
            .unwrap()
            .detect(text)
            .map(|(code, _)| code)
    }

    #[test]
    fn identifies_the_required_languages() {
        let cases = [
            ("en", "The foreign minister said on Monday that talks with the delegation would continue next week."),
            ("ru", "Министр иностранных дел заявил в понедельник, что переговоры с делегацией продолжатся на следующей неделе."),
            ("uk", "Міністр закордонних справ заявив у понеділок, що переговори з делегацією триватимуть наступного тижня."),
            ("bg", "Министърът на външните работи заяви в понеделник, че преговорите с делегацията ще продължат следващата седмица."),
            ("pt", "O ministro dos Negócios Estrangeiros disse na segunda-feira que as conversações com a delegação vão continuar na próxima semana."),
            ("hi", "विदेश मंत्री ने सोमवार को कहा कि प्रतिनिधिमंडल के साथ बातचीत अगले सप्ताह भी जारी रहेगी।"),
            ("es", "El ministro de Asuntos Exteriores dijo el lunes que las conversaciones con la delegación continuarán la próxima semana."),
            ("de", "Der Außenminister sagte am Montag, dass die Gespräche mit der Delegation in der nächsten Woche fortgesetzt werden."),
            ("fr", "Le ministre des Affaires étrangères a déclaré lundi que les discussions avec la délégation se poursuivraient la semaine prochaine."),
            ("pl", "Minister spraw zagranicznych powiedział w poniedziałek, że rozmowy z delegacją będą kontynuowane w przyszłym tygodniu."),
        ];
        for (want, text) in cases {
            assert_eq!(lang_of(text), Some(want), "{text}");
        }
    }

    #[test]
    fn unknown_language_in_config_is_an_error() {
        let config = LangIdConfig {
            languages: vec!["xx".into()],
            ..LangIdConfig::default()
        };
        assert!(matches!(
            LanguageDetector::new(&config),
            Err(LangIdError::Unsupported { .. })
        ));
    }

    #[test]
    fn declared_language_wins_when_detection_is_unsure() {
        let detector = LanguageDetector::new(&LangIdConfig::default()).unwrap();
        let mut doc = Document::new("d", "");
        doc.text = "OK".into();
        doc.declared_lang = Some("pt-BR".into());
        detector.process(&mut doc).unwrap();
        assert_eq!(doc.lang.as_deref(), Some("pt"));
    }

    #[test]
    fn empty_text_gives_no_language() {
        let detector = LanguageDetector::new(&LangIdConfig::default()).unwrap();
        let mut doc = Document::new("d", "");
        detector.process(&mut doc).unwrap();
        assert_eq!(doc.lang, None);
    }
}
