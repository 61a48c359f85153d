//! [`Cleaner`]: the `clean` pipeline stage.

use crate::boilerplate::{BoilerplateFilter, LineKind};
use crate::credits::{is_agency, Credit, CreditExtractor};
use crate::csv_field::CsvField;
use crate::dateline::DatelineParser;
use crate::homoglyphs::HomoglyphRepair;
use crate::normalizer::Normalizer;
use newslens_core::{Document, Layer, Stage, StageError};

/// What the clean stage does besides normalisation.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// Remove web boilerplate lines (teasers, prompts, navigation...).
    pub boilerplate: bool,
    /// Repair look-alike letters of the wrong script inside words.
    pub homoglyphs: bool,
    /// Extract datelines, bylines and credits into metadata.
    pub metadata: bool,
    /// Remove short paragraphs found in at least this many documents of one
    /// run (a site's promos; see `RepeatedLineFilter`); 0 turns it off.
    pub repeated_min_docs: u32,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            boilerplate: true,
            homoglyphs: true,
            metadata: true,
            repeated_min_docs: 3,
        }
    }
}

/// The `clean` stage: reads `raw` (and `title`), writes `text`,
/// `boilerplate`, and the metadata `published`, `byline` and `credits`.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    config: CleanConfig,
    normalizer: Normalizer,
    csv_field: CsvField,
    homoglyphs: HomoglyphRepair,
    filter: BoilerplateFilter,
    datelines: DatelineParser,
    credits: CreditExtractor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Content,
    Boilerplate,
    Meta,
}

/// How many lines at the top may hold a date line or a byline.
const TOP_ZONE: usize = 4;
/// How many lines at the end may hold credit lines.
const BOTTOM_ZONE: usize = 6;

