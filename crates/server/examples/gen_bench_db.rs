//! Generates a benchmark database: N contract article objects
//! (`newslens.article/1`) recombined from a fixed pool of sentences, speakers,
//! outlets and narratives by a seeded generator (the same N and seed give the
//! same database), put through `Store::put_articles` in batches, with the
//! store in `Store::bulk_load` mode (no checkpoint syncs, a 1 GB page cache).
//!
//! ```sh
//! cargo run --release -p newslens-server --example gen_bench_db -- DB [N=100000] [SEED=1] [news]
//! ```
//! Prints the store's ingest rate (articles/s through `put_articles`; the
//! annotation pipeline is not part of it) and the ids the benchmark queries use.
//!
//! With `news`, articles are closer to a news feed for the cross-article
//! signals benchmark (`docs/signals.md`): words from a generated
//! vocabulary of 20,000 (so a statement is not repeated in hundreds of
//! articles), dated in feed order over one year, 200 outlets and 5,000
//! speakers; 12 sentences and 5 quotes per article; one quote in five a
//! trimmed (¾) report of a statement from a pool of the last 100,000; one
//! article in ten a reprint of one of the last 1,000 (by a random outlet)
//! plus a sentence; one in four carrying a line from a pool of 2,000 repeated
//! lines (talking points); about 20 consecutive articles share an event's
//! three names in title and text (stories). No entities, narratives or
//! roles.

use newslens_store::Store;
use serde_json::{json, Value};
use std::process::ExitCode;
use std::time::Instant;

#[path = "../../signals/examples/support/syllable_word.rs"]
mod syllable_word;
use syllable_word::word;

/// splitmix64: small, seeded, good enough to pick from lists.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Skewed pick: low indexes far more often (a few speakers dominate).
    fn skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let a = self.below(items.len());
        let b = self.below(items.len());
        &items[a.min(b)]
    }
}

const OUTLETS: [&str; 12] = [
    "Example Daily",
    "Global Wire",
    "Kyiv Ledger",
    "Moscow Courier",
    "Sofia Post",
    "Lisbon Herald",
    "Delhi Chronicle",
    "Berlin Bote",
    "Paris Matin",
    "Warsaw Voice",
    "Madrid Diario",
    "Geneva Observer",
];

const PEOPLE: [(&str, &str, Option<&str>); 24] = [
    ("Sergei Ivanov", "Ivanov", None),
    ("Maria Lopez", "Lopez", None),
    ("Anna Smith", "Smith", None),
    ("Dmytro Kuleba", "Kuleba", Some("dmytro-kuleba")),
    ("Jens Stoltenberg", "Stoltenberg", Some("jens-stoltenberg")),
    ("Dmitry Peskov", "Peskov", Some("dmitry-peskov")),
    ("António Guterres", "Guterres", Some("antonio-guterres")),
    ("Olaf Scholz", "Scholz", Some("olaf-scholz")),
    ("Emmanuel Macron", "Macron", Some("emmanuel-macron")),
    (
        "Ursula von der Leyen",
        "von der Leyen",
        Some("ursula-von-der-leyen"),
    ),
    ("Josep Borrell", "Borrell", Some("josep-borrell")),
    ("Maria Zakharova", "Zakharova", Some("maria-zakharova")),
    ("John Kirby", "Kirby", Some("john-kirby")),
    ("Antony Blinken", "Blinken", Some("antony-blinken")),
    ("Sergei Lavrov", "Lavrov", Some("sergei-lavrov")),
    ("Rumen Radev", "Radev", Some("rumen-radev")),
    ("Narendra Modi", "Modi", Some("narendra-modi")),
    ("Luiz Inácio Lula da Silva", "Lula", Some("lula-da-silva")),
    ("Pedro Sánchez", "Sánchez", Some("pedro-sanchez")),
    ("Andrzej Duda", "Duda", Some("andrzej-duda")),
    ("Elena Petrova", "Petrova", None),
    ("Tomás Ribeiro", "Ribeiro", None),
    ("Priya Sharma", "Sharma", None),
    ("Hans Becker", "Becker", None),
];

