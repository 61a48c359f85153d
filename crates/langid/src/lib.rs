//! Language identification. The main type is [`LanguageDetector`], a
//! [`newslens_core::Stage`] that reads the clean text and writes
//! `Document::lang` (ISO 639-1).

mod language_detector;

pub use language_detector::{LangIdConfig, LangIdError, LanguageDetector};
