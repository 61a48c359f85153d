//! `newslens talking-points` and `newslens quote-travel`: statements and
//! phrases that travel across articles, outlets and speakers, from a
//! database written by `newslens analyze` (`newslens_signals`).

use anyhow::{bail, Context};
use newslens_signals::{
    ArticleInput, ArticleRef, QuoteInput, QuoteRef, SignalConfig, SignalIndex, TalkingConfig,
    TalkingPoint,
};
use newslens_store::{ArticleQuery, QuoteQuery, QuoteRow, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `newslens talking-points`.
#[derive(clap::Args)]
pub struct TalkingPointsArgs {
    /// The database written by `newslens analyze`.
    #[arg(long, default_value = "newslens.db", value_name = "FILE")]
    db: PathBuf,
    /// Only articles published on or after this ISO date.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only whole statements (quote clusters), no phrases.
    #[arg(long)]
    statements_only: bool,
    /// Print JSON Lines (one talking point per line) instead of a table.
    #[arg(long)]
    json: bool,
    /// Talking points to print, widest spread first.
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
}

/// Arguments of `newslens quote-travel`.
#[derive(clap::Args)]
pub struct QuoteTravelArgs {
    /// The quote: `ARTICLE_ID#N`, N its position in the article's `quotes`
    /// (as `newslens quotes --json` prints `article` and `index`).
    #[arg(value_name = "QUOTE_ID")]
    id: String,
    /// The database written by `newslens analyze`.
    #[arg(long, default_value = "newslens.db", value_name = "FILE")]
    db: PathBuf,
    /// Print JSON Lines (one appearance per line) instead of a table.
    #[arg(long)]
    json: bool,
}

/// Articles (id, date, outlet, language, title; text when `with_text`) and
/// quotes stored in `db`, dated on or after `since` when given.
pub(crate) fn load(
    db: &Path,
    since: Option<&str>,
    with_text: bool,
) -> anyhow::Result<(Vec<ArticleInput>, Vec<QuoteInput>, Vec<QuoteRow>)> {
    if !db.exists() {
        bail!(
            "{}: no such database; run `newslens analyze PATH… --db {}` first",
            db.display(),
            db.display()
        );
    }
    let store =
        Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let since = since.map(str::trim).filter(|s| !s.is_empty());
    let mut articles: Vec<ArticleInput> = Vec::new();
    let page = 1000u32;
    loop {
        let q = ArticleQuery {
            limit: page,
            offset: articles.len() as u32,
            ..ArticleQuery::default()
        };
        let rows = store.articles(&q)?;
        let n = rows.items.len();
        for a in rows.items {
            articles.push(ArticleInput {
                id: a.id,
                date: a.published,
                outlet: a.outlet,
                language: a.lang,
                title: a.title,
                text: String::new(),
            });
        }
        if n < page as usize || articles.len() as u64 >= rows.total {
            break;
        }
    }
    if let Some(since) = since {
        articles.retain(|a| a.date.as_deref().is_some_and(|d| d >= since));
    }
    if with_text {
        for a in &mut articles {
            if let Some(v) = store.article(&a.id)? {
                a.text = v
                    .get("text")
                    .and_then(|t| t.as_str())
                    .unwrap_or_default()
                    .to_string();
            }
        }
    }
    let position: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let mut rows: Vec<QuoteRow> = Vec::new();
    let mut fetched = 0u32;
    loop {
        let q = QuoteQuery {
            limit: page,
            offset: fetched,
            ..QuoteQuery::default()
        };
        let page_rows = store.quotes(&q)?;
        let n = page_rows.items.len();
        fetched += n as u32;
        rows.extend(
            page_rows
                .items
                .into_iter()
                .filter(|r| position.contains_key(&r.article)),
        );
        if n < page as usize || u64::from(fetched) >= page_rows.total {
            break;
        }
    }
    rows.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.article, a.index).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.article,
            b.index,
        ))
    });
    let quotes = rows
        .iter()
        .map(|r| QuoteInput {
            id: quote_id(r),
            article: position[&r.article],
            text: r.text.clone(),
            speaker: r.speaker.clone(),
            said_on: r.said_on.clone(),
            span: Some((r.start as usize, r.end as usize)),
        })
        .collect();
    Ok((articles, quotes, rows))
}