const PLACES: [&str; 14] = [
    "Ukraine",
    "Russia",
    "Geneva",
    "Kyiv",
    "Moscow",
    "Brussels",
    "Sofia",
    "Lisbon",
    "New Delhi",
    "Berlin",
    "Paris",
    "Warsaw",
    "Madrid",
    "the Black Sea",
];

const ORGS: [&str; 8] = [
    "NATO",
    "the European Union",
    "the United Nations",
    "the Kremlin",
    "the IMF",
    "the World Bank",
    "the OSCE",
    "Gazprom",
];

const QUOTES: [&str; 30] = [
    "We are ready to meet again next week. But the terms must be clear",
    "There will be no compromise on our sovereignty",
    "The sanctions are hurting ordinary people more than anyone else",
    "Our partners have to understand that time is running out",
    "This is a dangerous escalation and we condemn it",
    "Grain exports must continue, whatever happens on the front line",
    "Nobody wants a wider war in Europe",
    "The West has ignored every warning we gave",
    "We will rebuild every school and every hospital",
    "The talks were constructive, but no agreement was reached",
    "Energy prices will fall by the spring, if the weather is kind",
    "The aid package is the largest in our history",
    "We see no sign that the other side is serious about peace",
    "Every refugee deserves protection and dignity",
    "These accusations are absurd and not worth a comment",
    "The referendum was illegal and its result is void",
    "Our troops are holding their positions near the river",
    "Inflation is the biggest threat to our economy this year",
    "We have evidence that the attack was planned for weeks",
    "The corridor is safe and ships are moving again",
    "Democracy cannot be defended with words alone",
    "We need more air defence systems, and we need them now",
    "The nuclear plant must be demilitarised immediately",
    "Cyber attacks on our ministries increased sharply",
    "Farmers are protesting because imports undercut their prices",
    "History will judge those who stayed silent",
    "The ceasefire was violated within hours",
    "Our economy has adapted to the new reality",
    "Misinformation spreads faster than any army",
    "We call on all sides to respect international law",
];

const CLAUSES: [&str; 16] = [
    "the negotiations would resume in the coming days",
    "the government had been informed in advance",
    "the convoy had reached the border crossing",
    "more sanctions were being prepared",
    "the harvest was smaller than expected",
    "the embassy would reopen next month",
    "the report contained serious errors",
    "the delegation had left the summit early",
    "the pipeline would stay closed until repairs were finished",
    "prices for fuel had doubled since the winter",
    "the attack had been repelled overnight",
    "the vote had been postponed",
    "an investigation had been opened",
    "the agreement was a step in the right direction",
    "civilians had been evacuated from the area",
    "the election results would be announced on Sunday",
];

const NEUTRAL: [&str; 14] = [
    "{P} and {O} agreed on a new timetable for the talks.",
    "Officials in {P} described the situation as tense but stable.",
    "The meeting in {P} lasted more than four hours.",
    "Analysts expect {O} to discuss the matter again in December.",
    "Shipping through {P} resumed after a pause of three days.",
    "Protesters gathered outside the offices of {O} in {P}.",
    "The latest figures from {O} show a sharp fall in exports.",
    "Residents of {P} reported power cuts throughout the night.",
    "Diplomats from {P} left the room before the vote.",
    "{O} published a statement late on Thursday.",
    "Journalists were not allowed to attend the briefing in {P}.",
    "The border with {P} remained closed to trucks.",
    "Markets in {P} reacted calmly to the news.",
    "A spokesman for {O} declined to comment.",
];

const CUES: [&str; 6] = [
    "said",
    "told reporters",
    "stated",
    "warned",
    "added",
    "insisted",
];

