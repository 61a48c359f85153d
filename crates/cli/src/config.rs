//! [`Config`]: the settings file (`--config newslens.toml`), separate from
//! the runtime objects built from it. Unknown keys are errors.

use newslens_clean::CleanConfig;
use newslens_dates::DateConfig;
use newslens_entities::EntityConfig;
use newslens_ingest::IngestConfig;
use newslens_langid::LangIdConfig;
use newslens_narratives::NarrativeConfig;
use newslens_quotes::QuoteConfig;
use newslens_segment::SegmentConfig;
use std::path::Path;

/// Which stages run.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// Stop after this stage (e.g. "segment" for clean, segmented text only).
    pub until: Option<String>,
}

/// Every section is optional; a missing key takes its default.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub pipeline: PipelineConfig,
    pub ingest: IngestConfig,
    pub clean: CleanConfig,
    pub langid: LangIdConfig,
    pub segment: SegmentConfig,
    pub quotes: QuoteConfig,
    pub dates: DateConfig,
    pub entities: EntityConfig,
    pub narratives: NarrativeConfig,
}

impl Config {
    /// Reads a TOML settings file.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read config {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("config {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected() {
        let err = toml::from_str::<Config>("[clean]\nboilerplat = false\n").unwrap_err();
        assert!(err.to_string().contains("boilerplat"), "{err}");
        let err = toml::from_str::<Config>("[cleaning]\n").unwrap_err();
        assert!(err.to_string().contains("cleaning"), "{err}");
    }

    #[test]
    fn partial_config_keeps_defaults() {
        let config: Config = toml::from_str("[langid]\nlanguages = [\"en\", \"ru\"]\n").unwrap();
        assert_eq!(config.langid.languages, ["en", "ru"]);
        assert_eq!(config.segment, SegmentConfig::default());
    }
}
