//! `newslens talking-points` and `newslens quote-travel`: statements that
//! travel across articles, outlets and speakers, from a database written by
//! `newslens analyze` (quote clusters of `newslens_signals::SignalIndex`).

use anyhow::{bail, Context};
use newslens_signals::{ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use newslens_store::{QuoteQuery, QuoteRow, Store};
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
    /// Only quotes dated on or after this ISO date.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
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

/// Where a statement was first seen.
#[derive(Serialize)]
struct FirstSeen<'a> {
    article: &'a str,
    date: Option<&'a str>,
}

/// One talking point: a statement reported by two or more articles.
#[derive(Serialize)]
struct TalkingPoint<'a> {
    text: &'a str,
    articles: Vec<&'a str>,
    outlets: Vec<&'a str>,
    speakers: Vec<&'a str>,
    first_seen: FirstSeen<'a>,
    count: usize,
    quotes: Vec<String>,
}

/// Every stored quote (oldest article first), paged out of the store.
fn all_quotes(db: &Path, since: Option<String>) -> anyhow::Result<Vec<QuoteRow>> {
    if !db.exists() {
        bail!(
            "{}: no such database; run `newslens analyze PATH… --db {}` first",
            db.display(),
            db.display()
        );
    }
    let store =
        Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut out = Vec::new();
    let page = 1000;
    loop {
        let q = QuoteQuery {
            since: since.clone(),
            limit: page,
            offset: out.len() as u32,
            ..QuoteQuery::default()
        };
        let rows = store.quotes(&q)?;
        let n = rows.items.len();
        out.extend(rows.items);
        if n < page as usize || out.len() as u64 >= rows.total {
            break;
        }
    }
    out.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.article, a.index).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.article,
            b.index,
        ))
    });
    Ok(out)
}

/// The index over `rows`; quote `i` of the index is `rows[i]`.
fn index(rows: &[QuoteRow]) -> SignalIndex {
    let mut index = SignalIndex::new(SignalConfig::default());
    let mut articles: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        let article = *articles.entry(&row.article).or_insert_with(|| {
            index.add_article(&ArticleRef {
                id: row.article.clone(),
                date: row.published.clone(),
                outlet: row.outlet.clone(),
                text: String::new(),
            })
        });
        index.add_quote(&QuoteRef {
            id: quote_id(row),
            article,
            text: row.text.clone(),
            speaker: row.speaker.clone(),
        });
    }
    index
}

fn quote_id(row: &QuoteRow) -> String {
    format!("{}#{}", row.article, row.index)
}

fn distinct<'a>(items: impl Iterator<Item = Option<&'a str>>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in items.flatten() {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Runs `newslens talking-points`.
pub fn talking_points(args: TalkingPointsArgs) -> anyhow::Result<ExitCode> {
    let rows = all_quotes(&args.db, args.since)?;
    let mut index = index(&rows);
    let mut points: Vec<TalkingPoint> = index
        .quote_clusters()
        .into_iter()
        .map(|c| {
            let members: Vec<&QuoteRow> = c.members.iter().map(|&i| &rows[i]).collect();
            let first = members[0];
            TalkingPoint {
                text: &first.text,
                articles: distinct(members.iter().map(|r| Some(r.article.as_str()))),
                outlets: distinct(members.iter().map(|r| r.outlet.as_deref())),
                speakers: distinct(members.iter().map(|r| r.speaker.as_deref())),
                first_seen: FirstSeen {
                    article: &first.article,
                    date: first.said_on.as_deref().or(first.published.as_deref()),
                },
                count: members.len(),
                quotes: members.iter().map(|r| quote_id(r)).collect(),
            }
        })
        .collect();
    // Widest spread first: outlets, then articles, then speakers.
    points.sort_by(|a, b| {
        (b.outlets.len(), b.articles.len(), b.speakers.len()).cmp(&(
            a.outlets.len(),
            a.articles.len(),
            a.speakers.len(),
        ))
    });
    points.truncate(args.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for p in &points {
            writeln!(out, "{}", serde_json::to_string(p)?)?;
        }
    } else if points.is_empty() {
        writeln!(out, "no statement appears in more than one article")?;
    } else {
        writeln!(
            out,
            "{:>8} {:>7} {:>8}  {:<10}  text",
            "articles", "outlets", "speakers", "first seen"
        )?;
        for p in &points {
            writeln!(
                out,
                "{:>8} {:>7} {:>8}  {:<10}  {}",
                p.articles.len(),
                p.outlets.len(),
                p.speakers.len(),
                p.first_seen.date.unwrap_or("-"),
                clip(p.text, 100)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `newslens quote-travel`.
pub fn quote_travel(args: QuoteTravelArgs) -> anyhow::Result<ExitCode> {
    let rows = all_quotes(&args.db, None)?;
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