const NARRATIVES: [(&str, [&str; 3]); 6] = [
    ("URW: Discrediting Ukraine", [
        "URW: Discrediting Ukraine: Ukraine is a puppet of the West",
        "URW: Discrediting Ukraine: Discrediting Ukrainian government and officials and policies",
        "URW: Discrediting Ukraine: Situation in Ukraine is hopeless",
    ]),
    ("URW: Blaming the war on others rather than the invader", [
        "URW: Blaming the war on others rather than the invader: The West are the aggressors",
        "URW: Blaming the war on others rather than the invader: Ukraine is the aggressor",
        "URW: Blaming the war on others rather than the invader: Other",
    ]),
    ("URW: Praise of Russia", [
        "URW: Praise of Russia: Russia is a guarantor of peace and prosperity",
        "URW: Praise of Russia: Praise of Russian military might",
        "URW: Praise of Russia: Russian invasion has strong national and international support",
    ]),
    ("URW: Speculating war outcomes", [
        "URW: Speculating war outcomes: Russian army is collapsing",
        "URW: Speculating war outcomes: Ukrainian army is collapsing",
        "URW: Speculating war outcomes: Other",
    ]),
    ("CC: Criticism of climate policies", [
        "CC: Criticism of climate policies: Climate policies are ineffective",
        "CC: Criticism of climate policies: Climate policies have negative impact on the economy",
        "CC: Criticism of climate policies: Climate policies are only for profit",
    ]),
    ("URW: Distrust towards Media", [
        "URW: Distrust towards Media: Western media is an instrument of propaganda",
        "URW: Distrust towards Media: Ukrainian media cannot be trusted",
        "URW: Distrust towards Media: Other",
    ]),
];

const ROLES: [(&str, &str); 6] = [
    ("Protagonist", "Guardian"),
    ("Protagonist", "Peacemaker"),
    ("Antagonist", "Instigator"),
    ("Antagonist", "Deceiver"),
    ("Innocent", "Victim"),
    ("Antagonist", "Incompetent"),
];

/// Builds the text piece by piece, counting code points, and records spans.
struct Builder {
    text: String,
    chars: usize,
}

impl Builder {
    fn push(&mut self, s: &str) -> (usize, usize) {
        let start = self.chars;
        self.text.push_str(s);
        self.chars += s.chars().count();
        (start, self.chars)
    }
}

/// One entity of an article: name, type, actor id and mention spans.
struct Entity {
    name: String,
    kind: &'static str,
    actor: Option<&'static str>,
    spans: Vec<(usize, usize, String)>,
}

struct Mentions {
    list: Vec<Entity>,
}

impl Mentions {
    /// Records a mention; returns the entity's index (its id is `E{index + 1}`).
    fn add(
        &mut self,
        name: &str,
        kind: &'static str,
        actor: Option<&'static str>,
        span: (usize, usize),
        text: &str,
    ) -> usize {
        let i = match self.list.iter().position(|e| e.name == name) {
            Some(i) => i,
            None => {
                self.list.push(Entity {
                    name: name.to_string(),
                    kind,
                    actor,
                    spans: Vec::new(),
                });
                self.list.len() - 1
            }
        };
        self.list[i].spans.push((span.0, span.1, text.to_string()));
        i
    }
}

