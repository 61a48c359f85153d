//! [`Layer`]: the names of what stages read and write.

use std::fmt;

/// One kind of data a stage reads or writes on a [`crate::Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The raw body as ingested (`Document::raw`) and the source metadata.
    Raw,
    /// The clean text (`Document::text`); all spans index it.
    Text,
    /// Lines removed as boilerplate.
    Boilerplate,
    /// Title, published date, byline and credits.
    Metadata,
    /// The article's language.
    Lang,
    Paragraphs,
    Sentences,
    Entities,
    Quotes,
    Dates,
    Narratives,
    Roles,
}

impl Layer {
    /// The layers ingest provides before any stage runs.
    pub const INGESTED: &'static [Layer] = &[Layer::Raw, Layer::Metadata];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Raw => "raw",
            Layer::Text => "text",
            Layer::Boilerplate => "boilerplate",
            Layer::Metadata => "metadata",
            Layer::Lang => "lang",
            Layer::Paragraphs => "paragraphs",
            Layer::Sentences => "sentences",
            Layer::Entities => "entities",
            Layer::Quotes => "quotes",
            Layer::Dates => "dates",
            Layer::Narratives => "narratives",
            Layer::Roles => "roles",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