fn year_of(iso: &str) -> Option<i32> {
    iso.get(..4)?.parse().ok()
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// Is `line` the title again (also when the title was cut off with "…")?
fn repeats_title(title: &str, line: &str) -> bool {
    if same_text(title, line) {
        return true;
    }
    let title = title.trim();
    let Some(cut) = title
        .strip_suffix("...")
        .or_else(|| title.strip_suffix('…'))
    else {
        return false;
    };
    let cut = cut.trim_end();
    // Only a headline-sized line: a title cut from a long first paragraph
    // (the lede) must not take the paragraph with it.
    let cut_words = cut.split_whitespace().count();
    let line_words = line.split_whitespace().count();
    cut_words >= 4
        && line_words <= cut_words + 5
        && line_words <= 30
        && line.len() > cut.len()
        && line.starts_with(cut)
}

impl Cleaner {
    pub fn new(config: CleanConfig) -> Self {
        Cleaner {
            config,
            ..Cleaner::default()
        }
    }

    pub fn config(&self) -> &CleanConfig {
        &self.config
    }

    /// Cleans one document in place (never panics).
    pub fn clean(&self, doc: &mut Document) {
        let normalized = self.normalizer.normalize(&doc.raw);
        let unwrapped = self.csv_field.unwrap(&normalized);
        let repaired = if self.config.homoglyphs {
            self.homoglyphs.repair(&unwrapped)
        } else {
            std::borrow::Cow::Borrowed(unwrapped.as_ref())
        };
        let mut lines = self.normalizer.logical_lines(&repaired);
        let mut kinds = vec![Kind::Content; lines.len()];
        let mut removed: Vec<String> = Vec::new();

        // A repeated title at the top of the body.
        if let (Some(title), Some(first)) = (doc.title.as_deref(), lines.first()) {
            if repeats_title(title, first) {
                kinds[0] = Kind::Boilerplate;
            }
        }

        if self.config.boilerplate {
            for (k, c) in kinds.iter_mut().zip(self.filter.classify(&lines)) {
                if c == LineKind::Boilerplate {
                    *k = Kind::Boilerplate;
                }
            }
        }

        if self.config.metadata {
            self.extract_metadata(doc, &mut lines, &mut kinds);
        }

        let mut text = String::with_capacity(repaired.len());
        let keep_all = !kinds.contains(&Kind::Content);
        for (line, kind) in lines.iter().zip(&kinds) {
            let keep = match kind {
                Kind::Content => true,
                Kind::Boilerplate => keep_all,
                Kind::Meta => false,
            };
            if !keep {
                if *kind == Kind::Boilerplate {
                    removed.push(line.clone());
                }
                continue;
            }
            let line = if self.config.boilerplate {
                match self.filter.strip_inline(line) {
                    Some((kept, cut)) if !kept.is_empty() => {
                        removed.extend(cut);
                        std::borrow::Cow::Owned(kept)
                    }
                    _ => std::borrow::Cow::Borrowed(line.as_str()),
                }
            } else {
                std::borrow::Cow::Borrowed(line.as_str())
            };
            // A photo credit glued to the paragraph's start goes with the
            // boilerplate.
            let line = match self
                .config
                .boilerplate
                .then(|| self.filter.strip_photo_credit(&line))
                .flatten()
            {
                Some((kept, credit)) => {
                    removed.push(credit);
                    std::borrow::Cow::Owned(kept)
                }
                None => line,
            };
            if line.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&line);
        }
        doc.text = text;
        doc.boilerplate = removed;
    }

    fn extract_metadata(&self, doc: &mut Document, lines: &mut [String], kinds: &mut [Kind]) {
        let n = lines.len();
        let mut year = doc.published.as_deref().and_then(year_of);
        // Top: a date line and a byline.
        let mut first_content = None;
        for i in 0..n.min(TOP_ZONE) {
            if kinds[i] != Kind::Content {
                continue;
            }
            let line = &lines[i];
            if let Some(date) = self.datelines.date_line(line) {
                if let Some(iso) = date.iso(year) {
                    year = year.or(date.year);
                    if doc.published.is_none() {
                        doc.published = Some(iso);
                    }
                    kinds[i] = Kind::Meta;
                    continue;
                }
            }
            if let Some(Credit::Byline { author, agency }) = self.credits.byline(line) {
                if doc.byline.is_none() {
                    doc.byline = Some(author);
                }
                if let Some(a) = agency {
                    doc.credits.push(a);
                }
                kinds[i] = Kind::Meta;
                continue;
            }
            if first_content.is_none() {
                first_content = Some(i);
            }
            // Only lines above the first real paragraph count as the top.
            if line.split_whitespace().count() > 12 {
                break;
            }
        }
        // A "Source: <link>" line anywhere in the second half.
        for i in n / 2..n.saturating_sub(BOTTOM_ZONE) {
            if kinds[i] != Kind::Meta && self.credits.is_source_link(&lines[i]) {
                doc.credits.push(lines[i].clone());
                kinds[i] = Kind::Meta;
            }
        }
        // Translation notes ("Translated from X:") among the first lines.
        for i in 0..n.min(TOP_ZONE) {
            if kinds[i] == Kind::Content {
                if let Some(Credit::Credit(c)) = self.credits.top_credit(&lines[i]) {
                    doc.credits.push(c);
                    kinds[i] = Kind::Meta;
                }
            }
        }
        // Bottom: credit lines, and link lists under a "Sources:" header.
        let start = n.saturating_sub(BOTTOM_ZONE);
        let mut in_sources = false;
        for i in start..n {
            let line = &lines[i];
            if in_sources {
                let words = line.split_whitespace().count();
                if words <= 12 && !line.ends_with('.')
                    || line.contains("http")
                    || line.contains(".com")
                {
                    doc.credits.push(line.clone());
                    kinds[i] = Kind::Meta;
                    continue;
                }
                in_sources = false;
            }
            match self.credits.credit(line) {
                Some(Credit::SourcesHeader) => {
                    kinds[i] = Kind::Meta;
                    in_sources = true;
                }
                Some(Credit::Credit(c)) => {
                    doc.credits.push(c);
                    kinds[i] = Kind::Meta;
                }
                _ => {}
            }
        }
        // A dateline at the start of the first paragraph (or of the second,
        // when the first is a short headline or kicker).
        let limit = first_content.unwrap_or(0).max(TOP_ZONE);
        let candidates: Vec<usize> = (0..n.min(limit + 1))
            .filter(|&i| kinds[i] == Kind::Content)
            .take(2)
            .collect();
        for (nth, &i) in candidates.iter().enumerate() {
            if nth == 1 && lines[candidates[0]].split_whitespace().count() > 25 {
                break;
            }
            if let Some(d) = self.datelines.dateline(&lines[i]) {
                if let Some(agency) = d.agency {
                    if !doc.credits.contains(&agency) {
                        doc.credits.push(agency);
                    }
                }
                if let Some(date) = d.date {
                    if doc.published.is_none() {
                        doc.published = date.iso(year);
                    }
                }
                lines[i] = lines[i][d.len..].to_string();
                if lines[i].is_empty() {
                    kinds[i] = Kind::Meta;
                }
                break;
            }
        }
        let _ = is_agency; // used by callers that want to classify credits
    }
}