fn article(n: usize, rng: &mut Rng) -> Value {
    let outlet = *rng.pick(&OUTLETS);
    let year = 2022 + rng.below(3);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let published = format!("{year:04}-{month:02}-{day:02}");
    let mut b = Builder {
        text: String::new(),
        chars: 0,
    };
    let mut ents = Mentions { list: Vec::new() };
    let mut quotes = Vec::new();
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    let main_person = *rng.skewed(&PEOPLE);
    let main_place = *rng.pick(&PLACES);
    let title = format!(
        "{} on {}: {}",
        main_person.0,
        main_place,
        rng.pick(&QUOTES).split('.').next().unwrap_or("talks")
    );
    let n_paragraphs = 3 + rng.below(3);
    for p in 0..n_paragraphs {
        if p > 0 {
            b.push("\n\n");
        }
        let p_start = b.chars;
        let n_sent = 2 + rng.below(3);
        for s in 0..n_sent {
            if s > 0 {
                b.push(" ");
            }
            let s_start = b.chars;
            let person = if rng.below(3) == 0 {
                *rng.skewed(&PEOPLE)
            } else {
                main_person
            };
            match rng.below(3) {
                0 => {
                    // "QUOTE," Speaker said.
                    b.push("\u{201c}");
                    let q = *rng.pick(&QUOTES);
                    let qs = b.push(q);
                    b.push(",\u{201d} ");
                    let full = rng.below(2) == 0;
                    let written = if full { person.0 } else { person.1 };
                    let sp = b.push(written);
                    let e = ents.add(person.0, "person", person.2, sp, written);
                    let cue = *rng.pick(&CUES);
                    b.push(" ");
                    b.push(cue);
                    b.push(".");
                    quotes.push(json!({"text": q, "start": qs.0, "end": qs.1, "kind": "direct",
                        "cue": cue.split(' ').next(),
                        "speaker": {"text": written, "start": sp.0, "end": sp.1, "name": person.0, "entity": format!("E{}", e + 1)},
                        "said_on": if rng.below(2) == 0 { Value::from(published.clone()) } else { Value::Null }}));
                }
                1 => {
                    // Speaker said that CLAUSE.
                    let sp = b.push(person.0);
                    let e = ents.add(person.0, "person", person.2, sp, person.0);
                    b.push(" said that ");
                    let c = *rng.pick(&CLAUSES);
                    let cs = b.push(c);
                    b.push(".");
                    quotes.push(json!({"text": c, "start": cs.0, "end": cs.1, "kind": "indirect", "cue": "said",
                        "speaker": {"text": person.0, "start": sp.0, "end": sp.1, "name": person.0, "entity": format!("E{}", e + 1)},
                        "said_on": Value::Null}));
                }
                _ => {
                    let t = *rng.pick(&NEUTRAL);
                    let place = if rng.below(2) == 0 {
                        main_place
                    } else {
                        *rng.pick(&PLACES)
                    };
                    let org = *rng.pick(&ORGS);
                    // Fill {P} and {O} in order, recording the mentions.
                    let mut rest = t;
                    while let Some(i) = rest.find('{') {
                        b.push(&rest[..i]);
                        let (name, kind) = if rest[i..].starts_with("{P}") {
                            (place, "location")
                        } else {
                            (org, "organization")
                        };
                        let sp = b.push(name);
                        ents.add(name, kind, None, sp, name);
                        rest = &rest[i + 3..];
                    }
                    b.push(rest);
                }
            }
            sentences.push(json!({"start": s_start, "end": b.chars}));
        }
        paragraphs.push(json!({"start": p_start, "end": b.chars}));
    }
    // Narratives: 0–2, evidence is one or two of the sentences.
    let mut narratives = Vec::new();
    for _ in 0..rng.below(3) {
        let (narr, subs) = rng.skewed(&NARRATIVES);
        let sub = if rng.below(4) == 0 {
            Value::Null
        } else {
            Value::from(*rng.pick(subs))
        };
        let ev = sentences[rng.below(sentences.len())].clone();
        narratives.push(json!({"narrative": narr, "subnarrative": sub,
            "score": 0.5 + (rng.below(50) as f64) / 100.0, "evidence": [ev]}));
    }
    let entities: Vec<Value> = ents
        .list
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({"id": format!("E{}", i + 1), "name": e.name, "type": e.kind, "actor": e.actor,
                "mentions": e.spans.iter().map(|(s, e, t)| json!({"start": s, "end": e, "text": t})).collect::<Vec<_>>()})
        })
        .collect();
    let mut roles = Vec::new();
    for (i, _) in ents.list.iter().enumerate().take(2) {
        if rng.below(2) == 0 {
            let (main, fine) = rng.pick(&ROLES);
            roles.push(
                json!({"entity": format!("E{}", i + 1), "main": main, "fine": [fine],
                "score": 0.4 + (rng.below(60) as f64) / 100.0}),
            );
        }
    }
    json!({
        "schema": "newslens.article/1",
        "id": format!("gen-{n}"),
        "title": title,
        "published": published,
        "lang": "en",
        "byline": null,
        "credits": [],
        "text": b.text,
        "boilerplate": [],
        "source": {"path": format!("gen-{n}"), "url": format!("https://example.com/{n}"), "outlet": outlet, "format": "jsonl"},
        "paragraphs": paragraphs,
        "sentences": sentences,
        "entities": entities,
        "quotes": quotes,
        "dates": [],
        "narratives": narratives,
        "roles": roles,
    })
}

