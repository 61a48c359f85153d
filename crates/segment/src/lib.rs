//! Paragraph and sentence segmentation. The main type is [`Segmenter`], a
//! [`newslens_core::Stage`] that reads the clean text (and the language, when
//! known) and writes `Document::paragraphs` and `Document::sentences`.

mod segmenter;
mod sentence_splitter;

pub use segmenter::{SegmentConfig, Segmenter};
pub use sentence_splitter::SentenceSplitter;
