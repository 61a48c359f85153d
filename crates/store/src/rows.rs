//! Queries and the rows they return. Every row serialises to JSON (the CLI's
//! `--json` lines and the HTTP API print them as they are).

use serde::{Deserialize, Serialize};

/// One page of a list: `total` rows match, `items` holds those of the page.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// How many rows match the query, over all pages.
    pub total: u64,
    /// The rows of this page (at most `limit`, from `offset`).
    pub items: Vec<T>,
}

/// What [`crate::Store::put_articles`] did with a batch.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PutSummary {
    /// Articles stored for the first time.
    pub stored: u64,
    /// Articles already stored with the same content (skipped).
    pub unchanged: u64,
    /// Articles stored before with other content, now replaced.
    pub replaced: u64,
}

impl std::ops::AddAssign for PutSummary {
    fn add_assign(&mut self, other: PutSummary) {
        self.stored += other.stored;
        self.unchanged += other.unchanged;
        self.replaced += other.replaced;
    }
}

/// The default page size of the list queries.
pub const DEFAULT_LIMIT: u32 = 50;

/// Filters of [`crate::Store::articles`].
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(default)]
pub struct ArticleQuery {
    /// Full-text query over title and text (words, all required; a trailing
    /// `*` makes a prefix). Results are then ranked by relevance, else by
    /// date, newest first.
    pub q: Option<String>,
    /// Only articles of this outlet.
    pub outlet: Option<String>,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

impl Default for ArticleQuery {
    fn default() -> Self {
        ArticleQuery {
            q: None,
            outlet: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// One article in a list.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ArticleSummary {
    /// The article's contract `id`.
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its `published` date or date-time, if stated.
    pub published: Option<String>,
    /// Its language (ISO 639-1), if detected.
    pub lang: Option<String>,
    /// `source.outlet`, else the host of `source.url`.
    pub outlet: Option<String>,
    /// How many quotes it has.
    pub quotes: u64,
    /// How many entities it has.
    pub entities: u64,
    /// How many narratives it has.
    pub narratives: u64,
}

/// Filters of [`crate::Store::quotes`]; `None` means any.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(default)]
pub struct QuoteQuery {
    /// The speaker: a store entity id (`person:anna-smith`, an actor id) or a
    /// name, matched case-insensitively against the linked entity's name and
    /// the speaker's resolved name.
    pub speaker: Option<String>,
    /// Quotes mentioning this entity (id or name) inside the quoted text.
    pub about: Option<String>,
    /// Quotes dated on or after this ISO date (the quote's `said_on`, else
    /// the article's `published` date).
    pub since: Option<String>,
    /// Quotes dated on or before this ISO date (a prefix: `2023-03` is the
    /// whole of March).
    pub until: Option<String>,
    /// Only quotes of articles of this outlet.
    pub outlet: Option<String>,
    /// Full-text query over the quoted text and the speaker.
    pub search: Option<String>,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

impl Default for QuoteQuery {
    fn default() -> Self {
        QuoteQuery {
            speaker: None,
            about: None,
            since: None,
            until: None,
            outlet: None,
            search: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// One quote, with its article's context. Newest first in lists.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct QuoteRow {
    /// The article's id.
    pub article: String,
    /// The article's title.
    pub title: Option<String>,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's `published`.
    pub published: Option<String>,
    /// Position of the quote in the article's `quotes` array.
    pub index: u32,
    /// The quoted or reported content.
    pub text: String,
    /// `direct`, `partial` or `indirect`.
    pub kind: String,
    /// The speech verb, if any.
    pub cue: Option<String>,
    /// The speaker as written next to the quote ("he", "the minister").
    pub speaker_text: Option<String>,
    /// The speaker's resolved name: the linked entity's name, else the
    /// quote's `speaker.name`.
    pub speaker: Option<String>,
    /// The store entity id of the speaker, when linked.
    pub speaker_id: Option<String>,
    /// The quote's `said_on`, if the text says when.
    pub said_on: Option<String>,
    /// The date used for filters and order: `said_on`, else the article's
    /// published date (`YYYY-MM-DD`), else null.
    pub date: Option<String>,
    /// Code-point offsets of the quote in the article's `text`.
    pub start: u64,
    /// End offset (exclusive).
    pub end: u64,
}

/// Filters of [`crate::Store::entities`].
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(default)]
pub struct EntityQuery {
    /// `person`, `organization`, `location` or `other`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Names starting with this (case-insensitive for ASCII letters).
    pub prefix: Option<String>,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

impl Default for EntityQuery {
    fn default() -> Self {
        EntityQuery {
            kind: None,
            prefix: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// One store entity with its counts. Lists put the most mentioned first.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct EntityRow {
    /// Stable store id: the actor-base id, else `type:slug` of the name.
    pub id: String,
    /// Canonical name (the first article's name for it).
    pub name: String,
    /// `person`, `organization`, `location` or `other`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The actor-base id, if linked.
    pub actor: Option<String>,
    /// Articles mentioning it.
    pub articles: u64,
    /// Mentions over all articles.
    pub mentions: u64,
    /// Quotes it is the speaker of.
    pub quotes: u64,
}

/// One role count of an entity: how often it is framed so.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RoleCount {
    /// Main role (`Protagonist`, `Antagonist`, `Innocent`).
    pub main: String,
    /// Fine role, or null for the main role's total.
    pub fine: Option<String>,
    /// Articles giving it this role.
    pub articles: u64,
    /// Mean score of these role assignments.
    pub mean_score: Option<f64>,
}

/// Mentions of an entity in one month.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct MonthCount {
    /// `YYYY-MM` of the articles' published date; null for undated articles.
    pub month: Option<String>,
    /// Articles of that month mentioning it.
    pub articles: u64,
    /// Mentions in them.
    pub mentions: u64,
}

/// One entity with what it said, how it is framed and when it is mentioned.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct EntityDetail {
    /// The entity and its counts.
    #[serde(flatten)]
    pub entity: EntityRow,
    /// Names the articles gave it, most frequent first.
    pub names: Vec<String>,
    /// Its latest quotes as speaker (at most 100; `entity.quotes` counts all).
    pub quotes: Vec<QuoteRow>,
    /// The latest quotes mentioning it inside the quoted text (at most 100).
    pub quotes_about: Vec<QuoteRow>,
    /// Its roles: per main role a total (`fine` null), then per fine role.
    pub roles: Vec<RoleCount>,
    /// Mentions per month, in month order (undated last).
    pub months: Vec<MonthCount>,
}

/// How [`crate::Store::narratives`] groups its counts.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum NarrativeGrouping {
    /// One count per narrative over all articles.
    #[default]
    None,
    /// Per outlet.
    Outlet,
    /// Per month of publication (`YYYY-MM`).
    Month,
}

/// Articles pushing a narrative (or subnarrative), in a group.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct NarrativeCount {
    /// The outlet or month, null when not grouped (or unknown).
    pub group: Option<String>,
    /// The narrative label.
    pub narrative: String,
    /// The subnarrative label; null for the narrative's total.
    pub subnarrative: Option<String>,
    /// Articles with it.
    pub articles: u64,
    /// Mean score.
    pub mean_score: Option<f64>,
}

/// One piece of a search snippet.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Fragment {
    /// The text, verbatim from the article (untrusted: escape it).
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// What a search hit is.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// The article's title or text matched.
    Article,
    /// One of its quotes matched.
    Quote,
}

/// One full-text search hit with a snippet. Best first.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// Whether the article or a quote matched.
    pub kind: HitKind,
    /// The article's id.
    pub article: String,
    /// The article's title.
    pub title: Option<String>,
    /// For a quote: its index in the article's `quotes`.
    pub quote: Option<u32>,
    /// For a quote: the speaker's resolved name.
    pub speaker: Option<String>,
    /// About a dozen words around the match, matched words marked.
    pub snippet: Vec<Fragment>,
    /// FTS5 bm25 rank (lower is better).
    pub rank: f64,
}

impl SearchHit {
    /// The snippet as one string, matches between `open` and `close`.
    pub fn snippet_text(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for f in &self.snippet {
            if f.hit {
                out.push_str(open);
                out.push_str(&f.text);
                out.push_str(close);
            } else {
                out.push_str(&f.text);
            }
        }
        out
    }
}