/// `news` mode: the vocabulary of sentences.
const VOCAB: usize = 20_000;

/// A sentence of 8–21 generated words, without its full stop.
fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(14);
    let mut words: Vec<String> = (0..n).map(|_| word(rng.below(VOCAB))).collect();
    if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().chain(c).collect();
        }
    }
    words.join(" ")
}

/// State of the `news` generator across articles.
#[derive(Default)]
struct Feed {
    /// Recent statements, reported again (trimmed) by later quotes.
    statements: Vec<String>,
    /// Recent articles (text, quotes), reprinted by later ones.
    recent: Vec<(String, Vec<Value>)>,
    /// Repeated lines (talking points), made once.
    lines: Vec<String>,
}

/// Article `k` of `n` in `news` mode (see the module documentation).
fn news_article(k: usize, n: usize, rng: &mut Rng, feed: &mut Feed) -> Value {
    if feed.lines.is_empty() {
        feed.lines = (0..2000).map(|_| sentence(rng)).collect();
    }
    let outlet = format!("Outlet {}", rng.below(200));
    let day = k * 365 / n.max(1);
    let (month, dom) = (1 + (day / 31).min(11), 1 + day % 28);
    let published = format!("2023-{month:02}-{dom:02}");
    let event = k / 20;
    let names: Vec<String> = (0..3).map(|j| word(VOCAB + event * 3 + j)).collect();
    let title = format!(
        "{} {} and {}: {}",
        names[0],
        names[1],
        names[2],
        sentence(rng)
    );
    let (text, quotes) = if k > 10 && rng.below(10) == 0 && !feed.recent.is_empty() {
        // A reprint of a recent article, one sentence added.
        let (text, quotes) = feed.recent[rng.below(feed.recent.len())].clone();
        (format!("{text} {}.", sentence(rng)), quotes)
    } else {
        let mut b = Builder {
            text: String::new(),
            chars: 0,
        };
        let mut quotes = Vec::new();
        let quote_at: Vec<usize> = (0..5).map(|_| rng.below(12)).collect();
        let line_at = (rng.below(4) == 0).then(|| rng.below(12));
        for s in 0..12 {
            if s > 0 {
                b.push(" ");
            }
            if s == 0 {
                b.push(&format!("{} of {} said {}.", names[0], names[1], names[2]));
                b.push(" ");
            }
            if line_at == Some(s) {
                let line = feed.lines[rng.below(feed.lines.len())].clone();
                b.push(&line);
                b.push(". ");
            }
            for _ in quote_at.iter().filter(|&&q| q == s) {
                let text = if !feed.statements.is_empty() && rng.below(5) == 0 {
                    let st = &feed.statements[rng.below(feed.statements.len())];
                    let words: Vec<&str> = st.split(' ').collect();
                    words[..words.len() * 3 / 4].join(" ")
                } else {
                    let st = sentence(rng);
                    if feed.statements.len() < 100_000 {
                        feed.statements.push(st.clone());
                    } else {
                        let i = rng.below(feed.statements.len());
                        feed.statements[i] = st.clone();
                    }
                    st
                };
                let speaker = format!("{} {}", word(rng.below(5000)), word(5000 + rng.below(5000)));
                b.push("\u{201c}");
                let qs = b.push(&text);
                b.push(",\u{201d} ");
                let sp = b.push(&speaker);
                b.push(" said. ");
                quotes.push(json!({"text": text, "start": qs.0, "end": qs.1, "kind": "direct",
                    "cue": "said",
                    "speaker": {"text": speaker, "start": sp.0, "end": sp.1, "name": speaker, "entity": null},
                    "said_on": null}));
            }
            b.push(&sentence(rng));
            b.push(".");
        }
        (b.text, quotes)
    };
    if feed.recent.len() < 1000 {
        feed.recent.push((text.clone(), quotes.clone()));
    } else {
        let i = rng.below(feed.recent.len());
        feed.recent[i] = (text.clone(), quotes.clone());
    }
    json!({
        "schema": "newslens.article/1",
        "id": format!("news-{k}"),
        "title": title,
        "published": published,
        "lang": "en",
        "byline": null,
        "credits": [],
        "text": text,
        "boilerplate": [],
        "source": {"path": format!("news-{k}"), "url": format!("https://example.com/news/{k}"), "outlet": outlet, "format": "jsonl"},
        "paragraphs": [],
        "sentences": [],
        "entities": [],
        "quotes": quotes,
        "dates": [],
        "narratives": [],
        "roles": [],
    })
}