impl Stage for Cleaner {
    fn name(&self) -> &'static str {
        "clean"
    }

    fn reads(&self) -> &'static [Layer] {
        &[Layer::Raw]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Boilerplate, Layer::Metadata]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.clean(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(raw: &str) -> Document {
        let mut doc = Document::new("t", raw);
        Cleaner::new(CleanConfig::default())
            .process(&mut doc)
            .unwrap();
        doc
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        let doc = run("\u{feff}  First  para\r\nwraps here.\r\n\r\n\r\n\r\nSecond\u{a0}one.  \n\n");
        assert_eq!(doc.text, "First para wraps here.\n\nSecond one.");
        assert!(doc.boilerplate.is_empty());
    }

    #[test]
    fn extracts_date_line_byline_and_credits() {
        let doc = run("Published: 14.05.2023\n\nBy Jane Doe, Reuters\n\nKYIV, May 14 (Reuters) - Ukraine said it repelled attacks overnight.\n\nMore fighting is expected.\n\n(With information from AFP)\n\n© 2023 Reuters");
        assert_eq!(doc.published.as_deref(), Some("2023-05-14"));
        assert_eq!(doc.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(
            doc.text,
            "Ukraine said it repelled attacks overnight.\n\nMore fighting is expected."
        );
        assert_eq!(
            doc.credits,
            vec!["Reuters", "With information from AFP", "Reuters"]
        );
        assert!(doc.boilerplate.is_empty());
    }

    #[test]
    fn dateline_date_uses_known_year_or_is_left_out() {
        let mut doc = Document::new(
            "t",
            "MOSCOW, Dec 4 (TASS) — The Kremlin declined to comment on the reports.",
        );
        doc.published = None;
        Cleaner::new(CleanConfig::default()).clean(&mut doc);
        assert_eq!(doc.published, None);
        assert_eq!(doc.text, "The Kremlin declined to comment on the reports.");
        assert_eq!(doc.credits, vec!["TASS"]);

        let doc = run("date: 2022-12-05\n\nMOSCOW, Dec 4 (TASS) — The Kremlin declined to comment on the reports.");
        assert_eq!(doc.published.as_deref(), Some("2022-12-05"));
    }

    #[test]
    fn cut_off_title_and_translation_credit() {
        let mut doc = Document::new(
            "t",
            "Leaders meet in Geneva to discuss the war today\n\nTranslated from Example Daily:\n\nThe talks began on Monday.",
        );
        doc.title = Some("Leaders meet in Geneva to discuss ...".into());
        Cleaner::new(CleanConfig::default()).clean(&mut doc);
        assert_eq!(doc.text, "The talks began on Monday.");
        assert_eq!(doc.credits, vec!["Translated from Example Daily"]);
    }

    #[test]
    fn lede_behind_a_cut_off_title_is_kept() {
        let lede = "The president said on Monday that the plan to end the war will be ready this year, and that talks with the allies have begun in earnest.";
        let mut doc = Document::new("t", lede);
        doc.title = Some(
            "The president said on Monday that the plan to end the war will be ready this..."
                .into(),
        );
        Cleaner::new(CleanConfig::default()).clean(&mut doc);
        assert_eq!(doc.text, lede);
    }

    #[test]
    fn existing_metadata_is_kept() {
        let mut doc = Document::new("t", "By Jane Doe\n\nText of the story goes here.");
        doc.byline = Some("Known Author".into());
        doc.published = Some("2020-01-01".into());
        Cleaner::new(CleanConfig::default()).clean(&mut doc);
        assert_eq!(doc.byline.as_deref(), Some("Known Author"));
        assert_eq!(doc.text, "Text of the story goes here.");
    }

    #[test]
    fn boilerplate_goes_to_its_own_field() {
        let doc = run("The vote was held on Sunday, and the turnout was high, officials said.\n\nRead also: Ministers meet in Brussels\n\nThe result will be announced on Monday (Related: Who are the candidates?) by the commission.\n\nShare this article\n\nSubscribe to our newsletter");
        assert_eq!(
            doc.text,
            "The vote was held on Sunday, and the turnout was high, officials said.\n\nThe result will be announced on Monday by the commission."
        );
        assert_eq!(
            doc.boilerplate,
            vec![
                "Read also: Ministers meet in Brussels",
                "(Related: Who are the candidates?)",
                "Share this article",
                "Subscribe to our newsletter"
            ]
        );
    }

    #[test]
    fn repeated_title_is_dropped_and_homoglyphs_fixed() {
        let mut doc = Document::new("t", "Big News Today\n\nPresident Zelenskу spoke.");
        doc.title = Some("Big news today".into());
        Cleaner::new(CleanConfig::default()).clean(&mut doc);
        assert_eq!(doc.text, "President Zelensky spoke.");
    }

    #[test]
    fn body_left_as_a_csv_field_is_unwrapped() {
        // SemEval RU-URW-1118: the scrape's body opens with `"` and doubles
        // every quote mark inside.
        let mut doc = Document::new(
            "t",
            "\"Россия сделала свои предложения, заявил Картаполов.\n\n\"\"Шар на стороне партнёров\"\", — подчеркнул парламентарий.\"",
        );
        Cleaner::new(CleanConfig::default()).clean(&mut doc);
        assert_eq!(
            doc.text,
            "Россия сделала свои предложения, заявил Картаполов.\n\n\"Шар на стороне партнёров\", — подчеркнул парламентарий."
        );
    }

    #[test]
    fn config_switches_parts_off() {
        let mut doc = Document::new("t", "Text here.\n\nShare this article\n\nBy Jane Doe");
        Cleaner::new(CleanConfig {
            boilerplate: false,
            homoglyphs: false,
            metadata: false,
            repeated_min_docs: 0,
        })
        .clean(&mut doc);
        assert_eq!(doc.text, "Text here.\n\nShare this article\n\nBy Jane Doe");
        let cfg: CleanConfig = serde_json::from_str(r#"{"homoglyphs": false}"#).unwrap();
        assert!(cfg.boilerplate && !cfg.homoglyphs && cfg.metadata);
        assert!(serde_json::from_str::<CleanConfig>(r#"{"nope": 1}"#).is_err());
    }

    #[test]
    fn never_empties_a_non_empty_document() {
        assert_eq!(run("Advertisement").text, "Advertisement");
        assert_eq!(run("").text, "");
        assert_eq!(run("\u{200b}\r\n").text, "");
    }

    #[test]
    fn arbitrary_input_does_not_panic() {
        let samples = [
            "((((",
            "[Read also: ",
            "(Related:)",
            "KYIV, (Reuters) -",
            "By ",
            "©",
            "Sources:",
            "\u{0}\u{1}\u{7f}",
            "é\u{301}\u{301}",
            "По ",
            "- \n- \n- ",
            "31.13.2023",
            "May 99, 2023",
            "Zelenskу\u{200d}",
            "— —",
            ":",
            "(एजेंसी",
        ];
        for s in samples {
            let _ = run(s);
            let _ = run(&format!("{s}\n\n{s}"));
        }
    }
}
