//! [`ArticleJson`]: the contract's article object (`newslens.article/1`).

use newslens_core::{CharOffsets, Document, Entity, Quote, Span, TimeExpr};
use serde::Serialize;

pub const SCHEMA: &str = "newslens.article/1";

/// A span in code points, as the contract counts offsets.
#[derive(Serialize)]
struct CharSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    format: &'a str,
    encoding: Option<&'a str>,
}

/// A stretch of text with its code-point offsets.
#[derive(Serialize)]
struct TextSpan<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    id: String,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    mentions: Vec<TextSpan<'a>>,
    actor: Option<&'a str>,
}

impl<'a> EntityJson<'a> {
    fn new(doc: &'a Document, index: usize, entity: &'a Entity, offsets: &CharOffsets<'_>) -> Self {
        EntityJson {
            id: format!("E{}", index + 1),
            name: &entity.name,
            kind: entity.kind.name(),
            mentions: entity
                .mentions
                .iter()
                .map(|&span| {
                    let (start, end) = offsets.span(span);
                    TextSpan {
                        start,
                        end,
                        text: doc.slice(span),
                    }
                })
                .collect(),
            actor: entity.actor.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct DateJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    value: &'a str,
    relative: bool,
}

impl<'a> DateJson<'a> {
    fn new(doc: &'a Document, date: &'a TimeExpr, offsets: &CharOffsets<'_>) -> Self {
        let (start, end) = offsets.span(date.span);
        DateJson {
            text: doc.slice(date.span),
            start,
            end,
            value: &date.value,
            relative: date.relative,
        }
    }
}

#[derive(Serialize)]
struct SpeakerJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    name: Option<&'a str>,
    entity: Option<String>,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    /// What was said; a quote split around its attribution reads as its
    /// parts joined by " … " (`Quote::text`).
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    kind: &'static str,
    cue: Option<&'a str>,
    speaker: Option<SpeakerJson<'a>>,
    said_on: Option<&'a str>,
    /// The parts of a split quote (absent for a quote in one piece).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<PartJson>,
}

#[derive(Serialize)]
struct PartJson {
    start: usize,
    end: usize,
}

impl<'a> QuoteJson<'a> {
    fn new(doc: &'a Document, quote: &'a Quote, offsets: &CharOffsets<'_>) -> Self {
        let (start, end) = offsets.span(quote.span);
        QuoteJson {
            text: quote.text(&doc.text),
            start,
            end,
            kind: quote.kind.name(),
            cue: quote.cue.map(|cue| doc.slice(cue)),
            speaker: quote.speaker.as_ref().map(|speaker| {
                let (start, end) = offsets.span(speaker.span);
                SpeakerJson {
                    text: doc.slice(speaker.span),
                    start,
                    end,
                    name: speaker.name.as_deref(),
                    entity: speaker.entity.map(|i| format!("E{}", i + 1)),
                }
            }),
            said_on: quote.said_on.as_deref(),
            parts: if quote.gaps.is_empty() {
                Vec::new()
            } else {
                quote
                    .parts()
                    .into_iter()
                    .map(|p| {
                        let (start, end) = offsets.span(p);
                        PartJson { start, end }
                    })
                    .collect()
            },
        }
    }
}

#[derive(Serialize)]
struct NarrativeJson<'a> {
    narrative: &'a str,
    subnarrative: Option<&'a str>,
    score: f32,
    evidence: Vec<CharSpan>,
}

#[derive(Serialize)]
struct RoleJson<'a> {
    entity: String,
    main: &'a str,
    fine: &'a [String],
    score: f32,
    evidence: Vec<CharSpan>,
}

/// Rounds a score for output (4 decimals are plenty and keep lines short).
fn round(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// One article as `newslens annotate` prints it.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    schema: &'static str,
    id: &'a str,
    title: Option<&'a str>,
    published: Option<&'a str>,
    lang: Option<&'a str>,
    byline: Option<&'a str>,
    credits: &'a [String],
    source: SourceJson<'a>,
    text: &'a str,
    boilerplate: &'a [String],
    paragraphs: Vec<CharSpan>,
    sentences: Vec<CharSpan>,
    entities: Vec<EntityJson<'a>>,
    quotes: Vec<QuoteJson<'a>>,
    dates: Vec<DateJson<'a>>,
    narratives: Vec<NarrativeJson<'a>>,
    roles: Vec<RoleJson<'a>>,
}

impl<'a> ArticleJson<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let offsets = doc.char_offsets();
        let chars = |span: Span| {
            let (start, end) = offsets.span(span);
            CharSpan { start, end }
        };
        ArticleJson {
            schema: SCHEMA,
            id: &doc.id,
            title: doc.title.as_deref(),
            published: doc.published.as_deref(),
            lang: doc.lang.as_deref(),
            byline: doc.byline.as_deref(),
            credits: &doc.credits,
            source: SourceJson {
                path: doc.source.path.as_deref(),
                line: doc.source.line,
                url: doc.source.url.as_deref(),
                outlet: doc.source.outlet.as_deref(),
                format: doc.source.format,
                encoding: doc.source.encoding,
            },
            text: &doc.text,
            boilerplate: &doc.boilerplate,
            paragraphs: doc.paragraphs.iter().map(|p| chars(p.span)).collect(),
            sentences: doc.sentences.iter().map(|s| chars(s.span)).collect(),
            entities: doc
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityJson::new(doc, i, e, &offsets))
                .collect(),
            quotes: doc
                .quotes
                .iter()
                .map(|q| QuoteJson::new(doc, q, &offsets))
                .collect(),
            dates: doc
                .dates
                .iter()
                .map(|d| DateJson::new(doc, d, &offsets))
                .collect(),
            narratives: doc
                .narratives
                .iter()
                .map(|n| NarrativeJson {
                    narrative: &n.narrative,
                    subnarrative: n.subnarrative.as_deref(),
                    score: round(n.score),
                    evidence: n.evidence.iter().map(|&s| chars(s)).collect(),
                })
                .collect(),
            roles: doc
                .roles
                .iter()
                .map(|r| RoleJson {
                    entity: format!("E{}", r.entity + 1),
                    main: &r.main,
                    fine: &r.fine,
                    score: round(r.score),
                    evidence: r.evidence.iter().map(|&s| chars(s)).collect(),
                })
                .collect(),
        }
    }
}

/// The object printed for an article that could not be read or processed.
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    pub schema: &'static str,
    pub id: &'a str,
    pub error: &'a str,
}