/// Articles per `put_articles` call (one transaction each).
const BATCH: usize = 5000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first() else {
        eprintln!("usage: gen_bench_db DB [N=100000] [SEED=1] [news]");
        return ExitCode::from(2);
    };
    let n: usize = match args.get(1).map(|s| s.parse()) {
        None => 100_000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("gen_bench_db: N must be a number");
            return ExitCode::from(2);
        }
    };
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let news = match args.get(3).map(String::as_str) {
        None => false,
        Some("news") => true,
        Some(other) => {
            eprintln!("gen_bench_db: the 4th argument can only be `news`, got {other:?}");
            return ExitCode::from(2);
        }
    };
    let mut store = match Store::open(std::path::Path::new(db)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen_bench_db: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A one-off import into a new file: no checkpoint syncs, a large page
    // cache (see `Store::bulk_load`).
    if let Err(e) = store.bulk_load(true) {
        eprintln!("gen_bench_db: {e}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let mut put_time = 0.0;
    let mut stored = 0u64;
    // Articles are made on a thread of their own, a batch ahead of the
    // store's writes (same generator, same order: the same database as
    // making them in line), so making and storing overlap on two cores.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Value>>(2);
    let maker = std::thread::spawn(move || {
        let mut feed = Feed::default();
        let mut rng = Rng(seed);
        let mut i = 0;
        while i < n {
            let articles: Vec<Value> = (i..(i + BATCH).min(n))
                .map(|k| {
                    if news {
                        news_article(k, n, &mut rng, &mut feed)
                    } else {
                        article(k, &mut rng)
                    }
                })
                .collect();
            i += articles.len();
            if tx.send(articles).is_err() {
                return;
            }
        }
    });
    let mut i = 0;
    for articles in rx {
        let t = Instant::now();
        match store.put_articles(&articles) {
            Ok(s) => stored += s.stored + s.replaced,
            Err(e) => {
                eprintln!("gen_bench_db: {e}");
                return ExitCode::FAILURE;
            }
        }
        put_time += t.elapsed().as_secs_f64();
        let before = i;
        i += articles.len();
        if i / 10_000 != before / 10_000 || i == n {
            eprintln!(
                "gen_bench_db: {i}/{n} articles, {:.0} articles/s into the store",
                i as f64 / put_time.max(1e-9)
            );
        }
    }
    if maker.join().is_err() {
        eprintln!("gen_bench_db: the generator thread failed");
        return ExitCode::FAILURE;
    }
    let t = std::time::Instant::now();
    if let Err(e) = store.optimize().and_then(|()| store.bulk_load(false)) {
        eprintln!("gen_bench_db: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "gen_bench_db: full-text indexes merged in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let total = started.elapsed().as_secs_f64();
    println!(
        "articles={n} stored={stored} put_seconds={put_time:.1} put_rate={:.0}/s total_seconds={total:.1}",
        n as f64 / put_time.max(1e-9)
    );
    ExitCode::SUCCESS
}
