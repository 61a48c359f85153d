//! The query commands over a database written by `newslens analyze`:
//! `quotes`, `entities`, `narratives`, `search` and `show`. Each prints a
//! table (or, for `show`, the annotated article) by default and JSON Lines
//! with `--json`. Text from articles is untrusted: control characters are
//! replaced before it reaches a terminal.

use anstyle::{AnsiColor, Style};
use anyhow::Context;
use newslens_store::{EntityQuery, NarrativeGrouping, QuoteQuery, Store, StoreError};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options every query command takes.
#[derive(clap::Args)]
pub struct DbArgs {
    /// The database written by `newslens analyze`.
    #[arg(long, default_value = "newslens.db", value_name = "FILE")]
    db: PathBuf,
    /// Print JSON Lines (one object per row) instead of a table.
    #[arg(long)]
    json: bool,
}

/// Paging options of the list commands.
#[derive(clap::Args)]
pub struct PageArgs {
    /// Rows to print (at most 1000).
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: u32,
    /// Rows to skip.
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: u32,
}

/// Arguments of `newslens quotes`.
#[derive(clap::Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    page: PageArgs,
    /// The speaker: words of the name ("ivanov") or an entity id from `newslens entities`.
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Quotes mentioning this entity (its name or id) in the quoted text.
    #[arg(long, value_name = "NAME")]
    about: Option<String>,
    /// Quotes said (or, when the text does not say, published) on or after this ISO date.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Quotes dated on or before this ISO date (2023-03 is the whole month).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Quotes of articles of this outlet.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Words of the quoted text (all required; word* is a prefix).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
}

/// Arguments of `newslens entities`.
#[derive(clap::Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    page: PageArgs,
    /// Only this type.
    #[arg(long = "type", value_name = "T", value_parser = ["person", "organization", "location", "other"])]
    kind: Option<String>,
    /// Names starting with this.
    #[arg(long, value_name = "TEXT")]
    prefix: Option<String>,
}

/// Arguments of `newslens narratives`.
#[derive(clap::Args)]
pub struct NarrativesArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Count per outlet or per month of publication.
    #[arg(long, value_parser = ["outlet", "month"])]
    by: Option<String>,
}

/// Arguments of `newslens search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    page: PageArgs,
    /// Words to find in article titles, texts and quotes (all required; word* is a prefix).
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
}

/// Arguments of `newslens show`.
#[derive(clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The article's id (as `newslens search` or `quotes` print it).
    #[arg(value_name = "ID")]
    id: String,
}

fn open(db: &Path) -> anyhow::Result<Store> {
    match Store::open_read_only(db) {
        Ok(store) => Ok(store),
        Err(StoreError::Missing { .. }) => Err(anyhow::anyhow!(
            "{}: no such database; run `newslens analyze --db {} PATH…` first \
             (e.g. PATH = examples/articles)",
            db.display(),
            db.display()
        )),
        Err(err) => Err(err.into()),
    }
}

/// Standard output, locked and buffered; a closed pipe ends quietly.
fn finish(result: std::io::Result<()>) -> anyhow::Result<ExitCode> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(err) => Err(err).context("cannot write output"),
    }
}

