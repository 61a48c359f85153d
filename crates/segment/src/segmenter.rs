//! [`Segmenter`]: the segmentation stage.

use crate::SentenceSplitter;
use newslens_core::{Document, Layer, Paragraph, Sentence, Span, Stage, StageError};

/// Settings of the segmentation stage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SegmentConfig {
    /// Language whose abbreviation rules apply when the article's is unknown.
    pub default_lang: String,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        SegmentConfig {
            default_lang: "en".to_string(),
        }
    }
}

/// Splits the clean text into paragraphs (blocks separated by blank lines)
/// and sentences.
pub struct Segmenter {
    config: SegmentConfig,
}

impl Segmenter {
    pub fn new(config: SegmentConfig) -> Self {
        Segmenter { config }
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new(SegmentConfig::default())
    }
}

/// Byte ranges of the paragraphs of `text`: maximal runs of non-blank lines,
/// trimmed of surrounding whitespace.
pub(crate) fn paragraph_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, end));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            end = offset + content.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    /// The language picks the abbreviation rules, so language ID runs first.
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Lang]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Sentences]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let lang = doc.lang.as_deref().unwrap_or(&self.config.default_lang);
        let splitter = SentenceSplitter::new(lang);
        let span_err = |source| StageError::Span {
            stage: "segment",
            source,
        };
        doc.paragraphs.clear();
        doc.sentences.clear();
        for (index, (p_start, p_end)) in paragraph_ranges(&doc.text).into_iter().enumerate() {
            let span = Span::within(&doc.text, p_start, p_end).map_err(span_err)?;
            doc.paragraphs.push(Paragraph { span });
            for (s_start, s_end) in splitter.split(&doc.text[p_start..p_end]) {
                let span = Span::within(&doc.text, p_start + s_start, p_start + s_end)
                    .map_err(span_err)?;
                doc.sentences.push(Sentence {
                    span,
                    paragraph: index,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segmented(text: &str) -> Document {
        let mut doc = Document::new("t", "");
        doc.text = text.to_string();
        Segmenter::default().process(&mut doc).unwrap();
        doc
    }

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        let doc = segmented("First one.\n\n  Second one.\nStill second.  \n\n\nThird.");
        let paragraphs: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(p.span)).collect();
        assert_eq!(
            paragraphs,
            ["First one.", "Second one.\nStill second.", "Third."]
        );
    }

    #[test]
    fn sentences_point_into_their_paragraph() {
        let doc = segmented("One here. Two here.\n\nThree here.");
        let sentences: Vec<(&str, usize)> = doc
            .sentences
            .iter()
            .map(|s| (doc.slice(s.span), s.paragraph))
            .collect();
        assert_eq!(
            sentences,
            [("One here.", 0), ("Two here.", 0), ("Three here.", 1)]
        );
    }

    #[test]
    fn empty_text_has_no_segments() {
        let doc = segmented("");
        assert!(doc.paragraphs.is_empty() && doc.sentences.is_empty());
        let doc = segmented("\n \n\t\n");
        assert!(doc.paragraphs.is_empty());
    }
}
