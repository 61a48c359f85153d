//! Text cleaning for newslens. The main type is [`Cleaner`], the `clean`
//! pipeline stage: it reads `Document::raw` (and `Document::title`) and
//! writes `Document::text` (normalised, unwrapped from a leftover CSV field, homoglyph-repaired body text with
//! paragraphs separated by one blank line), `Document::boilerplate` (removed
//! boilerplate lines, in order) and the metadata fields `published`, `byline`
//! and `credits` taken from datelines, bylines and credit lines.
//!
//! [`RepeatedLineFilter`] is a second stage, run after `clean` when the
//! whole corpus is known: it removes short paragraphs repeated across many
//! articles (a site's promos), counted by [`LineCounts`].
//!
//! The parts are usable on their own: [`Normalizer`], [`CsvField`], [`HomoglyphRepair`],
//! [`BoilerplateFilter`], [`DatelineParser`] and [`CreditExtractor`].

mod boilerplate;
mod cleaner;
mod credits;
mod csv_field;
mod dateline;
mod homoglyphs;
mod normalizer;
mod repeated_lines;

pub use boilerplate::{BoilerplateFilter, LineKind};
pub use cleaner::{CleanConfig, Cleaner};
pub use credits::{Credit, CreditExtractor};
pub use csv_field::CsvField;
pub use dateline::{find_date, Dateline, DatelineParser, PartialDate};
pub use homoglyphs::HomoglyphRepair;
pub use normalizer::Normalizer;
pub use repeated_lines::{LineCounts, RepeatedLineFilter};
