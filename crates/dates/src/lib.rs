//! Temporal expressions for newslens. The main type is [`DateResolver`], the
//! `dates` stage.
//!
//! It reads the clean text, the language, the article date
//! (`Document::published`), the sentences and the quotes. It writes
//! `Document::dates` — every temporal expression ("Dec. 4", "on Monday",
//! "last week", "since September", "12 мая", "el lunes") with its ISO 8601
//! value, resolved against the article date — and sets `Quote::said_on` when
//! a date in the sentence of the quote's speech cue dates the statement.
//!
//! Month names, weekday names and keywords per language live in one table
//! file (`lexicon.rs`); the grammar is shared. Calendar arithmetic is
//! `chrono`'s. Without an article date, only expressions that carry their own
//! year are kept: the year is never guessed.

mod lexicon;
mod scan;

pub use lexicon::LANGUAGES;

use newslens_core::{Document, Layer, Span, Stage, StageError, TimeExpr};
use scan::{Found, Scanner};

/// Settings of the `dates` stage.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DateConfig {
    /// Run the stage at all (default true).
    pub enabled: bool,
    /// Set `said_on` on quotes (default true).
    pub said_on: bool,
}

impl Default for DateConfig {
    fn default() -> Self {
        DateConfig {
            enabled: true,
            said_on: true,
        }
    }
}

/// Finds temporal expressions and dates quotes. See the crate docs.
#[derive(Debug, Clone, Default)]
pub struct DateResolver {
    config: DateConfig,
}

impl DateResolver {
    pub fn new(config: DateConfig) -> Self {
        DateResolver { config }
    }

    /// The expressions of `text` (byte offsets into it), resolved against
    /// `published`, for language `lang`; `sentences` are byte ranges
    /// (the whole text is one sentence when empty).
    fn find(
        text: &str,
        lang: Option<&str>,
        published: Option<&str>,
        sentences: &[Span],
    ) -> Vec<Found> {
        let lex = lexicon::lexicon(lang);
        let anchor = scan::parse_published(published);
        let mut found = Vec::new();
        let mut toks = Vec::new();
        let mut lower = String::new();
        let whole = [(0, text.len())];
        let ranges = sentences.iter().map(|s| (s.start(), s.end()));
        let ranges: Box<dyn Iterator<Item = (usize, usize)>> = if sentences.is_empty() {
            Box::new(whole.into_iter())
        } else {
            Box::new(ranges)
        };
        for (start, end) in ranges {
            let Some(sentence) = text.get(start..end) else {
                continue;
            };
            if !lex.may_hold_date(sentence) {
                continue;
            }
            toks.clear();
            scan::tokenize(sentence, start, lex, &mut toks, &mut lower);
            Scanner {
                toks: &toks,
                lex,
                anchor,
            }
            .scan(&mut found);
        }
        // Sentences come in text order, but be safe against odd input.
        found.sort_by_key(|f| (f.start, f.end));
        found.dedup_by(|b, a| b.start < a.end);
        found
    }
}

impl Stage for DateResolver {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Lang,
            Layer::Metadata,
            Layer::Sentences,
            Layer::Quotes,
        ]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Dates, Layer::Quotes]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.dates.clear();
        if !self.config.enabled {
            return Ok(());
        }
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let found = Self::find(
            &doc.text,
            doc.lang.as_deref(),
            doc.published.as_deref(),
            &sentences,
        );
        let mut intervals = Vec::with_capacity(found.len());
        for f in &found {
            let span = doc
                .span(f.start, f.end)
                .map_err(|source| StageError::Span {
                    stage: "dates",
                    source,
                })?;
            let mut value = String::with_capacity(24);
            f.val.write(&mut value);
            intervals.push(f.val.is_interval());
            doc.dates.push(TimeExpr {
                span,
                value,
                relative: f.relative,
            });
        }
        if self.config.said_on {
            attach_said_on(doc, &sentences, &intervals);
        }
        Ok(())
    }
}

/// The sentence holding byte `pos` (the whole text when there are none).
fn sentence_of(sentences: &[Span], text_len: usize, pos: usize) -> (usize, usize) {
    if sentences.is_empty() {
        return (0, text_len);
    }
    let idx = sentences.partition_point(|s| s.start() <= pos);
    match idx.checked_sub(1).map(|k| sentences[k]) {
        Some(s) if pos < s.end() || (pos == s.end() && s.is_empty()) => (s.start(), s.end()),
        _ => (pos, pos),
    }
}

/// Byte distance between two ranges (0 when they overlap).
fn distance(a: Span, b: Span) -> usize {
    if a.end() <= b.start() {
        b.start() - a.end()
    } else if b.end() <= a.start() {
        a.start() - b.end()
    } else {
        0
    }
}

/// Sets `said_on` for each quote from the nearest date to its cue in the
/// cue's sentence (the quote's sentence without a cue), skipping dates inside
/// any quote's content and `since` intervals.
fn attach_said_on(doc: &mut Document, sentences: &[Span], intervals: &[bool]) {
    let quote_spans: Vec<Span> = doc.quotes.iter().map(|q| q.span).collect();
    let text_len = doc.text.len();
    for quote in &mut doc.quotes {
        quote.said_on = None;
        let anchor = quote.cue.unwrap_or(quote.span);
        let (s_start, s_end) = sentence_of(sentences, text_len, anchor.start());
        let best = doc
            .dates
            .iter()
            .zip(intervals)
            .filter(|(d, interval)| {
                !**interval
                    && d.span.start() >= s_start
                    && d.span.end() <= s_end
                    && !quote_spans
                        .iter()
                        .any(|q| d.span.start() < q.end() && q.start() < d.span.end())
            })
            .min_by_key(|(d, _)| distance(d.span, anchor));
        quote.said_on = best.map(|(d, _)| d.value.clone());
    }
}

#[cfg(test)]
mod tests;
