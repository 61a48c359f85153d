//! Times the store's queries on an existing database, each run `RUNS` times
//! (default 50) with a warm cache, and prints p50 and p99 in milliseconds:
//! `cargo run --release -p newslens-store --example query_bench -- DB [RUNS] [NAME]`
//! (with NAME, only the queries whose name contains it).
//! The speaker, entity and words come from the database itself (the most
//! quoted speaker, the most mentioned entity, a word of its first quote).

use newslens_store::{ArticleQuery, EntityQuery, NarrativeGrouping, QuoteQuery, Store};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(db) = args.get(1) else {
        eprintln!("usage: query_bench DB [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).map(|r| r.parse()).transpose()?.unwrap_or(50);
    let store = Store::open_read_only(Path::new(db))?;
    let top = store.entities(&EntityQuery {
        limit: 1,
        ..Default::default()
    })?;
    let top_id = top.items.first().map(|e| e.id.clone()).unwrap_or_default();
    let speakers = store.entities(&EntityQuery {
        kind: Some("person".into()),
        limit: 1,
        ..Default::default()
    })?;
    let speaker = speakers
        .items
        .first()
        .map(|e| e.id.clone())
        .unwrap_or_default();
    let speaker_name = speakers
        .items
        .first()
        .map(|e| e.name.clone())
        .unwrap_or_default();
    let first = store.quotes(&QuoteQuery {
        limit: 1,
        ..Default::default()
    })?;
    let word = first
        .items
        .first()
        .and_then(|q| {
            q.text
                .split_whitespace()
                .find(|w| w.len() > 4)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        })
        .unwrap_or_else(|| "the".into());
    println!(
        "{} articles; speaker {speaker} ({speaker_name}), entity {top_id}, word {word:?}, {runs} runs each",
        store.article_count()?
    );
    println!(
        "{:<44} {:>9} {:>9} {:>9}",
        "query", "p50 ms", "p99 ms", "total"
    );
    type Query<'a> = Box<dyn Fn() -> Result<u64, newslens_store::StoreError> + 'a>;
    let s = &store;
    let queries: Vec<(String, Query)> = vec![
        (
            "articles (newest first)".into(),
            Box::new(|| Ok(s.articles(&ArticleQuery::default())?.total)),
        ),
        (
            "articles offset 5000".into(),
            Box::new(|| {
                Ok(s.articles(&ArticleQuery {
                    offset: 5000,
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            format!("articles q={word}"),
            Box::new(|| {
                Ok(s.articles(&ArticleQuery {
                    q: Some(word.clone()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            "quotes (newest first)".into(),
            Box::new(|| Ok(s.quotes(&QuoteQuery::default())?.total)),
        ),
        (
            format!("quotes speaker={speaker}"),
            Box::new(|| {
                Ok(s.quotes(&QuoteQuery {
                    speaker: Some(speaker.clone()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            format!("quotes speaker={speaker_name}"),
            Box::new(|| {
                Ok(s.quotes(&QuoteQuery {
                    speaker: Some(speaker_name.clone()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            format!("quotes about={top_id}"),
            Box::new(|| {
                Ok(s.quotes(&QuoteQuery {
                    about: Some(top_id.clone()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            "quotes since=2024-01-01".into(),
            Box::new(|| {
                Ok(s.quotes(&QuoteQuery {
                    since: Some("2024-01-01".into()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            format!("quotes search={word}"),
            Box::new(|| {
                Ok(s.quotes(&QuoteQuery {
                    search: Some(word.clone()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            "entities".into(),
            Box::new(|| Ok(s.entities(&EntityQuery::default())?.total)),
        ),
        (
            "entities type=person".into(),
            Box::new(|| {
                Ok(s.entities(&EntityQuery {
                    kind: Some("person".into()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            "entities prefix=a".into(),
            Box::new(|| {
                Ok(s.entities(&EntityQuery {
                    prefix: Some("a".into()),
                    ..Default::default()
                })?
                .total)
            }),
        ),
        (
            format!("entity {top_id}"),
            Box::new(|| Ok(s.entity(&top_id)?.map_or(0, |e| e.entity.articles))),
        ),
        (
            "narratives".into(),
            Box::new(|| Ok(s.narratives(NarrativeGrouping::None)?.len() as u64)),
        ),
        (
            "narratives by outlet".into(),
            Box::new(|| Ok(s.narratives(NarrativeGrouping::Outlet)?.len() as u64)),
        ),
        (
            "narratives by month".into(),
            Box::new(|| Ok(s.narratives(NarrativeGrouping::Month)?.len() as u64)),
        ),
        (
            format!("search {word}"),
            Box::new(|| Ok(s.search(&word, 20, 0)?.total)),
        ),
    ];
    let only = args.get(3).cloned().unwrap_or_default();
    for (name, query) in queries.iter().filter(|(n, _)| n.contains(&only)) {
        let mut times = Vec::with_capacity(runs);
        let mut total = 0;
        query()?; // warm
        for _ in 0..runs {
            let t = Instant::now();
            total = query()?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        println!("{name:<44} {:>9.2} {:>9.2} {total:>9}", p(0.5), p(0.99));
    }
    Ok(())
}