fn json_lines<T: Serialize>(rows: &[T]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for row in rows {
        serde_json::to_writer(&mut out, row)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Untrusted text for one table cell: control characters (escape
/// sequences included) and line breaks become spaces or U+FFFD, and the
/// text is cut to `width` characters.
fn cell(text: &str, width: usize) -> String {
    let clean = clean(text, false);
    if clean.chars().count() <= width {
        return clean;
    }
    let mut cut: String = clean.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Replaces control characters (ESC and the rest of C0 and C1, but not
/// newlines when `keep_newlines`) so article text cannot drive the terminal.
fn clean(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\n' if keep_newlines => '\n',
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A plain table: columns padded to their widest cell.
fn table(header: &[&str], rows: &[Vec<String>], total: Option<u64>) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let line = |out: &mut dyn Write, cells: Vec<&str>| -> std::io::Result<()> {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            s.push_str(c);
            if i < last {
                s.extend(std::iter::repeat_n(' ', w - c.chars().count() + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&mut out, header.to_vec())?;
    for row in rows {
        line(&mut out, row.iter().map(String::as_str).collect())?;
    }
    if let Some(total) = total {
        if total > rows.len() as u64 {
            writeln!(
                out,
                "({} of {total}; --limit and --offset page)",
                rows.len()
            )?;
        }
    }
    out.flush()
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// Runs `newslens quotes`.
pub fn quotes(args: QuotesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let page = store.quotes(&QuoteQuery {
        speaker: args.speaker,
        about: args.about,
        since: args.since,
        until: args.until,
        outlet: args.outlet,
        search: args.search,
        limit: args.page.limit,
        offset: args.page.offset,
    })?;
    if args.db.json {
        return finish(json_lines(&page.items));
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|q| {
            vec![
                cell(opt(&q.date), 10),
                cell(
                    q.speaker
                        .as_deref()
                        .or(q.speaker_text.as_deref())
                        .unwrap_or("?"),
                    28,
                ),
                cell(&q.kind, 8),
                cell(&q.text, 70),
                cell(&format!("{} #{}", q.article, q.index), 40),
            ]
        })
        .collect();
    finish(table(
        &["DATE", "SPEAKER", "KIND", "QUOTE", "ARTICLE"],
        &rows,
        Some(page.total),
    ))
}

/// Runs `newslens entities`.
pub fn entities(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let page = store.entities(&EntityQuery {
        kind: args.kind,
        prefix: args.prefix,
        limit: args.page.limit,
        offset: args.page.offset,
    })?;
    if args.db.json {
        return finish(json_lines(&page.items));
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|e| {
            vec![
                cell(&e.id, 40),
                cell(&e.name, 40),
                cell(&e.kind, 12),
                e.articles.to_string(),
                e.mentions.to_string(),
                e.quotes.to_string(),
            ]
        })
        .collect();
    finish(table(
        &["ID", "NAME", "TYPE", "ARTICLES", "MENTIONS", "QUOTES"],
        &rows,
        Some(page.total),
    ))
}

/// Runs `newslens narratives`.
pub fn narratives(args: NarrativesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let by = match args.by.as_deref() {
        Some("outlet") => NarrativeGrouping::Outlet,
        Some("month") => NarrativeGrouping::Month,
        _ => NarrativeGrouping::None,
    };
    let counts = store.narratives(by)?;
    if args.db.json {
        return finish(json_lines(&counts));
    }
    if counts.is_empty() {
        eprintln!(
            "newslens: no narratives stored (the narratives stage has not labelled any article)"
        );
    }
    let grouped = by != NarrativeGrouping::None;
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|n| {
            let label = match &n.subnarrative {
                Some(sub) => format!("  {}", cell(sub, 90)),
                None => cell(&n.narrative, 92),
            };
            let mut row = vec![
                label,
                n.articles.to_string(),
                n.mean_score.map(|s| format!("{s:.2}")).unwrap_or_default(),
            ];
            if grouped {
                row.insert(0, cell(n.group.as_deref().unwrap_or("(unknown)"), 30));
            }
            row
        })
        .collect();
    let header: &[&str] = if grouped {
        &[
            if by == NarrativeGrouping::Outlet {
                "OUTLET"
            } else {
                "MONTH"
            },
            "NARRATIVE",
            "ARTICLES",
            "SCORE",
        ]
    } else {
        &["NARRATIVE", "ARTICLES", "SCORE"]
    };
    finish(table(header, &rows, None))
}

/// Runs `newslens search`.
pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let query = args.query.join(" ");
    let page = store.search(&query, args.page.limit, args.page.offset)?;
    if args.db.json {
        return finish(json_lines(&page.items));
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let bold = Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = (|| -> std::io::Result<()> {
        for hit in &page.items {
            let what = match (hit.quote, &hit.speaker) {
                (Some(i), Some(speaker)) => format!("quote #{i} ({})", clean(speaker, false)),
                (Some(i), None) => format!("quote #{i}"),
                _ => "article".to_string(),
            };
            writeln!(
                out,
                "{}  {what}  {}",
                clean(&hit.article, false),
                clean(opt(&hit.title), false)
            )?;
            let mut line = String::from("    ");
            for f in &hit.snippet {
                let text = clean(&f.text, false);
                if !f.hit {
                    line.push_str(&text);
                } else if color {
                    line.push_str(&format!("{}{text}{}", bold.render(), bold.render_reset()));
                } else {
                    line.push_str(&format!("[{text}]"));
                }
            }
            writeln!(out, "{line}")?;
        }
        if page.total > page.items.len() as u64 {
            writeln!(
                out,
                "({} of {} hits; --limit and --offset page)",
                page.items.len(),
                page.total
            )?;
        }
        out.flush()
    })();
    if page.total == 0 {
        eprintln!("newslens: no match for {query:?}");
    }
    finish(result)
}

/// Runs `newslens show`.
pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let Some(json) = store.article_json(&args.id)? else {
        anyhow::bail!(
            "{}: no article with id {:?} (try `newslens search`)",
            args.db.db.display(),
            args.id
        );
    };
    if args.db.json {
        // The stored line, exactly as `newslens annotate` printed it.
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        return finish(writeln!(out, "{}", json.trim_end()).and_then(|_| out.flush()));
    }
    let article: serde_json::Value = serde_json::from_str(&json)?;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    finish(render(&article, color, &mut out).and_then(|_| out.flush()))
}

const QUOTE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const SPEAKER: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const ENTITY: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
const NARRATIVE: Style = Style::new().underline();
const HEAD: Style = Style::new().bold();

/// The article: its metadata, its text with quotes (green), speakers (bold
/// yellow) and entity mentions (cyan) marked, then the annotations listed.
fn render(a: &serde_json::Value, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    use serde_json::Value;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(|x| clean(x, false));
    let n = |v: &Value, k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
    let arr = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let paint = |style: Style, text: &str| {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    writeln!(
        out,
        "{}",
        paint(HEAD, &s(a, "title").unwrap_or_else(|| "(no title)".into()))
    )?;
    let outlet = a.get("source").and_then(|src| s(src, "outlet"));
    let meta: Vec<String> = [
        s(a, "id").map(|id| format!("id {id}")),
        s(a, "published"),
        s(a, "lang"),
        outlet,
        s(a, "byline").map(|b| format!("by {b}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    writeln!(out, "{}\n", meta.join(" · "))?;

    // One style per character of the text (offsets are code points).
    let text: Vec<char> = clean(a.get("text").and_then(Value::as_str).unwrap_or(""), true)
        .chars()
        .collect();
    let mut styles: Vec<Option<Style>> = vec![None; text.len()];
    let mut mark = |start: usize, end: usize, style: Style| {
        for slot in styles.iter_mut().take(end.min(text.len())).skip(start) {
            *slot = Some(style);
        }
    };
    for nar in arr(a, "narratives") {
        for ev in arr(&nar, "evidence") {
            mark(n(&ev, "start"), n(&ev, "end"), NARRATIVE);
        }
    }
    for q in arr(a, "quotes") {
        mark(n(&q, "start"), n(&q, "end"), QUOTE);
    }
    for e in arr(a, "entities") {
        for m in arr(&e, "mentions") {
            mark(n(&m, "start"), n(&m, "end"), ENTITY);
        }
    }
    for q in arr(a, "quotes") {
        if let Some(sp) = q.get("speaker").filter(|v| v.is_object()) {
            mark(n(sp, "start"), n(sp, "end"), SPEAKER);
        }
    }
    let mut body = String::new();
    let mut current: Option<Style> = None;
    for (c, style) in text.iter().zip(&styles) {
        if color && *style != current {
            if let Some(old) = current {
                body.push_str(&old.render_reset().to_string());
            }
            if let Some(new) = style {
                body.push_str(&new.render().to_string());
            }
            current = *style;
        }
        body.push(*c);
    }
    if let (true, Some(old)) = (color, current) {
        body.push_str(&old.render_reset().to_string());
    }
    writeln!(out, "{body}\n")?;

    let quotes = arr(a, "quotes");
    if !quotes.is_empty() {
        writeln!(
            out,
            "{}",
            paint(HEAD, &format!("Quotes ({})", quotes.len()))
        )?;
        for (i, q) in quotes.iter().enumerate() {
            let sp = q.get("speaker").filter(|v| v.is_object());
            let who = sp
                .and_then(|sp| s(sp, "name").or_else(|| s(sp, "text")))
                .unwrap_or_else(|| "?".into());
            let when = s(q, "said_on")
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            writeln!(
                out,
                "  #{i} {} ({}{when}): {}",
                paint(SPEAKER, &who),
                s(q, "kind").unwrap_or_default(),
                paint(QUOTE, &s(q, "text").unwrap_or_default())
            )?;
        }
        writeln!(out)?;
    }
    let entities = arr(a, "entities");
    if !entities.is_empty() {
        writeln!(
            out,
            "{}",
            paint(HEAD, &format!("Entities ({})", entities.len()))
        )?;
        for e in &entities {
            let actor = s(e, "actor").map(|x| format!(" → {x}")).unwrap_or_default();
            writeln!(
                out,
                "  {} {} ({}, {} mentions){actor}",
                s(e, "id").unwrap_or_default(),
                paint(ENTITY, &s(e, "name").unwrap_or_default()),
                s(e, "type").unwrap_or_default(),
                arr(e, "mentions").len()
            )?;
        }
        writeln!(out)?;
    }
    let narratives = arr(a, "narratives");
    if !narratives.is_empty() {
        writeln!(out, "{}", paint(HEAD, "Narratives"))?;
        for nar in &narratives {
            let score = nar
                .get("score")
                .and_then(Value::as_f64)
                .map(|x| format!(" ({x:.2})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {}{score}",
                s(nar, "subnarrative")
                    .or_else(|| s(nar, "narrative"))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out)?;
    }
    let roles = arr(a, "roles");
    if !roles.is_empty() {
        writeln!(out, "{}", paint(HEAD, "Roles"))?;
        for r in &roles {
            let fine: Vec<String> = arr(r, "fine")
                .iter()
                .filter_map(|f| f.as_str().map(|x| clean(x, false)))
                .collect();
            writeln!(
                out,
                "  {} {} {}",
                s(r, "entity").unwrap_or_default(),
                s(r, "main").unwrap_or_default(),
                fine.join(", ")
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\nc", false), "a\u{FFFD}[31mb c");
        assert_eq!(clean("a\nb\u{9b}", true), "a\nb\u{FFFD}");
        assert_eq!(cell("abcdef", 4), "abc…");
    }
}
