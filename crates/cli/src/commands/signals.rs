//! `newslens talking-points` and `newslens quote-travel`: statements and
//! phrases that travel across articles, outlets and speakers, from a
//! database written by `newslens analyze` (`newslens_signals`).

use anyhow::{bail, Context};
use newslens_signals::{StoryConfig, TalkingConfig, TalkingPoint};
use newslens_store::{Store, TranslationQuery};
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
    /// Also list possible translations: quotes of the same linked speaker
    /// in another language, dated within 7 days, that name the same rare
    /// entities (candidates found by names, not verified; JSON lines with
    /// `"translation": true`).
    #[arg(long)]
    translations: bool,
    /// With --translations: the summed rarity (`ln(quotes / quotes naming
    /// it)`) of the shared entities a candidate needs at least.
    #[arg(long, default_value_t = TranslationQuery::default().min_weight, value_name = "W")]
    translation_weight: f64,
}

/// Opens the database read-only, with a clear error when it is missing.
fn open(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        bail!(
            "{}: no such database; run `newslens analyze PATH… --db {}` first",
            db.display(),
            db.display()
        );
    }
    Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))
}

/// Runs `newslens talking-points`.
pub fn talking_points(args: TalkingPointsArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let mut points: Vec<TalkingPoint> = if args.since.is_none() && !args.statements_only {
        // The derived file beside the database, rebuilt when stale.
        newslens_signals::derived(&store, &args.db)?
            .0
            .talking_points
    } else {
        let loaded = newslens_signals::load(&store, args.since.as_deref(), true)?;
        let config = TalkingConfig {
            phrases: !args.statements_only,
            ..TalkingConfig::default()
        };
        newslens_signals::talking_points(&loaded.articles, &loaded.quotes, &config)
    };
    points.truncate(args.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for p in &points {
            writeln!(out, "{}", serde_json::to_string(p)?)?;
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

/// Runs `newslens quote-travel`.
pub fn quote_travel(args: QuoteTravelArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let (derived, _) = newslens_signals::derived(&store, &args.db)?;
    let Some(rows) = derived.travel_rows(&store, &args.id)? else {
        bail!(
            "no quote {} in {} (quote ids are ARTICLE_ID#N, see `newslens quotes --json`)",
            args.id,
            args.db.display()
        );
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for a in newslens_signals::appearances(&rows) {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&a)?)?;
        } else {
            let r = a.row;
            writeln!(
                out,
                "{} {:<10} {:<20} {:<24} {}",
                if a.first { "first" } else { "     " },
                r.published.as_deref().unwrap_or("-"),
                clip(r.outlet.as_deref().unwrap_or("-"), 20),
                clip(r.speaker.as_deref().unwrap_or("-"), 24),
                clip(&r.text, 90)
            )?;
        }
    }
    if args.translations {
        let sources: Vec<(String, u32)> =
            rows.iter().map(|r| (r.article.clone(), r.index)).collect();
        let query = TranslationQuery {
            min_weight: args.translation_weight,
            ..TranslationQuery::default()
        };
        let found = store.translation_candidates(&sources, &query)?;
        if !args.json && !found.is_empty() {
            writeln!(
                out,
                "possible translations (same speaker, another language, shared names; not verified):"
            )?;
        }
        for c in &found {
            if args.json {
                #[derive(serde::Serialize)]
                struct Line<'a> {
                    quote: String,
                    translation: bool,
                    #[serde(flatten)]
                    candidate: &'a newslens_store::TranslationCandidate,
                }
                let line = Line {
                    quote: format!("{}#{}", c.row.article, c.row.index),
                    translation: true,
                    candidate: c,
                };
                writeln!(out, "{}", serde_json::to_string(&line)?)?;
            } else {
                let r = &c.row;
                writeln!(
                    out,
                    "{:>5.1} {:<4} {:<10} {:<20} {:<24} {}",
                    c.weight,
                    c.lang.as_deref().unwrap_or("-"),
                    r.published.as_deref().unwrap_or("-"),
                    clip(r.outlet.as_deref().unwrap_or("-"), 20),
                    clip(&c.shared.join(", "), 24),
                    clip(&r.text, 90)
                )?;
            }
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

/// Arguments of `newslens stories`.
#[derive(clap::Args)]
pub struct StoriesArgs {
    /// The database written by `newslens analyze`.
    #[arg(long, default_value = "newslens.db", value_name = "FILE")]
    db: PathBuf,
    /// Only articles published on or after this ISO date.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Days between an article and the earlier one of its story at most.
    #[arg(long, default_value_t = 3, value_name = "N")]
    days: u32,
    /// Print JSON Lines (one story per line) instead of a table.
    #[arg(long)]
    json: bool,
    /// Stories to print, largest first.
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
}

/// Runs `newslens stories`.
pub fn stories(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let config = StoryConfig {
        window_days: args.days,
        ..StoryConfig::default()
    };
    let mut list = if args.since.is_none() && args.days == StoryConfig::default().window_days {
        let stories = newslens_signals::derived(&store, &args.db)?.0.stories;
        stories.iter().take(args.limit).collect()
    } else {
        let loaded = newslens_signals::load(&store, args.since.as_deref(), true)?;
        newslens_signals::stories(&loaded.articles, &config)
    };
    list.truncate(args.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for s in &list {
            writeln!(out, "{}", serde_json::to_string(s)?)?;
        }
    } else if list.is_empty() {
        writeln!(out, "no two articles tell the same story")?;
    } else {
        writeln!(
            out,
            "{:>8} {:>7}  {:<10}  {:<10}  title / shared terms",
            "articles", "outlets", "first", "last"
        )?;
        for s in &list {
            let day = |d: &Option<String>| {
                d.as_deref()
                    .map_or("-".to_string(), |d| d.chars().take(10).collect())
            };
            writeln!(
                out,
                "{:>8} {:>7}  {:<10}  {:<10}  {} [{}]",
                s.articles.len(),
                s.outlets.len(),
                day(&s.first_seen.date),
                day(&s.last_date),
                clip(&s.title, 70),
                clip(&s.terms.join(", "), 60)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