/// One talking point as printed.
#[derive(Serialize)]
struct Printed<'a> {
    #[serde(flatten)]
    point: &'a TalkingPoint,
}

fn quote_id(row: &QuoteRow) -> String {
    format!("{}#{}", row.article, row.index)
}

/// Runs `newslens talking-points`.
pub fn talking_points(args: TalkingPointsArgs) -> anyhow::Result<ExitCode> {
    let (articles, quotes, _) = load(&args.db, args.since.as_deref(), true)?;
    let config = TalkingConfig {
        phrases: !args.statements_only,
        ..TalkingConfig::default()
    };
    let mut points = newslens_signals::talking_points(&articles, &quotes, &config);
    points.truncate(args.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for p in &points {
            writeln!(out, "{}", serde_json::to_string(&Printed { point: p })?)?;
        }
    } else if points.is_empty() {
        writeln!(
            out,
            "no statement or phrase appears in more than one article"
        )?;
    } else {
        writeln!(
            out,
            "{:<9} {:>6} {:>8} {:>7} {:>8}  {:<10}  text",
            "kind", "score", "articles", "outlets", "speakers", "first seen"
        )?;
        for p in &points {
            writeln!(
                out,
                "{:<9} {:>6.2} {:>8} {:>7} {:>8}  {:<10}  {}",
                p.kind,
                p.score,
                p.articles.len(),
                p.outlets.len(),
                p.speakers.len(),
                p.first_seen
                    .date
                    .as_deref()
                    .map_or("-", |d| d.get(..10).unwrap_or(d)),
                clip(&p.text, 100)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The index over `rows`; quote `i` of the index is `rows[i]`.
fn index(rows: &[QuoteRow]) -> SignalIndex {
    let mut index = SignalIndex::new(SignalConfig::default());
    let mut articles: HashMap<&str, usize> = HashMap::new();
    let mut refs = Vec::with_capacity(rows.len());
    for row in rows {
        let article = *articles.entry(&row.article).or_insert_with(|| {
            index.add_article(&ArticleRef {
                id: row.article.clone(),
                date: row.published.clone(),
                outlet: row.outlet.clone(),
                text: String::new(),
            })
        });
        refs.push(QuoteRef {
            id: quote_id(row),
            article,
            text: row.text.clone(),
            speaker: row.speaker.clone(),
        });
    }
    index.add_quotes(&refs);
    index
}

/// Runs `newslens quote-travel`.
pub fn quote_travel(args: QuoteTravelArgs) -> anyhow::Result<ExitCode> {
    let (_, _, rows) = load(&args.db, None, false)?;
    let Some(position) = rows.iter().position(|r| quote_id(r) == args.id) else {
        bail!(
            "no quote {} in {} (quote ids are ARTICLE_ID#N, see `newslens quotes --json`)",
            args.id,
            args.db.display()
        );
    };
    let mut index = index(&rows);
    let travel = index.travel(position);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, &i) in travel.members.iter().enumerate() {
        let r = &rows[i];
        if args.json {
            #[derive(Serialize)]
            struct Appearance<'a> {
                quote: String,
                first: bool,
                #[serde(flatten)]
                row: &'a QuoteRow,
            }
            let line = Appearance {
                quote: quote_id(r),
                first: n == 0,
                row: r,
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            writeln!(
                out,
                "{} {:<10} {:<20} {:<24} {}",
                if n == 0 { "first" } else { "     " },
                r.published.as_deref().unwrap_or("-"),
                clip(r.outlet.as_deref().unwrap_or("-"), 20),
                clip(r.speaker.as_deref().unwrap_or("-"), 24),
                clip(&r.text, 90)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `text` cut to `max` characters, control characters replaced (article
/// text is untrusted and goes to a terminal).
fn clip(text: &str, max: usize) -> String {
    let mut s: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}
